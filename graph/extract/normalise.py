"""Name normalisation shared within and across documents: match keys, typo tolerance, canonical names.

Pure string functions (no spaCy), so the store can merge entities from different documents
with exactly the rules used when linking inside one document.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from graph.types import EntityType

# Titles and honorifics dropped when comparing names ("Sir Keir" ~ "Keir Starmer").
MALE_TITLES = frozenset({"mr", "sir", "lord", "king", "prince", "baron", "congressman", "father", "brother"})
FEMALE_TITLES = frozenset(
    {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "baroness", "congresswoman", "sister"}
)
NEUTRAL_TITLES = frozenset(
    {
        "mx", "dr", "prof", "professor", "rev", "reverend", "president", "senator", "sen", "rep",
        "gov", "governor", "judge", "justice", "gen", "general", "col", "colonel", "capt", "captain",
        "mayor", "cllr", "councillor", "chancellor", "secretary", "minister", "premier", "vice",
        "rt", "hon", "honourable", "honorable", "sheikh", "imam", "rabbi", "pastor", "saint", "st",
    }
)
TITLES = MALE_TITLES | FEMALE_TITLES | NEUTRAL_TITLES
# Personal honorifics that never start an organisation's name; safe to drop for any type.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "prof", "rev"})
# Head words that make a capitalised phrase a role, not a name ("Podesta Group's CEO").
ROLE_WORDS = frozenset(
    {"ceo", "leader", "chairman", "chairwoman", "chair", "spokesman", "spokeswoman", "spokesperson", "candidate",
     "official", "chief", "director", "founder", "editor", "mp", "mep", "head", "nominee", "deputy", "president",
     "minister", "secretary", "senator", "governor", "mayor", "chancellor", "ambassador", "commissioner"}
)
# Lower-case particles inside personal names ("Osama bin Laden", "Ursula von der Leyen").
NAME_PARTICLES = frozenset({"bin", "ibn", "al", "el", "van", "von", "der", "den", "de", "da", "di", "du", "del", "la", "le"})
# Post-nominal letters dropped when comparing; "Jr"/"II" are kept: Donald Trump Jr. is not Donald Trump.
NAME_SUFFIXES = frozenset({"mp", "mep", "qc", "kc", "msp", "phd", "obe", "mbe", "cbe"})
# Generic organisation words that can be dropped when comparing ("Labour Party" ~ "Labour").
ORG_SUFFIXES = frozenset(
    {"party", "inc", "ltd", "plc", "llc", "corp", "corporation", "co", "company", "group", "incorporated", "limited"}
)
# Function words ignored when building initials ("Federal Bureau of Investigation" -> FBI).
INITIAL_STOPWORDS = frozenset({"of", "and", "the", "for", "&", "in", "on", "to", "a", "an", "de", "la"})
# Well-known political nicknames that share a referent with a formal name; matched on stems.
NICKNAMES = {"tory": "conservative", "tories": "conservative", "gop": "republican", "dems": "democrat"}

_APOSTROPHES = "\u2019\u2018\u02bc\u0060\u00b4'"
_POSSESSIVE = re.compile(rf"[{_APOSTROPHES}]s?$", re.IGNORECASE)
_WS = re.compile(r"\s+")
_DOTTED_ACRONYM = re.compile(r"^[A-Z](?:\.[A-Z])+\.?$")
_NON_WORD = re.compile(r"[^\w&]+")


def clean_surface(text: str) -> str:
    """Collapse whitespace (incl. U+00A0) and trim punctuation at the edges; keeps case, possessives and "U.S."."""
    text = _WS.sub(" ", text).strip(" \t\n,;:()[]\"“”‘")
    return text if _DOTTED_ACRONYM.match(text) else text.strip(" .,;:()[]\"“”‘")


def strip_possessive(text: str) -> str:
    """Drop a trailing possessive marker ("Labour’s" -> "Labour", "Jones'" -> "Jones")."""
    return _POSSESSIVE.sub("", text.rstrip())


def name_tokens(text: str, *, person: bool = True) -> list[str]:
    """Lower-cased word tokens of a name without leading "the", possessive, titles or suffixes.

    Office titles ("General", "Justice") are only dropped when ``person`` is true, so
    "General Motors" keeps its first word when compared as an organisation.
    """
    return list(_name_tokens(text, person))


@lru_cache(maxsize=65536)
def _name_tokens(text: str, person: bool) -> tuple[str, ...]:
    """Cached worker of :func:`name_tokens` (the same names are compared many times)."""
    titles = TITLES if person else HONORIFICS
    text = strip_possessive(clean_surface(text))
    text = unicodedata.normalize("NFKC", text)
    if _DOTTED_ACRONYM.match(text):
        text = text.replace(".", "")  # "U.S." -> "US"
    words = [w for w in _NON_WORD.sub(" ", text.replace(".", " ")).lower().split() if w]
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    while len(words) > 1 and words[0] in titles:
        words = words[1:]
    while person and len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words = words[:-1]
    return tuple(words)


def title_gender(text: str) -> str | None:
    """'m' or 'f' when the name starts with a gendered title ("Mrs May" -> 'f'), else None."""
    words = _NON_WORD.sub(" ", clean_surface(text).replace(".", " ")).lower().split()
    for word in words:
        if word in MALE_TITLES:
            return "m"
        if word in FEMALE_TITLES:
            return "f"
        if word not in NEUTRAL_TITLES:
            return None
    return None


def match_key(text: str, *, person: bool = True) -> str:
    """The comparison form of a name: lower case, no "the", possessive, title or punctuation."""
    return " ".join(name_tokens(text, person=person))


def name_key(name: str) -> str:
    """Stable ASCII slug of a canonical name, used as Entity.key and IRI tail ("Keir Starmer" -> "keir-starmer")."""
    name = strip_possessive(clean_surface(name))
    if _DOTTED_ACRONYM.match(name):
        name = name.replace(".", "")  # "U.S." -> "us"
    ascii_text = unicodedata.normalize("NFKD", name)
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower().replace("&", " and ")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug or "entity"


def _edit_kind(a: str, b: str) -> str | None:
    """Classify a single-edit difference between two strings: 'swap', 'indel', 'sub', or None if more."""
    if a == b:
        return "same"
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return None
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return "sub"
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]:
            return "swap"
        return None
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return "indel" if short[i:] == long_[i + 1 :] else None


def close_spelling(a: str, b: str) -> bool:
    """True when two name words are equal or one plausible typo apart ("kier"/"keir", "leadbeatter"/"leadbeater").

    Deliberately strict so distinct short names stay apart ("john"/"joan", "bill"/"will"): same first
    letter, and a transposition needs 4+ letters, an insertion/deletion 5+, a substitution 7+.
    """
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if not a or not b or a[0] != b[0]:
        return False
    kind = _edit_kind(a, b)
    shortest = min(len(a), len(b))
    if kind == "swap":
        return shortest >= 4
    if kind == "indel":
        return shortest >= 5
    if kind == "sub":
        return shortest >= 7
    return False


def _stem(word: str) -> str:
    """Crude singular/adjective stem for group names ("Muslims" -> "muslim", "Tories" -> "conservative")."""
    word = NICKNAMES.get(word, word)
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def initials(words: Sequence[str]) -> str:
    """Initials of the content words of a name ("labour muslim network" -> "lmn")."""
    return "".join(w[0] for w in words if w not in INITIAL_STOPWORDS and w[0].isalnum())


def is_acronym_of(short: str, words: Sequence[str]) -> bool:
    """True when ``short`` (one token like "LMN") spells the initials of a multi-word name."""
    return len(words) >= 2 and 2 <= len(short) <= 8 and short.lower() == initials(words)


def person_names_match(a: Sequence[str], b: Sequence[str]) -> bool:
    """Person-name compatibility on name tokens: same surname (typo-tolerant) and compatible given names.

    A single word matches a full name by surname or given name; two full names need both to agree
    (an initial agrees with its given name), so "hillary clinton" and "bill clinton" stay apart.
    """
    if not a or not b:
        return False
    if len(a) == 1 and len(b) == 1:
        return close_spelling(a[0], b[0])
    if len(a) == 1 or len(b) == 1:
        single, full = (a[0], b) if len(a) == 1 else (b[0], a)
        if single in (full[-1] + "s", full[-1] + "es"):
            return False  # "the Clintons" is a family, not Hillary Clinton
        return close_spelling(single, full[-1]) or close_spelling(single, full[0])
    if not close_spelling(a[-1], b[-1]):
        return False
    fa, fb = a[0], b[0]
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    return close_spelling(fa, fb)


def org_names_match(a: Sequence[str], b: Sequence[str]) -> bool:
    """Organisation/group compatibility: equal without generic suffixes or plural, acronym, or typo of a long name."""
    if not a or not b:
        return False
    core_a = [_stem(w) for w in a if w not in ORG_SUFFIXES] or [_stem(w) for w in a]
    core_b = [_stem(w) for w in b if w not in ORG_SUFFIXES] or [_stem(w) for w in b]
    if core_a == core_b:
        return True
    if len(a) == 1 and is_acronym_of(a[0], b) or len(b) == 1 and is_acronym_of(b[0], a):
        return True
    joined_a, joined_b = " ".join(a), " ".join(b)
    return len(a) == len(b) and min(len(joined_a), len(joined_b)) >= 8 and close_spelling(joined_a, joined_b)


def types_compatible(type_a: EntityType, type_b: EntityType) -> bool:
    """Entity types that may name the same referent (organisations and groups overlap: "Conservatives")."""
    if type_a == type_b or EntityType.OTHER in (type_a, type_b):
        return True
    return {type_a, type_b} <= {EntityType.ORGANIZATION, EntityType.GROUP}


def is_name_like(alias: str) -> bool:
    """True for aliases that are names (every word capitalised), not roles ("deputy leader", "Turkish President")."""
    words = [w for w in clean_surface(alias).split() if w[:1].isalpha()]
    words = [w for w in words if w.lower() not in INITIAL_STOPWORDS | NAME_PARTICLES]
    if not words or not all(w[:1].isupper() for w in words):
        return False
    return len(words) == 1 or strip_possessive(words[-1]).lower() not in ROLE_WORDS


def is_description(name: str) -> bool:
    """True for an unnamed referent's name ("five Muslim organisations", "local voters"): its head word is lower case."""
    words = clean_surface(name).split()
    return bool(words) and not any(ch.isupper() for ch in words[-1])


def names_match(a: str, b: str, entity_type: EntityType) -> bool:
    """Whether two surface names can denote the same referent of the given type."""
    person = entity_type == EntityType.PERSON
    ta, tb = name_tokens(a, person=person), name_tokens(b, person=person)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    if entity_type == EntityType.PERSON:
        return person_names_match(ta, tb)
    return org_names_match(ta, tb)


def same_referent(
    name_a: str,
    aliases_a: Iterable[str],
    type_a: EntityType,
    name_b: str,
    aliases_b: Iterable[str],
    type_b: EntityType,
) -> bool:
    """Whether two entities (possibly from different documents) denote the same real-world referent.

    Compares canonical names by type-specific rules, then name-like aliases exactly; role
    descriptions ("deputy leader") never merge entities across documents, and an unnamed referent
    ("five Muslim organisations") only matches the identical description.  A bare surname is
    compatible with a full name; callers choosing among several candidates should prefer the most
    frequent or recent one.
    """
    if not types_compatible(type_a, type_b):
        return False
    if is_description(name_a) or is_description(name_b):
        # Unnamed referents only match the identical description (so re-reading a document is stable).
        return is_description(name_a) and is_description(name_b) and match_key(name_a) == match_key(name_b)
    rule_type = type_a if type_a != EntityType.OTHER else type_b
    if names_match(name_a, name_b, rule_type):
        return True
    person = rule_type == EntityType.PERSON
    names_a = {match_key(x, person=person) for x in [name_a, *aliases_a] if is_name_like(x)} - {""}
    names_b = {match_key(x, person=person) for x in [name_b, *aliases_b] if is_name_like(x)} - {""}
    if rule_type == EntityType.PERSON:
        # Only full names (two words or more) may bridge through aliases; a bare "Clinton" is ambiguous.
        names_a = {n for n in names_a if " " in n}
        names_b = {n for n in names_b if " " in n}
    return bool(names_a & names_b)


def canonical_name(names: Iterable[str]) -> str:
    """The fullest form among surface names: most name words, then most frequent spelling, then longest.

    Leading "the", possessives and honorifics are stripped ("Sir Keir Starmer’s" -> "Keir Starmer").
    """
    counts: Counter[str] = Counter()
    for raw in names:
        form = _display_form(raw)
        if form:
            counts[form] += 1
    if not counts:
        return ""
    return max(counts, key=lambda f: (len(name_tokens(f)), counts[f], len(f), f))


def _display_form(raw: str) -> str:
    """A surface name cleaned for display: no leading article, possessive, honorific, or stray spacing."""
    text = strip_possessive(clean_surface(raw))
    words = text.split(" ")
    while len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    while len(words) > 1 and words[-1].lower().rstrip(".") in NAME_SUFFIXES:
        words = words[:-1]
    return " ".join(words).strip()
