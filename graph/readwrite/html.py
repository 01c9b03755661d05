"""One self-contained, offline HTML page of the graph: vis-network (shipped by the pinned ``pyvis`` package) inlined.

Nodes are coloured by type and sized by claims; edges are directed, as wide as their claim count, and a
click lists their claims with speaker, quote (marked inside its sentence) and document offsets. Graphs
above ``PHYSICS_LIMIT`` nodes get a precomputed layout with physics off, so thousands of nodes stay usable.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, Any

from graph.errors import NotFoundError
from graph.readwrite.attributes import decode_graph
from graph.readwrite.layout import layout
from graph.readwrite.style import edge_width, node_colour, node_size

if TYPE_CHECKING:
    import networkx as nx

ASSETS = Path(__file__).with_name("assets")
PHYSICS_LIMIT = 300  # above this many nodes: precomputed positions, no physics
VIS_VERSION = "9.1.2"
DATA_SCRIPT = re.compile(r'<script id="cg-data" type="application/json">(.*?)</script>', re.DOTALL)


def vis_network_js() -> Path:
    """Path of the vis-network standalone bundle inside the installed ``pyvis`` package."""
    import importlib.util

    spec = importlib.util.find_spec("pyvis")
    if spec is None or spec.origin is None:
        raise NotFoundError("the pyvis package (which ships vis-network) is not installed; pip install pyvis==0.3.2")
    path = Path(spec.origin).parent / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js"
    if not path.is_file():
        raise NotFoundError(f"vis-network {VIS_VERSION} not found in the pyvis package at {path}")
    return path


def view_data(graph: nx.DiGraph, *, title: str | None = None) -> dict[str, Any]:
    """The graph as the page's JSON: nodes with position, colour and size; edges with ids and widths; the claims."""
    physics = graph.number_of_nodes() <= PHYSICS_LIMIT
    scale = max(500.0, 160.0 * math.sqrt(max(1, graph.number_of_nodes())))  # room for labels as graphs grow
    pos = layout(graph)
    nodes = []
    for node, data in graph.nodes(data=True):
        x, y = pos.get(str(node), (0.0, 0.0))
        nodes.append({**data, "id": node, "x": round(x * scale, 1), "y": round(-y * scale, 1),
                      "color": node_colour(data), "size": round(node_size(data), 1)})
    edges = [
        {**data, "id": f"e{i}", "from": source, "to": target, "width": round(edge_width(int(data.get("count", 1))), 2)}
        for i, (source, target, data) in enumerate(graph.edges(data=True))
    ]
    meta = {
        "title": title or "Who speaks about whom",
        "view": graph.graph.get("view", "speakers"),
        "filters": graph.graph.get("filters", "all claims"),
        "physics": physics,
    }
    return {"meta": meta, "nodes": nodes, "edges": edges, "claims": graph.graph.get("claims", {})}


def script_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``<`` can close it early."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def render_html(graph: nx.DiGraph, *, title: str | None = None) -> str:
    """The whole page as a string."""
    from html import escape

    data = view_data(graph, title=title)
    template = Template((ASSETS / "export.html").read_text(encoding="utf-8"))
    return template.substitute(
        TITLE=escape(data["meta"]["title"]),
        VIS_VERSION=VIS_VERSION,
        VIEW_CSS=(ASSETS / "claimgraph-view.css").read_text(encoding="utf-8"),
        VIS_JS=vis_network_js().read_text(encoding="utf-8"),
        VIEW_JS=(ASSETS / "claimgraph-view.js").read_text(encoding="utf-8"),
        DATA=script_json(data),
    )


def write_html(graph: nx.DiGraph, path: str | Path, *, title: str | None = None) -> None:
    """Write the self-contained page."""
    Path(path).write_text(render_html(graph, title=title), encoding="utf-8")


def read_html_data(path: str | Path) -> dict[str, Any]:
    """The JSON embedded in a page written by ``write_html``."""
    match = DATA_SCRIPT.search(Path(path).read_text(encoding="utf-8"))
    if match is None:
        raise NotFoundError(f"{path}: no claimgraph data in this HTML file")
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def read_html(path: str | Path) -> nx.DiGraph:
    """The projected graph back from a page written by ``write_html``."""
    import networkx as nx

    data = read_html_data(path)
    graph = nx.DiGraph(view=data["meta"]["view"], filters=data["meta"]["filters"], claims=data["claims"])
    graph.add_nodes_from((n["id"], n) for n in data["nodes"])
    graph.add_edges_from((e["from"], e["to"], e) for e in data["edges"])
    return decode_graph(graph)
