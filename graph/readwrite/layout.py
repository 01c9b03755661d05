"""Node positions for drawn formats: a spring layout of the busiest nodes, the rest placed around their anchors.

A full force-directed layout of thousands of nodes takes minutes in pure NumPy, so only the ``core``
nodes with most claims get one; every other node sits on a sunflower spiral around its strongest
already-placed neighbour (or on an outer ring). Deterministic for a given graph and seed.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

Positions = dict[str, tuple[float, float]]
CORE = 400  # nodes laid out by force; the dense spring layout takes about 1-2 s at this size
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def strength(graph: nx.DiGraph, node: str) -> float:
    """Weighted degree (in + out claim counts) of a node."""
    return float(graph.in_degree(node, weight="weight") + graph.out_degree(node, weight="weight"))


def layout(graph: nx.DiGraph, *, core: int = CORE, seed: int = 7) -> Positions:
    """Positions in roughly [-1, 1]² for every node of the graph."""
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return {}
    order = sorted(graph, key=lambda n: (-strength(graph, n), str(n)))
    centre = graph.subgraph(order[:core]).to_undirected(as_view=False)
    k = 2.2 / math.sqrt(max(1, centre.number_of_nodes()))
    raw = nx.spring_layout(centre, k=k, iterations=80, seed=seed, weight=None)
    pos: Positions = {str(n): (float(x), float(y)) for n, (x, y) in raw.items()}
    _place_satellites(graph, order[core:], pos)
    return _normalise(pos)


def _place_satellites(graph: nx.DiGraph, rest: list[str], pos: Positions) -> None:
    """Put each remaining node on a spiral around its heaviest placed neighbour, else on an outer ring."""
    spread = 0.5 / math.sqrt(max(1, len(pos)))
    per_anchor: dict[str, int] = defaultdict(int)
    orphans: list[str] = []
    for node in rest:
        anchors = [
            (float(data.get("weight", 1.0)), str(other))
            for other, data in list(graph.succ[node].items()) + list(graph.pred[node].items())
            if str(other) in pos
        ]
        if not anchors:
            orphans.append(node)
            continue
        anchor = max(anchors)[1]
        per_anchor[anchor] += 1
        i = per_anchor[anchor]
        radius, angle = spread * math.sqrt(i), i * GOLDEN_ANGLE
        ax, ay = pos[anchor]
        pos[node] = (ax + radius * math.cos(angle), ay + radius * math.sin(angle))
    extent = max((math.hypot(x, y) for x, y in pos.values()), default=1.0) or 1.0
    for i, node in enumerate(orphans):
        angle = 2 * math.pi * i / max(1, len(orphans))
        pos[node] = ((extent * 1.15) * math.cos(angle), (extent * 1.15) * math.sin(angle))


def _normalise(pos: Positions) -> Positions:
    """Scale and centre positions into [-1, 1]² keeping the aspect ratio."""
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    return {n: ((x - cx) / half, (y - cy) / half) for n, (x, y) in pos.items()}
