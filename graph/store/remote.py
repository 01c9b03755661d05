"""A store on any SPARQL 1.1 server (Oxigraph, Virtuoso, ...): Protocol for queries and updates, GSP for bulk data.

Every write is one SPARQL update request holding, per document, ``DROP GRAPH`` + deletes of its
default-graph description + ``INSERT DATA`` (see :func:`graph.store.base.replace_update`), so on a
server that runs an update request as one transaction (Oxigraph does) each document is fully old or
fully new. The Graph Store Protocol cannot do that: a ``PUT`` replaces one graph, while a document
also owns triples in the default graph, so GSP is used only for appending bulk data and for reading
the real default graph. Queries rely on the server's default graph being the union of all graphs
(Oxigraph: ``serve --union-default-graph``); opening a store checks it. Results come back as rdflib
``Result`` objects parsed from ``application/sparql-results+json`` or N-Triples, so callers see no
difference from the embedded store. Virtuoso (detected from its ``Server`` header, or chosen with
``CLAIMGRAPH_STORE_DIALECT=virtuoso``) needs a dialect of its own: see :mod:`graph.store.virtuoso`.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
from rdflib import Literal, URIRef
from rdflib.term import Node

from graph.errors import QueryError, StoreConnectionError, StoreError
from graph.rdf.mapping import DocumentGraph
from graph.rdf.ntriples import iri_term, ntriples
from graph.store import virtuoso
from graph.store.base import HASHES_QUERY, drop_update, replace_update

if TYPE_CHECKING:
    from rdflib.query import Result

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = URIRef(f"{XSD}string")
XSD_INTEGER = URIRef(f"{XSD}integer")
DERIVED_INTEGERS = frozenset(  # Oxigraph stores these as xsd:integer; Virtuoso keeps them
    URIRef(f"{XSD}{name}")
    for name in (
        "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "long", "int",
        "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    )
)
RESULTS_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
TRANSIENT_STATUS = frozenset({408, 425, 429, 502, 503, 504})
NOT_RUN_STATUS = frozenset({429, 503})  # the server refused the request before running it
MAX_REQUEST_QUADS = 50_000  # documents per update request are grouped up to this many quads (never split)
UNION_HINT = (
    "the server's default graph is not the union of its named graphs, so claimgraph's queries would find "
    "nothing; start Oxigraph with `oxigraph serve --union-default-graph`, or configure your server so that "
    "queries without FROM see all graphs (Virtuoso does by default)"
)
UNION_PROBE = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1"
DIALECTS = ("auto", "standard", "virtuoso")


@dataclass(frozen=True, slots=True)
class Credentials:
    """How to authenticate to the server: basic or digest (user/password) or a bearer token."""

    user: str | None = None
    password: str | None = None
    token: str | None = None
    scheme: str = "basic"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Credentials:
        """CLAIMGRAPH_STORE_USER / _PASSWORD (scheme from CLAIMGRAPH_STORE_AUTH: basic|digest) or _TOKEN."""
        env = os.environ if env is None else env
        return cls(
            user=env.get("CLAIMGRAPH_STORE_USER") or None,
            password=env.get("CLAIMGRAPH_STORE_PASSWORD") or None,
            token=env.get("CLAIMGRAPH_STORE_TOKEN") or None,
            scheme=(env.get("CLAIMGRAPH_STORE_AUTH") or "basic").lower(),
        )

    def auth(self) -> httpx.Auth | None:
        """The httpx auth for these credentials (None when anonymous)."""
        if self.token:
            return _BearerAuth(self.token)
        if self.user is None:
            return None
        if self.scheme == "digest":
            return httpx.DigestAuth(self.user, self.password or "")
        if self.scheme != "basic":
            raise StoreError(f"CLAIMGRAPH_STORE_AUTH must be basic or digest, not {self.scheme!r}")
        return httpx.BasicAuth(self.user, self.password or "")


class _BearerAuth(httpx.Auth):
    """``Authorization: Bearer <token>`` on every request."""

    def __init__(self, token: str) -> None:
        self.token = token

    def auth_flow(self, request: httpx.Request) -> Iterator[httpx.Request]:
        request.headers["Authorization"] = f"Bearer {self.token}"
        yield request


class RemoteStore:
    """A SPARQL 1.1 server as a claimgraph store, over one kept-alive HTTP connection pool."""

    def __init__(
        self,
        query_url: str,
        *,
        update_url: str | None = None,
        graph_store_url: str | None = None,
        credentials: Credentials | None = None,
        timeout: float = 120.0,
        retries: int = 4,
        backoff: float = 0.5,
        check_union: bool = True,
        dialect: str | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        """Connect; ``check_union`` probes the server once (detects Virtuoso, checks the union default graph).

        ``dialect`` (else ``CLAIMGRAPH_STORE_DIALECT``): ``auto`` (the probe decides), ``standard`` or ``virtuoso``.
        """
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.graph_store_url = graph_store_url or query_url
        self.retries = retries
        self.backoff = backoff
        creds = credentials if credentials is not None else Credentials.from_env()
        self.client = httpx.Client(
            auth=creds.auth(),
            timeout=httpx.Timeout(timeout, connect=10.0),
            headers={"User-Agent": "claimgraph"},
            transport=transport,
        )
        choice = (dialect or os.environ.get("CLAIMGRAPH_STORE_DIALECT") or "auto").lower()
        if choice not in DIALECTS:
            raise StoreError(f"CLAIMGRAPH_STORE_DIALECT must be one of {', '.join(DIALECTS)}, not {choice!r}")
        self.hidden: tuple[str, ...] | None = None  # Virtuoso only: graphs every query hides
        probe = self._probe() if check_union and choice != "virtuoso" else None
        detected = choice == "auto" and probe is not None and virtuoso.is_virtuoso(probe.headers.get("server"))
        if choice == "virtuoso" or detected:
            self.hidden = virtuoso.hidden_graphs(self._service_graphs())
        elif probe is not None:
            self.check_union_default_graph(probe)

    def __enter__(self) -> RemoteStore:
        """Use as a context manager that closes the connections."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close the connections."""
        self.close()

    # --- HTTP -------------------------------------------------------------------------------------

    def _send(self, method: str, url: str, *, idempotent: bool = True, **kwargs: object) -> httpx.Response:
        """One request, retried with exponential backoff while the failure looks transient.

        Idempotent requests (queries, and every write claimgraph makes itself: a document's replace
        drops then inserts, a drop deletes) are retried on connection failures and 408/425/429/502/
        503/504. Any other update is retried only when the server cannot have run it (no connection,
        429, 503). A read timeout is never retried: the query would only time out again.
        """
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self.client.request(method, url, **kwargs)  # type: ignore[arg-type]
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
                if last:
                    raise StoreConnectionError(f"cannot reach the SPARQL server at {url}: {exc}") from exc
            except httpx.TransportError as exc:
                if last or not idempotent or isinstance(exc, httpx.ReadTimeout | httpx.WriteTimeout):
                    raise StoreConnectionError(f"the SPARQL server at {url} did not answer: {exc}") from exc
            else:
                retry = TRANSIENT_STATUS if idempotent else NOT_RUN_STATUS
                if response.status_code not in retry or last:
                    return response
                response.close()
            time.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _check(self, response: httpx.Response, what: str) -> None:
        """Raise the matching graph error for a failed response: 400 is the caller's SPARQL, others the server."""
        if response.is_success:
            return
        detail = response.text.strip()[:500]
        if response.status_code == 400:
            raise QueryError(f"{what} rejected by the server: {detail}")
        if response.status_code in (401, 403):
            raise StoreConnectionError(
                f"{what}: the server refused the credentials ({response.status_code}); "
                "set CLAIMGRAPH_STORE_USER/CLAIMGRAPH_STORE_PASSWORD or CLAIMGRAPH_STORE_TOKEN"
            )
        raise StoreConnectionError(f"{what} failed with HTTP {response.status_code}: {detail}")

    # --- Store protocol ---------------------------------------------------------------------------

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        """Run a query over the union of all graphs; SELECT/ASK and CONSTRUCT/DESCRIBE give rdflib Results."""
        if bindings:
            from graph.queries import bind_values

            sparql = bind_values(sparql, {name: [value] for name, value in bindings.items()})
        if self.hidden is None:
            return self._result(self._query(sparql, RESULTS_ACCEPT))
        return self._result(self._query(virtuoso.prepare_query(sparql, self.hidden), self._virtuoso_accept(sparql)))

    def query_dataset(self, sparql: str, default_graphs: Sequence[str], named_graphs: Sequence[str]) -> Result:
        """Run a query over the dataset the SPARQL Protocol's ``default-graph-uri`` / ``named-graph-uri`` name.

        The graphs are sent on to the server as they are (the caller chose them, so no graph is hidden).
        """
        accept = RESULTS_ACCEPT if self.hidden is None else self._virtuoso_accept(sparql)
        dataset = {"default-graph-uri": list(default_graphs), "named-graph-uri": list(named_graphs)}
        return self._result(self._query(sparql, accept, dataset))

    def _query(self, sparql: str, accept: str, dataset: Mapping[str, list[str]] | None = None) -> httpx.Response:
        """POST a query as it is (SPARQL Protocol, form-encoded), with the protocol's dataset parameters if given."""
        return self._send("POST", self.query_url, data={"query": sparql, **(dataset or {})}, headers={"Accept": accept})

    @staticmethod
    def _virtuoso_accept(sparql: str) -> str:
        """What to ask Virtuoso for: RDF for CONSTRUCT/DESCRIBE (else it answers them as a table), JSON results otherwise."""
        return virtuoso.GRAPH_ACCEPT if virtuoso.is_graph_query(sparql) else "application/sparql-results+json"

    def _result(self, response: httpx.Response) -> Result:
        """A query response as an rdflib Result (an error status raises first)."""
        self._check(response, "query")
        return parse_result(response.headers.get("content-type", ""), response.content)

    def update(self, sparql: str, *, idempotent: bool = False) -> None:
        """Run a SPARQL update as one request, as it is (on Virtuoso, name the ``GRAPH``: it has no unnamed graph)."""
        response = self._send(
            "POST",
            self.update_url,
            idempotent=idempotent,
            content=sparql.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )
        if response.status_code == 400:
            raise QueryError(f"update rejected by the server: {response.text.strip()[:500]}")
        if response.status_code in (404, 405, 415):
            raise StoreConnectionError(
                f"{self.update_url} does not take SPARQL updates (HTTP {response.status_code}); point "
                "--update-url / CLAIMGRAPH_UPDATE_URL at the server's update endpoint (Oxigraph: /update)"
            )
        if not response.is_success:
            raise StoreError(f"update failed with HTTP {response.status_code}: {response.text.strip()[:500]}")

    def replace_documents(self, docs: Sequence[DocumentGraph]) -> None:
        """Write documents, each replacing its old version, one update request per group of documents.

        A group is one transaction on servers that apply an update request atomically, so every
        document is fully old or fully new; large batches are split between documents, never inside one.
        On Virtuoso a group is staged, then swapped in by one operation (see :mod:`graph.store.virtuoso`).
        """
        slots = virtuoso.STAGING_SLOTS if self.hidden is not None else None
        for group in _groups(docs, MAX_REQUEST_QUADS, slots):
            try:
                if self.hidden is None:
                    self.update(" ;\n".join(replace_update(doc) for doc in group), idempotent=True)
                else:
                    self.update(virtuoso.stage_update(group), idempotent=True)
                    self.update(virtuoso.swap_update(group), idempotent=True)
            except StoreConnectionError:
                raise
            except (QueryError, StoreError) as exc:
                raise StoreError(f"writing {len(group)} document(s) failed, nothing of them was written: {exc}") from exc
            if self.hidden is not None:
                self.update(virtuoso.unstage_update(len(group)), idempotent=True)

    def drop_document(self, doc: URIRef) -> bool:
        """Delete a document's graph, description and runs; False if nothing of it was stored."""
        g = iri_term(str(doc))
        present = self.query(f"ASK {{ {{ GRAPH {g} {{ ?s ?p ?o }} }} UNION {{ {g} ?p ?o }} }}").askAnswer
        if present:
            self.update(drop_update(doc) if self.hidden is None else virtuoso.drop_update(doc), idempotent=True)
        return bool(present)

    def document_hashes(self) -> dict[str, str]:
        """Stored documents as IRI -> sha256."""
        return {str(row[0]): str(row[1]) for row in self.query(HASHES_QUERY)}  # type: ignore[index]

    def quad_count(self) -> int:
        """All quads: the union default graph counts each graph's triples, the default graph's included."""
        row = next(iter(self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))
        return int(row[0])  # type: ignore[index]

    def close(self) -> None:
        """Close the connection pool."""
        self.client.close()

    # --- Graph Store Protocol -----------------------------------------------------------------------

    def bulk_load(self, source: bytes | Path) -> None:
        """Append N-Quads (bytes or a file) with one ``POST`` of a dataset to the Graph Store endpoint.

        Oxigraph's ``/store`` takes whole datasets; it appends, so it is for fresh data, never for replacing documents.
        """
        if self.hidden is not None:
            raise StoreError(
                "Virtuoso's Graph Store endpoint takes one graph, not N-Quads datasets; bulk-load with its "
                f"ld_dir()/rdf_loader_run(), putting default-graph triples into <{virtuoso.DEFAULT_GRAPH}>"
            )
        headers = {"Content-Type": "application/n-quads"}
        if isinstance(source, Path):
            with source.open("rb") as handle:
                response = self._send("POST", self.graph_store_url, content=handle.read(), headers=headers)
        else:
            response = self._send("POST", self.graph_store_url, content=source, headers=headers)
        if response.status_code == 415:
            raise StoreError("this server's Graph Store endpoint takes no N-Quads datasets; use its own bulk loader")
        self._check(response, "bulk load")

    def default_graph(self) -> bytes:
        """The real default graph (not the union) as N-Triples: GSP ``GET ?default``, on Virtuoso its stand-in graph."""
        if self.hidden is not None:  # a query; integer types made canonical as the other backends store them
            response = self._query(virtuoso.default_graph_query(), "application/n-triples")
            self._check(response, "reading the default graph")
            from rdflib import Graph

            raw = Graph().parse(data=response.content.decode("utf-8"), format="nt")
            return ntriples((s, p, _canonical(o)) for s, p, o in raw).encode("utf-8")
        response = self._send(
            "GET", self.graph_store_url, params={"default": ""}, headers={"Accept": "application/n-triples"}
        )
        self._check(response, "reading the default graph")
        return response.content

    def _probe(self) -> httpx.Response:
        """The first request: a sample quad from some named graph (its ``Server`` header tells Virtuoso apart)."""
        response = self._query(UNION_PROBE, RESULTS_ACCEPT)
        self._check(response, "query")
        return response

    def _service_graphs(self) -> list[str]:
        """Graphs holding a SPARQL service description (Virtuoso keeps its endpoint's in one)."""
        rows = self._result(self._query(virtuoso.SERVICE_GRAPHS_QUERY, "application/sparql-results+json"))
        return [str(row[0]) for row in rows]  # type: ignore[index]

    def check_union_default_graph(self, probe: httpx.Response | None = None) -> None:
        """Fail early when queries would not see the named graphs (the server lacks a union default graph)."""
        response = probe if probe is not None else self._probe()
        sample = list(parse_result(response.headers.get("content-type", ""), response.content))
        if not sample:
            return  # empty store: nothing to check yet
        s, p, o = sample[0]  # type: ignore[misc]
        from graph.rdf.ntriples import term

        if not self.query(f"ASK {{ {term(s)} {term(p)} {term(o)} }}").askAnswer:
            raise StoreError(UNION_HINT)


def parse_result(content_type: str, body: bytes) -> Result:
    """An rdflib Result from a SPARQL response body: JSON results, or an RDF graph for CONSTRUCT/DESCRIBE."""
    from rdflib import Graph
    from rdflib.query import Result

    media = content_type.split(";")[0].strip().lower()
    if media in ("application/sparql-results+json", "application/json"):
        result = Result.parse(io.BytesIO(body), format="json")
        if result.type == "SELECT":
            result.bindings = [{var: _typed(value) for var, value in row.items()} for row in result.bindings]
        return result
    formats = {"application/n-triples": "nt", "text/turtle": "turtle", "text/plain": "nt"}
    if media not in formats:
        raise QueryError(f"the server answered with unsupported content type {content_type!r}")
    parsed = Graph().parse(data=body.decode("utf-8"), format=formats[media])
    result = Result("CONSTRUCT")
    result.graph = Graph()
    for s, p, o in parsed:
        result.graph.add((s, p, _typed(o)))
    return result


def _typed(value: Node) -> Node:
    """A literal as the embedded store returns it, so backends compare equal.

    A simple literal is an ``xsd:string`` (RDF 1.1); an integer of a derived type (``xsd:nonNegativeInteger``,
    ...) an ``xsd:integer``, as Oxigraph stores it.
    """
    if isinstance(value, Literal) and value.datatype is None and not value.language:
        return Literal(str(value), datatype=XSD_STRING)
    return _canonical(value)


def _canonical(value: Node) -> Node:
    """An integer of a derived type as ``xsd:integer`` (Oxigraph stores it so, Virtuoso keeps the type)."""
    if isinstance(value, Literal) and value.datatype in DERIVED_INTEGERS:
        return Literal(str(value), datatype=XSD_INTEGER)
    return value


def _groups(docs: Sequence[DocumentGraph], max_quads: int, max_docs: int | None = None) -> Iterator[list[DocumentGraph]]:
    """Consecutive groups of whole documents holding at most ``max_quads`` quads (a bigger document alone)."""
    group: list[DocumentGraph] = []
    size = 0
    for doc in docs:
        if group and (size + len(doc) > max_quads or len(group) == max_docs):
            yield group
            group, size = [], 0
        group.append(doc)
        size += len(doc)
    if group:
        yield group
