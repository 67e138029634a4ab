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

One SELECT reads everything, with ``GRAPH ?g`` so that what each article says is kept apart;
an update re-reads one article's graph with the same SELECT. A dated meeting reported by several articles is one node with several supporting
graphs: its edges go only when the last article that reports it is deleted. When articles
disagree on its status the strongest wins: occurred > cancelled > planned > proposed (a
meeting someone saw happen happened; a cancellation overrides a plan).
"""

from __future__ import annotations

import csv
import io
import logging
import tempfile
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations
from typing import Literal

import networkx as nx
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from kg import ids
from kg._types import IRI, ArticleId
from kg.namespaces import DKG, WD, sparql_prefixes
from kg.rdf.store import KnowledgeStore

logger = logging.getLogger(__name__)

GraphName = Literal["contacts", "events", "statements"]
GRAPH_NAMES: tuple[GraphName, ...] = ("contacts", "events", "statements")

SPOOL_BYTES = 64 * 1024 * 1024
"""Query results above this size are spooled to disk while the graphs are built."""

STATUS_PRECEDENCE: tuple[str, ...] = ("occurred", "cancelled", "planned", "proposed")
"""Earlier wins when articles disagree about one meeting's status."""

ACTOR_TYPES: tuple[str, ...] = ("Person", "Country", "Organization", "Location")

PROJECTION_QUERY = sparql_prefixes() + """
SELECT ?g ?s ?p ?o WHERE {
  GRAPH ?g {
    { VALUES ?p { dkg:participant dkg:kind dkg:date dkg:status dkg:locationName dkg:confidence
                  dkg:speaker dkg:addressee dkg:text dkg:direct rdfs:label owl:sameAs }
      ?s ?p ?o }
    UNION
    { VALUES ?o { dkg:Person dkg:Country dkg:Organization dkg:Location }
      ?s a ?o BIND(rdf:type AS ?p) }
  }
}"""
"""Every value the graphs need, one row per (graph, subject, property, value). A UNION of
plain patterns, not OPTIONALs: Oxigraph answers it several times faster, and subjects are
sorted into meetings (they have participants), statements (a speaker) and actors (a type)
afterwards."""

_P_PARTICIPANT, _P_KIND, _P_DATE, _P_STATUS, _P_LOCATION, _P_CONFIDENCE = (
    str(DKG.participant), str(DKG.kind), str(DKG.date), str(DKG.status), str(DKG.locationName),
    str(DKG.confidence))
_P_SPEAKER, _P_ADDRESSEE, _P_TEXT, _P_DIRECT = (
    str(DKG.speaker), str(DKG.addressee), str(DKG.text), str(DKG.direct))
_P_LABEL, _P_SAME, _P_TYPE = str(RDFS.label), str(OWL.sameAs), str(RDF.type)


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


def _local(iri: str) -> str:
    """``…ontology#occurred`` → ``"occurred"``."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
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

    def __init__(self, store: KnowledgeStore, *, timeout: float = 3600.0) -> None:
        self.store = store
        self.timeout = timeout
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
        """Read the whole store again (one SELECT) and build fresh graphs."""
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
        self._article_ids: dict[IRI, str] = {}
        # what is drawn now, so that it can be taken away again
        self._drawn_meetings: dict[IRI, list[IRI]] = {}
        self._drawn_statements: dict[IRI, list[tuple[IRI, IRI]]] = {}

    def _select(self, query: str, g: IRI | None) -> Iterator[list[str]]:
        """Rows as lists of plain strings, in the order of the SELECT.

        Results come through ``query_to`` as SPARQL CSV, which the store writes natively, so
        no rdflib term is made per value (that was most of the build time); they are spooled
        (on disk past 64 MB) and read as a stream. One article is selected with the protocol's
        ``named_graph_uris``, which binds ``GRAPH ?g`` to it. The query is the library's own,
        so it gets :attr:`timeout` rather than the limit meant for users' queries.
        """
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
            self.store.query_to(query, "text/csv", spool,
                                named_graph_uris=[g] if g is not None else None,
                                timeout=self.timeout)
            spool.seek(0)
            text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
            reader = csv.reader(text)
            next(reader, None)  # the header
            yield from reader
            text.detach()

    def _load(self, g: IRI | None) -> tuple[set[IRI], set[IRI], set[IRI]]:
        """Read facts (of one graph, or all) into the indexes; the items touched."""
        raw: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for gi, subject, prop, value in self._select(PROJECTION_QUERY, g):
            raw[(subject, gi)][prop].append(value)
        touched: tuple[set[IRI], set[IRI], set[IRI]] = (set(), set(), set())
        by_graph = self._by_graph
        wd = str(WD)
        for (subject, gi), props in raw.items():
            if _P_PARTICIPANT in props:
                facts = self._meetings.setdefault(subject, {})[gi] = _MeetingFacts(
                    participants=set(props[_P_PARTICIPANT]), kinds=set(props.get(_P_KIND, ())),
                    dates=set(props.get(_P_DATE, ())), locations=set(props.get(_P_LOCATION, ())),
                    statuses={_local(x) for x in props.get(_P_STATUS, ())})
                confidences = [c for c in map(_float, props.get(_P_CONFIDENCE, ())) if c is not None]
                facts.confidence = max(confidences, default=None)
                by_graph[gi][0].add(subject)
                touched[0].add(subject)
            elif _P_SPEAKER in props:
                direct = props.get(_P_DIRECT)
                self._statements.setdefault(subject, {})[gi] = _StatementFacts(
                    speakers=set(props[_P_SPEAKER]), addressees=set(props.get(_P_ADDRESSEE, ())),
                    texts=set(props.get(_P_TEXT, ())), dates=set(props.get(_P_DATE, ())),
                    direct=any(x.lower() in ("true", "1") for x in direct) if direct else None)
                by_graph[gi][1].add(subject)
                touched[1].add(subject)
            if _P_TYPE in props:
                self._actors.setdefault(subject, {})[gi] = _ActorFacts(
                    types={_local(x) for x in props[_P_TYPE]},
                    labels=set(props.get(_P_LABEL, ())),
                    wikidata={x[len(wd):] for x in props.get(_P_SAME, ()) if x.startswith(wd)})
                by_graph[gi][2].add(subject)
                touched[2].add(subject)
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
        found = self._article_ids.get(g)
        if found is None:
            found = self._article_ids[g] = ids.article_id_from_iri(self.store.base_iri, g) or g
        return found

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
            for name in f.labels:
                labels[name] += 1
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
    """Build the projection of ``store`` (one SELECT)."""
    return Projection(store)


def iter_meeting_edges(G: nx.MultiGraph) -> Iterator[tuple[IRI, IRI, IRI, dict[str, object]]]:
    """``(u, v, meeting, attrs)`` for every edge of a contact graph, in a stable order."""
    yield from sorted(G.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1]))


__all__ = [
    "ACTOR_TYPES",
    "GRAPH_NAMES",
    "PROJECTION_QUERY",
    "STATUS_PRECEDENCE",
    "GraphName",
    "Projection",
    "iter_meeting_edges",
    "project",
]
