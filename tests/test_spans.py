"""Every stored span quotes its original file exactly: ``text[begin:end] == anchorOf``.

The spans are read back from the store (not from the extraction) and checked against the files in
seeds/ and against awkward text (CRLF, astral-plane emoji, combining accents) run through the real pipeline.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.ingest import ingest
from graph.rdf import iris
from graph.rdf.mapping import DocumentInfo, RunInfo, document_graph
from graph.store.embedded import EmbeddedStore
from graph.types import Claim, ClaimKind, Entity, EntityType, Extraction, Mention, Span
from tests.data.kg_example import EXAMPLE_ID, EXAMPLE_TEXT, SEEDS, fake_extract_batch, seed_store

if TYPE_CHECKING:
    from spacy.language import Language

SPANS = """
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?g ?span ?begin ?end ?anchor ?context WHERE {
  GRAPH ?g { ?span nif:beginIndex ?begin ; nif:endIndex ?end .
             OPTIONAL { ?span nif:anchorOf ?anchor } OPTIONAL { ?span nif:referenceContext ?context } }
}
"""
CONTEXTS = """
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?g ?context ?string WHERE { GRAPH ?g { ?context a nif:Context ; nif:isString ?string } }
"""

AWKWARD = (
    "Caf\u00e9 owner Jos\u00e9 Garc\u00eda said on Monday that prices would rise.\r\n"
    "\U0001f600 \u201cWe cannot go on like this,\u201d Garc\u00eda told reporters.\r\n"
    "The mayor, Anne Hidalgo, said that the city\u0301 would help \U0001f44d.\r\n"
)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Iterator[EmbeddedStore]:
    """The seed store, open for the module."""
    path = seed_store(tmp_path_factory, nlp, tmp_path_factory.mktemp("spans") / "store")
    with EmbeddedStore(path) as store:
        yield store


def original(doc_id: str, root: Path = SEEDS) -> str:
    """The file's text exactly as read (bytes decoded, no newline translation)."""
    return (root / doc_id).read_bytes().decode("utf-8")


def check_spans(store: EmbeddedStore, root: Path | dict[str, str]) -> int:
    """Assert every stored span against its file under ``root`` (or a doc id -> text map); returns the count."""
    texts: dict[str, str] = dict(root) if isinstance(root, dict) else {}
    bad: list[str] = []
    count = 0
    for g, span, begin, end, anchor, context in store.query(SPANS):
        doc_id = iris.document_id(str(g))
        text = texts[doc_id] if doc_id in texts else texts.setdefault(doc_id, original(doc_id, root))  # type: ignore[arg-type]
        b, e = int(begin), int(end)
        count += 1
        assert str(span) == str(iris.span_iri(g, b, e)), "span IRIs carry their offsets (RFC 5147)"
        whole = str(iris.span_iri(g, 0, len(text)))
        if str(span) == whole and anchor is None:  # the nif:Context: the text is its nif:isString
            continue
        assert str(context) == whole, f"{span} is not anchored in its document's context"
        if anchor is None or text[b:e] != str(anchor):
            bad.append(f"{doc_id} [{b}:{e}] stored {str(anchor)!r}, file has {text[b:e]!r}")
    assert not bad, "\n".join(bad[:20])
    return count


def test_every_stored_span_quotes_the_seed_files(seeds: EmbeddedStore) -> None:
    checked = check_spans(seeds, SEEDS)
    assert checked > 100, "the seeds hold sentences, mentions, claims and triples"
    documents = {iris.document_id(str(row[0])) for row in seeds.query(SPANS)}
    assert documents == {p.name for p in SEEDS.glob("*.txt")}


def test_each_document_context_is_the_whole_file(seeds: EmbeddedStore) -> None:
    rows = list(seeds.query(CONTEXTS))
    assert len(rows) == len(list(SEEDS.glob("*.txt")))
    for g, context, string in rows:
        text = original(iris.document_id(str(g)))
        assert str(string) == text
        assert str(context) == str(iris.span_iri(g, 0, len(text)))


def test_claim_parts_are_spans_of_their_document(seeds: EmbeddedStore) -> None:
    """Every claim has content spans, and its speaker/cue/about spans lie in the same document graph."""
    rows = seeds.query(
        """PREFIX cg: <https://w3id.org/claimgraph/ns#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?claim (COUNT(DISTINCT ?content) AS ?contents) (COUNT(DISTINCT ?foreign) AS ?foreigns) WHERE {
          GRAPH ?g { ?claim a <https://schema.org/Claim> .
                     OPTIONAL { ?claim cg:content ?content . ?content nif:anchorOf ?x } }
          OPTIONAL { GRAPH ?g { ?claim cg:content|cg:cue|cg:speakerMention|cg:aboutMention|cg:sentence ?foreign }
                     FILTER(!STRSTARTS(STR(?foreign), STR(?g))) }
        } GROUP BY ?claim"""
    )
    rows = list(rows)
    assert rows
    for claim, contents, foreigns in rows:
        assert int(contents) >= 1, f"{claim} has no content span"
        assert int(foreigns) == 0, f"{claim} points at spans of another document"


@pytest.mark.slow
def test_awkward_text_offsets_count_code_points(nlp: Language, tmp_path: Path) -> None:
    """CRLF line ends, emoji outside the BMP and combining accents: offsets still index the original string."""
    root = tmp_path / "in"
    root.mkdir()
    (root / "awkward.txt").write_bytes(AWKWARD.encode("utf-8"))
    with EmbeddedStore(None) as store:
        report = ingest(store, nlp, [root])
        assert report.documents == 1 and not report.failed
        assert check_spans(store, root) > 5


def test_the_check_catches_a_span_that_misquotes_its_file(tmp_path: Path) -> None:
    """The span check is not vacuous: one altered anchor in the hand-built example makes it fail."""
    root = tmp_path / "in"
    root.mkdir()
    (root / EXAMPLE_ID).write_bytes(EXAMPLE_TEXT.encode("utf-8"))
    with EmbeddedStore(None) as store:
        ingest(store, None, [root], extract=fake_extract_batch)
        assert check_spans(store, root) == 21  # 20 distinct spans and the context
        span = iris.span_iri(iris.document_iri(EXAMPLE_ID), 6, 14)
        anchor = "<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf>"
        graph = f"<{iris.document_iri(EXAMPLE_ID)}>"
        store.update(
            f'DELETE DATA {{ GRAPH {graph} {{ <{span}> {anchor} "Jane Doe" }} }} ;'
            f' INSERT DATA {{ GRAPH {graph} {{ <{span}> {anchor} "Jane Doh" }} }}'
        )
        with pytest.raises(AssertionError, match="Jane Doh"):
            check_spans(store, root)


@st.composite
def extractions(draw: st.DrawFn) -> Extraction:
    """Random text (any code points, CRLF, quotes, emoji) with random spans as sentences, mentions and a claim."""
    text = draw(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60))
    bounds = st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(sorted)
    spans = [Span.of(text, a, b) for a, b in draw(st.lists(bounds, min_size=1, max_size=6))]
    entity = Entity("x", "X", EntityType.PERSON, (), tuple(spans[1:3]))
    claim = Claim(ClaimKind.DIRECT, (spans[0],), cue=spans[-1], source=Mention(spans[-1], "x"), sentence=spans[0])
    return Extraction(text=text, sentences=tuple(spans[:2]), entities=(entity,), claims=(claim,))


@settings(max_examples=40, deadline=None)
@given(extraction=extractions())
def test_any_text_and_spans_survive_the_store(extraction: Extraction) -> None:
    """Whatever the characters, the stored anchors and offsets quote the text (mapping, escaping, Oxigraph)."""
    info = DocumentInfo("doc.txt", "doc.txt", "0" * 64)
    run = RunInfo("claimgraph test", "en_test-0", datetime(2026, 1, 1, tzinfo=timezone.utc), datetime(2026, 1, 1, tzinfo=timezone.utc))
    with EmbeddedStore(None) as store:
        store.replace_documents([document_graph(extraction, info, run, {"x": iris.entity_iri("x")})])
        assert check_spans(store, {"doc.txt": extraction.text}) >= 1
        (string,) = [str(row[2]) for row in store.query(CONTEXTS)]
        assert string == extraction.text


def test_the_default_graph_only_describes_documents_runs_and_entities(seeds: EmbeddedStore) -> None:
    """Everything extracted lives in its document's named graph; the default graph holds descriptions only."""
    import pyoxigraph as ox

    kinds: dict[str, int] = {}
    for quad in seeds.inner.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        kind = str(quad.subject.value)[len(str(iris.ID)) :].split("/", 1)[0]
        kinds[kind] = kinds.get(kind, 0) + 1
        assert str(quad.subject.value).startswith(str(iris.ID)), quad
    assert set(kinds) == {"doc", "run", "entity"}, kinds
    named = {str(g.value) for g in seeds.inner.named_graphs()}
    assert named == {str(iris.document_iri(p.name)) for p in SEEDS.glob("*.txt")}


def test_seed_graph_has_no_blank_nodes_and_every_statement_is_also_asserted(seeds: EmbeddedStore) -> None:
    """Real extraction output: no blank nodes; each reified triple is asserted and carries its sentence and run."""
    import pyoxigraph as ox

    assert not [q for q in seeds.inner if any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))]
    statements = seeds.query(
        """PREFIX cg: <https://w3id.org/claimgraph/ns#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?st ?asserted ?sentence ?run WHERE {
          GRAPH ?g { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
                     BIND(EXISTS { ?s ?p ?o } AS ?asserted)
                     BIND(EXISTS { ?st cg:sentence ?span . ?span nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?a }
                          AS ?sentence)
                     BIND(EXISTS { ?st prov:wasGeneratedBy ?r } AS ?run) }
        }"""
    )
    rows = list(statements)
    assert rows, "the seeds yield extracted triples"
    for statement, asserted, sentence, run in rows:
        assert asserted.toPython() and sentence.toPython() and run.toPython(), statement
