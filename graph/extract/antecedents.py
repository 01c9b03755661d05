"""What the anaphora pass remembers: candidate antecedents, the pass's state, and unnamed phrases made entities.

Shared by pronoun resolution (``anaphora.py``) and nominal resolution (``nominal_anaphora.py``).
"""

from __future__ import annotations

import dataclasses
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.extract import normalise as nm
from graph.extract.roles import COLLECTIVE_NOUNS
from graph.types import Entity, EntityType, Mention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

    from graph.extract.entities import EntityTable

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
NEUTER = frozenset({"its", "itself"})  # not "it", which is too often pleonastic ("it is clear that")
PRONOUNS = MALE | FEMALE | PLURAL | NEUTER
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})
OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj", "attr", "oprd"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
WINDOW_SENTENCES = 3


@dataclass(slots=True)
class Candidate:
    """A candidate antecedent seen so far: entity key (or nominal phrase), role and position."""

    key: str | None
    etype: EntityType
    plural: bool
    sent: int
    start: int
    end: int
    subject: bool
    quoted: bool
    head: int
    verb: int
    main: bool = False  # subject of its sentence's main verb (more salient than one inside a relative clause)


@dataclass(slots=True)
class PassState:
    """Mutable state of the resolution pass: entities (incl. nominal ones), new mentions, gender, aliases."""

    text: str
    entities: dict[str, Entity]
    mentions: list[Mention]
    extra_aliases: dict[str, list[str]]
    gender: dict[str, str]
    nominal_key: dict[int, str]  # head token index of a materialised nominal phrase -> key
    last_seen: dict[str, int] = dataclasses.field(default_factory=dict)  # key -> start of its latest mention so far


def push(cands: deque[Candidate], state: PassState, cand: Candidate) -> None:
    """Add a candidate antecedent and note where its entity was last mentioned."""
    cands.append(cand)
    if cand.key is not None:
        state.last_seen[cand.key] = cand.start


def determiner(token: Token) -> str | None:
    """The lower-cased determiner of a noun, if any."""
    if token.n_lefts:
        for child in token.lefts:
            if child.dep_ == "det":
                return child.lower_
    return None


def nominal_type(token: Token) -> EntityType:
    """Entity type for an unnamed noun phrase: plural -> group, organisation nouns -> org, else person."""
    lemma = token.lemma_.lower()
    if token.tag_ == "NNS":
        return EntityType.GROUP
    return EntityType.ORGANIZATION if lemma in COLLECTIVE_NOUNS else EntityType.PERSON


def governing_verb(token: Token) -> int:
    """Index of the verb a noun depends on (through prepositions), or -1."""
    node = token
    for _ in range(4):
        if node.head.i == node.i:
            return node.i if node.pos_ in ("VERB", "AUX") else -1
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node.i
    return -1


def candidate_for(
    doc: Doc, table: EntityTable, token: Token, key: str | None, etype: EntityType, sent: int
) -> Candidate:
    """Describe a token heading an entity or nominal mention as a candidate antecedent."""
    subject = token.dep_ in SUBJECT_DEPS or (token.dep_ in ("compound", "appos", "conj") and token.head.dep_ in SUBJECT_DEPS)
    if etype == EntityType.PERSON and key is not None:
        plural = False  # "Sanders" is one person
    else:
        plural = token.tag_ in ("NNS", "NNPS") or etype == EntityType.GROUP or token.lower_ in PLURAL
    verb = governing_verb(token)
    main = subject and verb >= 0 and doc[verb].dep_ == "ROOT"
    return Candidate(
        key, etype, plural, sent, token.left_edge.idx, token.idx + len(token), subject,
        table.quoted_at(token.idx), token.i, verb, main,
    )


def materialise(doc: Doc, cand: Candidate, state: PassState) -> str:
    """The entity key of a candidate, creating an entity for an unnamed noun phrase the first time."""
    if cand.key is not None:
        return cand.key
    known = state.nominal_key.get(cand.head)
    if known:
        cand.key = known
        return known
    head = doc[cand.head]
    name_span = nominal_name_span(head)
    name = nm.clean_surface(name_span.text)
    base = nm.name_key(name)
    key, n = base, 2
    while key in state.entities:
        key, n = f"{base}-{n}", n + 1
    span = Span.of(state.text, name_span.start_char, name_span.end_char)
    state.entities[key] = Entity(key, name, cand.etype, (name,), (span,))
    state.mentions.append(Mention(span, key))
    state.nominal_key[cand.head] = key
    state.last_seen[key] = max(state.last_seen.get(key, -1), cand.start)
    cand.key = key
    return key


_VAGUE = frozenset({"one", "other", "some", "many", "much", "several", "few", "more", "most", "such", "so", "all", "any"})


def nominal_name_span(head: Token) -> DocSpan:
    """The naming part of an unnamed noun phrase: descriptive modifiers + head (+ a short "of" phrase)."""
    doc = head.doc
    left_edge = head.left_edge.i
    start = head.i
    while start > left_edge:
        word = doc[start - 1]
        if word.lower_ in _VAGUE or word.pos_ not in ("ADJ", "NOUN", "PROPN", "NUM") and word.text != "-":
            break
        start -= 1
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.right_edge.i - head.i <= 6:
            end = child.right_edge.i + 1
        break
    return doc[start:end]
