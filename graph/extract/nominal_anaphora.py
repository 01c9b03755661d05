"""Definite nominals resolved during the anaphora pass: "the Labour leader" (a role), "the party" (an
organisation named with that noun), "the organisations" (an unnamed group mentioned before), "the group
said" (the latest organisation), "his party" (the one organisation with that noun).
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from graph.extract import normalise as nm
from graph.extract.antecedents import (
    SUBJECT_DEPS,
    WINDOW_SENTENCES,
    Candidate,
    PassState,
    materialise,
    nominal_name_span,
)
from graph.extract.role_match import match_role
from graph.extract.roles import COLLECTIVE_NOUNS, ROLE_NOUNS
from graph.types import EntityType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from graph.extract.entities import EntityTable

# Collective nouns that, as a subject, point back to the last organisation ("the group said"); not
# "the administration" or "the government", which usually name something never named in the text.
ORG_ANAPHORS = frozenset(
    "group organisation organization network party body charity company firm union association "
    "movement coalition alliance committee".split()
)


def resolve_nominal(
    doc: Doc,
    table: EntityTable,
    token: Token,
    cands: deque[Candidate],
    nominal_cands: dict[str, Candidate],
    state: PassState,
    sent: int,
    by_head: dict[int, str],
) -> str | None:
    """Resolve "the <noun>": role alias, a name containing the noun, an earlier same-noun phrase, or a recent org."""
    lemma = token.lemma_.lower()
    plural = token.tag_ == "NNS"
    mods = _modifier_words(token)
    if lemma in ROLE_NOUNS and not plural:
        proper = {w for c in token.lefts if c.text[:1].isupper() for w in nm.name_tokens(c.text, person=False)}
        key = match_role(lemma, mods, proper, state.entities, state.last_seen, state.text, token.idx)
        if key:
            return key
    if not plural and lemma in COLLECTIVE_NOUNS:
        for child in token.lefts:
            key = by_head.get(child.i)
            is_org = key is not None and state.entities[key].type in (EntityType.ORGANIZATION, EntityType.GROUP)
            if child.dep_ == "compound" and is_org and lemma in nm.ORG_SUFFIXES | {"network"}:
                return key  # "the Respect party" is Respect
        named = [k for k in entities_named_with(lemma, state) if mods <= set(nm.name_tokens(state.entities[k].name, person=False))]
        if named:
            return most_recent(named, cands, state, token.idx)
    restricted = any(c.dep_ in ("prep", "relcl", "acl") for c in token.rights)
    prior = None if restricted else nominal_cands.get(lemma)
    if prior is not None and prior.plural == plural and prior.head != token.i and prior.sent >= sent - WINDOW_SENTENCES * 2:
        # Names must agree ("the Republican senator" is not "a Democratic senator"); adjectives may be new.
        # A bare singular ("the president" ... "the president") is too vague to become an entity.
        described = plural or prior.key is not None or len(nominal_name_span(doc[prior.head])) > 1
        if described and _proper_modifiers(token) <= _proper_modifiers(doc[prior.head]):
            return materialise(doc, prior, state)
    if not plural and lemma in ORG_ANAPHORS and not mods and token.dep_ in SUBJECT_DEPS:
        # Only a subject ("the group said") is taken as a back-reference to a recent organisation.
        quoted = table.quoted_at(token.idx)
        best: tuple[tuple[int, int, int], Candidate] | None = None
        for cand in cands:
            if cand.key is None or cand.etype != EntityType.ORGANIZATION or (cand.quoted and not quoted):
                continue
            score = (sent - cand.sent, 0 if cand.subject else 1, -cand.start)
            if best is None or score < best[0]:
                best = (score, cand)
        if best is not None:
            return best[1].key
    return None


def possessive_pronoun(token: Token) -> bool:
    """Whether a noun is determined by a possessive pronoun ("his party", "their group")."""
    return any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in token.lefts)


def _proper_modifiers(token: Token) -> set[str]:
    """Name words among a noun's pre-modifiers ("the Labour leader" -> {"labour"})."""
    return {
        w for c in token.lefts
        if c.dep_ in ("amod", "compound", "poss", "nmod") and c.text[:1].isupper()
        for w in nm.name_tokens(c.text, person=False)
    }


def _modifier_words(token: Token) -> set[str]:
    """Lower-cased pre-modifiers of a noun (adjectives, compounds, possessor names), for role matching."""
    words: set[str] = set()
    for child in token.lefts:
        if child.dep_ in ("amod", "compound", "poss", "nmod", "nummod") and child.lower_ not in ("one",):
            words.update(w for w in nm.name_tokens(child.text, person=False) if w)
    return words


def entities_named_with(lemma: str, state: PassState) -> list[str]:
    """Organisations whose name contains the noun ("the party" -> "Labour Party")."""
    return [
        key
        for key, entity in state.entities.items()
        if entity.type in (EntityType.ORGANIZATION, EntityType.GROUP)
        and lemma in nm.name_tokens(entity.name, person=False)
    ]


def most_recent(keys: list[str], cands: deque[Candidate], state: PassState, before: int) -> str:
    """Of several entity keys, the one mentioned most recently before an offset, else the most mentioned."""
    wanted = set(keys)
    for cand in reversed(cands):
        if cand.key in wanted and cand.start < before:
            return cand.key
    return max(keys, key=lambda k: len(state.entities[k].mentions))
