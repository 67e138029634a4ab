"""A store behind a SPARQL 1.1 endpoint (Oxigraph server, Apache Jena Fuseki, Virtuoso…).

Speaks the SPARQL 1.1 Protocol over httpx: queries are ``POST`` ``application/sparql-query``
with an ``Accept`` header (and ``default-graph-uri`` / ``named-graph-uri`` parameters), writes
are ``POST`` ``application/sparql-update``.

- ``put_article`` is ONE update request, ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> {…} }
  ; <generation bump>``: Oxigraph and Fuseki run one request as one transaction.
- ``bindings`` are written into the query as a VALUES block opening its WHERE group, each term
  serialised and escaped by rdflib (:mod:`kg.rdf.bindings`), never pasted raw.
- ``generation()`` is a counter in a system graph, ``<base>system``, moved on by every write
  in the same request as the write. The endpoint must be set up so that its default graph is
  the union of the named graphs (``oxigraph serve --union-default-graph``, Fuseki's
  ``unionDefaultGraph``); the counter triple is then visible to queries as well. Writes made
  to the endpoint by others do not move the counter.
- Time limits: a query's whole exchange (connect, wait, every chunk of the answer) must end by
  the deadline, else QueryTimeoutError and the connection is dropped; a well-behaved endpoint
  then stops the evaluation when its write fails.
- Errors: the endpoint's 4xx answers to queries become QueryError with its message, anything
  else (5xx, refused connection) StoreError.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from tempfile import SpooledTemporaryFile
from typing import IO, Any

import httpx
import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier

from kg._types import ArticleId, MediaType
from kg.errors import ArticleNotFoundError, ExportError, QueryError, QueryTimeoutError, StoreError
from kg.ids import article_id_from_iri, graph_iri
from kg.namespaces import PREFIXES
from kg.rdf import formats
from kg.rdf.bindings import inline_values
from kg.rdf.sparql_guard import QUERY_FORMS, tokenize
from kg.rdf.store import KnowledgeStore, Row
from kg.rdf.terms import from_oxigraph, insert_data_body, sparql_term, to_oxigraph

logger = logging.getLogger(__name__)

SPOOL_BYTES = 8 * 1024 * 1024
_RESULTS_JSON = "application/sparql-results+json"
_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first query-form keyword (QueryError if none)."""
    for token in tokenize(query):
        if token.kind == "word" and token.text.upper() in QUERY_FORMS:
            return token.text.upper()
    raise QueryError("not a SPARQL query (no SELECT, ASK, CONSTRUCT or DESCRIBE)")


def _ox_term(value: Mapping[str, str]) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A term of the SPARQL JSON results format as a pyoxigraph term."""
    kind = value.get("type")
    if kind == "uri":
        return ox.NamedNode(value["value"])
    if kind == "bnode":
        return ox.BlankNode(value["value"])
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return ox.Literal(value["value"], language=value["xml:lang"])
        if "datatype" in value:
            return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
        return ox.Literal(value["value"])
    raise QueryError(f"unsupported term in the endpoint's answer: {value!r}")


class RemoteStore(KnowledgeStore):
    """A :class:`KnowledgeStore` over a SPARQL 1.1 query (and update) endpoint.

    ``update_url`` defaults to ``query_url``; ``read_only=True`` refuses writes locally.
    ``timeout`` is the default limit in seconds of every request.
    """

    def __init__(self, query_url: str, update_url: str | None = None, *, base_iri: str,
                 timeout: float = 60.0, read_only: bool = False,
                 headers: Mapping[str, str] | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.base_iri = base_iri
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.timeout = timeout
        self.read_only = read_only
        self.system_graph = f"{base_iri}system"
        self._generation_predicate = f"{base_iri}system#generation"
        self._client: httpx.Client | None = httpx.Client(
            timeout=timeout, headers=dict(headers or {}), transport=transport)

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            raise StoreError("the store is closed")
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    # ------------------------------------------------------------------ HTTP

    @contextmanager
    def _query_response(self, query: str, accept: str, *, timeout: float | None,
                        default_graph_uris: list[str] | None = None,
                        named_graph_uris: list[str] | None = None) -> Iterator[tuple[httpx.Response, float]]:
        """POST the query; yields the open response (status checked) and the deadline."""
        limit = timeout if timeout is not None else self.timeout
        deadline = time.monotonic() + limit
        params = [("default-graph-uri", u) for u in default_graph_uris or []]
        params += [("named-graph-uri", u) for u in named_graph_uris or []]
        try:
            with self.client.stream(
                "POST", self.query_url, content=query.encode("utf-8"), params=params,
                headers={"Content-Type": "application/sparql-query", "Accept": accept},
                timeout=httpx.Timeout(limit),
            ) as response:
                if response.status_code >= 400:
                    response.read()
                    message = f"the endpoint answered {response.status_code}: {response.text[:1000]}"
                    if response.status_code < 500:
                        raise QueryError(message)
                    raise StoreError(message)
                yield response, deadline
        except httpx.TimeoutException as exc:
            raise QueryTimeoutError(f"the query ran longer than {limit:g} s") from exc
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL endpoint {self.query_url}: {exc}") from exc

    def _read(self, query: str, accept: str, *, timeout: float | None, sink: IO[bytes],
              **dataset: list[str] | None) -> str:
        """Stream the answer into ``sink`` by the deadline; returns its media type."""
        with self._query_response(query, accept, timeout=timeout, **dataset) as (response, deadline):
            for chunk in response.iter_bytes():
                if time.monotonic() > deadline:
                    raise QueryTimeoutError(
                        f"the query ran longer than {timeout if timeout is not None else self.timeout:g} s")
                sink.write(chunk)
            return formats.normalise(response.headers.get("content-type", accept))

    def _results_json(self, query: str, timeout: float | None) -> dict[str, Any]:
        spool = SpooledTemporaryFile(max_size=SPOOL_BYTES)
        with spool:
            media = self._read(query, _RESULTS_JSON, timeout=timeout, sink=spool)
            if media != _RESULTS_JSON:
                raise QueryError(f"expected SPARQL JSON results, the endpoint sent {media}")
            spool.seek(0)
            try:
                data = json.load(spool)
            except ValueError as exc:
                raise StoreError(f"unreadable answer from the endpoint: {exc}") from exc
        if not isinstance(data, dict):
            raise StoreError("unreadable answer from the endpoint")
        return data

    def _update(self, update: str) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.query_url} is open read-only")
        try:
            response = self.client.post(
                self.update_url, content=update.encode("utf-8"),
                headers={"Content-Type": "application/sparql-update"})
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL endpoint {self.update_url}: {exc}") from exc
        if response.status_code >= 400:
            raise StoreError(f"the update endpoint answered {response.status_code}: {response.text[:1000]}")

    # ------------------------------------------------------------------ writes

    def _bump(self) -> str:
        sys_, gen = sparql_term(URIRef(self.system_graph)), sparql_term(URIRef(self._generation_predicate))
        return (f"DELETE {{ GRAPH {sys_} {{ {sys_} {gen} ?old }} }}\n"
                f"INSERT {{ GRAPH {sys_} {{ {sys_} {gen} ?new }} }}\n"
                f"WHERE {{ OPTIONAL {{ GRAPH {sys_} {{ {sys_} {gen} ?old }} }} "
                f"BIND(COALESCE(?old, 0) + 1 AS ?new) }}")

    def put_article(self, article_id: ArticleId, graph: Graph) -> None:
        name = sparql_term(URIRef(graph_iri(self.base_iri, article_id)))
        body = insert_data_body(graph)
        parts = [f"DROP SILENT GRAPH {name}"]
        if body:
            parts.append(f"INSERT DATA {{ GRAPH {name} {{\n{body}\n}} }}")
        parts.append(self._bump())
        self._update(" ;\n".join(parts))

    def delete_article(self, article_id: ArticleId) -> bool:
        if self.read_only:
            raise StoreError(f"the store at {self.query_url} is open read-only")
        if not self.has_article(article_id):
            return False
        name = sparql_term(URIRef(graph_iri(self.base_iri, article_id)))
        self._update(f"DROP SILENT GRAPH {name} ;\n{self._bump()}")
        return True

    def generation(self) -> int:
        rows = self.select("SELECT ?n WHERE { GRAPH ?g { ?g ?p ?n } }",
                           {"g": URIRef(self.system_graph), "p": URIRef(self._generation_predicate)})
        try:
            return int(rows[0]["n"]) if rows else 0
        except ValueError:
            return 0

    # ------------------------------------------------------------------ reads

    def has_article(self, article_id: ArticleId) -> bool:
        return self.ask("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(graph_iri(self.base_iri, article_id))})

    def articles(self) -> list[ArticleId]:
        prefix = f"{self.base_iri}graph/"
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        names = [str(r["g"]) for r in rows if isinstance(r.get("g"), URIRef)]
        found = (article_id_from_iri(self.base_iri, n) for n in names if n.startswith(prefix))
        return sorted(a for a in found if a is not None)

    def count(self, article_id: ArticleId | None = None) -> int:
        if article_id is not None:
            rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                               {"g": URIRef(graph_iri(self.base_iri, article_id))})
        else:
            rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                               "FILTER(?g != ?system) }", {"system": URIRef(self.system_graph)})
        return int(rows[0]["n"]) if rows else 0

    def select(self, query: str, bindings: Mapping[str, Identifier] | None = None, *,
               timeout: float | None = None) -> list[Row]:
        if query_form(query) != "SELECT":
            raise QueryError("select() needs a SELECT query")
        data = self._results_json(inline_values(query, bindings or {}), timeout)
        rows: list[Row] = []
        for binding in data.get("results", {}).get("bindings", []):
            rows.append({name: from_oxigraph(_ox_term(value)) for name, value in binding.items()})
        return rows

    def ask(self, query: str, bindings: Mapping[str, Identifier] | None = None, *,
            timeout: float | None = None) -> bool:
        if query_form(query) != "ASK":
            raise QueryError("ask() needs an ASK query")
        data = self._results_json(inline_values(query, bindings or {}), timeout)
        if not isinstance(data.get("boolean"), bool):
            raise StoreError("the endpoint's answer to ASK has no boolean")
        return bool(data["boolean"])

    def construct(self, query: str, bindings: Mapping[str, Identifier] | None = None, *,
                  timeout: float | None = None) -> Graph:
        if query_form(query) not in ("CONSTRUCT", "DESCRIBE"):
            raise QueryError("construct() needs a CONSTRUCT or DESCRIBE query")
        spool = SpooledTemporaryFile(max_size=SPOOL_BYTES)
        graph = Graph()
        with spool:
            media = self._read(inline_values(query, bindings or {}), "application/n-triples",
                               timeout=timeout, sink=spool)
            fmt = formats.lookup(media)
            if fmt is None or fmt.family == "results":
                raise StoreError(f"expected RDF from the endpoint, it sent {media}")
            spool.seek(0)
            try:
                for triple in ox.parse(spool, fmt.oxigraph):  # type: ignore[arg-type]
                    graph.add((from_oxigraph(triple.subject), from_oxigraph(triple.predicate),
                               from_oxigraph(triple.object)))
            except SyntaxError as exc:
                raise StoreError(f"unreadable RDF from the endpoint: {exc}") from exc
        return graph

    def query_to(self, query: str, media_type: MediaType, out: IO[bytes], *,
                 default_graph_uris: list[str] | None = None,
                 named_graph_uris: list[str] | None = None,
                 timeout: float | None = None) -> MediaType:
        form = query_form(query)
        wanted = formats.for_graph(media_type) if form in ("CONSTRUCT", "DESCRIBE") \
            else formats.for_results(media_type)
        spool = SpooledTemporaryFile(max_size=SPOOL_BYTES)
        with spool:
            media = self._read(query, wanted.media_type, timeout=timeout, sink=spool,
                               default_graph_uris=default_graph_uris,
                               named_graph_uris=named_graph_uris)
            spool.seek(0)
            shutil.copyfileobj(spool, out)
        return media

    # ------------------------------------------------------------------ dumps

    def _quads(self, article_id: ArticleId | None, distinct_triples: bool) -> list[Any]:
        system = URIRef(self.system_graph)
        if article_id is not None:
            g = URIRef(graph_iri(self.base_iri, article_id))
            rows = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": g})
        elif distinct_triples:
            rows = self.select("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
                               "FILTER(?g != ?system) }", {"system": system})
        else:
            rows = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                               "FILTER(?g != ?system) }", {"system": system})
        if distinct_triples:
            return [ox.Triple(to_oxigraph(r["s"]), to_oxigraph(r["p"]), to_oxigraph(r["o"]))  # type: ignore[arg-type]
                    for r in rows]
        return [ox.Quad(to_oxigraph(r["s"]), to_oxigraph(r["p"]), to_oxigraph(r["o"]),  # type: ignore[arg-type]
                        to_oxigraph(r["g"])) for r in rows]

    def dump(self, media_type: MediaType, out: IO[bytes], article_id: ArticleId | None = None) -> None:
        fmt = formats.lookup(media_type)
        if fmt is None or fmt.family == "results":
            raise ExportError(f"cannot dump the store as {media_type!r}")
        if article_id is not None and not self.has_article(article_id):
            raise ArticleNotFoundError(article_id)
        triples_only = fmt.family == "graph"
        items = self._quads(article_id, distinct_triples=triples_only and article_id is None)
        if triples_only and article_id is not None:
            items = [ox.Triple(q.subject, q.predicate, q.object) for q in items]
        prefixes = _PREFIXES if fmt.oxigraph in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
        try:
            ox.serialize(items, out, fmt.oxigraph, prefixes=prefixes)  # type: ignore[arg-type]
        except (ValueError, OSError) as exc:
            raise ExportError(f"cannot write the store as {media_type}: {exc}") from exc


__all__ = ["RemoteStore", "query_form"]
