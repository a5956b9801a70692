"""Listing pages (home, sections, tags, search results) and their pagination.

Not a kind of its own: the ``sites``, ``start_urls`` and ``search`` kinds all fetch
listings, and parse them here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from scrapy import Request
from scrapy.http import HtmlResponse, Response, TextResponse

from crawler.sources.base import Crawl
from crawler.urls import looks_like_article_url

__all__ = ["article_links", "follow_listing", "looks_like_article", "next_page", "parse_listing"]

logger = logging.getLogger(__name__)

_NEXT_TEXT = re.compile(
    r"^\s*(?:pagina\s+successiva|successiva|successivo|avanti|pi[uù]\s+articoli|"
    r"articoli\s+(?:meno\s+recenti|precedenti)|next(?:\s+page)?|older(?:\s+posts)?|›|»|>>?)\s*$",
    re.IGNORECASE,
)
_PAGE_PATH = re.compile(r"/page/(\d+)/?$")


def article_links(response: TextResponse) -> list[str]:
    """Links of a listing that lead to articles of the same site, once each."""
    host = urlsplit(response.url).netloc
    seen: dict[str, None] = {}
    for href in response.xpath("//a/@href").getall():
        url = response.urljoin(href.strip())
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc == host \
                and looks_like_article_url(url):
            seen.setdefault(url.split("#", 1)[0], None)
    return list(seen)


def next_page(response: TextResponse) -> str | None:
    """The next page of a listing: rel=next, a "pagina successiva" link, ?page=N, /page/N/."""
    for href in response.xpath("//link[@rel='next']/@href | //a[@rel='next']/@href").getall():
        return response.urljoin(href.strip())
    for anchor in response.xpath("//a[@href]"):
        text = " ".join(anchor.xpath(".//text()").getall()) or anchor.attrib.get("title", "")
        label = anchor.attrib.get("aria-label", "")
        if _NEXT_TEXT.match(text) or _NEXT_TEXT.match(label):
            return response.urljoin(anchor.attrib["href"].strip())
    current = _page_number(response.url)
    wanted = current + 1
    for href in response.xpath("//a/@href").getall():
        url = response.urljoin(href.strip())
        if _page_number(url) == wanted and _same_listing(url, response.url):
            return url
    return None


def _page_number(url: str) -> int:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    for key in ("page", "pagina", "pg", "paged", "p"):
        if query.get(key, "").isdigit():
            return int(query[key])
    match = _PAGE_PATH.search(parts.path)
    return int(match.group(1)) if match else 1


def _same_listing(url: str, other: str) -> bool:
    def base(u: str) -> tuple[str, str]:
        parts = urlsplit(u)
        return parts.netloc, _PAGE_PATH.sub("/", parts.path).rstrip("/")

    return base(url) == base(other)


def looks_like_article(response: TextResponse) -> bool:
    """Whether a page presents itself as an article rather than a home or listing page."""
    og_type = (response.xpath("//meta[@property='og:type']/@content").get() or "").lower()
    if og_type:
        return og_type == "article"
    if response.xpath("//script[@type='application/ld+json'][contains(., 'Article')]"):
        return True
    return len(response.xpath("//article")) == 1


def parse_listing(crawl: Crawl, response: Response) -> Iterator[Any]:
    """A listing's article requests and next page; a listing URL that is an article is one."""
    if not isinstance(response, HtmlResponse):
        yield crawl.reject(response, "listing is not an HTML page")
        return
    yield from crawl.reached(response)
    if looks_like_article(response):
        yield from crawl.parse_article(response)
        return
    yield from follow_listing(crawl, response)


def follow_listing(crawl: Crawl, response: HtmlResponse) -> Iterator[Request]:
    """The article links of a listing page, and its next page up to the listing's limit."""
    for url in article_links(response):
        yield from crawl.article_requests(url, f"listing {response.url}")
    pages = response.meta.get("listing_pages", 1)
    following = next_page(response)
    if following and following != response.url:
        if pages < crawl.setting("RASSEGNA_MAX_LISTING_PAGES", 20):
            yield crawl.request(following, parse_listing, response.meta.get("via", ""),
                                listing_pages=pages + 1)
        else:
            logger.warning("%s: listing stopped after %d pages", response.url, pages)
