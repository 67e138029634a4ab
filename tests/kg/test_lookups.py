"""kg.lookups over an in-memory store: name resolution, met, listings, sources, safety."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from kg import lookups
from kg.errors import QueryError
from kg.extract.records import ArticleRef, Entity, ExtractionRecord, Meeting, Statement
from kg.rdf.mapping import record_to_graph
from kg.rdf.oxigraph_store import OxigraphStore

BASE = "http://example.org/kg/"
A = BASE + "id/actor/Q1"  # José Ñúñez, "Nunez"
B = BASE + "id/actor/Q2"  # Anna Berg
C = BASE + "id/actor/person/anna-bergstrom"  # Anna Bergström
D = BASE + "id/actor/Q4"  # Bergland (a country)


def _record(article: str, published: str, meetings: list[Meeting], statements: list[Statement] = ()) -> ExtractionRecord:
    return ExtractionRecord(
        article=ArticleRef(id=article, iri=BASE + "id/article/" + article, published=published),
        entities=[Entity(id=A, label="José Ñúñez", type="Person", aliases=["Nunez"]),
                  Entity(id=B, label="Anna Berg", type="Person", aliases=["Berg"]),
                  Entity(id=C, label="Anna Bergström", type="Person"),
                  Entity(id=D, label="Bergland", type="Country")],
        meetings=meetings, statements=list(statements),
    )


M1 = BASE + "id/meeting/m1"
M2 = BASE + "id/meeting/m2"
M3 = BASE + "id/meeting/m3"


@pytest.fixture(params=["memory", pytest.param("remote", marks=pytest.mark.remote)])
def store(request: pytest.FixtureRequest):
    """The same data in the embedded store and behind a real `oxigraph serve` (RemoteStore)."""
    if request.param == "memory":
        s = OxigraphStore(None, BASE)
    else:
        from kg.rdf.remote_store import RemoteStore

        url = request.getfixturevalue("oxigraph_server")
        s = RemoteStore(f"{url}/query", f"{url}/update", base_iri=BASE)
    records = [
        _record("a", "2020-01-01", [
            Meeting(id=M1, kind="talks", participants=[A, B], date="2020-01-05", status="planned",
                    evidence="Ñúñez and Berg will hold talks.", confidence=0.5)]),
        _record("b", "2020-01-06", [
            Meeting(id=M1, kind="talks", participants=[A, B], date="2020-01-05", status="occurred",
                    evidence="Ñúñez and Berg held talks.", confidence=0.9),
            Meeting(id=M2, kind="summit", participants=[A, C, D], date="2020-02", status="proposed",
                    evidence="A summit was proposed.", confidence=0.4),
            Meeting(id=M3, kind="meeting", participants=[B, C], date=None, status="cancelled",
                    evidence="Berg cancelled a meeting with Bergström.", confidence=0.7)],
            [Statement(id=BASE + "id/statement/s1", speaker=A, addressee=B, date="2020-01-05",
                       text='He said "no {deal}" today.', direct=True, evidence="…", confidence=0.6)]),
    ]
    for r in records:
        s.put_article(r.article.id, record_to_graph(r, base_iri=BASE))
    yield s
    for r in records:
        s.delete_article(r.article.id)
    s.close()


def test_name_key_folds_accents_case_and_punctuation() -> None:
    assert lookups.name_key("José  ÑÚÑEZ") == lookups.name_key("jose nunez") == "jose nunez"
    assert lookups.name_key("Moon Jae-in") == "moon jae in"


def test_resolve_ranks_exact_label_alias_prefix_substring(store) -> None:
    assert lookups.resolve_actor(store, "jose nunez") == [A]
    assert lookups.resolve_actor(store, "NUNEZ") == [A]  # alias
    assert lookups.resolve_actor(store, "anna berg") == [B, C]  # exact label before prefix
    assert lookups.resolve_actor(store, "berg")[0] == B  # exact alias first
    assert set(lookups.resolve_actor(store, "berg")) == {B, C, D}
    assert lookups.resolve_actor(store, "Q4") == [D]  # a key
    assert lookups.resolve_actor(store, "person/anna-bergstrom") == [C]
    assert lookups.resolve_actor(store, A) == [A]  # an IRI passes through
    assert lookups.resolve_actor(store, "nobody") == []
    assert lookups.resolve_actor(store, "  ") == []


def test_index_follows_writes(store) -> None:
    assert lookups.resolve_actor(store, "Bergland") == [D]
    store.delete_article("b")
    store.delete_article("a")
    assert lookups.resolve_actor(store, "Bergland") == []


def test_entity_and_search(store) -> None:
    e = lookups.entity(store, A)
    assert e is not None and e.label == "José Ñúñez" and e.type == "Person" and e.aliases == ["Nunez"]
    assert lookups.entity(store, BASE + "id/actor/none") is None
    assert lookups.entity(store, "not an iri") is None
    items, total = lookups.search_entities(store, "berg", None, 2, 0)
    assert total == 3 and [i.id for i in items] == [B, D]  # exact alias, then label prefix
    items, total = lookups.search_entities(store, None, "Country", 10, 0)
    assert total == 1 and items[0].id == D


def test_met_resolves_per_article_reports(store) -> None:
    entries = {e.counterpart: e for e in lookups.met(store, A)}
    assert set(entries) == {B, C, D}
    talks = entries[B].meetings[0]
    assert talks.status == "occurred" and talks.confidence == 0.9
    assert [(s.article, s.status, s.published) for s in talks.sources] == [
        ("a", "planned", "2020-01-01"), ("b", "occurred", "2020-01-06")]
    assert entries[C].counterpart_label == "Anna Bergström"


def test_met_filters(store) -> None:
    def who(**kw) -> set[str]:
        return {e.counterpart for e in lookups.met(store, A, **kw)}

    assert who(kind="summit") == {C, D}
    assert who(status="planned") == {B}  # any report's status counts
    assert who(since="2020-02-15") == {C, D}  # month-only date overlaps
    assert who(until="2020-01-31") == {B}
    assert who(since="2020-01-06", until="2020-01-31") == set()
    assert {e.counterpart for e in lookups.met(store, B)} == {A, C}
    assert {e.counterpart for e in lookups.met(store, B, since="2019")} == {A}  # undated left out
    with pytest.raises(QueryError, match="since"):
        lookups.met(store, A, since="last week")
    with pytest.raises(QueryError, match="kind"):
        lookups.met(store, A, kind="party")


def test_meetings_listing(store) -> None:
    items, total = lookups.meetings(store, {}, 10, 0)
    assert total == 3 and [m.id for m in items] == [M2, M1, M3]  # newest first, undated last
    items, total = lookups.meetings(store, {"actor": C, "status": "cancelled"}, 10, 0)
    assert total == 1 and items[0].id == M3
    items, total = lookups.meetings(store, {"since": "2020-01-06"}, 10, 0)
    assert [m.id for m in items] == [M2]
    items, total = lookups.meetings(store, {}, 1, 1)
    assert total == 3 and [m.id for m in items] == [M1]
    with pytest.raises(QueryError):
        lookups.meetings(store, {"colour": "red"}, 10, 0)


def test_statements_relationships_timeline(store) -> None:
    items, total = lookups.statements(store, A, "NO {DEAL}", 10, 0)
    assert total == 1 and items[0].direct is True
    assert lookups.statements(store, B, None, 10, 0) == ([], 0)
    rel = lookups.relationships(store, B, A)
    assert [m.id for m in rel.meetings] == [M1] and len(rel.statements) == 1
    assert lookups.relationships(store, A, A).meetings == []
    timeline = lookups.timeline(store, B)
    assert [(t.type, t.date) for t in timeline] == [("meeting", "2020-01-05"), ("statement", "2020-01-05"),
                                                     ("meeting", None)]


@pytest.mark.parametrize("evil", ['x" } ; DROP ALL #', "x> } UNION { ?s ?p ?o }", "{}", "\\'\"\n"])
def test_user_text_is_bound_not_pasted(store, evil: str) -> None:
    before = store.count()
    assert lookups.resolve_actor(store, evil) == []
    assert lookups.statements(store, None, evil, 10, 0) == ([], 0)
    assert lookups.met(store, "http://x/" + evil) == []
    assert lookups.meetings(store, {"actor": "http://x/" + evil}, 10, 0) == ([], 0)
    assert store.count() == before


def test_queries_are_parameterised(store, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, dict]] = []
    original = store.select

    def spy(query, bindings=None, **kw):
        seen.append((query, dict(bindings or {})))
        return original(query, bindings, **kw)

    monkeypatch.setattr(store, "select", spy)
    lookups.statements(store, A, "deal", 10, 0)
    assert any(b.get("needle") == Literal("deal") and b.get("speaker") == URIRef(A) for _, b in seen)
    assert all("deal" not in q for q, _ in seen)
