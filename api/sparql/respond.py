"""Turning a query outcome into an HTTP response in the negotiated media type (shared by /sparql and /queries)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from api.conneg import negotiate
from api.sparql.engine import Boolean, Outcome, Triples
from api.sparql.graphs import GRAPH_TYPES
from api.sparql.results import RESULT_TYPES, ask_body, select_body

if TYPE_CHECKING:
    from fastapi.responses import Response

TRUNCATED_HEADER = "Claimgraph-Truncated"


def content_type(media_type: str) -> str:
    """The Content-Type value: UTF-8 stated for every textual type."""
    return f"{media_type}; charset=utf-8"


def render(outcome: Outcome, accept: str | None, max_rows: int) -> Response:
    """The outcome serialised for the client's Accept header (NotAcceptable when nothing fits)."""
    from fastapi.responses import Response

    headers = {"Vary": "Accept"}
    if isinstance(outcome, Triples):
        media_type = negotiate(accept, GRAPH_TYPES)
        body = outcome.graph.serialize(media_type)
        truncated = outcome.truncated
    elif isinstance(outcome, Boolean):
        media_type = negotiate(accept, RESULT_TYPES)
        body, truncated = ask_body(outcome.value, media_type), False
    else:
        media_type = negotiate(accept, RESULT_TYPES)
        body, truncated = select_body(outcome.variables, outcome.rows, media_type), outcome.truncated
    if truncated:
        headers[TRUNCATED_HEADER] = f"results cut at {max_rows} rows"
    return Response(body, headers=headers, media_type=content_type(media_type))


def render_graph(graph: Triples, accept: str | None) -> Response:
    """An RDF graph (e.g. the service description) in the negotiated RDF media type."""
    return render(graph, accept, 0)


RESPONSE_TYPES = RESULT_TYPES[:4] + GRAPH_TYPES


def sparql_responses() -> dict[int | str, dict[str, object]]:
    """OpenAPI declaration of a successful SPARQL response: every media type it may come in."""
    return {
        200: {
            "description": "Query results (SELECT/ASK) or an RDF graph (CONSTRUCT/DESCRIBE), as negotiated by Accept.",
            "content": {
                media_type: {"schema": {"type": "object" if media_type.endswith("json") else "string"}}
                for media_type in RESPONSE_TYPES
            },
        }
    }
