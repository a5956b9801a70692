"""The ``search`` kind: a site's own search page, run for every campaign term."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from scrapy import Request

from common.errors import ConfigError
from crawler.sources.base import Crawl, Source, register, urls
from crawler.sources.listings import parse_listing

__all__ = ["Search", "search_url"]


@register
@dataclass(frozen=True)
class Search(Source):
    """A search URL template with ``{query}`` where the term goes; results are listings."""

    key: ClassVar[str] = "search"
    template: str

    @classmethod
    def from_campaign(cls, value: object, where: str, folder: Path) -> tuple[Source, ...]:
        templates = urls(value, where)
        for template in templates:
            if "{query}" not in template:
                raise ConfigError(
                    f"{where}: {template!r} needs {{query}} "
                    "where the term goes, e.g. https://www.example.it/?s={query}"
                )
        return tuple(cls(template) for template in templates)

    def start_requests(self, crawl: Crawl) -> Iterator[Request]:
        for term in crawl.terms:
            yield crawl.source_request(search_url(self.template, term), parse_listing,
                                       f"search {term}")


def search_url(template: str, term: str) -> str:
    """A site's search URL for a term: ``https://site/?s={query}`` with the term encoded.

    Raises:
        ValueError: when the template has no ``{query}``.
    """
    if "{query}" not in template:
        raise ValueError(f"search template {template!r} has no {{query}}")
    parts = urlsplit(template)
    if "{query}" in parts.query:
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        query = urlencode([(k, term if v == "{query}" else v) for k, v in pairs])
        return urlunsplit(parts._replace(query=query))
    return template.replace("{query}", quote(term))
