"""Input reading and ``claimgraph extract``: Citron and JSONL output, bad inputs reported one line each."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner, Result

from graph.cli import main
from graph.errors import (
    BinaryInputError,
    DecodeInputError,
    EmptyInputError,
    InputError,
    MissingInputError,
    OversizeInputError,
)
from graph.readwrite.text import iter_input_paths, read_document

if TYPE_CHECKING:
    from spacy.language import Language

GOOD = {
    "mayor.txt": 'Mayor Jane Doe said on Monday that the city would cut taxes. "We will deliver," she told reporters.\n',
    "nested/critic.md": "Critics argued that the plan was reckless, according to a statement from the council.\r\n",
}
BAD = {
    "empty.txt": b"",
    "blank.txt": b"  \n\t\n",
    "binary.txt": b"\x00\x01\x02PNG\x00\x00",
    "latin1.txt": b"caf\xe9 au lait said the waiter\n",
}


def _write_corpus(root: Path, bad: bool = True) -> Path:
    """A directory of good documents (one nested, one .md) and, optionally, broken ones."""
    for name, text in GOOD.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    (root / "ignored.json").write_text("{}")  # not .txt/.md: skipped by directory expansion
    if bad:
        for name, data in BAD.items():
            (root / name).write_bytes(data)
    return root


def _run(nlp: Language, args: list[str]) -> Result:
    """Invoke the CLI in-process with the session's pipeline."""
    return CliRunner().invoke(main, args, obj={"nlp": nlp})


# ---------------------------------------------------------------- read_document


@pytest.mark.parametrize(
    ("name", "data", "error", "reason"),
    [
        ("empty.txt", b"", EmptyInputError, "is empty"),
        ("blank.txt", b" \n\t ", EmptyInputError, "holds no text"),
        ("nul.txt", b"abc\x00def", BinaryInputError, "NUL"),
        ("controls.txt", bytes(range(1, 9)) * 10, BinaryInputError, "control characters"),
        ("latin1.txt", b"caf\xe9", DecodeInputError, "not UTF-8"),
        ("big.txt", b"x" * 101, OversizeInputError, "over the limit of 100 bytes"),
    ],
)
def test_read_document_refuses_bad_files(
    tmp_path: Path, name: str, data: bytes, error: type[InputError], reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error) as info:
        read_document(path, max_bytes=100)
    assert info.value.path == str(path)
    assert str(info.value).startswith(f"{path}: ") and reason in str(info.value)


def test_read_document_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(MissingInputError, match="nope.txt: no such file"):
        read_document(tmp_path / "nope.txt", 100)
    with pytest.raises(MissingInputError, match="not a regular file"):
        read_document(tmp_path, 100)


def test_read_document_keeps_text_exactly(tmp_path: Path) -> None:
    text = "Line one\r\nCaf\u00e9 \u201cquoted\u201d\ttab\n"
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode("utf-8"))
    assert read_document(path, 1000) == text


def test_iter_input_paths_expands_directories_recursively(tmp_path: Path) -> None:
    _write_corpus(tmp_path, bad=False)
    missing = tmp_path / "missing.txt"
    found = list(iter_input_paths([tmp_path, missing]))
    assert found == [tmp_path / "mayor.txt", tmp_path / "nested" / "critic.md", missing]


# ---------------------------------------------------------------- claimgraph extract


def test_extract_citron_writes_one_verified_file_per_document(nlp: Language, tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "in", bad=False)
    out = tmp_path / "out"
    result = _run(nlp, ["extract", str(corpus), "--format", "citron", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["critic.json", "mayor.json"]
    total_quotes = 0
    for path in out.iterdir():
        data = json.loads(path.read_text(encoding="utf-8"))
        source = next(corpus.rglob(data["document"]))
        assert data["text"] == source.read_bytes().decode("utf-8")
        for quote in data["quotes"]:
            assert {"cue", "sources", "contents", "speaker", "about", "kind", "confidence"} <= set(quote)
            spans = [*quote["sources"], *quote["contents"]] + ([quote["cue"]] if quote["cue"] else [])
            for span in spans:
                assert data["text"][span["start"] : span["end"]] == span["text"]
        total_quotes += len(data["quotes"])
    assert total_quotes >= 1  # "said that ..." and a quoted, attributed sentence


def test_extract_jsonl_streams_claims_to_stdout(nlp: Language, tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path, bad=False)
    result = _run(nlp, ["extract", str(corpus / "mayor.txt")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records, "the mayor's statement yields at least one claim"
    text = GOOD["mayor.txt"]
    for record in records:
        assert record["document"] == str(corpus / "mayor.txt")
        for span in [*record["sources"], *record["contents"]]:
            assert text[span["start"] : span["end"]] == span["text"]
    assert "extracted" in result.stderr


def test_extract_jsonl_to_file(nlp: Language, tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "in", bad=False)
    out = tmp_path / "claims.jsonl"
    result = _run(nlp, ["extract", str(corpus), "--output", str(out)])
    assert result.exit_code == 0, result.output
    documents = {json.loads(line)["document"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert documents <= {str(corpus / name) for name in GOOD}
    assert result.stdout == ""


def test_extract_reports_each_bad_input_and_processes_the_rest(nlp: Language, tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "in")
    missing = tmp_path / "in" / "does-not-exist.txt"
    out = tmp_path / "out"
    result = _run(nlp, ["extract", str(corpus), str(missing), "--format", "citron", "--output", str(out)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(BAD) + 1
    for name in [*BAD, "does-not-exist.txt"]:
        assert any(str(corpus / name) in line for line in errors), name
    assert "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["critic.json", "mayor.json"]
    assert "5 failed" in result.stderr


def test_extract_usage_errors(nlp: Language, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Kim said it rains.")
    result = _run(nlp, ["extract", str(tmp_path / "a.txt"), "--format", "citron"])
    assert result.exit_code == 2 and "--output" in result.output
    result = _run(nlp, ["extract"])
    assert result.exit_code == 2
    result = _run(nlp, ["extract", str(tmp_path / "a.txt"), "--output", str(tmp_path)])
    assert result.exit_code == 2 and "is a directory" in result.output


def test_extract_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Kim said it rains.")
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "a.txt"), "--model", "no_such_pipeline_xyz"])
    assert result.exit_code == 1
    assert "no_such_pipeline_xyz" in result.output and "not installed" in result.output
    assert "Traceback" not in result.output
