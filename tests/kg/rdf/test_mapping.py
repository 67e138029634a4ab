"""record_to_graph: the RDF shape of an article, checked by meaning and against the SHACL shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, XSD

from kg import ids
from kg.extract.records import (
    ArticleRef,
    Entity,
    ExtractionRecord,
    Meeting,
    Role,
    Statement,
)
from kg.namespaces import DKG, SDO, SEM, WD, bind_prefixes
from kg.rdf.mapping import date_literal, decimal_literal, record_to_graph, types_of

REPO = Path(__file__).resolve().parents[3]
ONTOLOGY = REPO / "ontology"
BASE = "http://example.org/kg/"
VERSION = "9.9.9-test"
ART_ID = "fict-2031-05-02-dill-marek"


def actor(key: str) -> str:
    return ids.actor_iri(BASE, key)


DILL = actor("person/catherine-dill")
MAREK = actor("Q4115189")
OSTLAND = actor("country/ostland")
UNION = actor("organization/union-of-harbours")
ELMS = actor("location/port-elms")
ARTICLE = ids.article_iri(BASE, ART_ID)
CALL = ids.meeting_iri(BASE, "call")
SUMMIT = ids.meeting_iri(BASE, "summit")
VISIT = ids.meeting_iri(BASE, "visit")
QUOTE = ids.statement_iri(BASE, "quote")
REPORTED = ids.statement_iri(BASE, "reported")


def fictional_record() -> ExtractionRecord:
    """Every record type and every optional field at least once."""
    return ExtractionRecord(
        article=ArticleRef(
            id=ART_ID,
            iri=ARTICLE,
            title="Dill and Marek agree to meet at Port Elms",
            published="2031-05-02",
            url="https://news.example/2031/05/dill marek",
            source="The Example Times",
        ),
        entities=[
            Entity(
                id=DILL,
                label="Catherine Dill",
                type="Person",
                aliases=["Dill", "Prime Minister Dill"],
                roles=[Role(title="Prime Minister", of=OSTLAND, start="2029-03")],
            ),
            Entity(
                id=MAREK,
                label="Varo Marek",
                type="Person",
                aliases=["Marek"],
                roles=[Role(title="Chancellor", of=actor("country/westmark"),
                            start="2027-01-15", end="2032-01-14")],
                same_as=[str(WD.Q4115189)],
            ),
            Entity(id=OSTLAND, label="Ostland", type="Country"),
            Entity(id=UNION, label="Union of Harbours", type="Organization"),
            Entity(id=ELMS, label="Port Elms", type="Location"),
        ],
        meetings=[
            Meeting(id=CALL, kind="phone_call", participants=[DILL, MAREK], date="2031-05-01",
                    status="occurred", evidence="Dill told Marek in a phone call on Thursday.",
                    confidence=0.9, cameo="041"),
            Meeting(id=SUMMIT, kind="summit", participants=[DILL, MAREK, UNION], date="2031-06",
                    location=ELMS, status="planned",
                    evidence="The two will meet at Port Elms in June.", confidence=0.6),
            Meeting(id=VISIT, kind="visit", participants=[MAREK, OSTLAND], location="Lake Moor",
                    status="proposed", evidence="Marek offered to visit Ostland.",
                    confidence=0.55, cameo="036"),
        ],
        statements=[
            Statement(id=QUOTE, speaker=MAREK, addressee=DILL, date="2031-05-01",
                      text="The harbours stay open.", direct=True,
                      evidence="\u201cThe harbours stay open,\u201d Marek said.", confidence=0.8,
                      cameo="013"),
            Statement(id=REPORTED, speaker=None, text="talks could resume", direct=False,
                      evidence="Officials said talks could resume.", confidence=0.5),
        ],
    )


@pytest.fixture(scope="module")
def graph() -> Graph:
    return record_to_graph(fictional_record(), base_iri=BASE, extractor_version=VERSION)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY / "shapes.ttl")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "dkg.ttl")


def shacl(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, Graph, str]:
    conforms, results, text = validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none"
    )
    return bool(conforms), results, str(text)


def U(iri: str) -> URIRef:
    return URIRef(iri)


# ------------------------------------------------------------------ the shape, by meaning

def test_graph_is_named_after_the_article(graph: Graph) -> None:
    assert graph.identifier == U(ids.graph_iri(BASE, ART_ID))


def test_a_minimal_record_gives_exactly_the_expected_graph() -> None:
    record = ExtractionRecord(
        article=ArticleRef(id="a1", iri=ids.article_iri(BASE, "a1")),
        entities=[Entity(id=DILL, label="Catherine Dill", type="Person"),
                  Entity(id=OSTLAND, label="Ostland", type="Country")],
        meetings=[Meeting(id=CALL, kind="talks", participants=[DILL, OSTLAND],
                          evidence="Dill held talks with Ostland.", confidence=1.0)],
    )
    expected = Graph().parse(data=f"""
        @prefix dkg: <https://w3id.org/diplomatic-kg/ontology#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix prov: <http://www.w3.org/ns/prov#> .
        @prefix schema: <https://schema.org/> .
        @prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
        @prefix foaf: <http://xmlns.com/foaf/0.1/> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        <{BASE}id/article/a1> a dkg:Article, prov:Entity, schema:NewsArticle ;
            dcterms:identifier "a1" ; dkg:extractorVersion "{VERSION}" .
        <{DILL}> a dkg:Person, dkg:Actor, sem:Actor, foaf:Person, schema:Person ;
            rdfs:label "Catherine Dill" .
        <{OSTLAND}> a dkg:Country, dkg:Actor, sem:Actor, schema:Country ; rdfs:label "Ostland" .
        <{CALL}> a dkg:Talks, dkg:Meeting, sem:Event, schema:Event ;
            dkg:kind "talks" ; dkg:participant <{DILL}>, <{OSTLAND}> ;
            dkg:status dkg:occurred ;
            dkg:evidence "Dill held talks with Ostland." ;
            dkg:confidence "1.0"^^xsd:decimal ;
            dkg:reportedIn <{BASE}id/article/a1> ; prov:wasDerivedFrom <{BASE}id/article/a1> .
    """, format="turtle")
    got = record_to_graph(record, base_iri=BASE, extractor_version=VERSION)
    _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
    assert (set(only_got), set(only_expected)) == (set(), set())


def test_article_triples(graph: Graph) -> None:
    a = U(ARTICLE)
    assert {
        (a, RDF.type, DKG.Article),
        (a, RDF.type, PROV.Entity),
        (a, RDF.type, SDO.NewsArticle),
        (a, DCTERMS.identifier, Literal(ART_ID)),
        (a, DCTERMS.title, Literal("Dill and Marek agree to meet at Port Elms")),
        (a, DCTERMS.issued, Literal("2031-05-02", datatype=XSD.date)),
        (a, SDO.url, U("https://news.example/2031/05/dill%20marek")),
        (a, DKG.source, Literal("The Example Times")),
        (a, DKG.extractorVersion, Literal(VERSION)),
    } <= set(graph)


def test_actor_types_are_materialised(graph: Graph) -> None:
    assert set(graph.objects(U(DILL), RDF.type)) == {
        DKG.Person, DKG.Actor, SEM.Actor, FOAF.Person, SDO.Person}
    assert set(graph.objects(U(OSTLAND), RDF.type)) == {
        DKG.Country, DKG.Actor, SEM.Actor, SDO.Country}
    union_types = set(graph.objects(U(UNION), RDF.type))
    assert {DKG.Organization, DKG.Actor, FOAF.Organization} <= union_types
    assert set(graph.objects(U(ELMS), RDF.type)) == {DKG.Location, SEM.Place, SDO.Place}
    # a SPARQL endpoint without a reasoner finds every actor, and only actors
    found = {r[0] for r in graph.query("SELECT ?a WHERE { ?a a dkg:Actor }")}
    assert found == {U(DILL), U(MAREK), U(OSTLAND), U(UNION)}


def test_actor_names_sameas_and_roles(graph: Graph) -> None:
    marek = U(MAREK)
    assert graph.value(marek, RDFS.label) == Literal("Varo Marek")
    aliases = set(graph.objects(U(DILL), DKG.alias))
    assert aliases == {Literal("Dill"), Literal("Prime Minister Dill")}
    assert (marek, OWL.sameAs, WD.Q4115189) in graph
    (role,) = graph.objects(marek, DKG.hasRole)
    westmark = actor("country/westmark")
    assert role == U(ids.role_iri(BASE, MAREK, "Chancellor", westmark, "2027-01-15"))
    assert {
        (role, RDF.type, DKG.Role),
        (role, DKG.roleTitle, Literal("Chancellor")),
        (role, DKG.roleOf, U(actor("country/westmark"))),
        (role, DKG.roleStart, Literal("2027-01-15", datatype=XSD.date)),
        (role, DKG.roleEnd, Literal("2032-01-14", datatype=XSD.date)),
    } <= set(graph)
    (dill_role,) = graph.objects(U(DILL), DKG.hasRole)
    assert graph.value(dill_role, DKG.roleStart) == Literal("2029-03", datatype=XSD.gYearMonth)


def test_meetings(graph: Graph) -> None:
    call, summit, visit = U(CALL), U(SUMMIT), U(VISIT)
    assert {
        (call, RDF.type, DKG.PhoneCall),
        (call, RDF.type, DKG.Meeting),
        (call, RDF.type, SEM.Event),
        (call, RDF.type, SDO.Event),
        (call, DKG.kind, Literal("phone_call")),
        (call, DKG.participant, U(DILL)),
        (call, DKG.participant, U(MAREK)),
        (call, DKG.date, Literal("2031-05-01", datatype=XSD.date)),
        (call, DKG.status, DKG.occurred),
        (call, DKG.cameoCode, Literal("041")),
        (call, DKG.evidence, Literal("Dill told Marek in a phone call on Thursday.")),
        (call, DKG.confidence, Literal("0.9", datatype=XSD.decimal)),
        (call, DKG.reportedIn, U(ARTICLE)),
        (call, PROV.wasDerivedFrom, U(ARTICLE)),
        (summit, RDF.type, DKG.Summit),
        (summit, DKG.date, Literal("2031-06", datatype=XSD.gYearMonth)),
        (summit, DKG.status, DKG.planned),
        (summit, DKG.location, U(ELMS)),
        (summit, DKG.locationName, Literal("Port Elms")),
        (visit, RDF.type, DKG.Visit),
        (visit, DKG.status, DKG.proposed),
        (visit, DKG.locationName, Literal("Lake Moor")),
    } <= set(graph)
    assert len(set(graph.objects(summit, DKG.participant))) == 3
    assert (visit, DKG.location, None) not in graph
    assert (visit, DKG.date, None) not in graph
    meetings = {r[0] for r in graph.query("SELECT ?m WHERE { ?m a dkg:Meeting }")}
    assert meetings == {call, summit, visit}


def test_statements(graph: Graph) -> None:
    quote, reported = U(QUOTE), U(REPORTED)
    assert {
        (quote, RDF.type, DKG.Statement),
        (quote, DKG.speaker, U(MAREK)),
        (quote, DKG.addressee, U(DILL)),
        (quote, DKG.text, Literal("The harbours stay open.")),
        (quote, DKG.direct, Literal(True)),
        (quote, DKG.date, Literal("2031-05-01", datatype=XSD.date)),
        (quote, DKG.cameoCode, Literal("013")),
        (quote, DKG.confidence, Literal("0.8", datatype=XSD.decimal)),
        (quote, DKG.reportedIn, U(ARTICLE)),
        (reported, DKG.direct, Literal(False)),
        (reported, DKG.evidence, Literal("Officials said talks could resume.")),
    } <= set(graph)
    assert graph.value(quote, DKG.direct).datatype == XSD.boolean
    assert (reported, DKG.speaker, None) not in graph


def test_deterministic_and_blank_node_free(graph: Graph) -> None:
    again = record_to_graph(fictional_record(), base_iri=BASE, extractor_version=VERSION)
    assert isomorphic(graph, again)
    assert set(graph) == set(again)
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)


def test_json_ld_context_round_trips(graph: Graph) -> None:
    context = json.loads((ONTOLOGY / "context.jsonld").read_text())["@context"]
    text = graph.serialize(format="json-ld", context=context)
    assert '"participant"' in text and '"occurred"' in text
    # read back by another implementation (rdflib 7.6's own JSON-LD parser warns on use)
    back = Graph()
    for quad in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.JSON_LD):
        back.add((_from_ox(quad.subject), _from_ox(quad.predicate), _from_ox(quad.object)))
    assert isomorphic(back, graph)


def _from_ox(term: object) -> URIRef | Literal | BNode:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = None if term.datatype.value == str(XSD.string) else URIRef(term.datatype.value)
    return Literal(term.value, datatype=datatype)


# ------------------------------------------------------------------ literal helpers

@pytest.mark.parametrize(
    ("value", "lexical", "datatype"),
    [("2018-01-10", "2018-01-10", XSD.date), ("2018-01", "2018-01", XSD.gYearMonth),
     ("2018-02-30", "2018-02", XSD.gYearMonth)],
)
def test_date_literal(value: str, lexical: str, datatype: URIRef) -> None:
    assert date_literal(value) == Literal(lexical, datatype=datatype)


def test_impossible_month_is_dropped() -> None:
    assert date_literal("2018-13") is None


@pytest.mark.parametrize(("value", "lexical"), [(0.9, "0.9"), (1.0, "1.0"), (0.0, "0.0"),
                                                (1e-05, "0.00001"), (0.333, "0.333")])
def test_decimal_literal_is_plain_notation(value: float, lexical: str) -> None:
    literal = decimal_literal(value)
    assert (str(literal), literal.datatype) == (lexical, XSD.decimal)


def test_types_of_walks_the_superclasses() -> None:
    assert types_of(DKG.Visit) == (DKG.Visit, DKG.Meeting, SEM.Event, SDO.Event)


# ------------------------------------------------------------------ SHACL

def test_graph_conforms_to_the_shapes(graph: Graph, shapes: Graph, ontology: Graph) -> None:
    conforms, _, text = shacl(graph, shapes, ontology)
    assert conforms, text


def _results(results: Graph) -> set[tuple[object, object, object, str]]:
    return {
        (results.value(r, SH.focusNode), results.value(r, SH.resultPath),
         results.value(r, SH.sourceConstraintComponent), str(results.value(r, SH.resultMessage)))
        for r in results.objects(None, SH.result)  # top-level results, not their sh:detail
    }


def test_broken_meeting_is_rejected_with_the_right_messages(
    graph: Graph, shapes: Graph, ontology: Graph
) -> None:
    broken = bind_prefixes(Graph())
    for triple in graph:
        broken.add(triple)
    call = U(CALL)
    broken.remove((call, DKG.participant, U(MAREK)))
    broken.set((call, DKG.confidence, Literal("1.5", datatype=XSD.decimal)))
    broken.remove((call, DKG.evidence, None))
    broken.add((call, DKG.status, DKG.planned))

    conforms, results, _ = shacl(broken, shapes, ontology)
    assert not conforms
    got = _results(results)
    assert {
        (call, DKG.participant, SH.MinCountConstraintComponent,
         "A meeting has at least two dkg:participant, each a dkg:Actor."),
        (call, DKG.confidence, SH.MaxInclusiveConstraintComponent,
         "A fact has exactly one dkg:confidence, an xsd:decimal from 0 to 1."),
        (call, DKG.evidence, SH.MinCountConstraintComponent,
         "A fact has exactly one dkg:evidence, the non-empty sentence it was read from."),
        (call, DKG.status, SH.MaxCountConstraintComponent,
         "A meeting has exactly one dkg:status: occurred, planned, proposed or cancelled."),
    } == got


def test_wrong_values_are_rejected(graph: Graph, shapes: Graph, ontology: Graph) -> None:
    broken = bind_prefixes(Graph())
    for triple in graph:
        broken.add(triple)
    quote, summit = U(QUOTE), U(SUMMIT)
    broken.set((quote, DKG.direct, Literal("yes")))
    broken.set((quote, DKG.speaker, U(ELMS)))  # a place is not an actor
    broken.set((summit, DKG.date, Literal("June 2031")))
    broken.set((summit, DKG.status, DKG.Meeting))
    broken.add((U(DILL), RDFS.label, Literal("C. Dill")))

    conforms, results, _ = shacl(broken, shapes, ontology)
    assert not conforms
    assert {(focus, path, component) for focus, path, component, _ in _results(results)} == {
        (quote, DKG.direct, SH.DatatypeConstraintComponent),
        (quote, DKG.speaker, SH.ClassConstraintComponent),
        (summit, DKG.date, SH.NodeConstraintComponent),
        (summit, DKG.status, SH.InConstraintComponent),
        (U(DILL), RDFS.label, SH.MaxCountConstraintComponent),
    }


# ------------------------------------------------------------------ the real extractor

@pytest.mark.model
@pytest.mark.filterwarnings("ignore:\\[W036\\]:UserWarning")  # tolerate a gazetteer not yet built
def test_seed_article_graph_conforms(shapes: Graph, ontology: Graph) -> None:
    from kg.extract.extractor import extract
    from kg.ingest.article import Article
    from kg.nlp.pipeline import build_nlp

    (seed,) = sorted((REPO / "seeds").glob("*.txt"))
    article = Article(id=seed.stem, text=seed.read_text(encoding="utf-8"))
    record = extract(article, nlp=build_nlp(), base_iri=BASE)
    graph = record_to_graph(record, base_iri=BASE, extractor_version=VERSION)
    conforms, _, text = shacl(graph, shapes, ontology)
    assert conforms, text
    assert (U(record.article.iri), RDF.type, DKG.Article) in graph
    assert len(set(graph.subjects(RDF.type, DKG.Actor))) == sum(
        e.type != "Location" for e in record.entities)
