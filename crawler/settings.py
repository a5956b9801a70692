"""Polite Scrapy settings for a campaign crawl."""

from __future__ import annotations

from typing import Any

__all__ = ["crawl_settings", "user_agent"]

VERSION = "0.1.0"

#: Scrapy's components the crawl goes without, taken out of their ``*_BASE`` setting:
#: Scrapy imports every component of those settings, even one set to None, and a
#: component it runs is one more call for every request (or every extension's timer)
LEFT_OUT = {
    "EXTENSIONS_BASE": (
        # the remote control runs Python code sent to a local HTTP port (and imports
        # aiohttp), the telnet console is another door: a crawl of the open web needs
        # neither
        "scrapy.extensions.remote_control.RemoteControl",
        "scrapy.extensions.telnet.TelnetConsole",
    ),
    "DOWNLOADER_MIDDLEWARES_BASE": (
        # the spider names no allowed_domains: every request is "on site"
        "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware",
        # no cookies, no HTTP authentication, and nobody reads the downloader's counts
        "scrapy.downloadermiddlewares.cookies.CookiesMiddleware",
        "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware",
        "scrapy.downloadermiddlewares.stats.DownloaderStats",
        # replaced by crawler.middlewares.HttpProxy
        "scrapy.downloadermiddlewares.httpproxy.HttpProxyMiddleware",
    ),
    "SPIDER_MIDDLEWARES_BASE": (
        # no DEPTH_LIMIT and nobody reads a request's depth; the meta-copy check is a
        # debugging aid for spiders that copy response.meta, which ours does not
        "scrapy.spidermiddlewares.depth.DepthMiddleware",
        "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware",
    ),
}


def _bases() -> dict[str, dict[str, int]]:
    """Scrapy's ``*_BASE`` component settings without the components of :data:`LEFT_OUT`."""
    from scrapy.settings import default_settings

    return {
        name: {path: order for path, order in getattr(default_settings, name).items()
               if path not in left}
        for name, left in LEFT_OUT.items()
    }


def _engine_slots() -> dict[str, dict[str, Any]]:
    from crawler.sources.news_search import ENGINES, engine_slot

    return {engine_slot(name): {"concurrency": 1, "delay": 1.0, "randomize_delay": False}
            for name in ENGINES}


def user_agent(contact: str) -> str:
    """A user agent that names the project and whom to contact."""
    who = f"; {contact}" if contact else ""
    return f"rassegna/{VERSION} (+https://github.com/rassegna/rassegna{who})"


def crawl_settings(
    *,
    contact: str = "",
    concurrency_per_domain: int = 4,
    download_delay: float = 0.0,
    timeout: float = 30.0,
    max_listing_pages: int = 20,
    max_pages_per_domain: int = 5000,
    max_page_mb: int = 16,
    max_pages: int = 0,
) -> dict[str, Any]:
    """Scrapy settings: robots.txt obeyed, AutoThrottle, per-domain limits, retries.

    No Scrapy job directory: what a crawl stored is in the store, and a resumed crawl
    skips it (see :mod:`rassegna.crawling`).

    Args:
        max_pages: fetch at most this many article pages (0: no limit); the next run
            fetches the rest.
    """
    settings: dict[str, Any] = {
        "USER_AGENT": user_agent(contact),
        "ROBOTSTXT_OBEY": True,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": max(download_delay, 0.25),
        "AUTOTHROTTLE_MAX_DELAY": 10.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(concurrency_per_domain),
        "DOWNLOAD_DELAY": download_delay,
        "CONCURRENT_REQUESTS": 64,
        "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency_per_domain,
        # many sites at once: the next request goes to the site with the fewest in
        # flight; Scrapy's default queue hands the downloader one sitemap's articles
        # after the other, and the crawl then waits on one site's limit at a time
        "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.DownloaderAwarePriorityQueue",
        # our item pipeline writes as it gets an item: Scrapy would start this many
        # tasks for every response (100 by default) to run it in parallel, for nothing
        "CONCURRENT_ITEMS": 1,
        "DOWNLOAD_TIMEOUT": timeout,
        "DOWNLOAD_MAXSIZE": max_page_mb * 1024 * 1024,
        "DOWNLOAD_WARNSIZE": 0,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": 2,
        "REDIRECT_MAX_TIMES": 5,
        "COOKIES_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "DOWNLOAD_HANDLERS": {"http": "crawler.download.PooledHTTP11",
                              "https": "crawler.download.PooledHTTP11"},
        "REQUEST_FINGERPRINTER_CLASS": "crawler.fingerprint.CanonicalFingerprinter",
        "DUPEFILTER_CLASS": "crawler.dupefilter.ReportingDupeFilter",
        **_bases(),
        # the page cap comes after robots.txt (100): a page it forbids is not counted
        "DOWNLOADER_MIDDLEWARES": {
            "crawler.middlewares.DomainBudget": 50,
            "crawler.middlewares.PageCap": 120,
            "crawler.middlewares.HttpProxy": 750,  # where Scrapy's is
        },
        # a news search engine is asked one request at a time, a second apart (its
        # requests carry its slot: crawler.sources.news_search)
        "DOWNLOAD_SLOTS": _engine_slots(),
        "RASSEGNA_MAX_LISTING_PAGES": max_listing_pages,
        "RASSEGNA_MAX_PAGES_PER_DOMAIN": max_pages_per_domain,
        "RASSEGNA_MAX_PAGES": max_pages,
        "LOG_LEVEL": "WARNING",
    }
    return settings
