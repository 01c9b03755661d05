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

from graph.lookups.claims import ClaimFilter, ClaimRecord, claim_page, find_claims, records_in_order
from graph.lookups.paging import Page
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
    """The row's value for ``name`` as a plain Python value (None when unbound)."""
    value = getattr(row, name, None)
    return value.toPython() if value is not None and hasattr(value, "toPython") else value


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
        q: str | None = None,
    ) -> list[ClaimRecord]:
        """Claims filtered by speaker / about (names or aliases, any case), document, kind, confidence, text ``q``.

        Sorted by document, position in the text and id; ``graph.lookups.claims`` does the work (as for ``/claims``).
        """
        return find_claims(self.store, ClaimFilter(speaker, about, document, kind, min_confidence, q))

    def claims_page(self, limit: int, cursor: str | None = None, **filters: Any) -> Page[ClaimRecord]:
        """``limit`` claims after ``cursor`` (the previous page's ``next_cursor``), filtered as ``claims()``.

        Pages like ``/claims``; a cursor not issued for claims raises CursorError.
        """
        keys = claim_page(self.store, ClaimFilter(**filters), cursor, limit)
        return Page(records_in_order(self.store, keys.items), keys.next_cursor, keys.total)

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
