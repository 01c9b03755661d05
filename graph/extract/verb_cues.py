"""Attributions whose cue is a verb: reported speech, attitudes and intentions read off the parse.

A cue verb from the lexicon yields content from its clause, infinitive, object or preposition (or the
host clause of an inserted "X said"), and its speaker from ``attributions.verb_source``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from graph.extract import cues
from graph.extract.content_bounds import without_trailing_relative
from graph.extract.attributions import (
    EXPLETIVES,
    RELATIVE_PRONOUNS,
    SUBJECTS,
    Found,
    Range,
    TokenView,
    np_source,
    parallel_cue,
    strip_range,
    is_passive,
    noun_clause,
    verb_source,
)
from graph.types import ClaimKind

if TYPE_CHECKING:
    from spacy.tokens import Token


def _when(pobj: Token) -> bool:
    """True when a preposition's object says when, not what ("tweeted on Monday", "spoke at noon")."""
    return pobj.ent_type_ in ("DATE", "TIME")


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


def _cut_parallel(comp: Token, end: int) -> int:
    """Where a complement must stop so that a coordinated or participial cue hung on its verb stays separate
    (one coordinated deeper down, "said he wants X to act and opposes Y", is part of what was said)."""
    for tok in comp.subtree:
        if tok.i > comp.i and parallel_cue(tok) and tok.head.i == comp.i:
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


def _with_next_clause(view: TokenView, verb: Token, comp: Token, rng: Range | None) -> Range | None:
    """A clause range run on over a second clause the parser hung on the verb right after it ("said he intends
    to win, so he'll have enough votes": both clauses are what was said)."""
    if rng is None or verb.i > comp.i:
        return rng
    nxt = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > comp.i), None)
    if nxt is None or nxt.left_edge.i <= comp.right_edge.i:
        return rng
    if any(not t.is_punct for t in view.doc[comp.right_edge.i + 1 : nxt.left_edge.i]):
        return rng
    last = view.doc[comp.right_edge.i]
    if rng[1] != last.idx + len(last.text):
        return rng  # the first clause was cut before a parallel cue: what follows is another report
    more = clause_range(view, nxt)
    return (rng[0], more[1]) if more is not None else rng


def clause_range(view: TokenView, comp: Token) -> Range | None:
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
        rng = clause_range(view, comp)
        rng = _with_next_clause(view, verb, comp, rng)
        return [rng] if rng else [], addressee if obj is not None and obj.i < comp.i else None, verb.i, "ccomp"
    for_to = _for_to_clause(verb)
    if for_to is not None:
        mark, clause = for_to  # "called for Trump to resign": the parser hangs the infinitive off the verb
        rng = _xcomp_range(view, mark.i + 1, clause)
        return [rng] if rng else [], None, mark.i, "xcomp-obj"
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
    if obj is not None and obj.lower_ in RELATIVE_PRONOUNS and obj.i < verb.i and verb.dep_ == "relcl":
        rng = view.subtree(obj)  # "the deal, which the senator opposed": the pronoun stands for the content
        return [rng] if rng else [], None, verb.i, "dobj-relative"
    for prep in verb.rights:
        if prep.dep_ == "prep" and prep.lower_ in cues.CONTENT_PREPOSITIONS and (
            prep.lower_ != "to" or lemma in cues.TO_VERBS
        ):
            pobj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None and (prep.i == verb.i + 1 or prep.lower_ == "about") and not _when(pobj):
                rng = view.subtree(pobj)
                return [rng] if rng else [], None, prep.i, "prep"
    as_clause = verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    if (verb.dep_ == "parataxis" or as_clause) and verb.head is not verb and cues.is_speech_verb(lemma):
        # "As Crane said, the two have become ..." is tagged like the inserted "the two, Crane said, have ..."
        # "The test, North Korea said, was its biggest": the host clause around the inserted tag
        host = verb.head
        pieces = [
            view.trim(host.left_edge.i, verb.left_edge.i),
            view.trim(verb.right_edge.i + 1, host.right_edge.i + 1),
        ]
        return [p for p in pieces if p is not None], None, verb.i, "parataxis"
    inverted = _inverted_tag(view, verb, obj, lemma)
    if inverted is not None:
        return [inverted], None, verb.i, "inverted"
    if obj is not None and obj.lower_ not in RELATIVE_PRONOUNS | {"so"} and not _reciprocal(obj):
        # "cited the case of ...", "denied it": kept only for lemmas whose train record supports them
        rng = _object_range(view, verb, obj)
        return [rng] if rng else [], None, verb.i, "dobj-pron" if obj.pos_ == "PRON" else "dobj-wide"
    return _passive_content(view, verb, lemma)


def _passive_content(view: TokenView, verb: Token, lemma: str) -> tuple[list[Range], Range | None, int, str]:
    """The passive subject as content, with a predicative tail: "the deal was announced by X", "he was described
    as ruthless", "Sanders was declared the winner" (the agent, if any, is the speaker)."""
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subj is None or subj.i > verb.i or subj.lower_ in _NOT_PASSIVE_CONTENT or subj.pos_ not in ("NOUN", "PROPN", "PRON"):
        return [], None, verb.i, ""
    if lemma in ("quote", "cite") or any(c.dep_ in ("advcl", "xcomp") and cues.verb_weight(cues.lemma_of(c)) > 0
                                         for c in verb.children):
        return [], None, verb.i, ""  # "X was quoted (by the paper) claiming ...": X speaks
    tail = next((c for c in verb.rights if c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as"), None)
    pieces = [view.subtree(subj)]
    if tail is not None and lemma in cues.PREDICATIVE_VERBS:
        pieces.append(view.subtree(tail))
    contents = [p for p in pieces if p is not None]
    return contents, None, verb.i, "passive-predicative" if len(contents) > 1 else "passive"


_NOT_PASSIVE_CONTENT = frozenset({"it", "there", "this", "what"})


def _for_to_clause(verb: Token) -> tuple[Token, Token] | None:
    """("for", infinitive) of a "VERB for X to ..." complement ("called for Trump to resign", "pushed for
    Congress to act"), which the parser reads as an adverbial clause marked by "for"."""
    for clause in verb.rights:
        if clause.dep_ != "advcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            continue
        mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "for"), None)
        if mark is not None and mark.i < clause.i and any(c.dep_ in SUBJECTS for c in clause.children):
            return mark, clause
    return None


def _inverted_tag(view: TokenView, verb: Token, obj: Token | None, lemma: str) -> Range | None:
    """The reported clause before a sentence-final "..., say the campaigners" that the parser read as
    verb and object (the object is then the speaker)."""
    if obj is None or lemma != "say" or verb.tag_ not in ("VBD", "VBP", "VBZ") or obj.pos_ == "PRON":
        return None
    if any(c.dep_ in SUBJECTS or c.dep_ == "aux" for c in verb.children) or obj.lower_ in cues.SAID_OBJECTS:
        return None
    sent = verb.sent
    rest = [t for t in view.doc[obj.right_edge.i + 1 : sent.end] if not t.is_punct and not t.is_space]
    if obj.left_edge.i != verb.i + 1 or rest or verb.i - sent.start < 4:
        return None
    return view.trim(sent.start, verb.left_edge.i if verb.left_edge.i < verb.i else verb.i)


def _reports_itself(verb: Token) -> bool:
    """True when a raising verb's infinitive is itself a reporting verb ("seemed to mock", "appeared to confirm")."""
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
    return xcomp is not None and xcomp.pos_ == "VERB" and cues.verb_weight(cues.lemma_of(xcomp)) >= 0.5


def _reflexive(view: TokenView, rng: Range) -> bool:
    """True when a source range is just a reflexive pronoun."""
    word = view.text[rng[0] : rng[1]].lower()
    return word.endswith(("self", "selves")) and " " not in word


_CARRY_ON_VERBS = frozenset({"go", "proceed"})


def _infinitive_or_gerund(verb: Token) -> bool:
    """True for a to-infinitive or an -ing form hanging off a preposition ("after talking about ..."), unless
    a raising verb carries it ("seemed to mock ...")."""
    if verb.dep_ == "xcomp" and cues.lemma_of(verb.head) in cues.RAISING_VERBS:
        return False
    if verb.dep_ in ("xcomp", "advcl") and cues.lemma_of(verb.head) in _CARRY_ON_VERBS:
        return False  # "went on to criticize", "proceeded to name": the infinitive is what the speaker did
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
    return np_source(view, pobj) if pobj is not None else (None, None)


def cue_end(view: TokenView, verb: Token, last: int) -> int:
    """Character offset where a verb cue (with particle or preposition up to token ``last``) ends."""
    tok = view.doc[max(last, verb.i)]
    return tok.idx + len(tok.text)


def _around(view: TokenView, contents: list[Range], start: int, end: int) -> list[Range]:
    """Content ranges with [start, end) (the speaker and cue, "which critics said was ...") cut out."""
    out: list[Range] = []
    for lo, hi in contents:
        if start < hi and lo < end:
            pieces = [strip_range(view.text, lo, start), strip_range(view.text, end, hi)]
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
        contents = [without_trailing_relative(view, c) for c in contents]
        raised = _raised_subject(view, tok, lemma, frame)
        if raised is not None and lemma in cues.RAISING_VERBS and _reports_itself(tok):
            continue  # "X seemed to mock ...": the inner cue verb reports X's words, with X as speaker
        if raised is not None:
            # "X seemed to know little", "X is expected to win": nobody is named; X belongs to the content
            contents = [raised, *contents]
            frame = "raising"
        contents = [view.covering_quotes(c) for c in contents]
        if frame == "inverted":
            source, resolve = np_source(view, next(c for c in tok.children if c.dep_ in ("dobj", "dative")))
        else:
            source, resolve = verb_source(view, tok) if raised is None else _agent(view, tok)
        if source is not None and any(source[0] < c[1] and c[0] < source[1] for c in contents):
            gap = (min(source[0], tok.idx), max(source[1], cue_end(view, tok, last)))
            contents = _around(view, contents, *gap)
            if not contents:
                continue
        if source is not None and _reflexive(view, source):
            source = resolve = None  # "found itself having to defend ...": a reflexive never speaks
        if source is None and (frame == "passive" or frame == "passive-predicative" and not cues.is_speech_verb(lemma)):
            continue  # "the price was not disclosed", "X is seen as Y": nobody is reported
        if source is None and frame in WEAK_FRAMES:
            if frame == "parataxis" or is_passive(tok) or tok.dep_ == "advcl" and tok.tag_ == "VBN":
                frame += "-nosrc"  # "was asked about ...", "Asked about ...": kept where train supports the verb
            else:
                continue  # otherwise weak frames need a speaker to count as attribution
        if frame.split("-nosrc")[0] in ("dobj", "prep", "dobj-wide", "dobj-pron") and _infinitive_or_gerund(tok):
            continue  # "needs to think about", "talking about": an activity, not a reported attitude
        if tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and cues.noun_weight(cues.lemma_of(tok.head)) == 0 and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children
        ):
            continue  # "the ability to decide who ...": a capacity, not an attribution
        start, _ = cues.verb_group(tok)
        if tok.dep_ == "xcomp" and cues.lemma_of(tok.head) in cues.RAISING_VERBS and tok.head.i < tok.i:
            start = cues.verb_group(tok.head)[0]  # the cue is "seemed to mock"
        cue = (view.doc[start].idx, view.doc[last].idx + len(view.doc[last].text))
        kind = view.kind_of(contents)
        if source is None:
            kind = ClaimKind.NO_SOURCE if kind is not ClaimKind.DIRECT else kind
        confidence = weight * FRAME_WEIGHTS.get(frame, 0.3) * (1.0 if source is not None else 0.6)
        yield Found(kind, contents, cue, source, resolve, addressee, confidence, tok.i, "verb-" + frame)


WEAK_FRAMES = frozenset({"parataxis", "dobj", "prep", "predicative", "dobj-wide", "dobj-pron", "passive",
                         "passive-predicative"})


FRAME_WEIGHTS = {
    "raising": 0.6, "ccomp": 1.0, "xcomp-obj": 0.95, "xcomp": 0.85, "predicative": 0.8, "dobj": 0.6, "prep": 0.6,
    "parataxis": 0.9, "inverted": 0.9, "dobj-wide": 0.3, "dobj-pron": 0.3, "passive": 0.7, "passive-predicative": 0.9,
    "dobj-relative": 0.6, "passive-predicative-nosrc": 0.9,
}
