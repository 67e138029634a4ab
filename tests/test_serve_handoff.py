"""While `kg serve` holds an embedded store, the other verbs still work: writes are handed to
the running service, reads go through its SPARQL endpoint, and nothing waits on the lock."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytestmark = [pytest.mark.model, pytest.mark.slow]

ARTICLE = {
    "id": "handoff-1",
    "published": "2024-02-06",
    "text": "Italian Prime Minister Giorgia Meloni met Japanese Prime Minister Fumio Kishida in Tokyo on Monday.",
}


def kg(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[dict[str, str], str]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env.update(KG_STORE=str(tmp_path / "kg"), KG_PORT=str(port), KG_WORKERS="1")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "kg serve did not start"
            time.sleep(0.2)
        yield env, url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if proc.stderr is not None:
            proc.stderr.close()


def test_ingest_query_and_delete_go_through_the_running_service(
    served: tuple[dict[str, str], str], tmp_path: Path
) -> None:
    env, url = served
    article = tmp_path / "handoff-1.json"
    article.write_text(json.dumps(ARTICLE), encoding="utf-8")

    done = kg(env, "ingest", str(article))
    assert done.returncode == 0, done.stderr
    assert f"through the service at {url}" in done.stderr

    stats = kg(env, "stats", "--format", "json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["counts"]["Article"]["resolved"] == 1

    met = httpx.get(f"{url}/met", params={"actor": "Meloni"}).json()
    assert any(c["counterpart_label"] == "Fumio Kishida" for c in met["counterparts"])

    gone = kg(env, "delete", "handoff-1")
    assert gone.returncode == 0, gone.stderr
    assert json.loads(kg(env, "stats", "--format", "json").stdout)["counts"]["Article"]["resolved"] == 0


def test_without_a_token_the_service_refuses_writes_from_outside(served: tuple[dict[str, str], str]) -> None:
    _, url = served
    r = httpx.post(f"{url}/articles", json=ARTICLE)
    assert r.status_code in (401, 403)
    assert r.headers["content-type"].startswith("application/problem+json")
