"""Bound lookups touch a constant part of the store: padding it with unrelated documents changes nothing.

Every canned query bound to one speaker, entity, document or claim runs through Oxigraph's own query
planner (``oxigraph query --explain-file --stats``) on two stores: the two hand-built documents alone,
and the same two plus many unrelated documents. The plan statistics count the rows each pattern read
from the indexes; a lookup that regressed to a scan (a sub-select over all claims, an OPTIONAL joined
against the whole store, a FILTER over every name) reads more on the padded store. Counts, not times,
so the test is exact on a busy machine. Listings (no bound value) are allowed to grow and are named in
``LISTINGS``; a new query must be put in one group or the other.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from graph.ingest import ingest
from graph.queries import get_query, prepare, queries_dir
from graph.rdf import iris
from graph.store.embedded import EmbeddedStore
from tests.data.kg_example import EXAMPLE_ID, EXAMPLE_TEXT, fake_extract_batch, fixed_clock
from tests.store.conftest import oxigraph_binary

OTHER_ID = "other.txt"
OTHER_TEXT = 'Bob Smith said "Jane Doe misled Acme Corp."\n'
PADDING_DOCUMENTS = 40
FIRST = ("Alma", "Bruno", "Celia", "Dario", "Elena", "Fabio", "Greta", "Hugo")
LAST = ("Quill", "Rowan", "Sable", "Thorn", "Umber", "Vance")
SCANNED = ("QuadPattern", "Path")


def entity(key: str) -> str:
    """An entity IRI of the hand-built documents."""
    return str(iris.entity_iri(key))


JANE, ACME, BOB = entity("jane-doe"), entity("acme-corp"), entity("bob-smith")
FIRST_CLAIM = iris.local_id(str(iris.claim_iri(EXAMPLE_ID, 20, 49, 15)))
EXAMPLE_CLAIMS = [iris.local_id(str(iris.claim_iri(EXAMPLE_ID, *k))) for k in ((20, 49, 15), (65, 91, 60), (111, 129, 103))]

BOUND_LOOKUPS: dict[str, tuple[str, dict[str, Any]]] = {
    "claim-ids-about": ("claim-ids-about", {"about": ACME}),
    "claim-ids-by-speaker": ("claim-ids-by-speaker", {"speaker": BOB}),
    "claim-ids-in-document": ("claim-ids-in-document", {"document": EXAMPLE_ID}),
    "claim-keys": ("claim-keys", {"claim": EXAMPLE_CLAIMS}),
    "claim-records": ("claim-records", {"claim": EXAMPLE_CLAIMS}),
    "claim-source": ("claim-source", {"claim": FIRST_CLAIM}),
    "claim-spans": ("claim-spans", {"claim": EXAMPLE_CLAIMS}),
    "claims": ("claims", {"claim": EXAMPLE_CLAIMS}),  # what ClaimGraph.claims and the API run after id-first narrowing
    "claims-about": ("claims-about", {"entity": ACME}),
    "claims-by-speaker": ("claims-by-speaker", {"speaker": BOB}),
    "chains": ("chains", {"a": JANE}),
    "document-claims": ("document-claims", {"document": EXAMPLE_ID}),
    "document-info": ("document-info", {"document": EXAMPLE_ID}),
    "document-text": ("document-text", {"document": EXAMPLE_ID}),
    "entity-card": ("entity-card", {"entity": ACME}),
    "entity-triples": ("entity-triples", {"entity": BOB}),
    "graph-edges": ("graph-edges", {"speaker": BOB}),
    "graph-edges?target": ("graph-edges", {"target": ACME}),
    "graph-edges?document": ("graph-edges", {"document": EXAMPLE_ID}),
    "graph-entities": ("graph-entities", {"entity": [JANE, ACME]}),
    "who-said-what": ("who-said-what", {"speaker": BOB}),
    "who-said-what?target": ("who-said-what", {"target": ACME}),
}
# a name or a substring: one pass over names and aliases (grows with entities, not with claims)
NAME_SEARCHES: dict[str, dict[str, Any]] = {"entity-lookup": {"label": "acme"}, "entity-ids-matching": {"q": "Smi"}}
LISTINGS = {
    "claim-keys", "claims", "chains", "documents", "entities-by-claims", "entities-ranked", "entity-search",
    "graph-edges", "graph-entities", "speakers-ranked", "stats", "who-said-what",
}


@dataclass(frozen=True)
class Plan:
    """What one query read and returned on one store."""

    reads: int
    operators: tuple[tuple[str, int], ...]
    rows: tuple[str, ...]


def padding_text(i: int) -> str:
    """An unrelated document: two claims between people who appear nowhere else."""
    a, b, c = (f"{FIRST[(i + k) % len(FIRST)]} {LAST[(i // len(FIRST) + k) % len(LAST)]}" for k in range(3))
    return f'{a} said "{b} misled {c} about the tunnel."\n{c} said "{a} and {b} broke the rules."\n'


def build(texts: Path, padding: Path | None, location: Path) -> Path:
    """A store on disk with the hand-built documents (and the unrelated ones), closed again."""
    with EmbeddedStore(location) as store:
        ingest(store, None, [texts] + ([padding] if padding else []), extract=fake_extract_batch, clock=fixed_clock)
    return location


def explain(binary: str, location: Path, text: str, work: Path) -> Plan:
    """Run a query with Oxigraph's planner statistics; the rows read by every pattern, and the result."""
    (work / "q.rq").write_text(text, encoding="utf-8")
    subprocess.run(
        [binary, "query", "--location", str(location), "--query-file", str(work / "q.rq"), "--union-default-graph",
         "--results-file", str(work / "out.tsv"), "--explain-file", str(work / "plan.json"), "--stats"],
        check=True, capture_output=True,
    )
    operators: list[tuple[str, int]] = []

    def walk(node: dict[str, Any]) -> None:
        if node["name"].startswith(SCANNED):
            operators.append((node["name"], int(node["number of results"])))
        for child in node.get("children", []):
            walk(child)

    walk(json.loads((work / "plan.json").read_text(encoding="utf-8"))["plan"])
    lines = (work / "out.tsv").read_text(encoding="utf-8").splitlines()
    return Plan(sum(n for _, n in operators), tuple(operators), tuple(lines[:1] + sorted(lines[1:])))


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    """The oxigraph CLI, the plain store and the padded store."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph CLI (pip install oxigraph==0.5.13) is not installed")
    root = tmp_path_factory.mktemp("scaling")
    texts, padding = root / "texts", root / "padding"
    texts.mkdir()
    padding.mkdir()
    (texts / EXAMPLE_ID).write_bytes(EXAMPLE_TEXT.encode("utf-8"))
    (texts / OTHER_ID).write_bytes(OTHER_TEXT.encode("utf-8"))
    for i in range(PADDING_DOCUMENTS):
        (padding / f"padding-{i:03d}.txt").write_bytes(padding_text(i).encode("utf-8"))
    plain = build(texts, None, root / "plain")
    padded = build(texts, padding, root / "padded")
    yield binary, plain, padded


def bound_text(name: str, params: dict[str, Any]) -> str:
    """The query text with IRIs and ids bound (no entity names, so no store is needed to resolve them)."""
    return prepare(None, get_query(name), params)  # type: ignore[arg-type]


def test_every_query_is_either_a_bound_lookup_or_a_listing() -> None:
    names = {p.stem for p in queries_dir().glob("*.rq")}
    covered = {name for name, _ in BOUND_LOOKUPS.values()} | set(NAME_SEARCHES) | LISTINGS
    assert names - covered == set(), "classify the new query in tests/test_query_scaling.py"
    assert covered - names == set()


@pytest.mark.parametrize("case", sorted(BOUND_LOOKUPS))
def test_a_bound_lookup_reads_the_same_rows_whatever_else_the_store_holds(
    stores: tuple[str, Path, Path], tmp_path: Path, case: str
) -> None:
    binary, plain, padded = stores
    name, params = BOUND_LOOKUPS[case]
    text = bound_text(name, params)
    small, large = explain(binary, plain, text, tmp_path), explain(binary, padded, text, tmp_path)
    assert large.rows == small.rows, "unrelated documents changed the answer"
    assert len(small.rows) > 1, f"{case} found nothing: the case does not exercise the query"
    assert large.reads == small.reads, (
        f"{case} reads {large.reads} index rows with {PADDING_DOCUMENTS} unrelated documents added, "
        f"{small.reads} without: a whole-store scan crept in.\npadded: {large.operators}\nplain:  {small.operators}"
    )


@pytest.mark.parametrize("name", sorted(NAME_SEARCHES))
def test_a_name_search_reads_names_and_aliases_once(stores: tuple[str, Path, Path], tmp_path: Path, name: str) -> None:
    """Growing with the number of entities is fine; a look-up per entity (or per claim) is not."""
    binary, _, padded = stores
    names = explain(binary, padded, "SELECT ?e ?n WHERE { { ?e <https://schema.org/name> ?n } UNION "
                    "{ ?e <https://schema.org/alternateName> ?n } }", tmp_path)
    found = explain(binary, padded, bound_text(name, NAME_SEARCHES[name]), tmp_path)
    assert len(found.rows) > 1
    assert found.reads <= len(names.rows) + 5, found.operators
