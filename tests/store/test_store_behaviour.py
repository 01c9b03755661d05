"""The behaviour every store backend shares, run against the embedded store and an Oxigraph server alike.

Ingest seeds, skip unchanged files without parsing, replace in place, remove, replace only a changed
document's graph, fail a batch atomically, answer queries as rdflib Results.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from graph.errors import QueryError, StoreError
from graph.ingest import IngestReport, ingest, sha256_of, software_version
from graph.queries import run_query
from graph.rdf import iris
from graph.rdf.linking import EntityRegistry
from graph.rdf.mapping import DocumentGraph, DocumentInfo, RunInfo, document_graph
from graph.rdf.ntriples import term
from graph.rdf.vocab import CG, NIF, PROV, RDF
from graph.store.base import Store
from graph.store.embedded import EmbeddedStore
from tests.store.conftest import FIXED_TIME, CachedExtract, fixed_clock
from tests.store.dataset import DEFAULT, all_quads, named_quads

A, B = "000_47dcde34e7c4ee15.txt", "004_ef74bc89c900b4aa.txt"


def run(store: Store, root: Path, extract: CachedExtract, *, force: bool = False) -> IngestReport:
    """Ingest a directory with cached extractions and a fixed clock."""
    report = ingest(store, None, [root], extract=extract, clock=fixed_clock, force=force)
    assert report.failed == []
    return report


def test_ingest_stores_each_document_in_its_own_graph(store: Store, seed_dir: Path, cached_extract: CachedExtract) -> None:
    report = run(store, seed_dir, cached_extract)
    assert report.documents == 2
    expected = {str(iris.document_iri(n)): sha256_of((seed_dir / n).read_text(encoding="utf-8")) for n in (A, B)}
    assert store.document_hashes() == expected
    quads = all_quads(store)
    assert store.quad_count() == len(quads)
    assert {q[3] for q in quads} == {DEFAULT, term(iris.document_iri(A)), term(iris.document_iri(B))}
    assert len(list(run_query(store, "claims"))) == report.claims > 0


def test_reingesting_unchanged_files_parses_nothing_and_changes_nothing(
    store: Store, seed_dir: Path, cached_extract: CachedExtract
) -> None:
    run(store, seed_dir, cached_extract)
    before, count = all_quads(store), store.quad_count()
    cached_extract.requested.clear()
    report = run(store, seed_dir, cached_extract)
    assert (report.documents, report.unchanged) == (0, 2)
    assert cached_extract.requested == [], "unchanged files must not reach the extractor"
    assert store.quad_count() == count
    assert all_quads(store) == before


def test_forced_reingest_replaces_every_quad_with_itself(
    store: Store, seed_dir: Path, cached_extract: CachedExtract
) -> None:
    run(store, seed_dir, cached_extract)
    before = all_quads(store)
    report = run(store, seed_dir, cached_extract, force=True)
    assert report.documents == 2
    assert all_quads(store) == before


def test_remove_deletes_one_document_and_keeps_the_other(
    store: Store, seed_dir: Path, cached_extract: CachedExtract
) -> None:
    run(store, seed_dir, cached_extract)
    a, b = iris.document_iri(A), iris.document_iri(B)
    b_graph = named_quads(store, b)
    assert store.drop_document(a) is True
    assert named_quads(store, a) == set()
    assert named_quads(store, b) == b_graph
    assert list(store.document_hashes()) == [str(b)]
    assert not store.query(f"ASK {{ {{ {term(a)} ?p ?o }} UNION {{ ?run <{PROV.used}> {term(a)} }} }}").askAnswer
    assert store.drop_document(a) is False


def test_a_changed_file_replaces_only_its_own_graph(
    store: Store, seed_dir: Path, cached_extract: CachedExtract
) -> None:
    run(store, seed_dir, cached_extract)
    a, b = iris.document_iri(A), iris.document_iri(B)
    b_graph = named_quads(store, b)
    path = seed_dir / A
    paragraphs = path.read_text(encoding="utf-8").split("\n\n")
    new_text = "\n\n".join(paragraphs[: max(1, len(paragraphs) // 2)]) + "\n"
    path.write_text(new_text, encoding="utf-8")

    report = run(store, seed_dir, cached_extract)
    assert (report.documents, report.unchanged) == (1, 1)
    assert named_quads(store, b) == b_graph
    assert store.document_hashes()[str(a)] == sha256_of(new_text)
    anchors = store.query(f"SELECT ?t WHERE {{ GRAPH {term(a)} {{ ?span <{NIF.anchorOf}> ?t }} }}")
    assert all(str(row[0]) in new_text for row in anchors), "no span of the old version survives"  # type: ignore[index]
    runs = store.query(f"SELECT ?run WHERE {{ ?run <{PROV.used}> {term(a)} }}")
    assert len(list(runs)) == 1


def _document(store: Store, name: str, text: str, extract: CachedExtract) -> DocumentGraph:
    """The DocumentGraph ingest would write for ``text`` under ``name``."""
    (extraction,) = extract([text])
    info = DocumentInfo(name, name, sha256_of(text))
    run_info = RunInfo(software_version(), extraction.model, FIXED_TIME, FIXED_TIME)
    return document_graph(extraction, info, run_info, EntityRegistry.load(store).link(extraction.entities).iris)


def test_a_failing_batch_leaves_every_document_fully_old(
    store: Store, seed_dir: Path, cached_extract: CachedExtract
) -> None:
    run(store, seed_dir, cached_extract)
    before = all_quads(store)
    text = (seed_dir / A).read_text(encoding="utf-8").split("\n\n")[0] + "\n"
    changed = _document(store, A, text, cached_extract)
    broken_iri = iris.document_iri("broken.txt")
    broken = DocumentGraph(broken_iri, ((Literal("a literal cannot be a subject"), RDF.type, CG.ExtractionRun),), ())
    with pytest.raises(StoreError):
        store.replace_documents([changed, broken])
    assert all_quads(store) == before

    store.replace_documents([changed])
    with EmbeddedStore(None) as fresh:  # the same graph written alone into an empty store, read back the same way
        fresh.replace_documents([changed])
        assert named_quads(store, changed.iri) == named_quads(fresh, changed.iri)


def test_results_are_rdflib_results_for_every_query_form(
    store: Store, seed_dir: Path, cached_extract: CachedExtract
) -> None:
    run(store, seed_dir, cached_extract)
    a = iris.document_iri(A)
    rows = list(store.query("SELECT ?doc ?sha WHERE { ?doc <https://w3id.org/claimgraph/ns#sha256> ?sha }", {"doc": a}))
    assert [(row.doc, str(row.sha)) for row in rows] == [(a, store.document_hashes()[str(a)])]  # type: ignore[union-attr]
    assert store.query(f"ASK {{ GRAPH {term(a)} {{ ?s ?p ?o }} }}").askAnswer is True
    built = store.query(f"CONSTRUCT {{ {term(a)} ?p ?o }} WHERE {{ {term(a)} ?p ?o }}")
    assert built.type == "CONSTRUCT"
    assert (a, CG.sha256, None) in built.graph  # type: ignore[operator]
    assert isinstance(next(iter(built.graph.objects(a, RDF.type))), URIRef)  # type: ignore[union-attr]


@pytest.mark.parametrize("sparql", ["SELECT WHERE {", "SELECT ?x WHERE { ?x ?p }"])
def test_a_malformed_query_is_a_query_error(store: Store, sparql: str) -> None:
    with pytest.raises(QueryError):
        store.query(sparql)
