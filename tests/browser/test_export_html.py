"""The exported HTML file in a real browser, offline: search Keir Starmer, click an edge, read its claims."""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import pytest

from graph.project import node_id, project
from graph.queries import resolve_entities, run_query
from graph.readwrite.html import write_html
from tests.browser.conftest import click_an_edge, screenshot, search
from tests.seed_graph import seed_text

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

    from graph.store.embedded import EmbeddedStore

pytestmark = pytest.mark.browser


def content_bounds(store: EmbeddedStore, claim_id: str) -> tuple[int, int]:
    """First and last character of a claim's content spans, as stored."""
    rows = [r for r in run_query(store, "claim-source", {"claim": claim_id}) if str(r.role) == "content"]
    return min(int(r.begin.toPython()) for r in rows), max(int(r.end.toPython()) for r in rows)


def test_exported_html_lists_an_edges_claims_offline(page: Page, seeds: EmbeddedStore, tmp_path: Path) -> None:
    graph = project(seeds)
    keir = node_id("entity", str(resolve_entities(seeds, "Keir Starmer")[0]))
    assert keir in graph, "Keir Starmer is not in the seed graph"
    path = tmp_path / "seed.html"
    write_html(graph, path)
    outside: list[str] = []

    def refuse(route: Route) -> None:
        """Abort and record any request that leaves the file."""
        outside.append(route.request.url)
        route.abort()

    page.route("http*://**/*", refuse)  # the file must work with no network at all
    page.goto(path.as_uri())
    page.wait_for_selector("#cg-graph[data-ready=true]", timeout=30_000)
    search(page, "Keir Starmer")
    page.wait_for_selector(f"#cg-panel[data-node='{keir}']")
    edges = page.eval_on_selector_all("#cg-panel .cg-edges button", "(bs) => bs.map((b) => b.dataset.edge)")
    assert edges, "Keir Starmer has no edges listed"
    clicked = click_an_edge(page, edges)
    items = page.query_selector_all("#cg-panel .cg-claim")
    assert items, f"edge {clicked} lists no claims"
    checked = 0
    for item in items:
        claim_id = item.get_attribute("data-claim") or ""
        where = item.query_selector(".cg-doc")
        assert where is not None and claim_id in graph.graph["claims"]
        document = where.get_attribute("data-document") or ""
        start, end = int(where.get_attribute("data-start") or -1), int(where.get_attribute("data-end") or -1)
        assert (start, end) == content_bounds(seeds, claim_id)
        assert item.query_selector(".cg-speaker").inner_text().strip()  # type: ignore[union-attr]
        mark = item.query_selector("mark[data-role=content]")
        if mark is not None:  # the quote marked inside its sentence is exactly the stored span of the file
            assert mark.inner_text() == seed_text(document)[start:end]
            checked += 1
    assert checked, "no claim showed its quote marked in the sentence"
    assert not outside, f"the exported page tried to reach the network: {outside}"
    screenshot(page, "export-html-keir-starmer.png")


def large_graph(nodes: int, edges: int) -> nx.DiGraph:
    """A synthetic speaker graph with a few hubs, one claim per edge, for the size test."""
    rng = random.Random(3)
    graph = nx.DiGraph(view="speakers", filters="synthetic", claims={})
    for i in range(nodes):
        graph.add_node(f"entity:e{i}", kind="entity", label=f"Entity {i}", name=f"Entity {i}", type="Person",
                       aliases=[], claims_made=1, claims_about=1)
    made = 0
    while made < edges:
        u, v = int(nodes * rng.random() ** 3), rng.randrange(nodes)
        if u != v and not graph.has_edge(f"entity:e{u}", f"entity:e{v}"):
            made += 1
            cid = f"c{made}"
            sentence = f"Entity {u} said Entity {v} was wrong."
            graph.graph["claims"][cid] = {"id": cid, "speaker": f"Entity {u}", "cue": "said", "content": f"Entity {v} was wrong",
                                          "kind": "indirect", "confidence": 0.5, "document": "synthetic.txt",
                                          "start": 0, "end": 0, "sentence": sentence, "sentence_start": -1}
            graph.add_edge(f"entity:e{u}", f"entity:e{v}", relation="spoke_about", count=1, weight=1.0, cues=["said"],
                           kinds=["indirect"], mean_confidence=0.5, claims=[cid], documents=["synthetic.txt"])
    return graph


@pytest.mark.slow
def test_exported_html_handles_thousands_of_nodes(page: Page, tmp_path: Path) -> None:
    """3,000 nodes and 6,000 edges: precomputed layout, physics off, still searchable and clickable."""
    path = tmp_path / "large.html"
    write_html(large_graph(3000, 6000), path)
    page.goto(path.as_uri())
    page.wait_for_selector("#cg-graph[data-ready=true]", timeout=120_000)
    physics = page.evaluate("() => window.cgView.data.meta.physics")
    assert physics is False
    assert page.evaluate("() => window.cgView.nodes.length") == 3000
    search(page, "Entity 0")
    page.wait_for_selector("#cg-panel[data-node='entity:e0']")
    edges = page.eval_on_selector_all("#cg-panel .cg-edges button", "(bs) => bs.map((b) => b.dataset.edge)")
    clicked = click_an_edge(page, edges[:20])
    assert page.query_selector_all("#cg-panel .cg-claim"), f"edge {clicked} lists no claims"
    screenshot(page, "export-html-3000-nodes.png")
