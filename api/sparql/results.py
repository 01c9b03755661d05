"""SPARQL 1.1 query results written as JSON, XML, CSV and TSV (W3C Recommendations); rows are capped upstream."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from api.sparql.terms import Term

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
# Alias media types some clients ask for; served with the same bodies.
ALIASES = {"application/json": JSON, "application/xml": XML, "text/xml": XML}
RESULT_TYPES = (JSON, XML, CSV, TSV, *ALIASES)

Row = Sequence[Term | None]


def _json_term(term: Term) -> dict[str, object]:
    """A term in SPARQL JSON results form."""
    if term.kind == "triple" and term.parts is not None:
        s, p, o = (_json_term(t) for t in term.parts)
        return {"type": "triple", "value": {"subject": s, "predicate": p, "object": o}}
    out: dict[str, object] = {"type": term.kind, "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = term.datatype
    return out


def select_json(variables: Sequence[str], rows: Sequence[Row]) -> bytes:
    """SPARQL 1.1 Query Results JSON for a SELECT."""
    bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
    body = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def _xml_term(term: Term) -> str:
    """A term in SPARQL XML results form."""
    if term.kind == "uri":
        return f"<uri>{escape(term.value)}</uri>"
    if term.kind == "bnode":
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.kind == "triple" and term.parts is not None:
        s, p, o = (_xml_term(t) for t in term.parts)
        return f"<triple><subject>{s}</subject><predicate>{p}</predicate><object>{o}</object></triple>"
    attrs = f" xml:lang={quoteattr(term.language)}" if term.language else ""
    if term.datatype:
        attrs = f" datatype={quoteattr(term.datatype)}"
    return f"<literal{attrs}>{escape(_xml_safe(term.value))}</literal>"


def _xml_safe(text: str) -> str:
    """Drop the control characters XML 1.0 cannot carry."""
    return "".join(ch for ch in text if ch >= " " or ch in "\t\n\r")


def select_xml(variables: Sequence[str], rows: Sequence[Row]) -> bytes:
    """SPARQL Query Results XML Format for a SELECT."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out.extend(f"<variable name={quoteattr(v)}/>" for v in variables)
    out.append("</head><results>")
    for row in rows:
        out.append("<result>")
        for var, term in zip(variables, row):
            if term is not None:
                out.append(f"<binding name={quoteattr(var)}>{_xml_term(term)}</binding>")
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "".join(out).encode("utf-8")


def _csv_value(term: Term | None) -> str:
    """A term as a CSV cell: plain lexical values, blank nodes as ``_:id``."""
    if term is None:
        return ""
    if term.kind == "bnode":
        return f"_:{term.value}"
    if term.kind == "triple":
        return _tsv_value(term)
    return term.value


def select_csv(variables: Sequence[str], rows: Sequence[Row]) -> bytes:
    """SPARQL 1.1 Query Results CSV: plain values, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_csv_value(t) for t in row])
    return buffer.getvalue().encode("utf-8")


def _escape_string(text: str) -> str:
    """Escape a literal for the Turtle-style TSV cells."""
    return (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )


def _tsv_value(term: Term | None) -> str:
    """A term as a TSV cell, in SPARQL/Turtle syntax."""
    if term is None:
        return ""
    if term.kind == "uri":
        return f"<{term.value}>"
    if term.kind == "bnode":
        return f"_:{term.value}"
    if term.kind == "triple" and term.parts is not None:
        return "<< " + " ".join(_tsv_value(t) for t in term.parts) + " >>"
    text = f'"{_escape_string(term.value)}"'
    if term.language:
        return f"{text}@{term.language}"
    return f"{text}^^<{term.datatype}>" if term.datatype else text


def select_tsv(variables: Sequence[str], rows: Sequence[Row]) -> bytes:
    """SPARQL 1.1 Query Results TSV: terms in SPARQL/Turtle syntax, ``?``-prefixed header."""
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines.extend("\t".join(_tsv_value(t) for t in row) for row in rows)
    return ("\n".join(lines) + "\n").encode("utf-8")


def ask_body(value: bool, media_type: str) -> bytes:
    """An ASK result in the chosen format (CSV/TSV carry a single ``true``/``false`` line, as Oxigraph does)."""
    media_type = ALIASES.get(media_type, media_type)
    if media_type == JSON:
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if media_type == XML:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n"
        ).encode("utf-8")
    return ("true" if value else "false").encode("utf-8") + b"\n"


SELECT_WRITERS = {JSON: select_json, XML: select_xml, CSV: select_csv, TSV: select_tsv}


def select_body(variables: Sequence[str], rows: Sequence[Row], media_type: str) -> bytes:
    """A SELECT result in the chosen format."""
    return SELECT_WRITERS[ALIASES.get(media_type, media_type)](variables, rows)
