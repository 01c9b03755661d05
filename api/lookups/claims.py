"""Claims for the API: filtered and sorted records (``queries/claims.rq``) enriched with their spans and entities
(``queries/claim-spans.rq``), shaped as JSON dicts with links."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from api.lookups.links import Links
from graph.claimgraph import ClaimRecord, claim_from_row
from graph.errors import NotFoundError
from graph.queries import run_query
from graph.rdf import iris
from graph.rdf.vocab import ID

if TYPE_CHECKING:
    from graph.store.base import Store

CLAIM_ID = re.compile(r"[A-Za-z0-9_.~-]{1,64}")
SPAN_BATCH = 200  # claims per claim-spans query (keeps the VALUES block small)


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """What ``/claims`` may filter on; None means no filter."""

    speaker: str | None = None
    about: str | None = None
    document: str | None = None
    kind: str | None = None
    min_confidence: float | None = None
    q: str | None = None


@dataclass(frozen=True, slots=True)
class SpanRow:
    """One span of a claim: its role, offsets, text and the entity the mention denotes (if any)."""

    role: str
    start: int
    end: int
    text: str
    entity: str | None
    entity_name: str | None


def claim_key(record: ClaimRecord) -> tuple[str, int, str]:
    """Sort key of claims: document, then position in the text, then id (unique)."""
    return (record.document, record.start, record.id)


def _matches(record: ClaimRecord, needle: str) -> bool:
    """Whether the lower-cased needle occurs in the claim's text fields."""
    fields = (record.content, record.speaker, record.speaker_text, record.cue, *record.about)
    return any(needle in f.lower() for f in fields if f)


def find_claims(store: Store, wanted: ClaimFilter) -> list[ClaimRecord]:
    """Claims matching the filter, sorted by ``claim_key``."""
    params = {
        "speaker": wanted.speaker,
        "about": wanted.about,
        "document": wanted.document,
        "kindTerm": wanted.kind,
        "minConfidence": wanted.min_confidence,
    }
    records = [claim_from_row(row) for row in run_query(store, "claims", params)]
    if wanted.q:
        needle = wanted.q.lower()
        records = [r for r in records if _matches(r, needle)]
    return sorted(records, key=claim_key)


def claim_spans(store: Store, claim_iris: Sequence[str]) -> dict[str, tuple[str, list[SpanRow]]]:
    """The document id and the spans (in text order) of each of these claims, by claim IRI; absent ones are left out."""
    out: dict[str, tuple[str, list[SpanRow]]] = {}
    seen: set[tuple[str, str, int, int, str | None]] = set()
    for first in range(0, len(claim_iris), SPAN_BATCH):
        batch = list(claim_iris[first : first + SPAN_BATCH])
        for row in run_query(store, "claim-spans", {"claim": batch}):
            entity = None if row.entity is None else str(row.entity)
            marker = (str(row.claim), str(row.role), int(row.begin), int(row.end), entity)
            if marker in seen:
                continue
            seen.add(marker)
            name = None if row.entityName is None else str(row.entityName)
            span = SpanRow(str(row.role), int(row.begin), int(row.end), str(row.anchor), entity, name)
            out.setdefault(str(row.claim), (str(row.docId), []))[1].append(span)
    return out


def _span(row: SpanRow) -> dict[str, Any]:
    """A span row as JSON."""
    return {"start": row.start, "end": row.end, "text": row.text}


def _entity_ref(iri: str, name: str | None, links: Links) -> dict[str, Any]:
    """A link to an entity as JSON."""
    entity_id = iris.local_id(iri)
    return {"id": entity_id, "iri": iri, "name": name, "href": links.entity(entity_id)}


def claim_dict(record: ClaimRecord, spans: Iterable[SpanRow], links: Links) -> dict[str, Any]:
    """One claim as JSON: speaker (entity and mention), cue, content, about, document, offsets, sentence, links."""
    by_role: dict[str, list[SpanRow]] = defaultdict(list)
    for row in spans:
        by_role[row.role].append(row)
    speaker_rows = by_role.get("speaker", [])
    speaker = None
    if record.speaker or speaker_rows:
        entity = _entity_ref(record.speaker_entity, record.speaker, links) if record.speaker_entity else None
        speaker = {
            "name": record.speaker,
            "entity": entity,
            "mention": _span(speaker_rows[0]) if speaker_rows else None,
        }
    about: dict[str, dict[str, Any]] = {}
    for row in by_role.get("about", []):
        if row.entity is None:
            continue
        ref = about.setdefault(row.entity, {**_entity_ref(row.entity, row.entity_name, links), "mentions": []})
        ref["mentions"].append(_span(row))
    cue_rows, sentence_rows = by_role.get("cue", []), by_role.get("sentence", [])
    links_out = {
        "self": links.claim(record.id),
        "document": links.document(record.document),
        "text": links.text(record.document, record.start, record.end),
    }
    if speaker and speaker["entity"]:
        links_out["speaker"] = speaker["entity"]["href"]
    return {
        "id": record.id,
        "iri": record.iri,
        "kind": record.kind,
        "confidence": record.confidence,
        "speaker": speaker,
        "cue": _span(cue_rows[0]) if cue_rows else None,
        "content": {
            "text": record.content,
            "start": record.start,
            "end": record.end,
            "spans": [_span(r) for r in by_role.get("content", [])],
        },
        "about": list(about.values()),
        "document": {
            "id": record.document,
            "iri": str(iris.document_iri(record.document)),
            "href": links.document(record.document),
        },
        "start": record.start,
        "end": record.end,
        "sentence": _span(sentence_rows[0]) if sentence_rows else None,
        "links": links_out,
    }


def claim_dicts(store: Store, records: Sequence[ClaimRecord], links: Links) -> list[dict[str, Any]]:
    """Full JSON dicts for these records (one spans query per batch of claims)."""
    spans = claim_spans(store, [r.iri for r in records])
    return [claim_dict(r, spans.get(r.iri, ("", []))[1], links) for r in records]


def get_claim(store: Store, claim_id: str, links: Links) -> dict[str, Any]:
    """One claim by id; NotFoundError if there is none."""
    if not CLAIM_ID.fullmatch(claim_id):
        raise NotFoundError(f"no claim with id {claim_id!r}")
    iri = f"{ID}claim/{claim_id}"
    found = claim_spans(store, [iri]).get(iri)
    if found is not None:
        doc_id, spans = found
        for record in find_claims(store, ClaimFilter(document=doc_id)):
            if record.iri == iri:
                return claim_dict(record, spans, links)
    raise NotFoundError(f"no claim with id {claim_id!r}")
