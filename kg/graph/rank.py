"""Central actors: degree, betweenness and PageRank on the collapsed contact graph.

The multigraph is collapsed first (one edge per pair, ``weight`` = number of meetings).
``degree`` counts distinct contacts (normalised by n-1, as NetworkX does); ``pagerank`` is
weighted by meetings; ``betweenness`` is unweighted and, on large graphs, estimated from
``k`` sampled sources with a fixed ``seed`` so that two runs agree.

>>> from kg.graph.examples import example_contacts
>>> [(r.actor, round(r.score, 3)) for r in central_actors(example_contacts(), "betweenness")]
[('ana', 0.667), ('cy', 0.667), ('ben', 0.0), ('dee', 0.0)]
>>> [r.actor for r in central_actors(example_contacts(), "degree", top=2)]
['ana', 'cy']
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from kg._types import IRI
from kg.graph.collapse import collapse
from kg.graph.filters import EdgeFilter, restrict

logger = logging.getLogger(__name__)

Measure = Literal["degree", "betweenness", "pagerank"]
MEASURES: tuple[Measure, ...] = ("degree", "betweenness", "pagerank")


@dataclass(frozen=True, slots=True)
class Ranked:
    actor: IRI
    label: str
    score: float
    meetings: int
    """How many meetings (edges of the multigraph) the actor has in the window."""


def _degree(H: nx.Graph, k: int | None, seed: int) -> dict[IRI, float]:
    return dict(nx.degree_centrality(H))


def _betweenness(H: nx.Graph, k: int | None, seed: int) -> dict[IRI, float]:
    sample = None if k is None or k >= H.number_of_nodes() else k
    return dict(nx.betweenness_centrality(H, k=sample, seed=seed if sample else None))


def _pagerank(H: nx.Graph, k: int | None, seed: int) -> dict[IRI, float]:
    if H.number_of_edges() == 0:
        return {n: 1.0 / max(H.number_of_nodes(), 1) for n in H}
    return dict(nx.pagerank(H, weight="weight"))


MEASURE_FUNCTIONS: dict[Measure, Callable[[nx.Graph, int | None, int], dict[IRI, float]]] = {
    "degree": _degree,
    "betweenness": _betweenness,
    "pagerank": _pagerank,
}


def _measure(measure: Measure) -> Callable[[nx.Graph, int | None, int], dict[IRI, float]]:
    try:
        return MEASURE_FUNCTIONS[measure]
    except KeyError:
        raise ValueError(f"unknown measure {measure!r}; expected one of {MEASURES}") from None


def centrality(G: nx.MultiGraph, measure: Measure = "degree", *,
               where: EdgeFilter | None = None, k: int | None = None,
               seed: int = 0) -> dict[IRI, float]:
    """Score of every actor with at least one meeting in the window."""
    fn = _measure(measure)
    return fn(collapse(restrict(G, where, keep_isolates=False)), k, seed)


def central_actors(G: nx.MultiGraph, measure: Measure = "degree", *, top: int = 10,
                   where: EdgeFilter | None = None, k: int | None = None,
                   seed: int = 0) -> list[Ranked]:
    """The ``top`` actors by ``measure``, highest first (ties by label, then id)."""
    fn = _measure(measure)
    H = restrict(G, where, keep_isolates=False)
    scores = fn(collapse(H), k, seed)
    ranked = [Ranked(n, str(G.nodes[n].get("label", n)), float(s), H.degree(n))
              for n, s in scores.items()]
    ranked.sort(key=lambda r: (-r.score, r.label, r.actor))
    return ranked[:top]


__all__ = ["MEASURES", "MEASURE_FUNCTIONS", "Measure", "Ranked", "central_actors", "centrality"]
