"""Node positions for drawn formats: a spring layout of the busiest nodes, the rest placed around their anchors.

A full force-directed layout of thousands of nodes takes minutes in pure NumPy, so only the ``core``
nodes with most claims get one (per connected component, packed side by side); every other
node sits on a sunflower spiral around its strongest already-placed neighbour (or on an outer ring).
Deterministic for a given graph and seed.
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
    pos = _packed_components(centre, seed)
    _place_satellites(graph, order[core:], pos)
    return _normalise(pos)


def _packed_components(graph: nx.Graph, seed: int) -> Positions:
    """A spring layout per connected component: the largest on the left, the others in columns beside it.

    One spring layout of a disconnected graph pushes small components to the corners and squeezes
    the big one; packing keeps every component readable and fills a landscape picture.
    """
    import networkx as nx

    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(str(n) for n in c)))
    height = math.sqrt(len(components[0]))
    gap = 0.3
    pos: Positions = {}
    x, y, column = 0.0, 0.0, 0.0
    for component in components:
        side = math.sqrt(len(component))
        if y > 0 and y + side > height:  # this column is full: start the next one to the right
            x, y, column = x + column + gap, 0.0, 0.0
        local = _spring(graph.subgraph(component), seed)
        for node, (px, py) in local.items():
            pos[str(node)] = (x + side / 2 + px * side * 0.45, -(y + side / 2) + py * side * 0.45)
        y, column = y + side + gap, max(column, side)
    return pos


def _spring(component: nx.Graph, seed: int) -> Positions:
    """A spring layout of one connected component, scaled into [-1, 1]²."""
    import networkx as nx

    if component.number_of_nodes() == 1:
        return {str(next(iter(component))): (0.0, 0.0)}
    k = 2.2 / math.sqrt(component.number_of_nodes())
    raw = nx.spring_layout(component, k=k, iterations=80, seed=seed, weight=None)
    return _normalise({str(n): (float(x), float(y)) for n, (x, y) in raw.items()})


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
