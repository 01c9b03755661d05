"""``claimgraph serve``: the HTTP API (SPARQL endpoint, lookups, explorer) on the store the CLI uses, via uvicorn."""

from __future__ import annotations

from dataclasses import replace

import click

from graph.cli.common import ENDPOINT_META, domain_errors, model_option, store_option


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--query-timeout", type=float, help="Seconds a SPARQL query may run  [env CLAIMGRAPH_QUERY_TIMEOUT; 10]")
@click.option("--max-rows", type=click.IntRange(1), help="Rows one SPARQL query returns at most  [env CLAIMGRAPH_MAX_ROWS]")
@click.option("--cors-origin", "cors_origins", multiple=True, help="Allowed browser origin (repeatable; default *).")
@click.option("--log-level", default="info", show_default=True, type=click.Choice(["critical", "error", "warning", "info", "debug"]))
@store_option
@model_option
@domain_errors
def serve(
    host: str, port: int, query_timeout: float | None, max_rows: int | None, cors_origins: tuple[str, ...],
    log_level: str, store: str | None, model: str | None,
) -> None:
    """Serve the HTTP API; writes (SPARQL update, uploads) need CLAIMGRAPH_WRITE_TOKEN as a bearer token."""
    import uvicorn

    from api.main import create_app, open_configured_store
    from api.settings import get_settings

    settings = get_settings()
    endpoints = click.get_current_context().meta.get(ENDPOINT_META, {})  # --update-url / --graph-store-url
    core = replace(settings.core, store=store or settings.core.store, model=model or settings.core.model, **endpoints)
    settings = replace(
        settings,
        core=core,
        query_timeout=query_timeout if query_timeout is not None else settings.query_timeout,
        max_rows=max_rows if max_rows is not None else settings.max_rows,
        cors_origins=cors_origins or settings.cors_origins,
    )
    opened = open_configured_store(settings)  # fail here, with a one-line message, if the store is locked
    try:
        app = create_app(settings, store=opened)
        click.echo(f"claimgraph serving {core.store} on http://{host}:{port} (docs at /docs)", err=True)
        uvicorn.run(app, host=host, port=port, log_level=log_level, timeout_graceful_shutdown=5)
    finally:
        opened.close()
