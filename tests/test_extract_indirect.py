"""Indirect attributions from the long tail of cue constructions: one invented sentence per construction
(speaker, cue, content, kind), and sentences of the same shape that must not yield a claim."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from graph.extract.pipeline import extract
from graph.types import ClaimKind
from tests.extract_checks import check_source_and_cue, claim_with

if TYPE_CHECKING:
    from spacy.language import Language

# text, expected source mention (None: no source), cue, the whole content (one span), kind
CASES = [
    pytest.param(
        "In March, the bishop called for the council to close the old bridge.",
        "the bishop", "called for", "the council to close the old bridge", ClaimKind.INDIRECT, id="call-for-x-to",
    ),
    pytest.param(
        "Several farmers have pushed for the ministry to lower the diesel tax.",
        "Several farmers", "pushed for", "the ministry to lower the diesel tax", ClaimKind.INDIRECT, id="push-for-x-to",
    ),
    pytest.param(
        "The new budget was criticized by several economists.",
        "several economists", "was criticized", "The new budget", ClaimKind.INDIRECT, id="passive-with-agent",
    ),
    pytest.param(
        "The reform was described by the union as reckless.",
        "the union", "was described", "The reform as reckless", ClaimKind.INDIRECT, id="passive-predicative",
    ),
    pytest.param(
        "The plan was widely described as a failure.",
        None, "was widely described", "The plan as a failure", ClaimKind.NO_SOURCE, id="passive-predicative-no-agent",
    ),
    pytest.param(
        "She went on to criticize the governor for his handling of the flood.",
        "She", "criticize", "the governor for his handling of the flood", ClaimKind.INDIRECT, id="went-on-to",
    ),
    pytest.param(
        "The union won the vote, which the minister conceded on Friday.",
        "the minister", "conceded", "which", ClaimKind.INDIRECT, id="relative-pronoun-object",
    ),
    pytest.param(
        "The spokesman rebutted the claims of the opposition.",
        "The spokesman", "rebutted", "the claims of the opposition", ClaimKind.INDIRECT, id="lexicon-rebut",
    ),
    pytest.param(
        "The candidate retweeted a video mocking the governor.",
        "The candidate", "retweeted", "a video mocking the governor", ClaimKind.INDIRECT, id="lexicon-retweet",
    ),
    pytest.param(
        "The critics painted the mayor as a coward.",
        "The critics", "painted", "the mayor as a coward", ClaimKind.INDIRECT, id="lexicon-paint-as",
    ),
    pytest.param(
        "Many voters have mixed feelings about the new mayor.",
        "Many voters", "have mixed feelings about", "the new mayor", ClaimKind.INDIRECT, id="light-noun-feelings",
    ),
    pytest.param(
        "The senator delivered a blistering critique of the trade deal.",
        "The senator", "delivered a blistering critique of", "the trade deal", ClaimKind.INDIRECT,
        id="light-noun-deliver-critique",
    ),
]


@pytest.mark.parametrize(("text", "source", "cue", "content", "kind"), CASES)
def test_construction(nlp: Language, text: str, source: str | None, cue: str, content: str, kind: ClaimKind) -> None:
    """The construction yields a claim with exactly this content, speaker mention, cue and kind."""
    extraction = extract(nlp, text)
    claim = claim_with(extraction, content)
    assert claim.content_text == content
    check_source_and_cue(claim, source, cue)
    assert claim.kind is kind
    assert all(span.verify(text) for span in extraction.spans())


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The passengers waited for the ferry to arrive.", id="wait-for-x-to"),
        pytest.param("The bridge was damaged by the storm.", id="passive-non-cue-verb"),
        pytest.param("The price was not disclosed.", id="passive-without-agent"),
        pytest.param("The party has long been seen as the home of rural voters.", id="passive-perception-as"),
        pytest.param("The coach went on to win three more titles.", id="went-on-to-non-cue"),
        pytest.param("The team needs to talk about the budget.", id="infinitive-activity"),
    ],
)
def test_not_claims(nlp: Language, text: str) -> None:
    """Look-alikes of the constructions above that report nobody's words or attitudes."""
    assert extract(nlp, text).claims == ()


def test_quoted_person_speaks_rather_than_being_reported(nlp: Language) -> None:
    """"X was quoted by the paper claiming ...": X is the speaker of the claim, not the content of a passive."""
    claims = extract(nlp, "The mayor was quoted by the local paper claiming that the bridge was safe.").claims
    assert [c.content_text for c in claims] == ["that the bridge was safe"]
    check_source_and_cue(claims[0], "The mayor", "claiming")


def test_noun_cue_in_a_reported_object_stays_inside_it(nlp: Language) -> None:
    """"questioned the idea that ...": the verb reports the whole phrase; the noun adds no sourceless claim."""
    claims = extract(nlp, "The mayor questioned the idea that the bridge was unsafe.").claims
    assert [c.content_text for c in claims] == ["the idea that the bridge was unsafe"]
    check_source_and_cue(claims[0], "The mayor", "questioned")
