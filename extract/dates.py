"""Finding the dates a page states: its metadata, the byline, the dateline, social posts.

Parsing is the one Italian date parser's (:func:`common.dates.parse_date`, lenient:
relative social dates such as "2 g", "3 h", "27 ottobre alle ore 17:04" are read
against the time the page was fetched); this module finds the date expression inside
a line such as "Di Redazione - 24 Novembre 2023" or "Published 1 Dic 2023", and
tells the publication from the update. ``parse_date`` is re-exported for the
extractors that read a date from metadata.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import htmldate
import lxml.html

from common.dates import MONTHS, parse_date
from extract.layout import CHROME, HIDDEN

__all__ = ["PageDates", "find_dates", "page_dates", "parse_date"]

_ROME = ZoneInfo("Europe/Rome")

# the month names the parser reads, the longest first so "settembre" is not cut at "set"
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?:\s*(?:[-,|–]\s*)?(?:(?:alle\s+)?ore\s+|alle\s+|h\.?\s*)?\d{1,2}[:.]\d{2}(?!\d))?"
# where a date expression sits in a line; dateparser does the parsing
_DATE = re.compile(
    r"(?<![\d/.])(?:"
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?![\d/.])" + _TIME +
    r"|\d{1,2}\s+" + _MONTH + r"(?:\s+\d{4})?(?![\w])" + _TIME +
    r")",
    re.IGNORECASE,
)
# a post's age as social networks print it, alone in its element
_RELATIVE = re.compile(
    r"^(?:\d+\s*(?:g|gg|giorn[oi]|h|or[ae]|min(?:uti?)?|m|sett(?:imane?)?|s)\.?(?:\s+fa)?"
    r"|(?:ieri|oggi)(?:\s+alle(?:\s+ore)?\s+\d{1,2}[:.]\d{2})?)$",
    re.IGNORECASE,
)
# what may precede the date of a dateline: "", "MILANO, ", "(ANSA) - TORINO, ", "Vivere Umbria "
_DATELINE = re.compile(
    r"^(?:\([\w ]{2,20}\)\s*[-–]\s*)?(?:[A-Za-zÀ-ÿ'’]+\s*){0,3}[,.]?\s*$"
)
# the most common Italian way to say a date is the update, not the first publication
_UPDATED = re.compile(r"aggiornat|ultima modifica|updated|modificato", re.IGNORECASE)


@dataclass(frozen=True)
class PageDates:
    """When an article was first published and, when the page says so, last updated."""

    published: dt.datetime | None = None
    updated: dt.datetime | None = None


def _expressions(line: str) -> list[str]:
    """The date expressions of a line, in order; a relative one only when alone."""
    line = " ".join(line.split())
    if _RELATIVE.match(line.strip(" ·•|-")):
        return [line.strip(" ·•|-")]
    return [m.group(0) for m in _DATE.finditer(line)]


def find_dates(
    lines: Iterable[str], now: dt.datetime | None = None, *, limit: int = 200
) -> PageDates:
    """The published and updated dates stated in the visible lines near a title.

    A line that says "Aggiornato"/"Ultima modifica" gives the update; the first
    other date is the publication. Lines longer than ``limit`` characters are
    body text, where dates are events: only a dateline opening them is read.

    Args:
        lines: visible text lines, in page order (byline, dateline, meta lines).
        now: the fetch time, for relative and year-less dates.
        limit: longest line read.
    """
    published: dt.datetime | None = None
    updated: dt.datetime | None = None
    for line in lines:
        expressions = _expressions(line)
        if len(line) > limit:
            # body text: only a dateline opening it counts ("MILANO, 25 ottobre 2023 –")
            expressions = [e for e in expressions[:1] if _DATELINE.match(line.split(e)[0])]
        for expression in expressions:
            value = parse_date(expression, now)
            if value is None or (now is not None and value > now.replace(tzinfo=None)):
                continue
            if _UPDATED.search(line.split(expression)[0]):
                updated = updated or value
            elif published is None:
                published = value
            break
        if published is not None and updated is not None:
            break
    return PageDates(published, updated)


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


def _without_chrome(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    pruned = copy.deepcopy(tree)
    for element in pruned.xpath("//*[@class or @id]"):
        tag = element.tag if isinstance(element.tag, str) else ""
        marks = f"{element.get('class', '')} {element.get('id', '')}"
        if (tag in HIDDEN or CHROME.search(marks)) and element.getparent() is not None:
            element.drop_tree()
    for element in pruned.xpath("//nav|//footer|//aside|//form"):
        if element.getparent() is not None:
            element.drop_tree()
    return pruned


def _not_after(value: dt.datetime | None, now: dt.datetime | None) -> dt.datetime | None:
    """The date, unless it is after the day the page was fetched (wrong metadata)."""
    return None if value and now and value.date() > now.date() else value


def page_dates(
    tree: lxml.html.HtmlElement | None,
    html: str,
    url: str,
    lines: list[str],
    fetched_at: dt.datetime | None,
) -> PageDates:
    """Published and updated: the page's metadata, then its dateline, then htmldate.

    Args:
        tree: the parsed page (None when it would not parse).
        html: the page's text.
        url: where it was fetched from (htmldate reads dates in URLs).
        lines: the visible lines around the title (:func:`extract.layout.header_lines`).
        fetched_at: when the page was fetched; no date may fall after it.
    """
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
