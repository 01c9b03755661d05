"""Evaluation metrics on hand-built gold/prediction pairs with known answers, and the gold readers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.errors import InputError, MissingInputError
from graph.evaluate import GoldDocument, Quote, evaluate, read_gold, score_document
from graph.evaluate.gold import brat_pairs, parse_brat
from graph.evaluate.metrics import (
    Report,
    Score,
    Tokens,
    contents_match,
    match_quotes,
    normalise_speaker,
    quote_errors,
    speaker_correct,
)
from graph.evaluate.report import format_report
from graph.types import Span

if TYPE_CHECKING:
    from spacy.language import Language

DATA = Path(__file__).parent / "data"
BRAT = DATA / "brat"

# 40 one-letter tokens "t0 t1 ..." so spans can be built from token positions.
WORDS = [f"w{i:02d}" for i in range(40)]
LETTERS = " ".join(WORDS)


def tok(first: int, stop: int) -> Span:
    """The span covering tokens first..stop-1 of LETTERS."""
    start = first * 4
    return Span.of(LETTERS, start, stop * 4 - 1)


def q(content: tuple[int, int], source: tuple[int, int] | None = None, speaker: str | None = None) -> Quote:
    """A quote over LETTERS with one content span and an optional source span."""
    return Quote(contents=(tok(*content),), sources=(tok(*source),) if source else (), speaker=speaker)


def gold_doc(*quotes: Quote, text: str = LETTERS, **kw: object) -> GoldDocument:
    """A one-document gold set."""
    return GoldDocument(name="doc", text=text, quotes=quotes, **kw)  # type: ignore[arg-type]


def test_tok_helper_builds_exact_token_spans() -> None:
    assert tok(0, 2).text == "w00 w01"
    assert Tokens(LETTERS).of([tok(3, 6)]) == frozenset({3, 4, 5})


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ((0, 6), (0, 6), True),  # identical
        ((0, 6), (2, 8), True),  # Jaccard 4/8 = 0.5 exactly, containment only 4/6
        ((0, 7), (3, 10), False),  # Jaccard 4/10, containment 4/7
        ((0, 10), (2, 30), True),  # pred holds 8/10 = 80% of gold, Jaccard 8/30
        ((0, 10), (3, 30), False),  # pred holds 7/10 of gold
        ((0, 10), (0, 4), True),  # gold holds 100% of pred, Jaccard 0.4
        ((0, 5), (5, 10), False),  # adjacent, nothing shared
    ],
)
def test_content_matching_thresholds(gold: tuple[int, int], pred: tuple[int, int], expected: bool) -> None:
    tokens = Tokens(LETTERS)
    assert contents_match(tokens.of([tok(*gold)]), tokens.of([tok(*pred)])) is expected
    report = score_document(gold_doc(q(gold)), [q(pred)])
    assert report.attribution == Score(int(expected), 1, 1)


@pytest.mark.parametrize(
    ("gold_source", "pred_source", "expected"),
    [
        ((20, 23), (20, 23), True),
        ((20, 23), (22, 25), True),  # share token 22
        ((20, 23), (23, 26), False),  # adjacent, no shared token
        (None, None, True),  # both without source
        ((20, 23), None, False),
        (None, (20, 23), False),
    ],
)
def test_sources_must_share_a_token_or_both_be_absent(
    gold_source: tuple[int, int] | None, pred_source: tuple[int, int] | None, expected: bool
) -> None:
    report = score_document(gold_doc(q((0, 10), gold_source)), [q((0, 10), pred_source)])
    assert report.attribution.correct == int(expected)


def test_exact_match_scores_one_everywhere() -> None:
    gold = gold_doc(q((0, 10), (12, 14)), q((20, 30)))
    report = score_document(gold, list(gold.quotes))
    for role in ("source", "content"):
        assert getattr(report.exact, role).f1 == 1.0
        assert getattr(report.overlap, role).f1 == 1.0
    assert report.attribution == Score(2, 2, 2)
    assert report.exact.cue == Score(0, 0, 0)


def test_matching_is_one_to_one_and_greedy_by_jaccard() -> None:
    tokens = Tokens(LETTERS)
    gold = [q((0, 10)), q((0, 9))]
    # the single prediction equals the second gold quote and must pair with it, not the first
    assert match_quotes(gold, [q((0, 9))], tokens) == [(1, 0)]
    # two predictions for one gold quote: only one is matched
    report = score_document(gold_doc(q((0, 10))), [q((0, 10)), q((1, 10))])
    assert report.attribution == Score(1, 2, 1)
    assert report.attribution.precision == 0.5
    assert report.attribution.recall == 1.0
    # best pairs first: G0-P0 (J=1) and G1-P1 (J=1) rather than G0-P1
    pairs = match_quotes([q((0, 10)), q((20, 30))], [q((0, 10)), q((20, 30))], tokens)
    assert sorted(pairs) == [(0, 0), (1, 1)]


def test_tokens_compare_positions_not_strings() -> None:
    text = "same words here. same words here."
    first, second = Span.of(text, 0, 15), Span.of(text, 17, 32)
    assert first.text == second.text
    report = score_document(gold_doc(Quote(contents=(first,)), text=text), [Quote(contents=(second,))])
    assert report.attribution.correct == 0
    assert report.overlap.content == Score(0, 3, 3)


def test_token_overlap_and_exact_scores_per_role() -> None:
    gold = gold_doc(Quote(contents=(tok(0, 10),), sources=(tok(12, 14),), cue=tok(11, 12)))
    pred = [Quote(contents=(tok(5, 15),), sources=(Span.of(LETTERS, tok(12, 14).start - 1, tok(12, 14).end),),
                  cue=tok(10, 11))]
    report = score_document(gold, pred)
    assert report.overlap.content == Score(5, 10, 10)
    assert report.overlap.content.f1 == 0.5
    assert report.exact.content == Score(0, 1, 1)
    assert report.exact.source == Score(1, 1, 1)  # differs only by a leading space
    assert report.exact.cue == Score(0, 1, 1)
    assert report.overlap.cue == Score(0, 1, 1)


DIRECT_TEXT = 'Ann said \u201cwe will win the vote\u201d today. Ben said "taxes rise". Cal said costs fall.'


def _find(text: str, piece: str) -> Span:
    """The first occurrence of ``piece`` in ``text`` as a span."""
    start = text.index(piece)
    return Span.of(text, start, start + len(piece))


def test_direct_restriction_uses_each_sides_own_content() -> None:
    t = DIRECT_TEXT
    gold = gold_doc(
        Quote(contents=(_find(t, "\u201cwe will win the vote\u201d"),), sources=(_find(t, "Ann"),)),
        Quote(contents=(_find(t, '"taxes rise"'),), sources=(_find(t, "Ben"),)),
        Quote(contents=(_find(t, "costs fall"),), sources=(_find(t, "Cal"),)),
        text=t,
    )
    pred = [
        Quote(contents=(_find(t, "we will win the vote"),), sources=(_find(t, "Ann"),)),  # marks left out
        Quote(contents=(_find(t, '"taxes rise"'),), sources=(_find(t, "Ben"),)),
        Quote(contents=(_find(t, "costs fall"),), sources=(_find(t, "Cal"),)),
    ]
    report = score_document(gold, pred)
    assert report.attribution == Score(3, 3, 3)
    assert report.direct == Score(1, 1, 2)


@pytest.mark.parametrize(
    ("gold", "pred", "entities", "expected"),
    [
        ("Keir Starmer", "keir  starmer", {}, True),
        ("the Labour Party", "Labour Party", {}, True),
        ("Labour Party", "The Labour Party", {}, True),
        ("Labour\u2019s deputy leader", "labour deputy leader", {}, True),
        ("one official", "An official", {}, True),
        ("Keir Starmer", "Starmer", {"Keir Starmer": ["Keir Starmer", "Starmer"]}, True),
        ("Keir Starmer", "Starmer", {}, False),
        ("Keir Starmer", "Angela Rayner", {"Keir Starmer": ["Starmer"]}, False),
        (None, None, {}, True),
        ("Keir Starmer", None, {}, False),
        (None, "Keir Starmer", {}, False),
    ],
)
def test_speaker_rules(gold: str | None, pred: str | None, entities: dict[str, list[str]], expected: bool) -> None:
    assert speaker_correct(gold, pred, entities) is expected


def test_normalise_speaker_strips_determiners_and_possessives() -> None:
    assert normalise_speaker("The  Prime Minister's") == "prime minister"
    assert normalise_speaker("an Official") == "official"


def test_speaker_share_counts_matched_quotes_only() -> None:
    entities = {"Alice Smith": ("Alice Smith", "Smith")}
    gold = gold_doc(
        q((0, 10), speaker="Alice Smith"),
        q((20, 25), speaker="Bob Jones"),
        q((30, 35), speaker=None),
        entities=entities,
        has_speakers=True,
    )
    pred = [q((0, 10), speaker="Smith"), q((20, 25), speaker="Carol"), q((30, 35), speaker=None)]
    report = score_document(gold, pred[:2] + [q((36, 38))])  # third prediction misses
    assert report.speaker.correct == 1 and report.speaker.total == 2
    assert score_document(gold, pred).speaker.share == pytest.approx(2 / 3)
    unlabelled = score_document(gold_doc(q((0, 10))), [q((0, 10))])
    assert unlabelled.speaker.documents == 0
    assert unlabelled.to_dict()["speaker"] is None


def test_evaluate_sums_documents_and_reports_missing_predictions() -> None:
    a = GoldDocument(name="a", text=LETTERS, quotes=(q((0, 10)),))
    b = GoldDocument(name="b", text=LETTERS, quotes=(q((0, 10)), q((20, 30))))
    report = evaluate([a, b], {"a": [q((0, 10))]})
    assert report.documents == 2
    assert report.attribution == Score(1, 1, 3)
    assert report.missing_predictions == ("b",)
    assert report == score_document(a, [q((0, 10))]) + score_document(b, []) + Report(missing_predictions=("b",))
    as_json = json.loads(json.dumps(report.to_dict()))
    assert as_json["attribution"]["recall"] == pytest.approx(1 / 3, abs=1e-4)
    assert "attribution" in format_report(report)


def test_citron_gold_fixtures_score_perfectly_against_themselves() -> None:
    docs = read_gold(DATA)
    assert [d.name for d in docs] == sorted(d.name for d in docs)
    assert all(d.has_speakers and d.entities for d in docs)
    report = evaluate(docs, {d.name: d.quotes for d in docs})
    assert report.attribution.f1 == 1.0
    assert report.speaker.share == 1.0
    assert report.direct.gold > 0
    assert len(read_gold(DATA, limit=1)) == 1


def test_read_gold_errors_name_the_path(tmp_path: Path) -> None:
    with pytest.raises(MissingInputError, match="nowhere"):
        read_gold(tmp_path / "nowhere")
    with pytest.raises(InputError, match="no \\*.json"):
        read_gold(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text('{"text": "abc", "quotes": [{"contents": [{"start": 1, "end": 9, "text": "x"}]}]}')
    with pytest.raises(InputError, match="bad.json.*outside"):
        read_gold(bad)


# ---------------------------------------------------------------- BRAT / PolNeAR


def test_brat_fixture_picks_the_smallest_annotator_suffix() -> None:
    pairs = brat_pairs(BRAT)
    assert [(t.name, a.name) for t, a in pairs] == [("article-one.txt", "article-one_a1.ann")]


def test_brat_reader_on_fixture() -> None:
    (doc,) = read_gold(BRAT)
    assert doc.name == "article-one"
    assert not doc.has_speakers
    by_cue = {quote.cue.text if quote.cue else None: quote for quote in doc.quotes}
    assert set(by_cue) == {"said", "told", "argued", "accusations"}  # Discard and Discuss are not quotes
    # discontinuous content: two pieces, each verifying against the text
    told = by_cue["told"]
    assert [s.text for s in told.contents] == ["\u201cWe will cut the tax,\u201d", "\u201cand nobody will pay more.\u201d"]
    assert told.sources[0].text == "Mayor Lee"
    # no-source attribution
    assert by_cue["accusations"].sources == ()
    assert by_cue["accusations"].contents[0].text == "the council hid the report"
    # Content2 is part of the content
    assert len(by_cue["argued"].contents) == 2
    for quote in doc.quotes:
        for span in (*quote.contents, *quote.sources):
            assert span.verify(doc.text)


def test_brat_parser_skips_continuation_lines_and_eventless_annotations() -> None:
    text = "Kim said it rains. Odd text."
    ann = (
        "T1\tSource 0 3\tKim\nT2\tCue 4 8\tsaid\nT3\tContent 9 17\tit rains\nT4\tAttribution 4 8\tsaid\n"
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
        "T5\tDiscard 19 28\tOdd\ntext.\nT6\tAttribution 4 8\tsaid\nE2\tAttribution:T6 \n"
    )
    doc = parse_brat(text, ann, "x")
    assert len(doc.quotes) == 1
    assert doc.quotes[0].contents[0].text == "it rains"
    assert doc.quotes[0].cue == Span.of(text, 4, 8)


# ---------------------------------------------------------------- claimgraph evaluate


def test_evaluate_cli_json_with_the_extractor(nlp: Language) -> None:
    result = CliRunner().invoke(main, ["evaluate", str(DATA), "--json", "--limit", "1"], obj={"nlp": nlp})
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["documents"] == 1
    assert set(figures["exact"]) == set(figures["overlap"]) == {"cue", "source", "content"}
    assert figures["attribution"]["gold"] == len(read_gold(DATA)[0].quotes)
    assert 0.0 <= figures["attribution"]["f1"] <= 1.0
    assert figures["speaker"] is not None and figures["speaker"]["total"] == figures["attribution"]["correct"]


def test_evaluate_cli_saved_predictions_and_limit(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["evaluate", str(DATA), "--pred", str(DATA), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["attribution"]["f1"] == 1.0
    # a prediction directory lacking the files: scored empty, named in the report
    empty = tmp_path / "pred"
    empty.mkdir()
    result = CliRunner().invoke(main, ["evaluate", str(DATA), "--pred", str(empty), "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "documents: 1" in result.stdout and "no predictions for 1 document" in result.stdout


def test_evaluate_cli_brat_gold_and_errors(nlp: Language, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["evaluate", str(BRAT)], obj={"nlp": nlp})
    assert result.exit_code == 0, result.output
    assert "attribution" in result.stdout and "speaker: n/a" in result.stdout
    result = CliRunner().invoke(main, ["evaluate", str(tmp_path / "nowhere")])
    assert result.exit_code == 1 and "nowhere" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(main, ["evaluate", str(DATA), "--model", "no_such_pipeline_xyz"])
    assert result.exit_code == 1 and "not installed" in result.output


def test_quote_errors_and_errors_flag(tmp_path: Path) -> None:
    gold = gold_doc(q((0, 10), (12, 14)), q((20, 30)))
    missed, spurious = quote_errors(gold, [q((0, 10), (12, 14)), q((32, 36))])
    assert missed == [gold.quotes[1]] and spurious == [q((32, 36))]
    empty = tmp_path / "pred"
    empty.mkdir()
    result = CliRunner().invoke(main, ["evaluate", str(DATA), "--pred", str(empty), "--errors", "--limit", "1"])
    assert result.exit_code == 0, result.output
    first = read_gold(DATA)[0]
    assert f"== {first.name}: {len(first.quotes)} missed, 0 spurious" in result.stdout
    result = CliRunner().invoke(main, ["evaluate", str(DATA), "--pred", str(DATA), "--errors", "--json"])
    assert [e["missed"] for e in json.loads(result.stdout)["errors"]] == [[], []]


def test_saved_extractions_score_like_the_live_extractor(nlp: Language, tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    for doc in read_gold(DATA, limit=1):
        (texts / f"{doc.name}.txt").write_bytes(doc.text.encode("utf-8"))
    runner = CliRunner()
    extracted = runner.invoke(main, ["extract", str(texts), "--format", "citron", "-o", str(tmp_path / "pred")],
                              obj={"nlp": nlp})
    assert extracted.exit_code == 0, extracted.output
    saved = runner.invoke(main, ["evaluate", str(DATA), "--pred", str(tmp_path / "pred"), "--json", "--limit", "1"])
    live = runner.invoke(main, ["evaluate", str(DATA), "--json", "--limit", "1"], obj={"nlp": nlp})
    assert json.loads(saved.stdout)["missing_predictions"] == []
    assert json.loads(saved.stdout) == json.loads(live.stdout)
