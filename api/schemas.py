"""Pydantic models of the JSON bodies, used to document responses in OpenAPI (bodies are built as dicts)."""

from __future__ import annotations

from pydantic import BaseModel


class SpanOut(BaseModel):
    """A span of the original text: code-point offsets and the text itself."""

    start: int
    end: int
    text: str


class EntityRef(BaseModel):
    """A link to an entity."""

    id: str
    iri: str
    name: str | None
    href: str


class AboutRef(EntityRef):
    """An entity a claim is about, with the mentions that name it."""

    mentions: list[SpanOut]


class Speaker(BaseModel):
    """Who made the claim: the resolved entity (if any) and the mention as written."""

    name: str | None
    entity: EntityRef | None
    mention: SpanOut | None


class Content(SpanOut):
    """The claim's content: overall offsets and the individual content spans."""

    spans: list[SpanOut]


class DocumentRef(BaseModel):
    """A link to a document."""

    id: str
    iri: str
    href: str


class ClaimOut(BaseModel):
    """One claim: who said what about whom, where, with what confidence."""

    id: str
    iri: str
    kind: str
    confidence: float
    speaker: Speaker | None
    cue: SpanOut | None
    content: Content
    about: list[AboutRef]
    document: DocumentRef
    start: int
    end: int
    sentence: SpanOut | None
    links: dict[str, str]


class ClaimPage(BaseModel):
    """One page of claims; ``next`` (also in the Link header) fetches the following page."""

    items: list[ClaimOut]
    total: int
    next: str | None


class EntityOut(BaseModel):
    """An entity with its claim counts."""

    id: str
    iri: str
    name: str
    type: str
    claims_by: int
    claims_about: int
    links: dict[str, str]


class EntityPage(BaseModel):
    """One page of entities ranked by claims."""

    items: list[EntityOut]
    total: int
    next: str | None


class EntityDetail(EntityOut):
    """An entity's page: aliases and (the first 25 of) the claims it made and the claims about it."""

    aliases: list[str]
    claims_made: list[ClaimOut]
    claims_about_it: list[ClaimOut]


class DocumentOut(BaseModel):
    """A stored document."""

    id: str
    iri: str
    path: str
    sha256: str
    title: str | None
    claims: int
    links: dict[str, str]


class DocumentPage(BaseModel):
    """One page of documents."""

    items: list[DocumentOut]
    total: int
    next: str | None


class Extraction(BaseModel):
    """The extraction run that produced a document's data."""

    software: str
    model: str
    ended: str


class DocumentDetail(BaseModel):
    """A document's description and its claims in text order."""

    id: str
    iri: str
    path: str
    sha256: str
    title: str | None
    length: int | None
    extraction: Extraction | None
    claim_count: int
    claims: list[ClaimOut]
    links: dict[str, str]


class UploadResult(BaseModel):
    """What ingesting an uploaded file did and what was extracted from it."""

    document: str
    status: str
    claims: int
    triples: int
    quads: int
    seconds: float
    extracted: list[ClaimOut]
    links: dict[str, str]


class ParameterOut(BaseModel):
    """One parameter of a canned query."""

    name: str
    kind: str
    required: bool
    description: str


class QueryOut(BaseModel):
    """A canned query from ``queries/``."""

    name: str
    description: str
    parameters: list[ParameterOut]
    href: str
