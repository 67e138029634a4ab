"""Fixtures for the graph tests: an in-memory store (builders are in graph_builders.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.rdf.oxigraph_store import OxigraphStore

BASE = "http://127.0.0.1:8000/"


@pytest.fixture
def mem_store() -> Iterator[OxigraphStore]:
    store = OxigraphStore(None, BASE)
    try:
        yield store
    finally:
        store.close()
