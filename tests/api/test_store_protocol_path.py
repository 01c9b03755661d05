"""/sparql over a store that only has the Store protocol (rdflib Results), as a remote SPARQL-server store does."""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.query import Result

from api.main import create_app
from tests.api.conftest import AUTH, api_settings, copy_store
from tests.api.test_sparql_protocol import ASK, CONSTRUCT, SELECT, norm, rows_of

if TYPE_CHECKING:
    from spacy.language import Language

    from graph.store.embedded import EmbeddedStore


class ProtocolOnly:
    """Exposes an embedded store through the Store protocol methods only (no ``.inner``)."""

    def __init__(self, store: EmbeddedStore) -> None:
        self._store = store

    def replace_documents(self, docs: Any) -> None:
        """Delegate."""
        self._store.replace_documents(docs)

    def drop_document(self, doc: Any) -> bool:
        """Delegate."""
        return self._store.drop_document(doc)

    def document_hashes(self) -> dict[str, str]:
        """Delegate."""
        return self._store.document_hashes()

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Any:
        """Delegate."""
        return self._store.query(sparql, bindings)

    def update(self, sparql: str) -> None:
        """Delegate."""
        self._store.update(sparql)

    def quad_count(self) -> int:
        """Delegate."""
        return self._store.quad_count()

    def close(self) -> None:
        """Delegate."""
        self._store.close()


@pytest.fixture
def generic_client(seed_store_template: Path, tmp_path: Path, nlp: Language) -> Iterator[TestClient]:
    """The app over the protocol-only wrapper of a fresh seed-store copy."""
    from graph.store.embedded import EmbeddedStore

    path = copy_store(seed_store_template, tmp_path / "store")
    store = EmbeddedStore(path)
    with TestClient(create_app(api_settings(path), store=ProtocolOnly(store), nlp=nlp)) as client:  # type: ignore[arg-type]
        yield client
    store.close()


@pytest.mark.parametrize("media_type, fmt", [
    ("application/sparql-results+json", "json"), ("application/sparql-results+xml", "xml"),
    ("text/tab-separated-values", "tsv"), ("text/csv", "csv"),
])
def test_select_through_store_protocol(
    generic_client: TestClient, reference: EmbeddedStore, media_type: str, fmt: str
) -> None:
    response = generic_client.get("/sparql", params={"query": SELECT}, headers={"Accept": media_type})
    assert response.status_code == 200, response.text
    parsed = Result.parse(io.BytesIO(response.content), format=fmt)
    if fmt == "csv":  # CSV carries no term types: compare lexical forms
        assert {tuple(str(t) if t is not None else "" for t in r) for r in parsed} == {
            tuple(str(t) if t is not None else "" for t in r) for r in reference.query(SELECT)
        }
    else:
        assert rows_of(parsed) == rows_of(reference.query(SELECT))


def test_construct_and_ask_through_store_protocol(generic_client: TestClient, reference: EmbeddedStore) -> None:
    response = generic_client.post("/sparql", data={"query": CONSTRUCT}, headers={"Accept": "application/n-quads"})
    assert response.status_code == 200
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(data=response.content, format="nquads")
    assert {(s, p, norm(o)) for s, p, o, _ in dataset.quads((None, None, None, None))} == {
        (s, p, norm(o)) for s, p, o in reference.query(CONSTRUCT)
    }
    turtle = generic_client.get("/sparql", params={"query": CONSTRUCT})
    expected = Graph()
    for s, p, o in reference.query(CONSTRUCT):
        expected.add((s, p, norm(o)))
    assert isomorphic(Graph().parse(data=turtle.content, format="turtle"), expected)
    assert generic_client.get("/sparql", params={"query": ASK}).json()["boolean"] is True


def test_store_protocol_errors_and_update(generic_client: TestClient) -> None:
    assert generic_client.get("/sparql", params={"query": "SELEC x"}).status_code == 400
    limited = generic_client.get("/sparql", params={"query": SELECT, "default-graph-uri": "urn:x"})
    assert limited.status_code == 400
    update = 'INSERT DATA { <urn:t:s> <urn:t:p> "o" }'
    assert generic_client.post("/sparql", data={"update": update}).status_code == 403
    assert generic_client.post("/sparql", data={"update": update}, headers=AUTH).status_code == 204
    assert generic_client.get("/sparql", params={"query": 'ASK { <urn:t:s> <urn:t:p> "o" }'}).json()["boolean"]
    claims = generic_client.get("/claims", params={"about": "Keir Starmer"})
    assert claims.status_code == 200 and claims.json()["total"] > 0
