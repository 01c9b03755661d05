"""The claimgraph exception hierarchy; only ``api/`` and the CLI turn these into responses.

    ClaimgraphError
    ├── InputError              bad input document (each names the file and the reason)
    │   ├── MissingInputError
    │   ├── EmptyInputError
    │   ├── BinaryInputError
    │   ├── DecodeInputError
    │   └── OversizeInputError
    ├── ModelError              the spaCy pipeline cannot be loaded
    ├── StoreError              the store cannot be opened, read or written
    │   ├── StoreLockedError
    │   └── StoreConnectionError
    ├── QueryError              a SPARQL query is malformed or fails
    │   ├── UnknownQueryError
    │   └── QueryParameterError
    ├── CursorError             a paging cursor that was not issued for this listing
    └── NotFoundError           a document, entity or claim does not exist
"""

from __future__ import annotations


class ClaimgraphError(Exception):
    """Base class of every error claimgraph raises on purpose."""


class InputError(ClaimgraphError):
    """A document cannot be ingested; ``path`` names it and the message says why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class MissingInputError(InputError):
    """The path does not exist."""


class EmptyInputError(InputError):
    """The file holds no text."""


class BinaryInputError(InputError):
    """The file looks binary (NUL bytes or mostly control characters)."""


class DecodeInputError(InputError):
    """The bytes are not valid UTF-8."""


class OversizeInputError(InputError):
    """The file is larger than the configured limit."""


class ModelError(ClaimgraphError):
    """The requested spaCy pipeline is not installed or cannot be loaded."""


class StoreError(ClaimgraphError):
    """The store cannot be opened, read or written."""


class StoreLockedError(StoreError):
    """Another process holds the embedded store's write lock."""


class StoreConnectionError(StoreError):
    """A SPARQL server could not be reached or answered with an error."""


class QueryError(ClaimgraphError):
    """A SPARQL query is malformed or failed to run."""


class UnknownQueryError(QueryError):
    """No canned query has that name."""


class QueryParameterError(QueryError):
    """A canned query was given an unknown or missing parameter."""


class CursorError(ClaimgraphError):
    """A paging cursor that is malformed or was not issued for this kind of listing."""


class NotFoundError(ClaimgraphError):
    """The requested document, entity or claim does not exist."""
