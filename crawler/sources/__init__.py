"""The source kinds a campaign can name, one module each, and their registry.

Each kind (:mod:`crawler.sources.base` says what one is) is a frozen dataclass that
reads its key of the campaign's ``[sources]`` table, gives the crawl its first
requests and parses what they fetch: :class:`~crawler.sources.feeds.Feed`,
:class:`~crawler.sources.sitemaps.Sitemap`, :class:`~crawler.sources.sites.Site`,
:class:`~crawler.sources.start_urls.Listing`, :class:`~crawler.sources.search.Search`,
:class:`~crawler.sources.url_lists.UrlList`,
:class:`~crawler.sources.news_search.NewsSearch` (its engines in
:mod:`crawler.sources.engines`), :class:`~crawler.sources.alerts.Alerts`.
"""

from __future__ import annotations

from crawler.sources.base import SOURCE_KINDS, Crawl, Parse, Source, UrlSource, register

# One module per kind, named after its key; each registers its kind (@register), and
# the order here is the order a crawl starts the kinds in. Adding a kind is one module
# and one line here. (listings.py is no kind: it parses the listings of three.)
from crawler.sources import feeds as feeds  # isort: skip
from crawler.sources import sitemaps as sitemaps  # isort: skip
from crawler.sources import sites as sites  # isort: skip
from crawler.sources import start_urls as start_urls  # isort: skip
from crawler.sources import search as search  # isort: skip
from crawler.sources import url_lists as url_lists  # isort: skip
from crawler.sources import news_search as news_search  # isort: skip
from crawler.sources import alerts as alerts  # isort: skip

__all__ = ["SOURCE_KINDS", "Crawl", "Parse", "Source", "UrlSource", "register"]
