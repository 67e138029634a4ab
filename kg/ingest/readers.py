"""Readers from files to :class:`Article`, chosen by suffix from one table.

Every reader takes the file's bytes and its path and returns one or more articles, raising an
:class:`~kg.errors.InputError` subclass that names the file and what was wrong.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kg.errors import EmptyInputError, InputError, OversizedInputError, UnreadableInputError
from kg.ingest.article import Article
from kg.ingest.dates import dateline

logger = logging.getLogger(__name__)

Reader = Callable[[bytes, Path], Iterator["Article | InputError"]]

HEADER_LINES = 12
"""How many leading lines of a .txt article may hold its section, headline and datelines."""


def _text(data: bytes, path: Path) -> str:
    if b"\x00" in data:
        raise UnreadableInputError(str(path), "binary content (NUL bytes), not a text article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableInputError(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if not text.strip():
        raise EmptyInputError(str(path), "the file holds no text")
    return text


def _article(origin: str, /, **fields: Any) -> Article:
    try:
        return Article(**fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "article"
        raise UnreadableInputError(origin, f"field {where!r}: {err['msg']}") from None


def read_txt(data: bytes, path: Path) -> Iterator[Article]:
    """A plain-text article; leading section/headline/standfirst and PUBLISHED lines are metadata.

    The article text is everything after the last dateline among the first lines (or the whole
    file when there is none), so facts are read from the body only.
    """
    text = _text(data, path)
    lines = text.splitlines(keepends=True)
    published = None
    body_start = 0
    header: list[str] = []
    pos = 0
    for i, line in enumerate(lines[:HEADER_LINES]):
        found = dateline(line)
        if found:
            kind, day = found
            if kind != "updated" or published is None:
                published = day
            body_start = pos + len(line)
            header = [ln.strip() for ln in lines[:i] if ln.strip() and not dateline(ln)]
        pos += len(line)
    title = None
    section = None
    if header:
        if len(header) >= 3:
            section, title = header[0], header[1]
        else:
            title = header[0]
    body = text[body_start:] if body_start else text
    if not body.strip():
        raise EmptyInputError(str(path), "no article text after the header")
    yield _article(str(path), id=path.stem, title=title, section=section, published=published, text=body)


def _from_mapping(obj: Any, source: str, default_id: str) -> Article:
    if not isinstance(obj, dict):
        raise UnreadableInputError(source, "expected a JSON object with at least 'text'")
    if not isinstance(obj.get("text"), str) or not obj["text"].strip():
        raise EmptyInputError(source, "the article has no 'text'")
    fields = {k: obj[k] for k in Article.model_fields if k in obj}
    fields.setdefault("id", default_id)
    if fields["id"] is None:
        fields["id"] = default_id
    fields["id"] = str(fields["id"])
    return _article(source, **fields)


def read_json(data: bytes, path: Path) -> Iterator[Article]:
    """One article object ``{"id", "url", "title", "published", "text", ...}`` (or a list)."""
    try:
        obj = json.loads(_text(data, path))
    except json.JSONDecodeError as exc:
        raise UnreadableInputError(str(path), f"invalid JSON: {exc.msg} (line {exc.lineno})") from None
    items = obj if isinstance(obj, list) else [obj]
    for n, item in enumerate(items):
        default = path.stem if len(items) == 1 else f"{path.stem}-{n + 1}"
        yield _from_mapping(item, str(path), default)


def read_jsonl(data: bytes, path: Path) -> Iterator[Article | InputError]:
    """One article object per line; a bad line yields its error (naming the line) and the rest go on."""
    for n, line in enumerate(_text(data, path).splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{path}:{n}"
        try:
            yield _from_mapping(json.loads(line), source, f"{path.stem}-{n}")
        except json.JSONDecodeError as exc:
            yield UnreadableInputError(source, f"invalid JSON: {exc.msg}")
        except InputError as exc:
            yield exc


def read_html(data: bytes, path: Path) -> Iterator[Article]:
    """A saved news page: main text and metadata (title, date, url, site) by trafilatura."""
    import trafilatura

    html = _text(data, path)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    if doc is None or not (getattr(doc, "text", None) or "").strip():
        raise EmptyInputError(str(path), "no article text found in the page")
    published = None
    if getattr(doc, "date", None):
        from kg.ingest.dates import parse_published

        published = parse_published(str(doc.date))
    yield _article(
        str(path), id=path.stem, title=doc.title, url=doc.url, published=published,
        text=doc.text, source=doc.sitename, language=doc.language,
    )


READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".html": read_html,
    ".htm": read_html,
}


def read_path(path: Path, max_bytes: int = 10_000_000) -> list[Article | InputError]:
    """Read one file into its articles, checking suffix and size first.

    Raises for a file that cannot be read at all; a multi-article file (``.jsonl``) returns the
    error of each bad item in its place so the good ones still count.
    """
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnreadableInputError(
            str(path), f"unknown file type {path.suffix or '(none)'!r}; expected one of {', '.join(READERS)}"
        )
    try:
        size = path.stat().st_size
        if size > max_bytes and path.suffix.lower() != ".jsonl":
            raise OversizedInputError(str(path), f"{size} bytes is more than the limit of {max_bytes}")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableInputError(str(path), exc.strerror or str(exc)) from None
    items: list[Article | InputError] = []
    for item in reader(data, path):
        if isinstance(item, Article) and len(item.text.encode("utf-8")) > max_bytes:
            item = OversizedInputError(str(path), f"article {item.id!r} is larger than {max_bytes} bytes")
        items.append(item)
    return items


__all__ = ["READERS", "Reader", "read_html", "read_json", "read_jsonl", "read_path", "read_txt"]
