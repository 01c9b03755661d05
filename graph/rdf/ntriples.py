"""Serialising rdflib terms as N-Triples / N-Quads / SPARQL data, for bulk writes and INSERT DATA."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from graph.errors import QueryParameterError

_ECHAR = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"})
_IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20]')


@lru_cache(maxsize=65536)
def iri_term(iri: str) -> str:
    """``<iri>``, refusing characters that could break out of the IRI (no injection through IRIs)."""
    if _IRI_FORBIDDEN.search(iri):
        raise QueryParameterError(f"not a valid IRI: {iri!r}")
    return f"<{iri}>"


def term(node: Node) -> str:
    """One term in N-Triples syntax (also valid SPARQL)."""
    if isinstance(node, URIRef):
        return iri_term(str(node))
    if isinstance(node, Literal):
        text = f'"{str(node).translate(_ECHAR)}"'
        if node.language:
            return f"{text}@{node.language}"
        if node.datatype is not None:
            return f"{text}^^{iri_term(str(node.datatype))}"
        return text
    if isinstance(node, BNode):
        raise ValueError("claimgraph stores no blank nodes")
    raise TypeError(f"cannot serialise {node!r}")


def ntriples(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """Triples as N-Triples text (one statement per line)."""
    return "".join(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples)


def nquads(triples: Iterable[tuple[Node, Node, Node]], graph: URIRef | None) -> str:
    """Triples as N-Quads text in one graph (``None``: the default graph)."""
    if graph is None:
        return ntriples(triples)
    g = term(graph)
    return "".join(f"{term(s)} {term(p)} {term(o)} {g} .\n" for s, p, o in triples)
