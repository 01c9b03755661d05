"""Entities for the API: all entities ranked by claims (``queries/entities-by-claims.rq``), narrowed by name or
alias (``entity-ids-matching.rq``), and one entity's card (``entity-card.rq``) with its claims."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from api.lookups.claims import claim_dicts
from api.lookups.links import Links
from graph.errors import NotFoundError
from graph.lookups.claims import ClaimFilter, find_keys
from graph.queries import run_query
from graph.rdf import iris

if TYPE_CHECKING:
    from graph.store.base import Store

CLAIMS_SHOWN = 25  # claims listed per side on an entity's page; all of them are a link away


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """One entity with its claim counts."""

    id: str
    iri: str
    name: str
    type: str
    claims_by: int
    claims_about: int


def entity_key(entity: EntitySummary) -> tuple[int, str, str]:
    """Sort key: most claims (made plus about) first, then name, then id (unique)."""
    return (-(entity.claims_by + entity.claims_about), entity.name, entity.id)


def matching_ids(store: Store, q: str) -> set[str]:
    """IRIs of the entities whose name or an alias contains ``q`` (any case)."""
    return {str(row.entity) for row in run_query(store, "entity-ids-matching", {"q": q})}


def find_entities(store: Store) -> list[EntitySummary]:
    """Every entity with its claim counts, sorted by ``entity_key``."""
    out = [
        EntitySummary(
            id=iris.local_id(str(row.entity)),
            iri=str(row.entity),
            name=str(row.name),
            type=str(row.type or "Thing"),
            claims_by=int(row.claimsBy),
            claims_about=int(row.claimsAbout),
        )
        for row in run_query(store, "entities-by-claims")
    ]
    return sorted(out, key=entity_key)


def entity_dict(entity: EntitySummary, links: Links) -> dict[str, Any]:
    """An entity summary as JSON, with links to its page and its claims."""
    return {
        "id": entity.id,
        "iri": entity.iri,
        "name": entity.name,
        "type": entity.type,
        "claims_by": entity.claims_by,
        "claims_about": entity.claims_about,
        "links": {
            "self": links.entity(entity.id),
            "claims_by": links.claims(speaker=entity.iri),
            "claims_about": links.claims(about=entity.iri),
        },
    }


def get_entity(store: Store, entity_id: str, links: Links) -> dict[str, Any]:
    """One entity: name, type, aliases, claims made and about it (first CLAIMS_SHOWN of each) and counts."""
    iri = str(iris.entity_iri(entity_id))
    rows = list(run_query(store, "entity-card", {"entity": iri}))
    if not rows:
        raise NotFoundError(f"no entity with id {entity_id!r}")
    name = str(rows[0].name)
    aliases = sorted({str(r.alias) for r in rows if r.alias is not None} - {name})
    by = find_keys(store, ClaimFilter(speaker=iri))
    about = find_keys(store, ClaimFilter(about=iri))
    summary = EntitySummary(entity_id, iri, name, str(rows[0].type or "Thing"), len(by), len(about))
    return {
        **entity_dict(summary, links),
        "aliases": aliases,
        "claims_made": claim_dicts(store, by[:CLAIMS_SHOWN], links),
        "claims_about_it": claim_dicts(store, about[:CLAIMS_SHOWN], links),
    }
