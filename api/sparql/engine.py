"""Evaluating SPARQL for the protocol endpoint: natively on the embedded Oxigraph store, else through the Store
protocol (rdflib Results); each query in a worker thread under a time limit and a row cap."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from api.errors import BadRequest, QueryTimeout
from api.sparql.graphs import OxigraphTriples, RdflibTriples
from api.sparql.terms import Term, from_oxigraph, from_rdflib
from graph.errors import QueryError, StoreError

if TYPE_CHECKING:
    from rdflib.query import Result

    from graph.store.base import Store

DATASET_UNSUPPORTED = (
    "default-graph-uri / named-graph-uri need the embedded store, or a SPARQL-server store that passes them "
    "on to the server (this store does not); name graphs with FROM / FROM NAMED or GRAPH in the query instead"
)


@runtime_checkable
class DatasetQuerying(Protocol):
    """A store that can run a query over a dataset the SPARQL 1.1 Protocol names (a SPARQL-server store
    sending ``default-graph-uri`` / ``named-graph-uri`` on to its server)."""

    def query_dataset(self, sparql: str, default_graphs: Sequence[str], named_graphs: Sequence[str]) -> Result:
        """Run a query with these default and named graphs (as the protocol parameters) instead of the union."""


@dataclass(frozen=True, slots=True)
class DatasetSpec:
    """The protocol's ``default-graph-uri`` / ``named-graph-uri`` values; empty means the union of all graphs."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def given(self) -> bool:
        """Whether the request names its dataset."""
        return bool(self.default_graphs or self.named_graphs)


@dataclass(frozen=True, slots=True)
class Solutions:
    """A SELECT result: variable names and rows (None = unbound), cut at the row cap."""

    variables: tuple[str, ...]
    rows: list[list[Term | None]]
    truncated: bool


@dataclass(frozen=True, slots=True)
class Boolean:
    """An ASK result."""

    value: bool


@dataclass(frozen=True, slots=True)
class Triples:
    """A CONSTRUCT / DESCRIBE result, cut at the row cap."""

    graph: OxigraphTriples | RdflibTriples
    truncated: bool


Outcome = Solutions | Boolean | Triples


class _Deadline:
    """A point in time after which row iteration stops with QueryTimeout."""

    def __init__(self, seconds: float) -> None:
        """Time out ``seconds`` from now."""
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def check(self) -> None:
        """Raise QueryTimeout once the deadline has passed."""
        if time.monotonic() > self.at:
            raise QueryTimeout(f"the query ran longer than the {self.seconds:g} s limit")


def _capped(items: Iterable[Any], cap: int, deadline: _Deadline) -> tuple[list[Any], bool]:
    """At most ``cap`` items (and whether more were left), checking the deadline between items."""
    out: list[Any] = []
    try:
        for item in items:
            deadline.check()
            if len(out) >= cap:
                return out, True
            out.append(item)
        return out, False
    finally:
        del items  # release the store's iterator here, in the worker thread, even when timing out


class SparqlEngine:
    """Runs protocol queries and updates against a Store, off the event loop, under the configured limits."""

    def __init__(self, store: Store, *, timeout: float, max_rows: int, workers: int) -> None:
        """Wrap a store; queries run on ``workers`` threads under the limits."""
        self.store = store
        self.timeout = timeout
        self.max_rows = max_rows
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sparql")
        self.native = getattr(store, "inner", None)  # the pyoxigraph Store of an EmbeddedStore

    async def query(self, text: str, dataset: DatasetSpec) -> Outcome:
        """Evaluate a query; QueryTimeout if it runs past the limit (the worker stops at its next row)."""
        deadline = _Deadline(self.timeout)
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self.executor, self.evaluate, text, dataset, deadline)
        try:
            return await asyncio.wait_for(future, timeout=self.timeout + 0.05)
        except TimeoutError as exc:
            raise QueryTimeout(f"the query ran longer than the {self.timeout:g} s limit") from exc

    async def update(self, text: str) -> None:
        """Run an update in a worker thread (updates are not time-limited: stopping one halfway is not possible)."""
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self.executor, self._update, text)

    def evaluate(self, text: str, dataset: DatasetSpec, deadline: _Deadline) -> Outcome:
        """Evaluate synchronously (in a worker thread); a query that waited past its deadline is not started."""
        deadline.check()
        if self.native is not None:
            return self._native(text, dataset, deadline)
        if not dataset.given:
            return self._generic(self.store.query(text), deadline)
        if not isinstance(self.store, DatasetQuerying):
            raise BadRequest(DATASET_UNSUPPORTED)
        return self._generic(self.store.query_dataset(text, dataset.default_graphs, dataset.named_graphs), deadline)

    def _native(self, text: str, dataset: DatasetSpec, deadline: _Deadline) -> Outcome:
        """Evaluate with pyoxigraph directly (dataset parameters honoured, union default graph otherwise)."""
        import pyoxigraph as ox

        options: dict[str, Any] = {"use_default_graph_as_union": True}
        if dataset.given:
            try:
                options = {
                    "default_graph": [ox.NamedNode(g) for g in dataset.default_graphs],
                    "named_graphs": [ox.NamedNode(g) for g in dataset.named_graphs],
                }
            except ValueError as exc:
                raise BadRequest(f"invalid graph IRI: {exc}") from exc
        result: Any = None
        try:
            result = self.native.query(text, **options)
            if isinstance(result, ox.QueryBoolean):
                return Boolean(bool(result))
            if isinstance(result, ox.QueryTriples):
                triples, cut = _capped(result, self.max_rows, deadline)
                return Triples(OxigraphTriples(triples), cut)
            variables = tuple(v.value for v in result.variables)
            rows, cut = _capped(_ox_rows(result, len(variables)), self.max_rows, deadline)
            return Solutions(variables, rows, cut)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from exc
        finally:
            del result  # pyoxigraph iterators must be dropped on the thread that made them, never via a traceback

    def _generic(self, result: Result, deadline: _Deadline) -> Outcome:
        """An rdflib Result from the Store protocol (non-embedded backends) as an Outcome under the limits."""
        if result.type == "ASK":
            return Boolean(bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            triples, cut = _capped(result.graph or (), self.max_rows, deadline)
            return Triples(RdflibTriples(triples), cut)
        variables = tuple(str(v) for v in result.vars or ())
        rows, cut = _capped(_rdflib_rows(result, variables), self.max_rows, deadline)
        return Solutions(variables, rows, cut)

    def _update(self, text: str) -> None:
        """Apply an update natively, or through the Store protocol."""
        if self.native is None:
            self.store.update(text)
            return
        try:
            self.native.update(text)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (OSError, ValueError) as exc:
            raise StoreError(f"update failed: {exc}") from exc

    def close(self) -> None:
        """Stop accepting work and drop the store handle; running queries finish in the background."""
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.native = None


def _ox_rows(result: Any, width: int) -> Iterator[list[Term | None]]:
    """pyoxigraph solutions as rows of Terms."""
    for solution in result:
        yield [None if solution[i] is None else from_oxigraph(solution[i]) for i in range(width)]


def _rdflib_rows(result: Any, variables: Sequence[str]) -> Iterator[list[Term | None]]:
    """rdflib result rows as rows of Terms."""
    for row in result:
        yield [None if row[v] is None else from_rdflib(row[v]) for v in variables]
