"""Claims for the API in three steps, so a page costs only its own claims: candidate ids from the filters
(``queries/claim-ids-*.rq``), sort keys (``claim-keys.rq``) for paging, then records (``claim-records.rq``) and
spans (``claim-spans.rq``) of one page, shaped as JSON dicts with links."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from api.lookups.links import Links
from graph.claimgraph import ClaimRecord
from graph.errors import NotFoundError
from graph.queries import run_query
from graph.rdf import iris
from graph.rdf.vocab import ID

if TYPE_CHECKING:
    from graph.store.base import Store

CLAIM_ID = re.compile(r"[A-Za-z0-9_.~-]{1,64}")
BATCH = 200  # claims per VALUES block


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
class ClaimKey:
    """What listing a claim needs before its details: position (for sorting and paging), kind, confidence."""

    iri: str
    id: str
    document: str
    start: int
    end: int
    kind: str
    confidence: float


@dataclass(frozen=True, slots=True)
class SpanRow:
    """One span of a claim: its role, offsets, text and the entity the mention denotes (if any)."""

    role: str
    start: int
    end: int
    text: str
    entity: str | None
    entity_name: str | None


def claim_key(key: ClaimKey | ClaimRecord) -> tuple[str, int, str]:
    """Sort key of claims: document, then position in the text, then id (unique)."""
    return (key.document, key.start, key.id)


def _matches(record: ClaimRecord, needle: str) -> bool:
    """Whether the lower-cased needle occurs in the claim's text fields."""
    fields = (record.content, record.speaker, record.speaker_text, record.cue, *record.about)
    return any(needle in f.lower() for f in fields if f)


def _batches(items: Sequence[str]) -> Iterator[list[str]]:
    """Slices of at most BATCH items (keeps VALUES blocks small)."""
    for first in range(0, len(items), BATCH):
        yield list(items[first : first + BATCH])


def _candidates(store: Store, wanted: ClaimFilter) -> set[str] | None:
    """Claim IRIs allowed by the speaker / about / document filters; None when none of them is set."""
    found: set[str] | None = None
    for name, param, value in (
        ("claim-ids-by-speaker", "speaker", wanted.speaker),
        ("claim-ids-about", "about", wanted.about),
        ("claim-ids-in-document", "document", wanted.document),
    ):
        if not value:
            continue
        ids = {str(row.claim) for row in run_query(store, name, {param: value})}
        found = ids if found is None else found & ids
    return found


def find_keys(store: Store, wanted: ClaimFilter) -> list[ClaimKey]:
    """Keys of the claims matching the filter, sorted by ``claim_key``."""
    keys = keys_for(store, _candidates(store, wanted))
    if wanted.kind:
        keys = [k for k in keys if k.kind == wanted.kind]
    if wanted.min_confidence is not None:
        keys = [k for k in keys if k.confidence >= wanted.min_confidence]
    if wanted.q:
        needle = wanted.q.lower()
        records = claim_records(store, keys)
        keys = [k for k in keys if _matches(records[k.iri], needle)]
    return sorted(keys, key=claim_key)


def keys_for(store: Store, claims: set[str] | None) -> list[ClaimKey]:
    """Keys of these claims (of all claims when None); unknown IRIs are left out."""
    if claims is not None and not claims:
        return []
    queries = [{"claim": batch} for batch in _batches(sorted(claims))] if claims is not None else [{}]
    return [
        ClaimKey(
            iri=str(row.claim),
            id=iris.local_id(str(row.claim)),
            document=str(row.docId),
            start=int(row.start),
            end=int(row.end),
            kind=str(row.kind),
            confidence=float(row.confidence),
        )
        for params in queries
        for row in run_query(store, "claim-keys", params)
    ]


def claim_records(store: Store, keys: Sequence[ClaimKey]) -> dict[str, ClaimRecord]:
    """The full records of these claims by IRI (offsets taken from the keys)."""
    by_iri = {k.iri: k for k in keys}
    out: dict[str, ClaimRecord] = {}
    for batch in _batches(list(by_iri)):
        for row in run_query(store, "claim-records", {"claim": batch}):
            key = by_iri[str(row.claim)]
            about = str(row.aboutNames or "")
            out[key.iri] = ClaimRecord(
                id=key.id,
                iri=key.iri,
                document=key.document,
                start=key.start,
                end=key.end,
                speaker=None if row.speakerName is None else str(row.speakerName),
                speaker_entity=None if row.speakerEntity is None else str(row.speakerEntity),
                speaker_text=None if row.speakerText is None else str(row.speakerText),
                cue=None if row.cue is None else str(row.cue),
                content=str(row.content),
                kind=key.kind,
                confidence=key.confidence,
                about=tuple(a for a in about.split(" | ") if a),
            )
    return out


def claim_spans(store: Store, claim_iris: Sequence[str]) -> dict[str, list[SpanRow]]:
    """The spans (in text order) of each of these claims, by claim IRI."""
    out: dict[str, list[SpanRow]] = defaultdict(list)
    seen: set[tuple[str, str, int, int, str | None]] = set()
    for batch in _batches(claim_iris):
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
    records = claim_records(store, keys)
    spans = claim_spans(store, [k.iri for k in keys])
    return [claim_dict(records[k.iri], spans.get(k.iri, []), links) for k in keys if k.iri in records]


def get_claim(store: Store, claim_id: str, links: Links) -> dict[str, Any]:
    """One claim by id; NotFoundError if there is none."""
    if not CLAIM_ID.fullmatch(claim_id):
        raise NotFoundError(f"no claim with id {claim_id!r}")
    found = claim_dicts(store, keys_for(store, {f"{ID}claim/{claim_id}"}), links)
    if not found:
        raise NotFoundError(f"no claim with id {claim_id!r}")
    return found[0]
