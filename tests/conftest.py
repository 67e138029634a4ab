"""Shared fixtures. Keep each block small and generic; add yours below with a comment header."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

# ------------------------------------------------------------------ oxigraph server (store layer)
# A real `oxigraph serve` on a free loopback port, for tests marked `remote`. Session-scoped:
# started once, waited for, killed at the end. The value is the server's base URL; its SPARQL
# endpoints are `<url>/query` and `<url>/update`. Queries see the union of named graphs.

OXIGRAPH_BIN = Path(sys.executable).with_name("oxigraph")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a running ``oxigraph serve`` (skips when the binary is not installed)."""
    binary = str(OXIGRAPH_BIN) if OXIGRAPH_BIN.exists() else shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    location = tmp_path_factory.mktemp("oxigraph-server")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            if proc.poll() is not None:
                err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                pytest.fail(f"oxigraph serve exited with {proc.returncode}: {err[-500:]}")
            try:
                if httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("oxigraph serve did not answer within 20 s")
            time.sleep(0.1)
        yield url
    finally:
        proc.kill()
        proc.wait(timeout=10)
        if proc.stderr is not None:
            proc.stderr.close()


# ------------------------------------------------------------------ the spaCy pipeline (model tests)
# The statistical model with the project's components, built once per test process.

@pytest.fixture(scope="session")
def nlp() -> object:
    """The project's pipeline over the English model; skips when the model is not installed."""
    from kg.errors import ConfigError
    from kg.nlp.pipeline import build_nlp

    try:
        return build_nlp("en_core_web_sm")
    except ConfigError as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def bare_nlp() -> object:
    """The English model alone, without the project's components (for rule tests that supply
    their own entities); skips when the model is not installed."""
    from kg.errors import ConfigError
    from kg.nlp.pipeline import load_model

    try:
        return load_model("en_core_web_sm")
    except ConfigError as exc:
        pytest.skip(str(exc))
