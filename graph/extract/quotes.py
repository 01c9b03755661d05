"""Finding quotations in raw text: curly, straight and guillemet marks, across sentences and paragraphs.

Works on the document string alone (no parse), so quote spans are exact code-point ranges that the
attribution stage can attach to cues.  Nested single quotes inside a double-quoted passage are left
alone; single quotes only act as primary marks in documents that use no double quote marks at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

OPENERS = frozenset("“„‟«")
CLOSERS = frozenset("”»")
SINGLE_OPEN = "‘"

_TITLE_WORD = re.compile(r"[A-Za-z][\w’'-]{3,}")
_TITLE_LOWER = frozenset({"with", "from", "into", "over", "than", "upon", "about", "after", "under", "without"})
_PARAGRAPH = re.compile(r"[^\n\r\u2028\u2029]+")
_OPEN_CONTEXT_BEFORE = set(" \t\u00a0\u2002\u2003\u2009\u202f([{—–-/:\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")
_CLOSE_FOLLOW = set(" \t\u00a0\u2002\u2003\u2009\u202f,.;:!?)]}—–-…")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted passage: ``start``/``end`` include the marks; ``closed`` is False when it runs to paragraph end.

    ``continues`` marks a passage that picks up an unclosed quote of the previous paragraph.
    """

    start: int
    end: int
    paragraph: int
    closed: bool = True
    continues: bool = False



def paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of the non-empty lines of ``text`` (a newline ends a paragraph in news text)."""
    out = []
    for match in _PARAGRAPH.finditer(text):
        start, end = _strip(text, match.start(), match.end())
        if start < end:
            out.append((start, end))
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past any kind of whitespace (NBSP and friends included)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_opening(text: str, i: int, width: int, para_start: int, para_end: int, in_quote: bool) -> bool:
    """Decide from context whether the mark at ``i`` (``width`` characters long) opens a quotation."""
    char = text[i]
    before = text[i - 1] if i > para_start else " "
    after = text[i + width] if i + width < para_end else " "
    if char == "`" or char == "«":
        return True
    if char in OPENERS:
        # a curly opener glued to a word on the left and followed by space is a mis-typed closer
        return not (in_quote and not before.isspace() and (after.isspace() or after in _CLOSE_FOLLOW))
    if char in CLOSERS:
        # a closer preceded by space and followed by a letter is a mis-typed opener; so is one glued to the comma
        # of a tag and followed by a spaced word ('He says,” there are ...”') when a closer follows
        if in_quote:
            return False
        if (before.isspace() or before in _OPEN_CONTEXT_BEFORE) and after.isalnum():
            return True
        nxt = text[i + width + 1] if i + width + 1 < para_end else " "
        return before in ",:" and after == " " and nxt.isalnum() and text.find(char, i + width, para_end) >= 0
    # straight quote or doubled apostrophe: decide by the surrounding characters, falling back to alternation
    if before.isspace() or before in _OPEN_CONTEXT_BEFORE or i == para_start:
        if after.isspace() and in_quote:
            return False
        return not in_quote or not (after.isspace() or after in _CLOSE_FOLLOW)
    return False


_DOUBLE_PATTERN = re.compile(r"''|``|[“”„‟«»\"]")
_SINGLE_PATTERN = re.compile("[‘’]")


def _marks(text: str, para_start: int, para_end: int, pattern: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """Positions and widths of quote marks inside a paragraph (regex scan, no per-character loop)."""
    for match in pattern.finditer(text, para_start, para_end):
        yield match.start(), match.end() - match.start()


def _quotes_in_paragraph(
    text: str, para: tuple[int, int], index: int, single: bool
) -> tuple[list[Quote], bool]:
    """Pair the marks of one paragraph; returns its quotes and whether the last one is left open."""
    start_p, end_p = para
    quotes: list[Quote] = []
    open_at: int | None = None
    for i, width in _marks(text, start_p, end_p, _SINGLE_PATTERN if single else _DOUBLE_PATTERN):
        if single:  # single-quote mode: only real openers open, a closer must end a word
            opening = text[i] == SINGLE_OPEN and (i == start_p or text[i - 1].isspace() or text[i - 1] in "([—–-")
            closing = text[i] != SINGLE_OPEN and open_at is not None and (
                i + 1 >= end_p or text[i + 1].isspace() or text[i + 1] in _CLOSE_FOLLOW
            ) and (text[i - 1] in ",.!?" or i + 1 >= end_p or text[i + 1] in ",.;:!?—–")
        else:
            opening = _is_opening(text, i, width, start_p, end_p, open_at is not None)
            closing = not opening
        if opening and open_at is None:
            open_at = i
        elif opening and open_at is not None:
            # an opener while already open: the earlier quote lost its closer; end it before this one
            end = _strip(text, open_at, i)[1]
            quotes.append(Quote(open_at, end, index, closed=False))
            open_at = i
        elif closing and open_at is not None:
            quotes.append(Quote(open_at, i + width, index, closed=True))
            open_at = None
    if open_at is not None:
        quotes.append(Quote(open_at, end_p, index, closed=False))
        return quotes, True
    return quotes, False


def find_quotes(text: str, paras: Sequence[tuple[int, int]] | None = None) -> list[Quote]:
    """Every quotation in ``text`` in order, with multi-paragraph quotes flagged via ``continues``."""
    has_double = _DOUBLE_PATTERN.search(text) is not None
    if not has_double and SINGLE_OPEN not in text:
        return []
    paras = paragraphs(text) if paras is None else paras
    out: list[Quote] = []
    carried = False
    for index, para in enumerate(paras):
        quotes, left_open = _quotes_in_paragraph(text, para, index, single=not has_double)
        if carried and quotes and quotes[0].start == para[0]:
            first = quotes[0]
            quotes[0] = Quote(first.start, first.end, first.paragraph, first.closed, continues=True)
        out.extend(q for q in quotes if q.end - q.start > 2)
        carried = left_open
    return out


def doc_quotes(doc: Doc, paras: Sequence[tuple[int, int]] | None = None, text: str | None = None) -> list[Quote]:
    """The quotations of a parsed document, computed once and cached in ``doc.user_data``.

    Other stages (e.g. triples, which must not assert quoted content as fact) share the cache.
    """
    cached = doc.user_data.get("claimgraph.quotes")
    if cached is None:
        cached = doc.user_data["claimgraph.quotes"] = find_quotes(doc.text if text is None else text, paras)
    return cached


def title_like(quoted: str) -> bool:
    """True for a short quotation in title case with no sentence inside ("“Good Morning America.”"): the
    name of a work or show, not somebody's words."""
    words = [w for w in _TITLE_WORD.findall(quoted) if w not in _TITLE_LOWER]
    if not 0 < len(words) <= 8 or not all(w[0].isupper() for w in words):
        return False
    inner = quoted.rstrip("”\"»").rstrip(".,")  # American style puts the full stop inside the marks
    return not any(c in inner for c in ".?!")
