"""Measuring the extractor: gold readers, metrics and the printed report."""

from __future__ import annotations

from graph.evaluate.gold import GoldDocument, read_brat, read_gold
from graph.evaluate.metrics import Report, Score, evaluate, match_quotes, score_document
from graph.evaluate.report import format_report
from graph.readwrite.citron import Quote, quotes_from_extraction

__all__ = [
    "GoldDocument",
    "Quote",
    "Report",
    "Score",
    "evaluate",
    "format_report",
    "match_quotes",
    "quotes_from_extraction",
    "read_brat",
    "read_gold",
    "score_document",
]
