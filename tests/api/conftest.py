"""API test fixtures: a real store built from ``seeds/`` once per session, and apps over copies of it."""

from __future__ import annotations

import gc
import shutil
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import ApiSettings
from graph.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

    from graph.store.embedded import EmbeddedStore

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TOKEN = "test-write-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="session")
def seed_store_template(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Path:
    """A closed store directory holding the seeds; copy it before opening (the embedded store has one writer)."""
    from graph.ingest import ingest
    from graph.store.embedded import EmbeddedStore

    path = tmp_path_factory.mktemp("seed-store") / "store"
    store = EmbeddedStore(path)
    try:
        report = ingest(store, nlp, [SEEDS])
        assert report.documents == 2 and not report.failed
    finally:
        store.close()
        del store
        gc.collect()  # drop the last references so RocksDB closes and stops compacting in the background
    return path


def copy_store(template: Path, target: Path) -> Path:
    """A private copy of the template store (retried: a closing store may still be removing compacted files)."""
    for attempt in range(5):
        try:
            shutil.copytree(template, target)
            return target
        except shutil.Error:
            if attempt == 4:
                raise
            shutil.rmtree(target, ignore_errors=True)
            time.sleep(0.5)
    return target


def api_settings(store: Path, **limits: object) -> ApiSettings:
    """Test settings: the write token set, a small upload limit, short time limit."""
    core = Settings(store=str(store), write_token=TOKEN, max_bytes=20_000)
    base = ApiSettings(core=core, query_timeout=5.0, max_rows=1000, page_size=10)
    return replace(base, **limits)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def client(seed_store_template: Path, tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Iterator[TestClient]:
    """The real app over a read-mostly copy of the seed store (tests must not write through it)."""
    store = copy_store(seed_store_template, tmp_path_factory.mktemp("api-store") / "store")
    app = create_app(api_settings(store), nlp=nlp)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def reference(seed_store_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    """The same seed data opened directly (no HTTP), to compare the API's answers with."""
    from graph.store.embedded import EmbeddedStore

    store = EmbeddedStore(copy_store(seed_store_template, tmp_path_factory.mktemp("reference") / "store"))
    yield store
    store.close()


@pytest.fixture
def write_client(seed_store_template: Path, tmp_path: Path, nlp: Language) -> Iterator[TestClient]:
    """An app over a fresh copy of the seed store, for tests that write."""
    app = create_app(api_settings(copy_store(seed_store_template, tmp_path / "store")), nlp=nlp)
    with TestClient(app) as test_client:
        yield test_client
