"""The Python API: open a store, ingest files, ask who said what about whom, run SPARQL.

    >>> from graph import open_graph
    >>> with open_graph(".claimgraph/store") as cg:
    ...     cg.ingest(["seeds/"])
    ...     claims = cg.claims(about="Keir Starmer")

The spaCy pipeline is loaded on first ingest only; reads never load it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.queries import ParamValue, run_query
from graph.rdf import iris
from graph.settings import Settings, get_settings

if TYPE_CHECKING:
    import networkx as nx
    from rdflib.query import Result
    from spacy.language import Language

    from graph.ingest import Extract, IngestReport
    from graph.store.base import Store


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One stored claim as plain Python values."""

    id: str
    iri: str
    document: str
    start: int
    end: int
    speaker: str | None  # canonical entity name, else the mention as written
    speaker_entity: str | None  # entity IRI when resolved
    speaker_text: str | None
    cue: str | None
    content: str
    kind: str
    confidence: float
    about: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        data = asdict(self)
        data["about"] = list(self.about)
        return data


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """One entity ranked by mentions."""

    id: str
    iri: str
    name: str
    type: str
    mentions: int
    documents: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return asdict(self)


def _value(row: Any, name: str) -> Any:
    value = getattr(row, name, None)
    return value.toPython() if value is not None and hasattr(value, "toPython") else value


def claim_from_row(row: Any) -> ClaimRecord:
    """A ClaimRecord from a row of ``queries/claims.rq``."""
    about = str(_value(row, "aboutNames") or "")
    return ClaimRecord(
        id=iris.local_id(str(row.claim)),
        iri=str(row.claim),
        document=str(row.docId),
        start=int(_value(row, "start")),
        end=int(_value(row, "end")),
        speaker=_str(row, "speakerName"),
        speaker_entity=_str(row, "speakerEntity"),
        speaker_text=_str(row, "speakerText"),
        cue=_str(row, "cue"),
        content=str(row.content),
        kind=str(row.kind),
        confidence=float(_value(row, "confidence")),
        about=tuple(a for a in about.split(" | ") if a),
    )


def _str(row: Any, name: str) -> str | None:
    value = getattr(row, name, None)
    return None if value is None else str(value)


class ClaimGraph:
    """A claimgraph store with the extraction pipeline attached on demand."""

    def __init__(self, store: Store, settings: Settings, nlp: Language | None = None) -> None:
        self.store = store
        self.settings = settings
        self._nlp = nlp

    def __enter__(self) -> ClaimGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded once when first needed."""
        if self._nlp is None:
            from graph.nlp import load_pipeline

            self._nlp = load_pipeline(self.settings.model)
        return self._nlp

    def ingest(
        self,
        paths: Sequence[str | Path],
        *,
        name: str | None = None,
        force: bool = False,
        stdin: Callable[[], bytes] | None = None,
        progress: Callable[[int], None] | None = None,
        extract: Extract | None = None,
    ) -> IngestReport:
        """Extract and store files or directories; unchanged documents are skipped.

        ``extract`` runs extraction elsewhere (``graph.parallel.ProcessPoolExtract`` or ``DaskExtract``);
        this process then never loads the pipeline and stays the single writer.
        """
        from graph.ingest import ingest

        return ingest(
            self.store,
            None if extract is not None else self.nlp,
            paths,
            extract=extract,
            name=name,
            max_bytes=self.settings.max_bytes,
            force=force,
            stdin=stdin,
            progress=progress,
        )

    def remove(self, document: str) -> bool:
        """Delete one document's data; False if it was not stored."""
        return self.store.drop_document(iris.document_iri(document))

    def claims(
        self,
        *,
        speaker: str | None = None,
        about: str | None = None,
        document: str | None = None,
        kind: str | None = None,
        min_confidence: float | None = None,
    ) -> list[ClaimRecord]:
        """Claims filtered by speaker / about (names or aliases, any case), document, kind, confidence."""
        params: dict[str, ParamValue | None] = {"kindTerm": kind, "minConfidence": min_confidence}
        narrowing = (
            ("claim-ids-by-speaker", "speaker", speaker),
            ("claim-ids-about", "about", about),
            ("claim-ids-in-document", "document", document),
        )
        ids: set[str] | None = None
        for query_name, param, value in narrowing:  # index lookups first; claims.rq then reads only these
            if value is None:
                continue
            found = {str(row[0]) for row in run_query(self.store, query_name, {param: value})}
            ids = found if ids is None else ids & found
        if ids is not None:
            if not ids:
                return []
            params["claim"] = sorted(ids)
        return [claim_from_row(row) for row in run_query(self.store, "claims", params)]

    def entities(self) -> list[EntityRecord]:
        """Entities ranked by number of mentions."""
        out = []
        for row in run_query(self.store, "entities-ranked"):
            out.append(
                EntityRecord(
                    id=iris.local_id(str(row.entity)),
                    iri=str(row.entity),
                    name=str(row.name),
                    type=str(row.type or "Thing"),
                    mentions=int(_value(row, "mentions")),
                    documents=int(_value(row, "documents")),
                )
            )
        return out

    def query(self, name: str, **params: ParamValue | None) -> Result:
        """Run a canned query from ``queries/`` by name."""
        return run_query(self.store, name, params)

    def sparql(self, text: str) -> Result:
        """Run any SPARQL query over all graphs."""
        return self.store.query(text)

    def graph(self, **filters: Any) -> nx.DiGraph:
        """The speaker → target graph (networkx); filters as ``ProjectionOptions`` (speaker, target, ...)."""
        from graph.project import ProjectionOptions, project

        return project(self.store, ProjectionOptions(**filters))

    def export(self, fmt: str, path: str | Path, **filters: Any) -> nx.DiGraph:
        """Write the speaker graph as graphml, gexf, cytoscape, node-link, dot, neo4j, png, svg or html."""
        from graph.export import export
        from graph.project import ProjectionOptions

        return export(self.store, fmt, path, ProjectionOptions(**filters))

    def stats(self) -> dict[str, int]:
        """Counts of documents, claims, entities, triples, runs and quads."""
        (row,) = list(run_query(self.store, "stats"))  # consumed whole: a suspended result keeps the store open
        counts = {str(var): int(_value(row, str(var))) for var in ("documents", "claims", "entities", "triples", "runs")}
        counts["quads"] = self.store.quad_count()
        return counts

    def close(self) -> None:
        """Close the store."""
        self.store.close()


def open_graph(
    store: str | Path | None = None,
    *,
    model: str | None = None,
    nlp: Language | None = None,
    settings: Settings | None = None,
    read_only: bool = False,
    create: bool = True,
) -> ClaimGraph:
    """Open a ClaimGraph on a store location (default: ``$CLAIMGRAPH_STORE`` or ``.claimgraph/store``)."""
    from dataclasses import replace

    from graph.store import open_store

    base = settings or get_settings()
    chosen = replace(base, store=str(store) if store is not None else base.store, model=model or base.model)
    options = {"update_url": chosen.update_url, "graph_store_url": chosen.graph_store_url}
    opened = open_store(chosen.store, read_only=read_only, create=create, **{k: v for k, v in options.items() if v})
    return ClaimGraph(opened, chosen, nlp)
