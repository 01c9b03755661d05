"""Extraction → RDF: one named graph per document, plus its description in the default graph.

The named graph (named by the document IRI) holds the claims, spans, entity mentions and extracted
triples (each asserted and reified as an ``rdf:Statement``). The default graph describes the
document, its extraction run and the entities. Every node has a deterministic IRI.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from rdflib import Literal, URIRef
from rdflib.term import Node

from graph.rdf import iris
from graph.rdf.vocab import CG, DCTERMS, ITSRDF, NIF, PROV, RDF, REL, SDO, XSD
from graph.types import Claim, ClaimKind, Entity, EntityType, Extraction, Mention, Span, Triple

RdfTriple = tuple[Node, Node, Node]

KIND_TERMS: dict[ClaimKind, URIRef] = {
    ClaimKind.DIRECT: CG.Direct,
    ClaimKind.INDIRECT: CG.Indirect,
    ClaimKind.MIXED: CG.Mixed,
    ClaimKind.CONTINUATION: CG.Continuation,
    ClaimKind.NO_SOURCE: CG.NoSource,
}

ENTITY_CLASSES: dict[EntityType, URIRef] = {
    EntityType.PERSON: SDO.Person,
    EntityType.ORGANIZATION: SDO.Organization,
    EntityType.PLACE: SDO.Place,
    EntityType.GROUP: CG.Group,
    EntityType.OTHER: SDO.Thing,
}


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """Identity of one document version: id (path relative to the ingest root), path as given, hash."""

    doc_id: str
    path: str
    sha256: str

    @property
    def iri(self) -> URIRef:
        """The document IRI, also the name of its graph."""
        return iris.document_iri(self.doc_id)


@dataclass(frozen=True, slots=True)
class RunInfo:
    """Provenance of one extraction run."""

    software: str
    model: str
    started: datetime
    ended: datetime


@dataclass(frozen=True, slots=True)
class DocumentGraph:
    """Everything to write for one document: its named graph and its default-graph description.

    ``owned`` lists default-graph subjects (document, run) whose old description a rewrite replaces;
    ``default_deletes`` lists default-graph triples to retract (e.g. an entity's superseded name).
    """

    iri: URIRef
    named: tuple[RdfTriple, ...]
    default: tuple[RdfTriple, ...]
    owned: tuple[URIRef, ...] = ()
    default_deletes: tuple[RdfTriple, ...] = field(default=())

    def __len__(self) -> int:
        return len(self.named) + len(self.default)


def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD.nonNegativeInteger)


class _SpanWriter:
    """Emits each span node once per document, typed and anchored to the document context."""

    def __init__(self, doc: URIRef, context: URIRef) -> None:
        self.doc = doc
        self.context = context
        self.seen: set[URIRef] = set()

    def node(self, span: Span, out: list[RdfTriple], kind: URIRef = NIF.Phrase) -> URIRef:
        iri = iris.span_iri(self.doc, span.start, span.end)
        if iri not in self.seen:
            self.seen.add(iri)
            out.extend(
                [
                    (iri, RDF.type, NIF.OffsetBasedString),
                    (iri, NIF.beginIndex, _int(span.start)),
                    (iri, NIF.endIndex, _int(span.end)),
                    (iri, NIF.anchorOf, Literal(span.text)),
                    (iri, NIF.referenceContext, self.context),
                ]
            )
        out.append((iri, RDF.type, kind))
        return iri


def document_graph(
    extraction: Extraction,
    doc: DocumentInfo,
    run: RunInfo,
    entity_iris: Mapping[str, URIRef],
) -> DocumentGraph:
    """Map one document's extraction to RDF, linking its entity keys to the given entity IRIs."""
    doc_iri = doc.iri
    run_iri = iris.run_iri(doc.doc_id, doc.sha256, run.software, run.model)
    context = iris.span_iri(doc_iri, 0, len(extraction.text))
    spans = _SpanWriter(doc_iri, context)
    named: list[RdfTriple] = [
        (context, RDF.type, NIF.Context),
        (context, RDF.type, NIF.OffsetBasedString),
        (context, NIF.beginIndex, _int(0)),
        (context, NIF.endIndex, _int(len(extraction.text))),
        (context, NIF.isString, Literal(extraction.text)),
        (context, NIF.sourceUrl, doc_iri),
    ]
    for sentence in extraction.sentences:
        spans.node(sentence, named, NIF.Sentence)
    for entity in extraction.entities:
        entity_node = entity_iris[entity.key]
        for mention in entity.mentions:
            span_node = spans.node(mention, named)
            named.append((span_node, ITSRDF.taIdentRef, entity_node))
    for claim in extraction.claims:
        named.extend(_claim_triples(claim, doc, doc_iri, run_iri, spans, entity_iris))
    for triple in extraction.triples:
        named.extend(_statement_triples(triple, doc, doc_iri, run_iri, spans, entity_iris))

    default: list[RdfTriple] = [
        (doc_iri, RDF.type, SDO.CreativeWork),
        (doc_iri, RDF.type, PROV.Entity),
        (doc_iri, DCTERMS.identifier, Literal(doc.doc_id)),
        (doc_iri, DCTERMS.source, Literal(doc.path)),
        (doc_iri, CG.sha256, Literal(doc.sha256)),
        (doc_iri, DCTERMS.extent, _int(len(extraction.text))),
        (doc_iri, DCTERMS.title, Literal(_title(extraction.text))),
        (doc_iri, PROV.wasGeneratedBy, run_iri),
        (run_iri, RDF.type, CG.ExtractionRun),
        (run_iri, RDF.type, PROV.Activity),
        (run_iri, PROV.used, doc_iri),
        (run_iri, CG.softwareVersion, Literal(run.software)),
        (run_iri, CG.model, Literal(run.model)),
        (run_iri, PROV.startedAtTime, Literal(run.started, datatype=XSD.dateTime)),
        (run_iri, PROV.endedAtTime, Literal(run.ended, datatype=XSD.dateTime)),
    ]
    for entity in extraction.entities:
        default.extend(entity_triples(entity, entity_iris[entity.key]))
    # spans shared by several roles (a mention that is also a speaker) would otherwise repeat triples
    return DocumentGraph(
        iri=doc_iri, named=tuple(dict.fromkeys(named)), default=tuple(dict.fromkeys(default)), owned=(doc_iri, run_iri)
    )


def entity_triples(entity: Entity, node: URIRef) -> Iterator[RdfTriple]:
    """An entity's default-graph description: class, canonical name and aliases."""
    yield (node, RDF.type, ENTITY_CLASSES.get(entity.type, SDO.Thing))
    yield (node, SDO.name, Literal(entity.name))
    for alias in sorted(set(entity.aliases) - {entity.name}):
        yield (node, SDO.alternateName, Literal(alias))


def _mention_node(
    mention: Mention, spans: _SpanWriter, out: list[RdfTriple], entity_iris: Mapping[str, URIRef]
) -> tuple[URIRef, URIRef | None]:
    """The span node of a mention, linked to its entity when resolved."""
    node = spans.node(mention.span, out)
    entity = entity_iris.get(mention.entity) if mention.entity else None
    if entity is not None:
        out.append((node, ITSRDF.taIdentRef, entity))
    return node, entity


def _claim_triples(
    claim: Claim,
    doc: DocumentInfo,
    doc_iri: URIRef,
    run_iri: URIRef,
    spans: _SpanWriter,
    entity_iris: Mapping[str, URIRef],
) -> list[RdfTriple]:
    first, last = claim.contents[0], claim.contents[-1]
    node = iris.claim_iri(doc.doc_id, first.start, last.end, claim.cue.start if claim.cue else None)
    out: list[RdfTriple] = [
        (node, RDF.type, SDO.Claim),
        (node, SDO.text, Literal(claim.content_text)),
        (node, CG.kind, KIND_TERMS[claim.kind]),
        (node, CG.confidence, Literal(round(claim.confidence, 3), datatype=XSD.decimal)),
        (node, PROV.wasDerivedFrom, doc_iri),
        (node, PROV.wasGeneratedBy, run_iri),
    ]
    for span in claim.contents:
        out.append((node, CG.content, spans.node(span, out)))
    if claim.cue is not None:
        out.append((node, CG.cue, spans.node(claim.cue, out)))
        out.append((node, CG.cueText, Literal(claim.cue.text.lower())))
    if claim.source is not None:
        mention, entity = _mention_node(claim.source, spans, out, entity_iris)
        out.append((node, CG.speakerMention, mention))
        out.append((node, CG.speakerText, Literal(claim.source.span.text)))
        if entity is not None:
            out.append((node, SDO.author, entity))
    for about in claim.about:
        mention, entity = _mention_node(about, spans, out, entity_iris)
        out.append((node, CG.aboutMention, mention))
        if entity is not None:
            out.append((node, SDO.about, entity))
    if claim.sentence is not None:
        out.append((node, CG.sentence, spans.node(claim.sentence, out, NIF.Sentence)))
    return out


def _statement_triples(
    triple: Triple,
    doc: DocumentInfo,
    doc_iri: URIRef,
    run_iri: URIRef,
    spans: _SpanWriter,
    entity_iris: Mapping[str, URIRef],
) -> list[RdfTriple]:
    out: list[RdfTriple] = []
    subject_span, subject_entity = _mention_node(triple.subject, spans, out, entity_iris)
    object_span, object_entity = _mention_node(triple.object, spans, out, entity_iris)
    predicate_span = spans.node(triple.predicate, out)
    predicate = REL[iris.quote_relation(triple.relation)]
    subject = subject_entity or subject_span
    obj = object_entity or object_span
    node = iris.statement_iri(doc.doc_id, *triple.offsets)
    out.extend(
        [
            (subject, predicate, obj),
            (node, RDF.type, RDF.Statement),
            (node, RDF.subject, subject),
            (node, RDF.predicate, predicate),
            (node, RDF.object, obj),
            (node, CG.relation, Literal(triple.relation)),
            (node, CG.voice, Literal(triple.voice)),
            (node, CG.subjectMention, subject_span),
            (node, CG.predicateMention, predicate_span),
            (node, CG.objectMention, object_span),
            (node, CG.sentence, spans.node(triple.sentence, out, NIF.Sentence)),
            (node, PROV.wasDerivedFrom, doc_iri),
            (node, PROV.wasGeneratedBy, run_iri),
        ]
    )
    return out


def _title(text: str) -> str:
    """The first non-blank line, shortened: a human handle for the document."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= 120 else line[:117] + "..."
    return ""
