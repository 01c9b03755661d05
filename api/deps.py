"""FastAPI dependencies: the settings, the store, the SPARQL engine, resource links and the write-token check."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.errors import Forbidden
from api.lookups.cache import LookupCache
from api.lookups.links import Links
from api.settings import ApiSettings
from api.sparql.engine import SparqlEngine
from graph.store.base import Store

bearer = HTTPBearer(auto_error=False, description="The server's write token (CLAIMGRAPH_WRITE_TOKEN).")


def get_settings(request: Request) -> ApiSettings:
    """The settings the app was created with."""
    settings: ApiSettings = request.app.state.settings
    return settings


def get_store(request: Request) -> Store:
    """The store opened in the app's lifespan."""
    store: Store = request.app.state.store
    return store


def get_engine(request: Request) -> SparqlEngine:
    """The SPARQL engine created in the app's lifespan."""
    engine: SparqlEngine = request.app.state.engine
    return engine


def get_cache(request: Request) -> LookupCache:
    """The lookup cache created in the app's lifespan."""
    cache: LookupCache = request.app.state.cache
    return cache


def get_links(request: Request) -> Links:
    """Link builder rooted at the URL the client used."""
    return Links(str(request.base_url).rstrip("/"))


def check_write_token(settings: ApiSettings, credentials: HTTPAuthorizationCredentials | None) -> None:
    """Forbidden unless the server has a write token and the request carries it as a bearer token."""
    if settings.write_token is None:
        raise Forbidden("this server is read-only: start it with CLAIMGRAPH_WRITE_TOKEN set to allow writes")
    given = credentials.credentials if credentials is not None else ""
    if not hmac.compare_digest(given.encode("utf-8"), settings.write_token.encode("utf-8")):
        raise Forbidden("writes need the server's write token as 'Authorization: Bearer <token>'")


def require_write_token(
    settings: Annotated[ApiSettings, Depends(get_settings)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """Dependency form of ``check_write_token``."""
    check_write_token(settings, credentials)


SettingsDep = Annotated[ApiSettings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
EngineDep = Annotated[SparqlEngine, Depends(get_engine)]
LinksDep = Annotated[Links, Depends(get_links)]
CacheDep = Annotated[LookupCache, Depends(get_cache)]
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
WriteAccess = Depends(require_write_token)
