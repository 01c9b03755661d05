"""``claimgraph export``: write the speaker graph as GraphML, GEXF, Cytoscape.js, node-link, DOT, Neo4j CSV, PNG, SVG or HTML."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import click

from graph.cli.common import domain_errors, open_from_cli, store_option
from graph.export import FORMATS


@click.command()
@click.option("--format", "-f", "fmt", type=click.Choice(list(FORMATS)), required=True, help="Output format.")
@click.option("--output", "-o", "output", required=True,
              help="Output file ('-' for stdout); for neo4j a directory, or a .zip file.")
@click.option("--speaker", help="Only claims by this entity (name, alias or IRI).")
@click.option("--target", help="Only claims about this entity.")
@click.option("--entity", help="Only claims by or about this entity (its neighbourhood).")
@click.option("--document", help="Only claims from this document id.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), help="Only claims at least this confident.")
@click.option("--min-weight", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only speaker → target pairs with at least this many claims.")
@click.option("--with-claims", is_flag=True, help="Claims and documents as nodes too: speaker → claim → target, claim → document.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=80, show_default=True,
              help="png/svg: draw only this many of the busiest nodes, so labels stay readable.")
@click.option("--title", help="html: page title.")
@store_option
@click.pass_context
@domain_errors
def export(
    ctx: click.Context, fmt: str, output: str, speaker: str | None, target: str | None, entity: str | None,
    document: str | None, min_confidence: float | None, min_weight: int, with_claims: bool, max_nodes: int,
    title: str | None, store: str | None,
) -> None:
    """Export who-speaks-about-whom as a graph file: entities as nodes, speaker → target edges carrying their claims."""
    from graph.export import write_graph
    from graph.project import ProjectionOptions, project

    options = ProjectionOptions(speaker=speaker, target=target, entity=entity, document=document,
                                min_confidence=min_confidence, min_weight=min_weight, with_claims=with_claims)
    extra: dict[str, object] = {"max_nodes": max_nodes} if fmt in ("png", "svg") else {}
    if fmt == "html" and title:
        extra["title"] = title
    with open_from_cli(ctx, store) as cg:
        graph = project(cg.store, options)
    if output == "-":
        if FORMATS[fmt].binary:
            raise click.UsageError(f"{fmt} is binary or a directory: give a file with -o")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"graph{FORMATS[fmt].suffix}"
            write_graph(graph, fmt, path, **extra)
            with path.open("rb") as handle:
                shutil.copyfileobj(handle, sys.stdout.buffer)
        return
    write_graph(graph, fmt, output, **extra)
    click.echo(
        f"{fmt}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges, "
        f"{len(graph.graph.get('claims', {}))} claims -> {output}",
        err=True,
    )
