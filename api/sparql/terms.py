"""Backend-neutral RDF terms for result rows, converted from pyoxigraph or rdflib terms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True, slots=True)
class Term:
    """One RDF term of a result row: ``kind`` is uri, bnode, literal or triple (RDF-star)."""

    kind: str
    value: str
    datatype: str | None = None  # literals only; None for simple (xsd:string) and language-tagged ones
    language: str | None = None
    parts: tuple[Term, Term, Term] | None = None  # quoted triples only


def literal(value: str, datatype: str | None, language: str | None) -> Term:
    """A literal term with the implicit datatypes (xsd:string, rdf:langString) dropped."""
    if language or datatype in (XSD_STRING, RDF_LANG_STRING):
        datatype = None
    return Term("literal", value, datatype, language or None)


def from_oxigraph(node: Any) -> Term:
    """A Term from a pyoxigraph NamedNode, BlankNode, Literal or Triple."""
    import pyoxigraph as ox

    if isinstance(node, ox.NamedNode):
        return Term("uri", node.value)
    if isinstance(node, ox.BlankNode):
        return Term("bnode", node.value)
    if isinstance(node, ox.Literal):
        return literal(node.value, node.datatype.value, node.language)
    if isinstance(node, ox.Triple):
        parts = (from_oxigraph(node.subject), from_oxigraph(node.predicate), from_oxigraph(node.object))
        return Term("triple", "", parts=parts)
    raise TypeError(f"not an RDF term: {node!r}")


def from_rdflib(node: Any) -> Term:
    """A Term from an rdflib URIRef, BNode or Literal."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(node, URIRef):
        return Term("uri", str(node))
    if isinstance(node, BNode):
        return Term("bnode", str(node))
    if isinstance(node, Literal):
        return literal(str(node), str(node.datatype) if node.datatype else None, node.language)
    raise TypeError(f"not an RDF term: {node!r}")
