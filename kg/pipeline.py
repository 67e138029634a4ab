"""The road from inputs to the store: read, extract, map to RDF, write one article at a time.

Each article is extracted, mapped and written on its own, so a failure in one is reported as
an :class:`IngestOutcome` with an error and the batch goes on; the store never holds half an
article because ``put_article`` is one transaction.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from kg.config import Settings
from kg.extract.extractor import extract_many
from kg.extract.records import ExtractionRecord
from kg.gazetteer import Gazetteer
from kg.ingest.article import Article
from kg.ingest.batch import InputFailure, iter_inputs
from kg.rdf.mapping import record_to_graph
from kg.rdf.store import KnowledgeStore
from kg.resolve import resolve_record
from kg.version import EXTRACTOR_VERSION

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one input: its record when stored, else the error to report."""

    source: str
    article_id: str | None = None
    record: ExtractionRecord | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def extract_inputs(
    items: Iterable[Article | InputFailure],
    *,
    nlp: Language,
    settings: Settings,
    gazetteer: Gazetteer | None = None,
) -> Iterator[IngestOutcome]:
    """Extract every article, passing failures through; an article that breaks the extractor
    is reported, not raised."""
    for item in items:
        if isinstance(item, InputFailure):
            yield IngestOutcome(source=item.source, error=item.message)
            continue
        try:
            record = next(extract_many([item], nlp=nlp, gazetteer=gazetteer, base_iri=settings.base_iri))
        except Exception as exc:  # one article's failure must not stop the batch
            logger.exception("extraction failed for %s", item.id)
            yield IngestOutcome(source=item.id, article_id=item.id,
                                error=f"{item.id}: extraction failed: {type(exc).__name__}: {exc}")
            continue
        yield IngestOutcome(source=item.id, article_id=item.id, record=record)


_WORKER: dict[str, object] = {}
"""Per-process state of an extraction worker (its pipeline and settings), set by the initializer."""


def _init_worker(settings: Settings) -> None:
    from kg.nlp.pipeline import build_nlp

    _WORKER["nlp"] = build_nlp(settings.model)
    _WORKER["settings"] = settings


def _extract_in_worker(item: Article | InputFailure) -> IngestOutcome:
    nlp = _WORKER["nlp"]
    settings = _WORKER["settings"]
    assert isinstance(settings, Settings)
    return next(extract_inputs([item], nlp=nlp, settings=settings))  # type: ignore[arg-type]


def extract_parallel(
    items: Iterable[Article | InputFailure], *, settings: Settings, workers: int
) -> Iterator[IngestOutcome]:
    """Extract on ``workers`` processes (each loads the pipeline once), results in input order.

    Processes start from a clean server process ("forkserver"), not from a copy of this one,
    which may hold an open store and its threads.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                             initargs=(settings,)) as pool:
        yield from pool.map(_extract_in_worker, items, chunksize=4)


def worker_count(settings: Settings, n_items: int) -> int:
    """Processes worth starting for ``n_items`` articles (``KG_WORKERS``; 0 means one per core)."""
    wanted = settings.workers or (os.cpu_count() or 1)
    return max(1, min(wanted, n_items // 8 or 1))


def store_outcomes(outcomes: Iterable[IngestOutcome], store: KnowledgeStore, settings: Settings) -> Iterator[IngestOutcome]:
    """Resolve each extracted record against the store and write it as its article's named graph."""
    for outcome in outcomes:
        if outcome.record is None:
            yield outcome
            continue
        try:
            record = resolve_record(outcome.record, store)
            graph = record_to_graph(record, base_iri=settings.base_iri,
                                    extractor_version=EXTRACTOR_VERSION)
            store.put_article(record.article.id, graph)
        except Exception as exc:  # noqa: BLE001 - reported per article; the store stays whole
            logger.exception("storing %s failed", outcome.article_id)
            yield IngestOutcome(source=outcome.source, article_id=outcome.article_id,
                                error=f"{outcome.article_id}: could not be stored: {exc}")
            continue
        yield IngestOutcome(source=outcome.source, article_id=outcome.article_id, record=record)


def ingest_articles(
    articles: Iterable[Article | InputFailure],
    store: KnowledgeStore,
    *,
    nlp: Language,
    settings: Settings,
    gazetteer: Gazetteer | None = None,
) -> Iterator[IngestOutcome]:
    """Extract and store articles one by one (lazily: iterate to make it happen)."""
    return store_outcomes(extract_inputs(articles, nlp=nlp, settings=settings, gazetteer=gazetteer), store, settings)


def ingest_inputs(
    items: list[Article | InputFailure],
    store: KnowledgeStore,
    *,
    settings: Settings,
    nlp: Language | None = None,
) -> Iterator[IngestOutcome]:
    """Read inputs into the store, extracting on every core when there is enough work.

    Extraction runs in worker processes; resolution and writing stay in this process, the
    store's only writer.
    """
    workers = worker_count(settings, len(items))
    if workers > 1:
        extracted = extract_parallel(items, settings=settings, workers=workers)
    else:
        if nlp is None:
            from kg.nlp.pipeline import build_nlp

            nlp = build_nlp(settings.model)
        extracted = extract_inputs(items, nlp=nlp, settings=settings)
    return store_outcomes(extracted, store, settings)


def ingest_paths(paths: Iterable[Path], store: KnowledgeStore, *, settings: Settings,
                 nlp: Language | None = None) -> Iterator[IngestOutcome]:
    """Files and folders into the store (see :func:`ingest_inputs`)."""
    return ingest_inputs(list(iter_inputs(paths, settings.max_article_bytes)), store, settings=settings, nlp=nlp)


__all__ = [
    "IngestOutcome",
    "extract_inputs",
    "extract_parallel",
    "ingest_articles",
    "ingest_inputs",
    "ingest_paths",
    "store_outcomes",
    "worker_count",
]
