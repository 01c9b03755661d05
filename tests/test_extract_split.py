"""One claim where the text reports two: the second attribution must not be swallowed by the first's content.

One row per construction: sentence -> the first claim (speaker, cue, a piece of its content, words it must not
hold) and the second claim (speaker, cue, a piece of its content).
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
