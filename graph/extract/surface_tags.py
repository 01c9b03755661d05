"""Speaker tags read from the words rather than the parse, for quotations no other rule attributed.

"“…,” the Saudis state in the paper", "“…,” the editorial read", "“…,” Nate Silver, the founder of a site
that rates polls, tweeted": the small model often tags such a verb as a noun, or hangs it inside the
quotation as a relative clause, so the parse-based tag rules never see it.  Here a closed quotation that
opens its sentence and ends in a comma, question or exclamation mark is followed by a short tag; the tag
is a noun phrase and a verb of saying ("the Saudis state") or a verb of saying and a noun phrase ("exhorted
her introducer, actress Jane Doe"), judged by word classes alone.  Quotations that follow the tag's sentence
with nothing else between join the same claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from graph.extract import cues
from graph.extract.attributions import Found, Range, verb_source
from graph.extract.name_tags import signature_name
from graph.extract.quote_attribution import TAG_END, last_char_before, last_inner_char
from graph.extract.quotes import Quote, title_like
from graph.types import ClaimKind

if TYPE_CHECKING:
    from spacy.tokens import Token

    from graph.extract.quote_attribution import QuoteAttacher

MAX_TAG = 30  # tokens after the quotation searched for the tag's verb
MAX_SOURCE = 25  # tokens in the tag's noun phrase
CONFIDENCE = 0.8
_TAG_STOP = frozenset({".", "!", "?", ";", ":"})
_SENTENCE_BEFORE = frozenset({"", ".", "!", "?", "”", "\"", ":"})  # the quotation opens its sentence
_OPENS_PHRASE = frozenset({"DET", "PROPN", "PRON", "NUM", "ADJ", "NOUN"})
MAX_NOUN_DISTANCE = 6  # tokens between a noun of saying and the colon after it ("a blunt message to the mayor:")
# nouns naming something said, which may introduce a quotation after a colon
SPEECH_NOUNS = frozenset({"message", "statement", "retort", "response", "reply", "answer", "warning", "plea",
                          "explanation", "assessment", "verdict", "prediction", "advice", "request", "demand",
                          "appeal", "promise", "comment", "remark", "rebuttal", "quip", "vow", "pledge"})
# "- Jane Doe, Springfield." / "— Sen. John Q. Public": a dash, then capitalised words up to a comma or the end
_SIGNATURE = re.compile(r"([-—–―]{1,2}) ?((?:[A-Z][\w.'’-]*)(?: (?:[A-Z][\w.'’-]*))*)(?:,[^\n]*|\.)?$")
# "Rep. Jane Doe (D-Ohio):" opening a paragraph, right before its quotation
_TRANSCRIPT_NAME = re.compile(r"([A-Z][^:()\n]{0,80}?)(?: ?\([^()\n]{1,20}\))? ?(:)\s*$")
_NAME_WORDS = frozenset({"PROPN", "NOUN", "ADJ"})  # "Former secretary of state Jane Doe"
_SENTENCE_STOP = frozenset({".", "!", "?"})
_SAYS_SOMETHING = frozenset({"ccomp", "xcomp", "dobj", "dative", "attr", "oprd", "parataxis", "advcl", "conj"})
_CLAUSE_IN_TAG = frozenset({"relcl", "acl"})
_ENDS_PHRASE = frozenset({"PROPN", "NOUN", "PRON", "NUM", "ADJ"})  # "the two write", "the editorial read"
_AFTER_VERB = frozenset({"ADP", "ADV", "PROPN", "NOUN", "DET", "PUNCT", "SCONJ"})  # "state in", "said Sunday"
# verbs a tag may use even where the tagger read a noun ("the Saudis state", "the two write", "the email read")
_NOUN_LOOKING = cues.SAY_LIKE | {"read", "write", "state", "tweet", "post"}


def _saying(tok: Token) -> str | None:
    """The lemma of a verb of saying, also when the tagger took the word for a noun ("the two write")."""
    if not tok.is_alpha or not tok.is_lower:
        return None
    lemma = cues.lemma_of(tok)
    if tok.pos_ == "VERB":
        if tok.tag_ == "VBG":
            return None  # "…, posting photos": a participle adds to a sentence, it does not tag it
        return lemma if cues.is_speech_verb(lemma) and cues.verb_weight(lemma) >= 0.5 else None
    if tok.pos_ in ("NOUN", "ADJ") and tok.tag_ in ("NN", "NNS", "VBP", "VBZ", "JJ"):
        for form in (lemma, tok.lower_, tok.lower_[:-1] if tok.lower_.endswith("s") else ""):
            if form in _NOUN_LOOKING:
                return form
    return None


def _noun_phrase(attacher: QuoteAttacher, lo: int, hi: int) -> Range | None:
    """Tokens [lo, hi) as a speaker when they read as a noun phrase (a clause or a date is no speaker)."""
    doc = attacher.doc
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    if not 0 < hi - lo <= MAX_SOURCE or doc[lo].pos_ not in _OPENS_PHRASE:
        return None
    if doc[lo].ent_type_ in ("DATE", "TIME") or doc[hi - 1].pos_ not in _ENDS_PHRASE:
        return None
    return attacher.view.trim(lo, hi, quotes=False)


def _relative_in_tag(verb: Token, lo: int, hi: int) -> bool:
    """"“Solace,” the novel she wrote in a year": a relative clause with its own subject, on a noun of the tag."""
    return verb.dep_ in _CLAUSE_IN_TAG and lo <= verb.head.i < verb.i and any(
        c.dep_ in ("nsubj", "nsubjpass") and verb.head.i < c.i < verb.i for c in verb.children) and hi > verb.i


def _tag(attacher: QuoteAttacher, lo: int, para_end: int) -> tuple[Token, Range] | None:
    """(verb, source) of a tag starting at token ``lo``: "NP verb ..." or "verb NP ..."."""
    doc, view = attacher.doc, attacher.view
    hi = lo
    while hi < len(doc) and hi - lo < MAX_TAG and doc[hi].idx < para_end and doc[hi].text not in _TAG_STOP:
        if view.quote_of[hi] >= 0 and len(attacher.text[slice(*view.quotes[view.quote_of[hi]])].split()) > 4:
            break  # another quotation, not a name in the speaker's description
        hi += 1
    for i in range(lo, hi):
        tok = doc[i]
        lemma = _saying(tok) if view.quote_of[i] < 0 else None
        if lemma is None or i in attacher.used_cues or _relative_in_tag(tok, lo, hi):
            continue
        if i + 1 < hi and doc[i + 1].pos_ not in _AFTER_VERB:
            continue  # "the state said" is not "… state"
        if i == lo:  # inverted: "“…,” said Mr X" ends the speaker at a preposition or a comma clause
            end = i + 1
            while end < hi and doc[end].pos_ not in ("ADP", "VERB", "AUX", "SCONJ"):
                end += 1
            source = _noun_phrase(attacher, i + 1, end)
        else:
            source = _noun_phrase(attacher, lo, i)
        return (tok, source) if source is not None else None
    return None


def surface_tag(attacher: QuoteAttacher, qi: int, q: Quote, covered: Sequence[Range]) -> Found | None:
    """A direct attribution for quotation ``q`` from the words of the tag after it (see the module), with the
    uncovered quotations right after the tag's sentence as more content."""
    text, doc = attacher.text, attacher.doc
    para_start, para_end = attacher.paras[q.paragraph]
    if not q.closed or last_inner_char(text, q) not in TAG_END or title_like(text[q.start : q.end]):
        return None
    if last_char_before(text, q.start, para_start) not in _SENTENCE_BEFORE:
        return None
    lo = attacher.token_at(q.end)
    while lo < len(doc) and (doc[lo].is_space or doc[lo].idx < q.end):
        lo += 1
    if lo >= len(doc) or doc[lo].idx >= para_end:
        return None
    tagged = _tag(attacher, lo, para_end)
    if tagged is None:
        return None
    verb, source = tagged
    attacher.used_cues.add(verb.i)
    end = next((t.idx + len(t.text) for t in doc[verb.i : min(len(doc), verb.i + MAX_TAG)]
                if t.text in _TAG_STOP or t.idx >= para_end), None)
    contents = _with_following(attacher, qi, q, end, covered)
    cue = (verb.idx, verb.idx + len(verb.text))
    return Found(ClaimKind.DIRECT, contents, cue, source, source, None, CONFIDENCE, verb.i, "quote-surface")


def _with_following(attacher: QuoteAttacher, qi: int, q: Quote, end: int | None, covered: Sequence[Range]) -> list[Range]:
    """Quotation ``q`` and the uncovered quotations of its paragraph that follow offset ``end`` with nothing
    but spaces between (each one's end the next one's start)."""
    text = attacher.text
    contents = [(q.start, q.end)]
    for later in attacher.quotes[qi + 1 :]:
        if end is None or later.paragraph != q.paragraph or text[end:later.start].strip(" \"”'’"):
            break
        if any(s < later.end and later.start < e for s, e in covered):
            break
        contents.append((later.start, later.end))
        end = later.end
    return contents


def bare_intro(attacher: QuoteAttacher, qi: int, q: Quote, covered: Sequence[Range]) -> Found | None:
    """"Dr Okafor disagreed. “…”": a quotation opening a sentence right after a short one whose verb of saying
    has a subject and nothing it says (no clause, no object); that verb's subject speaks the quotation."""
    text, doc, view = attacher.text, attacher.doc, attacher.view
    para_start = attacher.paras[q.paragraph][0]
    if last_char_before(text, q.start, para_start) not in (".", "!") or len(text[q.start : q.end].split()) < 4:
        return None
    first = attacher.token_at(q.start)
    stop = first - 1
    while stop >= 0 and (doc[stop].is_space or doc[stop].is_punct) and view.quote_of[stop] < 0:
        stop -= 1
    if stop < 0 or doc[stop].idx < para_start:
        return None
    sent = doc[stop].sent
    verb = sent.root
    if sent.start < attacher.token_at(para_start) or stop - sent.start > MAX_TAG or verb.i in attacher.used_cues:
        return None
    if any(view.quote_of[i] >= 0 for i in range(sent.start, stop + 1)) or verb.pos_ != "VERB":
        return None
    lemma = cues.lemma_of(verb)
    if not cues.is_speech_verb(lemma) or cues.verb_weight(lemma) < 0.5:
        return None
    if any(c.dep_ in _SAYS_SOMETHING for c in verb.children):
        return None  # "He said no." / "She explained the rules." / "They warned that …": the sentence has content
    source, resolve = verb_source(view, verb)
    if source is None or not sent.start <= attacher.token_at(source[0]) < verb.i:
        return None
    attacher.used_cues.add(verb.i)
    cue = cues.verb_group_chars(verb)
    contents = _with_following(attacher, qi, q, q.end, covered)
    return Found(ClaimKind.DIRECT, contents, cue, source, resolve, None, CONFIDENCE, verb.i, "quote-intro")


def noun_intro(attacher: QuoteAttacher, qi: int, q: Quote, covered: Sequence[Range]) -> Found | None:
    """"The senator delivered a blunt message to the mayor: “…”", "His reply was short: “…”": a noun of
    saying before the colon that opens a quotation cues it; the noun's verb's subject, or its possessor, speaks."""
    text, doc, view = attacher.text, attacher.doc, attacher.view
    para_start = attacher.paras[q.paragraph][0]
    if last_char_before(text, q.start, para_start) != ":":
        return None
    colon = attacher.token_at(q.start) - 1
    while colon >= 0 and doc[colon].text != ":":
        colon -= 1
    if colon <= 0 or doc[colon].idx < para_start:
        return None
    lo = max(doc[colon - 1].sent.start, colon - MAX_NOUN_DISTANCE, attacher.token_at(para_start))
    for i in range(colon - 1, lo - 1, -1):
        noun = doc[i]
        if view.quote_of[i] >= 0:
            return None
        if noun.pos_ != "NOUN" or cues.lemma_of(noun) not in SPEECH_NOUNS or noun.i in attacher.used_cues:
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is not None:
            source = resolve = view.trim(owner.left_edge.i, owner.i + 1, quotes=False)
        elif noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
            source, resolve = verb_source(view, noun.head)
        else:
            return None
        if source is None or attacher.overlaps_quote(source):
            return None
        attacher.used_cues.add(noun.i)
        cue = (noun.idx, noun.idx + len(noun.text))
        contents = _with_following(attacher, qi, q, q.end, covered)
        return Found(ClaimKind.DIRECT, contents, cue, source, resolve, None, CONFIDENCE, noun.i, "quote-noun-intro")
    return None


def sentence_tag(attacher: QuoteAttacher, qi: int, q: Quote, covered: Sequence[Range]) -> Found | None:
    """"Those who borrow struggle, even with a “good” job, he said.": a quotation inside a sentence that ends
    in a comma and a speaker tag; the sentence up to that comma is the content, the tag's noun phrase speaks."""
    doc, view = attacher.doc, attacher.view
    para_start, para_end = attacher.paras[q.paragraph]
    floor = attacher.token_at(para_start)
    start = attacher.token_at(q.start)
    while start > floor and not (doc[start - 1].text in _SENTENCE_STOP and view.quote_of[start - 1] < 0):
        start -= 1
    stop = attacher.token_at(q.end)
    while stop < len(doc) and doc[stop].idx < para_end and not (
            doc[stop].text in _SENTENCE_STOP and view.quote_of[stop] < 0):
        stop += 1
    comma = next((i for i in range(stop - 1, attacher.token_at(q.end) - 1, -1)
                  if doc[i].text == "," and view.quote_of[i] < 0), None)
    if comma is None or stop - comma > MAX_TAG // 2:
        return None
    tagged = _tag(attacher, comma + 1, para_end)
    if tagged is None:
        return None
    verb, source = tagged
    if verb.i >= stop or any(view.quote_of[i] >= 0 for i in range(comma + 1, stop)):
        return None
    content = view.trim(start, comma)
    if content is None or any(s < content[1] and content[0] < e for s, e in covered):
        return None
    content = view.covering_quotes(content)
    attacher.used_cues.add(verb.i)
    kind = ClaimKind.DIRECT if content == (q.start, q.end) else ClaimKind.MIXED
    cue = (verb.idx, verb.idx + len(verb.text))
    return Found(kind, [content], cue, source, source, None, CONFIDENCE, verb.i, "quote-sentence-tag")


def dash_paragraph(attacher: QuoteAttacher, qi: int, q: Quote, covered: Sequence[Range]) -> Found | None:
    """A paragraph that is one quotation, signed on the next line with a dash and a name ("“…”" / "— Jane Doe,
    Springfield."): the name speaks it."""
    del covered  # the shared signature of the last-resort rules
    text = attacher.text
    para_start, para_end = attacher.paras[q.paragraph]
    if text[para_start : q.start].strip() or text[q.end : para_end].strip():
        return None
    if qi + 1 < len(attacher.quotes) and attacher.quotes[qi + 1].paragraph == q.paragraph:
        return None
    if q.paragraph + 1 >= len(attacher.paras):
        return None
    sign_start, sign_end = attacher.paras[q.paragraph + 1]
    match = _SIGNATURE.match(text, sign_start, sign_end)
    if match is None or text[sign_end - 1] in "-—–―":
        return None  # "– Old hands –": a section heading, not a signature
    source = signature_name(text, match.start(2), match.end(2))
    lo = attacher.token_at(sign_start)
    attacher.used_cues.add(lo)
    cue = (match.start(1), match.end(1))
    return Found(ClaimKind.DIRECT, [(q.start, q.end)], cue, source, source, None, CONFIDENCE, lo, "quote-dash-paragraph")


def name_colon(attacher: QuoteAttacher, qi: int, q: Quote, covered: Sequence[Range]) -> Found | None:
    """A transcript line: a paragraph opening with a speaker's name, perhaps a party label, and a colon before
    the quotation ("Rep. Jane Doe (D-Ohio): “…”", "Former governor Jane Doe: “…”")."""
    text, doc = attacher.text, attacher.doc
    para_start = attacher.paras[q.paragraph][0]
    match = _TRANSCRIPT_NAME.match(text, para_start, q.start)
    if match is None:
        return None
    lo, hi = attacher.token_at(match.start(1)), attacher.token_at(match.end(1))
    words = [t for t in doc[lo:hi] if not t.is_space]
    if not 0 < len(words) <= 10 or words[-1].pos_ != "PROPN" or not all(
            t.pos_ in _NAME_WORDS or t.lower_ == "of" or t.text == "." for t in words):
        return None  # "Then, later that month on CNN:" is no name
    colon = attacher.token_at(match.start(2))
    if colon >= len(doc) or colon in attacher.used_cues:
        return None
    attacher.used_cues.add(colon)
    contents = _with_following(attacher, qi, q, q.end, covered)
    cue = (match.start(2), match.end(2))
    source = (match.start(1), match.end(1))
    return Found(ClaimKind.DIRECT, contents, cue, source, source, None, CONFIDENCE, colon, "quote-transcript")
