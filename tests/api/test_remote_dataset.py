"""/sparql's ``default-graph-uri`` / ``named-graph-uri`` over a store on a real Oxigraph server: passed on to the
server when the store can (``query_dataset``), else a 400 that says what to do instead."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.store.remote import RemoteStore
from tests.api.conftest import api_settings
from tests.api.test_sparql_protocol import COUNT_CLAIMS, DOC, ask
from tests.store.conftest import start_oxigraph

if TYPE_CHECKING:
    from graph.store.embedded import EmbeddedStore

JSON = "application/sparql-results+json"
pytestmark = pytest.mark.server


class StoreWithoutDataset:
    """A Store that cannot take protocol dataset parameters: everything but ``query_dataset`` delegated."""

    def __init__(self, inner: RemoteStore) -> None:
        self._remote = inner

    def __getattr__(self, name: str) -> object:
        if name == "query_dataset":
            raise AttributeError(name)
        return getattr(self._remote, name)


@pytest.fixture(scope="module")
def server_url(reference: EmbeddedStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An Oxigraph server (union default graph) holding the seed store's quads; yields its base URL."""
    import pyoxigraph as ox

    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph-dataset"))
    try:
        with RemoteStore(server.query_url, update_url=server.update_url, graph_store_url=server.store_url) as store:
            store.bulk_load(reference.inner.dump(format=ox.RdfFormat.N_QUADS))
        yield server.base
    finally:
        server.stop()


def _client(store: RemoteStore | StoreWithoutDataset, tmp_path: Path) -> TestClient:
    """The app over this store (the settings' store path is not opened)."""
    return TestClient(create_app(api_settings(tmp_path / "unused"), store=store))  # type: ignore[arg-type]


def _count(response: object) -> int:
    """The ?n of a COUNT query's JSON result."""
    assert response.status_code == 200, response.text  # type: ignore[attr-defined]
    return int(response.json()["results"]["bindings"][0]["n"]["value"])  # type: ignore[attr-defined]


@pytest.mark.parametrize("how", ["get", "form", "direct"])
def test_dataset_parameters_reach_the_server(server_url: str, reference: EmbeddedStore, tmp_path: Path, how: str) -> None:
    with RemoteStore(f"{server_url}/query") as store, _client(store, tmp_path) as client:
        everything = _count(ask(client, how, COUNT_CLAIMS, JSON))
        one = _count(ask(client, how, COUNT_CLAIMS, JSON, {"default-graph-uri": DOC}))
        expected = reference.query(f"SELECT (COUNT(?c) AS ?n) WHERE {{ GRAPH <{DOC}> {{ ?c a <https://schema.org/Claim> }} }}")
        assert one == int(list(expected)[0][0]) and 0 < one < everything
        graphs = ask(client, how, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", JSON, {"named-graph-uri": DOC})
        assert [b["g"]["value"] for b in graphs.json()["results"]["bindings"]] == [DOC]


def test_a_store_that_cannot_pass_them_on_answers_400(server_url: str, tmp_path: Path) -> None:
    with RemoteStore(f"{server_url}/query") as remote, _client(StoreWithoutDataset(remote), tmp_path) as client:  # type: ignore[arg-type]
        assert _count(ask(client, "get", COUNT_CLAIMS, JSON)) > 0
        refused = ask(client, "get", COUNT_CLAIMS, JSON, {"default-graph-uri": DOC})
        assert refused.status_code == 400 and "FROM" in refused.json()["detail"]
