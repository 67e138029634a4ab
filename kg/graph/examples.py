"""The tiny graphs the docstring examples use, built by hand so their answers are known.

::

    Ana ──m1 visit 2018-01-10, m2 phone_call 2018-03-05── Ben
     │
    m3 summit 2018-02-01 (planned)
     │
    Cy ──m4 talks 2018-04-01── Dee

Ben says something to Cy (s1, 2018-03-06).

>>> G = example_contacts()
>>> sorted(G.nodes), G.number_of_edges()
(['ana', 'ben', 'cy', 'dee'], 4)
"""

from __future__ import annotations

import networkx as nx

_ACTORS = {
    "ana": ("Ana Arden", "Person", "Q1"),
    "ben": ("Ben Brook", "Person", None),
    "cy": ("Cyland", "Country", "Q3"),
    "dee": ("Dee Union", "Organization", None),
}

_MEETINGS = [
    ("ana", "ben", "m1", "visit", "2018-01-10", "occurred"),
    ("ana", "ben", "m2", "phone_call", "2018-03-05", "occurred"),
    ("ana", "cy", "m3", "summit", "2018-02-01", "planned"),
    ("cy", "dee", "m4", "talks", "2018-04-01", "occurred"),
]


def _node_attrs(key: str) -> dict[str, object]:
    label, type_, wikidata = _ACTORS[key]
    attrs: dict[str, object] = {"label": label, "type": type_}
    if wikidata:
        attrs["wikidata"] = wikidata
    return attrs


def example_contacts() -> nx.MultiGraph:
    """The contact multigraph drawn in the module docstring."""
    G = nx.MultiGraph(projection="contacts")
    for key in _ACTORS:
        G.add_node(key, **_node_attrs(key))
    for a, b, m, kind, date, status in _MEETINGS:
        G.add_edge(a, b, key=m, meeting=m, kind=kind, date=date, status=status,
                   articles="art1")
    return G


def example_statements() -> nx.MultiDiGraph:
    """Ben → Cy, one statement."""
    G = nx.MultiDiGraph(projection="statements")
    for key in ("ben", "cy"):
        G.add_node(key, **_node_attrs(key))
    G.add_edge("ben", "cy", key="s1", statement="s1", text="We will talk.", date="2018-03-06",
               direct=True, articles="art2")
    return G


__all__ = ["example_contacts", "example_statements"]
