"""Downloader middlewares of the campaign crawl."""

from __future__ import annotations

from collections import Counter
from typing import Any

from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured

from crawler.urls import domain_of

__all__ = ["DomainBudget"]


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
