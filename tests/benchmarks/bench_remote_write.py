"""Per-document write time through the SPARQL-server store: Oxigraph server vs Virtuoso, side by side in one run.

Extracts the given documents once, starts both servers (as the tests do: free 127.0.0.1 ports, temp
directories), then for each server writes every document alone (first write), writes it again (a
replacement) and removes it, printing medians per document and the Virtuoso/Oxigraph ratios::

    .venv/bin/python tests/benchmarks/bench_remote_write.py --corpus seeds/ --corpus /path/to/polnear --limit 8
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from graph.rdf.mapping import DocumentGraph


def documents(corpora: list[Path], limit: int) -> list[DocumentGraph]:
    """Extract up to ``limit`` .txt files (sorted) per corpus and map them as ingest would."""
    from graph.ingest import ingest
    from graph.nlp import load_pipeline
    from graph.settings import DEFAULT_MODEL
    from graph.store.embedded import EmbeddedStore

    captured: list[DocumentGraph] = []

    class Recorder(EmbeddedStore):
        def replace_documents(self, docs):  # type: ignore[no-untyped-def]
            captured.extend(docs)
            super().replace_documents(docs)

    files = [p for corpus in corpora for p in sorted(corpus.rglob("*.txt"))[:limit]]
    ingest(Recorder(None), load_pipeline(DEFAULT_MODEL), files, batch_size=1,
           clock=lambda: datetime(2026, 5, 1, tzinfo=timezone.utc))
    return captured


def timed(action: Callable[[], object]) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure(store: object, docs: list[DocumentGraph]) -> dict[str, float]:
    """Median seconds per document to write, rewrite and remove, one document per call."""
    write = [timed(lambda d=d: store.replace_documents([d])) for d in docs]  # type: ignore[attr-defined]
    rewrite = [timed(lambda d=d: store.replace_documents([d])) for d in docs]  # type: ignore[attr-defined]
    remove = [timed(lambda d=d: store.drop_document(d.iri)) for d in docs]  # type: ignore[attr-defined]
    return {"write": statistics.median(write), "rewrite": statistics.median(rewrite), "remove": statistics.median(remove)}


def main() -> None:
    """Parse arguments, extract, measure both servers, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", required=True, help="directory of .txt files")
    parser.add_argument("--limit", type=int, default=8, help="documents per corpus")
    args = parser.parse_args()

    from graph.store.remote import RemoteStore
    from tests.store.conftest import free_port, start_oxigraph
    from tests.store.virtuoso_server import start_virtuoso

    docs = documents(args.corpus, args.limit)
    quads = statistics.median(len(d) for d in docs)
    print(f"{len(docs)} documents, median {quads:.0f} quads each")
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        ox = start_oxigraph(Path(tmp) / "oxigraph")
        vt_dir = Path(tmp) / "virtuoso"
        vt_dir.mkdir()
        vt = start_virtuoso(vt_dir, free_port(), free_port())
        try:
            for name, server in (("oxigraph", ox), ("virtuoso", vt)):
                store = RemoteStore(server.query_url, update_url=server.update_url, graph_store_url=server.store_url)
                server.clear(store)
                results[name] = measure(store, docs)
                store.close()
        finally:
            ox.stop()
            vt.stop()
    print(f"{'per document':12} {'oxigraph s':>11} {'virtuoso s':>11} {'ratio':>7}")
    for step in ("write", "rewrite", "remove"):
        a, b = results["oxigraph"][step], results["virtuoso"][step]
        print(f"{step:12} {a:11.3f} {b:11.3f} {b / a:7.1f}")


if __name__ == "__main__":
    main()
