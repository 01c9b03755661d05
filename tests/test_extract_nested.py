"""Which candidate attributions survive: naming constructions and attributions inside other attributions.

One row per construction: sentence -> expected (speaker mention or None, cue, a piece of the content).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from graph.extract.pipeline import extract
from graph.types import ClaimKind
from tests.extract_checks import check_source_and_cue, claim_with

if TYPE_CHECKING:
    from spacy.language import Language

# text, expected source mention (None: no source), cue, a piece of the content
CASES = [
    pytest.param(
        "Residents of the valley formed a group called “Friends of the Old Mill” in the spring.",
        None, "called", "Friends of the Old Mill", id="naming-participle-names-nobody",
    ),
    pytest.param(
        "The new ferry service has been dubbed “the floating bus” by commuters on the island.",
        "commuters on the island", "dubbed", "the floating bus", id="naming-passive-agent-is-speaker",
    ),
    pytest.param(
        "The new ferry service will informally be dubbed “the floating bus” this summer.",
        None, "dubbed", "the floating bus", id="naming-passive-names-nobody",
    ),
    pytest.param(
        "For decades the town held what is called “the long walk” every March.",
        None, "called", "the long walk", id="naming-passive-relative-names-nobody",
    ),
    pytest.param(
        "The treasurer called the audit “a complete waste of everyone's time.”",
        "The treasurer", "called", "a complete waste", id="naming-active-keeps-speaker",
    ),
]


@pytest.mark.parametrize(("text", "source", "cue", "content"), CASES)
def test_selection_construction(nlp: Language, text: str, source: str | None, cue: str, content: str) -> None:
    """Each construction yields a claim holding the content with the expected speaker mention and cue."""
    extraction = extract(nlp, text)
    claim = claim_with(extraction, content)
    check_source_and_cue(claim, source, cue)
    assert all(span.verify(text) for span in extraction.spans())


def test_passive_naming_is_an_unsourced_claim(nlp: Language) -> None:
    """A quoted label given by nobody named is kept as a claim without a source, not as a direct quote."""
    claim = claim_with(extract(nlp, "Locals use a nickname, and the bridge is often called “the Rusty Giant.”"),
                       "Rusty Giant")
    assert claim.source is None and claim.kind is ClaimKind.NO_SOURCE


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Senator Okafor said the bridge would reopen in May.", "name"),
        ("She said the bridge would reopen in May.", "pron"),
        ("The engineers said the bridge would reopen in May.", "noun"),
    ],
)
def test_source_kind(nlp: Language, text: str, kind: str) -> None:
    """The source kind that splits the learned reliability table: a name, a personal pronoun or another noun."""
    from graph.extract.claims import find_attributions
    from graph.extract.pipeline import prepared_doc
    from graph.extract.reliability import source_kind

    doc = nlp(prepared_doc(nlp, text))
    found = next(f for f in find_attributions(doc) if f.rule.startswith("verb"))
    assert source_kind(doc, found) == kind


def test_reliability_prefers_the_most_specific_estimate(nlp: Language) -> None:
    """Pattern + source kind beats pattern, which beats the rule; a rare lemma keeps the rule's prior."""
    from graph.extract.claims import find_attributions
    from graph.extract.pipeline import prepared_doc
    from graph.extract.reliability import reliability

    doc = nlp(prepared_doc(nlp, "She said the bridge would reopen in May."))
    found = next(f for f in find_attributions(doc, learned=False) if f.rule == "verb-ccomp")
    assert reliability({("verb-ccomp", "say", "pron"): 0.2, ("verb-ccomp", "say"): 0.9}, doc, found) == 0.2
    assert reliability({("verb-ccomp", "say", "name"): 0.2, ("verb-ccomp", "say"): 0.9}, doc, found) == 0.9
    assert reliability({("verb-ccomp", "*", "pron"): 0.1}, doc, found) == found.confidence
