"""A read-only guard for SPARQL queries that come from outside (HTTP ``/sparql``, ``kg query``).

The guard tokenises the query the way the SPARQL 1.1 grammar's lexer does (strings, IRIs,
comments, prefixed names and variables are single tokens), so a keyword hidden inside a
string literal, an IRI or a comment is never mistaken for one, and a keyword written in an
odd case or after a comment is still seen. On the token stream it:

- finds the query form (SELECT, ASK, CONSTRUCT, DESCRIBE);
- refuses updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY, WITH, USING):
  none of these words is a keyword of the query language, so a bare occurrence anywhere
  means an update request;
- refuses ``SERVICE`` (federation would make the service send requests to other hosts);
- collects ``FROM`` / ``FROM NAMED`` graph IRIs (resolving prefixed names and relative IRIs)
  so the caller can refuse graphs outside the store's namespace;
- finds a top-level ``LIMIT`` and where one can be added, for :func:`cap_limit`.

It does not check the full grammar: the store's own parser does that and reports syntax
errors. Tokenising costs microseconds where rdflib's ``parseQuery`` costs milliseconds.

>>> info = check_query("PREFIX ex: <http://x/> SELECT * FROM ex:g WHERE { ?s ?p 'DELETE' } # DROP")
>>> info.form, info.default_graphs
('SELECT', ('http://x/g',))
>>> check_query("DELETE WHERE { ?s ?p ?o }")
Traceback (most recent call last):
...
kg.errors.QueryError: updates are not accepted here: this endpoint answers queries only (found DELETE)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

from kg.errors import QueryError

QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
GRAPH_FORMS = frozenset({"CONSTRUCT", "DESCRIBE"})
UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH", "USING"}
)

_TOKEN = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00B7-\uFFFF]+)
    | (?P<bnode>_:[\w.\-\u00B7-\uFFFF]*)
    | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w.\-\u00B7-\uFFFF]*)?:(?:[\w\-:%\u00B7-\uFFFF]|\\.|\.(?=[\w\-:%\u00B7-\uFFFF\\]))*)
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
    | (?P<punct>\^\^|&&|\|\||!=|<=|>=|[{}()\[\];,.*=<>!+\-/|^@?$])
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int
    depth: int  # brace depth at the token (0 = outside every group)


@dataclass(frozen=True)
class QueryInfo:
    """What the guard learnt about an accepted query."""

    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    default_graphs: tuple[str, ...] = ()  # FROM
    named_graphs: tuple[str, ...] = ()  # FROM NAMED
    has_base: bool = False
    limit: int | None = None  # the top-level LIMIT, when there is one
    limit_span: tuple[int, int] | None = None  # where that number is in the text
    insert_limit_at: int | None = None  # where a LIMIT can be inserted when there is none

    @property
    def returns_graph(self) -> bool:
        return self.form in GRAPH_FORMS


def tokenize(query: str) -> list[Token]:
    """Split ``query`` into tokens (white space and comments dropped); QueryError when a string
    or IRI is left open or a character belongs to no token."""
    tokens: list[Token] = []
    depth = 0
    pos = 0
    n = len(query)
    while pos < n:
        m = _TOKEN.match(query, pos)
        if m is None or m.end() == pos:
            char = query[pos]
            if char in "'\"":
                raise QueryError(f"malformed query: string left open at character {pos}")
            raise QueryError(f"malformed query: unexpected character {char!r} at character {pos}")
        kind = m.lastgroup or "punct"
        text = m.group()
        if kind not in ("ws", "comment"):
            if text == "}":
                depth -= 1
                if depth < 0:
                    raise QueryError(f"malformed query: unbalanced '}}' at character {pos}")
            tokens.append(Token(kind, text, pos, m.end(), depth))
            if text == "{":
                depth += 1
        pos = m.end()
    if depth != 0:
        raise QueryError("malformed query: a '{' is never closed")
    return tokens


def check_query(
    query: str, *, allow_graph: Callable[[str], bool] | None = None, base_iri: str | None = None
) -> QueryInfo:
    """Accept a read-only query or raise QueryError saying why it is refused.

    ``allow_graph`` decides whether a ``FROM``/``FROM NAMED`` IRI may be used (None: any);
    ``base_iri`` resolves relative IRIs when the query has no ``BASE`` of its own (it should be
    the base the query will be evaluated with).
    """
    if not query.strip():
        raise QueryError("empty query: send a SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE query")
    tokens = tokenize(query)
    words = [t for t in tokens if t.kind == "word"]
    for t in words:
        upper = t.text.upper()
        if upper in UPDATE_WORDS:
            raise QueryError(
                f"updates are not accepted here: this endpoint answers queries only (found {upper})"
            )
        if upper == "SERVICE":
            raise QueryError("SERVICE is refused: no requests to other hosts")

    base: str | None = base_iri
    has_base = False
    prefixes: dict[str, str] = {}
    form: str | None = None
    i = 0
    # prologue: BASE <iri> | PREFIX p: <iri>
    while i < len(tokens):
        t = tokens[i]
        up = t.text.upper() if t.kind == "word" else ""
        if up == "BASE" and i + 1 < len(tokens) and tokens[i + 1].kind == "iri":
            base = _resolve(tokens[i + 1].text[1:-1], base)
            has_base = True
            i += 2
        elif up == "PREFIX" and i + 2 < len(tokens) and tokens[i + 1].kind == "pname" and tokens[i + 2].kind == "iri":
            prefixes[tokens[i + 1].text[:-1]] = _resolve(tokens[i + 2].text[1:-1], base)
            i += 3
        elif up in QUERY_FORMS:
            form = up
            i += 1
            break
        else:
            raise QueryError(
                f"malformed query: expected SELECT, ASK, CONSTRUCT or DESCRIBE, found {t.text!r}"
            )
    if form is None:
        raise QueryError("malformed query: no SELECT, ASK, CONSTRUCT or DESCRIBE")

    default_graphs: list[str] = []
    named_graphs: list[str] = []
    limit: int | None = None
    limit_span: tuple[int, int] | None = None
    values_at: int | None = None
    seen_body = False
    while i < len(tokens):
        t = tokens[i]
        up = t.text.upper() if t.kind == "word" else ""
        if t.depth == 0 and t.text == "{":
            seen_body = True
        if up in ("BASE", "PREFIX"):
            raise QueryError("malformed query: BASE and PREFIX belong before the query form")
        if up == "FROM":
            named = i + 1 < len(tokens) and tokens[i + 1].kind == "word" and tokens[i + 1].text.upper() == "NAMED"
            j = i + 2 if named else i + 1
            if j >= len(tokens):
                raise QueryError("malformed query: FROM without a graph IRI")
            iri = _term_iri(tokens[j], prefixes, base)
            if allow_graph is not None and not allow_graph(iri):
                raise QueryError(
                    f"FROM{' NAMED' if named else ''} <{iri}> is refused: only graphs of this "
                    "store can be queried (no data is fetched from other hosts)"
                )
            (named_graphs if named else default_graphs).append(iri)
            i = j + 1
            continue
        if t.depth == 0 and seen_body and up == "LIMIT" and i + 1 < len(tokens) and tokens[i + 1].kind == "number":
            limit = int(tokens[i + 1].text)
            limit_span = (tokens[i + 1].start, tokens[i + 1].end)
        if t.depth == 0 and seen_body and up == "VALUES" and values_at is None:
            values_at = t.start
        i += 1

    insert_at: int | None = None
    if limit is None and form != "ASK":
        insert_at = values_at if values_at is not None else len(query)
    return QueryInfo(
        form=form,
        default_graphs=tuple(default_graphs),
        named_graphs=tuple(named_graphs),
        has_base=has_base,
        limit=limit,
        limit_span=limit_span,
        insert_limit_at=insert_at,
    )


def cap_limit(query: str, info: QueryInfo, cap: int) -> str:
    """The query with its top-level LIMIT lowered to ``cap`` (or ``LIMIT cap`` added).

    >>> q = "SELECT * { ?s ?p ?o } # no limit"
    >>> cap_limit(q, check_query(q), 11)
    'SELECT * { ?s ?p ?o } # no limit\\nLIMIT 11\\n'
    >>> q = "SELECT * { { SELECT * { ?s ?p ?o } LIMIT 5 } } LIMIT 500 OFFSET 2"
    >>> cap_limit(q, check_query(q), 11)
    'SELECT * { { SELECT * { ?s ?p ?o } LIMIT 5 } } LIMIT 11 OFFSET 2'
    """
    if info.form == "ASK":
        return query
    if info.limit is not None and info.limit_span is not None:
        if info.limit <= cap:
            return query
        a, b = info.limit_span
        return f"{query[:a]}{cap}{query[b:]}"
    at = info.insert_limit_at if info.insert_limit_at is not None else len(query)
    return f"{query[:at]}\nLIMIT {cap}\n{query[at:]}"


def namespace_filter(*namespaces: str) -> Callable[[str], bool]:
    """A graph test for :func:`check_query`: true for IRIs under one of ``namespaces``."""
    roots = tuple(namespaces)
    return lambda iri: iri.startswith(roots)


def _resolve(iri: str, base: str | None) -> str:
    if base and not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", iri):
        return urljoin(base, iri)
    return iri


def _term_iri(token: Token, prefixes: dict[str, str], base: str | None) -> str:
    if token.kind == "iri":
        return _resolve(token.text[1:-1], base)
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        if prefix not in prefixes:
            raise QueryError(f"malformed query: prefix {prefix!r}: is not declared")
        return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
    raise QueryError(f"malformed query: FROM needs a graph IRI, found {token.text!r}")


__all__ = [
    "GRAPH_FORMS",
    "QUERY_FORMS",
    "UPDATE_WORDS",
    "QueryInfo",
    "Token",
    "cap_limit",
    "check_query",
    "namespace_filter",
    "tokenize",
]
