"""API settings: the core settings (store, model, write token) plus the HTTP guard rails, read from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache

from graph.settings import Settings


def _float(name: str, default: float) -> float:
    """A float environment variable, or the default when unset."""
    raw = os.environ.get(name)
    return float(raw) if raw else default


def _int(name: str, default: int) -> int:
    """An integer environment variable, or the default when unset."""
    raw = os.environ.get(name)
    return int(raw) if raw else default


def _origins(raw: str | None) -> tuple[str, ...]:
    """Comma-separated CORS origins; unset means any origin."""
    if raw is None:
        return ("*",)
    return tuple(o.strip() for o in raw.split(",") if o.strip())


@dataclass(frozen=True, slots=True)
class ApiSettings:
    """Everything the server needs: where the store is, who may write, and the limits that keep it responsive."""

    core: Settings = field(default_factory=Settings)
    query_timeout: float = 10.0  # seconds per SPARQL query before the request gets 503
    max_rows: int = 10_000  # rows (or triples) returned by one SPARQL query; more are cut off
    max_body_bytes: int = 1024 * 1024  # request body limit for everything but uploads
    page_size: int = 50  # default page size of the lookups
    max_page_size: int = 500  # largest page a lookup returns
    sparql_workers: int = 4  # SPARQL queries evaluated at once; a runaway holds one until it finishes
    cors_origins: tuple[str, ...] = ("*",)
    cache_entries: int = 20_000  # lookup cache budget, in claims/entities held (embedded store only; 0: off)

    @property
    def write_token(self) -> str | None:
        """The bearer token that allows updates and uploads; None means the server is read-only."""
        return self.core.write_token

    @property
    def upload_limit(self) -> int:
        """Largest accepted upload body: the document limit plus room for the multipart envelope."""
        return self.core.max_bytes + 64 * 1024

    @classmethod
    def from_env(cls) -> ApiSettings:
        """Read ``CLAIMGRAPH_*`` variables (core ones plus the API limits); unset ones keep their defaults."""
        return cls(
            core=Settings.from_env(),
            query_timeout=_float("CLAIMGRAPH_QUERY_TIMEOUT", 10.0),
            max_rows=_int("CLAIMGRAPH_MAX_ROWS", 10_000),
            max_body_bytes=_int("CLAIMGRAPH_MAX_BODY_BYTES", 1024 * 1024),
            page_size=_int("CLAIMGRAPH_PAGE_SIZE", 50),
            max_page_size=_int("CLAIMGRAPH_MAX_PAGE_SIZE", 500),
            sparql_workers=_int("CLAIMGRAPH_SPARQL_WORKERS", 4),
            cors_origins=_origins(os.environ.get("CLAIMGRAPH_CORS_ORIGINS")),
            cache_entries=_int("CLAIMGRAPH_CACHE_ENTRIES", 20_000),
        )


@lru_cache(maxsize=1)
def get_settings() -> ApiSettings:
    """API settings from the environment, read once per process."""
    return ApiSettings.from_env()
