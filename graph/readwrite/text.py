"""Reading input documents: UTF-8 text files, refused with one clear error per bad file.

Shared by ``claimgraph extract`` and store ingestion. Offsets downstream index the returned
string, so the bytes are decoded as they are (no newline translation, nothing stripped).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from graph.errors import (
    BinaryInputError,
    DecodeInputError,
    EmptyInputError,
    MissingInputError,
    OversizeInputError,
)

TEXT_SUFFIXES = frozenset({".txt", ".md"})
_SNIFF_CHARS = 8192
_CONTROL_SHARE = 0.1  # more control characters than this in the first chunk means binary
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def read_document(path: str | Path, max_bytes: int) -> str:
    """The file's text decoded as UTF-8; raises an InputError subclass naming the file when it
    is missing, larger than ``max_bytes``, empty, binary or not valid UTF-8."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise MissingInputError(name, "no such file")
    if not path.is_file():
        raise MissingInputError(name, "not a regular file")
    size = path.stat().st_size
    if size > max_bytes:
        raise OversizeInputError(name, f"{size} bytes is over the limit of {max_bytes} bytes")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MissingInputError(name, f"cannot be read ({exc.strerror})") from exc
    return decode_document(name, data, max_bytes)


def decode_document(name: str, data: bytes, max_bytes: int) -> str:
    """Bytes from a file or stdin as UTF-8 text, with the same checks as ``read_document``."""
    if len(data) > max_bytes:
        raise OversizeInputError(name, f"{len(data)} bytes is over the limit of {max_bytes} bytes")
    if b"\x00" in data:
        raise BinaryInputError(name, "looks binary (holds NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeInputError(name, f"is not UTF-8 text (invalid byte at offset {exc.start})") from exc
    if not text.strip():
        raise EmptyInputError(name, "holds no text" if text else "is empty")
    head = text[:_SNIFF_CHARS]
    controls = sum(1 for ch in head if ch < " " and ch not in _ALLOWED_CONTROLS)
    if controls > _CONTROL_SHARE * len(head):
        raise BinaryInputError(name, "looks binary (mostly control characters)")
    return text


def iter_input_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files and directories (recursively, ``.txt``/``.md`` only, sorted) into file paths.

    Paths that do not exist are passed through so that reading them reports the error.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES and p.is_file())
        else:
            yield path
