"""Content negotiation: parse a q-weighted ``Accept`` header (RFC 9110 §12.5.1) and pick the best offer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from api.errors import NotAcceptable


@dataclass(frozen=True, slots=True)
class MediaRange:
    """One entry of an Accept header: ``type/subtype`` (either may be ``*``), parameters and weight."""

    type: str
    subtype: str
    params: tuple[tuple[str, str], ...]
    q: float

    def matches(self, media_type: str) -> int:
        """How specifically this range matches a concrete media type: -1 not at all, 0 ``*/*`` .. 3 exact+params."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 0
        if self.type != kind:
            return -1
        if self.subtype == "*":
            return 1
        if self.subtype != sub:
            return -1
        return 3 if self.params else 2


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; a missing or empty header accepts anything."""
    if not header or not header.strip():
        return [MediaRange("*", "*", (), 1.0)]
    ranges: list[MediaRange] = []
    for item in header.split(","):
        parts = [p.strip() for p in item.split(";")]
        kind, sep, sub = parts[0].lower().partition("/")
        if not sep or not kind or not sub:
            continue  # malformed entries are ignored, as most servers do
        q = 1.0
        params: list[tuple[str, str]] = []
        for param in parts[1:]:
            key, _, value = param.partition("=")
            key, value = key.strip().lower(), value.strip().strip('"')
            if key == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
            elif key:
                params.append((key, value))
        ranges.append(MediaRange(kind, sub, tuple(params), q))
    return ranges or [MediaRange("*", "*", (), 1.0)]  # a header of only junk (e.g. ``*``) means anything


def quality(ranges: Sequence[MediaRange], media_type: str) -> float:
    """The weight the client gives a media type: that of the most specific range matching it (0 if none)."""
    best_specificity, best_q = -1, 0.0
    for media_range in ranges:
        specificity = media_range.matches(media_type)
        if specificity > best_specificity:
            best_specificity, best_q = specificity, media_range.q
    return best_q if best_specificity >= 0 else 0.0


def negotiate(header: str | None, offers: Sequence[str]) -> str:
    """The offer the client weighs highest (ties go to the earlier offer); NotAcceptable when none is acceptable."""
    ranges = parse_accept(header)
    best, best_q = None, 0.0
    for offer in offers:
        q = quality(ranges, offer)
        if q > best_q:
            best, best_q = offer, q
    if best is None:
        raise NotAcceptable(f"none of the acceptable media types can be produced here; available: {', '.join(offers)}")
    return best
