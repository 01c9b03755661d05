"""``/claims``: claims filtered by speaker, about, document, kind, confidence and text, cursor-paginated."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from api.deps import CacheDep, LinksDep, SettingsDep, StoreDep
from api.lookups import jsonld
from api.lookups.claims import claim_dicts, get_claim
from api.representation import lookup_response, lookup_responses, page_response
from api.schemas import ClaimOut, ClaimPage
from graph.lookups.claims import ClaimFilter, ClaimKey, claim_page
from graph.lookups.paging import Page

router = APIRouter(tags=["claims"])

Kind = Literal["direct", "indirect", "mixed", "continuation", "no-source"]


@router.get("/claims", response_class=JSONResponse, responses=lookup_responses(ClaimPage, 400, 422))
def list_claims(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    links: LinksDep,
    cache: CacheDep,
    speaker: Annotated[str | None, Query(description="Speaker entity: name, alias (any case) or IRI.")] = None,
    about: Annotated[str | None, Query(description="Entity the claims are about: name, alias or IRI.")] = None,
    document: Annotated[str | None, Query(description="Document id, e.g. 000_47dcde34e7c4ee15.txt.")] = None,
    kind: Annotated[Kind | None, Query(description="Claim kind.")] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0, description="Lowest confidence.")] = None,
    q: Annotated[str | None, Query(description="Text in the content, speaker, cue or about names (any case).")] = None,
    limit: Annotated[int | None, Query(ge=1, description="Page size (capped by the server).")] = None,
    cursor: Annotated[str | None, Query(description="Opaque cursor from the previous page's next link.")] = None,
) -> JSONResponse:
    """Claims in document and text order; ``Link: <...>; rel="next"`` points to the next page."""
    wanted = ClaimFilter(speaker, about, document, kind, min_confidence, q)
    size = min(limit or settings.page_size, settings.max_page_size)

    def compute() -> tuple[Page[ClaimKey], list[dict[str, Any]]]:
        """The page of records and their JSON dicts (cached by filter, cursor and size)."""
        page = claim_page(store, wanted, cursor, size)
        return page, claim_dicts(store, page.items, links)

    page, items = cache.get(("claims", wanted, cursor, size, links.base), compute, lambda v: len(v[1]))
    return page_response(request, page, items, jsonld.claim_node)


@router.get("/claims/{claim_id}", response_class=JSONResponse, responses=lookup_responses(ClaimOut, 404))
def claim(request: Request, claim_id: str, store: StoreDep, links: LinksDep, cache: CacheDep) -> JSONResponse:
    """One claim with its spans, speaker, about entities and links."""
    found = cache.get(("claim", claim_id, links.base), lambda: get_claim(store, claim_id, links))
    return lookup_response(request, found, lambda: jsonld.document([jsonld.claim_node(found)]))
