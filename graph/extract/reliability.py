"""How far a candidate attribution is trusted: its pattern's learned reliability, refined by the kind of source.

A pattern is the rule and the cue lemma; ``cue_stats.LEARNED`` (derived on PolNeAR train by
``scripts/derive_cue_stats.py``) holds P(correct) per pattern, per rule for rare lemmas (``"*"``), and both
again split by the source's kind: a relative pronoun, a personal pronoun, a name, another noun phrase, or
none.  "He said" and "Senator Lee said" are right equally often, but "the report found" is right less often
than "she found", and an unsourced "was told" less often still.  Where a pattern is too rare to split by kind,
``(rule, "+", kind)`` holds the kind's log-odds shift, learned over all of the rule's lemmas: an unsourced
quotation under "said" is right far less often than "said" is.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from graph.extract import cues
from graph.extract.attributions import RELATIVE_PRONOUNS, Found

if TYPE_CHECKING:
    from spacy.tokens import Doc

PERSONAL_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them", "his"})
LEARNED_ONLY = ("-pron", "-nosrc")  # frames without hand-set priors: rare lemmas take the rule's estimate
SHIFT = "+"  # middle part of the keys holding a source kind's log-odds shift for a rule
# frames where no source is a construction of its own ("indications that ...", "was urged to ..."), not a
# speaker the rules missed: their unsourced claims get no learned shift (PolNeAR rarely annotates them)
UNSOURCED_FRAMES = frozenset({"noun", "verb-xcomp", "verb-xcomp-obj"})


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
    its pattern (or, for a rare lemma, the rule's hand-set prior) moved by the kind's learned shift; in frames
    without priors a rare lemma takes the rule's (per-kind) share."""
    rule, lemma = pattern_key(doc, found)
    kind = source_kind(doc, found, text)
    if (rule, lemma, kind) in table:
        return table[rule, lemma, kind]
    if (rule, lemma) in table:
        return shifted(table[rule, lemma], kind_shift(table, rule, lemma, kind))
    if not rule.endswith(LEARNED_ONLY):  # a rare lemma keeps the rule's hand-set prior, which weighs the lemma
        return shifted(found.confidence, kind_shift(table, rule, lemma, kind))
    return table.get((rule, "*", kind), table.get((rule, "*"), found.confidence))


def unsourced_construction(rule: str, lemma: str) -> bool:
    """True where a claim without a source is a construction of its own, not a speaker the rules missed:
    a noun's claim, "was urged to ...", or a name given by nobody ("a group called “X”")."""
    return rule in UNSOURCED_FRAMES or lemma in cues.PREDICATIVE_VERBS


def kind_shift(table: Mapping[tuple[str, ...], float], rule: str, lemma: str, kind: str) -> float:
    """The learned log-odds shift for the rule's source kind (none for an unsourced construction)."""
    if kind == "none" and unsourced_construction(rule, lemma):
        return 0.0
    return table.get((rule, SHIFT, kind), 0.0)


def shifted(p: float, shift: float) -> float:
    """``p`` moved by ``shift`` in log-odds (p kept off 0 and 1 so that a shift can still move it)."""
    if shift == 0.0 or (shift > 0.0 and p >= 0.99) or (shift < 0.0 and p <= 0.01):
        return p
    p = min(max(p, 0.01), 0.99)
    return round(1.0 / (1.0 + math.exp(-(math.log(p / (1.0 - p)) + shift))), 3)
