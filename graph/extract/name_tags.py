"""Quotations whose speaker is named without a verb: a name and a colon before them ("Chris Matthews: “…”"),
a dash and a name after them ("… ― Adriana Rodarte"), or a signature line of its own below a quoted paragraph.

Each function reads the document through the :class:`QuoteAttacher` walking its quotations, returns a
:class:`Found` without content (the caller adds the quotation) and marks the tag's token as used.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.extract.attributions import Found
from graph.extract.quote_speakers import NAME_POS
from graph.types import ClaimKind

if TYPE_CHECKING:
    from graph.extract.quote_attribution import QuoteAttacher
    from graph.extract.quotes import Quote

DASHES = frozenset({"—", "―", "–", "-", "--"})
_SIGNATURE = re.compile(r"\s*(--|[-—–―])\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}?)\.?\s*")  # "- Hillary Clinton."


def dash_tag(attacher: QuoteAttacher, after: tuple[int, int]) -> Found | None:
    """A quotation signed with a dash and a name ("... ― Adriana Rodarte"): the name is the source."""
    lo, hi = after
    if lo >= hi or attacher.doc[lo].text not in DASHES:
        return None
    end = lo + 1
    while end < len(attacher.doc) and (attacher.doc[end].pos_ == "PROPN" or attacher.doc[end].text == "."):
        end += 1
    source = attacher.view.trim(lo + 1, end) if end > lo + 1 else None
    if source is None or attacher.view.quote_of[lo + 1] >= 0:
        return None
    dash = attacher.doc[lo]
    attacher.used_cues.add(lo)
    cue = (dash.idx, dash.idx + len(dash.text))
    return Found(ClaimKind.DIRECT, [], cue, source, source, None, 0.75, lo, "quote-dash")


def colon_tag(attacher: QuoteAttacher, before: tuple[int, int], after_dash: bool = False) -> Found | None:
    """A quotation introduced by a bare name and a colon ("Chris Matthews: “...”"): the name speaks.

    A dash ends the tag on the left ("Pollsters agree - Carl Bialik: “...”"); ``after_dash`` asks for
    such a dash-delimited tag only."""
    lo, hi = before
    colon = hi - 1
    while colon > lo and attacher.doc[colon].is_space:
        colon -= 1
    dash = next((i for i in range(colon - 1, max(lo, colon - 8) - 1, -1) if attacher.doc[i].text in DASHES
                 and (attacher.doc[i].whitespace_ or attacher.doc[i - 1].whitespace_)), None)  # not "back-handed"
    if dash is not None:
        lo = dash + 1
    elif after_dash:
        return None
    if colon <= lo or attacher.doc[colon].text != ":" or colon - lo > 6:
        return None
    words = [t for t in attacher.doc[lo:colon] if not t.is_space]
    if not words or any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    if words[-1].pos_ not in NAME_POS:
        return None
    source = attacher.view.trim(lo, colon)
    if source is None:
        return None
    mark = attacher.doc[colon]
    attacher.used_cues.add(colon)
    return Found(ClaimKind.DIRECT, [], (mark.idx, mark.idx + 1), source, source, None, 0.6, colon, "quote-colon")


def colon_name(attacher: QuoteAttacher, before: tuple[int, int]) -> Found | None:
    """A person named right before the colon, at the end of a longer clause ("The surge doesn't surprise
    pollster Daron Shaw: “…”"): the person speaks, the colon is the cue."""
    lo, hi = before
    colon = hi - 1
    while colon > lo and attacher.doc[colon].is_space:
        colon -= 1
    name = attacher.doc[colon - 1] if colon - 1 >= lo else None
    if name is None or attacher.doc[colon].text != ":" or name.pos_ != "PROPN" or name.ent_type_ != "PERSON":
        return None
    start = max(lo, name.left_edge.i)
    if any(t.pos_ in ("VERB", "AUX") or attacher.view.quote_of[t.i] >= 0 for t in attacher.doc[start:colon]):
        return None
    source = attacher.view.trim(start, colon, quotes=False)
    if source is None:
        return None
    mark = attacher.doc[colon]
    attacher.used_cues.add(colon)
    return Found(ClaimKind.DIRECT, [], (mark.idx, mark.idx + 1), source, source, None, 0.6, colon, "quote-colon")


def signature_name(text: str, start: int, end: int) -> tuple[int, int]:
    """The name of a signature line read as [start, end), without the full stop closing the line (an
    abbreviation's or an initial's stays: "Jr.", "Q.")."""
    if text[end - 1] == "." and len(text[start:end].split()[-1]) > 3:
        end -= 1
    return start, end


def signature_line(attacher: QuoteAttacher, q: Quote, nxt: Quote | None) -> Found | None:
    """A quotation closing its paragraph and signed on the next line by a dash and a name alone ("“…”" /
    "- Hillary Clinton."): the name is the source, the dash the cue."""
    paras, text = attacher.paras, attacher.text
    if nxt is not None or not q.closed or q.paragraph + 1 >= len(paras):
        return None
    if any(c.isalnum() for c in text[q.end : paras[q.paragraph][1]]):
        return None
    start, end = paras[q.paragraph + 1]
    match = _SIGNATURE.fullmatch(text, start, end)
    if match is None:
        return None
    dash = attacher.token_at(match.start(1))
    if dash >= len(attacher.doc) or dash in attacher.used_cues:
        return None
    attacher.used_cues.add(dash)
    source = signature_name(text, match.start(2), match.end(2))
    return Found(ClaimKind.DIRECT, [], (match.start(1), match.end(1)), source, source, None, 0.75, dash,
                 "quote-dash")
