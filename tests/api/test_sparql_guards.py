"""Guard rails of /sparql: the write-token rule for updates, CORS with preflight, the per-query time limit."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from tests.api.conftest import AUTH, TOKEN, api_settings, copy_store

if TYPE_CHECKING:
    from spacy.language import Language

INSERT = 'INSERT DATA { GRAPH <urn:test:g> { <urn:test:s> <urn:test:p> "written" } }'
CHECK = "ASK { <urn:test:s> <urn:test:p> \"written\" }"


def _written(client: TestClient) -> bool:
    """Whether the test triple is in the store."""
    response = client.get("/sparql", params={"query": CHECK}, headers={"Accept": "application/sparql-results+json"})
    return bool(response.json()["boolean"])


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 403), ({"Authorization": "Bearer wrong"}, 403), ({"Authorization": f"Basic {TOKEN}"}, 403), (AUTH, 204)],
    ids=["no-token", "wrong-token", "not-bearer", "token"],
)
@pytest.mark.parametrize("how", ["form", "direct"])
def test_update_needs_the_write_token(write_client: TestClient, headers: dict[str, str], status: int, how: str) -> None:
    if how == "form":
        response = write_client.post("/sparql", data={"update": INSERT}, headers=headers)
    else:
        response = write_client.post(
            "/sparql", content=INSERT.encode(), headers={**headers, "Content-Type": "application/sparql-update"}
        )
    assert response.status_code == status, response.text
    assert _written(write_client) is (status == 204)


def test_update_refused_when_server_has_no_token(seed_store_template: Path, tmp_path: Path, nlp: Language) -> None:
    settings = api_settings(copy_store(seed_store_template, tmp_path / "store"))
    from dataclasses import replace

    settings = replace(settings, core=replace(settings.core, write_token=None))
    with TestClient(create_app(settings, nlp=nlp)) as client:
        response = client.post("/sparql", data={"update": INSERT}, headers=AUTH)
        assert response.status_code == 403
        assert "read-only" in response.json()["detail"]
        assert not _written(client)
        assert client.get("/health").json()["writable"] is False


def test_update_syntax_error_is_400(write_client: TestClient) -> None:
    response = write_client.post("/sparql", data={"update": "INSERT DATA { oops"}, headers=AUTH)
    assert response.status_code == 400
    assert "syntax" in response.json()["detail"].lower()


def test_query_sent_as_update_field_needs_token_and_update_sent_as_query_is_400(client: TestClient) -> None:
    assert client.post("/sparql", data={"query": INSERT}).status_code == 400
    assert client.post("/sparql", data={"update": "ASK {}"}).status_code == 403


def test_cors_preflight_for_a_browser_sparql_client(client: TestClient) -> None:
    response = client.options(
        "/sparql",
        headers={
            "Origin": "https://yasgui.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, accept",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] in ("*", "https://yasgui.example")
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "content-type" in response.headers["access-control-allow-headers"].lower()
    actual = client.post("/sparql", data={"query": "ASK {}"}, headers={"Origin": "https://yasgui.example"})
    assert actual.headers["access-control-allow-origin"] in ("*", "https://yasgui.example")


def test_cors_origins_are_configurable(seed_store_template: Path, tmp_path: Path, nlp: Language) -> None:
    settings = api_settings(copy_store(seed_store_template, tmp_path / "store"), cors_origins=("https://ok.example",))
    with TestClient(create_app(settings, nlp=nlp)) as client:
        allowed = client.get("/health", headers={"Origin": "https://ok.example"})
        assert allowed.headers["access-control-allow-origin"] == "https://ok.example"
        other = client.get("/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


# Several million join rows counted in one blocking step: seconds of work, no row to stop at.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a a ?c . ?d ?e ?f }"


@pytest.mark.slow
def test_runaway_query_times_out_and_server_stays_responsive(
    seed_store_template: Path, tmp_path: Path, nlp: Language
) -> None:
    settings = api_settings(copy_store(seed_store_template, tmp_path / "store"), query_timeout=0.3, sparql_workers=2)
    with TestClient(create_app(settings, nlp=nlp)) as client:
        outcome: dict[str, object] = {}

        def runaway() -> None:
            """Send the runaway query and time it."""
            started = time.monotonic()
            outcome["response"] = client.get("/sparql", params={"query": RUNAWAY})
            outcome["seconds"] = time.monotonic() - started

        thread = threading.Thread(target=runaway)
        thread.start()
        time.sleep(0.1)
        started = time.monotonic()
        assert client.get("/health").status_code == 200
        assert client.get("/claims", params={"limit": 1}).status_code == 200
        assert time.monotonic() - started < 2.0
        thread.join(timeout=30)
        response = outcome["response"]
        assert response.status_code == 503  # type: ignore[attr-defined]
        assert "limit" in response.json()["detail"]  # type: ignore[attr-defined]
        assert float(outcome["seconds"]) < 2.0  # type: ignore[arg-type]
        quick = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert quick.status_code == 200
