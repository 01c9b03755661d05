"""A report passed on by a second source named at the end of its sentence ("Lee said the deal was “dead,” the
Herald reported." / "..., according to the Herald."): the trailing source is the attribution, its content the
whole clause before the tag, and the report inside it is nested there (PolNeAR annotates the outer one only).

``reporter_tags`` rewrites the candidates of such sentences: it adds the outer attribution, drops what other
rules made of the tag, and cuts the inner report's content back to the clause so that it nests.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from graph.extract import cues
from graph.extract.attributions import Found, Range, TokenView
from graph.extract.quote_speakers import CLAUSE_END, speaker
from graph.extract.reliability import PERSONAL_PRONOUNS
from graph.types import ClaimKind

if TYPE_CHECKING:
    from spacy.tokens import Token

MAX_TAG = 12  # tokens in the trailing tag: "the Washington Post reported in 1991"
MAX_CLAUSE = 80  # tokens the reported clause may span before the tag
_EMBEDDED_DEPS = frozenset({"relcl", "acl", "amod", "advcl", "pcomp", "xcomp"})
_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "and", "in", "for", "to", "on", "at", "by"})
_TAG_DEPS = frozenset({"nsubj", "aux", "neg", "advmod", "prep", "npadvmod", "punct", "agent"})  # "… in 1991"


def _reporting(verb: Token) -> bool:
    """True for a verb of saying that reports content on its own ("said", "reported", "added")."""
    lemma = cues.lemma_of(verb)
    return cues.is_speech_verb(lemma) and cues.verb_weight(lemma) >= 0.5


def _tag_end(view: TokenView, tok: Token) -> bool:
    """True for a clause-ending mark outside quotations (or a paragraph break)."""
    return view.quote_of[tok.i] < 0 and (tok.text in CLAUSE_END or tok.is_space and "\n" in tok.text)


def _tag_verb(view: TokenView, lo: int, hi: int) -> tuple[Token, Range] | None:
    """The verb of saying heading a short tag [lo, hi) and its speaker: "the Herald reported (in 1990)",
    "reported the Herald", "Lee added"; None when the tag has a content of its own or is no tag."""
    doc = view.doc
    verbs = [t for t in doc[lo:hi] if t.pos_ == "VERB"]
    if len(verbs) != 1:
        return None
    verb = verbs[0]
    if not _reporting(verb) or verb.dep_ in _EMBEDDED_DEPS or verb.tag_ in ("VBG", "VBN"):
        return None  # "..., half joking" / "..., as recalled by X" are no reporter tags
    source, _ = speaker(view, verb, (lo, hi))
    if source is None or not doc[lo].idx <= source[0] < doc[hi - 1].idx + len(doc[hi - 1].text):
        return None
    phrase = doc.char_span(source[0], source[1], alignment_mode="expand")
    if phrase is None or phrase.start not in (lo, verb.i + 1):
        return None  # the tag must open with its speaker or with the inverted verb
    addressee = cues.lemma_of(verb) in cues.ADDRESSEE_VERBS | cues.RECIPIENT_OBJECT_VERBS
    for child in verb.children:
        if lo <= child.i < hi and not phrase.start <= child.i < phrase.end and child.dep_ not in _TAG_DEPS and not (
                child.dep_ in ("dobj", "dative") and addressee):
            return None  # "..., it doesn't tell voters much about X": a clause with content of its own
    return verb, source


def _according(view: TokenView, lo: int, hi: int) -> tuple[Token, Range, Range] | None:
    """"according to X" filling the tag [lo, hi): the cue word, the cue range and X."""
    doc = view.doc
    if hi - lo < 3 or doc[lo].lower_ != "according" or doc[lo + 1].lower_ != "to":
        return None
    source = view.trim(lo + 2, hi, quotes=False)
    if source is None:
        return None
    return doc[lo], (doc[lo].idx, doc[lo + 1].idx + len(doc[lo + 1].text)), source


def _sentence_end(view: TokenView, i: int) -> bool:
    """True when token ``i`` ends a sentence: a clause end outside quotations, a paragraph break, or the last
    token of a quotation that closes on a full stop ("… is “unpredictable.” Yet …")."""
    tok = view.doc[i]
    if _tag_end(view, tok):
        return True
    q = view.quote_of[i]
    if q < 0 or i + 1 < len(view.doc) and view.quote_of[i + 1] == q:
        return False
    qs, qe = view.quotes[q]
    return view.text[qs:qe].rstrip("\"'”’» ")[-1:] in (".", "!", "?")


def _clause_start(view: TokenView, comma: int) -> int:
    """The first token of the sentence that ends at ``comma`` (at most MAX_CLAUSE tokens back)."""
    i = comma - 1
    while i > max(0, comma - MAX_CLAUSE) and not _sentence_end(view, i - 1):
        i -= 1
    return i


def _inner_report(view: TokenView, f: Found, clause: Range, tag_verb: Token) -> bool:
    """True for a report said inside the clause and running to its end ("Lee said the deal was “dead,”"), not
    in a clause subordinate to the tag ("When Lee said …, the crowd applauded")."""
    if f.cue_token is None or f.source is None or view.quote_of[f.cue_token] >= 0:
        return False
    verb = view.doc[f.cue_token]
    if not clause[0] <= verb.idx < clause[1] or not clause[0] <= f.source[0] < clause[1]:
        return False
    if f.rule != "according" and not _reporting(verb):
        return False
    if max(e for _, e in f.contents) < clause[1] - 1:
        return False  # "Lee declared the need for X: “…,” she said": the report ends before the quotation
    node = verb
    while node.head.i != node.i and node.i != tag_verb.i:
        if node.dep_ == "advcl" and node.head.i == tag_verb.i:
            return False
        node = node.head
    return True


def _same_speaker(view: TokenView, inner: Range, tag: Range) -> bool:
    """True when the tag names the inner report's speaker again ("Lee said …, she said" / "…, Lee said"): a
    pronoun, or a word of the inner speaker's name."""
    tag_words = view.text[tag[0] : tag[1]].lower().split()
    if len(tag_words) == 1 and tag_words[0] in PERSONAL_PRONOUNS:
        return True
    return bool(set(tag_words) & set(view.text[inner[0] : inner[1]].lower().split()) - _FUNCTION_WORDS)


def _separator(view: TokenView, end: int) -> tuple[int, int] | None:
    """Where the tag before token ``end`` begins and the reported clause ends (both token indices): after a comma
    outside quotations, or after a quotation closed on a comma ("“…,” the Herald reported")."""
    doc = view.doc
    i = end - 1
    while i > max(0, end - MAX_TAG - 1):
        tok = doc[i]
        if view.quote_of[i] >= 0:
            qs, qe = view.quotes[view.quote_of[i]]
            inner = view.text[qs:qe].rstrip("\"'”’» ")
            return (i + 1, i + 1) if inner.endswith(",") and i + 1 < end else None
        if tok.text == ",":
            return (i + 1, i) if i + 1 < end else None
        if _tag_end(view, tok):
            return None
        i -= 1
    return None


def _outer(view: TokenView, found: Sequence[Found], end: int) -> tuple[Found, int, int, int] | None:
    """The outer attribution of a sentence ending at token ``end`` with a trailing reporter tag, with the
    clause's first and end tokens and the tag's first token; None without such a tag or without a report."""
    bounds = _separator(view, end)
    if bounds is None:
        return None
    tag_lo, clause_end = bounds
    according = _according(view, tag_lo, end)
    if according is not None:
        cue_tok, cue, source = according
    else:
        tagged = _tag_verb(view, tag_lo, end)
        if tagged is None:
            return None
        cue_tok, source = tagged
        cue = cues.verb_group_chars(cue_tok)
    start = _clause_start(view, clause_end)
    content = view.trim(start, clause_end)
    if content is None:
        return None
    if not any(_inner_report(view, f, content, cue_tok) and not _same_speaker(view, f.source, source)
               for f in found if f.source is not None):
        return None
    kind = ClaimKind.MIXED if view.touches_quote(content) else ClaimKind.INDIRECT
    outer = Found(kind, [content], cue, source, source, None, 0.8, cue_tok.i, "reporter-tag")
    return outer, start, clause_end, tag_lo


def reporter_tags(view: TokenView, found: list[Found]) -> list[Found]:
    """The candidates with every sentence-final reporter tag over a report turned into the outer attribution:
    the tag's own candidates go, reports inside the clause keep only their part before the tag."""
    doc = view.doc
    out = list(found)
    for tok in doc:
        if not _tag_end(view, tok) or tok.i == 0:
            continue
        made = _outer(view, out, tok.i)
        if made is None:
            continue
        outer, start, clause_end, tag_lo = made
        limit = outer.contents[0][1]
        kept = []
        for f in out:
            if f.cue_token is not None and tag_lo <= f.cue_token < tok.i:
                continue  # what another rule made of the tag itself
            if f.cue_token is not None and start <= f.cue_token < clause_end:
                f.contents = [(s, min(e, limit)) for s, e in f.contents if s < limit] or f.contents
            kept.append(f)
        kept.append(outer)
        out = kept
    return out
