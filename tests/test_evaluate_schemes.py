"""Annotation schemes in evaluation: continuation claims folded into the claim they continue (PolNeAR) or
scored on their own (Citron), chosen by the gold format and printed with the figures."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from graph.cli import main
from graph.evaluate.metrics import fold_continuations, score_document
from graph.readwrite.citron import AnnotatedDocument, Quote
from graph.types import Span

DATA = Path(__file__).parent / "data"
BRAT = DATA / "brat"

TEXT = "“We will win,” Ana said.\n“Nobody can stop us now.”\n“Really,” Ben said.\n“Never.”"


def _span(piece: str) -> Span:
    """The span of the first occurrence of ``piece`` in TEXT."""
    start = TEXT.index(piece)
    return Span.of(TEXT, start, start + len(piece))


def _quote(content: str, source: str | None, kind: str, speaker: str | None) -> Quote:
    """A predicted quote over TEXT."""
    sources = (_span(source),) if source else ()
    return Quote(contents=(_span(content),), sources=sources, kind=kind, speaker=speaker)


ANA = _quote("“We will win,”", "Ana", "direct", "Ana")
ANA_MORE = _quote("“Nobody can stop us now.”", None, "continuation", "Ana")
BEN = _quote("“Really,”", "Ben", "direct", "Ben")
ANA_AGAIN = _quote("“Never.”", None, "continuation", "Ana")


def test_fold_joins_a_continuation_to_the_same_speaker() -> None:
    """A continuation becomes an extra content span of the nearest earlier quote with its speaker."""
    folded = fold_continuations([ANA, ANA_MORE, BEN, ANA_AGAIN])
    assert [q.kind for q in folded] == ["direct", "direct"]
    assert [s.text for s in folded[0].contents] == ["“We will win,”", "“Nobody can stop us now.”", "“Never.”"]
    assert folded[1] == BEN


def test_fold_without_speaker_takes_the_nearest_earlier_claim_and_keeps_orphans() -> None:
    """An unresolved continuation joins the nearest earlier non-continuation; one with nothing before stays."""
    orphan = _quote("“Nobody can stop us now.”", None, "continuation", None)
    assert fold_continuations([orphan]) == [orphan]
    folded = fold_continuations([BEN, _quote("“Never.”", None, "continuation", None)])
    assert [s.text for s in folded[0].contents] == ["“Really,”", "“Never.”"]


def test_folding_matches_a_polnear_style_multi_paragraph_attribution() -> None:
    """Gold with both paragraphs in one attribution: folded predictions score 1/1, separate ones 1/2."""
    gold_quote = Quote(contents=(_span("“We will win,”"), _span("“Nobody can stop us now.”")), sources=(_span("Ana"),))
    gold = AnnotatedDocument(name="doc", text=TEXT, quotes=(gold_quote,))
    separate = score_document(gold, [ANA, ANA_MORE]).attribution
    folded = score_document(gold, fold_continuations([ANA, ANA_MORE])).attribution
    assert (separate.correct, separate.predicted) == (1, 2)
    assert (folded.correct, folded.predicted) == (1, 1)


def test_cli_picks_the_scheme_by_gold_format_and_reports_it(tmp_path: Path) -> None:
    """Citron gold scores separately, BRAT gold folds; the choice is printed and in the JSON; it can be forced."""
    runner = CliRunner()
    citron = runner.invoke(main, ["evaluate", str(DATA), "--pred", str(DATA), "--json"])
    assert citron.exit_code == 0, citron.output
    assert json.loads(citron.stdout)["continuations"] == "separate"
    forced = runner.invoke(main, ["evaluate", str(DATA), "--pred", str(DATA), "--continuations", "fold"])
    assert forced.exit_code == 0, forced.output
    assert "continuations: continuation paragraphs folded" in forced.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    brat = runner.invoke(main, ["evaluate", str(BRAT), "--pred", str(empty), "--json"])
    assert brat.exit_code == 0, brat.output
    assert json.loads(brat.stdout)["continuations"] == "fold"
