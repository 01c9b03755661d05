"""Read commands: ``claims``, ``entities``, ``query``, ``sparql``, ``stats``; tables on stdout."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graph.cli.common import domain_errors, open_from_cli, store_option
from graph.cli.output import format_option, render_result, render_rows

CLAIM_COLUMNS = ["speaker", "cue", "content", "about", "kind", "confidence", "document", "start", "end", "id"]
TABLE_COLUMNS = ["speaker", "cue", "content", "about", "kind", "confidence"]  # the terminal view; other formats get all
CLAIM_WIDTHS = {"speaker": 26, "cue": 16, "content": 60, "about": 44}  # while the terminal is narrow
CLAIM_SHARES = {"speaker": 0.3, "cue": 0.2, "content": 1.0, "about": 0.6}  # of the room beyond those, relative


@click.command()
@click.option("--speaker", help="Only claims by this entity (name or alias, any case).")
@click.option("--about", help="Only claims about this entity (name or alias, any case).")
@click.option("--document", help="Only claims from this document id.")
@click.option("--kind", type=click.Choice(["direct", "indirect", "mixed", "continuation", "no-source"]))
@click.option("--min-confidence", type=float)
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N claims (in document order); says how many matched.")
@format_option
@store_option
@click.pass_context
@domain_errors
def claims(
    ctx: click.Context, speaker: str | None, about: str | None, document: str | None, kind: str | None,
    min_confidence: float | None, limit: int | None, fmt: str, store: str | None,
) -> None:
    """List who said what about whom: speaker, cue, content, the entities it is about."""
    filters = {"speaker": speaker, "about": about, "document": document, "kind": kind, "min_confidence": min_confidence}
    with open_from_cli(ctx, store, create=False) as cg:
        if limit is None:
            records = cg.claims(**filters)
        else:  # one page: only its records are fetched, which matters on a large store
            page = cg.claims_page(limit, **filters)
            records = page.items
            if page.total > len(records):
                click.echo(f"showing {len(records)} of {page.total} claims", err=True)
    if fmt == "json":
        import json

        click.echo(json.dumps([r.to_dict() for r in records], ensure_ascii=False, indent=2))
        return
    rows = [r.to_dict() for r in records]
    columns = TABLE_COLUMNS if fmt == "table" else CLAIM_COLUMNS
    click.echo(render_rows(columns, rows, fmt, widths=CLAIM_WIDTHS, shares=CLAIM_SHARES), nl=False)


@click.command()
@format_option
@store_option
@click.pass_context
@domain_errors
def entities(ctx: click.Context, fmt: str, store: str | None) -> None:
    """List entities ranked by mentions, with type and document count."""
    with open_from_cli(ctx, store, create=False) as cg:
        rows = [e.to_dict() for e in cg.entities()]
    click.echo(render_rows(["name", "type", "mentions", "documents", "id"], rows, fmt), nl=False)


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected k=v, got {pair!r}", param_hint="--param")
        out[key.strip()] = value
    return out


@click.command()
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, help="A parameter as k=v (repeatable).")
@click.option("--list", "list_only", is_flag=True, help="List the canned queries and their parameters.")
@format_option
@store_option
@click.pass_context
@domain_errors
def query(ctx: click.Context, name: str | None, params: tuple[str, ...], list_only: bool, fmt: str, store: str | None) -> None:
    """Run the canned query NAME from queries/ (see --list)."""
    from graph.queries import load_queries

    if list_only or not name:
        rows = [
            {"name": q.name, "parameters": ", ".join(f"{p.name}{'' if p.required else '?'}:{p.kind}" for p in q.parameters),
             "description": q.description}
            for q in load_queries().values()
        ]
        click.echo(render_rows(["name", "parameters", "description"], rows, fmt, widths={"description": 90}), nl=False)
        return
    with open_from_cli(ctx, store, create=False) as cg:
        click.echo(render_result(cg.query(name, **_params(params)), fmt), nl=False)


@click.command()
@click.argument("query_text", metavar="QUERY_OR_FILE_OR_-")
@format_option
@store_option
@click.pass_context
@domain_errors
def sparql(ctx: click.Context, query_text: str, fmt: str, store: str | None) -> None:
    """Run a SPARQL query given as text, a .rq file path, or - for stdin, over all graphs."""
    if query_text == "-":
        text = sys.stdin.read()
    elif query_text.endswith((".rq", ".sparql")) and Path(query_text).is_file():
        text = Path(query_text).read_text(encoding="utf-8")
    else:
        text = query_text
    with open_from_cli(ctx, store, create=False) as cg:
        click.echo(render_result(cg.sparql(text), fmt), nl=False)


@click.command()
@format_option
@store_option
@click.pass_context
@domain_errors
def stats(ctx: click.Context, fmt: str, store: str | None) -> None:
    """Count documents, claims, entities, triples, runs and quads."""
    with open_from_cli(ctx, store, create=False) as cg:
        counts = cg.stats()
    if fmt == "json":
        import json

        click.echo(json.dumps(counts))
        return
    click.echo(render_rows(list(counts), [counts], fmt), nl=False)
