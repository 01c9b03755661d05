"""Ingesting an uploaded file: the same checks and transaction as ``claimgraph ingest``, one upload at a time."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from api.errors import Unprocessable, UnsupportedMediaType
from api.lookups.claims import claim_dicts
from api.lookups.links import Links
from graph.errors import StoreError
from graph.lookups.claims import ClaimFilter, find_keys
from graph.readwrite.text import decode_document

if TYPE_CHECKING:
    from starlette.datastructures import State

TEXT_PART_TYPES = ("text/", "application/octet-stream")
_BAD_NAME = re.compile(r"[\x00-\x1f\x7f\\]")


def check_part_type(content_type: str | None) -> None:
    """UnsupportedMediaType unless the file part is declared as text (or not declared at all)."""
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    if kind and not kind.startswith(TEXT_PART_TYPES):
        raise UnsupportedMediaType(f"the file is declared as {kind}; upload plain UTF-8 text (text/plain)")


def document_name(name: str | None, filename: str | None) -> str:
    """The document id to store under: the ``name`` field, else the file name; relative, no ``..``, printable."""
    chosen = (name or filename or "").strip()
    if not chosen:
        raise Unprocessable("give the document a name (a 'name' field or a file name)")
    parts = chosen.split("/")
    if chosen.startswith("/") or any(p in ("", ".", "..") for p in parts) or _BAD_NAME.search(chosen):
        raise Unprocessable(f"{chosen!r} is not a usable document name (relative path, no '..', printable)")
    if len(chosen) > 255:
        raise Unprocessable("the document name is longer than 255 characters")
    return chosen


def ingest_upload(state: State, doc_id: str, data: bytes, links: Links) -> tuple[int, dict[str, Any]]:
    """Decode, extract and store one uploaded document; (status, body): 201 when stored, 200 when unchanged."""
    from graph.ingest import ingest
    from graph.nlp import load_pipeline

    settings = state.settings
    decode_document(doc_id, data, settings.core.max_bytes)  # InputError subclasses become 413/415/422
    with state.ingest_lock:
        if state.nlp is None:
            state.nlp = load_pipeline(settings.core.model)
        report = ingest(
            state.store, state.nlp, ["-"], name=doc_id, max_bytes=settings.core.max_bytes, stdin=lambda: data
        )
    if report.documents:
        state.cache.bump()
    if report.failed:
        _, reason = report.failed[0]
        raise StoreError(f"{doc_id}: {reason}")
    keys = find_keys(state.store, ClaimFilter(document=doc_id))
    body = {
        "document": doc_id,
        "status": "unchanged" if report.unchanged else "ingested",
        "claims": len(keys),
        "triples": report.triples,
        "quads": report.quads,
        "seconds": round(report.seconds, 3),
        "extracted": claim_dicts(state.store, keys, links),
        "links": {"document": links.document(doc_id), "text": links.text(doc_id)},
    }
    return (200 if report.unchanged else 201), body
