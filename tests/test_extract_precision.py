"""Spurious attributions the selection removes: one sentence -> every claim it should yield (speaker, cue).

Each row lists all the claims expected, so a second claim over the same words fails it as surely as a
missing one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from graph.extract.pipeline import extract

if TYPE_CHECKING:
    from spacy.language import Language

# text, every expected (source mention or None, cue)
SAME_WORDS = [
    pytest.param(
        "The union wants to “protect working families and not just the wealthy,” Harmon said.",
        {("Harmon", "said")}, id="quotation-under-want-is-the-speakers",
    ),
    pytest.param(
        "The council hopes to “finish the new library before the winter storms arrive,” the mayor said.",
        {("the mayor", "said")}, id="quotation-under-hope-is-the-speakers",
    ),
    pytest.param(
        "The party plans to “rebuild trust with voters in every rural county,” Okafor told supporters.",
        {("Okafor", "told")}, id="quotation-under-plan-is-the-speakers",
    ),
    pytest.param(
        "Our neighbours want to “keep the park open for every child in town,” Lindqvist said on Tuesday.",
        {("Lindqvist", "said")}, id="quotation-under-plural-want-is-the-speakers",
    ),
    # guards: different words in one sentence stay separate claims (these pass without the rule too)
    pytest.param(
        "The company said it “deeply regrets the delay,” adding that it would refund customers.",
        {("The company", "said"), ("The company", "adding")}, id="guard-different-words-both-kept",
    ),
    pytest.param(
        "The minister said the plan was “a bold step,” and the opposition called it “a reckless gamble.”",
        {("The minister", "said"), ("the opposition", "called")}, id="guard-two-speakers-two-quotations-kept",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SAME_WORDS)
def test_one_claim_per_quotation(nlp: Language, text: str, expected: set[tuple[str | None, str]]) -> None:
    """The same quoted words are claimed once, by the attribution the extractor trusts most."""
    extraction = extract(nlp, text)
    got = {(c.source.span.text if c.source else None, c.cue.text if c.cue else None) for c in extraction.claims}
    assert got == expected
