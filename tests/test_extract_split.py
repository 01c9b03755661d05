"""Where one attribution ends and the next begins: a second attribution must not be swallowed by the first's
content, and a bare quotation right after a reported claim belongs to that claim.

One row per construction: sentence -> the first claim (speaker, cue, a piece of its content, words it must not
hold) and the second claim (speaker, cue, a piece of its content); or sentence -> the claim whose content runs
on into the quotation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from graph.extract.pipeline import extract
from tests.extract_checks import check_source_and_cue, claim_with

if TYPE_CHECKING:
    from spacy.language import Language

# text, (source, cue, content piece, words the first content must not hold), (source, cue, content piece)
CASES = [
    pytest.param(
        "Okafor said the plan was “a disaster,” describing the committee as hopelessly divided.",
        ("Okafor", "said", "a disaster", "describing"),
        ("Okafor", "describing", "the committee as hopelessly divided"),
        id="participle-after-comma-inside-quote",
    ),
    pytest.param(
        "The treasurer said the audit was “a complete waste of time,” calling it a gift to consultants.",
        ("The treasurer", "said", "complete waste", "calling"),
        ("The treasurer", "calling", "a gift to consultants"),
        id="naming-participle-after-quoted-phrase",
    ),
]


@pytest.mark.parametrize(("text", "first", "second"), CASES)
def test_two_claims(
    nlp: Language, text: str, first: tuple[str, str, str, str], second: tuple[str, str, str]
) -> None:
    """Both attributions are claims of their own; the first one's content stops before the second."""
    extraction = extract(nlp, text)
    source, cue, content, not_in = first
    outer = claim_with(extraction, content)
    check_source_and_cue(outer, source, cue)
    assert not_in not in outer.content_text
    source, cue, content = second
    inner = claim_with(extraction, content)
    check_source_and_cue(inner, source, cue)
    assert inner is not outer
    assert all(span.verify(text) for span in extraction.spans())


# text, source, cue, a piece of the reported clause, a piece of the quotation (None: the quotation is not joined)
TRAILING = [
    pytest.param(
        "Greene added that the council wants to finish before the vote. “They don’t like to talk about it.”",
        "Greene", "added", "finish before the vote", "like to talk about it", id="quotation-after-that-clause",
    ),
    pytest.param(
        "The mayor touted her record on housing. “We built more homes than anyone.” Critics disagreed.",
        "The mayor", "touted", "her record on housing", "more homes than anyone", id="quotation-after-object",
    ),
    pytest.param(
        "Reyes told the committee that the depot would stay open. “We cannot close it now.” “The buses need it.”",
        "Reyes", "told", "the depot would stay open", "The buses need it", id="two-quotations-after-clause",
    ),
    pytest.param(
        "Councillor Reyes insisted that the depot was safe: “Nobody has been hurt there in ten years.”",
        "Councillor Reyes", "insisted", "the depot was safe", "Nobody has been hurt", id="clause-before-colon",
    ),
    pytest.param(
        "The mayor touted her record: “We built more homes than anyone.”",
        "The mayor", "touted", "her record", "more homes than anyone", id="object-before-colon",
    ),
    pytest.param(
        "The mayor defended the budget on Monday. “Homes first” was her slogan for years.",
        "The mayor", "defended", "the budget", None, id="quotation-opening-a-new-sentence-is-not-joined",
    ),
]


@pytest.mark.parametrize(("text", "source", "cue", "clause", "quotation"), TRAILING)
def test_trailing_quotation(
    nlp: Language, text: str, source: str, cue: str, clause: str, quotation: str | None
) -> None:
    """A bare quotation right after a reported claim is part of its content, a quoted phrase inside a new
    sentence is not."""
    extraction = extract(nlp, text)
    claim = claim_with(extraction, clause)
    check_source_and_cue(claim, source, cue)
    if quotation is None:
        assert "“" not in claim.content_text
    else:
        assert quotation in claim.content_text
    assert all(span.verify(text) for span in extraction.spans())
