"""Property-based tests generated from the OpenAPI schema (schemathesis): no generated request gets a 5xx."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from api.main import create_app
from tests.api.conftest import api_settings, copy_store

# The schema is read at import time, so the app exists now; the fixture below hands it an open store
# (schemathesis runs the app's lifespan around each call; a handed-in store stays open across them).
app = create_app(api_settings(Path(":memory:")))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schemathesis.serializer("application/sparql-query", "application/sparql-update")
def sparql_text(ctx: Any, value: Any) -> bytes:
    """Generated SPARQL bodies (strings) sent as UTF-8 text."""
    return str(value).encode("utf-8")


@pytest.fixture(scope="module")
def running_app(seed_store_template: Path, tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Iterator[None]:
    """Open a copy of the seed store for the module-level app."""
    from graph.store.embedded import EmbeddedStore

    path = copy_store(seed_store_template, tmp_path_factory.mktemp("props") / "store")
    app.state.settings = api_settings(path)
    app.state.nlp = nlp
    app.state.store = store = EmbeddedStore(path)
    yield
    app.state.store = None
    store.close()


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: Any, running_app: None) -> None:
    case.call_and_validate(checks=[not_a_server_error])
