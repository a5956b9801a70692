"""The records of the demo news web: outlets, press releases and articles.

Frozen dataclasses that :mod:`rassegna.demo.content` fills from the data files, and
the six category names of the outlet registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = [
    "AGENZIE",
    "CATEGORIES",
    "PERIODICI",
    "PORTALI",
    "QUOTIDIANI",
    "RADIO_TV",
    "SPECIALIZZATI",
    "DemoArticle",
    "DemoOutlet",
    "DemoRelease",
]

AGENZIE = "Agenzie"
QUOTIDIANI = "Quotidiani e quotidiani online"
PERIODICI = "Periodici e periodici online"
SPECIALIZZATI = "Specializzati"
RADIO_TV = "Radio, TV e canali online"
PORTALI = "Portali ed E-zine"

CATEGORIES: tuple[str, ...] = (AGENZIE, QUOTIDIANI, PERIODICI, SPECIALIZZATI, RADIO_TV, PORTALI)


@dataclass(frozen=True)
class DemoOutlet:
    """A fictitious news outlet, served on its own host name under ``.test``.

    ``host`` is the name the pages are served on; ``aliases`` are further host names
    that serve the same pages (an outlet that owns more than one domain). ``audience`` is
    ``None`` when the outlet has no certified figure, and then ``audience_source`` and
    ``survey`` are empty. ``template`` names the page layout (a folder of
    ``rassegna/demo/templates/``). ``listed`` is false for the outlets the demo
    campaign file does not name, which only the news search engines lead to, and
    ``registered`` false for those the office's registry (``outlets.csv``) does not
    know either: their category is what they are, for the tests, not what the
    registry says.
    """

    host: str
    testata: str
    category: str
    audience: int | None
    audience_source: str
    survey: str
    template: str
    sections: tuple[tuple[str, str], ...]
    feed_kind: str = "rss"  # "rss" (served at /feed.xml) or "atom" (served at /atom.xml)
    sitemap_index: bool = False  # /sitemap.xml is an index pointing to /sitemap-articles.xml
    news_sitemap: bool = False  # the sitemap carries the Google News extension
    aliases: tuple[str, ...] = ()
    note: str = ""
    # the path of an article page: a format string over section, slug and published
    article_path: str = "/{section}/{slug}/"
    listed: bool = True
    registered: bool = True

    @property
    def base_url(self) -> str:
        return f"http://{self.host}"

    @property
    def home_url(self) -> str:
        return f"{self.base_url}/"

    @property
    def feed_path(self) -> str:
        return "/atom.xml" if self.feed_kind == "atom" else "/feed.xml"

    @property
    def feed_url(self) -> str:
        return self.base_url + self.feed_path

    @property
    def sitemap_url(self) -> str:
        return f"{self.base_url}/sitemap.xml"

    @property
    def robots_url(self) -> str:
        return f"{self.base_url}/robots.txt"

    @property
    def hosts(self) -> tuple[str, ...]:
        """Every host name this outlet answers on."""
        return (self.host, *self.aliases)

    @property
    def domains(self) -> tuple[str, ...]:
        """The outlet's domains as the registry lists them (no ``www.``)."""
        return tuple(h.removeprefix("www.") for h in self.hosts)

    def section_label(self, slug: str) -> str:
        for key, label in self.sections:
            if key == slug:
                return label
        raise KeyError(slug)


@dataclass(frozen=True)
class DemoRelease:
    """A press release of the campaign; outlets republish it, often with small edits."""

    key: str  # "latina", "perugia", "trieste"
    city: str
    title: str
    published: datetime
    paragraphs: tuple[str, ...]
    speaker: str  # who is quoted, e.g. "Marina Castellucci"


@dataclass(frozen=True)
class DemoArticle:
    """One article page of an outlet.

    ``about_campaign`` is true for the copies of a release (``release`` set, and
    ``copy_kind`` tells how the outlet edited it) and for original articles about the
    campaign. ``is_trap`` marks the one page that mentions the campaign only in its
    related-links box, not in its text. ``term_spelling`` is how the article writes the
    campaign term, ``None`` when it does not mention it.
    """

    outlet: str  # host of the outlet
    path: str
    section: str
    title: str
    published: datetime
    paragraphs: tuple[str, ...]
    subtitle: str | None = None
    author: str | None = None
    about_campaign: bool = False
    release: str | None = None
    copy_kind: str | None = None  # verbatim, new_title, drop_last, reworded_first, lead_only
    term_spelling: str | None = None
    is_trap: bool = False
    modified: datetime | None = None

    @property
    def url(self) -> str:
        return f"http://{self.outlet}{self.path}"

    @property
    def text(self) -> str:
        """The body text, paragraphs separated by a newline."""
        return "\n".join(self.paragraphs)

    @property
    def date(self) -> str:
        """Publication date as ``YYYY-MM-DD``."""
        return self.published.strftime("%Y-%m-%d")
