"""Claims in three steps, so a listing or a page costs only its own claims: candidate ids from the speaker / about /
document filters (``queries/claim-ids-*.rq``), sort and filter keys (``claim-keys.rq``), then the records of the
wanted claims (``claim-records.rq``) in batches. Used by ``ClaimGraph.claims`` and the HTTP API's ``/claims``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from graph.errors import QueryParameterError
from graph.lookups.paging import Page, paginate
from graph.queries import run_query
from graph.rdf import iris
from graph.types import ClaimKind

if TYPE_CHECKING:
    from graph.store.base import Store

BATCH = 200  # claims per VALUES block


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One stored claim as plain Python values."""

    id: str
    iri: str
    document: str
    start: int
    end: int
    speaker: str | None  # canonical entity name, else the mention as written
    speaker_entity: str | None  # entity IRI when resolved
    speaker_text: str | None
    cue: str | None
    content: str
    kind: str
    confidence: float
    about: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        data = asdict(self)
        data["about"] = list(self.about)
        return data


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """What claims may be filtered on; None (or an empty string) means no filter."""

    speaker: str | None = None  # entity name, alias (any case) or IRI
    about: str | None = None  # entity name, alias (any case) or IRI
    document: str | None = None  # document id or IRI
    kind: str | None = None  # direct, indirect, mixed, continuation, no-source
    min_confidence: float | None = None
    q: str | None = None  # text in the content, speaker, cue or about names (any case)


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


def claim_key(key: ClaimKey | ClaimRecord) -> tuple[str, int, str]:
    """Sort key of claims: document, then position in the text, then id (unique)."""
    return (key.document, key.start, key.id)


def batches(items: Sequence[str]) -> Iterator[list[str]]:
    """Slices of at most BATCH items (keeps VALUES blocks small)."""
    for first in range(0, len(items), BATCH):
        yield list(items[first : first + BATCH])


def _matches(record: ClaimRecord, needle: str) -> bool:
    """Whether the lower-cased needle occurs in the claim's text fields."""
    fields = (record.content, record.speaker, record.speaker_text, record.cue, *record.about)
    return any(needle in f.lower() for f in fields if f)


def _checked_kind(kind: str) -> str:
    """The kind as given, or QueryParameterError naming the kinds there are."""
    try:
        return ClaimKind(kind).value
    except ValueError as exc:
        kinds = ", ".join(k.value for k in ClaimKind)
        raise QueryParameterError(f"unknown claim kind {kind!r} (one of {kinds})") from exc


def candidate_ids(store: Store, wanted: ClaimFilter) -> set[str] | None:
    """Claim IRIs allowed by the speaker / about / document filters (index lookups); None when none is set."""
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


def keys_for(store: Store, claims: set[str] | None) -> list[ClaimKey]:
    """Keys of these claims (of all claims when None); unknown IRIs are left out."""
    if claims is not None and not claims:
        return []
    queries = [{"claim": batch} for batch in batches(sorted(claims))] if claims is not None else [{}]
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


def find_keys(store: Store, wanted: ClaimFilter) -> list[ClaimKey]:
    """Keys of the claims matching the filter, sorted by ``claim_key``."""
    keys = keys_for(store, candidate_ids(store, wanted))
    if wanted.kind:
        kind = _checked_kind(wanted.kind)
        keys = [k for k in keys if k.kind == kind]
    if wanted.min_confidence is not None:
        keys = [k for k in keys if k.confidence >= wanted.min_confidence]
    if wanted.q:
        needle = wanted.q.lower()
        records = claim_records(store, keys)
        keys = [k for k in keys if _matches(records[k.iri], needle)]
    return sorted(keys, key=claim_key)


def claim_records(store: Store, keys: Sequence[ClaimKey]) -> dict[str, ClaimRecord]:
    """The full records of these claims by IRI (offsets, kind and confidence taken from the keys)."""
    by_iri = {k.iri: k for k in keys}
    out: dict[str, ClaimRecord] = {}
    for batch in batches(list(by_iri)):
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
                about=tuple(sorted(a for a in about.split(" | ") if a)),  # GROUP_CONCAT order is arbitrary
            )
    return out


def records_in_order(store: Store, keys: Sequence[ClaimKey]) -> list[ClaimRecord]:
    """The records of these claims in the order of ``keys`` (claims gone from the store are left out)."""
    records = claim_records(store, keys)
    return [records[k.iri] for k in keys if k.iri in records]


def find_claims(store: Store, wanted: ClaimFilter) -> list[ClaimRecord]:
    """Every claim matching the filter, sorted by document, position and id."""
    return records_in_order(store, find_keys(store, wanted))


def claim_page(store: Store, wanted: ClaimFilter, cursor: str | None, limit: int) -> Page[ClaimKey]:
    """The keys of one page of matching claims after ``cursor`` (CursorError for a cursor not issued here)."""
    return paginate(find_keys(store, wanted), claim_key, cursor, limit)
