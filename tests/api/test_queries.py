"""/queries: the canned queries listed with their parameters, and run with parameters and content negotiation."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

import pytest

from graph.queries import load_queries, run_query

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

    from graph.store.embedded import EmbeddedStore


def test_lists_every_canned_query_with_parameters(client: TestClient) -> None:
    listed = {q["name"]: q for q in client.get("/queries").json()}
    assert set(listed) == set(load_queries())
    claims = listed["claims"]
    assert {p["name"] for p in claims["parameters"]} == {"speaker", "about", "document", "kindTerm", "minConfidence", "claim"}
    assert listed["claim-source"]["parameters"][0] == {
        "name": "claim", "kind": "claim", "required": True, "description": "the claim",
    }
    assert client.get(claims["href"]).status_code == 200


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("who-said-what", {}),
        ("who-said-what", {"target": "Keir Starmer"}),
        ("claims-about", {"entity": "Labour Party"}),
        ("document-claims", {"document": "000_47dcde34e7c4ee15.txt"}),
        ("speakers-ranked", {}),
    ],
)
def test_run_matches_embedded_store(client: TestClient, reference: EmbeddedStore, name: str, params: dict[str, str]) -> None:
    response = client.get(f"/queries/{name}", params=params, headers={"Accept": "text/csv"})
    assert response.status_code == 200, response.text
    rows = list(csv.reader(io.StringIO(response.text)))
    expected = [["" if v is None else str(v) for v in row] for row in run_query(reference, name, params)]
    assert rows[1:] == expected
    as_json = client.get(f"/queries/{name}", params=params).json()
    assert len(as_json["results"]["bindings"]) == len(expected)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/queries/no-such-query", 404),
        ("/queries/claims-about", 400),  # required parameter missing
        ("/queries/claims?bogus=1", 400),
        ("/queries/claims?kindTerm=rumour", 400),
        ("/queries/claims?minConfidence=high", 400),
    ],
)
def test_run_errors(client: TestClient, url: str, status: int) -> None:
    assert client.get(url).status_code == status


def test_run_negotiates_like_sparql(client: TestClient) -> None:
    response = client.get("/queries/stats", headers={"Accept": "application/sparql-results+xml"})
    assert response.headers["content-type"].startswith("application/sparql-results+xml")
    assert client.get("/queries/stats", headers={"Accept": "text/turtle"}).status_code == 406
