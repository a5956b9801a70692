"""The records the crawler yields: a fetched page, a URL it gave up on, a source that
answered, a URL a search engine returned."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """A page fetched for a campaign, with its body as received (bytes)."""

    url: str
    canonical_url: str
    status: int
    fetched_at: str
    body: bytes
    content_type: str = ""
    encoding: str = ""
    etag: str = ""
    last_modified: str = ""
    found_via: str = ""
    relevant: bool = True
    reason: str = ""


@dataclass(frozen=True)
class Rejection:
    """A URL found for a campaign that is not an uscita, and why (kept for the report)."""

    url: str
    reason: str
    found_via: str = ""


@dataclass(frozen=True)
class Unchanged:
    """A page the server says has not changed since the last crawl (HTTP 304)."""

    url: str
    fetched_at: str


@dataclass(frozen=True)
class Reached:
    """A feed, sitemap or listing that answered: an earlier failure of it no longer stands."""

    url: str


@dataclass(frozen=True)
class Found:
    """An article URL that a search engine's query (or an alert) returned, kept so the
    report counts every result of a query, whichever way reached the page first."""

    url: str
    via: str
