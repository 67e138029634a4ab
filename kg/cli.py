"""The ``kg`` command line: parse arguments, call the library, print.

Verbs: extract, ingest, query, met, export, delete, stats, serve, and the graph questions
links, path, ego, timeline, central, communities, change (see ``kg VERB --help``).
The store is chosen with ``--store`` or ``KG_STORE``: a folder (embedded Oxigraph, default
``./data/kg``) or the http(s) URL of a SPARQL 1.1 endpoint.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from kg.config import Settings
from kg.errors import KGError, StoreLockedError
from kg.extract.records import KINDS, STATUSES

EXPORT_NAMES = ("turtle", "nquads", "jsonld", "graphml", "gexf", "cytoscape", "nodelink", "dot", "csv")

logger = logging.getLogger(__name__)

Handler = Callable[[argparse.Namespace, Settings], int]


# ---------------------------------------------------------------- helpers

def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(os.environ, store=getattr(args, "store", None))


def _nlp(settings: Settings) -> Any:
    from kg.nlp.pipeline import build_nlp

    return build_nlp(settings.model)


def _open(settings: Settings, *, read_only: bool = False) -> Any:
    from kg.rdf.backends import open_store

    return open_store(settings.store, base_iri=settings.base_iri,
                      update_endpoint=settings.update_endpoint, read_only=read_only,
                      timeout=settings.remote_timeout)


def _err(message: str) -> None:
    print(f"kg: {message}", file=sys.stderr)


def _progress(items: Iterable[Any], total: int | None, desc: str) -> Iterable[Any]:
    """A progress bar on a terminal, nothing otherwise."""
    if not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, desc=desc, unit="article", file=sys.stderr)


def _print_rows(rows: list[dict[str, Any]], columns: list[str], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
    elif fmt == "csv":
        w = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    else:
        cells = [[str(r.get(c, "") if r.get(c) is not None else "") for c in columns] for r in rows]
        widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
        out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
        out.write("  ".join("-" * w for w in widths) + "\n")
        for row in cells:
            out.write("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() + "\n")


# ---------------------------------------------------------------- verbs

def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    """Print one extraction record per article (JSON Lines), nothing stored."""
    from kg.ingest.batch import iter_inputs
    from kg.extract.batch import extract_inputs

    failed = 0
    nlp = _nlp(settings)
    for outcome in extract_inputs(iter_inputs(args.paths, settings.max_article_bytes), nlp=nlp, settings=settings):
        if outcome.record is None:
            failed += 1
            _err(outcome.error or outcome.source)
            continue
        data = outcome.record.model_dump(mode="json")
        if args.format == "json":
            print(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            print(json.dumps(data, ensure_ascii=False))
        sys.stdout.flush()
    return 1 if failed else 0


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    """Read, extract and store articles; a bad file is reported and the rest go on."""
    try:
        store = _open(settings)
    except StoreLockedError as exc:
        return _ingest_via_service(exc, args.paths, settings)
    from kg.ingest.batch import iter_inputs
    from kg.pipeline import ingest_inputs

    stored = failed = 0
    items = list(iter_inputs(args.paths, settings.max_article_bytes))
    with store:
        for outcome in _progress(ingest_inputs(items, store, settings=settings), len(items), "ingest"):
            if outcome.ok:
                stored += 1
            else:
                failed += 1
                _err(outcome.error or outcome.source)
    print(f"stored {stored} article(s), {failed} failed", file=sys.stderr)
    return 1 if failed else 0


def _holder(exc: StoreLockedError) -> dict[str, Any]:
    """What the process holding an embedded store recorded about itself (its URL and token)."""
    from kg.rdf.oxigraph_store import holder_info

    return holder_info(exc.path) or {}


def _ingest_via_service(exc: StoreLockedError, paths: list[Path], settings: Settings) -> int:
    """The store is held by a running ``kg serve``: hand the articles to it over HTTP."""
    from kg.ingest.article import Article
    from kg.ingest.batch import InputFailure, iter_inputs

    items = list(iter_inputs(paths, settings.max_article_bytes))
    holder = _holder(exc)
    url, token = holder.get("url"), holder.get("token") or settings.token
    if not url:
        _err(f"{exc}. Stop that process, or use another --store.")
        return 2
    import httpx

    failed = sum(1 for i in items if isinstance(i, InputFailure))
    for i in items:
        if isinstance(i, InputFailure):
            _err(i.message)
    articles = [a for a in items if isinstance(a, Article)]
    stored = 0
    with httpx.Client(base_url=url, timeout=600, headers={"Authorization": f"Bearer {token}"} if token else {}) as client:
        for a in _progress(articles, len(articles), f"ingest via {url}"):
            r = client.post("/articles", content=a.model_dump_json(), headers={"Content-Type": "application/json"})
            if r.status_code >= 400:
                failed += 1
                _err(f"{a.id}: the service at {url} answered {r.status_code}: {r.text[:300]}")
            else:
                stored += 1
    print(f"stored {stored} article(s) through the service at {url}, {failed} failed", file=sys.stderr)
    return 1 if failed else 0


def _read_query(text: str) -> str:
    if text.startswith("@"):
        return Path(text[1:]).read_text(encoding="utf-8")
    if text == "-":
        return sys.stdin.read()
    return text


def cmd_query(args: argparse.Namespace, settings: Settings) -> int:
    """Run a read-only SPARQL query and print the results."""
    from kg.rdf.sparql_guard import check_query

    query = _read_query(args.sparql)
    check_query(query)
    with _open(settings, read_only=True) as store:
        media = {"json": "application/sparql-results+json", "csv": "text/csv", "table": "application/sparql-results+json",
                 "turtle": "text/turtle"}[args.format]
        buf = io.BytesIO()
        written = store.query_to(query, media, buf, timeout=settings.query_timeout)
    data = buf.getvalue()
    if args.format != "table" or not written.endswith("json"):
        sys.stdout.write(data.decode("utf-8"))
        return 0
    result = json.loads(data)
    if "boolean" in result:
        print("true" if result["boolean"] else "false")
        return 0
    columns = result["head"]["vars"]
    rows = [{k: v["value"] for k, v in b.items()} for b in result["results"]["bindings"]]
    _print_rows(rows, columns, "table", sys.stdout)
    return 0


def cmd_met(args: argparse.Namespace, settings: Settings) -> int:
    """Who met ACTOR, with every meeting's kind, date, status and source."""
    from kg import lookups

    with _open(settings, read_only=True) as store:
        found = lookups.resolve_actor(store, args.actor)
        if not found:
            _err(f"no actor matches {args.actor!r}")
            return 1
        actor = found[0]
        result = lookups.met(store, actor, since=args.since, until=args.until, status=args.status, kind=args.kind)
    if args.format == "json":
        print(json.dumps([r.model_dump(mode="json") for r in result], ensure_ascii=False, indent=2))
        return 0
    rows = []
    for r in result:
        for m in r.meetings:
            rows.append({"counterpart": r.counterpart_label, "kind": m.kind, "date": m.date, "status": m.status,
                         "sources": ", ".join(s.article for s in m.sources), "meeting": m.id})
    _print_rows(rows, ["counterpart", "kind", "date", "status", "sources", "meeting"], "table", sys.stdout)
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    """Write the graph, or an actor's neighbourhood of it, in an exchange format."""
    from kg.export.formats import export, get_exporter

    exporter = get_exporter(args.format)
    with _open(settings, read_only=True) as store:
        graph = None
        if args.actor or args.graph != "contacts" or args.since or args.until or args.kind or args.status:
            from kg.graph import ego, project, resolve_actor
            from kg.graph.filters import restrict

            G = project(store).graph(args.graph)
            graph = (ego(G, resolve_actor(G, args.actor), args.radius, where=_where(args)) if args.actor
                     else restrict(G, _where(args)))
        if args.output and args.output != "-":
            with open(args.output, "wb") as fh:
                export(exporter.name, fh, graph=graph, store=store)
        else:
            export(exporter.name, sys.stdout.buffer, graph=graph, store=store)
            sys.stdout.flush()
    return 0


def _jsonable(value: Any) -> Any:
    """Question results (dataclasses holding graphs, tuples, sets) as plain JSON values."""
    import dataclasses

    import networkx as nx

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)
                if not isinstance(getattr(value, f.name), nx.Graph)}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (frozenset, set)):
        return sorted(_jsonable(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    return value


def _print_json(value: Any) -> None:
    print(json.dumps(_jsonable(value), ensure_ascii=False, indent=2))


def _where(args: argparse.Namespace) -> Any:
    from kg.errors import QueryError
    from kg.graph import EdgeFilter

    try:
        return EdgeFilter.of(since=getattr(args, "since", None), until=getattr(args, "until", None),
                             kinds=args.kind or None, statuses=args.status or None)
    except ValueError as exc:
        raise QueryError(f"--since/--until: {exc}") from None


def _projection(settings: Settings) -> Any:
    from kg.graph import project

    with _open(settings, read_only=True) as store:
        return project(store)


def cmd_links(args: argparse.Namespace, settings: Settings) -> int:
    """The meetings and statements that link two actors."""
    from kg.graph import relationships, resolve_actor

    p = _projection(settings)
    a, b = resolve_actor(p.contacts, args.source), resolve_actor(p.contacts, args.target)
    _print_json(relationships(p.contacts, a, b, statements=p.statements, where=_where(args)))
    return 0


def cmd_path(args: argparse.Namespace, settings: Settings) -> int:
    """The shortest chain of meetings from one actor to another."""
    from kg.graph import resolve_actor, shortest_chain

    p = _projection(settings)
    a, b = resolve_actor(p.contacts, args.source), resolve_actor(p.contacts, args.target)
    chain = shortest_chain(p.contacts, a, b, where=_where(args))
    if chain is None:
        _err(f"no chain of meetings links {args.source!r} and {args.target!r}")
        return 1
    _print_json(chain)
    return 0


def cmd_ego(args: argparse.Namespace, settings: Settings) -> int:
    """An actor's contacts up to RADIUS meetings away, in an export format (default node-link)."""
    from kg.export.formats import export
    from kg.graph import ego, resolve_actor

    p = _projection(settings)
    sub = ego(p.contacts, resolve_actor(p.contacts, args.actor), args.radius, where=_where(args))
    export(args.export, sys.stdout.buffer, graph=sub)
    sys.stdout.flush()
    return 0


def cmd_timeline(args: argparse.Namespace, settings: Settings) -> int:
    """An actor's meetings and statements in date order."""
    from kg.graph import resolve_actor, timeline

    p = _projection(settings)
    actor = resolve_actor(p.contacts, args.actor)
    _print_json(timeline(p.contacts, actor, statements=p.statements, where=_where(args)))
    return 0


def cmd_central(args: argparse.Namespace, settings: Settings) -> int:
    """The most central actors (degree, betweenness or PageRank) in a time window."""
    from kg.graph import central_actors

    p = _projection(settings)
    ranked = central_actors(p.contacts, args.measure, top=args.top, where=_where(args),
                            k=args.sample, seed=args.seed)
    if args.format == "json":
        _print_json(ranked)
    else:
        rows = [{"actor": r.label, "score": f"{r.score:.4f}", "id": r.actor} for r in ranked]
        _print_rows(rows, ["actor", "score", "id"], "table", sys.stdout)
    return 0


def cmd_communities(args: argparse.Namespace, settings: Settings) -> int:
    """Communities of actors by their meetings (Louvain, seeded)."""
    from kg.graph import communities

    p = _projection(settings)
    found = communities(p.contacts, where=_where(args), seed=args.seed)
    labels = {n: str(d.get("label", n)) for n, d in p.contacts.nodes(data=True)}
    _print_json([sorted(labels.get(n, n) for n in c) for c in found])
    return 0


def _window(text: str) -> tuple[str | None, str | None]:
    since, _, until = text.partition(":")
    return since or None, until or None


def cmd_change(args: argparse.Namespace, settings: Settings) -> int:
    """How an actor's contacts changed between two windows (SINCE:UNTIL, either end open)."""
    from kg.graph import EdgeFilter, contact_change, resolve_actor

    p = _projection(settings)
    actor = resolve_actor(p.contacts, args.actor)
    b0, b1 = _window(args.before)
    a0, a1 = _window(args.after)
    _print_json(contact_change(p.contacts, actor, EdgeFilter.of(since=b0, until=b1),
                               EdgeFilter.of(since=a0, until=a1)))
    return 0


def cmd_delete(args: argparse.Namespace, settings: Settings) -> int:
    """Remove an article's graph (and nothing else)."""
    try:
        store = _open(settings)
    except StoreLockedError as exc:
        holder = _holder(exc)
        if not holder.get("url"):
            raise
        import httpx

        token = holder.get("token") or settings.token
        r = httpx.delete(f"{holder['url']}/articles/{args.article_id}",
                         headers={"Authorization": f"Bearer {token}"} if token else {})
        if r.status_code == 404:
            _err(f"no article {args.article_id!r} in the store")
            return 1
        r.raise_for_status()
        print(f"deleted {args.article_id} through the service at {holder['url']}", file=sys.stderr)
        return 0
    with store:
        if not store.delete_article(args.article_id):
            _err(f"no article {args.article_id!r} in the store")
            return 1
    print(f"deleted {args.article_id}", file=sys.stderr)
    return 0


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    """Articles, actors, meetings and statements: as reported by each article and as resolved."""
    from kg.stats import store_stats

    with _open(settings, read_only=True) as store:
        stats = store_stats(store)
    if args.format == "json":
        print(stats.model_dump_json(indent=2))
        return 0
    rows = [{"class": name, "reported": c.reported, "resolved": c.resolved} for name, c in stats.counts.items()]
    _print_rows(rows, ["class", "reported", "resolved"], "table", sys.stdout)
    print(f"\n{stats.quads} quads")
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Run the HTTP service (REST, SPARQL, exports, explorer) on the chosen store."""
    import secrets

    import uvicorn

    from api.main import create_app

    overrides: dict[str, Any] = {}
    if args.host:
        overrides["host"] = args.host
    if args.port:
        overrides["port"] = args.port
    if settings.token is None:
        # a token for this run only, so that `kg ingest` on the same machine can hand articles over
        overrides["token"] = secrets.token_urlsafe(24)
    settings = settings.model_copy(update=overrides)
    app = create_app(settings)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
    return 0


# ---------------------------------------------------------------- parser

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Diplomatic news into a knowledge graph.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and details")
    sub = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    def verb(name: str, handler: Handler, help_: str, store: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=handler.__doc__)
        if store:
            p.add_argument("--store", help="folder or SPARQL endpoint URL (default: KG_STORE or ./data/kg)")
        p.set_defaults(handler=handler)
        return p

    p = verb("extract", cmd_extract, "print extraction records, store nothing", store=False)
    p.add_argument("--format", choices=["jsonl", "json"], default="jsonl")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    p = verb("ingest", cmd_ingest, "extract articles and store them")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    p = verb("query", cmd_query, "run a SPARQL query (text, @file.rq, or - for stdin)")
    p.add_argument("sparql")
    p.add_argument("--format", choices=["table", "json", "csv", "turtle"], default="table")

    p = verb("met", cmd_met, "who met ACTOR")
    p.add_argument("actor")
    p.add_argument("--since")
    p.add_argument("--until")
    p.add_argument("--status", choices=list(STATUSES))
    p.add_argument("--kind", choices=list(KINDS))
    p.add_argument("--format", choices=["table", "json"], default="table")

    def window(p: argparse.ArgumentParser) -> None:
        p.add_argument("--since", help="first day (YYYY-MM-DD) of meetings to count")
        p.add_argument("--until", help="last day (YYYY-MM-DD) of meetings to count")
        p.add_argument("--kind", action="append", choices=list(KINDS), help="repeatable")
        p.add_argument("--status", action="append", choices=list(STATUSES), help="repeatable")

    p = verb("export", cmd_export, "export the graph")
    p.add_argument("--format", required=True, help=", ".join(EXPORT_NAMES))
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    p.add_argument("--graph", choices=["contacts", "events", "statements"], default="contacts",
                   help="which projection graph formats export")
    p.add_argument("--actor", help="export only this actor's neighbourhood")
    p.add_argument("--radius", type=int, default=1)
    window(p)

    for name, handler, help_ in (("links", cmd_links, "what links two actors"),
                                 ("path", cmd_path, "shortest chain of meetings between two actors")):
        p = verb(name, handler, help_)
        p.add_argument("source")
        p.add_argument("target")
        window(p)

    p = verb("ego", cmd_ego, "an actor's neighbourhood as a graph")
    p.add_argument("actor")
    p.add_argument("-k", "--radius", type=int, default=1)
    p.add_argument("--export", default="nodelink", help="format to print (default nodelink)")
    window(p)

    p = verb("timeline", cmd_timeline, "an actor's meetings and statements in order")
    p.add_argument("actor")
    window(p)

    p = verb("central", cmd_central, "most central actors")
    p.add_argument("--measure", choices=["degree", "betweenness", "pagerank"], default="degree")
    p.add_argument("--top", type=int, default=10)
    p.add_argument("--sample", type=int, help="betweenness: sample this many sources")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--format", choices=["table", "json"], default="table")
    window(p)

    p = verb("communities", cmd_communities, "communities of actors (Louvain)")
    p.add_argument("--seed", type=int, default=0)
    window(p)

    p = verb("change", cmd_change, "how an actor's contacts changed between two windows")
    p.add_argument("actor")
    p.add_argument("--before", required=True, metavar="SINCE:UNTIL")
    p.add_argument("--after", required=True, metavar="SINCE:UNTIL")

    p = verb("delete", cmd_delete, "delete an article and what only it supported")
    p.add_argument("article_id", metavar="ARTICLE-ID")

    p = verb("stats", cmd_stats, "counts of what the store holds")
    p.add_argument("--format", choices=["table", "json"], default="table")

    p = verb("serve", cmd_serve, "run the HTTP service")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = _settings(args)
        return int(args.handler(args, settings))
    except KGError as exc:
        _err(str(exc))
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


__all__ = ["build_parser", "main"]
