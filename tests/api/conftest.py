"""Fixtures for the API tests: an in-memory store holding the fictional graph, a TestClient
over create_app, and a real uvicorn server on a free loopback port for client-library tests."""

from __future__ import annotations

import socket
import threading
import time
import warnings
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

with warnings.catch_warnings():
    # starlette >= 1.0 would rather use httpx2 for its TestClient; httpx still works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from graphdata import BASE, load

from api.main import create_app
from kg.config import Settings
from kg.rdf.oxigraph_store import OxigraphStore

TOKEN = "test-token-123"


@pytest.fixture
def api_settings() -> Settings:
    return Settings(base_iri=BASE, token=TOKEN, result_limit=50, query_timeout=10,
                    max_request_bytes=200_000)


@pytest.fixture
def api_store(api_settings: Settings) -> Iterator[OxigraphStore]:
    store = OxigraphStore(None, api_settings.base_iri)
    load(store)
    yield store
    store.close()


@pytest.fixture
def app(api_settings: Settings, api_store: OxigraphStore) -> FastAPI:
    return create_app(api_settings, store=api_store)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Server(uvicorn.Server):
    def install_signal_handlers(self) -> None:  # the test process keeps its own handlers
        pass


@pytest.fixture(scope="module")
def live_url() -> Iterator[str]:
    """Base URL of the app served by uvicorn on loopback (in a thread), over the fictional graph."""
    settings = Settings(base_iri=BASE, token=TOKEN, result_limit=50, query_timeout=10)
    store = OxigraphStore(None, BASE)
    load(store)
    port = _free_port()
    server = _Server(uvicorn.Config(create_app(settings, store=store), host="127.0.0.1", port=port,
                                    log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    httpx.get(f"{url}/health", timeout=5).raise_for_status()
    yield url
    server.should_exit = True
    thread.join(10)
    store.close()
