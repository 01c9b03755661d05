"""The explorer page served by the app: search Keir Starmer, click an edge, open a claim in its source text."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from graph.queries import run_query
from tests.browser.conftest import click_an_edge, screenshot, search
from tests.seed_graph import seed_text

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from graph.store.embedded import EmbeddedStore

pytestmark = [pytest.mark.browser, pytest.mark.server]


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Adjacent or overlapping spans joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def test_search_click_edge_and_read_the_claim_in_its_source(page: Page, server: str, seeds: EmbeddedStore) -> None:
    page.goto(server)
    search(page, "Keir Starmer")
    page.wait_for_selector("#cg-graph[data-ready=true]", timeout=30_000)
    page.wait_for_selector("#cg-panel .cg-edges button")
    assert page.inner_text("#cg-panel h2") == "Keir Starmer"
    headings = page.eval_on_selector_all("#cg-panel h3", "(hs) => hs.map((h) => h.textContent)")
    assert any(h.startswith("Who spoke about Keir Starmer") for h in headings)
    assert any(h.startswith("Whom Keir Starmer spoke about") for h in headings)
    edges = page.eval_on_selector_all("#cg-panel .cg-edges button", "(bs) => bs.map((b) => b.dataset.edge)")
    click_an_edge(page, edges)

    button = page.wait_for_selector("#cg-panel .cg-source")
    claim_id = button.get_attribute("data-claim") or ""
    button.click()
    page.wait_for_selector(f"#cg-source[data-claim='{claim_id}'] mark[data-role=content]")
    rows = list(run_query(seeds, "claim-source", {"claim": claim_id}))
    text = seed_text(str(rows[0].docId))
    stored = merged([(int(r.begin.toPython()), int(r.end.toPython())) for r in rows if str(r.role) == "content"])
    marks = page.eval_on_selector_all(
        "#cg-source mark[data-role=content]",
        "(ms) => ms.map((m) => [Number(m.dataset.start), Number(m.dataset.end), m.textContent])",
    )
    for start, end, shown in marks:
        assert shown == text[start:end]  # each highlighted piece is exactly that stretch of the file
    assert merged([(start, end) for start, end, _ in marks]) == stored
    assert page.inner_text("#cg-source .cg-source-text") == text  # the whole document is shown around it

    links = page.eval_on_selector_all("a.cg-sparql-link", "(links) => links.map((a) => a.getAttribute('href'))")
    assert links and all(link.startswith("sparql?query=") for link in links)
    answer = page.request.get(server + links[0], headers={"Accept": "application/sparql-results+json"})
    assert answer.ok and "results" in answer.json()
    screenshot(page, "explorer-keir-starmer.png")
