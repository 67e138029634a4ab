"""Communities of actors who meet among themselves (Louvain, on the collapsed graph).

Louvain is randomised; a fixed ``seed`` makes runs repeatable.

>>> import networkx as nx
>>> G = nx.MultiGraph()
>>> for a, b in [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"),
...              ("c", "x")]:
...     _ = G.add_edge(a, b, key=f"{a}{b}")
>>> [sorted(c) for c in communities(G)]
[['a', 'b', 'c'], ['x', 'y', 'z']]
"""

from __future__ import annotations

import logging
from typing import TypeVar

import networkx as nx

from kg._types import IRI
from kg.graph.collapse import collapse
from kg.graph.filters import EdgeFilter, restrict

logger = logging.getLogger(__name__)

G_ = TypeVar("G_", bound=nx.Graph)


def communities(G: nx.MultiGraph, *, where: EdgeFilter | None = None, seed: int = 0,
                resolution: float = 1.0) -> list[frozenset[IRI]]:
    """Communities of the actors with meetings in the window, largest first (ties by their
    smallest member's id). Edges are weighted by the number of meetings."""
    H = collapse(restrict(G, where, keep_isolates=False))
    if H.number_of_edges() == 0:
        return [frozenset({n}) for n in sorted(H, key=str)]
    found = nx.community.louvain_communities(H, weight="weight", resolution=resolution,
                                             seed=seed)
    return sorted((frozenset(c) for c in found), key=lambda c: (-len(c), min(map(str, c))))


def with_communities(G: G_, found: list[frozenset[IRI]]) -> G_:
    """A copy of ``G`` whose nodes carry ``community`` (0 = the largest), for export."""
    H: G_ = G.copy()
    for i, members in enumerate(found):
        for n in members:
            if n in H:
                H.nodes[n]["community"] = i
    return H


__all__ = ["communities", "with_communities"]
