"""Running the crawl stage against the store.

Scrapy's reactor cannot be restarted inside one process, so every crawl runs in a
child process (``python -m rassegna.crawling``), which gets the parent's
:class:`~rassegna.campaign.Campaign` pickled, its source objects as they are; the
parent follows its progress through the store. :class:`StorePipeline` is the Scrapy
item pipeline that writes what the spider yields into the store.

Resuming: a crawl leaves the time it started in its job directory
(:func:`jobdir_for`), which goes when the crawl finishes. A crawl that finds it
resumes the unfinished one: it discovers the sources again but requests no page
the store got since that time. The store commits every page as it comes, so this
holds however the last crawl ended (Ctrl-C, ``--max-pages``, the child killed);
Scrapy's own job directory does not (its ``requests.seen`` is written through a
buffer and its queue only on a clean close, and it records what was scheduled,
not what was fetched).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import datetime as dt
import functools
import hashlib
import math
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from scrapy import Request, signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes

from common.errors import CrawlError, RassegnaError
from crawler import (
    CampaignSpider,
    Found,
    Page,
    Reached,
    Rejection,
    Source,
    Unchanged,
    crawl_settings,
)
from crawler.sources.sites import Site
from crawler.sources.url_lists import UrlList
from rassegna.campaign import Campaign, load_campaign, read_url_list
from rassegna.store import EngineAnswer, Store, now, open_store, opened_store

__all__ = ["EngineCache", "StorePipeline", "check_max_pages", "crawl_lock", "jobdir_for",
           "run_crawl"]


class StorePipeline:
    """Writes pages and rejections into the store.

    Settings: ``RASSEGNA_DB`` (the store's path), ``RASSEGNA_CAMPAIGN`` (the slug).
    """

    def __init__(self, db_path: str, campaign: str, crawler: Crawler | None = None) -> None:
        self.db_path = db_path
        self.campaign = campaign
        self.crawler = crawler
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        db_path = crawler.settings.get("RASSEGNA_DB")
        campaign = crawler.settings.get("RASSEGNA_CAMPAIGN")
        if not db_path or not campaign:
            raise NotConfigured("RASSEGNA_DB and RASSEGNA_CAMPAIGN are required")
        return cls(db_path, campaign, crawler)

    def open_spider(self, spider: Any = None) -> None:
        self.store = open_store(self.db_path)

    def close_spider(self, spider: Any = None) -> None:
        spider = spider or (self.crawler.spider if self.crawler else None)
        if self.store is not None:
            for item in getattr(spider, "late_rejections", ()):
                self.process_item(item, spider)
            self.store.close()

    def process_item(self, item: Any, spider: Any = None) -> Any:
        assert self.store is not None
        if isinstance(item, Page):
            self.store.save_page(self.campaign, item)
        elif isinstance(item, Unchanged):
            self.store.page_unchanged(self.campaign, item.url, item.fetched_at)
        elif isinstance(item, Rejection):
            self.store.reject_url(self.campaign, item.url, item.reason, item.found_via)
        elif isinstance(item, Reached):
            self.store.clear_rejection(self.campaign, item.url)
        elif isinstance(item, Found):
            self.store.save_search_result(self.campaign, item.via, item.url)
        return item


class EngineCache:
    """Answers a news search engine's request from the store when the engine answered
    it today, and keeps every answer it gives (a downloader middleware).

    A re-run the same day (local time) sends the engines nothing; the articles they
    pointed to are requested again, conditionally, as always. Settings: ``RASSEGNA_DB``.
    """

    def __init__(self, db_path: str) -> None:
        self.store = open_store(db_path)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> EngineCache:
        db_path = crawler.settings.get("RASSEGNA_DB")
        if not db_path:
            raise NotConfigured("RASSEGNA_DB is required")
        cache = cls(db_path)
        crawler.signals.connect(cache.store.close, signal=signals.spider_closed)
        return cache

    def process_request(self, request: Request, spider: Any = None) -> Response | None:
        if not request.meta.get("engine"):
            return None
        answer = self.store.engine_answer(_cache_key(request), _today())
        if answer is None:
            return None
        headers = Headers({"Content-Type": answer.content_type})
        kind = responsetypes.from_args(headers=headers, url=request.url, body=answer.body)
        return kind(url=request.url, status=200, body=answer.body, request=request,
                    headers=headers, flags=["cached"])

    def process_response(self, request: Request, response: Response,
                         spider: Any = None) -> Response:
        engine = request.meta.get("engine")
        if engine and response.status == 200 and "cached" not in response.flags:
            content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
            self.store.save_engine_answer(EngineAnswer(
                _cache_key(request), engine, now(), content_type, response.body))
        return response


def _cache_key(request: Request) -> str:
    """What an engine's answer is kept under: its URL, and a POST's body too (Google's
    decoding call posts every article id to one URL)."""
    if request.method == "GET":
        return request.url
    return f"{request.method} {request.url} {hashlib.sha1(request.body).hexdigest()}"


def _today() -> str:
    """Local midnight, as the store writes times (UTC, to the second)."""
    midnight = dt.datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight.astimezone(dt.UTC).isoformat()


def jobdir_for(db_path: str | Path, campaign: Campaign) -> Path:
    """Where an unfinished crawl of the campaign leaves its start time, beside the store.

    One per store and campaign: two stores in one folder never share a resume mark.
    """
    db = Path(db_path).resolve()
    return db.parent / ".rassegna-jobs" / db.name / campaign.slug


def crawl_lock_path(db_path: str | Path, campaign: Campaign) -> Path:
    """The lock of the campaign's job dir, beside it (a finished crawl removes the job dir)."""
    jobs = jobdir_for(db_path, campaign).parent
    return jobs.with_name(f"{jobs.name}-{campaign.slug}.lock")


@contextlib.contextmanager
def crawl_lock(db_path: str | Path, campaign: Campaign) -> Iterator[None]:
    """Held while a crawl of the campaign uses its job dir: a second crawl is refused.

    The lock is the operating system's: the lock file of a crawl that died holds nothing.

    Raises:
        CrawlError: when another crawl of the campaign holds it.
    """
    lock = FileLock(crawl_lock_path(db_path, campaign), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise CrawlError(
            f"another crawl of campaign {campaign.slug!r} is running on {db_path}; "
            "run this again when it ends"
        ) from None
    try:
        yield
    finally:
        lock.release()


#: the child's exit code when its last line on stderr is the message for the user
_SAYS = 3
#: Linux's prctl option: the signal a process gets when its parent dies
_PR_SET_PDEATHSIG = 1
_RESUMES = "the next run resumes where this one stopped"


def _resumed_since(jobdir: Path) -> str:
    """When the unfinished crawl this one resumes started, or "" (and a mark) for a new one."""
    mark = jobdir / "started"
    with contextlib.suppress(FileNotFoundError):
        return mark.read_text(encoding="utf-8").strip()
    jobdir.mkdir(parents=True, exist_ok=True)
    mark.write_text(now(), encoding="utf-8")
    return ""


def _child(db_path: str, campaign: Campaign, urls_file: str | None, max_pages: int) -> int:
    if urls_file:  # pages found by hand: these URLs only, through the same pipeline
        sources: tuple[Source, ...] = (UrlList(Path(urls_file)),)
        jobdir = None
    else:
        sources = campaign.sources
        jobdir = jobdir_for(db_path, campaign)
    for source in sources:
        source.check()  # a URL list with a bad line is reported here, before any fetch
    since = _resumed_since(jobdir) if jobdir else ""
    with opened_store(db_path) as store:
        validators = store.validators(campaign.slug)
        fetched = store.fetched_since(campaign.slug, since) if since else set()
        if not urls_file:  # the sites discovery found uscite on are watched directly
            sources += tuple(Site(s.url) for s in store.discovered_sources(campaign.slug))
    settings = crawl_settings(
        contact=campaign.contact,
        concurrency_per_domain=campaign.crawl.concurrency_per_domain,
        download_delay=campaign.crawl.download_delay,
        timeout=campaign.crawl.timeout,
        max_listing_pages=campaign.crawl.max_listing_pages,
        max_pages_per_domain=campaign.crawl.max_pages_per_domain,
        max_page_mb=campaign.crawl.max_page_mb,
        max_pages=max_pages,
    )
    settings.update(
        {
            "ITEM_PIPELINES": {"rassegna.crawling.StorePipeline": 300},
            # before robots.txt (100): an answer kept from today needs no robots.txt
            "DOWNLOADER_MIDDLEWARES": {**settings["DOWNLOADER_MIDDLEWARES"],
                                       "rassegna.crawling.EngineCache": 40},
            "RASSEGNA_DB": db_path,
            "RASSEGNA_CAMPAIGN": campaign.slug,
        }
    )
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(CampaignSpider)
    process.crawl(
        crawler,
        sources=sources,
        terms=[form for term in campaign.terms for form in term.forms],
        period=(campaign.start, campaign.end),
        validators=validators,
        fetched=fetched,
    )
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    reason = stats.get("finish_reason", "")
    if reason == "max_pages":
        return 0
    if reason != "finished":
        print(f"crawl interrupted ({reason or 'unknown reason'}): {_RESUMES}", file=sys.stderr)
        return _SAYS
    if jobdir is not None:
        shutil.rmtree(jobdir, ignore_errors=True)  # done: the next run starts afresh
        with contextlib.suppress(OSError):
            jobdir.parent.rmdir()  # only when no other campaign has a crawl to resume
    spider = crawler.spider
    assert isinstance(spider, CampaignSpider)
    summary = spider.failure_summary() if urls_file is None else ""
    if summary:
        print(f"crawl: {summary}", file=sys.stderr)
        return _SAYS
    return 0


def check_max_pages(max_pages: int) -> None:
    """Refuse a negative page cap (0 means no cap).

    Raises:
        CrawlError: for a negative number.
    """
    if max_pages < 0:
        raise CrawlError(f"--max-pages must be 0 (no limit) or more, not {max_pages}")


def run_crawl(
    campaign: Campaign,
    db_path: str | Path,
    on_progress: Callable[[int], None] | None = None,
    urls_file: Path | None = None,
    max_pages: int = 0,
) -> int:
    """Crawl the campaign's sources (or only the URLs of ``urls_file``) into the store.

    An interrupted crawl (Ctrl-C, SIGTERM, the child killed, or ``max_pages``
    article pages fetched) resumes on the next run without fetching again what it
    stored. Ctrl-C stops the child once, gracefully: the pages in flight are stored;
    a second Ctrl-C stops it at once.

    Returns the number of pages the campaign now has.

    Raises:
        CrawlError: when the crawl is interrupted, every source failed, or the crawl
            process fails (its last error line is the message).
    """
    check_max_pages(max_pages)
    command = [
        sys.executable, "-m", "rassegna.crawling",
        "--db", str(db_path), "--campaign", "-", "--max-pages", str(max_pages),
        "--parent", str(os.getpid()),
    ]
    if urls_file is not None:
        read_url_list(urls_file)  # a bad line is reported here, before any fetch
        command += ["--urls", str(urls_file)]
    # the child's log goes to a file: a pipe it could fill would block the crawl
    with tempfile.TemporaryFile(mode="w+") as log, tempfile.TemporaryFile() as given:
        # the child crawls this very campaign, pickled: its sources may be of a kind
        # registered in this process only (by a plugin, or a test)
        pickle.dump(campaign, given)
        given.seek(0)
        # the store is created (and migrated) before the child opens it
        with opened_store(db_path) as store:
            # in a process group of its own, the child gets no Ctrl-C from the terminal:
            # we stop it, once (a second SIGINT makes Scrapy drop the pages in flight);
            # it keeps off the terminal, which a background process may not use
            proc = subprocess.Popen(command, env=dict(os.environ), stdin=given,
                                    stdout=subprocess.DEVNULL, stderr=log, text=True,
                                    process_group=0)
            follow = functools.partial(_follow, proc, store, campaign.slug, on_progress)
            try:
                with _terminate_as_interrupt():  # also while stopping: a second signal kills
                    try:
                        pages = follow()
                    except KeyboardInterrupt:
                        _stop(proc, follow)
                        raise CrawlError(f"crawl interrupted: {_RESUMES}") from None
            finally:
                if proc.poll() is None:  # an unexpected error here: leave no crawl running
                    proc.kill()  # safe: the next run resumes from what the store holds
                    proc.wait()
        log.seek(0)
        errors = log.read()
    if proc.returncode != 0:
        raise CrawlError(_failure(proc.returncode, errors))
    return pages


def _follow(
    proc: subprocess.Popen[str],
    store: Store,
    slug: str,
    on_progress: Callable[[int], None] | None,
    deadline: float = math.inf,
) -> int:
    """Wait for the child (until ``deadline``), reporting the campaign's pages; return them."""
    while proc.poll() is None and time.monotonic() < deadline:
        if on_progress:
            on_progress(store.counts(slug)["pages"])
        time.sleep(0.3)
    pages = int(store.counts(slug)["pages"])
    if on_progress:
        on_progress(pages)
    return pages


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP (the terminal closed) stop the crawl as Ctrl-C does, so that
    the child is not left running."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may handle signals
        return
    stops = (signal.SIGTERM, signal.SIGHUP)
    previous = {s: signal.signal(s, signal.default_int_handler) for s in stops}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _die_with_parent(parent: int) -> None:
    """The crawl child stops (SIGTERM: gracefully) when ``rassegna crawl`` dies.

    Its own process group keeps it from the terminal's signals; without this, a parent
    killed with SIGKILL would leave it crawling, and holding the campaign's lock.
    Linux only; elsewhere the parent's signal handlers are all there is.
    """
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before we asked
        raise SystemExit(_SAYS)


def _stop(proc: subprocess.Popen[str], follow: Callable[..., int]) -> None:
    """Stop the child gracefully, following it as it stores the requests already sent.

    Scrapy's graceful stop fetches what its downloader holds (up to
    ``CONCURRENT_REQUESTS``); after 30 s, or on a second Ctrl-C, the child is killed.
    """
    proc.send_signal(signal.SIGINT)
    with contextlib.suppress(KeyboardInterrupt):
        follow(deadline=time.monotonic() + 30)
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def _failure(returncode: int, log: str) -> str:
    """The one line that says why the crawl child ended badly."""
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return f"crawl interrupted (the crawl process got {name}): {_RESUMES}"
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    last = lines[-1] if lines else f"exit {returncode}"
    return last if returncode == _SAYS else f"crawl failed: {last}"


def _given_campaign(argument: str) -> Campaign:
    """The campaign of ``--campaign``: its file read, or the parent's (``-``) unpickled.

    Raises:
        ConfigError: for a campaign file that cannot be read.
    """
    if argument != "-":
        return load_campaign(argument)
    campaign = pickle.load(sys.stdin.buffer)  # written by run_crawl, our parent
    if not isinstance(campaign, Campaign):
        raise TypeError(f"stdin holds a {type(campaign).__name__}, not a Campaign")
    return campaign


@contextlib.contextmanager
def _profiled(path: str) -> Iterator[None]:
    """With a path (``RASSEGNA_CRAWL_PROFILE``, set by ``bench/bench_crawl.py --profile``),
    the crawl runs under cProfile and its statistics are written there.

    The clock is the process's CPU time: on a shared machine, wall time would charge
    a function for the time other processes had the core.
    """
    if not path:
        yield
        return
    import cProfile

    profile = cProfile.Profile(time.process_time)
    profile.enable()
    try:
        yield
    finally:
        profile.disable()
        profile.dump_stats(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run one campaign crawl (used by rassegna crawl).")
    parser.add_argument("--db", required=True)
    parser.add_argument("--campaign", required=True,
                        help="the campaign file, or - for a pickled Campaign on stdin")
    parser.add_argument("--urls", help="crawl only the URLs of this list")
    parser.add_argument("--max-pages", type=int, default=0, help="fetch at most N article pages")
    parser.add_argument("--parent", type=int, default=0, help="stop when this process dies")
    args = parser.parse_args(argv)
    if args.parent:
        _die_with_parent(args.parent)
    try:
        campaign = _given_campaign(args.campaign)
        with contextlib.nullcontext() if args.urls else crawl_lock(args.db, campaign):
            with _profiled(os.environ.get("RASSEGNA_CRAWL_PROFILE", "")):
                return _child(args.db, campaign, args.urls, args.max_pages)
    except RassegnaError as exc:
        print(exc, file=sys.stderr)
        return _SAYS
    except OSError as exc:  # the job dir beside the store cannot be written
        print(f"crawl: {exc.filename or args.db}: {exc.strerror}", file=sys.stderr)
        return _SAYS


if __name__ == "__main__":
    sys.exit(main())
