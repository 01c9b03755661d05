"""The JSON lookups over the seed store: claims with filters and pagination, entities, documents and texts,
compared with the Python API (ClaimGraph) on the same data; JSON-LD parsed back with rdflib."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, SDO

from graph.claimgraph import ClaimGraph
from graph.rdf.vocab import CG
from graph.settings import Settings

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

    from graph.store.embedded import EmbeddedStore

DOC = "000_47dcde34e7c4ee15.txt"


@pytest.fixture(scope="module")
def graph(reference: EmbeddedStore) -> ClaimGraph:
    """The Python API over the reference store (not closed here: the session fixture owns the store)."""
    return ClaimGraph(reference, Settings())


def walk(client: TestClient, url: str, **params: Any) -> list[dict[str, Any]]:
    """Follow ``Link: rel=next`` from the first page to the last, collecting items."""
    items: list[dict[str, Any]] = []
    response = client.get(url, params=params)
    pages = 0
    while True:
        assert response.status_code == 200, response.text
        body = response.json()
        items.extend(body["items"])
        pages += 1
        link = response.links.get("next")
        assert (link is None) == (body["next"] is None)
        if link is None:
            return items
        assert link["url"] == body["next"]
        assert pages < 100
        response = client.get(link["url"])


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"about": "Keir Starmer"},
        {"about": "keir starmer"},
        {"speaker": "Labour Party"},
        {"document": DOC},
        {"kind": "direct"},
        {"min_confidence": 0.8},
        {"about": "Labour Party", "kind": "indirect"},
        {"speaker": "Nobody At All"},
    ],
)
def test_claims_filters_match_python_api(client: TestClient, graph: ClaimGraph, filters: dict[str, Any]) -> None:
    got = walk(client, "/claims", limit=4, **filters)
    expected = graph.claims(**filters)
    assert [c["id"] for c in got] == [c.id for c in sorted(expected, key=lambda r: (r.document, r.start, r.id))]
    for claim, record in zip(got, sorted(expected, key=lambda r: (r.document, r.start, r.id))):
        assert claim["content"]["text"] == record.content
        assert claim["kind"] == record.kind
        assert claim["document"]["id"] == record.document
        assert (claim["start"], claim["end"]) == (record.start, record.end)
        assert claim["confidence"] == pytest.approx(record.confidence)
        assert sorted(a["name"] for a in claim["about"]) == sorted(record.about)


def test_pagination_walks_every_claim_once(client: TestClient, graph: ClaimGraph) -> None:
    every = {c.id for c in graph.claims()}
    for limit in (1, 3, 7, 50):
        ids = [c["id"] for c in walk(client, "/claims", limit=limit)]
        assert len(ids) == len(set(ids)) == len(every)
        assert set(ids) == every


def test_claim_fields_point_into_the_text(client: TestClient) -> None:
    claims = walk(client, "/claims", document=DOC, limit=50)
    text = client.get(f"/documents/{DOC}/text").text
    assert claims
    for claim in claims:
        for span in claim["content"]["spans"]:
            assert text[span["start"] : span["end"]] == span["text"]
        for part in (claim["cue"], claim["sentence"], (claim["speaker"] or {}).get("mention")):
            if part:
                assert text[part["start"] : part["end"]] == part["text"]
        for about in claim["about"]:
            for mention in about["mentions"]:
                assert text[mention["start"] : mention["end"]] == mention["text"]
        assert claim["links"]["self"].endswith(f"/claims/{claim['id']}")
        one = client.get(claim["links"]["self"])
        assert one.status_code == 200 and one.json() == claim
        span = client.get(claim["links"]["text"])
        assert span.text == text[claim["start"] : claim["end"]]


def test_claim_speaker_links_to_entity(client: TestClient) -> None:
    claims = [c for c in walk(client, "/claims", limit=50) if c["speaker"] and c["speaker"]["entity"]]
    assert claims
    entity = claims[0]["speaker"]["entity"]
    page = client.get(entity["href"])
    assert page.status_code == 200
    assert claims[0]["id"] in {c["id"] for c in page.json()["claims_made"]}


def test_text_filter(client: TestClient, graph: ClaimGraph) -> None:
    got = walk(client, "/claims", q="ANTISEMITISM")
    assert got
    expected = [c for c in graph.claims() if "antisemitism" in " ".join(filter(None, (c.content, c.speaker, c.cue, *c.about))).lower()]
    assert {c["id"] for c in got} == {c.id for c in expected}


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/claims?cursor=not-a-cursor", 422),
        ("/claims?kind=rumour", 422),
        ("/claims?min_confidence=2", 422),
        ("/claims?limit=0", 422),
        ("/claims/ffffffffffffffff", 404),
        ("/claims/bad%20id%3E", 404),
        ("/entities/nobody-here", 404),
        ("/documents/none.txt", 404),
        ("/documents/none.txt/text", 404),
        (f"/documents/{DOC}/text?start=10&end=5", 422),
        (f"/documents/{DOC}/text?start=0&end=999999", 422),
    ],
)
def test_lookup_errors(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == status and response.json()["detail"]


def test_entities_search_ranked_by_claims(client: TestClient) -> None:
    every = walk(client, "/entities", limit=5)
    totals = [e["claims_by"] + e["claims_about"] for e in every]
    assert totals == sorted(totals, reverse=True)
    assert len({e["id"] for e in every}) == len(every)
    found = client.get("/entities", params={"q": "starmer"}).json()["items"]
    assert "Keir Starmer" in [e["name"] for e in found]
    by_alias = client.get("/entities", params={"q": "the party"}).json()["items"]
    assert "Labour Party" in [e["name"] for e in by_alias]  # "the party" is only an alias


def test_entity_page(client: TestClient, graph: ClaimGraph) -> None:
    page = client.get("/entities/labour-party")
    assert page.status_code == 200
    body = page.json()
    assert body["name"] == "Labour Party"
    assert "the party" in body["aliases"]
    assert body["claims_by"] == len(graph.claims(speaker="Labour Party")) == len(body["claims_made"])
    assert body["claims_about"] == len(graph.claims(about="Labour Party")) == len(body["claims_about_it"])
    listed = client.get(body["links"]["claims_about"]).json()
    assert listed["total"] == body["claims_about"]


def test_documents(client: TestClient, graph: ClaimGraph) -> None:
    docs = walk(client, "/documents", limit=1)
    assert [d["id"] for d in docs] == ["000_47dcde34e7c4ee15.txt", "004_ef74bc89c900b4aa.txt"]
    one = client.get(docs[0]["links"]["self"]).json()
    assert one["claim_count"] == docs[0]["claims"] == len(graph.claims(document=DOC))
    starts = [c["start"] for c in one["claims"]]
    assert starts == sorted(starts)
    text = client.get(docs[0]["links"]["text"])
    assert text.headers["content-type"].startswith("text/plain")
    assert len(text.text) == one["length"]
    with open(f"seeds/{DOC}", encoding="utf-8") as handle:
        assert text.text == handle.read()
    assert client.get(f"/documents/{DOC}/text", params={"start": 0, "end": 13}).text == text.text[:13]


def _store_triples(reference: EmbeddedStore, claim: str) -> Graph:
    """The triples the store holds about one claim."""
    out = Graph()
    for s, p, o in reference.query(f"CONSTRUCT {{ <{claim}> ?p ?o }} WHERE {{ <{claim}> ?p ?o }}"):
        out.add((s, p, o))
    return out


def test_jsonld_claims_parse_into_the_stored_claims(client: TestClient, reference: EmbeddedStore) -> None:
    response = client.get("/claims", params={"limit": 100}, headers={"Accept": "application/ld+json"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    parsed = Graph().parse(data=response.content, format="json-ld")
    claims = set(parsed.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), SDO.Claim))
    assert len(claims) == len(response.json()["@graph"]) > 20
    for claim in claims:
        stored = _store_triples(reference, str(claim))
        for predicate in (SDO.text, SDO.author, SDO.about, CG.kind, PROV.wasDerivedFrom, CG.cueText, CG.speakerText):
            got = {str(o) for o in parsed.objects(claim, predicate)}
            assert got == {str(o) for o in stored.objects(claim, predicate)}, (claim, predicate)
        for predicate in (CG.content, CG.cue, CG.speakerMention, CG.sentence):
            assert set(parsed.objects(claim, predicate)) <= set(stored.objects(claim, predicate))
        (confidence,) = parsed.objects(claim, CG.confidence)
        (stored_confidence,) = stored.objects(claim, CG.confidence)
        assert isinstance(confidence, Literal) and Decimal(str(confidence)) == Decimal(str(stored_confidence))


@pytest.mark.parametrize("url", ["/entities", "/entities/labour-party", "/documents", f"/documents/{DOC}", "/claims/9cedfc1c40167779"])
def test_every_lookup_speaks_jsonld(client: TestClient, url: str) -> None:
    response = client.get(url, headers={"Accept": "application/ld+json, application/json;q=0.5"})
    assert response.status_code == 200
    assert len(Graph().parse(data=response.content, format="json-ld")) > 0
    assert client.get(url, headers={"Accept": "text/html"}).status_code == 406
