"""Fixtures for the export tests: a small store written from hand-made TriG (two articles in
the project's RDF shape, with awkward strings), and its projection."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from kg.graph.projection import Projection
from kg.rdf.oxigraph_store import OxigraphStore
from kg.rdf.terms import from_oxigraph

BASE = "http://127.0.0.1:8000/"

TRIG = """
@prefix dkg: <https://w3id.org/diplomatic-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix a: <http://127.0.0.1:8000/id/actor/> .
@prefix m: <http://127.0.0.1:8000/id/meeting/> .
@prefix s: <http://127.0.0.1:8000/id/statement/> .
@prefix r: <http://127.0.0.1:8000/id/role/> .
@prefix art: <http://127.0.0.1:8000/id/article/> .

<http://127.0.0.1:8000/graph/one> {
  art:one a dkg:Article ; dcterms:identifier "one" ; dcterms:title "Leaders \\"talk\\"" ;
      dcterms:issued "2018-01-11"^^xsd:date .
  a:Q22686 a dkg:Person, dkg:Actor ; rdfs:label "Donald Trump" ; dkg:alias "Trump" ;
      owl:sameAs <http://www.wikidata.org/entity/Q22686> ; dkg:hasRole r:potus .
  r:potus a dkg:Role ; dkg:roleTitle "President" ; dkg:roleOf a:Q30 .
  a:Q30 a dkg:Country, dkg:Actor ; rdfs:label "United States" .
  a:Q21001 a dkg:Person, dkg:Actor ; rdfs:label "Moon Jae-in" ;
      owl:sameAs <http://www.wikidata.org/entity/Q21001> .
  a:person\\/zoe-cote a dkg:Person, dkg:Actor ; rdfs:label "Zoë \\"Z\\" Côte \\\\ d'Ivoire" .
  m:call a dkg:PhoneCall, dkg:Meeting ; dkg:kind "phone_call" ;
      dkg:participant a:Q22686, a:Q21001 ; dkg:date "2018-01-10"^^xsd:date ;
      dkg:status dkg:occurred ; dkg:evidence "Trump told Moon:\\n“talks are good”." ;
      dkg:confidence 0.9 ; dkg:reportedIn art:one ; prov:wasDerivedFrom art:one .
  m:visit a dkg:Visit, dkg:Meeting ; dkg:kind "visit" ;
      dkg:participant a:Q21001, a:person\\/zoe-cote ; dkg:date "2018-02"^^xsd:gYearMonth ;
      dkg:status dkg:planned ; dkg:evidence "Moon will visit." ; dkg:confidence 0.7 ;
      dkg:reportedIn art:one .
  s:quote a dkg:Statement ; dkg:speaker a:Q22686 ; dkg:addressee a:Q21001 ;
      dkg:text "Who knows where it leads?" ; dkg:direct true ;
      dkg:date "2018-01-10"^^xsd:date ; dkg:reportedIn art:one .
}

<http://127.0.0.1:8000/graph/two> {
  art:two a dkg:Article ; dcterms:identifier "two" .
  a:Q22686 a dkg:Person, dkg:Actor ; rdfs:label "Donald Trump" .
  a:Q21001 a dkg:Person, dkg:Actor ; rdfs:label "Moon Jae-in" .
  a:Q30 a dkg:Country, dkg:Actor ; rdfs:label "United States" .
  m:call a dkg:PhoneCall, dkg:Meeting ; dkg:kind "phone_call" ;
      dkg:participant a:Q22686, a:Q21001 ; dkg:date "2018-01-10"^^xsd:date ;
      dkg:status dkg:occurred ; dkg:evidence "The two leaders spoke by phone." ;
      dkg:confidence 0.8 ; dkg:reportedIn art:two .
  m:summit a dkg:Summit, dkg:Meeting ; dkg:kind "summit" ;
      dkg:participant a:Q22686, a:Q21001, a:Q30 ; dkg:status dkg:proposed ;
      dkg:evidence "A summit was floated." ; dkg:confidence 0.6 ; dkg:reportedIn art:two .
}
"""

ARTICLES = ("one", "two")


def article_graphs(trig: str) -> dict[str, Graph]:
    """Article id → its named graph, from TriG (parsed by pyoxigraph: rdflib's Dataset warns)."""
    graphs = {a: Graph(identifier=URIRef(f"{BASE}graph/{a}")) for a in ARTICLES}
    for q in ox.parse(trig.encode(), ox.RdfFormat.TRIG):
        article = str(q.graph_name.value).rsplit("/", 1)[-1]
        graphs[article].add((from_oxigraph(q.subject), from_oxigraph(q.predicate),
                             from_oxigraph(q.object)))
    return graphs


def put_trig(store: OxigraphStore, trig: str) -> None:
    for article, graph in article_graphs(trig).items():
        store.put_article(article, graph)


@pytest.fixture
def export_store() -> Iterator[OxigraphStore]:
    store = OxigraphStore(None, BASE)
    put_trig(store, TRIG)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def projection(export_store: OxigraphStore) -> Projection:
    return Projection(export_store)
