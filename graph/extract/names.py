"""Finding person, organisation, group and place names in spaCy's NER output, repaired for the small model.

Fixes the usual slips before linking: honorifics left outside the name ("Sir" Kier), a word glued
to the previous one ("inThe Conversation"), "(FBI" swallowed into the name, possessives split off,
single names mislabelled ORG/PERSON or tagged as adjectives, and repeated surnames the NER missed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.extract import name_evidence as ev
from graph.extract import normalise as nm
from graph.types import EntityType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

LABEL_TYPES = {
    "PERSON": EntityType.PERSON,
    "ORG": EntityType.ORGANIZATION,
    "NORP": EntityType.GROUP,
    "GPE": EntityType.PLACE,
    "LOC": EntityType.PLACE,
    "FAC": EntityType.PLACE,
}
# NER labels the small model confuses with each other on single words ("Keir" ORG, "Labour" PERSON).
SWAPPABLE = {EntityType.PERSON, EntityType.ORGANIZATION}
_GLUED = re.compile(r"^[a-z]{1,4}(?=[A-Z][a-z])")  # "inThe Conversation" -> "The Conversation"
_GLUED_NAME = re.compile(
    r"\b(in|on|at|by|of|to|for|from|with|and|the)((?:The|[A-Z][a-z]+)(?:[ \u00a0][A-Z][A-Za-z]+)+)"
)


@dataclass(slots=True)
class RawName:
    """A name mention before linking: character span, NER type, syntactic head, name words."""

    start: int
    end: int
    text: str
    type: EntityType
    head: int
    words: tuple[str, ...]
    node: int = -1
    locative: bool = False  # the object of a place preposition ("in Kasich" would be odd for a person)


def raw_names(doc: Doc, text: str) -> list[RawName]:
    """NER spans of useful labels, repaired: glued words cut off, honorifics included, junk dropped."""
    out: list[RawName] = []
    doubtful: list[RawName] = []
    spans = _ner_spans(doc, text)
    headlines = ev.headline_lines(text)
    in_headline: list[RawName] = []
    for ent in _split_possessives(doc, spans):
        etype = LABEL_TYPES.get(ent.label_)
        if etype is None:
            continue
        if etype in SWAPPABLE and (ev.adjectival(ent) or ev.abstract_noun(ent) or etype == EntityType.PERSON and ev.plural_common_noun(ent)):
            continue  # "Islamophobic briefing", "different Mosques"
        first = ent.start
        while etype == EntityType.PERSON and first < ent.end - 1 and doc[first].tag_ != "NNP" and not _is_title(doc[first]):
            first += 1  # "That’s Jeb Bush", "fellow Floridians Jeb Bush" -> "Jeb Bush"
        while first > 0 and _is_title(doc[first - 1]) and etype in SWAPPABLE:
            first -= 1
            etype = EntityType.PERSON
        start, end = doc[first].idx, ent.end_char
        glued = _GLUED.match(text[start:end])
        if glued:
            start += glued.end()
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not (text[end - 1].isalnum() or text[end - 1] in "’'"):
            end -= 1
        if end + 1 < len(text) and text[end] == "." and end - start >= 3 and text[end - 2] == ".":
            end += 1  # keep the last dot of "U.S." (the tokenizer may leave it to the sentence)
        last = ent.end
        if last < len(doc) and doc[last].tag_ == "POS" and doc[last].idx == end:
            end = doc[last].idx + len(doc[last])  # keep "Labour’s" whole in the mention span
        cut = text.find(" (", start, end)
        if cut > start:  # "Federal Bureau of Investigation (FBI" -> the acronym is its own mention
            end = cut
        surface = text[start:end]
        if not surface or not _capitalised(surface):
            continue
        words = tuple(nm.name_tokens(surface, person=etype == EntityType.PERSON))
        if not words:
            continue
        raw = RawName(start, end, surface, etype, ent.root.i, words, locative=ev.locative(ent.root))
        if any(a <= start < b for a, b in headlines):
            in_headline.append(raw)
        else:
            (out if _plausible(ent, etype) else doubtful).append(raw)
    # A name tagged as an adjective ("Labour leader") is kept when the same name occurs as a proper noun.
    known = {raw.words: raw for raw in out}
    verdict: dict[tuple[str, ...], bool] = {}
    for raw in doubtful:
        if raw.words not in verdict:
            verdict[raw.words] = raw.words in known or any(
                other.type == raw.type and nm.names_match(raw.text, other.text, raw.type) for other in known.values()
            )
        if verdict[raw.words]:
            out.append(raw)
    out.extend(_headline_names(text, in_headline, out))
    common = ev.common_word_names(doc, ((raw.words, raw.head) for raw in out))
    if common:  # "Biraderi, meaning brotherhood" when the text also says "biraderi networks"
        out = [raw for raw in out if raw.words not in common]
    out.extend(_glued_names(doc, text, out))
    out.sort(key=lambda r: r.start)
    covered = {i for ent in spans for i in range(ent.start, ent.end)}
    return _add_missed_names(doc, text, out, covered)


def _split_possessives(doc: Doc, spans: list[Span]) -> list[Span]:
    """NER spans with an inner possessive cut in two: "The New Republic’s Jeet Heer" -> organisation, person."""
    from spacy.tokens import Span as DocSpan

    out: list[Span] = []
    for ent in spans:
        cut = ev.possessive_split(ent) if ent.label_ in LABEL_TYPES else None
        if cut is None:
            out.append(ent)
            continue
        owner = "ORG" if ent.label_ == "PERSON" else ent.label_
        out.append(DocSpan(doc, ent.start, cut - 1, label=owner))
        out.append(DocSpan(doc, cut, ent.end, label="PERSON"))
    return out


def _headline_names(text: str, raws: list[RawName], known: list[RawName]) -> list[RawName]:
    """Names from title-case headlines, cut back to the longest run of words that the body names too.

    NER runs on through capitalised words there ("How Paul Ryan Thinks About", "Marco Rubio Responds
    To Question"); a headline name the body never uses is dropped.
    """
    surnames = {raw.words[-1]: raw.type for raw in known if raw.type == EntityType.PERSON}
    out: list[RawName] = []
    for raw in raws:
        pieces = [(m.start(), m.end()) for m in re.finditer(r"[\w&]+", raw.text)]
        found = None
        for n in range(len(pieces), 0, -1):
            for i in range(len(pieces) - n + 1):
                a, b = pieces[i][0], pieces[i + n - 1][1]
                found = _body_name(raw.text[a:b], known, surnames)
                if found is not None:
                    start, end = raw.start + a, raw.start + b
                    words = tuple(nm.name_tokens(text[start:end], person=found == EntityType.PERSON))
                    out.append(RawName(start, end, text[start:end], found, raw.head, words))
                    break
            if found is not None:
                break
    return out


def _body_name(surface: str, known: list[RawName], surnames: dict[str, EntityType]) -> EntityType | None:
    """The type of a name the body also uses for this surface (a lone surname counts), else None."""
    words = tuple(nm.name_tokens(surface))
    if not words or not words[-1][:1].isalpha():
        return None
    if len(words) == 1:
        return next((r.type for r in known if r.words == words), surnames.get(words[0]))
    found = next((r.type for r in known if len(r.words) > 1 and nm.names_match(surface, r.text, r.type)), None)
    if found is None and len(words) == 2 and words[1] in surnames and not ev.headline_word(surface.split()[0]):
        return surnames[words[1]]  # "Donald Trump" in the headline, "Trump" in the body
    return found


def _glued_names(doc: Doc, text: str, raws: list[RawName]) -> list[RawName]:
    """Names glued to a preceding function word and so missed by NER: "appeared inThe Conversation"."""
    taken = [(r.start, r.end) for r in raws]
    out: list[RawName] = []
    for match in _GLUED_NAME.finditer(text):
        start, end = match.start(2), match.end(2)
        if any(a < end and start < b for a, b in taken):
            continue
        token = doc.char_span(start, end, alignment_mode="expand")
        words = tuple(nm.name_tokens(match.group(2), person=False))
        if token is not None and words:
            out.append(RawName(start, end, match.group(2), EntityType.ORGANIZATION, token.root.i, words))
    return out


def _ner_spans(doc: Doc, text: str) -> list[Span]:
    """NER spans, rejoined across no-break spaces ("Donald\u00a0Trump" comes out as "Donald" and "Trump")."""
    if "\u00a0" not in text:
        return list(doc.ents)
    from spacy.tokens import Span as DocSpan

    def bridge(i: int, label: str) -> bool:
        """Token i is a no-break space between two capitalised proper nouns."""
        return (
            0 < i < len(doc) - 1
            and doc[i].is_space
            and "\u00a0" in doc[i].text
            and all(doc[j].tag_ == "NNP" and doc[j].text[:1].isupper() for j in (i - 1, i + 1))
            and all(doc[j].ent_type_ in ("", label) for j in (i - 1, i + 1))
        )

    out: list[Span] = []
    for ent in doc.ents:
        if LABEL_TYPES.get(ent.label_) is None:
            out.append(ent)
            continue
        start, end = ent.start, ent.end
        while bridge(start - 1, ent.label_):
            start -= 2
        while bridge(end, ent.label_):
            end += 2
        if out and start < out[-1].end:  # swallowed by the previous, extended name
            continue
        out.append(ent if (start, end) == (ent.start, ent.end) else DocSpan(doc, start, end, label=ent.label_))
    return out


def _add_missed_names(doc: Doc, text: str, raws: list[RawName], covered: set[int]) -> list[RawName]:
    """Add lone proper nouns the NER missed when they repeat (or misspell) a word of a known full person name,
    or repeat a one-word organisation, group or place name exactly as written ("the way Labour engages")."""
    name_words: dict[str, str] = {}
    singles: dict[str, EntityType] = {}
    for raw in raws:
        if raw.type == EntityType.PERSON and len(raw.words) > 1:
            for word in (raw.words[0], raw.words[-1]):
                name_words.setdefault(word, word)
        elif raw.type != EntityType.PERSON and len(raw.words) == 1 and raw.text[:1].isupper():
            singles.setdefault(nm.strip_possessive(raw.text), raw.type)
    if not name_words and not singles:
        return raws
    from spacy.attrs import TAG

    nnp, nn = doc.vocab.strings.add("NNP"), doc.vocab.strings.add("NN")
    tags = doc.to_array([TAG]).reshape(-1).tolist() if len(doc) else []
    added: list[RawName] = []
    for index, tag in enumerate(tags):
        if tag not in (nnp, nn) or index in covered:
            continue
        token = doc[index]
        if tag == nn and token.text not in singles:
            continue  # a capitalised common-noun tag counts only as an exact repeat of a known name
        if not token.text[:1].isupper() or len(token.text) < 3:
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].tag_ == "NNP":
            continue  # part of a longer unrecognised name
        if token.i > 0 and doc[token.i - 1].tag_ == "NNP" and not _is_title(doc[token.i - 1]):
            continue
        word = token.lower_
        if token.text in singles and not ev.sentence_initial(token):
            added.append(RawName(token.idx, token.idx + len(token), token.text, singles[token.text], token.i, (word,)))
            continue
        if word not in name_words and not any(nm.close_spelling(word, w) for w in name_words if len(w) >= 5):
            continue
        first = token.i - 1 if token.i > 0 and _is_title(doc[token.i - 1]) else token.i
        start, end = doc[first].idx, token.idx + len(token)
        added.append(RawName(start, end, text[start:end], EntityType.PERSON, token.i, (word,)))
    return sorted(raws + added, key=lambda r: r.start) if added else raws


def without_titles(surface: str) -> str:
    """A person's name without leading office titles or honorifics, unless nothing else is left."""
    words = surface.split()
    while len(words) > 1 and words[0].rstrip(".").lower() in nm.TITLES | {"prime", "former", "deputy", "vice"}:
        words = words[1:]
    return " ".join(words)


def _capitalised(surface: str) -> bool:
    """Names start with a capital, possibly after an article ("the Daily Mail"); "anti-Jewish" does not."""
    words = surface.split()
    if len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return bool(words) and words[0][:1].isupper()


def _is_title(token: Token) -> bool:
    """A capitalised honorific or office title right before a name ("Sir", "Mr.", "President")."""
    word = token.text.rstrip(".").lower()
    return token.text[:1].isupper() and word in nm.TITLES


def _plausible(ent: Span, etype: EntityType) -> bool:
    """Drop NER spans that are not names: all lower case, or PERSON/ORG with no proper noun at all."""
    tokens = list(ent)
    if not any(t.text[:1].isupper() for t in tokens):
        return False
    if etype in SWAPPABLE:
        return any(t.tag_ in ("NNP", "NNPS") for t in tokens)
    return True


def acronym_links(text: str, raws: list[RawName]) -> list[tuple[int, int]]:
    """Pairs (name, acronym) defined in parentheses: "The Labour Muslim Network (LMN)"."""
    links: list[tuple[int, int]] = []
    by_start = {r.start: i for i, r in enumerate(raws)}
    for i, raw in enumerate(raws):
        m = re.match(r"\s*\(\s*", text[raw.end : raw.end + 4])
        if not m:
            continue
        j = by_start.get(raw.end + m.end())
        if j is None or j == i:
            continue
        short = raws[j]
        if len(short.words) == 1 and text[short.end : short.end + 1] == ")" and short.text.isupper():
            links.append((i, j))
    return links
