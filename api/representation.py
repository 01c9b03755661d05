"""JSON or JSON-LD for the lookup endpoints, chosen by Accept, and the matching OpenAPI response declarations."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from api.conneg import negotiate
from api.errors import problem_responses
from api.lookups import jsonld as ld
from api.lookups.jsonld import JSON_LD
from api.pagination import link_header, next_url
from graph.lookups.paging import Page

JSON = "application/json"


def lookup_response(
    request: Request,
    body: Any,
    jsonld: Callable[[], dict[str, Any]],
    *,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """``body`` as JSON, or ``jsonld()`` when the client prefers ``application/ld+json``."""
    media_type = negotiate(request.headers.get("accept"), (JSON, JSON_LD))
    out_headers = {"Vary": "Accept", **(headers or {})}
    if media_type == JSON_LD:
        return JSONResponse(jsonld(), status_code=status_code, headers=out_headers, media_type=JSON_LD)
    return JSONResponse(body, status_code=status_code, headers=out_headers)


def page_response(
    request: Request, page: Page[Any], items: Sequence[dict[str, Any]], node: Callable[[dict[str, Any]], dict[str, Any]]
) -> JSONResponse:
    """One page of a listing: ``{"items", "total", "next"}`` as JSON, or the items' ``node``s as JSON-LD, with the
    ``Link: rel="next"`` header when there is a next page."""
    body = {"items": list(items), "total": page.total, "next": next_url(request.url, page.next_cursor)}
    headers = link_header(request.url, page.next_cursor)
    return lookup_response(request, body, lambda: ld.document([node(item) for item in items]), headers=headers)


def lookup_responses(model: type[BaseModel], *errors: int, status: int = 200) -> dict[int | str, dict[str, Any]]:
    """OpenAPI: the model as JSON, an object as JSON-LD, and problem JSON for the given error statuses."""
    return {
        status: {
            "model": model,
            "description": "JSON by default; JSON-LD (schema.org / NIF / claimgraph vocabulary) on Accept: application/ld+json.",
            "content": {JSON_LD: {"schema": {"type": "object"}}},
        },
        **problem_responses(406, 422, *errors),
    }
