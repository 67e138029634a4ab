"""Graph exports: GraphML, GEXF 1.3, Cytoscape.js JSON, node-link JSON, DOT and CSV.

Every writer takes a NetworkX graph (a whole projection or the subgraph a question returned)
and a binary stream. Before writing, the graph is *prepared*: attribute values become scalars
(None dropped, lists joined with spaces), nodes and edges are put in a stable order, parallel
edges get unique ids ``e0``, ``e1``… (the meeting IRI stays in the ``meeting`` attribute, since
an n-party meeting makes several edges), and each meeting edge gets a ``label`` such as
``"visit 2018-01-10"``. The same graph therefore gives the same bytes every time.

Choices worth knowing:

- GEXF is written here (with lxml) rather than by NetworkX, so that it is valid GEXF 1.3:
  a meeting's date becomes the edge's ``start``/``end`` (a month date spans the month) and an
  actor's ``start`` is the day of their first meeting, so Gephi's timeline plays the graph.
- DOT is written here too, with every id and value quoted and escaped; planned and proposed
  meetings are dashed, cancelled ones dotted.
- CSV is one zip holding ``nodes.csv`` (``id,label,type,wikidata,…``) and ``edges.csv``
  (``source,target,id,kind,status,date,start,end,meeting,articles,…``), the column names
  Gephi's spreadsheet import recognises; one archive keeps the pair together over HTTP.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from collections.abc import Iterable, Mapping
from datetime import date as Date
from typing import IO, TYPE_CHECKING, Any

import networkx as nx
import orjson
from lxml import etree

from kg.errors import ExportError
from kg.graph.filters import date_interval

if TYPE_CHECKING:
    from kg.rdf.store import KnowledgeStore

logger = logging.getLogger(__name__)

GEXF_NS = "http://gexf.net/1.3"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
GEXF_SCHEMA_LOCATION = f"{GEXF_NS} {GEXF_NS}/gexf.xsd"

NODE_COLUMNS = ("id", "label", "type", "wikidata")
EDGE_COLUMNS = ("source", "target", "id", "kind", "status", "date", "start", "end", "meeting",
                "articles")
DOT_STYLES = {"planned": "dashed", "proposed": "dashed", "cancelled": "dotted"}

Scalar = str | int | float | bool


# --- preparing a graph ---------------------------------------------------------------------

def scalar(value: Any) -> Scalar | None:
    """A value GraphML and GEXF can hold: None stays None (to be dropped), collections are
    joined with spaces, anything else unknown becomes its string.

    >>> scalar(["m1", "m2"]), scalar(3), scalar(None), scalar(frozenset({"b", "a"}))
    ('m1 m2', 3, None, 'a b')
    """
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, set | frozenset):
        return " ".join(sorted(map(str, value)))
    if isinstance(value, list | tuple):
        return " ".join(map(str, value))
    return str(value)


def _scalars(data: Mapping[str, Any]) -> dict[str, Scalar]:
    out: dict[str, Scalar] = {}
    for k, v in data.items():
        s = scalar(v)
        if s is not None:
            out[str(k)] = s
    return out


def _edge_label(data: Mapping[str, Any]) -> str | None:
    if "kind" not in data:
        return None
    return " ".join(str(data[k]) for k in ("kind", "date") if data.get(k))


def prepare(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` ready for any writer: scalar attributes, sorted nodes and edges, unique
    edge ids (``e0``… as multigraph keys), and a ``label`` on meeting edges."""
    H = G.__class__()
    H.graph.update(_scalars(G.graph))
    for n in sorted(G.nodes, key=str):
        attrs = _scalars(G.nodes[n])
        attrs.setdefault("label", str(n))
        H.add_node(str(n), **attrs)
    edges: list[tuple[str, str, str, dict[str, Scalar]]] = []
    if G.is_multigraph():
        raw: Iterable[tuple[Any, Any, Any, Mapping[str, Any]]] = G.edges(keys=True, data=True)
    else:
        raw = ((u, v, "", d) for u, v, d in G.edges(data=True))
    for u, v, k, d in raw:
        a, b = str(u), str(v)
        if not G.is_directed() and b < a:
            a, b = b, a
        attrs = _scalars(d)
        label = _edge_label(attrs)
        if label and "label" not in attrs:
            attrs["label"] = label
        edges.append((a, b, str(k), attrs))
    edges.sort(key=lambda e: (e[0], e[1], e[2]))
    for i, (a, b, _, attrs) in enumerate(edges):
        if H.is_multigraph():
            H.add_edge(a, b, key=f"e{i}", **attrs)
        else:
            H.add_edge(a, b, **attrs)
    return H


def _edges(H: nx.Graph) -> list[tuple[str, str, str, dict[str, Scalar]]]:
    if H.is_multigraph():
        return [(u, v, k, d) for u, v, k, d in H.edges(keys=True, data=True)]
    return [(u, v, f"e{i}", d) for i, (u, v, d) in enumerate(H.edges(data=True))]


def _interval(data: Mapping[str, Any]) -> tuple[str, str] | None:
    value = data.get("date")
    if not value:
        return None
    try:
        return date_interval(str(value))
    except ValueError:
        return None


# --- GraphML -------------------------------------------------------------------------------

def write_graphml(G: nx.Graph | KnowledgeStore, out: IO[bytes]) -> None:
    """GraphML through NetworkX (for yEd, Gephi, Cytoscape desktop and igraph). Key ids are
    NetworkX's ``d0``, ``d1``…: named ids would give node and edge ``label`` the same id."""
    G = as_graph(G)
    nx.write_graphml(prepare(G), out, encoding="utf-8")


# --- GEXF 1.3 ------------------------------------------------------------------------------

def _gexf_type(values: list[Scalar]) -> str:
    kinds = {type(v) for v in values}
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "long"
    if kinds <= {int, float} and kinds:
        return "double"
    return "string"


def _gexf_value(value: Scalar, type_: str) -> str:
    if type_ == "boolean":
        return "true" if value else "false"
    return str(value)


def _gexf_attributes(graph: etree._Element, cls: str,
                     rows: list[dict[str, Scalar]], skip: set[str]) -> dict[str, str]:
    values: dict[str, list[Scalar]] = {}
    for row in rows:
        for k, v in row.items():
            if k not in skip:
                values.setdefault(k, []).append(v)
    types = {k: _gexf_type(vs) for k, vs in sorted(values.items())}
    if types:
        block = etree.SubElement(graph, f"{{{GEXF_NS}}}attributes", {"class": cls,
                                                                       "mode": "static"})
        for k, t in types.items():
            etree.SubElement(block, f"{{{GEXF_NS}}}attribute", id=k, title=k, type=t)
    return types


def _gexf_attvalues(parent: etree._Element, data: Mapping[str, Scalar],
                    types: Mapping[str, str]) -> None:
    present = [k for k in types if k in data]
    if present:
        block = etree.SubElement(parent, f"{{{GEXF_NS}}}attvalues")
        for k in present:
            etree.SubElement(block, f"{{{GEXF_NS}}}attvalue",
                             {"for": k, "value": _gexf_value(data[k], types[k])})


def gexf_tree(G: nx.Graph, *, today: Date | None = None) -> etree._ElementTree:
    """The GEXF 1.3 document for ``G`` as an lxml tree (see :func:`write_gexf`)."""
    H = prepare(G)
    edges = _edges(H)
    spans = {(u, v, k): _interval(d) for u, v, k, d in edges}
    first: dict[str, str] = {}
    for (u, v, _), span in spans.items():
        if span:
            for n in (u, v):
                if n not in first or span[0] < first[n]:
                    first[n] = span[0]
    dynamic = any(spans.values())

    root = etree.Element(f"{{{GEXF_NS}}}gexf", nsmap={None: GEXF_NS, "xsi": XSI_NS},
                         version="1.3")
    root.set(f"{{{XSI_NS}}}schemaLocation", GEXF_SCHEMA_LOCATION)
    meta = etree.SubElement(root, f"{{{GEXF_NS}}}meta",
                            lastmodifieddate=(today or Date.today()).isoformat())
    etree.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "diplomatic-kg"
    if H.graph.get("projection"):
        etree.SubElement(meta, f"{{{GEXF_NS}}}description").text = \
            f"{H.graph['projection']} graph"
    attrs = {"defaultedgetype": "directed" if H.is_directed() else "undirected",
             "mode": "dynamic" if dynamic else "static"}
    if dynamic:
        attrs.update(timeformat="date", timerepresentation="interval")
    graph = etree.SubElement(root, f"{{{GEXF_NS}}}graph", attrs)

    reserved_nodes = {"label", "start", "end"}
    reserved_edges = {"label", "start", "end", "weight"}
    node_types = _gexf_attributes(graph, "node", [d for _, d in H.nodes(data=True)],
                                  reserved_nodes)
    edge_types = _gexf_attributes(graph, "edge", [d for *_, d in edges], reserved_edges)

    nodes = etree.SubElement(graph, f"{{{GEXF_NS}}}nodes", count=str(H.number_of_nodes()))
    for n, d in H.nodes(data=True):
        node = etree.SubElement(nodes, f"{{{GEXF_NS}}}node", id=n, label=str(d["label"]))
        if n in first:
            node.set("start", first[n])
        _gexf_attvalues(node, d, node_types)

    edges_el = etree.SubElement(graph, f"{{{GEXF_NS}}}edges", count=str(len(edges)))
    for u, v, k, d in edges:
        edge = etree.SubElement(edges_el, f"{{{GEXF_NS}}}edge", id=k, source=u, target=v)
        if "label" in d:
            edge.set("label", str(d["label"]))
        weight = d.get("weight")
        if isinstance(weight, int | float) and not isinstance(weight, bool):
            edge.set("weight", str(weight))
        span = spans[(u, v, k)]
        if span:
            edge.set("start", span[0])
            edge.set("end", span[1])
        _gexf_attvalues(edge, d, edge_types)
    return etree.ElementTree(root)


def write_gexf(G: nx.Graph | KnowledgeStore, out: IO[bytes]) -> None:
    """GEXF 1.3, dynamic when any edge is dated (Gephi's timeline plays it)."""
    G = as_graph(G)
    gexf_tree(G).write(out, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# --- JSON ----------------------------------------------------------------------------------

def cytoscape_data(G: nx.Graph) -> dict[str, Any]:
    """Cytoscape.js ``elements`` JSON; node ``name`` is the label."""
    data: dict[str, Any] = nx.cytoscape_data(prepare(G), name="label")
    return data


def write_cytoscape(G: nx.Graph | KnowledgeStore, out: IO[bytes]) -> None:
    G = as_graph(G)
    out.write(orjson.dumps(cytoscape_data(G)))


def node_link_data(G: nx.Graph) -> dict[str, Any]:
    """NetworkX / D3 node-link JSON with ``nodes`` and ``edges``."""
    data: dict[str, Any] = nx.node_link_data(prepare(G), edges="edges")
    return data


def write_nodelink(G: nx.Graph | KnowledgeStore, out: IO[bytes]) -> None:
    G = as_graph(G)
    out.write(orjson.dumps(node_link_data(G)))


# --- DOT -----------------------------------------------------------------------------------

_DOT_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def dot_quote(value: object) -> str:
    """A DOT quoted string: backslashes doubled, quotes escaped, line breaks as ``\\n``.

    >>> print(dot_quote('say "hi"\\\\now'))
    "say \\"hi\\"\\\\now"
    """
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{text}"'


def _dot_attrs(data: Mapping[str, Scalar]) -> str:
    parts = []
    for k, v in data.items():
        key = k if _DOT_ID.match(k) else dot_quote(k)
        parts.append(f"{key}={dot_quote(str(v).lower() if isinstance(v, bool) else v)}")
    return ", ".join(parts)


def dot_text(G: nx.Graph) -> str:
    """The graph in Graphviz's DOT language."""
    H = prepare(G)
    directed = H.is_directed()
    lines = [f"{'digraph' if directed else 'graph'} {dot_quote(H.graph.get('projection', 'kg'))} {{",
             '  node [shape=box, style=rounded, fontname="Helvetica"];',
             '  edge [fontname="Helvetica", fontsize=10];']
    for n, d in H.nodes(data=True):
        lines.append(f"  {dot_quote(n)} [{_dot_attrs(d)}];")
    op = "->" if directed else "--"
    for u, v, k, d in _edges(H):
        attrs = dict(d)
        style = DOT_STYLES.get(str(attrs.get("status", "")))
        if style and "style" not in attrs:
            attrs["style"] = style
        lines.append(f"  {dot_quote(u)} {op} {dot_quote(v)} [{_dot_attrs(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_dot(G: nx.Graph | KnowledgeStore, out: IO[bytes]) -> None:
    G = as_graph(G)
    out.write(dot_text(G).encode("utf-8"))


# --- CSV -----------------------------------------------------------------------------------

def _columns(preferred: tuple[str, ...], rows: list[dict[str, Scalar]]) -> list[str]:
    seen = set().union(*(r.keys() for r in rows)) if rows else set()
    first = [c for c in preferred if c in seen or c in preferred[:2]]
    return first + sorted(seen - set(first))


def _csv_bytes(columns: list[str], rows: list[dict[str, Scalar]]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: (str(v).lower() if isinstance(v, bool) else v)
                         for k, v in row.items()})
    return buf.getvalue().encode("utf-8")


def csv_tables(G: nx.Graph) -> tuple[bytes, bytes]:
    """``nodes.csv`` and ``edges.csv`` as UTF-8 bytes (RFC 4180, header row first)."""
    H = prepare(G)
    node_rows = [{"id": n, **d} for n, d in H.nodes(data=True)]
    edge_rows: list[dict[str, Scalar]] = []
    for u, v, k, d in _edges(H):
        row: dict[str, Scalar] = {"source": u, "target": v, "id": k, **d}
        span = _interval(d)
        if span:
            row["start"], row["end"] = span
        edge_rows.append(row)
    return (_csv_bytes(_columns(NODE_COLUMNS, node_rows), node_rows),
            _csv_bytes(_columns(EDGE_COLUMNS, edge_rows), edge_rows))


def write_csv(G: nx.Graph | KnowledgeStore, out: IO[bytes]) -> None:
    """A zip archive holding ``nodes.csv`` and ``edges.csv``."""
    G = as_graph(G)
    nodes, edges = csv_tables(G)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("nodes.csv", nodes)
        archive.writestr("edges.csv", edges)


def as_graph(source: object) -> nx.Graph:
    """``source`` if it is a NetworkX graph; the contact graph of a store's projection when it
    is a store (so every exporter accepts ``write(store, out)``); else ExportError."""
    if isinstance(source, nx.Graph):
        return source
    from kg.rdf.store import KnowledgeStore

    if isinstance(source, KnowledgeStore):
        from kg.graph.projection import Projection

        return Projection(source).contacts
    raise ExportError(f"a graph export needs a NetworkX graph or a store, not {type(source).__name__}")


__all__ = [
    "EDGE_COLUMNS",
    "GEXF_NS",
    "NODE_COLUMNS",
    "as_graph",
    "csv_tables",
    "cytoscape_data",
    "dot_quote",
    "dot_text",
    "gexf_tree",
    "node_link_data",
    "prepare",
    "scalar",
    "write_csv",
    "write_cytoscape",
    "write_dot",
    "write_gexf",
    "write_graphml",
    "write_nodelink",
]
