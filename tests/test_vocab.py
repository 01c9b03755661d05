"""The claimgraph vocabulary: every CG term in graph/rdf/vocab.py is described in claimgraph.ttl, and back."""

from __future__ import annotations

import re

import pytest
from rdflib import OWL, Graph, Literal, URIRef

from graph.queries import load_queries
from graph.rdf.vocab import CG, PREFIXES, RDF, RDFS, VOCAB_FILE

CG_NS = str(CG._NS)


def declared_terms() -> list[str]:
    """Local names annotated on the CG DefinedNamespace."""
    return sorted(name for name in CG.__annotations__ if not name.startswith("_"))


def vocabulary() -> Graph:
    """claimgraph.ttl parsed."""
    graph = Graph()
    graph.parse(VOCAB_FILE, format="turtle")
    return graph


def test_vocabulary_file_parses_and_names_the_ontology() -> None:
    graph = vocabulary()
    assert (URIRef(CG_NS), RDF.type, OWL.Ontology) in graph
    assert graph.value(URIRef(CG_NS), RDFS.label) is not None


@pytest.mark.parametrize("name", declared_terms())
def test_every_cg_term_has_an_english_label_and_comment(name: str) -> None:
    graph = vocabulary()
    term = CG[name]
    labels = [o for o in graph.objects(term, RDFS.label) if isinstance(o, Literal)]
    comments = [o for o in graph.objects(term, RDFS.comment) if isinstance(o, Literal)]
    assert labels and all(str(label).strip() for label in labels), f"cg:{name} has no rdfs:label"
    assert comments and all(len(str(c).strip()) > 10 for c in comments), f"cg:{name} has no rdfs:comment"
    assert graph.value(term, RDF.type) is not None, f"cg:{name} has no rdf:type"


def test_the_file_describes_no_term_the_code_lacks() -> None:
    described = {str(s)[len(CG_NS) :] for s in vocabulary().subjects() if str(s).startswith(CG_NS) and str(s) != CG_NS}
    assert described == set(declared_terms())


def test_unknown_cg_terms_are_refused() -> None:
    with pytest.raises(AttributeError):
        CG.noSuchTerm  # noqa: B018


def test_properties_and_classes_are_typed_consistently() -> None:
    graph = vocabulary()
    for name in declared_terms():
        kinds = set(graph.objects(CG[name], RDF.type))
        if name[0].islower():
            assert kinds == {RDF.Property}, name
        else:
            assert kinds <= {RDFS.Class, CG.ClaimKind} and kinds, name


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_query_prefixes_agree_with_the_vocabulary(name: str) -> None:
    """A canned query's PREFIX lines bind the same namespaces as graph.rdf.vocab.PREFIXES."""
    text = load_queries()[name].text
    for prefix, iri in re.findall(r"PREFIX\s+(\w*):\s*<([^>]*)>", text, flags=re.IGNORECASE):
        assert prefix in PREFIXES, f"{name}: unknown prefix {prefix}"
        assert str(PREFIXES[prefix]) == iri, f"{name}: {prefix}: is <{iri}>, vocab says <{PREFIXES[prefix]}>"
