"""GET /path and GET /central over the fictional graph (tests/api/graphdata.py)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from graphdata import ALBA, BORIS, CELINE


def test_path_goes_through_the_shared_counterpart(client: TestClient) -> None:
    r = client.get("/path", params={"source": "Boris Kettle", "target": "celine dupree"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert [a["id"] for a in body["actors"]] == [BORIS, ALBA, CELINE]
    assert body["length"] == 2
    assert [h["kind"] for h in body["hops"]] == ["phone_call", "visit"]
    assert body["hops"][0]["date"] == "2021-03-02"
    assert sorted(body["hops"][0]["articles"]) == ["art-1", "art-2"]


def test_path_respects_the_filters(client: TestClient) -> None:
    r = client.get("/path", params={"source": "Kettle", "target": "Duprée", "status": "occurred"})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "no chain" in r.json()["detail"]


def test_central_ranks_the_actor_in_every_meeting_first(client: TestClient) -> None:
    r = client.get("/central", params={"measure": "degree", "top": 3})
    assert r.status_code == 200, r.text
    ranked = r.json()
    assert ranked[0]["actor"]["id"] == ALBA
    assert ranked[0]["meetings"] == 2
    assert {x["actor"]["label"] for x in ranked} == {"Alba Reyes", "Boris Kettle", "Céline Duprée"}
    pr = client.get("/central", params={"measure": "pagerank"}).json()
    assert pr[0]["actor"]["id"] == ALBA


def test_unknown_actor_and_bad_measure_are_named(client: TestClient) -> None:
    r = client.get("/path", params={"source": "Nobody", "target": "Reyes"})
    assert r.status_code == 404 and "Nobody" in r.json()["detail"]
    r = client.get("/central", params={"measure": "fame"})
    assert r.status_code == 422


def test_impossible_dates_are_refused_plainly(client: TestClient) -> None:
    for bad in ("2020-13", "2021-02-30"):
        r = client.get("/central", params={"since": bad})
        assert r.status_code == 400, r.text
        assert bad in r.json()["detail"]
