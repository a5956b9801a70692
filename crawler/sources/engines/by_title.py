"""A result that names only its outlet and its title, looked for on the outlet's own site.

An engine's result whose link leads nowhere (a Google News link that Google does not
decode, say) still names its outlet (``<source url>``) and its title. :func:`look_up`
looks for the article on that outlet, the way a person would, each step only when the
one before finds nothing:

1. the feed the outlet's home page announces: an item with that title;
2. the sitemaps its robots.txt names (``/sitemap.xml`` when none): an entry whose Google
   News title is that title; otherwise the entries of the result's day (a day either
   side), the closest first, each page fetched and its title compared, a few at most.

Every request is one lookup's own (``dont_filter``), and an answer that is not a 200 (a
site without a sitemap) only moves the lookup to its next step. When nothing matches,
the result is rejected with why, its title and its outlet, for the report: never
dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, TypeGuard
from urllib.parse import urljoin

from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.utils.sitemap import sitemap_urls_from_robots

from common.text import fold
from crawler.items import Found
from crawler.sources.base import Crawl
from crawler.sources.engines import HTTP_URL, Result, result_requests, unresolved
from crawler.sources.feeds import alternate_feeds, feed_items
from crawler.sources.sitemaps import SitemapError, entry_day, parse_sitemap
from crawler.sources.sites import robots_of
from crawler.urls import canonical_url

__all__ = ["MAX_PAGES", "MAX_SITEMAPS", "look_up", "titles_match"]

#: at most this many sitemaps of one outlet (an index counts), and pages of the result's
#: day, are read
MAX_SITEMAPS = 3
MAX_PAGES = 5
# what follows a page's own title in its <title>: " - Outlet", " | Outlet"
_SITE_SUFFIX = re.compile(r"\s+[-|–—]\s+[^-|–—]+$")


def _title_key(title: str) -> str:
    return " ".join(fold(title).replace("’", "'").split())


def titles_match(result_title: str, title: str) -> bool:
    """Whether an engine's result title ("Title - Outlet") is the outlet's ``title``."""
    wanted = _title_key(title)
    if not wanted:
        return False
    given = _title_key(result_title)
    return given == wanted or (" - " in given and given.rsplit(" - ", 1)[0] == wanted)


def look_up(crawl: Crawl, response: Response, result: Result, why: str) -> Iterator[Any]:
    """Look for ``result`` on its outlet; ``why`` says why its link did not lead there."""
    via = response.meta.get("via", "")
    if not HTTP_URL.match(result.outlet):
        yield from unresolved(result, why, via)
        return
    yield _request(crawl, result.outlet, parse_home, via, result, why)


def _request(crawl: Crawl, url: str, parse: Any, via: str, result: Result, why: str,
             **meta: Any) -> Any:
    return crawl.request(url, parse, via, result=result, why=why, handle_httpstatus_all=True,
                         **meta).replace(dont_filter=True)


def _ok(response: Response) -> TypeGuard[TextResponse]:
    return response.status == 200 and isinstance(response, TextResponse)


def _step(response: Response) -> tuple[Result, str, str]:
    return response.meta["result"], response.meta.get("via", ""), response.meta["why"]


def parse_home(crawl: Crawl, response: Response) -> Iterator[Any]:
    result, via, why = _step(response)
    feeds = alternate_feeds(response) if _ok(response) else []
    if not feeds:
        yield from _sitemaps(crawl, result, via, f"{why}, its outlet announces no feed")
        return
    yield _request(crawl, feeds[0], parse_feed, via, result, why)


def parse_feed(crawl: Crawl, response: Response) -> Iterator[Any]:
    result, via, why = _step(response)
    items = feed_items(response) if _ok(response) else []
    link = next((link for title, link in items if titles_match(result.title, title)), "")
    if link:
        yield from result_requests(crawl, link, via)
        return
    yield from _sitemaps(crawl, result, via, f"{why}, its outlet's feed has no item of that title")


def _sitemaps(crawl: Crawl, result: Result, via: str, why: str) -> Iterator[Any]:
    yield _request(crawl, robots_of(result.outlet), parse_robots, via, result, why)


def parse_robots(crawl: Crawl, response: Response) -> Iterator[Any]:
    result, via, why = _step(response)
    named: list[str] = []
    if _ok(response):
        named = list(sitemap_urls_from_robots(response.text, base_url=response.url))
    queue = named or [urljoin(response.url, "/sitemap.xml")]
    yield from _next_sitemap(crawl, result, via, why, queue, [], 0)


def _next_sitemap(crawl: Crawl, result: Result, via: str, why: str, queue: list[str],
                  pages: list[str], read: int) -> Iterator[Any]:
    """The next sitemap to read (``read`` of them so far, :data:`MAX_SITEMAPS` at most);
    then the pages of the day to compare."""
    if queue and read < MAX_SITEMAPS:
        yield _request(crawl, queue[0], parse_outlet_sitemap, via, result, why,
                       queue=queue[1:], pages=pages, read=read + 1)
    else:
        yield from _next_page(crawl, result, via, why, pages[:MAX_PAGES])


def parse_outlet_sitemap(crawl: Crawl, response: Response) -> Iterator[Any]:
    result, via, why = _step(response)
    queue: list[str] = response.meta["queue"]
    pages: list[str] = response.meta["pages"]
    read: int = response.meta["read"]
    try:
        kind, entries = parse_sitemap(response.body) if response.status == 200 else ("", [])
    except SitemapError:
        kind, entries = "", []
    if kind == "sitemapindex":
        # the newest sitemaps first: an index lists them oldest first, as often as not
        newest = sorted(entries, key=lambda e: e.lastmod, reverse=True)[:MAX_SITEMAPS]
        yield from _next_sitemap(crawl, result, via, why, [*(e.loc for e in newest), *queue],
                                 pages, read)
        return
    titled = next((e.loc for e in entries if e.title and titles_match(result.title, e.title)), "")
    if titled:
        yield from result_requests(crawl, titled, via)
        return
    if result.day is not None:
        near = [(abs((day - result.day).days), e.loc) for e in entries
                if (day := entry_day(e)) is not None and abs((day - result.day).days) <= 1]
        pages = [*pages, *(loc for _, loc in sorted(near))][:MAX_PAGES]
    yield from _next_sitemap(crawl, result, via, why, queue, pages, read)


def _next_page(crawl: Crawl, result: Result, via: str, why: str,
               pages: list[str]) -> Iterator[Any]:
    if not pages:
        yield from unresolved(result, f"{why}, nor has its sitemap a page of that title", via)
        return
    yield _request(crawl, pages[0], parse_candidate, via, result, why, pages=pages[1:])


def page_titles(response: HtmlResponse) -> list[str]:
    """What a page calls itself: og:title, its first h1, its <title> with and without
    the outlet's name after it."""
    titles = [response.xpath('//meta[@property="og:title"]/@content').get() or "",
              response.xpath("string(//h1[1])").get() or ""]
    title = " ".join((response.xpath("string(//title)").get() or "").split())
    return [t for t in (*titles, title, _SITE_SUFFIX.sub("", title)) if t.strip()]


def parse_candidate(crawl: Crawl, response: Response) -> Iterator[Any]:
    """A page of the result's day: the article when its title is the result's."""
    result, via, why = _step(response)
    if _ok(response) and isinstance(response, HtmlResponse) and any(
            titles_match(result.title, title) for title in page_titles(response)):
        yield Found(canonical_url(response.url), via)
        yield from crawl.parse_article(response)
        return
    yield from _next_page(crawl, result, via, why, response.meta["pages"])

