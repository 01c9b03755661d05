"""Rendering rows for the terminal and for machines: table, json, csv, tsv (and RDF for CONSTRUCT)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
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
FALLBACK_COLUMNS = 160  # table width when no terminal is attached at all (CI logs, cron, a file from a script)
MIN_CELL = 6  # no column is cut narrower than this (or its header)
DEFAULT_CAP = 60  # a column's width before the others have theirs, unless the caller says otherwise


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


def render_rows(
    columns: Sequence[str],
    rows: Sequence[Row],
    fmt: str,
    *,
    widths: Mapping[str, int] | None = None,
    shares: Mapping[str, float] | None = None,
) -> str:
    """Rows as a text table (fitted to the terminal, see ``fit_widths``), a JSON array of objects, CSV or TSV."""
    if fmt == "json":
        return json.dumps([{c: _cell(r.get(c)) for c in columns} for r in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow(["" if r.get(c) is None else _flat(r.get(c)) for c in columns])
        return buffer.getvalue()
    return _table(columns, rows, widths or {}, shares or {})


def _flat(value: Any) -> str:
    """One cell as one line of text: lists joined with `` | ``, tabs and newlines as spaces."""
    if isinstance(value, list | tuple):
        return " | ".join(str(v) for v in value)
    text = str(_cell(value))
    return text.replace("\t", " ").replace("\n", " ") if isinstance(value, str) else text


def terminal_width() -> int:
    """Columns to fit tables to: ``$COLUMNS`` or stdout's terminal (``shutil.get_terminal_size``), else the terminal
    on stderr or stdin (so ``claimgraph claims | less`` keeps the width), else FALLBACK_COLUMNS (no terminal: CI)."""
    columns = shutil.get_terminal_size((0, 0)).columns
    if columns > 0:
        return columns
    for stream in (sys.__stderr__, sys.__stdin__):
        try:
            columns = os.get_terminal_size(stream.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, OSError, ValueError):  # no stream, not a terminal, or closed
            continue
        if columns > 0:
            return columns
    return FALLBACK_COLUMNS


def fit_widths(natural: Sequence[int], floors: Sequence[int], caps: Sequence[int], shares: Sequence[float], total: int) -> list[int]:
    """Column widths whose sum (plus two-space gaps) fits ``total``: each column starts at its natural width up to
    its cap; too wide, the widest column above its floor gives up one character at a time; room left over goes
    to the columns still cut, by ``shares`` (content first). Exceeds ``total`` only when every column is at its floor."""
    budget = total - 2 * (len(natural) - 1)
    widths = [min(n, c) for n, c in zip(natural, caps)]
    while sum(widths) > budget:
        wide = [i for i, w in enumerate(widths) if w > floors[i]]
        if not wide:
            break
        widths[max(wide, key=lambda i: widths[i])] -= 1
    for _ in range(max(0, budget - sum(widths))):
        short = [i for i, w in enumerate(widths) if w < natural[i] and shares[i] > 0]
        if not short:
            break
        widths[min(short, key=lambda i: widths[i] / shares[i])] += 1
    return widths


def fit_cell(text: str, width: int) -> str:
    """The text on one line in ``width`` characters: whole, or cut at a word boundary (if one is near) with "…"."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: max(width - 1, 1)]
    space = cut.rfind(" ")
    if space >= 2 * len(cut) // 3:
        cut = cut[:space].rstrip(" |,;:")
    return cut + "…"


def _table(columns: Sequence[str], rows: Sequence[Row], caps: Mapping[str, int], shares: Mapping[str, float]) -> str:
    """A table fitted to ``terminal_width()``: columns up to their cap (default DEFAULT_CAP) while the width is short,
    and growing past it by ``shares`` (default 1) while there is room."""
    cells = [[_flat(r.get(c)) if r.get(c) is not None else "" for c in columns] for r in rows]
    natural = [max([len(c), *(len(" ".join(row[i].split())) for row in cells)]) for i, c in enumerate(columns)]
    floors = [min(n, max(len(c), MIN_CELL)) for n, c in zip(natural, columns)]
    caps = [caps.get(c, DEFAULT_CAP) for c in columns]
    widths = fit_widths(natural, floors, caps, [shares.get(c, 1.0) for c in columns], terminal_width())
    lines = ["  ".join(fit_cell(c, w).ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(fit_cell(v, w).ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells)
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
