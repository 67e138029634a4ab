"""The export registry: format name → media type, file suffix and writer.

Graph formats (``source="graph"``) write a NetworkX graph; RDF formats (``source="store"``)
read the store, restricted to what a graph shows when one is given. Writers are imported on
first use. Aliases are rows of their own table.

>>> get_exporter("gexf").media_type
'application/gexf+xml'
>>> get_exporter("ttl").name
'turtle'
>>> sorted(EXPORTERS) == sorted(EXPORT_FORMATS)
True
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any, Literal

import networkx as nx

from kg._types import MediaType
from kg.errors import ExportError
from kg.rdf.store import KnowledgeStore

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Exporter:
    """One export format; ``target`` is ``"module:function"`` of its writer."""

    name: str
    media_type: MediaType
    suffix: str
    source: Literal["graph", "store"]
    target: str
    description: str

    @property
    def write(self) -> Callable[..., None]:
        """The writer: ``write(G, out)`` for graph formats, ``write(store, out, graph=G)``
        for RDF formats."""
        module, _, function = self.target.partition(":")
        writer: Callable[..., None] = getattr(importlib.import_module(module), function)
        return writer


_N = "kg.export.network"
_R = "kg.export.rdf"

EXPORTERS: dict[str, Exporter] = {e.name: e for e in (
    Exporter("graphml", "application/graphml+xml", ".graphml", "graph", f"{_N}:write_graphml",
             "GraphML (Gephi, yEd, Cytoscape desktop, igraph)"),
    Exporter("gexf", "application/gexf+xml", ".gexf", "graph", f"{_N}:write_gexf",
             "GEXF 1.3 with meeting dates as time intervals (Gephi's timeline)"),
    Exporter("cytoscape", "application/json", ".cyjs", "graph", f"{_N}:write_cytoscape",
             "Cytoscape.js elements JSON"),
    Exporter("nodelink", "application/json", ".json", "graph", f"{_N}:write_nodelink",
             "NetworkX / D3 node-link JSON"),
    Exporter("dot", "text/vnd.graphviz", ".dot", "graph", f"{_N}:write_dot",
             "Graphviz DOT"),
    Exporter("csv", "application/zip", ".zip", "graph", f"{_N}:write_csv",
             "zip of nodes.csv and edges.csv"),
    Exporter("turtle", "text/turtle", ".ttl", "store", f"{_R}:write_turtle",
             "RDF Turtle (union of all graphs)"),
    Exporter("nquads", "application/n-quads", ".nq", "store", f"{_R}:write_nquads",
             "RDF N-Quads, one named graph per article"),
    Exporter("jsonld", "application/ld+json", ".jsonld", "store", f"{_R}:write_jsonld",
             "JSON-LD with the published context, one @graph per article"),
)}

EXPORT_FORMATS: tuple[str, ...] = tuple(EXPORTERS)
"""The names ``/export?format=`` and ``kg export --format`` accept (aliases aside)."""

ALIASES: dict[str, str] = {
    "ttl": "turtle",
    "nq": "nquads",
    "json-ld": "jsonld",
    "node-link": "nodelink",
    "json": "nodelink",
    "cyjs": "cytoscape",
    "gv": "dot",
    "graphviz": "dot",
}


def get_exporter(name: str) -> Exporter:
    """The exporter called ``name`` (or an alias); ExportError naming the choices otherwise."""
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    try:
        return EXPORTERS[key]
    except KeyError:
        raise ExportError(f"unknown export format {name!r}; "
                          f"expected one of {', '.join(EXPORT_FORMATS)}") from None


def export(name: str, out: IO[bytes], *, graph: nx.Graph | None = None,
           store: KnowledgeStore | None = None, **options: Any) -> Exporter:
    """Write ``graph`` (graph formats; the store's contact graph when only ``store`` is
    given) or the store, restricted to ``graph`` when given (RDF formats), to ``out`` in format
    ``name``; the exporter used (for its media type).

    Every writer also takes the store directly: ``EXPORTERS[name].write(store, out)``."""
    exporter = get_exporter(name)
    if exporter.source == "graph":
        source = graph if graph is not None else store  # a store: its contact graph
        if source is None:
            raise ExportError(f"the {exporter.name} export needs a graph")
        exporter.write(source, out, **options)
    else:
        if store is None:
            raise ExportError(f"the {exporter.name} export needs the store")
        exporter.write(store, out, graph=graph, **options)
    return exporter


__all__ = ["ALIASES", "EXPORTERS", "EXPORT_FORMATS", "Exporter", "export", "get_exporter"]
