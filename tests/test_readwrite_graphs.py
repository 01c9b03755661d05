"""Graph file formats: every writer's file is read back (networkx readers, json, csv) with nodes, edges and attributes intact.

Runs on the seed graph in both views and on a hand-built graph with awkward values (quotes, markup,
newlines, non-ASCII, empty lists, script-closing text) that GraphML/GEXF/DOT/CSV cannot hold natively.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from xml.etree import ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pytest

from graph.export import FORMATS, get_format
from graph.project import ProjectionOptions, project
from tests.seed_graph import seed_store

if TYPE_CHECKING:
    from spacy.language import Language

ROUND_TRIP = [name for name, f in FORMATS.items() if f.readable]
GRAPH_ATTRS_KEPT = {"graphml": {"view", "filters", "claims"}, "node-link": {"view", "filters", "claims"},
                    "cytoscape": {"view", "filters", "claims"}, "html": {"view", "filters", "claims"},
                    "dot": {"view", "filters"}, "gexf": set(), "neo4j": set()}


@pytest.fixture(scope="module", params=[False, True], ids=["speakers", "with-claims"])
def seed_graph(request: pytest.FixtureRequest, nlp: Language) -> nx.DiGraph:
    """The seed graph in both views."""
    return project(seed_store(request.config, nlp), ProjectionOptions(with_claims=request.param))


def awkward_graph() -> nx.DiGraph:
    """Values that break naive writers: quotes, backslashes, markup, newlines, ';', non-ASCII, empty lists."""
    graph = nx.DiGraph(view="speakers", filters='speaker="Zoë" & <co>', claims={
        "c1": {"id": "c1", "content": 'He said "no" </script><script>alert(1)</script>', "start": 3, "end": 9}})
    graph.add_node("entity:zoë", kind="entity", label='Zoë "Z" O\'Neil', name='Zoë "Z" O\'Neil', type="Person",
                   aliases=['Z "the boss"', "O'Neil & co", "a\\b", "ends in \\", "línea\nnueva"], iri="https://w3id.org/claimgraph/id/entity/zo%C3%AB",
                   claims_made=2, claims_about=0)
    graph.add_node("entity:acme", kind="entity", label="<Acme>", name="<Acme>", type="Organization", aliases=[],
                   iri="https://w3id.org/claimgraph/id/entity/acme", claims_made=0, claims_about=2)
    graph.add_edge("entity:zoë", "entity:acme", relation="spoke_about", count=2, weight=2.0,
                   cues=["said", "warned that"], kinds=["direct", "indirect"], mean_confidence=0.5,
                   claims=["c1", "c2"], documents=["dir/a b.txt", "é.txt"])
    return graph


def write_read(graph: nx.DiGraph, fmt: str, tmp_path: Path, name: str = "graph") -> tuple[Path, nx.DiGraph]:
    """Write the graph in a format and read it back with that format's reader."""
    export_format = get_format(fmt)
    path = tmp_path / f"{name}{export_format.suffix}"
    export_format.writer()(graph, path)
    return path, export_format.reader()(path)


def assert_same(original: nx.DiGraph, back: nx.DiGraph, fmt: str) -> None:
    """Nodes, edges and the graph attributes the format keeps are all equal."""
    assert dict(back.nodes(data=True)) == dict(original.nodes(data=True))
    assert {(u, v): d for u, v, d in back.edges(data=True)} == {(u, v): d for u, v, d in original.edges(data=True)}
    for key in GRAPH_ATTRS_KEPT[fmt]:
        assert back.graph[key] == original.graph[key], key


@pytest.mark.parametrize("fmt", ROUND_TRIP)
def test_seed_graph_round_trips(seed_graph: nx.DiGraph, fmt: str, tmp_path: Path) -> None:
    assert seed_graph.number_of_edges() > 0
    _, back = write_read(seed_graph, fmt, tmp_path)
    assert_same(seed_graph, back, fmt)


@pytest.mark.parametrize("fmt", ROUND_TRIP)
def test_awkward_values_round_trip(fmt: str, tmp_path: Path) -> None:
    graph = awkward_graph()
    if fmt == "neo4j":  # the array delimiter cannot be escaped in neo4j-admin CSV: documented replacement
        graph.nodes["entity:zoë"]["aliases"] = [a for a in graph.nodes["entity:zoë"]["aliases"] if ";" not in a]
    _, back = write_read(graph, fmt, tmp_path)
    assert_same(graph, back, fmt)


def test_neo4j_replaces_the_array_delimiter_inside_elements(tmp_path: Path) -> None:
    graph = awkward_graph()
    graph.nodes["entity:acme"]["aliases"] = ["A; B"]
    _, back = write_read(graph, "neo4j", tmp_path)
    assert back.nodes["entity:acme"]["aliases"] == ["A, B"]


def test_graphml_is_plain_typed_graphml(seed_graph: nx.DiGraph, tmp_path: Path) -> None:
    path, _ = write_read(seed_graph, "graphml", tmp_path)
    raw = nx.read_graphml(path)  # the stock reader, no decoding
    some_edge = next(iter(raw.edges(data=True)))[2]
    assert isinstance(some_edge["count"], int) and isinstance(some_edge["weight"], float)
    assert isinstance(json.loads(some_edge["claims"]), list)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in ET.parse(path).getroot().findall("g:key", ns)}
    assert keys[("node", "aliases")] == "string" and keys[("node", "claims_made")] in ("int", "long")
    confidence = ("edge", "mean_confidence") if seed_graph.graph["view"] == "speakers" else ("node", "confidence")
    assert keys[confidence] == "double" and keys[("graph", "claims")] == "string"


def test_gexf_has_gephi_colours_and_labels(seed_graph: nx.DiGraph, tmp_path: Path) -> None:
    path, _ = write_read(seed_graph, "gexf", tmp_path)
    raw = nx.read_gexf(path, node_type=str)
    for node, data in raw.nodes(data=True):
        assert data["label"] == seed_graph.nodes[node]["label"]
        assert set(data["viz"]["color"]) >= {"r", "g", "b"} and data["viz"]["size"] > 0
    assert raw.is_directed() and all(d["weight"] >= 1.0 for _, _, d in raw.edges(data=True))


def test_json_formats_have_the_shapes_d3_and_cytoscape_expect(seed_graph: nx.DiGraph, tmp_path: Path) -> None:
    node_link = json.loads(write_read(seed_graph, "node-link", tmp_path)[0].read_text(encoding="utf-8"))
    assert node_link["directed"] is True and {"nodes", "links", "graph"} <= set(node_link)
    ids = {n["id"] for n in node_link["nodes"]}
    assert all(link["source"] in ids and link["target"] in ids for link in node_link["links"])
    cy = json.loads(write_read(seed_graph, "cytoscape", tmp_path)[0].read_text(encoding="utf-8"))
    edges = cy["elements"]["edges"]
    assert len({e["data"]["id"] for e in edges}) == len(edges) == seed_graph.number_of_edges()
    assert all(n["data"]["color"].startswith("#") for n in cy["elements"]["nodes"])


def test_neo4j_csv_headers_for_admin_import(seed_graph: nx.DiGraph, tmp_path: Path) -> None:
    path, _ = write_read(seed_graph, "neo4j", tmp_path)
    with zipfile.ZipFile(path) as archive:
        files = {n: archive.read(n).decode("utf-8") for n in archive.namelist()}
    node_files = [n for n in files if n.startswith("nodes_")]
    rel_files = [n for n in files if n.startswith("relationships_")]
    assert node_files and rel_files and "IMPORT.txt" in files
    for name in node_files:
        header = next(csv.reader(io.StringIO(files[name])))
        assert header[0] == "id:ID" and header[-1] == ":LABEL"
        assert f"--nodes={name}" in files["IMPORT.txt"]
    for name in rel_files:
        header = next(csv.reader(io.StringIO(files[name])))
        assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    ids = {row[0] for n in node_files for row in list(csv.reader(io.StringIO(files[n])))[1:]}
    ends = {row[i] for n in rel_files for row in list(csv.reader(io.StringIO(files[n])))[1:] for i in (0, 1)}
    assert ends <= ids
    directory = tmp_path / "neo4j-dir"
    get_format("neo4j").writer()(seed_graph, directory)
    assert sorted(p.name for p in directory.iterdir()) == sorted(files)


def test_dot_is_valid_for_graphviz_when_installed(seed_graph: nx.DiGraph, tmp_path: Path) -> None:
    path, _ = write_read(seed_graph, "dot", tmp_path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("strict digraph") and "penwidth=" in text and "fillcolor=" in text
    if shutil.which("dot") is None:
        pytest.skip("Graphviz 'dot' is not installed; the file was still parsed back by pydot above")
    done = subprocess.run(["dot", "-Tsvg", str(path)], capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert b"<svg" in done.stdout


def test_html_is_self_contained(seed_graph: nx.DiGraph, tmp_path: Path) -> None:
    path, _ = write_read(seed_graph, "html", tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "vis-network" in text and "new vis.Network" not in text.split("<script>")[0]
    lowered = text.lower()
    assert 'src="http' not in lowered and "href=\"http" not in lowered and "@import" not in lowered


def test_html_data_cannot_close_its_script(tmp_path: Path) -> None:
    from graph.readwrite.html import read_html_data

    graph = awkward_graph()
    path, back = write_read(graph, "html", tmp_path)
    text = path.read_text(encoding="utf-8")
    data_start = text.index('<script id="cg-data"')
    assert text.index("</script>", data_start) > text.index("alert(1)", data_start)  # closing tag not in the data
    assert read_html_data(path)["claims"]["c1"]["content"] == graph.graph["claims"]["c1"]["content"]


def test_html_turns_physics_off_for_large_graphs() -> None:
    from graph.readwrite.html import PHYSICS_LIMIT, view_data

    big = nx.DiGraph()
    big.add_nodes_from((f"entity:n{i}", {"kind": "entity", "label": f"n{i}", "type": "Thing"}) for i in range(PHYSICS_LIMIT + 1))
    big.add_edges_from((f"entity:n{i}", f"entity:n{(i * 7) % 50}", {"count": 1, "weight": 1.0}) for i in range(PHYSICS_LIMIT))
    data: dict[str, Any] = view_data(big)
    assert data["meta"]["physics"] is False
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(data["nodes"])  # every node has its own place
    small = view_data(big.subgraph(list(big)[:10]).copy())
    assert small["meta"]["physics"] is True
