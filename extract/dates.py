"""Finding the dates a page states: in the byline, the dateline, on social posts.

Parsing is the one Italian date parser's (:func:`common.dates.parse_date`, lenient:
relative social dates such as "2 g", "3 h", "27 ottobre alle ore 17:04" are read
against the time the page was fetched); this module finds the date expression inside
a line such as "Di Redazione - 24 Novembre 2023" or "Published 1 Dic 2023", and
tells the publication from the update. ``parse_date`` is re-exported for the
extractors that read a date from metadata.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from common.dates import MONTHS, parse_date

__all__ = ["PageDates", "find_dates", "parse_date"]

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
