"""Small frozen records the questions return: meetings, statements and pairs of actors.

They hold plain strings so that the CLI can print them and the API can return them as they
are; a question that selects part of the graph also returns that part as ``graph`` so it can
be exported like the whole.

>>> meeting_ref("m1", {"kind": "visit", "status": "occurred", "date": "2018-01-10",
...                    "articles": "a1 a2"}).articles
('a1', 'a2')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg._types import IRI


@dataclass(frozen=True, slots=True)
class MeetingRef:
    """One meeting as an edge of the contact graph describes it."""

    id: IRI
    kind: str
    status: str
    date: str | None = None
    location: str | None = None
    articles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StatementRef:
    """One statement from ``speaker`` addressed to ``addressee``."""

    id: IRI
    speaker: IRI
    addressee: IRI
    text: str | None = None
    date: str | None = None
    articles: tuple[str, ...] = ()


def _opt(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return str(value) if value not in (None, "") else None


def _articles(data: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(str(data.get("articles", "")).split())


def meeting_ref(key: IRI, data: Mapping[str, Any]) -> MeetingRef:
    """A :class:`MeetingRef` from a contact-graph edge's key and attributes."""
    return MeetingRef(id=str(data.get("meeting", key)), kind=str(data.get("kind", "meeting")),
                      status=str(data.get("status", "occurred")), date=_opt(data, "date"),
                      location=_opt(data, "location"), articles=_articles(data))


def statement_ref(speaker: IRI, addressee: IRI, key: IRI,
                  data: Mapping[str, Any]) -> StatementRef:
    """A :class:`StatementRef` from a statement-graph edge."""
    return StatementRef(id=str(data.get("statement", key)), speaker=speaker, addressee=addressee,
                        text=_opt(data, "text"), date=_opt(data, "date"),
                        articles=_articles(data))


def edges_graph(G: nx.MultiGraph, edges: Iterable[tuple[IRI, IRI, IRI]],
                nodes: Iterable[IRI] = ()) -> nx.MultiGraph:
    """A new multigraph of ``G``'s class holding the given ``(u, v, key)`` edges with their
    attributes, their endpoints and ``nodes`` (with node attributes): the part of ``G`` a
    question selected, built directly (much faster than copying an edge-subgraph view)."""
    H = G.__class__()
    H.graph.update(G.graph)
    for n in nodes:
        H.add_node(n, **G.nodes[n])
    adj = G.adj
    for u, v, k in edges:
        for n in (u, v):
            if n not in H:
                H.add_node(n, **G.nodes[n])
        H.add_edge(u, v, key=k, **adj[u][v][k])
    return H


def by_date(ref: MeetingRef | StatementRef) -> tuple[int, str, str]:
    """Sort key: dated items first, oldest first; then by id."""
    return (0 if ref.date else 1, ref.date or "", ref.id)


__all__ = ["MeetingRef", "StatementRef", "by_date", "edges_graph", "meeting_ref", "statement_ref"]
