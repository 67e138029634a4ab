"""The W3C SPARQL 1.1 Protocol tests (shared/w3c/sparql11-protocol/manifest.ttl), replayed
against /sparql: the request's method, path and query string, headers and body as written,
the graphs each case names loaded as named graphs, and the expected status class, result
format and ASK answer checked.

This endpoint is query-only, so the ``update_*`` cases (which expect an update to succeed)
must instead be refused with a 4xx, and their follow-up requests, which check the update's
effect, are not sent. The test service's namespace is the suite's data namespace
(``http://kasei.us/2009/09/sparql/data/``), so the suite's graphs are graphs "of this store".
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import TestClient
from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from api.main import create_app
from kg.config import Settings
from kg.rdf import negotiation
from kg.rdf.oxigraph_store import OxigraphStore

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SUITE = SHARED / "w3c" / "sparql11-protocol"
MANIFEST = SUITE / "manifest.ttl"
DATA_NS = "http://kasei.us/2009/09/sparql/data/"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

pytestmark = pytest.mark.skipif(not MANIFEST.exists(), reason=f"the W3C protocol suite is not at {SUITE}")


@dataclass
class Req:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[str]
    fmt: str | None
    boolean: bool | None


@dataclass
class Case:
    name: str
    requests: list[Req]
    graphs: dict[str, Path] = field(default_factory=dict)


def _cases() -> list[Case]:
    if not MANIFEST.exists():
        return []
    g = Graph().parse(MANIFEST, format="turtle", publicID=MANIFEST.as_uri())
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    out = []
    for test in Collection(g, g.value(manifest, MF.entries)):
        name = str(test).rsplit("#", 1)[-1]
        graphs = {str(g.value(d, RDFS.label)): Path(str(g.value(d, UT.graph)).removeprefix("file://"))
                  for d in g.objects(test, UT.graphData)}
        action = g.value(test, MF.action)
        requests = []
        for req in Collection(g, g.value(action, HT.requests)):
            headers = {}
            hlist = g.value(req, HT.headers)
            if hlist is not None:
                for h in Collection(g, hlist):
                    headers[str(g.value(h, HT.fieldName))] = str(g.value(h, HT.fieldValue))
            body = None
            b = g.value(req, HT.body)
            if b is not None:
                encoding = str(g.value(b, CNT.characterEncoding) or "UTF-8")
                body = str(g.value(b, CNT.chars)).encode(encoding.lower())
            resp = g.value(req, HT.resp)
            statuses = {str(s).rsplit("#", 1)[-1] for s in g.objects(resp, MF.expectedStatus)}
            fmt = g.value(resp, MF.expectedFormat)
            boolean = g.value(resp, MF.expectedBoolean)
            requests.append(Req(
                method=str(g.value(req, HT.methodName)),
                path=str(g.value(req, HT.absolutePath)).replace("/sparql/", "/sparql", 1),
                headers=headers, body=body, statuses=statuses,
                fmt=str(fmt) if fmt is not None else None,
                boolean=boolean.toPython() if boolean is not None else None,
            ))
        out.append(Case(name, requests, graphs))
    return out


CASES = _cases()


def test_the_suite_is_complete() -> None:
    assert len(CASES) == 34


@pytest.fixture
def w3c_client(request: pytest.FixtureRequest) -> Iterator[TestClient]:
    case: Case = request.param
    store = OxigraphStore(None, DATA_NS)
    for graph_name, path in case.graphs.items():
        for triple in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES):
            store.store.add(ox.Quad(triple.subject, triple.predicate, triple.object, ox.NamedNode(graph_name)))
    settings = Settings(base_iri=DATA_NS, result_limit=100, query_timeout=10)
    with TestClient(create_app(settings, store=store)) as client:
        yield client
    store.close()


@pytest.mark.parametrize("w3c_client", CASES, ids=[c.name for c in CASES], indirect=True)
def test_protocol_case(w3c_client: TestClient, request: pytest.FixtureRequest) -> None:
    case: Case = request.node.callspec.params["w3c_client"]
    is_update = case.name.startswith("update_")
    for req in case.requests:
        r = w3c_client.request(req.method, req.path, headers=req.headers, content=req.body)
        if is_update:
            assert 400 <= r.status_code < 500, (case.name, r.status_code, r.text)
            assert r.headers["content-type"].startswith("application/problem+json")
            return  # the follow-up requests check the refused update's effect
        status_class = f"StatusCode{r.status_code // 100}xx"
        assert status_class in req.statuses, (case.name, r.status_code, r.text)
        if r.status_code >= 400:
            assert r.headers["content-type"].startswith("application/problem+json")
            continue
        media = r.headers["content-type"].split(";")[0]
        if req.fmt in ("boolean", "tabular"):
            assert media in negotiation.RESULT_TYPES.values(), (case.name, media)
        elif req.fmt == "RDF":
            assert media in negotiation.GRAPH_TYPES.values(), (case.name, media)
        if req.boolean is not None:
            assert media == negotiation.SPARQL_JSON
            assert json.loads(r.text)["boolean"] is req.boolean, case.name
