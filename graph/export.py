"""Export formats of the speaker graph: name → writer, reader, file suffix and media type; one ``export`` entry point.

Used by ``claimgraph export`` and ``GET /export/{format}``; each format's code lives in ``graph/readwrite/``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import NotFoundError
from graph.project import ProjectionOptions, project

if TYPE_CHECKING:
    import networkx as nx

    from graph.store.base import Store


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One output format: where its writer and reader live, the default file suffix and the HTTP media type."""

    name: str
    module: str
    function: str  # write_<function> / read_<function> in graph.readwrite.<module>
    suffix: str
    media_type: str
    binary: bool = False
    readable: bool = True  # False for pictures: no graph can be read back

    def writer(self) -> Callable[..., None]:
        """The ``write_X(graph, path, **options)`` function."""
        module = importlib.import_module(f"graph.readwrite.{self.module}")
        writer: Callable[..., None] = getattr(module, f"write_{self.function}")
        return writer

    def reader(self) -> Callable[[str | Path], nx.DiGraph]:
        """The ``read_X(path)`` function."""
        module = importlib.import_module(f"graph.readwrite.{self.module}")
        reader: Callable[[str | Path], nx.DiGraph] = getattr(module, f"read_{self.function}")
        return reader


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("graphml", "graphml", "graphml", ".graphml", "application/graphml+xml"),
        ExportFormat("gexf", "gexf", "gexf", ".gexf", "application/gexf+xml"),
        ExportFormat("cytoscape", "cytoscape", "cytoscape", ".cyjs", "application/json"),
        ExportFormat("node-link", "node_link", "node_link", ".json", "application/json"),
        ExportFormat("dot", "dot", "dot", ".dot", "text/vnd.graphviz"),
        ExportFormat("neo4j", "neo4j", "neo4j", ".zip", "application/zip", binary=True),
        ExportFormat("png", "image", "png", ".png", "image/png", binary=True, readable=False),
        ExportFormat("svg", "image", "svg", ".svg", "image/svg+xml", readable=False),
        ExportFormat("html", "html", "html", ".html", "text/html; charset=utf-8"),
    )
}


def get_format(name: str) -> ExportFormat:
    """The format called ``name``, or an error listing the known ones."""
    try:
        return FORMATS[name]
    except KeyError:
        raise NotFoundError(f"unknown export format {name!r}; one of {', '.join(FORMATS)}") from None


def write_graph(graph: nx.DiGraph, fmt: str, path: str | Path, **options: Any) -> None:
    """Write an already projected graph in a format (options such as ``max_nodes`` go to image writers)."""
    get_format(fmt).writer()(graph, path, **options)


def export(store: Store, fmt: str, path: str | Path, options: ProjectionOptions | None = None, **kw: Any) -> nx.DiGraph:
    """Project the store and write the graph to ``path``; returns the graph written."""
    get_format(fmt)
    graph = project(store, options)
    write_graph(graph, fmt, path, **kw)
    return graph
