"""``/queries``: the canned queries in ``queries/`` with their parameters; ``/queries/{name}`` runs one."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api.deps import EngineDep, LinksDep, SettingsDep, StoreDep
from api.errors import BadRequest, problem_responses
from api.schemas import QueryOut
from api.sparql.engine import DatasetSpec
from api.sparql.respond import render, sparql_responses
from graph.queries import get_query, load_queries, prepare

router = APIRouter(tags=["queries"])


@router.get("/queries", response_model=list[QueryOut])
def queries(links: LinksDep) -> list[QueryOut]:
    """Every canned query: name, what it answers, and its parameters (name, kind, required, description)."""
    out = []
    for query in load_queries().values():
        params = [
            {"name": p.name, "kind": p.kind, "required": p.required, "description": p.description}
            for p in query.parameters
        ]
        out.append(QueryOut.model_validate({
            "name": query.name, "description": query.description, "parameters": params,
            "href": f"{links.base}/queries/{query.name}",
        }))
    return out


@router.get("/queries/{name}", responses={**sparql_responses(), **problem_responses(400, 404, 406, 422, 503)})
async def run(request: Request, name: str, store: StoreDep, engine: EngineDep, settings: SettingsDep) -> Response:
    """Run a canned query; its parameters come from the query string (``?speaker=Keir Starmer``), repeatable
    for several values. Results are negotiated exactly as on ``/sparql``."""
    query = get_query(name)
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        query.parameter(key)  # QueryParameterError (400) for unknown names
        params.setdefault(key, []).append(value)
    if any(len(v) > 1 and query.parameter(k).kind in ("integer", "decimal") for k, v in params.items()):
        raise BadRequest("numeric parameters take one value")
    text = await run_in_threadpool(prepare, store, query, params)
    outcome = await engine.query(text, DatasetSpec())
    return await run_in_threadpool(render, outcome, request.headers.get("accept"), settings.max_rows)

