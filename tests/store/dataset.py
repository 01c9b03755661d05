"""Reading a whole store back as a set of quads, the same way for every backend, to compare stores exactly.

Named graphs come through the store's own SPARQL (``GRAPH ?g``); the real default graph, which a union
default graph hides from SPARQL, through the backend's dump (embedded) or the Graph Store Protocol (server).
"""

from __future__ import annotations

from rdflib import Graph, URIRef

from graph.rdf.ntriples import iri_term, term
from graph.store.base import Store

Quad = tuple[str, str, str, str]
DEFAULT = ""  # graph name of default-graph quads


def default_graph_ntriples(store: Store) -> bytes:
    """The real default graph as N-Triples."""
    from graph.store.embedded import EmbeddedStore
    from graph.store.remote import RemoteStore

    if isinstance(store, RemoteStore):
        return store.default_graph()
    if isinstance(store, EmbeddedStore):
        import pyoxigraph as ox

        return store.inner.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
    raise TypeError(f"no default-graph reader for {type(store).__name__}")


def named_quads(store: Store, graph: URIRef | None = None) -> set[Quad]:
    """Quads of every named graph, or of one."""
    if graph is None:
        rows = store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        return {(term(s), term(p), term(o), term(g)) for g, s, p, o in rows}  # type: ignore[misc]
    rows = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH {iri_term(str(graph))} {{ ?s ?p ?o }} }}")
    return {(term(s), term(p), term(o), term(graph)) for s, p, o in rows}  # type: ignore[misc]


def all_quads(store: Store) -> set[Quad]:
    """Every quad of the dataset: named graphs plus the default graph."""
    default = Graph().parse(data=default_graph_ntriples(store).decode("utf-8"), format="nt")
    return named_quads(store) | {(term(s), term(p), term(o), DEFAULT) for s, p, o in default}
