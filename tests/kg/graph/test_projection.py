"""The projection: what the three graphs hold, and incremental updates equal a rebuild."""

from __future__ import annotations

import random
from typing import Any

import networkx as nx
import pytest
from graph_builders import BASE, actor, article_graph, meeting, statement

from kg.graph.projection import Projection, project
from kg.rdf.oxigraph_store import OxigraphStore

A, B, C, D, E = (actor(k) for k in ("Q1", "person/ben-brook", "Q3", "organization/dee-union", "Q5"))

A1_MEETINGS = [
    {"id": "m1", "with": ["Q1", "person/ben-brook"], "kind": "visit", "date": "2018-01-10",
     "status": "planned", "location": "Oslo"},
    {"id": "m2", "with": ["Q1", "Q3"], "kind": "phone_call", "date": "2018-02", "status": "proposed"},
]
A2_MEETINGS = [
    {"id": "m1", "with": ["Q1", "person/ben-brook"], "kind": "visit", "date": "2018-01-10",
     "status": "occurred", "confidence": 0.95},
    {"id": "m3", "with": ["person/ben-brook", "Q3", "organization/dee-union"], "kind": "summit"},
]
A2_STATEMENTS = [
    {"id": "s1", "speaker": "Q1", "to": "person/ben-brook", "text": "Hello \"friend\".",
     "date": "2018-01-11"},
    {"id": "s2", "speaker": "Q5", "text": "Nobody in particular."},
]


def snapshot(G: nx.Graph) -> tuple[list[Any], list[Any]]:
    nodes = sorted((n, sorted(d.items())) for n, d in G.nodes(data=True))
    if G.is_multigraph():
        edges = sorted((*((u, v) if G.is_directed() else sorted((u, v))), k, sorted(d.items()))
                       for u, v, k, d in G.edges(keys=True, data=True))
    else:
        edges = sorted((*sorted((u, v)), sorted(d.items())) for u, v, d in G.edges(data=True))
    return nodes, edges


def snapshots(p: Projection) -> list[Any]:
    return [snapshot(p.contacts), snapshot(p.events), snapshot(p.statements)]


@pytest.fixture
def two_articles(mem_store: OxigraphStore) -> OxigraphStore:
    mem_store.put_article("a1", article_graph("a1", meetings=A1_MEETINGS))
    mem_store.put_article("a2", article_graph("a2", meetings=A2_MEETINGS, statements=A2_STATEMENTS))
    return mem_store


def test_contact_graph_has_one_edge_per_meeting_and_pair(two_articles: OxigraphStore) -> None:
    G = project(two_articles).contacts
    expected = [((A, B), "m1"), ((A, C), "m2"), ((B, C), "m3"), ((B, D), "m3"), ((C, D), "m3")]
    assert sorted((tuple(sorted((u, v))), k) for u, v, k in G.edges(keys=True)) == sorted(
        (tuple(sorted(pair)), meeting(m)) for pair, m in expected)
    m1 = G.edges[A, B, meeting("m1")]
    # two articles report m1; "occurred" beats "planned"; values are scalars
    assert m1 == {"meeting": meeting("m1"), "kind": "visit", "status": "occurred",
                  "date": "2018-01-10", "location": "Oslo", "confidence": 0.95,
                  "articles": "a1 a2"}
    assert G.edges[A, C, meeting("m2")]["date"] == "2018-02"
    assert "date" not in G.edges[B, C, meeting("m3")]
    assert G.nodes[A] == {"label": "Ana Arden", "type": "Person", "wikidata": "Q1"}
    assert G.nodes[D] == {"label": "Dee Union", "type": "Organization"}
    assert E not in G  # Eve only speaks, to nobody


def test_event_and_statement_graphs(two_articles: OxigraphStore) -> None:
    p = project(two_articles)
    ev = p.events
    meetings = {n for n, d in ev.nodes(data=True) if d["bipartite"] == 1}
    assert meetings == {meeting("m1"), meeting("m2"), meeting("m3")}
    assert set(ev[meeting("m3")]) == {B, C, D}
    assert ev.nodes[meeting("m1")]["label"] == "visit 2018-01-10"
    assert ev.nodes[A]["bipartite"] == 0 and ev.nodes[A]["label"] == "Ana Arden"
    assert nx.is_bipartite(ev)
    st = p.statements
    assert list(st.edges(keys=True)) == [(A, B, statement("s1"))]
    assert st.edges[A, B, statement("s1")]["text"] == 'Hello "friend".'
    assert st.edges[A, B, statement("s1")]["direct"] is True


def test_delete_keeps_meetings_another_article_reports(two_articles: OxigraphStore) -> None:
    p = project(two_articles)
    assert p.delete_article("a1")
    assert p.contacts.edges[A, B, meeting("m1")]["articles"] == "a2"
    assert not p.contacts.has_edge(A, C)
    assert C in p.contacts  # still at m3
    assert snapshots(p) == snapshots(Projection(two_articles))
    assert p.delete_article("a2")
    assert p.contacts.number_of_nodes() == p.events.number_of_nodes() == 0
    assert p.statements.number_of_nodes() == 0
    assert not p.delete_article("a2")


def test_status_follows_the_remaining_articles(two_articles: OxigraphStore) -> None:
    p = project(two_articles)
    p.delete_article("a2")
    assert p.contacts.edges[A, B, meeting("m1")]["status"] == "planned"
    assert p.contacts.edges[A, B, meeting("m1")]["confidence"] == 0.9


def test_reput_of_same_article_changes_nothing(two_articles: OxigraphStore) -> None:
    p = project(two_articles)
    before = snapshots(p)
    p.put_article("a2", article_graph("a2", meetings=A2_MEETINGS, statements=A2_STATEMENTS))
    assert snapshots(p) == before


def test_sync_rebuilds_after_writes_it_did_not_see(two_articles: OxigraphStore) -> None:
    p = project(two_articles)
    assert not p.sync()
    two_articles.put_article("a3", article_graph("a3", meetings=[
        {"id": "m9", "with": ["Q5", "Q1"], "kind": "talks", "date": "2019-05-05"}]))
    assert p.sync()
    assert p.contacts.has_edge(A, E)
    assert not p.sync()
    # a write through the projection after an unseen write still ends up complete
    two_articles.delete_article("a3")
    p.put_article("a4", article_graph("a4", meetings=[
        {"id": "m8", "with": ["Q5", "Q3"], "kind": "talks", "date": "2019-06-05"}]))
    assert not p.contacts.has_edge(A, E) and p.contacts.has_edge(C, E)


def test_incremental_updates_equal_a_rebuild(mem_store: OxigraphStore) -> None:
    """A seeded random walk of puts and deletes; after every step the patched graphs equal
    graphs built from scratch."""
    rng = random.Random(7)
    keys = ["Q1", "person/ben-brook", "Q3", "organization/dee-union", "Q5"]
    pool = [{"id": f"m{i}", "with": rng.sample(keys, rng.choice((2, 2, 3))),
             "kind": rng.choice(["visit", "talks", "phone_call"]),
             "date": rng.choice([None, "2018-01-02", "2018-03"]),
             "status": rng.choice(["occurred", "planned", "cancelled"])} for i in range(8)]
    # a meeting id always has the same participants, kind and date in every article
    p = project(mem_store)
    for step in range(25):
        article = f"a{rng.randrange(5)}"
        if rng.random() < 0.3:
            p.delete_article(article)
        else:
            chosen = rng.sample(pool, rng.randrange(0, 4))
            chosen = [dict(m, status=rng.choice(["occurred", "planned"])) for m in chosen]
            spoken = [{"id": f"s{step}", "speaker": rng.choice(keys), "to": rng.choice(keys)}]
            p.put_article(article, article_graph(article, meetings=chosen, statements=spoken))
        assert snapshots(p) == snapshots(Projection(mem_store)), f"step {step}"


def test_update_article_after_direct_store_writes(two_articles: OxigraphStore) -> None:
    p = project(two_articles)
    two_articles.delete_article("a2")
    p.update_article("a2")
    assert snapshots(p) == snapshots(Projection(two_articles))
    assert p.generation == two_articles.generation()


def test_graph_by_name(two_articles: OxigraphStore) -> None:
    p = project(two_articles)
    assert p.graph("events") is p.events
    with pytest.raises(ValueError):
        p.graph("nope")  # type: ignore[arg-type]
    assert p.stats()["meetings"] == 3
    assert BASE in next(iter(p.contacts))


def test_projection_of_graphs_written_by_the_mapping(mem_store: OxigraphStore) -> None:
    """The same shape as kg.rdf.mapping writes from an extraction record."""
    from kg.extract.records import ArticleRef, Entity, ExtractionRecord, Meeting, Role, Statement
    from kg.rdf.mapping import record_to_graph

    trump, moon, us = actor("Q22686"), actor("Q21001"), actor("Q30")
    record = ExtractionRecord(
        article=ArticleRef(id="seed", iri=f"{BASE}id/article/seed", published="2018-01-11"),
        entities=[
            Entity(id=trump, label="Donald Trump", type="Person",
                   roles=[Role(title="President", of=us)],
                   same_as=["http://www.wikidata.org/entity/Q22686"]),
            Entity(id=moon, label="Moon Jae-in", type="Person"),
            Entity(id=us, label="United States", type="Country"),
        ],
        meetings=[Meeting(id=meeting("call"), kind="phone_call", participants=[trump, moon],
                          date="2018-01-10", status="occurred", evidence="They spoke.",
                          confidence=0.9)],
        statements=[Statement(id=statement("q"), speaker=trump, addressee=moon,
                              date="2018-01-10", text="Who knows?", direct=True,
                              evidence="“Who knows?”", confidence=0.8)],
    )
    mem_store.put_article("seed", record_to_graph(record, base_iri=BASE))
    p = project(mem_store)
    assert p.contacts.edges[moon, trump, meeting("call")] == {
        "meeting": meeting("call"), "kind": "phone_call", "status": "occurred",
        "date": "2018-01-10", "confidence": 0.9, "articles": "seed"}
    assert p.contacts.nodes[trump] == {"label": "Donald Trump", "type": "Person",
                                       "wikidata": "Q22686"}
    assert p.contacts.nodes[moon]["wikidata"] == "Q21001"  # from the key
    assert list(p.statements.edges(keys=True)) == [(trump, moon, statement("q"))]


def test_questions_on_a_projected_store(two_articles: OxigraphStore) -> None:
    from kg.graph import EdgeFilter, met, resolve_actor, shortest_chain, timeline

    p = project(two_articles)
    ana = resolve_actor(p.contacts, "Q1")
    assert ana == A and resolve_actor(p.contacts, "dee union") == D
    assert [e.target for e in met(p.contacts, ana).encounters] == [B, C]
    assert [e.target for e in met(p.contacts, ana, where=EdgeFilter(since="2018-02")).encounters] \
        == [C]
    chain = shortest_chain(p.contacts, A, D)
    assert chain is not None and chain.actors == (A, C, D)  # ".../Q3" sorts before ".../person/…"
    assert [e.id for e in timeline(p.contacts, A, statements=p.statements)] == [
        meeting("m1"), statement("s1"), meeting("m2")]
