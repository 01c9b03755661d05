"""The seed documents ingested once per test session into an in-memory store, shared by the graph export tests.

Read-only for every test: an in-memory Oxigraph store has no lock, so modules can share it and a test
server can serve it. The seed texts are read from ``seeds/`` to check stored offsets against the files.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from spacy.language import Language

    from graph.store.embedded import EmbeddedStore

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SPEAKERS = ("Keir Starmer", "Angela Rayner", "Labour Muslim Network")  # speakers the seeds quote
SEED_STORE = pytest.StashKey["EmbeddedStore"]()


def seed_store(config: pytest.Config, nlp: Language) -> EmbeddedStore:
    """The seeds ingested into one in-memory store, kept in the session's stash so every module shares it."""
    if SEED_STORE not in config.stash:
        from graph.ingest import ingest
        from graph.store.embedded import EmbeddedStore

        store = EmbeddedStore(None)
        report = ingest(store, nlp, [SEEDS])
        assert report.documents == len(list(SEEDS.glob("*.txt"))) and not report.failed
        config.stash[SEED_STORE] = store
    return config.stash[SEED_STORE]


def seed_text(doc_id: str) -> str:
    """A seed document's text exactly as ingested (UTF-8, offsets in code points)."""
    return (SEEDS / doc_id).read_bytes().decode("utf-8")
