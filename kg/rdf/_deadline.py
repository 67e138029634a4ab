"""Run a query evaluation under a time limit.

Neither pyoxigraph nor a blocking HTTP read can be interrupted from outside, so the evaluation
runs in a daemon worker thread while the caller waits at most ``timeout`` seconds. pyoxigraph
releases the GIL while it evaluates, so the waiting thread wakes on time.

What happens to an abandoned evaluation: the caller gets :class:`QueryTimeoutError` at once and
a cancel flag is set. The worker checks the flag between solutions (and on every chunk the
serialiser writes), so a streaming query stops at its next solution. An operator that must see
all input before its first answer (ORDER BY, GROUP BY, COUNT) keeps one CPU busy until it
produces that answer, then stops; its partial results are discarded, never written to the
caller's output. :func:`pending` tells how many such evaluations are still running.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import TypeVar

from kg.errors import QueryTimeoutError

logger = logging.getLogger(__name__)

T = TypeVar("T")

_ABANDONED: set[threading.Thread] = set()
_ABANDONED_LOCK = threading.Lock()


class Cancelled(Exception):
    """Raised inside a worker when its caller has given up waiting."""


class CancelFlag:
    """A flag the worker polls; ``check()`` raises :class:`Cancelled` once it is set."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def set(self) -> None:
        self._event.set()

    def is_set(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled


def run_with_deadline(work: Callable[[CancelFlag], T], timeout: float | None) -> T:
    """``work(flag)`` in a worker thread; QueryTimeoutError when it runs past ``timeout``.

    With ``timeout=None`` the work runs inline in the caller's thread.
    """
    flag = CancelFlag()
    if timeout is None:
        return work(flag)
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = work(flag)
        except BaseException as exc:  # handed to the waiting caller below
            _drop_frames(exc)
            box["error"] = exc
        finally:
            with _ABANDONED_LOCK:
                _ABANDONED.discard(threading.current_thread())

    worker = threading.Thread(target=target, name="kg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        flag.set()
        with _ABANDONED_LOCK:
            _ABANDONED.add(worker)
        logger.warning("query abandoned after %.3gs; %d evaluation(s) still winding down",
                       timeout, pending())
        raise QueryTimeoutError(f"the query ran longer than {timeout:g} s")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


def _drop_frames(exc: BaseException | None) -> None:
    """Clear the locals of the failed frames here, in the worker: pyoxigraph result objects
    must be dropped on the thread that made them."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if exc.__traceback__ is not None:
            traceback.clear_frames(exc.__traceback__)
        exc = exc.__cause__ or exc.__context__


def pending() -> int:
    """Abandoned evaluations that have not stopped yet."""
    with _ABANDONED_LOCK:
        return sum(1 for t in _ABANDONED if t.is_alive())


def wait_abandoned(timeout: float) -> int:
    """Wait up to ``timeout`` seconds for abandoned evaluations to stop; the number left."""
    with _ABANDONED_LOCK:
        threads = list(_ABANDONED)
    for thread in threads:
        thread.join(timeout)
    return pending()


__all__ = ["CancelFlag", "Cancelled", "pending", "run_with_deadline", "wait_abandoned"]
