"""Ingest benchmark: words/s of whole ingest (extract + link + map + write) vs bare spaCy parse, 1 vs N workers.

Run:  .venv/bin/python tests/benchmarks/bench_ingest.py --corpus /work/shared/polnear/dev --workers 2 --dask --server
or:   CLAIMGRAPH_BENCH_CORPUS=/work/shared/polnear/dev .venv/bin/pytest tests/benchmarks/bench_ingest.py

Each mode ingests the whole corpus into a fresh store and is timed on the wall clock (parallel modes
spend their time in other processes, so CPU time of this one says nothing there); the process-pool
figure includes starting the workers and loading the model in each, the Dask one starts timing with
the cluster already up (as on a real cluster) but includes loading the model on its workers. Bare
spaCy is ``nlp.pipe`` over the same texts; the ratio is ingest words/s over parse words/s. A re-run
over the unchanged corpus measures the hash skip. Results go to ``results/ingest.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from graph.ingest import Extract, IngestReport, ingest  # noqa: E402
from graph.store.base import Store  # noqa: E402

if TYPE_CHECKING:
    from spacy.language import Language

RESULTS = Path(__file__).resolve().parent / "results"
ENV_CORPUS = "CLAIMGRAPH_BENCH_CORPUS"

if __name__ not in ("__main__", "__mp_main__") and not os.environ.get(ENV_CORPUS):
    pytest.skip(f"set {ENV_CORPUS} to a corpus directory to run the ingest benchmark", allow_module_level=True)


def corpus_root(corpus: Path) -> Path:
    """The directory of documents: ``text/`` of a PolNeAR tree, else the directory itself."""
    return corpus / "text" if (corpus / "text").is_dir() else corpus


def first_documents(root: Path, limit: int, into: Path) -> Path:
    """A copy of the first ``limit`` documents ingest would read under ``root`` (same relative paths), in ``into``."""
    from graph.ingest import discover

    sources, _ = discover([root])
    for source in sources[:limit]:
        target = into / source.doc_id
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source.path, target)
    return into


def corpus_texts(root: Path) -> list[str]:
    """Every document ingest would read, in its order."""
    from graph.ingest import discover, read_source

    sources, _ = discover([root])
    return [read_source(s, 10 * 1024 * 1024) for s in sources]


def timed(run: Callable[[], Any]) -> tuple[float, float, Any]:
    """(wall seconds, this process's CPU seconds, result)."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = run()
    return time.perf_counter() - wall, time.process_time() - cpu, out


def figures(words: int, wall: float, cpu: float, report: IngestReport | None = None) -> dict[str, Any]:
    """One mode's numbers."""
    out: dict[str, Any] = {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "words_per_s": round(words / wall)}
    if report is not None:
        out.update(documents=report.documents, unchanged=report.unchanged, claims=report.claims, quads=report.quads)
    return out


def ingest_into(store: Store, root: Path, nlp: Language | None, extract: Extract | None = None) -> IngestReport:
    """Ingest the corpus, failing loudly if any document failed."""
    report = ingest(store, nlp, [root], extract=extract)
    assert not report.failed, report.failed[:3]
    return report


def run(corpus: Path, nlp: Language, model: str, workers: int, dask: bool, server: bool) -> dict[str, Any]:
    """Every requested mode over one corpus."""
    from graph.parallel import DaskExtract, ProcessPoolExtract
    from graph.store.embedded import EmbeddedStore

    root = corpus_root(corpus)
    texts = corpus_texts(root)
    words = sum(len(t.split()) for t in texts)
    results: dict[str, Any] = {"corpus": str(corpus), "documents": len(texts), "words": words,
                               "cpus": os.cpu_count(), "load_average_at_start": round(os.getloadavg()[0], 2)}
    print(f"{len(texts)} documents, {words} words", flush=True)
    list(nlp.pipe(texts[:2]))  # warm up
    wall, cpu, _ = timed(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=32)))
    results["bare_spacy"] = figures(words, wall, cpu)
    with tempfile.TemporaryDirectory() as tmp:
        with EmbeddedStore(Path(tmp) / "one") as store:
            wall, cpu, report = timed(lambda: ingest_into(store, root, nlp))
            results["ingest_1_process"] = figures(words, wall, cpu, report)
            wall, cpu, report = timed(lambda: ingest_into(store, root, nlp))
            results["reingest_unchanged"] = figures(words, wall, cpu, report)
        with EmbeddedStore(Path(tmp) / "pool") as store:
            pool = ProcessPoolExtract(model, workers)
            wall, cpu, report = timed(lambda: ingest_into(store, root, None, pool))
            results[f"ingest_{workers}_workers"] = figures(words, wall, cpu, report)
        if dask:
            results["ingest_dask_2_workers"] = _dask(root, words, model, Path(tmp) / "dask")
        if server:
            results["ingest_1_process_server"] = _server(root, words, nlp, Path(tmp) / "server")
    one = results["ingest_1_process"]["words_per_s"]
    results["ratio_ingest_vs_bare"] = round(one / results["bare_spacy"]["words_per_s"], 3)
    results["ratio_extract_cpu_vs_bare_cpu"] = round(results["bare_spacy"]["cpu_s"] / results["ingest_1_process"]["cpu_s"], 3)
    results[f"speedup_{workers}_workers"] = round(results[f"ingest_{workers}_workers"]["words_per_s"] / one, 3)
    return results


def _dask(root: Path, words: int, model: str, location: Path) -> dict[str, Any]:
    """Ingest with a 2-process LocalCluster already running (the model loads on its workers in the timing)."""
    from distributed import Client, LocalCluster

    from graph.parallel import DaskExtract
    from graph.store.embedded import EmbeddedStore

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster),
        EmbeddedStore(location) as store,
    ):
        wall, cpu, report = timed(lambda: ingest_into(store, root, None, DaskExtract(cluster.scheduler_address, model)))
    return figures(words, wall, cpu, report)


def _server(root: Path, words: int, nlp: Language, location: Path) -> dict[str, Any]:
    """Single-process ingest writing to an Oxigraph server over HTTP."""
    from graph.store.remote import RemoteStore
    from tests.store.conftest import start_oxigraph

    server = start_oxigraph(location)
    try:
        with RemoteStore(server.query_url, update_url=server.update_url, graph_store_url=server.store_url) as store:
            wall, cpu, report = timed(lambda: ingest_into(store, root, nlp))
    finally:
        server.stop()
    return figures(words, wall, cpu, report)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: print and save the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO / "seeds")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dask", action="store_true", help="also ingest through a 2-worker Dask LocalCluster")
    parser.add_argument("--server", action="store_true", help="also ingest into an Oxigraph server")
    parser.add_argument("--limit", type=int, help="only the first N documents of the corpus (in ingest's order)")
    parser.add_argument("--out", type=Path, default=RESULTS / "ingest.json")
    args = parser.parse_args(argv)
    from graph.nlp import load_pipeline
    from graph.settings import get_settings

    model = get_settings().model
    with tempfile.TemporaryDirectory() as tmp:
        corpus = first_documents(corpus_root(args.corpus), args.limit, Path(tmp)) if args.limit else args.corpus
        results = run(corpus, load_pipeline(model), model, args.workers, args.dask, args.server)
    if args.limit:
        results.update(corpus=str(args.corpus), limit=args.limit)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1))
    print(json.dumps(results, indent=1))
    return 0


def test_ingest_benchmark(nlp: Language, tmp_path: Path) -> None:
    """The corpus from CLAIMGRAPH_BENCH_CORPUS through one process and two workers."""
    from graph.settings import DEFAULT_MODEL

    results = run(Path(os.environ[ENV_CORPUS]), nlp, DEFAULT_MODEL, 2, dask=False, server=False)
    assert results["ingest_1_process"]["documents"] == results["ingest_2_workers"]["documents"] == results["documents"]
    assert results["reingest_unchanged"]["documents"] == 0


if __name__ == "__main__":
    raise SystemExit(main())
