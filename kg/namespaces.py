"""The project's vocabulary as a closed namespace mirroring ``ontology/dkg.ttl``.

``DKG.Meting`` (a typo) raises instead of minting a term nobody declared; a test keeps this
class and the ontology file in step.
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

DKG_NS = "https://w3id.org/diplomatic-kg/ontology#"
ONTOLOGY_IRI = "https://w3id.org/diplomatic-kg/ontology"
"""The ontology's IRI; ``owl:versionIRI`` is ``{ONTOLOGY_IRI}/{kg.version.ONTOLOGY_VERSION}``."""


class DKG(DefinedNamespace):
    """Terms of the diplomatic knowledge-graph ontology."""

    _NS = Namespace(DKG_NS)
    _fail = True

    # actors
    Actor: URIRef
    Person: URIRef
    Country: URIRef
    Organization: URIRef
    Location: URIRef
    Role: URIRef
    # events
    Meeting: URIRef  # every kind below is a subclass
    Talks: URIRef
    PhoneCall: URIRef
    VideoCall: URIRef
    Visit: URIRef
    Summit: URIRef
    Statement: URIRef
    Article: URIRef
    MeetingStatus: URIRef
    occurred: URIRef
    planned: URIRef
    proposed: URIRef
    cancelled: URIRef
    # actor properties
    alias: URIRef  # sub-property of skos:altLabel
    hasRole: URIRef
    roleTitle: URIRef
    roleOf: URIRef
    roleStart: URIRef
    roleEnd: URIRef
    # event properties
    participant: URIRef
    date: URIRef  # xsd:date or xsd:gYearMonth
    location: URIRef  # a dkg:Location
    locationName: URIRef  # the place as written
    status: URIRef
    kind: URIRef  # the contract's kind word, e.g. "phone_call"
    cameoCode: URIRef
    # statement properties
    speaker: URIRef
    addressee: URIRef
    text: URIRef
    direct: URIRef
    # evidence and provenance
    evidence: URIRef
    confidence: URIRef
    reportedIn: URIRef  # fact -> dkg:Article
    source: URIRef  # article -> the outlet's name
    extractorVersion: URIRef


SDO = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
WD = Namespace("http://www.wikidata.org/entity/")
KIND = Namespace("https://w3id.org/diplomatic-kg/kind/")
"""SKOS concepts of the meeting kinds (``ontology/kinds.ttl``), e.g. ``KIND.phone_call``."""
CAMEO = Namespace("https://w3id.org/diplomatic-kg/cameo/")
"""SKOS concepts of CAMEO event codes (``ontology/kinds.ttl``), e.g. ``CAMEO["042"]``."""

PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "dkg": DKG,
    "prov": PROV,
    "schema": SDO,
    "sem": SEM,
    "foaf": FOAF,
    "org": ORG,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "wd": WD,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` and return it."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, str(ns) if not isinstance(ns, Namespace) else ns)
    return graph


def sparql_prefixes() -> str:
    """``PREFIX`` lines for every project prefix, to put before a SPARQL query."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


__all__ = [
    "CAMEO",
    "DKG",
    "DKG_NS",
    "KIND",
    "ONTOLOGY_IRI",
    "PREFIXES",
    "SDO",
    "SEM",
    "WD",
    "bind_prefixes",
    "sparql_prefixes",
]
