"""RFC 8288 ``Link`` headers and ``next`` URLs for pages cut by ``graph.lookups.paging``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.datastructures import URL


def next_url(url: URL, cursor: str | None) -> str | None:
    """The request URL with the next page's cursor, or None."""
    return None if cursor is None else str(url.include_query_params(cursor=cursor))


def link_header(url: URL, cursor: str | None) -> dict[str, str]:
    """The RFC 8288 ``Link: <...>; rel="next"`` header for the next page, if there is one."""
    target = next_url(url, cursor)
    return {} if target is None else {"Link": f'<{target}>; rel="next"'}
