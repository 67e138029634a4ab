"""Term conversion between rdflib and pyoxigraph, and safe SPARQL text for terms.

Store backends use these to turn user values into query input without pasting raw strings:
pyoxigraph gets native terms (``substitutions=``); a remote endpoint gets each term written
by rdflib's ``.n3()``, which escapes quotes, backslashes and line breaks and refuses IRIs with
characters that would end the IRI early.

>>> from rdflib import Literal, URIRef
>>> sparql_term(Literal('say "hi"}'))
'"say \\\\"hi\\\\"}"'
>>> from_oxigraph(to_oxigraph(Literal("Trump"))) == Literal("Trump")
True
>>> sparql_term(URIRef("http://x/a b"))
Traceback (most recent call last):
...
kg.errors.QueryError: not a valid IRI for SPARQL: 'http://x/a b'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Identifier

from kg.errors import QueryError

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
"""A pyoxigraph term we exchange (RDF-star triples are not used by this project)."""

_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)
_IRI_FORBIDDEN = frozenset('<>"{}|^`\\ ') | frozenset(chr(c) for c in range(0x21))


def to_oxigraph(term: Identifier) -> OxTerm:
    """An rdflib term as a pyoxigraph term; QueryError for anything else."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot use {term!r} as an RDF term")


@lru_cache(maxsize=65536)
def _uri(value: str) -> URIRef:
    """IRIs repeat across result rows; building an rdflib URIRef costs more than a lookup."""
    return URIRef(value)


def from_oxigraph(term: object) -> Identifier:
    """A pyoxigraph term as an rdflib term; plain ``xsd:string`` literals lose their datatype."""
    if isinstance(term, ox.NamedNode):
        return _uri(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _LANG_STRING):
            return Literal(term.value)
        return Literal(term.value, datatype=_uri(datatype))
    raise QueryError(f"unsupported term in results: {term!r}")


def sparql_term(term: Identifier) -> str:
    """A term as SPARQL text, safe to place in a query; blank nodes are refused."""
    if isinstance(term, URIRef):
        if not str(term) or any(ch in _IRI_FORBIDDEN for ch in str(term)):
            raise QueryError(f"not a valid IRI for SPARQL: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise QueryError(f"cannot bind {term!r}: only IRIs and literals can be bound")


def data_term(term: Identifier) -> str:
    """A term as SPARQL text inside ``INSERT DATA`` (blank nodes allowed there)."""
    if isinstance(term, BNode):
        return f"_:b{term}" if str(term).replace("_", "").isalnum() else f"_:b{abs(hash(term))}"
    return sparql_term(term)


def insert_data_body(triples: Iterable[tuple[Identifier, Identifier, Identifier]]) -> str:
    """The triples as SPARQL triple text, one per line, for ``INSERT DATA { GRAPH <g> { … } }``."""
    return "\n".join(f"{data_term(s)} {data_term(p)} {data_term(o)} ." for s, p, o in triples)


def values_clause(bindings: Mapping[str, Identifier]) -> str:
    """A one-row ``VALUES`` clause binding each variable to its term."""
    names = []
    for name in bindings:
        if not name or not name.replace("_", "a").isalnum():
            raise QueryError(f"not a SPARQL variable name: {name!r}")
        names.append(f"?{name}")
    terms = " ".join(sparql_term(term) for term in bindings.values())
    return f"VALUES ({' '.join(names)}) {{ ({terms}) }}"


def graph_to_quads(graph: Graph, graph_name: ox.NamedNode) -> list[ox.Quad]:
    """Every triple of ``graph`` as a pyoxigraph quad in ``graph_name``."""
    return [
        ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph_name)  # type: ignore[arg-type]
        for s, p, o in graph
    ]


__all__ = [
    "OxTerm",
    "data_term",
    "from_oxigraph",
    "graph_to_quads",
    "insert_data_body",
    "sparql_term",
    "to_oxigraph",
    "values_clause",
]
