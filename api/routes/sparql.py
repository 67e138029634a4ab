"""GET|POST /sparql: the SPARQL 1.1 Protocol, for queries only.

Requests
    ``GET ?query=``; ``POST`` with ``application/x-www-form-urlencoded`` (``query=``) or
    ``application/sparql-query`` (the query is the body, UTF-8). ``default-graph-uri`` and
    ``named-graph-uri`` may be repeated (in the URL, or in the form body). ``GET /sparql`` with
    no query answers the SPARQL 1.1 Service Description (Turtle by default).

Refusals (400, problem+json, ``detail`` says what was refused)
    updates (also ``update=`` and ``application/sparql-update``): "updates are not accepted
    here"; ``SERVICE``: "no requests to other hosts"; ``FROM``/``FROM NAMED``/
    ``default-graph-uri``/``named-graph-uri`` naming a graph outside the store's namespace
    (``Settings.base_iri``); more than one query; malformed queries. A body that is not UTF-8
    or has another media type gets 400/415; nothing acceptable in ``Accept`` gets 406.

Results
    SELECT/ASK as ``application/sparql-results+json`` (default), ``+xml``, ``text/csv``,
    ``text/tab-separated-values``; CONSTRUCT/DESCRIBE as ``text/turtle`` (default),
    ``application/n-triples``, ``application/ld+json``, ``application/rdf+xml``; chosen from
    ``Accept`` with q-values and wildcards (:mod:`kg.rdf.negotiation`). When ``Accept`` names
    only formats of the other family (results types for a CONSTRUCT, as rdflib's SPARQLStore
    and SPARQLWrapper send), the form's default is used, as Fuseki does; 406 only when nothing
    in ``Accept`` is a SPARQL format at all.

Limits
    A query runs at most ``Settings.query_timeout`` seconds (then 503, "Query timed out").
    SELECT returns at most ``Settings.result_limit`` solutions and CONSTRUCT/DESCRIBE at most
    that many triples. Every result carries ``X-Result-Limit: <n>``; when rows were cut off
    it also carries ``X-Result-Limit-Reached: true``. Cutting works by lowering the query's
    top-level LIMIT to n+1 (or adding one), evaluating into TSV/N-Triples, counting lines,
    dropping the extra and converting to the negotiated format. A query whose own LIMIT is
    within the cap is streamed straight into the negotiated format.

Concurrency
    The handler is ``async def``; the evaluation runs in a worker thread (at most
    ``api.main.QUERY_THREADS`` at once) because an arbitrary query can take up to the timeout
    and must not hold the event loop (pyoxigraph releases the GIL while it evaluates, so the
    loop serves other requests meanwhile; evaluating on the loop measured slower). On the
    embedded store that worker is the only extra thread: the handler keeps the time limit
    itself and, when it passes, answers 503 and sets the evaluation's cancel flag
    (:meth:`OxigraphStore.query_to` with ``cancel``), where the store's own time limit would
    start a second thread per query. REST lookups such as ``/met`` stay on the loop.

Per-request work is kept small for short queries: the guard's verdict is remembered per query
text (:func:`_checked`), the negotiation per ``Accept`` header, and SPARQL JSON results are cut
to the limit without a detour through TSV.
"""

from __future__ import annotations

import io
import logging
from functools import lru_cache, partial
from typing import Annotated
from urllib.parse import parse_qs

import anyio
import orjson
import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Query, Request, Response
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from api.deps import SettingsDep, StoreDep
from kg.config import Settings
from kg.errors import QueryError, QueryTimeoutError
from kg.rdf import negotiation
from kg.rdf._deadline import CancelFlag
from kg.rdf.oxigraph_store import OxigraphStore
from kg.rdf.sparql_guard import QueryInfo, cap_limit, check_query, namespace_filter
from kg.rdf.store import KnowledgeStore

logger = logging.getLogger(__name__)

router = APIRouter(tags=["sparql"])

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")

_RESULTS_OX = {
    negotiation.SPARQL_JSON: ox.QueryResultsFormat.JSON,
    negotiation.SPARQL_XML: ox.QueryResultsFormat.XML,
    negotiation.CSV: ox.QueryResultsFormat.CSV,
    negotiation.TSV: ox.QueryResultsFormat.TSV,
}
_GRAPH_OX = {
    negotiation.TURTLE: ox.RdfFormat.TURTLE,
    negotiation.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    negotiation.JSONLD: ox.RdfFormat.JSON_LD,
    negotiation.RDFXML: ox.RdfFormat.RDF_XML,
}
_SD_RDFLIB = {negotiation.TURTLE: "turtle", negotiation.NTRIPLES: "nt",
              negotiation.JSONLD: "json-ld", negotiation.RDFXML: "xml"}

_GET_DOC = {"parameters": [
    {"name": "default-graph-uri", "in": "query", "required": False,
     "schema": {"type": "array", "items": {"type": "string"}}},
    {"name": "named-graph-uri", "in": "query", "required": False,
     "schema": {"type": "array", "items": {"type": "string"}}},
]}
_POST_DOC = {
    **_GET_DOC,
    "requestBody": {"required": True, "content": {
        "application/sparql-query": {"schema": {"type": "string"}},
        "application/x-www-form-urlencoded": {"schema": {
            "type": "object", "required": ["query"],
            "properties": {"query": {"type": "string"},
                           "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                           "named-graph-uri": {"type": "array", "items": {"type": "string"}}}}},
    }},
}
_RESPONSES: dict[int | str, dict[str, object]] = {200: {"description": "results", "content": {
    negotiation.SPARQL_JSON: {}, negotiation.SPARQL_XML: {}, negotiation.CSV: {}, negotiation.TSV: {},
    negotiation.TURTLE: {}, negotiation.NTRIPLES: {}, negotiation.JSONLD: {}, negotiation.RDFXML: {},
}}}


@router.get("/sparql", responses=_RESPONSES, openapi_extra=_GET_DOC)
async def sparql_get(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    query: Annotated[list[str] | None, Query(description="a SPARQL query (omit for the service description)")] = None,
) -> Response:
    """SPARQL 1.1 query over GET; without ``query``, the service description."""
    params = request.query_params
    if params.getlist("update"):
        raise QueryError("updates are not accepted here: this endpoint answers queries only")
    if not query:
        return _service_description(request, settings)
    return await _answer(request, store, settings, query, params.getlist("default-graph-uri"),
                         params.getlist("named-graph-uri"))


@router.post("/sparql", responses=_RESPONSES, openapi_extra=_POST_DOC)
async def sparql_post(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """SPARQL 1.1 query over POST (URL-encoded form or ``application/sparql-query`` body)."""
    content_type = request.headers.get("content-type", "")
    media, _, params_text = content_type.partition(";")
    media = media.strip().lower()
    charset = _charset(params_text)
    if charset not in (None, "utf-8", "utf8", "us-ascii"):
        raise HTTPException(415, f"the request body must be UTF-8, not {charset}")
    body = await request.body()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(400, "the request body is not valid UTF-8") from None
    url = request.query_params
    defaults = url.getlist("default-graph-uri")
    nameds = url.getlist("named-graph-uri")
    if media == "application/x-www-form-urlencoded":
        try:
            form = parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict")
        except (UnicodeDecodeError, ValueError):
            raise HTTPException(400, "the form body is not valid URL-encoded UTF-8") from None
        if form.get("update"):
            raise QueryError("updates are not accepted here: this endpoint answers queries only")
        queries = form.get("query", []) + url.getlist("query")
        defaults = defaults + form.get("default-graph-uri", [])
        nameds = nameds + form.get("named-graph-uri", [])
    elif media == "application/sparql-query":
        queries = [text]
    elif media == "application/sparql-update":
        raise QueryError("updates are not accepted here: this endpoint answers queries only")
    else:
        raise HTTPException(
            415, f"POST a query as application/sparql-query or application/x-www-form-urlencoded, "
                 f"not {media or 'a body without Content-Type'}")
    if not queries:
        raise QueryError("no query: send the form field 'query'")
    return await _answer(request, store, settings, queries, defaults, nameds)


async def _answer(request: Request, store: KnowledgeStore, settings: Settings, queries: list[str],
                  defaults: list[str], nameds: list[str]) -> Response:
    if len(queries) > 1:
        raise QueryError(f"one query per request, got {len(queries)}")
    query = queries[0]
    info = _checked(query, settings.base_iri)
    allowed = namespace_filter(settings.base_iri)
    for iri in defaults + nameds:
        if not allowed(iri):
            raise QueryError(f"graph <{iri}> is refused: only graphs of this store "
                             f"(under {settings.base_iri}) can be queried")
    media = _negotiate(request.headers.get("accept"), info.returns_graph)
    if media is None:
        offers = negotiation.GRAPH_TYPES if info.returns_graph else negotiation.RESULT_TYPES
        raise HTTPException(406, f"none of the media types in Accept can carry {info.form} results; "
                                 f"offered: {', '.join(dict.fromkeys(offers.values()))}")
    if defaults or nameds:
        dataset: tuple[list[str] | None, list[str] | None] = (defaults, nameds)
    elif info.default_graphs or info.named_graphs:
        dataset = (list(info.default_graphs), list(info.named_graphs))
    else:
        dataset = (None, None)
    limiter = request.app.state.query_limiter
    timeout = settings.query_timeout
    if isinstance(store, OxigraphStore):
        flag = CancelFlag()
        run = partial(evaluate, store, query, info, media, dataset,
                      settings.result_limit, timeout, settings.base_iri, flag)
        content, truncated = await _in_worker(run, limiter, timeout, flag)
    else:  # the store keeps the time (a remote store: its HTTP read time-out)
        run = partial(evaluate, store, query, info, media, dataset,
                      settings.result_limit, timeout, settings.base_iri)
        content, truncated = await anyio.to_thread.run_sync(run, limiter=limiter)
    headers = {"Vary": "Accept", "X-Result-Limit": str(settings.result_limit)}
    if truncated:
        headers["X-Result-Limit-Reached"] = "true"
    return Response(content, media_type=media, headers=headers)


async def _in_worker(run: partial[tuple[bytes, bool]], limiter: anyio.CapacityLimiter, timeout: float,
                     flag: CancelFlag) -> tuple[bytes, bool]:
    """``run()`` in a worker thread, given up after ``timeout`` seconds with QueryTimeoutError.
    Whenever the handler leaves without the result (time-out, client gone) the flag tells the
    evaluation to stop; it keeps its thread until its next solution."""
    try:
        with anyio.move_on_after(timeout):
            return await anyio.to_thread.run_sync(run, limiter=limiter, abandon_on_cancel=True)
        logger.warning("query abandoned after %.3gs", timeout)
        raise QueryTimeoutError(f"the query ran longer than {timeout:g} s")
    except BaseException:
        flag.set()
        raise


@lru_cache(maxsize=1024)
def _checked_cached(query: str, base_iri: str) -> QueryInfo:
    return check_query(query, allow_graph=namespace_filter(base_iri), base_iri=base_iri)


def _checked(query: str, base_iri: str) -> QueryInfo:
    """The guard's verdict on ``query`` (QueryError when refused), remembered for queries up to
    4 KiB: clients repeat the same few queries, and tokenising costs more than evaluating a
    small one. Refusals are not remembered (they raise)."""
    if len(query) <= 4096:
        return _checked_cached(query, base_iri)
    return check_query(query, allow_graph=namespace_filter(base_iri), base_iri=base_iri)


@lru_cache(maxsize=256)
def _negotiate(accept: str | None, returns_graph: bool) -> str | None:
    """The media type to answer in (None: 406). When ``Accept`` names only formats of the other
    family (rdflib's SPARQLStore and SPARQLWrapper set it from their configured results format
    whatever the query form), this form's default."""
    offers, others = negotiation.RESULT_TYPES, negotiation.GRAPH_TYPES
    if returns_graph:
        offers, others = others, offers
    media = negotiation.choose(accept, offers)
    if media is None and negotiation.choose(accept, others) is not None:
        media = next(iter(offers.values()))
    return media


def evaluate(store: KnowledgeStore, query: str, info: QueryInfo, media: str,
             dataset: tuple[list[str] | None, list[str] | None], limit: int, timeout: float,
             base_iri: str, cancel: CancelFlag | None = None) -> tuple[bytes, bool]:
    """Run an accepted query; the serialised results and whether the result limit cut them.

    With ``cancel`` (embedded store only) the caller keeps the time limit and sets the flag
    when it gives up; otherwise the store enforces ``timeout``.
    """
    defaults, nameds = dataset

    def run(text: str, as_media: str) -> bytes:
        if not info.has_base:
            text = f"BASE <{base_iri}>\n{text}"
        out = io.BytesIO()
        if cancel is not None:
            assert isinstance(store, OxigraphStore)
            store.query_to(text, as_media, out, default_graph_uris=defaults, named_graph_uris=nameds,
                           cancel=cancel)
        else:
            store.query_to(text, as_media, out, default_graph_uris=defaults, named_graph_uris=nameds,
                           timeout=timeout)
        return out.getvalue()

    if info.form == "ASK" or (info.limit is not None and info.limit <= limit):
        return run(query, media), False
    capped = cap_limit(query, info, limit + 1)
    if media == negotiation.SPARQL_JSON:
        # straight into JSON: count the solutions and cut there, no TSV round trip
        data = run(capped, media)
        document = orjson.loads(data)
        bindings = document["results"]["bindings"]
        if len(bindings) <= limit:
            return data, False
        document["results"]["bindings"] = bindings[:limit]
        return orjson.dumps(document), True
    if info.returns_graph:
        data = run(capped, negotiation.NTRIPLES)
        lines = data.splitlines(keepends=True)
        truncated = len(lines) > limit
        if truncated:
            data = b"".join(lines[:limit])
        if media == negotiation.NTRIPLES:
            return data, truncated
        out = io.BytesIO()
        ox.serialize(ox.parse(data, ox.RdfFormat.N_TRIPLES), out, _GRAPH_OX[media])
        return out.getvalue(), truncated
    data = run(capped, negotiation.TSV)
    lines = data.splitlines(keepends=True)
    truncated = len(lines) - 1 > limit
    if truncated:
        data = b"".join(lines[:limit + 1])
    if media == negotiation.TSV:
        return data, truncated
    out = io.BytesIO()
    ox.parse_query_results(data, ox.QueryResultsFormat.TSV).serialize(out, _RESULTS_OX[media])
    return out.getvalue(), truncated


def _charset(params_text: str) -> str | None:
    for param in params_text.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None


def _service_description(request: Request, settings: Settings) -> Response:
    media = negotiation.choose(request.headers.get("accept"), negotiation.GRAPH_TYPES) or negotiation.TURTLE
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS_NS)
    service = URIRef(f"{settings.base_iri}sparql")
    dataset = BNode()
    default_graph = BNode()
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(str(request.url.replace(query="")))))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for fmt in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        g.add((service, SD.resultFormat, FORMATS_NS[fmt]))
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default_graph))
    g.add((default_graph, RDF.type, SD.Graph))
    g.add((service, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"), Literal(
        f"Query-only SPARQL 1.1 endpoint. The default graph is the union of the article graphs "
        f"(one per article, under {settings.base_iri}graph/). At most {settings.result_limit} results "
        f"(header X-Result-Limit-Reached: true when cut) and {settings.query_timeout:g} s per query.")))
    body = g.serialize(format=_SD_RDFLIB[media], encoding="utf-8")
    return Response(body, media_type=media, headers={"Vary": "Accept"})


__all__ = ["evaluate", "router"]
