"""The FastAPI application: ``create_app(settings)`` builds it; the store and the engine live for its lifespan.

Routers come from ``api/routes/``, one module each, included from ROUTERS; OPTIONAL_ROUTERS (the explorer
page and exports) are included when their modules exist.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api import errors
from api.limits import BodyLimitMiddleware
from api.settings import ApiSettings, get_settings

if TYPE_CHECKING:
    from spacy.language import Language

    from graph.store.base import Store

ROUTERS = ("health", "sparql", "claims", "entities", "documents", "queries")
OPTIONAL_ROUTERS = ("export", "explorer")
UPLOAD_PATHS = ("/documents",)

DESCRIPTION = """Who said what about whom: claims extracted from text, stored as RDF with exact source spans.

* `/sparql` — SPARQL 1.1 Protocol (query; update with the write token), content negotiation by Accept.
* `/claims`, `/entities`, `/documents`, `/queries` — JSON lookups (JSON-LD on `Accept: application/ld+json`).
"""


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Open the store (unless one was handed in) and start the SPARQL engine; close both on shutdown."""
    from api.lookups.cache import LookupCache
    from api.sparql.engine import SparqlEngine

    settings: ApiSettings = app.state.settings
    owned = app.state.store is None
    if owned:
        app.state.store = open_configured_store(settings)
    app.state.cache = LookupCache(settings.cache_entries, enabled=hasattr(app.state.store, "inner"))
    app.state.engine = SparqlEngine(
        app.state.store, timeout=settings.query_timeout, max_rows=settings.max_rows, workers=settings.sparql_workers
    )
    try:
        yield
    finally:
        app.state.engine.close()
        app.state.engine = None  # the engine holds the store's handle: let it go so an owned store really closes
        if owned:
            app.state.store.close()
            app.state.store = None


def open_configured_store(settings: ApiSettings) -> Store:
    """Open the store the settings name (directory, ``:memory:`` or SPARQL endpoint URL)."""
    from graph.store import open_store

    core = settings.core
    options = {k: v for k, v in {"update_url": core.update_url, "graph_store_url": core.graph_store_url}.items() if v}
    return open_store(core.store, **options)


def _include(app: FastAPI, module_name: str, *, optional: bool = False) -> bool:
    """Include the router of one module; an optional module that does not exist is skipped."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if optional and exc.name == module_name:
            return False
        raise
    app.include_router(module.router)
    return True


def create_app(
    settings: ApiSettings | None = None, *, store: Store | None = None, nlp: Language | None = None
) -> FastAPI:
    """Build the app; ``store`` / ``nlp`` may be handed in (the server, tests), else they are opened/loaded lazily."""
    settings = settings or get_settings()
    app = FastAPI(
        title="claimgraph",
        summary="Claim-sourcing knowledge graph: SPARQL 1.1 endpoint and JSON lookups",
        description=DESCRIPTION,
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.nlp = nlp
    app.state.ingest_lock = threading.Lock()
    errors.install(app)
    app.add_middleware(
        BodyLimitMiddleware,
        limit=settings.max_body_bytes,
        upload_limit=settings.upload_limit,
        upload_paths=UPLOAD_PATHS,
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["Link", "Location", "Claimgraph-Truncated"],
        max_age=600,
    )
    for name in ROUTERS:
        _include(app, f"api.routes.{name}")
    for name in OPTIONAL_ROUTERS:
        _include(app, f"api.routes.{name}", optional=True)
    _declare_validation_problems(app)
    return app


def _declare_validation_problems(app: FastAPI) -> None:
    """Make the OpenAPI document say what every 422 really is: problem JSON (see ``errors.install``)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        """The generated schema with each operation's 422 response declared as problem JSON."""
        if app.openapi_schema is None:
            schema = build()
            problem = errors.problem_responses(422)[422]
            for operations in schema.get("paths", {}).values():
                for operation in operations.values():
                    if isinstance(operation, dict) and "422" in operation.get("responses", {}):
                        operation["responses"]["422"] = problem
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


app = create_app()
