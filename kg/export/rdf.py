"""RDF exports: Turtle, N-Quads (named graphs kept) and JSON-LD (named graphs kept, compacted
with the project's published context, ``ontology/context.jsonld``).

The whole store is dumped by the store itself (fast: pyoxigraph writes any RDF syntax).
Given a graph a question returned, only what it shows is written: every quad about its actors,
meetings and statements (from every article graph that states it), plus their roles and the
articles that report them, so the subgraph keeps its evidence and provenance.

JSON-LD goes through rdflib's serializer, which is slow on very large stores (see
PERF-NOTES.md); the context is embedded in the output so a reader needs no network, or
referenced by URL when ``context_url`` is given.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, cast

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier

from kg._types import IRI
from kg.errors import QueryError
from kg.namespaces import DKG, PREFIXES
from kg.rdf.store import KnowledgeStore
from kg.rdf.terms import from_oxigraph, sparql_term, to_oxigraph

logger = logging.getLogger(__name__)

CONTEXT_PATH = Path(__file__).resolve().parents[2] / "ontology" / "context.jsonld"
CHUNK = 400
"""IRIs per VALUES block when selecting a subgraph's quads."""

_QUADS = "SELECT ?g ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
_FOLLOW = (DKG.hasRole, DKG.reportedIn)


@lru_cache(maxsize=1)
def _context_file(path: str) -> dict[str, Any] | None:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    context = data.get("@context") if isinstance(data, dict) else None
    return context if isinstance(context, dict) else None


def jsonld_context() -> dict[str, Any]:
    """The published JSON-LD context (``ontology/context.jsonld``); the project prefixes alone
    when the file is not beside the package (an installed wheel)."""
    found = _context_file(str(CONTEXT_PATH))
    if found is not None:
        return dict(found)
    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


# --- which IRIs a NetworkX graph shows -----------------------------------------------------

def graph_iris(G: nx.Graph) -> list[IRI]:
    """Actor, meeting and statement IRIs in ``G`` (nodes, and edges' ``meeting``/``statement``
    attributes or keys), sorted; anything that is not an absolute http(s) IRI is skipped.

    >>> G = nx.MultiGraph()
    >>> G.add_edge("http://x/id/actor/a", "http://x/id/actor/b", key="k",
    ...            meeting="http://x/id/meeting/1")
    'k'
    >>> G.add_node("not an IRI")
    >>> graph_iris(G)
    ['http://x/id/actor/a', 'http://x/id/actor/b', 'http://x/id/meeting/1']
    """
    found: set[str] = {str(n) for n in G.nodes}
    if G.is_multigraph():
        for *_, k, d in G.edges(keys=True, data=True):
            found.add(str(d.get("meeting") or d.get("statement") or k))
    else:
        for *_, d in G.edges(data=True):
            for attr in ("meeting", "statement"):
                if d.get(attr):
                    found.add(str(d[attr]))
            found.update(str(d.get("meetings", "")).split())
    return sorted(i for i in found if i.startswith(("http://", "https://")))


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


Graphs = dict[IRI, Graph]
"""Named graph IRI (``""`` for the default graph) → its triples: a dataset as plain rdflib Graphs (rdflib 7.6's Dataset
warns about its own deprecated internals, and the warnings are errors in our tests)."""


Quad = tuple[Identifier, Identifier, Identifier, Identifier]


def _select_quads(store: KnowledgeStore, iris: Iterable[str]) -> list[Quad]:
    terms = []
    for iri in iris:
        try:
            terms.append(sparql_term(URIRef(iri)))
        except QueryError:
            logger.warning("skipping an IRI SPARQL cannot hold: %r", iri)
    quads: list[Quad] = []
    for chunk in _chunks(terms, CHUNK):
        for row in store.select(_QUADS.format(values=" ".join(chunk))):
            quads.append((row["s"], row["p"], row["o"], row["g"]))
    return quads


def _graphs(quads: Iterable[Quad]) -> Graphs:
    graphs: Graphs = {}
    for s, p, o, g in quads:
        name = str(g)
        if name not in graphs:
            graphs[name] = Graph(identifier=URIRef(name))
        graphs[name].add((s, p, o))
    return dict(sorted(graphs.items()))


def subgraph_graphs(store: KnowledgeStore, G: nx.Graph) -> Graphs:
    """The quads behind ``G``: its actors, meetings and statements, their roles and the
    articles reporting them, each in the article graph that states it."""
    quads = _select_quads(store, graph_iris(G))
    seen = {str(s) for s, *_ in quads}
    follow = sorted({str(o) for _, p, o, _ in quads
                     if p in _FOLLOW and isinstance(o, URIRef)} - seen)
    quads += _select_quads(store, follow)
    return _graphs(quads)


def store_graphs(store: KnowledgeStore) -> Graphs:
    """Every named graph of the store (read from its N-Quads dump)."""
    buf = io.BytesIO()
    store.dump("application/n-quads", buf)
    quads = ((from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object),
              URIRef("") if isinstance(q.graph_name, ox.DefaultGraph)
              else from_oxigraph(q.graph_name))
             for q in ox.parse(buf.getvalue(), ox.RdfFormat.N_QUADS))
    return _graphs(quads)


def _ox_quads(graphs: Graphs, *, named: bool) -> Iterator[ox.Quad]:
    default = ox.DefaultGraph()
    for name, graph in graphs.items():
        g = ox.NamedNode(name) if named and name else default
        for s, p, o in graph:
            subject, predicate = to_oxigraph(cast(Identifier, s)), to_oxigraph(cast(Identifier, p))
            if isinstance(subject, ox.Literal) or not isinstance(predicate, ox.NamedNode):
                continue  # not RDF: cannot come out of a store
            yield ox.Quad(subject, predicate, to_oxigraph(cast(Identifier, o)), g)


_PREFIX_MAP = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


# --- writers -------------------------------------------------------------------------------

def write_turtle(store: KnowledgeStore, out: IO[bytes], *, graph: nx.Graph | None = None) -> None:
    """Turtle of the union of all graphs (Turtle has no named graphs)."""
    if graph is None:
        store.dump("text/turtle", out)
        return
    triples = {q.triple for q in _ox_quads(subgraph_graphs(store, graph), named=False)}
    ox.serialize(sorted(triples, key=str), out, ox.RdfFormat.TURTLE, prefixes=_PREFIX_MAP)


def write_nquads(store: KnowledgeStore, out: IO[bytes], *, graph: nx.Graph | None = None) -> None:
    """N-Quads: every triple in the named graph of the article that states it."""
    if graph is None:
        store.dump("application/n-quads", out)
        return
    ox.serialize(_ox_quads(subgraph_graphs(store, graph), named=True), out,
                 ox.RdfFormat.N_QUADS)


def jsonld_document(graphs: Graphs, context: dict[str, Any] | None = None) -> dict[str, Any]:
    """A JSON-LD document with one ``{"@id": graph, "@graph": [...]}`` entry per named
    graph, each compacted with ``context`` (the published one by default)."""
    context = jsonld_context() if context is None else context
    entries = []
    for name, graph in graphs.items():
        compact = json.loads(graph.serialize(format="json-ld", context=context,
                                             auto_compact=True))
        compact.pop("@context", None)
        nodes = compact.pop("@graph", None)
        if nodes is None:
            nodes = [compact] if compact else []
        if name:
            entries.append({"@id": name, "@graph": nodes})
        else:  # the default graph's nodes stand at the top level
            entries.extend(nodes)
    return {"@context": context, "@graph": entries}


def write_jsonld(store: KnowledgeStore, out: IO[bytes], *, graph: nx.Graph | None = None,
                 context_url: str | None = None) -> None:
    """JSON-LD, one named graph per article, compacted with the published context (embedded,
    or referenced as ``context_url``)."""
    graphs = store_graphs(store) if graph is None else subgraph_graphs(store, graph)
    document = jsonld_document(graphs)
    if context_url is not None:
        document["@context"] = context_url
    out.write(json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"))


__all__ = [
    "CONTEXT_PATH",
    "Graphs",
    "graph_iris",
    "jsonld_context",
    "jsonld_document",
    "store_graphs",
    "subgraph_graphs",
    "write_jsonld",
    "write_nquads",
    "write_turtle",
]
