"""The store interface every backend implements (embedded Oxigraph, remote SPARQL endpoint).

An article's facts live in one named graph, ``graph_iri(base, article_id)``; queries see the
union of all graphs as the default graph. Writing an article replaces its graph in one
transaction, so a reader never sees half an article.

Values that come from users are passed as ``bindings`` (variable name → rdflib term), never
pasted into query text; backends substitute them safely.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from typing import IO

from rdflib import Graph
from rdflib.term import Identifier

from kg._types import ArticleId, MediaType

Row = dict[str, Identifier]
"""One SELECT solution: variable name (without ``?``) → rdflib term; unbound variables absent."""


class KnowledgeStore(ABC):
    """Named-graph RDF store with per-article transactions and read-only SPARQL."""

    base_iri: str

    @abstractmethod
    def put_article(self, article_id: ArticleId, graph: Graph) -> None:
        """Replace the article's named graph with ``graph``'s triples, atomically."""

    def put_articles(self, items: Iterable[tuple[ArticleId, Graph]]) -> None:
        """Write several articles; each one is its own transaction."""
        for article_id, graph in items:
            self.put_article(article_id, graph)

    @abstractmethod
    def delete_article(self, article_id: ArticleId) -> bool:
        """Drop the article's named graph; False when it was not stored."""

    @abstractmethod
    def has_article(self, article_id: ArticleId) -> bool: ...

    @abstractmethod
    def articles(self) -> list[ArticleId]:
        """Ids of every stored article, sorted."""

    @abstractmethod
    def select(self, query: str, bindings: Mapping[str, Identifier] | None = None, *,
               timeout: float | None = None) -> list[Row]:
        """Run a SELECT over the union of all graphs.

        ``timeout`` (seconds; None: the store's default) raises QueryTimeoutError when passed.
        """

    @abstractmethod
    def ask(self, query: str, bindings: Mapping[str, Identifier] | None = None, *,
            timeout: float | None = None) -> bool: ...

    @abstractmethod
    def construct(self, query: str, bindings: Mapping[str, Identifier] | None = None, *,
                  timeout: float | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE; the result as an rdflib Graph."""

    @abstractmethod
    def query_to(self, query: str, media_type: MediaType, out: IO[bytes], *,
                 default_graph_uris: list[str] | None = None,
                 named_graph_uris: list[str] | None = None,
                 timeout: float | None = None) -> MediaType:
        """Run any read-only query and write its results serialised as ``media_type`` to ``out``.

        Returns the media type actually written. Raises QueryError for malformed or refused
        queries and QueryTimeoutError when ``timeout`` seconds pass.
        """

    @abstractmethod
    def dump(self, media_type: MediaType, out: IO[bytes], article_id: ArticleId | None = None) -> None:
        """Serialise everything (or one article's graph) as N-Quads, TriG, Turtle or N-Triples."""

    @abstractmethod
    def count(self, article_id: ArticleId | None = None) -> int:
        """Number of quads in the store (or in one article's graph)."""

    @abstractmethod
    def generation(self) -> int:
        """A number that changes whenever the store's content changes (for caches)."""

    def set_holder_info(self, url: str | None = None, **extra: str) -> None:
        """Tell other processes how to reach the one holding this store (``kg serve`` passes
        its URL). Backends without an exclusive holder ignore it."""

    def close(self) -> None:
        """Release files, locks and connections."""

    def __enter__(self) -> KnowledgeStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["KnowledgeStore", "Row"]
