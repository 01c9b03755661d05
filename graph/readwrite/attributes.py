"""Encode projected-graph attributes for flat formats and decode them back, by the schema in graph.project.

GraphML, GEXF, DOT and CSV hold only scalars of one type per key. Lists become JSON arrays in a string,
None is left out (no key), and every key has the one Python type ``NODE_FIELDS``/``EDGE_FIELDS`` give it,
so readers can restore lists, ints and floats exactly. Keys a format adds on its own (GEXF ``viz``,
Cytoscape ``value``, DOT styling) are dropped on decode.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from graph.project import EDGE_FIELDS, NODE_FIELDS

if TYPE_CHECKING:
    import networkx as nx

Scalar = str | int | float
GRAPH_FIELDS: dict[str, type] = {"view": str, "filters": str, "claims": dict}


def encode_value(value: Any) -> Scalar | None:
    """A value as a flat scalar: list/tuple/dict → JSON string, None → None (omit), else unchanged."""
    if value is None:
        return None
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str | int | float):
        return value
    return str(value)


def encode_attrs(data: Mapping[str, Any], schema: Mapping[str, type] | None = None) -> dict[str, Scalar]:
    """Flat attributes (schema keys only when a schema is given), None-valued keys left out."""
    out: dict[str, Scalar] = {}
    for key, value in data.items():
        if schema is not None and key not in schema:
            continue
        encoded = encode_value(value)
        if encoded is not None:
            out[key] = encoded
    return out


def decode_value(value: Any, kind: type) -> Any:
    """Restore one flat value to its schema type (JSON strings to lists/dicts; numeric strings to numbers)."""
    if kind in (list, dict):
        return json.loads(value) if isinstance(value, str) else value
    if kind is int:
        return int(float(value)) if isinstance(value, str) else int(value)
    if kind is float:
        return float(value)
    return str(value)


def decode_attrs(data: Mapping[str, Any], schema: Mapping[str, type]) -> dict[str, Any]:
    """Attributes restored to their schema types; keys outside the schema are dropped."""
    return {key: decode_value(value, schema[key]) for key, value in data.items() if key in schema}


def encode_graph(graph: nx.DiGraph, *, keep_claims: bool = True) -> nx.DiGraph:
    """A copy of the graph with every attribute flat; the claim table is JSON-encoded or dropped."""
    import networkx as nx

    flat = nx.DiGraph()
    meta = {k: v for k, v in graph.graph.items() if keep_claims or k != "claims"}
    flat.graph.update(encode_attrs(meta))
    flat.add_nodes_from((n, encode_attrs(d, NODE_FIELDS)) for n, d in graph.nodes(data=True))
    flat.add_edges_from((u, v, encode_attrs(d, EDGE_FIELDS)) for u, v, d in graph.edges(data=True))
    return flat


def decode_graph(graph: nx.Graph) -> nx.DiGraph:
    """The projected graph back from a reader's output: schema types restored, format-specific keys dropped."""
    import networkx as nx

    out = nx.DiGraph()
    out.graph.update(decode_attrs(graph.graph, GRAPH_FIELDS))
    out.add_nodes_from((str(n), decode_attrs(d, NODE_FIELDS)) for n, d in graph.nodes(data=True))
    out.add_edges_from((str(u), str(v), decode_attrs(d, EDGE_FIELDS)) for u, v, d in graph.edges(data=True))
    return out
