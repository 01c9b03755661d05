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
    pytest.param(
        "Okafor said the strike was “a disgrace,” according to the Herald.",
        "the Herald", "according to", "Okafor said the strike was “a disgrace", id="reporter-according-over-report",
    ),
    pytest.param(
        "Asked about the strike, Okafor said: “There will be no deal,” the Herald reported.",
        "the Herald", "reported", "Okafor said: “There will be no deal", id="reporter-tag-over-quoted-report",
    ),
    pytest.param(
        'Nothing the mayor said "will calm the residents," the councillor said.',
        "the councillor", "said", 'Nothing the mayor said "will calm', id="reporter-tag-over-inner-speaker",
    ),
    pytest.param(
        "Okafor admitted that the fees could be called “lobbying,” the Gazette reported in 1990.",
        "the Gazette", "reported", "Okafor admitted that the fees", id="reporter-tag-with-date",
    ),
    pytest.param(
        "The agency has asked for the files twice. Nothing has come of it.\n\n"
        "“I asked for those files in May. Nobody has answered me since then.”\n\n- Maria Okafor.\n\n"
        "Okafor tends to overstate her role.",
        "Maria Okafor", "-", "Nobody has answered me", id="signature-line-below-quote",
    ),
    pytest.param(
        "The bridge closed in 2019.\n\n“We will rebuild it before the winter comes.”\n\n— Tom Reyes\n\nIt did not happen.",
        "Tom Reyes", "—", "We will rebuild it", id="signature-line-em-dash",
    ),
]

# text, speaker mention, cue, the claim's whole content: a report that ends before the quotation leaves the
# quotation to its own tag
KEPT_APART = [
    pytest.param(
        "In her speech, Okafor declared the need for courage: “Change the world,” she said.",
        "she", "said", "“Change the world,”", id="report-before-colon-keeps-its-tag",
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


@pytest.mark.parametrize(("text", "source", "cue", "content"), KEPT_APART)
def test_tag_not_widened(nlp: Language, text: str, source: str, cue: str, content: str) -> None:
    """A tag after a report with content of its own keeps the plain reading."""
    extraction = extract(nlp, text)
    assert any(c.source is not None and c.source.span.text == source and c.cue is not None and cue in c.cue.text
               and c.content_text == content for c in extraction.claims), _describe(list(extraction.claims))
