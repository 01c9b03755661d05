"""The one place errors become HTTP responses: graph exceptions and protocol errors → RFC 9457 problem JSON."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from graph.errors import (
    BinaryInputError,
    ClaimgraphError,
    CursorError,
    InputError,
    ModelError,
    NotFoundError,
    OversizeInputError,
    QueryError,
    StoreError,
    UnknownQueryError,
)

if TYPE_CHECKING:
    from fastapi import FastAPI, Request
    from fastapi.responses import Response

PROBLEM_JSON = "application/problem+json"

# Most specific first: the first class an exception is an instance of decides its status.
GRAPH_STATUS: tuple[tuple[type[ClaimgraphError], int], ...] = (
    (UnknownQueryError, 404),
    (NotFoundError, 404),
    (QueryError, 400),
    (CursorError, 422),
    (OversizeInputError, 413),
    (BinaryInputError, 415),
    (InputError, 422),
    (ModelError, 503),
    (StoreError, 503),
)


class ApiError(Exception):
    """An HTTP-level refusal raised by the API itself (not a domain error): status, message, extra headers."""

    status = 400

    def __init__(self, detail: str, headers: Mapping[str, str] | None = None) -> None:
        """Keep the message and any headers to send with the response."""
        super().__init__(detail)
        self.detail = detail
        self.headers = dict(headers or {})


class BadRequest(ApiError):
    """A malformed protocol request (missing or repeated parameters, both query and update, ...)."""

    status = 400


class Forbidden(ApiError):
    """A write without the server's write token."""

    status = 403


class NotAcceptable(ApiError):
    """Nothing the client accepts can be produced for this result."""

    status = 406


class PayloadTooLarge(ApiError):
    """The request body is over the configured limit."""

    status = 413


class UnsupportedMediaType(ApiError):
    """The request body's media type is not one this endpoint reads."""

    status = 415


class Unprocessable(ApiError):
    """A well-formed request whose values cannot be used (bad cursor, span outside the text, bad name)."""

    status = 422


class QueryTimeout(ApiError):
    """The query ran past the time limit; the server gave up waiting for it."""

    status = 503


def status_for(exc: ClaimgraphError) -> int:
    """The HTTP status of a graph exception."""
    for cls, status in GRAPH_STATUS:
        if isinstance(exc, cls):
            return status
    return 500


def problem(status: int, detail: str, headers: Mapping[str, str] | None = None) -> Response:
    """An RFC 9457 problem-details response."""
    from http import HTTPStatus

    from fastapi.responses import JSONResponse

    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status, "detail": detail}
    return JSONResponse(body, status_code=status, headers=dict(headers or {}), media_type=PROBLEM_JSON)


async def _api_error(request: Request, exc: Exception) -> Response:
    """Problem response for an ApiError."""
    assert isinstance(exc, ApiError)
    return problem(exc.status, exc.detail, exc.headers)


async def _graph_error(request: Request, exc: Exception) -> Response:
    """Problem response for a graph exception, with its mapped status."""
    assert isinstance(exc, ClaimgraphError)
    return problem(status_for(exc), str(exc))


async def _invalid_request(request: Request, exc: Exception) -> Response:
    """422 problem for parameters that fail validation, listing each error."""
    from fastapi.encoders import jsonable_encoder
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse

    assert isinstance(exc, RequestValidationError)
    errors = jsonable_encoder(exc.errors())
    where = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}" for e in errors)
    body = {"type": "about:blank", "title": "Unprocessable Content", "status": 422, "detail": where, "errors": errors}
    return JSONResponse(body, status_code=422, media_type=PROBLEM_JSON)


def install(app: FastAPI) -> None:
    """Register the handlers on an app."""
    from fastapi.exceptions import RequestValidationError

    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(ClaimgraphError, _graph_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)


PROBLEM_SCHEMA = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}, "description": "Validation errors (422 only)."},
    },
    "required": ["title", "status", "detail"],
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, object]]:
    """OpenAPI ``responses`` entries declaring problem JSON for these statuses."""
    from http import HTTPStatus

    return {
        status: {"description": HTTPStatus(status).phrase, "content": {PROBLEM_JSON: {"schema": PROBLEM_SCHEMA}}}
        for status in statuses
    }
