"""``/export/{format}``: the speaker graph as a file (GraphML, GEXF, Cytoscape.js, node-link, DOT, Neo4j zip, PNG, SVG, HTML)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import StoreDep
from graph.export import FORMATS, get_format, write_graph
from graph.project import ProjectionOptions, project

router = APIRouter(tags=["export"])

INLINE = ("html", "svg", "png")  # shown by a browser; the rest download


@router.get(
    "/export/{fmt}",
    response_class=Response,
    responses={200: {"description": "The graph file.", "content": {f.media_type: {} for f in FORMATS.values()}}},
)
def export_graph(
    fmt: str,
    store: StoreDep,
    speaker: Annotated[str | None, Query(description="Only claims by this entity (name, alias or IRI).")] = None,
    target: Annotated[str | None, Query(description="Only claims about this entity.")] = None,
    entity: Annotated[str | None, Query(description="Only claims by or about this entity.")] = None,
    document: Annotated[str | None, Query(description="Only claims from this document id.")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description="Only claims at least this confident.")] = None,
    min_weight: Annotated[int, Query(ge=1, description="Only pairs with at least this many claims.")] = 1,
    with_claims: Annotated[bool, Query(description="Claims and documents as nodes too.")] = False,
    max_nodes: Annotated[int, Query(ge=1, le=2000, description="png/svg: draw only the busiest nodes.")] = 80,
) -> Response:
    """Project the store with these filters and return the graph in the format (``neo4j`` is a zip of CSV files)."""
    export_format = get_format(fmt)
    options = ProjectionOptions(speaker=speaker, target=target, entity=entity, document=document,
                                min_confidence=min_confidence, min_weight=min_weight, with_claims=with_claims)
    graph = project(store, options)
    extra: dict[str, Any] = {"max_nodes": max_nodes} if fmt in ("png", "svg") else {}
    filename = f"claimgraph{export_format.suffix}"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / filename
        write_graph(graph, fmt, path, **extra)
        body = path.read_bytes()
    disposition = "inline" if fmt in INLINE else "attachment"
    return Response(
        content=body,
        media_type=export_format.media_type,
        headers={
            "Content-Disposition": f'{disposition}; filename="{filename}"',
            "Claimgraph-Nodes": str(graph.number_of_nodes()),
            "Claimgraph-Edges": str(graph.number_of_edges()),
        },
    )
