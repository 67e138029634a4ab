"""Questions the CLI and the HTTP API ask the store: find an actor, who met whom, what was said.

Every question is a parameterised SPARQL query: values that come from users travel as
``bindings`` (rdflib terms substituted by the store), never as query text. Lists of IRIs that
came *from the store* (a page of meetings to fill in) are written as a ``VALUES`` block after
checking that each is a well-formed IRI.

Bound variables are always projected (``SELECT *`` or named in the SELECT/GROUP BY), because
pyoxigraph substitutes only projected variables.

Names are matched accent- and case-insensitively through a :class:`NameIndex`: every actor's
labels and aliases, folded to a key in Python, built by one query and cached per store until
the store's :meth:`~kg.rdf.store.KnowledgeStore.generation` changes. On the 1M-triple bench
graph the index holds ~100k names; an exact lookup is a dict hit and a substring scan a few ms.

Rows are read as plain strings (:func:`_rows`: ``select_text`` on the embedded store) and
records are assembled with ``model_construct``: every constrained field is checked here while
assembling (kind, status, dates, confidence range, CAMEO code, two participants), so pydantic
validating them again only cost time (most of ``/met`` on a busy actor).

Facts that several articles report are one node with per-article values (status, evidence,
confidence) in each article's named graph; a record's ``sources`` lists them, one per graph.
The record's own ``status`` and ``evidence`` are those of the most recent report (ties: the
most confident), its ``confidence`` the highest of any report. A ``status`` filter keeps a fact
when at least one report gives that status.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
import weakref
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal as TypingLiteral
from urllib.parse import unquote

from pydantic import BaseModel, ConfigDict
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS
from rdflib.term import Identifier

from kg._types import IRI
from kg.errors import QueryError
from kg.extract.records import (
    ENTITY_TYPES,
    KINDS,
    STATUSES,
    Entity,
    EntityType,
    Meeting,
    Role,
    Source,
    Statement,
)
from kg.ids import article_id_from_iri
from kg.namespaces import DKG, DKG_NS
from kg.rdf.store import KnowledgeStore
from kg.rdf.terms import values_clause

logger = logging.getLogger(__name__)

PREFIXES = (
    f"PREFIX dkg: <{DKG_NS}>\n"
    f"PREFIX rdfs: <{RDFS}>\n"
    f"PREFIX rdf: <{RDF}>\n"
    f"PREFIX owl: <{OWL}>\n"
    f"PREFIX dcterms: <{DCTERMS}>\n"
)
RANK_CACHE = 4096
"""How many ranked name lookups a :class:`NameIndex` remembers."""
_TYPE_ORDER: tuple[EntityType, ...] = ("Person", "Country", "Organization", "Location")
_DATE_ARG = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_RECORD_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20]')


# ---------------------------------------------------------------- result models

class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ActorRef(_Model):
    """An actor in a result: its IRI, label and type."""

    id: IRI
    label: str
    type: EntityType | None = None


class MetEntry(_Model):
    """One counterpart of ``met``: who, and the meetings (most recent first)."""

    counterpart: IRI
    counterpart_label: str
    counterpart_type: EntityType | None = None
    meetings: list[Meeting]


class Relationships(_Model):
    """The meetings and statements that link two actors."""

    source: ActorRef
    target: ActorRef
    meetings: list[Meeting]
    statements: list[Statement]


class TimelineItem(_Model):
    """One dated fact in an actor's timeline: a meeting or a statement."""

    date: str | None
    type: TypingLiteral["meeting", "statement"]
    meeting: Meeting | None = None
    statement: Statement | None = None


# ---------------------------------------------------------------- names

def name_key(text: str) -> str:
    """Fold a name for matching: accents dropped, case folded, punctuation as single spaces.

    >>> name_key("  Moon Jae-in ") == name_key("MOON JAE IN") == "moon jae in"
    True
    >>> name_key("Zoë Ça")
    'zoe ca'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", stripped.casefold()).split())


@dataclass
class _Actor:
    iri: IRI
    type: EntityType | None = None
    labels: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0  # meetings taken part in: ranks equally good name matches

    @cached_property
    def label(self) -> str:
        """The most frequent label (ties: the longest), else the longest alias, else the IRI's
        tail. Remembered on first use: read it only once the names are all in (an index never
        changes after it is built)."""
        if self.labels:
            return min(self.labels.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0]
        if self.aliases:
            return max(self.aliases, key=lambda a: (len(a), a))
        return _tail(self.iri)


@dataclass
class NameIndex:
    """Every actor's names folded to keys: exact dict lookups, linear prefix/substring scans.

    The index never changes once built (a write makes a new one), so ranked answers are
    remembered per folded text (up to :data:`RANK_CACHE` of them).
    """

    actors: dict[IRI, _Actor]
    by_key: dict[str, list[tuple[IRI, bool]]]  # key -> (actor, is_label)
    _ranked: dict[str, list[IRI]] = field(default_factory=dict, repr=False)

    def ref(self, iri: IRI) -> ActorRef:
        actor = self.actors.get(iri)
        if actor is None:
            return ActorRef(id=iri, label=_tail(iri))
        return ActorRef(id=iri, label=actor.label, type=actor.type)

    def activity(self, iri: IRI) -> int:
        """How many meetings the actor took part in (0 when unknown)."""
        actor = self.actors.get(iri)
        return actor.mentions if actor is not None else 0

    def rank(self, text: str) -> list[IRI]:
        """Actors whose label or alias matches ``text``: exact label, exact alias, prefix, substring."""
        key = name_key(text)
        if not key:
            return []
        cached = self._ranked.get(key)
        if cached is not None:
            return list(cached)
        ranked = self._rank(key)
        if len(self._ranked) >= RANK_CACHE:
            self._ranked.clear()
        self._ranked[key] = ranked
        return list(ranked)

    def _rank(self, key: str) -> list[IRI]:
        best: dict[IRI, int] = {}

        def offer(iri: IRI, score: int) -> None:
            if score < best.get(iri, 99):
                best[iri] = score

        for iri, is_label in self.by_key.get(key, ()):
            offer(iri, 0 if is_label else 1)
        padded = f" {key}"
        for name, owners in self.by_key.items():
            if name == key or key not in name:
                continue
            if name.startswith(key):
                score = 2
            elif f" {name}".find(padded) >= 0:
                score = 4  # starts a later word: "trump" in "donald trump"
            else:
                score = 6
            for iri, is_label in owners:
                offer(iri, score + (0 if is_label else 1))
        return sorted(best, key=lambda iri: (best[iri], -self.actors[iri].mentions, self.actors[iri].label, iri))


_NAMES_QUERY = PREFIXES + """
SELECT DISTINCT ?a ?p ?name WHERE {
  VALUES ?p { rdfs:label dkg:alias }
  ?a ?p ?name .
}
"""
_TYPES_QUERY = PREFIXES + """
SELECT DISTINCT ?a ?type WHERE {
  VALUES ?type { dkg:Person dkg:Country dkg:Organization dkg:Location }
  ?a a ?type .
}
"""
_ACTIVITY_QUERY = PREFIXES + """
SELECT ?a (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m dkg:participant ?a } GROUP BY ?a
"""
# DISTINCT matters: every article graph repeats the labels of the actors it mentions, so the
# union holds each (actor, name) pair once per article (9x more rows on the bench graph).

_CACHE: weakref.WeakKeyDictionary[KnowledgeStore, tuple[int, NameIndex]] = weakref.WeakKeyDictionary()
_CACHE_LOCK = threading.Lock()


def cached_index(store: KnowledgeStore) -> NameIndex | None:
    """The store's name index if it is built and current, else None (never builds it)."""
    with _CACHE_LOCK:
        cached = _CACHE.get(store)
    if cached is not None and cached[0] == store.generation():
        return cached[1]
    return None


def name_index(store: KnowledgeStore) -> NameIndex:
    """The store's :class:`NameIndex`, rebuilt when the store's generation has changed."""
    generation = store.generation()
    with _CACHE_LOCK:
        cached = _CACHE.get(store)
    if cached is not None and cached[0] == generation:
        return cached[1]
    index = _build_index(store)
    with _CACHE_LOCK:
        _CACHE[store] = (generation, index)
    return index


def _build_index(store: KnowledgeStore) -> NameIndex:
    actors: dict[IRI, _Actor] = {}
    for row in _rows(store, _TYPES_QUERY):
        iri = str(row["a"])
        type_ = _local(str(row["type"]))
        actor = actors.setdefault(iri, _Actor(iri))
        if type_ in ENTITY_TYPES and (
            actor.type is None or _TYPE_ORDER.index(type_) < _TYPE_ORDER.index(actor.type)  # type: ignore[arg-type]
        ):
            actor.type = type_  # type: ignore[assignment]
    by_key: dict[str, list[tuple[IRI, bool]]] = defaultdict(list)
    for row in _rows(store, _NAMES_QUERY):
        iri = str(row["a"])
        actor = actors.get(iri)
        if actor is None:  # a label on something that is not an actor (article, role…)
            continue
        name = str(row["name"])
        is_label = str(row["p"]) == str(RDFS.label)
        if is_label:
            actor.labels[name] += 1
        else:
            actor.aliases.add(name)
        key = name_key(name)
        if key and (iri, is_label) not in by_key[key]:
            by_key[key].append((iri, is_label))
    for row in _rows(store, _ACTIVITY_QUERY):
        actor = actors.get(str(row["a"]))
        if actor is not None:
            actor.mentions = int(str(row["n"]))
    logger.debug("name index: %d actors, %d names", len(actors), len(by_key))
    return NameIndex(actors, dict(by_key))


def resolve_actor(store: KnowledgeStore, name_or_iri: str) -> list[IRI]:
    """Candidate actor IRIs for a name, key or IRI, best first (empty when nothing matches).

    An http(s) IRI passes through as it is; a key such as ``Q22686`` or ``person/catherine-dill``
    is tried as ``{base}id/actor/{key}`` first; names match labels before aliases, whole names
    before prefixes before substrings, and better-known actors first.
    """
    text = name_or_iri.strip()
    if not text:
        return []
    if text.startswith(("http://", "https://")):
        return [text] if _valid_iri(text) else []
    index = name_index(store)
    ranked = index.rank(text)
    key_iri = f"{store.base_iri}id/actor/{text}"
    if key_iri in index.actors:
        ranked = [key_iri] + [iri for iri in ranked if iri != key_iri]
    return ranked


# ---------------------------------------------------------------- entities

def search_entities(
    store: KnowledgeStore,
    q: str | None = None,
    type: EntityType | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Entity], int]:
    """A page of actors matching ``q`` (all when None) and ``type``, and how many match in all."""
    index = name_index(store)
    if q and q.strip():
        iris = index.rank(q)
    else:
        iris = sorted(index.actors, key=lambda i: (index.actors[i].label.casefold(), i))
    if type is not None:
        iris = [i for i in iris if index.actors[i].type == type]
    iris = [i for i in iris if index.actors[i].type is not None]
    page = iris[offset:offset + limit]
    found = _entities(store, page)
    return [found[i] for i in page if i in found], len(iris)


def entity(store: KnowledgeStore, iri: IRI) -> Entity | None:
    """The actor ``iri`` with its label, type, aliases, sameAs links and roles; None if unknown."""
    if not _valid_iri(iri):
        return None
    return _entities(store, [iri]).get(iri)


_ENTITY_QUERY = PREFIXES + """
SELECT ?a ?p ?o WHERE {
  VALUES ?p { rdf:type rdfs:label dkg:alias owl:sameAs }
  %s
  ?a ?p ?o .
}
"""
_ROLES_QUERY = PREFIXES + """
SELECT ?a ?r ?title ?of ?start ?end WHERE {
  %s
  ?a dkg:hasRole ?r .
  OPTIONAL { ?r dkg:roleTitle ?title }
  OPTIONAL { ?r dkg:roleOf ?of }
  OPTIONAL { ?r dkg:roleStart ?start }
  OPTIONAL { ?r dkg:roleEnd ?end }
}
"""


def _entities(store: KnowledgeStore, iris: Sequence[IRI]) -> dict[IRI, Entity]:
    if not iris:
        return {}
    values = _values("a", iris)
    labels: dict[IRI, Counter[str]] = defaultdict(Counter)
    aliases: dict[IRI, set[str]] = defaultdict(set)
    same_as: dict[IRI, set[str]] = defaultdict(set)
    types: dict[IRI, set[str]] = defaultdict(set)
    for row in store.select(_ENTITY_QUERY % values):
        iri, p, o = str(row["a"]), str(row["p"]), str(row["o"])
        if p == str(RDF.type):
            types[iri].add(_local(o))
        elif p == str(RDFS.label):
            labels[iri][o] += 1
        elif p == str(DKG.alias):
            aliases[iri].add(o)
        else:
            same_as[iri].add(o)
    roles: dict[IRI, dict[str, Role]] = defaultdict(dict)
    for row in store.select(_ROLES_QUERY % values):
        title = row.get("title")
        if title is None:
            continue
        role = Role(
            title=str(title),
            of=str(row["of"]) if "of" in row else None,
            start=_record_date(row.get("start")),
            end=_record_date(row.get("end")),
        )
        roles[str(row["a"])][str(row["r"])] = role
    out: dict[IRI, Entity] = {}
    for iri in iris:
        type_ = next((t for t in _TYPE_ORDER if t in types.get(iri, ())), None)
        if type_ is None:
            continue
        label = _Actor(iri, labels=labels[iri], aliases=aliases[iri]).label
        out[iri] = Entity(
            id=iri,
            label=label,
            type=type_,
            aliases=sorted(a for a in aliases[iri] if a != label),
            roles=sorted(roles[iri].values(), key=lambda r: (r.start or "", r.title, r.of or "")),
            same_as=sorted(same_as[iri]),
        )
    return out


# ---------------------------------------------------------------- meetings

_FACT_FILTER = (
    "FILTER(?p IN (dkg:participant, dkg:kind, dkg:date, dkg:status, dkg:evidence, dkg:confidence, "
    "dkg:locationName, dkg:cameoCode, dkg:reportedIn, dkg:speaker, dkg:addressee, dkg:text, dkg:direct))"
)
# Only the properties a record needs: a third fewer rows than ``?m ?p ?o`` (the class triples
# go), which is a third less time in the store and in term conversion. ``VALUES ?p`` instead of
# the FILTER made pyoxigraph pick a plan 100x slower.

_MEETINGS_OF_ACTOR = PREFIXES + """
SELECT ?actor ?m ?g ?p ?o WHERE {
  ?m dkg:participant ?actor .
  GRAPH ?g { ?m ?p ?o $FILTER }
}
""".replace("$FILTER", _FACT_FILTER)
_MEETINGS_BETWEEN = PREFIXES + """
SELECT ?a ?b ?m ?g ?p ?o WHERE {
  ?m dkg:participant ?a .
  ?m dkg:participant ?b .
  GRAPH ?g { ?m ?p ?o $FILTER }
}
""".replace("$FILTER", _FACT_FILTER)
_FACT_KEYS = ("participant", "kind", "date", "status", "evidence", "confidence", "locationName",
              "cameoCode", "reportedIn")
_FACT_KEY = "".join(f'IF(?prop = dkg:{k}, "{k}", ' for k in _FACT_KEYS) + "STR(?prop)" + ")" * len(_FACT_KEYS)
# The property's local name computed in the query: comparing IRIs is free inside the store,
# while every projected IRI is looked up in its string table (~10% of /met on a busy actor).
_FACTS_OF_ACTOR_MEETINGS = PREFIXES + """
SELECT ?m ?g ?o ($KEY AS ?p) WHERE {
  $ACTOR
  ?m dkg:participant ?actor .
  GRAPH ?g { ?m ?prop ?o $FILTER }
}
""".replace("$FILTER", _FACT_FILTER.replace("?p ", "?prop ")).replace("$KEY", _FACT_KEY)
_FACTS_BY_IRI = PREFIXES + """
SELECT ?m ?g ?p ?o WHERE {
  %s
  GRAPH ?g { ?m ?p ?o $FILTER }
}
""".replace("$FILTER", _FACT_FILTER)
_ARTICLES_ISSUED = PREFIXES + """
SELECT ?article ?issued WHERE {
  %s
  ?article dcterms:issued ?issued .
}
"""


def met(
    store: KnowledgeStore,
    actor_iri: IRI,
    since: str | None = None,
    until: str | None = None,
    status: str | None = None,
    kind: str | None = None,
) -> list[MetEntry]:
    """Who ``actor_iri`` met, each counterpart with its meetings; busiest counterpart first.

    ``since``/``until`` are ISO dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, inclusive; a
    meeting dated only by month counts when the month overlaps); undated meetings are left out
    when either is given. ``status`` and ``kind`` use the contract's words.
    """
    _check_filters(since, until, status, kind)
    if not _valid_iri(actor_iri):
        return []
    # the actor bound by a VALUES block (written by the safe term writer), not projected:
    # every projected column is looked up per row, and a busy actor's query has thousands
    bound = values_clause({"actor": URIRef(actor_iri)})
    rows = _rows(store, _FACTS_OF_ACTOR_MEETINGS.replace("$ACTOR", bound))
    meetings = _assemble_meetings(store, rows, "m")
    meetings = [m for m in meetings if _keep(m.date, _statuses(m), m.kind, since, until, status, kind)]
    index = name_index(store)
    grouped: dict[IRI, list[Meeting]] = defaultdict(list)
    for m in meetings:
        for p in m.participants:
            if p != actor_iri:
                grouped[p].append(m)
    entries = []
    for iri, ms in grouped.items():
        actor = index.actors.get(iri)
        entries.append(MetEntry.model_construct(
            counterpart=iri, counterpart_label=actor.label if actor else _tail(iri),
            counterpart_type=actor.type if actor else None, meetings=_by_date(ms)))
    entries.sort(key=lambda e: (-len(e.meetings), e.counterpart_label.casefold(), e.counterpart))
    return entries


def meetings(
    store: KnowledgeStore,
    filters: Mapping[str, str | None] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Meeting], int]:
    """A page of meetings (most recent first) and how many match in all.

    ``filters`` may hold ``actor`` (IRI), ``kind``, ``status``, ``since`` and ``until``.
    """
    f = {k: v for k, v in (filters or {}).items() if v}
    unknown = set(f) - {"actor", "kind", "status", "since", "until"}
    if unknown:
        raise QueryError(f"unknown meeting filter(s): {', '.join(sorted(unknown))}")
    _check_filters(f.get("since"), f.get("until"), f.get("status"), f.get("kind"))
    patterns = ["?m a dkg:Meeting ."]
    bindings: dict[str, Identifier] = {}
    if "actor" in f:
        if not _valid_iri(f["actor"]):
            return [], 0
        patterns.append("?m dkg:participant ?actor .")
        bindings["actor"] = URIRef(f["actor"])
    if "kind" in f:
        patterns.append("?m dkg:kind ?kind .")
        bindings["kind"] = Literal(f["kind"])
    if "status" in f:
        patterns.append("?m dkg:status ?status .")
        bindings["status"] = URIRef(str(DKG[f["status"]]))
    date_pattern = "OPTIONAL { ?m dkg:date ?d }"
    if "since" in f or "until" in f:
        date_pattern = "?m dkg:date ?d ."
        if "since" in f:
            date_pattern += ' FILTER(CONCAT(STR(?d), "~") >= ?since)'
            bindings["since"] = Literal(f["since"])
        if "until" in f:
            date_pattern += " FILTER(STR(?d) <= ?until)"
            bindings["until"] = Literal(f["until"] + "~")
    patterns.append(date_pattern)
    iris, total = _page(store, "m", patterns, bindings, limit, offset)
    by_iri = {m.id: m for m in _meetings_by_iri(store, iris)}
    return [by_iri[i] for i in iris if i in by_iri], total


def relationships(store: KnowledgeStore, a: IRI, b: IRI) -> Relationships:
    """The meetings both ``a`` and ``b`` took part in and the statements one addressed to the other."""
    index = name_index(store)
    ms: list[Meeting] = []
    ss: list[Statement] = []
    if _valid_iri(a) and _valid_iri(b):
        rows = _rows(store, _MEETINGS_BETWEEN, {"a": URIRef(a), "b": URIRef(b)})
        ms = _by_date(_assemble_meetings(store, rows, "m")) if a != b else []
        rows = _rows(store, _STATEMENTS_BETWEEN, {"a": URIRef(a), "b": URIRef(b)})
        ss = _by_date(_assemble_statements(store, rows, "s"))
    return Relationships(source=index.ref(a), target=index.ref(b), meetings=ms, statements=ss)


def timeline(store: KnowledgeStore, actor: IRI) -> list[TimelineItem]:
    """Every meeting and statement of ``actor`` (as speaker or addressee), oldest first, undated last."""
    if not _valid_iri(actor):
        return []
    bound = {"actor": URIRef(actor)}
    items = [TimelineItem(date=m.date, type="meeting", meeting=m)
             for m in _assemble_meetings(store, _rows(store, _MEETINGS_OF_ACTOR, bound), "m")]
    items += [TimelineItem(date=s.date, type="statement", statement=s)
              for s in _assemble_statements(store, _rows(store, _STATEMENTS_OF_ACTOR, bound), "s")]
    items.sort(key=lambda t: (t.date is None, t.date or "", t.type,
                              (t.meeting or t.statement).id))  # type: ignore[union-attr]
    return items


def _page(store: KnowledgeStore, var: str, patterns: list[str], bindings: dict[str, Identifier],
          limit: int, offset: int) -> tuple[list[IRI], int]:
    """One page of the ``?var`` nodes matching ``patterns`` (most recent ``?d`` first, then by
    IRI) and how many match in all. Bound variables are projected so that pyoxigraph can
    substitute them."""
    bound = " ".join(f"?{name}" for name in bindings)
    where = "\n  ".join(patterns)
    total_rows = store.select(
        PREFIXES + f"SELECT {bound} (COUNT(DISTINCT ?{var}) AS ?total) WHERE {{\n  {where}\n}}"
        + (f" GROUP BY {bound}" if bound else ""),
        bindings,
    )
    total = int(str(total_rows[0]["total"])) if total_rows else 0
    page_rows = store.select(
        PREFIXES + f"SELECT ?{var} {bound} (MAX(STR(?d)) AS ?date) WHERE {{\n  {where}\n}} "
        f"GROUP BY ?{var} {bound} ORDER BY DESC(?date) ?{var} LIMIT {int(limit)} OFFSET {int(offset)}",
        bindings,
    )
    return [str(r[var]) for r in page_rows], total


def _meetings_by_iri(store: KnowledgeStore, iris: Sequence[IRI]) -> list[Meeting]:
    if not iris:
        return []
    return _assemble_meetings(store, _rows(store, _FACTS_BY_IRI % _values("m", iris)), "m")


# ---------------------------------------------------------------- statements

_STATEMENTS_OF_ACTOR = PREFIXES + """
SELECT ?actor ?s ?g ?p ?o WHERE {
  { ?s dkg:speaker ?actor } UNION { ?s dkg:addressee ?actor }
  GRAPH ?g { ?s ?p ?o $FILTER }
}
""".replace("$FILTER", _FACT_FILTER)
_STATEMENTS_BETWEEN = PREFIXES + """
SELECT ?a ?b ?s ?g ?p ?o WHERE {
  { ?s dkg:speaker ?a ; dkg:addressee ?b } UNION { ?s dkg:speaker ?b ; dkg:addressee ?a }
  GRAPH ?g { ?s ?p ?o $FILTER }
}
""".replace("$FILTER", _FACT_FILTER)


def statements(
    store: KnowledgeStore,
    speaker: IRI | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Statement], int]:
    """A page of statements (most recent first), by ``speaker`` and/or containing ``q``
    (case-insensitive), and how many match in all."""
    patterns = ["?s a dkg:Statement ."]
    bindings: dict[str, Identifier] = {}
    if speaker:
        if not _valid_iri(speaker):
            return [], 0
        patterns.append("?s dkg:speaker ?speaker .")
        bindings["speaker"] = URIRef(speaker)
    if q and q.strip():
        patterns.append("?s dkg:text ?text . FILTER(CONTAINS(LCASE(STR(?text)), ?needle))")
        bindings["needle"] = Literal(q.strip().lower())
    patterns.append("OPTIONAL { ?s dkg:date ?d }")
    iris, total = _page(store, "s", patterns, bindings, limit, offset)
    if not iris:
        return [], total
    found = {s.id: s for s in _assemble_statements(
        store, _rows(store, _FACTS_BY_IRI % _values("m", iris)), "m")}
    return [found[i] for i in iris if i in found], total


# ---------------------------------------------------------------- assembling records

@dataclass
class _Fact:
    values: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    per_graph: dict[str, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))


def _collect(rows: Iterable[Mapping[str, str]], var: str) -> dict[IRI, _Fact]:
    facts: dict[IRI, _Fact] = {}
    local: dict[str, str] = {}
    for row in rows:
        fact = facts.setdefault(row[var], _Fact())
        p, o, g = row["p"], row["o"], row["g"]
        p = local.get(p) or local.setdefault(p, _local(p))
        if o not in fact.values[p]:
            fact.values[p].append(o)
        if o not in fact.per_graph[g][p]:
            fact.per_graph[g][p].append(o)
    return facts


def _graph_articles(store: KnowledgeStore, facts: Iterable[_Fact]) -> dict[str, tuple[str, str | None]]:
    """graph IRI → (article id, published date), from each graph's ``dkg:reportedIn`` article.

    One lookup of ``dcterms:issued`` by article IRI: asking per named graph instead
    (``GRAPH ?g { ?article a dkg:Article … }`` with ``VALUES ?g``) was 10x slower on pyoxigraph.
    """
    article_of: dict[str, str] = {}
    for fact in facts:
        for g, values in fact.per_graph.items():
            if values.get("reportedIn"):
                article_of.setdefault(g, values["reportedIn"][0])
            else:
                article_of.setdefault(g, "")
    issued: dict[str, str | None] = {}
    articles = sorted({a for a in article_of.values() if _valid_iri(a)})
    if articles:
        for row in _rows(store, _ARTICLES_ISSUED % _values("article", articles)):
            issued[str(row["article"])] = _record_date(row.get("issued"))
    out: dict[str, tuple[str, str | None]] = {}
    for g, article in article_of.items():
        article_id = (article_id_from_iri(store.base_iri, article) if article else None) \
            or article_id_from_iri(store.base_iri, g) or _tail(article or g)
        out[g] = (article_id, issued.get(article))
    return out


def _sources(fact: _Fact, articles: Mapping[str, tuple[str, str | None]], status_prop: str | None) -> list[Source]:
    sources = []
    for g, values in fact.per_graph.items():
        evidence = values.get("evidence")
        if not evidence:
            continue
        article_id, published = articles.get(g, (_tail(g), None))
        status = _local(values["status"][0]) if status_prop and values.get("status") else None
        sources.append(Source.model_construct(
            article=article_id,
            evidence=evidence[0],
            confidence=_confidence(values.get("confidence")),
            status=status if status in STATUSES else None,  # type: ignore[arg-type]
            published=published,
        ))
    sources.sort(key=lambda s: (s.published or "", s.article))
    return sources


def _primary(sources: list[Source]) -> Source | None:
    if not sources:
        return None
    return max(sources, key=lambda s: (s.published or "", s.confidence, s.article))


def _assemble_meetings(store: KnowledgeStore, rows: Iterable[Mapping[str, str]], var: str) -> list[Meeting]:
    facts = _collect(rows, var)
    articles = _graph_articles(store, facts.values())
    out = []
    for iri, fact in facts.items():
        v = fact.values
        participants = sorted(set(v.get("participant", [])))
        if len(participants) < 2:
            logger.debug("skipping meeting %s: fewer than two participants", iri)
            continue
        sources = _sources(fact, articles, "status")
        primary = _primary(sources)
        kind = next((k for k in v.get("kind", []) if k in KINDS), None) or _kind_from_types(v.get("type", []))
        status = primary.status if primary and primary.status else next(
            (s for s in map(_local, v.get("status", [])) if s in STATUSES), "occurred")
        cameo = next((c for c in v.get("cameoCode", []) if re.fullmatch(r"\d{2,4}", c)), None)
        out.append(Meeting.model_construct(
            id=iri,
            kind=kind,  # type: ignore[arg-type]
            participants=participants,
            date=_best_date(v.get("date", [])),
            location=(v.get("locationName") or [None])[0],
            status=status,  # type: ignore[arg-type]
            evidence=primary.evidence if primary else (v.get("evidence") or [""])[0],
            confidence=max((s.confidence for s in sources), default=_confidence(v.get("confidence"))),
            cameo=cameo,
            sources=sources,
        ))
    return out


def _assemble_statements(store: KnowledgeStore, rows: Iterable[Mapping[str, str]], var: str) -> list[Statement]:
    facts = _collect(rows, var)
    articles = _graph_articles(store, facts.values())
    out = []
    for iri, fact in facts.items():
        v = fact.values
        text = (v.get("text") or [""])[0]
        if not text:
            continue
        sources = _sources(fact, articles, None)
        primary = _primary(sources)
        cameo = next((c for c in v.get("cameoCode", []) if re.fullmatch(r"\d{2,4}", c)), None)
        out.append(Statement(
            id=iri,
            speaker=(v.get("speaker") or [None])[0],
            addressee=(v.get("addressee") or [None])[0],
            date=_best_date(v.get("date", [])),
            text=text,
            direct=(v.get("direct") or ["false"])[0].lower() in ("true", "1"),
            evidence=primary.evidence if primary else (v.get("evidence") or [""])[0],
            confidence=max((s.confidence for s in sources), default=_confidence(v.get("confidence"))),
            cameo=cameo,
            sources=sources,
        ))
    return out


# ---------------------------------------------------------------- small helpers

def _rows(store: KnowledgeStore, query: str, bindings: Mapping[str, Identifier] | None = None,
          ) -> list[dict[str, str]]:
    """A SELECT's solutions as plain strings: the store's ``select_text`` when it has one (the
    embedded store: no rdflib term per cell), else ``select`` with each term as ``str``."""
    select_text = getattr(store, "select_text", None)
    if select_text is not None:
        rows: list[dict[str, str]] = select_text(query, bindings)
        return rows
    return [{name: str(term) for name, term in row.items()} for row in store.select(query, bindings)]


def _check_filters(since: str | None, until: str | None, status: str | None, kind: str | None) -> None:
    for name, value in (("since", since), ("until", until)):
        if value is not None and not _DATE_ARG.match(value):
            raise QueryError(f"{name}={value!r}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
    if status is not None and status not in STATUSES:
        raise QueryError(f"status={status!r}: expected one of {', '.join(STATUSES)}")
    if kind is not None and kind not in KINDS:
        raise QueryError(f"kind={kind!r}: expected one of {', '.join(KINDS)}")


def _keep(date: str | None, statuses: set[str], kind: str, since: str | None, until: str | None,
          status: str | None, want_kind: str | None) -> bool:
    if want_kind is not None and kind != want_kind:
        return False
    if status is not None and status not in statuses:
        return False
    if since is not None and (date is None or date + "~" < since):
        return False
    return until is None or (date is not None and date <= until + "~")


def _statuses(m: Meeting) -> set[str]:
    return {m.status} | {s.status for s in m.sources if s.status}


def _by_date(items: Iterable[Meeting | Statement]) -> list:  # type: ignore[type-arg]
    return sorted(items, key=lambda x: (x.date is not None, x.date or "", x.id), reverse=True)


def _kind_from_types(types: Sequence[str]) -> str:
    classes = {"Talks": "talks", "PhoneCall": "phone_call", "VideoCall": "video_call",
               "Visit": "visit", "Summit": "summit"}
    for t in types:
        if _local(t) in classes:
            return classes[_local(t)]
    return "meeting"


def _best_date(dates: Sequence[str]) -> str | None:
    good = [d for d in dates if _RECORD_DATE.match(d)]
    return max(good, key=lambda d: (len(d), d)) if good else None


def _record_date(term: object) -> str | None:
    if term is None:
        return None
    text = str(term)[:10]
    return text if _RECORD_DATE.match(text) else None


def _confidence(values: Sequence[str] | None) -> float:
    for v in values or ():
        try:
            return min(max(float(v), 0.0), 1.0)
        except ValueError:
            continue
    return 0.0


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _tail(iri: str) -> str:
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1])


def _valid_iri(iri: str) -> bool:
    return bool(iri) and iri.startswith(("http://", "https://")) and not _IRI_FORBIDDEN.search(iri)


def _values(var: str, iris: Iterable[IRI]) -> str:
    """``VALUES ?var { <…> … }`` for IRIs read from the store (each checked to be well formed)."""
    checked = []
    for iri in iris:
        if not _valid_iri(iri):
            raise QueryError(f"not a valid IRI: {iri!r}")
        checked.append(f"<{iri}>")
    return f"VALUES ?{var} {{ {' '.join(checked)} }}"


__all__ = [
    "RANK_CACHE",
    "ActorRef",
    "MetEntry",
    "NameIndex",
    "Relationships",
    "TimelineItem",
    "cached_index",
    "entity",
    "meetings",
    "met",
    "name_index",
    "name_key",
    "relationships",
    "resolve_actor",
    "search_entities",
    "statements",
    "timeline",
]
