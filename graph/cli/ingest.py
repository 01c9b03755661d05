"""``claimgraph ingest`` and ``claimgraph remove``: write documents into the store, or delete one."""

from __future__ import annotations

import sys

import click

from graph.cli.common import domain_errors, model_option, open_from_cli, store_option

PROGRESS_THRESHOLD = 5  # show a progress bar above this many inputs


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--name", help="Document id for '-' (stdin), or for a single file instead of its name.")
@click.option("--force", is_flag=True, help="Re-extract documents even when their hash is unchanged.")
@click.option("--max-bytes", type=int, envvar="CLAIMGRAPH_MAX_BYTES", help="Refuse files larger than this (default 10 MB).")
@click.option(
    "--workers", type=click.IntRange(min=1), default=1, envvar="CLAIMGRAPH_WORKERS", show_default=True,
    help="Extract in N local processes (each loads the model once); this process alone writes the store.",
)
@click.option(
    "--dask", "dask_scheduler", metavar="ADDRESS", envvar="CLAIMGRAPH_DASK_SCHEDULER",
    help="Extract on a Dask cluster (e.g. tcp://host:8786); workers need claimgraph and the model installed.",
)
@store_option
@model_option
@click.pass_context
@domain_errors
def ingest(
    ctx: click.Context, paths: tuple[str, ...], name: str | None, force: bool, max_bytes: int | None,
    workers: int, dask_scheduler: str | None, store: str | None, model: str | None,
) -> None:
    """Extract claims and triples from PATHS (files, directories, or - for stdin) into the store.

    A document is identified by its path relative to the directory given (or --name); unchanged files
    are skipped, changed ones replace their previous version. Bad files are reported and skipped.
    """
    from dataclasses import replace

    from graph.ingest import discover
    from graph.ingest import ingest as run_ingest

    if dask_scheduler and workers > 1:
        raise click.UsageError("use either --workers or --dask, not both")
    with open_from_cli(ctx, store, model) as cg:
        if max_bytes:
            cg.settings = replace(cg.settings, max_bytes=max_bytes)
        sources, _ = discover(paths, name=name)
        bar = None
        if len(sources) > PROGRESS_THRESHOLD:
            from tqdm import tqdm

            bar = tqdm(total=len(sources), unit="doc", file=sys.stderr, desc="ingest")
        step = None
        if dask_scheduler or workers > 1:
            from graph.parallel import extract_step

            step = extract_step(cg.settings.model, workers=workers, dask=dask_scheduler)
        try:
            if step is None:
                report = cg.ingest(
                    list(paths), name=name, force=force, stdin=sys.stdin.buffer.read,
                    progress=bar.update if bar else None,
                )
            else:  # the model loads on the workers only
                report = run_ingest(
                    cg.store, None, list(paths), name=name, max_bytes=cg.settings.max_bytes, force=force,
                    stdin=sys.stdin.buffer.read, progress=bar.update if bar else None, extract=step,
                )
        finally:
            if bar is not None:
                bar.close()
    for path in report.skipped:
        click.echo(f"skipped: {path} (not .txt or .md)", err=True)
    for path, reason in report.failed:
        click.echo(f"error: {path}: {reason}", err=True)
    click.echo(report.summary(), err=True)
    if report.failed:
        ctx.exit(1)


@click.command()
@click.argument("document")
@store_option
@click.pass_context
@domain_errors
def remove(ctx: click.Context, document: str, store: str | None) -> None:
    """Delete DOCUMENT (its id, the path relative to the ingest root) and everything extracted from it."""
    with open_from_cli(ctx, store, create=False) as cg:
        removed = cg.remove(document)
    if not removed:
        raise click.ClickException(f"no document {document!r} in the store")
    click.echo(f"removed {document}", err=True)
