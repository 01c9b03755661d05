"""Cytoscape.js JSON (``elements.nodes`` / ``elements.edges`` with ``data``), loadable by ``cy.json()`` and Cytoscape desktop."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from graph.readwrite.attributes import decode_graph
from graph.readwrite.style import edge_width, node_colour

if TYPE_CHECKING:
    import networkx as nx


def write_cytoscape(graph: nx.DiGraph, path: str | Path) -> None:
    """Write Cytoscape.js elements; edges get unique ids, nodes a ``color`` and edges a ``width`` for styling."""
    import networkx as nx

    data = nx.cytoscape_data(graph)
    for element in data["elements"]["nodes"]:
        element["data"]["color"] = node_colour(element["data"])
    for element in data["elements"]["edges"]:
        edge = element["data"]
        edge["id"] = f"{edge['source']}->{edge['target']}"
        edge["width"] = edge_width(int(edge.get("count", 1)))
    Path(path).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def read_cytoscape(path: str | Path) -> nx.DiGraph:
    """Read a Cytoscape.js JSON file back into the projected graph."""
    import networkx as nx

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return decode_graph(nx.cytoscape_graph(data))
