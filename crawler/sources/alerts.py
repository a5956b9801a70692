"""The ``alerts`` kind: Google Alerts feeds, and any feed whose links go through a redirector.

An alert's feed is Atom; each entry links through ``https://www.google.com/url?…&url=<target>``.
The target is read from the link (:func:`crawler.urls.unwrap_redirect`, for any
redirector carrying its target in ``url=``, ``u=``, ``q=``...), then fetched, checked
and extracted like any article.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from scrapy import Request
from scrapy.http import Response

from crawler.items import Found
from crawler.sources.base import Crawl, UrlSource, register
from crawler.sources.feeds import feed_articles
from crawler.urls import canonical_url, unwrap_redirect

__all__ = ["Alerts", "parse_alerts"]


@register
@dataclass(frozen=True)
class Alerts(UrlSource):
    """A Google Alerts feed (or another feed of redirector links)."""

    key: ClassVar[str] = "alerts"

    def start_requests(self, crawl: Crawl) -> Iterator[Request]:
        yield crawl.source_request(self.url, parse_alerts, "alert")


def parse_alerts(crawl: Crawl, response: Response) -> Iterator[Any]:
    """The articles an alert's feed links to, each link unwrapped, and recorded as what
    the alert returned (as a search engine's results are)."""
    for item in feed_articles(crawl, response, "alert", unwrap_redirect):
        if isinstance(item, Request) and item.meta.get("article"):
            yield Found(canonical_url(item.url), item.meta.get("via", ""))
        yield item
