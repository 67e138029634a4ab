"""Bind user values into a query as data: a one-row ``VALUES`` block at the start of the
query's WHERE group.

The values are written by :func:`kg.rdf.terms.sparql_term` (escaped literals, checked IRIs),
never pasted raw; the place is found on the query's token stream, so braces inside strings,
IRIs or comments do not mislead it. Placed first in the WHERE group, the block joins with the
whole group before its FILTERs run, so a variable used only in a FILTER is bound too.

The remote backend binds this way; the embedded one uses pyoxigraph's native substitution and
falls back to this when pyoxigraph refuses (a variable outside the SELECT projection).

>>> from rdflib import Literal
>>> inline_values('SELECT ?s { ?s ?p "}" FILTER(?o = ?x) }', {"x": Literal('a"}')})
'SELECT ?s { VALUES (?x) { ("a\\\\"}") } ?s ?p "}" FILTER(?o = ?x) }'
>>> from rdflib import URIRef
>>> inline_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": URIRef("http://x/a")})
'CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { (<http://x/a>) } ?s ?p ?o }'
"""

from __future__ import annotations

from collections.abc import Mapping

from rdflib.term import Identifier

from kg.errors import QueryError
from kg.rdf.sparql_guard import Token, tokenize
from kg.rdf.terms import values_clause


def where_group_start(query: str) -> int:
    """Index just after the ``{`` that opens the query's WHERE group."""
    tokens = tokenize(query)
    openers = [t for t in tokens if t.text == "{" and t.depth == 0]
    words = [t.text.upper() for t in tokens if t.kind == "word"]
    if not openers:
        raise QueryError("cannot bind values: the query has no WHERE group")
    is_template = "CONSTRUCT" in words and not _construct_where(tokens)
    index = 1 if is_template else 0
    if len(openers) <= index:
        raise QueryError("cannot bind values: the query has no WHERE group")
    return openers[index].end


def _construct_where(tokens: list[Token]) -> bool:
    """True for the short form ``CONSTRUCT WHERE { … }`` (no separate template)."""
    for i, token in enumerate(tokens):
        if token.kind == "word" and token.text.upper() == "CONSTRUCT":
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            return following is not None and following.text.upper() == "WHERE"
    return False


def inline_values(query: str, bindings: Mapping[str, Identifier]) -> str:
    """``query`` with ``bindings`` as a VALUES block opening its WHERE group."""
    if not bindings:
        return query
    at = where_group_start(query)
    return f"{query[:at]} {values_clause(bindings)}{query[at:]}"


__all__ = ["inline_values", "where_group_start"]
