"""Pronouns and definite nominals resolved to document entities in one left-to-right pass.

The pass keeps a short list of recent candidate antecedents (entities, and plural or human noun
phrases) and resolves he/she/they-type pronouns and "the group"/"the Labour leader"-type nominals
by agreement (person, number, known gender), grammatical role and recency.  Anything without a
clear antecedent stays unresolved rather than guessed.  Unnamed groups that are referred back to
("five Muslim organisations" ... "the organisations") become entities of their own.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.extract import normalise as nm
from graph.extract.role_match import match_role
from graph.extract.roles import COLLECTIVE_NOUNS, HUMAN_NOUNS, ROLE_NOUNS, name_gender
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
# Collective nouns that, as a subject, point back to the last organisation ("the group said"); not
# "the administration" or "the government", which usually name something never named in the text.
ORG_ANAPHORS = frozenset(
    "group organisation organization network party body charity company firm union association "
    "movement coalition alliance committee".split()
)


@dataclass(slots=True)
class _Cand:
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
class _State:
    """Mutable state of the resolution pass: entities (incl. nominal ones), new mentions, gender, aliases."""

    text: str
    entities: dict[str, Entity]
    mentions: list[Mention]
    extra_aliases: dict[str, list[str]]
    gender: dict[str, str]
    nominal_key: dict[int, str]  # head token index of a materialised nominal phrase -> key
    last_seen: dict[str, int] = dataclasses.field(default_factory=dict)  # key -> start of its latest mention so far


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
    state = _State(
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
    cands: deque[_Cand] = deque()
    nominal_cands: dict[str, _Cand] = {}
    for index in _interesting(doc, by_head, covered):
        token = doc[index]
        sent = sent_of[index]
        while cands and cands[0].sent < sent - WINDOW_SENTENCES:
            cands.popleft()
        mention = by_head.get(token.i)
        if mention is not None and mention.entity:
            entity = state.entities[mention.entity]
            if not (entity.type == EntityType.GROUP and token.dep_ in ("amod", "compound")):  # "Islamic" State
                _push(cands, state, _cand_for(doc, table, token, mention.entity, entity.type, sent))
            if entity.type == EntityType.PERSON and _joined_person(token, head_keys, state):
                # "Mike Crapo and Jim Risch": a later "they" means both, which no single entity is.
                pair = _cand_for(doc, table, token.head, None, EntityType.GROUP, sent)
                pair.start, pair.plural = min(pair.start, token.head.left_edge.idx), True
                _push(cands, state, pair)
            continue
        lower = token.lower_
        if lower in PRONOUNS and token.tag_ in ("PRP", "PRP$"):
            key = _resolve_pronoun(doc, table, token, cands, state, sent)
            if key is not None:
                state.mentions.append(Mention(Span.of(state.text, token.idx, token.idx + len(token)), key))
                if lower in MALE | FEMALE:
                    state.gender.setdefault(key, "m" if lower in MALE else "f")
                entity = state.entities[key]
                _push(cands, state, _cand_for(doc, table, token, key, entity.type, sent))
            continue
        if token.i in covered or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if not token.text[:1].islower() and token.lower_ not in ROLE_NOUNS:  # "the Tesla CEO" is a role
            continue
        lemma = token.lemma_.lower()
        det = determiner(token)
        if det in DEFINITE or det is None and _possessive_pronoun(token):
            if det in DEFINITE:
                key = _resolve_nominal(doc, table, token, cands, nominal_cands, state, sent, head_keys)
            else:  # "his party": the one organisation whose name has that noun
                named = _entities_named_with(lemma, state) if lemma in COLLECTIVE_NOUNS and token.tag_ == "NN" else []
                key = _most_recent(named, cands, state, token.idx) if named else None
            if key is not None:
                start = token.left_edge.idx if token.left_edge.i >= token.i - 6 else token.idx
                span = Span.of(state.text, start, token.idx + len(token))
                state.mentions.append(Mention(span, key))
                if det in DEFINITE:
                    state.extra_aliases[key].append(span.text)
                _push(cands, state, _cand_for(doc, table, token, key, state.entities[key].type, sent))
                continue
        introduced = token.tag_ == "NNS" or det in ("a", "an") or any(c.dep_ == "nummod" for c in token.lefts)
        # An unresolved "the employee" still counts as a referent, so a following "he" is not forced elsewhere.
        if lemma in HUMAN_NOUNS and (introduced or det in DEFINITE):
            cand = _cand_for(doc, table, token, None, _nominal_type(token), sent)
            _push(cands, state, cand)
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


def _joined_person(token: Token, head_keys: dict[int, str], state: _State) -> bool:
    """Whether a person name is coordinated with another person's name ("X and Y")."""
    key = head_keys.get(token.head.i)
    if token.dep_ != "conj" or key is None or key == head_keys.get(token.i):
        return False
    return state.entities[key].type == EntityType.PERSON


def _push(cands: deque[_Cand], state: _State, cand: _Cand) -> None:
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


def _nominal_type(token: Token) -> EntityType:
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


def _cand_for(doc: Doc, table: EntityTable, token: Token, key: str | None, etype: EntityType, sent: int) -> _Cand:
    """Describe a token heading an entity or nominal mention as a candidate antecedent."""
    subject = token.dep_ in SUBJECT_DEPS or (token.dep_ in ("compound", "appos", "conj") and token.head.dep_ in SUBJECT_DEPS)
    if etype == EntityType.PERSON and key is not None:
        plural = False  # "Sanders" is one person
    else:
        plural = token.tag_ in ("NNS", "NNPS") or etype == EntityType.GROUP or token.lower_ in PLURAL
    verb = governing_verb(token)
    main = subject and verb >= 0 and doc[verb].dep_ == "ROOT"
    return _Cand(
        key, etype, plural, sent, token.left_edge.idx, token.idx + len(token), subject,
        table.quoted_at(token.idx), token.i, verb, main,
    )


def _resolve_pronoun(
    doc: Doc, table: EntityTable, token: Token, cands: deque[_Cand], state: _State, sent: int
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
    best: tuple[tuple[int, ...], _Cand] | None = None
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


def _agrees(pronoun: str, cand: _Cand, state: _State) -> bool:
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


def _materialise(doc: Doc, cand: _Cand, state: _State) -> str:
    """The entity key of a candidate, creating an entity for an unnamed noun phrase the first time."""
    if cand.key is not None:
        return cand.key
    known = state.nominal_key.get(cand.head)
    if known:
        cand.key = known
        return known
    head = doc[cand.head]
    name_span = _nominal_name_span(head)
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


def _nominal_name_span(head: Token) -> DocSpan:
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


def _resolve_nominal(
    doc: Doc,
    table: EntityTable,
    token: Token,
    cands: deque[_Cand],
    nominal_cands: dict[str, _Cand],
    state: _State,
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
        named = [k for k in _entities_named_with(lemma, state) if mods <= set(nm.name_tokens(state.entities[k].name, person=False))]
        if named:
            return _most_recent(named, cands, state, token.idx)
    restricted = any(c.dep_ in ("prep", "relcl", "acl") for c in token.rights)
    prior = None if restricted else nominal_cands.get(lemma)
    if prior is not None and prior.plural == plural and prior.head != token.i and prior.sent >= sent - WINDOW_SENTENCES * 2:
        # Names must agree ("the Republican senator" is not "a Democratic senator"); adjectives may be new.
        # A bare singular ("the president" ... "the president") is too vague to become an entity.
        described = plural or prior.key is not None or len(_nominal_name_span(doc[prior.head])) > 1
        if described and _proper_modifiers(token) <= _proper_modifiers(doc[prior.head]):
            return _materialise(doc, prior, state)
    if not plural and lemma in ORG_ANAPHORS and not mods and token.dep_ in SUBJECT_DEPS:
        # Only a subject ("the group said") is taken as a back-reference to a recent organisation.
        quoted = table.quoted_at(token.idx)
        best: tuple[tuple[int, int, int], _Cand] | None = None
        for cand in cands:
            if cand.key is None or cand.etype != EntityType.ORGANIZATION or (cand.quoted and not quoted):
                continue
            score = (sent - cand.sent, 0 if cand.subject else 1, -cand.start)
            if best is None or score < best[0]:
                best = (score, cand)
        if best is not None:
            return best[1].key
    return None


def _possessive_pronoun(token: Token) -> bool:
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


def _entities_named_with(lemma: str, state: _State) -> list[str]:
    """Organisations whose name contains the noun ("the party" -> "Labour Party")."""
    return [
        key
        for key, entity in state.entities.items()
        if entity.type in (EntityType.ORGANIZATION, EntityType.GROUP)
        and lemma in nm.name_tokens(entity.name, person=False)
    ]


def _most_recent(keys: list[str], cands: deque[_Cand], state: _State, before: int) -> str:
    """Of several entity keys, the one mentioned most recently before an offset, else the most mentioned."""
    wanted = set(keys)
    for cand in reversed(cands):
        if cand.key in wanted and cand.start < before:
            return cand.key
    return max(keys, key=lambda k: len(state.entities[k].mentions))
