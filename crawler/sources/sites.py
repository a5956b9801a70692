"""The ``sites`` kind: a home page, with the feeds it announces and its robots.txt sitemaps."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

from scrapy import Request
from scrapy.http import HtmlResponse, Response

from crawler.sources.base import Crawl, UrlSource, register
from crawler.sources.feeds import alternate_feeds, parse_feed
from crawler.sources.listings import follow_listing
from crawler.sources.sitemaps import parse_robots

__all__ = ["Site", "parse_home", "robots_of"]


@register
@dataclass(frozen=True)
class Site(UrlSource):
    """A site by its home page: announced feeds, robots.txt sitemaps, article links."""

    key: ClassVar[str] = "sites"

    def start_requests(self, crawl: Crawl) -> Iterator[Request]:
        yield crawl.source_request(self.url, parse_home, "site")
        # not the source's request: a site's robots.txt need not name a sitemap
        yield crawl.request(robots_of(self.url), parse_robots, "site")


def parse_home(crawl: Crawl, response: Response) -> Iterator[Any]:
    """The feeds a home page announces, its article links and its next page.

    A home page is never taken for an article, whatever its markup says.
    """
    if not isinstance(response, HtmlResponse):
        yield crawl.reject(response, "listing is not an HTML page")
        return
    yield from crawl.reached(response)
    for feed in alternate_feeds(response):
        yield crawl.request(feed, parse_feed, f"feed of {response.url}")
    yield from follow_listing(crawl, response)


def robots_of(url: str) -> str:
    """The robots.txt of the site of ``url``."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
