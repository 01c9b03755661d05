"""``/documents``: the list, one document with its claims, its original text (or a span), and uploads."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from api.deps import BearerDep, CacheDep, LinksDep, SettingsDep, StoreDep, check_write_token
from api.errors import Unprocessable, UnsupportedMediaType, problem_responses
from api.lookups import jsonld
from api.lookups.documents import document_key, document_text, get_document, list_documents
from api.representation import lookup_response, lookup_responses, page_response
from api.schemas import DocumentDetail, DocumentPage, UploadResult
from api.upload import check_part_type, document_name, ingest_upload
from graph.lookups.paging import paginate

router = APIRouter(tags=["documents"])

UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary", "description": "A UTF-8 text file."},
                        "name": {"type": "string", "description": "Document id to store under (default: file name)."},
                    },
                    "required": ["file"],
                }
            }
        },
    }
}


@router.get("/documents", response_class=JSONResponse, responses=lookup_responses(DocumentPage, 422))
def documents(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    links: LinksDep,
    cache: CacheDep,
    limit: Annotated[int | None, Query(ge=1, description="Page size (capped by the server).")] = None,
    cursor: Annotated[str | None, Query(description="Opaque cursor from the previous page's next link.")] = None,
) -> JSONResponse:
    """Stored documents with path, hash, title and claim count, by id."""
    found = cache.get(("documents", links.base), lambda: list_documents(store, links), len)
    page = paginate(found, document_key, cursor, min(limit or settings.page_size, settings.max_page_size))
    return page_response(request, page, page.items, jsonld.document_node)


@router.get(
    "/documents/{doc_id:path}/text",
    response_class=PlainTextResponse,
    responses={
        200: {"description": "The original text, or the span [start, end) of it.", "content": {"text/plain": {}}},
        **problem_responses(404, 422),
    },
)
def text(
    doc_id: str,
    store: StoreDep,
    start: Annotated[int | None, Query(ge=0, description="First code point of the span.")] = None,
    end: Annotated[int | None, Query(ge=0, description="Code point after the span.")] = None,
) -> PlainTextResponse:
    """The document's original text exactly as ingested; ``?start=&end=`` (code points) returns a span."""
    return PlainTextResponse(document_text(store, doc_id, start, end))


@router.get("/documents/{doc_id:path}", response_class=JSONResponse, responses=lookup_responses(DocumentDetail, 404))
def document(request: Request, doc_id: str, store: StoreDep, links: LinksDep, cache: CacheDep) -> JSONResponse:
    """One document's description and its claims in text order."""
    found = cache.get(
        ("document", doc_id, links.base), lambda: get_document(store, doc_id, links), lambda v: len(v["claims"])
    )
    return lookup_response(
        request, found, lambda: jsonld.document([jsonld.document_node(found), *map(jsonld.claim_node, found["claims"])])
    )


@router.post(
    "/documents",
    response_class=JSONResponse,
    status_code=201,
    responses={
        201: {"model": UploadResult, "description": "Stored; the body lists what was extracted."},
        200: {"model": UploadResult, "description": "Already stored with the same bytes; nothing changed."},
        **problem_responses(403, 413, 415, 422, 503),
    },
    openapi_extra=UPLOAD_BODY,
)
async def upload(request: Request, settings: SettingsDep, links: LinksDep, bearer: BearerDep) -> JSONResponse:
    """Ingest an uploaded UTF-8 text file (write token required), with the CLI's checks; all or nothing."""
    check_write_token(settings, bearer)
    if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        raise UnsupportedMediaType("upload the file as multipart/form-data with a 'file' part")
    async with request.form(max_files=1, max_fields=4) as form:
        part = form.get("file")
        if not isinstance(part, UploadFile):
            raise Unprocessable("the form has no 'file' part")
        check_part_type(part.content_type)
        name = form.get("name")
        doc_id = document_name(name if isinstance(name, str) else None, part.filename)
        data = await part.read()
    status, body = await run_in_threadpool(ingest_upload, request.app.state, doc_id, data, links)
    headers = {"Location": links.document(doc_id)} if status == 201 else {}
    return JSONResponse(body, status_code=status, headers=headers)
