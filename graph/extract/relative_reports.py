"""Reports made inside a relative clause ("the bill, which he called “a cartel”", "Smith, whom she described as
“volatile”"): PolNeAR annotates them as attributions of their own even inside another attribution's content.

``mark_relative_reports`` flags such candidates as nested so that ``claims._outermost`` keeps them beside
the attribution that contains them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from graph.extract.attributions import RELATIVE_PRONOUNS, Found, TokenView

if TYPE_CHECKING:
    from spacy.tokens import Token

_OBJECT_RELATIVES = frozenset({"which", "whom", "who"})  # "that" and "what" clauses are rarely annotated apart


def _object_relative(verb: Token) -> bool:
    """True when the verb heads a relative clause opened by "which", "whom" or "who" that is not its subject:
    the clause has a subject of its own ("which he called", "whom she described as", "which an inquiry said
    was"). Clauses opened by "that", "what" or a preposition ("in which she said") are left out: PolNeAR
    rarely annotates them apart from the report holding them (measured on train)."""
    if verb.dep_ != "relcl":
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in RELATIVE_PRONOUNS or subject.i > verb.i:
        return False
    opener = verb.doc[verb.left_edge.i : subject.left_edge.i]
    return len(opener) == 1 and opener[0].lower_ in _OBJECT_RELATIVES  # not "in which she said"


def mark_relative_reports(view: TokenView, found: Sequence[Found]) -> None:
    """Flag each candidate with a speaker whose cue verb (outside quotations) heads an object relative clause,
    so it survives beside the attribution whose content holds it."""
    doc = view.doc
    for f in found:
        if f.cue_token is None or f.source is None or view.quote_of[f.cue_token] >= 0:
            continue
        if _object_relative(doc[f.cue_token]):
            f.nested = True
