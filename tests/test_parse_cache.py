"""The evaluation parse cache: reused parses give the same extraction, and keys follow text and pipeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from click.testing import CliRunner

from graph.cli import main
from graph.extract.parse_cache import entry_key, extract_cached, parsed_docs
from graph.extract.pipeline import extract_many

if TYPE_CHECKING:
    from spacy.language import Language

SEEDS = Path(__file__).parent.parent / "seeds"
DATA = Path(__file__).parent / "data"


def test_cached_extraction_equals_the_live_one(nlp: Language, tmp_path: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts.append("He said: \u201cA\u00a0short one.\u201d\nShe said nothing.")
    live = list(extract_many(nlp, texts))
    first = list(extract_cached(nlp, texts, tmp_path, batch_size=2))
    assert len(list(tmp_path.glob("*.spacy"))) == len(texts)
    again = list(extract_cached(nlp, texts, tmp_path))
    assert first == live and again == live


def test_cache_hits_are_read_not_parsed(nlp: Language, tmp_path: Path) -> None:
    text = "The minister said the plan would fail."
    (doc,) = parsed_docs(nlp, [text], tmp_path)
    (entry,) = tmp_path.glob("*.spacy")
    stamp = entry.stat().st_mtime_ns
    (cached,) = parsed_docs(nlp, [text], tmp_path)
    assert entry.stat().st_mtime_ns == stamp
    assert [(t.text, t.dep_, t.head.i, t.ent_type_) for t in cached] == [(t.text, t.dep_, t.head.i, t.ent_type_) for t in doc]


def test_keys_differ_by_text_pipeline_and_preparation() -> None:
    base = entry_key("en_core_web_sm-3.8.0", "prep", "text")
    assert base == entry_key("en_core_web_sm-3.8.0", "prep", "text")
    assert len({base, entry_key("en_other-1.0", "prep", "text"), entry_key("en_core_web_sm-3.8.0", "prep2", "text"),
                entry_key("en_core_web_sm-3.8.0", "prep", "text ")}) == 4


def test_evaluate_with_a_parse_cache_scores_like_without(nlp: Language, tmp_path: Path) -> None:
    args = ["evaluate", str(DATA), "--json"]
    plain = CliRunner().invoke(main, args, obj={"nlp": nlp})
    cached = [CliRunner().invoke(main, [*args, "--parse-cache", str(tmp_path / "c")], obj={"nlp": nlp}) for _ in "12"]
    assert plain.exit_code == 0 and all(r.exit_code == 0 for r in cached), plain.output
    assert json.loads(plain.stdout) == json.loads(cached[0].stdout) == json.loads(cached[1].stdout)
    assert len(list((tmp_path / "c").glob("*.spacy"))) == 2


def test_an_unusable_cache_directory_is_a_clear_error(nlp: Language, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(main, ["evaluate", str(DATA), "--parse-cache", str(blocker / "c")], obj={"nlp": nlp})
    assert result.exit_code == 1 and "parse cache" in result.output and "Traceback" not in result.output
