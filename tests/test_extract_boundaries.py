"""Where a reported content begins and ends: one row per construction, sentence -> the claim with a given cue
(speaker, cue, exact content text).

The sentences are invented; each row fails without the boundary rule it names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from graph.extract.pipeline import extract
from graph.extract.quotes import find_quotes

if TYPE_CHECKING:
    from spacy.language import Language

# text, cue, speaker, exact content
CASES = [
    # a comma-set relative clause that ends the content is a comment on it, not part of it
    pytest.param(
        "Mayor Dlamini said the new bridge would open in May, which her critics called “a fantasy.”",
        "said", "Mayor Dlamini", "the new bridge would open in May",
        id="trailing-which-clause-with-its-own-report",
    ),
    pytest.param(
        "Okoro announced a plan to cut bus fares, which he described as “overdue.”",
        "announced", "Okoro", "a plan to cut bus fares",
        id="trailing-which-clause-after-object",
    ),
    pytest.param(
        "Ms. Varga said the clinic needs more nurses, who are leaving in droves.",
        "said", "Ms. Varga", "the clinic needs more nurses",
        id="trailing-who-clause",
    ),
    pytest.param(
        "Mr. Haddad denied the report, which appeared in a local weekly.",
        "denied", "Mr. Haddad", "the report",
        id="trailing-which-clause-on-object",
    ),
    pytest.param(
        "She told reporters that she met the minister, who promised “swift action.”",
        "told", "She", "that she met the minister",
        id="trailing-who-clause-with-quotation",
    ),
    # a cue verb coordinated deep inside the reported clause is part of it; one coordinated with the clause's own
    # verb is a report of its own
    pytest.param(
        "Mr. Lund said he would like the board to delay the vote but supports the merger itself.",
        "said", "Mr. Lund", "he would like the board to delay the vote but supports the merger itself",
        id="coordinated-cue-inside-infinitive",
    ),
    pytest.param(
        "Kaur said she wants the agency to publish the data and opposes any further delay.",
        "said", "Kaur", "she wants the agency to publish the data and opposes any further delay",
        id="coordinated-cue-inside-infinitive-and",
    ),
    pytest.param(
        "The minister said the country would leave the pact and suggested that talks could resume.",
        "said", "The minister", "the country would leave the pact",
        id="coordinated-cue-of-the-clause-verb-cut",
    ),
    # a second clause the parser hung on the cue verb right after the first is part of what was said
    pytest.param(
        "Ms. Tran said she plans to run again, so voters will have a real choice in the fall.",
        "said", "Ms. Tran", "she plans to run again, so voters will have a real choice in the fall",
        id="second-clause-after-so",
    ),
    # kept: a restrictive relative clause, and a comma-set one in the middle of the content
    pytest.param(
        "The mayor said the plan that the council passed was “a mistake.”",
        "said", "The mayor", "the plan that the council passed was “a mistake.”",
        id="restrictive-relative-kept",
    ),
    pytest.param(
        "Ibsen said the firm, which he founded in 1990, would be sold to a rival.",
        "said", "Ibsen", "the firm, which he founded in 1990, would be sold to a rival",
        id="inner-relative-kept",
    ),
]


@pytest.mark.parametrize(("text", "cue", "speaker", "content"), CASES)
def test_content_boundaries(nlp: Language, text: str, cue: str, speaker: str, content: str) -> None:
    """The claim with the cue has exactly this speaker and content."""
    extraction = extract(nlp, text)
    claims = [c for c in extraction.claims if c.cue is not None and c.cue.text == cue]
    assert claims, f"no claim with cue {cue!r}: {[(c.cue and c.cue.text, c.content_text) for c in extraction.claims]}"
    claim = claims[0]
    assert claim.source is not None and claim.source.span.text == speaker
    assert claim.content_text == content


# text, the quotations found (mis-typed marks: a closer used as opener after a tag's comma or a direction mark)
QUOTE_CASES = [
    pytest.param("She says,” the buses never come on time.”", ["” the buses never come on time.”"],
                 id="closer-as-opener-after-comma"),
    pytest.param("\u202a”The river is rising fast,” said the warden.", ["”The river is rising fast,”"],
                 id="closer-as-opener-after-direction-mark"),
    pytest.param("He said,” and left.", [], id="lone-closer-after-comma-opens-nothing"),
]


@pytest.mark.parametrize(("text", "expected"), QUOTE_CASES)
def test_mistyped_marks(text: str, expected: list[str]) -> None:
    """Quotations whose opening mark was typed as a closing one are still found whole."""
    assert [text[q.start : q.end] for q in find_quotes(text)] == expected
