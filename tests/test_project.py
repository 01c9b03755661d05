"""The speaker-graph projection: built from the store through SPARQL, checked against independent queries.

The seed graph's content changes as the extractor improves, so these tests check invariants (every edge's
claims exist with that speaker and target; counts, cues, kinds and confidences agree with the claims;
filters hold) rather than today's counts.
"""

from __future__ import annotations

from collections import Counter
from statistics import fmean
from typing import TYPE_CHECKING, Any

import pytest

from graph.errors import NotFoundError
from graph.project import EDGE_FIELDS, NODE_FIELDS, ProjectionOptions, node_id, project
from graph.queries import run_query
from tests.seed_graph import SPEAKERS, seed_store

if TYPE_CHECKING:
    import networkx as nx
    from spacy.language import Language

    from graph.store.embedded import EmbeddedStore

ENTITY_TYPES = {"Person", "Organization", "Place", "Group", "Thing"}


@pytest.fixture(scope="module")
def store(request: pytest.FixtureRequest, nlp: Language) -> EmbeddedStore:
    """The seed store, shared with the other export test modules."""
    return seed_store(request.config, nlp)


@pytest.fixture(scope="module")
def full(store: EmbeddedStore) -> nx.DiGraph:
    """The unfiltered speaker graph of the seeds."""
    return project(store)


def stored_claims(store: EmbeddedStore) -> dict[str, dict[str, object]]:
    """Every claim with its resolved speaker IRI and target IRIs, straight from the store."""
    text = """
    PREFIX schema: <https://schema.org/>
    PREFIX cg: <https://w3id.org/claimgraph/ns#>
    SELECT ?claim ?speaker ?target ?confidence WHERE {
      ?claim a schema:Claim ; cg:confidence ?confidence .
      OPTIONAL { ?claim schema:author ?speaker } OPTIONAL { ?claim schema:about ?target } }"""
    out: dict[str, dict[str, object]] = {}
    for row in store.query(text):
        cid = str(row.claim).rsplit("/", 1)[-1]
        entry = out.setdefault(cid, {"speaker": row.speaker and node_id("entity", str(row.speaker)),
                                     "targets": set(), "confidence": float(row.confidence)})
        if row.target is not None:
            entry["targets"].add(node_id("entity", str(row.target)))  # type: ignore[attr-defined]
    return out


def test_every_edge_is_backed_by_its_claims_in_the_store(store: EmbeddedStore, full: nx.DiGraph) -> None:
    claims = stored_claims(store)
    assert full.number_of_edges() > 0
    for source, target, data in full.edges(data=True):
        assert data["relation"] == "spoke_about" and data["count"] == len(data["claims"]) == len(set(data["claims"]))
        assert data["weight"] == float(data["count"])
        for cid in data["claims"]:
            assert cid in claims, f"edge {source}->{target} cites unknown claim {cid}"
            assert claims[cid]["speaker"] == source and target in claims[cid]["targets"]  # type: ignore[operator]
        records = [full.graph["claims"][cid] for cid in data["claims"]]
        assert data["mean_confidence"] == pytest.approx(fmean(r["confidence"] for r in records), abs=1e-4)
        assert set(data["cues"]) == {r["cue"] for r in records if r["cue"]}
        assert data["kinds"] == sorted({r["kind"] for r in records})
        assert data["documents"] == sorted({r["document"] for r in records})


def test_edges_match_who_said_what(store: EmbeddedStore, full: nx.DiGraph) -> None:
    """Independent check: the canned who-said-what query gives the same speaker → target pairs and counts."""
    expected = Counter((str(r.speaker), str(r.target)) for r in run_query(store, "who-said-what"))
    got = {(full.nodes[u]["iri"], full.nodes[v]["iri"]): d["count"] for u, v, d in full.edges(data=True)}
    assert got == dict(expected)


def test_nodes_are_typed_named_entities(store: EmbeddedStore, full: nx.DiGraph) -> None:
    claims = stored_claims(store)
    for node, data in full.nodes(data=True):
        assert set(data) == {k for k in NODE_FIELDS if k in data} and data["kind"] == "entity"
        assert data["type"] in ENTITY_TYPES and data["name"] == data["label"] and isinstance(data["aliases"], list)
        assert node == node_id("entity", data["iri"]) and full.degree(node) > 0
        assert data["claims_made"] == sum(1 for c in claims.values() if c["speaker"] == node)
        assert data["claims_about"] == sum(1 for c in claims.values() if node in c["targets"])  # type: ignore[operator]
    for _, _, data in full.edges(data=True):
        assert set(data) <= set(EDGE_FIELDS)


def test_known_speakers_are_sources_when_the_extractor_finds_them(full: nx.DiGraph) -> None:
    sources = {full.nodes[u]["name"] for u, _ in full.edges()}
    present = [name for name in SPEAKERS if name in sources]
    assert present, f"none of {SPEAKERS} speaks in the seed graph; sources: {sorted(sources)}"


def test_claim_table_gives_sentence_and_offsets(full: nx.DiGraph) -> None:
    from tests.seed_graph import seed_text

    for cid, record in full.graph["claims"].items():
        text = seed_text(record["document"])
        assert record["id"] == cid and 0 <= record["start"] < record["end"] <= len(text)
        if record["sentence_start"] >= 0:
            start = record["sentence_start"]
            assert text[start : start + len(record["sentence"])] == record["sentence"]


@pytest.mark.parametrize(
    ("field", "keeps"),
    [
        ("speaker", lambda u, v, n: u == n),
        ("target", lambda u, v, n: v == n),
        ("entity", lambda u, v, n: n in (u, v)),
    ],
)
def test_entity_filters(store: EmbeddedStore, full: nx.DiGraph, field: str, keeps: Any) -> None:
    candidates = [n for n in full if any(keeps(u, v, n) for u, v in full.edges())]
    busiest = max(candidates, key=lambda n: (full.degree(n, weight="weight"), n))
    part = project(store, ProjectionOptions(**{field: full.nodes[busiest]["iri"]}))
    assert part.number_of_edges() > 0
    assert set(part.edges()) == {(u, v) for u, v in full.edges() if keeps(u, v, busiest)}
    for u, v, data in part.edges(data=True):
        assert data["claims"] == full.edges[u, v]["claims"]


def test_filters_by_alias_and_iri_agree(store: EmbeddedStore, full: nx.DiGraph) -> None:
    node = next(n for n, d in full.nodes(data=True) if d["aliases"] and full.out_degree(n))
    data = full.nodes[node]
    by_alias = project(store, ProjectionOptions(speaker=data["aliases"][0].upper()))
    by_iri = project(store, ProjectionOptions(speaker=data["iri"]))
    assert set(by_iri.edges()) <= set(by_alias.edges()) and by_iri.number_of_edges() == full.out_degree(node)


def test_document_and_confidence_filters(store: EmbeddedStore, full: nx.DiGraph) -> None:
    documents = sorted({r["document"] for r in full.graph["claims"].values()})
    for doc in documents:
        part = project(store, ProjectionOptions(document=doc))
        assert part.number_of_edges() > 0
        assert all(r["document"] == doc for r in part.graph["claims"].values())
    threshold = sorted(r["confidence"] for r in full.graph["claims"].values())[len(full.graph["claims"]) // 2]
    confident = project(store, ProjectionOptions(min_confidence=threshold))
    kept = {cid for _, _, d in confident.edges(data=True) for cid in d["claims"]}
    assert kept == {cid for cid, r in full.graph["claims"].items() if r["confidence"] >= threshold}


@pytest.mark.parametrize("weight", [2, 3])
def test_min_weight_keeps_only_heavy_pairs(store: EmbeddedStore, full: nx.DiGraph, weight: int) -> None:
    heavy = project(store, ProjectionOptions(min_weight=weight))
    assert set(heavy.edges()) == {(u, v) for u, v, d in full.edges(data=True) if d["count"] >= weight}
    assert all(heavy.degree(n) > 0 for n in heavy)


def test_with_claims_view_links_speaker_claim_target_document(store: EmbeddedStore, full: nx.DiGraph) -> None:
    view = project(store, ProjectionOptions(with_claims=True))
    kinds = Counter(d["kind"] for _, d in view.nodes(data=True))
    claim_ids = {cid for _, _, d in full.edges(data=True) for cid in d["claims"]}
    assert kinds["claim"] == len(claim_ids) and kinds["document"] >= 1
    for node, data in view.nodes(data=True):
        if data["kind"] != "claim":
            continue
        said = [(u, view.edges[u, node]["relation"]) for u in view.predecessors(node)]
        out = Counter(view.edges[node, v]["relation"] for v in view.successors(node))
        assert len(said) == 1 and said[0][1] == "said" and view.nodes[said[0][0]]["kind"] == "entity"
        assert out["source"] == 1 and out["about"] >= 1
        doc = next(v for v in view.successors(node) if view.edges[node, v]["relation"] == "source")
        assert view.nodes[doc]["name"] == data["document"]
        for target in view.successors(node):
            if view.edges[node, target]["relation"] == "about":
                assert data["name"] in full.edges[said[0][0], target]["claims"]


def test_unknown_entity_is_a_not_found_error(store: EmbeddedStore) -> None:
    with pytest.raises(NotFoundError, match="no entity named"):
        project(store, ProjectionOptions(speaker="Nobody At All"))


def test_empty_store_gives_an_empty_graph() -> None:
    from graph.store.embedded import EmbeddedStore

    graph = project(EmbeddedStore(None))
    assert graph.number_of_nodes() == 0 and graph.graph["claims"] == {}


class QueryOnly:
    """A store seen only through ``Store.query``, as a remote SPARQL server is (no Oxigraph fast path)."""

    def __init__(self, inner: EmbeddedStore) -> None:
        self.inner_store = inner

    def query(self, sparql: str, bindings: Any = None) -> Any:
        """Delegate to the wrapped store's rdflib query."""
        return self.inner_store.query(sparql, bindings)


class ReversedRows(QueryOnly):
    """A SPARQL store whose engine returns unordered rows in the opposite order (as another engine may)."""

    def query(self, sparql: str, bindings: Any = None) -> Any:
        """The wrapped store's rows, last first."""
        result = self.inner_store.query(sparql, bindings)
        if result.type != "SELECT" or "ORDER BY" in sparql:
            return result
        result.bindings = list(reversed(result.bindings))
        return result


@pytest.mark.parametrize("options", [ProjectionOptions(), ProjectionOptions(with_claims=True, min_weight=2)])
@pytest.mark.parametrize("wrapper", [QueryOnly, ReversedRows])
def test_plain_sparql_stores_project_the_same_graph(
    store: EmbeddedStore, options: ProjectionOptions, wrapper: type[QueryOnly]
) -> None:
    fast, plain = project(store, options), project(wrapper(store), options)  # type: ignore[arg-type]
    assert dict(plain.nodes(data=True)) == dict(fast.nodes(data=True))
    assert list(plain.edges(data=True)) == list(fast.edges(data=True))
    assert plain.graph == fast.graph
