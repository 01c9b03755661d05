"""Attaching direct quotations to their cue and speaker, including split, multi-paragraph and continued quotes.

A quotation is tied to the nearest cue verb in its tag (``"...," the group said`` / ``she said: "..."``);
further quotations sharing that tag join the same claim; a quote-only paragraph with no cue of its
own continues the speaker of the paragraph before (kind continuation).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from graph.extract import cues
from graph.extract.attributions import Found, Range, TokenView
from graph.extract.name_tags import colon_name, colon_tag, dash_tag, signature_line
from graph.extract.quote_speakers import CLAUSE_END, NAME_POS, speaker
from graph.extract.quotes import Quote, title_like
from graph.types import ClaimKind

if TYPE_CHECKING:
    from spacy.tokens import Token

TAG_END = frozenset(",?!—–-…")
NAMING_VERBS = cues.PREDICATIVE_VERBS | {"refer"}  # "referred to him as “…”"
MAX_TAG_DISTANCE = 8  # tokens between a quotation and the cue of a tag before it
MAX_TRAILING_TAG = 30  # a tag after the quotation may carry a long appositive: "…," X, director of Y, said


def last_char_before(text: str, pos: int, floor: int) -> str:
    """The last non-space character before ``pos`` (not before ``floor``), or '' at paragraph start."""
    i = pos - 1
    while i >= floor and text[i].isspace():
        i -= 1
    return text[i] if i >= floor else ""


def last_inner_char(text: str, q: Quote) -> str:
    """The last character inside a closed quotation, before its closing mark(s)."""
    j = q.end - 1
    while j > q.start and text[j] in "\"'”»’":
        j -= 1
    return text[j] if j > q.start else ""


_EMBEDDED_DEPS = frozenset({"relcl", "acl", "amod", "xcomp", "pcomp"})


def _goes_on(verb: Token) -> bool:
    """"She went on: ..." introduces a quotation like a verb of saying."""
    return cues.lemma_of(verb) == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in verb.children)


def so_called(verb: Token) -> bool:
    """"the so-called “rebels”": scare quotes after "so-called" report nobody's words."""
    doc, i = verb.doc, verb.i
    if i > 0 and doc[i - 1].text in ("-", "‑"):
        i -= 1
    return i > 0 and doc[i - 1].lower_ == "so"


class QuoteAttacher:
    """Walks a document's quotations once, in order, building direct and continuation attributions."""

    def __init__(self, view: TokenView, quotes: Sequence[Quote], paras: Sequence[Range]) -> None:
        """Prepare token offsets for char-to-token look-ups."""
        self.view = view
        self.doc = view.doc
        self.text = view.text
        self.quotes = quotes
        self.paras = paras
        self.starts = [t.idx for t in view.doc]
        self.used_cues: set[int] = set()

    def token_at(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect_left(self.starts, char)

    def _cue_in(self, lo: int, hi: int, nearest_last: bool) -> Token | None:
        """The speech verb in tokens [lo, hi) closest to the quotation; the search stops at a sentence end."""
        order = range(hi - 1, lo - 1, -1) if nearest_last else range(lo, hi)
        for i in order:
            tok = self.doc[i]
            if self.view.quote_of[i] >= 0 or (tok.text in CLAUSE_END and not nearest_last):
                break
            if tok.pos_ != "VERB" or (not nearest_last and tok.dep_ in _EMBEDDED_DEPS):
                continue  # a verb inside the speaker's description ("a source, who was not authorized to speak")
            lemma = cues.lemma_of(tok)
            if cues.is_speech_verb(lemma) and cues.verb_weight(lemma) >= 0.5 or _goes_on(tok):
                return tok
        return None

    def _loose_tag(self, after: tuple[int, int]) -> Token | None:
        """A manner-of-speaking verb in a short tag right after a quotation ("…,” Trump barked", "…!” beamed
        Donald Hartley"): any verb whose own subject sits in the tag next to it (an inverted name the parser
        took for an object included: "…,” opined Cleveland's Plain Dealer")."""
        lo, hi = after
        for i in range(lo, min(hi, lo + 5)):
            tok = self.doc[i]
            if self.view.quote_of[i] >= 0 or tok.text in CLAUSE_END or tok.text == ",":
                return None
            if tok.pos_ == "VERB":
                subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")
                                or i == lo and c.i > i and c.dep_ in ("dobj", "attr") and c.pos_ == "PROPN"), None)
                named = i > lo and all(t.pos_ in NAME_POS for t in self.doc[lo:i])  # "Trump barked", mis-parsed
                if not named and (subject is None or not lo <= subject.i < hi or subject.pos_ not in NAME_POS):
                    return None
                if tok.i in self.used_cues or tok.dep_ in _EMBEDDED_DEPS or any(
                        c.dep_ == "dobj" and (subject is None or c.i != subject.i) for c in tok.children):
                    return None  # "“Mr. D’Souza?” I had prepared a statement": a new sentence, not a tag
                return tok if speaker(self.view, tok, after)[0] is not None else None
        return None

    def _loose_intro(self, before: tuple[int, int]) -> Token | None:
        """A verb right before the colon or comma that introduces a quotation ("Trump boomed: “…”", "went
        even further: “…”", "laughed it off by interjecting, “…”"), when it takes no object of its own."""
        lo, hi = before
        i = hi - 1
        while i >= lo and (self.doc[i].is_space or self.doc[i].text in (":", ",")):
            i -= 1
        while i >= lo and self.doc[i].pos_ in ("ADV", "PART", "ADP") and self.doc[i].dep_ in ("advmod", "prt", "neg"):
            i -= 1
        if i < lo:
            return None
        tok = self.doc[i]
        if tok.pos_ != "VERB" or tok.i in self.used_cues or self.view.quote_of[i] >= 0:
            return None
        if any(c.dep_ in ("dobj", "mark") for c in tok.children) or tok.dep_ in ("relcl", "acl", "amod"):
            return None  # "When he arrived, “…”" or "NBC has proof: “…”" introduce no words
        return tok if speaker(self.view, tok, before)[0] is not None else None

    def _frames(self, q: Quote, prev_end: int, next_start: int) -> tuple[tuple[int, int], tuple[int, int]]:
        """Token ranges of the text just before and just after a quotation (same paragraph and sentence)."""
        para_start, para_end = self.paras[q.paragraph]
        first = self.token_at(q.start)
        before_lo = self.token_at(max(para_start, prev_end))
        if first > 0 and first - 1 >= before_lo:
            before_lo = max(before_lo, self.doc[first - 1].sent.start)
        before_lo = max(before_lo, first - 3 * MAX_TAG_DISTANCE)
        after_lo = self.token_at(q.end)
        after_hi = self.token_at(min(para_end, next_start))
        while after_lo < after_hi and self.doc[after_lo].is_space:
            after_lo += 1
        if after_lo < after_hi:
            after_hi = min(after_hi, self.doc[after_lo].sent.end, after_lo + MAX_TRAILING_TAG)
        return (before_lo, first), (after_lo, after_hi)

    def overlaps_quote(self, rng: Range) -> bool:
        """True when a range overlaps any quotation."""
        return any(qs < rng[1] and rng[0] < qe for qs, qe in self.view.quotes)

    def _attach(self, verb: Token, frame: tuple[int, int], q: Quote) -> Found:
        """A new direct attribution of quotation ``q`` to cue ``verb``."""
        lemma = cues.lemma_of(verb)
        source, resolve = speaker(self.view, verb, frame)
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        addressee = None
        if obj is not None and lemma in cues.ADDRESSEE_VERBS | cues.RECIPIENT_OBJECT_VERBS:
            rng = self.view.subtree(obj)
            addressee = rng if rng is not None and not self.overlaps_quote(rng) else None
        cue = cues.verb_group_chars(verb)
        weight = cues.verb_weight(lemma)
        confidence = (0.75 + 0.25 * weight) * (1.0 if source is not None else 0.7)
        if not cues.is_speech_verb(lemma):
            confidence *= 0.85
        self.used_cues.add(verb.i)
        kind = ClaimKind.DIRECT if source is not None else ClaimKind.NO_SOURCE
        return Found(kind, [(q.start, q.end)], cue, source, resolve, addressee, confidence, verb.i, "quote")

    def _clause_before_colon(self, verb: Token, before: tuple[int, int]) -> Range | None:
        """The clause or object a cue reports before the colon that opens its quotation ("insisted that the
        depot was safe: “…”"): it is content too."""
        colon = before[1] - 1
        while colon > verb.i and self.doc[colon].is_space:
            colon -= 1
        recipient = cues.lemma_of(verb) in cues.ADDRESSEE_VERBS | cues.RECIPIENT_OBJECT_VERBS
        for child in verb.rights:
            if child.dep_ in ("ccomp", "xcomp") or child.dep_ == "dobj" and not recipient:
                first = child.left_edge.i
                if verb.i < first <= child.i < colon and all(self.view.quote_of[i] < 0 for i in range(first, colon)):
                    return self.view.trim(first, colon)  # the parser may hang the quotation inside the clause
        return None

    def _naming(self, q: Quote, before: tuple[int, int]) -> Found | None:
        """"She called him “a total fraud”": a quoted label given by a verb of naming; the content runs
        from the named object through the quotation, the cue and speaker are the naming verb's."""
        first = self.token_at(q.start)
        while first < len(self.doc) and self.doc[first].is_punct and self.view.quote_of[first] >= 0:
            first += 1
        if first >= len(self.doc) or self.doc[first].idx >= q.end:
            return None
        if self.doc[first].pos_ in ("VERB", "AUX"):  # “is back” is a quoted clause, not a label
            return None
        head = self.doc[first]
        for _ in range(4):
            if head.pos_ == "VERB" or head.head.i == head.i:
                break
            head = head.head
        if (head.pos_ != "VERB" or cues.lemma_of(head) not in NAMING_VERBS or head.i >= before[1]
                or head.i < before[0] or head.i in self.used_cues or so_called(head)):
            return None
        objects = [c for c in head.rights if c.dep_ in ("dobj", "dative", "prep") and c.i < before[1]]
        obj = objects[0] if objects else None
        if obj is not None and obj.dep_ == "prep":  # "referred to X as": the content starts at X
            obj = next((c for c in obj.children if c.dep_ == "pobj"), obj)
        start = obj.left_edge.idx if obj is not None and obj.left_edge.idx < q.start else q.start
        found = self._attach(head, before, q)
        found.contents[:] = [(start, q.end)]
        found.addressee = None
        found.rule = "quote-naming"
        return found

    def _intro_paragraph(self, paragraph: int) -> tuple[Token, tuple[int, int]] | None:
        """The cue of a paragraph ending in a colon that introduces the quotation opening the next one
        ("She went on to say:" / block quote): the speech verb of its last sentence, with that sentence."""
        if paragraph == 0:
            return None
        start, end = self.paras[paragraph - 1]
        if self.text[end - 1] != ":":
            return None
        colon = self.token_at(end - 1)
        if colon >= len(self.doc) or colon == 0:
            return None
        lo = max(self.token_at(start), self.doc[colon - 1].sent.start)
        verb = self._cue_in(lo, colon, nearest_last=True)
        if verb is None or verb.i in self.used_cues:
            return None
        return verb, (lo, colon)

    def _quote_only(self, paragraph: int) -> bool:
        """True when a paragraph holds nothing but quotations and punctuation."""
        start, end = self.paras[paragraph]
        inside = [(q.start, q.end) for q in self.quotes if q.paragraph == paragraph]
        pos = start
        for qs, qe in inside:
            if any(c.isalnum() for c in self.text[pos:qs]):
                return False
            pos = qe
        return not any(c.isalnum() for c in self.text[pos:end])

    def run(self, previous: dict[int, Found]) -> list[Found]:
        """Attribute every quotation that has a tag or continues a speaker; ``previous`` maps paragraph to its
        last attribution from other rules, so continuations can find the speaker of the paragraph before."""
        found: list[Found] = []
        last_in_para: dict[int, Found] = dict(previous)
        current: Found | None = None  # the attribution the latest quotation belongs to
        quotes = self.quotes

        def begin(attribution: Found, paragraph: int) -> Found:
            """Record a new attribution as its paragraph's latest; later quotations may join it."""
            found.append(attribution)
            last_in_para[paragraph] = attribution
            return attribution

        for n, q in enumerate(quotes):
            prev = quotes[n - 1] if n > 0 and quotes[n - 1].paragraph == q.paragraph else None
            nxt = quotes[n + 1] if n + 1 < len(quotes) and quotes[n + 1].paragraph == q.paragraph else None
            if q.continues and current is not None:
                current.contents.append((q.start, q.end))
                last_in_para[q.paragraph] = current
                continue
            before, after = self._frames(q, prev.end if prev else -1, nxt.start if nxt else len(self.text))
            para_start = self.paras[q.paragraph][0]
            prev_char = last_char_before(self.text, q.start, max(para_start, prev.end if prev else para_start))
            inner_last = last_inner_char(self.text, q) if q.closed else ""
            verb: Token | None = None
            frame = after
            embedded = prev_char.isalnum() and len(self.text[q.start : q.end].split()) < 6  # "called it “X,”"
            quoted = self.text[q.start : q.end]
            opens_paragraph = prev_char == "" and q.closed and len(quoted.split()) >= 4 and not title_like(quoted)
            if (inner_last in TAG_END or (inner_last == "." or opens_paragraph) and prev_char == "") and not embedded:
                verb = self._cue_in(after[0], after[1], nearest_last=False)
                if verb is None and prev_char in ("", ".", "!", "?", "”", "\""):
                    verb = self._loose_tag(after)
            if verb is None and prev_char == ":":
                tagged = colon_tag(self, before, after_dash=True)
                if tagged is not None:
                    tagged.contents.append((q.start, q.end))
                    current = begin(tagged, q.paragraph)
                    continue
            if verb is None and prev_char in (":", ","):
                verb, frame = self._cue_in(*before, nearest_last=True) or self._loose_intro(before), before
            elif verb is None and prev_char.isalpha() and before[1] > before[0]:
                tok = self.doc[before[1] - 1]
                tok = tok.head if tok.lower_ == "that" and tok.i > 0 else tok
                if (tok.pos_ == "VERB" and cues.is_speech_verb(cues.lemma_of(tok)) and tok.i not in self.used_cues
                        and not so_called(tok)):
                    verb, frame = tok, before
            if verb is None and prev is None and q.start == para_start and not q.continues:
                intro = self._intro_paragraph(q.paragraph)
                if intro is not None:
                    verb, frame = intro
            if verb is None and prev_char.isalpha():
                named = self._naming(q, before)
                if named is not None:
                    current = begin(named, q.paragraph)
                    continue
            if verb is None:  # a "Name:" tag before the quote, else a "- Name" tag after it
                tagged = colon_tag(self, before) or colon_name(self, before) if prev_char == ":" else None
                if tagged is None:
                    tagged = dash_tag(self, after) or signature_line(self, q, nxt)
                if tagged is not None:
                    tagged.contents.append((q.start, q.end))
                    current = begin(tagged, q.paragraph)
                    continue
            if verb is not None and current is not None and verb.i == current.cue_token:
                current.contents.append((q.start, q.end))
                last_in_para[q.paragraph] = current
                continue
            if verb is not None and verb.i not in self.used_cues:
                current = begin(self._attach(verb, frame, q), q.paragraph)
                if prev_char == ":" and frame is before:
                    clause = self._clause_before_colon(verb, before)
                    if clause is not None:
                        current.contents.insert(0, clause)
                        current.kind = ClaimKind.MIXED if current.kind is ClaimKind.DIRECT else current.kind
                continue
            if prev is not None and current is not None and current.cue_token is not None and prev_char in ".!?”\"":
                between = self.text[prev.end : q.start]
                if self.starts[current.cue_token] >= prev.end - 1 and self.starts[current.cue_token] < q.start:
                    current.contents.append((q.start, q.end))
                    continue
                if not any(c.isalpha() for c in between):
                    current.contents.append((q.start, q.end))
                    continue
            speaker = last_in_para.get(q.paragraph - 1)
            if prev is None and speaker is not None and speaker.source is not None and self._quote_only(q.paragraph):
                # the speaker is implicit here: a zero-width source at the quotation, resolved like the
                # mention it continues (so the claim names no words that are not the speaker's here)
                implicit = (q.start, q.start)
                confidence = 0.7 * max(speaker.confidence, 0.6)
                current = begin(Found(ClaimKind.CONTINUATION, [(q.start, q.end)], None, implicit,
                                      speaker.resolve or speaker.source, None, confidence, None, "continuation"),
                                q.paragraph)
                continue
            current = None
        return found
