"""The Virtuoso dialect: query rewriting, hidden graphs, staged atomic writes, and answers equal to the embedded store's up to order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Literal, URIRef

from graph.claimgraph import ClaimGraph
from graph.errors import StoreConnectionError
from graph.queries import ParamValue, load_queries, run_query
from graph.rdf import vocab
from graph.rdf.mapping import DocumentGraph
from graph.rdf.ntriples import term
from graph.settings import Settings
from graph.store import virtuoso
from graph.store.base import Store
from graph.store.remote import RemoteStore, _groups
from tests.store.conftest import CachedExtract, remote_store, seeds_side_by_side
from tests.store.dataset import all_quads
from tests.store.test_backends_agree import sample_values
from tests.store.virtuoso_server import VirtuosoServer

LIST_SEPARATORS = (" | ", "\x1f")  # GROUP_CONCAT separators used by queries/*.rq


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * WHERE { GRAPH <urn:g> { ?s ?p ?o } }",
         "SELECT * WHERE { VALUES ?_cg_graph1 { <urn:g> } GRAPH ?_cg_graph1 { ?s ?p ?o } }"),
        ("PREFIX ex: <http://e/#x>\nASK { OPTIONAL { graph ex:g{ ?a ?b ?c } } GRAPH ?g { } }",
         "PREFIX ex: <http://e/#x>\nASK { OPTIONAL { VALUES ?_cg_graph1 { ex:g } GRAPH ?_cg_graph1 { ?a ?b ?c } } GRAPH ?g { } }"),
        ('# GRAPH <urn:c> { in a comment\nSELECT ?s WHERE { ?s ?p "GRAPH <urn:x> {" . ?s ?p <urn:a#GRAPH> }',
         '# GRAPH <urn:c> { in a comment\nSELECT ?s WHERE { ?s ?p "GRAPH <urn:x> {" . ?s ?p <urn:a#GRAPH> }'),
    ],
    ids=["constant graph", "prefixed name, lower case, variable graph kept", "strings comments and IRIs untouched"],
)
def test_constant_graph_names_become_values_bindings(query: str, expected: str) -> None:
    prepared = virtuoso.prepare_query(query, ["urn:hidden"])
    preamble = virtuoso.query_preamble(["urn:hidden"])
    assert prepared == preamble + expected
    assert "define input:named-graph-exclude <urn:hidden>" in preamble
    assert f"define input:named-graph-exclude <{virtuoso.DEFAULT_GRAPH}>" in preamble


@pytest.mark.parametrize(
    ("query", "graph"),
    [
        ("SELECT ?s WHERE { ?s ?p ?o }", False),
        ("ASK { ?s ?p ?o }", False),
        ("PREFIX ex: <http://e/select#>\n# SELECT in a comment\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", True),
        ('describe <urn:a>', True),
        ('SELECT ?s WHERE { ?s ?p "CONSTRUCT" }', False),
    ],
)
def test_the_query_form_picks_the_accept_header(query: str, graph: bool) -> None:
    assert virtuoso.is_graph_query(query) is graph


def _doc(n: int, size: int) -> DocumentGraph:
    """A synthetic document of ``size`` named triples."""
    iri = URIRef(f"https://w3id.org/claimgraph/id/doc/{n}.txt")
    named = tuple((URIRef(f"{iri}#c{i}"), vocab.SDO.text, Literal(f"claim {i} of {n}")) for i in range(size))
    return DocumentGraph(iri, named, ((iri, vocab.RDF.type, vocab.SDO.CreativeWork),), owned=(iri,))


def test_a_swap_takes_at_most_as_many_documents_as_there_are_staging_graphs() -> None:
    docs = [_doc(n, 1) for n in range(virtuoso.STAGING_SLOTS + 3)]
    assert [len(g) for g in _groups(docs, 50_000, virtuoso.STAGING_SLOTS)] == [virtuoso.STAGING_SLOTS, 3]
    swap = virtuoso.swap_update(docs[:2])
    assert swap.count("DELETE {") == 1 and swap.count("INSERT {") == 1, "one operation, so all or nothing"
    assert f"(<{virtuoso.staging_graph(1)}> <{docs[1].iri}>)" in swap
    with pytest.raises(ValueError):
        virtuoso.stage_update(docs)


def test_the_dialect_is_detected_from_the_server_header() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.content.decode())
        body = {"head": {"vars": ["g"]}, "results": {"bindings": []}}
        return httpx.Response(200, json=body, headers={"Server": "Virtuoso/07.20.3229 (Linux)",
                                                       "Content-Type": "application/sparql-results+json"})

    store = RemoteStore("http://v.test/sparql", transport=httpx.MockTransport(handler), backoff=0.0)
    assert store.hidden is not None and "http://www.openlinksw.com/schemas/virtrdf#" in store.hidden
    store.query("SELECT * WHERE { ?s ?p ?o }")
    assert "input%3Adefault-graph-exclude" in seen[-1]
    plain = RemoteStore("http://v.test/sparql", transport=httpx.MockTransport(handler), dialect="standard")
    assert plain.hidden is None


@pytest.fixture
def vstore(virtuoso_server: VirtuosoServer) -> Iterator[Store]:
    """An empty store on the session's Virtuoso."""
    store = remote_store(virtuoso_server)
    yield store
    store.close()



@pytest.mark.server
def test_virtuoso_system_graphs_and_staging_are_invisible(vstore: Store) -> None:
    assert vstore.quad_count() == 0, "virtrdf#, ldp# and the service description are hidden"
    assert list(vstore.query("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")) == []
    vstore.update(f"INSERT DATA {{ GRAPH <{virtuoso.staging_graph(0)}> {{ <urn:s> <urn:p> <urn:o> }} }}")
    assert vstore.quad_count() == 0


@pytest.mark.server
def test_virtuoso_keeps_earlier_operations_of_a_failed_update_request(vstore: Store) -> None:
    """Why claimgraph never relies on a multi-operation request there: only one operation is all or nothing."""
    from graph.errors import StoreError

    with pytest.raises(StoreError):  # the second operation fails when it runs: nothing listens on port 1
        vstore.update("INSERT DATA { GRAPH <urn:t> { <urn:a> <urn:b> <urn:c> } } ;\n"
                      "LOAD <http://127.0.0.1:1/nothing.ttl> INTO GRAPH <urn:t2>")
    assert vstore.query("ASK { GRAPH <urn:t> { <urn:a> <urn:b> <urn:c> } }").askAnswer is True


@pytest.mark.server
def test_a_document_bigger_than_virtuosos_sql_limit_is_written_and_replaced_whole(vstore: Store) -> None:
    big = _doc(1, 12_000)  # INSERT DATA expands to ~10 SQL lines per triple; the limit is 10,000 lines
    vstore.replace_documents([big, _doc(2, 10)])
    assert vstore.quad_count() == 12_000 + 10 + 2
    smaller = _doc(1, 5)
    vstore.replace_documents([smaller])
    assert vstore.quad_count() == 5 + 10 + 2
    assert vstore.drop_document(big.iri) is True
    assert vstore.quad_count() == 10 + 1


def _cell(value: object) -> str:
    """A result cell as N-Triples, with GROUP_CONCAT lists sorted and an empty one as unbound."""
    if value is None:
        return ""
    text = term(value)  # type: ignore[arg-type]
    if isinstance(value, Literal):
        if str(value) == "":
            return ""
        for separator in LIST_SEPARATORS:
            if separator in str(value):
                return term(Literal(separator.join(sorted(str(value).split(separator))), datatype=value.datatype))
    return text


def unordered_rows(store: Store, name: str, params: dict[str, ParamValue]) -> Counter[tuple[str, ...]]:
    """A canned query's rows as a multiset, list cells sorted."""
    return Counter(tuple(_cell(v) for v in row) for row in run_query(store, name, params))  # type: ignore[union-attr]


@pytest.fixture
def side_by_side(
    tmp_path: Path, seed_dir: Path, virtuoso_server: VirtuosoServer, cached_extract: CachedExtract
) -> Iterator[tuple[Store, Store]]:
    """The seeds ingested the same way into an embedded store and into Virtuoso."""
    with seeds_side_by_side(tmp_path / "store", seed_dir, virtuoso_server, cached_extract) as pair:
        yield pair


@pytest.mark.server
def test_virtuoso_answers_every_canned_query_like_the_embedded_store_up_to_order(
    side_by_side: tuple[Store, Store],
) -> None:
    embedded, server = side_by_side
    assert all_quads(server) == all_quads(embedded)
    values = sample_values(embedded)
    refused: list[str] = []
    for query in load_queries().values():
        every = {p.name: values[p.kind] for p in query.parameters}
        required = {p.name: values[p.kind] for p in query.parameters if p.required}
        for label, params in (("required", required), ("every", every)):
            try:
                rows = unordered_rows(server, query.name, params)
            except StoreConnectionError as exc:
                refused.append(f"{query.name} ({label}): {str(exc)[:80]}")
                continue
            assert rows == unordered_rows(embedded, query.name, params), query.name
    # Virtuoso 7.2.5's optimizer overflows ("SQ200: Stack Overflow in cost model") on claims.rq with every
    # filter bound once graph-exclude pragmas are present; the same query without them runs. Reported.
    assert [r.split(":")[0] for r in refused] == ["claims (every)"], refused
    local, remote = ClaimGraph(embedded, Settings()), ClaimGraph(server, Settings())

    def claims(cg: ClaimGraph) -> list[tuple[str, tuple[str, ...]]]:
        return sorted((c.id, tuple(sorted(c.about))) for c in cg.claims())

    assert claims(remote) == claims(local)
    assert remote.stats() == local.stats()
