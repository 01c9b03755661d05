"""POST /documents: token rule, extraction result, and the CLI's bad-input rules (413/415/422), all or nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from tests.api.conftest import AUTH

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

ARTICLE = (
    "Maria Lopez, the mayor of Springfield, said on Monday that the new bridge would open in May. "
    '"We are ready," Lopez told reporters. Critics claimed the project was over budget.\n'
)


def upload(client: TestClient, data: bytes, *, name: str = "uploads/bridge.txt", kind: str = "text/plain",
           headers: dict[str, str] | None = None, form: dict[str, str] | None = None) -> Any:
    """Send a multipart upload."""
    return client.post(
        "/documents", files={"file": (name, data, kind)}, data=form or {}, headers=AUTH if headers is None else headers
    )


def _quads(client: TestClient) -> int:
    """The store's quad count, from /health."""
    return int(client.get("/health").json()["quads"])


def test_upload_extracts_and_stores(write_client: TestClient) -> None:
    before = _quads(write_client)
    assert write_client.get("/documents").json()["total"] == 2  # now cached: the upload must invalidate it
    response = upload(write_client, ARTICLE.encode("utf-8"))
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["document"] == "uploads/bridge.txt"
    assert body["status"] == "ingested"
    assert body["claims"] == len(body["extracted"]) > 0
    assert response.headers["location"].endswith("/documents/uploads/bridge.txt")
    for claim in body["extracted"]:
        assert ARTICLE[claim["start"] : claim["end"]] == claim["content"]["text"]
    assert _quads(write_client) > before
    stored = write_client.get(response.headers["location"]).json()
    assert [c["id"] for c in stored["claims"]] == [c["id"] for c in body["extracted"]]
    assert write_client.get("/documents/uploads/bridge.txt/text").text == ARTICLE
    assert write_client.get("/documents").json()["total"] == 3
    again = upload(write_client, ARTICLE.encode("utf-8"))
    assert again.status_code == 200
    assert again.json()["status"] == "unchanged"


def test_upload_name_field_overrides_file_name(write_client: TestClient) -> None:
    response = upload(write_client, ARTICLE.encode(), form={"name": "named.txt"})
    assert response.status_code == 201
    assert response.json()["document"] == "named.txt"


@pytest.mark.parametrize(
    ("data", "kwargs", "status"),
    [
        (ARTICLE.encode(), {"headers": {}}, 403),
        (ARTICLE.encode(), {"headers": {"Authorization": "Bearer nope"}}, 403),
        (b"x" * 20_001, {}, 413),  # over max_bytes (20 000 in the test settings)
        (b"x" * 200_000, {}, 413),  # over the whole upload body limit: refused before parsing
        (b"%PDF-1.7\x00\x00binary", {}, 415),
        (ARTICLE.encode(), {"kind": "application/pdf"}, 415),
        (b"caf\xe9 au lait", {}, 422),
        (b"   \n\n", {}, 422),
        (ARTICLE.encode(), {"name": "../escape.txt"}, 422),
        (ARTICLE.encode(), {"name": "/abs.txt"}, 422),
    ],
    ids=["no-token", "bad-token", "oversize", "oversize-body", "binary", "pdf-type", "not-utf8", "blank",
         "dotdot", "absolute"],
)
def test_bad_uploads_are_refused_and_write_nothing(
    write_client: TestClient, data: bytes, kwargs: dict[str, Any], status: int
) -> None:
    before = _quads(write_client)
    response = upload(write_client, data, **kwargs)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert _quads(write_client) == before
    assert len(write_client.get("/documents").json()["items"]) == 2


def test_upload_must_be_multipart(write_client: TestClient) -> None:
    response = write_client.post("/documents", content=ARTICLE.encode(), headers={**AUTH, "Content-Type": "text/plain"})
    assert response.status_code == 415
    missing = write_client.post("/documents", data={"name": "x.txt"}, headers=AUTH)
    assert missing.status_code in (415, 422)
