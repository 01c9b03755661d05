"""Neo4j bulk-import CSV: one node file per kind and one relationship file per type, for ``neo4j-admin import``.

Headers use the import tool's typed columns (``id:ID``, ``:LABEL``, ``count:int``, ``cues:string[]``,
``:START_ID``, ``:END_ID``, ``:TYPE``); lists are joined with ``;`` (the tool's default array delimiter).
Written to a directory, or to a ``.zip`` when the path ends so; ``IMPORT.txt`` holds the command to run.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.project import EDGE_FIELDS, NODE_FIELDS
from graph.readwrite.attributes import decode_graph

if TYPE_CHECKING:
    import networkx as nx

ARRAY_DELIMITER = ";"
SUFFIX = {int: ":int", float: ":float", list: ":string[]", str: ""}
LABELS = {"entity": "Entity", "claim": "Claim", "document": "Document"}


def _cell(value: Any, kind: type) -> str:
    """One CSV cell for a value of the given schema type."""
    if value is None:
        return ""
    if kind is list:  # ";" inside an element would split it: neo4j-admin has no escape for the array delimiter
        return ARRAY_DELIMITER.join(str(v).replace(ARRAY_DELIMITER, ",") for v in value)
    return repr(value) if kind is float else str(value)


def _columns(rows: Iterable[Mapping[str, Any]], schema: Mapping[str, type]) -> list[str]:
    """The schema keys present in any of the rows, in schema order."""
    present = set().union(*(set(r) for r in rows))
    return [key for key in schema if key in present]


def _table(header: list[str], rows: Iterable[list[str]]) -> str:
    """CSV text of a header and rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def neo4j_files(graph: nx.DiGraph) -> dict[str, str]:
    """The CSV files (name → text) for the graph: ``nodes_<kind>.csv``, ``relationships_<type>.csv``, ``IMPORT.txt``."""
    files: dict[str, str] = {}
    by_kind: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        by_kind[str(data.get("kind", "entity"))].append((node, data))
    for kind, nodes in sorted(by_kind.items()):
        cols = _columns((d for _, d in nodes), NODE_FIELDS)
        header = ["id:ID"] + [c + SUFFIX[NODE_FIELDS[c]] for c in cols] + [":LABEL"]
        rows = []
        for node, data in nodes:
            labels = [LABELS.get(kind, kind.title())] + ([str(data["type"])] if kind == "entity" else [])
            rows.append([node] + [_cell(data.get(c), NODE_FIELDS[c]) for c in cols] + [ARRAY_DELIMITER.join(labels)])
        files[f"nodes_{kind}.csv"] = _table(header, rows)
    by_type: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for source, target, data in graph.edges(data=True):
        by_type[str(data.get("relation", "related"))].append((source, target, data))
    for relation, edges in sorted(by_type.items()):
        cols = _columns((d for _, _, d in edges), EDGE_FIELDS)
        header = [":START_ID", ":END_ID", ":TYPE"] + [c + SUFFIX[EDGE_FIELDS[c]] for c in cols]
        rows = [[s, t, relation.upper()] + [_cell(d.get(c), EDGE_FIELDS[c]) for c in cols] for s, t, d in edges]
        files[f"relationships_{relation}.csv"] = _table(header, rows)
    files["IMPORT.txt"] = _import_command(files)
    return files


def _import_command(files: Mapping[str, str]) -> str:
    """The ``neo4j-admin database import full`` command for these files."""
    args = [f"--nodes={n}" for n in files if n.startswith("nodes_")]
    args += [f"--relationships={n}" for n in files if n.startswith("relationships_")]
    return (
        "# Load into an empty database (Neo4j 5), from the directory holding these files:\n"
        f"neo4j-admin database import full {' '.join(args)} "
        f"--array-delimiter='{ARRAY_DELIMITER}' --multiline-fields=true neo4j\n"
    )


def write_neo4j(graph: nx.DiGraph, path: str | Path) -> None:
    """Write the CSV files into the directory ``path`` (created), or into a zip archive if it ends in ``.zip``."""
    target = Path(path)
    files = neo4j_files(graph)
    if target.suffix.lower() == ".zip":
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, text in files.items():
                archive.writestr(name, text)
        return
    target.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (target / name).write_text(text, encoding="utf-8")


def _read_files(path: Path) -> dict[str, str]:
    """CSV files by name from a directory or a zip archive."""
    if path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return {n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".csv")}
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(path.glob("*.csv"))}


def _typed(header: str, value: str) -> tuple[str, Any] | None:
    """A header's property name and the cell parsed by its ``:type`` (None for an empty number)."""
    name, _, kind = header.partition(":")
    if kind == "string[]":
        return name, [v for v in value.split(ARRAY_DELIMITER) if v] if value else []
    if value == "" and kind in ("int", "float"):
        return None
    return name, int(value) if kind == "int" else float(value) if kind == "float" else value


def read_neo4j(path: str | Path) -> nx.DiGraph:
    """Read the node and relationship CSV files (directory or zip) back into the projected graph."""
    import networkx as nx

    graph = nx.DiGraph()
    files = _read_files(Path(path))
    for name, text in sorted(files.items(), key=lambda item: not item[0].startswith("nodes_")):
        reader = csv.reader(io.StringIO(text))
        header = next(reader)
        for row in reader:
            cells = dict(zip(header, row, strict=True))
            if name.startswith("nodes_"):
                data = dict(filter(None, (_typed(h, v) for h, v in cells.items() if not h.startswith(("id:", ":")))))
                graph.add_node(cells["id:ID"], **data)
            else:
                data = dict(filter(None, (_typed(h, v) for h, v in cells.items() if not h.startswith(":"))))
                graph.add_edge(cells[":START_ID"], cells[":END_ID"], **data)
    return decode_graph(graph)
