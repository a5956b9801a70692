"""Render every page of the demo web from the Jinja2 templates under ``templates/``.

Each outlet's ``template`` names a folder of ``templates/`` holding its layout: an
``article.html.j2``, a ``listing.html.j2`` (home page and section pages) and a
``plain.html.j2`` (the reserved area), each extending ``base.html.j2``, plus the
chrome they include (header, footer). ``templates/feeds/`` holds what every outlet
serves alike: the RSS or Atom feed, the sitemap or sitemap index, robots.txt.

The layouts expose their metadata the way real Italian outlets do, each in its own
way: OpenGraph tags, ``article:published_time``, ``<time datetime>``, JSON-LD
``NewsArticle``, schema.org microdata, Dublin Core tags, ``<meta name="author">`` or
a byline element.

This module holds the environment and the filters the templates use: the Italian
date forms the outlets print (also used by ``bench/bench_extract.py`` to write clippings),
the summary and description of an article, and JSON-LD. HTML values are escaped
with :func:`html.escape` and XML values with :func:`xml.sax.saxutils.escape`, as the
pages always were, so that the served bytes stay put.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from rassegna.demo.model import DemoArticle, DemoOutlet

__all__ = [
    "LAYOUTS",
    "TEMPLATE_DIR",
    "date_capitalized",
    "date_dots",
    "date_short",
    "date_slash",
    "date_upper",
    "date_weekday",
    "render_article",
    "render_engine",
    "render_feed",
    "render_listing",
    "render_plain",
    "render_robots",
    "render_sitemap",
    "render_sitemap_index",
]

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
#: the page layouts, one folder of ``templates/`` each
LAYOUTS: tuple[str, ...] = tuple(
    sorted(p.name for p in TEMPLATE_DIR.iterdir() if (p / "article.html.j2").is_file())
)
_FEEDS = "feeds"

MONTHS = (
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
)
WEEKDAYS = ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica")


def month(dt: datetime) -> str:
    """``ottobre``"""
    return MONTHS[dt.month - 1]


def date_capitalized(dt: datetime) -> str:
    """``27 Ottobre 2023``"""
    return f"{dt.day} {month(dt).capitalize()} {dt.year}"


def date_dots(dt: datetime) -> str:
    """``16.11.2023 - 15:08``"""
    return f"{dt:%d.%m.%Y - %H:%M}"


def date_upper(dt: datetime) -> str:
    """``21 NOVEMBRE 2023 - 13:02``"""
    return f"{dt.day} {month(dt).upper()} {dt.year} - {dt:%H:%M}"


def date_weekday(dt: datetime) -> str:
    """``martedì 21 novembre 2023``"""
    return f"{WEEKDAYS[dt.weekday()]} {dt.day} {month(dt)} {dt.year}"


def date_slash(dt: datetime) -> str:
    """``21/11/2023 ore 13:02``"""
    return f"{dt:%d/%m/%Y} ore {dt:%H:%M}"


def date_short(dt: datetime) -> str:
    """``18 ott 2023, 16:40``"""
    return f"{dt.day} {month(dt)[:3]} {dt.year}, {dt:%H:%M}"


def date_long(dt: datetime) -> str:
    """``21 novembre 2023``"""
    return f"{dt.day} {month(dt)} {dt.year}"


def iso(dt: datetime) -> str:
    """``2023-11-21T13:02:00+01:00``"""
    return dt.isoformat(timespec="seconds")


def summary(article: DemoArticle, limit: int = 180) -> str:
    """The subtitle, or the start of the first paragraph cut at a word boundary."""
    if article.subtitle:
        return article.subtitle
    text = article.paragraphs[0]
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def description(article: DemoArticle) -> str:
    """What ``<meta name="description">`` says: a shorter summary."""
    return summary(article, 150)


def json_ld(data: dict[str, Any]) -> Markup:
    """A JSON-LD ``<script>`` block; ``</`` is escaped so the text cannot close it."""
    text = json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/")
    return Markup(f'<script type="application/ld+json">\n{text}\n</script>')


def _escape(value: object) -> Markup:
    # Every {{ value }} goes through here before autoescape: html.escape (not
    # markupsafe's escape, which writes &#39; for ') keeps the pages' bytes as they were.
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=True))


def _xml(value: object) -> str:
    return xml_escape(str(value), {'"': "&quot;"})


def _environment(**escaping: Any) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        **escaping,
    )
    env.filters.update(_FILTERS)
    return env


_FILTERS = dict(
    date_capitalized=date_capitalized,
    date_dots=date_dots,
    date_upper=date_upper,
    date_weekday=date_weekday,
    date_slash=date_slash,
    date_short=date_short,
    date_long=date_long,
    iso=iso,
    summary=summary,
    description=description,
    json_ld=json_ld,
    slug=lambda name: name.lower().replace(" ", "-"),
    rfc2822=format_datetime,
)
_HTML = _environment(autoescape=True, finalize=_escape)
_XML = _environment(autoescape=False, finalize=_xml)


def _render(outlet: DemoOutlet, page: str, **context: object) -> str:
    return _HTML.get_template(f"{outlet.template}/{page}.html.j2").render(outlet=outlet, **context)


def render_article(
    outlet: DemoOutlet,
    article: DemoArticle,
    related: Sequence[DemoArticle],
    latest: Sequence[DemoArticle],
) -> str:
    """An article page: ``related`` fill the "Leggi anche" box, ``latest`` the sidebar."""
    return _render(outlet, "article", article=article, related=related, latest=latest)


def render_listing(outlet: DemoOutlet, heading: str | None, articles: Sequence[DemoArticle]) -> str:
    """The home page (``heading`` ``None``) or a section page, listing ``articles``."""
    return _render(outlet, "listing", heading=heading, articles=articles)


def render_plain(outlet: DemoOutlet, title: str, paragraphs: Sequence[str]) -> str:
    """A page of plain paragraphs under a title (the reserved area)."""
    return _render(outlet, "plain", title=title, paragraphs=paragraphs, latest=())


def _feed_file(outlet: DemoOutlet, name: str, articles: Sequence[DemoArticle]) -> str:
    return _XML.get_template(f"{_FEEDS}/{name}").render(outlet=outlet, articles=articles)


def render_feed(outlet: DemoOutlet, articles: Sequence[DemoArticle]) -> str:
    """The outlet's feed of ``articles`` (newest first): Atom if its ``feed_kind`` says so."""
    return _feed_file(
        outlet, "atom.xml.j2" if outlet.feed_kind == "atom" else "rss.xml.j2", articles
    )


def render_sitemap(outlet: DemoOutlet, articles: Sequence[DemoArticle]) -> str:
    """A sitemap listing ``articles``, with the News extension for a ``news_sitemap`` outlet."""
    return _feed_file(outlet, "sitemap.xml.j2", articles)


def render_sitemap_index(outlet: DemoOutlet, articles: Sequence[DemoArticle]) -> str:
    """A sitemap index pointing to ``/sitemap-articles.xml``, dated by the newest article."""
    return _feed_file(outlet, "sitemap-index.xml.j2", articles)


def render_engine(name: str, **context: object) -> str:
    """A news search engine's answer (``templates/engines/<name>``) over ``context``;
    XML answers are escaped as XML, the HTML page as HTML."""
    env = _HTML if name.endswith(".html.j2") else _XML
    return env.get_template(f"engines/{name}").render(**context)


def render_robots(outlet: DemoOutlet) -> str:
    """robots.txt: the sitemap, and ``/riservato/`` disallowed."""
    return _feed_file(outlet, "robots.txt.j2", ())
