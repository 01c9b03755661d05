"""Quotations the parse-based rules leave unattributed, recovered by constructions read from the words.

One row per construction: sentence -> the claim holding the quoted words (speaker as written, cue, a piece of
the content); rows in NOT_CLAIMS must yield no claim holding the given words.  Every sentence is invented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from graph.extract.pipeline import extract
from tests.extract_checks import check_source_and_cue, claim_with

if TYPE_CHECKING:
    from spacy.language import Language

# text, source, cue, a piece of the content (the claim must be direct)
SURFACE_TAGS = [
    pytest.param("“The river has never been this low in living memory,” the two write.",
                 "the two", "write", "never been this low", id="present-write-tagged-as-noun"),
    pytest.param("“If the council wants to keep the library open, it should find the money now,” the editorial read.",
                 "the editorial", "read", "keep the library open", id="artefact-read"),
    pytest.param("“Farmers have carried this region through three droughts and two floods,” a narrator in the video "
                 "states.", "a narrator in the video", "states", "three droughts", id="states-tagged-as-noun"),
    pytest.param("\"Today, the province is one of the safest places in the country, and has been working with its "
                 "neighbours on every front,\" the ministers state in the report.",
                 "the ministers", "state", "safest places", id="plural-state-with-adjunct"),
    pytest.param("“The bridge will be finished by spring,” Dana Whitfield, the engineer who designed it, tweeted on "
                 "Monday. “The money is already there.”",
                 "Dana Whitfield, the engineer who designed it", "tweeted", "The money is already there",
                 id="appositive-with-relative-then-second-quote"),
    pytest.param("\"It is time we had a teacher running this school board,\" exhorted the evening's host, novelist "
                 "Clara Osei.", "the evening's host, novelist Clara Osei", "exhorted", "a teacher running",
                 id="inverted-exhort"),
]


@pytest.mark.parametrize(("text", "source", "cue", "content"), SURFACE_TAGS)
def test_surface_tag(nlp: Language, text: str, source: str, cue: str, content: str) -> None:
    claim = claim_with(extract(nlp, text), content)
    check_source_and_cue(claim, source, cue)
    assert claim.kind.value == "direct"


NOT_CLAIMS = [
    pytest.param("“Solace,” the novel she wrote in a year, sold well.", "Solace", id="relative-clause-in-tag"),
    pytest.param("“The Long Goodbye,” the song he wrote in prison, topped the charts.", "Long Goodbye",
                 id="title-with-relative-clause"),
]


@pytest.mark.parametrize(("text", "words"), NOT_CLAIMS)
def test_no_claim(nlp: Language, text: str, words: str) -> None:
    assert not [c for c in extract(nlp, text).claims if words in c.content_text]


# text, source, cue, a piece of the content, kind
FRAMING = [
    pytest.param("As the coach put it: “We lost the game in the first ten minutes.”",
                 "the coach", "put it", "first ten minutes", "direct", id="as-put-it-colon-quote"),
    pytest.param("That is because, as the treasurer puts it, “the best thing we have” is that rates stayed low.",
                 "the treasurer", "puts it", "rates stayed low", "mixed", id="as-puts-it-mid-sentence"),
    pytest.param("The new tax is a scam, as the senator put it.",
                 "the senator", "put it", "The new tax is a scam", "indirect", id="as-put-it-sentence-final"),
    pytest.param("In the nurse's words, “It was the longest night of my life.”",
                 "the nurse", "In the nurse's words", "longest night", "direct", id="in-possessor-words"),
    pytest.param("In the words of one volunteer, the shelter is “running on fumes.”",
                 "one volunteer", "In the words of one volunteer", "running on fumes", "mixed", id="in-the-words-of"),
]


@pytest.mark.parametrize(("text", "source", "cue", "content", "kind"), FRAMING)
def test_framing_phrase(nlp: Language, text: str, source: str, cue: str, content: str, kind: str) -> None:
    claim = claim_with(extract(nlp, text), content)
    check_source_and_cue(claim, source, cue)
    assert claim.kind.value == kind


NOT_FRAMING = [
    pytest.param("In other words, the plan failed.", "the plan failed", id="in-other-words"),
    pytest.param("She put it on the table, as her mother had.", "table", id="put-it-on"),
]


@pytest.mark.parametrize(("text", "words"), NOT_FRAMING)
def test_no_framing(nlp: Language, text: str, words: str) -> None:
    assert not [c for c in extract(nlp, text).claims if words in c.content_text]


# text, source, cue, a piece of the quotation
BARE_INTROS = [
    pytest.param("Professor Lena Ruiz of the state university agreed. \"Moderate voters are running out of options, "
                 "and the clock is ticking.\"", "Professor Lena Ruiz of the state university", "agreed",
                 "running out of options", id="agreed-then-quote"),
    pytest.param("Mark Osei, the spokesman for the county party, said in a statement. “There are no paper ballots to "
                 "count, and nothing to recount.”", "Mark Osei, the spokesman for the county party", "said",
                 "no paper ballots", id="said-in-a-statement-then-quote"),
]


@pytest.mark.parametrize(("text", "source", "cue", "content"), BARE_INTROS)
def test_bare_intro(nlp: Language, text: str, source: str, cue: str, content: str) -> None:
    claim = claim_with(extract(nlp, text), content)
    check_source_and_cue(claim, source, cue)
    assert claim.kind.value == "direct"


NOT_INTROS = [
    pytest.param("He smiled. “I have never felt better in my whole life.”", "never felt better", id="not-a-speech-verb"),
    pytest.param("The guide shrugged. “Nobody ever comes up here in the winter months.”", "Nobody ever comes",
                 id="weak-gesture-verb"),
]


@pytest.mark.parametrize(("text", "words"), NOT_INTROS)
def test_no_intro(nlp: Language, text: str, words: str) -> None:
    assert not [c for c in extract(nlp, text).claims if words in c.content_text]


# text, source, cue, a piece of the quotation
NOUN_INTROS = [
    pytest.param("His reply was short: “We will not resign, and we will not apologize.”", "His", "reply",
                 "will not resign", id="possessed-noun-before-colon"),
    pytest.param("The rally had one message: \"Repeal the tax before the winter.\"", "The rally", "message",
                 "Repeal the tax", id="object-noun-before-colon"),
]


@pytest.mark.parametrize(("text", "source", "cue", "content"), NOUN_INTROS)
def test_noun_intro(nlp: Language, text: str, source: str, cue: str, content: str) -> None:
    claim = claim_with(extract(nlp, text), content)
    check_source_and_cue(claim, source, cue)
    assert claim.kind.value == "direct"


# text, source, cue, a piece of the content (the claim is mixed: the sentence before the tag)
SENTENCE_TAGS = [
    pytest.param("Students who do take on  heavy debt struggle, even with a \"decent\" salary, she said.",
                 "she", "said", "heavy debt struggle", id="sentence-with-quote-then-tag"),
]


@pytest.mark.parametrize(("text", "source", "cue", "content"), SENTENCE_TAGS)
def test_sentence_tag(nlp: Language, text: str, source: str, cue: str, content: str) -> None:
    claim = claim_with(extract(nlp, text), content)
    check_source_and_cue(claim, source, cue)
    assert claim.kind.value == "mixed"


def test_participle_is_no_sentence_tag(nlp: Language) -> None:
    text = "Chrabowski, who goes by “Chip,” was among the quiet engineers, posting photos of every server."
    assert not [c for c in extract(nlp, text).claims if "quiet engineers" in c.content_text]


# text, source, a piece of the quotation
DASH_SIGNATURES = [
    pytest.param("The council met on Tuesday.\n\n\"Nobody in this valley will forget the flood of last spring, and nobody "
                 "should.\"\n\n- Maria Okafor, Riverside.\n\nThe vote is next week.", "Maria Okafor", "forget the flood",
                 id="dash-name-place"),
    pytest.param("\"It has to stop, and it has to stop now.\"\n\n-Tom Reyes, tweeting after the debate.", "Tom Reyes",
                 "It has to stop", id="glued-dash-name-description"),
    pytest.param("“Every vote in this county will be counted twice.”\n\n— Election Director Ana Silva.", "Election Director Ana Silva",
                 "counted twice", id="em-dash-title-name"),
]


@pytest.mark.parametrize(("text", "source", "content"), DASH_SIGNATURES)
def test_dash_signature(nlp: Language, text: str, source: str, content: str) -> None:
    claim = claim_with(extract(nlp, text), content)
    assert claim.source is not None and claim.source.span.text == source
    assert claim.kind.value == "direct"


def test_dash_heading_is_no_signature(nlp: Language) -> None:
    text = "“It has to stop, and it has to stop now.”\n\n– Old hands –.\n\nThe race went on."
    assert not [c for c in extract(nlp, text).claims if "has to stop" in c.content_text and c.source is not None]


# text, source, a piece of the quotation
TRANSCRIPT_LINES = [
    pytest.param("Rep. Jane Doe (D-Ohio):\"Who told you that figure? Who told you that?\"", "Rep. Jane Doe",
                 "Who told you", id="name-party-label-colon"),
    pytest.param("Former state treasurer Jane Doe:\"We learned that from the department and its own analysis.\"",
                 "Former state treasurer Jane Doe", "We learned that", id="long-title-name-colon"),
]


@pytest.mark.parametrize(("text", "source", "content"), TRANSCRIPT_LINES)
def test_transcript_line(nlp: Language, text: str, source: str, content: str) -> None:
    claim = claim_with(extract(nlp, text), content)
    assert claim.source is not None and claim.source.span.text == source
    assert claim.kind.value == "direct"


def test_circumstance_before_colon_is_no_name(nlp: Language) -> None:
    text = "Then, later that month on CNN: \"We learned that from the department and its own analysis.\""
    assert not [c for c in extract(nlp, text).claims if c.source is not None and "CNN" in c.source.span.text]
