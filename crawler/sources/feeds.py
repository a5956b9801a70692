"""The ``feeds`` kind: RSS and Atom feeds, and the feeds a home page announces."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from scrapy import Request
from scrapy.http import Response, TextResponse

from crawler.sources.base import Crawl, UrlSource, register

__all__ = ["Feed", "alternate_feeds", "feed_articles", "feed_items", "feed_links", "parse_feed"]

_ITEM_LINKS = (
    "//*[local-name()='item']/*[local-name()='link']/text()",
    "//*[local-name()='item']/*[local-name()='guid'][@isPermaLink='true']/text()",
    "//*[local-name()='entry']/*[local-name()='link'][not(@rel) or @rel='alternate']/@href",
)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


def feed_links(response: TextResponse) -> list[str]:
    """The article URLs of an RSS or Atom feed, absolute, in feed order, once each."""
    seen: dict[str, None] = {}
    for xpath in _ITEM_LINKS:
        for link in response.xpath(xpath).getall():
            if link.strip():
                seen.setdefault(response.urljoin(link.strip()), None)
    return list(seen)


def feed_items(response: TextResponse) -> list[tuple[str, str]]:
    """(title, absolute link) of each item of an RSS or Atom feed, in feed order."""
    items = []
    for item in response.xpath("//*[local-name()='item' or local-name()='entry']"):
        title = " ".join(item.xpath("string(./*[local-name()='title'])").get("").split())
        link = (item.xpath("./*[local-name()='link']/text()").get()
                or item.xpath("./*[local-name()='link'][not(@rel) or @rel='alternate']/@href")
                .get() or "").strip()
        if link:
            items.append((title, response.urljoin(link)))
    return items


def alternate_feeds(response: TextResponse) -> list[str]:
    """Feeds a page announces with ``<link rel="alternate" type="application/rss+xml">``."""
    links = response.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), "
                           "' alternate ')][@href]")
    return [
        response.urljoin(link.attrib["href"])
        for link in links
        if (link.attrib.get("type") or "").split(";")[0].strip().lower() in _FEED_TYPES[:2]
    ]


@register
@dataclass(frozen=True)
class Feed(UrlSource):
    """An RSS or Atom feed: its items are the articles."""

    key: ClassVar[str] = "feeds"

    def start_requests(self, crawl: Crawl) -> Iterator[Request]:
        yield crawl.source_request(self.url, parse_feed, "feed")


def parse_feed(crawl: Crawl, response: Response) -> Iterator[Any]:
    """The article requests of a feed; a response that is no feed is rejected."""
    yield from feed_articles(crawl, response, "feed")


def feed_articles(crawl: Crawl, response: Response, label: str,
                  article: Callable[[str], str] = str) -> Iterator[Any]:
    """The article requests of a feed, found via ``"<label> <feed URL>"``, each item link
    read by ``article`` (an alert's redirector unwrapped, say); no feed is rejected."""
    links = feed_links(response) if isinstance(response, TextResponse) else []
    if not links:
        yield crawl.reject(response, "not an RSS or Atom feed, or no items")
        return
    yield from crawl.reached(response)
    for link in dict.fromkeys(article(link) for link in links):
        yield from crawl.article_requests(link, f"{label} {response.url}")
