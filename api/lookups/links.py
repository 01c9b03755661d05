"""Absolute links to the API's own resources, built from the request's base URL."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode


@dataclass(frozen=True, slots=True)
class Links:
    """Builds resource URLs under one base (``http://host:port``, no trailing slash)."""

    base: str

    def claim(self, claim_id: str) -> str:
        """The claim resource."""
        return f"{self.base}/claims/{quote(claim_id, safe='')}"

    def entity(self, entity_id: str) -> str:
        """The entity resource."""
        return f"{self.base}/entities/{quote(entity_id, safe='')}"

    def document(self, doc_id: str) -> str:
        """The document resource (ids are paths, so slashes stay)."""
        return f"{self.base}/documents/{quote(doc_id, safe='/')}"

    def text(self, doc_id: str, start: int | None = None, end: int | None = None) -> str:
        """The document's original text, or one span of it."""
        url = f"{self.document(doc_id)}/text"
        if start is None or end is None:
            return url
        return f"{url}?{urlencode({'start': start, 'end': end})}"

    def claims(self, **params: str) -> str:
        """The claims listing with filters."""
        return f"{self.base}/claims?{urlencode(params)}" if params else f"{self.base}/claims"
