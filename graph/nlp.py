"""Loading the spaCy pipeline once, by package name or path, with a clear error when missing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

REQUIRED_COMPONENTS = ("parser", "ner")


def load_pipeline(name_or_path: str) -> Language:
    """Load an installed spaCy pipeline (package name or directory); never downloads anything."""
    import spacy

    try:
        nlp = spacy.load(name_or_path)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {name_or_path!r} is not installed or not a pipeline directory; "
            "install it with pip or pass --model / CLAIMGRAPH_MODEL with an installed name or path"
        ) from exc
    missing = [c for c in REQUIRED_COMPONENTS if c not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline {name_or_path!r} lacks the components {', '.join(missing)}")
    return nlp


def pipeline_label(nlp: Language) -> str:
    """A short 'lang_name-version' label recorded as provenance of an extraction run."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
