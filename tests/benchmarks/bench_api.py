"""HTTP API load benchmark and soak: a real ``claimgraph serve`` process, loaded from this process over loopback.

Run:  .venv/bin/python tests/benchmarks/bench_api.py --corpus seeds/ --requests 2000 --soak-seconds 180
or:   CLAIMGRAPH_BENCH_API=1 .venv/bin/pytest tests/benchmarks/bench_api.py   (short settings)

The store is built from ``--corpus`` with ``claimgraph ingest`` into a temporary directory (or ``--store`` is
copied), the server is started on a free port, and an async httpx client with ``--concurrency`` connections
sends a bounded number of requests (bounded in time too) to each target: ``/claims?about=`` and a canned
SPARQL query (who-said-what) POSTed to ``/sparql``. Reported: requests/s, p50/p99 latency, errors. The soak
alternates both targets for ``--soak-seconds`` while sampling the server's RSS; it passes with no error and
RSS growth under ``--max-growth-mb`` between the first and last thirds of the samples.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx
import pytest

ENV_FLAG = "CLAIMGRAPH_BENCH_API"
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: make ``tests.serving`` importable

from tests.serving import CLI, claimgraph_server  # noqa: E402

if __name__ != "__main__" and not os.environ.get(ENV_FLAG):
    pytest.skip(f"set {ENV_FLAG}=1 to run the API load benchmark", allow_module_level=True)


@dataclass(frozen=True, slots=True)
class Target:
    """One request shape to load the server with."""

    name: str
    method: str
    path: str
    params: dict[str, str] = field(default_factory=dict)
    data: dict[str, str] = field(default_factory=dict)
    accept: str = "application/json"


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Throughput and latency of one target."""

    target: str
    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float


@dataclass(frozen=True, slots=True)
class SoakResult:
    """Soak outcome: requests, errors and the server RSS samples (MB)."""

    seconds: float
    requests: int
    errors: int
    rss_mb: list[float]
    growth_mb: float


def targets(about: str) -> list[Target]:
    """The two benchmarked request shapes."""
    who_said_what = (ROOT / "queries" / "who-said-what.rq").read_text(encoding="utf-8")
    return [
        Target("claims?about", "GET", "/claims", params={"about": about, "limit": "50"}),
        Target(
            "sparql who-said-what",
            "POST",
            "/sparql",
            data={"query": who_said_what},
            accept="application/sparql-results+json",
        ),
    ]


def rss_mb(pid: int) -> float:
    """Resident set size of a process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def build_store(corpus: Path | None, store: Path | None, target: Path) -> Path:
    """Copy ``store`` or ingest ``corpus`` into ``target`` with the CLI."""
    if store is not None:
        shutil.copytree(store, target)
        return target
    assert corpus is not None
    subprocess.run([*CLI, "ingest", str(corpus), "--store", str(target)], check=True, capture_output=True)
    return target


async def _send(client: httpx.AsyncClient, target: Target) -> tuple[float, bool]:
    """One request: (latency in seconds, whether it answered 200)."""
    started = time.perf_counter()
    try:
        response = await client.request(
            target.method, target.path, params=target.params or None, data=target.data or None,
            headers={"Accept": target.accept},
        )
        await response.aread()
        ok = response.status_code == 200
    except httpx.HTTPError:
        ok = False
    return time.perf_counter() - started, ok


async def load(base: str, target: Target, requests: int, seconds: float, concurrency: int) -> LoadResult:
    """Send up to ``requests`` requests (stopping after ``seconds``) with ``concurrency`` connections."""
    latencies: list[float] = []
    errors = 0
    sent = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        await _send(client, target)  # warm-up
        started = time.perf_counter()
        stop_at = started + seconds

        async def worker() -> None:
            """Send requests until the budget is spent."""
            nonlocal sent, errors
            while sent < requests and time.perf_counter() < stop_at:
                sent += 1
                latency, ok = await _send(client, target)
                latencies.append(latency)
                errors += 0 if ok else 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return LoadResult(
        target=target.name,
        requests=len(ordered),
        errors=errors,
        seconds=round(elapsed, 2),
        rps=round(len(ordered) / elapsed, 1),
        p50_ms=round(1000 * statistics.median(ordered), 2),
        p99_ms=round(1000 * ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 2),
    )


async def soak(base: str, pid: int, shapes: list[Target], seconds: float, concurrency: int) -> SoakResult:
    """Alternate the targets for ``seconds``, sampling the server's RSS every few seconds."""
    samples: list[float] = []
    total = errors = 0
    started = time.perf_counter()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def worker(offset: int) -> None:
            """Send requests until the budget is spent."""
            nonlocal total, errors
            index = offset
            while time.perf_counter() - started < seconds:
                _, ok = await _send(client, shapes[index % len(shapes)])
                total += 1
                errors += 0 if ok else 1
                index += 1

        async def sampler() -> None:
            """Sample the server's RSS until the soak ends."""
            while time.perf_counter() - started < seconds:
                samples.append(round(rss_mb(pid), 1))
                await asyncio.sleep(max(1.0, seconds / 60))

        await asyncio.gather(sampler(), *(worker(i) for i in range(concurrency)))
    third = max(1, len(samples) // 3)
    growth = statistics.median(samples[-third:]) - statistics.median(samples[:third])
    return SoakResult(round(time.perf_counter() - started, 1), total, errors, samples, round(growth, 1))


def run(args: argparse.Namespace) -> dict[str, object]:
    """Build the store, serve it, load each target, soak; the figures as a dict."""
    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp:
        store = build_store(args.corpus, args.store, Path(tmp) / "store")
        with claimgraph_server(store, env={"CLAIMGRAPH_CACHE_ENTRIES": str(args.cache_entries)}) as server:
            base, process = server.base, server.process
            quads = httpx.get(f"{base}/health").json()["quads"]
            claims = httpx.get(f"{base}/claims", params={"limit": 1}).json()["total"]
            shapes = targets(args.about)
            results = [
                asyncio.run(load(base, t, args.requests, args.seconds, args.concurrency)) for t in shapes
            ]
            soaked = asyncio.run(soak(base, process.pid, shapes, args.soak_seconds, args.concurrency)) if args.soak_seconds else None
    return {
        "store": {"quads": quads, "claims": claims, "cache_entries": args.cache_entries},
        "concurrency": args.concurrency,
        "load": [asdict(r) for r in results],
        "soak": asdict(soaked) if soaked else None,
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "seeds", help="Directory to ingest (default seeds/).")
    parser.add_argument("--store", type=Path, help="Existing store directory to copy instead of ingesting.")
    parser.add_argument("--about", default="Keir Starmer", help="Entity for /claims?about=.")
    parser.add_argument("--requests", type=int, default=2000, help="Requests per target (upper bound).")
    parser.add_argument("--seconds", type=float, default=30.0, help="Time bound per target.")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--soak-seconds", type=float, default=180.0, help="0 skips the soak.")
    parser.add_argument("--max-growth-mb", type=float, default=25.0)
    parser.add_argument("--cache-entries", type=int, default=20_000, help="Server lookup cache budget (0: no cache).")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run and print the figures; exit 1 on errors or memory growth over the limit."""
    args = parse_args(argv)
    figures = run(args)
    print(json.dumps(figures, indent=2))
    soaked = figures["soak"]
    failed = any(r["errors"] for r in figures["load"])  # type: ignore[attr-defined]
    if isinstance(soaked, dict):
        failed = failed or bool(soaked["errors"]) or soaked["growth_mb"] > args.max_growth_mb
    return 1 if failed else 0


@pytest.mark.benchmark
@pytest.mark.slow
@pytest.mark.server
def test_api_load_and_short_soak() -> None:
    """Under pytest (only with CLAIMGRAPH_BENCH_API set): short load and soak, no errors, bounded RSS growth."""
    args = parse_args(["--requests", "300", "--seconds", "10", "--soak-seconds", "30"])
    figures = run(args)
    for result in figures["load"]:  # type: ignore[attr-defined]
        assert result["errors"] == 0 and result["requests"] > 0
    soaked = figures["soak"]
    assert isinstance(soaked, dict) and soaked["errors"] == 0
    assert soaked["growth_mb"] < args.max_growth_mb


if __name__ == "__main__":
    sys.exit(main())
