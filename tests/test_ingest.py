"""Ingest: discovery, document identity, idempotent re-ingest, replacement, removal, bad inputs, atomic writes.

Exact expectations use the rule-based stand-in extractor (tests/data/kg_example.py), so they hold
whatever the real extractor finds; the real pipeline is used only for invariants on the seed files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rdflib import URIRef

import graph.store.embedded
from graph.errors import StoreError
from graph.ingest import IngestReport, discover, ingest
from graph.rdf import iris
from graph.rdf.mapping import DocumentGraph
from graph.store.embedded import EmbeddedStore
from tests.data.kg_example import SEEDS, fake_extract_batch, fixed_clock, seed_store

if TYPE_CHECKING:
    from spacy.language import Language

Quad = tuple[str, str, str, str]

A_TEXT = 'Jane Doe said "The bridge is unsafe for Bob Smith." It was late.\n'
B_TEXT = 'Bob Smith said "Jane Doe is wrong." Nobody answered.\n'
A_CHANGED = 'Jane Doe said "The tunnel is unsafe." She left.\n'


@pytest.fixture
def store() -> Iterator[EmbeddedStore]:
    """An in-memory Oxigraph store (same transactions as on disk; the CLI tests cover the disk store)."""
    opened = EmbeddedStore(None)
    yield opened
    opened.close()


def run(store: EmbeddedStore, paths: Sequence[str | Path], **options: object) -> IngestReport:
    """Ingest with the stand-in extractor (no spaCy) and a fixed clock."""
    return ingest(store, None, paths, extract=fake_extract_batch, clock=fixed_clock, **options)  # type: ignore[arg-type]


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create files under root (text as UTF-8, bytes as they are)."""
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return root


def quads(store: EmbeddedStore, graph: URIRef | None = None) -> set[Quad]:
    """Every quad (or those of one named graph) as N-Triples strings."""
    import pyoxigraph as ox

    pattern = ox.NamedNode(str(graph)) if graph is not None else None
    return {
        (str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
        for q in store.inner.quads_for_pattern(None, None, None, pattern)
    }


def claim_texts(store: EmbeddedStore, doc_id: str) -> set[str]:
    """The contents of the claims stored for one document."""
    rows = store.query(
        "SELECT ?t WHERE { ?c a <https://schema.org/Claim> ; <https://schema.org/text> ?t ;"
        f" <http://www.w3.org/ns/prov#wasDerivedFrom> <{iris.document_iri(doc_id)}> }}"
    )
    return {str(row[0]) for row in rows}


def documents(store: EmbeddedStore) -> set[str]:
    """Ids of the stored documents."""
    return {iris.document_id(iri) for iri in store.document_hashes()}


# ---------------------------------------------------------------- discovery and identity


def test_discover_expands_directories_recursively_and_lists_skipped(tmp_path: Path) -> None:
    root = write(tmp_path / "in", {"a.txt": "x", "sub/b.md": "x", "sub/deep/C.TXT": "x", "c.json": "{}", "d.pdf": "%"})
    sources, skipped = discover([root, tmp_path / "missing.txt"])
    assert [(Path(s.path).relative_to(tmp_path).as_posix() if s.path != "-" else s.path, s.doc_id) for s in sources] == [
        ("in/a.txt", "a.txt"),
        ("in/sub/b.md", "sub/b.md"),
        ("in/sub/deep/C.TXT", "sub/deep/C.TXT"),
        ("missing.txt", "missing.txt"),
    ]
    assert sorted(Path(p).name for p in skipped) == ["c.json", "d.pdf"]


def test_discover_names_stdin_and_a_single_file() -> None:
    assert [(s.path, s.doc_id) for s in discover(["-"], name="note.txt")[0]] == [("-", "note.txt")]
    assert [(s.path, s.doc_id) for s in discover(["some/dir/file.txt"], name="renamed.txt")[0]] == [
        ("some/dir/file.txt", "renamed.txt")
    ]


def test_each_document_gets_its_own_named_graph(store: EmbeddedStore, tmp_path: Path) -> None:
    root = write(tmp_path / "in", {"a.txt": A_TEXT, "sub/b.md": B_TEXT, "notes.json": "{}"})
    report = run(store, [root])
    assert (report.documents, report.claims, report.failed, len(report.skipped)) == (2, 2, [], 1)
    assert documents(store) == {"a.txt", "sub/b.md"}
    graphs = {q[3] for q in quads(store)}
    assert graphs == {f"<{iris.document_iri('a.txt')}>", f"<{iris.document_iri('sub/b.md')}>", "DEFAULT"}
    assert claim_texts(store, "a.txt") == {'"The bridge is unsafe for Bob Smith."'}
    # one entity per referent across documents: Bob Smith in a.txt and b.md is one node
    bob = store.query('SELECT ?e WHERE { ?e <https://schema.org/name> "Bob Smith" }')
    assert len(list(bob)) == 1


def test_same_text_under_two_names_is_two_documents(store: EmbeddedStore, tmp_path: Path) -> None:
    root = write(tmp_path, {"one/a.txt": A_TEXT, "two/a.txt": A_TEXT})
    run(store, [root])
    assert documents(store) == {"one/a.txt", "two/a.txt"}
    assert len(set(store.document_hashes().values())) == 1


def test_two_inputs_with_one_document_id_are_not_mixed(store: EmbeddedStore, tmp_path: Path) -> None:
    """Files given one by one are named by their file name: a second "a.txt" is refused, not merged."""
    write(tmp_path, {"one/a.txt": A_TEXT, "two/a.txt": B_TEXT})
    report = run(store, [tmp_path / "one" / "a.txt", tmp_path / "two" / "a.txt"])
    assert report.documents == 1
    assert report.failed == [
        (str(tmp_path / "two" / "a.txt"), f"has the same document id 'a.txt' as {tmp_path / 'one' / 'a.txt'}; ingest a common parent")
    ]
    assert claim_texts(store, "a.txt") == {'"The bridge is unsafe for Bob Smith."'}
    assert len(store.document_hashes()) == 1 and len(list(store.query(
        "SELECT ?s WHERE { ?d <http://purl.org/dc/terms/source> ?s }"))) == 1


def test_stdin_needs_a_name_and_is_stored_under_it(store: EmbeddedStore) -> None:
    report = run(store, ["-"], name="pasted.txt", stdin=lambda: B_TEXT.encode("utf-8"))
    assert report.documents == 1 and documents(store) == {"pasted.txt"}
    report = run(store, ["-"], name="again.txt", stdin=None)
    assert report.failed == [("-", "no standard input available")]


# ---------------------------------------------------------------- versions: unchanged, forced, changed, removed


def test_reingesting_unchanged_files_changes_nothing(store: EmbeddedStore, tmp_path: Path) -> None:
    root = write(tmp_path / "in", {"a.txt": A_TEXT, "b.txt": B_TEXT})
    run(store, [root])
    before = quads(store)
    report = run(store, [root])
    assert (report.documents, report.unchanged, report.failed) == (0, 2, [])
    assert quads(store) == before


def test_forced_reingest_rewrites_the_same_quads(store: EmbeddedStore, tmp_path: Path) -> None:
    """Re-extracting unchanged files (same clock) mints the same IRIs and the very same quads."""
    root = write(tmp_path / "in", {"a.txt": A_TEXT, "b.txt": B_TEXT})
    run(store, [root])
    before = quads(store)
    report = run(store, [root], force=True)
    assert (report.documents, report.unchanged) == (2, 0)
    assert quads(store) == before


def test_a_changed_file_replaces_only_its_own_data(store: EmbeddedStore, tmp_path: Path) -> None:
    root = write(tmp_path / "in", {"a.txt": A_TEXT, "b.txt": B_TEXT})
    run(store, [root])
    b_graph = quads(store, iris.document_iri("b.txt"))
    old_sha = store.document_hashes()[str(iris.document_iri("a.txt"))]
    write(root, {"a.txt": A_CHANGED})
    report = run(store, [root])
    assert (report.documents, report.unchanged) == (1, 1)
    assert claim_texts(store, "a.txt") == {'"The tunnel is unsafe."'}
    assert quads(store, iris.document_iri("b.txt")) == b_graph, "the other document's graph is untouched"
    hashes = store.document_hashes()
    assert len(hashes) == 2 and hashes[str(iris.document_iri("a.txt"))] != old_sha
    runs = store.query("SELECT ?r WHERE { ?r a <https://w3id.org/claimgraph/ns#ExtractionRun> }")
    assert len(list(runs)) == 2, "the old version's run is gone"
    old_spans = store.query('ASK { ?s <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf> "It was late." }')
    assert not old_spans.askAnswer


def test_a_new_version_drops_entities_only_the_old_one_mentioned(store: EmbeddedStore, tmp_path: Path) -> None:
    root = write(tmp_path / "in", {"a.txt": 'Carla Diaz said "Hello there."\n', "b.txt": B_TEXT})
    run(store, [root])
    description = {q for q in quads(store) if q[3] == "DEFAULT" and q[0] == f"<{iris.document_iri('b.txt')}>"}
    write(root, {"a.txt": A_CHANGED})
    run(store, [root])
    names = {str(r[0]) for r in store.query("SELECT ?n WHERE { ?e <https://schema.org/name> ?n }")}
    assert names == {"Jane Doe", "Bob Smith"}, "Carla Diaz was only in the old a.txt"
    assert description <= quads(store), "b.txt's description is untouched"


def test_remove_deletes_one_document_and_everything_only_it_held(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    root = write(tmp_path / "in", {"a.txt": A_TEXT, "b.txt": B_TEXT, "c.txt": 'Carla Diaz said "Hello."\n'})
    run(store, [root])
    b_graph = quads(store, iris.document_iri("b.txt"))
    assert store.drop_document(iris.document_iri("c.txt"))
    assert documents(store) == {"a.txt", "b.txt"}
    assert quads(store, iris.document_iri("c.txt")) == set()
    assert quads(store, iris.document_iri("b.txt")) == b_graph
    assert not store.query('ASK { ?e <https://schema.org/name> "Carla Diaz" }').askAnswer, "orphaned entity left"
    assert store.query('ASK { ?e <https://schema.org/name> "Jane Doe" }').askAnswer, "a shared entity was lost"
    assert not store.drop_document(iris.document_iri("c.txt"))
    for doc_id in ("a.txt", "b.txt"):
        assert store.drop_document(iris.document_iri(doc_id))
    assert store.quad_count() == 0, sorted(quads(store))[:5]


# ---------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("latin1.txt", "Caf\u00e9 said hi".encode("latin-1"), "is not UTF-8 text"),
        ("empty.txt", b"", "is empty"),
        ("blank.md", b"  \n\t\n", "holds no text"),
        ("nul.txt", b"PK\x03\x04\x00\x00binary", "looks binary"),
        ("controls.txt", bytes(range(1, 9)) * 20, "looks binary"),
        ("big.txt", ("Jane Doe said " + "x" * 300).encode(), "over the limit of 200 bytes"),
        ("missing.txt", None, "no such file"),
    ],
)
def test_a_bad_input_is_reported_and_the_others_are_ingested(
    store: EmbeddedStore, tmp_path: Path, name: str, data: bytes | None, reason: str
) -> None:
    root = write(tmp_path / "in", {"good.txt": A_TEXT})
    bad = tmp_path / name
    if data is not None:
        bad.write_bytes(data)
    report = run(store, [root, bad], max_bytes=200)
    assert report.documents == 1 and documents(store) == {"good.txt"}
    assert len(report.failed) == 1
    path, why = report.failed[0]
    assert path == str(bad) and reason in why and "\n" not in why


def test_all_bad_inputs_in_one_run(store: EmbeddedStore, tmp_path: Path) -> None:
    root = write(
        tmp_path / "in",
        {"a.txt": A_TEXT, "b.txt": b"\xff\xfe\xfa", "c.txt": b"", "d.txt": b"\x00\x01", "e.txt": b"y" * 500, "f.txt": B_TEXT},
    )
    report = run(store, [root, tmp_path / "nope.txt"], max_bytes=400)
    assert sorted(Path(p).name for p, _ in report.failed) == ["b.txt", "c.txt", "d.txt", "e.txt", "nope.txt"]
    assert documents(store) == {"a.txt", "f.txt"}


# ---------------------------------------------------------------- atomic writes


def _failing_update(bad_doc: str, existing_graph: URIRef) -> Callable[[DocumentGraph], str]:
    """A replace_update that, for one document, appends an operation Oxigraph rejects while executing.

    The document's INSERT DATA runs first inside the same update, so only a transaction can undo it.
    """
    real = graph.store.embedded.replace_update

    def update(doc: DocumentGraph) -> str:
        """The real update, plus a failing operation for ``bad_doc``."""
        text = real(doc)
        if doc.iri == iris.document_iri(bad_doc):
            text += f" ;\nCREATE GRAPH <{existing_graph}>"  # fails: the graph exists
        return text

    return update


def test_a_failing_write_leaves_the_store_unchanged(
    store: EmbeddedStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Store level: a batch whose write fails mid-way is not written at all (old versions intact)."""
    root = write(tmp_path / "in", {"a.txt": A_TEXT, "b.txt": B_TEXT})
    run(store, [root])
    before = quads(store)
    monkeypatch.setattr(graph.store.embedded, "replace_update", _failing_update("b.txt", iris.document_iri("a.txt")))
    write(root, {"a.txt": A_CHANGED, "b.txt": B_TEXT + "More.\n"})
    docs = _document_graphs(store, root, ["a.txt", "b.txt"])
    assert all(doc.named for doc in docs)
    with pytest.raises(StoreError, match="nothing was written"):
        store.replace_documents(docs)
    assert quads(store) == before


def _document_graphs(store: EmbeddedStore, root: Path, names: Sequence[str]) -> list[DocumentGraph]:
    """Map files to DocumentGraphs the way ingest does, without writing them."""
    from datetime import datetime, timezone

    from graph.ingest import sha256_of, software_version
    from graph.rdf.linking import EntityRegistry
    from graph.rdf.mapping import DocumentInfo, RunInfo, document_graph
    from tests.data.kg_example import MODEL, fake_extract

    registry = EntityRegistry.load(store)
    out = []
    for name in names:
        text = (root / name).read_text(encoding="utf-8")
        extraction = fake_extract(text)
        now = datetime.now(timezone.utc)
        info = DocumentInfo(name, str(root / name), sha256_of(text))
        run = RunInfo(software_version(), MODEL, now, now)
        out.append(document_graph(extraction, info, run, registry.link(extraction.entities).iris))
    return out


def test_ingest_reports_a_document_that_cannot_be_written_and_keeps_the_rest(
    store: EmbeddedStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ingest level: the failing document keeps its previous version, the others in its batch are written."""
    root = write(tmp_path / "in", {"a.txt": A_TEXT, "b.txt": B_TEXT, "c.txt": 'Carla Diaz said "Hi."\n'})
    run(store, [root])
    b_before = quads(store, iris.document_iri("b.txt"))
    monkeypatch.setattr(graph.store.embedded, "replace_update", _failing_update("b.txt", iris.document_iri("c.txt")))
    write(root, {"a.txt": A_CHANGED, "b.txt": B_TEXT + "More.\n"})
    report = run(store, [root])
    assert [Path(p).name for p, _ in report.failed] == ["b.txt"]
    assert "could not be stored" in report.failed[0][1]
    assert (report.documents, report.unchanged) == (1, 1)
    assert claim_texts(store, "a.txt") == {'"The tunnel is unsafe."'}, "a.txt, in the same batch, was written"
    assert quads(store, iris.document_iri("b.txt")) == b_before, "b.txt keeps its previous version"
    assert documents(store) == {"a.txt", "b.txt", "c.txt"}


# ---------------------------------------------------------------- the real pipeline: invariants only


@pytest.mark.slow
def test_seed_reingest_is_idempotent_with_the_real_pipeline(
    nlp: Language, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Unchanged seeds are skipped; forced re-extraction mints the same IRIs and quads (bar run times)."""
    path = seed_store(tmp_path_factory, nlp, tmp_path / "store")
    with EmbeddedStore(path) as store:
        before = quads(store)
        report = ingest(store, nlp, [SEEDS])
        assert (report.documents, report.unchanged, report.failed) == (0, 2, [])
        assert quads(store) == before
        report = ingest(store, nlp, [SEEDS], force=True)
        assert report.documents == 2
        after = quads(store)
        assert len(after) == len(before)
        assert {q for q in before if "Time>" not in q[1]} == {q for q in after if "Time>" not in q[1]}
