"""Hand-written article graphs in the RDF shape every layer relies on (one named graph per
article), for the graph tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg import ids
from kg.namespaces import DKG, WD

BASE = "http://127.0.0.1:8000/"
ACTOR = Namespace(f"{BASE}id/actor/")
MEETING = Namespace(f"{BASE}id/meeting/")
STATEMENT = Namespace(f"{BASE}id/statement/")

# key → (label, type)
ACTORS: dict[str, tuple[str, str]] = {
    "Q22686": ("Donald Trump", "Person"),
    "Q21001": ("Moon Jae-in", "Person"),
    "Q30": ("United States", "Country"),
    "Q1": ("Ana Arden", "Person"),
    "person/ben-brook": ("Ben Brook", "Person"),
    "Q3": ("Cyland", "Country"),
    "organization/dee-union": ("Dee Union", "Organization"),
    "Q5": ("Eve Ember", "Person"),
}
KIND_CLASS = {"meeting": DKG.Meeting, "talks": DKG.Talks, "phone_call": DKG.PhoneCall,
              "video_call": DKG.VideoCall, "visit": DKG.Visit, "summit": DKG.Summit}


def actor(key: str) -> str:
    return str(ACTOR[key])


def meeting(name: str) -> str:
    return str(MEETING[name])


def statement(name: str) -> str:
    return str(STATEMENT[name])


def article_graph(article_id: str, *, meetings: Sequence[Mapping[str, Any]] = (),
                  statements: Sequence[Mapping[str, Any]] = ()) -> Graph:
    """An article's named graph: the article, the actors it names, its meetings and statements.

    A meeting is ``{"id", "with": [actor keys], "kind", "date", "status", "location"}``; a
    statement ``{"id", "speaker", "to", "text", "date"}``.
    """
    g = Graph(identifier=URIRef(ids.graph_iri(BASE, article_id)))
    art = URIRef(ids.article_iri(BASE, article_id))
    g.add((art, RDF.type, DKG.Article))
    g.add((art, URIRef("http://purl.org/dc/terms/identifier"), Literal(article_id)))
    named: set[str] = set()
    for m in meetings:
        node = URIRef(meeting(m["id"]))
        kind = m.get("kind", "meeting")
        g.add((node, RDF.type, KIND_CLASS[kind]))
        g.add((node, RDF.type, DKG.Meeting))
        g.add((node, DKG.kind, Literal(kind)))
        g.add((node, DKG.status, DKG[m.get("status", "occurred")]))
        if m.get("date"):
            dtype = XSD.date if len(m["date"]) == 10 else XSD.gYearMonth
            g.add((node, DKG.date, Literal(m["date"], datatype=dtype)))
        if m.get("location"):
            g.add((node, DKG.locationName, Literal(m["location"])))
        g.add((node, DKG.evidence, Literal(f"evidence of {m['id']} in {article_id}")))
        g.add((node, DKG.confidence, Literal(str(m.get("confidence", 0.9)), datatype=XSD.decimal)))
        g.add((node, DKG.reportedIn, art))
        for key in m["with"]:
            g.add((node, DKG.participant, URIRef(actor(key))))
            named.add(key)
    for s in statements:
        node = URIRef(statement(s["id"]))
        g.add((node, RDF.type, DKG.Statement))
        g.add((node, DKG.speaker, URIRef(actor(s["speaker"]))))
        named.add(s["speaker"])
        if s.get("to"):
            g.add((node, DKG.addressee, URIRef(actor(s["to"]))))
            named.add(s["to"])
        g.add((node, DKG.text, Literal(s.get("text", "words"))))
        g.add((node, DKG.direct, Literal(True)))
        if s.get("date"):
            g.add((node, DKG.date, Literal(s["date"], datatype=XSD.date)))
        g.add((node, DKG.reportedIn, art))
    for key in named:
        label, type_ = ACTORS[key]
        node = URIRef(actor(key))
        g.add((node, RDF.type, DKG[type_]))
        if type_ != "Location":
            g.add((node, RDF.type, DKG.Actor))
        g.add((node, RDFS.label, Literal(label)))
        if key.startswith("Q"):
            g.add((node, OWL.sameAs, WD[key]))
    return g
