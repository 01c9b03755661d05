"""RemoteStore over HTTP: retries, errors, credentials, the union-default-graph check, batching of writes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from rdflib import Literal, URIRef

from graph.errors import QueryError, StoreConnectionError, StoreError
from graph.rdf.mapping import DocumentGraph
from graph.rdf import vocab
from graph.store.remote import MAX_REQUEST_QUADS, Credentials, RemoteStore, _groups
from tests.store.conftest import start_oxigraph

URL = "http://sparql.test/query"
EMPTY = {"head": {"vars": ["s", "p", "o"]}, "results": {"bindings": []}}


def json_response(data: object, status: int = 200) -> httpx.Response:
    """A SPARQL JSON results response."""
    return httpx.Response(status, json=data, headers={"Content-Type": "application/sparql-results+json"})


def mock_store(handler: Callable[[httpx.Request], httpx.Response], **options: object) -> RemoteStore:
    """A RemoteStore whose HTTP requests go to ``handler``, with no waiting between retries."""
    return RemoteStore(URL, transport=httpx.MockTransport(handler), backoff=0.0, **options)  # type: ignore[arg-type]


def test_transient_errors_are_retried_until_an_answer() -> None:
    statuses = iter([503, 502, 200])
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        status = next(statuses)
        return json_response(EMPTY) if status == 200 else httpx.Response(status)

    store = mock_store(handler, check_union=False)
    assert list(store.query("SELECT * WHERE { ?s ?p ?o }")) == []
    assert len(calls) == 3
    assert calls[0].headers["Accept"].startswith("application/sparql-results+json")


def test_an_unreachable_server_is_a_connection_error_after_the_retries() -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(StoreConnectionError, match="cannot reach"):
        mock_store(handler, retries=2)
    assert len(calls) == 3


@pytest.mark.parametrize(
    ("status", "error"),
    [(400, QueryError), (401, StoreConnectionError), (500, StoreConnectionError)],
)
def test_a_failed_query_maps_to_a_graph_error(status: int, error: type[Exception]) -> None:
    store = mock_store(lambda request: httpx.Response(status, text="nope"), check_union=False)
    with pytest.raises(error):
        store.query("SELECT * WHERE { ?s ?p ?o }")


def test_an_update_to_a_query_only_endpoint_says_which_url_to_set() -> None:
    store = mock_store(lambda request: httpx.Response(415), check_union=False)
    with pytest.raises(StoreConnectionError, match="update-url"):
        store.update("CLEAR ALL")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"CLAIMGRAPH_STORE_USER": "ann", "CLAIMGRAPH_STORE_PASSWORD": "pw"}, "Basic YW5uOnB3"),
        ({"CLAIMGRAPH_STORE_TOKEN": "t0k"}, "Bearer t0k"),
        ({}, None),
    ],
)
def test_credentials_come_from_the_environment(env: dict[str, str], expected: str | None) -> None:
    seen: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("Authorization"))
        return json_response(EMPTY)

    store = mock_store(handler, credentials=Credentials.from_env(env))
    store.query("SELECT * WHERE { ?s ?p ?o }")
    assert seen and set(seen) == {expected}


def test_writes_are_one_update_request_per_group_of_whole_documents() -> None:
    bodies: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append(request.content.decode())
        assert request.headers["Content-Type"].startswith("application/sparql-update")
        return httpx.Response(204)

    def doc(n: int, size: int) -> DocumentGraph:
        iri = URIRef(f"https://w3id.org/claimgraph/id/doc/{n}.txt")
        named = tuple((URIRef(f"{iri}#c{i}"), vocab.SDO.text, Literal(f"claim {i}")) for i in range(size))
        return DocumentGraph(iri, named, ((iri, vocab.RDF.type, vocab.SDO.CreativeWork),), owned=(iri,))

    store = mock_store(handler, check_union=False)
    store.replace_documents([doc(1, 10), doc(2, 10)])
    assert len(bodies) == 1 and "1.txt" in bodies[0] and "2.txt" in bodies[0]
    big = [doc(n, MAX_REQUEST_QUADS // 2) for n in range(3)]
    assert [len(g) for g in _groups(big, MAX_REQUEST_QUADS)] == [1, 1, 1]
    bodies.clear()
    store.replace_documents(big)
    assert len(bodies) == 3
    assert all(body.count("INSERT DATA") == 1 for body in bodies)


def test_a_select_result_has_the_rdflib_row_interface() -> None:
    data = {
        "head": {"vars": ["name", "n"]},
        "results": {
            "bindings": [
                {
                    "name": {"type": "literal", "value": "Keir Starmer"},
                    "n": {"type": "literal", "value": "3", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
                }
            ]
        },
    }
    store = mock_store(lambda request: json_response(data), check_union=False)
    (row,) = list(store.query("SELECT ?name ?n WHERE { ?e <https://schema.org/name> ?name }"))
    assert str(row.name) == "Keir Starmer" and row.n.toPython() == 3  # type: ignore[union-attr]
    assert row.name.datatype == URIRef("http://www.w3.org/2001/XMLSchema#string")  # type: ignore[union-attr]


@pytest.mark.server
def test_a_server_without_a_union_default_graph_is_refused_with_the_fix(tmp_path: Path) -> None:
    server = start_oxigraph(tmp_path / "plain", union=False)
    try:
        writer = RemoteStore(server.query_url, update_url=server.update_url, check_union=False)
        writer.update("INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> <urn:o> } }")
        writer.close()
        with pytest.raises(StoreError, match="--union-default-graph"):
            RemoteStore(server.query_url, update_url=server.update_url)
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("write", "attempts"),
    [
        (lambda store: store.update("INSERT { <urn:s> <urn:p> ?now } WHERE { BIND(NOW() AS ?now) }"), 1),
        (lambda store: store.drop_document(URIRef("https://w3id.org/claimgraph/id/doc/a.txt")), 3),
    ],
    ids=["a user's update may have run: not retried", "claimgraph's own idempotent write: retried"],
)
def test_a_gateway_error_is_retried_only_for_idempotent_writes(
    write: Callable[[RemoteStore], object], attempts: int
) -> None:
    updates: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("query") and b"ASK" in request.content:
            return json_response({"head": {}, "boolean": True})
        updates.append(request)
        return httpx.Response(502 if len(updates) < 3 else 204)

    store = mock_store(handler, check_union=False)
    if attempts == 1:
        with pytest.raises(StoreError):
            write(store)
    else:
        write(store)
    assert len(updates) == attempts


def test_a_query_that_times_out_is_not_sent_again() -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.ReadTimeout("slow", request=request)

    store = mock_store(handler, check_union=False)
    with pytest.raises(StoreConnectionError, match="did not answer"):
        store.query("SELECT * WHERE { ?s ?p ?o }")
    assert len(calls) == 1
