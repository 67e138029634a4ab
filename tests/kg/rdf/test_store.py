"""The KnowledgeStore contract, run against every backend: embedded Oxigraph in memory and on
disk, and a remote SPARQL endpoint (a real ``oxigraph serve``, marked ``remote``)."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import threading
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import to_isomorphic
from rdflib.namespace import RDF, XSD

from kg.config import Settings
from kg.errors import (
    ArticleNotFoundError,
    ConfigError,
    ExportError,
    QueryError,
    QueryTimeoutError,
    StoreError,
    StoreLockedError,
)
from kg.ids import graph_iri
from kg.rdf.backends import open_store, open_store_from_settings
from kg.rdf.oxigraph_store import OxigraphStore
from kg.rdf.store import KnowledgeStore

BASE = "http://kg.test/"
EX = "http://kg.test/id/"
P = URIRef(EX + "p")
NAME = URIRef(EX + "name")

HOSTILE = [
    'He said "no"',
    "it's",
    "'''triple''' \"\"\"quotes\"\"\"",
    "} ; DROP ALL ; INSERT DATA { <x:a> <x:b> <x:c> } #",
    "line one\nline two\r\n\ttab",
    "back\\slash \\u0022 not a quote",
    "nul \u0000 bell \u0007 esc \u001b del \u007f",
    "?o $o <http://kg.test/id/x> _:b",
    "unicode Zoë 北京 \u2028 \U0001f600",
    "",
]


def article_graph(article: str, n: int, *, extra: str = "") -> Graph:
    """A small graph for an article: ``n`` facts about its own subject, plus a shared subject."""
    graph = Graph()
    subject = URIRef(f"{EX}thing/{article}")
    graph.add((subject, RDF.type, URIRef(EX + "Thing")))
    for i in range(n - 1):
        graph.add((subject, P, Literal(f"{article}-{i}{extra}")))
    return graph


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    """One on-disk store for the module (opening RocksDB is the slow part), emptied per test."""
    with OxigraphStore(tmp_path_factory.mktemp("disk") / "kg", BASE) as opened:
        yield opened


@pytest.fixture(params=["memory", "disk", pytest.param("remote", marks=pytest.mark.remote)])
def store(request: pytest.FixtureRequest) -> Iterator[KnowledgeStore]:
    if request.param == "disk":
        reused: OxigraphStore = request.getfixturevalue("disk_store")
        reused.store.clear()
        yield reused
        return
    if request.param == "memory":
        opened: KnowledgeStore = OxigraphStore(None, BASE)
    else:
        from kg.rdf.remote_store import RemoteStore

        url = request.getfixturevalue("oxigraph_server")
        httpx.post(f"{url}/update", content="DROP ALL",
                   headers={"Content-Type": "application/sparql-update"}).raise_for_status()
        opened = RemoteStore(f"{url}/query", f"{url}/update", base_iri=BASE, timeout=30)
    with opened:
        yield opened


# ------------------------------------------------------------------ writes


def test_put_has_articles_count(store: KnowledgeStore) -> None:
    store.put_article("b", article_graph("b", 3))
    store.put_article("a/1 x", article_graph("a", 4))
    assert store.articles() == ["a/1 x", "b"]
    assert store.has_article("b") and store.has_article("a/1 x")
    assert not store.has_article("c")
    assert store.count("b") == 3
    assert store.count("a/1 x") == 4
    assert store.count() == 7


def test_put_replaces_the_article_graph(store: KnowledgeStore) -> None:
    store.put_article("a", article_graph("a", 5))
    store.put_article("a", article_graph("a", 2, extra="-new"))
    assert store.count("a") == 2
    assert not store.ask("ASK { ?s ?p ?o FILTER(?o = ?old) }", {"old": Literal("a-0")})
    assert store.ask("ASK { ?s ?p ?o FILTER(?o = ?new) }", {"new": Literal("a-0-new")})


def test_put_same_graph_again_changes_nothing(store: KnowledgeStore) -> None:
    graph = article_graph("a", 4)
    store.put_article("a", graph)
    before = store.count()
    store.put_article("a", graph)
    assert store.count() == before == 4
    assert store.articles() == ["a"]


def test_delete_removes_only_that_graph(store: KnowledgeStore) -> None:
    shared = (URIRef(EX + "shared"), NAME, Literal("both"))
    first, second = article_graph("a", 3), article_graph("b", 2)
    first.add(shared)
    second.add(shared)
    store.put_article("a", first)
    store.put_article("b", second)
    assert store.delete_article("a") is True
    assert store.delete_article("a") is False
    assert store.articles() == ["b"]
    assert store.count() == store.count("b") == 3
    assert store.ask("ASK { ?s ?p ?o }", {"s": shared[0], "p": shared[1], "o": shared[2]})


def test_default_graph_is_the_union_of_article_graphs(store: KnowledgeStore) -> None:
    store.put_article("a", article_graph("a", 2))
    store.put_article("b", article_graph("b", 2))
    rows = store.select("SELECT ?s WHERE { ?s a ?t }")
    assert sorted(str(r["s"]) for r in rows) == [f"{EX}thing/a", f"{EX}thing/b"]
    graphs = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                          "FILTER(STRSTARTS(STR(?g), ?prefix)) }", {"prefix": Literal(f"{BASE}graph/")})
    assert sorted(str(r["g"]) for r in graphs) == [graph_iri(BASE, "a"), graph_iri(BASE, "b")]


def test_generation_changes_on_every_write(store: KnowledgeStore) -> None:
    seen = [store.generation()]
    store.put_article("a", article_graph("a", 2))
    seen.append(store.generation())
    store.put_article("a", article_graph("a", 2))
    seen.append(store.generation())
    store.delete_article("a")
    seen.append(store.generation())
    assert len(set(seen)) == 4
    assert store.generation() == seen[-1]  # reading does not move it


def test_blank_nodes_are_stored_per_article(store: KnowledgeStore) -> None:
    graph = article_graph("a", 1)
    node = BNode()
    graph.add((URIRef(EX + "m"), URIRef(EX + "role"), node))
    graph.add((node, NAME, Literal("President")))
    store.put_article("a", graph)
    store.put_article("a", graph)
    assert store.count("a") == 3
    rows = store.select(f"SELECT ?r ?t WHERE {{ <{EX}m> <{EX}role> ?r . ?r <{EX}name> ?t }}")
    assert [r["t"] for r in rows] == [Literal("President")]
    assert isinstance(rows[0]["r"], BNode)


# ------------------------------------------------------------------ atomicity


class _Exploding(Graph):
    """A graph whose iteration fails after a few triples, like a write that breaks midway."""

    def __iter__(self):  # type: ignore[no-untyped-def]
        for i, triple in enumerate(super().__iter__()):
            if i == 3:
                raise RuntimeError("disk full (simulated)")
            yield triple


def test_failed_write_leaves_the_old_article(store: KnowledgeStore) -> None:
    store.put_article("a", article_graph("a", 4))
    broken = _Exploding()
    for triple in article_graph("a", 10, extra="-new"):
        broken.add(triple)
    with pytest.raises(RuntimeError):
        store.put_article("a", broken)
    assert store.count("a") == 4
    assert store.ask("ASK { ?s ?p ?o }", {"o": Literal("a-0")})


def test_invalid_term_write_leaves_the_old_article(store: KnowledgeStore) -> None:
    store.put_article("a", article_graph("a", 4))
    bad = article_graph("a", 10, extra="-new")
    bad.add((URIRef(EX + "x"), P, URIRef("http://kg.test/has space>")))
    with pytest.raises((QueryError, StoreError)):
        store.put_article("a", bad)
    assert store.count("a") == 4


def test_readers_never_see_half_an_article(store: KnowledgeStore) -> None:
    small, large = article_graph("a", 3), article_graph("a", 300, extra="-big")
    store.put_article("a", small)
    seen: set[int] = set()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                                {"g": URIRef(graph_iri(BASE, "a"))})
            seen.add(int(rows[0]["n"]))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for i in range(30):
            store.put_article("a", large if i % 2 == 0 else small)
    finally:
        stop.set()
        reader.join()
    assert seen <= {3, 300}
    assert store.count("a") == 3


# ------------------------------------------------------------------ reads and bindings


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_bindings_with_hostile_strings(store: KnowledgeStore, text: str) -> None:
    graph = article_graph("a", 2)
    target = URIRef(EX + "target")
    graph.add((target, NAME, Literal(text)))
    graph.add((URIRef(EX + "decoy"), NAME, Literal(text + "!")))
    store.put_article("a", graph)
    rows = store.select("SELECT ?s ?name WHERE { ?s ?p ?name }", {"name": Literal(text)})
    assert [r["s"] for r in rows] == [target]
    assert rows[0]["name"] == Literal(text)
    assert store.ask("ASK { ?s ?p ?name }", {"name": Literal(text)})
    built = store.construct("CONSTRUCT { ?s ?p ?name } WHERE { ?s ?p ?name }", {"name": Literal(text)})
    assert set(built) == {(target, NAME, Literal(text))}
    assert store.count() == 4 and store.articles() == ["a"]


def test_bindings_of_iris_and_typed_literals(store: KnowledgeStore) -> None:
    graph = article_graph("a", 1)
    graph.add((URIRef(EX + "m"), URIRef(EX + "date"), Literal("2018-01-10", datatype=XSD.date)))
    graph.add((URIRef(EX + "m"), URIRef(EX + "label"), Literal("Pékin", lang="fr")))
    store.put_article("a", graph)
    rows = store.select("SELECT ?s ?d WHERE { ?s ?p ?d }", {"d": Literal("2018-01-10", datatype=XSD.date)})
    assert [r["s"] for r in rows] == [URIRef(EX + "m")]
    rows = store.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", {"s": URIRef(EX + "m"), "o": Literal("Pékin", lang="fr")})
    assert [r["p"] for r in rows] == [URIRef(EX + "label")]
    assert rows[0]["o"] == Literal("Pékin", lang="fr")


def test_select_returns_unbound_as_absent(store: KnowledgeStore) -> None:
    store.put_article("a", article_graph("a", 2))
    rows = store.select(f"SELECT ?s ?missing WHERE {{ ?s a <{EX}Thing> OPTIONAL {{ ?s <{EX}nope> ?missing }} }}")
    assert rows == [{"s": URIRef(f"{EX}thing/a")}]


def test_construct_builds_a_graph(store: KnowledgeStore) -> None:
    store.put_article("a", article_graph("a", 3))
    store.put_article("b", article_graph("b", 2))
    built = store.construct(f"CONSTRUCT {{ ?s <{EX}seen> ?o }} WHERE {{ ?s <{EX}p> ?o }}")
    assert len(built) == 3
    assert (URIRef(f"{EX}thing/b"), URIRef(f"{EX}seen"), Literal("b-0")) in built


@pytest.mark.parametrize("query", [
    "SELECT ?s WHERE { ?s ?p }",
    "SELEKT * WHERE { ?s ?p ?o }",
    "INSERT DATA { <http://a> <http://b> <http://c> }",
])
def test_malformed_or_update_query_is_a_query_error(store: KnowledgeStore, query: str) -> None:
    with pytest.raises(QueryError):
        store.select(query)
    with pytest.raises(QueryError):
        store.query_to(query, "application/sparql-results+json", io.BytesIO())


def test_wrong_query_form_is_a_query_error(store: KnowledgeStore) -> None:
    with pytest.raises(QueryError):
        store.select("ASK { ?s ?p ?o }")
    with pytest.raises(QueryError):
        store.ask("SELECT * { ?s ?p ?o }")


# ------------------------------------------------------------------ query_to


def _load_two(store: KnowledgeStore) -> None:
    store.put_article("a", article_graph("a", 3))
    store.put_article("b", article_graph("b", 2))


SELECT_ALL = f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?o"


def _values(media_type: str, body: bytes) -> list[str]:
    """The ``o`` values of a SELECT result, whatever its format."""
    if media_type == "application/sparql-results+json":
        return [b["o"]["value"] for b in json.loads(body)["results"]["bindings"]]
    if media_type == "application/sparql-results+xml":
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        root = ET.fromstring(body)
        return [b.find("r:literal", ns).text or "" for b in root.iterfind(".//r:binding[@name='o']", ns)]  # type: ignore[union-attr]
    if media_type == "text/csv":
        return [row["o"] for row in csv.DictReader(io.StringIO(body.decode()))]
    rows = list(csv.DictReader(io.StringIO(body.decode()), delimiter="\t"))
    # TSV writes terms in SPARQL syntax; Oxigraph leaves simple literals that need no escape bare
    return [json.loads(v) if v.startswith('"') else v for v in (row["?o"] for row in rows)]


@pytest.mark.parametrize("media_type", [
    "application/sparql-results+json", "application/sparql-results+xml", "text/csv",
    "text/tab-separated-values",
])
def test_query_to_results_formats(store: KnowledgeStore, media_type: str) -> None:
    _load_two(store)
    out = io.BytesIO()
    written = store.query_to(SELECT_ALL, media_type, out)
    assert written == media_type
    assert _values(media_type, out.getvalue()) == ["a-0", "a-1", "b-0"]


@pytest.mark.parametrize("media_type,rdflib_format", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"),
])
def test_query_to_graph_formats(store: KnowledgeStore, media_type: str, rdflib_format: str) -> None:
    _load_two(store)
    out = io.BytesIO()
    written = store.query_to(f"CONSTRUCT {{ ?s <{EX}p> ?o }} WHERE {{ ?s <{EX}p> ?o }}", media_type, out)
    assert written == media_type
    expected = Graph()
    for triple in list(article_graph("a", 3)) + list(article_graph("b", 2)):
        if triple[1] == P:
            expected.add(triple)
    assert to_isomorphic(_parse(out.getvalue(), rdflib_format)) == to_isomorphic(expected)


def test_query_to_ask_and_fallback_media_type(store: KnowledgeStore) -> None:
    _load_two(store)
    out = io.BytesIO()
    assert store.query_to("ASK { ?s ?p ?o }", "application/sparql-results+json", out) == \
        "application/sparql-results+json"
    assert json.loads(out.getvalue())["boolean"] is True
    out = io.BytesIO()  # a graph type for a SELECT falls back to the results default
    assert store.query_to(SELECT_ALL, "text/turtle", out) == "application/sparql-results+json"
    assert len(json.loads(out.getvalue())["results"]["bindings"]) == 3


def test_query_to_dataset_parameters(store: KnowledgeStore) -> None:
    _load_two(store)
    g_a, g_b = graph_iri(BASE, "a"), graph_iri(BASE, "b")
    out = io.BytesIO()
    store.query_to("SELECT ?o WHERE { ?s ?p ?o }", "text/csv", out, default_graph_uris=[g_b])
    assert sorted(r["o"] for r in csv.DictReader(io.StringIO(out.getvalue().decode()))) == \
        sorted([f"{EX}Thing", "b-0"])
    out = io.BytesIO()
    store.query_to("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "text/csv", out,
                   named_graph_uris=[g_a])
    assert [r["g"] for r in csv.DictReader(io.StringIO(out.getvalue().decode()))] == [g_a]


def _parse(body: bytes, rdflib_format: str) -> Graph:
    with warnings.catch_warnings():  # rdflib's own deprecations inside its parsers
        warnings.simplefilter("ignore", DeprecationWarning)
        return Graph().parse(data=body, format=rdflib_format)


def _parse_dataset(body: bytes, rdflib_format: str) -> Dataset:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset = Dataset()
        dataset.parse(data=body, format=rdflib_format)
        return dataset


def _fill_for_slow_queries(store: KnowledgeStore, n: int = 1500) -> None:
    graph = Graph()
    for i in range(n):
        graph.add((URIRef(f"{EX}n{i}"), P, Literal(i)))
    store.put_article("big", graph)


SLOW = f"SELECT * WHERE {{ ?a <{EX}p> ?x . ?b <{EX}p> ?y . ?c <{EX}p> ?z }}"
"""A cross join of 1500³ solutions: far longer than any time limit used here."""


def test_query_timeout(store: KnowledgeStore) -> None:
    _fill_for_slow_queries(store)
    with pytest.raises(QueryTimeoutError):
        store.query_to(SLOW, "application/sparql-results+json", io.BytesIO(), timeout=0.5)
    out = io.BytesIO()  # the store still answers afterwards
    store.query_to("ASK { ?s ?p ?o }", "application/sparql-results+json", out, timeout=30)
    assert json.loads(out.getvalue())["boolean"] is True


def test_abandoned_streaming_evaluation_winds_down() -> None:
    from kg.rdf._deadline import wait_abandoned

    with OxigraphStore(None, BASE) as store:
        _fill_for_slow_queries(store)
        with pytest.raises(QueryTimeoutError):
            store.select(SLOW, timeout=0.3)
        assert wait_abandoned(30) == 0  # it stopped at its next solution, not after 1500³


def test_select_timeout(store: KnowledgeStore) -> None:
    _fill_for_slow_queries(store)
    with pytest.raises(QueryTimeoutError):
        store.select(SLOW, timeout=0.5)


# ------------------------------------------------------------------ dumps


def test_dump_nquads_keeps_graphs(store: KnowledgeStore) -> None:
    _load_two(store)
    out = io.BytesIO()
    store.dump("application/n-quads", out)
    dataset = _parse_dataset(out.getvalue(), "nquads")
    assert len(dataset.graph(URIRef(graph_iri(BASE, "a")))) == 3
    assert len(dataset.graph(URIRef(graph_iri(BASE, "b")))) == 2


@pytest.mark.parametrize("media_type,rdflib_format", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/trig", "trig"),
])
def test_dump_one_article(store: KnowledgeStore, media_type: str, rdflib_format: str) -> None:
    _load_two(store)
    out = io.BytesIO()
    store.dump(media_type, out, "a")
    if rdflib_format == "trig":
        got = _parse_dataset(out.getvalue(), "trig").graph(URIRef(graph_iri(BASE, "a")))
    else:
        got = _parse(out.getvalue(), rdflib_format)
    assert to_isomorphic(got) == to_isomorphic(article_graph("a", 3))


def test_dump_everything_as_turtle_is_the_union(store: KnowledgeStore) -> None:
    _load_two(store)
    out = io.BytesIO()
    store.dump("text/turtle", out)
    expected = article_graph("a", 3) + article_graph("b", 2)
    assert to_isomorphic(_parse(out.getvalue(), "turtle")) == to_isomorphic(expected)


def test_dump_refuses_unknown_format_and_article(store: KnowledgeStore) -> None:
    _load_two(store)
    with pytest.raises(ExportError):
        store.dump("text/csv", io.BytesIO())
    with pytest.raises(ArticleNotFoundError):
        store.dump("text/turtle", io.BytesIO(), "nope")


# ------------------------------------------------------------------ embedded only: lock, reopen

OPEN_SCRIPT = """
import sys
from kg.errors import StoreLockedError
from kg.rdf.backends import open_store, open_store_from_settings
from kg.rdf.oxigraph_store import OxigraphStore
try:
    with OxigraphStore(sys.argv[1], "http://kg.test/", read_only=sys.argv[2] == "ro") as s:
        print("OPENED", s.articles())
except StoreLockedError as exc:
    print("LOCKED", exc.holder)
"""


def _open_elsewhere(folder: Path, mode: str) -> str:
    done = subprocess.run([sys.executable, "-c", OPEN_SCRIPT, str(folder), mode],
                          capture_output=True, text=True, timeout=120, check=True)
    return done.stdout.strip()


def test_second_process_fails_fast_naming_the_holder(tmp_path: Path) -> None:
    folder = tmp_path / "kg"
    with OxigraphStore(folder, BASE) as store:
        store.put_article("a", article_graph("a", 2))
        store.set_holder_info(url="http://127.0.0.1:8123/")
        for mode in ("rw", "ro"):
            answer = _open_elsewhere(folder, mode)
            assert answer.startswith("LOCKED ")
            holder = json.loads(answer.removeprefix("LOCKED "))
            assert holder["url"] == "http://127.0.0.1:8123/"
            assert holder["pid"] == __import__("os").getpid()
    assert _open_elsewhere(folder, "ro") == "OPENED ['a']"
    assert _open_elsewhere(folder, "rw") == "OPENED ['a']"


def test_same_process_second_writer_is_refused(tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "kg", BASE):
        with pytest.raises(StoreLockedError):
            OxigraphStore(tmp_path / "kg", BASE)


def test_readers_share_and_keep_writers_out(tmp_path: Path) -> None:
    folder = tmp_path / "kg"
    with OxigraphStore(folder, BASE) as store:
        store.put_article("a", article_graph("a", 2))
        written = store.generation()
    with OxigraphStore(folder, BASE, read_only=True) as one, \
            OxigraphStore(folder, BASE, read_only=True) as two:
        assert one.articles() == two.articles() == ["a"]
        assert one.generation() == written
        with pytest.raises(StoreError):
            one.put_article("b", article_graph("b", 2))
        with pytest.raises(StoreLockedError):
            OxigraphStore(folder, BASE)


def test_reopen_keeps_data_and_generation(tmp_path: Path) -> None:
    folder = tmp_path / "kg"
    with OxigraphStore(folder, BASE) as store:
        store.put_article("a", article_graph("a", 3))
        generation = store.generation()
    with OxigraphStore(folder, BASE) as store:
        assert store.count("a") == 3
        assert store.generation() == generation
        store.delete_article("a")
        assert store.generation() != generation


def test_read_only_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        OxigraphStore(tmp_path / "absent", BASE, read_only=True)


def test_closed_store_refuses_work() -> None:
    store = OxigraphStore(None, BASE)
    store.close()
    with pytest.raises(StoreError):
        store.count()


# ------------------------------------------------------------------ remote only


def test_unreachable_endpoint_is_a_store_error() -> None:
    from kg.rdf.remote_store import RemoteStore

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with RemoteStore(f"http://127.0.0.1:{port}/query", base_iri=BASE, timeout=5) as store:
        with pytest.raises(StoreError):
            store.count()
        with pytest.raises(StoreError):
            store.put_article("a", article_graph("a", 2))


@pytest.mark.remote
def test_remote_read_only_refuses_writes(oxigraph_server: str) -> None:
    from kg.rdf.remote_store import RemoteStore

    with RemoteStore(f"{oxigraph_server}/query", base_iri=BASE, read_only=True) as store:
        with pytest.raises(StoreError):
            store.put_article("a", article_graph("a", 2))
        with pytest.raises(StoreError):
            store.delete_article("a")


@pytest.mark.remote
def test_remote_generation_is_shared_by_every_client(oxigraph_server: str) -> None:
    from kg.rdf.remote_store import RemoteStore

    urls = (f"{oxigraph_server}/query", f"{oxigraph_server}/update")
    with RemoteStore(*urls, base_iri=BASE) as writer, RemoteStore(*urls, base_iri=BASE) as other:
        before = other.generation()
        writer.put_article("shared-gen", article_graph("g", 2))
        assert other.generation() != before
        assert other.generation() == writer.generation()
        writer.delete_article("shared-gen")


@pytest.mark.remote
def test_remote_endpoint_message_reaches_the_error(oxigraph_server: str) -> None:
    from kg.rdf.remote_store import RemoteStore

    with RemoteStore(f"{oxigraph_server}/query", f"{oxigraph_server}/update", base_iri=BASE) as store:
        with pytest.raises(QueryError) as caught:
            store.select("SELECT ?s WHERE { ?s ?p ?o FILTER( }")
    assert "400" in str(caught.value) and len(str(caught.value)) > len("the endpoint answered 400: ")


# ------------------------------------------------------------------ opening by location


def test_open_store_by_location(tmp_path: Path) -> None:
    from kg.rdf.remote_store import RemoteStore

    with open_store(str(tmp_path / "kg"), base_iri=BASE) as folder:
        assert isinstance(folder, OxigraphStore) and folder.path == tmp_path / "kg"
    with open_store("memory:", base_iri=BASE) as memory:
        assert isinstance(memory, OxigraphStore) and memory.path is None
    with open_store("http://127.0.0.1:7878/query", base_iri=BASE) as remote:
        assert isinstance(remote, RemoteStore)
        assert remote.update_url == "http://127.0.0.1:7878/update"
    with open_store("https://example.org/sparql", base_iri=BASE,
                    update_endpoint="https://example.org/up") as remote:
        assert isinstance(remote, RemoteStore) and remote.update_url == "https://example.org/up"
    with pytest.raises(ConfigError):
        open_store("ftp://example.org/kg", base_iri=BASE)


def test_open_store_from_settings(tmp_path: Path) -> None:
    settings = Settings.from_env({"KG_STORE": str(tmp_path / "kg"), "KG_BASE_IRI": BASE})
    with open_store_from_settings(settings) as store:
        store.put_article("a", article_graph("a", 2))
    with open_store_from_settings(settings, read_only=True) as store:
        assert store.articles() == ["a"]


def test_read_only_open_of_a_served_folder_goes_through_the_service(tmp_path: Path) -> None:
    from kg.rdf.remote_store import RemoteStore

    folder = tmp_path / "kg"
    with OxigraphStore(folder, BASE) as held:
        with pytest.raises(StoreLockedError):  # no URL recorded: nothing to fall back on
            open_store(str(folder), base_iri=BASE, read_only=True)
        held.set_holder_info(url="http://127.0.0.1:8123/")
        with open_store(str(folder), base_iri=BASE, read_only=True) as reader:
            assert isinstance(reader, RemoteStore)
            assert reader.query_url == "http://127.0.0.1:8123/sparql" and reader.read_only
        with pytest.raises(StoreLockedError):  # writers are never redirected
            open_store(str(folder), base_iri=BASE)
