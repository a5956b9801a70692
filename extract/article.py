"""An article out of a fetched page: trafilatura, with our rules for Italian outlets."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import lxml.html
import trafilatura

from crawler.urls import canonical_url, domain_of
from extract.authors import clean_author
from rassegna.errors import ExtractionError

__all__ = ["Article", "article_from_html"]

# class-name parts Italian and international templates give the line under the title;
# the occhiello/kicker above the title is left out: it is most often a section label
_SUBTITLE_CLASSES = frozenset(
    {"subtitle", "sottotitolo", "sommario", "catenaccio", "standfirst", "summary", "dek",
     "deck", "strapline"}
)
# "lead" is a subtitle on some templates and the first paragraph of the text on others
_LEAD_CLASSES = frozenset({"lead", "intro"})
_OUTSIDE_ARTICLE = frozenset({"aside", "nav", "footer", "form"})


@dataclass(frozen=True)
class Article:
    """One uscita as published: the fields a review lists and clips."""

    url: str
    title: str
    text: str
    outlet: str
    domain: str
    subtitle: str = ""
    author: str = ""
    published: dt.date | None = None


def _decode(html: bytes | str, encoding: str | None) -> str:
    if isinstance(html, str):
        return html
    if encoding:
        try:
            return html.decode(encoding, errors="replace")
        except LookupError:
            pass
    return html.decode("utf-8", errors="replace")


def article_from_html(html: bytes | str, url: str, encoding: str | None = None) -> Article:
    """Extract the article of a page.

    Args:
        html: the page as fetched (bytes are decoded with ``encoding``).
        url: the URL it was fetched from.
        encoding: the encoding the server or the page declared.

    Raises:
        ExtractionError: with the reason when the page holds no article text.
    """
    text_html = _decode(html, encoding)
    doc = trafilatura.bare_extraction(
        text_html,
        url=url,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
    )
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        raise ExtractionError("no article text found on the page")
    title = " ".join((doc.title or "").split())
    if not title:
        raise ExtractionError("no title found on the page")
    text = (doc.text or "").strip()
    subtitle = _subtitle(text_html, title, text)
    if subtitle and text.startswith(subtitle):
        text = text[len(subtitle):].lstrip()
    domain = domain_of(url)
    article_url = canonical_url(url)
    if doc.url and domain_of(doc.url) == domain:
        # a canonical link to another outlet marks a republished copy: it stays its own uscita
        article_url = canonical_url(doc.url)
    return Article(
        url=article_url,
        title=title,
        text=text,
        outlet=(doc.sitename or "").strip() or domain,
        domain=domain,
        subtitle=subtitle,
        author=clean_author(doc.author),
        published=_date(doc.date),
    )


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _subtitle(html: str, title: str, text: str) -> str:
    """The summary line a page shows under its title, if it has one of its own."""
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    body = " ".join(text.split())
    for element in tree.xpath("//body//*[@class]"):
        parts = set(re.split(r"[\s_-]+", element.get("class", "").lower()))
        strong = bool(parts & _SUBTITLE_CLASSES)
        if not strong and not parts & _LEAD_CLASSES:
            continue
        if any(
            a.tag in _OUTSIDE_ARTICLE or (a.tag == "header" and not a.xpath(".//h1"))
            for a in element.iterancestors()
        ):
            continue  # boxes and the page header; an article's own header holds its h1
        candidate = " ".join(element.text_content().split())
        if not candidate or candidate == title or len(candidate) >= 400:
            continue
        if strong or candidate not in body:  # a lead inside the text is its first paragraph
            return candidate
    return ""
