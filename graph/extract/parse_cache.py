"""Parsed Docs kept on disk between runs, so tuning the rules does not re-parse a corpus each time.

Only evaluation uses it (``claimgraph evaluate --parse-cache DIR``): the parse is ~90% of extraction
time, while the rules that read it are what changes between runs.  An entry's key covers the text, the
pipeline label and the code that prepares a Doc for parsing, so a changed pipeline or preparation
misses the cache instead of returning a stale parse.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import InputError
from graph.extract import pipeline
from graph.nlp import pipeline_label
from graph.types import Extraction

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def _preparation_digest() -> str:
    """A digest of the code that turns a text into the Doc the parser sees."""
    source = inspect.getsource(pipeline.prepared_doc) + inspect.getsource(pipeline.parse_copy)
    return hashlib.sha256(source.encode()).hexdigest()


def entry_key(label: str, preparation: str, text: str) -> str:
    """The cache file stem of one text parsed by one pipeline with one preparation."""
    digest = hashlib.sha256()
    for part in (label, preparation, text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def _load(nlp: Language, path: Path) -> Doc:
    """The single Doc stored at ``path``."""
    from spacy.tokens import DocBin

    (doc,) = DocBin().from_disk(path).get_docs(nlp.vocab)
    return doc


def _save(doc: Doc, path: Path) -> None:
    """Store one parsed Doc atomically (a half-written entry never looks valid)."""
    from spacy.tokens import DocBin

    tmp = path.with_suffix(".tmp")
    DocBin(docs=[doc]).to_disk(tmp)
    tmp.replace(path)


def parsed_docs(nlp: Language, texts: Iterable[str], cache_dir: Path, *, batch_size: int = 32) -> Iterator[Doc]:
    """Parsed Docs for ``texts`` in order: read from ``cache_dir`` when present, else parsed and stored."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(str(cache_dir), f"cannot create the parse cache: {exc.strerror}") from exc
    label, preparation = pipeline_label(nlp), _preparation_digest()
    pending: list[tuple[str, Path]] = []

    def flush() -> Iterator[Doc]:
        """Parse the pending texts in one batch, store and yield them."""
        prepared = (pipeline.prepared_doc(nlp, text) for text, _ in pending)
        for doc, (_, path) in zip(nlp.pipe(prepared, batch_size=batch_size), pending, strict=True):
            _save(doc, path)
            yield doc
        pending.clear()

    for text in texts:
        path = cache_dir / f"{entry_key(label, preparation, text)}.spacy"
        if path.is_file():
            yield from flush()
            yield _load(nlp, path)
        else:
            pending.append((text, path))
            if len(pending) >= batch_size:
                yield from flush()
    yield from flush()


def extract_cached(nlp: Language, texts: Iterable[str], cache_dir: Path, *, batch_size: int = 32) -> Iterator[Extraction]:
    """Like :func:`graph.extract.pipeline.extract_many`, with parses kept in ``cache_dir``."""
    label = pipeline_label(nlp)
    materialised = list(texts)
    for doc, text in zip(parsed_docs(nlp, materialised, cache_dir, batch_size=batch_size), materialised, strict=True):
        yield pipeline.from_doc(doc, label, text=text)
