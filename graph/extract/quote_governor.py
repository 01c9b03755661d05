"""The last resort for a quotation no tag or clause rule attributed: the verb that governs it in the parse.

"Moore thanked him for “stepping up”", "Trump barked “Go back to Univision,”", "the crowd reprised the
chant “Lock her up!”": the nearest verb above the quotation, when it has a subject of its own, is the cue
and that subject the source.  Titles, scare quotes next to ordinary verbs and quoted subordinate clauses
("because he “did not have to”") are left alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from graph.extract import cues
from graph.extract.attributions import Found, verb_source
from graph.extract.quote_attribution import TAG_END, QuoteAttacher, last_inner_char, so_called
from graph.extract.quotes import Quote, title_like
from graph.extract.surface_tags import (
    bare_intro,
    dash_paragraph,
    name_colon,
    noun_intro,
    sentence_tag,
    surface_tag,
)
from graph.types import ClaimKind

if TYPE_CHECKING:
    from spacy.tokens import Token

MAX_CLIMB = 6  # heads walked up from the quotation's root to its verb
SHORT_QUOTE = 3  # words: a quotation this short needs a cue verb, not any verb
CONFIDENCE = 0.55
_NOT_CONTENT = frozenset({"advcl", "npadvmod"})  # "lost his son when “…”": a circumstance, not what was said


def _root(attacher: QuoteAttacher, first: int, last: int) -> Token | None:
    """The quotation's own root: its first word whose head lies outside tokens [first, last)."""
    doc = attacher.doc
    return next((doc[i] for i in range(first, last) if not first <= doc[i].head.i < last and not doc[i].is_punct),
                None)


def _governor(attacher: QuoteAttacher, root: Token) -> tuple[Token, Token] | None:
    """(verb, child): the nearest verb above ``root`` outside any quotation, and its child on the path."""
    child, head = root, root.head
    for _ in range(MAX_CLIMB):
        if head.i == child.i:
            return None
        if head.pos_ in ("VERB", "AUX") and attacher.view.quote_of[head.i] < 0:
            return head, child
        child, head = head, head.head
    return None


def _acceptable(attacher: QuoteAttacher, qi: int, q: Quote, first: int, verb: Token, child: Token) -> bool:
    """Whether the governing verb plausibly reports the quotation (see the module docstring)."""
    doc, text = attacher.doc, attacher.text
    lemma = cues.lemma_of(verb)
    quoted = text[q.start : q.end]
    if verb.i in attacher.used_cues or so_called(verb) or verb.pos_ == "AUX" or lemma in ("be", "have"):
        return False
    if first > 0 and doc[first - 1].lower_ == "called" and so_called(doc[first - 1]):
        return False  # "the so-called “ceasefire”"
    speechlike = cues.verb_weight(lemma) > 0
    if not speechlike and (len(quoted.split()) <= SHORT_QUOTE or child.dep_ == "prep"):
        return False  # "pushed the “gun violence” narrative", "aired on “The Rachel Maddow Show”"
    if title_like(quoted) or child.dep_ in _NOT_CONTENT:
        return False
    if q.start < verb.idx:  # only a quotation opening its sentence may end in a tag: "“…,” I confessed"
        sent_start = doc[first].sent.start
        leads = sent_start == first or attacher.view.quote_of[sent_start] == qi
        return leads and q.closed and last_inner_char(text, q) in TAG_END
    return True


def _extend_cued(attacher: QuoteAttacher, q: Quote, root: Token, by_cue: dict[int, Found]) -> Found | None:
    """The claim whose cue governs the quotation and whose content stops short of it in the same sentence
    ("pledged to oppose legal status “today, tomorrow, forever.”"): its content is extended over the quotation."""
    tok = root
    for _ in range(MAX_CLIMB):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        claim = by_cue.get(tok.i)
        if claim is None:
            continue
        start, end = claim.contents[-1]
        between = attacher.text[end : q.start]
        if len(claim.contents) != 1 or not start < end <= q.start or tok.sent.end <= attacher.token_at(q.start) \
                or any(c in between for c in ".;:!?\n") or claim.cue is not None and end <= claim.cue[0] < q.start:
            return None  # not across a sentence, nor across the claim's own tag ("“…,” he said on “Meet the Press”")
        claim.contents[-1] = (start, q.end)
        if claim.kind is ClaimKind.INDIRECT:
            claim.kind = ClaimKind.MIXED  # reported speech that now carries the speaker's own words
        return claim
    return None


def _governed(attacher: QuoteAttacher, qi: int, q: Quote, first: int, root: Token | None) -> Found | None:
    """The attribution of quotation ``q`` to the verb governing it, when that verb plausibly reports it."""
    view = attacher.view
    governed = _governor(attacher, root) if root is not None else None
    if governed is None or not _acceptable(attacher, qi, q, first, *governed):
        return None
    verb, child = governed
    source, resolve = verb_source(view, verb)
    if source is None or attacher.overlaps_quote(source):
        return None
    lo = max(child.left_edge.i, verb.i + 1) if child.i > verb.i else child.left_edge.i
    content = view.trim(lo, child.right_edge.i + 1)
    if content is None:
        return None
    content = view.covering_quotes(content)
    cue = cues.verb_group_chars(verb)
    kind = ClaimKind.DIRECT if content == (q.start, q.end) else ClaimKind.MIXED
    attacher.used_cues.add(verb.i)
    return Found(kind, [content], cue, source, resolve, None, CONFIDENCE, verb.i, "quote-governor")


def governed_quotes(attacher: QuoteAttacher, found: Sequence[Found]) -> list[Found]:
    """Attributions for the quotations that ``found`` leaves uncovered, cued by the verb governing each
    (or, when that verb already cues a claim that stops short of the quotation, that claim extended), else
    by a tag after the quotation read from its words (``surface_tags``)."""
    covered = [r for f in found for r in f.contents]
    by_cue = {f.cue_token: f for f in found if f.cue_token is not None and f.contents}
    out: list[Found] = []
    for qi, q in enumerate(attacher.quotes):
        if q.continues or any(s < q.end and q.start < e for s, e in covered):
            continue
        first, last = attacher.token_at(q.start), attacher.token_at(q.end)
        root = _root(attacher, first, last) if first < last else None
        titled = title_like(attacher.text[q.start : q.end])
        extended = _extend_cued(attacher, q, root, by_cue) if root is not None and not titled else None
        if extended is not None:
            covered.append(extended.contents[-1])
            continue
        claim = (_governed(attacher, qi, q, first, root) or surface_tag(attacher, qi, q, covered)
                 or bare_intro(attacher, qi, q, covered) or noun_intro(attacher, qi, q, covered)
                 or sentence_tag(attacher, qi, q, covered) or dash_paragraph(attacher, qi, q, covered)
                 or name_colon(attacher, qi, q, covered))
        if claim is not None:
            out.append(claim)
            covered.extend(claim.contents)
    return out
