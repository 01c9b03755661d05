"""Export benchmark: projection and every export format on a synthetic store of 50,000 claims; time and memory.

Run:  .venv/bin/python tests/benchmarks/bench_export.py --claims 50000 --entities 2000 --documents 500
or:   CLAIMGRAPH_BENCH_EXPORT=1 .venv/bin/pytest tests/benchmarks/bench_export.py   (5,000 claims)

The store is built directly from hand-made extractions (no spaCy): each document is a run of sentences
"<speaker> said that <target> ... ." whose speakers and targets are drawn from a skewed distribution,
so a few entities are hubs, as in news. They go through the real RDF mapping and are bulk-loaded into
an embedded Oxigraph store. Then the projection (two SPARQL queries plus graph building) and each writer are timed in turn;
memory is the resident-set high-water mark sampled every 10 ms during each step, above the level before
it (so it includes Oxigraph's native memory, not just Python objects). Figures go to
``results/export.json``. Targets: every step < 120 s, process peak RSS < 3 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from graph.export import FORMATS, write_graph  # noqa: E402
from graph.project import ProjectionOptions, project  # noqa: E402
from graph.rdf import iris  # noqa: E402
from graph.rdf.mapping import DocumentInfo, RunInfo, document_graph  # noqa: E402
from graph.rdf.ntriples import term  # noqa: E402
from graph.store.embedded import EmbeddedStore  # noqa: E402
from graph.types import Claim, ClaimKind, Entity, EntityType, Extraction, Mention, Span  # noqa: E402

ENV = "CLAIMGRAPH_BENCH_EXPORT"
TARGET_STEP_SECONDS = 120.0
TARGET_PEAK_MB = 3072.0
TYPES = [EntityType.PERSON, EntityType.ORGANIZATION, EntityType.GROUP, EntityType.PLACE]
CUES = ["said", "told", "warned", "claimed", "argued", "added", "insisted", "suggested"]
KINDS = [ClaimKind.DIRECT, ClaimKind.INDIRECT, ClaimKind.MIXED]

if __name__ != "__main__" and not os.environ.get(ENV):
    pytest.skip(f"set {ENV}=1 to run the export benchmark", allow_module_level=True)


def rss_mb() -> float:
    """Current resident set size of this process in MB (Linux /proc)."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class PeakSampler:
    """Samples RSS in a thread while a step runs; ``peak`` is the highest value seen."""

    def __init__(self) -> None:
        """Start at the current RSS; the thread starts on ``with``."""
        self.peak = rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        """Sample until told to stop."""
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, rss_mb())

    def __enter__(self) -> PeakSampler:
        """Start sampling."""
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        """Stop sampling and take a last sample."""
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())


def entity_name(i: int) -> str:
    """The synthetic name of entity ``i``."""
    return f"Entity {i:05d}"


def skewed(rng: random.Random, n: int) -> int:
    """An index in [0, n) where small indices are much more likely (a few hubs, a long tail)."""
    return min(n - 1, int(n * rng.random() ** 2.5))


def synthetic_document(claims: int, entities: int, rng: random.Random) -> Extraction:
    """One document of ``claims`` claim sentences with resolved speakers and one or two targets each."""
    text, sentences, out, used = "", [], [], {}
    for _ in range(claims):
        speaker = skewed(rng, entities)
        targets = sorted({skewed(rng, entities) for _ in range(rng.choice((1, 1, 2)))})
        cue = rng.choice(CUES)
        start = len(text)
        head = f"{entity_name(speaker)} {cue} that "
        about_text = " and ".join(entity_name(t) for t in targets)
        body = f"{about_text} had made a serious mistake on policy {rng.randrange(10_000)}"
        text += head + body + ". "
        speaker_span = Span(start, start + len(entity_name(speaker)), entity_name(speaker))
        cue_span = Span(speaker_span.end + 1, speaker_span.end + 1 + len(cue), cue)
        content = Span(start + len(head), start + len(head) + len(body), body)
        abouts, offset = [], content.start
        for t in targets:
            name = entity_name(t)
            offset = text.index(name, offset)
            abouts.append(Mention(Span(offset, offset + len(name), name), entity=f"e{t}"))
            offset += len(name)
        sentence = Span(start, start + len(head) + len(body) + 1, text[start : start + len(head) + len(body) + 1])
        sentences.append(sentence)
        out.append(Claim(kind=rng.choice(KINDS), contents=(content,), cue=cue_span,
                         source=Mention(speaker_span, entity=f"e{speaker}"), about=tuple(abouts), sentence=sentence,
                         confidence=round(rng.uniform(0.2, 1.0), 3)))
        for i, span in [(speaker, speaker_span)] + [(t, m.span) for t, m in zip(targets, abouts, strict=True)]:
            used.setdefault(i, []).append(span)
    ents = tuple(Entity(key=f"e{i}", name=entity_name(i), type=TYPES[i % len(TYPES)],
                        aliases=(f"E{i}",), mentions=tuple(spans)) for i, spans in sorted(used.items()))
    return Extraction(text=text, sentences=tuple(sentences), entities=ents, claims=tuple(out), model="synthetic")


def build_store(path: Path, claims: int, entities: int, documents: int, seed: int = 7) -> EmbeddedStore:
    """An embedded store holding the synthetic corpus: the real mapping's quads, bulk-loaded as N-Quads."""
    import pyoxigraph as ox

    rng = random.Random(seed)
    now = datetime.now(timezone.utc)
    run = RunInfo(software="bench", model="synthetic", started=now, ended=now)
    entity_iris = {f"e{i}": iris.entity_iri(f"entity-{i:05d}") for i in range(entities)}
    per_doc = [claims // documents + (1 if d < claims % documents else 0) for d in range(documents)]
    dump = path.with_suffix(".nq")
    with dump.open("w", encoding="utf-8") as out:
        for d, count in enumerate(per_doc):
            extraction = synthetic_document(count, entities, rng)
            info = DocumentInfo(doc_id=f"synthetic/{d:05d}.txt", path=f"synthetic/{d:05d}.txt", sha256=f"{d:064x}")
            graph = document_graph(extraction, info, run, entity_iris)
            name = term(graph.iri)
            out.writelines(f"{term(s)} {term(p)} {term(o)} {name} .\n" for s, p, o in graph.named)
            out.writelines(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in graph.default)
    store = EmbeddedStore(path)
    store.inner.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    dump.unlink()
    return store


def measure(step: Callable[[], Any]) -> tuple[Any, dict[str, float]]:
    """Run a step; its wall time, and its RSS high-water mark above the level before it."""
    before = rss_mb()
    with PeakSampler() as sampler:
        started = time.perf_counter()
        value = step()
        seconds = time.perf_counter() - started
    return value, {"seconds": round(seconds, 2), "peak_rss_mb": round(sampler.peak, 1),
                   "peak_above_start_mb": round(sampler.peak - before, 1)}


def size_of(path: Path) -> int:
    """Bytes of a file, or of all files under a directory."""
    return sum(p.stat().st_size for p in path.rglob("*")) if path.is_dir() else path.stat().st_size


def run(claims: int, entities: int, documents: int, work: Path, with_claims: bool = False) -> dict[str, Any]:
    """Build the store, then time the projection and every writer; returns the figures."""
    results: dict[str, Any] = {"claims": claims, "entities": entities, "documents": documents,
                               "cpus": os.cpu_count(), "load_average": os.getloadavg()[0], "steps": {}}
    store, build = measure(lambda: build_store(work / "store", claims, entities, documents))
    results["build_store"] = {**build, "quads": store.quad_count()}
    options = ProjectionOptions(with_claims=with_claims)
    graph, figures = measure(lambda: project(store, options))
    results["graph"] = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
                        "claims": len(graph.graph["claims"])}
    results["steps"]["projection"] = figures
    for name, fmt in FORMATS.items():
        target = work / f"graph{fmt.suffix}"
        _, figures = measure(lambda name=name, target=target: write_graph(graph, name, target))  # type: ignore[misc]
        results["steps"][name] = {**figures, "bytes": size_of(target)}
        print(f"  {name:10s} {figures['seconds']:8.2f} s  peak {figures['peak_rss_mb']:8.1f} MB", file=sys.stderr)
    store.close()
    results["process_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return results


def check(results: dict[str, Any]) -> list[str]:
    """Targets missed, as messages (empty when all are met)."""
    misses = [f"{step}: {f['seconds']} s > {TARGET_STEP_SECONDS} s" for step, f in results["steps"].items()
              if f["seconds"] > TARGET_STEP_SECONDS]
    if results["process_peak_rss_mb"] > TARGET_PEAK_MB:
        misses.append(f"peak RSS {results['process_peak_rss_mb']} MB > {TARGET_PEAK_MB} MB")
    return misses


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: run at the given size, print and save the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=50_000)
    parser.add_argument("--entities", type=int, default=2_000)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--with-claims", action="store_true", help="project the claims-as-nodes view instead")
    parser.add_argument("--out", type=Path, default=REPO / "tests" / "benchmarks" / "results" / "export.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-export-") as tmp:
        results = run(args.claims, args.entities, args.documents, Path(tmp), args.with_claims)
    text = json.dumps(results, indent=2)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    misses = check(results)
    for miss in misses:
        print(f"TARGET MISSED: {miss}", file=sys.stderr)
    return 1 if misses else 0


@pytest.mark.benchmark
def test_export_small_synthetic_store(tmp_path: Path) -> None:
    results = run(5_000, 400, 50, tmp_path)
    assert results["graph"]["claims"] == 5_000 and results["graph"]["edges"] > 0
    assert not check(results), check(results)


if __name__ == "__main__":
    sys.exit(main())
