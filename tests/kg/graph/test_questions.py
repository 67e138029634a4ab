"""Each question on a small graph whose answers were worked out by hand.

Two triangles joined by a bridge (dates in brackets, (p) planned, (x) cancelled)::

    a ─ab1 visit [2018-01-05], ab2 phone_call [2018-06-01]─ b
    a ─ac summit [2018-03-10] (p)─ c        b ─bc talks [2018-02]─ c
    c ─cx talks [2018-04-04]─ x
    x ─xy visit [2018-05-05]─ y     y ─yz phone_call [undated]─ z
    x ─xz meeting [2018-07-07] (x)─ z
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import networkx as nx
import pytest

import kg.graph
from kg.errors import EntityNotFoundError
from kg.graph import (
    EdgeFilter,
    central_actors,
    centrality,
    communities,
    contact_change,
    date_interval,
    ego,
    met,
    relationships,
    resolve_actor,
    shortest_chain,
    timeline,
    with_communities,
)
from kg.graph.collapse import collapse
from kg.graph.filters import view

MEETINGS = [
    ("a", "b", "ab1", "visit", "2018-01-05", "occurred"),
    ("a", "b", "ab2", "phone_call", "2018-06-01", "occurred"),
    ("b", "c", "bc", "talks", "2018-02", "occurred"),
    ("a", "c", "ac", "summit", "2018-03-10", "planned"),
    ("c", "x", "cx", "talks", "2018-04-04", "occurred"),
    ("x", "y", "xy", "visit", "2018-05-05", "occurred"),
    ("y", "z", "yz", "phone_call", None, "occurred"),
    ("x", "z", "xz", "meeting", "2018-07-07", "cancelled"),
]
OCCURRED = EdgeFilter(statuses=frozenset({"occurred"}))


@pytest.fixture
def G() -> nx.MultiGraph:
    G = nx.MultiGraph(projection="contacts")
    for n in "abcxyz":
        G.add_node(n, label=f"Actor {n.upper()}", type="Person")
    for u, v, k, kind, date, status in MEETINGS:
        attrs = {"meeting": k, "kind": kind, "status": status, "articles": "art"}
        if date:
            attrs["date"] = date
        G.add_edge(u, v, key=k, **attrs)
    return G


def ids(refs: object) -> list[str]:
    return [r.id for r in refs]  # type: ignore[attr-defined]


# ------------------------------------------------------------------ filters

def test_date_intervals() -> None:
    assert date_interval("2020-02") == ("2020-02-01", "2020-02-29")
    assert date_interval("2019") == ("2019-01-01", "2019-12-31")
    with pytest.raises(ValueError):
        date_interval("10 Jan 2018")
    with pytest.raises(ValueError):
        EdgeFilter(since="yesterday")


def test_window_overlaps_month_dates_and_drops_undated(G: nx.MultiGraph) -> None:
    H = EdgeFilter(since="2018-02-15", until="2018-04-30").apply(G)
    assert sorted(k for *_, k in H.edges(keys=True)) == ["ac", "bc", "cx"]
    assert set(H) == set(G)  # nodes stay unless asked
    H = EdgeFilter(since="2018-02-15", until="2018-04-30").apply(G, keep_isolates=False)
    assert set(H) == {"a", "b", "c", "x"}
    assert sorted(k for *_, k in EdgeFilter(kinds=frozenset({"talks"})).apply(G)
                  .edges(keys=True)) == ["bc", "cx"]
    assert EdgeFilter().apply(G).number_of_edges() == 8


def test_filter_on_an_event_graph_drops_meeting_nodes() -> None:
    B = nx.Graph(projection="events")
    B.add_node("a", bipartite=0)
    B.add_node("m1", bipartite=1, date="2018-01-01", kind="visit")
    B.add_node("m2", bipartite=1, date="2019-01-01", kind="visit")
    B.add_edges_from([("a", "m1"), ("a", "m2")])
    assert sorted(EdgeFilter(since="2018-06").apply(B)) == ["a", "m2"]


def test_views_filter_without_copying(G: nx.MultiGraph) -> None:
    window = EdgeFilter(since="2018-02-15", until="2018-04-30")
    V = view(G, window)
    assert sorted(k for *_, k in V.edges(keys=True)) == ["ac", "bc", "cx"]
    assert sorted(V["c"]) == ["a", "b", "x"] and list(V["y"]) == []
    G.add_edge("a", "y", key="ay", meeting="ay", kind="visit", date="2018-03-01")
    assert "y" in V["a"]  # a view, not a copy
    assert view(G, None) is G and view(G, EdgeFilter()) is G
    B = nx.Graph(projection="events")
    B.add_node("a", bipartite=0)
    B.add_node("m1", bipartite=1, date="2018-01-01")
    B.add_node("m2", bipartite=1, date="2019-01-01")
    B.add_edges_from([("a", "m1"), ("a", "m2")])
    assert sorted(view(B, EdgeFilter(until="2018-12"))) == ["a", "m1"]


# ------------------------------------------------------------------ who met whom

def test_met_one_actor(G: nx.MultiGraph) -> None:
    r = met(G, "a")
    assert [(e.target, ids(e.meetings)) for e in r.encounters] == [("b", ["ab1", "ab2"]),
                                                                   ("c", ["ac"])]
    assert r.encounters[0].target_label == "Actor B"
    assert [e.target for e in met(G, "a", where=OCCURRED).encounters] == ["b"]
    window = EdgeFilter(since="2018-02-15", until="2018-04-30")
    assert [e.target for e in met(G, "a", where=window).encounters] == ["c"]
    assert sorted(r.graph.edges(keys=True)) == [("a", "b", "ab1"), ("a", "b", "ab2"),
                                                ("a", "c", "ac")]


def test_met_all_pairs_in_a_window(G: nx.MultiGraph) -> None:
    r = met(G, where=EdgeFilter(since="2018-05"))
    assert sorted((e.source, e.target, ids(e.meetings)) for e in r.encounters) == [
        ("a", "b", ["ab2"]), ("x", "y", ["xy"]), ("x", "z", ["xz"])]
    assert set(r.graph) == {"a", "b", "x", "y", "z"}


def test_unknown_actor(G: nx.MultiGraph) -> None:
    with pytest.raises(EntityNotFoundError):
        met(G, "nobody")
    with pytest.raises(EntityNotFoundError):
        shortest_chain(G, "a", "nobody")


# ------------------------------------------------------------------ links

def test_relationships_of_actors_who_met(G: nx.MultiGraph) -> None:
    r = relationships(G, "a", "b")
    assert ids(r.meetings) == ["ab1", "ab2"]
    assert r.common == ("c",)
    assert sorted(k for *_, k in r.graph.edges(keys=True)) == ["ab1", "ab2", "ac", "bc"]


def test_relationships_through_a_shared_contact_and_statements(G: nx.MultiGraph) -> None:
    S = nx.MultiDiGraph()
    S.add_edge("x", "a", key="s1", statement="s1", text="Come over.", date="2018-03-01")
    S.add_edge("a", "x", key="s2", statement="s2", text="Soon.", date="2018-02-01")
    S.add_edge("a", "b", key="s3", statement="s3", text="Not this one.")
    r = relationships(G, "a", "x", statements=S)
    assert r.meetings == ()
    assert r.common == ("c",)
    assert ids(r.statements) == ["s2", "s1"]  # oldest first
    assert (r.statements[0].speaker, r.statements[0].addressee) == ("a", "x")
    assert sorted(k for *_, k in r.graph.edges(keys=True)) == ["ac", "cx"]


# ------------------------------------------------------------------ chains

def test_shortest_chain(G: nx.MultiGraph) -> None:
    c = shortest_chain(G, "a", "z")
    assert c is not None
    assert c.actors == ("a", "c", "x", "z") and ids(c.hops) == ["ac", "cx", "xz"]
    assert c.length == 3 and c.graph.number_of_edges() == 3


def test_shortest_chain_with_filters(G: nx.MultiGraph) -> None:
    c = shortest_chain(G, "a", "z", where=OCCURRED)  # planned ac and cancelled xz are out
    assert c is not None
    assert c.actors == ("a", "b", "c", "x", "y", "z")
    assert ids(c.hops) == ["ab1", "bc", "cx", "xy", "yz"]  # ab1 is the earlier a–b meeting
    assert shortest_chain(G, "a", "z", where=EdgeFilter(until="2018-03-31")) is None
    assert shortest_chain(G, "a", "a").actors == ("a",)  # type: ignore[union-attr]


# ------------------------------------------------------------------ ego networks

def test_ego_network(G: nx.MultiGraph) -> None:
    one = ego(G, "c", radius=1)
    assert set(one) == {"a", "b", "c", "x"}
    assert sorted(k for *_, k in one.edges(keys=True)) == ["ab1", "ab2", "ac", "bc", "cx"]
    assert set(ego(G, "c", radius=2)) == set("abcxyz")
    assert set(ego(G, "c", radius=0)) == {"c"}
    assert set(ego(G, "c", radius=2, where=EdgeFilter(until="2018-04-30"))) == {"a", "b", "c", "x"}
    with pytest.raises(ValueError):
        ego(G, "c", radius=-1)


# ------------------------------------------------------------------ timelines

def test_timeline(G: nx.MultiGraph) -> None:
    assert [(e.date, e.id, e.others) for e in timeline(G, "c")] == [
        ("2018-02", "bc", ("b",)), ("2018-03-10", "ac", ("a",)), ("2018-04-04", "cx", ("x",))]
    assert [e.id for e in timeline(G, "y")] == ["xy", "yz"]  # undated last
    assert [e.id for e in timeline(G, "c", where=EdgeFilter(since="2018-03"))] == ["ac", "cx"]


def test_timeline_merges_a_many_party_meeting_and_adds_statements() -> None:
    H = nx.MultiGraph()
    for a, b in [("p", "q"), ("p", "r"), ("q", "r")]:
        H.add_edge(a, b, key="m", meeting="m", kind="summit", date="2019-01-01", status="occurred")
    S = nx.MultiDiGraph()
    S.add_edge("q", "p", key="s", statement="s", text="Welcome.", date="2019-01-02")
    t = timeline(H, "p", statements=S)
    assert [(e.id, e.kind, e.others) for e in t] == [("m", "summit", ("q", "r")),
                                                     ("s", "was told", ("q",))]


# ------------------------------------------------------------------ central actors

def test_betweenness_and_degree_by_hand(G: nx.MultiGraph) -> None:
    # c and x each sit on all 6 shortest paths between {a, b} and {x|c, y, z}: 6/10 = 0.6
    top = central_actors(G, "betweenness", top=3)
    assert [(r.actor, round(r.score, 6)) for r in top] == [("c", 0.6), ("x", 0.6), ("a", 0.0)]
    deg = centrality(G, "degree")
    assert deg["c"] == deg["x"] == pytest.approx(3 / 5) and deg["a"] == pytest.approx(2 / 5)
    assert [r.meetings for r in central_actors(G, "degree", top=6) if r.actor == "a"] == [3]


def test_sampled_betweenness_is_repeatable(G: nx.MultiGraph) -> None:
    first = centrality(G, "betweenness", k=3, seed=11)
    assert first == centrality(G, "betweenness", k=3, seed=11)
    assert set(first) == set("abcxyz")


def test_pagerank_on_a_star() -> None:
    # hub h = 0.15/4 + 0.85·3l, leaf l = 0.15/4 + 0.85·h/3  ⇒  h = 0.133125/0.2775
    S = nx.MultiGraph()
    for leaf in "123":
        S.add_edge("h", leaf, key=f"m{leaf}")
    pr = centrality(S, "pagerank")
    assert pr["h"] == pytest.approx(0.133125 / 0.2775, abs=1e-5)
    assert pr["1"] == pytest.approx((1 - pr["h"]) / 3, abs=1e-5)


def test_central_actors_in_a_window(G: nx.MultiGraph) -> None:
    window = EdgeFilter(since="2018-05")
    ranked = central_actors(G, "degree", where=window, top=10)
    # only a, b, x, y, z have meetings from May on; x met y and z: 2/4
    assert [(r.actor, r.score) for r in ranked][:1] == [("x", 0.5)]
    assert {r.actor for r in ranked} == {"a", "b", "x", "y", "z"}
    with pytest.raises(ValueError):
        centrality(G, "fame")  # type: ignore[arg-type]


# ------------------------------------------------------------------ communities

def test_communities_split_the_triangles(G: nx.MultiGraph) -> None:
    found = communities(G, seed=3)
    assert [set(c) for c in found] == [{"a", "b", "c"}, {"x", "y", "z"}]
    H = with_communities(G, found)
    assert H.nodes["a"]["community"] == 0 and H.nodes["z"]["community"] == 1
    assert "community" not in G.nodes["a"]


def test_communities_of_an_empty_window(G: nx.MultiGraph) -> None:
    assert communities(G, where=EdgeFilter(until="2000")) == []


# ------------------------------------------------------------------ contact change

def test_contact_change(G: nx.MultiGraph) -> None:
    c = contact_change(G, "x", EdgeFilter(until="2018-04-30"), EdgeFilter(since="2018-05-01"))
    assert (c.gained, c.lost, c.kept) == (("y", "z"), ("c",), ())
    assert c.before == {"c": 1} and c.after == {"y": 1, "z": 1}
    assert c.graph.nodes["y"]["change"] == "gained" and c.graph.nodes["c"]["change"] == "lost"
    c = contact_change(G, "a", EdgeFilter(until="2018-03"), EdgeFilter(since="2018-04"))
    assert (c.gained, c.lost, c.kept) == ((), ("c",), ("b",))


# ------------------------------------------------------------------ actors and collapse

def test_resolve_actor(G: nx.MultiGraph) -> None:
    assert resolve_actor(G, "Actor B") == "b"
    assert resolve_actor(G, "  actor   b ") == "b"
    with pytest.raises(EntityNotFoundError, match="ambiguous"):
        resolve_actor(G, "actor")
    with pytest.raises(EntityNotFoundError):
        resolve_actor(G, "Zed")


def test_collapse_counts_meetings(G: nx.MultiGraph) -> None:
    H = collapse(G)
    assert H["a"]["b"] == {"weight": 2, "meetings": "ab1 ab2", "kinds": "phone_call visit",
                           "first": "2018-01-05", "last": "2018-06-01"}
    assert "first" not in H["y"]["z"]


# ------------------------------------------------------------------ docstring examples

GRAPH_MODULES = sorted(m.name for m in pkgutil.iter_modules(kg.graph.__path__, "kg.graph."))


@pytest.mark.parametrize("name", GRAPH_MODULES)
def test_every_graph_module_has_a_passing_example(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    if name != "kg.graph.projection":  # the projection needs a store: see test_projection.py
        assert result.attempted > 0, f"{name} has no example"
