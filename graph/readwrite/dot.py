"""Graphviz DOT: styled for ``dot``/``sfdp`` (colours by type, pen width by claim count) with the data attributes kept.

Written directly (no pydot needed to write); read back with networkx's pydot reader. Every value is a
double-quoted DOT string with ``"`` and ``\\`` backslash-escaped (as Graphviz renders labels and pydot parses).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from graph.project import EDGE_FIELDS, NODE_FIELDS
from graph.readwrite.attributes import GRAPH_FIELDS, decode_graph, encode_attrs
from graph.readwrite.style import EDGE_COLOUR, edge_width, node_colour

if TYPE_CHECKING:
    import networkx as nx

ESCAPE = re.compile(r'\\([\\"])')
SHAPES = {"entity": "ellipse", "claim": "note", "document": "folder"}
# Node attribute names pydot cannot take (``Node(name, **attrs)``) are written under another name.
RENAMED = {"name": "cg_name"}


def quote(value: object) -> str:
    """A DOT double-quoted string; backslashes are doubled so no value can escape its closing quote."""
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def unquote(value: str) -> str:
    """Inverse of ``quote`` for what pydot hands back (surrounding quotes and escapes kept)."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    return ESCAPE.sub(r"\1", value)


def _attr_list(attrs: Mapping[str, Any]) -> str:
    """``key="value", ...`` for a DOT attribute list."""
    return ", ".join(f"{key}={quote(value)}" for key, value in attrs.items())


def write_dot(graph: nx.DiGraph, path: str | Path) -> None:
    """Write the graph as a DOT digraph; render with ``sfdp -Tsvg`` (large) or ``dot -Tpng`` (small)."""
    with open(path, "w", encoding="utf-8") as out:
        _write(graph, out)


def _write(graph: nx.DiGraph, out: IO[str]) -> None:
    """Write the DOT text: graph metadata, default styles, nodes, then edges."""
    meta = encode_attrs({k: v for k, v in graph.graph.items() if k != "claims"}, GRAPH_FIELDS)
    out.write("strict digraph claimgraph {\n")
    for key, value in {**meta, "overlap": "false", "splines": "true", "fontname": "Helvetica"}.items():
        out.write(f"  {key}={quote(value)};\n")
    out.write('  node [style="filled", fontname="Helvetica", fontsize="11"];\n')
    out.write(f'  edge [color="{EDGE_COLOUR}", arrowsize="0.7"];\n')
    for node, data in graph.nodes(data=True):
        style = {"shape": SHAPES.get(str(data.get("kind")), "ellipse"), "fillcolor": node_colour(data)}
        if data.get("kind") == "claim":
            style["tooltip"] = data.get("text", "")
        flat = {RENAMED.get(k, k): v for k, v in encode_attrs(data, NODE_FIELDS).items()}
        out.write(f"  {quote(node)} [{_attr_list({**flat, **style})}];\n")
    for source, target, data in graph.edges(data=True):
        flat = encode_attrs(data, EDGE_FIELDS)
        count = int(data.get("count", 1))
        flat["weight"] = count  # dot wants an integer weight; read back as float by the schema
        style = {"penwidth": f"{edge_width(count):.2f}", "tooltip": ", ".join(data.get("cues", []))}
        out.write(f"  {quote(source)} -> {quote(target)} [{_attr_list({**flat, **style})}];\n")
    out.write("}\n")


def read_dot(path: str | Path) -> nx.DiGraph:
    """Read a DOT file written by ``write_dot`` back into the projected graph (networkx + pydot)."""
    import networkx as nx

    raw = nx.nx_pydot.read_dot(str(path))
    plain = nx.DiGraph()
    plain.graph.update({k: unquote(str(v)) for k, v in raw.graph.get("graph", {}).items()})
    for node, data in raw.nodes(data=True):
        restored = {k: unquote(str(v)) for k, v in data.items()}
        plain.add_node(unquote(str(node)), **{original: restored.pop(alias) for original, alias in RENAMED.items()
                                              if alias in restored}, **restored)
    for source, target, data in raw.edges(data=True):
        plain.add_edge(unquote(str(source)), unquote(str(target)), **{k: unquote(str(v)) for k, v in data.items()})
    return decode_graph(plain)
