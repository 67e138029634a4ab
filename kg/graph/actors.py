"""Find an actor node from what a user types: an IRI, a Wikidata id, a key or a name.

>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_node("http://x/id/actor/Q22686", label="Donald Trump", wikidata="Q22686")
>>> G.add_node("http://x/id/actor/person/catherine-dill", label="Catherine Dill")
>>> resolve_actor(G, "Q22686")
'http://x/id/actor/Q22686'
>>> resolve_actor(G, "catherine dill")
'http://x/id/actor/person/catherine-dill'
>>> resolve_actor(G, "trump")
'http://x/id/actor/Q22686'
"""

from __future__ import annotations

import logging

import networkx as nx

from kg._types import IRI
from kg.errors import EntityNotFoundError

logger = logging.getLogger(__name__)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def resolve_actor(G: nx.Graph, query: str) -> IRI:
    """The node ``query`` names, tried in order: node id, Wikidata id, IRI key (the part after
    ``/id/actor/``), exact label (case-insensitive), then a label containing ``query`` as
    whole words. Raises EntityNotFoundError when nothing or more than one actor matches."""
    q = query.strip()
    if q in G:
        return q
    folded = _fold(q)
    tiers: list[list[IRI]] = [[], [], [], []]
    for node, data in G.nodes(data=True):
        if data.get("bipartite") == 1:
            continue
        text = str(node)
        label = _fold(str(data.get("label", "")))
        if data.get("wikidata") == q:
            tiers[0].append(text)
        elif text.endswith(f"/id/actor/{q}"):
            tiers[1].append(text)
        elif label == folded:
            tiers[2].append(text)
        elif folded and f" {folded} " in f" {label} ":
            tiers[3].append(text)
    for found in tiers:
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = ", ".join(sorted(str(G.nodes[n].get("label", n)) for n in found)[:10])
            raise EntityNotFoundError(f"{query!r} is ambiguous: {names}")
    raise EntityNotFoundError(f"no actor matches {query!r}")


def require_actor(G: nx.Graph, actor: IRI) -> None:
    """Raise EntityNotFoundError unless ``actor`` is a node of ``G``."""
    if actor not in G:
        raise EntityNotFoundError(f"no actor {actor!r} in the graph")


__all__ = ["require_actor", "resolve_actor"]
