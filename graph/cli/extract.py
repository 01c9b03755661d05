"""``claimgraph extract``: run the extractor over files and write Citron JSON or JSON Lines, no store.

Bad inputs are reported one line each (naming the file) and skipped; the others are still
processed, and the exit status is non-zero when any input failed.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from graph.cli.common import injected_pipeline
from graph.errors import ClaimgraphError, InputError, ModelError
from graph.settings import get_settings

if TYPE_CHECKING:
    from spacy.language import Language

    from graph.types import Extraction


def pipeline_for(ctx: click.Context, model: str | None) -> Language:
    """The spaCy pipeline to use: ``--model`` if given, else an injected one (``injected_pipeline``),
    else CLAIMGRAPH_MODEL / the default; a clear error if missing."""
    injected = injected_pipeline(ctx, model)
    if injected is not None:
        return injected
    from graph.nlp import load_pipeline

    try:
        return load_pipeline(model or get_settings().model)
    except ModelError as exc:
        raise click.ClickException(str(exc)) from exc


class _Inputs:
    """Reads input files lazily for the extractor, reporting and counting the ones that fail."""

    def __init__(self, paths: Iterable[Path], max_bytes: int) -> None:
        """Read ``paths`` (lazily, in order), refusing files over ``max_bytes``."""
        self.paths = paths
        self.max_bytes = max_bytes
        self.pending: deque[Path] = deque()  # read but not yet extracted, in order
        self.failed = 0

    def texts(self) -> Iterator[str]:
        """Yield each readable document's text; unreadable ones get one error line on stderr."""
        from graph.readwrite.text import read_document

        for path in self.paths:
            try:
                text = read_document(path, self.max_bytes)
            except InputError as exc:
                self.failed += 1
                click.echo(f"error: {exc}", err=True)
                continue
            self.pending.append(path)
            yield text


def _extractions(
    nlp: Language, inputs: _Inputs, batch_size: int, n_process: int
) -> Iterator[tuple[Path, Extraction]]:
    """(input path, extraction) pairs, streaming through the batched extractor."""
    from graph.extract.pipeline import extract_many

    for extraction in extract_many(nlp, inputs.texts(), batch_size=batch_size, n_process=n_process):
        yield inputs.pending.popleft(), extraction


def _citron_name(path: Path, used: set[str]) -> str:
    """The output stem for an input: its own stem, numbered when two inputs share one."""
    name, n = path.stem, 1
    while name in used:
        n += 1
        name = f"{path.stem}-{n}"
    if n > 1:
        click.echo(f"warning: {path}: output name {path.stem!r} already used, writing {name}.json", err=True)
    used.add(name)
    return name


def _write_citron(pairs: Iterable[tuple[Path, Extraction]], output: Path) -> tuple[int, int]:
    """Write ``output/<stem>.json`` per document; returns (documents, claims)."""
    from graph.readwrite.citron import document_from_extraction, write_citron

    used: set[str] = set()
    docs = claims = 0
    for path, extraction in pairs:
        name = _citron_name(path, used)
        write_citron(document_from_extraction(extraction, name), output / f"{name}.json", source_name=path.name)
        docs += 1
        claims += len(extraction.claims)
    return docs, claims


def _write_jsonl(pairs: Iterable[tuple[Path, Extraction]], stream: IO[str]) -> tuple[int, int]:
    """Stream one line per claim; returns (documents, claims)."""
    from graph.readwrite.jsonl import write_jsonl

    docs = claims = 0
    for path, extraction in pairs:
        claims += write_jsonl(extraction, str(path), stream)
        stream.flush()
        docs += 1
    return docs, claims


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["citron", "jsonl"]), default="jsonl", show_default=True,
    help="citron: one JSON file per document in --output DIR; jsonl: one claim per line.",
)
@click.option(
    "--output", "-o", type=click.Path(path_type=Path),
    help="Directory (citron, required) or file (jsonl; default stdout).",
)
@click.option("--model", default=None, help="spaCy pipeline name or path (default: CLAIMGRAPH_MODEL).")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(min=1))
@click.option("--n-process", default=1, show_default=True, type=click.IntRange(min=1))
@click.option("--max-bytes", type=click.IntRange(min=1), help="Refuse larger files (default: CLAIMGRAPH_MAX_BYTES).")
@click.pass_context
def extract(
    ctx: click.Context,
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    model: str | None,
    batch_size: int,
    n_process: int,
    max_bytes: int | None,
) -> None:
    """Extract claims from PATHS (files, or directories searched for .txt/.md) without a store."""
    if fmt == "citron" and output is None:
        raise click.UsageError("--format citron needs --output DIR")
    if fmt == "citron" and output is not None and output.exists() and not output.is_dir():
        raise click.UsageError(f"--output {output} is not a directory")
    if fmt == "jsonl" and output is not None and output.is_dir():
        raise click.UsageError(f"--output {output} is a directory; --format jsonl writes one file")
    from graph.readwrite.text import iter_input_paths

    inputs = _Inputs(iter_input_paths(paths), max_bytes or get_settings().max_bytes)
    nlp = pipeline_for(ctx, model)
    pairs = _extractions(nlp, inputs, batch_size, n_process)
    try:
        if fmt == "citron" and output is not None:
            docs, claims = _write_citron(pairs, output)
        elif output is None or str(output) == "-":
            docs, claims = _write_jsonl(pairs, sys.stdout)
        else:
            output.parent.mkdir(parents=True, exist_ok=True)
            with output.open("w", encoding="utf-8") as stream:
                docs, claims = _write_jsonl(pairs, stream)
    except ClaimgraphError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"extracted {claims} claims from {docs} documents; {inputs.failed} failed", err=True)
    if inputs.failed:
        ctx.exit(1)
