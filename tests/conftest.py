"""Shared pytest fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from graph.nlp import load_pipeline
from graph.settings import DEFAULT_MODEL

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The default spaCy pipeline, loaded once for the whole session (loading takes seconds)."""
    return load_pipeline(DEFAULT_MODEL)
