"""The campaign spider: every source kind of a campaign in one polite crawl.

Discovery lives in :mod:`crawler.sources`, one module per source kind (feeds,
sitemaps, listings and site search); this spider turns what they find into
requests and yields items: a :class:`~crawler.items.Page` for every article page
fetched (with a cheap relevance check on the page's text; the final check, on the
extracted article text, comes after extraction), an
:class:`~crawler.items.Unchanged` when the server says a page did not change since
the last crawl, a :class:`~crawler.items.Rejection` for every URL given up, with
the reason, and a :class:`~crawler.items.Reached` for every feed, sitemap or
listing that answered. All kinds share one scheduler, so an article found in a
feed and in a sitemap is fetched once and the per-domain limits hold across kinds.
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

from crawler.items import Page, Reached, Rejection, Unchanged
from crawler.middlewares import PageCapReached
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
        fetched: canonical URLs the crawl being resumed already stored: not requested.
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
        fetched: Iterable[str] = (),
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
        self.fetched = frozenset(fetched)
        #: rejections found outside a callback (redirect loops), stored at close
        self.late_rejections: list[Rejection] = []
        #: every source (a URL of the campaign file) -> why it failed, "" while it has not
        self.source_failures: dict[str, str] = {}
        #: article pages fetched (or confirmed unchanged) by this run
        self.pages_fetched = 0

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.feeds:
            yield self._source(url, self.parse_feed, "feed")
        for url in self.sitemaps:
            callback = self.parse_robots if url.endswith("/robots.txt") else self.parse_sitemap
            yield self._source(url, callback, "sitemap")
        for url in self.sites:
            yield self._source(url, self.parse_listing, "site", home=True)
            yield self._request(_robots_of(url), self.parse_robots, "site")
        for url in self.listing_urls:
            yield self._source(url, self.parse_listing, "start url")
        for template in self.search:
            for term in self.terms:
                yield self._source(search_url(template, term), self.parse_listing,
                                   f"search {term}")
        for url in self.urls:
            self.source_failures.setdefault(url, "")
            for request in self._article_requests(url, "url list", source=url):
                yield request

    def _request(self, url: str, callback: Any, via: str, **meta: Any) -> scrapy.Request:
        return scrapy.Request(url, callback=callback, errback=self.on_error,
                              meta={"via": via, **meta})

    def _source(self, url: str, callback: Any, via: str, **meta: Any) -> scrapy.Request:
        """The request of a source: whether it fails is followed, for the crawl's summary."""
        self.source_failures.setdefault(url, "")
        return self._request(url, callback, via, source=url, **meta)

    def _article_requests(self, url: str, via: str, **meta: Any) -> Iterator[scrapy.Request]:
        """The request of an article, unless the crawl being resumed stored it already.

        The request is conditional when the last crawl left validators for the page.
        """
        if canonical_url(url) in self.fetched:
            return
        request = self._request(url, self.parse_article, via, article=True, **meta)
        etag, modified = self.validators.get(canonical_url(url), ("", ""))
        if etag or modified:
            if etag:
                request.headers["If-None-Match"] = etag
            if modified:
                request.headers["If-Modified-Since"] = modified
            request.meta["handle_httpstatus_list"] = [304]
        yield request

    # -- discovery ---------------------------------------------------------

    def parse_feed(self, response: Response) -> Iterator[Any]:
        links = feed_links(response) if isinstance(response, TextResponse) else []
        if not links:
            yield self._reject(response, "not an RSS or Atom feed, or no items")
            return
        yield from _reached(response)
        for link in links:
            yield from self._article_requests(link, f"feed {response.url}")

    def parse_robots(self, response: Response) -> Iterator[Any]:
        sitemaps = []
        if isinstance(response, TextResponse):
            sitemaps = list(sitemap_urls_from_robots(response.text, base_url=response.url))
        if not sitemaps and response.meta.get("source"):  # a site's robots.txt need not name one
            yield self._reject(response, "robots.txt names no sitemap")
            return
        yield from _reached(response)
        for url in sitemaps:
            yield self._request(url, self.parse_sitemap, "sitemap")

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        try:
            kind, entries = parse_sitemap(response.body)
        except SitemapError as exc:
            yield self._reject(response, f"sitemap: {exc}")
            return
        yield from _reached(response)
        for entry in entries:
            if kind == "sitemapindex":
                yield self._request(entry.loc, self.parse_sitemap, "sitemap")
            elif self._in_period(entry_day(entry)):
                yield from self._article_requests(entry.loc, f"sitemap {response.url}")

    def _in_period(self, day: dt.date | None) -> bool:
        """A sitemap entry published before the campaign or after it cannot be an uscita."""
        start, end = self.period
        if day is None:
            return True
        return not ((start and day < start) or (end and day > end + dt.timedelta(days=31)))

    def parse_listing(self, response: Response) -> Iterator[Any]:
        via = response.meta.get("via", "")
        if not isinstance(response, HtmlResponse):
            yield self._reject(response, "listing is not an HTML page")
            return
        yield from _reached(response)
        if response.meta.get("home"):
            for feed in alternate_feeds(response):
                yield self._request(feed, self.parse_feed, f"feed of {response.url}")
        if looks_like_article(response) and not response.meta.get("home"):
            yield from self.parse_article(response)
            return
        for url in article_links(response):
            yield from self._article_requests(url, f"listing {response.url}")
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
            self.pages_fetched += 1
            yield Unchanged(canonical_url(response.url), _now())
            return
        if not isinstance(response, HtmlResponse):
            yield self._reject(response, "not an HTML page")
            return
        self.pages_fetched += 1
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

    def _reject(self, response: Response | scrapy.Request, reason: str) -> Rejection:
        """The rejection of a URL; when it is a source's, the source failed."""
        self.logger.warning("%s: %s", response.url, reason)
        source = response.meta.get("source")
        if source in self.source_failures:
            self.source_failures[source] = reason
        return Rejection(canonical_url(response.url), reason, response.meta.get("via", ""))

    def on_error(self, failure: Failure) -> Iterator[Rejection]:
        if failure.check(PageCapReached):
            return  # not fetched by this run: the next one will
        request = failure.request  # type: ignore[attr-defined]
        if failure.check(HttpError):
            reason = f"HTTP {failure.value.response.status}"
        else:
            message = failure.getErrorMessage() or failure.type.__name__
            reason = f"{failure.type.__name__}: {message}"[:300]
        yield self._reject(request, reason)

    def failure_summary(self) -> str:
        """One line when every source failed and nothing was fetched, else ``""``."""
        failures = self.source_failures
        if not failures or self.pages_fetched or not all(failures.values()):
            return ""
        shown = "; ".join(f"{url}: {reason}" for url, reason in list(failures.items())[:3])
        more = f"; {len(failures) - 3} more" if len(failures) > 3 else ""
        which = f"all {len(failures)} sources" if len(failures) > 1 else "the only source"
        return f"{which} failed ({shown}{more}): nothing fetched"


def _reached(response: Response) -> Iterator[Reached]:
    """The URL that answered, and those it was redirected from."""
    for url in dict.fromkeys([*response.meta.get("redirect_urls", ()), response.url]):
        yield Reached(canonical_url(url))


def _robots_of(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


def _header(response: Response, name: bytes) -> str:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else ""
