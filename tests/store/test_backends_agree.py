"""The embedded store and each SPARQL server (Oxigraph, Virtuoso) hold the same quads and answer every canned query alike."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.claimgraph import ClaimGraph
from graph.queries import ParamValue, load_queries, run_query
from graph.rdf import iris
from graph.rdf.ntriples import term
from graph.settings import Settings
from graph.store.base import Store
from tests.store.conftest import SERVERS, CachedExtract, seeds_side_by_side
from tests.store.dataset import all_quads

pytestmark = pytest.mark.server

SAMPLE_DOCUMENT = "000_47dcde34e7c4ee15.txt"
ORDER_GAP = pytest.mark.xfail(
    strict=True,
    reason="raw canned-query rows: Virtuoso orders GROUP_CONCAT items differently from Oxigraph (SPARQL 1.1 has "
    "no ordered aggregate) and gives \"\" where Oxigraph leaves an empty GROUP_CONCAT unbound; test_virtuoso.py "
    "compares without order, and the API, exports and Python facade sort what the engine leaves unordered",
)


def mark_order_gap(request: pytest.FixtureRequest, server: Store) -> None:
    """Expect an exact-order comparison to fail on Virtuoso (see ORDER_GAP)."""
    if getattr(server, "hidden", None) is not None:
        request.applymarker(ORDER_GAP)


@pytest.fixture(params=SERVERS)
def both(
    request: pytest.FixtureRequest, tmp_path: Path, seed_dir: Path, cached_extract: CachedExtract
) -> Iterator[tuple[Store, Store]]:
    """The seeds ingested the same way into an embedded store and into a server."""
    with seeds_side_by_side(tmp_path / "store", seed_dir, request.getfixturevalue(request.param), cached_extract) as pair:
        yield pair


def sample_values(store: Store) -> dict[str, ParamValue]:
    """One stored value per parameter kind, so every canned query has something to find."""
    top = next(iter(run_query(store, "entities-ranked")))
    claim = next(iter(run_query(store, "claims", {"document": SAMPLE_DOCUMENT})))
    name = str(top.name)  # type: ignore[union-attr]
    return {
        "entity": name,
        "iri": str(top.entity),  # type: ignore[union-attr]
        "document": SAMPLE_DOCUMENT,
        "claim": iris.local_id(str(claim.claim)),  # type: ignore[union-attr]
        "kind": "direct",
        "string": name.split()[-1][:4],
        "decimal": 0.5,
        "integer": 5,
    }


def rows(store: Store, name: str, params: dict[str, ParamValue]) -> Counter[tuple[str, ...]]:
    """A query's rows as a multiset of N-Triples strings (engines may order ties differently)."""
    result = run_query(store, name, params)
    return Counter(tuple(term(v) if v is not None else "" for v in row) for row in result)  # type: ignore[union-attr]


def test_both_backends_hold_the_same_quads(both: tuple[Store, Store]) -> None:
    embedded, server = both
    assert all_quads(server) == all_quads(embedded)
    assert server.quad_count() == embedded.quad_count()
    assert server.document_hashes() == embedded.document_hashes()


def test_every_canned_query_gives_the_same_rows(request: pytest.FixtureRequest, both: tuple[Store, Store]) -> None:
    embedded, server = both
    mark_order_gap(request, server)
    values = sample_values(embedded)
    checked = 0
    for query in load_queries().values():
        required = {p.name: values[p.kind] for p in query.parameters if p.required}
        every = {p.name: values[p.kind] for p in query.parameters}
        for params in (required, every):
            expected = rows(embedded, query.name, params)
            assert rows(server, query.name, params) == expected, (query.name, params)
            checked += bool(expected)
    assert checked >= len(load_queries()), "most queries should find rows in the seeds"


def test_the_python_api_reads_the_same_through_either_backend(both: tuple[Store, Store]) -> None:
    """Claims, entities and stats through the facade (which sorts what SPARQL leaves unordered) agree exactly."""
    embedded, server = both
    local, remote = ClaimGraph(embedded, Settings()), ClaimGraph(server, Settings())
    assert remote.claims() == local.claims()
    assert remote.entities() == local.entities()
    assert remote.stats() == local.stats()
    assert remote.claims(document=SAMPLE_DOCUMENT, min_confidence=0.5) == local.claims(
        document=SAMPLE_DOCUMENT, min_confidence=0.5
    )


API_PATHS = [
    "/claims",
    "/claims?speaker=Keir%20Starmer",
    "/entities",
    "/documents",
    f"/documents/{SAMPLE_DOCUMENT}",
    "/queries/stats",
    "/queries/speakers-ranked",
    "/sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20WHERE%20%7B%20GRAPH%20%3Fg%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D%20%7D",
]


def test_the_http_api_serves_the_same_answers_from_either_backend(
    both: tuple[Store, Store]
) -> None:
    """Byte-identical JSON: ties in span order are broken by end and entity, not left to the engine."""
    from fastapi.testclient import TestClient

    from api.main import create_app
    from api.settings import ApiSettings

    settings = ApiSettings(core=Settings(store=":memory:"), query_timeout=30.0, max_rows=1000, page_size=50)
    answers = []
    for store in both:
        with TestClient(create_app(settings, store=store)) as client:
            replies = [client.get(path, headers={"Accept": "application/json"}) for path in API_PATHS]
            answers.append([(r.status_code, r.text) for r in replies])
    assert all(status == 200 for status, _ in answers[0]), answers[0]
    assert answers[1] == answers[0]


@pytest.mark.parametrize("fmt", ["graphml", "node-link"])
def test_exports_are_identical_from_either_backend(both: tuple[Store, Store], tmp_path: Path, fmt: str) -> None:
    """Byte-identical files: a claim's targets are sorted, not kept in the engine's row order."""
    from graph.export import write_graph
    from graph.project import ProjectionOptions, project

    files = []
    for label, store in zip(("embedded", "server"), both):
        path = tmp_path / f"{label}.{fmt}"
        write_graph(project(store, ProjectionOptions(with_claims=True)), fmt, path)
        files.append(path.read_bytes())
    assert files[0] and files[1] == files[0]
