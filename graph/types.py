"""Result types shared by every stage: extraction produces them, the RDF mapping consumes them.

All offsets are Unicode code-point offsets into the original, unmodified document text,
so ``text[span.start:span.end] == span.text`` always holds.  No spaCy object crosses
this boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A verifiable slice of a document: ``text[start:end] == text``."""

    start: int
    end: int
    text: str

    def verify(self, document: str) -> bool:
        """True when this span quotes ``document`` exactly."""
        return 0 <= self.start <= self.end <= len(document) and document[self.start : self.end] == self.text

    @classmethod
    def of(cls, document: str, start: int, end: int) -> Span:
        """Build a span by slicing the document, so the text can never disagree with the offsets."""
        return cls(start, end, document[start:end])


class EntityType(str, Enum):
    """Coarse entity classes; mapped to schema.org types in RDF."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    PLACE = "Place"
    GROUP = "Group"  # NORP-like collectives: "Muslims", "voters"
    OTHER = "Thing"


class ClaimKind(str, Enum):
    """How a claim is reported."""

    DIRECT = "direct"  # fully quoted content
    INDIRECT = "indirect"  # reported speech, no quote marks
    MIXED = "mixed"  # reported speech with a quoted fragment
    CONTINUATION = "continuation"  # quote-only paragraph continuing the previous speaker
    NO_SOURCE = "no-source"  # "accusations that ..." with no stated source


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world referent within a document, with every surface form seen for it.

    ``key`` is a stable slug of the canonical name, unique within one extraction.
    """

    key: str
    name: str  # canonical: the fullest form seen
    type: EntityType
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that refers to an entity (``entity`` is an Entity.key, or None if unresolved)."""

    span: Span
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """An attributed statement: who (source/speaker), the cue, what (contents), about whom."""

    kind: ClaimKind
    contents: tuple[Span, ...]
    cue: Span | None = None
    source: Mention | None = None  # the speaker as written, resolved to an entity where possible
    about: tuple[Mention, ...] = ()  # entities the content concerns, plus the addressee
    sentence: Span | None = None  # the (first) sentence holding the cue or content
    confidence: float = 0.5

    @property
    def speaker(self) -> str | None:
        """Entity key of the resolved speaker, if any."""
        return self.source.entity if self.source else None

    @property
    def content_text(self) -> str:
        """The content as one string (discontinuous spans joined by a space)."""
        return " ".join(span.text for span in self.contents)

    @property
    def start(self) -> int:
        """Earliest offset of any part of the claim, for text ordering."""
        parts = [s.start for s in self.contents]
        if self.cue:
            parts.append(self.cue.start)
        if self.source:
            parts.append(self.source.span.start)
        return min(parts)


@dataclass(frozen=True, slots=True)
class Triple:
    """A subject–predicate–object statement read off the dependency parse of one sentence."""

    subject: Mention
    predicate: Span  # the verb (with particle/preposition) as written
    relation: str  # normalised predicate, e.g. lemma "defeat" or "be_in"
    object: Mention
    sentence: Span
    voice: str = "active"  # active | passive | copula | prep

    @property
    def offsets(self) -> tuple[int, int, int, int]:
        """What identifies the stored statement in its document: subject, predicate and object offsets."""
        return self.subject.span.start, self.predicate.start, self.object.span.start, self.object.span.end


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document."""

    text: str
    sentences: tuple[Span, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    triples: tuple[Triple, ...] = ()
    model: str = ""  # name/version of the spaCy pipeline used
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def entity(self, key: str | None) -> Entity | None:
        """The entity with this key, or None."""
        if key is None:
            return None
        for entity in self.entities:
            if entity.key == key:
                return entity
        return None

    def spans(self) -> list[Span]:
        """Every span this extraction carries, for verification."""
        out: list[Span] = list(self.sentences)
        for entity in self.entities:
            out.extend(entity.mentions)
        for claim in self.claims:
            out.extend(claim.contents)
            if claim.cue:
                out.append(claim.cue)
            if claim.source:
                out.append(claim.source.span)
            out.extend(m.span for m in claim.about)
            if claim.sentence:
                out.append(claim.sentence)
        for triple in self.triples:
            out.extend([triple.subject.span, triple.predicate, triple.object.span, triple.sentence])
        return out
