"""The default store: Oxigraph embedded on disk (pyoxigraph), queried through rdflib via oxrdflib."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.term import Node

from graph.errors import QueryError, StoreError, StoreLockedError
from graph.rdf.mapping import DocumentGraph
from graph.rdf.ntriples import ntriples
from graph.store.base import HASHES_QUERY, drop_update, replace_update

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Dataset
    from rdflib.query import Result


def _open_disk_store(path: Path) -> pyoxigraph.Store:
    """Open the on-disk store; if this very process still holds its lock through a closed handle that only
    awaits garbage collection (rdflib objects sit in reference cycles), collect once and retry."""
    import gc

    import pyoxigraph as ox

    try:
        return ox.Store(str(path))
    except OSError as exc:
        if "current process" not in str(exc):
            raise
    gc.collect()
    return ox.Store(str(path))


class EmbeddedStore:
    """An Oxigraph store in a directory (or in memory when ``path`` is None); one writer process at a time."""

    def __init__(self, path: str | Path | None, *, read_only: bool = False, create: bool = True) -> None:
        import pyoxigraph as ox
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        if self.path is not None and not create and not self.path.exists():
            raise StoreError(f"no store at {self.path}: ingest documents first (claimgraph ingest PATH --store {self.path})")
        try:
            if self.path is None:
                inner = ox.Store()
            elif read_only:
                inner = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                inner = _open_disk_store(self.path)
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreLockedError(
                    f"the store at {self.path} is in use by another claimgraph process (one writer at a time); "
                    "stop it, or point --store at the running server's SPARQL endpoint"
                ) from exc
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc
        self.inner: pyoxigraph.Store = inner
        self.dataset: Dataset = Dataset(store=OxigraphStore(store=inner), default_union=True)

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def replace_documents(self, docs: Sequence[DocumentGraph]) -> None:
        """Write the documents in one Oxigraph transaction: each is fully old or fully new.

        Documents not stored yet go through Oxigraph's transactional quad loader (``extend``: no SPARQL
        text to build or parse, ~3x faster); replacing a stored version uses one SPARQL update that
        drops the old data and inserts the new.
        """
        if not docs:
            return
        try:
            if any(self._stored(doc.iri) for doc in docs):
                self.inner.update(" ;\n".join(replace_update(doc) for doc in docs))
                return
            self.inner.extend(_quads(docs))
        except (OSError, RuntimeError, SyntaxError, ValueError) as exc:  # RuntimeError: evaluation failed
            raise StoreError(f"writing {len(docs)} document(s) failed, nothing was written: {exc}") from exc
        deletes = [triple for doc in docs for triple in doc.default_deletes]
        if deletes:  # superseded entity names; applied only once the documents are in
            self.update(f"DELETE DATA {{ {ntriples(deletes)} }}")

    def _stored(self, doc: URIRef) -> bool:
        """Whether any version of the document is in the store (its graph or its description)."""
        import pyoxigraph as ox

        node = ox.NamedNode(str(doc))
        return self.inner.contains_named_graph(node) or any(
            True for _ in self.inner.quads_for_pattern(node, None, None, ox.DefaultGraph())
        )

    def drop_document(self, doc: URIRef) -> bool:
        present = self._stored(doc)
        if present:
            try:
                self.inner.update(drop_update(doc))
            except (OSError, RuntimeError, ValueError) as exc:
                raise StoreError(f"removing {doc} failed, nothing was removed: {exc}") from exc
        return present

    def document_hashes(self) -> dict[str, str]:
        return {str(row[0]): str(row[1]) for row in self.query(HASHES_QUERY)}

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        try:
            return self.dataset.query(sparql, initBindings=dict(bindings or {}))
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from exc

    def update(self, sparql: str) -> None:
        try:
            self.inner.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise StoreError(f"update failed: {exc}") from exc

    def quad_count(self) -> int:
        return len(self.inner)

    def close(self) -> None:
        """Flush and release the store so the same process (or another) can open it again at once."""
        inner = getattr(self, "inner", None)
        if inner is not None and self.path is not None and not self.read_only:  # read-only handles cannot flush
            inner.flush()
        dataset = self.__dict__.pop("dataset", None)
        if dataset is not None:  # rdflib's Dataset sits in reference cycles: drop its Oxigraph handle now, not at GC
            dataset.close()
        self.__dict__.pop("inner", None)


def _quads(docs: Sequence[DocumentGraph]) -> list[pyoxigraph.Quad]:
    """The documents' named and default-graph triples as pyoxigraph quads."""
    import pyoxigraph as ox

    cache: dict[Node, ox.NamedNode | ox.Literal] = {}

    def convert(node: Node) -> ox.NamedNode | ox.Literal:
        found = cache.get(node)
        if found is not None:
            return found
        if isinstance(node, URIRef):
            made: ox.NamedNode | ox.Literal = ox.NamedNode(str(node))
            cache[node] = made
            return made
        if isinstance(node, Literal):
            if node.language:
                return ox.Literal(str(node), language=node.language)
            if node.datatype is not None:
                return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
            return ox.Literal(str(node))
        raise ValueError(f"claimgraph stores no blank nodes: {node!r}")

    default = ox.DefaultGraph()
    out: list[ox.Quad] = []
    for doc in docs:
        graph = ox.NamedNode(str(doc.iri))
        out.extend(ox.Quad(convert(s), convert(p), convert(o), graph) for s, p, o in doc.named)  # type: ignore[arg-type]
        out.extend(ox.Quad(convert(s), convert(p), convert(o), default) for s, p, o in doc.default)  # type: ignore[arg-type]
    return out
