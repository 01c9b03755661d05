"""Project the claim store onto a networkx graph of speakers and the entities they speak about.

Everything comes from the store through SPARQL (``queries/graph-edges.rq`` and ``graph-entities.rq``).
The default view has entities as nodes and one directed edge speaker → target per pair, carrying its
claims; the ``with_claims`` view makes claims and documents nodes too (speaker → claim → target,
claim → document). ``G.graph["claims"]`` always holds the details of every claim in the graph, so an
edge can be traced back to its sentence and character offsets in the source document. A node's
``claims_made``/``claims_about`` count every claim in the store, so filtered views still show how
prominent an entity is; an edge's ``count`` counts only the claims projected onto it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from statistics import fmean
from typing import TYPE_CHECKING, Any

from graph.errors import NotFoundError, QueryError
from graph.queries import ParamValue, get_query, prepare, resolve_entities
from graph.rdf import iris

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import URIRef

    from graph.store.base import Store

# Attribute schema of the projected graph: every key always has this Python type (lists are lists of str).
# Writers of flat formats (GraphML, GEXF, DOT, Neo4j CSV) encode by it; readers decode by it.
NODE_FIELDS: dict[str, type] = {
    "kind": str,  # entity | claim | document
    "label": str,
    "name": str,
    "type": str,  # Person, Organization, Place, Group, Thing; Claim; Document
    "aliases": list,
    "iri": str,
    "claims_made": int,
    "claims_about": int,
    "text": str,
    "claim_kind": str,
    "confidence": float,
    "cue": str,
    "speaker_text": str,
    "document": str,
    "char_start": int,
    "char_end": int,
}
EDGE_FIELDS: dict[str, type] = {
    "relation": str,  # spoke_about | said | about | source
    "count": int,
    "weight": float,
    "cues": list,
    "kinds": list,
    "mean_confidence": float,
    "claims": list,
    "documents": list,
}
ALIAS_SEPARATOR = "\x1f"  # GROUP_CONCAT separator in graph-entities.rq


@dataclass(frozen=True, slots=True)
class ProjectionOptions:
    """What to project: filters on speaker, target, either side, document, confidence and edge weight."""

    speaker: str | None = None  # name, alias or IRI
    target: str | None = None
    entity: str | None = None  # claims by *or* about this entity (an ego graph)
    document: str | None = None
    min_confidence: float | None = None
    min_weight: int = 1  # drop speaker → target pairs with fewer claims
    with_claims: bool = False

    def describe(self) -> str:
        """A short human description of the filters, for titles and graph metadata."""
        defaults = ProjectionOptions()
        parts = [f"{k}={v}" for k, v in asdict(self).items() if v != getattr(defaults, k)]
        return ", ".join(parts) or "all claims"


@dataclass(slots=True)
class ClaimInfo:
    """One claim with a resolved speaker, as the projection needs it; ``targets`` are entity IRIs."""

    id: str
    speaker: str
    cue: str
    kind: str
    confidence: float
    content: str
    start: int
    end: int
    document: str
    speaker_text: str
    sentence: str
    sentence_start: int
    targets: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EntityInfo:
    """One entity node: names, class and store-wide claim counts."""

    iri: str
    name: str
    type: str
    aliases: tuple[str, ...]
    claims_made: int
    claims_about: int


def node_id(kind: str, iri_or_id: str) -> str:
    """The graph node id: ``entity:keir-starmer``, ``claim:<hash>``, ``document:<doc id>``."""
    local = iri_or_id if kind == "document" else iris.local_id(iri_or_id)
    return f"{kind}:{local}"


def _resolve(store: Store, value: str, role: str) -> list[URIRef]:
    """Entity IRIs for a user's name, alias or IRI; NotFoundError when there is none."""
    found = resolve_entities(store, value)
    if not found:
        raise NotFoundError(f"no entity named {value!r} (as {role})")
    return found


def fetch_claims(store: Store, options: ProjectionOptions) -> dict[str, ClaimInfo]:
    """Claims with a resolved speaker and at least one resolved target, filtered as the options say."""
    base: dict[str, ParamValue | None] = {"document": options.document, "minConfidence": options.min_confidence}
    if options.speaker:
        base["speaker"] = _resolve(store, options.speaker, "speaker")
    if options.target:
        base["target"] = _resolve(store, options.target, "target")
    runs: list[dict[str, ParamValue | None]] = [base]
    if options.entity:
        ego = _resolve(store, options.entity, "entity")
        runs = [{**base, "speaker": ego}, {**base, "target": ego}]
    claims: dict[str, ClaimInfo] = {}
    for params in runs:
        for row in select_rows(store, "graph-edges", params):
            _add_row(claims, row)
    for info in claims.values():
        info.targets.sort()  # row order is the engine's: sorted, an export is the same from any backend
    return dict(sorted(claims.items(), key=lambda item: (item[1].document, item[1].start, item[0])))


def select_rows(store: Store, name: str, params: Mapping[str, ParamValue | None]) -> Iterator[dict[str, str | None]]:
    """Rows of a canned SELECT as {variable: lexical value or None}.

    On the embedded store the query goes straight to Oxigraph: building rdflib terms for tens of
    thousands of rows would double the projection's time. Other stores go through ``Store.query``.
    """
    from graph.store.embedded import EmbeddedStore

    text = prepare(store, get_query(name), params)
    if isinstance(store, EmbeddedStore):
        try:
            solutions = store.inner.query(text, use_default_graph_as_union=True)
        except (SyntaxError, OSError, ValueError) as exc:
            raise QueryError(f"query {name!r} failed: {exc}") from exc
        names = [variable.value for variable in solutions.variables]
        for solution in solutions:
            yield {n: (None if (value := solution[n]) is None else value.value) for n in names}
        return
    result = store.query(text)
    names = [str(variable) for variable in result.vars or []]
    for row in result:
        yield {n: (None if (value := row[n]) is None else str(value)) for n in names}


def _add_row(claims: dict[str, ClaimInfo], row: Mapping[str, str | None]) -> None:
    """Fold one graph-edges row into the claim table (a claim has one row per target)."""
    cid = iris.local_id(str(row["claim"]))
    info = claims.get(cid)
    if info is None:
        info = claims[cid] = ClaimInfo(
            id=cid,
            speaker=str(row["speaker"]),
            cue=row["cue"] or "",
            kind=str(row["kind"]),
            confidence=float(str(row["confidence"])),
            content=str(row["content"]),
            start=int(str(row["start"])),
            end=int(str(row["end"])),
            document=str(row["docId"]),
            speaker_text=row["speakerText"] or "",
            sentence=row["sentence"] or "",
            sentence_start=int(row["sentenceStart"]) if row["sentenceStart"] is not None else -1,
        )
    target = str(row["target"])
    if target not in info.targets:
        info.targets.append(target)


def fetch_entities(store: Store, entity_iris: Iterable[str]) -> dict[str, EntityInfo]:
    """Name, class, aliases and claim counts of the given entities."""
    from rdflib import URIRef

    wanted = [URIRef(i) for i in sorted(set(entity_iris))]
    if not wanted:
        return {}
    out: dict[str, EntityInfo] = {}
    for row in select_rows(store, "graph-entities", {"entity": wanted}):
        iri = str(row["entity"])
        aliases = (row["aliases"] or "").split(ALIAS_SEPARATOR)
        out[iri] = EntityInfo(
            iri=iri,
            name=str(row["name"]),
            type=_type_name(row["class"] or ""),
            aliases=tuple(sorted(a for a in aliases if a)),
            claims_made=int(row["claimsMade"] or 0),
            claims_about=int(row["claimsAbout"] or 0),
        )
    return out


def _type_name(class_iri: str) -> str:
    """``https://schema.org/Person`` → ``Person``; ``…/ns#Group`` → ``Group``; unknown → ``Thing``."""
    local = class_iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return local if local in ("Person", "Organization", "Place", "Group") else "Thing"


def _pairs(claims: Mapping[str, ClaimInfo], min_weight: int) -> dict[tuple[str, str], list[ClaimInfo]]:
    """Claims grouped by (speaker, target) IRI pair, keeping pairs with at least ``min_weight`` claims."""
    pairs: dict[tuple[str, str], list[ClaimInfo]] = defaultdict(list)
    for info in claims.values():
        for target in info.targets:
            pairs[(info.speaker, target)].append(info)
    return {pair: group for pair, group in pairs.items() if len(group) >= min_weight}


def claim_record(info: ClaimInfo, names: Mapping[str, str]) -> dict[str, Any]:
    """A JSON-ready claim for ``G.graph["claims"]``: who, what, where (document and offsets)."""
    return {
        "id": info.id,
        "speaker": names.get(info.speaker, info.speaker_text),
        "speaker_id": node_id("entity", info.speaker),
        "speaker_text": info.speaker_text,
        "targets": [names.get(t, t) for t in info.targets],
        "cue": info.cue,
        "content": info.content,
        "kind": info.kind,
        "confidence": info.confidence,
        "document": info.document,
        "start": info.start,
        "end": info.end,
        "sentence": info.sentence,
        "sentence_start": info.sentence_start,
    }


def _entity_node(entity: EntityInfo) -> dict[str, Any]:
    """The node attributes of an entity."""
    return {
        "kind": "entity",
        "label": entity.name,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "iri": entity.iri,
        "claims_made": entity.claims_made,
        "claims_about": entity.claims_about,
    }


def _edge(group: list[ClaimInfo]) -> dict[str, Any]:
    """The attributes of a speaker → target edge from its claims."""
    cues = Counter(c.cue for c in group if c.cue)
    return {
        "relation": "spoke_about",
        "count": len(group),
        "weight": float(len(group)),
        "cues": [cue for cue, _ in cues.most_common()],
        "kinds": sorted({c.kind for c in group}),
        "mean_confidence": round(fmean(c.confidence for c in group), 4),
        "claims": [c.id for c in group],
        "documents": sorted({c.document for c in group}),
    }


def project(store: Store, options: ProjectionOptions | None = None) -> nx.DiGraph:
    """Build the speaker graph (or, with ``with_claims``, the speaker → claim → target graph) from the store."""
    import networkx as nx

    options = options or ProjectionOptions()
    claims = fetch_claims(store, options)
    pairs = _pairs(claims, options.min_weight)
    kept = {c.id: c for group in pairs.values() for c in group}
    entities = fetch_entities(store, {iri for pair in pairs for iri in pair})
    names = {iri: e.name for iri, e in entities.items()}
    graph = nx.DiGraph(view="claims" if options.with_claims else "speakers", filters=options.describe())
    for entity in entities.values():
        graph.add_node(node_id("entity", entity.iri), **_entity_node(entity))
    if options.with_claims:
        _add_claim_nodes(graph, kept.values(), pairs)
    else:
        for (speaker, target), group in pairs.items():
            graph.add_edge(node_id("entity", speaker), node_id("entity", target), **_edge(group))
    graph.graph["claims"] = {cid: claim_record(info, names) for cid, info in sorted(kept.items())}
    return graph


def _add_claim_nodes(
    graph: nx.DiGraph, claims: Iterable[ClaimInfo], pairs: Mapping[tuple[str, str], list[ClaimInfo]]
) -> None:
    """Claims and documents as nodes: speaker → claim (said), claim → target (about), claim → document (source)."""
    kept_pairs = set(pairs)
    for info in claims:
        cid = node_id("claim", info.id)
        doc = node_id("document", info.document)
        label = f"{info.cue}: {info.content}" if info.cue else info.content
        graph.add_node(
            cid,
            kind="claim",
            label=label if len(label) <= 60 else label[:57] + "...",
            name=info.id,
            type="Claim",
            iri=f"{iris.ID}claim/{info.id}",
            text=info.content,
            claim_kind=info.kind,
            confidence=info.confidence,
            cue=info.cue,
            speaker_text=info.speaker_text,
            document=info.document,
            char_start=info.start,
            char_end=info.end,
        )
        if doc not in graph:
            graph.add_node(doc, kind="document", label=info.document, name=info.document, type="Document",
                           iri=str(iris.document_iri(info.document)))
        one = {"count": 1, "weight": 1.0, "claims": [info.id], "documents": [info.document]}
        graph.add_edge(node_id("entity", info.speaker), cid, relation="said", **one)
        for target in info.targets:
            if (info.speaker, target) in kept_pairs:
                graph.add_edge(cid, node_id("entity", target), relation="about", **one)
        graph.add_edge(cid, doc, relation="source", **one)
