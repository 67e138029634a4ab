"""An actor's timeline: their meetings (and, given the statement graph, what they said and
what was said to them), oldest first, undated items last.

>>> from kg.graph.examples import example_contacts, example_statements
>>> [(e.date, e.id, e.others) for e in timeline(example_contacts(), "ben",
...                                              statements=example_statements())]
[('2018-01-10', 'm1', ('ana',)), ('2018-03-05', 'm2', ('ana',)), ('2018-03-06', 's1', ('cy',))]
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx

from kg._types import IRI
from kg.graph.actors import require_actor
from kg.graph.filters import EdgeFilter, view

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One meeting or statement in an actor's life.

    ``others`` are the other participants of a meeting, or the addressee (when the actor
    spoke) or speaker (when the actor was spoken to) of a statement. ``kind`` is the meeting
    kind, or ``"said"`` / ``"was told"`` for statements.
    """

    date: str | None
    what: Literal["meeting", "statement"]
    id: IRI
    kind: str
    status: str | None
    others: tuple[IRI, ...]
    text: str | None
    articles: tuple[str, ...]


def timeline(G: nx.MultiGraph, actor: IRI, *, statements: nx.MultiDiGraph | None = None,
             where: EdgeFilter | None = None) -> list[TimelineEntry]:
    """The actor's meetings (one entry per meeting, however many participants) and statements."""
    require_actor(G, actor)
    H = view(G, where)
    others: dict[IRI, set[IRI]] = defaultdict(set)
    data: dict[IRI, dict[str, Any]] = {}
    for u, v, k, d in H.edges(actor, keys=True, data=True):
        others[k].add(v if u == actor else u)
        data[k] = d
    entries = [
        TimelineEntry(
            date=_opt(d.get("date")), what="meeting", id=str(d.get("meeting", k)),
            kind=str(d.get("kind", "meeting")), status=_opt(d.get("status")),
            others=tuple(sorted(others[k])), text=None,
            articles=tuple(str(d.get("articles", "")).split()))
        for k, d in data.items()
    ]
    if statements is not None and actor in statements:
        S = view(statements, where)
        for (u, v, k, d), kind in [(e, "said") for e in S.out_edges(actor, keys=True, data=True)] \
                + [(e, "was told") for e in S.in_edges(actor, keys=True, data=True)]:
            entries.append(TimelineEntry(
                date=_opt(d.get("date")), what="statement", id=str(d.get("statement", k)),
                kind=kind, status=None, others=(v if kind == "said" else u,),
                text=_opt(d.get("text")), articles=tuple(str(d.get("articles", "")).split())))
    entries.sort(key=lambda e: (e.date is None, e.date or "", e.id))
    return entries


def _opt(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


__all__ = ["TimelineEntry", "timeline"]
