"""A quotation with no tag of its own that follows a reported claim: more words of the same speaker.

"Greene added that the Fed wants to get out of the way. “They don't like to talk about it.”": the sentence
after an attribution is a bare quotation (no cue before or after it), so it carries on what the speaker of
that attribution said, and PolNeAR annotates it as part of that attribution's content ("X argues that Y: “…”"
alike). The quotation joins the content of the attribution that ends right before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from graph.extract.attributions import Found, Range
from graph.extract.quote_attribution import last_inner_char
from graph.extract.quotes import Quote
from graph.types import ClaimKind

_SENTENCE_END = frozenset(".!?…")
_CLOSING = "\"'”’»"
# between the attribution and the quotation: the rest of its sentence, up to the sentence end or a colon
_GAP = re.compile(r"[^.!?…:\n]*(?:[.!?…][\"'”’»]*|:)\s*")


def _extent_end(found: Found) -> int:
    """Where an attribution's words end: its content, cue or speaker, whichever comes last."""
    ends = [found.contents[-1][1]]
    ends += [found.cue[1]] if found.cue else []
    ends += [found.source[1]] if found.source and found.source[0] < found.source[1] else []
    return max(ends)


def _ends_sentence(text: str, q: Quote, para_end: int) -> bool:
    """True when nothing but a new sentence follows the quotation (no tag such as "…!” blared the paper")."""
    if not q.closed:
        return True
    rest = text[q.end : para_end].lstrip()
    if rest[:1] in _SENTENCE_END:
        rest = rest[1:].lstrip()
    elif last_inner_char(text, q) not in _SENTENCE_END:
        return rest == ""
    return rest == "" or not rest[0].islower()


def _ends_quoted_sentence(text: str, end: int) -> bool:
    """True when the text before ``end`` is a quotation closing on a sentence end ('… now.”')."""
    i = end
    while i > 0 and text[i - 1] in _CLOSING:
        i -= 1
    return i < end and i > 0 and text[i - 1] in _SENTENCE_END


def _covered(found: Sequence[Found], q: Quote) -> bool:
    """True when the quotation overlaps any attribution's content, cue or speaker."""
    for f in found:
        ranges: list[Range] = list(f.contents)
        ranges += [f.cue] if f.cue else []
        ranges += [f.source] if f.source else []
        if any(s < q.end and q.start < e for s, e in ranges):
            return True
    return False


def extend_with_trailing_quotes(
    text: str, quotes: Sequence[Quote], paras: Sequence[Range], found: Sequence[Found]
) -> None:
    """Append each untagged sentence-long quotation to the sourced attribution whose words end right before it
    in the same paragraph (after a sentence end or a colon); the attribution becomes mixed."""
    for q in quotes:
        if q.continues or _covered(found, q):
            continue
        para_start, para_end = paras[q.paragraph]
        if not _ends_sentence(text, q, para_end):
            continue
        before = [f for f in found if f.source is not None and para_start <= f.contents[-1][0]
                  and _extent_end(f) <= q.start]
        if not before:
            continue
        last = max(before, key=_extent_end)
        end = _extent_end(last)
        after_quote = text[end : q.start].isspace() and _ends_quoted_sentence(text, end)  # “…” “…”
        if _GAP.fullmatch(text, end, q.start) is None and not after_quote:
            continue
        last.contents.append((q.start, q.end))
        if last.kind is ClaimKind.INDIRECT:
            last.kind = ClaimKind.MIXED
