"""Node-link JSON for D3 (``nodes`` and ``links`` with ``source``/``target``), claim table under ``graph``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from graph.readwrite.attributes import decode_graph

if TYPE_CHECKING:
    import networkx as nx


def write_node_link(graph: nx.DiGraph, path: str | Path) -> None:
    """Write ``{"directed", "graph", "nodes", "links"}`` as UTF-8 JSON, the shape d3-force expects."""
    import networkx as nx

    data = nx.node_link_data(graph, edges="links")
    Path(path).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def read_node_link(path: str | Path) -> nx.DiGraph:
    """Read a node-link JSON file back into the projected graph."""
    import networkx as nx

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return decode_graph(nx.node_link_graph(data, directed=True, multigraph=False, edges="links"))
