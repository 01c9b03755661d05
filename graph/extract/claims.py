"""From a parsed document to Claims: run the attribution rules, settle overlaps, resolve speakers and topics.

Only the outermost attribution is kept when one sits inside another's content (PolNeAR's rule),
quotation attributions win over parse-based ones for the same cue, and every offset becomes a
:class:`graph.types.Span` sliced from the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from graph.extract.attributions import Found, Range, TokenView
from graph.extract.framing_phrases import framing_attributions
from graph.extract.naming import unnamed_namers
from graph.extract.nominal_cues import (
    according_attributions,
    adjective_attributions,
    colon_attributions,
    noun_attributions,
    poll_attributions,
    viewpoint_attributions,
)
from graph.extract.phrase_cues import clear_attributions, light_noun_attributions
from graph.extract.quote_attribution import QuoteAttacher
from graph.extract.quote_governor import governed_quotes
from graph.extract.quotes import doc_quotes, paragraphs
from graph.extract.relative_reports import mark_relative_reports
from graph.extract.reporter_tags import reporter_tags
from graph.extract.reliability import reliability
from graph.extract.trailing_quotes import extend_with_trailing_quotes
from graph.extract.verb_cues import verb_attributions
from graph.types import Claim, ClaimKind, Mention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc


class MentionTable(Protocol):
    """What claims need from the entity table: the mentions inside a character range."""

    def mentions_within(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside [start, end), in text order."""
        ...


Resolver = Callable[[Any, Any, int, int], "str | None"]


MIN_CONFIDENCE = 0.3  # patterns matching gold less often than this on train cost more precision than they add


def find_attributions(doc: Doc, *, learned: bool = True, text: str | None = None) -> list[Found]:
    """Every attribution in a parsed document, outermost only, quotation-based ones preferred.

    With ``learned`` the confidence of each pattern comes from ``cue_stats`` (train statistics) and
    patterns below MIN_CONFIDENCE are dropped; continuations are always kept.
    """
    text = doc.text if text is None else text
    paras = paragraphs(text)
    quotes = doc_quotes(doc, paras, text)
    view = TokenView(doc, [(q.start, q.end) for q in quotes], text)
    parsed = list(verb_attributions(view, set()))
    parsed.extend(according_attributions(view))
    parsed.extend(noun_attributions(view))
    parsed.extend(adjective_attributions(view))
    parsed.extend(viewpoint_attributions(view))
    parsed.extend(colon_attributions(view))
    parsed.extend(poll_attributions(view))
    parsed.extend(clear_attributions(view))
    parsed.extend(light_noun_attributions(view))
    parsed.extend(framing_attributions(view))
    para_starts = [p[0] for p in paras]

    def paragraph_of(pos: int) -> int:
        """Index of the paragraph holding offset ``pos``."""
        return bisect_right(para_starts, pos) - 1

    last_by_para: dict[int, Found] = {}
    for found in sorted(parsed, key=lambda f: f.contents[0][0]):
        if found.source is not None:
            last_by_para[paragraph_of(found.cue[0] if found.cue else found.contents[0][0])] = found
    attacher = QuoteAttacher(view, quotes, paras)
    quoted = attacher.run(last_by_para)
    merged = quoted + [f for f in parsed if f.cue_token not in attacher.used_cues]
    merged += governed_quotes(attacher, merged)  # quotations no rule attributed: the verb governing them
    merged = reporter_tags(view, merged)  # "X said Y, the Herald reported": the Herald's attribution holds X's
    unnamed_namers(doc, merged)  # "a group called “X”": the named thing is not the speaker
    mark_relative_reports(view, merged)  # "…, which he called “X”": kept inside the attribution holding it
    if learned:
        merged = _calibrated(doc, merged, text)
    kept = _outermost(merged)
    extend_with_trailing_quotes(text, quotes, paras, kept)  # "X argued that Y. “…”": the bare quotation is X's
    return kept


def _calibrated(doc: Doc, found: list[Found], text: str) -> list[Found]:
    """Replace prior confidences by the learned reliability of each pattern and source kind (the rule's
    estimate for a lemma the statistics never saw) and drop unreliable patterns."""
    from graph.extract.cue_stats import LEARNED

    out = []
    for f in found:
        f.confidence = reliability(LEARNED, doc, f, text)  # text passed: Doc.text rebuilds the string per call
        if f.confidence >= MIN_CONFIDENCE or f.rule == "continuation":
            out.append(f)
    return out


def _inside(ranges: Sequence[Range], pos: int) -> bool:
    """True when ``pos`` falls inside one of the ranges."""
    return any(s <= pos < e for s, e in ranges)


def _outermost(found: list[Found]) -> list[Found]:
    """Drop attributions whose cue lies in another's content (unless marked nested), duplicates of the same
    content, and the less trusted of two attributions claiming mostly the same words."""
    keep: list[Found] = []
    for f in found:
        anchor = f.cue[0] if f.cue else f.contents[0][0]
        nested = any(
            g is not f
            and _inside(g.contents, anchor)
            and g.confidence >= MIN_CONFIDENCE
            and g.rule != "colon-tag"  # a speaker tag's paragraph keeps the attributions inside it
            and not _inside(f.contents, g.cue[0] if g.cue else -1)
            for g in found
        )
        if not nested or f.nested:
            keep.append(f)
        elif f.rule == "noun" and f.source is None:
            f.nested = True  # "indications that ...": an unattributed claim, reported wherever it appears
            keep.append(f)
    best: dict[tuple[Range, ...], Found] = {}
    for f in keep:
        key = tuple(f.contents)
        if key not in best or f.confidence > best[key].confidence:
            best[key] = f
    ranked = sorted(best.values(), key=lambda f: -f.confidence)
    kept: list[Found] = []
    for f in ranked:
        if f.rule in _EXEMPT or not any(g.rule not in _EXEMPT and _same_words(f.contents, g.contents) for g in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: min(s for s, _ in f.contents))


_EXEMPT = frozenset({"colon-tag", "continuation"})  # a speaker tag's paragraph and a continuation hold other claims


def _same_words(a: Sequence[Range], b: Sequence[Range]) -> bool:
    """True when two contents share at least half of their union's characters: the same words claimed by
    two cues, of which only one can be right."""
    shared = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)
    if not shared:
        return False
    la, lb = sum(e - s for s, e in a), sum(e - s for s, e in b)
    return 2 * shared >= la + lb - shared


def _about(text: str, table: MentionTable, found: Found, addressee: Mention | None) -> tuple[Mention, ...]:
    """Entities mentioned in the content (first mention of each), plus the addressee."""
    out: list[Mention] = []
    seen: set[str] = set()
    for start, end in found.contents:
        for mention in table.mentions_within(start, end):
            if mention.entity is not None and mention.entity not in seen:
                seen.add(mention.entity)
                out.append(mention)
    if addressee is not None and (addressee.entity is None or addressee.entity not in seen):
        out.append(addressee)
    return tuple(out)


_BACK_REFERENCE = re.compile(
    r"^(?:the|this|that|these|those|such)\s+(?:\w+\s+){0,2}?(?:claim|claims|comment|comments|remark|remarks|"
    r"allegation|allegations|statement|words|briefing|suggestion|assertion|accusation|accusations)\b",
    re.IGNORECASE,
)


def _refers_to_earlier_words(phrase: str) -> bool:
    """True for a source like "The inflammatory claim" that points back at something already reported."""
    return _BACK_REFERENCE.match(phrase.strip()) is not None


def to_claims(
    doc: Doc,
    found: Sequence[Found],
    table: MentionTable,
    resolve: Resolver,
    sentences: Sequence[Span],
    *,
    text: str | None = None,
) -> tuple[Claim, ...]:
    """Turn attribution records into Claims with resolved speakers, topics and their sentence."""
    text = doc.text if text is None else text
    sent_starts = [s.start for s in sentences]
    claims: list[Claim] = []
    for f in found:
        source = None
        if f.source is not None:
            target = f.resolve or f.source
            entity = resolve(doc, table, target[0], target[1])
            if entity is None and _refers_to_earlier_words(text[target[0] : target[1]]):
                entity = next((c.speaker for c in reversed(claims) if c.speaker is not None), None)
            source = Mention(Span.of(text, *f.source), entity)
        addressee = None
        if f.addressee is not None:
            addressee = Mention(Span.of(text, *f.addressee), resolve(doc, table, *f.addressee))
        anchor = f.cue[0] if f.cue else f.contents[0][0]
        idx = bisect_right(sent_starts, anchor) - 1
        sentence = sentences[idx] if 0 <= idx < len(sentences) else None
        confidence = f.confidence
        if source is not None and source.entity is not None:
            confidence = min(1.0, confidence + 0.05)
        kind = f.kind
        if kind is ClaimKind.DIRECT and source is None:
            kind = ClaimKind.NO_SOURCE
        claims.append(
            Claim(
                kind=kind,
                contents=tuple(Span.of(text, s, e) for s, e in f.contents),
                cue=Span.of(text, *f.cue) if f.cue else None,
                source=source,
                about=_about(text, table, f, addressee),
                sentence=sentence,
                confidence=round(max(0.0, min(1.0, confidence)), 3),
            )
        )
    return tuple(claims)
