"""Everything that links two actors: their meetings, their statements to each other, and the
contacts they share (with the meetings to those contacts).

>>> from kg.graph.examples import example_contacts, example_statements
>>> r = relationships(example_contacts(), "ben", "cy", statements=example_statements())
>>> r.meetings, [s.id for s in r.statements], r.common
((), ['s1'], ('ana',))
>>> sorted(k for _, _, k in r.graph.edges(keys=True))
['m1', 'm2', 'm3']
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import networkx as nx

from kg._types import IRI
from kg.graph.actors import require_actor
from kg.graph.filters import EdgeFilter, view
from kg.graph.results import (
    MeetingRef,
    StatementRef,
    by_date,
    edges_graph,
    meeting_ref,
    statement_ref,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Links:
    """What joins ``source`` and ``target``.

    ``graph`` holds both actors, their shared contacts, and every meeting edge among them
    (the meetings between the two, and each one's meetings with the shared contacts).
    """

    source: IRI
    target: IRI
    meetings: tuple[MeetingRef, ...]
    statements: tuple[StatementRef, ...]
    common: tuple[IRI, ...]
    graph: nx.MultiGraph = field(compare=False, repr=False)


def relationships(G: nx.MultiGraph, source: IRI, target: IRI, *,
                  statements: nx.MultiDiGraph | None = None,
                  where: EdgeFilter | None = None) -> Links:
    """The meetings between two actors, the statements either made to the other (when the
    statement graph is given) and their shared contacts, sorted by label."""
    require_actor(G, source)
    require_actor(G, target)
    H = view(G, where)
    meetings = sorted((meeting_ref(k, d) for k, d in H.get_edge_data(source, target, default={}).items()),
                      key=by_date)
    said: list[StatementRef] = []
    if statements is not None:
        S = view(statements, where)
        for a, b in ((source, target), (target, source)):
            if S.has_node(a) and S.has_node(b):
                said.extend(statement_ref(a, b, k, d)
                            for k, d in S.get_edge_data(a, b, default={}).items())
    said.sort(key=by_date)
    common = set(H[source]) & set(H[target]) - {source, target}
    common_sorted = tuple(sorted(common, key=lambda n: (str(G.nodes[n].get("label", n)), n)))
    ends = (source, target)
    edges = [(a, b, k) for a in ends for b in H[a] if b in common or (a == source and b == target)
             for k in H[a][b]]
    sub = edges_graph(H, edges, ends)
    return Links(source, target, tuple(meetings), tuple(said), common_sorted, sub)


__all__ = ["Links", "relationships"]
