"""The SPARQL 1.1 Service Description returned by ``GET /sparql`` without a query."""

from __future__ import annotations

from api.sparql.graphs import RdflibTriples


def service_description(endpoint: str, *, writable: bool) -> RdflibTriples:
    """Triples describing the endpoint: languages, result formats, features and the default dataset."""
    from rdflib import RDF, BNode, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS

    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    formats = Namespace("http://www.w3.org/ns/formats/")
    service, dataset, default_graph = BNode("service"), BNode("dataset"), BNode("defaultGraph")
    triples = [
        (service, RDF.type, sd.Service),
        (service, sd.endpoint, URIRef(endpoint)),
        (service, sd.supportedLanguage, sd.SPARQL11Query),
        (service, sd.feature, sd.UnionDefaultGraph),
        (service, DCTERMS.title, Literal("claimgraph: who said what about whom, with exact source spans")),
        (service, sd.defaultDataset, dataset),
        (dataset, RDF.type, sd.Dataset),
        (dataset, sd.defaultGraph, default_graph),
        (default_graph, RDF.type, sd.Graph),
    ]
    if writable:
        triples.append((service, sd.supportedLanguage, sd.SPARQL11Update))
    for name in (
        "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
        "Turtle", "N-Triples", "N-Quads", "RDF_XML", "JSON-LD",
    ):
        triples.append((service, sd.resultFormat, formats[name]))
    return RdflibTriples(triples, (("sd", str(sd)), ("formats", str(formats))))
