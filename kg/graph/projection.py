"""Project the RDF store into three NetworkX graphs, and keep them in step with writes.

- ``contacts``: ``nx.MultiGraph`` actor–actor, one edge per meeting and pair of participants,
  keyed by the meeting IRI; edge attributes ``meeting``, ``kind``, ``status``, ``date``,
  ``location``, ``confidence``, ``articles`` (space-separated article ids).
- ``events``: ``nx.Graph`` actor–meeting bipartite graph; actor nodes have ``bipartite=0``,
  meeting nodes ``bipartite=1``, ``type="Meeting"`` and the meeting attributes above.
- ``statements``: ``nx.MultiDiGraph`` speaker → addressed actor, keyed by the statement IRI;
  edge attributes ``statement``, ``text``, ``date``, ``direct``, ``articles``.

Actor nodes carry ``label``, ``type`` (Person, Country, Organization, Location) and
``wikidata`` (``"Q22686"``) when known. Every attribute value is a scalar (str, float, bool),
and absent values are left out rather than set to None, so GraphML and GEXF can hold them.
A node exists only while an edge needs it.

Three SELECTs read everything, each with ``GRAPH ?g`` so that what each article says is kept
apart. A dated meeting reported by several articles is one node with several supporting
graphs: its edges go only when the last article that reports it is deleted. When articles
disagree on its status the strongest wins: occurred > cancelled > planned > proposed (a
meeting someone saw happen happened; a cancellation overrides a plan).
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations
from typing import Literal

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.term import Identifier

from kg import ids
from kg._types import IRI, ArticleId
from kg.namespaces import WD, sparql_prefixes
from kg.rdf.store import KnowledgeStore, Row

logger = logging.getLogger(__name__)

GraphName = Literal["contacts", "events", "statements"]
GRAPH_NAMES: tuple[GraphName, ...] = ("contacts", "events", "statements")

STATUS_PRECEDENCE: tuple[str, ...] = ("occurred", "cancelled", "planned", "proposed")
"""Earlier wins when articles disagree about one meeting's status."""

ACTOR_TYPES: tuple[str, ...] = ("Person", "Country", "Organization", "Location")

MEETINGS_QUERY = sparql_prefixes() + """
SELECT ?g ?m ?p ?kind ?date ?status ?loc ?conf WHERE {
  GRAPH ?g {
    ?m dkg:participant ?p .
    OPTIONAL { ?m dkg:kind ?kind }
    OPTIONAL { ?m dkg:date ?date }
    OPTIONAL { ?m dkg:status ?status }
    OPTIONAL { ?m dkg:locationName ?loc }
    OPTIONAL { ?m dkg:confidence ?conf }
  }
}"""

STATEMENTS_QUERY = sparql_prefixes() + """
SELECT ?g ?s ?speaker ?addr ?text ?date ?direct WHERE {
  GRAPH ?g {
    ?s dkg:speaker ?speaker .
    OPTIONAL { ?s dkg:addressee ?addr }
    OPTIONAL { ?s dkg:text ?text }
    OPTIONAL { ?s dkg:date ?date }
    OPTIONAL { ?s dkg:direct ?direct }
  }
}"""

ACTORS_QUERY = sparql_prefixes() + """
SELECT ?g ?a ?type ?label ?same WHERE {
  GRAPH ?g {
    VALUES ?type { dkg:Person dkg:Country dkg:Organization dkg:Location }
    ?a a ?type .
    OPTIONAL { ?a rdfs:label ?label }
    OPTIONAL { ?a owl:sameAs ?same }
  }
}"""


# --- what one named graph says -------------------------------------------------------------

@dataclass(slots=True)
class _MeetingFacts:
    participants: set[IRI] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    statuses: set[str] = field(default_factory=set)
    locations: set[str] = field(default_factory=set)
    confidence: float | None = None


@dataclass(slots=True)
class _StatementFacts:
    speakers: set[IRI] = field(default_factory=set)
    addressees: set[IRI] = field(default_factory=set)
    texts: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    direct: bool | None = None


@dataclass(slots=True)
class _ActorFacts:
    types: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)
    wikidata: set[str] = field(default_factory=set)


def _local(term: Identifier | None) -> str | None:
    """``dkg:occurred`` → ``"occurred"``; a literal → its lexical form."""
    if term is None:
        return None
    text = str(term)
    if isinstance(term, URIRef):
        return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return text


def _float(term: Identifier | None) -> float | None:
    try:
        return float(str(term)) if term is not None else None
    except ValueError:
        return None


def _first(values: Iterable[str]) -> str | None:
    return min(values, default=None)


def _kind(per_graph: Iterable[set[str]]) -> str:
    """The kind most articles give; a specific kind beats the generic ``meeting`` on a tie
    (dated meeting IRIs are minted per kind family, so "talks" and "meeting" can meet)."""
    votes: dict[str, int] = defaultdict(int)
    for kinds in per_graph:
        for kind in kinds:
            votes[kind] += 1
    return min(votes, key=lambda k: (-votes[k], k == "meeting", k), default="meeting")


def _strongest(statuses: Iterable[str]) -> str:
    rank = {s: i for i, s in enumerate(STATUS_PRECEDENCE)}
    return min(statuses, key=lambda s: (rank.get(s, len(rank)), s), default="occurred")


# --- the holder ----------------------------------------------------------------------------

class Projection:
    """The three graphs of one store, rebuilt on start and updated per article.

    Call :meth:`update_article` after every ``put_article``/``delete_article`` done on the
    store directly (or write through :meth:`put_article`/:meth:`delete_article` here), and
    :meth:`sync` to rebuild when somebody else may have written. Writers are serialised with
    a lock; readers should not iterate a graph while a write is being applied.
    """

    def __init__(self, store: KnowledgeStore) -> None:
        self.store = store
        self._lock = threading.RLock()
        self.generation: int | None = None
        self.rebuild()

    # graphs -------------------------------------------------------------------------------
    def graph(self, name: GraphName = "contacts") -> nx.Graph:
        """One of the three graphs by name."""
        try:
            return {"contacts": self.contacts, "events": self.events,
                    "statements": self.statements}[name]
        except KeyError:
            raise ValueError(f"unknown graph {name!r}; expected one of {GRAPH_NAMES}") from None

    # whole rebuild --------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Read the whole store again (three SELECTs) and build fresh graphs."""
        with self._lock:
            generation = self.store.generation()
            self._reset()
            self._load(None)
            self._sync_all(set(self._meetings), set(self._statements), set(self._actors))
            self.generation = generation
            logger.info("projection built: %d actors, %d meeting edges, %d statement edges",
                        self.contacts.number_of_nodes(), self.contacts.number_of_edges(),
                        self.statements.number_of_edges())

    def sync(self) -> bool:
        """Rebuild if the store changed since the last build or update; True when it did."""
        with self._lock:
            if self.store.generation() == self.generation:
                return False
            self.rebuild()
            return True

    # incremental ----------------------------------------------------------------------------
    def update_article(self, article_id: ArticleId) -> None:
        """Re-read one article's named graph (after it was put or deleted) and patch the graphs."""
        g = ids.graph_iri(self.store.base_iri, article_id)
        with self._lock:
            meetings, statements, actors = self._forget(g)
            new_m, new_s, new_a = self._load(g)
            self._sync_all(meetings | new_m, statements | new_s, actors | new_a)
            self.generation = self.store.generation()

    def put_article(self, article_id: ArticleId, graph: Graph) -> None:
        """Write the article to the store and patch the graphs."""
        with self._lock:
            stale = self.store.generation() != self.generation
            self.store.put_article(article_id, graph)
            if stale:
                self.rebuild()
            else:
                self.update_article(article_id)

    def delete_article(self, article_id: ArticleId) -> bool:
        """Drop the article from the store and patch the graphs; False when it was not stored."""
        with self._lock:
            stale = self.store.generation() != self.generation
            deleted = self.store.delete_article(article_id)
            if stale:
                self.rebuild()
            elif deleted:
                self.update_article(article_id)
            return deleted

    # internals ------------------------------------------------------------------------------
    def _reset(self) -> None:
        self.contacts = nx.MultiGraph(projection="contacts")
        self.events = nx.Graph(projection="events")
        self.statements = nx.MultiDiGraph(projection="statements")
        # facts per item and supporting graph, and the reverse index graph → items
        self._meetings: dict[IRI, dict[IRI, _MeetingFacts]] = {}
        self._statements: dict[IRI, dict[IRI, _StatementFacts]] = {}
        self._actors: dict[IRI, dict[IRI, _ActorFacts]] = {}
        self._by_graph: dict[IRI, tuple[set[IRI], set[IRI], set[IRI]]] = defaultdict(
            lambda: (set(), set(), set()))
        # what is drawn now, so that it can be taken away again
        self._drawn_meetings: dict[IRI, list[IRI]] = {}
        self._drawn_statements: dict[IRI, list[tuple[IRI, IRI]]] = {}

    def _select(self, query: str, g: IRI | None) -> list[Row]:
        bindings = {"g": URIRef(g)} if g is not None else None
        return self.store.select(query, bindings)

    def _load(self, g: IRI | None) -> tuple[set[IRI], set[IRI], set[IRI]]:
        """Read facts (of one graph, or all) into the indexes; the items touched."""
        touched: tuple[set[IRI], set[IRI], set[IRI]] = (set(), set(), set())
        for row in self._select(MEETINGS_QUERY, g):
            gi, m = str(row["g"]), str(row["m"])
            facts = self._meetings.setdefault(m, {}).setdefault(gi, _MeetingFacts())
            facts.participants.add(str(row["p"]))
            for attr, var in (("kinds", "kind"), ("dates", "date"), ("locations", "loc")):
                if var in row:
                    getattr(facts, attr).add(str(row[var]))
            if "status" in row:
                facts.statuses.add(_local(row["status"]) or "occurred")
            conf = _float(row.get("conf"))
            if conf is not None:
                facts.confidence = max(conf, facts.confidence or 0.0)
            self._by_graph[gi][0].add(m)
            touched[0].add(m)
        for row in self._select(STATEMENTS_QUERY, g):
            gi, s = str(row["g"]), str(row["s"])
            sf = self._statements.setdefault(s, {}).setdefault(gi, _StatementFacts())
            sf.speakers.add(str(row["speaker"]))
            if "addr" in row:
                sf.addressees.add(str(row["addr"]))
            if "text" in row:
                sf.texts.add(str(row["text"]))
            if "date" in row:
                sf.dates.add(str(row["date"]))
            if "direct" in row:
                sf.direct = str(row["direct"]).lower() in ("true", "1")
            self._by_graph[gi][1].add(s)
            touched[1].add(s)
        for row in self._select(ACTORS_QUERY, g):
            gi, a = str(row["g"]), str(row["a"])
            af = self._actors.setdefault(a, {}).setdefault(gi, _ActorFacts())
            af.types.add(_local(row["type"]) or "Actor")
            if "label" in row:
                af.labels.add(str(row["label"]))
            same = str(row.get("same", ""))
            if same.startswith(str(WD)):
                af.wikidata.add(same[len(str(WD)):])
            self._by_graph[gi][2].add(a)
            touched[2].add(a)
        return touched

    def _forget(self, g: IRI) -> tuple[set[IRI], set[IRI], set[IRI]]:
        """Drop everything graph ``g`` said; the items it had touched."""
        meetings, statements, actors = self._by_graph.pop(g, (set(), set(), set()))
        for index, items in ((self._meetings, meetings), (self._statements, statements),
                             (self._actors, actors)):
            for item in items:
                support = index.get(item)
                if support is not None:
                    support.pop(g, None)
                    if not support:
                        del index[item]
        return meetings, statements, actors

    def _article(self, g: IRI) -> str:
        return ids.article_id_from_iri(self.store.base_iri, g) or g

    def _sync_all(self, meetings: set[IRI], statements: set[IRI], actors: set[IRI]) -> None:
        touched_actors = set(actors)
        for m in sorted(meetings):
            touched_actors.update(self._sync_meeting(m))
        for s in sorted(statements):
            touched_actors.update(self._sync_statement(s))
        for a in sorted(touched_actors):
            self._sync_actor(a)

    def _meeting_attrs(self, m: IRI) -> tuple[list[IRI], dict[str, object]]:
        support = self._meetings[m]
        participants = sorted(set().union(*(f.participants for f in support.values())))
        attrs: dict[str, object] = {
            "meeting": m,
            "kind": _kind(f.kinds for f in support.values()),
            "status": _strongest(set().union(*(f.statuses for f in support.values()))),
            "articles": " ".join(sorted(self._article(g) for g in support)),
        }
        date = _first(set().union(*(f.dates for f in support.values())))
        if date:
            attrs["date"] = date
        location = _first(set().union(*(f.locations for f in support.values())))
        if location:
            attrs["location"] = location
        confidences = [f.confidence for f in support.values() if f.confidence is not None]
        if confidences:
            attrs["confidence"] = max(confidences)
        return participants, attrs

    def _sync_meeting(self, m: IRI) -> set[IRI]:
        """Redraw one meeting's edges from its remaining support; the actors touched."""
        old = self._drawn_meetings.pop(m, [])
        for a, b in combinations(old, 2):
            if self.contacts.has_edge(a, b, key=m):
                self.contacts.remove_edge(a, b, key=m)
        if m in self.events:
            self.events.remove_node(m)
        touched = set(old)
        if m not in self._meetings:
            return touched
        participants, attrs = self._meeting_attrs(m)
        if len(participants) < 2:
            return touched
        for a, b in combinations(participants, 2):
            self.contacts.add_edge(a, b, key=m, **attrs)
        label = " ".join(str(attrs[k]) for k in ("kind", "date") if k in attrs)
        event_attrs = {k: v for k, v in attrs.items() if k != "meeting"}
        self.events.add_node(m, bipartite=1, type="Meeting", label=label, **event_attrs)
        self.events.add_edges_from((a, m) for a in participants)
        self._drawn_meetings[m] = participants
        return touched | set(participants)

    def _sync_statement(self, s: IRI) -> set[IRI]:
        old = self._drawn_statements.pop(s, [])
        for a, b in old:
            if self.statements.has_edge(a, b, key=s):
                self.statements.remove_edge(a, b, key=s)
        touched = {x for pair in old for x in pair}
        support = self._statements.get(s)
        if not support:
            return touched
        speakers = set().union(*(f.speakers for f in support.values()))
        addressees = set().union(*(f.addressees for f in support.values()))
        attrs: dict[str, object] = {
            "statement": s,
            "articles": " ".join(sorted(self._article(g) for g in support)),
        }
        text = _first(set().union(*(f.texts for f in support.values())))
        if text:
            attrs["text"] = text
        date = _first(set().union(*(f.dates for f in support.values())))
        if date:
            attrs["date"] = date
        direct = [f.direct for f in support.values() if f.direct is not None]
        if direct:
            attrs["direct"] = any(direct)
        pairs = [(a, b) for a in sorted(speakers) for b in sorted(addressees) if a != b]
        for a, b in pairs:
            self.statements.add_edge(a, b, key=s, **attrs)
        self._drawn_statements[s] = pairs
        return touched | {x for pair in pairs for x in pair}

    def _actor_attrs(self, a: IRI) -> dict[str, object]:
        support = self._actors.get(a, {})
        labels: dict[str, int] = defaultdict(int)
        for f in support.values():
            for label in f.labels:
                labels[label] += 1
        # the label most graphs agree on; ties go to the longer (fuller) name
        label = min(labels, key=lambda x: (-labels[x], -len(x), x)) if labels else None
        types = set().union(*(f.types for f in support.values())) if support else set()
        type_ = next((t for t in ACTOR_TYPES if t in types), "Actor")
        attrs: dict[str, object] = {"label": label or _fallback_label(a), "type": type_}
        wikidata = _first(set().union(*(f.wikidata for f in support.values()))) if support \
            else None
        key = a.rsplit("/", 1)[-1]
        if wikidata is None and key[:1] == "Q" and key[1:].isdigit():
            wikidata = key  # actor keys are Wikidata ids when the gazetteer knows them
        if wikidata:
            attrs["wikidata"] = wikidata
        return attrs

    def _sync_actor(self, a: IRI) -> None:
        attrs = self._actor_attrs(a)
        for G, extra in ((self.contacts, {}), (self.events, {"bipartite": 0}),
                         (self.statements, {})):
            if a not in G:
                continue
            if G.degree(a) == 0:
                G.remove_node(a)
            else:
                G.nodes[a].clear()
                G.nodes[a].update(attrs, **extra)

    def stats(self) -> dict[str, int]:
        """Sizes of the graphs, for logs and ``kg stats``."""
        return {
            "actors": self.contacts.number_of_nodes(),
            "meetings": len(self._drawn_meetings),
            "contact_edges": self.contacts.number_of_edges(),
            "statement_edges": self.statements.number_of_edges(),
        }


def _fallback_label(iri: IRI) -> str:
    from urllib.parse import unquote
    return unquote(iri.rsplit("/", 1)[-1]).replace("-", " ")


def project(store: KnowledgeStore) -> Projection:
    """Build the projection of ``store`` (three SELECTs)."""
    return Projection(store)


def iter_meeting_edges(G: nx.MultiGraph) -> Iterator[tuple[IRI, IRI, IRI, dict[str, object]]]:
    """``(u, v, meeting, attrs)`` for every edge of a contact graph, in a stable order."""
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1])):
        yield u, v, k, d


__all__ = [
    "ACTORS_QUERY",
    "ACTOR_TYPES",
    "GRAPH_NAMES",
    "MEETINGS_QUERY",
    "STATEMENTS_QUERY",
    "STATUS_PRECEDENCE",
    "GraphName",
    "Projection",
    "iter_meeting_edges",
    "project",
]
