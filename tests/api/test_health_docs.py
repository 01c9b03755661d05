"""/health, the OpenAPI document and /docs: every route documented with the media types it answers in."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

    from graph.store.embedded import EmbeddedStore


def test_health_reports_the_store(client: TestClient, reference: EmbeddedStore) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["quads"] == reference.quad_count()
    assert body["writable"] is True


def test_docs_page_and_schema(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/sparql", "/claims", "/claims/{claim_id}", "/entities", "/entities/{entity_id}", "/documents",
                 "/documents/{doc_id}", "/documents/{doc_id}/text", "/queries", "/queries/{name}", "/health"):
        assert path in paths, path
    sparql_types = set(paths["/sparql"]["get"]["responses"]["200"]["content"])
    assert {
        "application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values",
        "text/turtle", "application/n-triples", "application/n-quads", "application/rdf+xml", "application/ld+json",
    } <= sparql_types
    assert set(paths["/sparql"]["post"]["requestBody"]["content"]) == {
        "application/x-www-form-urlencoded", "application/sparql-query", "application/sparql-update",
    }
    assert set(paths["/claims"]["get"]["responses"]["200"]["content"]) == {"application/json", "application/ld+json"}
    assert "text/plain" in paths["/documents/{doc_id}/text"]["get"]["responses"]["200"]["content"]
    for operations in paths.values():
        for operation in operations.values():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    assert list(response["content"]) == ["application/problem+json"], (status, operation["summary"])
