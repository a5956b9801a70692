"""RSS and Atom feeds, and feeds announced by a home page."""

from __future__ import annotations

from scrapy.http import TextResponse

__all__ = ["feed_links", "alternate_feeds"]

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


def alternate_feeds(response: TextResponse) -> list[str]:
    """Feeds a page announces with ``<link rel="alternate" type="application/rss+xml">``."""
    links = response.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), "
                           "' alternate ')][@href]")
    return [
        response.urljoin(link.attrib["href"])
        for link in links
        if (link.attrib.get("type") or "").split(";")[0].strip().lower() in _FEED_TYPES[:2]
    ]
