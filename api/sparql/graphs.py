"""RDF graph results (CONSTRUCT / DESCRIBE, the service description) serialised natively or through rdflib."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.rdf.vocab import PREFIXES

TURTLE = "text/turtle"
N_TRIPLES = "application/n-triples"
N_QUADS = "application/n-quads"
RDF_XML = "application/rdf+xml"
JSON_LD = "application/ld+json"
GRAPH_TYPES = (TURTLE, N_TRIPLES, N_QUADS, RDF_XML, JSON_LD)

RDFLIB_FORMATS = {TURTLE: "turtle", N_TRIPLES: "nt", N_QUADS: "nquads", RDF_XML: "xml", JSON_LD: "json-ld"}


@dataclass(frozen=True, slots=True)
class OxigraphTriples:
    """Triples from pyoxigraph, written with pyoxigraph's own serialisers."""

    triples: Sequence[Any]

    def __len__(self) -> int:
        """Number of triples."""
        return len(self.triples)

    def serialize(self, media_type: str) -> bytes:
        """The triples in the given RDF media type."""
        import pyoxigraph as ox

        fmt = ox.RdfFormat.from_media_type(media_type)
        if fmt is None:
            raise ValueError(f"no RDF format for {media_type}")
        items: Sequence[Any] = self.triples
        if fmt.supports_datasets:
            items = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in self.triples]
        prefixes = {k: str(v) for k, v in PREFIXES.items()} if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        return ox.serialize(items, format=fmt, prefixes=prefixes)  # type: ignore[no-any-return]


def _simple(term: Any) -> Any:
    """An xsd:string literal as the equal simple literal, so writers do not spell out ``^^xsd:string``."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    return Literal(str(term)) if isinstance(term, Literal) and term.datatype == XSD.string else term


@dataclass(frozen=True, slots=True)
class RdflibTriples:
    """Triples from rdflib (another store backend, or a graph built here), written by rdflib."""

    triples: Sequence[tuple[Any, Any, Any]]
    prefixes: tuple[tuple[str, str], ...] = ()

    def __len__(self) -> int:
        """Number of triples."""
        return len(self.triples)

    def serialize(self, media_type: str) -> bytes:
        """The triples in the given RDF media type."""
        from rdflib import Dataset, Graph

        fmt = RDFLIB_FORMATS[media_type]
        graph: Graph = Dataset() if fmt == "nquads" else Graph()
        for prefix, namespace in [*PREFIXES.items(), *self.prefixes]:
            graph.bind(prefix, str(namespace))
        target = graph.default_graph if isinstance(graph, Dataset) else graph
        for subject, predicate, obj in self.triples:
            target.add((subject, predicate, _simple(obj)))
        return graph.serialize(format=fmt, encoding="utf-8")
