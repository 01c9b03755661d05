"""Extraction → RDF: a hand-built extraction maps to a hand-written expected graph (by isomorphism).

Also: no blank nodes, deterministic IRIs, every extracted triple asserted and reified, claims as
nodes only, and terms serialised to N-Triples/SPARQL that survive a round trip through Oxigraph.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from graph.errors import QueryParameterError
from graph.rdf import iris
from graph.rdf.mapping import ENTITY_CLASSES, KIND_TERMS, DocumentGraph, DocumentInfo, RunInfo, document_graph
from graph.rdf.ntriples import iri_term, nquads, term
from graph.rdf.vocab import CG, DCTERMS, NIF, PROV, RDF, REL, SDO, XSD
from graph.store.embedded import EmbeddedStore
from graph.types import ClaimKind, EntityType, Extraction
from tests.data.kg_example import (
    ENDED,
    EXAMPLE_ID,
    EXAMPLE_PATH,
    EXAMPLE_TEXT,
    EXPECTED_TRIG,
    MODEL,
    SOFTWARE,
    STARTED,
    example_extraction,
)

DOC = URIRef("https://w3id.org/claimgraph/id/doc/example.txt")


def map_example(extraction: Extraction | None = None, doc_id: str = EXAMPLE_ID) -> DocumentGraph:
    """The example extraction mapped with fixed run times and entity IRIs from the entity keys."""
    extraction = extraction or example_extraction()
    info = DocumentInfo(doc_id, EXAMPLE_PATH, hashlib.sha256(extraction.text.encode("utf-8")).hexdigest())
    run = RunInfo(SOFTWARE, MODEL, STARTED, ENDED)
    entity_iris = {e.key: iris.entity_iri(e.key) for e in extraction.entities}
    return document_graph(extraction, info, run, entity_iris)


def expected() -> tuple[Graph, Graph]:
    """The named and default graph of the hand-written fixture."""
    dataset = Dataset()
    dataset.parse(EXPECTED_TRIG, format="trig")
    return dataset.graph(DOC), dataset.graph(DATASET_DEFAULT_GRAPH_ID)


def as_graph(triples: tuple[tuple[object, object, object], ...]) -> Graph:
    """An rdflib Graph of mapped triples."""
    graph = Graph()
    for triple in triples:
        graph.add(triple)  # type: ignore[arg-type]
    return graph


def assert_same_graph(actual: Graph, wanted: Graph, what: str) -> None:
    """Isomorphism, with the differing triples in the failure message."""
    if not isomorphic(actual, wanted):
        _both, only_actual, only_wanted = graph_diff(to_isomorphic(actual), to_isomorphic(wanted))
        extra = "\n".join(sorted(f"  + {t}" for t in only_actual))
        missing = "\n".join(sorted(f"  - {t}" for t in only_wanted))
        pytest.fail(f"{what} differs from the fixture\nunexpected:\n{extra}\nmissing:\n{missing}")


def test_example_maps_to_the_expected_named_and_default_graph() -> None:
    doc = map_example()
    named, default = expected()
    assert doc.iri == DOC
    assert_same_graph(as_graph(doc.named), named, "the document's named graph")
    assert_same_graph(as_graph(doc.default), default, "the default graph")


def canonical_integers(graph: Graph) -> Graph:
    """The graph with xsd:nonNegativeInteger literals retyped xsd:integer, as Oxigraph stores them.

    Oxigraph keeps derived numeric types as their primitive type (same value, e.g. NIF offsets).
    """
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.nonNegativeInteger:
            o = Literal(int(o), datatype=XSD.integer)
        out.add((s, p, o))
    return out


def test_stored_dataset_is_exactly_the_expected_dataset() -> None:
    """Written to Oxigraph and dumped back as N-Quads: the same quads, in the same graphs."""
    import pyoxigraph as ox

    store = EmbeddedStore(None)
    store.replace_documents([map_example()])
    dumped = Dataset()
    dumped.parse(data=store.inner.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    named, default = (canonical_integers(g) for g in expected())
    assert {g.identifier for g in dumped.graphs() if len(g)} == {DOC, DATASET_DEFAULT_GRAPH_ID}
    assert_same_graph(dumped.graph(DOC), named, "the stored named graph")
    assert_same_graph(dumped.graph(DATASET_DEFAULT_GRAPH_ID), default, "the stored default graph")
    assert store.quad_count() == len(named) + len(default)


def test_no_blank_nodes_and_no_duplicate_triples() -> None:
    doc = map_example()
    for triples in (doc.named, doc.default):
        assert not [t for t in triples if any(isinstance(x, BNode) for x in t)]
        assert len(set(triples)) == len(triples), "each triple is emitted once"
    assert len(doc) == len(set(doc.named)) + len(set(doc.default))


def test_mapping_is_deterministic() -> None:
    """The same input mints the same IRIs and triples; another document id mints other claim IRIs."""
    first, second = map_example(), map_example()
    assert set(first.named) == set(second.named) and set(first.default) == set(second.default)
    other = map_example(doc_id="other.txt")
    claims = {s for s, p, o in first.named if (p, o) == (RDF.type, SDO.Claim)}
    other_claims = {s for s, p, o in other.named if (p, o) == (RDF.type, SDO.Claim)}
    assert len(claims) == 3 and len(other_claims) == 3 and not claims & other_claims


def test_every_extracted_triple_is_asserted_and_reified_with_its_provenance() -> None:
    extraction = example_extraction()
    doc = map_example(extraction)
    graph = as_graph(doc.named)
    run = next(o for s, p, o in doc.default if (s, p) == (DOC, PROV.wasGeneratedBy))
    for triple in extraction.triples:
        predicate = REL[iris.quote_relation(triple.relation)]
        statements = [
            s
            for s in graph.subjects(RDF.predicate, predicate)
            if (s, CG.subjectMention, iris.span_iri(DOC, triple.subject.span.start, triple.subject.span.end)) in graph
        ]
        assert len(statements) == 1, triple
        node = statements[0]
        subject, obj = graph.value(node, RDF.subject), graph.value(node, RDF.object)
        assert (subject, predicate, obj) in graph, "asserted in the document's graph"
        assert (node, RDF.type, RDF.Statement) in graph
        sentence = graph.value(node, CG.sentence)
        assert sentence == iris.span_iri(DOC, triple.sentence.start, triple.sentence.end)
        assert graph.value(sentence, NIF.anchorOf) == Literal(triple.sentence.text)
        assert graph.value(sentence, NIF.beginIndex).toPython() == triple.sentence.start
        assert graph.value(sentence, NIF.endIndex).toPython() == triple.sentence.end
        assert graph.value(node, PROV.wasGeneratedBy) == run
        assert graph.value(node, PROV.wasDerivedFrom) == DOC


def test_claims_are_nodes_never_asserted_facts() -> None:
    """Only extracted triples use REL predicates; a claim's content stays a literal and spans on a node."""
    extraction = example_extraction()
    doc = map_example(extraction)
    asserted = [t for t in doc.named if str(t[1]).startswith(str(REL))]
    assert len(asserted) == len(extraction.triples)
    graph = as_graph(doc.named)
    claims = set(graph.subjects(RDF.type, SDO.Claim))
    assert {str(graph.value(c, SDO.text)) for c in claims} == {c.content_text for c in extraction.claims}
    for claim in claims:
        assert graph.value(claim, PROV.wasDerivedFrom) == DOC
        assert not any(str(p).startswith(str(REL)) for p in graph.predicates(claim))


def test_default_graph_describes_only_the_document_its_run_and_entities() -> None:
    doc = map_example()
    run = iris.run_iri(EXAMPLE_ID, hashlib.sha256(EXAMPLE_TEXT.encode()).hexdigest(), SOFTWARE, MODEL)
    entities = {iris.entity_iri(e.key) for e in example_extraction().entities}
    assert {s for s, _, _ in doc.default} == {DOC, run} | entities
    assert DOC not in {s for s, _, _ in doc.named}, "the document is described in the default graph only"
    assert set(doc.owned) == {DOC, run}
    default = as_graph(doc.default)
    assert (DOC, PROV.wasGeneratedBy, run) in default and (run, PROV.used, DOC) in default
    assert default.value(DOC, CG.sha256) == Literal(hashlib.sha256(EXAMPLE_TEXT.encode()).hexdigest())
    assert default.value(DOC, DCTERMS.identifier) == Literal(EXAMPLE_ID)


def test_unresolved_mentions_stay_spans() -> None:
    """A speaker or object that resolves to no entity keeps its span and text, with no entity link."""
    graph = as_graph(map_example().named)
    officials = iris.span_iri(DOC, 93, 102)
    claim = graph.value(predicate=CG.speakerMention, object=officials)
    assert claim is not None and graph.value(claim, SDO.author) is None
    assert graph.value(claim, CG.speakerText) == Literal("Officials")
    assert graph.value(officials, URIRef("http://www.w3.org/2005/11/its/rdf#taIdentRef")) is None


@pytest.mark.parametrize("kind", list(ClaimKind))
def test_every_claim_kind_has_a_term(kind: ClaimKind) -> None:
    extraction = example_extraction()
    claims = (replace(extraction.claims[0], kind=kind),)
    graph = as_graph(map_example(replace(extraction, claims=claims)).named)
    assert set(graph.objects(predicate=CG.kind)) == {KIND_TERMS[kind]}


@pytest.mark.parametrize("etype", list(EntityType))
def test_every_entity_type_has_a_class(etype: EntityType) -> None:
    extraction = example_extraction()
    entities = (replace(extraction.entities[0], type=etype), *extraction.entities[1:])
    default = as_graph(map_example(replace(extraction, entities=entities)).default)
    assert default.value(iris.entity_iri("jane-doe"), RDF.type) == ENTITY_CLASSES[etype]


# ---------------------------------------------------------------- IRIs


@pytest.mark.parametrize(
    "doc_id", ["a.txt", "sub/dir/b.md", "with space.txt", "ünï/cödé.md", "hash#and?query.txt", "100%.txt", "x>y\".txt"]
)
def test_document_iris_are_safe_and_invertible(doc_id: str) -> None:
    iri = iris.document_iri(doc_id)
    iri_term(str(iri))  # would raise on characters that break out of <...>
    assert iris.document_id(iri) == doc_id
    assert "#" not in str(iri) and "?" not in str(iri)
    assert iris.span_iri(iri, 3, 7) == URIRef(f"{iri}#char=3,7")


def test_document_id_refuses_other_iris() -> None:
    with pytest.raises(ValueError, match="not a document IRI"):
        iris.document_id("https://example.org/x")


@pytest.mark.parametrize(
    ("relation", "local"), [("defeat", "defeat"), ("Vote For", "vote_for"), ("  ", "related_to"), ("a>b", "a%3Eb")]
)
def test_relation_predicates_are_safe(relation: str, local: str) -> None:
    assert iris.quote_relation(relation) == local
    iri_term(str(REL[local]))


def test_iri_constructors_are_stable_and_distinct() -> None:
    assert iris.claim_iri("a.txt", 1, 5, 0) == iris.claim_iri("a.txt", 1, 5, 0)
    assert len({iris.claim_iri("a.txt", 1, 5, 0), iris.claim_iri("a.txt", 1, 5, None), iris.claim_iri("b.txt", 1, 5, 0)}) == 3
    assert iris.local_id(iris.entity_iri("keir starmer")) == "keir starmer"
    assert "%20" in str(iris.entity_iri("keir starmer"))


# ---------------------------------------------------------------- N-Triples / SPARQL terms


@pytest.mark.parametrize("bad", ["http://x/a>b", "http://x/a b", 'http://x/"', "http://x/{}", "http://x/\n"])
def test_iri_terms_refuse_breaking_characters(bad: str) -> None:
    with pytest.raises(QueryParameterError):
        term(URIRef(bad))


def test_blank_nodes_are_refused() -> None:
    with pytest.raises(ValueError, match="no blank nodes"):
        term(BNode())


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=40), lang=st.sampled_from([None, "en", "fr-be"]))
def test_literals_round_trip_through_oxigraph(text: str, lang: str | None) -> None:
    """Any string (quotes, backslashes, newlines, controls, emoji) is stored and read back unchanged."""
    import pyoxigraph as ox

    store = ox.Store()
    literals = [Literal(text, lang=lang), Literal(text, datatype=XSD.string), Literal(text, datatype=URIRef("http://x/dt"))]
    triples = [(URIRef(f"http://x/s{i}"), URIRef("http://x/p"), lit) for i, lit in enumerate(literals)]
    store.update(f"INSERT DATA {{ GRAPH <http://x/g> {{ {nquads(triples, None)} }} }}")
    for i, lit in enumerate(literals):
        (quad,) = list(store.quads_for_pattern(ox.NamedNode(f"http://x/s{i}"), None, None, None))
        assert quad.object.value == text
        assert (quad.object.language or None) == (lit.language or None)


# ---------------------------------------------------------------- cross-document entity linking


@pytest.mark.parametrize(
    ("name", "etype"),
    [("UK", EntityType.PLACE), ("EU", EntityType.ORGANIZATION), ("Jane Doe", EntityType.PERSON), ("Acme Corp", EntityType.ORGANIZATION)],
)
def test_linking_finds_the_stored_entity_again(name: str, etype: EntityType) -> None:
    """Re-ingesting a document links each entity to the IRI it got before, short names included."""
    from graph.rdf.linking import EntityRegistry
    from graph.types import Entity

    entity = Entity(iris.local_id(iris.entity_iri(name.lower().replace(" ", "-"))), name, etype, (name,), ())
    store = EmbeddedStore(None)
    first = EntityRegistry.load(store).link([entity])
    extraction = replace(example_extraction(), entities=(entity,), claims=(), triples=())
    info = DocumentInfo(EXAMPLE_ID, EXAMPLE_PATH, "0" * 64)
    store.replace_documents([document_graph(extraction, info, RunInfo(SOFTWARE, MODEL, STARTED, ENDED), first.iris)])
    again = EntityRegistry.load(store).link([entity])
    assert again.iris == first.iris == {entity.key: iris.entity_iri(entity.key)}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("senior Labour official", True),
        ("five Muslim organisations", True),
        ("an anonymous party strategist", True),
        ("Keir Starmer", False),
        ("Muslim women of Batley and Spen", False),
        ("de Blasio", False),
        ("al-Assad", False),
        ("van Gogh", False),
        ("", False),
    ],
)
def test_descriptions_are_told_from_names(name: str, expected: bool) -> None:
    """Only a lower-case description (not a name particle such as 'de' or 'al-') counts as unnamed."""
    from graph.rdf.linking import is_description

    assert is_description(name) is expected


def test_a_description_is_one_entity_per_document_and_names_link_across() -> None:
    """Two documents' "senior Labour official" stay two entities; their "Keir Starmer" is one."""
    from graph.rdf.linking import EntityRegistry
    from graph.types import Entity

    official = Entity("senior-labour-official", "senior Labour official", EntityType.PERSON, ("senior Labour official",))
    starmer = Entity("keir-starmer", "Keir Starmer", EntityType.PERSON, ("Keir Starmer",))
    store = EmbeddedStore(None)
    run = RunInfo(SOFTWARE, MODEL, STARTED, ENDED)
    linked = {}
    for doc_id in ("a.txt", "b.txt"):
        linking = EntityRegistry.load(store).link([official, starmer], document=doc_id)
        extraction = replace(example_extraction(), entities=(official, starmer), claims=(), triples=())
        store.replace_documents([document_graph(extraction, DocumentInfo(doc_id, doc_id, "0" * 64), run, linking.iris)])
        linked[doc_id] = linking.iris
    assert linked["a.txt"]["keir-starmer"] == linked["b.txt"]["keir-starmer"]
    assert linked["a.txt"]["senior-labour-official"] != linked["b.txt"]["senior-labour-official"]
    again = EntityRegistry.load(store).link([official], document="a.txt")
    assert again.iris == {"senior-labour-official": linked["a.txt"]["senior-labour-official"]}
