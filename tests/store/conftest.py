"""Store fixtures: one ``store`` fixture parametrised over the embedded store and two real SPARQL servers.

The servers (``oxigraph serve --union-default-graph``, from the ``oxigraph`` PyPI package in the venv,
and OpenLink Virtuoso from Debian's ``virtuoso-opensource``, see tests/store/virtuoso_server.py) start
once per session on free 127.0.0.1 ports and are stopped at the end; every test gets them empty.
Extractions of the seed texts are cached per session, so the suite spends its time on the stores.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from graph.store.base import Store
from graph.types import Extraction
from tests.data.kg_example import SEEDS
from tests.store.virtuoso_server import VirtuosoServer, start_virtuoso

if TYPE_CHECKING:
    from spacy.language import Language

FIXED_TIME = datetime(2026, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
BACKENDS = [
    "embedded",
    pytest.param("server", marks=pytest.mark.server),
    pytest.param("virtuoso", marks=pytest.mark.server),
]
SERVERS = ["oxigraph_server", "virtuoso_server"]  # fixture names, for tests that run against every server


def fixed_clock() -> datetime:
    """A clock that always says FIXED_TIME, so two ingests of the same files give the same quads."""
    return FIXED_TIME


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` CLI next to this interpreter (the venv), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class OxigraphServer:
    """A running ``oxigraph serve`` process and its endpoint URLs."""

    process: subprocess.Popen[bytes]
    base: str

    @property
    def query_url(self) -> str:
        """SPARQL query endpoint."""
        return f"{self.base}/query"

    @property
    def update_url(self) -> str:
        """SPARQL update endpoint."""
        return f"{self.base}/update"

    @property
    def store_url(self) -> str:
        """Graph Store Protocol endpoint."""
        return f"{self.base}/store"

    def clear(self, store: Store) -> None:
        """Delete every quad."""
        store.update("CLEAR ALL")

    def stop(self) -> None:
        """Terminate the server and wait for it."""
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_oxigraph(location: Path, *, union: bool = True) -> OxigraphServer:
    """Start an Oxigraph server on a free port and wait until it answers (or fail after 30 s)."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server (pip install oxigraph==0.5.13) is not installed")
    port = free_port()
    args = [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    if union:
        args.append("--union-default-graph")
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    server = OxigraphServer(process, f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            httpx.get(server.store_url, params={"default": ""}, timeout=1.0)
            return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.stop()
    raise RuntimeError("oxigraph did not start within 30 s")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """One Oxigraph server (union default graph) for the session."""
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """One Virtuoso server for the session (skipped when virtuoso-t is not installed)."""
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"), free_port(), free_port())
    yield server
    server.stop()


def remote_store(server: OxigraphServer | VirtuosoServer) -> Store:
    """A RemoteStore on the server, emptied first."""
    from graph.store.remote import RemoteStore

    store = RemoteStore(server.query_url, update_url=server.update_url, graph_store_url=server.store_url)
    server.clear(store)
    return store


@contextmanager
def seeds_side_by_side(
    location: Path, seed_dir: Path, server: OxigraphServer | VirtuosoServer, extract: CachedExtract
) -> Iterator[tuple[Store, Store]]:
    """The seeds ingested the same way (fixed clock, cached extractions) into an embedded store and a server."""
    from graph.ingest import ingest
    from graph.store.embedded import EmbeddedStore

    embedded = EmbeddedStore(location)
    remote = remote_store(server)
    try:
        for opened in (embedded, remote):
            report = ingest(opened, None, [seed_dir], extract=extract, clock=fixed_clock)
            assert report.documents == 2 and not report.failed
        yield embedded, remote
    finally:
        embedded.close()
        remote.close()


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store: embedded Oxigraph on disk, or the Oxigraph or Virtuoso server over HTTP."""
    from graph.store.embedded import EmbeddedStore

    if request.param == "server":
        opened = remote_store(request.getfixturevalue("oxigraph_server"))
    elif request.param == "virtuoso":
        opened = remote_store(request.getfixturevalue("virtuoso_server"))
    else:
        opened = EmbeddedStore(tmp_path / "store")
    yield opened
    opened.close()


class CachedExtract:
    """An ingest extract step over the real pipeline that parses each distinct text once per session."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.cache: dict[str, Extraction] = {}
        self.requested: list[str] = []

    def __call__(self, texts: Sequence[str]) -> Iterable[Extraction]:
        """Extractions of ``texts`` in order, parsing only those not seen before."""
        from graph.extract.pipeline import extract_many

        self.requested.extend(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        self.cache.update(zip(missing, extract_many(self.nlp, missing)))
        return [self.cache[t] for t in texts]


@pytest.fixture(scope="session")
def cached_extract_session(nlp: Language) -> CachedExtract:
    """The session's extraction cache."""
    return CachedExtract(nlp)


@pytest.fixture
def cached_extract(cached_extract_session: CachedExtract) -> CachedExtract:
    """The session cache with this test's request log reset."""
    cached_extract_session.requested = []
    return cached_extract_session


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    """A writable copy of ``seeds/``."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target
