"""The SPARQL 1.1 Protocol at /sparql: every query form, every result format parsed back and compared with
the embedded store, the dataset parameters, content negotiation and the error codes."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result

from graph.rdf import iris

if TYPE_CHECKING:
    from fastapi.testclient import TestClient
    from httpx import Response

    from graph.store.embedded import EmbeddedStore

SELECT = """PREFIX schema: <https://schema.org/>
SELECT ?claim ?text ?author WHERE { ?claim a schema:Claim ; schema:text ?text . OPTIONAL { ?claim schema:author ?author } }
ORDER BY ?claim"""
CONSTRUCT = """PREFIX schema: <https://schema.org/>
CONSTRUCT { ?claim schema:author ?a ; schema:text ?t } WHERE { ?claim schema:author ?a ; schema:text ?t }"""
ASK = "PREFIX schema: <https://schema.org/> ASK { ?c a schema:Claim }"
DOC = str(iris.document_iri("000_47dcde34e7c4ee15.txt"))

RESULT_FORMATS = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/tab-separated-values": "tsv",
}
GRAPH_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


def ask(client: TestClient, how: str, query: str, accept: str, params: dict[str, Any] | None = None) -> Response:
    """Send a query the three protocol ways: GET, form POST, direct POST."""
    headers = {"Accept": accept}
    extra = params or {}
    if how == "get":
        return client.get("/sparql", params={"query": query, **extra}, headers=headers)
    if how == "form":
        return client.post("/sparql", data={"query": query, **extra}, headers=headers)
    return client.post(
        "/sparql", content=query.encode(), params=extra, headers={**headers, "Content-Type": "application/sparql-query"}
    )


XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


def norm(term: Any) -> Any:
    """RDF 1.1 view of a term: a simple literal and an xsd:string literal are the same."""
    if isinstance(term, Literal) and term.datatype == XSD_STRING:
        return Literal(str(term))
    return term


def rows_of(result: Any) -> set[tuple[Any, ...]]:
    """Rows as a set of tuples of (normalised) rdflib terms."""
    return {tuple(norm(t) for t in row) for row in result}


@pytest.mark.parametrize("how", ["get", "form", "direct"])
@pytest.mark.parametrize("media_type", list(RESULT_FORMATS))
def test_select_each_form_and_format_matches_embedded_store(
    client: TestClient, reference: EmbeddedStore, how: str, media_type: str
) -> None:
    response = ask(client, how, SELECT, media_type)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media_type)
    parsed = Result.parse(io.BytesIO(response.content), format=RESULT_FORMATS[media_type])
    expected = reference.query(SELECT)
    assert [str(v) for v in parsed.vars] == ["claim", "text", "author"]
    assert rows_of(parsed) == rows_of(expected)
    assert len(rows_of(parsed)) > 20


def test_select_csv_parses_with_csv_module(client: TestClient, reference: EmbeddedStore) -> None:
    response = ask(client, "get", SELECT, "text/csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert table[0] == ["claim", "text", "author"]
    expected = {(str(r[0]), str(r[1]), "" if r[2] is None else str(r[2])) for r in reference.query(SELECT)}
    assert {tuple(row) for row in table[1:]} == expected
    assert response.content.endswith(b"\r\n")


@pytest.mark.parametrize("how", ["get", "form", "direct"])
@pytest.mark.parametrize("media_type", list(GRAPH_FORMATS))
def test_construct_each_form_and_format_is_isomorphic(
    client: TestClient, reference: EmbeddedStore, how: str, media_type: str
) -> None:
    response = ask(client, how, CONSTRUCT, media_type)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media_type)
    got = Graph().parse(data=response.content, format=GRAPH_FORMATS[media_type])
    expected = Graph()
    for s, p, o in reference.query(CONSTRUCT):
        expected.add((s, p, norm(o)))
    assert len(got) == len(expected) > 10
    assert isomorphic(got, expected)


def test_construct_as_nquads(client: TestClient, reference: EmbeddedStore) -> None:
    response = ask(client, "get", CONSTRUCT, "application/n-quads")
    assert response.status_code == 200
    dataset = Dataset()
    dataset.parse(data=response.content, format="nquads")
    got = {(s, p, norm(o)) for s, p, o, _ in dataset.quads((None, None, None, None))}
    assert got == {(s, p, norm(o)) for s, p, o in reference.query(CONSTRUCT)}


def test_describe_defaults_to_turtle(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": f"DESCRIBE <{DOC}>"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.content, format="turtle")
    assert (URIRef(DOC), URIRef("http://purl.org/dc/terms/identifier"), Literal("000_47dcde34e7c4ee15.txt")) in graph


@pytest.mark.parametrize(
    ("media_type", "fmt"),
    [("application/sparql-results+json", "json"), ("application/sparql-results+xml", "xml")],
)
@pytest.mark.parametrize(("query", "answer"), [(ASK, True), ("ASK { <urn:x:none> ?p ?o }", False)])
def test_ask(client: TestClient, media_type: str, fmt: str, query: str, answer: bool) -> None:
    response = ask(client, "form", query, media_type)
    assert response.status_code == 200
    assert Result.parse(io.BytesIO(response.content), format=fmt).askAnswer is answer


def test_select_defaults_to_json_without_accept(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": SELECT}, headers={"Accept": ""})
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert response.json()["head"]["vars"] == ["claim", "text", "author"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("text/*;q=0.3, application/sparql-results+json;q=0.2", "text/csv"),
        ("*/*;q=0.1, text/tab-separated-values", "text/tab-separated-values"),
        ("application/sparql-results+json;q=0, */*;q=0.5", "application/sparql-results+xml"),
    ],
)
def test_q_weighted_negotiation(client: TestClient, accept: str, expected: str) -> None:
    response = ask(client, "get", SELECT, accept)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(expected)


@pytest.mark.parametrize(("query", "accept"), [(SELECT, "text/turtle"), (CONSTRUCT, "text/csv"), (ASK, "image/png")])
def test_406_when_nothing_acceptable(client: TestClient, query: str, accept: str) -> None:
    response = ask(client, "get", query, accept)
    assert response.status_code == 406
    assert response.headers["content-type"].startswith("application/problem+json")


COUNT_CLAIMS = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a <https://schema.org/Claim> }"


def _count(response: Response) -> int:
    """The ?n of a COUNT query's JSON result."""
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("how", ["get", "form", "direct"])
def test_default_graph_uri_restricts_the_default_graph(client: TestClient, reference: EmbeddedStore, how: str) -> None:
    everything = _count(ask(client, how, COUNT_CLAIMS, "application/sparql-results+json"))
    one = _count(ask(client, how, COUNT_CLAIMS, "application/sparql-results+json", {"default-graph-uri": DOC}))
    expected = reference.query(f"SELECT (COUNT(?c) AS ?n) WHERE {{ GRAPH <{DOC}> {{ ?c a <https://schema.org/Claim> }} }}")
    assert one == int(list(expected)[0][0])
    assert 0 < one < everything


def test_named_graph_uri_limits_graph_patterns(client: TestClient) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = ask(client, "form", query, "application/sparql-results+json", {"named-graph-uri": DOC})
    assert [b["g"]["value"] for b in response.json()["results"]["bindings"]] == [DOC]
    unrestricted = ask(client, "form", query, "application/sparql-results+json")
    assert len(unrestricted.json()["results"]["bindings"]) == 2


def test_syntax_error_is_400_with_parser_message(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELEC * WHERE { ?s ?p ?o }"})
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert "error at 1:" in body["detail"]


@pytest.mark.parametrize(
    ("method", "kwargs", "status"),
    [
        ("get", {"params": {"update": "CLEAR ALL"}}, 400),
        ("get", {"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400),
        ("post", {"data": {"query": "ASK {}", "update": "CLEAR ALL"}}, 400),
        ("post", {"data": {"nothing": "here"}}, 400),
        ("post", {"content": b"ASK {}", "headers": {"Content-Type": "text/plain"}}, 415),
        ("post", {"content": b"ASK {}"}, 415),
        ("post", {"content": b"\xff\xfe", "headers": {"Content-Type": "application/sparql-query"}}, 400),
        ("post", {"data": {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/x> { ?s ?p ?o } }"}}, 400),
        ("post", {"content": b"a" * (1024 * 1024 + 1), "headers": {"Content-Type": "application/sparql-query"}}, 413),
    ],
    ids=["update-by-get", "repeated-query", "query-and-update", "no-query", "text-plain", "no-type", "not-utf8",
         "service", "too-large"],
)
def test_malformed_requests(client: TestClient, method: str, kwargs: dict[str, Any], status: int) -> None:
    response = getattr(client, method)("/sparql", **kwargs)
    assert response.status_code == status, response.text
    assert response.json()["status"] == status


def test_row_cap_cuts_results_and_says_so(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 1000  # max_rows of the test settings
    assert "1000" in response.headers["claimgraph-truncated"]
    small = client.get("/sparql", params={"query": SELECT})
    assert "claimgraph-truncated" not in small.headers


def test_service_description(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.content, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    services = list(graph.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(sd + "Service")))
    assert len(services) == 1
    assert (services[0], URIRef(sd + "endpoint"), URIRef("http://testserver/sparql")) in graph
    assert (services[0], URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in graph
    as_jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert isomorphic(Graph().parse(data=as_jsonld.content, format="json-ld"), graph)
