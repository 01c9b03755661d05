"""Stores: the embedded Oxigraph default, and (by URL) a SPARQL 1.1 server."""

from __future__ import annotations

from pathlib import Path

from graph.store.base import Store

__all__ = ["Store", "open_store"]


def open_store(
    location: str | Path | None, *, read_only: bool = False, create: bool = True, **options: str | None
) -> Store:
    """Open the store at a directory path (embedded Oxigraph), ``:memory:``, or an http(s) SPARQL endpoint URL.

    ``create=False`` refuses a directory that does not exist yet (read commands must not invent an empty store).
    """
    text = str(location) if location is not None else ":memory:"
    if text.startswith(("http://", "https://")):
        from graph.store.remote import RemoteStore  # added with the SPARQL-server backend

        return RemoteStore(text, **options)
    from graph.store.embedded import EmbeddedStore

    return EmbeddedStore(None if text == ":memory:" else text, read_only=read_only, create=create)
