"""One visual vocabulary for every drawn format: colours by node type, node size by claims, edge width by count."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

# Colour-blind-safe (Okabe–Ito) colours per node type.
TYPE_COLOURS: dict[str, str] = {
    "Person": "#0072B2",
    "Organization": "#E69F00",
    "Group": "#009E73",
    "Place": "#CC79A7",
    "Thing": "#999999",
    "Claim": "#F0E442",
    "Document": "#56B4E9",
}
EDGE_COLOUR = "#555555"


def node_colour(data: Mapping[str, Any]) -> str:
    """The fill colour of a node by its ``type``."""
    return TYPE_COLOURS.get(str(data.get("type", "Thing")), TYPE_COLOURS["Thing"])


def node_claims(data: Mapping[str, Any]) -> int:
    """How many claims a node takes part in (made + about), for sizing; claims/documents count 1."""
    return int(data.get("claims_made", 0)) + int(data.get("claims_about", 0)) or 1


def node_size(data: Mapping[str, Any], smallest: float = 10.0, largest: float = 40.0) -> float:
    """A node size growing with the log of its claims, between ``smallest`` and ``largest``."""
    return min(largest, smallest + 6.0 * math.log2(node_claims(data)))


def edge_width(count: int, widest: float = 8.0) -> float:
    """Edge thickness by claim count: 1 for one claim, growing logarithmically, capped at ``widest``."""
    return min(widest, 1.0 + 1.8 * math.log2(max(1, count)))


def hex_rgb(colour: str) -> tuple[int, int, int]:
    """``#RRGGBB`` → (r, g, b)."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
