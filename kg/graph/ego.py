"""An actor's ego network: everyone within ``radius`` meetings of them, and their meetings.

>>> from kg.graph.examples import example_contacts
>>> sorted(ego(example_contacts(), "ben", radius=1))
['ana', 'ben']
>>> sorted(ego(example_contacts(), "ben", radius=2))
['ana', 'ben', 'cy']
"""

from __future__ import annotations

import logging
from typing import TypeVar

import networkx as nx

from kg._types import IRI
from kg.graph.actors import require_actor
from kg.graph.filters import EdgeFilter, view

logger = logging.getLogger(__name__)

G_ = TypeVar("G_", bound=nx.Graph)


def ego(G: G_, actor: IRI, radius: int = 1, *, where: EdgeFilter | None = None) -> G_:
    """The subgraph induced by the actors at most ``radius`` hops from ``actor`` (a copy).

    All meetings among those actors are kept, including those between two neighbours.
    """
    if radius < 0:
        raise ValueError("radius must be 0 or more")
    require_actor(G, actor)
    H = view(G, where)
    out: G_ = nx.ego_graph(H, actor, radius=radius, undirected=True).copy()
    return out


__all__ = ["ego"]
