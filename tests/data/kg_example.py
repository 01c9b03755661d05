"""Hand-built extractions for the knowledge-graph tests, independent of what the real extractor finds.

``example_extraction()`` is the document behind ``example-expected.trig`` (the RDF it must map to);
``fake_extract`` is a tiny rule-based stand-in for ``graph.extract.pipeline.extract_many`` so that
store, ingest and CLI tests can state exact expectations while the real extractor keeps changing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.types import Claim, ClaimKind, Entity, EntityType, Extraction, Mention, Span, Triple

if TYPE_CHECKING:
    import pytest
    from spacy.language import Language

DATA = Path(__file__).resolve().parent
REPO = DATA.parent.parent
SEEDS = REPO / "seeds"
EXPECTED_TRIG = DATA / "example-expected.trig"

EXAMPLE_ID = "example.txt"
EXAMPLE_PATH = "data/example.txt"
EXAMPLE_TEXT = (
    'Mayor Jane Doe said "Acme lied about the bridge." Acme Corp said that Bob Smith approved it.\n'
    "Officials claimed the bridge is safe. Doe praised Smith.\n"
)
SOFTWARE = "claimgraph test"
MODEL = "en_test-0"
STARTED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
ENDED = datetime(2026, 1, 2, 3, 4, 6, tzinfo=timezone.utc)


def span_of(text: str, piece: str, occurrence: int = 0) -> Span:
    """The n-th occurrence of ``piece`` in ``text`` as a verified span."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(piece, start + 1)
    return Span.of(text, start, start + len(piece))


def example_extraction() -> Extraction:
    """Three claims (direct, indirect, unresolved speaker), three entities, two triples (one unresolved)."""
    t = EXAMPLE_TEXT

    def s(piece: str, occurrence: int = 0) -> Span:
        """A span of the example text."""
        return span_of(t, piece, occurrence)

    s1 = s('Mayor Jane Doe said "Acme lied about the bridge."')
    s2 = s("Acme Corp said that Bob Smith approved it.")
    s3 = s("Officials claimed the bridge is safe.")
    s4 = s("Doe praised Smith.")
    jane = Entity("jane-doe", "Jane Doe", EntityType.PERSON, ("Doe", "Jane Doe"), (s("Jane Doe"), s("Doe", 1)))
    acme = Entity("acme-corp", "Acme Corp", EntityType.ORGANIZATION, ("Acme",), (s("Acme"), s("Acme Corp")))
    bob = Entity("bob-smith", "Bob Smith", EntityType.PERSON, ("Smith",), (s("Bob Smith"), s("Smith", 1)))
    direct = Claim(
        kind=ClaimKind.DIRECT,
        contents=(s('"Acme lied about the bridge."'),),
        cue=s("said"),
        source=Mention(s("Jane Doe"), "jane-doe"),
        about=(Mention(s("Acme"), "acme-corp"),),
        sentence=s1,
        confidence=0.9,
    )
    indirect = Claim(
        kind=ClaimKind.INDIRECT,
        contents=(s("that Bob Smith approved it"),),
        cue=s("said", 1),
        source=Mention(s("Acme Corp"), "acme-corp"),
        about=(Mention(s("Bob Smith"), "bob-smith"),),
        sentence=s2,
        confidence=0.8,
    )
    unresolved = Claim(
        kind=ClaimKind.INDIRECT,
        contents=(s("the bridge is safe"),),
        cue=s("claimed"),
        source=Mention(s("Officials"), None),
        sentence=s3,
        confidence=0.6,
    )
    praise = Triple(
        subject=Mention(s("Doe", 1), "jane-doe"),
        predicate=s("praised"),
        relation="praise",
        object=Mention(s("Smith", 1), "bob-smith"),
        sentence=s4,
    )
    approve = Triple(
        subject=Mention(s("Bob Smith"), "bob-smith"),
        predicate=s("approved"),
        relation="approve",
        object=Mention(s("it", 1), None),  # "approved it", not the "it" in "Smith"
        sentence=s2,
    )
    return Extraction(
        text=t,
        sentences=(s1, s2, s3, s4),
        entities=(jane, acme, bob),
        claims=(direct, indirect, unresolved),
        triples=(praise, approve),
        model=MODEL,
    )


# ------------------------------------------------------------------ a rule-based stand-in extractor

_SENTENCE = re.compile(r"[^\s][^.!?\n]*[.!?]?\"?")
_SAID = re.compile(r'(?P<speaker>[A-Z][a-z]+(?: [A-Z][a-z]+)+) said "(?P<content>[^"]+)"')
_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)+")


def _slug(name: str) -> str:
    """An entity key from a name."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def fake_extract(text: str) -> Extraction:
    """Claims for every ``First Last said "..."``; entities are the capitalised multi-word names.

    ``EXAMPLE_TEXT`` maps to ``example_extraction()``. Exact and instant, so store tests never depend
    on the real extractor's current output.
    """
    if text == EXAMPLE_TEXT:
        return example_extraction()
    sentences = tuple(Span.of(text, m.start(), m.end()) for m in _SENTENCE.finditer(text))
    mentions: dict[str, list[Span]] = {}
    for match in _NAME.finditer(text):
        mentions.setdefault(match.group(), []).append(Span.of(text, match.start(), match.end()))
    entities = tuple(_fake_entity(name, spans) for name, spans in mentions.items())
    claims = []
    for match in _SAID.finditer(text):
        speaker = Span.of(text, match.start("speaker"), match.end("speaker"))
        content = Span.of(text, match.start("content") - 1, match.end("content") + 1)
        about = tuple(
            Mention(Span.of(text, content.start + m.start(), content.start + m.end()), _slug(m.group()))
            for m in _NAME.finditer(content.text)
        )
        sentence = next((s for s in sentences if s.start <= speaker.start < s.end), None)
        claims.append(
            Claim(
                kind=ClaimKind.DIRECT,
                contents=(content,),
                cue=Span.of(text, match.end("speaker") + 1, match.end("speaker") + 5),
                source=Mention(speaker, _slug(speaker.text)),
                about=about,
                sentence=sentence,
                confidence=0.9,
            )
        )
    return Extraction(text=text, sentences=sentences, entities=entities, claims=tuple(claims), model=MODEL)


_ORG_WORDS = frozenset({"Corp", "Party", "Network", "Council"})


def _fake_entity(name: str, spans: list[Span]) -> Entity:
    """Organisations end in an org word and are aliased by their first word; people by their surname."""
    words = name.split()
    if words[-1] in _ORG_WORDS:
        return Entity(_slug(name), name, EntityType.ORGANIZATION, (words[0],), tuple(spans))
    return Entity(_slug(name), name, EntityType.PERSON, (words[-1],), tuple(spans))


def fake_extract_many(nlp: Any, texts: Iterable[str], **_options: Any) -> Iterator[Extraction]:
    """Drop-in for ``graph.extract.pipeline.extract_many`` that ignores the pipeline."""
    for text in texts:
        yield fake_extract(text)


def fake_extract_batch(texts: Sequence[str]) -> list[Extraction]:
    """The stand-in as the ``extract`` step that ``graph.ingest.ingest`` accepts."""
    return [fake_extract(text) for text in texts]


def fixed_clock() -> datetime:
    """A clock for ``ingest(clock=...)`` so that two ingests can be compared quad for quad."""
    return STARTED


def use_fake_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ingest use ``fake_extract_many`` wherever it looks the extractor up."""
    import graph.extract.pipeline
    import graph.ingest

    monkeypatch.setattr(graph.extract.pipeline, "extract_many", fake_extract_many)
    monkeypatch.setattr(graph.ingest, "extract_many", fake_extract_many, raising=False)


# ------------------------------------------------------------------ the seed files, ingested once per session


def seed_store(tmp_path_factory: pytest.TempPathFactory, nlp: Language, target: Path) -> Path:
    """A store at ``target`` holding ``seeds/`` as ingested by the real pipeline (extracted once per session).

    The first call ingests into a staging store and dumps it as N-Quads; every call loads that dump.
    """
    import pyoxigraph as ox

    from graph.store.embedded import EmbeddedStore

    dump = tmp_path_factory.getbasetemp() / "seed-store.nq"
    if not dump.exists():
        import graph.extract.pipeline
        from graph.ingest import ingest

        assert graph.extract.pipeline.extract_many is not fake_extract_many, "seeds need the real extractor"

        staging = tmp_path_factory.mktemp("seed-store-staging")
        with EmbeddedStore(staging / "store") as store:
            report = ingest(store, nlp, [SEEDS])
            assert not report.failed, report.failed
            store.inner.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    with EmbeddedStore(target) as store:
        store.inner.load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    return target
