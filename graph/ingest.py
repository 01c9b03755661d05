"""Ingest: files → text → extraction → RDF → store, one transaction per document.

A document's identity is its path relative to the ingest root (or ``--name`` for stdin); the sha256
of its bytes tells versions apart, so unchanged files are skipped without being parsed and a changed
file replaces everything extracted from its previous version. Bad files are reported one by one and
never stop the others; nothing already stored is lost.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import InputError, MissingInputError, StoreConnectionError, StoreError
from graph.rdf.linking import EntityRegistry
from graph.rdf.mapping import DocumentGraph, DocumentInfo, RunInfo, document_graph
from graph.readwrite.text import TEXT_SUFFIXES, decode_document, read_document
from graph.store.base import Store
from graph.types import Extraction

if TYPE_CHECKING:
    from spacy.language import Language

STDIN = "-"
WRITE_BATCH = 16  # documents per store transaction; a failing batch is retried one document at a time

Extract = Callable[[Sequence[str]], Iterable[Extraction]]
"""The pluggable extraction step: texts in, their extractions out in the same order (see graph/parallel.py)."""


def utc_now() -> datetime:
    """The current time in UTC, the default clock for run provenance."""
    return datetime.now(timezone.utc)


def software_version() -> str:
    """``claimgraph <version>``, recorded on every extraction run."""
    try:
        return f"claimgraph {version('claimgraph')}"
    except PackageNotFoundError:
        return "claimgraph (unreleased)"


@dataclass(frozen=True, slots=True)
class Source:
    """One input: where to read it and the document id it is stored under."""

    path: str  # file path, or "-" for stdin
    doc_id: str


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did; ``failed`` holds one (path, reason) per bad input."""

    documents: int = 0
    unchanged: int = 0
    claims: int = 0
    triples: int = 0
    quads: int = 0
    seconds: float = 0.0
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """The one-line summary printed at the end of ``claimgraph ingest``."""
        parts = [
            f"{self.documents} documents ingested",
            f"{self.unchanged} unchanged",
            f"{len(self.failed)} failed",
            f"{len(self.skipped)} skipped",
            f"{self.claims} claims",
            f"{self.triples} triples",
            f"{self.seconds:.1f} s",
        ]
        return ", ".join(parts)


def discover(paths: Iterable[str | Path], *, name: str | None = None) -> tuple[list[Source], list[str]]:
    """Expand inputs into sources (files, directories recursively for .txt/.md, ``-``) and skipped files.

    Missing paths are kept as sources so that reading them reports the error in order.
    """
    inputs = list(dict.fromkeys(str(p) for p in paths))  # the same argument twice is one input
    sources: list[Source] = []
    skipped: list[str] = []
    for raw in inputs:
        text = str(raw)
        if text == STDIN:
            sources.append(Source(STDIN, name or "stdin"))
            continue
        path = Path(text)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in TEXT_SUFFIXES:
                    sources.append(Source(str(child), child.relative_to(path).as_posix()))
                else:
                    skipped.append(str(child))
        else:
            sources.append(Source(text, name if name and len(inputs) == 1 else path.name))
    seen: set[tuple[str, str]] = set()
    unique = []
    for source in sources:  # a file reached twice (seeds/ seeds/a.txt) under the same id is read once
        key = (source.doc_id, source.path if source.path == STDIN else str(Path(source.path).resolve()))
        if key not in seen:
            seen.add(key)
            unique.append(source)
    return unique, skipped


def read_source(source: Source, max_bytes: int, stdin: Callable[[], bytes] | None = None) -> str:
    """The text of one source, or an InputError naming it."""
    if source.path == STDIN:
        if stdin is None:
            raise MissingInputError(STDIN, "no standard input available")
        return decode_document(STDIN, stdin(), max_bytes)
    return read_document(source.path, max_bytes)


def sha256_of(text: str) -> str:
    """Hash of the document's bytes (UTF-8 decoding is lossless, so re-encoding gives the same bytes)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ingest(
    store: Store,
    nlp: Language | None,
    paths: Sequence[str | Path],
    *,
    name: str | None = None,
    max_bytes: int = 10 * 1024 * 1024,
    force: bool = False,
    stdin: Callable[[], bytes] | None = None,
    progress: Callable[[int], None] | None = None,
    batch_size: int = 16,
    extract: Extract | None = None,
    clock: Callable[[], datetime] = utc_now,
) -> IngestReport:
    """Ingest files into the store; unchanged documents are skipped unless ``force``.

    Extraction runs in ``nlp`` in this process, or through ``extract`` (a process pool or Dask cluster,
    see graph/parallel.py; ``nlp`` may then be None); linking and writing always stay in this one writer.
    ``clock`` stamps run provenance (tests pass a fixed one to compare stores quad for quad).
    """
    started = time.perf_counter()
    report = IngestReport()
    sources, report.skipped = discover(paths, name=name)
    stored = store.document_hashes()
    registry = EntityRegistry.load(store)
    if extract is None:
        extract = _local_extract(nlp, batch_size)

    pending: list[tuple[Source, str, str]] = []  # source, text, sha256
    first_path: dict[str, str] = {}  # doc id -> the input that claimed it first in this run
    for source in sources:
        if first_path.setdefault(source.doc_id, source.path) != source.path:
            reason = f"has the same document id {source.doc_id!r} as {first_path[source.doc_id]}; ingest a common parent"
            report.failed.append((source.path, reason))
            _tick(progress)
            continue
        try:
            text = read_source(source, max_bytes, stdin)
        except InputError as exc:
            report.failed.append((exc.path, exc.reason))
            _tick(progress)
            continue
        digest = sha256_of(text)
        info = DocumentInfo(source.doc_id, source.path, digest)
        if not force and stored.get(str(info.iri)) == digest:
            report.unchanged += 1
            _tick(progress)
            continue
        pending.append((source, text, digest))

    batch: list[tuple[DocumentGraph, Extraction, Source]] = []
    run_started = clock()
    extractions = extract([text for _, text, _ in pending]) if pending else ()
    for (source, _text, digest), extraction in zip(pending, extractions):
        info = DocumentInfo(source.doc_id, source.path, digest)
        linking = registry.link(extraction.entities, document=source.doc_id)
        if linking.renamed:  # one stored name per entity: the fullest seen across documents
            entities = tuple(replace(e, name=linking.renamed.get(e.key, e.name)) for e in extraction.entities)
            extraction = replace(extraction, entities=entities)
        run = RunInfo(software_version(), extraction.model or _model_label(nlp), run_started, clock())
        graph = document_graph(extraction, info, run, linking.iris)
        if linking.default_deletes:
            graph = DocumentGraph(graph.iri, graph.named, graph.default, graph.owned, linking.default_deletes)
        batch.append((graph, extraction, source))
        if len(batch) >= WRITE_BATCH:
            _flush(store, batch, report, progress)
    _flush(store, batch, report, progress)
    report.seconds = time.perf_counter() - started
    return report


def _flush(
    store: Store,
    batch: list[tuple[DocumentGraph, Extraction, Source]],
    report: IngestReport,
    progress: Callable[[int], None] | None,
) -> None:
    """Write a batch in one transaction; on failure retry each document alone so one bad one loses nothing else.

    An unreachable server stops the run instead (batches already written stay; a re-run skips them by hash).
    """
    if not batch:
        return
    try:
        store.replace_documents([graph for graph, _, _ in batch])
        written = list(batch)
    except StoreConnectionError:
        raise  # the server is unreachable or misconfigured: no document would fare better alone
    except StoreError:
        written = []
        for item in batch:
            try:
                store.replace_documents([item[0]])
                written.append(item)
            except StoreError as exc:
                report.failed.append((item[2].path, f"could not be stored: {exc}"))
    for graph, extraction, source in written:
        report.documents += 1
        report.claims += len(extraction.claims)
        report.triples += len(extraction.triples)
        report.quads += len(graph)
        report.doc_ids.append(source.doc_id)
    for _ in batch:
        _tick(progress)
    batch.clear()


def _tick(progress: Callable[[int], None] | None) -> None:
    if progress is not None:
        progress(1)


def _local_extract(nlp: Language | None, batch_size: int) -> Extract:
    """Extraction in this process through ``nlp.pipe`` (the default step)."""
    if nlp is None:
        raise ValueError("ingest needs a spaCy pipeline or an extract step")
    pipeline = nlp

    def run(texts: Sequence[str]) -> Iterable[Extraction]:
        from graph.extract.pipeline import extract_many

        return extract_many(pipeline, texts, batch_size=batch_size)

    return run


def _model_label(nlp: Language | None) -> str:
    """The pipeline label for provenance when an extraction does not carry one."""
    from graph.nlp import pipeline_label

    return pipeline_label(nlp) if nlp is not None else "unknown"

