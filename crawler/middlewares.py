"""Downloader middlewares of the campaign crawl."""

from __future__ import annotations

import functools
from collections import Counter
from typing import Any
from urllib.request import proxy_bypass

from scrapy import Request
from scrapy.downloadermiddlewares.httpproxy import HttpProxyMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.httpobj import urlparse_cached

from crawler.urls import canonical_url, domain_of

__all__ = ["DomainBudget", "HttpProxy", "PageCap", "PageCapReached"]


class DomainBudget:
    """Caps the pages fetched per domain, so an endless calendar cannot trap the crawl.

    Setting ``RASSEGNA_MAX_PAGES_PER_DOMAIN`` (0 switches the cap off). Requests
    beyond the cap are dropped with a reason, and the cap is logged once per domain.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.counts: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Any) -> DomainBudget:
        limit = crawler.settings.getint("RASSEGNA_MAX_PAGES_PER_DOMAIN", 0)
        if limit <= 0:
            raise NotConfigured
        return cls(limit)

    def process_request(self, request: Request, spider: Any = None) -> None:
        if request.meta.get("dont_obey_robotstxt"):  # robots.txt itself is never capped
            return None
        domain = domain_of(request.url)
        self.counts[domain] += 1
        if self.counts[domain] > self.limit:
            if self.counts[domain] == self.limit + 1 and spider is not None:
                spider.logger.warning("%s: page budget of %d reached", domain, self.limit)
            raise IgnoreRequest(f"page budget of {self.limit} for {domain} reached")
        return None


class PageCapReached(IgnoreRequest):
    """An article left for the next run by ``--max-pages``: not a rejection."""


class PageCap:
    """Fetches at most ``RASSEGNA_MAX_PAGES`` article pages, then closes the spider.

    Scrapy's ``CLOSESPIDER_PAGECOUNT`` counts responses, so every request already
    handed to the downloader (up to ``CONCURRENT_REQUESTS``) is still fetched after
    the count is reached. This middleware counts article requests before the
    downloader queues them, so the cap holds at any concurrency. The first request
    past the cap closes the spider (reason ``max_pages``) and it, like every article
    not fetched, waits for the next run, which resumes the crawl. A retry or a
    redirect of a page already counted does not count again.
    """

    def __init__(self, crawler: Any, limit: int) -> None:
        self.crawler = crawler
        self.limit = limit
        self.pages: set[str] = set()
        self.closing = False

    @classmethod
    def from_crawler(cls, crawler: Any) -> PageCap:
        limit = crawler.settings.getint("RASSEGNA_MAX_PAGES", 0)
        if limit <= 0:
            raise NotConfigured
        return cls(crawler, limit)

    def process_request(self, request: Request) -> None:
        if not request.meta.get("article") or request.meta.get("redirect_urls"):
            return None
        url = canonical_url(request.url)
        if url in self.pages:
            return None
        if len(self.pages) < self.limit:
            self.pages.add(url)
            return None
        if not self.closing:
            self.closing = True
            closing = deferred_from_coro(
                self.crawler.engine.close_spider_async(reason="max_pages"))
            closing.addErrback(lambda failure: self.crawler.spider.logger.error(
                "closing at --max-pages failed: %s", failure.getErrorMessage()))
        raise PageCapReached(f"--max-pages {self.limit} reached")


class HttpProxy(HttpProxyMiddleware):
    """Scrapy's proxy middleware (the ``http_proxy`` and ``no_proxy`` of the
    environment, a request's ``proxy`` meta key), asking ``no_proxy`` once per host.

    Behind a proxy, asking for every request cost a millisecond of CPU a page.
    """

    def __init__(self, auth_encoding: str | None = "latin-1") -> None:
        super().__init__(auth_encoding)
        # the environment of a crawl does not change while it runs; urllib reads all
        # of it again for every question
        self._bypassed = functools.lru_cache(maxsize=1 << 12)(proxy_bypass)

    def process_request(self, request: Request, spider: Any = None) -> Request | Response | None:
        creds, proxy_url, scheme = None, None, None
        if "proxy" in request.meta:
            if request.meta["proxy"] is not None:
                creds, proxy_url = self._get_proxy(request.meta["proxy"], "")
        elif self.proxies:
            parsed = urlparse_cached(request)
            # as Scrapy does: no_proxy concerns http(s) only
            if (parsed.scheme not in {"http", "https"}
                    or (parsed.hostname and not self._bypassed(parsed.hostname))) \
                    and parsed.scheme in self.proxies:
                scheme = parsed.scheme
                creds, proxy_url = self.proxies[scheme]
        self._set_proxy_and_creds(request, proxy_url, creds, scheme)
        return None
