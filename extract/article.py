"""An article out of a fetched page: trafilatura, with our rules for Italian outlets."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import lxml.etree
import lxml.html
import trafilatura
from w3lib.encoding import html_to_unicode

from common.errors import ExtractionError
from crawler.urls import canonical_url, domain_of
from extract.authors import author_of, byline_in
from extract.dates import find_dates, page_dates
from extract.heading import lines_near_heading
from extract.layout import header_lines
from extract.outlet import outlet_of

__all__ = ["TRAFILATURA_OPTIONS", "Article", "article_from_html"]

# class-name parts Italian and international templates give the line under the title;
# the occhiello/kicker above the title is left out: it is most often a section label
_SUBTITLE_CLASSES = frozenset(
    {"subtitle", "sottotitolo", "sommario", "catenaccio", "standfirst", "summary", "dek",
     "deck", "strapline"}
)
# "lead" is a subtitle on some templates and the first paragraph of the text on others
_LEAD_CLASSES = frozenset({"lead", "intro"})
_OUTSIDE_ARTICLE = frozenset({"aside", "nav", "footer", "form"})

#: how :func:`article_from_html` calls ``trafilatura.bare_extraction`` (besides the page
#: and its URL); ``bench/bench_extract.py`` times bare
#: trafilatura with these same settings
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "with_metadata": True,
    "favor_precision": False,
    "include_comments": False,
    "include_tables": True,
    # -- the dates step's entry (extract.dates) --
    # dates are ours (extract.dates.page_dates): trafilatura searches only the cheap part
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}


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
    # parsed once, the way trafilatura parses (its parser, its repairs): bare_extraction
    # works on a copy of the tree, which the rules below read unchanged
    tree = trafilatura.load_html(text_html)
    doc = None if tree is None else trafilatura.bare_extraction(
        tree,
        url=url,
        **TRAFILATURA_OPTIONS,
    )
    if tree is None or doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        raise ExtractionError("no article text found on the page")
    title = _headline(tree, " ".join((doc.title or "").split()))
    if not title:
        raise ExtractionError("no title found on the page")
    text = _without_pointers(_without_boilerplate((doc.text or "").strip()), tree)
    if not text:
        raise ExtractionError("only boilerplate (share buttons, comments, banners) on the page")
    subtitle = _subtitle(tree, title, text)
    if subtitle and text.startswith(subtitle):
        text = text[len(subtitle):].lstrip()
    domain = domain_of(url)
    # a canonical link to another outlet marks a republished copy: it stays its own uscita
    article_url = canonical_url(doc.url if doc.url and domain_of(doc.url) == domain else url)
    after, before = header_lines(tree, title)
    text = _without_header(text, title, after + before)
    if not text:
        raise ExtractionError("no article text under the title, byline and dateline")
    under, above = lines_near_heading(tree, title, after, before)
    dates = page_dates(tree, text_html, url, under + above, fetched_at, doc.date, after=len(under))
    author = author_of(doc.author, under, above)
    outlet = outlet_of(tree, url, title, doc.sitename or "")
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


# how a paragraph of running text ends; a short last line ending otherwise is a heading
_SENTENCE_END = tuple('.!?"»”)…')
# the last lines of trafilatura's text read as furniture when shorter than this …
_TRAILING_SHORT = 100
# … up to this many of them: a box's heading and its first links, never a paragraph run
_TRAILING_LINES = 3


def _without_boilerplate(text: str) -> str:
    """The text without furniture lines: share and cookie lines, and a box's heading at its end.

    A short line that is no sentence closing the text ("Leggi anche:", "Related topics",
    the headline of the first related article) after the paragraphs is the heading of
    the box after the article, which trafilatura keeps when it is not a link.
    """
    lines = [line for line in text.split("\n") if not _BOILERPLATE.match(line.strip())]
    end = len(lines)
    while end > 1 and len(lines) - end < _TRAILING_LINES:
        last = lines[end - 1].strip()
        if len(last) >= _TRAILING_SHORT or last.endswith(_SENTENCE_END):
            break
        end -= 1
    if not any(len(line) >= _TRAILING_SHORT for line in lines[:end]):
        end = len(lines)  # no paragraph before them: short lines are all the text there is
    return "\n".join(lines[:end]).strip()


# "Leggi anche: <headline>", "Read more: <headline>": a label, then the text of a link
_LABELLED = re.compile(r"^[^\W\d][\w .'’-]{1,30}:\s+(?P<link>.+)$")
_POINTER_LONGEST = 160


def _without_pointers(text: str, tree: lxml.html.HtmlElement) -> str:
    """The text without the lines pointing to another page: a label, then a link's words.

    "Leggi anche: Il nuovo ponte apre a maggio" where the headline is a link of the page
    is a pointer to another article, whatever the label's language.
    """
    lines = text.split("\n")
    labelled = {
        i: match["link"] for i, line in enumerate(lines)
        if len(line) < _POINTER_LONGEST and (match := _LABELLED.match(" ".join(line.split())))
    }
    if not labelled:
        return text
    links = {" ".join(a.text_content().split()) for a in tree.iter("a")}
    kept = [line for i, line in enumerate(lines) if labelled.get(i) not in links]
    return "\n".join(kept).strip()


_QUOTES = str.maketrans({c: '"' for c in "“”„«»‟″"} | {c: "'" for c in "‘’‚‹›′"})
_LEADING_SEPARATOR = re.compile(r"^\s*[-–—|:•·»›⋆]\s*")
_TRAILING_SEPARATOR = re.compile(r"[-–—|:•·»›⋆]\s*$")
# a shorter heading is a section's name more often than the headline
_SHORTEST_HEADLINE = 10


def _folded(text: str) -> str:
    return " ".join(text.translate(_QUOTES).casefold().split())


def _headline(tree: lxml.html.HtmlElement, title: str) -> str:
    """The headline as the page shows it, when the metadata's title is it and more.

    ``og:title`` and ``<title>`` add the site's name or a section ("Titolo | Testata",
    "Cronaca: Titolo") and flatten the quotes and the case the page prints: the
    ``<h1>`` that is the title, or one of its ends, is the headline itself.
    """
    wanted = _folded(title)
    if not wanted:
        return title
    for heading in tree.iter("h1"):
        text = " ".join(heading.text_content().split())
        folded = _folded(text)
        if not folded or len(text) > 300:
            continue
        if folded == wanted:
            return text
        if len(folded) < _SHORTEST_HEADLINE:
            continue
        if wanted.startswith(folded) and _LEADING_SEPARATOR.match(wanted[len(folded):]):
            return text
        if wanted.endswith(folded) and _TRAILING_SEPARATOR.search(wanted[: -len(folded)]):
            return text
    return title


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
    lines = text.split("\n")
    present = {" ".join(line.split()) for line in lines}
    drop = {" ".join(title.split())}
    # only the header lines the text repeats need reading: a date is costly to parse
    drop.update(
        line for line in header
        if line in present and len(line) <= 120 and (
            byline_in([line], bare_names=False) or _BYLINE_WORD.match(line)
            or find_dates([line]).published
        )
    )
    kept = [line for line in lines if " ".join(line.split()) not in drop]
    return "\n".join(kept).strip()


_BYLINE_WORD = re.compile(r"^(?:by|di|da|autore|author)\b", re.IGNORECASE)
_CLASS_PARTS = re.compile(r"[\s_-]+")
_CLASSED = lxml.etree.XPath("//body//*[@class]")
_CLASS_HINT = re.compile("|".join(sorted(_SUBTITLE_CLASSES | _LEAD_CLASSES)), re.IGNORECASE)


def _subtitle(tree: lxml.html.HtmlElement, title: str, text: str) -> str:
    """The summary line a page shows under its title, if it has one of its own."""
    body = " ".join(text.split())
    for element in _CLASSED(tree):
        classes = element.get("class", "")
        if not _CLASS_HINT.search(classes):
            continue  # most classes: a search is cheaper than the split
        parts = set(_CLASS_PARTS.split(classes.lower()))
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
