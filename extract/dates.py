"""Dates as Italian outlets state them: in metadata, in the byline, on social posts.

Parsing is dateparser's (Italian and English, day first); our part is only to find
the date expression inside a line such as "Di Redazione - 24 Novembre 2023" or
"Published 1 Dic 2023", and to resolve relative social dates ("2 g", "3 h",
"27 ottobre alle ore 17:04") against the time the page was fetched.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

import dateparser  # type: ignore[import-untyped]

__all__ = ["PageDates", "find_dates", "parse_date"]

_LANGUAGES = ["it", "en"]

_MONTH = (
    r"(?:gen(?:naio)?|feb(?:braio)?|mar(?:zo)?|apr(?:ile)?|mag(?:gio)?|giu(?:gno)?|"
    r"lug(?:lio)?|ago(?:sto)?|set(?:tembre)?|sett|ott(?:obre)?|nov(?:embre)?|dic(?:embre)?|"
    r"jan(?:uary)?|february|march|april|may|june|july|aug(?:ust)?|sep(?:tember)?|"
    r"oct(?:ober)?|november|dec(?:ember)?)\.?"
)
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


def parse_date(expression: str, now: dt.datetime | None = None) -> dt.datetime | None:
    """One date expression, Italian or English, absolute or relative to ``now``.

    >>> parse_date("21 NOVEMBRE 2023 - 13:02")
    datetime.datetime(2023, 11, 21, 13, 2)
    >>> parse_date("2 g", now=dt.datetime(2023, 11, 25, 10, 0)).date()
    datetime.date(2023, 11, 23)

    Args:
        expression: the date as printed ("16.11.2023 - 15:08", "1 Dic 2023", "3 h").
        now: what relative dates and dates without a year are read against (the
            page's fetch time); dates never fall after it.

    Returns:
        The date and time in Italian time (naive), or None when it is no date.
    """
    text = " ".join(expression.replace("|", " ").split()).strip(" ,;[]()")
    if not text:
        return None
    # "16.11.2023 - 15:08": dateparser reads the dash as a range
    text = re.sub(r"(?<=\d)\s*[-–]\s*(?=\d{1,2}[:.]\d{2}$)", " ", text)
    text = re.sub(r"\bh\.?\s*(?=\d{1,2}[:.]\d{2}$)", "", text)
    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
        "RETURN_AS_TIMEZONE_AWARE": False,
        # a date with an offset ("2023-11-16T23:30:00Z") is the 17th for an Italian
        # outlet; a date without one is already Italian time
        "TIMEZONE": "Europe/Rome",
        "TO_TIMEZONE": "Europe/Rome",
    }
    if now is not None:
        settings["RELATIVE_BASE"] = now.replace(tzinfo=None)
    # "sett" is September in a date, a week in a post's age ("2 sett")
    text = re.sub(r"\bsett\.?(?=\s+\d{4})", "settembre", text, flags=re.IGNORECASE)
    # Italian first: with both at once "28 set 2023" is read as the English word "set"
    for language in _LANGUAGES:
        try:
            parsed = dateparser.parse(text, languages=[language], settings=settings)
        except OverflowError:
            return None  # year 1 or 9999 moved out of the calendar by the time zone
        if parsed is not None:
            break
    else:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.replace(tzinfo=None)
    return parsed


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
