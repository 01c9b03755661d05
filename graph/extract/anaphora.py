"""Pronouns and definite nominals resolved to document entities in one left-to-right pass (nominals in
``nominal_anaphora.py``, the candidates the pass keeps in ``antecedents.py``).

The pass keeps a short list of recent candidate antecedents (entities, and plural or human noun
phrases) and resolves he/she/they-type pronouns and "the group"/"the Labour leader"-type nominals
by agreement (person, number, known gender), grammatical role and recency.  Anything without a
clear antecedent stays unresolved rather than guessed.  Unnamed groups that are referred back to
("five Muslim organisations" ... "the organisations") become entities of their own.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict, deque
from typing import TYPE_CHECKING

from graph.extract.antecedents import (
    DEFINITE,
    FEMALE,
    MALE,
    NEUTER,
    OBJECT_DEPS,
    PLURAL,
    PRONOUNS,
    SUBJECT_DEPS,
    WINDOW_SENTENCES,
    Candidate,
    PassState,
    candidate_for,
    determiner,
    governing_verb,
    nominal_type,
    push,
)
from graph.extract.nominal_anaphora import entities_named_with, most_recent, possessive_pronoun, resolve_nominal
from graph.extract.roles import COLLECTIVE_NOUNS, HUMAN_NOUNS, ROLE_NOUNS, name_gender
from graph.types import Entity, EntityType, Mention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from graph.extract.entities import EntityTable


def _sentence_index(doc: Doc) -> list[int]:
    """Sentence number of every token, from the sentence-start flags in one array pass."""
    from spacy.attrs import SENT_START

    if len(doc) == 0:
        return []
    starts = doc.to_array([SENT_START]).reshape(-1) == 1
    starts[0] = False
    return starts.cumsum().tolist()


def _interesting(doc: Doc, by_head: dict[int, Mention], covered: set[int]) -> list[int]:
    """Token indices the resolution pass must look at: mention heads, personal pronouns, uncovered nouns."""
    from spacy.attrs import POS, TAG
    from spacy.parts_of_speech import NOUN, PROPN

    if len(doc) == 0:
        return []
    strings = doc.vocab.strings
    prp = {strings.add("PRP"), strings.add("PRP$")}
    out = []
    for i, (pos, tag) in enumerate(doc.to_array([POS, TAG]).tolist()):
        if i in by_head or tag in prp or (pos in (NOUN, PROPN) and i not in covered):
            out.append(i)
    return out


def _genders(entities: dict[str, Entity]) -> dict[str, str]:
    """Gender evidence from titles ("Sir Keir") or common given names, for pronoun agreement."""
    out: dict[str, str] = {}
    for key, entity in entities.items():
        if entity.type != EntityType.PERSON:
            continue
        for alias in (entity.name, *entity.aliases):
            gender = name_gender(alias)
            if gender:
                out[key] = gender
                break
    return out


def resolve_references(doc: Doc, table: EntityTable) -> EntityTable:
    """Add resolved pronoun and nominal mentions (and entities for referred-back unnamed groups) to a table."""
    sent_of = _sentence_index(doc)
    state = PassState(
        text=table.text or doc.text,
        entities={e.key: e for e in table.entities},
        mentions=list(table.mentions),
        extra_aliases=defaultdict(list),
        gender=_genders({e.key: e for e in table.entities}),
        nominal_key={},
    )
    by_head: dict[int, Mention] = {}
    covered: set[int] = set()
    for mention in table.mentions:
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None:
            continue
        covered.update(range(span.start, span.end))
        if span.end - span.start <= 6:  # name mentions, not long appositive phrases
            by_head[span.root.i] = mention
    head_keys = {i: m.entity for i, m in by_head.items() if m.entity}
    cands: deque[Candidate] = deque()
    nominal_cands: dict[str, Candidate] = {}
    for index in _interesting(doc, by_head, covered):
        token = doc[index]
        sent = sent_of[index]
        while cands and cands[0].sent < sent - WINDOW_SENTENCES:
            cands.popleft()
        mention = by_head.get(token.i)
        if mention is not None and mention.entity:
            entity = state.entities[mention.entity]
            if not (entity.type == EntityType.GROUP and token.dep_ in ("amod", "compound")):  # "Islamic" State
                push(cands, state, candidate_for(doc, table, token, mention.entity, entity.type, sent))
            if entity.type == EntityType.PERSON and _joined_person(token, head_keys, state):
                # "Mike Crapo and Jim Risch": a later "they" means both, which no single entity is.
                pair = candidate_for(doc, table, token.head, None, EntityType.GROUP, sent)
                pair.start, pair.plural = min(pair.start, token.head.left_edge.idx), True
                push(cands, state, pair)
            continue
        lower = token.lower_
        if lower in PRONOUNS and token.tag_ in ("PRP", "PRP$"):
            key = _resolve_pronoun(doc, table, token, cands, state, sent)
            if key is not None:
                state.mentions.append(Mention(Span.of(state.text, token.idx, token.idx + len(token)), key))
                if lower in MALE | FEMALE:
                    state.gender.setdefault(key, "m" if lower in MALE else "f")
                entity = state.entities[key]
                push(cands, state, candidate_for(doc, table, token, key, entity.type, sent))
            continue
        if token.i in covered or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if not token.text[:1].islower() and token.lower_ not in ROLE_NOUNS:  # "the Tesla CEO" is a role
            continue
        lemma = token.lemma_.lower()
        det = determiner(token)
        if det in DEFINITE or det is None and possessive_pronoun(token):
            if det in DEFINITE:
                key = resolve_nominal(doc, table, token, cands, nominal_cands, state, sent, head_keys)
            else:  # "his party": the one organisation whose name has that noun
                named = entities_named_with(lemma, state) if lemma in COLLECTIVE_NOUNS and token.tag_ == "NN" else []
                key = most_recent(named, cands, state, token.idx) if named else None
            if key is not None:
                start = token.left_edge.idx if token.left_edge.i >= token.i - 6 else token.idx
                span = Span.of(state.text, start, token.idx + len(token))
                state.mentions.append(Mention(span, key))
                if det in DEFINITE:
                    state.extra_aliases[key].append(span.text)
                push(cands, state, candidate_for(doc, table, token, key, state.entities[key].type, sent))
                continue
        introduced = token.tag_ == "NNS" or det in ("a", "an") or any(c.dep_ == "nummod" for c in token.lefts)
        # An unresolved "the employee" still counts as a referent, so a following "he" is not forced elsewhere.
        if lemma in HUMAN_NOUNS and (introduced or det in DEFINITE):
            cand = candidate_for(doc, table, token, None, nominal_type(token), sent)
            push(cands, state, cand)
            nominal_cands[lemma] = cand
    spans_of: dict[str, set[Span]] = defaultdict(set)
    for mention in state.mentions:
        if mention.entity:
            spans_of[mention.entity].add(mention.span)
    entities = []
    for key, entity in state.entities.items():
        extra = [a for a in state.extra_aliases.get(key, []) if a not in entity.aliases]
        entities.append(dataclasses.replace(entity, aliases=entity.aliases + tuple(dict.fromkeys(extra)),
                                            mentions=tuple(sorted(spans_of[key]))))
    return dataclasses.replace(table, entities=tuple(entities), mentions=tuple(state.mentions))


def _joined_person(token: Token, head_keys: dict[int, str], state: PassState) -> bool:
    """Whether a person name is coordinated with another person's name ("X and Y")."""
    key = head_keys.get(token.head.i)
    if token.dep_ != "conj" or key is None or key == head_keys.get(token.i):
        return False
    return state.entities[key].type == EntityType.PERSON












def _resolve_pronoun(
    doc: Doc, table: EntityTable, token: Token, cands: deque[Candidate], state: PassState, sent: int
) -> str | None:
    """Pick the antecedent of a third-person pronoun: agreeing, outside quotes unless quoted too, recent, subject first."""
    lower = token.lower_
    if lower.endswith(("self", "selves")):  # reflexives bind to their own clause's subject, or stay open
        verb_token = doc[governing_verb(token)] if governing_verb(token) >= 0 else None
        subjects = [c for c in verb_token.children if c.dep_ in SUBJECT_DEPS] if verb_token is not None else []
        for cand in reversed(cands):
            if subjects and cand.head == subjects[0].i:
                return cand.key
        return None
    quoted = table.quoted_at(token.idx)
    verb = governing_verb(token)
    is_object = token.dep_ in OBJECT_DEPS and token.tag_ == "PRP"
    # "X praised him": him is not X, nor anything else X is called.
    bound = {c.key for c in cands if is_object and c.subject and c.verb == verb >= 0 and c.sent == sent and c.key}
    best: tuple[tuple[int, ...], Candidate] | None = None
    for cand in cands:
        if cand.end > token.idx or (cand.key is not None and cand.key in bound):
            continue
        if cand.quoted and not quoted:
            continue
        if not _agrees(lower, cand, state):
            continue
        known = 0 if lower in PLURAL | NEUTER or (cand.key and cand.key in state.gender) else 1
        role = 0 if cand.main else 1 if cand.subject else 2
        plural = 0 if lower not in PLURAL or cand.plural else 1  # "they": a plural phrase before an organisation
        score = (sent - cand.sent, plural, known, role, -cand.start)
        if best is None or score < best[0]:
            best = (score, cand)
    if best is None:
        return None
    cand = best[1]
    if cand.key is None:
        cand.key = state.nominal_key.get(cand.head)
    return cand.key  # an unnamed phrase with no entity yet: leave the pronoun unresolved


def _agrees(pronoun: str, cand: Candidate, state: PassState) -> bool:
    """Number, person/organisation and known-gender agreement between a pronoun and a candidate."""
    if pronoun in PLURAL:
        return cand.etype in (EntityType.GROUP, EntityType.ORGANIZATION) or cand.plural and cand.etype != EntityType.PLACE
    if pronoun in NEUTER:
        return cand.etype in (EntityType.ORGANIZATION, EntityType.PLACE) and not cand.plural
    if cand.etype != EntityType.PERSON or cand.plural:
        return False
    gender = state.gender.get(cand.key) if cand.key else None
    want = "m" if pronoun in MALE else "f"
    return gender is None or gender == want


















