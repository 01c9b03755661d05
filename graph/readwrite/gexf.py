"""GEXF 1.2 for Gephi through networkx: flat typed attributes plus ``viz`` colour and size by node type and claims."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from graph.readwrite.attributes import decode_graph, encode_graph
from graph.readwrite.style import hex_rgb, node_colour, node_size

if TYPE_CHECKING:
    import networkx as nx


def write_gexf(graph: nx.DiGraph, path: str | Path) -> None:
    """Write the projected graph as GEXF; the claim table stays out (claim ids are on the edges)."""
    import networkx as nx

    flat = encode_graph(graph, keep_claims=False)
    for node, data in graph.nodes(data=True):
        r, g, b = hex_rgb(node_colour(data))
        flat.nodes[node]["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": node_size(data)}
    nx.write_gexf(flat, str(path), encoding="utf-8", version="1.2draft")


def read_gexf(path: str | Path) -> nx.DiGraph:
    """Read a GEXF file written by ``write_gexf`` back into the projected graph's types."""
    import networkx as nx

    return decode_graph(nx.read_gexf(str(path), node_type=str, version="1.2draft"))
