"""What discovery (news search engines, alerts) leaves for the campaign's later crawls.

A site where discovery found a page the campaign keeps becomes a source of the
campaign, stored (``discovered_sources``): later crawls watch its home page, its feeds
and its sitemaps directly, as a ``sites`` source of the campaign file. ``rassegna
sources list`` shows the campaign's sources, declared and discovered, with what each
brought.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from crawler.aggregators import aggregator_of
from crawler.sources.news_search import ENGINES, NewsSearch
from crawler.urls import domain_of
from rassegna.campaign import Campaign
from rassegna.store import DiscoveredSource, Store, now

__all__ = ["DISCOVERY", "SearchLine", "SourceLine", "search_lines", "source_lines",
           "watch_discovered"]

#: how the pages found by discovery say they were found: an engine's id, or an alert
DISCOVERY = (*(f"{engine} " for engine in ENGINES), "alert ")


def _declared_domains(campaign: Campaign) -> set[str]:
    return {domain_of(url) for source in campaign.sources
            if isinstance(url := getattr(source, "url", None), str)}


def watch_discovered(store: Store, campaign: Campaign) -> int:
    """Make every site discovery found a kept page on a source of the campaign; returns
    how many sites are new (a site the campaign file names, or a portal, is not added)."""
    declared = _declared_domains(campaign)
    sites: dict[str, DiscoveredSource] = {}
    for url, found_via in store.kept_pages_found(campaign.slug, DISCOVERY):
        parts = urlsplit(url)
        if not parts.hostname or domain_of(url) in declared or aggregator_of(domain_of(url)):
            continue  # a portal's home page is no outlet to watch
        home = f"{parts.scheme}://{parts.netloc}/"
        sites.setdefault(home, DiscoveredSource(home, found_via, now()))
    return store.add_discovered_sources(campaign.slug, sites.values())


@dataclass(frozen=True)
class SourceLine:
    """One line of ``rassegna sources list``."""

    kind: str  # the campaign key of its kind ("sites", "news_search"...)
    source: str  # its URL, file or engine
    origin: str  # "campagna", or how discovery found it
    pages: int  # the campaign's pages it brought that were kept


def source_lines(store: Store, campaign: Campaign) -> list[SourceLine]:
    """The campaign's sources, declared then discovered, with the kept pages of each."""
    counts = store.found_via_counts(campaign.slug)

    def brought(match: str, prefix: bool = False) -> int:
        return sum(n for via, n in counts.items()
                   if (via.startswith(match) if prefix else match in via))

    lines = []
    for source in campaign.sources:
        if isinstance(source, NewsSearch):
            lines.append(SourceLine(source.key, source.engine, "campagna",
                                    brought(f"{source.engine} ", prefix=True)))
            continue
        name = str(getattr(source, "url", None) or getattr(source, "path", "") or source)
        lines.append(SourceLine(source.key, name, "campagna", brought(name)))
    for found in store.discovered_sources(campaign.slug):
        lines.append(SourceLine("sites", found.url, f"scoperta: {found.found_via}",
                                brought(found.url)))
    return lines


@dataclass(frozen=True)
class SearchLine:
    """What one engine query (or alert feed) brought: results, kept, and why others left."""

    via: str
    results: int
    kept: int
    left: Counter[str] = field(default_factory=Counter)


def _why(reason: str) -> str:
    """A rejection's reason, in the few kinds the report counts."""
    if re.search(r"outside the (?:campaign )?period", reason):
        return "outside the period"
    if reason.startswith("no campaign term"):
        return "no term on the page"
    if reason.startswith("campaign term only outside"):
        return "term only outside the article text"
    if "robots.txt" in reason:
        return "robots.txt"
    if reason.startswith(("HTTP ", "not an HTML")):
        return reason
    if ": '" in reason or reason.startswith("a Google News") or reason.startswith("a Bing"):
        return "not resolved"
    return reason.split(":", 1)[0]


def search_lines(store: Store, campaign: Campaign) -> list[SearchLine]:
    """For each engine query and alert feed of the campaign: how many results came back
    (every page it returned, whichever source reached the page first), how many of those
    the crawl kept, and why it left the others."""
    results: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    left: dict[str, Counter[str]] = {}
    for result in store.search_results(campaign.slug, DISCOVERY):
        results[result.via] += 1
        if result.outcome in ("pending", "uscita"):
            kept[result.via] += 1
        else:
            why = _why(result.reason) if result.outcome else "not fetched"
            left.setdefault(result.via, Counter())[why] += 1
    return [SearchLine(via, results[via], kept[via], left.get(via, Counter()))
            for via in sorted(results)]
