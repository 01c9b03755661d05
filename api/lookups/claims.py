"""Claims as JSON for the API: the records of one page (found and paged by ``graph.lookups.claims``) with their
spans (``queries/claim-spans.rq``), speaker, about entities and links."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from api.lookups.links import Links
from graph.errors import NotFoundError
from graph.lookups.claims import ClaimKey, ClaimRecord, batches, keys_for, records_in_order
from graph.queries import run_query
from graph.rdf import iris
from graph.rdf.vocab import ID

if TYPE_CHECKING:
    from graph.store.base import Store

CLAIM_ID = re.compile(r"[A-Za-z0-9_.~-]{1,64}")


@dataclass(frozen=True, slots=True)
class SpanRow:
    """One span of a claim: its role, offsets, text and the entity the mention denotes (if any)."""

    role: str
    start: int
    end: int
    text: str
    entity: str | None
    entity_name: str | None


def claim_spans(store: Store, claim_iris: Sequence[str]) -> dict[str, list[SpanRow]]:
    """The spans (in text order) of each of these claims, by claim IRI."""
    out: dict[str, list[SpanRow]] = defaultdict(list)
    seen: set[tuple[str, str, int, int, str | None]] = set()
    for batch in batches(claim_iris):
        for row in run_query(store, "claim-spans", {"claim": batch}):
            entity = None if row.entity is None else str(row.entity)
            marker = (str(row.claim), str(row.role), int(row.begin), int(row.end), entity)
            if marker in seen:
                continue
            seen.add(marker)
            name = None if row.entityName is None else str(row.entityName)
            out[str(row.claim)].append(SpanRow(str(row.role), int(row.begin), int(row.end), str(row.anchor), entity, name))
    for spans in out.values():
        spans.sort(key=lambda r: (r.start, r.role))
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


def claim_dicts(store: Store, keys: Sequence[ClaimKey], links: Links) -> list[dict[str, Any]]:
    """Full JSON dicts for these claims, in the given order (three batched queries, not one per claim)."""
    spans = claim_spans(store, [k.iri for k in keys])
    return [claim_dict(record, spans.get(record.iri, []), links) for record in records_in_order(store, keys)]


def get_claim(store: Store, claim_id: str, links: Links) -> dict[str, Any]:
    """One claim by id; NotFoundError if there is none."""
    if not CLAIM_ID.fullmatch(claim_id):
        raise NotFoundError(f"no claim with id {claim_id!r}")
    found = claim_dicts(store, keys_for(store, {f"{ID}claim/{claim_id}"}), links)
    if not found:
        raise NotFoundError(f"no claim with id {claim_id!r}")
    return found[0]
