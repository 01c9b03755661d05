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


# a quotation whose speaker no rule found, under a cue whose unsourced uses are rarely right: no claim
UNSOURCED = [
    pytest.param("Asked about the flooding on Sunday: “We did everything we could for the farms.”",
                 id="asked-quotation-without-speaker"),
    pytest.param("When questioned about the budget: “There is no money left for new roads this year.”",
                 id="questioned-quotation-without-speaker"),
    pytest.param("When asked about the delay on Monday: “The trains will run again once the bridge is safe.”",
                 id="when-asked-quotation-without-speaker"),
]


@pytest.mark.parametrize("text", UNSOURCED)
def test_unsourced_quotation_is_not_claimed(nlp: Language, text: str) -> None:
    """The learned shift for an unsourced quotation drops it below the confidence floor."""
    assert extract(nlp, text).claims == ()


def test_same_quotation_with_its_speaker_is_claimed(nlp: Language) -> None:
    """Guard: with the speaker named, the same quotation is a direct claim (passes without the shift too)."""
    text = "The mayor, when asked about the delay on Monday, said: “The trains will run again once the bridge is safe.”"
    (claim,) = extract(nlp, text).claims
    assert claim.source is not None and claim.source.span.text.startswith("The mayor")


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        pytest.param({("verb-ccomp", "say"): 0.9}, 0.9, id="no-shift-keeps-the-pattern"),
        pytest.param({("verb-ccomp", "say"): 0.9, ("verb-ccomp", "+", "pron"): -2.0}, 0.549, id="shift-lowers-pattern"),
        pytest.param({("verb-ccomp", "say"): 0.9, ("verb-ccomp", "+", "name"): -2.0}, 0.9, id="other-kind-no-shift"),
        pytest.param({("verb-ccomp", "say", "pron"): 0.2, ("verb-ccomp", "+", "pron"): -2.0}, 0.2,
                     id="own-split-beats-shift"),
    ],
)
def test_kind_shift_lookup(nlp: Language, table: dict[tuple[str, ...], float], expected: float) -> None:
    """A kind's log-odds shift moves the pattern's estimate only when the pattern has no split of its own."""
    from graph.extract.claims import find_attributions
    from graph.extract.pipeline import prepared_doc
    from graph.extract.reliability import reliability

    doc = nlp(prepared_doc(nlp, "She said the bridge would reopen in May."))
    found = next(f for f in find_attributions(doc, learned=False) if f.rule == "verb-ccomp")
    assert reliability(table, doc, found) == pytest.approx(expected, abs=0.001)


# a cue verb's prepositional object that says when, not what: no claim with the time as its content
WHEN_NOT_WHAT = [
    pytest.param("“The bridge will be finished by spring,” Dana Whitfield, the engineer who designed it, tweeted on "
                 "Monday.", "Monday", id="tweeted-on-a-weekday"),
    pytest.param("Councillor Ada Price spoke on Tuesday and left before the vote.", "Tuesday", id="spoke-on-a-weekday"),
    pytest.param("Senator Maria Ruiz testified on Thursday for three hours.", "Thursday", id="testified-on-a-weekday"),
]


@pytest.mark.parametrize(("text", "when"), WHEN_NOT_WHAT)
def test_time_is_not_content(nlp: Language, text: str, when: str) -> None:
    assert not [c for c in extract(nlp, text).claims if c.content_text.strip() == when]


def test_prepositional_content_still_found(nlp: Language) -> None:
    """Guard: a prepositional object that is a topic stays the content ("commented on the budget")."""
    claims = extract(nlp, "The minister commented on the new budget at length.").claims
    assert [c.content_text for c in claims] == ["the new budget"]
