"""Bing News: the RSS of its search, ``www.bing.com/news/search?format=rss``.

The query is the term in quotes, in Italian for Italy (``setlang=it-IT&cc=IT``); Bing's
RSS has no date operators, so items are kept by their ``pubDate``. Item links go through
``bing.com/news/apiclick.aspx?…&url=<target>``: the target is read from the link.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlencode, urlsplit

from scrapy.http import Response

from crawler.sources.base import Crawl
from crawler.sources.engines import rss_answer
from crawler.sources.news_search import Engine, Period, Query, register_engine
from crawler.urls import unwrap_redirect

__all__ = ["BingNews", "article_url"]


def article_url(link: str) -> tuple[str, str]:
    """(the article's URL, "") for a Bing News item link, or ("", why not)."""
    url = unwrap_redirect(link)
    if (urlsplit(url).hostname or "").lower().endswith("bing.com"):
        return "", "a Bing News link with no article URL in it"
    return url, ""


@register_engine
class BingNews(Engine):
    id = "bing-news"
    endpoint = "https://www.bing.com/news/search"

    def queries(self, base: str, term: str, period: Period) -> Iterable[Query]:
        q = f'"{term}"'
        params = {"q": q, "format": "rss", "setlang": "it-IT", "cc": "IT"}
        yield Query(f"{base}?{urlencode(params)}", q, parse_results)


def parse_results(crawl: Crawl, response: Response) -> Iterator[Any]:
    return rss_answer(crawl, response, "Bing News", article_url)
