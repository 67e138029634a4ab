"""The REST routes over the fictional graph: shapes, matching, filters, errors as problem+json."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from graphdata import ALBA, BORIS, CALL, CELINE, SAID, VISIT


def _problem(r, status: int) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def test_health(client: TestClient) -> None:
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok" and isinstance(r.json()["generation"], int)


@pytest.mark.parametrize("q", ["celine", "CÉLINE DUPRÉE", "dupree", "Céline"])
def test_entities_search_ignores_case_and_accents(client: TestClient, q: str) -> None:
    r = client.get("/entities", params={"q": q})
    assert r.status_code == 200
    page = r.json()
    assert [e["id"] for e in page["items"]] == [CELINE]
    assert page["total"] == 1 and page["limit"] == 50 and page["offset"] == 0


def test_entities_page_and_type(client: TestClient) -> None:
    everyone = client.get("/entities").json()
    assert everyone["total"] == 4
    people = client.get("/entities", params={"type": "Person", "limit": 2, "offset": 1}).json()
    assert people["total"] == 3 and len(people["items"]) == 2
    assert all(e["type"] == "Person" for e in people["items"])
    countries = client.get("/entities", params={"type": "Country"}).json()
    assert [e["label"] for e in countries["items"]] == ["Veloria"]


def test_entity_by_key_iri_and_name(client: TestClient) -> None:
    by_key = client.get("/entities/Q900001").json()
    assert by_key["label"] == "Alba Reyes" and by_key["type"] == "Person"
    assert set(by_key["aliases"]) == {"Reyes", "President Reyes"}
    assert by_key["roles"][0]["title"] == "President"
    assert by_key["same_as"] == ["http://www.wikidata.org/entity/Q900001"]
    assert client.get("/entities/person/celine-dupre").json()["id"] == CELINE
    assert client.get("/entities/" + quote(ALBA, safe="")).json()["id"] == ALBA
    assert client.get("/entities/kettle").json()["id"] == BORIS
    _problem(client.get("/entities/nobody-at-all"), 404)


def test_met_groups_meetings_by_counterpart_with_sources(client: TestClient) -> None:
    r = client.get("/met", params={"actor": "president reyes"})
    assert r.status_code == 200
    body = r.json()
    assert body["actor"]["id"] == ALBA
    by_counterpart = {c["counterpart"]: c for c in body["counterparts"]}
    assert set(by_counterpart) == {BORIS, CELINE}
    call = by_counterpart[BORIS]["meetings"][0]
    assert call["id"] == CALL and call["kind"] == "phone_call" and call["date"] == "2021-03-02"
    # the later article says it happened; both reports are kept as sources
    assert call["status"] == "occurred"
    assert {(s["article"], s["status"]) for s in call["sources"]} == {("art-1", "planned"), ("art-2", "occurred")}
    assert call["evidence"] == "Reyes spoke to Kettle by phone on Tuesday."


def test_met_filters(client: TestClient) -> None:
    def counterparts(**params: str) -> set[str]:
        r = client.get("/met", params={"actor": "Alba Reyes", **params})
        assert r.status_code == 200, r.text
        return {c["counterpart"] for c in r.json()["counterparts"]}

    assert counterparts(since="2021-04-01") == {CELINE}  # a month-only date overlaps
    assert counterparts(until="2021-03") == {BORIS}
    assert counterparts(kind="visit") == {CELINE}
    assert counterparts(status="occurred") == {BORIS}
    assert counterparts(since="2022") == set()


def test_met_errors(client: TestClient) -> None:
    _problem(client.get("/met", params={"actor": "Nobody Known"}), 404)
    body = _problem(client.get("/met", params={"actor": "Reyes", "status": "rumoured"}), 422)
    assert "status" in body["detail"]
    _problem(client.get("/met"), 422)


def test_meetings_page_and_filters(client: TestClient) -> None:
    page = client.get("/meetings").json()
    assert page["total"] == 2
    assert [m["id"] for m in page["items"]] == [VISIT, CALL]  # newest first
    assert client.get("/meetings", params={"actor": "Céline Duprée"}).json()["total"] == 1
    assert [m["id"] for m in client.get("/meetings", params={"kind": "phone_call"}).json()["items"]] == [CALL]
    assert client.get("/meetings", params={"since": "2021-03-03"}).json()["total"] == 1
    assert client.get("/meetings", params={"limit": 1, "offset": 1}).json()["items"][0]["id"] == CALL


def test_statements(client: TestClient) -> None:
    page = client.get("/statements", params={"speaker": "Reyes", "q": "BORDER"}).json()
    assert [s["id"] for s in page["items"]] == [SAID]
    assert page["items"][0]["direct"] is True
    assert client.get("/statements", params={"q": "no such words"}).json()["total"] == 0


def test_relationships_and_timeline(client: TestClient) -> None:
    rel = client.get("/relationships", params={"source": "Kettle", "target": "Reyes"}).json()
    assert [m["id"] for m in rel["meetings"]] == [CALL]
    assert [s["id"] for s in rel["statements"]] == [SAID]
    none = client.get("/relationships", params={"source": "Kettle", "target": "Duprée"}).json()
    assert none["meetings"] == [] and none["statements"] == []
    items = client.get("/timeline", params={"actor": "Reyes"}).json()
    assert [i["type"] for i in items] == ["meeting", "statement", "meeting"]
    assert [i["date"] for i in items] == ["2021-03-02", "2021-03-02", "2021-04"]


@pytest.mark.parametrize("evil", [
    '" } ; DROP ALL ; #',
    "Reyes' } UNION { ?s ?p ?o } #",
    "> } INSERT DATA { <a> <b> <c> } #",
    "http://x/> } UNION { ?s ?p ?o",
    "{{}}\\\" \n ?actor",
])
def test_parameter_values_cannot_inject_sparql(client: TestClient, api_store, evil: str) -> None:
    before = api_store.count()
    for path, param in [("/met", "actor"), ("/entities", "q"), ("/statements", "q"),
                        ("/meetings", "actor"), ("/statements", "speaker"), ("/timeline", "actor")]:
        r = client.get(path, params={param: evil})
        assert r.status_code in (200, 404), (path, r.text)
        if r.status_code == 200 and path != "/met":
            body = r.json()
            found = body["items"] if isinstance(body, dict) else body
            assert found == [], (path, found)
    assert client.get("/entities/" + quote(evil, safe="")).status_code == 404
    assert api_store.count() == before


def test_linked_data_negotiates(client: TestClient) -> None:
    from rdflib import Graph, URIRef

    turtle = client.get("/id/actor/Q900001")
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=turtle.text, format="turtle")
    assert (URIRef(ALBA), None, None) in g
    jsonld = client.get("/id/actor/Q900001", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    import pyoxigraph as ox

    assert len(list(ox.parse(jsonld.content, ox.RdfFormat.JSON_LD))) == len(g)
    page = client.get("/id/meeting/call1", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.headers["content-type"].startswith("text/html")
    assert "Reyes spoke to Kettle" in page.text
    _problem(client.get("/id/actor/Q404"), 404)
    _problem(client.get("/id/actor/Q900001", headers={"Accept": "image/png"}), 406)


def test_explorer_and_openapi(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/entities", "/met", "/relationships", "/meetings", "/statements", "/articles",
                 "/sparql", "/export", "/health"):
        assert path in paths


def test_unknown_route_and_method_are_problems(client: TestClient) -> None:
    _problem(client.get("/no-such-thing"), 404)
    _problem(client.put("/health"), 405)


def test_met_inline_and_in_a_thread_agree(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from api.routes import met as met_route

    first = client.get("/met", params={"actor": "Reyes"}).json()  # builds the index (thread)
    met_route._CACHE.clear()  # look it up again rather than answer from the remembered bytes
    inline = client.get("/met", params={"actor": "Reyes"}).json()  # cheap: on the loop
    monkeypatch.setattr(met_route, "INLINE_MEETINGS", 0)
    met_route._CACHE.clear()
    threaded = client.get("/met", params={"actor": "Reyes"}).json()
    assert first == inline == threaded


def test_met_answers_are_remembered_until_the_store_changes(
        client: TestClient, api_store, monkeypatch: pytest.MonkeyPatch) -> None:
    from api.routes import met as met_route
    from kg import lookups

    lookups_made: list[str] = []
    original = lookups.met

    def counting(store, actor_iri, **filters):
        lookups_made.append(actor_iri)
        return original(store, actor_iri, **filters)

    monkeypatch.setattr(met_route.lookups, "met", counting)
    first = client.get("/met", params={"actor": "Reyes"})
    again = client.get("/met", params={"actor": "Reyes"})
    assert first.status_code == again.status_code == 200
    assert again.headers["content-type"] == "application/json"
    assert first.json() == again.json() and len(lookups_made) == 1
    client.get("/met", params={"actor": "Reyes", "kind": "visit"})
    assert len(lookups_made) == 2  # other filters, another answer
    assert api_store.delete_article("art-2")  # a write: every remembered answer is stale
    after = client.get("/met", params={"actor": "Reyes"}).json()
    assert len(lookups_made) == 3
    by_counterpart = {c["counterpart"]: c for c in after["counterparts"]}
    assert set(by_counterpart) == {BORIS}  # the visit was only in art-2
    assert [s["article"] for s in by_counterpart[BORIS]["meetings"][0]["sources"]] == ["art-1"]
