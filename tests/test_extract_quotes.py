"""Quotation attribution: one row per construction, sentence -> expected (speaker, cue, content)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from graph.extract.pipeline import extract
from graph.extract.quotes import title_like
from graph.types import ClaimKind
from tests.extract_checks import check_source_and_cue, claim_with

if TYPE_CHECKING:
    from spacy.language import Language

# text, expected source mention (None: no source), cue, a piece of the content
CASES = [
    pytest.param(
        "The mayor thanked the volunteers for “stepping in when the council would not.”",
        "The mayor", "thanked", "stepping in when the council would not", id="governor-prep-of-cue-verb",
    ),
    pytest.param(
        "Halfway through the meeting the chairman barked “Sit down and let her finish,” and walked out.",
        "the chairman", "barked", "Sit down and let her finish", id="governor-any-verb-full-sentence",
    ),
    pytest.param(
        "“This is the best result we have ever had,” I confessed.",
        "I", "confessed", "the best result we have ever had", id="governor-trailing-tag-any-verb",
    ),
    pytest.param(
        "At one point the crowd loudly reprised the chant “Send them home! Send them home!”",
        "the crowd", "reprised", "Send them home!", id="governor-object-chant",
    ),
    pytest.param(
        "Speaking at a school in Leeds, West Yorkshire, Harris went after the minister, calling him “a total "
        "failure.”",
        "Harris", "calling", "a total failure", id="participle-tag-main-subject-not-place",
    ),
    pytest.param(
        "Okafor seemed ready to joke about the delay in Bristol, telling the crowd, “Some trains get a little "
        "carried away, have you noticed?”",
        "Okafor", "telling", "Some trains get a little carried away", id="participle-tag-misparsed-head",
    ),
    pytest.param(
        "The results are in.\nThe council leader said that the budget was “a total mess” and had to go.",
        "The council leader", "said", "a total mess", id="paragraph-break-starts-a-sentence",
    ),
    pytest.param(
        "“Go back to your seat,” the chairman barked, and the guards moved in.",
        "the chairman", "barked", "Go back to your seat", id="loose-tag-manner-verb",
    ),
    pytest.param(
        "The delegates cheered.\n“This is fantastic!” beamed Maria Lopez of Leeds, waving a flag.",
        "Maria Lopez of Leeds", "beamed", "This is fantastic!", id="loose-tag-inverted",
    ),
    pytest.param(
        "The senator gestured to the crowd, then leaned in and boomed: “We will win this in November.”",
        "The senator", "boomed", "We will win this in November", id="loose-intro-colon",
    ),
    pytest.param(
        "MADRID (Reuters) - Pedro Alvarez said the talks had been “a complete waste of everybody’s time.”",
        "Pedro Alvarez", "said", "a complete waste of everybody", id="dateline-subject-is-not-the-speaker",
    ),
    pytest.param(
        "At the hearing, Ms Okoro pledged to oppose the new tariffs “today, tomorrow and forever.”",
        "Ms Okoro", "pledged", "to oppose the new tariffs “today, tomorrow and forever.”",
        id="content-extended-over-trailing-quote",
    ),
    pytest.param(
        "The result did not surprise the pollster Ann Selzer: “Late deciders broke hard for the challenger.”",
        "the pollster Ann Selzer", ":", "Late deciders broke hard", id="colon-after-person-named-last",
    ),
    pytest.param(
        "Editorials warned of trouble. \"Owners should leave their guns at home,\" opined Cleveland's Plain Dealer.",
        "Cleveland's Plain Dealer", "opined", "Owners should leave their guns", id="loose-tag-inverted-name-as-object",
    ),
]

# text with a quotation that must not become a claim
NOT_CLAIMS = [
    pytest.param("She was joined on stage by Tom Reyes, star of the cooking show “Kitchen Kings.”", id="show-title"),
    pytest.param("Several supporters waved their “Farmers for Change” signs from the balcony.", id="title-on-sign"),
    # ("pushed the … narrative" is a weak verb-object cue learnt from PolNeAR train: a claim at confidence ~0.3)
    pytest.param("The group used the “safe streets” label all summer.", id="scare-quote-ordinary-verb"),
    pytest.param("He lost his farm when “the bank simply stopped answering the phone.”", id="quoted-when-clause"),
    pytest.param("The minister spoke on the radio programme “Today in Parliament” on Monday.", id="prep-title"),
    pytest.param("“Mr. Lee?” I had prepared a short statement for the court.", id="question-then-new-sentence"),
]


@pytest.mark.parametrize(("text", "source", "cue", "content"), CASES)
def test_quote_construction(nlp: Language, text: str, source: str | None, cue: str, content: str) -> None:
    """Each construction yields a claim holding the quotation with the expected speaker mention and cue."""
    extraction = extract(nlp, text)
    claim = claim_with(extraction, content)
    check_source_and_cue(claim, source, cue)
    assert all(span.verify(text) for span in extraction.spans())


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_quotation_without_speaker_is_no_claim(nlp: Language, text: str) -> None:
    """Titles, scare quotes next to ordinary verbs and quoted circumstances report nobody's words."""
    assert not any("“" in c.content_text for c in extract(nlp, text).claims)


@pytest.mark.parametrize(
    ("quoted", "expected"),
    [
        ("“Good Morning America”", True),
        ("“The Nightly Show with Larry Wilmore.”", True),
        ("“Scam.”", True),
        ("“Lock her up!”", False),
        ("“We will win this race.”", False),
        ("“a total failure.”", False),
    ],
)
def test_title_like(quoted: str, expected: bool) -> None:
    """Title-case quotations without sentence punctuation (or very short ones with a period) are titles."""
    assert title_like(quoted) is expected


def test_extended_reported_speech_becomes_mixed(nlp: Language) -> None:
    """Reported speech whose content is extended over a trailing quotation is a mixed claim."""
    text = "At the hearing, Ms Okoro pledged to oppose the new tariffs “today, tomorrow and forever.”"
    assert claim_with(extract(nlp, text), "tariffs “today").kind is ClaimKind.MIXED
