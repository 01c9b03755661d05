"""Canned SPARQL queries: every file parses and runs; exact answers on a hand-built store; safe binding.

Exact answers come from two hand-built documents (tests/data/kg_example.py) so they do not move with
the extractor; the seed store (real pipeline) only has to run every query and agree with itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from rdflib import Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from graph.errors import QueryError, QueryParameterError, UnknownQueryError
from graph.ingest import ingest
from graph.queries import bind_values, get_query, load_queries, parse_query_file, queries_dir, run_query
from graph.rdf import iris
from graph.rdf.ntriples import ntriples
from graph.rdf.vocab import PREFIXES, SDO
from graph.store.embedded import EmbeddedStore
from tests.data.kg_example import EXAMPLE_ID, EXAMPLE_TEXT, fake_extract_batch, fixed_clock, seed_store

if TYPE_CHECKING:
    from spacy.language import Language

OTHER_ID = "other.txt"
OTHER_TEXT = 'Bob Smith said "Jane Doe misled Acme Corp."\n'
HOSTILE = 'x" } ; DROP ALL ; #'
HOSTILE_IRI = "https://example.org/a> } ; DROP ALL ; #"
CORE_QUERIES = {  # these must answer on any sensible extraction of the seeds; "chains" needs a two-hop path
    "claim-source", "claims", "claims-about", "claims-by-speaker", "document-claims", "documents", "entities-ranked",
    "entity-lookup", "entity-search", "entity-triples", "speakers-ranked", "stats", "who-said-what",
}
QUERY_NAMES = sorted(p.stem for p in queries_dir().glob("*.rq"))


def entity(key: str) -> str:
    """An entity IRI as a string."""
    return str(iris.entity_iri(key))


def claim_of(text: str) -> str:
    """The IRI of the example claim whose content starts with ``text``."""
    return str(iris.claim_iri(EXAMPLE_ID, *{"\"Acme": (20, 49, 15), "that": (65, 91, 60), "the": (111, 129, 103)}[text]))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    """example.txt (three claims, two triples) and other.txt (Bob Smith on Jane Doe and Acme Corp)."""
    root = tmp_path_factory.mktemp("queries")
    (root / EXAMPLE_ID).write_bytes(EXAMPLE_TEXT.encode("utf-8"))
    (root / OTHER_ID).write_bytes(OTHER_TEXT.encode("utf-8"))
    with EmbeddedStore(None) as opened:
        report = ingest(opened, None, [root], extract=fake_extract_batch, clock=fixed_clock)
        assert report.documents == 2
        yield opened


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Iterator[EmbeddedStore]:
    """The seed store (real pipeline), open for the module."""
    path = seed_store(tmp_path_factory, nlp, tmp_path_factory.mktemp("queries-seeds") / "store")
    with EmbeddedStore(path) as opened:
        yield opened


def rows(store: EmbeddedStore, name: str, **params: Any) -> list[dict[str, Any]]:
    """A canned query's rows as dicts of plain Python values."""
    result = run_query(store, name, params)
    names = [str(v) for v in result.vars or []]
    return [{n: (v.toPython() if v is not None else None) for n, v in zip(names, row)} for row in result]


# ---------------------------------------------------------------- the files themselves


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_query_file_parses_and_declares_what_it_uses(name: str) -> None:
    query = parse_query_file(queries_dir() / f"{name}.rq")
    prepareQuery(query.text)  # rdflib's SPARQL 1.1 parser
    assert query.description, f"{name}.rq has no description line"
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("#"))
    for param in query.parameters:
        assert f"?{param.name}" in body, f"{name}.rq declares ?{param.name} but never uses it"
    returns = next((line for line in query.text.splitlines() if line.startswith("# Returns:")), None)
    assert returns is not None, f"{name}.rq has no '# Returns:' line"
    select = prepareQuery(query.text).algebra
    projected = [str(v) for v in getattr(select, "PV", [])]
    assert projected == [v.lstrip("?") for v in returns.split(":", 1)[1].split()]


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_query_runs_on_the_seed_graph(seeds: EmbeddedStore, name: str) -> None:
    """Required parameters get values read from the store itself, so this holds whatever was extracted.

    Every query returns its declared columns; the core ones must find something in two news articles.
    """
    query = get_query(name)
    (speaker,) = rows(seeds, "speakers-ranked")[:1]
    (about,) = next(iter(seeds.query("SELECT ?e WHERE { ?c <https://schema.org/about> ?e } LIMIT 1")))
    (claim,) = next(iter(seeds.query("SELECT ?c WHERE { ?c a <https://schema.org/Claim> } LIMIT 1")))
    (subject,) = next(iter(seeds.query("SELECT ?s WHERE { ?x <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s } LIMIT 1")))
    document = rows(seeds, "documents")[0]["docId"]
    values = {"entity": str(about), "iri": str(about), "document": document, "claim": str(claim), "string": speaker["name"]}
    params = {p.name: values[p.kind] for p in query.parameters if p.required}
    params.update({"claims-by-speaker": {"speaker": speaker["speaker"]}, "entity-triples": {"entity": str(subject)}}.get(name, {}))
    result = run_query(seeds, name, params)
    returns = next(line for line in query.text.splitlines() if line.startswith("# Returns:"))
    assert [str(v) for v in result.vars or []] == [v.lstrip("?") for v in returns.split(":", 1)[1].split()]
    found = list(result)
    if name in CORE_QUERIES:
        assert found, f"{name} found nothing on the seed graph with {params}"


def test_seed_counts_agree_across_queries(seeds: EmbeddedStore) -> None:
    (stats,) = rows(seeds, "stats")
    documents = rows(seeds, "documents")
    assert stats["documents"] == len(documents) == 2
    assert stats["claims"] == sum(d["claims"] for d in documents) == len(rows(seeds, "claims"))
    assert stats["runs"] == 2
    assert stats["entities"] >= len(rows(seeds, "entities-ranked")) > 0
    for doc in documents:
        assert len(rows(seeds, "document-claims", document=doc["docId"])) == doc["claims"]
        assert len(rows(seeds, "claims", document=doc["docId"])) == doc["claims"]


# ---------------------------------------------------------------- exact answers on the hand-built store


def test_stats_and_documents(store: EmbeddedStore) -> None:
    assert rows(store, "stats") == [{"documents": 2, "claims": 4, "entities": 3, "triples": 2, "runs": 2}]
    assert [(d["docId"], d["claims"], d["path"].endswith(d["docId"])) for d in rows(store, "documents")] == [
        (EXAMPLE_ID, 3, True),
        (OTHER_ID, 1, True),
    ]


def test_claims_in_document_and_text_order(store: EmbeddedStore) -> None:
    found = rows(store, "claims")
    assert [(c["docId"], c["start"], c["end"], c["speakerName"], c["kind"]) for c in found] == [
        (EXAMPLE_ID, 20, 49, "Jane Doe", "direct"),
        (EXAMPLE_ID, 65, 91, "Acme Corp", "indirect"),
        (EXAMPLE_ID, 111, 129, "Officials", "indirect"),
        (OTHER_ID, 15, 43, "Bob Smith", "direct"),
    ]
    assert found[2]["speakerEntity"] is None and found[2]["speakerText"] == "Officials"
    assert sorted(found[3]["aboutNames"].split(" | ")) == ["Acme Corp", "Jane Doe"]


@pytest.mark.parametrize(
    ("params", "starts"),
    [
        ({"about": "Acme Corp"}, [(EXAMPLE_ID, 20), (OTHER_ID, 15)]),
        ({"about": "acme"}, [(EXAMPLE_ID, 20), (OTHER_ID, 15)]),  # alias, other case
        ({"about": "BOB SMITH"}, [(EXAMPLE_ID, 65)]),
        ({"speaker": "smith"}, [(OTHER_ID, 15)]),
        ({"speaker": "Jane Doe", "about": "Acme Corp"}, [(EXAMPLE_ID, 20)]),
        ({"speaker": "Nobody Known"}, []),
        ({"kindTerm": "indirect"}, [(EXAMPLE_ID, 65), (EXAMPLE_ID, 111)]),
        ({"kindTerm": "no-source"}, []),
        ({"minConfidence": 0.85}, [(EXAMPLE_ID, 20), (OTHER_ID, 15)]),
        ({"minConfidence": "0.8"}, [(EXAMPLE_ID, 20), (EXAMPLE_ID, 65), (OTHER_ID, 15)]),
        ({"document": OTHER_ID}, [(OTHER_ID, 15)]),
        ({"speaker": entity("jane-doe")}, [(EXAMPLE_ID, 20)]),  # an IRI is taken as is
    ],
)
def test_claims_filters(store: EmbeddedStore, params: dict[str, Any], starts: list[tuple[str, int]]) -> None:
    assert [(c["docId"], c["start"]) for c in rows(store, "claims", **params)] == starts


def test_claims_about_and_by_speaker(store: EmbeddedStore) -> None:
    assert [(r["speakerName"], r["content"], r["kind"]) for r in rows(store, "claims-about", entity="Bob Smith")] == [
        ("Acme Corp", "that Bob Smith approved it", "indirect")
    ]
    assert [(r["claim"], r["cue"], float(r["confidence"])) for r in rows(store, "claims-by-speaker", speaker="DOE")] == [
        (claim_of('"Acme'), "said", 0.9)
    ]


def test_document_claims_and_claim_source(store: EmbeddedStore) -> None:
    assert [r["start"] for r in rows(store, "document-claims", document=EXAMPLE_ID)] == [20, 65, 111]
    source = rows(store, "claim-source", claim=iris.local_id(claim_of('"Acme')))
    assert [(r["role"], r["begin"], r["end"], r["anchor"]) for r in source] == [
        ("sentence", 0, 49, 'Mayor Jane Doe said "Acme lied about the bridge."'),
        ("speaker", 6, 14, "Jane Doe"),
        ("cue", 15, 19, "said"),
        ("content", 20, 49, '"Acme lied about the bridge."'),
        ("about", 21, 25, "Acme"),
    ]
    for r in source:
        assert EXAMPLE_TEXT[r["begin"] : r["end"]] == r["anchor"] and r["docId"] == EXAMPLE_ID


def test_entities_ranked_lookup_and_search(store: EmbeddedStore) -> None:
    assert [(e["name"], e["type"], e["mentions"], e["documents"]) for e in rows(store, "entities-ranked")] == [
        ("Acme Corp", "Organization", 3, 2),
        ("Bob Smith", "Person", 3, 2),
        ("Jane Doe", "Person", 3, 2),
    ]
    assert [r["entity"] for r in rows(store, "entity-lookup", label="aCmE")] == [entity("acme-corp")]
    assert rows(store, "entity-lookup", label="Acm") == [], "lookup is exact, not a substring"
    assert [(r["name"], r["claimsBy"], r["claimsAbout"]) for r in rows(store, "entity-search", q="SMI")] == [
        ("Bob Smith", 1, 1)
    ]


def test_entity_triples_speakers_and_who_said_what(store: EmbeddedStore) -> None:
    triples = rows(store, "entity-triples", entity="Bob Smith")
    assert sorted((r["subjectText"], r["relation"], r["objectText"], r["role"]) for r in triples) == [
        ("Bob Smith", "approve", "it", "subject"),
        ("Doe", "praise", "Smith", "object"),
    ]
    assert [(r["name"], r["claims"]) for r in rows(store, "speakers-ranked")] == [
        ("Acme Corp", 1),
        ("Bob Smith", 1),
        ("Jane Doe", 1),
    ]
    assert [(r["speakerName"], r["targetName"]) for r in rows(store, "who-said-what")] == [
        ("Acme Corp", "Bob Smith"),
        ("Bob Smith", "Acme Corp"),
        ("Bob Smith", "Jane Doe"),
        ("Jane Doe", "Acme Corp"),
    ]
    assert [(r["speakerName"], r["targetName"]) for r in rows(store, "who-said-what", speaker="bob smith", target="doe")] == [
        ("Bob Smith", "Jane Doe")
    ]


def test_chains_of_speech(store: EmbeddedStore) -> None:
    assert [(r["aName"], r["bName"], r["cName"]) for r in rows(store, "chains")] == [
        ("Acme Corp", "Bob Smith", "Jane Doe"),
        ("Bob Smith", "Jane Doe", "Acme Corp"),
        ("Jane Doe", "Acme Corp", "Bob Smith"),
    ]
    (chain,) = rows(store, "chains", a="Jane Doe")
    assert (chain["claimAB"], chain["claimBC"]) == (claim_of('"Acme'), claim_of("that"))


# ---------------------------------------------------------------- parameters are data, never syntax


def test_hostile_strings_are_matched_as_data(store: EmbeddedStore) -> None:
    """A name that looks like SPARQL is stored, found exactly, and changes nothing."""
    hostile = URIRef(entity("hostile"))
    store.update(f"INSERT DATA {{ {ntriples([(hostile, SDO.name, Literal(HOSTILE))])} }}")
    before = store.quad_count()
    assert [r["entity"] for r in rows(store, "entity-lookup", label=HOSTILE)] == [str(hostile)]
    assert [r["entity"] for r in rows(store, "entity-search", q=HOSTILE)] == [str(hostile)]
    assert rows(store, "claims", speaker=HOSTILE) == []
    assert rows(store, "claims", document=HOSTILE) == []
    assert rows(store, "document-claims", document=f"{EXAMPLE_ID}> }} ; DROP ALL ; #") == []
    assert store.quad_count() == before
    store.update(f"DELETE DATA {{ {ntriples([(hostile, SDO.name, Literal(HOSTILE))])} }}")


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("claims", {"speaker": HOSTILE_IRI}, "not a valid IRI"),
        ("claim-source", {"claim": 'abc> } ; DROP ALL ; #'}, "not a valid IRI"),
        ("claim-source", {"claim": HOSTILE_IRI}, "not a valid IRI"),
        ("claims", {"kindTerm": "direct } ; DROP ALL"}, "unknown claim kind"),
        ("claims", {"minConfidence": "1 ; DROP ALL"}, "needs a decimal"),
        ("claims", {"nosuch": "x"}, "has no parameter 'nosuch'"),
        ("claims-about", {}, "needs the parameter(s) entity"),
    ],
)
def test_unsafe_or_wrong_parameters_are_refused(
    store: EmbeddedStore, name: str, params: dict[str, Any], message: str
) -> None:
    before = store.quad_count()
    with pytest.raises(QueryParameterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run_query(store, name, params)
    assert store.quad_count() == before


def test_unknown_query_names_the_known_ones(store: EmbeddedStore) -> None:
    with pytest.raises(UnknownQueryError, match="claims-about"):
        run_query(store, "no-such-query")


def test_initial_bindings_reach_oxigraph_as_terms(store: EmbeddedStore) -> None:
    """Store.query's bindings are substituted by Oxigraph as terms: a hostile literal matches nothing."""
    text = "SELECT ?e ?name WHERE { ?e <https://schema.org/name> ?name }"  # Oxigraph binds projected variables
    assert [str(r[1]) for r in store.query(text, {"e": URIRef(entity("jane-doe"))})] == ["Jane Doe"]
    assert list(store.query(text, {"e": Literal(HOSTILE)})) == []
    assert [str(r[0]) for r in store.query(text, {"name": Literal("Bob Smith")})] == [entity("bob-smith")]


def test_a_document_id_that_starts_with_http_is_still_an_id(tmp_path: Path) -> None:
    (tmp_path / "http-notes.txt").write_bytes(OTHER_TEXT.encode("utf-8"))
    with EmbeddedStore(None) as opened:
        ingest(opened, None, [tmp_path], extract=fake_extract_batch)
        assert [r["docId"] for r in rows(opened, "claims", document="http-notes.txt")] == ["http-notes.txt"]
        assert len(rows(opened, "document-claims", document="http-notes.txt")) == 1


def test_bind_values_goes_into_the_outer_where_not_the_header() -> None:
    text = "# Header mentioning WHERE { in a comment\n# Parameters: none\nSELECT ?x WHERE {\n  { SELECT ?x WHERE { ?x ?p ?o } }\n}\n"
    bound = bind_values(text, {"x": [URIRef("http://x/a"), Literal('q"uote')]})
    assert bound.startswith("# Header mentioning WHERE { in a comment\n")
    assert 'SELECT ?x WHERE {\n  VALUES ?x { <http://x/a> "q\\"uote" }\n' in bound
    prepareQuery(bound)


@pytest.mark.parametrize(
    ("inner", "restricted"),
    [
        ("{ SELECT ?x (COUNT(?y) AS ?n) WHERE { ?x <p> ?y } GROUP BY ?x }", True),  # passes ?x up: restricted
        ("{ SELECT ?y WHERE { ?y <p> ?x } }", False),  # its ?x is its own variable
        ("{ SELECT ?x WHERE { ?x <p> ?y } LIMIT 3 }", False),  # restricting first would change which 3
        ("{ SELECT (?z AS ?x) WHERE { ?z <p> ?y } }", False),  # computed, not passed up
        ("{ SELECT ?x WHERE { ?x <p> \"} { SELECT ?x WHERE {\" } }", True),  # braces in a string are data
        ("{ SELECT ?y WHERE { { SELECT ?x ?y WHERE { ?x <p> ?y } } } }", False),  # the middle one hides ?x
    ],
)
def test_bind_values_restricts_sub_selects_that_pass_the_variable_up(inner: str, restricted: bool) -> None:
    """Oxigraph evaluates a sub-select on its own; the outer VALUES is repeated where that cannot change the answer."""
    text = f"# Parameters: none\nSELECT ?x WHERE {{\n  ?x ?p ?o .\n  {inner}\n}}\nORDER BY ?x LIMIT 2\n"
    bound = bind_values(text, {"x": [URIRef("http://x/a")]})
    assert bound.count("VALUES ?x { <http://x/a> }") == (2 if restricted else 1)
    prepareQuery(bound)


def test_syntax_errors_are_query_errors(store: EmbeddedStore) -> None:
    with pytest.raises(QueryError, match="syntax"):
        store.query("SELECT ?x WHERE { ?x ")


def test_query_prefixes_are_the_vocabulary_prefixes() -> None:
    """Sanity check shared with test_vocab: every loaded query binds only known prefixes."""
    for query in load_queries().values():
        for line in query.text.splitlines():
            if line.upper().startswith("PREFIX"):
                prefix = line.split()[1].rstrip(":")
                assert prefix in PREFIXES
