"""Where a reported content ends: trailing material that reports something else is cut off.

"She said the bill would pass, which critics called “a fantasy”": a non-restrictive relative clause at the end
is the writer's comment (or another report) on the content, not part of what she said; PolNeAR ends the content
before it, and a report inside the clause then stands on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph.extract.attributions import Range, TokenView

if TYPE_CHECKING:
    from spacy.tokens import Token

_WH = frozenset({"which", "who", "whom", "whose"})
_BREAKS = frozenset({",", "—", "–", "-", "--"})


def _opens_relative(rel: Token) -> bool:
    """True when a relative clause opens with a wh-word, alone or after a preposition ("to which", "in which")."""
    first = rel.left_edge
    if first.lower_ in _WH:
        return True
    return first.dep_ == "prep" and first.i + 1 < len(first.doc) and first.doc[first.i + 1].lower_ in _WH


def _last_word(view: TokenView, start: int, end: int) -> int:
    """Index of the last token in [start, end) that is not punctuation (``start`` when there is none)."""
    doc = view.doc
    j = end - 1
    while j > start and (doc[j].is_punct or doc[j].is_space):
        j -= 1
    return j


def without_trailing_relative(view: TokenView, rng: Range) -> Range:
    """The content range without the comma-set relative clause that ends it ("..., which he called “X”",
    "..., who has vowed to ...")."""
    span = view.doc.char_span(rng[0], rng[1], alignment_mode="expand")
    if span is None or len(span) < 4:
        return rng
    last = _last_word(view, span.start, span.end)
    for tok in span:
        if tok.dep_ != "relcl" or not span.start <= tok.head.i < tok.i or tok.right_edge.i < last:
            continue
        cut = tok.left_edge.i - 1
        if cut <= span.start or view.doc[cut].text not in _BREAKS or not _opens_relative(tok):
            continue
        trimmed = view.trim(span.start, cut)
        return trimmed if trimmed is not None else rng
    return rng
