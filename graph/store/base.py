"""The store interface every backend implements: open, write a document, drop one, query, update, close."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from rdflib import URIRef
from rdflib.term import Node

from graph.rdf.mapping import DocumentGraph
from graph.rdf.ntriples import iri_term, ntriples
from graph.rdf.vocab import ID

if TYPE_CHECKING:
    from rdflib.query import Result


@runtime_checkable
class Store(Protocol):
    """An RDF quad store holding one named graph per document plus a shared default graph."""

    def replace_documents(self, docs: Sequence[DocumentGraph]) -> None:
        """Write these documents, each replacing its previous version, in one transaction."""

    def drop_document(self, doc: URIRef) -> bool:
        """Delete a document's graph and its default-graph description; False if it was absent."""

    def document_hashes(self) -> dict[str, str]:
        """Stored documents as IRI -> sha256 of the bytes they were extracted from."""

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        """Run a SPARQL query over the union of all graphs; returns an rdflib Result."""

    def update(self, sparql: str) -> None:
        """Run a SPARQL update."""

    def quad_count(self) -> int:
        """Number of quads in the whole dataset (default graph included)."""

    def close(self) -> None:
        """Release the store (locks, connections)."""


PROV_USED = "http://www.w3.org/ns/prov#used"
ENTITY_PREFIX = f"{ID}entity/"  # as minted by graph.rdf.iris.entity_iri


def orphan_entities_update(g: str) -> str:
    """Delete the default-graph description of entities that graph ``g`` refers to and no other graph does.

    Run before ``g`` is dropped or replaced, so removing a document leaves no entity that nothing mentions
    (a replacement re-describes the entities its new version still mentions).
    """
    return (
        "DELETE { ?e ?p ?o } WHERE { "
        f"{{ SELECT DISTINCT ?e WHERE {{ GRAPH {g} {{ ?x ?q ?e }} FILTER(STRSTARTS(STR(?e), \"{ENTITY_PREFIX}\")) "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?y ?r ?e }} FILTER(?other != {g}) }} }} }} "
        "?e ?p ?o }"
    )


def replace_update(doc: DocumentGraph) -> str:
    """One SPARQL update that swaps a document's old data for the new (atomic where updates are)."""
    g = iri_term(str(doc.iri))
    parts = [
        orphan_entities_update(g),
        f"DROP SILENT GRAPH {g}",
        f"DELETE {{ ?run ?p ?o }} WHERE {{ ?run <{PROV_USED}> {g} . ?run ?p ?o }}",
    ]
    parts.extend(f"DELETE WHERE {{ {iri_term(str(s))} ?p ?o }}" for s in doc.owned)
    if doc.default_deletes:
        parts.append(f"DELETE DATA {{ {ntriples(doc.default_deletes)} }}")
    parts.append(f"INSERT DATA {{ GRAPH {g} {{ {ntriples(doc.named)} }} {ntriples(doc.default)} }}")
    return " ;\n".join(parts)


def drop_update(doc: URIRef) -> str:
    """One SPARQL update deleting a document's graph, its description, its runs and the entities only it mentions."""
    g = iri_term(str(doc))
    return (
        f"{orphan_entities_update(g)} ;\n"
        f"DROP SILENT GRAPH {g} ;\n"
        f"DELETE {{ ?run ?p ?o }} WHERE {{ ?run <{PROV_USED}> {g} . ?run ?p ?o }} ;\n"
        f"DELETE WHERE {{ {g} ?p ?o }}"
    )


HASHES_QUERY = """
SELECT ?doc ?sha WHERE { ?doc <https://w3id.org/claimgraph/ns#sha256> ?sha }
"""
