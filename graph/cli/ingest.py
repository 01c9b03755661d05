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
@store_option
@model_option
@click.pass_context
@domain_errors
def ingest(
    ctx: click.Context, paths: tuple[str, ...], name: str | None, force: bool, max_bytes: int | None,
    store: str | None, model: str | None,
) -> None:
    """Extract claims and triples from PATHS (files, directories, or - for stdin) into the store.

    A document is identified by its path relative to the directory given (or --name); unchanged files
    are skipped, changed ones replace their previous version. Bad files are reported and skipped.
    """
    from dataclasses import replace

    from graph.ingest import discover

    with open_from_cli(ctx, store, model) as cg:
        if max_bytes:
            cg.settings = replace(cg.settings, max_bytes=max_bytes)
        sources, _ = discover(paths, name=name)
        bar = None
        if len(sources) > PROGRESS_THRESHOLD:
            from tqdm import tqdm

            bar = tqdm(total=len(sources), unit="doc", file=sys.stderr, desc="ingest")
        try:
            report = cg.ingest(
                list(paths), name=name, force=force, stdin=sys.stdin.buffer.read,
                progress=bar.update if bar else None,
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
    with open_from_cli(ctx, store) as cg:
        removed = cg.remove(document)
    if not removed:
        raise click.ClickException(f"no document {document!r} in the store")
    click.echo(f"removed {document}", err=True)
