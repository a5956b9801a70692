"""Google News: the RSS of its search, ``news.google.com/rss/search``.

The query is the term in quotes with ``after:``/``before:`` for the period, in Italian
for Italy (``hl=it&gl=IT&ceid=IT:it``). Items link to ``news.google.com/rss/articles/<id>``;
an id of the older form (``CBMi…``) is base64 of a length-prefixed string that is the
article's URL, read here offline. An id of the newer form (``AU_yqL…`` inside) only
Google's own decoding call resolves: such an item is rejected with its title and outlet,
for the report, never dropped silently.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlencode, urlsplit

from scrapy.http import Response

from crawler.sources.base import Crawl
from crawler.sources.engines import rss_answer
from crawler.sources.news_search import Engine, Period, Query, register_engine

__all__ = ["GoogleNews", "article_url"]

_ARTICLE_ID = re.compile(r"/(?:rss/)?articles/([A-Za-z0-9_-]+)")
_PREFIX = b"\x08\x13\x22"
_HTTP = re.compile(r"https?://[^\s/]+")
NEWER_FORM = "a Google News link of the newer form (only Google's own call decodes it)"


def _varint(data: bytes) -> tuple[int, bytes]:
    value = shift = 0
    for i, byte in enumerate(data[:5]):
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, data[i + 1:]
        shift += 7
    return 0, b""


def article_url(link: str) -> tuple[str, str]:
    """(the article's URL, "") for a Google News item link, or ("", why not).

    A link that is not a Google News article link is the article's own.
    """
    host = (urlsplit(link).hostname or "").lower()
    found = _ARTICLE_ID.search(urlsplit(link).path) if host.endswith("news.google.com") else None
    if not found:
        return link, ""
    ident = found.group(1)
    try:
        raw = base64.urlsafe_b64decode(ident + "=" * (-len(ident) % 4))
    except (binascii.Error, ValueError):
        return "", "a Google News link whose id does not decode"
    if raw.startswith(_PREFIX):
        raw = raw[len(_PREFIX):]
    length, rest = _varint(raw)
    text = rest[:length].decode("utf-8", "replace") if length else ""
    if text.startswith("AU_yqL") or b"AU_yqL" in raw[:16]:
        return "", NEWER_FORM
    if _HTTP.match(text):
        return text, ""
    return "", "a Google News link with no article URL in its id"


@register_engine
class GoogleNews(Engine):
    id = "google-news"
    endpoint = "https://news.google.com/rss/search"

    def queries(self, base: str, term: str, period: Period) -> Iterable[Query]:
        start, end = period
        q = f'"{term}"'
        if start:
            q += f" after:{start.isoformat()}"
        if end:
            q += f" before:{(end + dt.timedelta(days=1)).isoformat()}"
        params = {"q": q, "hl": "it", "gl": "IT", "ceid": "IT:it"}
        yield Query(f"{base}?{urlencode(params)}", q, parse_results)


def parse_results(crawl: Crawl, response: Response) -> Iterator[Any]:
    return rss_answer(crawl, response, "Google News", article_url)
