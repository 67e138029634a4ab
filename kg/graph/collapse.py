"""Collapse a contact multigraph (one edge per meeting) into a weighted simple graph.

Centrality and community detection want one edge per pair with a weight; Gephi users often
want the same. The collapsed edge keeps what the meetings said, as scalars:
``weight`` (number of meetings), ``meetings`` (their ids, space-separated), ``kinds``,
``first``/``last`` (earliest and latest dates, when any meeting is dated).

>>> import networkx as nx
>>> G = nx.MultiGraph()
>>> G.add_edge("a", "b", key="m1", kind="visit", date="2018-01-10")
'm1'
>>> G.add_edge("a", "b", key="m2", kind="phone_call", date="2018-03-01")
'm2'
>>> H = collapse(G)
>>> H["a"]["b"]["weight"], H["a"]["b"]["meetings"], H["a"]["b"]["first"], H["a"]["b"]["last"]
(2, 'm1 m2', '2018-01-10', '2018-03-01')
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx


def collapse(G: nx.MultiGraph) -> nx.Graph:
    """One weighted edge per pair of actors that met; node attributes are kept."""
    H = nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    pairs: dict[tuple[str, str], list[tuple[str, dict[str, object]]]] = defaultdict(list)
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else \
        ((u, v, d.get("meeting", f"{u}|{v}"), d) for u, v, d in G.edges(data=True))
    for u, v, k, d in edges:
        pair = (u, v) if str(u) <= str(v) else (v, u)
        pairs[pair].append((str(k), d))
    for (u, v), items in pairs.items():
        items.sort(key=lambda item: item[0])
        dates = sorted(str(d["date"]) for _, d in items if d.get("date"))
        attrs: dict[str, object] = {
            "weight": len(items),
            "meetings": " ".join(k for k, _ in items),
            "kinds": " ".join(sorted({str(d.get("kind", "meeting")) for _, d in items})),
        }
        if dates:
            attrs["first"], attrs["last"] = dates[0], dates[-1]
        H.add_edge(u, v, **attrs)
    return H


__all__ = ["collapse"]
