"""Extract many inputs, one outcome per input, on one process or on every core.

A failure (an unreadable input, or an article that breaks the extractor) becomes an outcome
with an error, so a batch always goes on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language

from kg.config import Settings
from kg.extract.extractor import extract_many
from kg.extract.records import ExtractionRecord
from kg.gazetteer import Gazetteer
from kg.ingest.article import Article
from kg.ingest.batch import InputFailure

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


__all__ = ["IngestOutcome", "extract_inputs", "extract_parallel", "worker_count"]
