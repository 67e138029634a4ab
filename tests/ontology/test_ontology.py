"""The ontology files parse, agree with kg/namespaces.py, the records and the mapping tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from kg.extract.records import KINDS, STATUSES
from kg.namespaces import CAMEO, DKG, DKG_NS, KIND, ONTOLOGY_IRI
from kg.rdf.mapping import KIND_CLASSES, STATUS_TERMS, SUPERCLASSES
from kg.version import ONTOLOGY_VERSION

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
DECLARATIONS = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.NamedIndividual,
}
PYTHON_TERMS = {DKG[name] for name in DKG.__annotations__}


@pytest.fixture(scope="module")
def dkg() -> Graph:
    return Graph().parse(ONTOLOGY / "dkg.ttl")


@pytest.fixture(scope="module")
def kinds() -> Graph:
    return Graph().parse(ONTOLOGY / "kinds.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY / "shapes.ttl")


def _dkg_iris(graph: Graph) -> set[URIRef]:
    return {
        term
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(DKG_NS)
    }


@pytest.mark.parametrize("name", ["dkg.ttl", "kinds.ttl", "shapes.ttl"])
def test_turtle_files_parse(name: str) -> None:
    assert len(Graph().parse(ONTOLOGY / name)) > 20


def test_python_terms_are_exactly_the_declared_terms(dkg: Graph) -> None:
    declared = {
        s
        for s, kind in dkg.subject_objects(RDF.type)
        if kind in DECLARATIONS and str(s).startswith(DKG_NS)
    }
    assert declared - PYTHON_TERMS == set(), "declared in dkg.ttl, missing from kg/namespaces.py"
    assert PYTHON_TERMS - declared == set(), "in kg/namespaces.py, not declared in dkg.ttl"


def test_no_file_uses_an_undeclared_dkg_term(
    dkg: Graph, kinds: Graph, shapes: Graph
) -> None:
    for graph in (dkg, kinds, shapes):
        assert _dkg_iris(graph) <= PYTHON_TERMS
    context = json.loads((ONTOLOGY / "context.jsonld").read_text())["@context"]
    used = {
        v if isinstance(v, str) else v["@id"]
        for v in context.values()
        if isinstance(v, (str, dict))
    }
    dkg_terms = {DKG_NS + u.removeprefix("dkg:") for u in used if u.startswith("dkg:")}
    assert {URIRef(t) for t in dkg_terms} == PYTHON_TERMS


def test_every_term_is_labelled_and_properties_have_domain_and_range(dkg: Graph) -> None:
    for term in PYTHON_TERMS:
        assert dkg.value(term, RDFS.label) is not None, term
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in dkg.subjects(RDF.type, kind):
            if str(prop).startswith(DKG_NS):
                assert dkg.value(prop, RDFS.domain) is not None, prop
                assert dkg.value(prop, RDFS.range) is not None, prop


def test_ontology_version_matches_the_code(dkg: Graph) -> None:
    ontology = URIRef(ONTOLOGY_IRI)
    assert (ontology, RDF.type, OWL.Ontology) in dkg
    assert dkg.value(ontology, OWL.versionInfo) == Literal(ONTOLOGY_VERSION)
    assert dkg.value(ontology, OWL.versionIRI) == URIRef(f"{ONTOLOGY_IRI}/{ONTOLOGY_VERSION}")


def test_materialised_superclasses_are_the_subclass_axioms(dkg: Graph) -> None:
    classes = {c for c in dkg.subjects(RDF.type, OWL.Class) if str(c).startswith(DKG_NS)}
    # status individuals are declared in the ontology, never typed by the mapping
    assert set(SUPERCLASSES) == classes - {DKG.MeetingStatus}
    for cls, supers in SUPERCLASSES.items():
        named = {o for o in dkg.objects(cls, RDFS.subClassOf) if isinstance(o, URIRef)}
        assert named == set(supers), cls


def test_the_standard_alignments_hold(dkg: Graph) -> None:
    from rdflib.namespace import FOAF, PROV

    from kg.namespaces import SDO, SEM

    assert (DKG.reportedIn, RDFS.subPropertyOf, PROV.wasDerivedFrom) in dkg
    assert (DKG.participant, RDFS.subPropertyOf, SEM.hasActor) in dkg
    assert (DKG.status, RDFS.subPropertyOf, SDO.eventStatus) in dkg
    assert (DKG.Article, RDFS.subClassOf, PROV.Entity) in dkg
    assert (DKG.Person, RDFS.subClassOf, FOAF.Person) in dkg
    assert (DKG.cancelled, SKOS.closeMatch, SDO.EventCancelled) in dkg


def _closure(graph: Graph, cls: URIRef) -> set[URIRef]:
    return set(graph.transitive_objects(cls, RDFS.subClassOf))


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_a_concept_matched_to_its_meeting_class(
    kind: str, dkg: Graph, kinds: Graph
) -> None:
    concept = KIND[kind]
    assert (concept, SKOS.notation, Literal(kind)) in kinds
    classes = [c for c in kinds.objects(concept, SKOS.closeMatch) if str(c).startswith(DKG_NS)]
    assert classes == [KIND_CLASSES[kind]]
    assert (classes[0], RDF.type, OWL.Class) in dkg
    assert DKG.Meeting in _closure(dkg, classes[0])


def test_statuses_are_the_four_individuals(dkg: Graph, kinds: Graph) -> None:
    one_of = dkg.value(dkg.value(DKG.MeetingStatus, OWL.equivalentClass), OWL.oneOf)
    assert list(Collection(dkg, one_of)) == [STATUS_TERMS[s] for s in STATUSES]
    for status in STATUSES:
        term = STATUS_TERMS[status]
        assert (term, RDF.type, DKG.MeetingStatus) in dkg
        assert (term, SKOS.notation, Literal(status)) in dkg
        assert kinds.value(term, SKOS.inScheme) is not None


@pytest.mark.parametrize(
    "code",
    ["01", "010", "013", "019", "036", "040", "041", "042", "043", "044", "045", "046"],
)
def test_cameo_codes_are_concepts(code: str, kinds: Graph) -> None:
    concept = CAMEO[code]
    assert (concept, RDF.type, SKOS.Concept) in kinds
    assert (concept, SKOS.notation, Literal(code)) in kinds
    assert kinds.value(concept, SKOS.prefLabel) is not None
    if len(code) == 3:
        assert kinds.value(concept, SKOS.broader) == CAMEO[code[:2]]


def _codes_in(value: object) -> set[str]:
    if isinstance(value, dict):
        found = {str(value["cameo"])} if "cameo" in value else set()
        return found.union(*(_codes_in(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_codes_in(v) for v in value))
    return set()


def test_every_cameo_code_in_the_extraction_rules_is_a_concept(kinds: Graph) -> None:
    patterns = Path(__file__).resolve().parents[2] / "kg" / "nlp" / "patterns"
    used = set().union(*(_codes_in(json.loads(p.read_text())) for p in patterns.glob("*.json")))
    known = {str(n) for c in kinds.subjects(RDF.type, SKOS.Concept)
             if str(c).startswith(str(CAMEO)) for n in kinds.objects(c, SKOS.notation)}
    assert used - known == set(), "add these CAMEO codes to ontology/kinds.ttl"


def _sh_in(shapes: Graph, path: URIRef) -> list[object]:
    prop = next(shapes.subjects(SH.path, path))
    return list(Collection(shapes, shapes.value(prop, SH["in"])))


def test_shapes_enumerations_follow_the_records(shapes: Graph) -> None:
    assert _sh_in(shapes, DKG.status) == [STATUS_TERMS[s] for s in STATUSES]
    assert _sh_in(shapes, DKG.kind) == [Literal(k) for k in KINDS]


def test_shapes_are_valid_shacl(shapes: Graph) -> None:
    conforms, _, text = validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text
