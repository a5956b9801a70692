"""Running the crawl stage against the store.

Scrapy's reactor cannot be restarted inside one process, so every crawl runs in a
child process (``python -m rassegna.crawling``); the parent follows its progress
through the store. :class:`StorePipeline` is the Scrapy item pipeline that writes
what the spider yields into the store.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from itemadapter import ItemAdapter
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.exceptions import NotConfigured

from crawler import CampaignSpider, Page, Rejection, Unchanged, crawl_settings
from rassegna.campaign import Campaign, load_campaign, read_url_list
from rassegna.errors import CrawlError
from rassegna.store import Store

__all__ = ["StorePipeline", "run_crawl", "crawl_lock"]


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
        self.store = Store(self.db_path)

    def close_spider(self, spider: Any = None) -> None:
        spider = spider or (self.crawler.spider if self.crawler else None)
        if self.store is not None:
            for item in getattr(spider, "late_rejections", ()):
                self.process_item(item, spider)
            self.store.close()

    def process_item(self, item: Any, spider: Any = None) -> Any:
        assert self.store is not None
        if isinstance(item, Page):
            fields = ItemAdapter(item).asdict()
            self.store.save_page(self.campaign, **fields)
        elif isinstance(item, Unchanged):
            self.store.page_unchanged(self.campaign, item.url, item.fetched_at)
        elif isinstance(item, Rejection):
            self.store.reject_url(self.campaign, item.url, item.reason, item.found_via)
        return item


def jobdir_for(db_path: str | Path, campaign: Campaign) -> Path:
    """Where an interrupted crawl of the campaign keeps its queue, beside the store."""
    return Path(db_path).resolve().parent / ".rassegna-jobs" / campaign.slug


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


def _child(db_path: str, campaign_path: str, urls_file: str | None, max_pages: int) -> int:
    campaign = load_campaign(campaign_path)
    if urls_file:  # pages found by hand: these URLs only, through the same pipeline
        sources: dict[str, Any] = {"urls": read_url_list(Path(urls_file))}
        jobdir = None
    else:
        sources = {
            "feeds": campaign.sources.feeds,
            "sitemaps": campaign.sources.sitemaps,
            "sites": campaign.sources.sites,
            "start_urls": campaign.sources.start_urls,
            "search": campaign.sources.search,
            "urls": campaign.url_list_entries(),
        }
        jobdir = jobdir_for(db_path, campaign)
    store = Store(db_path)
    try:
        validators = store.validators(campaign.slug)
    finally:
        store.close()
    settings = crawl_settings(
        contact=campaign.contact,
        concurrency_per_domain=campaign.crawl.concurrency_per_domain,
        download_delay=campaign.crawl.download_delay,
        timeout=campaign.crawl.timeout,
        max_listing_pages=campaign.crawl.max_listing_pages,
        max_pages_per_domain=campaign.crawl.max_pages_per_domain,
        max_page_mb=campaign.crawl.max_page_mb,
        jobdir=str(jobdir) if jobdir else None,
        max_pages=max_pages,
    )
    settings.update(
        {
            "ITEM_PIPELINES": {"rassegna.crawling.StorePipeline": 300},
            "RASSEGNA_DB": db_path,
            "RASSEGNA_CAMPAIGN": campaign.slug,
        }
    )
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(CampaignSpider)
    process.crawl(
        crawler,
        **sources,
        terms=[form for term in campaign.terms for form in term.forms],
        period=(campaign.start, campaign.end),
        validators=validators,
    )
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    reason = stats.get("finish_reason", "")
    if reason == "finished" and jobdir is not None:
        shutil.rmtree(jobdir, ignore_errors=True)  # done: the next run starts afresh
        with contextlib.suppress(OSError):
            jobdir.parent.rmdir()  # only when no other campaign has a crawl to resume
    if reason not in ("finished", "closespider_pagecount"):
        print(f"crawl ended: {reason or 'unknown reason'} (run again to resume)", file=sys.stderr)
        return 1
    return 0


def run_crawl(
    campaign: Campaign,
    db_path: str | Path,
    on_progress: Callable[[int], None] | None = None,
    urls_file: Path | None = None,
    max_pages: int = 0,
) -> int:
    """Crawl the campaign's sources (or only the URLs of ``urls_file``) into the store.

    An interrupted crawl (or one stopped by ``max_pages``) resumes where it stopped
    on the next run, without fetching anything twice.

    Returns the number of pages the campaign now has.

    Raises:
        CrawlError: when the crawl process fails (its last error line is the message).
    """
    command = [
        sys.executable, "-m", "rassegna.crawling",
        "--db", str(db_path), "--campaign", str(campaign.path), "--max-pages", str(max_pages),
    ]
    if urls_file is not None:
        read_url_list(urls_file)  # a bad line is reported here, before any fetch
        command += ["--urls", str(urls_file)]
    store = Store(db_path)  # created (and migrated) before the child opens it
    # the child's log goes to a file: a pipe it could fill would block the crawl
    with tempfile.TemporaryFile(mode="w+") as log:
        proc = subprocess.Popen(command, env=dict(os.environ), stderr=log, text=True)
        try:
            while proc.poll() is None:
                if on_progress:
                    on_progress(store.counts(campaign.slug)["pages"])
                time.sleep(0.3)
            pages = store.counts(campaign.slug)["pages"]
            if on_progress:
                on_progress(pages)
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)  # Scrapy saves its queue on a clean stop
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            store.close()
        log.seek(0)
        errors = log.read()
    if proc.returncode != 0:
        lines = [line for line in errors.strip().splitlines() if line.strip()]
        raise CrawlError(f"crawl failed: {lines[-1] if lines else f'exit {proc.returncode}'}")
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run one campaign crawl (used by rassegna crawl).")
    parser.add_argument("--db", required=True)
    parser.add_argument("--campaign", required=True)
    parser.add_argument("--urls", help="crawl only the URLs of this list")
    parser.add_argument("--max-pages", type=int, default=0, help="stop after N responses")
    args = parser.parse_args(argv)
    lock = contextlib.nullcontext() if args.urls else crawl_lock(
        args.db, load_campaign(args.campaign)
    )
    try:
        with lock:
            return _child(args.db, args.campaign, args.urls, args.max_pages)
    except CrawlError as exc:
        print(exc, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
