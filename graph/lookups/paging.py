"""Cursor paging over sorted lists: opaque, URL-safe cursors naming the last item's sort key."""

from __future__ import annotations

import base64
import binascii
import json
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from graph.errors import CursorError

T = TypeVar("T")
Key = tuple[str | int | float, ...]


def encode_cursor(key: Key) -> str:
    """An opaque, URL-safe cursor for a sort key."""
    raw = json.dumps(list(key), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, like: Key) -> Key:
    """The sort key in a cursor, checked against the shape of a real key; CursorError when it is not one."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw.decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise CursorError("the cursor is not one this server issued") from exc
    if not isinstance(values, list) or len(values) != len(like):
        raise CursorError("the cursor is not one this server issued")
    for value, model in zip(values, like):
        expected = (int, float) if isinstance(model, float) else type(model)
        if isinstance(value, bool) or not isinstance(value, expected):
            raise CursorError("the cursor is not one this server issued")
    return tuple(values)


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of items, the cursor of the next page (None on the last) and the total count."""

    items: list[T]
    next_cursor: str | None
    total: int


def paginate(items: Sequence[T], key: Callable[[T], Key], cursor: str | None, limit: int) -> Page[T]:
    """The ``limit`` items after the cursor's key; ``items`` must be sorted by ``key`` with unique keys."""
    start = 0
    if cursor and items:
        after = decode_cursor(cursor, key(items[0]))
        start = bisect_right(items, after, key=key)  # type: ignore[call-overload]
    chunk = list(items[start : start + limit])
    more = start + limit < len(items)
    return Page(chunk, encode_cursor(key(chunk[-1])) if more and chunk else None, len(items))
