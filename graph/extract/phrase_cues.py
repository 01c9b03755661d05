"""Attributions cued by a verb phrase rather than one verb: "made it clear that ...", "raised questions
about X", and (from ``nominal_cues``) "is confident that ...".  The phrase's verb gives the speaker.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from graph.extract import cues
from graph.extract.attributions import Found, Range, TokenView, verb_source
from graph.extract.verb_cues import clause_range
from graph.types import ClaimKind

if TYPE_CHECKING:
    from spacy.tokens import Token


def phrase_found(view: TokenView, verb: Token, last: Token, content: Range, speaker: tuple[Range | None, Range | None],
                 confidence: float, rule: str, *, anchor: Token | None = None) -> Found:
    """An attribution cued by a verb phrase from ``verb``'s group to ``last`` ("made clear", "raised questions
    about", "is confident"): content grown over the quotations it touches, mixed when it touches one."""
    doc = view.doc
    start, _ = cues.verb_group(verb)
    cue = (doc[start].idx, last.idx + len(last.text))
    content = view.covering_quotes(content)
    kind = ClaimKind.MIXED if view.touches_quote(content) else ClaimKind.INDIRECT
    source, resolve = speaker
    return Found(kind, [content], cue, source, resolve, None, confidence, (anchor or last).i, rule)


def clear_attributions(view: TokenView) -> Iterator[Found]:
    """"X made (it) clear that ...": X states the clause ("it is not clear whether" is the author's own)."""
    for tok in view.doc:
        if tok.lower_ != "clear" or tok.dep_ not in ("ccomp", "oprd", "acomp", "xcomp") or view.quote_of[tok.i] >= 0:
            continue
        made = tok.head
        if cues.lemma_of(made) != "make" or made.pos_ != "VERB":
            continue
        clause = next((c for c in (*tok.children, *made.children) if c.dep_ in ("ccomp", "advcl") and c.i > tok.i), None)
        content = clause_range(view, clause) if clause is not None else None
        source, resolve = verb_source(view, made)
        if content is None or source is None:
            continue
        yield phrase_found(view, made, tok, content, (source, resolve), 0.8, "make-clear")


def light_noun_attributions(view: TokenView) -> Iterator[Found]:
    """A light verb with a stance noun and its prepositional object: "raised questions about X", "took a
    swipe at X", "cast doubt on X", "voiced support for X" (the verb's subject is the speaker)."""
    for noun in view.doc:
        if noun.dep_ != "dobj" or noun.pos_ != "NOUN" or view.quote_of[noun.i] >= 0:
            continue
        verb, lemma = noun.head, cues.lemma_of(noun)
        if cues.lemma_of(verb) not in cues.LIGHT_NOUN_VERBS or lemma not in cues.LIGHT_NOUNS:
            continue
        prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in cues.LIGHT_NOUNS[lemma]), None)
        if prep is None:
            prep = next((c for c in verb.rights if c.i > noun.i and c.dep_ == "prep" and c.lower_ in
                         cues.LIGHT_NOUNS[lemma]), None)
        pobj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        content = view.subtree(pobj) if pobj is not None else None
        source, resolve = verb_source(view, verb)
        if content is None or source is None or content[0] < source[1] and source[0] < content[1]:
            continue
        yield phrase_found(view, verb, prep, content, (source, resolve), 0.6, "light-noun", anchor=noun)
