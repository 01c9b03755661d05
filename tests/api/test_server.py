"""A real ``claimgraph serve`` on a loopback socket, queried by rdflib's SPARQLStore like any SPARQL endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from graph.queries import get_query
from tests.api.conftest import copy_store
from tests.serving import claimgraph_server

if TYPE_CHECKING:
    from graph.store.embedded import EmbeddedStore

XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


@pytest.fixture(scope="module")
def server(seed_store_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``claimgraph serve`` in a subprocess on a free port over a copy of the seed store; stopped afterwards."""
    store = copy_store(seed_store_template, tmp_path_factory.mktemp("served") / "store")
    with claimgraph_server(store, env={"CLAIMGRAPH_WRITE_TOKEN": ""}) as served:
        yield served.base


def _norm(row: tuple[object, ...]) -> tuple[object, ...]:
    """A row with xsd:string literals as simple literals."""
    return tuple(Literal(str(v)) if isinstance(v, Literal) and v.datatype == XSD_STRING else v for v in row)


@pytest.mark.server
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlstore_answers_who_said_what_like_the_embedded_store(
    server: str, reference: EmbeddedStore, method: str
) -> None:
    query = get_query("who-said-what").text
    remote = Graph(store=SPARQLStore(query_endpoint=f"{server}/sparql", method=method, returnFormat="xml"))
    got = [_norm(tuple(row)) for row in remote.query(query)]
    expected = [_norm(tuple(row)) for row in reference.query(query)]
    assert len(got) > 5
    assert sorted(got, key=str) == sorted(expected, key=str)


@pytest.mark.server
def test_served_process_is_read_only_without_token(server: str) -> None:
    response = httpx.post(f"{server}/sparql", data={"update": "CLEAR ALL"}, headers={"Authorization": "Bearer x"})
    assert response.status_code == 403
    docs = httpx.get(f"{server}/documents").json()
    assert docs["total"] == 2
