"""An interrupted crawl resumes without fetching again what it stored.

Each test runs the real command line (``rassegna crawl``) in its own process group
against the ``www.gamma.test`` fixture site (150 articles), stops it half-way the
way a user or a system does (Ctrl-C to the process group, the crawl child killed),
runs it again, and counts on the server side how often each article was fetched.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from rassegna import pipeline
from rassegna.campaign import load_campaign
from rassegna.demo.server import ProxyWeb
from rassegna.store import open_store
from tests import sites

ROOT = Path(__file__).resolve().parents[1]
CAMPAIGN = """
[project]
name = "Gamma"
[[terms]]
term = "LgNet2"
[sources]
feeds = ["http://www.gamma.test/feed.xml"]
[crawl]
concurrency_per_domain = 1
"""
HALF = sites.GAMMA_ARTICLES // 2


@pytest.fixture
def web() -> Iterator[ProxyWeb]:
    with ProxyWeb(sites.render) as proxy:
        yield proxy


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    path = tmp_path / "c.toml"
    path.write_text(CAMPAIGN, encoding="utf-8")
    return path


def articles_fetched(web: ProxyWeb) -> Counter[str]:
    return Counter(s.path for s in list(web.seen) if s.path.startswith("/2023/11/"))


def start_crawl(web: ProxyWeb, tmp_path: Path, campaign: Path) -> subprocess.Popen[str]:
    """``rassegna crawl`` in a new session, as a terminal runs it (its own process group)."""
    env = {k: v for k, v in os.environ.items() if k.lower() != "no_proxy"}
    env.update(http_proxy=web.proxy_url,
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])))
    command = [sys.executable, "-c", "from rassegna.cli import app; app()", "crawl",
               "--db", str(tmp_path / "s.db"), "--campaign", str(campaign)]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def wait_for_articles(web: ProxyWeb, count: int, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while sum(articles_fetched(web).values()) < count:
        assert time.monotonic() < deadline, "the crawl did not get half-way"
        time.sleep(0.02)


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def crawls_running(tmp_path: Path) -> list[int]:
    """The crawl children still running on this test's store (orphans included)."""
    db = str(tmp_path / "s.db").encode()
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if b"rassegna.crawling" in args and db in args:
            found.append(int(cmdline.parent.name))
    return found


def stored_pages(tmp_path: Path) -> set[str]:
    store = open_store(tmp_path / "s.db")
    try:
        slug = load_campaign(tmp_path / "c.toml").slug
        return {row["url"] for row in store.db.query(
            "select url from page_campaigns where campaign = ?", [slug])}
    finally:
        store.close()


def resume_and_extract(web: ProxyWeb, tmp_path: Path, campaign: Path) -> int:
    """Run the crawl again to its end, extract, and return the campaign's uscite."""
    proc = start_crawl(web, tmp_path, campaign)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    store = open_store(tmp_path / "s.db")
    try:
        loaded = load_campaign(campaign)
        pipeline.extract(store, loaded)
        uscite = store.articles(loaded.slug)
        assert len({u.article.url for u in uscite}) == len(uscite)
        return len(uscite)
    finally:
        store.close()


def error_lines(stderr: str) -> list[str]:
    assert "Traceback" not in stderr, stderr
    return [line for line in stderr.splitlines() if "error:" in line]


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_then_resume_fetches_every_article_once(
    web: ProxyWeb, tmp_path: Path, campaign: Path, how: signal.Signals
) -> None:
    proc = start_crawl(web, tmp_path, campaign)
    wait_for_articles(web, HALF)
    os.killpg(proc.pid, how)  # Ctrl-C: the terminal signals the whole process group
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    (line,) = error_lines(err)
    assert line == "error: crawl interrupted: the next run resumes where this one stopped"
    assert crawls_running(tmp_path) == []
    first = sum(articles_fetched(web).values())
    assert HALF <= first < sites.GAMMA_ARTICLES
    assert len(stored_pages(tmp_path)) == first  # what was in flight was stored

    assert resume_and_extract(web, tmp_path, campaign) == sites.GAMMA_ARTICLES
    counts = articles_fetched(web)
    assert len(counts) == sites.GAMMA_ARTICLES and set(counts.values()) == {1}


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_killed_crawl_child_then_resume_fetches_no_stored_page_again(
    web: ProxyWeb, tmp_path: Path, campaign: Path, how: signal.Signals
) -> None:
    proc = start_crawl(web, tmp_path, campaign)
    wait_for_articles(web, HALF)
    (child,) = children(proc.pid)
    os.kill(child, how)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    (line,) = error_lines(err)
    assert "crawl interrupted" in line and "the next run resumes" in line
    stored = stored_pages(tmp_path)
    assert stored

    assert resume_and_extract(web, tmp_path, campaign) == sites.GAMMA_ARTICLES
    counts = articles_fetched(web)
    twice = {f"http://www.gamma.test{path}" for path, n in counts.items() if n > 1}
    assert len(counts) == sites.GAMMA_ARTICLES and set(counts.values()) <= {1, 2}
    # only a page the server was sending when the child died can be fetched again
    assert not twice & stored and len(twice) <= 2


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGHUP])
def test_the_crawl_child_does_not_outlive_a_killed_command(
    web: ProxyWeb, tmp_path: Path, campaign: Path, how: signal.Signals
) -> None:
    proc = start_crawl(web, tmp_path, campaign)
    wait_for_articles(web, HALF)
    assert len(children(proc.pid)) == 1
    os.kill(proc.pid, how)  # the command alone: SIGKILL, or its terminal closed
    proc.communicate(timeout=120)
    deadline = time.monotonic() + 60
    while crawls_running(tmp_path):
        assert time.monotonic() < deadline, "the crawl child outlived its command"
        time.sleep(0.1)
    # it stopped there, gracefully, rather than crawling on to the end by itself
    assert sum(articles_fetched(web).values()) < sites.GAMMA_ARTICLES
    # nothing left holds the campaign: the next crawl runs and resumes
    assert resume_and_extract(web, tmp_path, campaign) == sites.GAMMA_ARTICLES
