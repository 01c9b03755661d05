"""``/sparql``: the SPARQL 1.1 Protocol endpoint (query by GET / form POST / direct POST, token-gated update)
and the Service Description at ``GET /sparql`` without a query."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials
from starlette.concurrency import run_in_threadpool

from api.deps import BearerDep, EngineDep, SettingsDep, check_write_token
from api.errors import problem_responses
from api.settings import ApiSettings
from api.sparql.description import service_description
from api.sparql.engine import SparqlEngine, Triples
from api.sparql.protocol import FORM, SPARQL_QUERY, SPARQL_UPDATE, SparqlRequest, from_get, from_post, refuse_federation
from api.sparql.respond import render, render_graph, sparql_responses

router = APIRouter(tags=["sparql"])

ERRORS = problem_responses(400, 403, 406, 413, 415, 422, 503)

POST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            FORM: {
                "schema": {
                    "type": "object",
                    "properties": {
                        "query": {"type": "string"},
                        "update": {"type": "string"},
                        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                    },
                }
            },
            SPARQL_QUERY: {"schema": {"type": "string"}},
            SPARQL_UPDATE: {"schema": {"type": "string"}},
        },
    }
}


async def _answer(
    request: Request,
    sparql: SparqlRequest,
    engine: SparqlEngine,
    settings: ApiSettings,
    bearer: HTTPAuthorizationCredentials | None,
) -> Response:
    """Run an update (token checked) or a query, and render the result for the client's Accept header."""
    if sparql.update is not None:
        check_write_token(settings, bearer)
        await engine.update(sparql.update)
        request.app.state.cache.bump()
        return Response(status_code=204)
    assert sparql.query is not None
    refuse_federation(sparql.query)
    outcome = await engine.query(sparql.query, sparql.dataset)
    return await run_in_threadpool(render, outcome, request.headers.get("accept"), settings.max_rows)


@router.get(
    "/sparql",
    summary="SPARQL query by GET, or the service description",
    responses={**sparql_responses(), **ERRORS},
)
async def sparql_get(
    request: Request,
    engine: EngineDep,
    settings: SettingsDep,
    bearer: BearerDep,
    query: Annotated[str | None, Query(description="The SPARQL query; without it the service description is returned.")] = None,
    default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri")] = None,
    named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri")] = None,
) -> Response:
    """Run a SPARQL query given as ``?query=`` (results negotiated by Accept); no query: the service description."""
    sparql = from_get(request.query_params)
    if sparql is None:
        endpoint = str(request.url.remove_query_params(["default-graph-uri", "named-graph-uri"]))
        description = service_description(endpoint, writable=settings.write_token is not None)
        return render_graph(Triples(description, False), request.headers.get("accept"))
    return await _answer(request, sparql, engine, settings, bearer)


@router.post(
    "/sparql",
    summary="SPARQL query or update by POST",
    responses={**sparql_responses(), 204: {"description": "The update was applied."}, **ERRORS},
    openapi_extra=POST_BODY,
)
async def sparql_post(request: Request, engine: EngineDep, settings: SettingsDep, bearer: BearerDep) -> Response:
    """Form POST (``query=`` or ``update=``), ``application/sparql-query`` or ``application/sparql-update``.

    Updates need the server's write token as a bearer token.
    """
    body = await request.body()
    sparql = from_post(request.headers.get("content-type"), body, request.query_params)
    return await _answer(request, sparql, engine, settings, bearer)
