"""Walk files and folders into articles, turning every failure into a value so a batch goes on."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.ingest.article import Article
from kg.ingest.readers import READERS, read_path

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class InputFailure:
    """An input that could not be read, with the message to show the user."""

    source: str
    message: str


def iter_files(paths: Iterable[Path]) -> Iterator[Path | InputFailure]:
    """Files named, and every readable file under folders named (recursively, sorted, no hidden)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if child.is_file() and child.suffix.lower() in READERS and not any(
                    part.startswith(".") for part in rel.parts
                ):
                    yield child
        elif path.exists():
            yield path
        else:
            yield InputFailure(str(path), f"{path}: no such file or folder")


def iter_inputs(paths: Iterable[Path], max_bytes: int = 10_000_000) -> Iterator[Article | InputFailure]:
    """Articles from files and folders; unreadable inputs come back as :class:`InputFailure`."""
    for item in iter_files(paths):
        if isinstance(item, InputFailure):
            yield item
            continue
        try:
            results = read_path(item, max_bytes)
        except InputError as exc:
            yield InputFailure(exc.source, str(exc))
            continue
        for r in results:
            yield InputFailure(r.source, str(r)) if isinstance(r, InputError) else r


__all__ = ["InputFailure", "iter_files", "iter_inputs"]
