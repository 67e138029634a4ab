"""Choose and open a store from a location: a registry table of scheme → opener.

- a folder (no scheme, or ``file:``) → :class:`~kg.rdf.oxigraph_store.OxigraphStore`;
  ``memory:`` → an in-memory one (tests, throw-away runs);
- ``http:`` / ``https:`` → :class:`~kg.rdf.remote_store.RemoteStore`. Without an explicit
  update endpoint, a query URL ending in ``/query`` (Oxigraph, Fuseki) updates at ``/update``;
  any other URL takes updates at the same address (Virtuoso, GraphDB).

A folder held by a running ``kg serve`` cannot be opened a second time. For read-only use
(``kg query``, ``kg stats``) the opener then goes through the service that holds it, when the
holder recorded its URL: its ``/sparql`` endpoint answers the queries.

>>> update_url_for("http://localhost:7878/query")
'http://localhost:7878/update'
>>> update_url_for("http://localhost:8890/sparql")
'http://localhost:8890/sparql'
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import ConfigError, StoreLockedError
from kg.rdf.store import KnowledgeStore

if TYPE_CHECKING:
    from kg.config import Settings

logger = logging.getLogger(__name__)

Opener = Callable[..., KnowledgeStore]


def update_url_for(query_url: str) -> str:
    """The update endpoint that goes with a query endpoint, by the common conventions."""
    if query_url.rstrip("/").endswith("/query"):
        return query_url.rstrip("/")[: -len("query")] + "update"
    return query_url


def _open_folder(location: str, *, base_iri: str, read_only: bool, timeout: float | None,
                 **_: Any) -> KnowledgeStore:
    from kg.rdf.oxigraph_store import OxigraphStore

    folder = location[len("file://"):] if location.startswith("file://") else location
    try:
        return OxigraphStore(Path(folder), base_iri, read_only=read_only)
    except StoreLockedError as exc:
        url = _holder_url(exc)
        if not read_only or url is None:
            raise
        logger.info("%s is held by the service at %s: querying through it", folder, url)
        return _open_http(url.rstrip("/") + "/sparql", base_iri=base_iri, read_only=True,
                          timeout=timeout)


def _holder_url(exc: StoreLockedError) -> str | None:
    try:
        url = json.loads(exc.holder or "{}").get("url")
    except (ValueError, AttributeError):
        return None
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None


def _open_memory(location: str, *, base_iri: str, read_only: bool, timeout: float | None,
                 **_: Any) -> KnowledgeStore:
    from kg.rdf.oxigraph_store import OxigraphStore

    return OxigraphStore(None, base_iri)


def _open_http(location: str, *, base_iri: str, read_only: bool, timeout: float | None,
               update_endpoint: str | None = None, **_: Any) -> KnowledgeStore:
    from kg.rdf.remote_store import RemoteStore

    return RemoteStore(location, update_endpoint or update_url_for(location), base_iri=base_iri,
                       timeout=timeout if timeout is not None else 60.0, read_only=read_only)


OPENERS: dict[str, Opener] = {
    "": _open_folder,
    "file": _open_folder,
    "memory": _open_memory,
    "http": _open_http,
    "https": _open_http,
}
"""Scheme of the location → the function that opens it (``""`` is a plain folder path)."""


def scheme_of(location: str) -> str:
    """``"http"`` for ``http://…``, ``""`` for a folder path (Windows drive letters too)."""
    head, sep, _ = location.partition(":")
    if not sep or len(head) == 1 or not head.replace("+", "").replace("-", "").isalnum():
        return ""
    return head.lower()


def open_store(location: str, *, base_iri: str, update_endpoint: str | None = None,
               read_only: bool = False, timeout: float | None = 60.0) -> KnowledgeStore:
    """Open the store at ``location`` (folder, ``memory:``, or SPARQL endpoint URL).

    ``timeout`` bounds each request to a remote endpoint. Raises ConfigError for an unknown
    scheme, StoreLockedError when a folder is held by another process, StoreError otherwise.
    """
    scheme = scheme_of(location)
    opener = OPENERS.get(scheme)
    if opener is None:
        raise ConfigError(f"KG_STORE={location!r}: unknown store scheme {scheme!r} "
                          f"(use a folder or an http(s) SPARQL endpoint URL)")
    return opener(location, base_iri=base_iri, update_endpoint=update_endpoint,
                  read_only=read_only, timeout=timeout)


def open_store_from_settings(settings: Settings, *, read_only: bool = False) -> KnowledgeStore:
    """:func:`open_store` with the store, base IRI, update endpoint and timeout of ``settings``."""
    return open_store(settings.store, base_iri=settings.base_iri,
                      update_endpoint=settings.update_endpoint, read_only=read_only,
                      timeout=settings.remote_timeout)


__all__ = ["OPENERS", "Opener", "open_store", "open_store_from_settings", "scheme_of",
           "update_url_for"]
