"""Every graph export, read back by a real reader: NetworkX's readers, python-igraph for
GraphML, Graphviz for DOT, the GEXF 1.3 XML schema with lxml, Python's csv for CSV."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import igraph
import networkx as nx
import orjson
import pytest
from lxml import etree

from kg.errors import ExportError
from kg.export import EXPORTERS, export, get_exporter
from kg.export.network import GEXF_NS, csv_tables, dot_quote, prepare
from kg.graph import ego
from kg.graph.projection import Projection

GEXF_XSD = Path(__file__).resolve().parents[3].parent / "shared/schemas/gexf-1.3/gexf.xsd"
TRUMP = "http://127.0.0.1:8000/id/actor/Q22686"
MOON = "http://127.0.0.1:8000/id/actor/Q21001"
ZOE = "http://127.0.0.1:8000/id/actor/person/zoe-cote"
GRAPH_FORMATS = sorted(n for n, e in EXPORTERS.items() if e.source == "graph")


def written(name: str, G: nx.Graph) -> bytes:
    out = io.BytesIO()
    export(name, out, graph=G)
    return out.getvalue()


def graphs(p: Projection) -> dict[str, nx.Graph]:
    return {"contacts": p.contacts, "events": p.events, "statements": p.statements,
            "ego": ego(p.contacts, ZOE, radius=1)}


def same_shape(G: nx.Graph, H: nx.Graph) -> None:
    """H (read back) has G's nodes with their labels, and as many edges."""
    assert {str(n) for n in H} == {str(n) for n in G}
    assert H.number_of_edges() == G.number_of_edges()
    for n, d in G.nodes(data=True):
        assert H.nodes[str(n)]["label"] == d["label"]


def meeting_attrs(H: nx.Graph) -> set[tuple[str, str, str]]:
    return {(str(d.get("meeting")), str(d.get("kind")), str(d.get("status")))
            for *_, d in H.edges(data=True) if "meeting" in d}


# ------------------------------------------------------------------ preparing


def test_prepare_makes_scalars_and_unique_edge_ids() -> None:
    G = nx.MultiGraph()
    G.add_node("a", label="A", extra=None, tags=["x", "y"])
    G.add_edge("b", "a", key="m", meeting="m", kind="visit", date="2018-01-01")
    G.add_edge("a", "c", key="m", meeting="m", kind="visit", date="2018-01-01")
    H = prepare(G)
    assert H.nodes["a"] == {"label": "A", "tags": "x y"}
    assert H.nodes["b"]["label"] == "b"
    assert sorted(k for *_, k in H.edges(keys=True)) == ["e0", "e1"]
    assert {d["label"] for *_, d in H.edges(data=True)} == {"visit 2018-01-01"}
    assert written("gexf", G) == written("gexf", G.copy())  # stable bytes


# ------------------------------------------------------------------ GraphML


def test_graphml_read_by_networkx_and_igraph(projection: Projection, tmp_path: Path) -> None:
    for name, G in graphs(projection).items():
        data = written("graphml", G)
        H = nx.read_graphml(io.BytesIO(data))
        same_shape(G, H)
        assert meeting_attrs(H) == meeting_attrs(prepare(G)), name
        path = tmp_path / f"{name}.graphml"
        path.write_bytes(data)
        ig = igraph.Graph.Read_GraphML(str(path))
        assert (ig.vcount(), ig.ecount()) == (G.number_of_nodes(), G.number_of_edges())
        assert sorted(ig.vs["label"]) == sorted(str(d["label"]) for _, d in G.nodes(data=True))
    doc = etree.fromstring(written("graphml", projection.contacts))
    key_ids = [k.get("id") for k in doc.iterfind("{http://graphml.graphdrawing.org/xmlns}key")]
    assert len(key_ids) == len(set(key_ids))  # ids are unique in the document
    edge_ids = [e.get("id") for e in doc.iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(edge_ids) == len(set(edge_ids)) == projection.contacts.number_of_edges()
    H = nx.read_graphml(io.BytesIO(written("graphml", projection.contacts)))
    assert H.nodes[ZOE]["label"] == 'Zoë "Z" Côte \\ d\'Ivoire'
    assert H.nodes[TRUMP]["wikidata"] == "Q22686"
    calls = [d for *_, d in H.edges(data=True) if d.get("kind") == "phone_call"]
    assert calls == [{"meeting": "http://127.0.0.1:8000/id/meeting/call", "kind": "phone_call",
                      "status": "occurred", "articles": "one two", "date": "2018-01-10",
                      "confidence": 0.9, "label": "phone_call 2018-01-10"}]


# ------------------------------------------------------------------ GEXF 1.3


@pytest.fixture(scope="module")
def gexf_schema() -> etree.XMLSchema:
    if not GEXF_XSD.exists():
        pytest.skip(f"GEXF schema not found at {GEXF_XSD}")
    return etree.XMLSchema(etree.parse(str(GEXF_XSD)))


def test_gexf_valid_against_the_1_3_schema(projection: Projection,
                                           gexf_schema: etree.XMLSchema) -> None:
    for name, G in graphs(projection).items():
        doc = etree.parse(io.BytesIO(written("gexf", G)))
        assert gexf_schema.validate(doc), (name, gexf_schema.error_log)
    static = nx.Graph()
    static.add_edge("a", "b", kind="visit")
    doc = etree.parse(io.BytesIO(written("gexf", static)))
    assert gexf_schema.validate(doc), gexf_schema.error_log
    assert doc.getroot().find(f"{{{GEXF_NS}}}graph").get("mode") == "static"


def test_gexf_carries_time_intervals_for_gephi(projection: Projection) -> None:
    doc = etree.parse(io.BytesIO(written("gexf", projection.contacts)))
    graph = doc.getroot().find(f"{{{GEXF_NS}}}graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    spans = {e.get("label"): (e.get("start"), e.get("end"))
             for e in graph.iter(f"{{{GEXF_NS}}}edge")}
    assert spans["phone_call 2018-01-10"] == ("2018-01-10", "2018-01-10")
    assert spans["visit 2018-02"] == ("2018-02-01", "2018-02-28")  # the month, whole
    assert spans["summit"] == (None, None)  # undated: always there
    starts = {n.get("id"): n.get("start") for n in graph.iter(f"{{{GEXF_NS}}}node")}
    assert starts[TRUMP] == "2018-01-10" and starts[ZOE] == "2018-02-01"
    assert starts["http://127.0.0.1:8000/id/actor/Q30"] is None


def test_gexf_read_back_by_networkx(projection: Projection) -> None:
    for G in graphs(projection).values():
        H = nx.read_gexf(io.BytesIO(written("gexf", G)))
        same_shape(G, H)
        assert meeting_attrs(H) == meeting_attrs(prepare(G))
    H = nx.read_gexf(io.BytesIO(written("gexf", projection.contacts)))
    assert H.nodes[ZOE]["type"] == "Person"
    assert {d.get("confidence") for *_, d in H.edges(data=True)} == {0.9, 0.7, 0.6}


# ------------------------------------------------------------------ JSON


def test_cytoscape_read_back(projection: Projection) -> None:
    for G in graphs(projection).values():
        data = orjson.loads(written("cytoscape", G))
        assert {"data", "elements"} <= set(data)
        H = nx.cytoscape_graph(data, name="label")
        same_shape(G, H)
        assert meeting_attrs(H) == meeting_attrs(prepare(G))
    data = orjson.loads(written("cytoscape", projection.contacts))
    assert {e["data"]["source"] for e in data["elements"]["edges"]} <= set(projection.contacts)


def test_nodelink_read_back(projection: Projection) -> None:
    for G in graphs(projection).values():
        H = nx.node_link_graph(orjson.loads(written("nodelink", G)), edges="edges")
        same_shape(G, H)
        assert H.is_directed() == G.is_directed() and H.is_multigraph() == G.is_multigraph()
        assert meeting_attrs(H) == meeting_attrs(prepare(G))


# ------------------------------------------------------------------ DOT


def test_dot_quote_escapes() -> None:
    assert dot_quote('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_dot_renders_with_graphviz(projection: Projection) -> None:
    for name, G in graphs(projection).items():
        result = subprocess.run(["dot", "-Tsvg"], input=written("dot", G), capture_output=True,
                                timeout=60, check=False)
        assert result.returncode == 0 and result.stderr == b"", (name, result.stderr)
        svg = etree.fromstring(result.stdout)
        ns = {"svg": "http://www.w3.org/2000/svg"}
        titles = {t.text for t in svg.iterfind(".//svg:g[@class='node']/svg:title", ns)}
        assert titles == {str(n) for n in G}, name
        edges = svg.findall(".//svg:g[@class='edge']", ns)
        assert len(edges) == G.number_of_edges()
        texts = set(svg.itertext())
        for _, d in G.nodes(data=True):
            assert d["label"] in texts, (name, d["label"])  # quotes and backslashes survive


# ------------------------------------------------------------------ CSV


def test_csv_zip_read_back(projection: Projection) -> None:
    for G in graphs(projection).values():
        with zipfile.ZipFile(io.BytesIO(written("csv", G))) as archive:
            assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
            nodes = list(csv.DictReader(io.TextIOWrapper(archive.open("nodes.csv"), "utf-8")))
            edges = list(csv.DictReader(io.TextIOWrapper(archive.open("edges.csv"), "utf-8")))
        H = nx.MultiGraph()
        H.add_nodes_from((row["id"], row) for row in nodes)
        H.add_edges_from((row["source"], row["target"], row) for row in edges)
        same_shape(G, H)
    nodes_csv, edges_csv = csv_tables(projection.contacts)
    header = edges_csv.decode().splitlines()[0].split(",")
    assert header[:9] == ["source", "target", "id", "kind", "status", "date", "start", "end",
                          "meeting"]
    assert nodes_csv.decode().splitlines()[0].split(",")[:4] == ["id", "label", "type",
                                                                 "wikidata"]
    visit = next(r for r in csv.DictReader(io.StringIO(edges_csv.decode()))
                 if r["kind"] == "visit")
    assert (visit["start"], visit["end"], visit["date"]) == ("2018-02-01", "2018-02-28",
                                                             "2018-02")


# ------------------------------------------------------------------ registry


@pytest.mark.parametrize("name", GRAPH_FORMATS)
def test_every_graph_format_writes_an_empty_graph(name: str) -> None:
    assert written(name, nx.MultiGraph()) != b""


def test_registry_errors() -> None:
    with pytest.raises(ExportError, match="unknown export format"):
        get_exporter("pdf")
    with pytest.raises(ExportError, match="needs a graph"):
        export("graphml", io.BytesIO())
    with pytest.raises(ExportError, match="needs the store"):
        export("turtle", io.BytesIO())
    writers: list[Callable[..., None]] = [e.write for e in EXPORTERS.values()]
    assert all(callable(w) for w in writers)
    assert get_exporter(" GraphViz ").name == "dot"


@pytest.mark.parametrize("name", GRAPH_FORMATS)
def test_graph_formats_accept_the_store(name: str, export_store: object,
                                        projection: Projection) -> None:
    """``EXPORTERS[name].write(store, out)`` writes the store's contact graph."""
    out = io.BytesIO()
    EXPORTERS[name].write(export_store, out)
    assert out.getvalue() == written(name, projection.contacts) or name == "gexf"
    if name == "gexf":  # the same but for nothing (it carries today's date)
        assert len(out.getvalue()) == len(written(name, projection.contacts))
    via_export = io.BytesIO()
    export(name, via_export, store=export_store)  # type: ignore[arg-type]
    assert len(via_export.getvalue()) == len(out.getvalue())
    with pytest.raises(ExportError):
        EXPORTERS[name].write(object(), io.BytesIO())
