"""The exported HTML file in a real browser, offline: search Keir Starmer, click an edge, read its claims."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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
