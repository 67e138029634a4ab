"""The library's exception tree, drawn once here; the API maps it to status codes in one table.

::

    KGError
    ├── InputError                 an article could not be read
    │   ├── UnreadableInputError   unknown suffix, bad encoding, bad JSON, binary content
    │   ├── EmptyInputError        nothing but white space
    │   └── OversizedInputError    larger than Settings.max_article_bytes
    ├── NotFoundError
    │   ├── EntityNotFoundError
    │   └── ArticleNotFoundError
    ├── QueryError                 a SPARQL query that is malformed or not allowed
    │   └── QueryTimeoutError      a query that ran longer than allowed
    ├── StoreError                 the store could not be opened, read or written
    │   └── StoreLockedError       an embedded store held by another process
    ├── ExportError                an unknown format or a graph that cannot be written
    └── ConfigError                a bad setting (names the key and the value)
"""

from __future__ import annotations


class KGError(Exception):
    """Base of every error the library raises on purpose."""


class InputError(KGError):
    """An article could not be turned into an :class:`~kg.ingest.article.Article`."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnreadableInputError(InputError):
    """The input is not a readable article (suffix, encoding, JSON, binary)."""


class EmptyInputError(InputError):
    """The input holds no text."""


class OversizedInputError(InputError):
    """The input is larger than the configured limit."""


class NotFoundError(KGError):
    """Something asked for by id is not in the store."""


class EntityNotFoundError(NotFoundError):
    """No actor matches the id or name."""


class ArticleNotFoundError(NotFoundError):
    """No article with that id is stored."""


class QueryError(KGError):
    """A SPARQL query is malformed or asks for something that is refused."""


class QueryTimeoutError(QueryError):
    """A query ran past the configured time limit."""


class StoreError(KGError):
    """The store could not be opened, read or written."""


class StoreLockedError(StoreError):
    """An embedded store is held by another process (for example a running ``kg serve``)."""

    def __init__(self, path: str, holder: str | None = None) -> None:
        detail = f" by {holder}" if holder else ""
        super().__init__(f"the store at {path} is in use{detail}")
        self.path = path
        self.holder = holder


class ExportError(KGError):
    """An export format is unknown or the graph cannot be written in it."""


class ConfigError(KGError):
    """A setting has a bad value; the message names the key and the value."""


__all__ = [
    "ArticleNotFoundError",
    "ConfigError",
    "EmptyInputError",
    "EntityNotFoundError",
    "ExportError",
    "InputError",
    "KGError",
    "NotFoundError",
    "OversizedInputError",
    "QueryError",
    "QueryTimeoutError",
    "StoreError",
    "StoreLockedError",
    "UnreadableInputError",
]
