"""Subject–predicate–object triples read off the dependency parse, with arguments linked to entities.

Covers active clauses (X defeated Y), passives with an agent (Y was defeated by X -> X defeat Y),
copulas (X is the leader of Y), prepositional objects (X voted for Y), coordination on either side,
relative pronouns (the group, which represents ...), and subjects inherited by conjoined or
controlled verbs.  A ``skip`` callback lets the caller drop triples inside quoted content.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from graph.types import Mention, Span, Triple

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from graph.extract.entities import EntityTable

NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})
SUBJECT_DEPS = ("nsubj", "nsubjpass")
OBJECT_DEPS = ("dobj", "dative", "iobj")
RELATIVE_TAGS = frozenset({"WDT", "WP"})
# Pronouns that carry no referent of their own and make useless arguments.
EMPTY_PRONOUNS = frozenset({"it", "this", "that", "there", "what", "which", "who", "whom", "something", "anything", "nothing"})
MAX_ARG_TOKENS = 12


def extract_triples(
    doc: Doc, table: EntityTable, *, skip: Callable[[int, int], bool] | None = None
) -> Iterator[Triple]:
    """Yield the triples of every sentence; ``skip(start, end)`` is asked about each triple's extent, True drops it.

    Without ``skip``, triples lying inside quotation marks are dropped (quoted claims are not facts);
    pass ``skip=lambda start, end: False`` to keep everything.
    """
    text = getattr(table, "text", "") or doc.text
    if skip is None:
        skip = _inside_quotes(getattr(table, "quoted", ()))
    heads = _clause_heads(doc)
    seen: set[tuple[int, int, int, int]] = set()  # Triple.offsets already yielded: one triple per statement
    for sent in doc.sents:
        sentence = _trimmed(text, sent.start_char, sent.end_char)
        for index in heads[bisect_left(heads, sent.start) : bisect_left(heads, sent.end)]:
            token = doc[index]
            for triple in _clause_triples(doc, text, table, token, sentence):
                lo = min(triple.subject.span.start, triple.predicate.start, triple.object.span.start)
                hi = max(triple.subject.span.end, triple.predicate.end, triple.object.span.end)
                if skip is not None and skip(lo, hi):
                    continue
                if triple.offsets in seen:  # e.g. a copula and a prepositional reading of one phrase: the first stays
                    continue
                seen.add(triple.offsets)
                yield triple


def _inside_quotes(quoted: tuple[tuple[int, int], ...]) -> Callable[[int, int], bool]:
    """A skip test that is True for extents overlapping quotation marks."""
    from bisect import bisect_right

    ends = [b for _, b in quoted]

    def inside(start: int, end: int) -> bool:
        """Whether [start, end) overlaps a quoted range."""
        i = bisect_right(ends, start)
        return i < len(quoted) and quoted[i][0] < end

    return inside


def _clause_heads(doc: Doc) -> list[int]:
    """Indices of the verbs heading a clause, read from the POS/DEP arrays without touching other tokens."""
    from spacy.attrs import DEP, POS
    from spacy.parts_of_speech import AUX, VERB

    if len(doc) == 0:
        return []
    strings = doc.vocab.strings
    auxiliary = {strings.add("aux"), strings.add("auxpass")}
    return [
        i for i, (pos, dep) in enumerate(doc.to_array([POS, DEP]).tolist())
        if pos in (VERB, AUX) and dep not in auxiliary
    ]


def _trimmed(text: str, start: int, end: int) -> Span:
    """A span with surrounding whitespace removed."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span.of(text, start, end)


def _expand(tokens: list[Token]) -> list[Token]:
    """Add conjuncts: "X and Y attacked Z" has two subjects."""
    out: list[Token] = []
    for token in tokens:
        for item in (token, *token.conjuncts):
            if item not in out:
                out.append(item)
    return out


def _subjects(verb: Token) -> tuple[list[Token], bool]:
    """(subjects, passive) of a verb, inheriting from the governing verb for conjoined and controlled verbs."""
    own = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if own:
        return _expand(own), any(c.dep_ == "nsubjpass" for c in own)
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        inherited, _ = _subjects(verb.head)
        return inherited, any(c.dep_ == "auxpass" for c in verb.children)
    if verb.dep_ == "xcomp":
        objects = [c for c in verb.head.children if c.dep_ == "dobj"]
        if objects:  # object control: "urged him to challenge" -> him challenges
            return _expand(objects), False
        inherited, _ = _subjects(verb.head)
        return inherited, False
    if verb.dep_ == "relcl":
        return [verb.head], any(c.dep_ == "auxpass" for c in verb.children)
    return [], False


def _predicate(text: str, verb: Token, extra: Token | None = None) -> tuple[Span, str]:
    """The verb as written (with an adjacent particle or preposition) and its normalised relation name."""
    parts = [verb.lemma_.lower()]
    end_token = verb
    for child in verb.children:
        if child.dep_ == "prt":
            parts.append(child.lower_)
            if child.i == end_token.i + 1:
                end_token = child
    if extra is not None:
        parts.append(extra.lower_)
        if extra.i == end_token.i + 1:
            end_token = extra
    if any(c.dep_ == "neg" for c in verb.children):
        parts.insert(0, "not")
    span = Span.of(text, verb.idx, end_token.idx + len(end_token))
    return span, "_".join(p.replace(" ", "_") for p in parts)


def _arguments(doc: Doc, text: str, table: EntityTable, token: Token) -> list[Mention]:
    """Noun-phrase argument(s) headed by a token; a phrase the parser left coordinated is split at "and"."""
    if token.tag_ in RELATIVE_TAGS and token.head.dep_ == "relcl":
        token = token.head.head
    if token.pos_ not in NOMINAL_POS or token.lower_ in EMPTY_PRONOUNS or token.tag_ == "DT":
        return []
    if token.pos_ == "PRON" and token.lower_ in ("i", "me", "we", "us", "you", "my", "our", "your"):
        return []
    start = token.i
    for child in reversed(list(token.lefts)):
        if child.dep_ in ("punct", "appos", "preconj", "advmod", "prep"):
            break
        start = child.left_edge.i
    if token.i - start >= MAX_ARG_TOKENS:
        start = token.i
    while start < token.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    before = text[doc[start].idx : token.idx]
    coordinated = start < token.i and any(w in before for w in (" and ", " or ", "&", " nor ", ","))
    tokens = doc[start : token.i + 1] if coordinated else []
    splits = {t.i for t in tokens if (t.dep_ == "cc" or t.text == ",") and not _inside_name(table, t)}
    if any(doc[i].dep_ == "cc" for i in splits):
        parts: list[list[Token]] = [[]]
        for t in tokens:
            if t.i in splits:
                parts.append([])
            else:
                parts[-1].append(t)
        out = []
        for part in parts:
            if part:
                span = Span.of(text, part[0].idx, part[-1].idx + len(part[-1]))
                out.append(Mention(span, _entity_of(table, part[-1], span)))
        if out:
            return out
    lo, hi = doc[start].idx, token.idx + len(token)
    name = _covering_name(table, token)
    if name is not None:  # "Marks & Spencer" stays whole even when parsed as "Marks" and "Spencer"
        lo, hi = min(lo, name.span.start), max(hi, name.span.end)
    span = Span.of(text, lo, hi)
    return [Mention(span, _entity_of(table, token, span))]


def _covering_name(table: EntityTable, token: Token) -> Mention | None:
    """The narrowest linked mention that contains a token, if any."""
    start, end = token.idx, token.idx + len(token)
    covering = [
        m for m in table.mentions_overlapping(start, end, max_len=120)
        if m.entity and m.span.start <= start and m.span.end >= end
    ]
    return min(covering, key=lambda m: m.span.end - m.span.start) if covering else None


def _inside_name(table: EntityTable, token: Token) -> bool:
    """Whether a token lies inside a name mention ("&" in "Batley & Dewsbury")."""
    start, end = token.idx, token.idx + len(token)
    return any(m.span.start < start and m.span.end > end for m in table.mentions_overlapping(start, end, max_len=120))


def _all_arguments(doc: Doc, text: str, table: EntityTable, tokens: list[Token]) -> list[Mention]:
    """Arguments for several (coordinated) head tokens, without duplicates."""
    out: list[Mention] = []
    for token in tokens:
        for mention in _arguments(doc, text, table, token):
            if mention not in out:
                out.append(mention)
    return out


def _entity_of(table: EntityTable, token: Token, span: Span) -> str | None:
    """Entity of the narrowest mention covering the head token, else the mention equal to the phrase."""
    t_start, t_end = token.idx, token.idx + len(token)
    covering = [
        m for m in table.mentions_overlapping(t_start, t_end)
        if m.entity and m.span.start <= t_start and m.span.end >= t_end
    ]
    if covering:
        return min(covering, key=lambda m: m.span.end - m.span.start).entity
    exact = table.mention_at(span.start, span.end)
    return exact.entity if exact else None


def _clause_triples(doc: Doc, text: str, table: EntityTable, verb: Token, sentence: Span) -> Iterator[Triple]:
    """All triples headed by one verb: direct objects, agents, copular attributes, prepositional objects."""
    subjects, passive = _subjects(verb)
    if not subjects:
        return
    subject_mentions = _all_arguments(doc, text, table, subjects)
    if not subject_mentions:
        return
    children = list(verb.children)
    if passive:
        agents = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        span, relation = _predicate(text, verb)
        for actor in _all_arguments(doc, text, table, _expand(agents)):
            for patient in subject_mentions:
                yield Triple(actor, span, relation, patient, sentence, "passive")
        return
    objects = _expand([c for c in children if c.dep_ in OBJECT_DEPS])
    span, relation = _predicate(text, verb)
    for target in _all_arguments(doc, text, table, objects):
        for subject in subject_mentions:
            yield Triple(subject, span, relation, target, sentence, "active")
    if verb.lemma_ == "be":
        yield from _copula(doc, text, table, verb, children, subject_mentions, sentence)
        return
    for prep in (c for c in children if c.dep_ == "prep"):
        pobjs = _expand([g for g in prep.children if g.dep_ == "pobj"])
        if not pobjs:
            continue
        pspan, prelation = _predicate(text, verb, prep)
        for target in _all_arguments(doc, text, table, pobjs):
            if objects and target.entity is None:
                continue
            for subject in subject_mentions:
                yield Triple(subject, pspan, prelation, target, sentence, "prep")


def _copula(
    doc: Doc,
    text: str,
    table: EntityTable,
    verb: Token,
    children: list[Token],
    subjects: list[Mention],
    sentence: Span,
) -> Iterator[Triple]:
    """Copular triples: (X, be, attribute) and (X, be_<noun>_<prep>, Y) for "X is the leader of Y"."""
    span, relation = _predicate(text, verb)
    for attr in _expand([c for c in children if c.dep_ in ("attr", "acomp")]):
        values = _arguments(doc, text, table, attr) if attr.dep_ == "attr" else []
        for value in values:
            for subject in subjects:
                yield Triple(subject, span, relation, value, sentence, "copula")
        for prep in (c for c in attr.children if c.dep_ == "prep"):
            for target in _all_arguments(doc, text, table, _expand([g for g in prep.children if g.dep_ == "pobj"])):
                name = "_".join([relation, attr.lemma_.lower(), prep.lower_])
                for subject in subjects:
                    yield Triple(subject, span, name, target, sentence, "copula")
