"""Reading a SPARQL 1.1 Protocol request: query or update, by GET, form POST or direct POST, and its dataset."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from api.errors import BadRequest, UnsupportedMediaType
from api.sparql.engine import DatasetSpec

if TYPE_CHECKING:
    from starlette.datastructures import QueryParams

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
POST_TYPES = (FORM, SPARQL_QUERY, SPARQL_UPDATE)

# Strings, IRIs and comments are blanked before looking for the SERVICE keyword.
_LEXICAL = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*',
)
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:-])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SparqlRequest:
    """Exactly one of ``query`` / ``update``, plus the dataset the query names."""

    query: str | None = None
    update: str | None = None
    dataset: DatasetSpec = DatasetSpec()


def _single(pairs: Iterable[tuple[str, str]], name: str) -> str | None:
    """The one value of a parameter (None if absent); BadRequest if repeated."""
    values = [v for k, v in pairs if k == name]
    if len(values) > 1:
        raise BadRequest(f"the {name!r} parameter is given {len(values)} times; give it once")
    return values[0] if values else None


def _dataset(pairs: list[tuple[str, str]]) -> DatasetSpec:
    """The dataset named by ``default-graph-uri`` / ``named-graph-uri`` pairs."""
    return DatasetSpec(
        tuple(v for k, v in pairs if k == "default-graph-uri"),
        tuple(v for k, v in pairs if k == "named-graph-uri"),
    )


def _refuse_using(pairs: list[tuple[str, str]]) -> None:
    """BadRequest for the update dataset parameters, which are not supported."""
    if any(k in ("using-graph-uri", "using-named-graph-uri") for k, _ in pairs):
        raise BadRequest("using-graph-uri / using-named-graph-uri are not supported; use USING in the update")


def from_get(params: QueryParams) -> SparqlRequest | None:
    """The query of a GET request, or None when it has none (the service description is wanted)."""
    pairs = list(params.multi_items())
    if any(k == "update" for k, _ in pairs):
        raise BadRequest("SPARQL updates must be sent by POST (form field 'update' or application/sparql-update)")
    query = _single(pairs, "query")
    if query is None:
        return None
    return SparqlRequest(query=query, dataset=_dataset(pairs))


def media_type(content_type: str | None) -> str:
    """The bare media type of a Content-Type header, lower-cased ('' when missing)."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def _text(body: bytes) -> str:
    """The body as UTF-8 text; BadRequest if it is not."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"the request body is not UTF-8 (invalid byte at offset {exc.start})") from exc


def from_post(content_type: str | None, body: bytes, params: QueryParams) -> SparqlRequest:
    """The query or update of a POST request, by its Content-Type; UnsupportedMediaType for anything else."""
    kind = media_type(content_type)
    url_pairs = list(params.multi_items())
    if kind == SPARQL_QUERY:
        return SparqlRequest(query=_text(body), dataset=_dataset(url_pairs))
    if kind == SPARQL_UPDATE:
        _refuse_using(url_pairs)
        return SparqlRequest(update=_text(body))
    if kind != FORM:
        shown = kind or "no Content-Type"
        raise UnsupportedMediaType(f"{shown} is not accepted; send one of {', '.join(POST_TYPES)}")
    pairs = parse_qsl(_text(body), keep_blank_values=True) + url_pairs
    query, update = _single(pairs, "query"), _single(pairs, "update")
    if query is not None and update is not None:
        raise BadRequest("give either 'query' or 'update', not both")
    if query is None and update is None:
        raise BadRequest("the form has neither a 'query' nor an 'update' field")
    if update is not None:
        _refuse_using(pairs)
        return SparqlRequest(update=update)
    return SparqlRequest(query=query, dataset=_dataset(pairs))


def refuse_federation(text: str) -> None:
    """Refuse SERVICE (federated query): it would make this server fetch arbitrary URLs."""
    if _SERVICE.search(_LEXICAL.sub(" ", text)):
        raise BadRequest("SERVICE (federated query) is disabled on this endpoint")
