"""Canned SPARQL queries: load ``queries/*.rq``, read their parameter headers, bind values safely, run.

Each file starts with comment lines: the first says what it answers, then one line per parameter::

    #   ?speaker   entity   optional  only claims by this speaker

Values are rdflib terms serialised into ``VALUES`` blocks placed at the top of the outer WHERE group;
user text never becomes query syntax. Entity parameters accept a name or alias (case-insensitive) or an IRI.
The same block is repeated at the top of every sub-select that projects the variable up to the outer
query (and has no LIMIT/OFFSET): the answer is the same, since the outer block drops every other value
anyway, but Oxigraph evaluates a sub-select on its own, so unrestricted it would read the whole store.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from graph.errors import QueryParameterError, UnknownQueryError
from graph.rdf import iris
from graph.rdf.mapping import KIND_TERMS
from graph.rdf.ntriples import term
from graph.rdf.vocab import XSD
from graph.types import ClaimKind

if TYPE_CHECKING:
    from rdflib.query import Result

    from graph.store.base import Store

PARAM_LINE = re.compile(r"^#\s+\?(\w+)\s+(\w+)\s+(optional|required)\s*(.*)$")
WHERE_OPEN = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
SPARQL_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''  # long strings
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''  # strings
    r'|<[^\s<>"{}|^`\\]*>'  # IRIs (a lone "<" is an operator)
    r"|#[^\n]*"  # comments
    r"|(?P<brace>[{}])|(?<![\w?$:])(?P<word>SELECT|LIMIT|OFFSET)\b",
    re.IGNORECASE,
)
KINDS = ("entity", "document", "claim", "kind", "string", "integer", "decimal", "iri")

ParamValue = str | int | float | Node | Sequence[str | Node]


@dataclass(frozen=True, slots=True)
class Parameter:
    """One declared query parameter."""

    name: str
    kind: str
    required: bool
    description: str


@dataclass(frozen=True, slots=True)
class CannedQuery:
    """A named SPARQL query from ``queries/`` with its declared parameters."""

    name: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str

    def parameter(self, name: str) -> Parameter:
        """The declared parameter called ``name``."""
        for param in self.parameters:
            if param.name == name:
                return param
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise QueryParameterError(f"query {self.name!r} has no parameter {name!r} (parameters: {known})")


def queries_dir() -> Path:
    """Where the canned queries live: ``$CLAIMGRAPH_QUERIES`` or the checkout's ``queries/``."""
    env = os.environ.get("CLAIMGRAPH_QUERIES")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "queries"


def parse_query_file(path: Path) -> CannedQuery:
    """Read one ``.rq`` file and its header."""
    text = path.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    description = header[0].lstrip("# ").strip() if header else ""
    params = []
    for line in header:
        match = PARAM_LINE.match(line)
        if match:
            name, kind, need, desc = match.groups()
            if kind not in KINDS:
                raise ValueError(f"{path}: parameter ?{name} has unknown kind {kind!r}")
            params.append(Parameter(name, kind, need == "required", desc.strip()))
    return CannedQuery(path.stem, description, tuple(params), text)


@lru_cache(maxsize=4)
def _load(directory: str) -> dict[str, CannedQuery]:
    return {p.stem: parse_query_file(p) for p in sorted(Path(directory).glob("*.rq"))}


def load_queries(directory: Path | None = None) -> dict[str, CannedQuery]:
    """All canned queries by name."""
    return dict(_load(str(directory or queries_dir())))


def get_query(name: str, directory: Path | None = None) -> CannedQuery:
    """One canned query by name, or UnknownQueryError listing the known ones."""
    queries = load_queries(directory)
    if name not in queries:
        raise UnknownQueryError(f"no query named {name!r}; known: {', '.join(sorted(queries))}")
    return queries[name]


def bind_values(text: str, bindings: Mapping[str, Sequence[Node]]) -> str:
    """Insert one ``VALUES ?var { ... }`` block per binding at the top of the outer WHERE group, and of
    each sub-select that passes the variable up to it (see the module docstring)."""
    if not bindings:
        return text
    blocks = {name: f"  VALUES ?{name} {{ {' '.join(term(v) for v in values)} }}" for name, values in bindings.items()}
    offset = _body_offset(text)
    match = WHERE_OPEN.search(text, offset)
    if match is None:
        raise QueryParameterError("the query has no WHERE group to bind parameters in")
    inserts = [(match.end(), "\n".join(blocks.values()))]
    for at, projected in _subselect_groups(text, match.end()):
        inner = [block for name, block in blocks.items() if name in projected]
        if inner:
            inserts.append((at, "\n".join(inner)))
    for at, block in sorted(inserts, reverse=True):
        text = f"{text[:at]}\n{block}\n{text[at:]}"
    return text


def _significant(text: str, start: int) -> Iterator[tuple[int, str]]:
    """Positions of braces and of the words SELECT / WHERE / LIMIT / OFFSET outside strings, IRIs and comments."""
    for token in SPARQL_TOKEN.finditer(text, start):
        word = token.group("word")
        if word is not None:
            yield token.start(), word.upper()
        elif token.group("brace") is not None:
            yield token.start(), token.group("brace")


def _subselect_groups(text: str, start: int) -> list[tuple[int, set[str]]]:
    """For each sub-select inside the outer group (which opens just before ``start``): the offset just inside
    its WHERE group and the variables it passes up to the outer query (projected by it and by every
    sub-select around it). Sub-selects sliced by LIMIT / OFFSET, and all inside them, are left out."""
    found: list[tuple[int, set[str]]] = []
    open_selects: list[dict[str, Any]] = []  # wrapper brace depth, passed-up vars, insert offset, sliced
    depth, previous, select_at = 1, "{", -1
    for pos, tok in _significant(text, start):
        if tok == "SELECT" and previous == "{":
            select_at = pos
        elif tok == "{":
            depth += 1
            if select_at >= 0:  # the sub-select's WHERE group
                names = _plain_variables(text[select_at + len("SELECT") : pos])
                if open_selects:
                    names &= open_selects[-1]["vars"]
                open_selects.append({"wrapper": depth - 1, "vars": names, "at": pos + 1, "sliced": False})
                select_at = -1
        elif tok == "}":
            depth -= 1
            if depth == 0:
                return found
            if open_selects and depth < open_selects[-1]["wrapper"]:
                closed = open_selects.pop()
                if not closed["sliced"]:
                    found.append((closed["at"], closed["vars"]))
        elif tok in ("LIMIT", "OFFSET") and open_selects and depth == open_selects[-1]["wrapper"]:
            open_selects[-1]["sliced"] = True
            found = [f for f in found if f[0] < open_selects[-1]["at"]]
        previous = tok
    return []  # unbalanced: bind the outer group only


def _plain_variables(projection: str) -> set[str]:
    """Variables a SELECT clause projects as they are (not those computed with ``(expr AS ?v)``)."""
    names, depth = set(), 0
    for token in re.finditer(r"[()]|[?$](\w+)", projection):
        if token.group() == "(":
            depth += 1
        elif token.group() == ")":
            depth -= 1
        elif depth == 0:
            names.add(token.group(1))
    return names


def _body_offset(text: str) -> int:
    """Offset of the first line that is not a comment, so header text never matches."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith("#") or not line.strip():
            offset += len(line)
            continue
        break
    return offset


def resolve_entities(store: Store, value: str | Node) -> list[URIRef]:
    """Entity IRIs for a user's value: an IRI as is, else every entity with that name or alias."""
    if isinstance(value, URIRef) or (isinstance(value, str) and value.startswith(("http://", "https://"))):
        return [URIRef(str(value))]
    lookup = get_query("entity-lookup")
    rows = store.query(bind_values(lookup.text, {"label": [Literal(str(value))]}))
    return [URIRef(str(row[0])) for row in rows]


def to_terms(store: Store, param: Parameter, value: ParamValue) -> list[Node]:
    """Turn a user's value into the rdflib terms to bind, according to the parameter's kind."""
    values = list(value) if isinstance(value, list | tuple) else [value]
    out: list[Node] = []
    for raw in values:
        if isinstance(raw, Node) and param.kind != "entity":
            out.append(raw)
        elif param.kind == "entity":
            out.extend(resolve_entities(store, raw))
        elif param.kind == "document":  # an id may itself start with "http" ("http-notes.txt")
            out.append(URIRef(str(raw)) if _is_iri(raw) else iris.document_iri(str(raw)))
        elif param.kind == "claim":
            out.append(URIRef(str(raw)) if _is_iri(raw) else URIRef(f"{iris.ID}claim/{raw}"))
        elif param.kind == "kind":
            try:
                out.append(KIND_TERMS[ClaimKind(str(raw))])
            except ValueError as exc:
                kinds = ", ".join(k.value for k in ClaimKind)
                raise QueryParameterError(f"unknown claim kind {raw!r} (one of {kinds})") from exc
        elif param.kind == "iri":
            out.append(URIRef(str(raw)))
        elif param.kind in ("integer", "decimal"):
            out.append(_number(param, raw))
        else:
            out.append(Literal(str(raw)))
    return out


def _is_iri(raw: object) -> bool:
    """Whether a user's value is an absolute http(s) IRI rather than an id or a name."""
    return str(raw).startswith(("http://", "https://"))


def _number(param: Parameter, raw: object) -> Literal:
    try:
        if param.kind == "integer":
            return Literal(int(str(raw)), datatype=XSD.integer)
        return Literal(str(float(str(raw))), datatype=XSD.decimal)
    except ValueError as exc:
        raise QueryParameterError(f"parameter {param.name} needs a {param.kind}, got {raw!r}") from exc


def prepare(store: Store, query: CannedQuery, params: Mapping[str, ParamValue | None]) -> str:
    """The query text with the given parameters bound (missing optional ones stay unbound)."""
    bindings: dict[str, list[Node]] = {}
    for name, value in params.items():
        if value is None or value == "":
            continue
        bindings[name] = to_terms(store, query.parameter(name), value)
    missing = [p.name for p in query.parameters if p.required and p.name not in bindings]
    if missing:
        raise QueryParameterError(f"query {query.name!r} needs the parameter(s) {', '.join(missing)}")
    return bind_values(query.text, bindings)


def run_query(store: Store, name: str, params: Mapping[str, ParamValue | None] | None = None) -> Result:
    """Run a canned query by name with parameters bound."""
    query = get_query(name)
    return store.query(prepare(store, query, params or {}))
