"""Benchmark the HTTP API (issue 6): requests/s and p50/p99 latency of ``/met`` and of a
"who met X" query on ``/sparql``, over a synthetic graph of about 1M triples, against two
baselines measured in the same run on loopback:

- a bare FastAPI app with one constant ``async def`` JSON route (the framework's ceiling);
- ``oxigraph serve`` (Rust) on the same data and the same query.

Each server runs in its own process; the load comes from ``wrk`` (``apt-get install wrk``)
with ``-t2 -c32`` for ``--seconds`` per target. The machine has 2 cores, shared by the load
generator and the server, so compare ratios within one run, not absolute numbers across runs.

    .venv/bin/python bench/api.py                    # ~1M triples, 10 s per target
    .venv/bin/python bench/api.py --articles 700 --seconds 3   # quick smoke run
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BASE = "http://127.0.0.1:8000/"
DKG = "https://w3id.org/diplomatic-kg/ontology#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
XSD = "http://www.w3.org/2001/XMLSchema#"
KINDS = (("meeting", "Meeting"), ("talks", "Talks"), ("phone_call", "PhoneCall"),
         ("visit", "Visit"), ("summit", "Summit"))
STATUSES = ("occurred", "occurred", "occurred", "planned", "proposed", "cancelled")
WORDS = ("al", "ber", "cas", "dor", "el", "fen", "gar", "hol", "is", "jan", "kor", "lin", "mar",
         "nor", "os", "pel", "quin", "ros", "sal", "tor", "ul", "var", "wen", "yar", "zel")


def _name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(WORDS) for _ in range(rng.randint(2, 3))).capitalize()
    return f"{word()} {word()}"


def write_nquads(path: Path, articles: int, actors: int, seed: int = 7) -> tuple[int, list[str]]:
    """A synthetic store in the project's shape; (quads written, actor labels by key number)."""
    rng = random.Random(seed)
    names = [_name(rng) for _ in range(actors)]
    weights = [1 / (rank + 1) ** 0.8 for rank in range(actors)]  # a few busy actors, many rare ones
    lines = 0
    with path.open("w", encoding="utf-8") as out:
        for a in range(articles):
            g = f"<{BASE}graph/art-{a}>"
            art = f"<{BASE}id/article/art-{a}>"
            day = f"20{rng.randint(15, 23)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            quads = [
                f"{art} {RDF_TYPE} <{DKG}Article> {g} .",
                f'{art} <http://purl.org/dc/terms/identifier> "art-{a}" {g} .',
                f'{art} <http://purl.org/dc/terms/title> "Synthetic article {a}" {g} .',
                f'{art} <http://purl.org/dc/terms/issued> "{day}"^^<{XSD}date> {g} .',
                f'{art} <{DKG}source> "Bench Times" {g} .',
            ]
            mentioned: set[int] = set()
            for k in range(5):
                who = set(rng.choices(range(actors), weights=weights, k=2))
                if len(who) < 2:
                    continue
                mentioned |= who
                kind, cls = rng.choice(KINDS)
                m = f"<{BASE}id/meeting/a{a}m{k}>"
                quads += [f"{m} {RDF_TYPE} <{DKG}{cls}> {g} .", f"{m} {RDF_TYPE} <{DKG}Meeting> {g} .",
                          f"{m} {RDF_TYPE} <http://semanticweb.cs.vu.nl/2009/11/sem/Event> {g} .",
                          f'{m} <{DKG}kind> "{kind}" {g} .',
                          f'{m} <{DKG}date> "{day}"^^<{XSD}date> {g} .',
                          f"{m} <{DKG}status> <{DKG}{rng.choice(STATUSES)}> {g} .",
                          f'{m} <{DKG}evidence> "Synthetic evidence sentence {a}.{k}." {g} .',
                          f'{m} <{DKG}confidence> "0.{rng.randint(3, 9)}"^^<{XSD}decimal> {g} .',
                          f"{m} <{DKG}reportedIn> {art} {g} .",
                          f"{m} <http://www.w3.org/ns/prov#wasDerivedFrom> {art} {g} ."]
                quads += [f"{m} <{DKG}participant> <{BASE}id/actor/Q{p}> {g} ." for p in who]
            for k in range(3):
                speaker = rng.choices(range(actors), weights=weights, k=1)[0]
                mentioned.add(speaker)
                s = f"<{BASE}id/statement/a{a}s{k}>"
                quads += [f"{s} {RDF_TYPE} <{DKG}Statement> {g} .",
                          f"{s} <{DKG}speaker> <{BASE}id/actor/Q{speaker}> {g} .",
                          f'{s} <{DKG}text> "We will keep talking, statement {a}.{k}." {g} .',
                          f'{s} <{DKG}direct> "true"^^<{XSD}boolean> {g} .',
                          f'{s} <{DKG}date> "{day}"^^<{XSD}date> {g} .',
                          f'{s} <{DKG}evidence> "Synthetic quote {a}.{k}." {g} .',
                          f'{s} <{DKG}confidence> "0.8"^^<{XSD}decimal> {g} .',
                          f"{s} <{DKG}reportedIn> {art} {g} ."]
            for p in mentioned:
                actor = f"<{BASE}id/actor/Q{p}>"
                quads += [f"{actor} {RDF_TYPE} <{DKG}Person> {g} .", f"{actor} {RDF_TYPE} <{DKG}Actor> {g} .",
                          f"{actor} {RDF_TYPE} <http://xmlns.com/foaf/0.1/Person> {g} .",
                          f'{actor} {LABEL} "{names[p]}" {g} .',
                          f'{actor} <{DKG}alias> "{names[p].split()[-1]}" {g} .',
                          f"{actor} <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q{p}> {g} ."]
            out.write("\n".join(quads) + "\n")
            lines += len(quads)
    return lines, names


# ------------------------------------------------------------------------------ servers

def serve_constant(port: int) -> None:
    import uvicorn
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/")
    async def constant() -> dict[str, bool]:
        return {"ok": True}

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def serve_api(port: int, store: str, inline_sparql: bool = False) -> None:
    import uvicorn

    from api.main import create_app
    from kg.config import Settings

    if inline_sparql:  # the design not taken: evaluate /sparql queries on the event loop
        import api.routes.sparql as sparql_route

        async def run_inline(run, limiter, timeout, flag):  # type: ignore[no-untyped-def]
            return run()

        sparql_route._in_worker = run_inline  # type: ignore[assignment]

    settings = Settings(store=store, base_iri=BASE, host="127.0.0.1", port=port, result_limit=10000)
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="warning")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, timeout: float = 120) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=30).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


def wrk(url: str, seconds: int, accept: str | None) -> tuple[float, float, float]:
    """(requests/s, p50 ms, p99 ms) from one wrk run."""
    cmd = ["wrk", "-t2", "-c32", f"-d{seconds}s", "--timeout", "60s", "--latency"]
    if accept:
        cmd += ["-H", f"Accept: {accept}"]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if non2xx:
        raise RuntimeError(f"{url}: {non2xx.group(1)} error responses")

    def pct(p: str) -> float:
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return rps, pct("50"), pct("99")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=7000)
    parser.add_argument("--actors", type=int, default=10000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--serve-constant", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--serve-api", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    parser.add_argument("--inline-sparql", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve_constant:
        serve_constant(args.serve_constant)
        return 0
    if args.serve_api:
        serve_api(args.serve_api, args.store, args.inline_sparql)
        return 0
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install -y wrk)", file=sys.stderr)
        return 2
    import pyoxigraph as ox

    oxigraph_bin = Path(sys.executable).with_name("oxigraph")
    procs: list[subprocess.Popen[bytes]] = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.nq"
        started = time.perf_counter()
        quads, names = write_nquads(data, args.articles, args.actors)
        for folder in ("kg", "ox"):
            ox.Store(str(Path(tmp) / folder)).bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        print(f"synthetic graph: {quads:,} quads, {args.articles} articles, {args.actors} actors; "
              f"written and loaded twice in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        shutil.copytree(Path(tmp) / "kg", Path(tmp) / "kg-inline")
        ports = {name: _free_port() for name in ("constant", "api", "oxigraph", "inline")}
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        try:
            procs.append(subprocess.Popen([sys.executable, __file__, "--serve-constant", str(ports["constant"])], env=env))
            procs.append(subprocess.Popen([sys.executable, __file__, "--serve-api", str(ports["api"]),
                                           "--store", str(Path(tmp) / "kg")], env=env))
            procs.append(subprocess.Popen([sys.executable, __file__, "--serve-api", str(ports["inline"]),
                                           "--store", str(Path(tmp) / "kg-inline"), "--inline-sparql"], env=env))
            procs.append(subprocess.Popen([str(oxigraph_bin), "serve-read-only", "--location", str(Path(tmp) / "ox"),
                                           "--bind", f"127.0.0.1:{ports['oxigraph']}", "--union-default-graph"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            api = f"http://127.0.0.1:{ports['api']}"
            oxi = f"http://127.0.0.1:{ports['oxigraph']}"
            _wait(f"http://127.0.0.1:{ports['constant']}/")
            _wait(f"{api}/health")
            inline = f"http://127.0.0.1:{ports['inline']}"
            _wait(f"{inline}/health")
            _wait(f"{oxi}/query?query=ASK%7B%7D")
            import httpx

            json_results = "application/sparql-results+json"
            # a busy actor (rank 20 of a Zipf-like popularity) and a quiet one (rank 3000 at full size)
            targets: list[tuple[str, str, str | None, str]] = [
                ("FastAPI constant route (baseline)", f"http://127.0.0.1:{ports['constant']}/", None, ""),
                ("our /health", f"{api}/health", None, ""),
            ]
            for tag, rank in (("busy", 20), ("quiet", min(3000, args.articles // 3))):
                actor, label = f"{BASE}id/actor/Q{rank}", names[rank]
                who_met = (f"PREFIX dkg: <{DKG}> SELECT DISTINCT ?other WHERE {{ ?m dkg:participant <{actor}> , "
                           f"?other . FILTER(?other != <{actor}>) }}")
                q = urlencode({"query": who_met}, quote_via=quote)
                met = f"{api}/met?" + urlencode({"actor": label}, quote_via=quote)
                warm = httpx.get(met, timeout=300)  # the first call builds the name index
                warm.raise_for_status()
                entries = sum(len(c["meetings"]) for c in warm.json()["counterparts"])
                rows = len(httpx.get(f"{api}/sparql?{q}", timeout=60).json()["results"]["bindings"])
                print(f"{tag} X = {label} <{actor}>: {rows} counterparts, {entries} meeting entries in /met",
                      file=sys.stderr)
                targets += [
                    (f"oxigraph serve: who-met-X, {tag} (baseline)", f"{oxi}/query?{q}", json_results, tag),
                    (f"our /sparql: who-met-X, {tag}", f"{api}/sparql?{q}", json_results, tag),
                    (f"  same, evaluated on the loop, {tag}", f"{inline}/sparql?{q}", json_results, tag),
                    (f"our /met?actor=<label>, {tag}", met, None, tag),
                ]
            results = []
            for name, url, accept, tag in targets:
                results.append((name, tag, *wrk(url, args.seconds, accept)))
                _wait(f"{api}/health")  # let requests still queued from this run drain
                _wait(f"{inline}/health")
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
    const_rps = results[0][2]
    oxi_rps = {tag: rps for name, tag, rps, _, _ in results if name.startswith("oxigraph")}
    print(f"\nwrk -t2 -c32 -d{args.seconds}s on loopback, {quads:,} quads")
    print(f"{'target':<44}{'req/s':>9}{'p50 ms':>10}{'p99 ms':>10}{'÷ const':>9}{'÷ oxigraph':>12}")
    for name, tag, rps, p50, p99 in results:
        vs_oxi = f"{rps / oxi_rps[tag]:.2f}" if tag in oxi_rps else "-"
        print(f"{name:<44}{rps:>9.0f}{p50:>10.2f}{p99:>10.2f}{rps / const_rps:>9.2f}{vs_oxi:>12}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
