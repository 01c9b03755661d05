"""The embedded store's two write paths: new documents by quad loader, replacements by one SPARQL update."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Literal

from graph.errors import StoreError
from graph.rdf import iris
from graph.rdf.vocab import SDO
from graph.rdf.mapping import DocumentGraph, DocumentInfo, RunInfo, document_graph
from graph.store.embedded import EmbeddedStore
from tests.data.kg_example import ENDED, MODEL, SOFTWARE, STARTED, fake_extract

TEXTS = {
    "a.txt": 'Maria Lopez said "The bridge will open in May."\nJohn Smith said "Maria Lopez is wrong."\n',
    "b.txt": 'Acme Corp said "Prices will rise."\n',
}


def _graphs() -> list[DocumentGraph]:
    out = []
    for name, text in TEXTS.items():
        extraction = fake_extract(text)
        keys = {e.key: iris.entity_iri(e.key) for e in extraction.entities}
        out.append(document_graph(extraction, DocumentInfo(name, name, name), RunInfo(SOFTWARE, MODEL, STARTED, ENDED), keys))
    return out


def _quads(store: EmbeddedStore) -> set[str]:
    return {str(q) for q in store.inner}


def test_new_documents_store_exactly_what_a_replacing_update_stores(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path (extend) and the update path write the same quads, in every graph."""
    fast, slow = EmbeddedStore(None), EmbeddedStore(None)
    fast.replace_documents(_graphs())
    monkeypatch.setattr(EmbeddedStore, "_stored", lambda self, doc: True)  # force the update path
    slow.replace_documents(_graphs())
    assert _quads(fast) == _quads(slow)
    assert len(_quads(fast)) > 50


def test_a_bad_batch_of_new_documents_writes_nothing() -> None:
    """A batch is converted whole before the single transactional load, so one bad document stops all."""
    store = EmbeddedStore(None)
    good, bad = _graphs()
    bad = DocumentGraph(bad.iri, (*bad.named, (BNode(), iris.entity_iri("x"), Literal("y"))), bad.default, bad.owned)
    with pytest.raises(StoreError, match="nothing was written"):
        store.replace_documents([good, bad])
    assert store.quad_count() == 0


def test_superseded_entity_names_are_retracted_after_a_new_document_is_written() -> None:
    """default_deletes of a new document (an entity renamed to a fuller name) are applied too."""
    store = EmbeddedStore(None)
    first, second = _graphs()
    store.replace_documents([first])
    entity = next(s for s, p, o in first.default if str(p) == "https://schema.org/name")
    old_name = next(o for s, p, o in first.default if s == entity and str(p) == "https://schema.org/name")
    renamed = DocumentGraph(second.iri, second.named, second.default, second.owned, ((entity, SDO.name, old_name),))
    store.replace_documents([renamed])
    names = {str(row[0]) for row in store.query(f"SELECT ?n WHERE {{ <{entity}> <https://schema.org/name> ?n }}")}
    assert str(old_name) not in names


@pytest.mark.parametrize("command", [["claims"], ["entities"], ["stats"], ["query", "documents"], ["sparql", "ASK {}"], ["remove", "a.txt"]])
def test_read_commands_refuse_a_store_that_does_not_exist(tmp_path: Path, command: list[str]) -> None:
    """A mistyped --store is a one-line error, and no empty store is created in its place."""
    from click.testing import CliRunner

    from graph.cli import main

    missing = tmp_path / "no-such-store"
    result = CliRunner().invoke(main, [*command, "--store", str(missing)])
    assert result.exit_code == 1
    assert f"no store at {missing}" in result.output
    assert not missing.exists()


def test_the_same_file_given_twice_is_ingested_once(tmp_path: Path) -> None:
    """``ingest a.txt a.txt`` and ``ingest dir/ dir/`` count each document once."""
    from graph.ingest import discover

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Text.", encoding="utf-8")
    sources, _ = discover([folder, folder, folder / "a.txt", str(folder / "a.txt")])
    assert [(s.doc_id, s.path) for s in sources] == [("a.txt", str(folder / "a.txt"))]

