"""GraphML (yEd, Gephi, igraph, Cytoscape desktop) through networkx, with lists and the claim table as JSON strings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from graph.readwrite.attributes import decode_graph, encode_graph

if TYPE_CHECKING:
    import networkx as nx


def write_graphml(graph: nx.DiGraph, path: str | Path) -> None:
    """Write the projected graph as GraphML; every key has one declared type (string, int or double)."""
    import networkx as nx

    nx.write_graphml(encode_graph(graph), str(path), encoding="utf-8", named_key_ids=True)


def read_graphml(path: str | Path) -> nx.DiGraph:
    """Read a GraphML file written by ``write_graphml`` back into the projected graph's types."""
    import networkx as nx

    return decode_graph(nx.read_graphml(str(path)))
