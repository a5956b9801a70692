"""An article out of a fetched page: trafilatura, with our rules for Italian outlets."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import lxml.html
import trafilatura
from w3lib.encoding import html_to_unicode

from common.errors import ExtractionError
from crawler.urls import canonical_url, domain_of
from extract.authors import author_of, byline_in
from extract.dates import find_dates, page_dates
from extract.heading import lines_near_heading
from extract.layout import header_lines
from extract.outlet import html_tree, outlet_of

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
    #: the last update the page states, when it differs from the first publication
    updated: dt.date | None = None
    #: for an aggregator's copy (Virgilio, Zazoom, MSN…): the outlet that published it first
    original_outlet: str = ""
    original_domain: str = ""


def _decode(html: bytes | str, encoding: str | None) -> str:
    """Bytes to text: the declared encoding, else the page's BOM or ``<meta charset>``.

    w3lib's rules (the ones Scrapy uses): an unknown declared encoding falls back to the
    page's own declaration, then to detection.
    """
    if isinstance(html, str):
        return html
    header = f"text/html; charset={encoding}" if encoding else None
    return html_to_unicode(header, html)[1]


def article_from_html(
    html: bytes | str,
    url: str,
    encoding: str | None = None,
    fetched_at: dt.datetime | None = None,
) -> Article:
    """Extract the article of a page.

    Args:
        html: the page as fetched (bytes are decoded with ``encoding``).
        url: the URL it was fetched from.
        encoding: the encoding the server or the page declared.
        fetched_at: when the page was fetched: relative dates ("2 g", "3 h") and dates
            without a year are read against it, and no date may fall after it.

    Raises:
        ExtractionError: with the reason when the page holds no article text.
        ValueError: when ``url`` is not a URL (urllib's error; fetched URLs always are).
    """
    text_html = _decode(html, encoding)
    doc = trafilatura.bare_extraction(
        text_html,
        url=url,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        # dates are ours (extract.dates.page_dates): trafilatura searches only the cheap part
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        raise ExtractionError("no article text found on the page")
    title = " ".join((doc.title or "").split())
    if not title:
        raise ExtractionError("no title found on the page")
    text = _without_boilerplate((doc.text or "").strip())
    if not text:
        raise ExtractionError("only boilerplate (share buttons, comments, banners) on the page")
    tree = html_tree(text_html)
    subtitle = _subtitle(tree, title, text) if tree is not None else ""
    if subtitle and text.startswith(subtitle):
        text = text[len(subtitle):].lstrip()
    domain = domain_of(url)
    article_url = canonical_url(url)
    if doc.url and domain_of(doc.url) == domain:
        # a canonical link to another outlet marks a republished copy: it stays its own uscita
        article_url = canonical_url(doc.url)
    after, before = header_lines(tree, title) if tree is not None else ([], [])
    text = _without_header(text, title, after + before)
    if not text:
        raise ExtractionError("no article text under the title, byline and dateline")
    under, above = lines_near_heading(tree, title, after, before)
    dates = page_dates(tree, text_html, url, under + above, fetched_at, doc.date, after=len(under))
    author = author_of(doc.author, under, above)
    outlet = outlet_of(tree if tree is not None else text_html, url, title, doc.sitename or "")
    title = _without_outlet(title, outlet.name, tree)
    published = dates.published.date() if dates.published else None
    updated = dates.updated.date() if dates.updated else None
    return Article(
        url=article_url,
        title=title,
        text=text,
        outlet=outlet.name,
        domain=domain,
        subtitle=subtitle,
        author=author,
        published=published,
        updated=updated if updated != published else None,
        original_outlet=outlet.original_name,
        original_domain=outlet.original_domain,
    )


# paragraphs trafilatura may keep that are the page's furniture, not the article
_BOILERPLATE = re.compile(
    r"^(?:non ci sono commenti|nessun commento|lascia un commento|vuoi commentare|"
    r"condividi(?: su| questo| l['’]articolo)?\b|share\b|"
    r"questo sito (?:web )?utilizza (?:i )?cookie|utilizziamo (?:i )?cookie|"
    r"accetta (?:tutti )?i cookie|leggi anche\b|potrebbe interessarti|"
    r"iscriviti alla (?:nostra )?newsletter|riproduzione riservata|© riproduzione)",
    re.IGNORECASE,
)


def _without_boilerplate(text: str) -> str:
    lines = [line for line in text.split("\n") if not _BOILERPLATE.match(line.strip())]
    return "\n".join(lines).strip()


_TITLE_PARTS = re.compile(r"\s+[-–—|:•·»]\s+")


def _without_outlet(title: str, outlet: str, tree: lxml.html.HtmlElement | None) -> str:
    """The headline without the outlet's name: "Genova24 | Genova fra i Comuni…" → "Genova…".

    When all that was found is the outlet's name, the headline is the longest other part
    of the ``<title>``.
    """
    name = outlet.casefold()
    sep = _TITLE_PARTS.pattern
    for pattern in (rf"^{re.escape(outlet)}{sep}", rf"{sep}{re.escape(outlet)}$"):
        stripped = re.sub(pattern, "", title, flags=re.IGNORECASE)
        if stripped != title and stripped.strip():
            return stripped.strip()
    if title.casefold() == name and tree is not None:
        titles = tree.xpath("//head/title/text()")
        others = [p.strip() for p in _TITLE_PARTS.split(" ".join(map(str, titles)))
                  if p.strip() and p.strip().casefold() != name]
        if others:
            return max(others, key=len)
    return title


def _without_header(text: str, title: str, header: list[str]) -> str:
    """The text without the title, byline and dateline lines trafilatura may keep.

    On short articles trafilatura's fallbacks take the whole ``<article>``, header
    included; those lines are fields of their own, not text.
    """
    drop = {" ".join(title.split())}
    drop.update(
        line for line in header
        if len(line) <= 120 and (byline_in([line], bare_names=False) or
                                 _BYLINE_WORD.match(line) or find_dates([line]).published)
    )
    lines = [line for line in text.split("\n") if " ".join(line.split()) not in drop]
    return "\n".join(lines).strip()


_BYLINE_WORD = re.compile(r"^(?:by|di|da|autore|author)\b", re.IGNORECASE)


def _subtitle(tree: lxml.html.HtmlElement, title: str, text: str) -> str:
    """The summary line a page shows under its title, if it has one of its own."""
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
