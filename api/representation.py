"""JSON or JSON-LD for the lookup endpoints, chosen by Accept, and the matching OpenAPI response declarations."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from api.conneg import negotiate
from api.errors import problem_responses
from api.lookups.jsonld import JSON_LD

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
