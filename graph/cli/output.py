"""Rendering rows for the terminal and for machines: table, json, csv, tsv (and RDF for CONSTRUCT)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Mapping, Sequence
from datetime import date, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rdflib.query import Result

ROW_FORMATS = ("table", "json", "csv", "tsv")
GRAPH_FORMATS = {"turtle": "turtle", "ntriples": "nt", "nt": "nt", "json-ld": "json-ld", "xml": "xml"}

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice([*ROW_FORMATS, "turtle", "ntriples"]),
    default="table",
    show_default=True,
    help="Output format (turtle/ntriples only for CONSTRUCT/DESCRIBE).",
)

Row = Mapping[str, Any]


def _cell(value: Any) -> Any:
    """Plain Python values for output (rdflib terms become str/int/float)."""
    if value is None:
        return None
    to_python = getattr(value, "toPython", None)
    if to_python is not None:
        value = to_python()
    if isinstance(value, int | float | str | bool | list | dict):
        return value
    if isinstance(value, Decimal):  # xsd:decimal (confidence): a JSON number, not a string
        return float(value)
    if isinstance(value, date | time):  # xsd:dateTime and friends: ISO 8601 as in the data
        return value.isoformat()
    return str(value)


def result_rows(result: Result) -> tuple[list[str], list[dict[str, Any]]]:
    """Column names and plain rows of a SELECT result."""
    columns = [str(v) for v in result.vars or []]
    rows = [{c: _cell(binding.get(v)) for c, v in zip(columns, result.vars or [])} for binding in result.bindings]
    return columns, rows


def render_rows(columns: Sequence[str], rows: Sequence[Row], fmt: str, *, widths: Mapping[str, int] | None = None) -> str:
    """Rows as a text table, a JSON array of objects, CSV or TSV."""
    if fmt == "json":
        return json.dumps([{c: _cell(r.get(c)) for c in columns} for r in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow(["" if r.get(c) is None else _flat(r.get(c)) for c in columns])
        return buffer.getvalue()
    return _table(columns, rows, widths or {})


def _flat(value: Any) -> str:
    if isinstance(value, list | tuple):
        return " | ".join(str(v) for v in value)
    text = str(_cell(value))
    return text.replace("\t", " ").replace("\n", " ") if isinstance(value, str) else text


def _table(columns: Sequence[str], rows: Sequence[Row], widths: Mapping[str, int]) -> str:
    """A fixed-width table; long cells are shortened with an ellipsis to fit the terminal."""
    total = shutil.get_terminal_size((160, 24)).columns
    cells = [[_flat(r.get(c)) if r.get(c) is not None else "" for c in columns] for r in rows]
    natural = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    limits = [min(natural[i], widths.get(c, 60)) for i, c in enumerate(columns)]
    while sum(limits) + 2 * len(limits) > total and max(limits) > 12:
        limits[limits.index(max(limits))] -= 1

    def fit(text: str, width: int) -> str:
        text = " ".join(text.split())
        return text if len(text) <= width else text[: max(width - 1, 1)] + "…"

    lines = ["  ".join(fit(c, w).ljust(w) for c, w in zip(columns, limits)).rstrip()]
    lines.append("  ".join("-" * w for w in limits))
    lines.extend("  ".join(fit(v, w).ljust(w) for v, w in zip(row, limits)).rstrip() for row in cells)
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines) + "\n"


def render_result(result: Result, fmt: str) -> str:
    """Any SPARQL result: SELECT as rows, ASK as true/false, CONSTRUCT/DESCRIBE as RDF."""
    if result.type == "ASK":
        answer = bool(result.askAnswer)
        return json.dumps({"boolean": answer}) + "\n" if fmt == "json" else f"{str(answer).lower()}\n"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph = result.graph
        assert graph is not None
        rdf_format = GRAPH_FORMATS.get(fmt, "turtle")
        if fmt == "json":
            rdf_format = "json-ld"
        return graph.serialize(format=rdf_format)
    columns, rows = result_rows(result)
    return render_rows(columns, rows, fmt)
