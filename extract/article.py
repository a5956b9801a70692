"""An article out of a fetched page: trafilatura, with our rules for Italian outlets."""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import htmldate
import lxml.html
import trafilatura
from w3lib.encoding import html_to_unicode

from common.errors import ExtractionError
from crawler.urls import canonical_url, domain_of
from extract.authors import author_of, byline_in
from extract.dates import PageDates, find_dates, parse_date
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
_ROME = ZoneInfo("Europe/Rome")


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
        # dates are ours (_dates, below): keep trafilatura's own date search to the cheap part
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
    after, before = _header_lines(tree, title) if tree is not None else ([], [])
    text = _without_header(text, title, after + before)
    if not text:
        raise ExtractionError("no article text under the title, byline and dateline")
    dates = _dates(tree, text_html, url, after + before, fetched_at)
    author = author_of(doc.author, after, before)
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


_BLOCKS = frozenset(
    {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "time", "br", "section",
     "article", "header", "address", "figure", "figcaption", "dd", "dt", "tr", "table",
     "blockquote", "main"}
)
_HIDDEN = frozenset({"script", "style", "noscript", "template", "nav", "footer", "aside", "form"})


def _article_container(tree: lxml.html.HtmlElement, title: str) -> lxml.html.HtmlElement:
    """The ``<article>``/``<main>`` around the title's heading, else the page: less to walk."""
    for heading in tree.iter("h1", "h2"):
        if " ".join(heading.text_content().split()).casefold() == title:
            for ancestor in heading.iterancestors("article", "main"):
                return ancestor
            break
    return tree


def _is_chrome(element: lxml.html.HtmlElement, tag: str) -> bool:
    """Boxes and bars whose dates and names are not the article's.

    The site header (today's date in its top bar) is chrome unless it holds the title;
    so are related-article, share, comment and cookie boxes.
    """
    if tag == "header":
        return not element.xpath(".//h1")
    marks = f"{element.get('class', '')} {element.get('id', '')}".strip()
    return bool(marks) and bool(_CHROME.search(marks))


def _visible_lines(tree: lxml.html.HtmlElement) -> list[str]:
    """The page's visible text, one line per block, menus, boxes and footer left out."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = " ".join(" ".join(current).split())
        if line:
            lines.append(line)
        current.clear()

    def walk(element: lxml.html.HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag and tag not in _HIDDEN and not _is_chrome(element, tag):
            block = tag in _BLOCKS
            if block:
                flush()
            if element.text:
                current.append(element.text)
            for child in element:
                walk(child)
            if block:
                flush()
        if element.tail:
            current.append(element.tail)

    body = tree.find("body")
    walk(body if body is not None else tree)
    flush()
    return lines


def _header_lines(
    tree: lxml.html.HtmlElement, title: str, after: int = 12, before: int = 6
) -> tuple[list[str], list[str]]:
    """The visible lines right after the title, and right before it (nearest first).

    That is where bylines and datelines sit; a related article's date in a box or a
    menu is never read as this one's.
    """
    wanted = " ".join(title.split()).casefold()
    lines = _visible_lines(_article_container(tree, wanted))
    index = next((i for i, line in enumerate(lines) if line.casefold() == wanted), -1)
    if index < 0:
        index = next((i for i, line in enumerate(lines) if wanted in line.casefold()), -1)
    if index < 0:
        return [], []
    following: list[str] = []
    for line in lines[index + 1 : index + 1 + after]:
        following.append(line)
        if len(line) > 200 and ". " in line:
            # sentences: the article text has begun, its dateline is the last place to
            # look (a long summary line under the title is one sentence)
            break
    return following, lines[max(0, index - before) : index][::-1]


_PUBLISHED_KEYS = (
    "article:published_time", "og:published_time", "datePublished", "dc.date.issued",
    "DC.date.issued", "pubdate", "publishdate", "date", "parsely-pub-date", "sailthru.date",
)
_UPDATED_KEYS = ("article:modified_time", "og:updated_time", "dateModified", "last-modified")


def _meta_date(tree: lxml.html.HtmlElement, keys: tuple[str, ...], ld_key: str) -> str:
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        if key and (meta.get("content") or "").strip():
            metas.setdefault(key, meta.get("content", ""))
    for key in keys:
        if key in metas:
            return metas[key]
    values = tree.xpath(f'//*[@itemprop="{ld_key}"]/@datetime')
    if values:
        return str(values[0])
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        match = re.search(rf'"{ld_key}"\s*:\s*"([^"]+)"', script.text_content())
        if match:
            return match.group(1)
    return ""


# boxes whose dates belong to other articles or to the site, not to this article
_CHROME = re.compile(
    r"related|correlat|comment|share|social|cookie|widget|sidebar|banner|newsletter|"
    r"footer|menu|leggi-?anche|popular|most-read|piu-?lett",
    re.IGNORECASE,
)


def _without_chrome(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    pruned = copy.deepcopy(tree)
    for element in pruned.xpath("//*[@class or @id]"):
        tag = element.tag if isinstance(element.tag, str) else ""
        marks = f"{element.get('class', '')} {element.get('id', '')}"
        if (tag in _HIDDEN or _CHROME.search(marks)) and element.getparent() is not None:
            element.drop_tree()
    for element in pruned.xpath("//nav|//footer|//aside|//form"):
        if element.getparent() is not None:
            element.drop_tree()
    return pruned


def _not_after(value: dt.datetime | None, now: dt.datetime | None) -> dt.datetime | None:
    """The date, unless it is after the day the page was fetched (wrong metadata)."""
    return None if value and now and value.date() > now.date() else value


def _dates(
    tree: lxml.html.HtmlElement | None,
    html: str,
    url: str,
    lines: list[str],
    fetched_at: dt.datetime | None,
) -> PageDates:
    """Published and updated: the page's metadata, then its dateline, then htmldate."""
    now = fetched_at
    if now is not None and now.tzinfo is not None:
        # relative dates count from the outlet's clock: "3 h" at 00:30 is yesterday in Rome
        try:
            now = now.astimezone(_ROME).replace(tzinfo=None)
        except OverflowError:  # the last hours of year 9999 have no Roman time
            now = now.replace(tzinfo=None)
    published = updated = None
    if tree is not None:
        published = _not_after(parse_date(_meta_date(tree, _PUBLISHED_KEYS, "datePublished"), now),
                               now)
        updated = _not_after(parse_date(_meta_date(tree, _UPDATED_KEYS, "dateModified"), now), now)
    stated = find_dates(lines, now)
    published = published or stated.published
    updated = updated or stated.updated
    if published is None:
        # htmldate's own heuristics: time elements, date classes, the URL, free text
        found = htmldate.find_date(
            _without_chrome(tree) if tree is not None else html,
            url=url,
            original_date=True,
            # the extensive search settles for a bare year ("2014-2020" → 2014-01-01)
            extensive_search=False,
            outputformat="%Y-%m-%dT%H:%M:%S",
            max_date=(now or dt.datetime.now()).date().isoformat(),
        )
        # htmldate ignores a max_date before its own earliest (1995): check it here too
        published = _not_after(dt.datetime.fromisoformat(found), now) if found else None
    return PageDates(published, updated)


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
