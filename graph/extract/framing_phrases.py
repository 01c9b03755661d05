"""Attributions framed by a parenthetical phrase: "as X put it, …", "in X's words, …", "in the words of X, …".

The phrase names the speaker and the rest of its sentence is what the speaker said: "As one aide put it,
“the campaign is running on fumes.”", "The tax is a scam, as the senator put it."  The content is the
sentence after the phrase, or the sentence before it when the phrase ends the sentence; quotations it
touches are taken whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from graph.extract.attributions import Found, Range, TokenView, np_source, verb_source

if TYPE_CHECKING:
    from spacy.tokens import Token

CONFIDENCE = 0.8
_SENTENCE_END = frozenset({".", "!", "?", ";"})


def _rest_of_sentence(view: TokenView, first: int, last: int) -> list[Range]:
    """The sentence's words after the phrase in tokens [first, last], else (a final phrase) those before it."""
    doc = view.doc
    sent = doc[first].sent
    end = last + 1
    while end < sent.end and not (doc[end].text in _SENTENCE_END and view.quote_of[end] < 0):
        end += 1
    for lo, hi in ((last + 1, end), (sent.start, first)):
        rng = view.trim(lo, hi) if any(doc[i].is_alpha for i in range(lo, hi)) else None
        if rng is not None:
            return [view.covering_quotes(rng)]
    return []


def _found(view: TokenView, first: Token, last: Token, cue_last: Token,
           source: tuple[Range | None, Range | None], anchor: Token) -> Found | None:
    """An attribution framed by the phrase from ``first`` to ``last``, cued by ``anchor`` up to ``cue_last``,
    the rest of its sentence as content."""
    contents = _rest_of_sentence(view, first.i, last.i)
    src, resolve = source
    if not contents or src is None or any(s < src[1] and src[0] < e for s, e in contents):
        return None
    kind = view.kind_of(contents)
    cue_first = anchor if anchor.i < cue_last.i else first
    cue = (cue_first.idx, cue_last.idx + len(cue_last.text))
    return Found(kind, contents, cue, src, resolve, None, CONFIDENCE, anchor.i, "framing")


def _put_it(view: TokenView, verb: Token) -> Found | None:
    """"as X put(s) it": the verb has the mark "as", a subject and the object "it" right after it."""
    doc = view.doc
    if verb.lemma_ != "put" or verb.pos_ != "VERB" or verb.i + 1 >= len(doc) or doc[verb.i + 1].lower_ != "it":
        return None
    mark = next((c for c in verb.lefts if c.dep_ == "mark" and c.lower_ == "as"), None)
    if mark is None or not any(c.dep_ == "nsubj" for c in verb.lefts):
        return None
    it = doc[verb.i + 1]
    return _found(view, mark, it, it, verb_source(view, verb), verb)


def _in_words(view: TokenView, words: Token) -> Found | None:
    """"in X's words" / "in the words of X": the possessor or the "of" object speaks."""
    prep = words.head
    if words.lower_ != "words" or words.dep_ != "pobj" or prep.lower_ != "in" or prep.dep_ != "prep":
        return None
    owner = next((c for c in words.lefts if c.dep_ == "poss"), None)
    between = [t.lower_ for t in view.doc[prep.i + 1 : words.i] if owner is None or t.i > owner.i]
    if between not in ([], ["'s"], ["’s"], ["own"], ["'s", "own"], ["’s", "own"], ["the"]):
        return None  # "in Christie's blank stare and robotic words" frames no quotation
    last = words
    if owner is None:
        of = next((c for c in words.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        last = owner.right_edge if owner is not None else words
    if owner is None or owner.lower_ in ("other", "my", "our", "your"):
        return None  # "in other words" reports nobody; "in my words" is the author
    if owner.dep_ == "pobj":
        speaker = np_source(view, owner)
    else:
        rng = view.trim(owner.left_edge.i, owner.i + 1, quotes=False)
        speaker = (rng, rng)
    return _found(view, prep, prep.right_edge, last, speaker, prep)


def framing_attributions(view: TokenView) -> Iterator[Found]:
    """Every "as X put it" and "in X's words" attribution of a parsed document (see the module)."""
    for tok in view.doc:
        if view.quote_of[tok.i] >= 0:
            continue
        found = _put_it(view, tok) if tok.lower_ in ("put", "puts") else (
            _in_words(view, tok) if tok.lower_ == "words" else None)
        if found is not None:
            yield found
