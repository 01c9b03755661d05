"""Shared checks for the extractor's sentence → expected tables (tests/test_extract_claims.py, test_extract_quotes.py)."""

from __future__ import annotations

from graph.types import Claim, Extraction


def claim_with(extraction: Extraction, content: str) -> Claim:
    """The claim whose content holds the given words (failing with every claim's content when none does)."""
    hits = [c for c in extraction.claims if content in c.content_text]
    assert hits, f"no claim contains {content!r}: {[c.content_text for c in extraction.claims]}"
    return hits[0]


def check_source_and_cue(claim: Claim, source: str | None, cue: str) -> None:
    """The claim's speaker mention is exactly ``source`` (None: no source) and its cue contains ``cue``."""
    if source is None:
        assert claim.source is None
    else:
        assert claim.source is not None and claim.source.span.text == source
    assert claim.cue is not None and cue in claim.cue.text
