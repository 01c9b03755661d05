"""Extraction speed and memory against bare spaCy: ``extract_many`` vs ``nlp.pipe`` over one corpus.

Run:  .venv/bin/python tests/benchmarks/bench_extract.py --corpus /work/shared/polnear/dev
or:   CLAIMGRAPH_BENCH_CORPUS=/work/shared/polnear/dev .venv/bin/pytest tests/benchmarks/bench_extract.py

The two runs alternate over several repetitions (which one goes first alternates too) and the
medians are compared as words per second, by CPU time of this process (robust when other jobs
share the machine) and by wall-clock time. Peak memory is the process RSS high-water mark after
streaming the corpus from disk through the extractor. Targets: ratio >= 0.8, peak < 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from spacy.language import Language

ENV_CORPUS = "CLAIMGRAPH_BENCH_CORPUS"
TARGET_RATIO = 0.8
TARGET_PEAK_MB = 1024.0

if __name__ != "__main__" and not os.environ.get(ENV_CORPUS):
    pytest.skip(f"set {ENV_CORPUS} to a corpus directory to run the extraction benchmark", allow_module_level=True)


@dataclass(frozen=True, slots=True)
class BenchResult:
    """Medians of the alternating runs and the memory high-water mark."""

    documents: int
    words: int
    repeats: int
    bare_cpu_seconds: float
    extract_cpu_seconds: float
    bare_words_per_second: float  # by CPU time
    extract_words_per_second: float  # by CPU time
    ratio: float  # extract / bare throughput, CPU time
    wall_ratio: float  # the same by wall-clock time
    bare_wall_seconds: tuple[float, ...]
    extract_wall_seconds: tuple[float, ...]
    claims: int
    peak_rss_mb: float

    def meets_targets(self) -> bool:
        """Extraction keeps >= 80% of bare spaCy throughput and the process stays under 1 GB."""
        return self.ratio >= TARGET_RATIO and self.peak_rss_mb < TARGET_PEAK_MB


def corpus_paths(corpus: Path) -> list[Path]:
    """The corpus's documents: ``text/*.txt`` of a PolNeAR tree, else every .txt/.md below it."""
    from graph.readwrite.text import iter_input_paths

    root = corpus / "text" if (corpus / "text").is_dir() else corpus
    return list(iter_input_paths([root]))


def peak_rss_mb() -> float:
    """The process's resident-set high-water mark in MiB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _timed(run: Callable[[], int]) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds) taken by ``run``, and what it returned."""
    cpu, wall = time.process_time(), time.perf_counter()
    out = run()
    return time.process_time() - cpu, time.perf_counter() - wall, out


def _stream(paths: Iterable[Path], max_bytes: int) -> Iterator[str]:
    """Read documents lazily, one at a time, as a directory is streamed in real use."""
    from graph.readwrite.text import read_document

    for path in paths:
        yield read_document(path, max_bytes)


def run_benchmark(nlp: Language, paths: list[Path], repeats: int = 3, batch_size: int = 32) -> BenchResult:
    """Alternate bare ``nlp.pipe`` and ``extract_many`` over the same texts and compare medians."""
    from graph.extract.pipeline import extract_many
    from graph.settings import get_settings

    max_bytes = get_settings().max_bytes
    texts = list(_stream(paths, max_bytes))
    words = sum(len(text.split()) for text in texts)

    def bare() -> int:
        """Parse only; returns the number of docs."""
        return sum(1 for _ in nlp.pipe(texts, batch_size=batch_size))

    def extract() -> int:
        """Parse and extract; returns the number of claims."""
        return sum(len(e.claims) for e in extract_many(nlp, texts, batch_size=batch_size))

    bare(), extract()  # warm up both (lazy initialisation, caches)
    times: dict[str, list[tuple[float, float]]] = {"bare": [], "extract": []}
    claims = 0
    for rep in range(repeats):
        order = (bare, extract) if rep % 2 == 0 else (extract, bare)
        for run in order:
            cpu, wall, out = _timed(run)
            times["bare" if run is bare else "extract"].append((cpu, wall))
            if run is extract:
                claims = out
    # memory: stream the corpus from disk through the extractor, as `claimgraph extract DIR` does
    for _ in extract_many(nlp, _stream(paths, max_bytes), batch_size=batch_size):
        pass
    bare_s = statistics.median(cpu for cpu, _ in times["bare"])
    extract_s = statistics.median(cpu for cpu, _ in times["extract"])
    bare_wall = statistics.median(wall for _, wall in times["bare"])
    extract_wall = statistics.median(wall for _, wall in times["extract"])
    return BenchResult(
        documents=len(texts),
        words=words,
        repeats=repeats,
        bare_cpu_seconds=round(bare_s, 3),
        extract_cpu_seconds=round(extract_s, 3),
        bare_words_per_second=round(words / bare_s, 1),
        extract_words_per_second=round(words / extract_s, 1),
        ratio=round(bare_s / extract_s, 3),
        wall_ratio=round(bare_wall / extract_wall, 3),
        bare_wall_seconds=tuple(round(wall, 2) for _, wall in times["bare"]),
        extract_wall_seconds=tuple(round(wall, 2) for _, wall in times["extract"]),
        claims=claims,
        peak_rss_mb=round(peak_rss_mb(), 1),
    )


def _format(result: BenchResult) -> str:
    """Human-readable summary lines."""
    verdict = "met" if result.meets_targets() else "MISSED"
    return "\n".join(
        [
            f"documents {result.documents}, words {result.words}, repeats {result.repeats}, claims {result.claims}",
            f"bare nlp.pipe   median CPU {result.bare_cpu_seconds:.2f} s  {result.bare_words_per_second:,.0f} words/s"
            f"  (wall runs {result.bare_wall_seconds})",
            f"extract_many    median CPU {result.extract_cpu_seconds:.2f} s  {result.extract_words_per_second:,.0f} words/s"
            f"  (wall runs {result.extract_wall_seconds})",
            f"ratio extract/bare throughput {result.ratio:.3f} by CPU time, {result.wall_ratio:.3f} by wall time"
            f" (target >= {TARGET_RATIO})",
            f"peak RSS {result.peak_rss_mb:.0f} MiB (target < {TARGET_PEAK_MB:.0f})",
            f"targets {verdict}",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: print the figures (and JSON with --json); exit 1 when a target is missed."""
    from graph.nlp import load_pipeline
    from graph.settings import get_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="directory of .txt/.md or a PolNeAR tree")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: CLAIMGRAPH_MODEL)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    paths = corpus_paths(args.corpus)[: args.limit]
    if not paths:
        parser.error(f"no .txt/.md documents under {args.corpus}")
    nlp = load_pipeline(args.model or get_settings().model)
    result = run_benchmark(nlp, paths, repeats=args.repeats, batch_size=args.batch_size)
    print(json.dumps(asdict(result), indent=2) if args.json else _format(result))
    return 0 if result.meets_targets() else 1


@pytest.mark.benchmark
@pytest.mark.slow
def test_extraction_keeps_pace_with_spacy(nlp: Language) -> None:
    """Under pytest (collected only with CLAIMGRAPH_BENCH_CORPUS set): the targets hold on that corpus."""
    result = run_benchmark(nlp, corpus_paths(Path(os.environ[ENV_CORPUS])))
    print(_format(result))
    assert result.ratio >= TARGET_RATIO, _format(result)
    assert result.peak_rss_mb < TARGET_PEAK_MB, _format(result)


if __name__ == "__main__":
    sys.exit(main())
