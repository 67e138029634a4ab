"""The shortest chain of meetings between two actors.

Each hop is shown by one meeting: the earliest dated one between the two (or the first by id
when none is dated), so the chain reads as a story in time where it can.

>>> from kg.graph.examples import example_contacts
>>> c = shortest_chain(example_contacts(), "ben", "dee")
>>> c.actors, [m.id for m in c.hops]
(('ben', 'ana', 'cy', 'dee'), ['m1', 'm3', 'm4'])
>>> shortest_chain(example_contacts(), "ben", "dee",
...                where=EdgeFilter(statuses=frozenset({"occurred"}))) is None
True
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from itertools import pairwise

import networkx as nx

from kg._types import IRI
from kg.graph.actors import require_actor
from kg.graph.filters import EdgeFilter, view
from kg.graph.results import MeetingRef, by_date, edges_graph, meeting_ref

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Chain:
    """Actors from source to target and, for each hop, the meeting that links them."""

    actors: tuple[IRI, ...]
    hops: tuple[MeetingRef, ...]
    graph: nx.MultiGraph = field(compare=False, repr=False)

    @property
    def length(self) -> int:
        return len(self.hops)


def shortest_chain(G: nx.MultiGraph, source: IRI, target: IRI, *,
                   where: EdgeFilter | None = None) -> Chain | None:
    """The fewest meetings that link ``source`` to ``target``; None when nothing links them.

    Among chains of equal length the one through actors whose ids sort first is chosen, so the
    answer does not depend on insertion order.
    """
    require_actor(G, source)
    require_actor(G, target)
    H = view(G, where)
    try:
        path = _lexicographic_shortest_path(H, source, target)
    except nx.NetworkXNoPath:
        return None
    hops: list[MeetingRef] = []
    edges: list[tuple[IRI, IRI, IRI]] = []
    for a, b in pairwise(path):
        first = min((meeting_ref(k, d) for k, d in H.get_edge_data(a, b).items()), key=by_date)
        hops.append(first)
        key = next(k for k, d in H.get_edge_data(a, b).items() if d.get("meeting", k) == first.id)
        edges.append((a, b, key))
    sub = edges_graph(H, edges, [source])
    return Chain(tuple(path), tuple(hops), sub)


def _lexicographic_shortest_path(G: nx.Graph, source: IRI, target: IRI) -> list[IRI]:
    """Breadth-first search visiting neighbours in sorted order: a deterministic shortest path."""
    if source == target:
        return [source]
    parent: dict[IRI, IRI | None] = {source: None}
    frontier = [source]
    while frontier:
        nxt: list[IRI] = []
        for node in frontier:
            for nb in sorted(G[node], key=str):
                if nb in parent:
                    continue
                parent[nb] = node
                if nb == target:
                    path = [nb]
                    while parent[path[-1]] is not None:
                        path.append(parent[path[-1]])
                    return path[::-1]
                nxt.append(nb)
        frontier = nxt
    raise nx.NetworkXNoPath(f"no chain of meetings links {source} and {target}")


__all__ = ["Chain", "shortest_chain"]
