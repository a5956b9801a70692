"""The ``news_search`` kind: the campaign's terms searched on news search engines.

``news_search = ["google-news", "bing-news", "gdelt"]`` in ``[sources]`` searches every
term (each spelling once, whatever its case) on each engine named, over the campaign
period, through the engine's public interface. What the engines return are candidate
articles: each is fetched, checked for a term and extracted like any other page; a
search result is never an uscita by itself. An item that cannot be resolved to its
article, or falls outside the period, is rejected with its reason (``crawl --report``).

An engine is one module of :mod:`crawler.sources.engines` holding an :class:`Engine`
registered with :func:`register_engine`; ``[news_search.endpoints]`` in the campaign
file maps an engine id to another base URL (a mirror, or the tests' local engines),
with the same parameters.

Engines are asked politely: each has a download slot of its own (one request at a
time, one second apart, whatever AutoThrottle does with the outlets), and Scrapy's
retries back off on 429 and 503.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from scrapy import Request

from common.errors import ConfigError
from crawler.sources.base import Crawl, Parse, Period, Source, register, strings

__all__ = ["ENGINES", "Engine", "NewsSearch", "Period", "Query", "engine_slot",
           "register_engine", "search_request"]


@dataclass(frozen=True)
class Query:
    """One request to an engine: its URL, what it asked (for the report), its parser,
    and what the parser needs to know of it."""

    url: str
    asked: str
    parse: Parse
    meta: Mapping[str, Any] = field(default_factory=dict)


class Engine:
    """A news search engine: the requests for a term, and how to read their answers."""

    #: the id a campaign names it by
    id: ClassVar[str]
    #: the base URL of its public interface
    endpoint: ClassVar[str]

    def queries(self, base: str, term: str, period: Period) -> Iterable[Query]:
        """The requests that search ``term`` over ``period`` at ``base``."""
        raise NotImplementedError


#: engine id -> engine, every engine a campaign can name
ENGINES: dict[str, Engine] = {}


def register_engine(engine: type[Engine]) -> type[Engine]:
    """Make an engine known to campaign files under its id (a class decorator)."""
    if engine.id in ENGINES:
        raise ValueError(f"engine {engine.id!r} is registered already")
    ENGINES[engine.id] = engine()
    return engine


def engine_slot(engine_id: str) -> str:
    """The download slot of an engine's requests (``DOWNLOAD_SLOTS`` sets its pace)."""
    return f"engine:{engine_id}"


def search_request(crawl: Crawl, engine_id: str, query: Query) -> Request:
    """A request to an engine: in the engine's slot, AutoThrottle keeping off its pace."""
    return crawl.source_request(
        query.url, query.parse, f"{engine_id} {query.asked}", engine=engine_id,
        download_slot=engine_slot(engine_id), autothrottle_dont_adjust_delay=True,
        **query.meta)


def _spellings(terms: Iterable[str]) -> list[str]:
    """Each term once, whatever its case: engines ignore case."""
    seen: dict[str, str] = {}
    for term in terms:
        seen.setdefault(" ".join(term.casefold().split()), term)
    return list(seen.values())


@register
@dataclass(frozen=True)
class NewsSearch(Source):
    """One engine of ``news_search``, at its endpoint."""

    key: ClassVar[str] = "news_search"
    #: the keys of the campaign's ``[news_search]`` table
    options: ClassVar[tuple[str, ...]] = ("endpoints",)

    engine: str
    endpoint: str

    @classmethod
    def from_campaign(cls, value: object, where: str, folder: Path) -> tuple[Source, ...]:
        return cls.from_options(value, where, folder, {})

    @classmethod
    def from_options(cls, value: object, where: str, folder: Path,
                     options: Mapping[str, object]) -> tuple[Source, ...]:
        names = strings(value, where)
        for name in names:
            if name not in ENGINES:
                raise ConfigError(f"{where}: unknown engine {name!r} "
                                  f"(known: {', '.join(ENGINES)})")
        endpoints = options.get("endpoints") or {}
        table = where.rsplit(":", 1)[0] + ": [news_search.endpoints]"
        if not isinstance(endpoints, dict):
            raise ConfigError(f"{table} must be a table of engine = URL")
        for name, url in endpoints.items():
            if name not in ENGINES:
                raise ConfigError(f"{table}: unknown engine {name!r} (known: {', '.join(ENGINES)})")
            if not isinstance(url, str) or not url.startswith(("http://", "https://")):
                raise ConfigError(f"{table}: {name} must be an http(s) URL, not {url!r}")
        return tuple(cls(name, str(endpoints.get(name) or ENGINES[name].endpoint))
                     for name in dict.fromkeys(names))

    def start_requests(self, crawl: Crawl) -> Iterator[Request]:
        engine = ENGINES[self.engine]
        for term in _spellings(crawl.terms):
            for query in engine.queries(self.endpoint, term, crawl.period):
                yield search_request(crawl, self.engine, query)

# the engines register themselves as their modules load
from crawler.sources.engines import bing_news as bing_news  # noqa: E402,I001  isort: skip
from crawler.sources.engines import gdelt as gdelt  # noqa: E402  isort: skip
from crawler.sources.engines import google_news as google_news  # noqa: E402  isort: skip
