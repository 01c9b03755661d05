"""Browser fixtures: Debian's Chromium driven by Playwright, and the API app served by uvicorn on a free local port.

Without /usr/bin/chromium the browser tests skip (locally) or fail (when the CI variable is set).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.seed_graph import seed_store

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from spacy.language import Language

    from graph.store.embedded import EmbeddedStore

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium from Debian's package (``apt-get install chromium``)."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: apt-get install -y chromium to run the browser tests"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page whose console errors and uncaught exceptions fail the test."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, f"browser errors: {errors}"


@pytest.fixture(scope="session")
def seeds(request: pytest.FixtureRequest, nlp: Language) -> EmbeddedStore:
    """The seed store, shared with the other export test modules."""
    return seed_store(request.config, nlp)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def server(seeds: EmbeddedStore) -> Iterator[str]:
    """The real app over the seed store, served by uvicorn in a thread on 127.0.0.1; yields its base URL."""
    import uvicorn

    from api.main import create_app
    from api.settings import ApiSettings
    from graph.settings import Settings

    app = create_app(ApiSettings(core=Settings(store=":memory:")), store=seeds)
    port = free_port()
    instance = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    instance.should_exit = True
    thread.join(timeout=10)


def screenshot(page: Page, name: str) -> Path:
    """Save a screenshot under test-artifacts/ (git-ignored) and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=False)
    return path


def click_an_edge(page: Page, edge_ids: list[str]) -> str:
    """Click the middle of the first listed edge that a real mouse click selects; returns its id."""
    for edge_id in edge_ids:
        point = page.evaluate("(id) => window.cgView.edgePoint(id)", edge_id)
        page.mouse.click(point["x"], point["y"])
        selected = page.evaluate("() => document.getElementById('cg-panel').dataset.edge || ''")
        if selected == edge_id:
            return edge_id
    raise AssertionError(f"no click on the middle of {edge_ids} selected that edge")


def search(page: Page, name: str) -> None:
    """Type a name into the page's search box and submit it."""
    page.fill("#cg-query", name)
    page.press("#cg-query", "Enter")
