"""One event per real meeting across articles, on real stores (embedded and remote).

Small articles whose duplicates are known by hand, written as extraction records so the test
is about resolution and provenance, not about reading.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg import ids, lookups
from kg.config import Settings
from kg.extract.batch import IngestOutcome
from kg.extract.records import ArticleRef, Entity, ExtractionRecord, Meeting
from kg.pipeline import store_outcomes
from kg.rdf.backends import open_store
from kg.rdf.store import KnowledgeStore

BASE = "http://127.0.0.1:8000/"
SETTINGS = Settings(base_iri=BASE)
PEOPLE = {"xi": ("Q15031", "Xi Jinping"), "biden": ("Q6279", "Joe Biden"), "lula": ("person/lula-da-silva", "Lula da Silva")}


def actor(name: str) -> str:
    return ids.actor_iri(BASE, PEOPLE[name][0])


def record(article_id: str, published: str, *meetings: tuple[str, list[str], str | None, str]) -> ExtractionRecord:
    people = sorted({p for _, ps, _, _ in meetings for p in ps})
    return ExtractionRecord(
        article=ArticleRef(id=article_id, iri=ids.article_iri(BASE, article_id), published=published),
        entities=[Entity(id=actor(p), label=PEOPLE[p][1], type="Person") for p in people],
        meetings=[
            Meeting(
                id=ids.meeting_iri(BASE, article_id, str(n)) if date is None or len(date) < 10
                else ids.meeting_iri(BASE, "|".join(sorted(PEOPLE[p][0] for p in ps)), "in_person", date),
                kind=kind, participants=[actor(p) for p in ps], date=date, status=status,  # type: ignore[arg-type]
                evidence=f"{article_id} sentence {n}", confidence=0.8,
            )
            for n, (kind, ps, date, status) in enumerate(meetings)
        ],
    )


def put(store: KnowledgeStore, *records: ExtractionRecord) -> None:
    outcomes = list(store_outcomes((IngestOutcome(source=r.article.id, article_id=r.article.id, record=r)
                                    for r in records), store, SETTINGS))
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]


def events(store: KnowledgeStore) -> list[Meeting]:
    return lookups.meetings(store, {"actor": actor("xi")}, limit=100)[0]


@pytest.fixture(params=["memory", pytest.param("remote", marks=pytest.mark.remote)])
def store(request: pytest.FixtureRequest) -> Iterator[KnowledgeStore]:
    if request.param == "memory":
        location = "memory:"
    else:
        location = request.getfixturevalue("oxigraph_server") + "/query"
    with open_store(location, base_iri=BASE) as s:
        for a in s.articles():
            s.delete_article(a)
        yield s
        for a in s.articles():
            s.delete_article(a)


SUMMIT_THREE_WAYS = [
    record("a1", "2023-11-16", ("summit", ["xi", "biden"], "2023-11-15", "occurred")),
    record("a2", "2023-11-16", ("talks", ["biden", "xi"], "2023-11-15", "occurred")),
    record("a3", "2023-11-18", ("meeting", ["xi", "biden"], None, "occurred")),
]


def test_the_same_summit_reported_three_ways_is_one_event_with_three_sources(store: KnowledgeStore) -> None:
    put(store, *SUMMIT_THREE_WAYS)
    [event] = events(store)
    assert sorted(s.article for s in event.sources) == ["a1", "a2", "a3"]
    assert event.date == "2023-11-15"
    assert {s.evidence for s in event.sources} == {"a1 sentence 0", "a2 sentence 0", "a3 sentence 0"}


def test_order_of_ingest_does_not_split_the_event(store: KnowledgeStore) -> None:
    put(store, *reversed(SUMMIT_THREE_WAYS))
    [event] = events(store)
    assert len(event.sources) == 3


def test_deleting_sources_keeps_the_event_until_the_last_goes(store: KnowledgeStore) -> None:
    put(store, *SUMMIT_THREE_WAYS)
    store.delete_article("a2")
    [event] = events(store)
    assert sorted(s.article for s in event.sources) == ["a1", "a3"]
    store.delete_article("a1")
    [event] = events(store)
    assert [s.article for s in event.sources] == ["a3"]
    store.delete_article("a3")
    assert events(store) == []
    assert lookups.meetings(store, None, limit=10)[1] == 0


def test_planned_then_held_is_one_event_whose_status_follows_the_latest_report(store: KnowledgeStore) -> None:
    put(store,
        record("p1", "2023-10-01", ("visit", ["lula", "xi"], None, "planned")),
        record("p2", "2023-10-20", ("visit", ["xi", "lula"], "2023-10-19", "occurred")))
    [event] = lookups.meetings(store, {"actor": actor("lula")}, limit=10)[0]
    assert event.status == "occurred"
    assert {(s.article, s.status) for s in event.sources} == {("p1", "planned"), ("p2", "occurred")}


def test_different_days_stay_different_meetings(store: KnowledgeStore) -> None:
    put(store,
        record("d1", "2023-06-20", ("meeting", ["xi", "biden"], "2023-06-19", "occurred")),
        record("d2", "2023-11-16", ("meeting", ["xi", "biden"], "2023-11-15", "occurred")))
    assert sorted(e.date for e in events(store)) == ["2023-06-19", "2023-11-15"]  # type: ignore[type-var]


def test_reingesting_an_article_replaces_its_contribution(store: KnowledgeStore) -> None:
    put(store, *SUMMIT_THREE_WAYS)
    before = store.count()
    put(store, SUMMIT_THREE_WAYS[2])
    assert store.count() == before
    changed = record("a3", "2023-11-18", ("phone_call", ["xi", "biden"], "2023-12-01", "occurred"))
    put(store, changed)
    kinds = sorted(e.kind for e in events(store))
    assert kinds == ["phone_call", "summit"] or kinds == ["phone_call", "talks"]
    summit = next(e for e in events(store) if e.kind != "phone_call")
    assert sorted(s.article for s in summit.sources) == ["a1", "a2"]
