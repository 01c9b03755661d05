"""Citron's attribution JSON format: quotes (cue, sources, contents) as verifiable spans.

Reading turns a Citron file into an ``AnnotatedDocument`` (used for gold data and saved
predictions); writing turns an ``Extraction`` into the same format, adding per quote the
canonical ``speaker``, the ``about`` entity names, the claim ``kind`` and ``confidence``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import DecodeInputError, InputError, MissingInputError
from graph.types import Claim, Extraction, Span

QUOTE_MARKS = frozenset('"\u201c\u201d')


@dataclass(frozen=True, slots=True)
class Quote:
    """One attribution as Citron writes it: an optional cue, source spans, content spans and labels."""

    contents: tuple[Span, ...]
    sources: tuple[Span, ...] = ()
    cue: Span | None = None
    speaker: str | None = None
    about: tuple[str, ...] = ()
    kind: str | None = None
    confidence: float | None = None

    def content_text(self) -> str:
        """The content spans joined by a space."""
        return " ".join(span.text for span in self.contents)

    def is_direct(self) -> bool:
        """True when the content holds a straight or curly double quote mark."""
        return any(mark in span.text for span in self.contents for mark in QUOTE_MARKS)


@dataclass(frozen=True, slots=True)
class AnnotatedDocument:
    """A document's text with its quotes; ``entities`` maps canonical names to their aliases.

    ``has_speakers`` records whether the quotes carry a ``speaker`` label at all, so a null
    speaker ("nobody identifiable") can be told apart from "not annotated".
    """

    name: str
    text: str
    quotes: tuple[Quote, ...] = ()
    entities: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    has_speakers: bool = False


# ---------------------------------------------------------------- reading


def _span(raw: Any, text: str, where: str) -> Span:
    """Parse one ``{"start","end","text"}`` object; the offsets must quote the stated text
    (up to whitespace), and the span's text is taken from the document."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("start"), int) or not isinstance(raw.get("end"), int):
        raise InputError(where, f"malformed span {raw!r}")
    start, end = raw["start"], raw["end"]
    if not 0 <= start <= end <= len(text):
        raise InputError(where, f"span {start}-{end} lies outside the text ({len(text)} characters)")
    span = Span.of(text, start, end)
    stated = raw.get("text")
    if isinstance(stated, str) and stated.split() != span.text.split():
        raise InputError(where, f"span {start}-{end} reads {span.text!r} in the text, not {stated!r}")
    return span


def _quote(raw: Mapping[str, Any], text: str, where: str) -> Quote:
    """Parse one quote object of a Citron file."""
    cue = raw.get("cue")
    about = raw.get("about") or ()
    confidence = raw.get("confidence")
    return Quote(
        contents=tuple(_span(s, text, where) for s in raw.get("contents") or ()),
        sources=tuple(_span(s, text, where) for s in raw.get("sources") or ()),
        cue=_span(cue, text, where) if cue else None,
        speaker=raw.get("speaker"),
        about=tuple(str(name) for name in about),
        kind=raw.get("kind"),
        confidence=float(confidence) if confidence is not None else None,
    )


def parse_citron(data: Mapping[str, Any], name: str, where: str | None = None) -> AnnotatedDocument:
    """Build a document from decoded Citron JSON; ``where`` names the source in errors."""
    where = where or name
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError(where, "Citron JSON needs a string 'text'")
    raw_quotes = data.get("quotes") or []
    if not isinstance(raw_quotes, list):
        raise InputError(where, "'quotes' must be a list")
    entities = {str(k): tuple(str(a) for a in v) for k, v in (data.get("entities") or {}).items()}
    return AnnotatedDocument(
        name=name,
        text=text,
        quotes=tuple(_quote(q, text, where) for q in raw_quotes),
        entities=entities,
        has_speakers=any("speaker" in q for q in raw_quotes),
    )


def read_citron(path: str | Path) -> AnnotatedDocument:
    """Read one Citron JSON file; the document is named after the file's stem."""
    path = Path(path)
    if not path.is_file():
        raise MissingInputError(str(path), "no such file")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise DecodeInputError(str(path), f"not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    if not isinstance(data, Mapping):
        raise InputError(str(path), "Citron JSON must be an object")
    return parse_citron(data, path.stem, str(path))


def read_citron_dir(directory: str | Path) -> list[AnnotatedDocument]:
    """Read every ``*.json`` file of a directory (not recursive), sorted by name."""
    return [read_citron(p) for p in sorted(Path(directory).glob("*.json"))]


# ---------------------------------------------------------------- from extractions and writing


def _about_names(extraction: Extraction, claim: Claim) -> tuple[str, ...]:
    """Entity names the claim is about, in order, without repeats (unresolved mentions by their text)."""
    names: list[str] = []
    for mention in claim.about:
        entity = extraction.entity(mention.entity)
        name = entity.name if entity else mention.span.text
        if name not in names:
            names.append(name)
    return tuple(names)


def quote_from_claim(extraction: Extraction, claim: Claim) -> Quote:
    """One claim as a Citron quote, with the speaker's canonical entity name."""
    speaker = extraction.entity(claim.speaker)
    return Quote(
        contents=claim.contents,
        sources=(claim.source.span,) if claim.source else (),
        cue=claim.cue,
        speaker=speaker.name if speaker else None,
        about=_about_names(extraction, claim),
        kind=claim.kind.value,
        confidence=claim.confidence,
    )


def quotes_from_extraction(extraction: Extraction) -> list[Quote]:
    """Every claim of an extraction as a Citron quote, in text order."""
    return [quote_from_claim(extraction, claim) for claim in sorted(extraction.claims, key=lambda c: c.start)]


def document_from_extraction(extraction: Extraction, name: str) -> AnnotatedDocument:
    """An extraction as an annotated document, with its entity table (canonical name -> aliases)."""
    entities = {e.name: tuple(dict.fromkeys((e.name, *e.aliases))) for e in extraction.entities}
    return AnnotatedDocument(
        name=name,
        text=extraction.text,
        quotes=tuple(quotes_from_extraction(extraction)),
        entities=entities,
        has_speakers=True,
    )


def span_json(span: Span | None) -> dict[str, Any] | None:
    """A span as Citron's ``{"start","end","text"}`` object (None stays None)."""
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": span.text}


def _spans_json(spans: Sequence[Span]) -> list[dict[str, Any]]:
    """Several spans as Citron objects."""
    return [{"start": s.start, "end": s.end, "text": s.text} for s in spans]


def quote_json(quote: Quote) -> dict[str, Any]:
    """One quote as a Citron JSON object, with the claimgraph additions."""
    return {
        "cue": span_json(quote.cue),
        "sources": _spans_json(quote.sources),
        "contents": _spans_json(quote.contents),
        "speaker": quote.speaker,
        "about": list(quote.about),
        "kind": quote.kind,
        "confidence": quote.confidence,
    }


def citron_json(document: AnnotatedDocument, source_name: str | None = None) -> dict[str, Any]:
    """A whole document as a Citron JSON object; ``source_name`` is the input file's name."""
    return {
        "document": source_name or document.name,
        "text": document.text,
        "quotes": [quote_json(q) for q in document.quotes],
        "entities": {name: list(aliases) for name, aliases in document.entities.items()},
    }


def write_citron(document: AnnotatedDocument, path: str | Path, source_name: str | None = None) -> Path:
    """Write one document as UTF-8 Citron JSON (non-ASCII kept readable) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(citron_json(document, source_name), ensure_ascii=False, indent=1)
    path.write_text(payload + "\n", encoding="utf-8")
    return path

