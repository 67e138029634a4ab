"""Real clients against a running server (uvicorn on loopback): SPARQLWrapper in every
results format, rdflib's SPARQLStore, and httpx with assorted Accept headers."""

from __future__ import annotations

import csv
import io
import warnings

import httpx
import pytest
from graphdata import ALBA, BORIS, CALL, CELINE
from rdflib import Graph, URIRef

WHO_MET = f"""PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>
SELECT DISTINCT ?other WHERE {{ ?m dkg:participant <{ALBA}> , ?other . FILTER(?other != <{ALBA}>) }}"""
DESCRIBE_CALL = f"CONSTRUCT {{ <{CALL}> ?p ?o }} WHERE {{ <{CALL}> ?p ?o }}"


def _wrapper(url: str, fmt: str):
    from SPARQLWrapper import SPARQLWrapper

    sparql = SPARQLWrapper(f"{url}/sparql")
    sparql.setReturnFormat(fmt)
    return sparql


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_json_xml_csv_tsv(live_url: str, method: str) -> None:
    from SPARQLWrapper import CSV, JSON, TSV, XML

    expected = {BORIS, CELINE}
    s = _wrapper(live_url, JSON)
    s.setMethod(method)
    s.setQuery(WHO_MET)
    result = s.query().convert()
    assert {b["other"]["value"] for b in result["results"]["bindings"]} == expected

    s = _wrapper(live_url, XML)
    s.setMethod(method)
    s.setQuery(WHO_MET)
    doc = s.query().convert()  # xml.dom.minidom document
    uris = {n.firstChild.data for n in doc.getElementsByTagName("uri")}
    assert uris == expected

    for fmt, delimiter in ((CSV, ","), (TSV, "\t")):
        s = _wrapper(live_url, fmt)
        s.setMethod(method)
        s.setQuery(WHO_MET)
        text = s.query().convert().decode("utf-8")
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        values = {r[0].strip("<>") for r in rows[1:]}
        assert values == expected


@pytest.mark.parametrize("fmt_name", ["TURTLE", "JSONLD"])
def test_sparqlwrapper_construct(live_url: str, fmt_name: str) -> None:
    import SPARQLWrapper

    s = _wrapper(live_url, getattr(SPARQLWrapper, fmt_name))
    s.setQuery(DESCRIBE_CALL)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's JSON-LD parser uses ConjunctiveGraph
        result = s.query().convert()
    if isinstance(result, bytes):
        fmt = "turtle" if fmt_name == "TURTLE" else "json-ld"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            result = Graph().parse(data=result, format=fmt)
    subjects = set(result.subjects())
    assert subjects == {URIRef(CALL)}
    assert len(result) >= 5


def test_rdflib_sparqlstore(live_url: str) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(f"{live_url}/sparql", returnFormat="json")
    graph = Graph(store=store)
    rows = list(graph.query(WHO_MET))
    assert {str(r[0]) for r in rows} == {BORIS, CELINE}
    assert graph.query(f"ASK {{ <{ALBA}> ?p ?o }}").askAnswer is True
    constructed = graph.query(DESCRIBE_CALL).graph
    assert constructed is not None and (URIRef(CALL), None, None) in constructed
    store.close()


@pytest.mark.parametrize(("accept", "expected"), [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml, application/sparql-results+json;q=0.9", "application/sparql-results+xml"),
    ("text/tab-separated-values;q=1.0, text/csv;q=0.8", "text/tab-separated-values"),
    ("text/html, */*;q=0.1", "application/sparql-results+json"),
    ("application/*", "application/sparql-results+json"),
])
def test_httpx_accept_headers(live_url: str, accept: str, expected: str) -> None:
    r = httpx.get(f"{live_url}/sparql", params={"query": WHO_MET}, headers={"Accept": accept}, timeout=10)
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == expected
    assert r.headers["vary"] == "Accept"


def test_httpx_refusals_on_the_wire(live_url: str) -> None:
    r = httpx.post(f"{live_url}/sparql", content=b"LOAD <http://example.org/x>",
                   headers={"Content-Type": "application/sparql-query"}, timeout=10)
    assert r.status_code == 400 and r.headers["content-type"].startswith("application/problem+json")
    r = httpx.get(f"{live_url}/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/gif"}, timeout=10)
    assert r.status_code == 406


def test_met_over_the_wire(live_url: str) -> None:
    r = httpx.get(f"{live_url}/met", params={"actor": "Reyes"}, timeout=10)
    assert r.status_code == 200
    assert {c["counterpart"] for c in r.json()["counterparts"]} == {BORIS, CELINE}
