"""Google News: the RSS of its search, ``news.google.com/rss/search``.

The query is the term in quotes with ``after:``/``before:`` for the period, in Italian
for Italy (``hl=it&gl=IT&ceid=IT:it``). Items link to ``news.google.com/rss/articles/<id>``;
an id of the older form (``CBMi…``) is base64 of a length-prefixed string that is the
article's URL, read here offline. An id of the newer form (``AU_yqL…`` inside) is
resolved by Google's own decoding call, as the ``googlenewsdecoder`` package makes it:
the article's Google News page gives a signature and a timestamp (the
``data-n-a-sg`` and ``data-n-a-ts`` attributes), which a POST to Google's
``batchexecute`` endpoint (``garturlreq``) exchanges for the article's URL. Both
requests go through the engine's slot, robots.txt and the day's cache like the search.
An item whose decoding fails is looked for by its title on its outlet (the item's
``<source url>``): its feed, then its sitemaps (:mod:`crawler.sources.engines.by_title`);
when it is not there either, it is rejected with why, its title and its outlet, for
the report, never dropped silently.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlencode, urlsplit

from scrapy.http import Response, TextResponse

from crawler.sources.base import Crawl
from crawler.sources.engines import HTTP_URL, Result, follow, result_requests, rss_results
from crawler.sources.engines.by_title import look_up
from crawler.sources.news_search import Engine, Period, Query, engine_slot, register_engine

__all__ = ["GoogleNews", "article_url"]

_ARTICLE_ID = re.compile(r"/(?:rss/)?articles/([A-Za-z0-9_-]+)")
_PREFIX = b"\x08\x13\x22"
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
    if HTTP_URL.match(text):
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
    if not isinstance(response, TextResponse) or not response.xpath("//*[local-name()='rss']"):
        yield crawl.reject(response, "not a Google News RSS answer")
        return
    results = rss_results(response, article_url)
    newer = [r for r in results if r.unresolved == NEWER_FORM and crawl.in_period(r.day)]
    yield from follow(crawl, response, [r for r in results if r not in newer])
    parts = urlsplit(response.url)
    for result in newer:
        ident = _ARTICLE_ID.search(urlsplit(result.link).path)
        assert ident is not None  # a newer-form link has an id
        page = f"{parts.scheme}://{parts.netloc}/articles/{ident.group(1)}"
        yield _google_request(crawl, response, page, parse_decoding_page, result=result,
                              ident=ident.group(1))


def _google_request(crawl: Crawl, response: Response, url: str, parse: Any,
                    **meta: Any) -> Any:
    """A request of the decoding call, in the engine's slot, for the same report line."""
    return crawl.request(url, parse, response.meta.get("via", ""), engine=GoogleNews.id,
                         download_slot=engine_slot(GoogleNews.id),
                         autothrottle_dont_adjust_delay=True, **meta)


#: what Google's batchexecute endpoint is asked for one article id
_GARTURLREQ = ('["garturlreq",[["X","X",["X","X"],null,null,1,1,"US:en",null,1,null,null,'
               'null,null,null,0,1],"X","X",1,[1,1,1],1,1,null,0,0,null,0],{ident},{ts},{sg}]')


def parse_decoding_page(crawl: Crawl, response: Response) -> Iterator[Any]:
    """The article's Google News page: its signature and timestamp, for the decoding call."""
    result: Result = response.meta["result"]
    attributes: dict[str, str] = {}
    if isinstance(response, TextResponse):
        attributes = dict(response.xpath("//c-wiz/div[@jscontroller]").attrib)
    sg, ts = attributes.get("data-n-a-sg", ""), attributes.get("data-n-a-ts", "")
    if not sg or not ts.isdigit():
        yield from look_up(crawl, response, result, "a newer Google News link whose page "
                             "gives no decoding parameters")
        return
    call = _GARTURLREQ.format(ident=json.dumps(response.meta["ident"]), ts=ts,
                              sg=json.dumps(sg))
    parts = urlsplit(response.url)
    request = _google_request(
        crawl, response, f"{parts.scheme}://{parts.netloc}/_/DotsSplashUi/data/batchexecute",
        parse_decoded, result=result)
    yield request.replace(
        method="POST", dont_filter=True,  # one URL for every article: the body differs
        body=urlencode({"f.req": json.dumps([[["Fbv4je", call]]])}),
        headers={"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"})


def decoded_url(answer: str) -> str:
    """The article URL in batchexecute's answer to ``garturlreq``, "" when there is none.

    The answer is a guard line (``)]}'``), then JSON whose first entry holds, as a JSON
    string, ``["garturlres", "<url>", ...]``.
    """
    try:
        data = json.loads(answer.split("\n\n", 1)[1])
        inner = json.loads(data[0][2])
    except (IndexError, TypeError, ValueError):
        return ""
    url = inner[1] if isinstance(inner, list) and len(inner) > 1 else ""
    return url if isinstance(url, str) and HTTP_URL.match(url) else ""


def parse_decoded(crawl: Crawl, response: Response) -> Iterator[Any]:
    """Google's answer to the decoding call: the article, or why it is not resolved."""
    result: Result = response.meta["result"]
    via = response.meta.get("via", "")
    url = decoded_url(response.text) if isinstance(response, TextResponse) else ""
    if not url:
        yield from look_up(crawl, response, result, "a newer Google News link that "
                             "Google's decoding call did not resolve")
        return
    yield from result_requests(crawl, url, via)
