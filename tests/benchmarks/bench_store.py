"""Store benchmark: load throughput, per-document write throughput and canned-query latency, embedded vs Oxigraph server.

Run:  .venv/bin/python tests/benchmarks/bench_store.py --sizes 100000 1000000 5000000
or:   CLAIMGRAPH_BENCH_STORE=1 .venv/bin/pytest tests/benchmarks/bench_store.py   (100k quads only)

The corpus is synthetic RDF made from real extractions: the seed files (plus ``--corpus DIR``, e.g.
PolNeAR dev) are extracted once, then mapped again and again under new document ids, each group of
four copies with its own entities, so documents, claims and entities all grow with the size. The
N-Quads file per size is cached (``--cache``). Each backend bulk-loads it (embedded: pyoxigraph
``bulk_load``, then reopened; server: ``oxigraph load`` then ``oxigraph serve --union-default-graph``), writes a few
documents through the normal transactional path (``replace_documents``), then runs every canned query
(p50/p95 over ``--runs`` warm runs; a query slower than ``--budget`` seconds runs once). Results go
to ``results/store.json`` and the chart ``results/store.png``.

``--baseline DIR`` also times another checkout's ``graph/queries.py`` and ``queries/`` (e.g. ``main``) on the
same loaded store, case by case, so a change of query shape is compared side by side in one run.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from graph.ingest import WRITE_BATCH, sha256_of  # noqa: E402
from graph.queries import load_queries, run_query  # noqa: E402
from graph.rdf import iris  # noqa: E402
from graph.rdf.mapping import DocumentGraph, DocumentInfo, RunInfo, document_graph  # noqa: E402
from graph.rdf.ntriples import nquads  # noqa: E402
from graph.rdf.vocab import RDF, SDO  # noqa: E402
from graph.store.base import Store  # noqa: E402
from graph.types import Extraction  # noqa: E402

if TYPE_CHECKING:
    from spacy.language import Language

RESULTS = Path(__file__).resolve().parent / "results"
ENV = "CLAIMGRAPH_BENCH_STORE"
COPIES_PER_ENTITY_SET = 4
WRITE_DOCS = 32
STAMP = datetime(2026, 1, 1, tzinfo=timezone.utc)

if __name__ not in ("__main__", "__mp_main__") and not os.environ.get(ENV):
    pytest.skip(f"set {ENV}=1 to run the store benchmark", allow_module_level=True)


# --- the synthetic corpus ----------------------------------------------------------------------------


def base_extractions(nlp: Language, corpus: Path | None, limit: int | None) -> list[tuple[str, Extraction]]:
    """Real extractions of the seeds (and of ``corpus``), the material every synthetic document is made of."""
    from graph.extract.pipeline import extract_many
    from graph.readwrite.text import iter_input_paths

    paths = sorted((REPO / "seeds").glob("*.txt"))
    if corpus is not None:
        paths += list(iter_input_paths([corpus / "text" if (corpus / "text").is_dir() else corpus]))[:limit]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    return [(p.name, e) for p, e in zip(paths, extract_many(nlp, texts))]


def synthetic_document(base: tuple[str, Extraction], copy: int) -> DocumentGraph:
    """Copy ``copy`` of a base document: its own document id, and its entity set's own entities and names."""
    name, extraction = base
    group = copy // COPIES_PER_ENTITY_SET
    if group:
        entities = tuple(replace(e, name=f"{e.name} {group}", aliases=()) for e in extraction.entities)
        extraction = replace(extraction, entities=entities)
    doc_id = f"synthetic/{copy:06d}/{name}"
    info = DocumentInfo(doc_id, doc_id, sha256_of(f"{copy}:{name}"))
    run = RunInfo("claimgraph bench", extraction.model, STAMP, STAMP)
    entity_iris = {e.key: iris.entity_iri(f"{e.key}-{group}") for e in extraction.entities}
    return document_graph(extraction, info, run, entity_iris)


def documents(bases: list[tuple[str, Extraction]], start: int = 0) -> Iterator[DocumentGraph]:
    """Synthetic documents without end, copy after copy of the base set."""
    copy = start
    while True:
        for base in bases:
            yield synthetic_document(base, copy)
        copy += 1


def write_corpus(bases: list[tuple[str, Extraction]], quads: int, path: Path) -> None:
    """Write about ``quads`` quads of synthetic documents as N-Quads (kept as a cache between runs)."""
    if path.exists():
        return
    written = 0
    partial = path.with_suffix(".part")
    with partial.open("w", encoding="utf-8") as out:
        for doc in documents(bases):
            out.write(nquads(doc.named, doc.iri))
            out.write(nquads(doc.default, None))
            written += len(doc)
            if written >= quads:
                break
    partial.rename(path)


# --- measuring ---------------------------------------------------------------------------------------


def sample_params(bases: list[tuple[str, Extraction]]) -> dict[str, Any]:
    """A value per parameter kind that exists at every size (all taken from copy 0)."""
    name, extraction = bases[0]
    doc = synthetic_document(bases[0], 0)
    speaker = max(extraction.entities, key=lambda e: sum(1 for c in extraction.claims if c.source and c.source.entity == e.key))
    claim = next(s for s, p, o in doc.named if p == RDF.type and o == SDO.Claim)
    return {
        "entity": speaker.name,
        "iri": str(iris.entity_iri(f"{speaker.key}-0")),
        "document": f"synthetic/000000/{name}",
        "claim": iris.local_id(str(claim)),
        "kind": "direct",
        "string": speaker.name.split()[-1][:4],
        "decimal": 0.5,
        "integer": 5,
    }


QueryRunner = Callable[[Store, str, dict[str, Any]], Any]
NARROWED = "claims("  # cases run as ClaimGraph.claims and the API do: claim ids by speaker/about/document first


def query_cases(values: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each canned query with its required parameters, plus lookups bound through optional parameters."""
    def value(name: str, kind: str) -> Any:
        return values["entity"] if name == "label" else values[kind]  # a lookup label is a whole name

    cases = {q.name: {p.name: value(p.name, p.kind) for p in q.parameters if p.required} for q in load_queries().values()}
    cases["claims?speaker"] = {"speaker": values["entity"]}  # claims.rq's own filter: a FILTER over every claim
    cases["claims?document"] = {"document": values["document"]}
    cases["claims(speaker)"] = {"speaker": values["entity"]}
    cases["claims(document)"] = {"document": values["document"]}
    cases["who-said-what?speaker"] = {"speaker": values["entity"]}
    cases["graph-edges?speaker"] = {"speaker": values["iri"]}
    cases["graph-entities?entity"] = {"entity": values["iri"]}
    cases["chains?a"] = {"a": values["entity"]}
    return cases


def query_runner(tree: Path | None) -> QueryRunner:
    """``run_query`` of this checkout, or of another one (its ``graph/queries.py`` reading its ``queries/``)."""
    if tree is None:
        return run_query
    spec = importlib.util.spec_from_file_location("baseline_queries", tree / "graph" / "queries.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no graph/queries.py under {tree}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module.run_query  # type: ignore[no-any-return]


def run_case(run: QueryRunner, store: Store, case: str, params: dict[str, Any]) -> list[tuple[str, ...]]:
    """A case's rows as strings; ``claims(...)`` cases narrow by claim ids first, as ClaimGraph.claims does."""
    if not case.startswith(NARROWED):
        return [tuple(str(v) for v in row) for row in run(store, case.split("?")[0], params)]
    ids: set[str] | None = None
    for name, param in (("claim-ids-by-speaker", "speaker"), ("claim-ids-about", "about"), ("claim-ids-in-document", "document")):
        if param in params:
            found = {str(row[0]) for row in run(store, name, {param: params[param]})}
            ids = found if ids is None else ids & found
    if not ids:
        return []
    return [tuple(str(v) for v in row) for row in run(store, "claims", {"claim": sorted(ids)})]


def time_case(run: QueryRunner, store: Store, case: str, params: dict[str, Any], runs: int, budget: float) -> dict[str, Any]:
    """p50/p95 latency (ms), row count and a digest of the rows: one warm-up, then up to ``runs`` timed runs."""
    started = time.perf_counter()
    rows = run_case(run, store, case, params)
    samples = [time.perf_counter() - started]
    if samples[0] < budget:
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            run_case(run, store, case, params)
            samples.append(time.perf_counter() - started)
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    digest = hashlib.sha256(repr(sorted(rows)).encode()).hexdigest()[:16]
    return {"p50_ms": statistics.median(ordered) * 1000, "p95_ms": p95 * 1000, "rows": len(rows), "runs": len(samples), "digest": digest}


def time_queries(store: Store, cases: dict[str, dict[str, Any]], args: argparse.Namespace) -> dict[str, dict[str, dict[str, Any]]]:
    """Every case with this checkout's queries (``queries``) and, given ``--baseline``, the baseline's
    (``queries_baseline``), one after the other on the same store."""
    runners = {"queries": query_runner(None)}
    if args.baseline is not None:
        runners["queries_baseline"] = query_runner(args.baseline)
    out: dict[str, dict[str, dict[str, Any]]] = {key: {} for key in runners}
    for case, params in cases.items():
        line = f"    {case:28s}"
        for key, run in runners.items():
            figures = time_case(run, store, case, params, args.runs, args.budget)
            out[key][case] = figures
            line += f" {'before' if key.endswith('baseline') else 'now'} p50 {figures['p50_ms']:9.1f} ms"
        same = len({out[key][case]["digest"] for key in runners}) == 1
        print(f"{line}  rows {out['queries'][case]['rows']}{'' if same else '  ROWS DIFFER'}", flush=True)
    return out


def time_writes(store: Store, bases: list[tuple[str, Extraction]]) -> dict[str, float]:
    """Transactional writes of new documents in ingest's batches: quads/s and documents/s."""
    docs = [d for _, d in zip(range(WRITE_DOCS), documents(bases, start=900_000))]
    started = time.perf_counter()
    for i in range(0, len(docs), WRITE_BATCH):
        store.replace_documents(docs[i : i + WRITE_BATCH])
    seconds = time.perf_counter() - started
    quads = sum(len(d) for d in docs)
    return {"documents": len(docs), "quads": quads, "seconds": seconds, "quads_per_s": quads / seconds}


def run_embedded(data: Path, work: Path, bases: list[tuple[str, Extraction]], cases: dict[str, dict[str, Any]], args: argparse.Namespace) -> dict[str, Any]:
    """Bulk-load into an embedded store in this process, write, query."""
    import pyoxigraph as ox

    from graph.store.embedded import EmbeddedStore

    store = EmbeddedStore(work)
    started = time.perf_counter()
    store.inner.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
    store.close()
    load = time.perf_counter() - started
    store = EmbeddedStore(work)  # reopened, as every later claimgraph command opens it
    quads = store.quad_count()
    print(f"  embedded: {quads} quads loaded in {load:.1f} s", flush=True)
    try:
        queries = time_queries(store, cases, args)
        writes = time_writes(store, bases)
    finally:
        store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"quads": quads, "load_s": load, "load_quads_per_s": quads / load, "writes": writes, **queries, "peak_rss_mb_so_far": peak}


def run_server(data: Path, work: Path, bases: list[tuple[str, Extraction]], cases: dict[str, dict[str, Any]], args: argparse.Namespace) -> dict[str, Any]:
    """``oxigraph load`` into a directory, serve it on 127.0.0.1, write and query over HTTP."""
    from graph.store.remote import RemoteStore
    from tests.store.conftest import oxigraph_binary, start_oxigraph

    started = time.perf_counter()
    subprocess.run([str(oxigraph_binary()), "load", "--location", str(work), "--file", str(data)], check=True, capture_output=True)
    load = time.perf_counter() - started
    server = start_oxigraph(work)
    try:
        store = RemoteStore(server.query_url, update_url=server.update_url, graph_store_url=server.store_url)
        quads = store.quad_count()
        print(f"  server: {quads} quads loaded in {load:.1f} s", flush=True)
        queries = time_queries(store, cases, args)
        writes = time_writes(store, bases)
        peak = _peak_mb(server.process.pid)
        store.close()
    finally:
        server.stop()
    return {"quads": quads, "load_s": load, "load_quads_per_s": quads / load, "writes": writes, **queries, "server_peak_rss_mb": peak}


def _peak_mb(pid: int) -> float:
    """The process's RSS high-water mark (Linux ``VmHWM``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run(args: argparse.Namespace, nlp_loader: Callable[[], Language]) -> dict[str, Any]:
    """Every size for every backend; returns (and saves) the figures."""
    import shutil

    bases = base_extractions(nlp_loader(), args.corpus, args.limit)
    cases = query_cases(sample_params(bases))
    args.cache.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"sizes": {}, "base_documents": len(bases), "runs": args.runs, "cpus": os.cpu_count(),
                               "load_average": os.getloadavg()[0]}
    if args.merge and args.out.exists():  # keep the other backends' figures from an earlier run
        results["sizes"] = json.loads(args.out.read_text())["sizes"]
    for size in args.sizes:
        tag = f"{'polnear-' if args.corpus else ''}{size}"
        data = args.cache / f"synthetic-{tag}.nq"
        started = time.perf_counter()
        write_corpus(bases, size, data)
        print(f"{size} quads: corpus {data} ready in {time.perf_counter() - started:.1f} s", flush=True)
        figures: dict[str, Any] = results["sizes"].get(str(size), {})
        for backend in args.backends:
            work = args.cache / f"{backend}-{tag}"
            shutil.rmtree(work, ignore_errors=True)
            runner = run_embedded if backend == "embedded" else run_server
            figures[backend] = runner(data, work, bases, cases, args)
            figures[backend]["load_average_after"] = os.getloadavg()[0]
            shutil.rmtree(work, ignore_errors=True)
        results["sizes"][str(size)] = figures
        args.out.write_text(json.dumps(results, indent=1))
    return results


def plot(results: dict[str, Any], png: Path) -> None:
    """Small multiples: load time and write throughput, then each query's p50 latency, against quads (log-log);
    baseline query timings (``--baseline``) dashed in the same colour."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = sorted(results["sizes"], key=int)
    backends = sorted({b for s in sizes for b in results["sizes"][s]})
    cases = dict.fromkeys(c for s in sizes for f in results["sizes"][s].values() for c in f["queries"])
    Value = Callable[[dict[str, Any], str], float | None]
    panels: list[tuple[str, Value]] = [
        ("bulk load (s)", lambda f, key: f["load_s"] if key == "queries" else None),
        ("write 32 docs (s)", lambda f, key: f["writes"]["seconds"] if key == "queries" else None),
    ]
    panels += [(f"{case} p50 (ms)", lambda f, key, c=case: f.get(key, {}).get(c, {}).get("p50_ms")) for case in cases]
    cols = 5
    rows = -(-len(panels) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 3 * rows), squeeze=False)
    for ax, (title, value) in zip(axes.flat, panels):
        for colour, backend in enumerate(backends):
            runs = [results["sizes"][s][backend] for s in sizes if backend in results["sizes"][s]]
            for key, style, label in (("queries", "-", backend), ("queries_baseline", "--", f"{backend}, before")):
                points = [(f["quads"], value(f, key)) for f in runs if value(f, key) is not None]  # cases added later lack points
                if points:
                    ax.plot([x for x, _ in points], [y for _, y in points], style, marker="o", color=f"C{colour}", label=label)
        ax.set_title(title, fontsize=9)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.tick_params(labelsize=7)
    for ax in list(axes.flat)[len(panels):]:
        ax.axis("off")
    axes.flat[2 if len(panels) > 2 else 0].legend(fontsize=8)
    fig.suptitle("claimgraph store cost vs size (quads): embedded Oxigraph vs Oxigraph server", fontsize=11)
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    fig.savefig(png, dpi=80)


def build_parser() -> argparse.ArgumentParser:
    """The benchmark's options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000, 5_000_000])
    parser.add_argument("--backends", nargs="+", choices=["embedded", "server"], default=["embedded", "server"])
    parser.add_argument("--corpus", type=Path, help="more base documents (a directory, or a PolNeAR tree)")
    parser.add_argument("--limit", type=int, help="at most this many documents from --corpus")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--budget", type=float, default=5.0, help="a query slower than this (s) is timed once")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/claimgraph-bench"))
    parser.add_argument("--out", type=Path, default=RESULTS / "store.json")
    parser.add_argument("--plot-only", action="store_true", help="redraw the chart from --out")
    parser.add_argument("--merge", action="store_true", help="replace only the backends run now in an existing --out")
    parser.add_argument("--baseline", type=Path, help="also time this checkout's graph/queries.py + queries/ (e.g. /work/main)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    args = build_parser().parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not args.plot_only:
        from graph.nlp import load_pipeline
        from graph.settings import get_settings

        run(args, lambda: load_pipeline(get_settings().model))
    plot(json.loads(args.out.read_text()), args.out.with_suffix(".png"))
    return 0


def test_store_benchmark_runs_at_100k(nlp: Language, tmp_path: Path) -> None:
    """The smallest size for both backends, into a temporary results file, and its chart."""
    out = tmp_path / "store.json"
    args = build_parser().parse_args(["--sizes", "100000", "--runs", "3", "--cache", str(tmp_path), "--out", str(out)])
    results = run(args, lambda: nlp)
    for figures in results["sizes"]["100000"].values():
        assert figures["quads"] > 50_000 and figures["writes"]["quads_per_s"] > 0
        assert all(q["rows"] > 0 for name, q in figures["queries"].items() if name.startswith("claims"))
    plot(results, out.with_suffix(".png"))
    assert out.with_suffix(".png").stat().st_size > 0


if __name__ == "__main__":
    raise SystemExit(main())
