"""Attributions whose cue is not a verb: nouns ("the claim that ..."), adjectives ("is confident that ..."),
"according to X" and "in X's view".

They share the records and helpers of ``attributions.py`` and are merged with the verb and quotation
rules by ``claims.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from graph.extract import cues
from graph.extract.attributions import Found, Range, TokenView, noun_clause, strip_range, verb_source
from graph.extract.phrase_cues import phrase_found
from graph.types import ClaimKind

if TYPE_CHECKING:
    from spacy.tokens import Token


def according_attributions(view: TokenView) -> Iterator[Found]:
    """"According to X, ..." and "..., according to X": X is the source, the host clause the content."""
    doc = view.doc
    for tok in doc:
        if tok.lower_ != "according" or view.quote_of[tok.i] >= 0:
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
        if to is None:
            continue
        pobj = next((g for g in to.children if g.dep_ == "pobj"), None)
        source = view.subtree(pobj) if pobj is not None else view.trim(to.i + 1, to.right_edge.i + 1)
        host = tok.head if tok.head is not tok else None
        sent = tok.sent
        lo, hi = (host.left_edge.i, host.right_edge.i + 1) if host is not None else (sent.start, sent.end)
        lo, hi = max(lo, sent.start), min(hi, sent.end)
        phrase_lo, phrase_hi = tok.left_edge.i, max(tok.right_edge.i, to.right_edge.i) + 1
        pieces = [view.trim(lo, phrase_lo), view.trim(phrase_hi, hi)]
        contents = [p for p in pieces if p is not None and p[1] - p[0] > 1]
        if not contents or source is None:
            continue
        cue = (tok.idx, to.idx + len(to.text))
        yield Found(ClaimKind.INDIRECT, contents, cue, source, source, None, 0.85, tok.i, "according")


POLL_NOUNS = frozenset({"poll", "polls", "survey", "surveys", "study", "ranking", "rankings", "average", "analysis",
                        "tally", "count", "projection", "projections", "model", "forecast", "estimate", "estimates"})


def _in_phrases(view: TokenView) -> Iterator[tuple[Token, Token]]:
    """Each unquoted "in" phrase modifying something, with its object: ("in", "poll"), ("in", "view")."""
    for tok in view.doc:
        if tok.lower_ != "in" or tok.dep_ != "prep" or view.quote_of[tok.i] >= 0 or tok.head is tok:
            continue
        noun = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if noun is not None:
            yield tok, noun


def _host_clause_without(view: TokenView, prep: Token) -> list[Range]:
    """The clause an "in" phrase modifies, minus the phrase (within the sentence): the claim's content pieces."""
    host, sent = prep.head, prep.sent
    lo, hi = max(host.left_edge.i, sent.start), min(host.right_edge.i + 1, sent.end)
    pieces = [view.trim(lo, prep.left_edge.i), view.trim(prep.right_edge.i + 1, hi)]
    return [p for p in pieces if p is not None and p[1] - p[0] > 1]


def poll_attributions(view: TokenView) -> Iterator[Found]:
    """"In a Fox poll, Cruz had 38 percent": the poll is the source, the host clause the content."""
    for tok, noun in _in_phrases(view):
        host = tok.head
        if noun.lower_ not in POLL_NOUNS or host.pos_ not in ("VERB", "AUX"):
            continue
        if host.dep_ not in ("ROOT", "conj", "ccomp") or not any(c.dep_ in ("nsubj", "expl") for c in host.children):
            continue  # "the rival who is far behind him in the polls" describes, it does not report
        if not any(c.dep_ in ("compound", "amod", "nmod", "poss", "acl", "relcl", "prep") for c in noun.children):
            continue  # "performing badly in the polls": a standing, not a particular poll's finding
        if cues.verb_weight(cues.lemma_of(host)) > 0:
            continue  # "In a survey, voters said ...": the verb's own attribution holds the content
        source = view.subtree(noun)
        contents = _host_clause_without(view, tok)
        if not contents or source is None:
            continue
        yield Found(ClaimKind.INDIRECT, contents, (tok.idx, tok.idx + 2), source, source, None, 0.5, tok.i, "in-poll")


VIEWPOINT_NOUNS = frozenset({"view", "opinion", "words", "estimation", "judgment", "judgement", "mind", "eyes"})


def viewpoint_attributions(view: TokenView) -> Iterator[Found]:
    """"In X's view, ..." / "in the eyes of X, ...": X is the source, the host clause the content."""
    for tok, noun in _in_phrases(view):
        if noun.lower_ not in VIEWPOINT_NOUNS:
            continue
        holder = next((c for c in noun.children if c.dep_ == "poss"), None)
        if holder is None:
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            holder = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if holder is None or holder.lower_ in ("my", "our"):
            continue
        source = view.subtree(holder)
        contents = _host_clause_without(view, tok)
        if not contents or source is None:
            continue
        cue = (noun.idx, noun.idx + len(noun.text))  # the holder sits between "in" and the noun
        yield Found(ClaimKind.INDIRECT, contents, cue, source, source, None, 0.7, tok.i, "viewpoint")


_NOT_SPEAKERS = frozenset({"latest", "update", "updated", "watch", "breaking", "related", "note", "editor", "video",
                           "photos", "photo", "exclusive", "analysis", "opinion", "live", "read", "more", "see", "also",
                           "source", "sources", "credit", "correction", "disclosure", "warning", "spoiler", "tags"})


def colon_attributions(view: TokenView) -> Iterator[Found]:
    """A paragraph opened by a bare name and a colon ("Graham: Trump's rhetoric destroying GOP",
    "TAPPER: And obviously ..."): the name speaks the rest of the paragraph (a headline's up to ';')."""
    doc, text = view.doc, view.text
    for tok in doc:
        if tok.text != ":" or view.quote_of[tok.i] >= 0 or tok.i == 0:
            continue
        line = text.rfind("\n", 0, tok.idx) + 1
        words = [t for t in doc[max(0, tok.i - 7) : tok.i] if t.idx >= line and not t.is_space]
        if not words or len(words) > 6 or words[0].idx != strip_start(text, line):
            continue
        if any(t.pos_ in ("VERB", "AUX", "NUM") or t.like_num or t.lower_ in _NOT_SPEAKERS for t in words):
            continue
        if words[-1].pos_ not in ("PROPN", "NOUN", "PRON") or len(words) == 1 and len(words[0].text) == 1:
            continue  # interview "Q:" / "A:" tags are annotated too unevenly to count
        end = text.find("\n", tok.idx)
        end = len(text) if end < 0 else end
        if line == strip_start(text, 0) and 0 <= text.find(";", tok.idx, end):
            end = text.find(";", tok.idx, end)  # a headline: "Name: title;  subtitle"
        content = strip_range(text, tok.idx + 1, end)
        cut = next((i for i, t in enumerate(words) if t.pos_ == "ADP" and i > 0), len(words))  # "Clinton to NRA:"
        source = view.trim(words[0].i, words[cut - 1].i + 1, quotes=False)
        if content is None or source is None or len(text[content[0] : content[1]].split()) < 3:
            continue
        quoted = view.touches_quote(content)
        kind = ClaimKind.MIXED if quoted else ClaimKind.INDIRECT
        yield Found(kind, [content], (tok.idx, tok.idx + 1), source, source, None, 0.5, tok.i, "colon-tag")


def strip_start(text: str, pos: int) -> int:
    """The first non-space offset at or after ``pos``."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def noun_attributions(view: TokenView) -> Iterator[Found]:
    """Noun cues with a clausal complement: "X's claim that ...", "accusations that ..." (no source)."""
    for tok in view.doc:
        if tok.pos_ != "NOUN" or view.quote_of[tok.i] >= 0:
            continue
        weight = cues.noun_weight(cues.lemma_of(tok))
        if weight <= 0.0:
            continue
        clause = noun_clause(tok)
        if clause is None:
            continue
        content = view.subtree(clause)
        if content is None:
            continue
        content = view.covering_quotes(content)
        source = resolve = None
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        compound = next((c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
        if poss is not None:
            source = resolve = view.subtree(poss)
        elif compound is not None:
            source = resolve = view.trim(compound.left_edge.i, compound.i + 1)
        elif by is not None and any(g.dep_ == "pobj" for g in by.children):
            source = resolve = view.subtree(next(g for g in by.children if g.dep_ == "pobj"))
        elif tok.dep_ == "dobj" and cues.lemma_of(tok.head) in cues.LIGHT_VERBS:
            source, resolve = verb_source(view, tok.head)
        elif tok.dep_ == "pobj" and tok.head.lower_ == "in" and cues.is_speech_verb(cues.lemma_of(tok.head.head)):
            source, resolve = verb_source(view, tok.head.head)  # "X said in a statement that ...": X
        if source is None and tok.dep_ == "dobj" and cues.verb_weight(cues.lemma_of(tok.head)) > 0:
            continue  # "questioned the idea that ...": the outer cue reports the whole phrase
        quoted = view.touches_quote(content)
        kind = ClaimKind.NO_SOURCE if source is None else ClaimKind.MIXED if quoted else ClaimKind.INDIRECT
        confidence = weight * (0.8 if source is not None else 0.6)
        cue = (tok.idx, tok.idx + len(tok.text))
        yield Found(kind, [content], cue, source, resolve, None, confidence, tok.i, "noun")


def _adjective_content(view: TokenView, adj: Token) -> tuple[int, int] | None:
    """The clause, infinitive or prepositional object an attitude adjective reports."""
    for child in list(adj.rights) + [c for c in adj.head.rights if c.i > adj.i]:
        if child.dep_ in ("ccomp", "xcomp"):
            return view.subtree(child)
    if adj.lower_ not in cues.STANCE_ADJECTIVES:
        return None  # "unhappy with the stance" describes a mood; only a clause makes it an attribution
    for child in adj.rights:
        if child.dep_ == "prep" and child.lower_ in ("about", "of", "to", "on", "with", "over"):
            pobj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return view.subtree(pobj)
    return None


def adjective_attributions(view: TokenView) -> Iterator[Found]:
    """Attitudes stated with a predicative adjective: "X is confident that ...", "X is opposed to ..."."""
    doc = view.doc
    for tok in doc:
        if tok.dep_ != "acomp" or view.quote_of[tok.i] >= 0 or tok.head.dep_ == "relcl":
            continue  # "voters who are unhappy ..." describes the voters rather than reporting them
        weight = cues.ADJECTIVE_CUES.get(tok.lower_, 0.0)
        if weight <= 0.0:
            continue
        content = _adjective_content(view, tok)
        source, resolve = verb_source(view, tok.head)
        if content is None or source is None:
            continue
        yield phrase_found(view, tok.head, tok, content, (source, resolve), weight * 0.8, "adjective")
