"""JSON Lines output: one self-contained record per claim, with the document name and every span."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from graph.readwrite.citron import quote_from_claim, quote_json, span_json
from graph.types import Claim, Extraction


def claim_record(extraction: Extraction, claim: Claim, document: str) -> dict[str, Any]:
    """One claim as a flat JSON object: Citron's quote fields plus the about mentions and sentence."""
    record: dict[str, Any] = {"document": document}
    record.update(quote_json(quote_from_claim(extraction, claim)))
    record["about_mentions"] = [
        {**(span_json(m.span) or {}), "entity": entity.name if (entity := extraction.entity(m.entity)) else None}
        for m in claim.about
    ]
    record["sentence"] = span_json(claim.sentence)
    return record


def claim_records(extraction: Extraction, document: str) -> Iterator[dict[str, Any]]:
    """Every claim of one extraction as records, in text order."""
    for claim in sorted(extraction.claims, key=lambda c: c.start):
        yield claim_record(extraction, claim, document)


def write_jsonl(extraction: Extraction, document: str, stream: IO[str]) -> int:
    """Append one line per claim to ``stream``; returns how many lines were written."""
    count = 0
    for record in claim_records(extraction, document):
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
