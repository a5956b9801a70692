"""The news search engines of :mod:`crawler.sources.news_search`, one module each.

An engine module defines an :class:`~crawler.sources.news_search.Engine` and registers
it with :func:`~crawler.sources.news_search.register_engine`; its parsers read an
answer into :class:`Result` records and hand them to :func:`follow`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.http import Response, TextResponse

from crawler.items import Found, Rejection
from crawler.sources.base import Crawl
from crawler.urls import canonical_url

__all__ = ["HTTP_URL", "Result", "follow", "result_requests", "rss_answer", "rss_results",
           "rfc822_day", "unresolved"]


#: the start of an absolute http(s) URL: what a decoded link or an item's outlet must be
HTTP_URL = re.compile(r"https?://[^\s/]+")


@dataclass(frozen=True)
class Result:
    """One result of an engine: the article it leads to ("" when it cannot be told),
    the result's own link, title, outlet and day, and why it was not resolved."""

    url: str
    link: str
    title: str = ""
    outlet: str = ""
    day: dt.date | None = None
    unresolved: str = ""


def rfc822_day(value: str) -> dt.date | None:
    """The day of an RSS date (``Tue, 10 Oct 2023 08:00:00 GMT``), None when unreadable."""
    try:
        return parsedate_to_datetime(value.strip()).date()
    except (TypeError, ValueError, IndexError):
        return None


#: an engine's reading of one item link: (the article's URL, "") or ("", why not)
Resolve = Callable[[str], tuple[str, str]]


def rss_answer(crawl: Crawl, response: Response, engine: str, resolve: Resolve) -> Iterator[Any]:
    """What an engine's RSS answer gives: its articles, or its rejection when it is none."""
    if not isinstance(response, TextResponse) or not response.xpath("//*[local-name()='rss']"):
        yield crawl.reject(response, f"not a {engine} RSS answer")
        return
    yield from follow(crawl, response, rss_results(response, resolve))


def rss_results(response: TextResponse, resolve: Resolve) -> list[Result]:
    """The items of an engine's RSS answer, each link read by ``resolve(link) -> (url, why)``."""
    results = []
    for item in response.xpath("//*[local-name()='item']"):
        link = (item.xpath("./*[local-name()='link']/text()").get() or "").strip()
        if not link:
            continue
        url, why = resolve(link)
        source = item.xpath("./*[local-name()='source']")
        outlet = (source.xpath("@url").get() or source.xpath("string()").get() or "").strip()
        results.append(Result(
            url=url, link=link, unresolved=why, outlet=outlet,
            title=" ".join((item.xpath("./*[local-name()='title']/text()").get() or "").split()),
            day=rfc822_day(item.xpath("./*[local-name()='pubDate']/text()").get() or ""),
        ))
    return results


def follow(crawl: Crawl, response: Response, results: Iterable[Result]) -> Iterator[Any]:
    """The article requests of an engine's results, and a rejection for each one left."""
    yield from crawl.reached(response)
    via = response.meta.get("via", "")
    for result in results:
        if not crawl.in_period(result.day):
            url = canonical_url(result.url or result.link)
            yield Found(url, via)
            yield Rejection(url, f"published {result.day} by the engine, outside the period", via)
        elif not result.url:
            yield from unresolved(result, result.unresolved, via)
        else:
            yield from result_requests(crawl, result.url, via)


def result_requests(crawl: Crawl, url: str, via: str) -> Iterator[Any]:
    """The request of the article a result leads to, recorded first as what ``via`` (the
    query, or the alert) returned: the report counts it even when another source's
    request for the same page went first."""
    yield Found(canonical_url(url), via)
    yield from crawl.article_requests(url, via)


def unresolved(result: Result, why: str, via: str) -> Iterator[Any]:
    """A result that leads to no article, as returned by ``via`` and rejected: why, with
    its title and outlet."""
    what = f"{result.title!r} ({result.outlet})" if result.outlet else repr(result.title)
    yield Found(canonical_url(result.link), via)
    yield Rejection(canonical_url(result.link), f"{why}: {what}", via)
