"""Who speaks a quotation's cue: the verb's subject as parsed, else the host of a participle tag, a nominal
next to the verb, or a name the parser left unattached.

Used by ``quote_attribution`` once it has tied a quotation to its cue verb; every function reads the
parse through a :class:`TokenView` and answers in character ranges.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph.extract import cues
from graph.extract.attributions import RELATIVE_PRONOUNS, Range, TokenView, np_source, phrase_opener, verb_source

if TYPE_CHECKING:
    from spacy.tokens import Token

CLAUSE_END = frozenset({".", "!", "?", ";"})
NAME_POS = frozenset({"PROPN", "PRON", "NOUN"})
_NOMINAL_MODIFIERS = ("det", "amod", "compound", "nummod", "poss", "nmod")
_SOURCE_DEPS = ("nsubj", "dobj", "attr", "appos", "dative", "nsubjpass", "conj")
_OBJECT_DEPS = ("dobj", "attr", "dative")
_HELD = frozenset({"pobj", "dobj", "dative", "oprd"})  # "at one point calling": a noun held by another word
_NOT_SPEAKERS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL"})  # "said Wednesday"


def speaker(view: TokenView, verb: Token, frame: tuple[int, int]) -> tuple[Range | None, Range | None]:
    """Source of a quote's cue verb, falling back on an inverted or mis-parsed nominal next to the verb."""
    host = _participle_host(view, verb)
    if host is not None:
        return np_source(view, host)
    source, resolve = verb_source(view, verb)
    if source is not None:
        source, resolve = _before_quote(view, source), _before_quote(view, resolve or source)
        if source is not None:
            return source, resolve
    host = _host_subject(view, verb, verb.i) if verb.dep_ in ("conj", "dep") else None
    if host is not None:
        return np_source(view, host)
    lo, hi = frame
    recipient_verb = cues.lemma_of(verb) in cues.RECIPIENT_OBJECT_VERBS
    inverted = _opens_tag(view, verb, lo)
    for child in list(verb.lefts)[::-1] + list(verb.rights):
        if recipient_verb and child.dep_ in ("dobj", "dative"):
            continue  # "told AFP": the object of tell is the addressee
        if not inverted and child.dep_ in _OBJECT_DEPS:
            continue  # "recalled the freeze: “…”": an object speaks only in an inverted tag ("…,” said Mr X)
        if (lo <= child.i < hi and child.dep_ in _SOURCE_DEPS and child.pos_ in NAME_POS
                and child.ent_type_ not in _NOT_SPEAKERS):
            rng = view.subtree(child)
            if rng is not None and not view.touches_quote(rng):
                return rng, rng
    if inverted:  # "“…?” asked the boy, who …": even a verb of asking has its speaker after it here
        rng = _inverted_phrase(view, verb, hi)
        if rng is not None:
            return rng, rng
    # "told AFP": the noun after tell is no speaker; nor is the one after a verb that does not open its tag
    for i in (verb.i - 1,) if recipient_verb or not inverted else (verb.i + 1, verb.i - 1):
        if (lo <= i < hi and view.doc[i].pos_ in NAME_POS and view.quote_of[i] < 0
                and view.doc[i].ent_type_ not in _NOT_SPEAKERS and (i > verb.i or view.doc[i].dep_ not in _HELD)):
            # a mis-parsed nominal right next to the verb: take it with its determiners and modifiers
            tok = view.doc[i]
            first = phrase_opener(tok)  # a determiner or numeral opens the noun phrase
            if first is None:
                first = min([c.i for c in tok.lefts if c.dep_ in _NOMINAL_MODIFIERS], default=i)
            rng = view.trim(max(first, lo), i + 1)
            return rng, rng
    return _name_near(view, verb, frame)


def _before_quote(view: TokenView, rng: Range | None) -> Range | None:
    """A speaker phrase that runs into a quotation cut back to its head noun and the words before it ("the
    authors of the “Growth Project”" -> "the authors"); None when the head itself is quoted."""
    if rng is None or not view.touches_quote(rng):
        return rng
    span = view.doc.char_span(rng[0], rng[1], alignment_mode="expand")
    if span is None or view.quote_of[span.root.i] >= 0:
        return None
    head = span.root
    rng = view.trim(span.start, head.i + 1, quotes=False)
    return rng if rng is not None and not view.touches_quote(rng) else None


def _opens_tag(view: TokenView, verb: Token, lo: int) -> bool:
    """True when nothing but punctuation and adverbs precedes the verb in its tag ("…,” said X", "…,” then
    added X"): the phrase after such a verb is its (inverted) subject."""
    return all(t.is_punct or t.is_space or t.pos_ in ("ADV", "AUX", "PART", "CCONJ") and not t.text[:1].isupper()
               for t in view.doc[lo : verb.i])


def _inverted_phrase(view: TokenView, verb: Token, hi: int) -> Range | None:
    """The noun phrase right after an inverted cue verb when the parser hung it elsewhere ("…,” said the woman,
    who …", "…,” said Skelly, explaining …"): determiners, modifiers and names up to its last noun."""
    doc = view.doc
    end = head = verb.i + 1
    while end < hi and view.quote_of[end] < 0:
        tok = doc[end]
        capital = tok.text[:1].isupper() and not tok.is_sent_start
        if not (tok.pos_ in ("DET", "ADJ", "NUM", "PROPN", "NOUN") or tok.tag_ == "POS" or capital
                or tok.dep_ in ("amod", "compound") and tok.pos_ == "VERB"):
            break
        if tok.pos_ in ("PROPN", "NOUN") or capital:
            head = end + 1
        end += 1
    if head == verb.i + 1 or any(t.ent_type_ in _NOT_SPEAKERS for t in doc[verb.i + 1 : head]):
        return None
    return view.trim(verb.i + 1, head, quotes=False)


def _participle_host(view: TokenView, verb: Token) -> Token | None:
    """The subject of the main clause for a participle tag after a comma ("Clinton went on, telling the
    crowd, “…”"): the last subject before the comma that heads no subordinate clause."""
    if verb.tag_ != "VBG" or verb.i == 0 or view.doc[verb.i - 1].text != ",":
        return None
    return _host_subject(view, verb, verb.i - 1)


def _host_subject(view: TokenView, verb: Token, bound: int) -> Token | None:
    """The last main-clause subject before token ``bound`` in the verb's sentence, for a verb without a
    subject of its own ("then leaned in and boomed: “…”")."""
    doc = view.doc
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children):
        return None
    for i in range(bound - 1, doc[bound].sent.start - 1, -1):
        tok = doc[i]
        if view.quote_of[i] >= 0 or tok.text in CLAUSE_END:
            break
        if (tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i < bound and tok.lower_ not in RELATIVE_PRONOUNS
                and tok.head.dep_ not in ("relcl", "acl", "advcl", "pcomp")
                and not (tok.head.dep_ == "ccomp" and tok.head.head.i < bound)  # "(X said) Y did, telling"
                and tok.pos_ in NAME_POS and tok.ent_type_ not in ("DATE", "TIME", "GPE")):
            return tok
    return None


def _name_near(view: TokenView, verb: Token, frame: tuple[int, int]) -> tuple[Range | None, Range | None]:
    """A name the parser left unattached: the one opening a trailing tag ("…,” Trump, the front-runner,
    said") or the one set off by a comma or brackets right before the verb ("Jake Sullivan, said:")."""
    doc, lo, hi = view.doc, frame[0], frame[1]
    if verb.i > lo and lo > 0 and view.quote_of[lo - 1] >= 0 and doc[lo].pos_ in ("PROPN", "PRON"):
        end = lo + 1
        while end < verb.i and doc[end].pos_ == "PROPN":
            end += 1
        rng = view.trim(lo, end)
        return rng, rng
    j = verb.i - 1
    if j > lo and doc[j].text == ")":
        while j > lo and doc[j].text != "(":
            j -= 1
        j -= 1
    elif j > lo and doc[j].text == ",":
        j -= 1
    if lo <= j < hi and doc[j].pos_ == "PROPN" and view.quote_of[j] < 0:
        start = j
        while start > lo and doc[start - 1].pos_ == "PROPN" and view.quote_of[start - 1] < 0:
            start -= 1
        rng = view.trim(start, j + 1)
        return rng, rng
    return None, None
