"""The Python API: ``open_graph`` → ``ClaimGraph`` ingests, lists, queries and removes; reads stay light."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from graph.errors import CursorError, QueryParameterError, UnknownQueryError
from graph.rdf import iris
from graph.settings import Settings
from tests.data.kg_example import EXAMPLE_ID, EXAMPLE_TEXT, REPO, use_fake_extractor

if TYPE_CHECKING:
    from spacy.language import Language

OTHER_TEXT = 'Bob Smith said "Jane Doe misled Acme Corp."\n'


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """example.txt and other.txt."""
    root = tmp_path / "corpus"
    root.mkdir()
    (root / EXAMPLE_ID).write_bytes(EXAMPLE_TEXT.encode("utf-8"))
    (root / "other.txt").write_bytes(OTHER_TEXT.encode("utf-8"))
    return root


@pytest.fixture
def filled(nlp: Language, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A disk store with the hand-built corpus ingested through the API (stand-in extractor)."""
    from graph import open_graph

    use_fake_extractor(monkeypatch)
    path = tmp_path / "store"
    with open_graph(path, nlp=nlp) as cg:
        report = cg.ingest([corpus])
    assert (report.documents, report.claims, report.failed) == (2, 4, [])
    return path


def test_claims_with_filters(filled: Path) -> None:
    from graph import ClaimRecord, open_graph

    with open_graph(filled) as cg:
        everything = cg.claims()
        assert all(isinstance(c, ClaimRecord) for c in everything) and len(everything) == 4
        first = everything[0]
        assert (first.document, first.start, first.end, first.speaker, first.cue, first.kind) == (
            EXAMPLE_ID, 20, 49, "Jane Doe", "said", "direct"
        )
        assert first.about == ("Acme Corp",) and first.iri == str(iris.claim_iri(EXAMPLE_ID, 20, 49, 15))
        assert first.speaker_entity == str(iris.entity_iri("jane-doe")) and first.id == iris.local_id(first.iri)
        assert [c.document for c in cg.claims(about="ACME")] == [EXAMPLE_ID, "other.txt"]
        assert [c.speaker for c in cg.claims(speaker="smith")] == ["Bob Smith"]
        assert [c.speaker for c in cg.claims(kind="indirect")] == ["Acme Corp", "Officials"]
        assert [c.confidence for c in cg.claims(min_confidence=0.85)] == [0.9, 0.9]
        assert [c.start for c in cg.claims(document="other.txt")] == [15]
        assert cg.claims(about="nobody at all") == []
        json.dumps([c.to_dict() for c in everything])  # JSON-ready
        assert cg._nlp is None, "reads never load the spaCy pipeline"


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 10])
def test_claims_pages_walk_every_claim_once_in_order(filled: Path, limit: int) -> None:
    from graph import open_graph

    with open_graph(filled) as cg:
        walked, cursor, pages = [], None, 0
        while True:
            page = cg.claims_page(limit, cursor)
            assert page.total == 4 and len(page.items) <= limit
            walked.extend(page.items)
            pages += 1
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        assert walked == cg.claims() and pages == -(-4 // limit)
        about = cg.claims_page(1, about="acme")
        assert about.total == 2 and about.items == cg.claims(about="ACME")[:1]
        assert cg.claims(q="BRIDGE") == [c for c in cg.claims() if "bridge" in c.content.lower()] != []


def test_claims_page_refuses_a_foreign_cursor(filled: Path) -> None:
    from graph import open_graph
    from graph.lookups.paging import encode_cursor

    with open_graph(filled) as cg:
        for cursor in ("not-a-cursor", encode_cursor(("a.txt", 1)), encode_cursor((1, 2, "x"))):
            with pytest.raises(CursorError):
                cg.claims_page(2, cursor)


def test_entities_query_sparql_and_stats(filled: Path) -> None:
    from graph import open_graph

    with open_graph(filled) as cg:
        assert [(e.name, e.type, e.mentions, e.documents) for e in cg.entities()] == [
            ("Acme Corp", "Organization", 3, 2), ("Bob Smith", "Person", 3, 2), ("Jane Doe", "Person", 3, 2)
        ]
        rows = list(cg.query("claims-about", entity="Bob Smith"))
        assert [str(r.speakerName) for r in rows] == ["Acme Corp"]
        names = [str(r[0]) for r in cg.sparql("SELECT ?n WHERE { ?e <https://schema.org/name> ?n } ORDER BY ?n")]
        assert names == ["Acme Corp", "Bob Smith", "Jane Doe"]
        stats = cg.stats()
        assert {k: stats[k] for k in ("documents", "claims", "entities", "triples", "runs")} == {
            "documents": 2, "claims": 4, "entities": 3, "triples": 2, "runs": 2
        }
        assert stats["quads"] == cg.store.quad_count()
        with pytest.raises(UnknownQueryError):
            cg.query("no-such-query")
        with pytest.raises(QueryParameterError):
            cg.query("claims-about")


def test_remove_and_reopen_in_the_same_process(filled: Path) -> None:
    from graph import open_graph

    with open_graph(filled) as cg:
        assert cg.remove("other.txt") and not cg.remove("other.txt")
    for _ in range(2):  # the store is released on close, so it opens again at once
        with open_graph(filled) as cg:
            assert cg.stats()["documents"] == 1 and [c.document for c in cg.claims()] == [EXAMPLE_ID] * 3


def test_reingest_through_the_api_is_idempotent(filled: Path, corpus: Path, nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    from graph import open_graph

    use_fake_extractor(monkeypatch)
    with open_graph(filled, nlp=nlp) as cg:
        before = cg.stats()
        report = cg.ingest([corpus])
        assert (report.documents, report.unchanged) == (0, 2)
        assert cg.stats() == before


def test_in_memory_graph_and_stdin(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    from graph import open_graph

    use_fake_extractor(monkeypatch)
    with open_graph(":memory:", nlp=nlp) as cg:
        report = cg.ingest(["-"], name="pasted.txt", stdin=lambda: OTHER_TEXT.encode("utf-8"))
        assert report.doc_ids == ["pasted.txt"]
        assert [c.document for c in cg.claims(speaker="Bob Smith")] == ["pasted.txt"]


def test_settings_choose_the_store_and_size_limit(
    nlp: Language, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graph import open_graph

    use_fake_extractor(monkeypatch)
    settings = Settings(store=str(tmp_path / "from-settings"), max_bytes=60)
    with open_graph(settings=settings, nlp=nlp) as cg:
        report = cg.ingest([corpus])
    assert [Path(p).name for p, _ in report.failed] == [EXAMPLE_ID]  # 150 bytes > 60
    assert report.doc_ids == ["other.txt"]
    assert (tmp_path / "from-settings").is_dir()


def test_importing_the_api_stays_light() -> None:
    """``import graph`` and the CLI's start-up import neither spaCy, rdflib nor pyoxigraph."""
    code = (
        "import sys, graph, graph.cli; "
        "print(sorted(m for m in ('spacy', 'rdflib', 'pyoxigraph') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_read_only_graphs_read_side_by_side_and_refuse_writes(filled: Path) -> None:
    from graph import open_graph
    from graph.errors import StoreError

    with open_graph(filled, read_only=True) as first, open_graph(filled, read_only=True) as second:
        assert len(first.claims()) == len(second.claims()) == 4
        with pytest.raises(StoreError):
            first.remove("other.txt")
    with open_graph(filled) as cg:  # closing the readers released everything
        assert cg.stats()["documents"] == 2


def test_python_api_projects_and_exports_the_speaker_graph(tmp_path: Path) -> None:
    """``ClaimGraph.graph()`` and ``.export()`` reach the projection and the format writers."""
    import networkx as nx

    from graph.claimgraph import ClaimGraph
    from graph.store.embedded import EmbeddedStore
    from graph.settings import Settings

    from tests.test_store_writes import _graphs

    store = EmbeddedStore(None)
    store.replace_documents(_graphs())
    cg = ClaimGraph(store, Settings())
    projected = cg.graph()
    assert projected.number_of_edges() >= 1
    speaker, target = next(iter(projected.edges))
    assert projected.nodes[speaker]["name"] == "John Smith" and projected.nodes[target]["name"] == "Maria Lopez"
    path = tmp_path / "g.graphml"
    written = cg.export("graphml", path, speaker="john smith")
    back = nx.read_graphml(path)
    assert back.number_of_edges() == written.number_of_edges() == 1


def test_python_api_ingest_takes_an_extraction_step_and_never_loads_the_pipeline(tmp_path: Path) -> None:
    """``ClaimGraph.ingest(extract=...)`` (how a process pool or Dask cluster plugs in) bypasses ``nlp``."""
    from graph.claimgraph import ClaimGraph
    from graph.settings import Settings
    from graph.store.embedded import EmbeddedStore
    from tests.data.kg_example import fake_extract

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text('Maria Lopez said "The bridge will open."\n', encoding="utf-8")
    seen: list[str] = []

    def extract(texts):
        for text in texts:
            seen.append(text)
            yield fake_extract(text)

    cg = ClaimGraph(EmbeddedStore(None), Settings(model="no-such-pipeline"))
    report = cg.ingest([folder], extract=extract)
    assert (report.documents, report.claims) == (1, 1)
    assert seen == ['Maria Lopez said "The bridge will open."\n']
    assert cg._nlp is None
