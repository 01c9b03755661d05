"""Gold attribution readers: Citron JSON (a file or a directory) and PolNeAR's BRAT standoff.

Both yield ``GoldDocument`` values (an ``AnnotatedDocument``) named after the document's stem,
so predictions can be paired with gold by name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from graph.errors import DecodeInputError, InputError, MissingInputError
from graph.readwrite.citron import AnnotatedDocument, Quote, read_citron, read_citron_dir
from graph.types import Span

GoldDocument = AnnotatedDocument

ATTRIBUTION_TYPES = frozenset({"Attribution", "Attribution-no-source"})
_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


def is_brat_tree(path: str | Path) -> bool:
    """True when ``path`` is a PolNeAR-style ``text/`` + ``attributions/`` tree (BRAT gold)."""
    path = Path(path)
    return path.is_dir() and (path / "text").is_dir() and (path / "attributions").is_dir()


def read_gold(path: str | Path, limit: int | None = None) -> list[GoldDocument]:
    """Read gold from a Citron file, a directory of Citron files, or a BRAT ``text/``+``attributions/`` tree.

    Documents come sorted by name; ``limit`` keeps only the first N.
    """
    path = Path(path)
    if path.is_file():
        docs = [read_citron(path)]
    elif is_brat_tree(path):
        docs = list(read_brat_dir(path, limit=limit))
    elif path.is_dir():
        docs = read_citron_dir(path)
        if not docs:
            raise InputError(str(path), "no *.json gold files and no text/ + attributions/ folders")
    else:
        raise MissingInputError(str(path), "no such file or directory")
    docs.sort(key=lambda d: d.name)
    return docs[:limit] if limit is not None else docs


def brat_pairs(directory: str | Path) -> list[tuple[Path, Path]]:
    """(text, annotation) file pairs of a PolNeAR tree, one annotator per article.

    The annotation file is ``attributions/<article>_<annotator>.ann``; where several annotators
    exist the lexicographically smallest suffix wins. Articles without annotations are skipped.
    """
    directory = Path(directory)
    anns: dict[str, list[str]] = {}
    for ann in (directory / "attributions").glob("*.ann"):
        article, sep, suffix = ann.stem.rpartition("_")
        if sep:
            anns.setdefault(article, []).append(suffix)
    pairs = []
    for text in sorted((directory / "text").glob("*.txt")):
        suffixes = anns.get(text.stem)
        if suffixes:
            pairs.append((text, directory / "attributions" / f"{text.stem}_{min(suffixes)}.ann"))
    return pairs


def read_brat_dir(directory: str | Path, limit: int | None = None) -> Iterator[GoldDocument]:
    """Read a PolNeAR ``text/`` + ``attributions/`` tree, sorted by article name."""
    pairs = brat_pairs(directory)
    for text_path, ann_path in pairs[:limit] if limit is not None else pairs:
        yield read_brat(text_path, ann_path)


def _pieces(ranges: str, text: str, where: str) -> tuple[Span, ...]:
    """Spans of a (possibly discontinuous) ``start end;start end`` range list, text sliced from the document."""
    spans = []
    for piece in ranges.split(";"):
        start, end = (int(n) for n in piece.split())
        if not 0 <= start <= end <= len(text):
            raise InputError(where, f"offsets {start}-{end} lie outside the text ({len(text)} characters)")
        spans.append(Span.of(text, start, end))
    return tuple(spans)


def parse_brat(text: str, ann: str, name: str, where: str | None = None) -> GoldDocument:
    """Quotes of one BRAT annotation: E lines of type Attribution(-no-source) linking Source/Cue/Content*.

    Discard and Discuss text-bound annotations are not attributions and are ignored, as are
    event lines without content and continuation lines of multi-line annotation texts.
    """
    where = where or name
    bound: dict[str, tuple[str, tuple[Span, ...]]] = {}
    events: list[str] = []
    for line in ann.splitlines():
        if match := _T_LINE.match(line):
            bound[match.group(1)] = (match.group(2), _pieces(match.group(3), text, where))
        elif match := _E_LINE.match(line):
            events.append(match.group(2))
    quotes = []
    for args in events:
        roles: dict[str, list[Span]] = {}
        kind = None
        for arg in args.split():
            role, _, target = arg.partition(":")
            if role in ATTRIBUTION_TYPES:
                kind = role
            elif target in bound:
                roles.setdefault(re.sub(r"\d+$", "", role), []).extend(bound[target][1])
        if kind is None or not roles.get("Content"):
            continue
        cue_pieces = roles.get("Cue")
        cue = Span.of(text, cue_pieces[0].start, cue_pieces[-1].end) if cue_pieces else None
        quotes.append(Quote(contents=tuple(sorted(roles["Content"])), sources=tuple(roles.get("Source", ())), cue=cue))
    quotes.sort(key=lambda q: q.contents[0].start)
    return GoldDocument(name=name, text=text, quotes=tuple(quotes))


def read_brat(text_path: str | Path, ann_path: str | Path) -> GoldDocument:
    """Read one article and its annotation file (UTF-8, no newline translation, as PolNeAR's offsets need)."""
    text_path, ann_path = Path(text_path), Path(ann_path)
    for p in (text_path, ann_path):
        if not p.is_file():
            raise MissingInputError(str(p), "no such file")
    try:
        text = text_path.read_bytes().decode("utf-8")
        ann = ann_path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeInputError(f"{text_path} / {ann_path}", f"not UTF-8 ({exc.reason})") from exc
    return parse_brat(text, ann, text_path.stem, str(ann_path))
