"""The campaign spider: feeds, sitemaps, start pages and URL lists to article pages.

The spider only yields requests and items: a :class:`~crawler.items.Page` for
every article page fetched (with a cheap relevance check on the page's text; the
final check, on the extracted article text, comes after extraction) and a
:class:`~crawler.items.Rejection` for every URL given up, with the reason.
"""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from twisted.python.failure import Failure

from crawler.items import Page, Rejection
from crawler.terms import TermMatcher
from crawler.urls import canonical_url

__all__ = ["CampaignSpider", "page_text", "looks_like_article"]

_FEED_LINKS = (
    "//*[local-name()='item']/*[local-name()='link']/text()",
    "//*[local-name()='entry']/*[local-name()='link'][not(@rel) or @rel='alternate']/@href",
)
_SKIP_TEXT = "script", "style", "noscript", "template"


def page_text(response: TextResponse) -> str:
    """All text of an HTML page, scripts and styles left out."""
    skip = " or ".join(f"self::{tag}" for tag in _SKIP_TEXT)
    return " ".join(response.xpath(f"//body//text()[not(parent::*[{skip}])]").getall())


def looks_like_article(response: TextResponse) -> bool:
    """Whether a page presents itself as an article rather than a home or listing page."""
    og_type = (response.xpath("//meta[@property='og:type']/@content").get() or "").lower()
    if og_type:
        return og_type == "article"
    if response.xpath("//script[@type='application/ld+json'][contains(., 'Article')]"):
        return True
    return bool(response.xpath("//article") and len(response.xpath("//article")) == 1)


class CampaignSpider(scrapy.Spider):
    """Collects the candidate uscite of one campaign.

    Arguments are passed by the orchestration through ``CrawlerProcess.crawl``:
    ``feeds``, ``sitemaps``, ``start_urls``, ``urls`` (a URL list), ``terms``
    (every form of every campaign term) and the campaign ``period`` (start, end).
    """

    name = "rassegna"

    def __init__(
        self,
        feeds: Iterable[str] = (),
        sitemaps: Iterable[str] = (),
        start_urls: Iterable[str] = (),
        urls: Iterable[str] = (),
        terms: Iterable[str] = (),
        period: tuple[dt.date | None, dt.date | None] = (None, None),
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.feeds = tuple(feeds)
        self.sitemaps = tuple(sitemaps)
        self.listing_urls = tuple(start_urls)
        self.urls = tuple(urls)
        self.matcher = TermMatcher(terms)
        self.period = period

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.feeds:
            yield self._request(url, self.parse_feed, "feed")
        for url in self.sitemaps:
            callback = self.parse_robots if url.endswith("/robots.txt") else self.parse_sitemap
            yield self._request(url, callback, "sitemap")
        for url in self.listing_urls:
            yield self._request(url, self.parse_listing, "start url", depth=0)
        for url in self.urls:
            yield self._request(url, self.parse_article, "url list")

    def _request(
        self, url: str, callback: Any, via: str, depth: int | None = None
    ) -> scrapy.Request:
        meta: dict[str, Any] = {"via": via}
        if depth is not None:
            meta["listing_depth"] = depth
        return scrapy.Request(url, callback=callback, errback=self.on_error, meta=meta)

    # -- discovery ---------------------------------------------------------

    def parse_feed(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            yield Rejection(response.url, "feed is not text", "feed")
            return
        links = [link.strip() for xpath in _FEED_LINKS for link in response.xpath(xpath).getall()]
        if not links:
            yield Rejection(response.url, "not an RSS or Atom feed, or no items", "feed")
        for link in links:
            yield self._request(response.urljoin(link), self.parse_article, f"feed {response.url}")

    def parse_robots(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            return
        for url in sitemap_urls_from_robots(response.text, base_url=response.url):
            yield self._request(url, self.parse_sitemap, "sitemap")

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        body = response.body
        if body[:2] == b"\x1f\x8b":
            try:
                body = gzip.decompress(body)
            except OSError:
                yield Rejection(response.url, "sitemap: broken gzip file", "sitemap")
                return
        try:
            sitemap = Sitemap(body)
        except Exception:  # lxml raises several kinds on non-XML
            yield Rejection(response.url, "sitemap: not XML", "sitemap")
            return
        for entry in sitemap:
            loc = entry.get("loc", "").strip()
            if not loc:
                continue
            if sitemap.type == "sitemapindex":
                yield self._request(loc, self.parse_sitemap, "sitemap")
            elif self._in_period(entry.get("lastmod", "")):
                yield self._request(loc, self.parse_article, f"sitemap {response.url}")

    def _in_period(self, lastmod: str) -> bool:
        """A sitemap entry modified before the campaign started cannot be an uscita."""
        start, _ = self.period
        if not lastmod or start is None:
            return True
        try:
            day = dt.date.fromisoformat(lastmod[:10])
        except ValueError:
            return True
        return day >= start

    def parse_listing(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, HtmlResponse):
            yield Rejection(response.url, "start URL is not an HTML page", "start url")
            return
        if looks_like_article(response):
            yield from self.parse_article(response)
            return
        depth = response.meta.get("listing_depth", 0)
        max_depth = self.settings.getint("RASSEGNA_DEPTH_LIMIT", 2)
        host = urlsplit(response.url).netloc
        for href in response.xpath("//a/@href").getall():
            url = response.urljoin(href)
            if urlsplit(url).netloc != host or not url.startswith("http"):
                continue
            if depth + 1 < max_depth:
                yield self._request(url, self.parse_listing, f"link {response.url}", depth + 1)
            else:
                yield self._request(url, self.parse_article, f"link {response.url}")

    # -- articles ----------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[Any]:
        via = response.meta.get("via", "")
        if not isinstance(response, HtmlResponse):
            yield Rejection(response.url, "not an HTML page", via)
            return
        canonical = response.xpath("//link[@rel='canonical']/@href").get()
        found = self.matcher.search(page_text(response))
        yield Page(
            url=canonical_url(response.url),
            canonical_url=canonical_url(response.urljoin(canonical)) if canonical else "",
            status=response.status,
            fetched_at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            body=response.body,
            content_type=_header(response, b"Content-Type"),
            encoding=response.encoding,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            found_via=via,
            relevant=found is not None,
            reason="" if found else "no campaign term on the page",
        )

    def on_error(self, failure: Failure) -> Iterator[Rejection]:
        request = failure.request  # type: ignore[attr-defined]
        if failure.check(HttpError):
            reason = f"HTTP {failure.value.response.status}"
        else:
            reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"[:300]
        self.logger.warning("%s: %s", request.url, reason)
        yield Rejection(request.url, reason, request.meta.get("via", ""))


def _header(response: Response, name: bytes) -> str:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else ""
