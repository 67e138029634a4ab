"""/sparql through the TestClient: protocol forms, negotiation, limits and refusals."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from graphdata import ALBA, BASE, BORIS, CALL

WHO_MET = f"""PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>
SELECT DISTINCT ?other WHERE {{ ?m dkg:participant <{ALBA}> , ?other . FILTER(?other != <{ALBA}>) }}"""


def _problem(r, status: int) -> str:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    return r.json()["detail"]


def _values(r) -> set[str]:
    return {b["other"]["value"] for b in r.json()["results"]["bindings"]}


def test_get_post_form_and_direct_agree(client: TestClient) -> None:
    get = client.get("/sparql", params={"query": WHO_MET})
    form = client.post("/sparql", data={"query": WHO_MET})
    direct = client.post("/sparql", content=WHO_MET.encode(),
                         headers={"Content-Type": "application/sparql-query"})
    for r in (get, form, direct):
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert _values(get) == _values(form) == _values(direct) == {BORIS, BASE + "id/actor/person/celine-dupre"}


@pytest.mark.parametrize(("accept", "expected"), [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.4, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("text/*;q=0.5, application/sparql-results+json;q=0.2", "text/csv"),
])
def test_select_formats(client: TestClient, accept: str | None, expected: str) -> None:
    headers = {"Accept": accept} if accept else {}
    r = client.get("/sparql", params={"query": WHO_MET}, headers=headers)
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == expected
    fmt = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
           "application/sparql-results+xml": ox.QueryResultsFormat.XML,
           "text/csv": ox.QueryResultsFormat.CSV,
           "text/tab-separated-values": ox.QueryResultsFormat.TSV}[expected]
    if fmt == ox.QueryResultsFormat.CSV:
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows[0] == ["other"] and len(rows) == 3
    else:
        solutions = ox.parse_query_results(r.content, fmt)
        assert len(list(solutions)) == 2


@pytest.mark.parametrize(("accept", "expected"), [
    (None, "text/turtle"),
    ("application/n-triples", "application/n-triples"),
    ("application/ld+json", "application/ld+json"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("application/ld+json;q=0.5, text/turtle;q=0.6", "text/turtle"),
])
def test_construct_formats(client: TestClient, accept: str | None, expected: str) -> None:
    query = f"CONSTRUCT {{ <{CALL}> ?p ?o }} WHERE {{ <{CALL}> ?p ?o }}"
    headers = {"Accept": accept} if accept else {}
    r = client.post("/sparql", data={"query": query}, headers=headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == expected
    fmt = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
           "application/ld+json": ox.RdfFormat.JSON_LD, "application/rdf+xml": ox.RdfFormat.RDF_XML}[expected]
    triples = list(ox.parse(r.content, fmt))
    assert triples and all(t.subject.value == CALL for t in triples)


def test_nothing_acceptable_is_406(client: TestClient) -> None:
    detail = _problem(client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"}), 406)
    assert "application/sparql-results+json" in detail
    _problem(client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                        headers={"Accept": "image/png, text/html"}), 406)


def test_accept_of_the_other_family_gets_the_default(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 2"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/sparql-results+json")


def test_result_limit_cuts_and_says_so(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 200
    assert r.headers["x-result-limit"] == "50" and r.headers["x-result-limit-reached"] == "true"
    assert len(r.json()["results"]["bindings"]) == 50
    xml = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                     headers={"Accept": "application/sparql-results+xml"})
    assert len(list(ox.parse_query_results(xml.content, ox.QueryResultsFormat.XML))) == 50
    graph = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                       headers={"Accept": "application/n-triples"})
    assert graph.headers["x-result-limit-reached"] == "true"
    assert len(graph.text.strip().splitlines()) == 50
    small = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 7"})
    assert "x-result-limit-reached" not in small.headers
    assert len(small.json()["results"]["bindings"]) == 7
    few = client.get("/sparql", params={"query": WHO_MET})
    assert "x-result-limit-reached" not in few.headers


@pytest.mark.parametrize("query", [
    "INSERT DATA { <http://a/> <http://b/> <http://c/> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <http://127.0.0.1:8000/graph/art-1>",
    "CREATE GRAPH <http://127.0.0.1:8000/graph/new>",
    "ADD DEFAULT TO <http://127.0.0.1:8000/graph/x>",
    "MOVE DEFAULT TO <http://127.0.0.1:8000/graph/x>",
    "COPY DEFAULT TO <http://127.0.0.1:8000/graph/x>",
    "WITH <http://127.0.0.1:8000/graph/art-1> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "SELECT * { ?s ?p ?o } ; DROP ALL",
    "# a comment first\n  insert data { <http://a/> <http://b/> <http://c/> }",
])
def test_updates_are_refused(client: TestClient, api_store, query: str) -> None:
    before = api_store.count()
    for r in (client.get("/sparql", params={"query": query}),
              client.post("/sparql", data={"query": query}),
              client.post("/sparql", data={"update": query}),
              client.post("/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-update"})):
        assert "updates are not accepted here" in _problem(r, 400)
    assert api_store.count() == before


def test_keywords_inside_strings_iris_and_comments_are_fine(client: TestClient) -> None:
    query = ('SELECT ?x WHERE { BIND("DELETE WHERE { ?s ?p ?o } SERVICE" AS ?x) '
             'FILTER(?x != <http://example.org/LOAD/DROP>) } # INSERT DATA')
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 200, r.text
    assert r.json()["results"]["bindings"][0]["x"]["value"].startswith("DELETE")


def test_service_is_refused(client: TestClient) -> None:
    query = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    assert "SERVICE is refused" in _problem(client.get("/sparql", params={"query": query}), 400)
    query = "SELECT * WHERE { service silent <http://example.org/sparql> { ?s ?p ?o } }"
    assert "SERVICE is refused" in _problem(client.post("/sparql", data={"query": query}), 400)


def test_graphs_outside_the_store_are_refused(client: TestClient) -> None:
    for query in ("SELECT * FROM <http://example.org/remote.ttl> WHERE { ?s ?p ?o }",
                  "PREFIX ex: <http://example.org/> SELECT * FROM NAMED ex:g WHERE { GRAPH ?g { ?s ?p ?o } }",
                  "BASE <http://example.org/> SELECT * FROM <data.ttl> WHERE { ?s ?p ?o }"):
        assert "refused" in _problem(client.get("/sparql", params={"query": query}), 400)
    for param in ("default-graph-uri", "named-graph-uri"):
        r = client.get("/sparql", params={"query": "ASK {}", param: "http://example.org/g"})
        assert "refused" in _problem(r, 400)


def test_from_and_dataset_parameters_select_graphs(client: TestClient) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

    def n(**kw) -> int:
        r = client.get("/sparql", params={"query": kw.pop("q", query), **kw})
        assert r.status_code == 200, r.text
        return int(r.json()["results"]["bindings"][0]["n"]["value"])

    union = n()
    one = n(**{"default-graph-uri": BASE + "graph/art-1"})
    assert 0 < one < union
    assert n(q=f"SELECT (COUNT(*) AS ?n) FROM <{BASE}graph/art-1> WHERE {{ ?s ?p ?o }}") == one
    assert n(q="SELECT (COUNT(*) AS ?n) FROM <graph/art-1> WHERE { ?s ?p ?o }") == one  # relative to the base


def test_malformed_and_protocol_errors(client: TestClient) -> None:
    assert "malformed" in _problem(client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o"}), 400)
    _problem(client.get("/sparql", params={"query": "SELEKT * WHERE { }"}), 400)
    _problem(client.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")]), 400)
    _problem(client.post("/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"}), 415)
    _problem(client.post("/sparql", content=b"ASK {}", headers={"Content-Type": "application/sparql-query; charset=UTF-16"}), 415)
    _problem(client.post("/sparql", content=b"ASK { \xff }", headers={"Content-Type": "application/sparql-query"}), 400)
    _problem(client.post("/sparql", data={"other": "x"}), 400)
    _problem(client.put("/sparql", params={"query": "ASK {}"}), 405)


def test_oversized_body_is_413(client: TestClient) -> None:
    big = "ASK {}" + " " * 300_000
    _problem(client.post("/sparql", content=big.encode(), headers={"Content-Type": "application/sparql-query"}), 413)


def test_service_description(client: TestClient) -> None:
    from rdflib import Graph, Namespace
    from rdflib.namespace import RDF

    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    r = client.get("/sparql")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    service = g.value(None, RDF.type, sd.Service)
    assert service is not None
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in g
    assert (service, sd.supportedLanguage, sd.SPARQL11Update) not in g


def test_timeout_is_a_503_problem(client: TestClient, app, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.errors import QueryTimeoutError

    def slow(*args, **kwargs):
        raise QueryTimeoutError("the query ran longer than 10 s")

    monkeypatch.setattr(app.state.store, "query_to", slow)
    detail = _problem(client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o }"}), 503)
    assert "longer than" in detail


def test_ask(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": f"ASK {{ <{ALBA}> ?p ?o }}"})
    assert json.loads(r.text)["boolean"] is True
    r = client.get("/sparql", params={"query": "ASK { <http://nowhere/> ?p ?o }"},
                   headers={"Accept": "application/sparql-results+xml"})
    assert ox.parse_query_results(r.content, ox.QueryResultsFormat.XML) is not None
    assert "false" in r.text


def test_a_real_query_timeout(api_store) -> None:
    from api.main import create_app
    from kg.config import Settings

    numbers = " ".join(str(i) for i in range(300))
    slow = (f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?x {{ {numbers} }} VALUES ?y {{ {numbers} }} "
            f"VALUES ?z {{ {numbers} }} }}")  # 27M solutions to count: seconds
    app = create_app(Settings(base_iri=api_store.base_iri, query_timeout=0.05), store=api_store)
    with TestClient(app) as c:
        r = c.get("/sparql", params={"query": slow})
        assert "longer than 0.05 s" in _problem(r, 503)
        assert c.get("/health").status_code == 200  # the service is still there
