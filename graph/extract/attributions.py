"""Attributions read off the dependency parse around cue verbs, and the shared records they use.

Each rule yields a :class:`Found` record in character offsets (no spaCy objects escape this
package); quotation-driven attributions live in ``quote_attribution.py`` and both are turned into
:class:`graph.types.Claim` by ``claims.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.extract import cues
from graph.types import ClaimKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Range = tuple[int, int]  # character offsets [start, end)

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
EXPLETIVES = frozenset({"there"})  # a subject "it" may be an organisation ("It added that ..."); dummies are expl
_QUOTE_PUNCT = frozenset("\"“”„‟«»‘’'")
_KEEP_TRAILING = frozenset("?!")
SUBJECTS = ("nsubj", "csubj")


@dataclass(slots=True)
class Found:
    """One attribution in character offsets, before it becomes a Claim.

    ``resolve`` is the phrase handed to speaker resolution (for a relative pronoun: its antecedent).
    """

    kind: ClaimKind
    contents: list[Range]
    cue: Range | None
    source: Range | None = None
    resolve: Range | None = None
    addressee: Range | None = None
    confidence: float = 0.5
    cue_token: int | None = None
    rule: str = ""
    nested: bool = False  # kept although it sits inside another attribution's content


class TokenView:
    """Per-document helpers over a parsed Doc: quote membership per token and span trimming."""

    def __init__(self, doc: Doc, quote_ranges: Sequence[Range], text: str | None = None) -> None:
        """Mark each token with the quotation it sits in (one sweep over tokens and quotes)."""
        self.doc = doc
        self.text = doc.text if text is None else text  # Doc.text rebuilds the string on every access
        self.quote_of: list[int] = [-1] * len(doc)
        qi = 0
        for tok in doc:
            while qi < len(quote_ranges) and quote_ranges[qi][1] <= tok.idx:
                qi += 1
            if qi < len(quote_ranges) and quote_ranges[qi][0] <= tok.idx < quote_ranges[qi][1]:
                self.quote_of[tok.i] = qi
        self.quotes = quote_ranges

    def trim(self, i: int, j: int, *, quotes: bool = True) -> Range | None:
        """Character range of tokens [i, j) without edge whitespace and edge punctuation (quote marks kept
        unless ``quotes`` is False, as for speakers)."""
        doc = self.doc
        keep_lead = _QUOTE_PUNCT if quotes else frozenset()
        keep_trail = _QUOTE_PUNCT | _KEEP_TRAILING if quotes else _KEEP_TRAILING
        while i < j and (doc[i].is_space or (doc[i].is_punct and doc[i].text[0] not in keep_lead)):
            i += 1
        while j > i and (doc[j - 1].is_space or (doc[j - 1].is_punct and doc[j - 1].text[-1] not in keep_trail)):
            j -= 1
        if i >= j:
            return None
        return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)

    def covering_quotes(self, rng: Range) -> Range:
        """Grow a content range so that every quotation it touches is included whole."""
        start, end = rng
        for qs, qe in self.quotes:
            if qs < end and start < qe:
                start, end = min(start, qs), max(end, qe)
        return start, end

    def subtree(self, tok: Token) -> Range | None:
        """Trimmed character range of a token's subtree."""
        return self.trim(tok.left_edge.i, tok.right_edge.i + 1)


def _np_source(view: TokenView, subj: Token) -> tuple[Range | None, Range | None]:
    """Source range and resolution range for a subject token (relative pronouns keep their antecedent)."""
    if subj.lower_ in RELATIVE_PRONOUNS and subj.head.dep_ in ("relcl", "acl") and subj.head.head is not subj.head:
        noun = subj.head.head
        src = view.trim(noun.left_edge.i, subj.i + 1, quotes=False)
        return src, view.trim(noun.left_edge.i, noun.i + 1, quotes=False)
    rng = view.trim(subj.left_edge.i, subj.right_edge.i + 1, quotes=False)
    if rng is not None and "\n" in view.text[rng[0] : rng[1]]:
        # a speaker never spans paragraphs: keep the part of the phrase in the subject's own paragraph
        text = view.text
        start = text.rfind("\n", rng[0], subj.idx) + 1 or rng[0]
        end = text.find("\n", subj.idx, rng[1])
        rng = _strip_range(text, max(start, rng[0]), rng[1] if end < 0 else end)
    return rng, rng


def _strip_range(text: str, start: int, end: int) -> Range | None:
    """A range without surrounding whitespace (None when nothing is left)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def is_passive(verb: Token) -> bool:
    """True when the verb is in the passive voice (has a passive subject or auxiliary)."""
    return any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in verb.children)


def verb_source(view: TokenView, verb: Token) -> tuple[Range | None, Range | None]:
    """The speaker of a verb cue: its subject, the agent of a passive, or the subject it shares."""
    if verb.dep_ == "advcl" and verb.tag_ == "VBN" and not any(c.dep_ in SUBJECTS for c in verb.children):
        return None, None  # "Asked whether ..., she said": the asker is not named
    head = verb
    for _ in range(4):
        subj = next((c for c in head.children if c.dep_ in SUBJECTS and c.lower_ not in EXPLETIVES), None)
        if subj is None and head is not verb:
            # a participle shares its host's grammatical subject: "X was quoted ... claiming"
            subj = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        if subj is not None:
            return _np_source(view, subj)
        if head is verb:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None:
                return _np_source(view, pobj)
            if is_passive(verb):
                return None, None
        if head.dep_ not in ("conj", "advcl", "xcomp", "acl", "pcomp") or head.head is head:
            return None, None
        if head is verb and _parallel_cue(verb) and verb.head.dep_ in ("ccomp", "xcomp") and cues.verb_weight(
            cues.lemma_of(verb.head.head)
        ) > 0:
            head = verb.head.head  # coordinated with the outer cue: share its speaker
            continue
        if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN"):
            noun = head.head
            if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
                head = noun.head  # "She issued a statement saying ...": the issuer speaks
                continue
            if noun.dep_ == "pobj" and noun.head.dep_ == "agent":
                head = noun.head.head  # "X was quoted by the paper claiming ...": X claims
                continue
            noun_lemma = cues.lemma_of(noun)
            if noun.pos_ == "PROPN" or noun_lemma in cues.ARTIFACTS or cues.noun_weight(noun_lemma) > 0:
                rng = view.trim(noun.left_edge.i, noun.i + 1)
                return rng, rng
            return None, None
        if head.dep_ == "pcomp" and head.head.dep_ == "prep" and head.head.head is not head.head:
            head = head.head.head  # "celebrated ... by declaring ...": the subject of the host verb
            continue
        head = head.head
    return None, None


def _object(verb: Token) -> Token | None:
    """The direct or dative object of a verb, if any."""
    return next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)


_ADVERBIAL_MARKS = frozenset({"while", "although", "though", "because", "as", "when", "after", "before", "since",
                              "until", "once", "unless", "even"})


def _reciprocal(obj: Token) -> bool:
    """True for "one another" / "each other" objects, which report no content."""
    if obj.lower_ not in ("one", "each", "another", "other"):
        return False
    return any(t.lower_ in ("another", "other") for t in obj.subtree)


def _pick_clause(verb: Token) -> Token | None:
    """The clausal complement of a verb, preferring one after it that is not an adverbial clause."""
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    if len(comps) > 1:
        good = [c for c in comps if not any(g.dep_ == "mark" and g.lower_ in _ADVERBIAL_MARKS for g in c.children)]
        comps = sorted(good or comps, key=lambda c: (c.i < verb.i, abs(c.i - verb.i)))
    return comps[0] if comps else None


def _parallel_cue(tok: Token) -> bool:
    """True for a subject-less cue verb with its own complement, coordinated inside another clause
    ("said the country would leave and suggested that ...": the parser hangs "suggested" off "leave";
    "announced that ..., saying ...": the participle lands inside the announced clause)."""
    if tok.pos_ != "VERB" or cues.verb_weight(cues.lemma_of(tok)) < 0.5:
        return False
    if tok.dep_ == "advcl":
        if tok.tag_ != "VBG" or tok.i == 0 or tok.doc[tok.i - 1].text != ",":
            return False
    elif tok.dep_ != "conj":
        return False
    if any(c.dep_ in SUBJECTS or c.dep_ == "nsubjpass" for c in tok.children):
        return False
    return any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in tok.children)


def _cut_parallel(comp: Token, end: int) -> int:
    """Where a complement must stop so that a coordinated or participial cue inside it stays separate."""
    for tok in comp.subtree:
        if tok.i > comp.i and _parallel_cue(tok):
            cc = next((c for c in tok.head.children if c.dep_ == "cc" and c.i < tok.i), None)
            end = min(end, cc.i if cc is not None and cc.i > comp.i else tok.left_edge.i)
        elif tok.i > comp.i and _contrasting_report(tok):
            end = min(end, tok.left_edge.i)  # "74 percent said ..., while 22 percent said ..."
    return end


def _contrasting_report(tok: Token) -> bool:
    """True for a "while/whereas X said ..." clause: a report of its own, with its own speaker."""
    if tok.dep_ not in ("advcl", "conj") or tok.pos_ != "VERB" or not cues.is_speech_verb(cues.lemma_of(tok)):
        return False
    if not any(c.dep_ in SUBJECTS for c in tok.children):
        return False
    return tok.dep_ == "conj" or any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in tok.children)


def _clause_range(view: TokenView, comp: Token) -> Range | None:
    """A complement clause's range, cut before a parallel cue verb coordinated into it."""
    return view.trim(comp.left_edge.i, _cut_parallel(comp, comp.right_edge.i + 1))


def _xcomp_range(view: TokenView, start: int, xcomp: Token) -> Range | None:
    """An infinitive complement's range from ``start``, cut before a coordinated cue ("urging ... and promising")."""
    return view.trim(start, _cut_parallel(xcomp, xcomp.right_edge.i + 1))


def _object_range(view: TokenView, verb: Token, obj: Token) -> Range | None:
    """An object with the verb's prepositional phrases that complete it ("blamed the law on Democrats",
    "praised Cruz for showing courage", "dismissed it as a sign of disarray")."""
    end = obj.right_edge.i
    for child in verb.rights:
        if child.i <= end or child.dep_ != "prep" or child.lower_ not in _COMPLETING_PREPOSITIONS:
            continue
        if all(t.pos_ == "ADV" for t in view.doc[end + 1 : child.i]):  # "blamed the law squarely on ..."
            end = child.right_edge.i
    return view.trim(obj.left_edge.i, _cut_parallel(obj, end + 1))


_COMPLETING_PREPOSITIONS = frozenset({"as", "for", "on", "of", "over", "about", "to"})


def verb_content(view: TokenView, verb: Token, lemma: str) -> tuple[list[Range], Range | None, int, str]:
    """Content ranges, addressee, last cue token index and frame name of a verb cue (no ranges when absent)."""
    comp = _pick_clause(verb)
    obj = _object(verb)
    addressee = view.subtree(obj) if obj is not None and lemma in cues.ADDRESSEE_VERBS else None
    if comp is not None and lemma in cues.NOT_WITH_REFLEXIVE and any(
        c.dep_ in ("nsubj", "dobj") and c.lower_.endswith(("self", "selves")) for c in comp.children
    ):
        return [], None, verb.i, ""  # "found itself having to defend ..." reports a situation, not a claim
    if comp is not None and obj is not None and obj.i < comp.i and not any(
        c.dep_ in ("nsubj", "nsubjpass", "mark", "expl") for c in comp.children
    ):
        # "warned the new rules would ...": the parser took the clause's subject for an object
        rng = view.trim(obj.left_edge.i, comp.right_edge.i + 1)
        return [rng] if rng else [], None, verb.i, "ccomp"
    if comp is not None and lemma in cues.INFINITIVE_ONLY:
        comp = None  # "These threaten the party's standing": only "threaten to ..." reports an intention
    if comp is not None:
        rng = _clause_range(view, comp)
        return [rng] if rng else [], addressee if obj is not None and obj.i < comp.i else None, verb.i, "ccomp"
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
    if xcomp is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children):
        if obj is not None and obj.i < xcomp.i:
            rng = _xcomp_range(view, obj.left_edge.i, xcomp)
            return [rng] if rng else [], addressee, verb.i, "xcomp-obj"
        rng = _xcomp_range(view, xcomp.left_edge.i, xcomp)
        return [rng] if rng else [], None, verb.i, "xcomp"
    if obj is not None:
        # "called Burma a success", "described it as a crime", "likened him to a snake"
        tail = next((c for c in verb.rights if c.i > obj.i and (
            c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ in ("as", "to") and lemma in cues.PREDICATIVE_VERBS
        )), None)
        if tail is not None and lemma in cues.PREDICATIVE_VERBS and obj.lower_ not in RELATIVE_PRONOUNS:
            rng = view.trim(obj.left_edge.i, tail.right_edge.i + 1)
            return [rng] if rng else [], None, verb.i, "predicative"
    if obj is not None and lemma in cues.LIGHT_VERBS and noun_clause(obj) is not None and cues.noun_weight(
        cues.lemma_of(obj)
    ) > 0:
        return [], None, verb.i, ""  # "expressed concerns that ...": the noun cue carries the attribution
    if obj is not None and lemma == "say" and obj.lower_ in cues.SAID_OBJECTS:
        rng = _object_range(view, verb, obj)  # poll answers: "61 percent said the same of Clinton", "said no"
        return [rng] if rng else [], None, verb.i, "dobj"
    if (obj is not None and lemma not in cues.CLAUSE_ONLY and obj.pos_ != "PRON"
            and obj.lower_ not in ("this", "that", "so") and not _reciprocal(obj)):
        rng = _object_range(view, verb, obj)
        return [rng] if rng else [], None, verb.i, "dobj"
    for prep in verb.rights:
        if prep.dep_ == "prep" and prep.lower_ in cues.CONTENT_PREPOSITIONS and (
            prep.lower_ != "to" or lemma in cues.TO_VERBS
        ):
            pobj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None and (prep.i == verb.i + 1 or prep.lower_ == "about"):
                rng = view.subtree(pobj)
                return [rng] if rng else [], None, prep.i, "prep"
    if verb.dep_ == "parataxis" and verb.head is not verb and cues.is_speech_verb(lemma):
        # "The test, North Korea said, was its biggest": the host clause around the inserted tag
        host = verb.head
        pieces = [
            view.trim(host.left_edge.i, verb.left_edge.i),
            view.trim(verb.right_edge.i + 1, host.right_edge.i + 1),
        ]
        return [p for p in pieces if p is not None], None, verb.i, "parataxis"
    return [], None, verb.i, ""


def _reflexive(view: TokenView, rng: Range) -> bool:
    """True when a source range is just a reflexive pronoun."""
    word = view.text[rng[0] : rng[1]].lower()
    return word.endswith(("self", "selves")) and " " not in word


def _infinitive_or_gerund(verb: Token) -> bool:
    """True for a to-infinitive or an -ing form hanging off a preposition ("after talking about ...")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) or verb.dep_ == "pcomp"


def _raised_subject(view: TokenView, verb: Token, lemma: str, frame: str) -> Range | None:
    """The subject of a raising construction ("seems to", passive "is expected/said/believed to"), if any."""
    if frame != "xcomp" or not (lemma in cues.RAISING_VERBS or lemma in cues.PASSIVE_RAISING and is_passive(verb)):
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ in EXPLETIVES or subj.lower_ == "it":
        return None
    return view.subtree(subj)


def _agent(view: TokenView, verb: Token) -> tuple[Range | None, Range | None]:
    """The "by X" agent of a passive verb as source, if stated."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    return _np_source(view, pobj) if pobj is not None else (None, None)


def cue_end(view: TokenView, verb: Token, last: int) -> int:
    """Character offset where a verb cue (with particle or preposition up to token ``last``) ends."""
    tok = view.doc[max(last, verb.i)]
    return tok.idx + len(tok.text)


def _around(view: TokenView, contents: list[Range], start: int, end: int) -> list[Range]:
    """Content ranges with [start, end) (the speaker and cue, "which critics said was ...") cut out."""
    out: list[Range] = []
    for lo, hi in contents:
        if start < hi and lo < end:
            pieces = [_strip_range(view.text, lo, start), _strip_range(view.text, end, hi)]
            out.extend(p for p in pieces if p is not None and p[1] - p[0] > 1)
        else:
            out.append((lo, hi))
    return out


def verb_attributions(view: TokenView, skip: set[int]) -> Iterator[Found]:
    """Reported speech and attitudes: a cue verb with a clause, infinitive, object or prepositional content."""
    for tok in view.doc:
        if tok.pos_ != "VERB" or tok.i in skip or view.quote_of[tok.i] >= 0:
            continue
        lemma = cues.lemma_of(tok)
        weight = cues.verb_weight(lemma)
        if weight <= 0.0:
            continue
        contents, addressee, last, frame = verb_content(view, tok, lemma)
        if not contents:
            continue
        raised = _raised_subject(view, tok, lemma, frame)
        if raised is not None:
            # "X seemed to know little", "X is expected to win": nobody is named; X belongs to the content
            contents = [raised, *contents]
            frame = "raising"
        contents = [view.covering_quotes(c) for c in contents]
        source, resolve = verb_source(view, tok) if raised is None else _agent(view, tok)
        if source is not None and any(source[0] < c[1] and c[0] < source[1] for c in contents):
            gap = (min(source[0], tok.idx), max(source[1], cue_end(view, tok, last)))
            contents = _around(view, contents, *gap)
            if not contents:
                continue
        if source is not None and _reflexive(view, source):
            source = resolve = None  # "found itself having to defend ...": a reflexive never speaks
        if source is None and frame in ("parataxis", "dobj", "prep", "predicative"):
            continue  # weak frames need a speaker to count as attribution
        if frame in ("dobj", "prep") and _infinitive_or_gerund(tok):
            continue  # "needs to think about", "talking about": an activity, not a reported attitude
        if tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and cues.noun_weight(cues.lemma_of(tok.head)) == 0 and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children
        ):
            continue  # "the ability to decide who ...": a capacity, not an attribution
        start, _ = cues.verb_group(tok)
        cue = (view.doc[start].idx, view.doc[last].idx + len(view.doc[last].text))
        quoted = any(qs < c[1] and c[0] < qe for qs, qe in view.quotes for c in contents)
        whole_quote = all(any(qs == c[0] and qe == c[1] for qs, qe in view.quotes) for c in contents)
        kind = ClaimKind.DIRECT if whole_quote else ClaimKind.MIXED if quoted else ClaimKind.INDIRECT
        if source is None:
            kind = ClaimKind.NO_SOURCE if kind is not ClaimKind.DIRECT else kind
        confidence = weight * FRAME_WEIGHTS[frame] * (1.0 if source is not None else 0.6)
        yield Found(kind, contents, cue, source, resolve, addressee, confidence, tok.i, "verb-" + frame)


FRAME_WEIGHTS = {
    "raising": 0.6, "ccomp": 1.0, "xcomp-obj": 0.95, "xcomp": 0.85, "predicative": 0.8, "dobj": 0.6, "prep": 0.6,
    "parataxis": 0.9,
}


def noun_clause(noun: Token) -> Token | None:
    """The that-clause or to-infinitive complementing a cue noun, directly or through a copula."""
    for child in noun.rights:
        if child.dep_ in ("acl", "ccomp") and any(
            g.dep_ == "mark" and g.lower_ == "that" or g.dep_ == "aux" and g.lower_ == "to" for g in child.children
        ):
            return child
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        return next((c for c in noun.head.children if c.dep_ in ("ccomp", "xcomp") and c.i > noun.i), None)
    return None
