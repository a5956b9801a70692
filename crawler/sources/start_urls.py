"""The ``start_urls`` kind: listing pages (sections, tags), their articles and next pages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from scrapy import Request

from crawler.sources.base import Crawl, UrlSource, register
from crawler.sources.listings import parse_listing

__all__ = ["Listing"]


@register
@dataclass(frozen=True)
class Listing(UrlSource):
    """A listing page (a section, a tag): its article links and its next pages."""

    key: ClassVar[str] = "start_urls"

    def start_requests(self, crawl: Crawl) -> Iterator[Request]:
        yield crawl.source_request(self.url, parse_listing, "start url")
