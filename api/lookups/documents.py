"""Documents for the API: the list (``queries/documents.rq``), one document's description with its claims in
text order (``queries/document-info.rq``), and its original text (``queries/document-text.rq``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from api.errors import Unprocessable
from api.lookups.claims import claim_dicts
from api.lookups.links import Links
from graph.errors import NotFoundError
from graph.lookups.claims import ClaimFilter, find_keys
from graph.queries import run_query
from graph.rdf import iris

if TYPE_CHECKING:
    from graph.store.base import Store


def document_key(doc: dict[str, Any]) -> tuple[str]:
    """Sort key of documents: their id (unique)."""
    return (str(doc["id"]),)


def list_documents(store: Store, links: Links) -> list[dict[str, Any]]:
    """Every stored document with path, hash, title and claim count, sorted by id."""
    out = []
    for row in run_query(store, "documents"):
        doc_id = str(row.docId)
        out.append(
            {
                "id": doc_id,
                "iri": str(row.document),
                "path": str(row.path),
                "sha256": str(row.sha256),
                "title": None if row.title is None else str(row.title),
                "claims": int(row.claims),
                "links": {"self": links.document(doc_id), "text": links.text(doc_id)},
            }
        )
    return sorted(out, key=document_key)


def get_document(store: Store, doc_id: str, links: Links) -> dict[str, Any]:
    """One document's description, its extraction run and its claims in text order."""
    rows = list(run_query(store, "document-info", {"document": doc_id}))
    if not rows:
        raise NotFoundError(f"no document with id {doc_id!r}")
    row = rows[0]
    keys = find_keys(store, ClaimFilter(document=doc_id))
    keys.sort(key=lambda r: (r.start, r.end, r.id))
    return {
        "id": doc_id,
        "iri": str(iris.document_iri(doc_id)),
        "path": str(row.path),
        "sha256": str(row.sha256),
        "title": None if row.title is None else str(row.title),
        "length": None if row.length is None else int(row.length),
        "extraction": None
        if row.software is None
        else {"software": str(row.software), "model": str(row.model), "ended": str(row.extracted)},
        "claim_count": len(keys),
        "claims": claim_dicts(store, keys, links),
        "links": {"self": links.document(doc_id), "text": links.text(doc_id)},
    }


def document_text(store: Store, doc_id: str, start: int | None = None, end: int | None = None) -> str:
    """The document's original text, or the code points ``[start, end)`` of it."""
    rows = list(run_query(store, "document-text", {"document": doc_id}))
    if not rows:
        raise NotFoundError(f"no document with id {doc_id!r}")
    text = str(rows[0].text)
    if start is None and end is None:
        return text
    begin = 0 if start is None else start
    finish = len(text) if end is None else end
    if not 0 <= begin <= finish <= len(text):
        raise Unprocessable(f"the span [{begin}, {finish}) is outside the text (0..{len(text)}) or reversed")
    return text[begin:finish]
