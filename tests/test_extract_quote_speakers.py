"""Who speaks a quotation: one row per construction, invented sentence -> expected (speaker, cue, content).

Each row names a claim that must exist among the extraction's claims (a nested report may sit inside
another claim's content, so the row does not ask for the first claim holding the words).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from graph.extract.pipeline import extract

if TYPE_CHECKING:
    from spacy.language import Language

    from graph.types import Claim, Extraction

# text, expected speaker mention, a piece of the cue, a piece of the content
CASES = [
    pytest.param(
        "Okafor said she had backed a motion against the regional water boards, which she called “a racket "
        "for the few.”",
        "she", "called", "a racket for the few", id="relative-which-naming-inside-report",
    ),
    pytest.param(
        "The spokesman said volunteers walked beside the strikers, whom he described as “calm and "
        "orderly,” for the whole afternoon.",
        "he", "described", "calm and orderly", id="relative-whom-described-as-inside-report",
    ),
    pytest.param(
        "Lindqvist said the ferry operator had broken its promises, which he added “is simply unacceptable.”",
        "he", "added", "is simply unacceptable", id="relative-which-added-inside-report",
    ),
]


def _claims_with(extraction: Extraction, content: str) -> list[Claim]:
    """Every claim whose content holds the given words."""
    return [c for c in extraction.claims if content in c.content_text]


def _describe(claims: list[Claim]) -> list[tuple[str | None, str | None, str]]:
    """(speaker, cue, content) of each claim, for failure messages."""
    return [(c.source.span.text if c.source else None, c.cue.text if c.cue else None, c.content_text)
            for c in claims]


@pytest.mark.parametrize(("text", "source", "cue", "content"), CASES)
def test_quote_speaker(nlp: Language, text: str, source: str, cue: str, content: str) -> None:
    """A claim holding the quotation names the expected speaker mention and cue."""
    extraction = extract(nlp, text)
    hits = _claims_with(extraction, content)
    assert any(c.source is not None and c.source.span.text == source and c.cue is not None and cue in c.cue.text
               for c in hits), _describe(list(extraction.claims))
    assert all(span.verify(text) for span in extraction.spans())
