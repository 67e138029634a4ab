"""Benchmark the embedded store's writes and reads against baselines measured in the same run.

- ``put_article`` (one SPARQL update: DROP + INSERT DATA, atomic) against the non-atomic
  baseline ``remove_graph`` + ``extend`` that it replaces;
- ``select`` inline against ``select`` under a time limit (worker thread);
- ``query_to`` JSON of a whole-store SELECT.

    .venv/bin/python bench/store.py                       # 200 articles × 100 triples, in memory
    .venv/bin/python bench/store.py --articles 500 --triples 200 --disk
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyoxigraph as ox  # noqa: E402
from rdflib import Graph, Literal, URIRef  # noqa: E402

from kg.ids import graph_iri  # noqa: E402
from kg.rdf.oxigraph_store import OxigraphStore  # noqa: E402
from kg.rdf.terms import graph_to_quads  # noqa: E402

BASE = "http://bench.test/"


def article(i: int, n: int, round_: int) -> Graph:
    g = Graph()
    s = URIRef(f"{BASE}id/thing/{i}")
    for k in range(n):
        g.add((s, URIRef(f"{BASE}p{k % 7}"), Literal(f"value {i} {k} {round_} with \"quotes\"")))
    return g


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--triples", type=int, default=100)
    parser.add_argument("--disk", action="store_true")
    args = parser.parse_args()
    graphs = [article(i, args.triples, 0) for i in range(args.articles)]
    with tempfile.TemporaryDirectory() as tmp:
        store = OxigraphStore(Path(tmp) / "kg" if args.disk else None, BASE)
        raw = store.store

        def put_all() -> None:
            for i, g in enumerate(graphs):
                store.put_article(str(i), g)

        def baseline() -> None:
            for i, g in enumerate(graphs):
                name = ox.NamedNode(graph_iri(BASE, str(i)))
                raw.remove_graph(name)
                raw.extend(graph_to_quads(g, name))

        query = f"SELECT ?s ?o WHERE {{ ?s <{BASE}p3> ?o }}"
        rows: list[tuple[str, float, float | None]] = []
        base_ms = timed(baseline)
        rows.append(("remove_graph+extend (baseline)", base_ms, None))
        put_ms = timed(put_all)
        rows.append(("put_article (atomic update)", put_ms, put_ms / base_ms))
        sel_ms = timed(lambda: store.select(query))
        rows.append(("select inline (baseline)", sel_ms, None))
        sel_t = timed(lambda: store.select(query, timeout=30))
        rows.append(("select with time limit", sel_t, sel_t / sel_ms))
        qt = timed(lambda: store.query_to(query, "application/sparql-results+json", io.BytesIO()))
        rows.append(("query_to JSON", qt, qt / sel_ms))
        store.close()
    print(f"{args.articles} articles × {args.triples} triples, {'disk' if args.disk else 'memory'}")
    print(f"{'operation':34} {'ms':>10} {'ratio':>8}")
    for name, ms, ratio in rows:
        print(f"{name:34} {ms:10.1f} {'' if ratio is None else f'{ratio:8.2f}'}")


if __name__ == "__main__":
    main()
