"""``/entities``: search by name or alias ranked by claims; ``/entities/{id}``: one entity with its claims."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from api.deps import CacheDep, LinksDep, SettingsDep, StoreDep
from api.lookups import jsonld
from api.lookups.entities import entity_dict, entity_key, find_entities, get_entity, matching_ids
from api.representation import lookup_response, lookup_responses, page_response
from api.schemas import EntityDetail, EntityPage
from graph.lookups.paging import paginate

router = APIRouter(tags=["entities"])


@router.get("/entities", response_class=JSONResponse, responses=lookup_responses(EntityPage, 422))
def list_entities(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    links: LinksDep,
    cache: CacheDep,
    q: Annotated[str | None, Query(description="Text in the name or an alias (any case).")] = None,
    limit: Annotated[int | None, Query(ge=1, description="Page size (capped by the server).")] = None,
    cursor: Annotated[str | None, Query(description="Opaque cursor from the previous page's next link.")] = None,
) -> JSONResponse:
    """Entities ranked by claims made plus claims about them; ``Link: rel="next"`` for the next page."""
    size = min(limit or settings.page_size, settings.max_page_size)
    found = cache.get(("entities",), lambda: find_entities(store), len)
    if q:
        wanted = cache.get(("entities-matching", q.lower()), lambda: matching_ids(store, q), len)
        found = [e for e in found if e.iri in wanted]
    page = paginate(found, entity_key, cursor, size)
    items = [entity_dict(e, links) for e in page.items]
    return page_response(request, page, items, jsonld.entity_node)


@router.get("/entities/{entity_id:path}", response_class=JSONResponse, responses=lookup_responses(EntityDetail, 404))
def entity(request: Request, entity_id: str, store: StoreDep, links: LinksDep, cache: CacheDep) -> JSONResponse:
    """One entity: names, aliases, claims made, claims about it, and counts."""
    found = cache.get(
        ("entity", entity_id, links.base),
        lambda: get_entity(store, entity_id, links),
        lambda v: len(v["claims_made"]) + len(v["claims_about_it"]),
    )

    def as_jsonld() -> dict[str, object]:
        """The entity and its claims as one JSON-LD graph."""
        claims = [jsonld.claim_node(c) for c in found["claims_made"] + found["claims_about_it"]]
        return jsonld.document([jsonld.entity_node(found), *claims])

    return lookup_response(request, found, as_jsonld)
