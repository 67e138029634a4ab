"""Extraction record → the article's named graph (the RDF shape of ``ontology/README.md``).

:func:`record_to_graph` is pure: no store, no clock, no randomness. The record's ids are
already IRIs, roles get IRIs from :func:`kg.ids.role_iri`, so the same record always gives the
same triples and there is not a blank node in the graph. Re-ingesting an article is a no-op.

Every node is typed with its class *and all its superclasses* (:data:`SUPERCLASSES`, the
``rdfs:subClassOf`` axioms of ``ontology/dkg.ttl``; a test keeps them equal), so that asking
for ``dkg:Meeting`` finds phone calls, and ``dkg:Actor`` finds persons, states and
organisations, on any SPARQL endpoint without a reasoner. Of the super-properties only
``prov:wasDerivedFrom`` (of ``dkg:reportedIn``) is written, for generic provenance tools.

>>> from kg.extract.records import ArticleRef, ExtractionRecord
>>> rec = ExtractionRecord(article=ArticleRef(id="a1", iri="http://x/id/article/a1"))
>>> g = record_to_graph(rec, base_iri="http://x/", extractor_version="0.1.0")
>>> str(g.identifier), len(g)
('http://x/graph/a1', 5)
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from decimal import Decimal
from urllib.parse import quote, urlsplit

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, XSD

from kg import ids
from kg.config import DEFAULT_BASE_IRI
from kg.extract.records import (
    ArticleRef,
    Entity,
    EntityType,
    ExtractionRecord,
    Kind,
    Meeting,
    Role,
    Statement,
    Status,
)
from kg.namespaces import DKG, SDO, SEM, bind_prefixes
from kg.version import EXTRACTOR_VERSION

logger = logging.getLogger(__name__)

SUPERCLASSES: Mapping[URIRef, tuple[URIRef, ...]] = {
    DKG.Actor: (SEM.Actor,),
    DKG.Person: (DKG.Actor, FOAF.Person, SDO.Person),
    DKG.Country: (DKG.Actor, SDO.Country),
    DKG.Organization: (DKG.Actor, FOAF.Organization, SDO.Organization),
    DKG.Location: (SEM.Place, SDO.Place),
    DKG.Role: (ORG.Membership, SDO.Role),
    DKG.Meeting: (SEM.Event, SDO.Event),
    DKG.Talks: (DKG.Meeting,),
    DKG.PhoneCall: (DKG.Meeting,),
    DKG.VideoCall: (DKG.Meeting,),
    DKG.Visit: (DKG.Meeting,),
    DKG.Summit: (DKG.Meeting,),
    DKG.Statement: (SEM.Event,),
    DKG.Article: (PROV.Entity, SDO.NewsArticle),
}
"""Direct named superclasses of each class the mapping writes (as in ``ontology/dkg.ttl``)."""

ENTITY_CLASSES: Mapping[EntityType, URIRef] = {
    "Person": DKG.Person,
    "Country": DKG.Country,
    "Organization": DKG.Organization,
    "Location": DKG.Location,
}
KIND_CLASSES: Mapping[Kind, URIRef] = {
    "meeting": DKG.Meeting,
    "talks": DKG.Talks,
    "phone_call": DKG.PhoneCall,
    "video_call": DKG.VideoCall,
    "visit": DKG.Visit,
    "summit": DKG.Summit,
}
STATUS_TERMS: Mapping[Status, URIRef] = {
    "occurred": DKG.occurred,
    "planned": DKG.planned,
    "proposed": DKG.proposed,
    "cancelled": DKG.cancelled,
}

_URL_SAFE = ":/?#[]@!$&'()*+,;=%-._~"


def types_of(cls: URIRef) -> tuple[URIRef, ...]:
    """``cls`` and all its superclasses, ``cls`` first, each once.

    >>> types_of(DKG.PhoneCall) == (DKG.PhoneCall, DKG.Meeting, SEM.Event, SDO.Event)
    True
    """
    seen: dict[URIRef, None] = {}
    todo = [cls]
    while todo:
        current = todo.pop(0)
        if current not in seen:
            seen[current] = None
            todo.extend(SUPERCLASSES.get(current, ()))
    return tuple(seen)


def date_literal(value: str) -> Literal | None:
    """``YYYY-MM-DD`` → xsd:date, ``YYYY-MM`` → xsd:gYearMonth, ``YYYY`` (a term of office
    known to the year) → xsd:gYear; an impossible day keeps the month.

    >>> date_literal("2018-01-10").datatype == XSD.date
    True
    >>> date_literal("2024").datatype == XSD.gYear
    True
    >>> date_literal("2018-02").datatype == XSD.gYearMonth
    True
    >>> str(date_literal("2018-02-30")), date_literal("2018-13")
    ('2018-02', None)
    """
    if len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            logger.warning("impossible date %r kept as its month", value)
            value = value[:7]
        else:
            return Literal(value, datatype=XSD.date)
    if len(value) == 4 and value.isdigit():
        return Literal(value, datatype=XSD.gYear)
    year, _, month = value.partition("-")
    if len(year) == 4 and year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
        return Literal(f"{year}-{month}", datatype=XSD.gYearMonth)
    logger.warning("impossible date %r dropped", value)
    return None


def decimal_literal(value: float) -> Literal:
    """A confidence as an xsd:decimal in plain notation (``0.9``, never ``9E-1``)."""
    return Literal(format(Decimal(repr(float(value))), "f"), datatype=XSD.decimal)


def record_to_graph(
    record: ExtractionRecord,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    extractor_version: str = EXTRACTOR_VERSION,
) -> Graph:
    """Everything ``record``'s article asserts, as a graph named ``graph_iri(base, article id)``.

    ``sources`` lists on meetings and statements are a read-side view gathered from several
    article graphs, so they are not written here.
    """
    graph = bind_prefixes(Graph(identifier=URIRef(ids.graph_iri(base_iri, record.article.id))))
    article = _add_article(graph, record.article, extractor_version)
    for entity in record.entities:
        _add_entity(graph, entity, base_iri)
    labels = {e.id: e.label for e in record.entities if e.type == "Location"}
    for meeting in record.meetings:
        _add_meeting(graph, meeting, article, labels)
    for statement in record.statements:
        _add_statement(graph, statement, article)
    return graph


def _add_types(graph: Graph, node: URIRef, cls: URIRef) -> None:
    for t in types_of(cls):
        graph.add((node, RDF.type, t))


def _add_optional(graph: Graph, node: URIRef, prop: URIRef, value: Literal | URIRef | None) -> None:
    if value is not None:
        graph.add((node, prop, value))


def _url(value: str) -> URIRef | None:
    """An absolute URL as an IRI, characters not allowed in IRIs percent-encoded."""
    if not urlsplit(value).scheme:
        logger.warning("article url %r is not absolute; not written", value)
        return None
    return URIRef(quote(value, safe=_URL_SAFE))


def _add_article(graph: Graph, ref: ArticleRef, extractor_version: str) -> URIRef:
    node = URIRef(ref.iri)
    _add_types(graph, node, DKG.Article)
    graph.add((node, DCTERMS.identifier, Literal(ref.id)))
    graph.add((node, DKG.extractorVersion, Literal(extractor_version)))
    if ref.title:
        graph.add((node, DCTERMS.title, Literal(ref.title)))
    if ref.published:
        _add_optional(graph, node, DCTERMS.issued, date_literal(ref.published))
    if ref.url:
        _add_optional(graph, node, SDO.url, _url(ref.url))
    if ref.source:
        graph.add((node, DKG.source, Literal(ref.source)))
    return node


def _add_entity(graph: Graph, entity: Entity, base: str) -> None:
    node = URIRef(entity.id)
    _add_types(graph, node, ENTITY_CLASSES[entity.type])
    graph.add((node, RDFS.label, Literal(entity.label)))
    for alias in entity.aliases:
        graph.add((node, DKG.alias, Literal(alias)))
    for same in entity.same_as:
        graph.add((node, OWL.sameAs, URIRef(same)))
    for role in entity.roles:
        graph.add((node, DKG.hasRole, _add_role(graph, entity.id, role, base)))


def _add_role(graph: Graph, holder: str, role: Role, base: str) -> URIRef:
    node = URIRef(ids.role_iri(base, holder, role.title, role.of or "", role.start or ""))
    _add_types(graph, node, DKG.Role)
    graph.add((node, DKG.roleTitle, Literal(role.title)))
    if role.of:
        graph.add((node, DKG.roleOf, URIRef(role.of)))
    if role.start:
        _add_optional(graph, node, DKG.roleStart, date_literal(role.start))
    if role.end:
        _add_optional(graph, node, DKG.roleEnd, date_literal(role.end))
    return node


def _add_fact(
    graph: Graph,
    node: URIRef,
    fact: Meeting | Statement,
    article: URIRef,
) -> None:
    """What meetings and statements share: date, evidence, confidence, CAMEO code, provenance."""
    if fact.date:
        _add_optional(graph, node, DKG.date, date_literal(fact.date))
    graph.add((node, DKG.evidence, Literal(fact.evidence)))
    graph.add((node, DKG.confidence, decimal_literal(fact.confidence)))
    if fact.cameo:
        graph.add((node, DKG.cameoCode, Literal(fact.cameo)))
    graph.add((node, DKG.reportedIn, article))
    graph.add((node, PROV.wasDerivedFrom, article))


def _add_meeting(
    graph: Graph,
    meeting: Meeting,
    article: URIRef,
    place_labels: Mapping[str, str],
) -> None:
    node = URIRef(meeting.id)
    _add_types(graph, node, KIND_CLASSES[meeting.kind])
    graph.add((node, DKG.kind, Literal(meeting.kind)))
    for participant in meeting.participants:
        graph.add((node, DKG.participant, URIRef(participant)))
    graph.add((node, DKG.status, STATUS_TERMS[meeting.status]))
    if meeting.location in place_labels:
        # the location is one of the article's places: link it and keep its name
        graph.add((node, DKG.location, URIRef(meeting.location)))
        graph.add((node, DKG.locationName, Literal(place_labels[meeting.location])))
    elif meeting.location:
        graph.add((node, DKG.locationName, Literal(meeting.location)))
    _add_fact(graph, node, meeting, article)


def _add_statement(graph: Graph, statement: Statement, article: URIRef) -> None:
    node = URIRef(statement.id)
    _add_types(graph, node, DKG.Statement)
    graph.add((node, DKG.text, Literal(statement.text)))
    graph.add((node, DKG.direct, Literal(statement.direct)))
    if statement.speaker:
        graph.add((node, DKG.speaker, URIRef(statement.speaker)))
    if statement.addressee:
        graph.add((node, DKG.addressee, URIRef(statement.addressee)))
    _add_fact(graph, node, statement, article)


__all__ = [
    "ENTITY_CLASSES",
    "KIND_CLASSES",
    "STATUS_TERMS",
    "SUPERCLASSES",
    "date_literal",
    "decimal_literal",
    "record_to_graph",
    "types_of",
]
