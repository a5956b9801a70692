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
import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import htmldate
import lxml.etree
import lxml.html

from common.dates import MONTHS, parse_date

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
    # month first, as WordPress prints dates by default: "novembre 21, 2023", "Nov 8 2023"
    r"|(?<![\w])" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}(?![\w])" + _TIME +
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
# what ends a dateline opening the text: "MILANO, 25 ottobre 2023 – Il…"
_DASH_AFTER = re.compile(r"\s*[-–—|]")
# the most common Italian way to say a date is the update, not the first publication
_UPDATED = re.compile(r"aggiornat|ultima modifica|updated|modificato", re.IGNORECASE)
# a date of something else than the article, on forums and profile boxes
_OTHER_EVENT = re.compile(
    r"iscritt[oa]|registrat[oa]|membro dal|registered|registriert|joined|member since",
    re.IGNORECASE,
)
# a date expression that names its year: "3 dicembre 2023", "03/12/23", "2023-12-03"
_YEAR = re.compile(r"\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2}(?!\d)")


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
    return _stated(lines, now, limit=limit)


def _is_dateline(line: str, expression: str, opening: bool) -> bool:
    """Whether the date is what the line says: "Pubblicato il 3 dicembre 2023 - di X".

    A sentence that holds a date ("La mostra apre il 5 dicembre 2023 al museo…") is
    no dateline: a subtitle under the title tells of events. The text may open with
    one, set off by a dash: "PERUGIA, 23/10/2023 – Il Comune…" (not "Il 31 ottobre,
    verso le 23, …": that is the event).
    """
    if opening:
        return bool(_DASH_AFTER.match(line.split(expression, 1)[1]))
    rest = line.replace(expression, " ", 1)
    return len(line) <= 120 and len(_WORD.findall(rest)) <= 6


@functools.lru_cache(maxsize=2048)
def _parse(expression: str, now: dt.datetime | None) -> dt.datetime | None:
    # dateparser is the slow part: a page's lines are read twice (datelines first)
    return parse_date(expression, now)


def _stated(
    lines: Iterable[str],
    now: dt.datetime | None,
    *,
    limit: int = 200,
    datelines: bool = False,
    need_year: bool = False,
) -> PageDates:
    """:func:`find_dates`; with ``datelines`` only lines that are datelines, and with
    ``need_year`` only dates that name their year (the fetch time is unknown)."""
    published: dt.datetime | None = None
    updated: dt.datetime | None = None
    for line in lines:
        expressions = _expressions(line)
        if len(line) > limit:
            # body text: only a dateline opening it counts ("MILANO, 25 ottobre 2023 –")
            expressions = [e for e in expressions[:1] if _DATELINE.match(line.split(e)[0])]
        for expression in expressions:
            if need_year and not _YEAR.search(expression):
                continue
            if datelines and not _is_dateline(line, expression, len(line) > limit):
                continue
            value = _parse(expression, now)
            if value is None or (now is not None and value > now.replace(tzinfo=None)):
                continue
            if _OTHER_EVENT.search(line.split(expression)[0]):
                break  # a forum member's sign-up, not the post
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
# JSON-LD objects whose dates are not the article's: its pictures, videos, people
_NOT_THE_ARTICLE = re.compile(r"Image|Video|Audio|Media|Person|Organization|Place", re.IGNORECASE)


def _ld_date(text: str, key: str) -> str:
    """``key`` of the JSON-LD object that is the article, else of the first that is no media."""
    try:
        data = json.loads(text)
    except ValueError:  # templates print broken JSON: the first value then
        match = re.search(rf'"{key}"\s*:\s*"([^"]+)"', text)
        return match.group(1) if match else ""
    found: list[tuple[bool, str]] = []
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            value = item.get(key)
            kind = " ".join(map(str, item.get("@type") or [])) if isinstance(
                item.get("@type"), list) else str(item.get("@type") or "")
            if isinstance(value, str) and value.strip() and not _NOT_THE_ARTICLE.search(kind):
                found.append(("Article" in kind or "Posting" in kind, value))
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return next((v for article, v in found if article), found[0][1] if found else "")


def _metas(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """The page's meta tags that hold a value, the first of each name."""
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        if key and (meta.get("content") or "").strip():
            metas.setdefault(key, meta.get("content", ""))
    return metas


# compiled once: a page asks for its published and its updated date
_ITEMPROP_DATETIME = lxml.etree.XPath("//*[@itemprop=$key]/@datetime")
_JSON_LD = lxml.etree.XPath('//script[@type="application/ld+json"]')


def _meta_date(
    tree: lxml.html.HtmlElement, metas: dict[str, str], keys: tuple[str, ...], ld_key: str
) -> str:
    for key in keys:
        if key in metas:
            return metas[key]
    values = _ITEMPROP_DATETIME(tree, key=ld_key)
    if values:
        return str(values[0])
    for script in _JSON_LD(tree):
        value = _ld_date(script.text_content(), ld_key)
        if value:
            return value
    return ""


# a date in a URL's path as CMSs write it: /2023/11/08/, /2023-11-08-, /20231108/
_URL_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})(?:([/_-])(\d{1,2})\2(\d{1,2})|(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01]))"
    r"(?!\d)"
)
# a metadata time that names its offset from UTC ("…T23:30:00Z", "…+01:00")
_OFFSET = re.compile(r"\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:Z|[+-]\d{2}:?\d{2})$")
_UTC = re.compile(r"(?:Z|[+-]00:?00)$")


def _url_day(url: str) -> dt.date | None:
    """The day a dated URL names, if it names one."""
    match = _URL_DATE.search(urlsplit(url).path)
    if not match:
        return None
    year, _, month, day, compact_month, compact_day = match.groups()
    try:
        return dt.date(int(year), int(month or compact_month), int(day or compact_day))
    except ValueError:
        return None


def _on_outlet_clock(
    value: dt.datetime | None, raw: str, url_day: dt.date | None
) -> dt.datetime | None:
    """A metadata time with an offset, on the outlet's own clock.

    A time in UTC ("…T23:30:00Z", a server's clock) is read in Italian time, the day
    an Italian outlet prints, unless the outlet's own URL names the day before or
    after: the same instant on its clock. A time with another offset ("…-05:00") is
    the outlet's local time already: its day is the one written.
    """
    offset = _OFFSET.search(raw.strip())
    if value is None or not offset:
        return value
    if not _UTC.search(offset.group(0)):
        try:
            return dt.datetime.fromisoformat(raw.strip()).replace(tzinfo=None)
        except ValueError:
            return value
    if url_day is not None and abs((value.date() - url_day).days) == 1:
        return dt.datetime.combine(url_day, value.time())
    return value


# a day in figures, day first or ISO: "1.11.2023", "01/11/23", "2023-11-01"
_FIGURES = re.compile(
    r"(?<!\d)(\d{1,2})[./-]\s?(\d{1,2})[./-]\s?(\d{4}|\d{2})(?!\d)"
    r"|(?<!\d)(\d{4})[./-](\d{1,2})[./-](\d{1,2})(?!\d)"
)
_NUMBER = re.compile(r"(?<!\d)\d{1,4}(?!\d)")
_WORD = re.compile(r"[^\W\d_]{3,}")


def _names_day(line: str, day: dt.date) -> bool:
    """Whether a line writes ``day``: in figures, or its day, month name and year."""
    for match in _FIGURES.finditer(line):
        d, m, y, iso_y, iso_m, iso_d = match.groups()
        if iso_y:
            d, m, y = iso_d, iso_m, iso_y
        year = int(y) if len(y) == 4 else 2000 + int(y)
        if (int(d), int(m), year) == (day.day, day.month, day.year):
            return True
    numbers = {int(n) for n in _NUMBER.findall(line)}
    if day.day not in numbers or day.year not in numbers:
        return False
    # "1. November 2023", "November 1, 2023", "mercoledì 1 novembre 2023"
    months = [name for name, number in MONTHS.items() if number == day.month]
    return any(word.casefold().startswith(tuple(months)) for word in _WORD.findall(line))


def _confirmed(day: dt.date, html: str, url_day: dt.date | None, lines: Iterable[str]) -> bool:
    """Whether the page states ``day`` where an article's date is, not in its chrome.

    htmldate (through trafilatura) reads dates off the whole page, its footer included
    ("Reg. Trib. n. 12/2008" is a day for it). Its answer counts when the page's
    structured data (an ISO date in a meta tag, JSON-LD or ``<time datetime>``) or its
    URL name that day, or a short line near the title does.
    """
    if day == url_day or day.isoformat() in html:
        return True
    return any(len(line) <= 160 and _names_day(line, day) for line in lines)


def _without_site_chrome(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The page without its menus, boxes, forms and site footer (an article's own
    ``<footer>``, where templates print "Posted on…", stays)."""
    pruned = copy.deepcopy(tree)
    for element in _SITE_CHROME(pruned):
        if element.getparent() is not None:
            element.drop_tree()
    return pruned


_SITE_CHROME = lxml.etree.XPath(
    "//nav|//aside|//form|//footer[not(ancestor::article or ancestor::main)]"
)


def _htmldate(
    found: str,
    tree: lxml.html.HtmlElement | None,
    html: str,
    url: str,
    url_day: dt.date | None,
    lines: list[str],
) -> dt.datetime | None:
    """htmldate's answer (as trafilatura found it), when it is the article's.

    Confirmed by the page's structured data, URL or lines near the title it stands
    (:func:`_confirmed`); else htmldate reads the page again without its chrome, and
    what it finds there stands.
    """
    try:
        day: dt.date | None = dt.date.fromisoformat(found[:10])
    except ValueError:
        day = None
    if day is not None and _confirmed(day, html, url_day, lines):
        return dt.datetime.combine(day, dt.time())
    if tree is None:
        return None
    again = htmldate.find_date(
        _without_site_chrome(tree), url=url, original_date=True,
        # the extensive search settles for a bare year ("2014-2020" → 2014-01-01)
        extensive_search=False,
    )
    return dt.datetime.fromisoformat(again) if again else None


def _not_after(value: dt.datetime | None, now: dt.datetime | None) -> dt.datetime | None:
    """The date, unless it is after the day the page was fetched (wrong metadata)."""
    return None if value and now and value.date() > now.date() else value


def page_dates(
    tree: lxml.html.HtmlElement | None,
    html: str,
    url: str,
    lines: list[str],
    fetched_at: dt.datetime | None,
    found: str | None = None,
    *,
    after: int | None = None,
) -> PageDates:
    """Published and updated, from the most convincing signal the page gives.

    In order: a dateline right under the title (what the reader sees); the page's
    date metadata (meta tags, ``itemprop``, the JSON-LD article); ``found``, htmldate's
    answer as trafilatura gives it, when the page confirms it outside its chrome (see
    :func:`_confirmed`); last, a date anywhere in the lines near the title.

    Args:
        tree: the parsed page (None when it would not parse).
        html: the page's text (where structured dates are looked up).
        url: where it was fetched from (a dated URL names the outlet's day).
        lines: the visible lines around the title: the lines under it, then the lines
            above it, nearest first (:func:`extract.layout.header_lines`).
        fetched_at: when the page was fetched; no date may fall after it, and without
            it a date that names no year is no date.
        found: the date trafilatura read with htmldate (``YYYY-MM-DD``), if any.
        after: how many of ``lines`` are under the title (all of them when None).
    """
    now = fetched_at
    if now is not None and now.tzinfo is not None:
        # relative dates count from the outlet's clock: "3 h" at 00:30 is yesterday in Rome
        try:
            now = now.astimezone(_ROME).replace(tzinfo=None)
        except OverflowError:  # the last hours of year 9999 have no Roman time
            now = now.replace(tzinfo=None)
    under = lines[:after] if after is not None else lines
    # without the fetch time, "28 aprile" or "3 h" could be any year, any day
    dateline = _stated(under, now, datelines=True, need_year=now is None)
    published, updated = dateline.published, dateline.updated
    url_day = _url_day(url)
    if tree is not None and (published is None or updated is None):
        metas = _metas(tree)
        raw = _meta_date(tree, metas, _PUBLISHED_KEYS, "datePublished")
        meta = _not_after(_on_outlet_clock(parse_date(raw, now), raw, url_day), now)
        published = published or meta
        if updated is None:
            modified = _meta_date(tree, metas, _UPDATED_KEYS, "dateModified")
            updated = _not_after(parse_date(modified, now), now)
    if published is None and found:
        published = _not_after(_htmldate(found, tree, html, url, url_day, lines), now)
    if published is None:
        published = _stated(lines, now, need_year=now is None).published
    return PageDates(published, updated)
