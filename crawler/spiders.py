"""The campaign spider: every source kind of a campaign in one polite crawl.

Discovery lives in :mod:`crawler.sources`, one module per source kind (feeds,
sitemaps, listings and site search); this spider turns what they find into
requests and yields items: a :class:`~crawler.items.Page` for every article page
fetched (with a cheap relevance check on the page's text; the final check, on the
extracted article text, comes after extraction), an
:class:`~crawler.items.Unchanged` when the server says a page did not change since
the last crawl, and a :class:`~crawler.items.Rejection` for every URL given up,
with the reason. All kinds share one scheduler, so an article found in a feed and
in a sitemap is fetched once and the per-domain limits hold across kinds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import scrapy
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.sitemap import sitemap_urls_from_robots
from twisted.python.failure import Failure

from crawler.items import Page, Rejection, Unchanged
from crawler.sources.feeds import alternate_feeds, feed_links
from crawler.sources.listings import article_links, next_page, search_url
from crawler.sources.sitemaps import SitemapError, entry_day, parse_sitemap
from crawler.terms import TermMatcher
from crawler.urls import canonical_url

__all__ = ["CampaignSpider", "page_text", "looks_like_article"]

_SKIP_TEXT = "script", "style", "noscript", "template"
Period = tuple[dt.date | None, dt.date | None]


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
    return len(response.xpath("//article")) == 1


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class CampaignSpider(scrapy.Spider):
    """Collects the candidate uscite of one campaign.

    Args (passed by the orchestration through ``CrawlerProcess.crawl``):
        feeds: RSS/Atom feed URLs.
        sitemaps: sitemap URLs, or robots.txt URLs whose ``Sitemap:`` lines are read.
        sites: home pages: their announced feeds, their robots.txt sitemaps and
            their article links are followed.
        start_urls: listing pages (sections, tags): article links and pagination.
        search: site search URL templates with ``{query}``, run for every term.
        urls: article URLs found by hand.
        terms: every form of every campaign term.
        period: the campaign's (start, end); sitemap entries outside it are skipped.
        validators: URL -> (ETag, Last-Modified) from the last crawl, for conditional
            requests.
    """

    name = "rassegna"

    def __init__(
        self,
        feeds: Iterable[str] = (),
        sitemaps: Iterable[str] = (),
        sites: Iterable[str] = (),
        start_urls: Iterable[str] = (),
        search: Iterable[str] = (),
        urls: Iterable[str] = (),
        terms: Iterable[str] = (),
        period: Period = (None, None),
        validators: Mapping[str, tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.feeds = tuple(feeds)
        self.sitemaps = tuple(sitemaps)
        self.sites = tuple(sites)
        self.listing_urls = tuple(start_urls)
        self.search = tuple(search)
        self.urls = tuple(urls)
        self.terms = tuple(terms)
        self.matcher = TermMatcher(self.terms)
        self.period = period
        self.validators = dict(validators or {})
        #: rejections found outside a callback (redirect loops), stored at close
        self.late_rejections: list[Rejection] = []

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.feeds:
            yield self._request(url, self.parse_feed, "feed")
        for url in self.sitemaps:
            callback = self.parse_robots if url.endswith("/robots.txt") else self.parse_sitemap
            yield self._request(url, callback, "sitemap")
        for url in self.sites:
            yield self._request(url, self.parse_listing, "site", home=True)
            yield self._request(_robots_of(url), self.parse_robots, "site")
        for url in self.listing_urls:
            yield self._request(url, self.parse_listing, "start url")
        for template in self.search:
            for term in self.terms:
                yield self._request(search_url(template, term), self.parse_listing,
                                    f"search {term}")
        for url in self.urls:
            yield self._article_request(url, "url list")

    def _request(self, url: str, callback: Any, via: str, **meta: Any) -> scrapy.Request:
        return scrapy.Request(url, callback=callback, errback=self.on_error,
                              meta={"via": via, **meta})

    def _article_request(self, url: str, via: str) -> scrapy.Request:
        """An article request; conditional when the last crawl left validators for it."""
        request = self._request(url, self.parse_article, via)
        etag, modified = self.validators.get(canonical_url(url), ("", ""))
        if etag or modified:
            if etag:
                request.headers["If-None-Match"] = etag
            if modified:
                request.headers["If-Modified-Since"] = modified
            request.meta["handle_httpstatus_list"] = [304]
        return request

    # -- discovery ---------------------------------------------------------

    def parse_feed(self, response: Response) -> Iterator[Any]:
        links = feed_links(response) if isinstance(response, TextResponse) else []
        if not links:
            yield self._reject(response.url, "not an RSS or Atom feed, or no items", "feed")
        for link in links:
            yield self._article_request(link, f"feed {response.url}")

    def parse_robots(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            return
        for url in sitemap_urls_from_robots(response.text, base_url=response.url):
            yield self._request(url, self.parse_sitemap, "sitemap")

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        try:
            kind, entries = parse_sitemap(response.body)
        except SitemapError as exc:
            yield self._reject(response.url, f"sitemap: {exc}", "sitemap")
            return
        for entry in entries:
            if kind == "sitemapindex":
                yield self._request(entry.loc, self.parse_sitemap, "sitemap")
            elif self._in_period(entry_day(entry)):
                yield self._article_request(entry.loc, f"sitemap {response.url}")

    def _in_period(self, day: dt.date | None) -> bool:
        """A sitemap entry published before the campaign or after it cannot be an uscita."""
        start, end = self.period
        if day is None:
            return True
        return not ((start and day < start) or (end and day > end + dt.timedelta(days=31)))

    def parse_listing(self, response: Response) -> Iterator[Any]:
        via = response.meta.get("via", "")
        if not isinstance(response, HtmlResponse):
            yield self._reject(response.url, "listing is not an HTML page", via)
            return
        if response.meta.get("home"):
            for feed in alternate_feeds(response):
                yield self._request(feed, self.parse_feed, f"feed of {response.url}")
        if looks_like_article(response) and not response.meta.get("home"):
            yield from self.parse_article(response)
            return
        for url in article_links(response):
            yield self._article_request(url, f"listing {response.url}")
        pages = response.meta.get("listing_pages", 1)
        following = next_page(response)
        if following and following != response.url:
            if pages < self.settings.getint("RASSEGNA_MAX_LISTING_PAGES", 20):
                yield self._request(following, self.parse_listing, via, listing_pages=pages + 1)
            else:
                self.logger.warning("%s: listing stopped after %d pages", response.url, pages)

    # -- articles ----------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[Any]:
        via = response.meta.get("via", "")
        if response.status == 304:
            yield Unchanged(canonical_url(response.url), _now())
            return
        if not isinstance(response, HtmlResponse):
            yield self._reject(response.url, "not an HTML page", via)
            return
        canonical = response.xpath("//link[@rel='canonical']/@href").get()
        found = self.matcher.search(page_text(response))
        yield Page(
            url=canonical_url(response.url),
            canonical_url=canonical_url(response.urljoin(canonical)) if canonical else "",
            status=response.status,
            fetched_at=_now(),
            body=response.body,
            content_type=_header(response, b"Content-Type"),
            encoding=response.encoding,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            found_via=via,
            relevant=found is not None,
            reason="" if found else "no campaign term on the page",
        )

    def _reject(self, url: str, reason: str, via: str) -> Rejection:
        self.logger.warning("%s: %s", url, reason)
        return Rejection(canonical_url(url), reason, via)

    def on_error(self, failure: Failure) -> Iterator[Rejection]:
        request = failure.request  # type: ignore[attr-defined]
        if failure.check(HttpError):
            reason = f"HTTP {failure.value.response.status}"
        else:
            message = failure.getErrorMessage() or failure.type.__name__
            reason = f"{failure.type.__name__}: {message}"[:300]
        yield self._reject(request.url, reason, request.meta.get("via", ""))


def _robots_of(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


def _header(response: Response, name: bytes) -> str:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else ""
