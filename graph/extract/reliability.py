"""How far a candidate attribution is trusted: its pattern's learned reliability, refined by the kind of source.

A pattern is the rule and the cue lemma; ``cue_stats.LEARNED`` (derived on PolNeAR train by
``scripts/derive_cue_stats.py``) holds P(correct) per pattern, per rule for rare lemmas (``"*"``), and both
again split by the source's kind: a relative pronoun, a personal pronoun, a name, another noun phrase, or
none.  "He said" and "Senator Lee said" are right equally often, but "the report found" is right less often
than "she found", and an unsourced "was told" less often still.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from graph.extract import cues
from graph.extract.attributions import RELATIVE_PRONOUNS, Found

if TYPE_CHECKING:
    from spacy.tokens import Doc

PERSONAL_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them", "his"})
LEARNED_ONLY = ("-pron", "-nosrc")  # frames without hand-set priors: rare lemmas take the rule's estimate


def source_kind(doc: Doc, found: Found, text: str | None = None) -> str:
    """"none", "rel" (who/which/that), "pron" (he, they ...), "name" (holds a proper noun) or "noun"."""
    if found.source is None or found.source[0] >= found.source[1]:
        return "none"
    text = doc.text if text is None else text
    phrase = text[found.source[0] : found.source[1]].strip().lower()
    if phrase in RELATIVE_PRONOUNS:
        return "rel"
    if phrase in PERSONAL_PRONOUNS:
        return "pron"
    span = doc.char_span(found.source[0], found.source[1], alignment_mode="expand")
    return "name" if span is not None and any(t.pos_ == "PROPN" for t in span) else "noun"


def pattern_key(doc: Doc, found: Found) -> tuple[str, str]:
    """(rule, cue lemma) of a candidate, "-" standing for a cue that is no token."""
    return found.rule, cues.lemma_of(doc[found.cue_token]) if found.cue_token is not None else "-"


def reliability(table: Mapping[tuple[str, ...], float], doc: Doc, found: Found, text: str | None = None) -> float:
    """The learned P(correct) of a candidate: its pattern split by source kind when the table has that, else
    its pattern; a rare lemma keeps the rule's prior, or in frames without one the rule's (per-kind) share."""
    rule, lemma = pattern_key(doc, found)
    kind = source_kind(doc, found, text)
    if (rule, lemma, kind) in table:
        return table[rule, lemma, kind]
    if (rule, lemma) in table:
        return table[rule, lemma]
    if not rule.endswith(LEARNED_ONLY):
        return found.confidence  # a rare lemma keeps the rule's hand-set prior, which weighs the lemma
    return table.get((rule, "*", kind), table.get((rule, "*"), found.confidence))
