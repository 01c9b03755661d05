"""PNG and SVG pictures of the graph with matplotlib: nodes coloured by type, edges as thick as their claim count.

Only the ``max_nodes`` busiest nodes are drawn so labels stay readable; the title says when the picture
is a selection. SVG keeps labels as text (searchable, selectable), not outlines.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from graph.readwrite.layout import layout, strength
from graph.readwrite.style import EDGE_COLOUR, TYPE_COLOURS, edge_width, node_colour, node_size

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.figure import Figure

MAX_NODES = 80
EDGES_PER_NODE = 3  # at most this many edges per drawn node: thousands of arrows are slow and unreadable
LABEL_CHARS = 30


def select(graph: nx.DiGraph, max_nodes: int = MAX_NODES, max_edges: int | None = None) -> nx.DiGraph:
    """The ``max_nodes`` nodes with most claims and, among them, the ``max_edges`` heaviest edges."""
    import networkx as nx

    max_edges = max_edges if max_edges is not None else EDGES_PER_NODE * max_nodes
    keep = sorted(graph, key=lambda n: (-strength(graph, n), str(n)))[:max_nodes]
    induced = graph.subgraph(keep)
    if induced.number_of_edges() <= max_edges:
        return induced
    heaviest = sorted(induced.edges(data=True), key=lambda e: (-float(e[2].get("weight", 1.0)), str(e[0]), str(e[1])))
    shown = nx.DiGraph()
    shown.graph.update(induced.graph)
    shown.add_edges_from(heaviest[:max_edges])  # nodes left without a drawn edge are dropped, not scattered
    shown.add_nodes_from((n, induced.nodes[n]) for n in list(shown))
    return shown


def _label(text: str) -> str:
    """A node label shortened to LABEL_CHARS."""
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def draw(graph: nx.DiGraph, *, max_nodes: int = MAX_NODES, title: str | None = None) -> Figure:
    """A matplotlib Figure of (the busiest part of) the graph, without touching pyplot's global state."""
    import networkx as nx
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    shown = select(graph, max_nodes)
    n = shown.number_of_nodes()
    side = min(22.0, max(9.0, 5.0 + 1.6 * n**0.5))
    fig = Figure(figsize=(side * 1.25, side))
    ax = fig.add_axes((0.01, 0.01, 0.98, 0.95))  # fixed margins: a layout engine would draw everything twice
    ax.set_axis_off()
    pos = layout(shown)
    nodes = list(shown)
    sizes = [(node_size(shown.nodes[v], 14, 46)) ** 2 for v in nodes]
    edges = list(shown.edges(data=True))
    nx.draw_networkx_edges(
        shown, pos, ax=ax, edgelist=[(u, v) for u, v, _ in edges],
        width=[edge_width(int(d.get("count", 1))) for _, _, d in edges],
        edge_color=EDGE_COLOUR, alpha=0.55, arrows=True, arrowstyle="-|>", arrowsize=14,
        nodelist=nodes, node_size=sizes, connectionstyle="arc3,rad=0.12",
    )
    nx.draw_networkx_nodes(
        shown, pos, ax=ax, nodelist=nodes, node_size=sizes,
        node_color=[node_colour(shown.nodes[v]) for v in nodes], edgecolors="white", linewidths=1.2,
    )
    labels = {v: _label(str(shown.nodes[v].get("label") or v)) for v in nodes}
    lifted = {v: (x, y + 0.035) for v, (x, y) in pos.items()}  # labels sit just above their node
    nx.draw_networkx_labels(
        shown, lifted, labels=labels, ax=ax, font_size=10 if n <= 40 else 8, verticalalignment="bottom",
        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
    )
    for u, v, d in edges:  # claim counts above 1, at the middle of the (slightly curved) edge
        if int(d.get("count", 1)) > 1 and u != v:
            (x1, y1), (x2, y2) = pos[u], pos[v]
            mx, my = (x1 + x2) / 2 + 0.06 * (y2 - y1), (y1 + y2) / 2 - 0.06 * (x2 - x1)  # arc3 rad=0.12 midpoint
            ax.text(mx, my, str(d["count"]), fontsize=8, color="#333333", ha="center", va="center")
    present = sorted({str(shown.nodes[v].get("type", "Thing")) for v in nodes})
    handles = [Line2D([], [], marker="o", linestyle="", markersize=10, color=TYPE_COLOURS.get(t, TYPE_COLOURS["Thing"]),
                      label=t) for t in present]
    handles.append(Line2D([], [], color=EDGE_COLOUR, linewidth=4, label="speaker → target, width = claims"))
    ax.legend(handles=handles, loc="lower left", fontsize=9, frameon=True)
    heading = title or "Who speaks about whom"
    if n < graph.number_of_nodes():
        heading += f" — the {n} busiest of {graph.number_of_nodes()} nodes"
    induced = graph.subgraph(nodes).number_of_edges()
    edges_text = f"{len(edges)} edges" if len(edges) == induced else f"the {len(edges)} heaviest of {induced} edges"
    heading += f"  ({edges_text}; {graph.graph.get('filters', 'all claims')})"
    ax.set_title(heading, fontsize=13)
    ax.margins(0.06)
    return fig


def write_png(graph: nx.DiGraph, path: str | Path, *, max_nodes: int = MAX_NODES, dpi: int = 110) -> None:
    """Render the graph to a PNG file."""
    fig = draw(graph, max_nodes=max_nodes)
    fig.savefig(str(path), format="png", dpi=dpi, facecolor="white")


def write_svg(graph: nx.DiGraph, path: str | Path, *, max_nodes: int = MAX_NODES) -> None:
    """Render the graph to an SVG file whose labels are real text elements."""
    import matplotlib

    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig = draw(graph, max_nodes=max_nodes)
        fig.savefig(str(path), format="svg", facecolor="white")
