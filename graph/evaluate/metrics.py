"""Scoring predicted quotes against gold: exact-span and token-overlap P/R/F1 per role, and
attribution-level P/R/F1 from a one-to-one greedy matching of quotes.

Tokens are the matches of ``\\w+|[^\\w\\s]`` in the document and are compared by position, so
two occurrences of the same word never count as overlap. Each document is scored into a
``Report``; reports add up, so a corpus can be scored while streaming.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from graph.readwrite.citron import AnnotatedDocument, Quote
from graph.types import Span

TOKEN = re.compile(r"\w+|[^\w\s]")
ROLES = ("cue", "source", "content")
_LEADING_DETERMINERS = re.compile(r"^(?:(?:the|a|an|one)\s+)+")
_POSSESSIVE = re.compile(r"['\u2019]s\b|(?<=s)['\u2019](?=\s|$)")


# ---------------------------------------------------------------- score containers


@dataclass(frozen=True, slots=True)
class Score:
    """Counts behind one P/R/F1: ``correct`` of ``predicted`` items were right, of ``gold`` items."""

    correct: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        """Share of predicted items that are correct (0 when nothing was predicted)."""
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of gold items that were found (0 when there is no gold)."""
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.correct + other.correct, self.predicted + other.predicted, self.gold + other.gold)

    def to_dict(self) -> dict[str, Any]:
        """Counts and rounded figures, for JSON output."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "correct": self.correct,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass(frozen=True, slots=True)
class RoleScores:
    """One score per attribution role."""

    cue: Score = Score()
    source: Score = Score()
    content: Score = Score()

    def __add__(self, other: RoleScores) -> RoleScores:
        return RoleScores(self.cue + other.cue, self.source + other.source, self.content + other.content)

    def to_dict(self) -> dict[str, Any]:
        """Role name -> score dict."""
        return {role: getattr(self, role).to_dict() for role in ROLES}


@dataclass(frozen=True, slots=True)
class SpeakerScore:
    """How many matched quotes (in speaker-annotated gold) name the right canonical speaker."""

    correct: int = 0
    total: int = 0
    documents: int = 0  # gold documents that carry speaker labels

    @property
    def share(self) -> float | None:
        """Share of matched quotes with the right speaker, or None when nothing could be judged."""
        return self.correct / self.total if self.total else None

    def __add__(self, other: SpeakerScore) -> SpeakerScore:
        return SpeakerScore(self.correct + other.correct, self.total + other.total, self.documents + other.documents)

    def to_dict(self) -> dict[str, Any]:
        """Counts and share, for JSON output."""
        share = self.share
        return {"share": None if share is None else round(share, 4), "correct": self.correct, "total": self.total}


@dataclass(frozen=True, slots=True)
class Report:
    """Every figure of one evaluation; reports of single documents add up to the corpus report."""

    documents: int = 0
    exact: RoleScores = RoleScores()
    overlap: RoleScores = RoleScores()
    attribution: Score = Score()
    direct: Score = Score()
    speaker: SpeakerScore = SpeakerScore()
    missing_predictions: tuple[str, ...] = field(default=())

    def __add__(self, other: Report) -> Report:
        return Report(
            self.documents + other.documents,
            self.exact + other.exact,
            self.overlap + other.overlap,
            self.attribution + other.attribution,
            self.direct + other.direct,
            self.speaker + other.speaker,
            self.missing_predictions + other.missing_predictions,
        )

    def to_dict(self) -> dict[str, Any]:
        """All figures as plain JSON-ready values (speaker is null when gold has no speakers)."""
        return {
            "documents": self.documents,
            "exact": self.exact.to_dict(),
            "overlap": self.overlap.to_dict(),
            "attribution": self.attribution.to_dict(),
            "direct": self.direct.to_dict(),
            "speaker": self.speaker.to_dict() if self.speaker.documents else None,
            "missing_predictions": list(self.missing_predictions),
        }


# ---------------------------------------------------------------- tokens


class Tokens:
    """The token offsets of one document, turning spans into sets of token positions."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, text: str) -> None:
        """Tokenise ``text`` once, keeping sorted start and end offsets."""
        matches = list(TOKEN.finditer(text))
        self._starts = [m.start() for m in matches]
        self._ends = [m.end() for m in matches]

    def of(self, spans: Iterable[Span]) -> frozenset[int]:
        """Indices of every token that overlaps any of the spans."""
        out: set[int] = set()
        for span in spans:
            first = bisect_right(self._ends, span.start)
            stop = bisect_left(self._starts, span.end)
            out.update(range(first, stop))
        return frozenset(out)


def _trimmed(span: Span) -> tuple[int, int]:
    """Offsets of the span without surrounding whitespace, the key for exact matching."""
    stripped = span.text.lstrip()
    start = span.start + len(span.text) - len(stripped)
    return start, start + len(stripped.rstrip())


def _role_spans(quotes: Sequence[Quote], role: str) -> list[Span]:
    """All spans of one role over several quotes."""
    if role == "cue":
        return [q.cue for q in quotes if q.cue is not None]
    if role == "source":
        return [s for q in quotes for s in q.sources]
    return [s for q in quotes for s in q.contents]


def exact_scores(gold: Sequence[Quote], pred: Sequence[Quote]) -> RoleScores:
    """Per role, spans whose whitespace-trimmed offsets equal a gold span's (each span counted once)."""
    scores = {}
    for role in ROLES:
        g = {_trimmed(s) for s in _role_spans(gold, role)}
        p = {_trimmed(s) for s in _role_spans(pred, role)}
        scores[role] = Score(len(g & p), len(p), len(g))
    return RoleScores(**scores)


def overlap_scores(gold: Sequence[Quote], pred: Sequence[Quote], tokens: Tokens) -> RoleScores:
    """Per role, token-level P/R/F1 between the union of predicted and of gold spans."""
    scores = {}
    for role in ROLES:
        g = tokens.of(_role_spans(gold, role))
        p = tokens.of(_role_spans(pred, role))
        scores[role] = Score(len(g & p), len(p), len(g))
    return RoleScores(**scores)


# ---------------------------------------------------------------- attribution matching


def contents_match(gold: frozenset[int], pred: frozenset[int]) -> bool:
    """Token Jaccard >= 0.5, or one side holds >= 80% of the other's tokens."""
    shared = len(gold & pred)
    if not shared:
        return False
    return 2 * shared >= len(gold | pred) or 5 * shared >= 4 * len(gold) or 5 * shared >= 4 * len(pred)


def sources_match(gold: frozenset[int], pred: frozenset[int]) -> bool:
    """Sources agree when they share a token or neither quote has one."""
    return bool(gold & pred) if gold or pred else True


def match_quotes(gold: Sequence[Quote], pred: Sequence[Quote], tokens: Tokens) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, taken greedily by content Jaccard, best first."""
    g_content = [tokens.of(q.contents) for q in gold]
    g_source = [tokens.of(q.sources) for q in gold]
    candidates = []
    for pi, quote in enumerate(pred):
        p_content, p_source = tokens.of(quote.contents), tokens.of(quote.sources)
        for gi in range(len(gold)):
            if contents_match(g_content[gi], p_content) and sources_match(g_source[gi], p_source):
                jaccard = len(g_content[gi] & p_content) / len(g_content[gi] | p_content)
                candidates.append((-jaccard, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


# ---------------------------------------------------------------- annotation schemes


CONTINUATION = "continuation"


def fold_continuations(quotes: Sequence[Quote]) -> list[Quote]:
    """Predictions with each continuation (a quote-only paragraph carrying on an earlier speaker) folded
    into the attribution it continues, as PolNeAR annotates them: one attribution, several content spans.

    The host is the nearest earlier quote with the same speaker, else the nearest earlier one that is not
    itself a continuation; a continuation with no earlier quote stays as it is.
    """
    ordered = sorted(quotes, key=lambda q: q.contents[0].start if q.contents else -1)
    out: list[Quote] = []
    for quote in ordered:
        if quote.kind != CONTINUATION or not out:
            out.append(quote)
            continue
        same = [i for i, q in enumerate(out) if quote.speaker is not None and q.speaker == quote.speaker]
        hosts = same or [i for i, q in enumerate(out) if q.kind != CONTINUATION] or [len(out) - 1]
        host = out[hosts[-1]]
        out[hosts[-1]] = replace(host, contents=host.contents + quote.contents)
    return out


# ---------------------------------------------------------------- speakers


def normalise_speaker(name: str) -> str:
    """Case-folded name without possessive markers or leading determiners/numerals ("the", "a", "an", "one")."""
    name = " ".join(name.casefold().split())
    name = _POSSESSIVE.sub("", name)
    return _LEADING_DETERMINERS.sub("", name).strip()


def speaker_correct(gold: str | None, pred: str | None, entities: Mapping[str, Sequence[str]]) -> bool:
    """Same normalised name, or the prediction is an alias of the gold speaker; both null is right too."""
    if gold is None or pred is None:
        return gold is None and pred is None
    g, p = normalise_speaker(gold), normalise_speaker(pred)
    if g == p:
        return True
    for canonical, aliases in entities.items():
        if normalise_speaker(canonical) == g and any(normalise_speaker(a) == p for a in aliases):
            return True
    return False


# ---------------------------------------------------------------- documents and corpora


def score_document(gold: AnnotatedDocument, pred: Sequence[Quote]) -> Report:
    """Every figure for one document's predicted quotes (offsets into ``gold.text``)."""
    tokens = Tokens(gold.text)
    pairs = match_quotes(gold.quotes, pred, tokens)
    direct_gold = [q for q in gold.quotes if q.is_direct()]
    direct_pred = [q for q in pred if q.is_direct()]
    direct_pairs = match_quotes(direct_gold, direct_pred, tokens)
    speaker = SpeakerScore()
    if gold.has_speakers:
        right = sum(speaker_correct(gold.quotes[gi].speaker, pred[pi].speaker, gold.entities) for gi, pi in pairs)
        speaker = SpeakerScore(right, len(pairs), 1)
    return Report(
        documents=1,
        exact=exact_scores(gold.quotes, pred),
        overlap=overlap_scores(gold.quotes, pred, tokens),
        attribution=Score(len(pairs), len(pred), len(gold.quotes)),
        direct=Score(len(direct_pairs), len(direct_pred), len(direct_gold)),
        speaker=speaker,
    )


def quote_errors(gold: AnnotatedDocument, pred: Sequence[Quote]) -> tuple[list[Quote], list[Quote]]:
    """Gold quotes that no prediction matched, and predictions that matched no gold quote (for error analysis)."""
    pairs = match_quotes(gold.quotes, pred, Tokens(gold.text))
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    missed = [q for i, q in enumerate(gold.quotes) if i not in matched_gold]
    spurious = [q for i, q in enumerate(pred) if i not in matched_pred]
    return missed, spurious


def evaluate(gold_docs: Iterable[AnnotatedDocument], predictions: Mapping[str, Sequence[Quote]]) -> Report:
    """Score predictions (document name -> quotes) against gold; a document without predictions scores as empty."""
    report = Report()
    for doc in gold_docs:
        pred = predictions.get(doc.name)
        report += score_document(doc, pred or ())
        if pred is None:
            report += Report(missing_predictions=(doc.name,))
    return report
