"""How an actor's contacts changed between two windows: who is new, who is gone, who stayed.

>>> from kg.graph.examples import example_contacts
>>> c = contact_change(example_contacts(), "ana", EdgeFilter(until="2018-02"),
...                    EdgeFilter(since="2018-03"))
>>> c.gained, c.lost, c.kept
((), ('cy',), ('ben',))
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from kg._types import IRI
from kg.graph.actors import require_actor
from kg.graph.filters import EdgeFilter, view

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ContactChange:
    """Contacts of ``actor`` in the ``before`` and ``after`` windows.

    ``before``/``after`` count meetings per contact; ``graph`` is the actor's star over both
    windows, each contact node marked ``change`` = ``gained`` | ``lost`` | ``kept``.
    """

    actor: IRI
    gained: tuple[IRI, ...]
    lost: tuple[IRI, ...]
    kept: tuple[IRI, ...]
    before: dict[IRI, int] = field(compare=False)
    after: dict[IRI, int] = field(compare=False)
    graph: nx.MultiGraph = field(compare=False, repr=False)


def _contacts(G: nx.MultiGraph, actor: IRI) -> Counter[IRI]:
    return Counter(v if u == actor else u for u, v in G.edges(actor))


def contact_change(G: nx.MultiGraph, actor: IRI, before: EdgeFilter,
                   after: EdgeFilter) -> ContactChange:
    """Compare ``actor``'s contacts in two windows (or any two filters)."""
    require_actor(G, actor)
    A, B = view(G, before), view(G, after)
    ca, cb = _contacts(A, actor), _contacts(B, actor)
    gained = tuple(sorted(set(cb) - set(ca)))
    lost = tuple(sorted(set(ca) - set(cb)))
    kept = tuple(sorted(set(ca) & set(cb)))
    star = nx.MultiGraph(projection=G.graph.get("projection", "contacts"))
    star.add_node(actor, **G.nodes[actor])
    for H in (A, B):
        star.add_edges_from((u, v, k, d) for u, v, k, d in H.edges(actor, keys=True, data=True))
    for n, mark in [*((n, "gained") for n in gained), *((n, "lost") for n in lost),
                    *((n, "kept") for n in kept)]:
        star.nodes[n].update(G.nodes[n], change=mark)
    return ContactChange(actor, gained, lost, kept, dict(ca), dict(cb), star)


__all__ = ["ContactChange", "contact_change"]
