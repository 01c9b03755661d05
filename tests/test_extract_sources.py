"""Who speaks: one row per construction where the parse hides the speaker, sentence -> expected (source, cue)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from graph.extract.pipeline import extract
from tests.extract_checks import check_source_and_cue, claim_with

if TYPE_CHECKING:
    from spacy.language import Language

# text, expected source mention (None: no source), cue, a piece of the content
CASES = [
    pytest.param(
        "In reiterating the growing frustration with Labour one local shopkeeper said: “Nobody listens to us here.”",
        "one local shopkeeper", "said", "Nobody listens to us", id="stranded-subject-opens-at-its-determiner",
    ),
    pytest.param(
        "“We have to win back the suburbs,” wrote the authors of the “Fresh Start Report,” adding that turnout "
        "mattered most.",
        "the authors", "wrote", "win back the suburbs", id="subject-cut-before-quoted-title",
    ),
    pytest.param(
        "“It was a total disaster,” said the woman, who like many in the village did not want to be named.",
        "the woman", "said", "a total disaster", id="inverted-tag-phrase-hung-on-relative-clause",
    ),
    pytest.param(
        "“Having the data is valuable,” said Skelly, explaining that he had worked with the party for years.",
        "Skelly", "said", "Having the data", id="inverted-tag-name-read-as-adverb",
    ),
    pytest.param(
        "“I'm not going to apologise for it, so forget about it,” said retired surgeon Ben Okafor, asked about his "
        "claims that he had won a prize.",
        "retired surgeon Ben Okafor", "said", "not going to apologise", id="inverted-tag-name-subject-of-participle",
    ),
    pytest.param(
        "Asked about the vote, Early described the plan as “a disaster for the town.”",
        "Early", "described", "a disaster for the town", id="name-read-as-adverb-before-finite-verb",
    ),
    pytest.param(
        "In his weekly column, Will described the senator as “a fraud who never shows up.”",
        "Will", "described", "a fraud who never shows up", id="name-read-as-modal-not-the-object",
    ),
    pytest.param(
        "Speaking on the campaign trail for his wife, candidate Maria Lopez, former governor Tom Reyes said his "
        "wife was “the best person for the job.”",
        "former governor Tom Reyes", "said", "the best person for the job", id="subject-read-as-appositive",
    ),
    pytest.param(
        "A city official who spoke on condition of anonymity to discuss internal plans said Wednesday, “There are "
        "talks between the two offices.”",
        "A city official who spoke on condition of anonymity to discuss internal plans", "said",
        "There are talks", id="subject-hosting-relative-clause-not-the-date",
    ),
    pytest.param(
        "Anna Brooks, who is standing against Ohio Democrat Paul Grant, said in a statement that \"city hall "
        "paralysis has kept the council from fixing a dangerous water supply.\"",
        "Anna Brooks, who is standing against Ohio Democrat Paul Grant", "statement", "city hall paralysis",
        id="noun-cue-in-statement-takes-the-verbs-subject",
    ),
    pytest.param(
        "“How deep is that river?” asked the girl, who was holding a blue umbrella and said she was seven, as the "
        "crowd giggled and clapped.",
        "the girl", "asked", "How deep is that river?", id="inverted-asked-takes-the-phrase-after",
    ),
    pytest.param(
        "But Rep. Laura K. Mendes (R-Tex.), noting the length of Grant's record, said, \"Believe me, she has one "
        "enormous donor network.\"",
        "Rep. Laura K. Mendes", "said", "enormous donor network", id="subject-of-participle-parsed-as-main-verb",
    ),
    pytest.param(
        "At one point the chairman urged the board to act faster. That prompted Lopez to make a joke about snails "
        "and call the chairman “very patient,” a nod to the delays.",
        "Lopez", "call", "very patient", id="object-of-prompt-does-the-infinitive",
    ),
    pytest.param(
        "The new campaign group will informally be dubbed the “Save Our Parks Fund” and will focus on local "
        "councils.",
        None, "dubbed", "Save Our Parks Fund", id="passive-naming-subject-is-the-named-thing",
    ),
    pytest.param(
        "Ohio scrapped what had been called the “Golden Week,” the days when voters could register and vote at "
        "once.",
        None, "called", "Golden Week", id="passive-naming-relative-what",
    ),
    pytest.param(
        "Owls are considered the “silent hunters of the forest.”",
        None, "considered", "silent hunters", id="passive-considered-names-no-speaker",
    ),
    pytest.param(
        "Likewise, a report from the left-leaning Carter Institute had this to say about his free-lunch proposal: "
        "\"Families from the top half of the income scale would gain far more than the poor.\"",
        "a report from the left-leaning Carter Institute", "to say", "Families from the top half",
        id="hyphen-inside-a-word-is-no-dash-tag",
    ),
]


@pytest.mark.parametrize(("text", "source", "cue", "content"), CASES)
def test_source_construction(nlp: Language, text: str, source: str | None, cue: str, content: str) -> None:
    """Each construction yields a claim holding the content with the expected speaker mention and cue."""
    extraction = extract(nlp, text)
    claim = claim_with(extraction, content)
    check_source_and_cue(claim, source, cue)
    assert all(span.verify(text) for span in extraction.spans())
