"""kg.rdf.sparql_guard: what is refused, what is not, and the LIMIT rewrite."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import QueryError
from kg.rdf.sparql_guard import cap_limit, check_query, namespace_filter, tokenize

OURS = namespace_filter("http://127.0.0.1:8000/")


@pytest.mark.parametrize(("query", "form"), [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
    ("prefix ex: <http://x/> ask { ex:a ?p ?o }", "ASK"),
    ("BASE <http://x/> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("DESCRIBE <http://x/a>", "DESCRIBE"),
    ("# leading comment\nSELECT ?x { BIND('''multi\nline ' DELETE''' AS ?x) }", "SELECT"),
    ('SELECT ?x { ?x <http://x/p> "a \\" INSERT" }', "SELECT"),
    ("SELECT ?x { ?x <http://x/DROP> ?y . ?y <http://x/p>+ ?z FILTER(?y<?z && ?z>1) }", "SELECT"),
])
def test_accepted(query: str, form: str) -> None:
    assert check_query(query).form == form


@pytest.mark.parametrize("query", [
    "INSERT DATA { <a> <b> <c> }",
    "PREFIX x: <http://x/> DELETE DATA { x:a x:b x:c }",
    "load <http://example.org/x>",
    "CLEAR DEFAULT", "DROP ALL", "CREATE GRAPH <g>", "ADD <a> TO <b>", "MOVE <a> TO <b>",
    "COPY <a> TO <b>", "WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "SELECT * { ?s ?p ?o } ;\n#x\n INSERT DATA { <a> <b> <c> }",
])
def test_updates_refused(query: str) -> None:
    with pytest.raises(QueryError, match="updates are not accepted here"):
        check_query(query)


def test_service_and_foreign_graphs_refused() -> None:
    with pytest.raises(QueryError, match="SERVICE is refused"):
        check_query("SELECT * { SeRvIcE <http://evil/sparql> { ?s ?p ?o } }")
    for query in ("SELECT * FROM <http://evil/g> { ?s ?p ?o }",
                  "PREFIX e: <http://evil/> SELECT * FROM NAMED e:g { GRAPH ?g { ?s ?p ?o } }",
                  "BASE <http://evil/> SELECT * FROM <g> { ?s ?p ?o }"):
        with pytest.raises(QueryError, match="refused"):
            check_query(query, allow_graph=OURS)
    info = check_query("SELECT * FROM <graph/a> FROM NAMED <graph/b> { ?s ?p ?o }",
                       allow_graph=OURS, base_iri="http://127.0.0.1:8000/")
    assert info.default_graphs == ("http://127.0.0.1:8000/graph/a",)
    assert info.named_graphs == ("http://127.0.0.1:8000/graph/b",)


@pytest.mark.parametrize("query", ["", "   ", "SELECT * { ?s ?p ?o", "SELECT * { ?s ?p 'open }",
                                   "} SELECT", "FOO BAR", "SELECT * { ?s ?p ?o } PREFIX x: <y>"])
def test_malformed(query: str) -> None:
    with pytest.raises(QueryError):
        check_query(query)


@pytest.mark.parametrize(("query", "n"), [
    ("SELECT * { ?s ?p ?o }", 3),
    ("SELECT * { ?s ?p ?o } LIMIT 100", 3),
    ("SELECT * { ?s ?p ?o } LIMIT 2", 2),
    ("SELECT * { ?s ?p ?o } OFFSET 1", 3),
    ("SELECT * { ?s ?p ?o } VALUES ?s { <http://x/1> <http://x/2> <http://x/3> <http://x/4> }", 3),
    ("SELECT * { { SELECT * { ?s ?p ?o } LIMIT 100 } } # end", 3),
    ("CONSTRUCT WHERE { ?s ?p ?o }", 3),
    ("DESCRIBE ?s WHERE { ?s ?p ?o }", 3),
])
def test_cap_limit_keeps_queries_valid(query: str, n: int) -> None:
    store = ox.Store()
    for i in range(1, 6):
        store.add(ox.Quad(ox.NamedNode(f"http://x/{i}"), ox.NamedNode("http://x/p"), ox.Literal(str(i))))
    capped = cap_limit(query, check_query(query), 3)
    result = store.query(capped)
    assert len(list(result)) == n


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_text_in_strings_never_changes_the_verdict(payload: str) -> None:
    literal = '"' + payload.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
    query = f"SELECT ?x WHERE {{ BIND({literal} AS ?x) }}"
    assert check_query(query).form == "SELECT"
    assert [t.kind for t in tokenize(query)].count("string") == 1
