"""The explorer page at ``/``: find an entity, see who spoke about it and whom it spoke about, read a claim in its source.

The page (``api/static/``) talks to the small JSON endpoints below; each answer carries the SPARQL it
ran (parameters bound) so the page can link to ``/sparql?query=...``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse, HTMLResponse

from api.deps import StoreDep
from graph.errors import NotFoundError
from graph.project import ProjectionOptions, node_id, project
from graph.queries import ParamValue, get_query, prepare, resolve_entities
from graph.rdf import iris
from graph.readwrite.html import ASSETS, view_data, vis_network_js

router = APIRouter(tags=["explorer"])

STATIC = Path(__file__).resolve().parent.parent / "static"
SEARCH_LIMIT = 20
SOURCE_ROLES = ("content", "cue", "speaker")
MEDIA = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


def _asset_paths() -> dict[str, Path]:
    """The files the page may load, by name (an allow-list: nothing else is served)."""
    return {
        "explorer.js": STATIC / "explorer.js",
        "explorer.css": STATIC / "explorer.css",
        "claimgraph-view.js": ASSETS / "claimgraph-view.js",
        "claimgraph-view.css": ASSETS / "claimgraph-view.css",
        "vis-network.min.js": vis_network_js(),
    }


def _bound(store: StoreDep, name: str, params: dict[str, ParamValue | None]) -> str:
    """The canned query's text with these parameters bound, as run (for the page's SPARQL links)."""
    return prepare(store, get_query(name), params)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def page() -> HTMLResponse:
    """The explorer page."""
    return HTMLResponse((STATIC / "explorer.html").read_text(encoding="utf-8"))


@router.get("/explorer/assets/{name}", include_in_schema=False)
def asset(name: str) -> FileResponse:
    """The page's scripts and styles (vis-network comes from the installed pyvis package)."""
    path = _asset_paths().get(name)
    if path is None:
        raise NotFoundError(f"no explorer asset {name!r}")
    return FileResponse(path, media_type=MEDIA[path.suffix], headers={"Cache-Control": "max-age=3600"})


@router.get("/explorer/search")
def search(store: StoreDep, q: Annotated[str, Query(min_length=1, description="Text in a name or alias.")]) -> dict[str, Any]:
    """Entities whose name or an alias contains ``q``, ranked by claims made and received."""
    from graph.queries import run_query

    rows = list(run_query(store, "entity-search", {"q": q}))[:SEARCH_LIMIT]
    items = [
        {"id": node_id("entity", str(r.entity)), "iri": str(r.entity), "name": str(r.name),
         "claims_by": int(r.claimsBy.toPython()), "claims_about": int(r.claimsAbout.toPython())}
        for r in rows
    ]
    return {"items": items, "sparql": _bound(store, "entity-search", {"q": q})}


@router.get("/explorer/graph")
def neighbourhood(
    store: StoreDep,
    entity: Annotated[str, Query(description="Entity IRI, name or alias.")],
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> dict[str, Any]:
    """Claims by or about one entity as a graph (the page's JSON) plus the SPARQL behind it."""
    found = resolve_entities(store, entity)
    if not found:
        raise NotFoundError(f"no entity named {entity!r}")
    options = ProjectionOptions(entity=str(found[0]), min_confidence=min_confidence)
    graph = project(store, options)
    data = view_data(graph, title=f"Who spoke about {entity}, and whom it spoke about")
    data["focus"] = node_id("entity", str(found[0]))
    bounds: dict[str, ParamValue | None] = {"minConfidence": min_confidence}
    data["sparql"] = [
        {"label": "who spoke about it", "query": _bound(store, "graph-edges", {**bounds, "target": [found[0]]})},
        {"label": "whom it spoke about", "query": _bound(store, "graph-edges", {**bounds, "speaker": [found[0]]})},
    ]
    return data


@router.get("/explorer/claims/{claim_id}")
def claim_source(store: StoreDep, claim_id: str) -> dict[str, Any]:
    """A claim's spans (content, cue, speaker; code-point offsets) and the full text of its document."""
    from graph.queries import run_query

    rows = list(run_query(store, "claim-source", {"claim": claim_id}))
    if not rows:
        raise NotFoundError(f"no claim {claim_id!r}")
    spans = sorted(
        {(str(r.role), int(r.begin.toPython()), int(r.end.toPython()), str(r.anchor)) for r in rows
         if str(r.role) in SOURCE_ROLES},
        key=lambda s: (s[1], s[2], s[0]),
    )
    doc_id = str(rows[0].docId)
    text_rows = list(run_query(store, "document-text", {"document": doc_id}))
    if not text_rows:
        raise NotFoundError(f"the text of document {doc_id!r} is not stored")
    return {
        "claim": claim_id,
        "iri": f"{iris.ID}claim/{claim_id}",
        "spans": [{"role": role, "start": start, "end": end, "text": anchor} for role, start, end, anchor in spans],
        "document": {"id": doc_id, "path": str(rows[0].path), "text": str(text_rows[0].text)},
        "sparql": _bound(store, "claim-source", {"claim": claim_id}),
    }
