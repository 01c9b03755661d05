"""Public entry points of extraction: text in, :class:`graph.types.Extraction` out.

``extract`` handles one document, ``extract_many`` streams many through ``nlp.pipe`` (batched,
optionally multi-process) and post-processes each parsed Doc once: sentences, entity table,
attributed claims, triples.  The spaCy pipeline is always passed in by the caller.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graph.extract.claims import find_attributions, to_claims
from graph.extract.quotes import doc_quotes
from graph.nlp import pipeline_label
from graph.types import Claim, Entity, EntityType, Extraction, Mention, Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


# single-character spaces other than ' ' that the small model's tagger and parser handle badly
_ODD_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
ORIGINAL_TEXT = "claimgraph.text"  # Doc.user_data key holding the unnormalised text when it differs


def parse_copy(text: str) -> str:
    """``text`` with odd same-length spaces (no-break, thin, figure ...) as ' ', so offsets are unchanged."""
    return _ODD_SPACE.sub(" ", text) if _ODD_SPACE.search(text) else text


_PARAGRAPH_BREAK = re.compile(r"[\n\r\u2028\u2029]\s*")


def prepared_doc(nlp: Language, text: str) -> Doc:
    """The tokenised, not yet parsed Doc of ``parse_copy(text)``, a sentence starting after each line
    break: news paragraphs never share a sentence, and the parser keeps boundaries set before it."""
    doc = nlp.make_doc(parse_copy(text))
    for match in _PARAGRAPH_BREAK.finditer(text):
        span = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
    return doc


def extract(nlp: Language, text: str) -> Extraction:
    """Parse one document and extract its sentences, entities, claims and triples."""
    return from_doc(nlp(prepared_doc(nlp, text)), pipeline_label(nlp), text=text)


def extract_many(
    nlp: Language, texts: Iterable[str], *, batch_size: int = 32, n_process: int = 1
) -> Iterator[Extraction]:
    """Stream extractions for many documents in input order, parsing them with ``nlp.pipe``.

    The parser sees a whitespace-normalised copy with paragraph breaks as sentence starts; every result
    is sliced from the original text.
    """
    label = pipeline_label(nlp)
    pairs = ((prepared_doc(nlp, text), text) for text in texts)
    for doc, text in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield from_doc(doc, label, text=text)


def sentences_of(doc: Doc, text: str) -> tuple[Span, ...]:
    """Sentence spans with surrounding whitespace trimmed (whitespace-only sentences dropped)."""
    out = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Span.of(text, start, end))
    return tuple(out)


def from_doc(doc: Doc, model: str = "", *, text: str | None = None) -> Extraction:
    """Build the Extraction of an already parsed Doc (the one place spaCy output becomes result types).

    ``text`` is the original string when the Doc was parsed from a same-length normalised copy.
    """
    link, resolve, triples = _entity_stage()
    if text is None:
        text = doc.text  # Doc.text rebuilds the string on each access: read it once
    elif len(text) != len(doc.text):
        raise ValueError("the original text must have the parsed copy's length")
    if text is not doc.text:
        doc.user_data[ORIGINAL_TEXT] = text
    table = link(doc)
    sentences = sentences_of(doc, text)
    claims = to_claims(doc, find_attributions(doc, text=text), table, resolve, sentences, text=text)
    return Extraction(
        text=text,
        sentences=sentences,
        entities=tuple(table.entities),
        claims=claims,
        triples=tuple(triples(doc, table, skip=reported_checker(doc, claims, text))),
        model=model,
    )


def reported_checker(doc: Doc, claims: Iterable[Claim], text: str) -> Callable[[int, int], bool]:
    """A ``skip(start, end)`` test for triples: True when the extent touches a quotation or any claim's
    content, since what somebody said is reported, not asserted as fact."""
    contents = {(s.start, s.end) for c in claims for s in c.contents}
    ranges = sorted(contents | {(q.start, q.end) for q in doc_quotes(doc, text=text)})
    starts = [r[0] for r in ranges]
    reach: list[int] = []  # running maximum of range ends, so one bisect answers the overlap question
    for _, end in ranges:
        reach.append(max(end, reach[-1]) if reach else end)

    def skip(start: int, end: int) -> bool:
        """True when [start, end) overlaps a quotation or claim content."""
        i = bisect_left(starts, end) - 1
        return i >= 0 and reach[i] > start

    return skip


def _entity_stage() -> tuple[Callable[[Any], Any], Callable[[Any, Any, int, int], str | None], Callable[..., Any]]:
    """Entity linking, speaker resolution and triples from the entity modules, or the local stand-in."""
    try:
        from graph.extract.coref import resolve_mention
        from graph.extract.entities import link_entities
        from graph.extract.triples import extract_triples
    except ImportError:
        return _standin_link, _standin_resolve, lambda doc, table, skip=None: iter(())
    return link_entities, resolve_mention, extract_triples


# --- stand-in until the entity modules land: named entities only, resolution by overlap ----------------

_NER_TYPES = {"PERSON": EntityType.PERSON, "ORG": EntityType.ORGANIZATION, "GPE": EntityType.PLACE,
              "NORP": EntityType.GROUP, "LOC": EntityType.PLACE}


@dataclass(frozen=True)
class _StandInTable:
    """Minimal entity table: one entity per distinct named-entity string."""

    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]

    def entity_at(self, start: int, end: int) -> str | None:
        """Key of the entity whose mention overlaps [start, end)."""
        return next((m.entity for m in self.mentions if m.span.start < end and start < m.span.end), None)

    def mentions_within(self, start: int, end: int) -> list[Mention]:
        """Mentions inside [start, end)."""
        return [m for m in self.mentions if start <= m.span.start and m.span.end <= end]


def _slug(name: str) -> str:
    """A stable key for an entity name."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "entity"


def _standin_link(doc: Doc) -> _StandInTable:
    """Link spaCy's named entities by exact surface string."""
    text = doc.text
    groups: dict[str, list[Span]] = {}
    types: dict[str, EntityType] = {}
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in _NER_TYPES:
            continue
        key = _slug(ent.text)
        span = Span.of(text, ent.start_char, ent.end_char)
        groups.setdefault(key, []).append(span)
        types.setdefault(key, _NER_TYPES[ent.label_])
        mentions.append(Mention(span, key))
    entities = tuple(
        Entity(key, max((s.text for s in spans), key=len), types[key], tuple(sorted({s.text for s in spans})),
               tuple(spans))
        for key, spans in groups.items()
    )
    return _StandInTable(entities, tuple(mentions))


def _standin_resolve(doc: Doc, table: _StandInTable, start: int, end: int) -> str | None:
    """The first entity mentioned inside a phrase."""
    inside = table.mentions_within(start, end)
    return inside[0].entity if inside else table.entity_at(start, end)
