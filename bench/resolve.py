"""Cost of resolving and writing one article as the graph grows.

For each size (1k, 10k, 100k synthetic articles' worth of records, bulk-loaded into an
embedded store on disk), the same batch of new articles is resolved against the store
(:func:`kg.resolve.resolve_record`), mapped to RDF and written, one transaction each. The
baseline is the same batch written into an empty store in the same run; the ratio says how
much more an article costs in a big graph.

    .venv/bin/python bench/resolve.py [--sizes 1000 10000 100000] [--batch 200]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from kg import ids
from kg.config import Settings
from kg.extract.batch import IngestOutcome
from kg.extract.records import KIND_FAMILY, KINDS, ArticleRef, Entity, ExtractionRecord, Meeting
from kg.namespaces import DKG
from kg.pipeline import store_outcomes
from kg.rdf.oxigraph_store import OxigraphStore

BASE = "http://127.0.0.1:8000/"
MEETINGS_PER_ARTICLE = 3
RDF_TYPE = ox.NamedNode(str(RDF.type))
XSD_DATE = ox.NamedNode(str(XSD.date))


def synthetic_record(n: int, actors: int, rng: random.Random, prefix: str = "s") -> ExtractionRecord:
    """Article ``n``: three meetings between actors drawn from a pool of ``actors``."""
    day = 1 + n % 3650
    published = f"{2015 + day // 365:04d}-{1 + (day // 30) % 12:02d}-{1 + day % 28:02d}"
    meetings = []
    people: set[int] = set()
    for k in range(MEETINGS_PER_ARTICLE):
        a, b = rng.sample(range(actors), 2)
        people |= {a, b}
        kind = rng.choice(KINDS)
        date = published if rng.random() < 0.7 else None
        keys = sorted((f"person/p{a}", f"person/p{b}"))
        mid = (ids.meeting_iri(BASE, "|".join(keys), KIND_FAMILY[kind], date) if date
               else ids.meeting_iri(BASE, f"{prefix}{n}", str(k)))
        meetings.append(Meeting(id=mid, kind=kind, participants=[ids.actor_iri(BASE, x) for x in keys],
                                date=date, status="occurred", evidence=f"Sentence {k} of article {n}.",
                                confidence=0.8))
    return ExtractionRecord(
        article=ArticleRef(id=f"{prefix}{n}", iri=ids.article_iri(BASE, f"{prefix}{n}"), published=published),
        entities=[Entity(id=ids.actor_iri(BASE, f"person/p{p}"), label=f"Person {p}", type="Person") for p in people],
        meetings=meetings,
    )


def record_quads(record: ExtractionRecord) -> list[ox.Quad]:
    """The quads the mapping writes for what resolution reads (types, participants, kind, date,
    status, evidence, article date), written directly: mapping 100k records through rdflib
    would take longer than the benchmark itself."""
    g = ox.NamedNode(ids.graph_iri(BASE, record.article.id))
    art = ox.NamedNode(record.article.iri)
    quads = [ox.Quad(art, RDF_TYPE, ox.NamedNode(DKG.Article), g),
             ox.Quad(art, ox.NamedNode(DCTERMS.issued), ox.Literal(record.article.published or "", datatype=XSD_DATE), g)]
    for e in record.entities:
        node = ox.NamedNode(e.id)
        quads += [ox.Quad(node, RDF_TYPE, ox.NamedNode(DKG[e.type]), g),
                  ox.Quad(node, ox.NamedNode(RDFS.label), ox.Literal(e.label), g)]
    for m in record.meetings:
        node = ox.NamedNode(m.id)
        quads += [ox.Quad(node, RDF_TYPE, ox.NamedNode(DKG.Meeting), g),
                  ox.Quad(node, ox.NamedNode(DKG.kind), ox.Literal(m.kind), g),
                  ox.Quad(node, ox.NamedNode(DKG.status), ox.NamedNode(DKG[m.status]), g),
                  ox.Quad(node, ox.NamedNode(DKG.evidence), ox.Literal(m.evidence), g),
                  ox.Quad(node, ox.NamedNode(DKG.reportedIn), art, g)]
        quads += [ox.Quad(node, ox.NamedNode(DKG.participant), ox.NamedNode(p), g) for p in m.participants]
        if m.date:
            quads.append(ox.Quad(node, ox.NamedNode(DKG.date), ox.Literal(m.date, datatype=XSD_DATE), g))
    return quads


def background(store: OxigraphStore, size: int, actors: int, seed: int) -> float:
    """Bulk-load ``size`` synthetic articles; returns the seconds it took."""
    rng = random.Random(seed)
    t0 = time.perf_counter()
    chunk: list[ox.Quad] = []
    for n in range(size):
        chunk += record_quads(synthetic_record(n, actors, rng))
        if len(chunk) > 200_000:
            store.store.bulk_extend(chunk)
            chunk = []
    store.store.bulk_extend(chunk)
    return time.perf_counter() - t0


def timed_batch(store: OxigraphStore, batch: list[ExtractionRecord]) -> float:
    settings = Settings(base_iri=BASE)
    t0 = time.perf_counter()
    for outcome in store_outcomes((IngestOutcome(source=r.article.id, record=r) for r in batch), store, settings):
        assert outcome.ok, outcome.error
    return (time.perf_counter() - t0) / len(batch)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--batch", type=int, default=200)
    args = ap.parse_args()
    warm = OxigraphStore(None, BASE)  # first queries and imports are not what is measured
    timed_batch(warm, [synthetic_record(n, 100, random.Random(1), prefix="warm") for n in range(20)])
    rows = []
    for size in [0, *args.sizes]:
        actors = max(100, size // 5)
        rng = random.Random(7)
        batch = [synthetic_record(n, actors, rng, prefix="new") for n in range(args.batch)]
        with tempfile.TemporaryDirectory() as tmp:
            store = OxigraphStore(Path(tmp) / "kg", BASE)
            load = background(store, size, actors, seed=size) if size else 0.0
            quads = store.count()
            per_article = timed_batch(store, batch)
            store.close()
        rows.append((size, quads, load, per_article))
    base = rows[0][3]
    print(f"{'articles':>10}{'quads':>12}{'load s':>10}{'ms/article':>12}{'vs empty':>10}")
    for size, quads, load, per in rows:
        print(f"{size:>10}{quads:>12}{load:>10.1f}{per * 1000:>12.2f}{per / base:>10.2f}")


if __name__ == "__main__":
    main()
