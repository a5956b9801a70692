"""The campaign spider: every source of a campaign in one polite crawl.

Discovery lives in :mod:`crawler.sources`, one module per source kind; the spider
knows none of them. It asks each source object for its first requests, runs the
parser each request carries, fetches the articles they find, and yields items: a
:class:`~crawler.items.Page` for every article page fetched (with a cheap relevance
check on the page's text; the final check, on the extracted article text, comes
after extraction) and, for an aggregator's copy, a request for the original it
credits; an :class:`~crawler.items.Unchanged` when the server says a page
did not change since the last crawl, a :class:`~crawler.items.Rejection` for every
URL given up, with the reason, and a :class:`~crawler.items.Reached` for every feed,
sitemap or listing that answered. All sources share one scheduler, so an article
found in a feed and in a sitemap is fetched once and the per-domain limits hold
across kinds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from typing import Any

import scrapy
from lxml import etree
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.aggregators import aggregator_of, original_of
from crawler.items import Page, Reached, Rejection, Unchanged
from crawler.middlewares import PageCapReached
from crawler.sources import Parse, Source
from crawler.sources.base import Period
from crawler.terms import TermMatcher
from crawler.urls import canonical_url, domain_of

__all__ = ["CampaignSpider", "page_text"]

_SKIP_TEXT = "script", "style", "noscript", "template"
# compiled once, and on lxml itself: parsel would wrap each of a page's hundreds of
# text nodes in a Selector of its own
_PAGE_TEXT = etree.XPath(
    "//body//text()[not(parent::*[{}])]".format(" or ".join(f"self::{t}" for t in _SKIP_TEXT)),
    smart_strings=False,
)
_CANONICAL = etree.XPath("//link[@rel='canonical']/@href", smart_strings=False)


def page_text(response: TextResponse) -> str:
    """All text of an HTML page, scripts and styles left out."""
    return " ".join(_PAGE_TEXT(response.selector.root))


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class CampaignSpider(scrapy.Spider):
    """Collects the candidate uscite of one campaign.

    The spider knows no source kind: each source gives its first requests, and each
    request carries the function that parses its response (see :mod:`crawler.sources`).

    Args (passed by the orchestration through ``CrawlerProcess.crawl``):
        sources: the campaign's sources, in the order their first requests go out.
        terms: every form of every campaign term.
        period: the campaign's (start, end); sitemap entries outside it are skipped.
        validators: URL -> (ETag, Last-Modified) from the last crawl, for conditional
            requests.
        fetched: canonical URLs the crawl being resumed already stored: not requested.
    """

    name = "rassegna"

    def __init__(
        self,
        sources: Iterable[Source] = (),
        terms: Iterable[str] = (),
        period: Period = (None, None),
        validators: Mapping[str, tuple[str, str]] | None = None,
        fetched: Iterable[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.sources = tuple(sources)
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
        for source in self.sources:
            for request in source.start_requests(self):
                yield request

    # -- what a source kind sees of the crawl (crawler.sources.Crawl) -------

    def request(self, url: str, parse: Parse, via: str, **meta: Any) -> scrapy.Request:
        # the callback stays a spider method, as Scrapy expects; the parser goes along
        return scrapy.Request(url, callback=self._follow, cb_kwargs={"parse": parse},
                              errback=self.on_error, meta={"via": via, **meta})

    def _follow(self, response: Response, parse: Parse) -> Iterable[Any]:
        return parse(self, response)

    def source_request(self, url: str, parse: Parse, via: str, **meta: Any) -> scrapy.Request:
        """The request of a source: whether it fails is followed, for the crawl's summary."""
        self.source_failures.setdefault(url, "")
        return self.request(url, parse, via, source=url, **meta)

    def source_article(self, url: str, via: str) -> Iterator[scrapy.Request]:
        """An article that is a source itself (a line of a URL list)."""
        self.source_failures.setdefault(url, "")
        yield from self.article_requests(url, via, source=url)

    def article_requests(self, url: str, via: str, **meta: Any) -> Iterator[scrapy.Request]:
        """The request of an article, unless the crawl being resumed stored it already.

        The request is conditional when the last crawl left validators for the page.
        """
        if canonical_url(url) in self.fetched:
            return
        request = scrapy.Request(url, callback=self.parse_article, errback=self.on_error,
                                 meta={"via": via, "article": True, **meta})
        etag, modified = self.validators.get(canonical_url(url), ("", ""))
        if etag or modified:
            if etag:
                request.headers["If-None-Match"] = etag
            if modified:
                request.headers["If-Modified-Since"] = modified
            request.meta["handle_httpstatus_list"] = [304]
        yield request

    def in_period(self, day: dt.date | None) -> bool:
        """A sitemap entry published before the campaign or after it cannot be an uscita."""
        start, end = self.period
        if day is None:
            return True
        return not ((start and day < start) or (end and day > end + dt.timedelta(days=31)))

    def setting(self, name: str, default: int) -> int:
        return self.settings.getint(name, default)

    def reached(self, response: Response) -> Iterator[Reached]:
        """The URL that answered, and those it was redirected from."""
        for url in dict.fromkeys([*response.meta.get("redirect_urls", ()), response.url]):
            yield Reached(canonical_url(url))

    # -- articles ----------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[Any]:
        via = response.meta.get("via", "")
        if response.status == 304:
            self.pages_fetched += 1
            yield Unchanged(canonical_url(response.url), _now())
            return
        if not isinstance(response, HtmlResponse):
            yield self.reject(response, "not an HTML page")
            return
        self.pages_fetched += 1
        canonical = next(iter(_CANONICAL(response.selector.root)), None)
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
        if found and aggregator_of(domain_of(response.url)):
            # an aggregator's copy of an article: the office counts the original too
            original = original_of(response.selector.root, response.url).url
            if original and canonical_url(original) != canonical_url(response.url):
                yield from self.article_requests(
                    original, f"original of {canonical_url(response.url)}")

    def reject(self, response: Response | scrapy.Request, reason: str) -> Rejection:
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
        yield self.reject(request, reason)

    def failure_summary(self) -> str:
        """One line when every source failed and nothing was fetched, else ``""``."""
        failures = self.source_failures
        if not failures or self.pages_fetched or not all(failures.values()):
            return ""
        shown = "; ".join(f"{url}: {reason}" for url, reason in list(failures.items())[:3])
        more = f"; {len(failures) - 3} more" if len(failures) > 3 else ""
        which = f"all {len(failures)} sources" if len(failures) > 1 else "the only source"
        return f"{which} failed ({shown}{more}): nothing fetched"


def _header(response: Response, name: bytes) -> str:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else ""
