"""The Virtuoso 7 dialect of the SPARQL-server store: where the default graph lives and how a batch is swapped in.

Virtuoso differs from Oxigraph in four ways that matter here (measured on Debian's 7.2.5):

- Its default graph is already the union of all graphs, but it has no separate unnamed graph to write
  to (``INSERT DATA`` without ``GRAPH`` is refused), and its own system graphs (``virtrdf#``, the
  endpoint's service description, ...) are part of that union. claimgraph keeps the default-graph
  part of its model in the named graph :data:`DEFAULT_GRAPH` and prefixes every query with
  ``define input:*-graph-exclude`` pragmas that hide the system and staging graphs and make
  :data:`DEFAULT_GRAPH` part of the default graph but not a ``GRAPH ?g`` match.
- A multi-operation update request is not atomic: when operation *k* fails, operations before it
  stay committed. Only a single operation is all-or-nothing, so each batch is swapped in by one
  ``DELETE {…} INSERT {…} WHERE {…}`` operation.
- The SPARQL compiler refuses updates that expand to more than 10,000 lines of SQL (about 1,000
  triples of ``INSERT DATA``, fewer in templates); ``define sql:big-data-const 1`` lifts that for
  ``INSERT DATA`` only. So new data is first staged with ``INSERT DATA`` into hidden staging
  graphs, and the swap copies it from there.
- Once a query has any graph-exclude pragma (or ``NOT FROM``), Virtuoso 7.2.5 answers nothing for a
  constant ``GRAPH <iri> { … }``; ``GRAPH ?g`` joined with ``VALUES ?g { <iri> }`` still works, so
  queries are rewritten that way (:func:`prepare_query`). A ``SELECT *`` then also shows that variable.
- A ``CONSTRUCT`` answered with ``Accept: application/sparql-results+json`` comes back as a table,
  so the Accept header is chosen by query form.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rdflib import URIRef

from graph.rdf.mapping import DocumentGraph, RdfTriple
from graph.rdf.ntriples import iri_term, ntriples, term
from graph.store.base import ENTITY_PREFIX, PROV_USED

DEFAULT_GRAPH = "urn:x-claimgraph:default"  # holds what the model puts in the default graph
STAGING_PREFIX = "urn:x-claimgraph:staging:"
STAGING_SLOTS = 4  # documents per swap, each staged in its own hidden graph (each one more to hide: queries slow down)
STAGING_DEFAULT = f"{STAGING_PREFIX}default"
SYSTEM_GRAPHS = ("http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#")
SERVICE_GRAPHS_QUERY = (
    "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a <http://www.w3.org/ns/sparql-service-description#Service> } }"
)
BIG_DATA = "define sql:big-data-const 1\n"  # lets INSERT DATA carry more than ~1,000 triples
STAGE_BLOCK = 2_000  # triples per GRAPH block of the staging INSERT DATA
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.8"
GRAPH_VARIABLE = "_cg_graph"  # prefix of the variables that stand for constant graph names
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_NOISE = re.compile(r'<[^<>\s]*>|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*')
_TOKENS = re.compile(
    r'(?P<graph>(?<![?$\w:])GRAPH\s*(?P<name><[^<>"{}|^`\\\s]*>|[A-Za-z][\w.-]*:[\w.%:-]*|:[\w.%:-]*)\s*\{)'
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|<[^<>\s]*>|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*',
    re.IGNORECASE,
)


def is_virtuoso(server_header: str | None) -> bool:
    """Whether an HTTP ``Server`` header names Virtuoso (``Virtuoso/07.20.3229 (Linux) …``)."""
    return (server_header or "").lower().startswith("virtuoso")


def staging_graph(slot: int) -> str:
    """The hidden graph that holds the new version of the ``slot``-th document of a swap."""
    return f"{STAGING_PREFIX}{slot}"


def hidden_graphs(service_graphs: Sequence[str]) -> tuple[str, ...]:
    """Graphs claimgraph's queries must not see: Virtuoso's own, the endpoint's description, staging."""
    staging = tuple(staging_graph(i) for i in range(STAGING_SLOTS)) + (STAGING_DEFAULT,)
    return tuple(dict.fromkeys((*SYSTEM_GRAPHS, *service_graphs, *staging)))


def query_preamble(hidden: Sequence[str]) -> str:
    """Pragmas that make the default graph the union of claimgraph's graphs and hide the rest."""
    lines = [f"define input:default-graph-exclude {iri_term(g)} define input:named-graph-exclude {iri_term(g)}" for g in hidden]
    lines.append(f"define input:named-graph-exclude {iri_term(DEFAULT_GRAPH)}")
    return "\n".join(lines) + "\n"


def prepare_query(sparql: str, hidden: Sequence[str]) -> str:
    """The query Virtuoso should run: the hiding pragmas, and each ``GRAPH <iri> {`` as ``VALUES ?v { <iri> } GRAPH ?v {``.

    Strings, comments and IRIs are skipped whole, so only real ``GRAPH`` keywords are rewritten.
    """
    count = 0

    def rewrite(match: re.Match[str]) -> str:
        nonlocal count
        if match.group("graph") is None:
            return match.group(0)
        count += 1
        var = f"?{GRAPH_VARIABLE}{count}"
        return f"VALUES {var} {{ {match.group('name')} }} GRAPH {var} {{"

    return query_preamble(hidden) + _TOKENS.sub(rewrite, sparql)


def is_graph_query(sparql: str) -> bool:
    """Whether a query is CONSTRUCT or DESCRIBE (answered as RDF) rather than SELECT or ASK (a table)."""
    match = _FORM.search(_NOISE.sub(" ", sparql))
    return match is not None and match.group(1).upper() in ("CONSTRUCT", "DESCRIBE")


def stage_update(docs: Sequence[DocumentGraph]) -> str:
    """One request that empties the staging graphs and fills them with the new versions of ``docs``.

    The ``INSERT DATA`` is one operation: a data error (say, a literal subject) stages nothing. Its
    parser gives up ("memory exhausted") at about 5,000 triples in one ``GRAPH`` block, so blocks are
    cut at :data:`STAGE_BLOCK` triples; many blocks in one operation are fine.
    """
    if len(docs) > STAGING_SLOTS:
        raise ValueError(f"at most {STAGING_SLOTS} documents per swap")
    drops = [f"DROP SILENT GRAPH {iri_term(staging_graph(i))}" for i in range(len(docs))]
    drops.append(f"DROP SILENT GRAPH {iri_term(STAGING_DEFAULT)}")
    blocks = [_blocks(staging_graph(i), doc.named) for i, doc in enumerate(docs)]
    blocks.append(_blocks(STAGING_DEFAULT, [t for doc in docs for t in doc.default]))
    insert = f"INSERT DATA {{ {' '.join(blocks)} }}"
    return BIG_DATA + " ;\n".join([*drops, insert])


def _blocks(graph: str, triples: Sequence[RdfTriple]) -> str:
    """``GRAPH <graph> { … }`` blocks of at most :data:`STAGE_BLOCK` triples each."""
    g = iri_term(graph)
    return " ".join(
        f"GRAPH {g} {{ {ntriples(triples[i : i + STAGE_BLOCK])} }}" for i in range(0, max(len(triples), 1), STAGE_BLOCK)
    )


def unstage_update(count: int) -> str:
    """Empty the staging graphs a swap of ``count`` documents used."""
    drops = [f"DROP SILENT GRAPH {iri_term(staging_graph(i))}" for i in range(count)]
    return " ;\n".join([*drops, f"DROP SILENT GRAPH {iri_term(STAGING_DEFAULT)}"])


def _old_data(docs: Sequence[DocumentGraph]) -> str:
    """WHERE branches binding ``?dg ?ds ?dp ?do`` to every stored quad the documents' new versions replace.

    Their named graphs; their runs, own subjects (document, run) and retracted triples in the default
    graph; and the default-graph description of entities that only these documents' graphs mention
    (the new versions re-describe the ones they still mention). As in :func:`graph.store.base.replace_update`.
    """
    d = iri_term(DEFAULT_GRAPH)
    names = [iri_term(str(doc.iri)) for doc in docs]
    graphs = " ".join(names)
    owned = " ".join(dict.fromkeys(iri_term(str(s)) for doc in docs for s in doc.owned))
    branches = [
        f"{{ VALUES ?dg {{ {graphs} }} GRAPH ?dg {{ ?ds ?dp ?do }} }}",
        f"{{ VALUES ?doc {{ {graphs} }} GRAPH {d} {{ ?ds <{PROV_USED}> ?doc . ?ds ?dp ?do }} BIND({d} AS ?dg) }}",
        f"{{ {{ SELECT DISTINCT ?ds WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?x ?q ?ds }} "
        f'FILTER(STRSTARTS(STR(?ds), "{ENTITY_PREFIX}")) '
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?y ?r ?ds }} FILTER(?other NOT IN ({', '.join([d, *names])}) "
        f'&& !STRSTARTS(STR(?other), "{STAGING_PREFIX}")) }} }} }} '
        f"GRAPH {d} {{ ?ds ?dp ?do }} BIND({d} AS ?dg) }}",
    ]
    if owned:
        branches.append(f"{{ VALUES ?ds {{ {owned} }} GRAPH {d} {{ ?ds ?dp ?do }} BIND({d} AS ?dg) }}")
    retracted = " ".join(f"({term(s)} {term(p)} {term(o)})" for doc in docs for s, p, o in doc.default_deletes)
    if retracted:
        branches.append(f"{{ VALUES (?ds ?dp ?do) {{ {retracted} }} GRAPH {d} {{ ?ds ?dp ?do }} BIND({d} AS ?dg) }}")
    return "\n  UNION ".join(branches)


def swap_update(docs: Sequence[DocumentGraph]) -> str:
    """One operation that replaces the documents' old data by their staged new versions (all or nothing)."""
    pairs = " ".join(f"({iri_term(staging_graph(i))} {iri_term(str(doc.iri))})" for i, doc in enumerate(docs))
    pairs += f" ({iri_term(STAGING_DEFAULT)} {iri_term(DEFAULT_GRAPH)})"
    return (
        "DELETE { GRAPH ?dg { ?ds ?dp ?do } }\n"
        "INSERT { GRAPH ?ig { ?is ?ip ?io } }\n"
        f"WHERE {{\n  {_old_data(docs)}\n"
        f"  UNION {{ VALUES (?sg ?ig) {{ {pairs} }} GRAPH ?sg {{ ?is ?ip ?io }} }}\n}}"
    )


def drop_update(doc: URIRef) -> str:
    """One operation deleting a document's graph, description, runs and the entities only it mentions."""
    gone = DocumentGraph(doc, (), (), owned=(doc,))
    return f"DELETE {{ GRAPH ?dg {{ ?ds ?dp ?do }} }}\nWHERE {{\n  {_old_data([gone])}\n}}"


def default_graph_query() -> str:
    """The triples of :data:`DEFAULT_GRAPH` (sent without the preamble, which hides it from ``GRAPH``)."""
    return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri_term(DEFAULT_GRAPH)} {{ ?s ?p ?o }} }}"
