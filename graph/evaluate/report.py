"""Printing an evaluation ``Report`` as a small human-readable table."""

from __future__ import annotations

from collections.abc import Sequence

from graph.evaluate.metrics import ROLES, Report, Score
from graph.readwrite.citron import Quote

_CLIP = 90


def _row(label: str, score: Score) -> str:
    """One table line: label, P, R, F1 and the counts behind them."""
    return (
        f"{label:<24}{score.precision:>7.3f}{score.recall:>7.3f}{score.f1:>7.3f}"
        f"   {score.correct}/{score.predicted} pred, {score.gold} gold"
    )


def format_report(report: Report) -> str:
    """The report as text: per-role exact and token-overlap scores, attribution level, speakers."""
    lines = [f"documents: {report.documents}", f"{'':<24}{'P':>7}{'R':>7}{'F1':>7}"]
    for role in ROLES:
        lines.append(_row(f"exact {role}", getattr(report.exact, role)))
    for role in ROLES:
        lines.append(_row(f"token {role}", getattr(report.overlap, role)))
    lines.append(_row("attribution", report.attribution))
    lines.append(_row("attribution (quoted)", report.direct))
    share = report.speaker.share
    if not report.speaker.documents:
        lines.append("speaker: n/a (gold has no speaker labels)")
    elif share is None:
        lines.append("speaker: n/a (no matched quotes)")
    else:
        lines.append(f"speaker: {share:.3f} of matched quotes ({report.speaker.correct}/{report.speaker.total})")
    if report.missing_predictions:
        lines.append(f"no predictions for {len(report.missing_predictions)} document(s), scored as empty")
    return "\n".join(lines)


def _clip(text: str) -> str:
    """One line of at most _CLIP characters."""
    text = " ".join(text.split())
    return text if len(text) <= _CLIP else text[: _CLIP - 1] + "\u2026"


def format_quote(quote: Quote) -> str:
    """A quote on one line: [source] <cue> content."""
    source = " ".join(s.text for s in quote.sources) or "-"
    cue = quote.cue.text if quote.cue else "-"
    return f"[{_clip(source)}] <{cue}> {_clip(quote.content_text())}"


def format_errors(name: str, missed: Sequence[Quote], spurious: Sequence[Quote]) -> str:
    """One document's unmatched gold quotes (-) and unmatched predictions (+), for tuning."""
    lines = [f"== {name}: {len(missed)} missed, {len(spurious)} spurious"]
    lines.extend(f"  - {format_quote(q)}" for q in missed)
    lines.extend(f"  + {format_quote(q)}" for q in spurious)
    return "\n".join(lines)
