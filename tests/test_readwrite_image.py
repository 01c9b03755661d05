"""PNG and SVG pictures: real images of the seed graph with every drawn node labelled, selection for big graphs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

import networkx as nx
import pytest

from graph.project import project
from graph.readwrite.image import LABEL_CHARS, select, write_png, write_svg
from tests.seed_graph import seed_store

if TYPE_CHECKING:
    from spacy.language import Language

SVG = "{http://www.w3.org/2000/svg}"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="module")
def seed_graph(request: pytest.FixtureRequest, nlp: Language) -> nx.DiGraph:
    """The seed speaker graph."""
    return project(seed_store(request.config, nlp))


def expected_label(text: str) -> str:
    """A label as the picture shortens it."""
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def test_png_of_the_seed_graph_is_a_real_picture(seed_graph: nx.DiGraph, tmp_path: Path) -> None:
    import matplotlib.image

    path = tmp_path / "seed.png"
    write_png(seed_graph, path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pixels = matplotlib.image.imread(path)
    height, width = pixels.shape[:2]
    assert width >= 900 and height >= 700
    coloured = (pixels[..., :3].max(axis=2) - pixels[..., :3].min(axis=2)) > 0.2  # saturated = node fills
    assert coloured.mean() > 0.002, "no coloured nodes drawn"
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "seed-graph.png").write_bytes(path.read_bytes())


def test_svg_labels_every_node_as_text(seed_graph: nx.DiGraph, tmp_path: Path) -> None:
    path = tmp_path / "seed.svg"
    write_svg(seed_graph, path)
    texts = {"".join(t.itertext()).strip() for t in ET.parse(path).getroot().iter(f"{SVG}text")}
    for _, data in seed_graph.nodes(data=True):
        assert expected_label(data["label"]) in texts
    counts = {str(d["count"]) for _, _, d in seed_graph.edges(data=True) if d["count"] > 1}
    assert counts <= texts  # edges with more than one claim carry their count


def test_big_graphs_draw_only_the_busiest_nodes(tmp_path: Path) -> None:
    graph = nx.DiGraph(filters="all claims")
    for i in range(300):
        graph.add_node(f"entity:n{i}", kind="entity", label=f"node {i}", type="Person", claims_made=1, claims_about=0)
    for i in range(1, 300):
        graph.add_edge(f"entity:n{i}", "entity:n0", count=1 + (i % 3 == 0), weight=1.0 + (i % 3 == 0))
    shown = select(graph, 25)
    assert shown.number_of_nodes() == 25 and "entity:n0" in shown
    path = tmp_path / "big.svg"
    write_svg(graph, path, max_nodes=25)
    title = " ".join("".join(t.itertext()) for t in ET.parse(path).getroot().iter(f"{SVG}text"))
    assert "the 25 busiest of 300 nodes" in title


def test_layout_is_deterministic_bounded_and_places_every_node() -> None:
    from graph.readwrite.layout import layout

    graph = nx.DiGraph()
    nx.add_path(graph, [f"a{i}" for i in range(12)], weight=1.0)
    graph.add_edge("b0", "b1", weight=3.0)
    graph.add_node("lonely")
    first, again = layout(graph), layout(graph)
    assert first == again and set(first) == set(graph)
    assert all(abs(c) <= 1.0 + 1e-9 for xy in first.values() for c in xy)
    assert len(set(first.values())) == graph.number_of_nodes()
    small_core = layout(graph, core=4)  # the rest are satellites of their placed neighbours
    assert set(small_core) == set(graph) and len(set(small_core.values())) == graph.number_of_nodes()
