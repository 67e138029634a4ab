"""Writes over HTTP: token checks, size limit, POST one or a list, DELETE."""

from __future__ import annotations

import pytest
import spacy
from conftest import TOKEN, TestClient
from fastapi import FastAPI

from api.deps import get_nlp
from kg.config import Settings

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {"id": "new-1", "title": "Talks", "published": "2021-05-01",
           "text": "The two ministers held talks in Norburg on Monday."}


@pytest.fixture
def writer(app: FastAPI) -> TestClient:
    """A client whose app extracts with a blank English pipeline (no model needed)."""
    def blank():
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp

    app.dependency_overrides[get_nlp] = blank
    with TestClient(app) as c:
        yield c


def _problem(r, status: int) -> str:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    return r.json()["detail"]


def test_writes_need_the_token(writer: TestClient, api_store) -> None:
    before = api_store.articles()
    r = writer.post("/articles", json=ARTICLE)
    _problem(r, 401)
    assert r.headers["www-authenticate"].startswith("Bearer")
    _problem(writer.post("/articles", json=ARTICLE, headers={"Authorization": "Bearer wrong"}), 403)
    _problem(writer.post("/articles", json=ARTICLE, headers={"Authorization": "Basic abc"}), 401)
    _problem(writer.delete("/articles/art-1"), 401)
    _problem(writer.delete("/articles/art-1", headers={"Authorization": "Bearer wrong"}), 403)
    assert api_store.articles() == before


def test_writes_disabled_without_a_configured_token(api_store) -> None:
    from api.main import create_app

    app = create_app(Settings(base_iri=api_store.base_iri, token=None), store=api_store)
    with TestClient(app) as c:
        detail = _problem(c.delete("/articles/art-1", headers={"Authorization": "Bearer anything"}), 403)
        assert "KG_TOKEN" in detail
    assert "art-1" in api_store.articles()


def test_post_one_and_a_list(writer: TestClient, api_store) -> None:
    r = writer.post("/articles", json=ARTICLE, headers=AUTH)
    assert r.status_code == 201, r.text
    record = r.json()
    assert record["article"]["id"] == "new-1" and record["article"]["published"] == "2021-05-01"
    assert "new-1" in api_store.articles()
    second = dict(ARTICLE, id="new-2")
    third = dict(ARTICLE, id="new-3")
    r = writer.post("/articles", json=[second, third], headers=AUTH)
    assert r.status_code == 201
    assert [rec["article"]["id"] for rec in r.json()] == ["new-2", "new-3"]
    # the same article again changes nothing
    count = api_store.count()
    assert writer.post("/articles", json=ARTICLE, headers=AUTH).status_code == 201
    assert api_store.count() == count


def test_post_validation(writer: TestClient) -> None:
    detail = _problem(writer.post("/articles", json={"id": "x"}, headers=AUTH), 422)
    assert "text" in detail
    _problem(writer.post("/articles", json={"id": "bad/id", "text": "x"}, headers=AUTH), 422)


def test_post_too_large_is_413(writer: TestClient, api_store) -> None:
    huge = dict(ARTICLE, id="huge", text="word " * 60_000)
    detail = _problem(writer.post("/articles", json=huge, headers=AUTH), 413)
    assert "KG_MAX_REQUEST_BYTES" in detail
    assert "huge" not in api_store.articles()


def test_chunked_body_over_the_limit_is_413(writer: TestClient) -> None:
    def chunks():
        for _ in range(40):
            yield b" " * 10_000

    r = writer.post("/articles", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
    _problem(r, 413)


def test_delete(writer: TestClient, api_store) -> None:
    assert writer.delete("/articles/art-1", headers=AUTH).status_code == 204
    assert "art-1" not in api_store.articles()
    _problem(writer.delete("/articles/art-1", headers=AUTH), 404)
    # the call survives through the other article that reports it
    met = writer.get("/met", params={"actor": "Reyes"}).json()
    call = next(c for c in met["counterparts"] if c["counterpart_label"] == "Boris Kettle")["meetings"][0]
    assert [s["article"] for s in call["sources"]] == ["art-2"]


@pytest.mark.model
def test_post_with_the_model(app: FastAPI, api_store) -> None:
    article = {"id": "model-1", "published": "2018-01-11", "title": "Trump and Moon talk",
               "text": "US President Donald Trump spoke by phone with South Korean President "
                       "Moon Jae-in on Wednesday, the White House said."}
    with TestClient(app) as c:
        r = c.post("/articles", json=article, headers=AUTH)
        assert r.status_code == 201, r.text
        record = r.json()
        assert record["article"]["id"] == "model-1" and "model-1" in api_store.articles()
        # what is extracted is the extractor's business (tested there); here: it is stored
        for entity in record["entities"]:
            found = c.get("/entities/" + entity["id"].rsplit("/id/actor/", 1)[-1])
            assert found.status_code == 200 and found.json()["id"] == entity["id"]
