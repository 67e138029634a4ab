"""The graph explorer page in a real browser (Debian's Chromium driven by Playwright)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from graphdata import BASE

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (scripts/setup.sh --test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def test_search_draws_the_counterparts_and_lists_meetings_with_evidence(
    browser: object, live_url: str, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 800})  # type: ignore[attr-defined]
    page.goto(f"{live_url}/")
    page.fill("#actor", "reyes")
    page.click("button[type=submit]")
    page.wait_for_selector("svg .node:not(.center)")
    nodes = page.locator("svg .node text").all_text_contents()
    assert sorted(nodes) == ["Alba Reyes", "Boris Kettle", "Céline Duprée"]
    assert page.locator("#details h2").inner_text() == "Alba Reyes"
    meetings = page.locator("#details .meeting").all_inner_texts()
    assert any("phone call" in m and "2021-03-02" in m and "occurred" in m for m in meetings)
    assert any("Reyes spoke to Kettle by phone on Tuesday." in m for m in meetings)
    assert any("We share a long border" in s for s in page.locator("#details .statement").all_inner_texts())
    page.screenshot(path=str(tmp_path / "explorer.png"))
    assert (tmp_path / "explorer.png").stat().st_size > 10_000


def test_clicking_a_counterpart_moves_to_them(browser: object, live_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{live_url}/?actor=Reyes")
    page.wait_for_selector("svg .node:not(.center)")
    page.click(f'svg .node[data-id="{BASE}id/actor/Q900002"] circle')
    page.wait_for_function("document.querySelector('#details h2')?.textContent === 'Boris Kettle'")
    assert page.locator("svg .node.center text").text_content() == "Boris Kettle"


def test_an_unknown_actor_is_said_plainly(browser: object, live_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{live_url}/")
    page.fill("#actor", "Nobody Atall")
    page.click("button[type=submit]")
    page.wait_for_function("document.querySelector('#message').textContent.startsWith('Could not show')")
    assert "Nobody Atall" in page.locator("#message").inner_text()
