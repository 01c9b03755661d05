"""Public entry points of extraction: text in, :class:`graph.types.Extraction` out.

``extract`` handles one document, ``extract_many`` streams many through ``nlp.pipe`` (batched,
optionally multi-process) and post-processes each parsed Doc once: sentences, entity table,
attributed claims, triples.  The spaCy pipeline is always passed in by the caller.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from graph.extract.claims import find_attributions, to_claims
from graph.extract.coref import resolve_mention
from graph.extract.entities import link_entities
from graph.extract.quotes import doc_quotes
from graph.extract.triples import extract_triples
from graph.nlp import pipeline_label
from graph.types import Claim, Extraction, Span

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
    if text is None:
        text = doc.text  # Doc.text rebuilds the string on each access: read it once
    elif len(text) != len(doc.text):
        raise ValueError("the original text must have the parsed copy's length")
    if text is not doc.text:
        doc.user_data[ORIGINAL_TEXT] = text
    table = link_entities(doc)
    sentences = sentences_of(doc, text)
    claims = to_claims(doc, find_attributions(doc, text=text), table, resolve_mention, sentences, text=text)
    return Extraction(
        text=text,
        sentences=sentences,
        entities=tuple(table.entities),
        claims=claims,
        triples=tuple(extract_triples(doc, table, skip=reported_checker(doc, claims, text))),
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
