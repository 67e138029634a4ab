"""Edge filters shared by every question: a time window, meeting kinds and statuses.

Dates in the store are ``YYYY-MM-DD`` or, when an article only fixes the month, ``YYYY-MM``
(a year alone, ``YYYY``, is read the same way). A date is treated as the interval of days it
covers, and an edge passes a window when that interval overlaps the window. An edge without a
date never passes a window (nobody can say it fell inside), but passes when no window is set.

>>> date_interval("2018-02")
('2018-02-01', '2018-02-28')
>>> EdgeFilter(since="2018-02-15").matches({"date": "2018-02"})
True
>>> EdgeFilter(until="2018-01-31").matches({"date": "2018-02-01"})
False
>>> EdgeFilter(kinds=frozenset({"visit"})).matches({"kind": "phone_call"})
False
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import networkx as nx

logger = logging.getLogger(__name__)

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

G_ = TypeVar("G_", bound=nx.Graph)


def date_interval(date: str) -> tuple[str, str]:
    """The first and last day (ISO strings) a ``YYYY[-MM[-DD]]`` date stands for.

    Raises ValueError for anything else.
    """
    m = _DATE.match(date.strip())
    if not m:
        raise ValueError(f"not a YYYY[-MM[-DD]] date: {date!r}")
    year, month, day = m.groups()
    y = int(year)
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"no month {month} in {date!r}")
    if day is not None:
        try:
            dt.date(y, int(month), int(day))
        except ValueError:
            raise ValueError(f"no such day: {date!r}") from None
        return date, date
    if month is not None:
        last = calendar.monthrange(y, int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


def _bound(value: str | None, *, start: bool) -> str | None:
    if value is None or value == "":
        return None
    first, last = date_interval(value)
    return first if start else last


@dataclass(frozen=True, slots=True)
class EdgeFilter:
    """Which edges a question looks at; ``None`` fields do not filter.

    ``since``/``until`` are inclusive and may be month or year dates (``until="2018-02"``
    means up to the end of February).
    """

    since: str | None = None
    until: str | None = None
    kinds: frozenset[str] | None = None
    statuses: frozenset[str] | None = None

    def __post_init__(self) -> None:
        # normalise bounds to whole days once, and fail early on bad input
        object.__setattr__(self, "since", _bound(self.since, start=True))
        object.__setattr__(self, "until", _bound(self.until, start=False))
        if self.kinds is not None and not isinstance(self.kinds, frozenset):
            object.__setattr__(self, "kinds", frozenset(self.kinds))
        if self.statuses is not None and not isinstance(self.statuses, frozenset):
            object.__setattr__(self, "statuses", frozenset(self.statuses))

    @classmethod
    def of(cls, *, since: str | None = None, until: str | None = None,
           kinds: Iterable[str] | None = None,
           statuses: Iterable[str] | None = None) -> EdgeFilter:
        """Build a filter from loose arguments (any iterable for kinds and statuses)."""
        return cls(since=since, until=until,
                   kinds=frozenset(kinds) if kinds is not None else None,
                   statuses=frozenset(statuses) if statuses is not None else None)

    @property
    def is_empty(self) -> bool:
        return self.since is None and self.until is None and self.kinds is None \
            and self.statuses is None

    def matches(self, data: Mapping[str, Any]) -> bool:
        """Whether an edge (or meeting node) with these attributes passes."""
        if self.kinds is not None and data.get("kind") not in self.kinds:
            return False
        if self.statuses is not None and data.get("status") not in self.statuses:
            return False
        if self.since is None and self.until is None:
            return True
        date = data.get("date")
        if not date:
            return False
        start, end = date_interval(str(date))
        if self.since is not None and end < self.since:
            return False
        return not (self.until is not None and start > self.until)

    def apply(self, G: G_, *, keep_isolates: bool = True) -> G_:
        """A copy of ``G`` holding only the edges that pass.

        On an actor–event graph (``G.graph["projection"] == "events"``) the meeting nodes are
        filtered instead. With ``keep_isolates=False`` nodes left without edges are dropped.
        """
        H: G_
        if G.graph.get("projection") == "events":
            drop = [n for n, d in G.nodes(data=True)
                    if d.get("bipartite") == 1 and not self.matches(d)]
            H = G.copy()
            H.remove_nodes_from(drop)
        elif self.is_empty:
            H = G.copy()
        else:
            H = G.__class__()
            H.graph.update(G.graph)
            H.add_nodes_from(G.nodes(data=True))
            if G.is_multigraph():
                H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)
                                 if self.matches(d))
            else:
                H.add_edges_from((u, v, d) for u, v, d in G.edges(data=True) if self.matches(d))
        if not keep_isolates:
            H.remove_nodes_from([n for n in list(H) if H.degree(n) == 0])
        return H


def view(G: G_, where: EdgeFilter | None) -> G_:
    """A read-only view of ``G`` showing only what passes ``where`` (``G`` itself when
    nothing filters): no copy, so questions about one actor stay as cheap as its degree.

    >>> from kg.graph.examples import example_contacts
    >>> sorted(view(example_contacts(), EdgeFilter(since="2018-03"))["ana"])
    ['ben']
    """
    if where is None or where.is_empty:
        return G
    if G.graph.get("projection") == "events":
        nodes = G.nodes
        out: G_ = nx.subgraph_view(G, filter_node=lambda n: nodes[n].get("bipartite") != 1
                                   or where.matches(nodes[n]))
        return out
    adj = G.adj
    if G.is_multigraph():
        out = nx.subgraph_view(G, filter_edge=lambda u, v, k: where.matches(adj[u][v][k]))
    else:
        out = nx.subgraph_view(G, filter_edge=lambda u, v: where.matches(adj[u][v]))
    return out


def restrict(G: G_, where: EdgeFilter | None, *, keep_isolates: bool = True) -> G_:
    """``where.apply(G)``, or ``G`` itself when there is nothing to filter."""
    if where is None or (where.is_empty and keep_isolates):
        return G
    return where.apply(G, keep_isolates=keep_isolates)


__all__ = ["EdgeFilter", "date_interval", "restrict", "view"]
