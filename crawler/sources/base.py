"""What a source kind is: the :class:`Source` base, the :class:`Crawl` it works through,
and the registry of the kinds a campaign file can name.

A kind is a frozen dataclass, one object per source of the campaign file (a feed, a
sitemap, a URL list...). It reads its own key of the campaign's ``[sources]`` table
(:meth:`Source.from_campaign`), and gives the crawl its first requests
(:meth:`Source.start_requests`); the callbacks of those requests are plain functions
``parse(crawl, response)`` (:data:`Parse`) that yield items and further requests.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol, TypeVar

from scrapy import Request
from scrapy.http import Response

from common.errors import ConfigError
from crawler.items import Reached, Rejection

__all__ = [
    "SOURCE_KINDS", "Crawl", "Parse", "Period", "Source", "UrlSource", "register", "strings",
    "urls",
]


#: a campaign's (start, end); either is None when the campaign file leaves it open
Period = tuple[dt.date | None, dt.date | None]


class Crawl(Protocol):
    """What a source kind sees of the running crawl (the campaign spider)."""

    #: every form of every campaign term
    terms: tuple[str, ...]
    #: the campaign's period
    period: Period

    def source_request(self, url: str, parse: Parse, via: str, **meta: Any) -> Request:
        """The request of a source URL: whether it fails counts in the crawl's summary."""
        ...

    def request(self, url: str, parse: Parse, via: str, **meta: Any) -> Request:
        """A request for a URL found by a source (a sitemap of an index, a next page)."""
        ...

    def article_requests(self, url: str, via: str, **meta: Any) -> Iterator[Request]:
        """The request of an article, unless the crawl being resumed stored it already."""
        ...

    def source_article(self, url: str, via: str) -> Iterator[Request]:
        """An article that is itself a source (a line of a URL list)."""
        ...

    def parse_article(self, response: Response) -> Iterator[Any]:
        """The items of an article page (a listing URL that is an article, say)."""
        ...

    def reject(self, response: Response | Request, reason: str) -> Rejection:
        """The rejection of a URL, logged; when it is a source's, the source failed."""
        ...

    def reached(self, response: Response) -> Iterator[Reached]:
        """The URL that answered, and those it was redirected from."""
        ...

    def in_period(self, day: dt.date | None) -> bool:
        """Whether an entry published on ``day`` can be an uscita of the campaign."""
        ...

    def setting(self, name: str, default: int) -> int:
        """A whole-number Scrapy setting of the crawl (``RASSEGNA_MAX_LISTING_PAGES``...)."""
        ...


#: a request's callback: what a response gives the crawl (items, requests)
Parse = Callable[[Crawl, Response], Iterable[Any]]


@dataclass(frozen=True)
class Source:
    """One source of a campaign; each kind is a frozen dataclass subclass.

    The crawl child gets the objects the campaign file was read into, pickled, so a
    kind lives in an importable module.
    """

    #: the kind's key in the campaign's ``[sources]`` table
    key: ClassVar[str]
    #: the keys of the kind's own table, named after its key (none for most kinds);
    #: a kind with options is read by :meth:`from_options`
    options: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def from_campaign(cls, value: object, where: str, folder: Path) -> tuple[Source, ...]:
        """The sources the key's value in the campaign file names.

        Args:
            value: the value as TOML read it.
            where: the file and key, e.g. ``c.toml: [sources] feeds``, for error messages.
            folder: the campaign file's folder, against which relative paths are read.

        Raises:
            ConfigError: naming ``where``, for a value the kind cannot read.
        """
        raise NotImplementedError

    @classmethod
    def from_options(cls, value: object, where: str, folder: Path,
                     options: Mapping[str, object]) -> tuple[Source, ...]:
        """The sources of a kind with :attr:`options`: as :meth:`from_campaign`, with the
        values of the kind's own table (None for a key the file leaves out)."""
        return cls.from_campaign(value, where, folder)

    def check(self) -> None:
        """Raise :class:`ConfigError` when the source cannot be crawled, before any fetch."""

    def start_requests(self, crawl: Crawl) -> Iterator[Request]:
        """The first requests of the source."""
        raise NotImplementedError


@dataclass(frozen=True)
class UrlSource(Source):
    """A kind whose sources are http(s) URLs, a list of them in the campaign file."""

    url: str

    @classmethod
    def from_campaign(cls, value: object, where: str, folder: Path) -> tuple[Source, ...]:
        return tuple(cls(url) for url in urls(value, where))


def strings(value: object, where: str) -> tuple[str, ...]:
    """A campaign value that must be a list of strings, stripped, empty ones left out.

    Raises:
        ConfigError: ``<where> must be a list of strings, not <value>``.
    """
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings, not {value!r}")
    return tuple(v.strip() for v in value if v.strip())


def urls(value: object, where: str) -> tuple[str, ...]:
    """A campaign value that must be a list of http(s) URLs.

    Raises:
        ConfigError: for anything else, naming ``where`` and the URL.
    """
    values = strings(value, where)
    for url in values:
        if not re.match(r"https?://[^\s/]+", url):
            raise ConfigError(f"{where}: not an http(s) URL: {url!r}")
    return values


#: key in the campaign's ``[sources]`` table -> kind, in the order a crawl starts them
SOURCE_KINDS: dict[str, type[Source]] = {}

K = TypeVar("K", bound=type[Source])


def register(kind: K) -> K:
    """Make a kind known to campaign files under its ``key`` (a class decorator).

    Raises:
        ValueError: when another kind has the key already.
    """
    known = SOURCE_KINDS.setdefault(kind.key, kind)
    if known is not kind:
        raise ValueError(f"source kind {kind.key!r} is {known.__qualname__} already")
    return kind
