"""The records every attribution rule shares, and how a cue's speaker is found in the parse.

Each rule yields a :class:`Found` record in character offsets (no spaCy objects escape this
package); quotation-driven attributions live in ``quote_attribution.py`` and both are turned into
:class:`graph.types.Claim` by ``claims.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.extract import cues
from graph.types import ClaimKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Range = tuple[int, int]  # character offsets [start, end)

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
EXPLETIVES = frozenset({"there"})  # a subject "it" may be an organisation ("It added that ..."); dummies are expl
_QUOTE_PUNCT = frozenset("\"“”„‟«»‘’'")
_KEEP_TRAILING = frozenset("?!")
SUBJECTS = ("nsubj", "csubj")


@dataclass(slots=True)
class Found:
    """One attribution in character offsets, before it becomes a Claim.

    ``resolve`` is the phrase handed to speaker resolution (for a relative pronoun: its antecedent).
    """

    kind: ClaimKind
    contents: list[Range]
    cue: Range | None
    source: Range | None = None
    resolve: Range | None = None
    addressee: Range | None = None
    confidence: float = 0.5
    cue_token: int | None = None
    rule: str = ""
    nested: bool = False  # kept although it sits inside another attribution's content


class TokenView:
    """Per-document helpers over a parsed Doc: quote membership per token and span trimming."""

    def __init__(self, doc: Doc, quote_ranges: Sequence[Range], text: str | None = None) -> None:
        """Mark each token with the quotation it sits in (one sweep over tokens and quotes)."""
        self.doc = doc
        self.text = doc.text if text is None else text  # Doc.text rebuilds the string on every access
        self.quote_of: list[int] = [-1] * len(doc)
        qi = 0
        for tok in doc:
            while qi < len(quote_ranges) and quote_ranges[qi][1] <= tok.idx:
                qi += 1
            if qi < len(quote_ranges) and quote_ranges[qi][0] <= tok.idx < quote_ranges[qi][1]:
                self.quote_of[tok.i] = qi
        self.quotes = quote_ranges

    def trim(self, i: int, j: int, *, quotes: bool = True) -> Range | None:
        """Character range of tokens [i, j) without edge whitespace and edge punctuation (quote marks kept
        unless ``quotes`` is False, as for speakers)."""
        doc = self.doc
        keep_lead = _QUOTE_PUNCT if quotes else frozenset()
        keep_trail = _QUOTE_PUNCT | _KEEP_TRAILING if quotes else _KEEP_TRAILING
        while i < j and (doc[i].is_space or (doc[i].is_punct and doc[i].text[0] not in keep_lead)):
            i += 1
        while j > i and (doc[j - 1].is_space or (doc[j - 1].is_punct and doc[j - 1].text[-1] not in keep_trail)):
            j -= 1
        if i >= j:
            return None
        return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)

    def touches_quote(self, rng: Range) -> bool:
        """Whether any quotation overlaps the range (its claim is then mixed rather than indirect)."""
        return any(qs < rng[1] and rng[0] < qe for qs, qe in self.quotes)

    def kind_of(self, contents: Sequence[Range]) -> ClaimKind:
        """Direct when every content is exactly a quotation, mixed when one touches a quotation, else indirect."""
        if all(any(qs == s and qe == e for qs, qe in self.quotes) for s, e in contents):
            return ClaimKind.DIRECT
        return ClaimKind.MIXED if any(self.touches_quote(c) for c in contents) else ClaimKind.INDIRECT

    def covering_quotes(self, rng: Range) -> Range:
        """Grow a content range so that every quotation it touches is included whole."""
        start, end = rng
        for qs, qe in self.quotes:
            if qs < end and start < qe:
                start, end = min(start, qs), max(end, qe)
        return start, end

    def subtree(self, tok: Token) -> Range | None:
        """Trimmed character range of a token's subtree."""
        return self.trim(tok.left_edge.i, tok.right_edge.i + 1)


def np_source(view: TokenView, subj: Token) -> tuple[Range | None, Range | None]:
    """Source range and resolution range for a subject token (relative pronouns keep their antecedent)."""
    if subj.lower_ in RELATIVE_PRONOUNS and subj.head.dep_ in ("relcl", "acl") and subj.head.head is not subj.head:
        noun = subj.head.head
        src = view.trim(noun.left_edge.i, subj.i + 1, quotes=False)
        return src, view.trim(noun.left_edge.i, noun.i + 1, quotes=False)
    rng = view.trim(subj.left_edge.i, subj.right_edge.i + 1, quotes=False)
    if rng is not None and "\n" in view.text[rng[0] : rng[1]]:
        # a speaker never spans paragraphs: keep the part of the phrase in the subject's own paragraph
        text = view.text
        start = text.rfind("\n", rng[0], subj.idx) + 1 or rng[0]
        end = text.find("\n", subj.idx, rng[1])
        rng = strip_range(text, max(start, rng[0]), rng[1] if end < 0 else end)
    return rng, rng


def same_paragraph(text: str, a: Token, b: Token) -> bool:
    """True when no line break separates two tokens: a parse that links a cue to a subject in another
    paragraph (a headline, a timestamp line) has run sentences together."""
    lo, hi = (a.idx, b.idx) if a.idx < b.idx else (b.idx, a.idx)
    return text.find("\n", lo, hi) < 0


def strip_range(text: str, start: int, end: int) -> Range | None:
    """A range without surrounding whitespace (None when nothing is left)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def is_passive(verb: Token) -> bool:
    """True when the verb is in the passive voice (has a passive subject or auxiliary)."""
    return any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in verb.children)


def verb_source(view: TokenView, verb: Token) -> tuple[Range | None, Range | None]:
    """The speaker of a verb cue: its subject, the agent of a passive, the subject it shares, or the
    sentence-initial phrase the parser mistook for a clause."""
    source, resolve = _verb_source(view, verb)
    if source is None:
        source = _misparsed_subject(view, verb) or _stranded_subject(view, verb)
        resolve = source
    return source, resolve


def phrase_opener(noun: Token) -> int | None:
    """Index of the determiner, numeral or possessive pronoun among a noun's left children, which opens its
    phrase whatever the parser hung before it ("Labour one local voter" opens at "one"); None when none."""
    openers = [c.i for c in noun.lefts if c.dep_ in ("det", "nummod", "poss") and c.pos_ in ("DET", "NUM", "PRON")]
    return min(openers, default=None)


def _stranded_subject(view: TokenView, verb: Token) -> Range | None:
    """The noun phrase right before a subject-less finite cue that the parser attached elsewhere: as an
    appositive ("..., former president Bill Clinton said ..."), as the host of a relative clause or participle
    that ends at the verb ("a White House official who spoke anonymously said ...", "X, who is running
    against Y, said ..."), or as the subject of a participle the parser made the main verb ("X, noting Y, said")."""
    i = verb.i - 1
    if i > 0 and view.doc[i].text == ",":
        i -= 1  # "X, who ..., said"
    if i < 0 or verb.tag_ not in ("VBD", "VBZ") or is_passive(verb) or view.quote_of[i] >= 0:
        return None
    if verb.dep_ not in ("ROOT", "ccomp", "parataxis"):
        return None
    if any(c.dep_ in SUBJECTS or c.dep_ == "nsubjpass" for c in verb.children):
        return None
    doc = view.doc
    noun, node = None, doc[i]
    for _ in range(8):  # the noun a relative clause or participle ending here describes, or the participle's subject
        if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN") and node.head.i < node.i:
            noun = node.head
            break
        subject = next((c for c in node.lefts if c.dep_ == "nsubj"), None) if node.tag_ == "VBG" else None
        if subject is not None and subject.pos_ in ("NOUN", "PROPN") and node.i < verb.i:
            noun = subject
            break
        if node.head.i == node.i or node.head.i >= verb.i:
            break
        node = node.head
    if noun is None and i == verb.i - 1 and doc[i].pos_ in ("NOUN", "PROPN"):
        noun = doc[i]  # a finite verb has a subject, whatever the parse made of the noun before it
    if noun is None or noun.ent_type_ in ("DATE", "TIME") or not same_paragraph(view.text, noun, verb):
        return None
    start = noun.left_edge.i
    while start < noun.i and (doc[start].is_punct or view.quote_of[start] >= 0):
        start += 1
    opener = phrase_opener(noun)
    if opener is not None and opener > start:
        start = opener  # "the backlash to Labour one local voter said": a noun phrase opens at its determiner
    rng = view.trim(start, noun.i + 1, quotes=False)
    return rng if rng is not None and not view.touches_quote(rng) else None


def _misparsed_subject(view: TokenView, verb: Token) -> Range | None:
    """The phrase opening the sentence before a subject-less finite cue ("Jeffrey Salkin, a Fla. rabbi
    helping ..., said he ...": the parser made the long subject a clause of its own)."""
    if verb.dep_ != "ROOT" or verb.tag_ not in ("VBD", "VBZ", "VBP") or is_passive(verb):
        return None
    left = [c for c in verb.lefts if c.dep_ not in ("punct", "aux", "neg", "advmod", "cc")]
    if len(left) != 1 or left[0].dep_ not in ("ccomp", "dep", "nsubj") or left[0].left_edge.i != verb.sent.start:
        return None
    if not any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.i > verb.i for c in verb.children):
        return None
    doc = view.doc
    start, end = left[0].left_edge.i, verb.i
    mark = next((t.i for t in doc[start:end] if t.dep_ == "mark"), None)
    if mark is not None:
        end = next((t.i for t in reversed(doc[start:mark]) if t.text == ","), start)
    if end - start > 40 or not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in doc[start:end]):
        return None
    rng = view.trim(start, end, quotes=False)
    return rng if rng is not None and "\n" not in view.text[rng[0] : rng[1]] else None


def _verb_source(view: TokenView, verb: Token) -> tuple[Range | None, Range | None]:
    """The speaker of a verb cue as the parse links it (subject, agent, shared subject)."""
    if verb.dep_ == "advcl" and verb.tag_ == "VBN" and not any(c.dep_ in SUBJECTS for c in verb.children):
        return None, None  # "Asked whether ..., she said": the asker is not named
    head = verb
    for _ in range(4):
        # of two subjects ("LONDON (Reuters) - Donald Trump said") the one nearest before the verb is its own
        subjects = [c for c in head.children if c.dep_ in SUBJECTS and c.lower_ not in EXPLETIVES]
        subj = next((c for c in reversed(subjects) if c.i < head.i), subjects[0] if subjects else None)
        if subj is None and head is not verb:
            # a participle shares its host's grammatical subject: "X was quoted ... claiming"
            subj = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        if subj is not None:
            return np_source(view, subj) if same_paragraph(view.text, subj, verb) else (None, None)
        if head is verb:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None:
                return np_source(view, pobj)
            if is_passive(verb):
                return None, None
            name = _name_as_modifier(view, verb)
            if name is not None:
                return name, name
        if head.dep_ not in ("conj", "advcl", "xcomp", "acl", "pcomp") or head.head is head:
            return None, None
        outer = _outer_cue(verb) if head is verb and parallel_cue(verb) else None
        if outer is not None:
            head = outer  # coordinated with the outer cue: share its speaker
            continue
        controller = _controller(head)
        if controller is not None:
            return np_source(view, controller) if same_paragraph(view.text, controller, verb) else (None, None)
        if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN"):
            noun = head.head
            if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
                head = noun.head  # "She issued a statement saying ...": the issuer speaks
                continue
            if noun.dep_ == "pobj" and noun.head.dep_ == "agent":
                head = noun.head.head  # "X was quoted by the paper claiming ...": X claims
                continue
            noun_lemma = cues.lemma_of(noun)
            if noun.pos_ == "PROPN" or noun_lemma in cues.ARTIFACTS or cues.noun_weight(noun_lemma) > 0:
                rng = view.trim(noun.left_edge.i, noun.i + 1)
                return rng, rng
            return None, None
        if head.dep_ == "pcomp" and head.head.dep_ == "prep" and head.head.head is not head.head:
            head = head.head.head  # "celebrated ... by declaring ...": the subject of the host verb
            continue
        head = head.head
    return None, None


def _outer_cue(verb: Token) -> Token | None:
    """The cue verb whose complement a parallel cue was hung inside, through coordinated clauses ("saying that
    the bill was sound - and arguing that ...": "arguing" hangs off the last clause "saying" reports)."""
    first = verb.head
    for _ in range(6):
        if first.dep_ != "conj" or first.head is first:
            break
        first = first.head
    if first.dep_ in ("ccomp", "xcomp") and first.head is not first and cues.verb_weight(cues.lemma_of(first.head)) > 0:
        return first.head
    return None


def _controller(xcomp: Token) -> Token | None:
    """The object that is the understood subject of an infinitive ("That prompted Rubio to call Trump ...":
    Rubio calls), for verbs of causing and asking."""
    if xcomp.dep_ != "xcomp" or xcomp.head is xcomp or cues.lemma_of(xcomp.head) not in cues.OBJECT_CONTROL:
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children):
        return None
    return next((c for c in xcomp.head.children if c.dep_ == "dobj" and c.i < xcomp.i
                 and c.pos_ in ("PROPN", "NOUN", "PRON") and c.lower_ not in RELATIVE_PRONOUNS), None)


def _name_as_modifier(view: TokenView, verb: Token) -> Range | None:
    """A name the parser took for an adverb or modal right before a subject-less finite verb ("Early described
    it as ...", "Will acknowledges ...", "And Skelly called him ..."): a modal or adverb cannot precede a past
    or third-person form without a subject, so the capitalised word names the speaker."""
    i = verb.i - 1
    if i < 0 or view.quote_of[i] >= 0:
        return None
    tok = view.doc[i]
    others = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i != i]
    if verb.tag_ not in ("VBD", "VBZ") and not (verb.tag_ == "VBN" and verb.dep_ == "ROOT" and not others):
        return None  # "Skelly called him ...": a past form read as a participle after the would-be modal
    if not tok.text[:1].isupper() or tok.dep_ not in ("advmod", "aux", "amod", "npadvmod") or tok.ent_type_ in (
        "DATE", "TIME"
    ):
        return None
    starts = tok.is_sent_start or i > 0 and view.doc[i - 1].pos_ in ("CCONJ", "PUNCT")
    if tok.is_stop and tok.tag_ != "MD" or starts and tok.tag_ not in ("MD", "RB", "NNP"):
        return None  # "Also said ...", "Then added ..."
    return view.trim(i, i + 1, quotes=False)


def parallel_cue(tok: Token) -> bool:
    """True for a subject-less cue verb with its own complement, coordinated inside another clause
    ("said the country would leave and suggested that ...": the parser hangs "suggested" off "leave";
    "announced that ..., saying ...": the participle lands inside the announced clause)."""
    if tok.pos_ != "VERB" or cues.verb_weight(cues.lemma_of(tok)) < 0.5:
        return False
    if tok.dep_ == "advcl":
        if tok.tag_ != "VBG" or not _after_comma(tok):
            return False
    elif tok.dep_ != "conj":
        return False
    if any(c.dep_ in SUBJECTS or c.dep_ == "nsubjpass" for c in tok.children):
        return False
    return any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in tok.children)


def _after_comma(tok: Token) -> bool:
    """True when a comma comes right before the token, also inside a closing quotation mark ('“…,” adding')."""
    doc, i = tok.doc, tok.i - 1
    if i > 0 and doc[i].text in _QUOTE_PUNCT:
        i -= 1
    return i >= 0 and doc[i].text == ","


def noun_clause(noun: Token) -> Token | None:
    """The that-clause or to-infinitive complementing a cue noun, directly or through a copula."""
    for child in noun.rights:
        if child.dep_ in ("acl", "ccomp") and any(
            g.dep_ == "mark" and g.lower_ == "that" or g.dep_ == "aux" and g.lower_ == "to" for g in child.children
        ):
            return child
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        return next((c for c in noun.head.children if c.dep_ in ("ccomp", "xcomp") and c.i > noun.i), None)
    return None
