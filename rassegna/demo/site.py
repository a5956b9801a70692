"""The demo news web: which page answers which URL, and what each page lists.

The outlets and articles come from :mod:`rassegna.demo.content` (the data files),
the pages are rendered by :mod:`rassegna.demo.pages` (the templates); this module
routes a request and picks what a page shows (newest first, the related links, the
sidebar). Tests and benchmarks that need the demo web import it from here, and
serve it with :class:`rassegna.demo.server.DemoWeb`.

:func:`render` answers a request for ``(host, path)`` with ``(status, content type,
body)``, or ``None`` when the page does not exist. Every outlet serves:

* ``/``: the home page, every article newest first;
* ``/<section>/``: a section page;
* the article pages (the path style differs by outlet: its ``article_path``);
* ``/feed.xml`` (RSS 2.0) or, for one outlet, ``/atom.xml`` (Atom);
* ``/sitemap.xml`` (for one outlet a sitemap index pointing to ``/sitemap-articles.xml``);
* ``/robots.txt``, which announces the sitemap and disallows ``/riservato/``;
* ``/riservato/``: a reserved-area page that polite crawlers do not fetch.
"""

from __future__ import annotations

from rassegna.demo import pages
from rassegna.demo.content import ARTICLES, OUTLETS, RELEASES, RESERVED, TERM, TERM_SPELLINGS
from rassegna.demo.model import CATEGORIES, DemoArticle, DemoOutlet, DemoRelease

__all__ = [
    "ARTICLES",
    "CATEGORIES",
    "CONTENT_TYPES",
    "OUTLETS",
    "RELEASES",
    "RESERVED",
    "TERM",
    "TERM_SPELLINGS",
    "DemoArticle",
    "DemoOutlet",
    "DemoRelease",
    "article_url",
    "articles_of",
    "campaign_articles",
    "feed_xml",
    "latest_articles",
    "outlet_for",
    "related_articles",
    "render",
    "robots_txt",
    "sitemap_xml",
]

HTML = "text/html; charset=utf-8"
RSS = "application/rss+xml"
ATOM = "application/atom+xml"
XML = "application/xml"
TEXT = "text/plain"
CONTENT_TYPES = {"html": HTML, "rss": RSS, "atom": ATOM, "xml": XML, "text": TEXT}

_OUTLET_BY_HOST: dict[str, DemoOutlet] = {h: o for o in OUTLETS for h in o.hosts}
_ARTICLES_BY_OUTLET: dict[str, tuple[DemoArticle, ...]] = {
    o.host: tuple(
        sorted(
            (a for a in ARTICLES if a.outlet == o.host),
            key=lambda a: a.published,
            reverse=True,
        )
    )
    for o in OUTLETS
}
_ARTICLE_BY_PATH: dict[tuple[str, str], DemoArticle] = {(a.outlet, a.path): a for a in ARTICLES}


def outlet_for(host: str) -> DemoOutlet | None:
    """The outlet served on ``host`` (a main host or an alias), ``None`` if unknown."""
    return _OUTLET_BY_HOST.get(host.lower().split(":", 1)[0].rstrip("."))


def articles_of(outlet: DemoOutlet | str) -> tuple[DemoArticle, ...]:
    """An outlet's articles, newest first."""
    host = outlet if isinstance(outlet, str) else outlet.host
    return _ARTICLES_BY_OUTLET[host]


def article_url(article: DemoArticle) -> str:
    """The absolute URL of an article, e.g. ``http://www.cronacapontina.test/2023/...``."""
    return article.url


def campaign_articles() -> tuple[DemoArticle, ...]:
    """The articles about the campaign (copies of the releases and originals)."""
    return tuple(a for a in ARTICLES if a.about_campaign)


def related_articles(article: DemoArticle, limit: int = 3) -> list[DemoArticle]:
    """What the "Leggi anche" box of an article page links to.

    Pages about the campaign and the trap page link to the outlet's campaign articles
    first; the other pages never link to a page that names the campaign, so that the
    trap is the only page that mentions the campaign in its related links and nowhere
    else.
    """
    others = [a for a in articles_of(article.outlet) if a != article]
    plain = [a for a in others if not a.about_campaign and not a.term_spelling]
    if article.is_trap or article.about_campaign:
        return ([a for a in others if a.about_campaign] + plain)[:limit]
    return plain[:limit]


def latest_articles(article: DemoArticle, limit: int = 4) -> list[DemoArticle]:
    """What the sidebar ("Ultimi articoli", "Più letti") of an article page lists."""
    return [a for a in articles_of(article.outlet)
            if a != article and not a.about_campaign and not a.term_spelling][:limit]


# ------------------------------------------------------------- feeds, sitemaps


def feed_xml(outlet: DemoOutlet) -> str:
    """The outlet's feed: RSS 2.0, or Atom for the outlet whose ``feed_kind`` is atom."""
    return pages.render_feed(outlet, articles_of(outlet))


def sitemap_xml(outlet: DemoOutlet, path: str = "/sitemap.xml") -> str | None:
    """The sitemap served at ``path``, or ``None`` if the outlet has none there."""
    if path == "/sitemap.xml":
        if outlet.sitemap_index:
            return pages.render_sitemap_index(outlet, articles_of(outlet))
        return pages.render_sitemap(outlet, articles_of(outlet))
    if path == "/sitemap-articles.xml" and outlet.sitemap_index:
        return pages.render_sitemap(outlet, articles_of(outlet))
    return None


def robots_txt(outlet: DemoOutlet) -> str:
    """robots.txt: announces the sitemap and disallows ``/riservato/``."""
    return pages.render_robots(outlet)


# ----------------------------------------------------------------------- render


def _html(text: str) -> tuple[int, str, bytes]:
    return 200, HTML, text.encode("utf-8")


def render(host: str, path: str) -> tuple[int, str, bytes] | None:
    """Answer a GET for ``path`` on ``host``: ``(status, content type, body)``.

    ``None`` means 404: the host is not a demo outlet or the path is not one of its
    pages. A query string or fragment on ``path`` is ignored.
    """
    outlet = outlet_for(host)
    if outlet is None:
        return None
    path = path.split("#", 1)[0].split("?", 1)[0] or "/"
    if path == "/":
        return _html(pages.render_listing(outlet, None, articles_of(outlet)))
    if path == outlet.feed_path:
        return 200, ATOM if outlet.feed_kind == "atom" else RSS, feed_xml(outlet).encode("utf-8")
    if path == "/robots.txt":
        return 200, TEXT, robots_txt(outlet).encode("utf-8")
    sitemap = sitemap_xml(outlet, path)
    if sitemap is not None:
        return 200, XML, sitemap.encode("utf-8")
    if path == "/riservato/":
        return _html(pages.render_plain(outlet, *RESERVED))
    article = _ARTICLE_BY_PATH.get((outlet.host, path))
    if article is not None:
        related, latest = related_articles(article), latest_articles(article)
        return _html(pages.render_article(outlet, article, related, latest))
    for key, label in outlet.sections:
        if path == f"/{key}/":
            section = [a for a in articles_of(outlet) if a.section == key]
            return _html(pages.render_listing(outlet, label, section))
    return None
