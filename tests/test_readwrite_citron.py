"""Citron JSON and JSON Lines output: written from a hand-built Extraction, read back, spans verified."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from graph.errors import DecodeInputError, InputError, MissingInputError
from graph.evaluate import evaluate
from graph.readwrite.citron import (
    Quote,
    citron_json,
    document_from_extraction,
    parse_citron,
    quotes_from_extraction,
    read_citron,
    write_citron,
)
from graph.readwrite.jsonl import write_jsonl
from graph.types import Claim, ClaimKind, Entity, EntityType, Extraction, Mention, Span

TEXT = 'Mayor Lee said "taxes will fall" on Monday. Critics argued that Lee was wrong about the Council.'


def _span(piece: str, occurrence: int = 0) -> Span:
    """The n-th occurrence of ``piece`` in TEXT as a span."""
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(piece, start + 1)
    return Span.of(TEXT, start, start + len(piece))


def _extraction() -> Extraction:
    """Two claims: a direct one by a resolved speaker, an indirect one with an unresolved source."""
    lee = Entity("mayor-lee", "Mayor Lee", EntityType.PERSON, ("Lee",), (_span("Mayor Lee"), _span("Lee", 1)))
    council = Entity("council", "the Council", EntityType.ORGANIZATION, (), (_span("the Council"),))
    direct = Claim(
        kind=ClaimKind.DIRECT,
        contents=(_span('"taxes will fall"'),),
        cue=_span("said"),
        source=Mention(_span("Mayor Lee"), "mayor-lee"),
        sentence=_span('Mayor Lee said "taxes will fall" on Monday.'),
        confidence=0.9,
    )
    indirect = Claim(
        kind=ClaimKind.INDIRECT,
        contents=(_span("Lee was wrong about the Council"),),
        cue=_span("argued"),
        source=Mention(_span("Critics"), None),
        about=(Mention(_span("Lee", 1), "mayor-lee"), Mention(_span("the Council"), "council")),
        confidence=0.6,
    )
    # claims deliberately out of text order: writers sort them
    return Extraction(text=TEXT, entities=(lee, council), claims=(indirect, direct), model="en_test-0")


def test_quotes_from_extraction_carry_names_kind_and_confidence() -> None:
    quotes = quotes_from_extraction(_extraction())
    assert [q.cue.text for q in quotes if q.cue] == ["said", "argued"]
    first, second = quotes
    assert first.speaker == "Mayor Lee"
    assert first.sources == (_span("Mayor Lee"),)
    assert first.kind == "direct" and first.confidence == 0.9
    assert second.speaker is None  # unresolved source: no canonical speaker
    assert second.about == ("Mayor Lee", "the Council")


def test_citron_round_trip(tmp_path: Path) -> None:
    extraction = _extraction()
    document = document_from_extraction(extraction, "lee")
    path = write_citron(document, tmp_path / "out" / "lee.json", source_name="lee.txt")
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["document"] == "lee.txt"
    assert raw["text"] == TEXT
    assert set(raw["quotes"][0]) == {"cue", "sources", "contents", "speaker", "about", "kind", "confidence"}
    assert raw["entities"]["Mayor Lee"] == ["Mayor Lee", "Lee"]
    for quote in raw["quotes"]:
        for span in [quote["cue"], *quote["sources"], *quote["contents"]]:
            assert TEXT[span["start"] : span["end"]] == span["text"]

    back = read_citron(path)
    assert back.name == "lee"
    assert back.text == TEXT
    assert back.quotes == document.quotes
    assert back.entities == document.entities
    assert back.has_speakers
    assert evaluate([back], {"lee": list(document.quotes)}).attribution.f1 == 1.0


def test_citron_null_cue_and_missing_labels_read_back() -> None:
    data = {"text": TEXT, "quotes": [{"cue": None, "sources": [], "contents": [{"start": 0, "end": 9}]}]}
    doc = parse_citron(data, "doc")
    assert doc.quotes == (Quote(contents=(Span.of(TEXT, 0, 9),)),)  # span text comes from the document
    assert not doc.has_speakers
    assert citron_json(doc)["quotes"][0]["cue"] is None


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (b"{not json", InputError, "not valid JSON"),
        (b'{"text": "\xff"}', DecodeInputError, "not UTF-8"),
        (b"[1, 2]", InputError, "must be an object"),
        (b'{"quotes": []}', InputError, "needs a string 'text'"),
    ],
)
def test_read_citron_errors_name_the_file(tmp_path: Path, content: bytes, error: type[Exception], message: str) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    with pytest.raises(error, match=f"broken.json.*{message}"):
        read_citron(path)


def test_citron_span_text_must_agree_with_offsets() -> None:
    span = {"start": 0, "end": 9, "text": "Mayor  Lee\n"}  # whitespace differences are tolerated
    assert parse_citron({"text": TEXT, "quotes": [{"contents": [span]}]}, "doc").quotes[0].contents[0].text == "Mayor Lee"
    wrong = {"start": 1, "end": 10, "text": "Mayor Lee"}
    with pytest.raises(InputError, match="doc: span 1-10 reads 'ayor Lee '"):
        parse_citron({"text": TEXT, "quotes": [{"contents": [wrong]}]}, "doc")


def test_read_citron_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MissingInputError, match="absent.json"):
        read_citron(tmp_path / "absent.json")


def test_jsonl_lines_hold_document_and_verifiable_spans() -> None:
    stream = io.StringIO()
    assert write_jsonl(_extraction(), "docs/lee.txt", stream) == 2
    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [r["document"] for r in records] == ["docs/lee.txt"] * 2
    assert records[0]["speaker"] == "Mayor Lee" and records[0]["kind"] == "direct"
    assert records[1]["about"] == ["Mayor Lee", "the Council"]
    assert [m["entity"] for m in records[1]["about_mentions"]] == ["Mayor Lee", "the Council"]
    for record in records:
        spans = [*record["sources"], *record["contents"], *record["about_mentions"], record["cue"]]
        spans += [record["sentence"]] if record["sentence"] else []
        for span in spans:
            assert TEXT[span["start"] : span["end"]] == span["text"]
