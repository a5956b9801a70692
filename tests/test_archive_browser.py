"""The archive in a real browser: a crawled page's scripts do not run, nor reach the archive.

Chromium (Debian's ``chromium`` at /usr/bin/chromium, driven by Playwright) opens the
hostile pages of ``test_archive.py`` as ``rassegna serve`` serves them and as
``rassegna snapshot`` writes them. Nothing leaves 127.0.0.1: every request for the
pages' own site is answered by the test from the hostile site's pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rassegna.cli import app
from tests.test_archive import (
    EXFIL_HOST,
    HOSTILE_HOST,
    SCRIPT_TITLES,
    SCRIPTED_TITLE,
    SCRIPTED_URL,
    Served,
    crawl_hostile,
    hostile_render,
    serving,
)

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium; "
    ".ci/run installs it)",
)
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="needs playwright: pip install -e '.[test]'"
)
CHROMIUM_ARGS = [
    "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--no-proxy-server",
]
#: how long a script that ran gets to fetch the archive and send what it read
SETTLE_MS = 1500


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("hostile-browser")
    yield from serving(crawl_hostile(folder), folder / "serve.log")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A browser tab that records every request and answers for the hostile site itself."""

    def __init__(self, browser: Any, archive_origin: str = "") -> None:
        self.requests: list[str] = []
        self.console: list[str] = []
        self.context = browser.new_context()
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.context.route("**/*", self._answer)
        self.archive_origin = archive_origin
        self.page = self.context.new_page()
        self.page.on("console", lambda message: self.console.append(message.text))

    def _answer(self, route: Any) -> None:
        url = route.request.url
        if url.startswith("file:") or (
            self.archive_origin and url.startswith(self.archive_origin + "/")
        ):
            route.continue_()
            return
        parts = url.split("/", 3)
        reply = hostile_render(parts[2], "/" + (parts[3] if len(parts) > 3 else ""), {})
        if reply is None:
            route.fulfill(status=404, body="")
        else:
            route.fulfill(status=reply.status, content_type=reply.content_type, body=reply.body)

    def open(self, url: str) -> Any:
        self.page.goto(url, wait_until="load")
        self.page.wait_for_timeout(SETTLE_MS)
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser: Any, served: Served) -> Iterator[Visit]:
    tab = Visit(browser, served.origin)
    yield tab
    tab.close()


def test_the_hostile_page_runs_its_scripts_when_not_sandboxed(visit: Visit) -> None:
    """The control: the page as its own site serves it runs its scripts, and they report."""
    page = visit.open(SCRIPTED_URL)
    assert page.title() in SCRIPT_TITLES
    assert any(url.startswith(f"http://{EXFIL_HOST}/") for url in visit.requests)


def test_archived_page_runs_no_script_and_reaches_nothing_of_the_archive(
    visit: Visit, served: Served
) -> None:
    path = served.archived()[SCRIPTED_URL]
    page = visit.open(served.origin + path)
    assert page.title() == SCRIPTED_TITLE  # no script renamed it: none ran
    assert any("Blocked script execution" in line for line in visit.console)
    banner = page.locator("[data-rassegna-banner]").inner_text()
    assert "Copia d'archivio" in banner and "non vengono eseguiti" in banner
    assert page.locator("h1").inner_text() == SCRIPTED_TITLE
    from_archive = [url for url in visit.requests if url.startswith(served.origin)]
    assert from_archive == [served.origin + path]  # the page itself, and nothing else
    assert not any(EXFIL_HOST in url for url in visit.requests)
    # the page's root-relative image and stylesheet come from its own site
    assert f"http://{HOSTILE_HOST}/img/pescara.jpg" in visit.requests
    assert f"http://{HOSTILE_HOST}/static/sito.css" in visit.requests


def test_archived_page_links_lead_to_the_original_site(visit: Visit, served: Served) -> None:
    page = visit.open(served.origin + served.archived()[SCRIPTED_URL])
    with page.expect_request(f"http://{HOSTILE_HOST}/cronaca/") as followed:
        page.get_by_role("link", name="Cronaca").click()  # href="/cronaca/"
    assert followed.value.is_navigation_request()


def test_snapshot_opened_from_disk_runs_no_script(browser: Any, served: Served,
                                                  tmp_path: Path) -> None:
    target = tmp_path / "pescara.html"
    result = CliRunner().invoke(app, ["snapshot", SCRIPTED_URL, "--db", str(served.db),
                                      "--out", str(target)])
    assert result.exit_code == 0, result.output
    tab = Visit(browser)
    try:
        page = tab.open(target.as_uri())
        assert page.title() == SCRIPTED_TITLE
        assert not any(EXFIL_HOST in url for url in tab.requests)
        assert f"http://{HOSTILE_HOST}/img/pescara.jpg" in tab.requests
    finally:
        tab.close()
