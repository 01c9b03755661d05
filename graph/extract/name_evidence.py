"""Evidence that an NER span of the small model is not a name, or is two names run together.

General signals only, never word lists of particular names: an adjective's shape and job
("Islamophobic briefing", "he was Carsonian"), a plural common noun tagged as a person ("different
Mosques"), a capitalised word that the same document also writes in lower case and only ever
capitalises at a sentence start ("Biraderi, meaning brotherhood" ... "biraderi networks"), a
headline in title case ("FDIC Accused Of Covering Up"), and a possessive inside one span
("The New Republic’s Jeet Heer").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Endings of derived adjectives ("Islamophobic", "Carsonian", "Orwellian", "Trumpish", "Kafkaesque").
ADJECTIVE_ENDINGS = ("ic", "ical", "ian", "ish", "ous", "esque", "ist", "istic")
# Endings of abstract nouns ("Islamophobia", "Thatcherism", "Globalisation").
ABSTRACT_ENDINGS = ("ism", "phobia", "isation", "ization")
# Dependency relations of a word modifying a noun or serving as a predicate adjective.
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "acomp", "advmod"})
# Function words that only a title-case headline capitalises ("Trump Would Put Liberals On Court").
_HEADLINE_WORDS = frozenset(
    "To Of In On For Is Are Was With At By From As Over After About Will Would Has Have Says Into Up".split()
)
# Prepositions whose object is a place rather than a person ("in Ohio", "across Batley").
LOCATIVE_PREPOSITIONS = frozenset(
    "in at across near throughout inside outside around into onto toward towards across from to via".split()
)
_WORD = re.compile(r"[^\W\d_]+")


def adjectival(ent: Span) -> bool:
    """A one-word span shaped like a derived adjective and used as one: modifying a lower-case noun or predicative."""
    if len(ent) != 1:
        return False
    token = ent[0]
    word = token.lower_
    if len(word) < 6 or not word.endswith(ADJECTIVE_ENDINGS):
        return False
    if token.tag_ == "JJ" or token.dep_ in ("acomp", "oprd"):
        return True
    head = token.head
    return token.dep_ in _MODIFIER_DEPS and head.i != token.i and head.text[:1].islower() and head.pos_ == "NOUN"


def abstract_noun(ent: Span) -> bool:
    """A one-word span shaped like an abstract noun ("Islamophobia", "Thatcherism"), which names no organisation."""
    return len(ent) == 1 and len(ent[0]) >= 7 and ent[0].lower_.endswith(ABSTRACT_ENDINGS)


def plural_common_noun(ent: Span) -> bool:
    """A one-word "person" that is a plural noun with a lower-case adjective or number ("different Mosques").

    "Sanders" and "the Clintons" have no such modifier.
    """
    if len(ent) != 1:
        return False
    token = ent[0]
    if token.tag_ not in ("NNS", "NNPS") or not token.lower_.endswith("s"):
        return False
    return any(c.dep_ in ("amod", "nummod") and c.text[:1].islower() for c in token.lefts)


def locative(token: Token) -> bool:
    """Whether a name's head is the object of a place preposition, directly or as a conjunct ("in X and Y")."""
    node = token
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return node.dep_ == "pobj" and node.head.lower_ in LOCATIVE_PREPOSITIONS


def sentence_initial(token: Token) -> bool:
    """Whether a token starts its sentence, a line, or a quotation (where any word is capitalised)."""
    if token.is_sent_start or token.i == 0:
        return True
    before = token.doc[token.i - 1]
    return before.is_space or before.text in ("“", '"', "‘", ":", "—", "–", "(", "-")


def lower_case_words(doc: Doc) -> set[str]:
    """Words the document writes in lower case somewhere (outside a sentence start)."""
    return {m.group() for m in _WORD.finditer(doc.text) if m.group()[:1].islower()}


def common_word_names(doc: Doc, heads: Iterable[tuple[tuple[str, ...], int]]) -> set[tuple[str, ...]]:
    """One-word names that are common words: capitalised only at sentence starts, written in lower case elsewhere.

    ``heads`` pairs each name's words with its token index; a name with any capitalised occurrence
    inside a sentence is kept ("Labour" beside "labour market" stays a name).
    """
    lower: set[str] | None = None
    initial_only: dict[tuple[str, ...], bool] = {}
    for words, index in heads:
        if len(words) != 1 or not doc[index].text.istitle():
            continue  # acronyms ("US" beside "us") are not common words
        initial = sentence_initial(doc[index])
        initial_only[words] = initial_only.get(words, True) and initial
    out: set[tuple[str, ...]] = set()
    for words, only_initial in initial_only.items():
        if not only_initial:
            continue
        if lower is None:
            lower = lower_case_words(doc)
        if words[0] in lower:
            out.add(words)
    return out


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of lines written in title case (headlines), where NER swallows verbs into names."""
    out: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        words = [w for w in _WORD.findall(line) if len(w) > 1]
        if len(words) >= 4 and sum(1 for w in words if w[:1].isupper()) >= 0.8 * len(words):
            if any(w in _HEADLINE_WORDS for w in words[1:]):
                out.append((offset, offset + len(line)))
        offset += len(line) + 1
    return out


def headline_word(word: str) -> bool:
    """Whether a capitalised word is a function word only a headline capitalises ("About", "To")."""
    return word in _HEADLINE_WORDS


def possessive_split(ent: Span) -> int | None:
    """Token index after an inner possessive that joins two names in one span ("New Republic’s | Jeet Heer")."""
    for token in ent[:-1]:
        after = token.doc[token.i + 1]
        if token.tag_ == "POS" and token.i > ent.start and after.text[:1].isupper() and ent.end - after.i >= 2:
            return after.i
    return None
