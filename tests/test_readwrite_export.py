"""Exports end to end: ``claimgraph export`` and ``GET /export/{format}`` write files the readers accept;
the explorer's JSON endpoints give the graph, the SPARQL behind it, and claim spans that match the source text."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from graph.cli import main
from graph.export import FORMATS, get_format
from graph.project import project
from tests.seed_graph import SPEAKERS, seed_store, seed_text

if TYPE_CHECKING:
    import networkx as nx
    from spacy.language import Language

    from graph.store.embedded import EmbeddedStore


@pytest.fixture(scope="module")
def store(request: pytest.FixtureRequest, nlp: Language) -> EmbeddedStore:
    """The seed store, shared with the other export test modules."""
    return seed_store(request.config, nlp)


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Path:
    """The seeds in an on-disk store, for the CLI (which opens stores by path)."""
    from tests.data.kg_example import seed_store as seed_disk_store

    return seed_disk_store(tmp_path_factory, nlp, tmp_path_factory.mktemp("export-cli") / "store")


@pytest.fixture(scope="module")
def client(store: EmbeddedStore) -> Iterator[TestClient]:
    """The app over the in-memory seed store."""
    from api.main import create_app
    from api.settings import ApiSettings
    from graph.settings import Settings

    app = create_app(ApiSettings(core=Settings(store=":memory:")), store=store)
    with TestClient(app) as test_client:
        yield test_client


def speaker_in(graph: nx.DiGraph) -> str:
    """One of the known seed speakers that speaks in this graph."""
    sources = {graph.nodes[u]["name"] for u, _ in graph.edges()}
    return next(name for name in SPEAKERS if name in sources)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_cli_export_every_format(disk_store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"seed{FORMATS[fmt].suffix}"
    result = CliRunner().invoke(main, ["export", "--store", str(disk_store), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists() and out.stat().st_size > 0 and "nodes" in result.output
    if FORMATS[fmt].readable:
        back = get_format(fmt).reader()(out)
        assert back.number_of_edges() > 0 and all(d["kind"] == "entity" for _, d in back.nodes(data=True))


def test_cli_filters_and_errors(disk_store: Path, store: EmbeddedStore, tmp_path: Path) -> None:
    name = speaker_in(project(store))
    out = tmp_path / "one.json"
    args = ["export", "--store", str(disk_store), "-f", "node-link", "-o", str(out), "--speaker", name, "--with-claims"]
    assert CliRunner().invoke(main, args).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    said = [link for link in data["links"] if link["relation"] == "said"]
    assert said and {link["source"] for link in said} == {n["id"] for n in data["nodes"] if n.get("name") == name}
    missing = CliRunner().invoke(main, ["export", "--store", str(disk_store), "-f", "dot", "-o", "-", "--speaker", "Nobody"])
    assert missing.exit_code == 1 and "no entity named 'Nobody'" in missing.output
    binary = CliRunner().invoke(main, ["export", "--store", str(disk_store), "-f", "png", "-o", "-"])
    assert binary.exit_code != 0 and "give a file" in binary.output


def test_cli_writes_text_formats_to_stdout(disk_store: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--store", str(disk_store), "-f", "dot", "-o", "-", "--min-weight", "2"])
    assert result.exit_code == 0 and result.stdout.startswith("strict digraph")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_http_export_every_format(client: TestClient, fmt: str, tmp_path: Path) -> None:
    response = client.get(f"/export/{fmt}", params={"min_weight": 1})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == FORMATS[fmt].media_type.split(";")[0]
    assert int(response.headers["claimgraph-edges"]) > 0
    if fmt == "neo4j":
        assert "nodes_entity.csv" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    if FORMATS[fmt].readable:
        path = tmp_path / f"graph{FORMATS[fmt].suffix}"
        path.write_bytes(response.content)
        assert get_format(fmt).reader()(path).number_of_edges() == int(response.headers["claimgraph-edges"])


def test_http_export_errors(client: TestClient) -> None:
    assert client.get("/export/pdf").status_code == 404
    assert client.get("/export/dot", params={"speaker": "Nobody"}).status_code == 404
    assert client.get("/export/dot", params={"min_confidence": 2}).status_code == 422


def test_explorer_search_and_neighbourhood(client: TestClient, store: EmbeddedStore) -> None:
    name = speaker_in(project(store))
    found = client.get("/explorer/search", params={"q": name.split()[0].lower()}).json()
    item = next(i for i in found["items"] if i["name"] == name)
    graph = client.get("/explorer/graph", params={"entity": item["iri"]}).json()
    assert graph["focus"] == item["id"] and any(e["from"] == item["id"] for e in graph["edges"])
    assert all(item["id"] in (e["from"], e["to"]) for e in graph["edges"])
    for link in graph["sparql"]:  # the SPARQL shown to the user runs on the endpoint and finds these claims
        rows = client.get("/sparql", params={"query": link["query"]},
                          headers={"Accept": "application/sparql-results+json"}).json()["results"]["bindings"]
        claims = {row["claim"]["value"].rsplit("/", 1)[-1] for row in rows}
        assert claims <= set(graph["claims"])
    assert client.get("/explorer/graph", params={"entity": "Nobody"}).status_code == 404


def test_explorer_claim_spans_match_the_source_file(client: TestClient, store: EmbeddedStore) -> None:
    for cid, record in list(project(store).graph["claims"].items())[:5]:
        body = client.get(f"/explorer/claims/{cid}").json()
        text = seed_text(record["document"])
        assert body["document"]["text"] == text
        roles = {s["role"] for s in body["spans"]}
        assert "content" in roles
        for span in body["spans"]:
            assert text[span["start"] : span["end"]] == span["text"]
    assert client.get("/explorer/claims/0000000000000000").status_code == 404


def test_explorer_page_and_assets(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "claimgraph" in page.text and "explorer/assets/vis-network.min.js" in page.text
    for name in ("vis-network.min.js", "claimgraph-view.js", "explorer.js", "claimgraph-view.css", "explorer.css"):
        assert client.get(f"/explorer/assets/{name}").status_code == 200
    assert client.get("/explorer/assets/..%2Fmain.py").status_code == 404


def test_python_export_projects_and_writes(store: EmbeddedStore, tmp_path: Path) -> None:
    from graph.export import export
    from graph.project import ProjectionOptions

    path = tmp_path / "heavy.graphml"
    written = export(store, "graphml", path, ProjectionOptions(min_weight=2))
    back = get_format("graphml").reader()(path)
    assert set(back.edges()) == set(written.edges()) and all(d["count"] >= 2 for _, _, d in back.edges(data=True))
