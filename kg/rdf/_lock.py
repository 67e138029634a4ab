"""The single-writer lock of an embedded store folder, and who holds it.

An embedded Oxigraph store on disk admits one writing process. The writer takes an exclusive,
non-blocking ``flock`` on ``<folder>/kg.lock`` and records itself in ``<folder>/kg.holder.json``
(pid, command, start time and, for ``kg serve``, the URL it answers on). Read-only openers take
a shared lock, so readers may share the folder with each other but never with a writer
(pyoxigraph calls reading beside a writer undefined behaviour). A second opener fails at once
with :class:`StoreLockedError` naming the holder; it never waits. The kernel drops the lock when
the holder exits, even after a crash, so a stale holder file is simply overwritten.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from kg.errors import StoreError, StoreLockedError

logger = logging.getLogger(__name__)

LOCK_NAME = "kg.lock"
HOLDER_NAME = "kg.holder.json"


class FolderLock:
    """An acquired lock on a store folder; ``release()`` gives it back."""

    def __init__(self, folder: Path, *, shared: bool) -> None:
        self.folder = folder
        self.shared = shared
        self._fd: int | None = None
        try:
            fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot open the lock file in {folder}: {exc}") from exc
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreLockedError(str(folder), holder_text(read_holder(folder))) from None
        self._fd = fd
        if not shared:
            self.write_holder()

    def write_holder(self, **extra: Any) -> None:
        """Record this process as the holder (only the exclusive holder writes the file)."""
        if self.shared or self._fd is None:
            return
        info = {"pid": os.getpid(), "command": " ".join(sys.argv) or sys.executable,
                "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        old = read_holder(self.folder) or {}
        if old.get("pid") == os.getpid():
            info.update({k: v for k, v in old.items() if k not in info})
        info.update({k: v for k, v in extra.items() if v is not None})
        tmp = self.folder / f".{HOLDER_NAME}.{os.getpid()}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # may hold a token
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(info))
        os.replace(tmp, self.folder / HOLDER_NAME)

    def release(self) -> None:
        if self._fd is None:
            return
        if not self.shared:
            try:
                (self.folder / HOLDER_NAME).unlink(missing_ok=True)
            except OSError:
                logger.warning("could not remove %s", self.folder / HOLDER_NAME)
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None


def read_holder(folder: Path) -> dict[str, Any] | None:
    """The holder record of a folder, or None when there is none (or it is unreadable)."""
    try:
        data = json.loads((Path(folder) / HOLDER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def holder_text(info: dict[str, Any] | None) -> str:
    """The holder as :class:`StoreLockedError` carries it: compact JSON (``pid``, ``command``,
    ``started``, maybe ``url``), so callers can ``json.loads(exc.holder)``; the token, if the
    holder recorded one, stays out of the message.
    """
    if not info:
        return json.dumps({"note": "a read-only reader, or a writer that left no record"})
    return json.dumps({k: v for k, v in info.items() if k != "token"}, separators=(",", ":"))


__all__ = ["HOLDER_NAME", "LOCK_NAME", "FolderLock", "holder_text", "read_holder"]
