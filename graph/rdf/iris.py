"""Deterministic IRIs for every node, so re-runs over the same input mint the same graph (no blank nodes)."""

from __future__ import annotations

import hashlib
from urllib.parse import quote, unquote

from rdflib import URIRef

from graph.rdf.vocab import ID


def _digest(*parts: object) -> str:
    """A short stable hash of the parts, for IRIs that must not collide within a store."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def document_iri(doc_id: str) -> URIRef:
    """The document's IRI (also the name of its graph), from its path relative to the ingest root."""
    return URIRef(f"{ID}doc/{quote(doc_id, safe='/')}")


def document_id(iri: str) -> str:
    """Inverse of ``document_iri``: the document id (relative path) from its IRI."""
    prefix = f"{ID}doc/"
    if not str(iri).startswith(prefix):
        raise ValueError(f"not a document IRI: {iri}")
    return unquote(str(iri)[len(prefix) :])


def span_iri(doc: URIRef, start: int, end: int) -> URIRef:
    """A NIF 2.0 / RFC 5147 offset IRI such as ``<doc#char=120,180>``."""
    return URIRef(f"{doc}#char={start},{end}")


def entity_iri(key: str) -> URIRef:
    """An entity's IRI from its stable key (a slug of its canonical name)."""
    return URIRef(f"{ID}entity/{quote(key, safe='')}")


def claim_iri(doc_id: str, start: int, end: int, cue_start: int | None) -> URIRef:
    """A claim's IRI: stable for the same content and cue offsets in the same document."""
    return URIRef(f"{ID}claim/{_digest(doc_id, start, end, cue_start)}")


def statement_iri(doc_id: str, *offsets: int) -> URIRef:
    """A reified triple's IRI, from its document and its mention offsets."""
    return URIRef(f"{ID}statement/{_digest(doc_id, *offsets)}")


def run_iri(doc_id: str, sha256: str, software: str, model: str) -> URIRef:
    """The extraction run's IRI: one per document version, software version and model."""
    return URIRef(f"{ID}run/{_digest(doc_id, sha256, software, model)}")


def local_id(iri: str) -> str:
    """The last path segment of a claimgraph IRI (claim, entity or run id)."""
    return unquote(str(iri).rstrip("/").rsplit("/", 1)[-1])


def quote_relation(relation: str) -> str:
    """A relation name made safe as the local part of a REL predicate IRI."""
    cleaned = "_".join(relation.strip().lower().split()) or "related_to"
    return quote(cleaned, safe="_-.")
