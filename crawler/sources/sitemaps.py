"""The ``sitemaps`` kind: indexes, news sitemaps, gzipped files, robots.txt ``Sitemap:`` lines.

Sitemap entries published outside the campaign period are not requested.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from lxml import etree
from scrapy import Request
from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import sitemap_urls_from_robots

from crawler.sources.base import Crawl, UrlSource, register

__all__ = [
    "Sitemap", "SitemapEntry", "SitemapError", "entry_day", "parse_robots", "parse_sitemap",
    "parse_sitemap_response",
]

_MAX_UNZIPPED = 64 * 1024 * 1024  # a sitemap is at most 50 MB uncompressed
_NEWS = "{http://www.google.com/schemas/sitemap-news/"  # the News extension's namespace


class SitemapError(ValueError):
    """A sitemap that cannot be read; the message is the reason."""


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: str = ""
    published: str = ""  # news:publication_date, when a news sitemap gives it
    title: str = ""  # news:title, when a news sitemap gives it


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_sitemap(body: bytes) -> tuple[str, list[SitemapEntry]]:
    """The kind (``sitemapindex`` or ``urlset``) and entries of a sitemap, gzipped or not.

    Raises:
        SitemapError: for a broken gzip file, a body that is not XML, or another root.
    """
    if body[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as unzipped:
                body = unzipped.read(_MAX_UNZIPPED + 1)
        except (OSError, EOFError, zlib.error) as exc:  # bad header, cut short, bad stream
            raise SitemapError("broken gzip file") from exc
        if len(body) > _MAX_UNZIPPED:
            raise SitemapError("larger than 64 MB uncompressed")
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                             remove_comments=True, huge_tree=False)
    try:
        root = etree.fromstring(body.strip(), parser=parser)
    except etree.XMLSyntaxError as exc:
        raise SitemapError("not XML") from exc
    if root is None or _local(root.tag) not in ("sitemapindex", "urlset"):
        raise SitemapError("not a sitemap (no urlset or sitemapindex)")
    entries = []
    for node in root:
        fields: dict[str, str] = {}
        for child in node.iter():
            name = _local(child.tag)
            if name in ("loc", "lastmod", "publication_date") and child.text:
                fields.setdefault(name, child.text.strip())
            elif name == "title" and str(child.tag).startswith(_NEWS) and child.text:
                fields.setdefault(name, " ".join(child.text.split()))
        if fields.get("loc"):
            entries.append(SitemapEntry(fields["loc"], fields.get("lastmod", ""),
                                        fields.get("publication_date", ""),
                                        fields.get("title", "")))
    return _local(root.tag), entries


def entry_day(entry: SitemapEntry) -> dt.date | None:
    """The day an entry was published (news sitemaps) or last modified, if given."""
    for value in (entry.published, entry.lastmod):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            continue
    return None


@register
@dataclass(frozen=True)
class Sitemap(UrlSource):
    """A sitemap, or a robots.txt whose ``Sitemap:`` lines are read."""

    key: ClassVar[str] = "sitemaps"

    def start_requests(self, crawl: Crawl) -> Iterator[Request]:
        parse = parse_robots if self.url.endswith("/robots.txt") else parse_sitemap_response
        yield crawl.source_request(self.url, parse, "sitemap")


def parse_robots(crawl: Crawl, response: Response) -> Iterator[Any]:
    """The sitemap requests of a robots.txt; one that names none fails only as a source."""
    sitemaps = []
    if isinstance(response, TextResponse):
        sitemaps = list(sitemap_urls_from_robots(response.text, base_url=response.url))
    if not sitemaps and response.meta.get("source"):  # a site's robots.txt need not name one
        yield crawl.reject(response, "robots.txt names no sitemap")
        return
    yield from crawl.reached(response)
    for url in sitemaps:
        yield crawl.request(url, parse_sitemap_response, "sitemap")


def parse_sitemap_response(crawl: Crawl, response: Response) -> Iterator[Any]:
    """The requests of a sitemap: its sitemaps (an index) or its articles in the period."""
    try:
        kind, entries = parse_sitemap(response.body)
    except SitemapError as exc:
        yield crawl.reject(response, f"sitemap: {exc}")
        return
    yield from crawl.reached(response)
    for entry in entries:
        if kind == "sitemapindex":
            yield crawl.request(entry.loc, parse_sitemap_response, "sitemap")
        elif crawl.in_period(entry_day(entry)):
            yield from crawl.article_requests(entry.loc, f"sitemap {response.url}")
