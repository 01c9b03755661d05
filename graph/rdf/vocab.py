"""RDF vocabularies: the claimgraph namespace (CG) plus the standard ones it reuses.

Standard vocabularies carry most of the model (PROV-O, schema.org, NIF 2.0, ITS RDF, Dublin Core);
CG defines only what they lack. Every CG term is described, with a label and comment, in
``claimgraph.ttl`` beside this file.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import DCTERMS, PROV, RDF, RDFS, SDO, XSD, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["CG", "DCTERMS", "ID", "ITSRDF", "NIF", "PROV", "RDF", "RDFS", "REL", "SDO", "VOCAB_FILE", "XSD", "PREFIXES"]

VOCAB_FILE = Path(__file__).with_name("claimgraph.ttl")

# Base for the data itself (documents, claims, entities, runs, statements).
ID = Namespace("https://w3id.org/claimgraph/id/")
# Predicates of extracted subject–predicate–object triples: REL[relation].
REL = Namespace("https://w3id.org/claimgraph/rel/")


class CG(DefinedNamespace):
    """The claimgraph vocabulary: claim structure, provenance details and quote kinds."""

    _NS = Namespace("https://w3id.org/claimgraph/ns#")
    _fail = True

    # classes
    ExtractionRun: URIRef
    ClaimKind: URIRef
    Group: URIRef
    # claim kinds (instances of ClaimKind)
    Direct: URIRef
    Indirect: URIRef
    Mixed: URIRef
    Continuation: URIRef
    NoSource: URIRef
    # claim properties
    kind: URIRef
    confidence: URIRef
    cue: URIRef
    cueText: URIRef
    content: URIRef
    speakerMention: URIRef
    speakerText: URIRef
    aboutMention: URIRef
    sentence: URIRef
    # statement (extracted triple) properties
    subjectMention: URIRef
    predicateMention: URIRef
    objectMention: URIRef
    relation: URIRef
    voice: URIRef
    # document and run properties
    sha256: URIRef
    softwareVersion: URIRef
    model: URIRef


class NIF(DefinedNamespace):
    """The subset of NIF 2.0 Core used for offsets and document context."""

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True

    Context: URIRef
    OffsetBasedString: URIRef
    Phrase: URIRef
    Sentence: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    isString: URIRef
    referenceContext: URIRef
    sourceUrl: URIRef


class ITSRDF(DefinedNamespace):
    """ITS 2.0 RDF: ``taIdentRef`` links a mention span to the entity it denotes (as NIF does)."""

    _NS = Namespace("http://www.w3.org/2005/11/its/rdf#")
    _fail = True

    taIdentRef: URIRef


PREFIXES: dict[str, Namespace | str] = {
    "cg": str(CG._NS),
    "id": str(ID),
    "rel": str(REL),
    "nif": str(NIF._NS),
    "itsrdf": str(ITSRDF._NS),
    "schema": str(SDO),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}
