"""claimgraph core: extraction, RDF model, store, queries and exports.

The public Python API is ``open_graph`` → ``ClaimGraph`` (see ``graph.claimgraph``); names are
imported lazily so that importing ``graph`` (and starting the CLI) stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph.claimgraph import ClaimGraph, ClaimRecord, EntityRecord, open_graph

__all__ = ["ClaimGraph", "ClaimRecord", "EntityRecord", "open_graph"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from graph import claimgraph

        return getattr(claimgraph, name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
