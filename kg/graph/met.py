"""Who met whom: every pair of actors joined by at least one meeting, with the meetings.

>>> from kg.graph.examples import example_contacts
>>> G = example_contacts()
>>> [(e.target, [m.id for m in e.meetings]) for e in met(G, "ana").encounters]
[('ben', ['m1', 'm2']), ('cy', ['m3'])]
>>> [e.target for e in met(G, "ana", where=EdgeFilter(statuses=frozenset({"occurred"}))).encounters]
['ben']
>>> [(e.source, e.target) for e in met(G, where=EdgeFilter(since="2018-03")).encounters]
[('ana', 'ben'), ('cy', 'dee')]
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from kg._types import IRI
from kg.graph.actors import require_actor
from kg.graph.filters import EdgeFilter, view
from kg.graph.results import MeetingRef, by_date, edges_graph, meeting_ref

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Encounter:
    """Two actors and the meetings between them (oldest first)."""

    source: IRI
    target: IRI
    source_label: str
    target_label: str
    meetings: tuple[MeetingRef, ...]


@dataclass(frozen=True, slots=True)
class Met:
    """The answer to "who met whom": the pairs, and the subgraph they make."""

    encounters: tuple[Encounter, ...]
    graph: nx.MultiGraph = field(compare=False, repr=False)


def met(G: nx.MultiGraph, actor: IRI | None = None, *, where: EdgeFilter | None = None) -> Met:
    """Pairs of actors who met (only ``actor``'s pairs when given, ``actor`` as ``source``).

    Pairs come most meetings first, then by the other actor's label; with no ``actor`` the
    pair's ``source`` is the endpoint whose id sorts first.
    """
    if actor is not None:
        require_actor(G, actor)
    H = view(G, where)
    pairs: dict[tuple[IRI, IRI], list[MeetingRef]] = defaultdict(list)
    edges = H.edges(actor, keys=True, data=True) if actor is not None else \
        H.edges(keys=True, data=True)
    kept: list[tuple[IRI, IRI, IRI]] = []
    for u, v, k, d in edges:
        if actor is not None:
            a, b = (u, v) if u == actor else (v, u)
        else:
            a, b = (u, v) if str(u) <= str(v) else (v, u)
        pairs[(a, b)].append(meeting_ref(k, d))
        kept.append((u, v, k))

    def label(n: IRI) -> str:
        return str(G.nodes[n].get("label", n))

    encounters = [
        Encounter(a, b, label(a), label(b), tuple(sorted(ms, key=by_date)))
        for (a, b), ms in pairs.items()
    ]
    encounters.sort(key=lambda e: (-len(e.meetings), e.target_label if actor else e.source,
                                   e.target))
    sub = edges_graph(H, kept, [actor] if actor else [])
    return Met(tuple(encounters), sub)


__all__ = ["Encounter", "Met", "met"]
