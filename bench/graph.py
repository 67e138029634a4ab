"""Benchmark the NetworkX projection: build, incremental updates, questions and exports at
1k, 10k and 100k synthetic meetings. Prints one table (milliseconds) with the growth from the
smallest size and, for updates, the ratio to a full rebuild measured in the same run.

    .venv/bin/python bench/graph.py                 # 1000 10000 100000
    .venv/bin/python bench/graph.py --sizes 1000 5000

The synthetic store has the project's RDF shape: ten meetings per article, one actor per five
meetings, a fifth of the meetings reported again by a second article (same IRI), one
statement per two meetings; dates over 2015-2020 (some month-only, some missing). The bulk is
loaded with pyoxigraph's loader (it is the projection being measured, not ingestion); the
timed updates go through ``Projection.put_article``/``delete_article``.
"""

from __future__ import annotations

import argparse
import gc
import io
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg import ids
from kg.export import export
from kg.graph import (
    EdgeFilter,
    Projection,
    central_actors,
    communities,
    contact_change,
    ego,
    met,
    relationships,
    shortest_chain,
    timeline,
)
from kg.namespaces import DKG
from kg.rdf.oxigraph_store import OxigraphStore

BASE = "http://127.0.0.1:8000/"
KINDS = ("meeting", "talks", "phone_call", "video_call", "visit", "summit")
CLASSES = {"meeting": "Meeting", "talks": "Talks", "phone_call": "PhoneCall",
           "video_call": "VideoCall", "visit": "Visit", "summit": "Summit"}
STATUSES = ("occurred",) * 6 + ("planned", "planned", "proposed", "cancelled")
PER_ARTICLE = 10
D = "https://w3id.org/diplomatic-kg/ontology#"


def _date(rng: random.Random) -> str | None:
    r = rng.random()
    if r < 0.05:
        return None
    y, m, d = rng.randrange(2015, 2021), rng.randrange(1, 13), rng.randrange(1, 29)
    return f"{y}-{m:02d}" if r < 0.10 else f"{y}-{m:02d}-{d:02d}"


def _meeting(rng: random.Random, i: int, actors: int) -> dict[str, Any]:
    n = 3 if rng.random() < 0.1 else 2
    # half the picks skewed towards low numbers, so that some actors are hubs, as in the news
    who = {int(actors * rng.random() ** 2) if rng.random() < 0.5 else rng.randrange(actors)
           for _ in range(n * 2)}
    who_l = sorted(who)[:n] if len(who) >= 2 else [0, 1]
    return {"id": f"{BASE}id/meeting/b{i}", "with": [f"{BASE}id/actor/Q{100 + a}" for a in who_l],
            "kind": rng.choice(KINDS), "date": _date(rng), "status": rng.choice(STATUSES)}


def _nquads_lines(g: str, art: str, meetings: list[dict[str, Any]],
                  statements: list[tuple[str, str, str]]) -> list[str]:
    out = [f"<{art}> <{RDF.type}> <{D}Article> <{g}> ."]
    named: set[str] = set()
    for m in meetings:
        s = f"<{m['id']}>"
        out.append(f"{s} <{RDF.type}> <{D}{CLASSES[m['kind']]}> <{g}> .")
        out.append(f"{s} <{D}kind> \"{m['kind']}\" <{g}> .")
        out.append(f"{s} <{D}status> <{D}{m['status']}> <{g}> .")
        out.append(f"{s} <{D}confidence> \"0.8\"^^<{XSD.decimal}> <{g}> .")
        out.append(f"{s} <{D}evidence> \"synthetic evidence\" <{g}> .")
        out.append(f"{s} <{D}reportedIn> <{art}> <{g}> .")
        if m["date"]:
            dt = XSD.date if len(m["date"]) == 10 else XSD.gYearMonth
            out.append(f"{s} <{D}date> \"{m['date']}\"^^<{dt}> <{g}> .")
        for p in m["with"]:
            out.append(f"{s} <{D}participant> <{p}> <{g}> .")
            named.add(p)
    for sid, speaker, addressee in statements:
        out.append(f"<{sid}> <{RDF.type}> <{D}Statement> <{g}> .")
        out.append(f"<{sid}> <{D}speaker> <{speaker}> <{g}> .")
        out.append(f"<{sid}> <{D}addressee> <{addressee}> <{g}> .")
        out.append(f"<{sid}> <{D}text> \"words\" <{g}> .")
        named.update((speaker, addressee))
    for a in sorted(named):
        out.append(f"<{a}> <{RDF.type}> <{D}Person> <{g}> .")
        out.append(f"<{a}> <{RDFS.label}> \"Actor {a.rsplit('/', 1)[-1]}\" <{g}> .")
    return out


def _article_graph(article_id: str, meetings: list[dict[str, Any]]) -> Graph:
    g = Graph(identifier=URIRef(ids.graph_iri(BASE, article_id)))
    art = URIRef(ids.article_iri(BASE, article_id))
    g.add((art, RDF.type, DKG.Article))
    for m in meetings:
        node = URIRef(m["id"])
        g.add((node, RDF.type, DKG[CLASSES[m["kind"]]]))
        g.add((node, DKG.kind, Literal(m["kind"])))
        g.add((node, DKG.status, DKG[m["status"]]))
        g.add((node, DKG.reportedIn, art))
        if m["date"]:
            dt = XSD.date if len(m["date"]) == 10 else XSD.gYearMonth
            g.add((node, DKG.date, Literal(m["date"], datatype=dt)))
        for p in m["with"]:
            g.add((node, DKG.participant, URIRef(p)))
            g.add((URIRef(p), RDF.type, DKG.Person))
            g.add((URIRef(p), RDFS.label, Literal(f"Actor {p.rsplit('/', 1)[-1]}")))
    return g


def build_store(n: int, seed: int) -> tuple[OxigraphStore, random.Random, int]:
    rng = random.Random(seed)
    actors = max(50, n // 5)
    meetings = [_meeting(rng, i, actors) for i in range(n)]
    lines: list[str] = []
    for articles, start in enumerate(range(0, n, PER_ARTICLE)):
        chunk = meetings[start:start + PER_ARTICLE]
        # a fifth of the meetings are reported again by the next article
        again = [m for m in meetings[start + PER_ARTICLE:start + 2 * PER_ARTICLE]
                 if rng.random() < 0.2]
        aid = f"bench-{articles}"
        statements = [(f"{BASE}id/statement/{aid}-{k}", m["with"][0], m["with"][-1])
                      for k, m in enumerate(chunk[::2])]
        lines += _nquads_lines(ids.graph_iri(BASE, aid), ids.article_iri(BASE, aid),
                               chunk + again, statements)
    store = OxigraphStore(None, BASE)
    store.store.bulk_load(("\n".join(lines) + "\n").encode(), ox.RdfFormat.N_QUADS)
    return store, rng, actors


def timed(fn: Callable[[], Any], repeat: int = 1) -> float:
    """Median wall time in milliseconds."""
    times = []
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def run_size(n: int, seed: int) -> dict[str, float]:
    row: dict[str, float] = {}
    t = time.perf_counter()
    store, rng, actors = build_store(n, seed)
    row["load store (bulk)"] = (time.perf_counter() - t) * 1000
    holder: dict[str, Projection] = {}
    row["projection build"] = timed(lambda: holder.__setitem__("p", Projection(store)))
    p = holder["p"]
    G = p.contacts

    new = [(f"new-{k}", [_meeting(rng, n + k * PER_ARTICLE + j, actors)
                         for j in range(PER_ARTICLE)]) for k in range(10)]
    graphs = [(aid, _article_graph(aid, ms)) for aid, ms in new]
    put_times = [timed(lambda a=aid, g=g: p.put_article(a, g)) for aid, g in graphs]
    row["update: put article (10 mtg)"] = statistics.median(put_times)
    del_times = [timed(lambda a=aid: p.delete_article(a)) for aid, _ in graphs]
    row["update: delete article"] = statistics.median(del_times)

    hubs = sorted(G, key=G.degree, reverse=True)
    hub, other = hubs[0], hubs[min(10, len(hubs) - 1)]
    far = sorted(G)[rng.randrange(len(G))]
    window = EdgeFilter(since="2017-01-01", until="2017-12-31")
    questions: dict[str, Callable[[], Any]] = {
        "met (hub)": lambda: met(G, hub),
        "met (hub, window)": lambda: met(G, hub, where=window),
        "relationships": lambda: relationships(G, hub, other, statements=p.statements),
        "shortest chain": lambda: shortest_chain(G, far, hub),
        "ego radius 2 (hub)": lambda: ego(G, hub, radius=2),
        "timeline (hub)": lambda: timeline(G, hub, statements=p.statements),
        "contact change": lambda: contact_change(G, hub, EdgeFilter(until="2016-12-31"),
                                                 EdgeFilter(since="2017-01-01")),
        "central: degree": lambda: central_actors(G, "degree"),
        "central: pagerank": lambda: central_actors(G, "pagerank"),
        "central: betweenness k=100": lambda: central_actors(G, "betweenness", k=100, seed=0),
        "central: degree, 1-year window": lambda: central_actors(G, "degree", where=window),
        "communities (Louvain)": lambda: communities(G, seed=0),
        "export gexf": lambda: export("gexf", io.BytesIO(), graph=G),
        "export nodelink": lambda: export("nodelink", io.BytesIO(), graph=G),
    }
    for name, fn in questions.items():
        row[name] = timed(fn, repeat=3 if n <= 10_000 else 1)
    row["_rebuild"] = row["projection build"]
    row["_edges"] = G.number_of_edges()
    row["_nodes"] = G.number_of_nodes()
    store.close()
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rows = {n: run_size(n, args.seed) for n in args.sizes}
    sizes = args.sizes
    ops = [k for k in rows[sizes[0]] if not k.startswith("_")]
    head = ["operation (ms)"] + [f"{n:,} mtg" for n in sizes] + [f"{sizes[-1] // sizes[0]}x size"]
    width = max(len(o) for o in ops) + 2
    print(f"{head[0]:<{width}}" + "".join(f"{h:>14}" for h in head[1:]))
    print(f"{'(actors / contact edges)':<{width}}" + "".join(
        f"{int(rows[n]['_nodes']):>7,}/{int(rows[n]['_edges']):<6,}" for n in sizes))
    for op in ops:
        cells = "".join(f"{rows[n][op]:>14.2f}" for n in sizes)
        growth = rows[sizes[-1]][op] / max(rows[sizes[0]][op], 1e-6)
        print(f"{op:<{width}}{cells}{growth:>13.1f}x")
    print()
    for n in sizes:
        r = rows[n]
        print(f"{n:,} meetings: put article = {r['update: put article (10 mtg)'] / r['_rebuild']:.4f}"
              f" of a rebuild, delete = {r['update: delete article'] / r['_rebuild']:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
