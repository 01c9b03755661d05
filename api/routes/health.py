"""``/health``: liveness plus a cheap look at the store."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from fastapi import APIRouter
from pydantic import BaseModel

from api.deps import SettingsDep, StoreDep

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """Server status."""

    status: str
    version: str
    quads: int
    writable: bool


def _version() -> str:
    """The installed claimgraph version."""
    try:
        return version("claimgraph")
    except PackageNotFoundError:
        return "unreleased"


@router.get("/health", response_model=Health)
def health(store: StoreDep, settings: SettingsDep) -> Health:
    """``ok`` when the store answers; the number of quads it holds and whether writes are enabled."""
    return Health(status="ok", version=_version(), quads=store.quad_count(), writable=settings.write_token is not None)
