"""Speaker and addressee phrases resolved to document entities, for attributing claims.

A source phrase may be a name, an alias or title, an appositive ("Labour’s deputy leader, Angela
Rayner"), a pronoun or nominal already resolved by :mod:`graph.extract.anaphora`, a list of names
standing for a group, or a communicative artefact ("The letter", "A survey commissioned by X")
whose author is the speaker.  Phrases with no clear referent resolve to None.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph.extract import normalise as nm
from graph.extract.antecedents import DEFINITE, determiner, governing_verb
from graph.extract.roles import ARTEFACT_NOUNS
from graph.types import EntityType, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

    from graph.extract.entities import EntityTable

ARTEFACT_LOOKBACK = 400  # tokens searched back for the earlier mention of "the letter"


def resolve_mention(doc: Doc, table: EntityTable, start: int, end: int) -> str | None:
    """Entity key for a source/addressee phrase given by character offsets, or None when not clear.

    Tries, in order: a mention with exactly this span, the phrase after a dateline ("RENO, Nev. (AP) —
    X"), the mention covering the phrase's syntactic head ("Republican presidential hopeful Ted Cruz"
    is Cruz, not the party), a name opening the phrase, an appositive name, then the author of a
    communicative artefact ("The letter", "A survey commissioned by X").
    """
    exact = table.mention_at(start, end)
    if exact:
        return exact.entity
    after = _after_dateline(table, start, end)
    if after is not None:
        return resolve_mention(doc, table, after, end)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    first = span[0]
    if first.dep_ == "det" and len(span) > 1:
        first = span[1]
    root = span.root
    if _group_member(root):
        return None  # "the Republican from Alabama" is a person, not the party
    group = _listed_group(doc, table, span)
    if group:
        return group
    if _people_listed(table, span):
        return None  # "Matthews, MSNBC’s Alex Seitz-Wald and Reuters’ Luciana Lopez" are no single entity
    key = _entity_of_token(table, root)
    if key:
        return key
    for mention in table.mentions_overlapping(first.idx, first.idx + 1):
        if mention.entity and mention.span.start in (span.start_char, first.idx) and mention.span.end <= end:
            if _heads_phrase(doc, span, mention):
                return mention.entity
    for child in root.children:
        if child.dep_ in ("appos",) and span.start <= child.i < span.end:
            key = _entity_of_token(table, child)
            if key:
                return key
    lemma = root.lemma_.lower()
    if lemma in ARTEFACT_NOUNS:
        return _artefact_author(doc, table, root)
    return None


def _after_dateline(table: EntityTable, start: int, end: int) -> int | None:
    """Start of the phrase after a dateline ("WASHINGTON (AP) — Sen. X", "ORLANDO, Fla. (Reuters) - X"), if any.

    A dash between spaces with a name after it ends a dateline when only capitalised words precede
    it, among them a city in capitals or an agency in brackets.
    """
    text = table.text
    if not text:
        return None
    cut = max(text.rfind(" — ", start, end), text.rfind(" – ", start, end), text.rfind(" - ", start, end))
    if cut < 0:
        return None
    words = text[start:cut].replace("(", " ").split()
    if any(word[:1].islower() for word in words):
        return None  # a lower-case word means a clause, not a dateline
    if "(" not in text[start:cut] and not any(len(word) >= 3 and word.strip(",.").isupper() for word in words):
        return None  # "Jason Sims — a teacher": a dateline has a city in capitals or an agency in brackets
    after = cut + 3
    while after < end and text[after].isspace():
        after += 1
    return after if table.mentions_within(after, end) else None


def _people_listed(table: EntityTable, span: DocSpan) -> bool:
    """Whether a phrase's head is coordinated with another person ("X and Y"), so it names none of them alone."""
    for token in span:
        if token.dep_ != "conj" or token.head.i != span.root.i:
            continue  # only the phrase's own head coordinated ("X and Y"), not a name in a relative clause
        one, other = _entity_of_token(table, token), _entity_of_token(table, token.head)
        if one and other and one != other:
            kinds = {e.type for e in (table.entity(one), table.entity(other)) if e is not None}
            if kinds == {EntityType.PERSON}:
                return True
    return False


def _listed_group(doc: Doc, table: EntityTable, span: DocSpan) -> str | None:
    """The group a list of names spells out: "five Muslim organisations across X; A, B and C" -> the group."""
    names = {m.entity for m in table.mentions_within(span.start_char, span.end_char) if m.entity}
    start = span.start
    if len(names) < 2 or start < 2 or doc[start - 1].text not in (";", ":", "—", "–", ","):
        return None
    lo = max(0, start - 14)
    for mention in reversed(table.mentions_within(doc[lo].idx, doc[start - 1].idx)):
        entity = table.entity(mention.entity)
        if entity is not None and entity.type == EntityType.GROUP and not nm.is_name_like(entity.name):
            return entity.key
    return None


def _group_member(token: Token) -> bool:
    """A singular group word used as a noun with an article: "the Utah Republican", "a Muslim"."""
    return (
        token.ent_type_ == "NORP"
        and token.tag_ in ("NN", "NNP")
        and not token.lower_.endswith("s")
        and determiner(token) in ("the", "a", "an")
    )


def _heads_phrase(doc: Doc, span: DocSpan, mention: Mention) -> bool:
    """Whether a mention opening a phrase is what the phrase is about, not a modifier of a later noun.

    "The Labour Muslim Network (LMN), which ..." and "five Muslim organisations across ..." are;
    "The Independent Vermont senator", "the Trump release" and "Labour’s deputy leader" are not.
    """
    if mention.span.text.endswith(("’s", "'s", "’", "'")):
        return False
    inner = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    if inner is None:
        return False
    root = span.root
    if inner.start <= root.i < inner.end:
        return True
    if root.i >= inner.end and root.pos_ == "NOUN":
        return False  # "The GOP presidential candidate": the name modifies a later common noun
    after = doc[inner.end] if inner.end < len(doc) else None
    if after is not None and after.text == "-" and inner.end + 1 < len(doc) and doc[inner.end + 1].text[:1].islower():
        return False  # "Oscar-winning actress", "Los Angeles-based attorney"
    return after is None or after.pos_ not in ("NOUN", "PROPN", "PART") and after.tag_ != "POS"


def _entity_of_token(table: EntityTable, token: Token) -> str | None:
    """The entity of the mention (name, pronoun or nominal) covering a token, narrowest first."""
    hits = [m for m in table.mentions_overlapping(token.idx, token.idx + len(token)) if m.entity]
    hits = [m for m in hits if m.span.start <= token.idx and m.span.end >= token.idx + len(token)]
    if not hits:
        return None
    return min(hits, key=lambda m: m.span.end - m.span.start).entity


def _artefact_author(doc: Doc, table: EntityTable, head: Token) -> str | None:
    """Author of a letter/survey/statement: its "by X" agent, possessor, or the subject that issued it earlier."""
    for child in head.subtree:
        if child.dep_ == "agent" or (child.dep_ in ("poss", "compound") and child.head.i == head.i):
            target = child if child.dep_ != "agent" else next((g for g in child.children if g.dep_ == "pobj"), None)
            if target is not None:
                key = _entity_of_token(table, target)
                if key:
                    return key
    if determiner(head) not in DEFINITE:
        return None
    lemma = head.lemma_.lower()
    for token in reversed(doc[max(0, head.i - ARTEFACT_LOOKBACK) : head.i]):
        if token.lemma_.lower() != lemma or token.pos_ != "NOUN":
            continue
        verb = doc[governing_verb(token)] if governing_verb(token) >= 0 else None
        if verb is None:
            continue
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != token.i:
                key = _entity_of_token(table, child)
                if key:
                    return key
    return None
