"""The demo news web: its outlets, articles and every page they serve. Pure, no I/O.

:func:`render` answers a request for ``(host, path)`` with ``(status, content type,
body)``, or ``None`` when the page does not exist. Every outlet serves:

* ``/``: the home page, every article newest first;
* ``/<section>/``: a section page;
* the article pages (the path style differs by outlet, see :func:`article_url`);
* ``/feed.xml`` (RSS 2.0) or, for one outlet, ``/atom.xml`` (Atom);
* ``/sitemap.xml`` (for one outlet a sitemap index pointing to ``/sitemap-articles.xml``);
* ``/robots.txt``, which announces the sitemap and disallows ``/riservato/``;
* ``/riservato/``: a reserved-area page that polite crawlers do not fetch.
"""

from __future__ import annotations

from collections.abc import Sequence
from email.utils import format_datetime
from xml.sax.saxutils import escape as xml_escape

from rassegna.demo.content import ARTICLES, OUTLETS, RELEASES, TERM, TERM_SPELLINGS
from rassegna.demo.model import CATEGORIES, DemoArticle, DemoOutlet, DemoRelease
from rassegna.demo.templates import TEMPLATES

__all__ = [
    "ARTICLES",
    "CATEGORIES",
    "CONTENT_TYPES",
    "OUTLETS",
    "RELEASES",
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

_RESERVED_TITLE = "Area riservata"
_RESERVED_TEXT = (
    "Questa sezione è riservata agli abbonati e ai collaboratori della redazione.",
    "Per accedere inserisci le credenziali che ti sono state inviate via email. Se le hai "
    "smarrite scrivi all'ufficio abbonamenti.",
)


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
    first; the other pages never link to a campaign article, so that the trap is the
    only page that mentions the campaign in its related links and nowhere else.
    """
    others = [a for a in articles_of(article.outlet) if a != article]
    plain = [a for a in others if not a.about_campaign]
    if article.is_trap or article.about_campaign:
        return ([a for a in others if a.about_campaign] + plain)[:limit]
    return plain[:limit]


def latest_articles(article: DemoArticle, limit: int = 4) -> list[DemoArticle]:
    """What the sidebar ("Ultimi articoli", "Più letti") of an article page lists."""
    return [a for a in articles_of(article.outlet) if a != article and not a.about_campaign][:limit]


# ------------------------------------------------------------------------ feeds


def _x(text: str) -> str:
    return xml_escape(text, {'"': "&quot;"})


def _summary(article: DemoArticle) -> str:
    return article.subtitle or article.paragraphs[0]


def _rss(outlet: DemoOutlet) -> str:
    articles = articles_of(outlet)
    items = []
    for a in articles:
        creator = f"      <dc:creator>{_x(a.author)}</dc:creator>\n" if a.author else ""
        items.append(
            "    <item>\n"
            f"      <title>{_x(a.title)}</title>\n"
            f"      <link>{_x(a.url)}</link>\n"
            f'      <guid isPermaLink="true">{_x(a.url)}</guid>\n'
            f"      <pubDate>{format_datetime(a.published)}</pubDate>\n"
            f"{creator}"
            f"      <category>{_x(outlet.section_label(a.section))}</category>\n"
            f"      <description>{_x(_summary(a))}</description>\n"
            "    </item>\n"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        "  <channel>\n"
        f"    <title>{_x(outlet.testata)}</title>\n"
        f"    <link>{_x(outlet.home_url)}</link>\n"
        f"    <description>{_x(outlet.note or outlet.testata)}</description>\n"
        "    <language>it-IT</language>\n"
        f"    <lastBuildDate>{format_datetime(articles[0].published)}</lastBuildDate>\n"
        f'    <atom:link href="{_x(outlet.feed_url)}" rel="self" type="application/rss+xml"/>\n'
        f"{''.join(items)}"
        "  </channel>\n"
        "</rss>\n"
    )


def _atom(outlet: DemoOutlet) -> str:
    articles = articles_of(outlet)
    entries = []
    for a in articles:
        author = f"    <author><name>{_x(a.author)}</name></author>\n" if a.author else ""
        stamp = a.published.isoformat(timespec="seconds")
        updated = (a.modified or a.published).isoformat(timespec="seconds")
        entries.append(
            "  <entry>\n"
            f"    <title>{_x(a.title)}</title>\n"
            f'    <link rel="alternate" type="text/html" href="{_x(a.url)}"/>\n'
            f"    <id>{_x(a.url)}</id>\n"
            f"    <published>{stamp}</published>\n"
            f"    <updated>{updated}</updated>\n"
            f"{author}"
            f'    <category term="{_x(outlet.section_label(a.section))}"/>\n'
            f"    <summary>{_x(_summary(a))}</summary>\n"
            "  </entry>\n"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="it">\n'
        f"  <title>{_x(outlet.testata)}</title>\n"
        f"  <subtitle>{_x(outlet.note)}</subtitle>\n"
        f'  <link rel="self" type="application/atom+xml" href="{_x(outlet.feed_url)}"/>\n'
        f'  <link rel="alternate" type="text/html" href="{_x(outlet.home_url)}"/>\n'
        f"  <id>{_x(outlet.home_url)}</id>\n"
        f"  <updated>{articles[0].published.isoformat(timespec='seconds')}</updated>\n"
        f"  <author><name>{_x(outlet.testata)}</name></author>\n"
        f"{''.join(entries)}"
        "</feed>\n"
    )


def feed_xml(outlet: DemoOutlet) -> str:
    """The outlet's feed: RSS 2.0, or Atom for the outlet whose ``feed_kind`` is atom."""
    return _atom(outlet) if outlet.feed_kind == "atom" else _rss(outlet)


# --------------------------------------------------------------------- sitemaps


def _urlset(outlet: DemoOutlet) -> str:
    news = outlet.template == "portal"  # one outlet uses the Google News extension
    urls = []
    for a in articles_of(outlet):
        lastmod = (a.modified or a.published).isoformat(timespec="seconds")
        extra = ""
        if news:
            extra = (
                "    <news:news>\n"
                "      <news:publication>\n"
                f"        <news:name>{_x(outlet.testata)}</news:name>\n"
                "        <news:language>it</news:language>\n"
                "      </news:publication>\n"
                "      <news:publication_date>"
                f"{a.published.isoformat(timespec='seconds')}</news:publication_date>\n"
                f"      <news:title>{_x(a.title)}</news:title>\n"
                "    </news:news>\n"
            )
        urls.append(
            "  <url>\n"
            f"    <loc>{_x(a.url)}</loc>\n"
            f"    <lastmod>{lastmod}</lastmod>\n"
            f"{extra}"
            "  </url>\n"
        )
    namespaces = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    if news:
        namespaces += ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {namespaces}>\n{"".join(urls)}</urlset>\n'
    )


def _sitemap_index(outlet: DemoOutlet) -> str:
    newest = articles_of(outlet)[0].published.isoformat(timespec="seconds")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        "  <sitemap>\n"
        f"    <loc>{_x(outlet.base_url)}/sitemap-articles.xml</loc>\n"
        f"    <lastmod>{newest}</lastmod>\n"
        "  </sitemap>\n"
        "</sitemapindex>\n"
    )


def sitemap_xml(outlet: DemoOutlet, path: str = "/sitemap.xml") -> str | None:
    """The sitemap served at ``path``, or ``None`` if the outlet has none there."""
    if path == "/sitemap.xml":
        return _sitemap_index(outlet) if outlet.sitemap_index else _urlset(outlet)
    if path == "/sitemap-articles.xml" and outlet.sitemap_index:
        return _urlset(outlet)
    return None


def robots_txt(outlet: DemoOutlet) -> str:
    return f"User-agent: *\nDisallow: /riservato/\nAllow: /\n\nSitemap: {outlet.sitemap_url}\n"


# ----------------------------------------------------------------------- render


def _html(text: str) -> tuple[int, str, bytes]:
    return 200, HTML, text.encode("utf-8")


def _listing(outlet: DemoOutlet, heading: str | None, articles: Sequence[DemoArticle]) -> str:
    return TEMPLATES[outlet.template].listing(outlet, heading, articles)


def render(host: str, path: str) -> tuple[int, str, bytes] | None:
    """Answer a GET for ``path`` on ``host``: ``(status, content type, body)``.

    ``None`` means 404: the host is not a demo outlet or the path is not one of its
    pages. A query string or fragment on ``path`` is ignored.
    """
    outlet = outlet_for(host)
    if outlet is None:
        return None
    path = path.split("#", 1)[0].split("?", 1)[0] or "/"
    template = TEMPLATES[outlet.template]
    if path == "/":
        return _html(_listing(outlet, None, articles_of(outlet)))
    if path == outlet.feed_path:
        return 200, ATOM if outlet.feed_kind == "atom" else RSS, feed_xml(outlet).encode("utf-8")
    if path == "/robots.txt":
        return 200, TEXT, robots_txt(outlet).encode("utf-8")
    sitemap = sitemap_xml(outlet, path)
    if sitemap is not None:
        return 200, XML, sitemap.encode("utf-8")
    if path == "/riservato/":
        return _html(template.plain(outlet, _RESERVED_TITLE, _RESERVED_TEXT))
    article = _ARTICLE_BY_PATH.get((outlet.host, path))
    if article is not None:
        page = template.article(
            outlet, article, related_articles(article), latest_articles(article)
        )
        return _html(page)
    for key, label in outlet.sections:
        if path == f"/{key}/":
            section = [a for a in articles_of(outlet) if a.section == key]
            return _html(_listing(outlet, label, section))
    return None
