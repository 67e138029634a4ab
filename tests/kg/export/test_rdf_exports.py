"""RDF exports read back: Turtle by rdflib, N-Quads into a fresh store (same count, graphs
kept), JSON-LD by rdflib (and pyoxigraph) into graphs isomorphic to the store's."""

from __future__ import annotations

import io
import json
import warnings

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.export import export
from kg.export.rdf import CONTEXT_PATH, jsonld_context, store_graphs
from kg.graph import ego
from kg.graph.projection import Projection
from kg.rdf.oxigraph_store import OxigraphStore
from kg.rdf.terms import from_oxigraph

BASE = "http://127.0.0.1:8000/"
ZOE = f"{BASE}id/actor/person/zoe-cote"
DISTINCT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"


def written(name: str, store: OxigraphStore, **kw: object) -> bytes:
    out = io.BytesIO()
    export(name, out, store=store, **kw)  # type: ignore[arg-type]
    return out.getvalue()


def graphs_from_nquads(data: bytes) -> dict[str, Graph]:
    graphs: dict[str, Graph] = {}
    for q in ox.parse(data, ox.RdfFormat.N_QUADS):
        name = str(q.graph_name.value)
        graphs.setdefault(name, Graph(identifier=URIRef(name))).add(
            (from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object)))
    return graphs


def test_turtle_parsed_by_rdflib(export_store: OxigraphStore) -> None:
    g = Graph().parse(data=written("turtle", export_store), format="turtle")
    assert len(g) == int(export_store.select(DISTINCT_TRIPLES)[0]["n"])


def test_nquads_round_trip_into_a_fresh_store(export_store: OxigraphStore) -> None:
    graphs = graphs_from_nquads(written("nquads", export_store))
    assert sorted(graphs) == [f"{BASE}graph/one", f"{BASE}graph/two"]
    fresh = OxigraphStore(None, BASE)
    try:
        for name, graph in graphs.items():
            fresh.put_article(name.rsplit("/", 1)[-1], graph)
        assert fresh.count() == export_store.count()
        for article in ("one", "two"):
            assert fresh.count(article) == export_store.count(article)
    finally:
        fresh.close()


def test_jsonld_uses_the_published_context(export_store: OxigraphStore) -> None:
    doc = json.loads(written("jsonld", export_store))
    assert CONTEXT_PATH.exists()
    assert doc["@context"] == json.loads(CONTEXT_PATH.read_text())["@context"]
    assert [e["@id"] for e in doc["@graph"]] == [f"{BASE}graph/one", f"{BASE}graph/two"]
    nodes = [n for e in doc["@graph"] for n in e["@graph"]]
    assert any("participant" in n for n in nodes)  # compacted with the context's terms
    doc = json.loads(written("jsonld", export_store, context_url=f"{BASE}ontology/context.jsonld"))
    assert doc["@context"] == f"{BASE}ontology/context.jsonld"


def test_jsonld_parsed_back_by_rdflib_is_isomorphic(export_store: OxigraphStore) -> None:
    data = written("jsonld", export_store)
    expected = store_graphs(export_store)
    doc = json.loads(data)
    # rdflib 7.6's JSON-LD parser goes through its own deprecated ConjunctiveGraph: not ours
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        # each named graph on its own, into a plain Graph
        for entry in doc["@graph"]:
            text = json.dumps({"@context": doc["@context"], "@graph": entry["@graph"]})
            g = Graph().parse(data=text, format="json-ld")
            assert isomorphic(g, expected[entry["@id"]]), entry["@id"]
        # and the whole document as a dataset
        ds = Dataset()
        ds.parse(data=data, format="json-ld")
        got = {str(g.identifier): set(g) for g in ds.graphs() if len(g)}
    assert got == {name: set(g) for name, g in expected.items()}


def test_jsonld_read_by_pyoxigraph_has_the_same_quads(export_store: OxigraphStore) -> None:
    quads = set(ox.parse(written("jsonld", export_store), ox.RdfFormat.JSON_LD))
    assert len(quads) == export_store.count()
    assert quads == set(ox.parse(written("nquads", export_store), ox.RdfFormat.N_QUADS))


def test_a_question_subgraph_exports_its_own_quads(export_store: OxigraphStore,
                                                   projection: Projection) -> None:
    sub = ego(projection.contacts, ZOE, radius=1)  # Zoë and Moon, the planned visit
    graphs = graphs_from_nquads(written("nquads", export_store, graph=sub))
    assert sorted(graphs) == [f"{BASE}graph/one", f"{BASE}graph/two"]  # Moon is named in both
    subjects = {str(s) for g in graphs.values() for s in g.subjects()}
    assert f"{BASE}id/meeting/visit" in subjects
    assert f"{BASE}id/meeting/call" not in subjects and f"{BASE}id/meeting/summit" not in subjects
    assert f"{BASE}id/actor/Q22686" not in subjects
    assert f"{BASE}id/article/one" in subjects  # provenance of the visit comes along
    turtle = Graph().parse(data=written("turtle", export_store, graph=sub), format="turtle")
    assert len(turtle) == len({t for g in graphs.values() for t in g})
    doc = json.loads(written("jsonld", export_store, graph=sub))
    assert {e["@id"] for e in doc["@graph"]} == set(graphs)


def test_roles_come_with_their_actor(export_store: OxigraphStore, projection: Projection) -> None:
    sub = ego(projection.contacts, f"{BASE}id/actor/Q22686", radius=0)
    graphs = graphs_from_nquads(written("nquads", export_store, graph=sub))
    subjects = {str(s) for g in graphs.values() for s in g.subjects()}
    assert f"{BASE}id/role/potus" in subjects


def test_context_fallback_has_the_prefixes() -> None:
    context = jsonld_context()
    assert context["dkg"] == "https://w3id.org/diplomatic-kg/ontology#"


@pytest.mark.parametrize("name", ["turtle", "nquads", "jsonld"])
def test_rdf_exports_of_an_empty_store(name: str) -> None:
    store = OxigraphStore(None, BASE)
    try:
        written(name, store)  # no error on nothing
    finally:
        store.close()
