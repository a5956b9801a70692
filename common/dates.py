"""The one Italian date parser: dates as pages, files and options state them.

Every caller reads a date here: the page-date finder (``extract.dates``), the import
of uscite (``rassegna.uscite_files``), the CLI's date options and the campaign period.
Day first always; Italian month names (and English ones), ISO dates and times.

Two strictnesses, one parameter:

* lenient (the default), for what a page prints: relative dates ("2 g", "ieri alle
  17:04"), dates without a year and times are read against ``now``; dates with an
  offset are moved to Italian time. The common absolute forms ("27 ottobre 2023 alle
  17:04", "16.11.2023 15:08", "November 21, 2023") are read directly, exactly as
  dateparser reads them (``tests/test_dates_fastpath.py``); dateparser does the rest.
* ``strict=True``, for what a file or an option holds: an absolute date naming day,
  month and year and nothing else around it ("18/10/2023", "18 OTT 2023",
  "2023-10-18T23:30:00Z" is the 18th, as written). The common forms are read
  directly, the rest by dateparser with strict settings.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import dateparser  # type: ignore[import-untyped]

__all__ = ["MONTHS", "parse_date", "parse_day"]

_LANGUAGES = ["it", "en"]

#: Month names and abbreviations, Italian and English, by month number.
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        ("gennaio gen january jan", "febbraio feb february", "marzo mar march",
         "aprile apr april", "maggio mag may", "giugno giu june jun", "luglio lug july jul",
         "agosto ago august aug", "settembre set sett september sep sept",
         "ottobre ott october oct", "novembre nov november", "dicembre dic december dec"),
        start=1,
    )
    for name in names.split()
}

# -- lenient: what a page prints ---------------------------------------------

_LENIENT: dict[str, object] = {
    "PREFER_DATES_FROM": "past",
    "DATE_ORDER": "DMY",
    "RETURN_AS_TIMEZONE_AWARE": False,
    # a date with an offset ("2023-11-16T23:30:00Z") is the 17th for an Italian
    # outlet; a date without one is already Italian time
    "TIMEZONE": "Europe/Rome",
    "TO_TIMEZONE": "Europe/Rome",
}

_ROME = ZoneInfo("Europe/Rome")
# "2023-11-16", "2023-11-16T23:30:00Z", "2023-11-16T23:30:00.000+01:00"
_ISO_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)

_DASH_TIME = re.compile(r"(?<=\d)\s*[-–]\s*(?=\d{1,2}[:.]\d{2}$)")
_H_TIME = re.compile(r"\bh\.?\s*(?=\d{1,2}[:.]\d{2}$)")
_SETT = re.compile(r"\bsett\.?(?=\s+\d{4})", re.IGNORECASE)

# The absolute forms bylines and datelines print, read without dateparser (5-12 ms a
# call): day, month and year all stated, so neither ``now`` nor PREFER_DATES_FROM can
# move them. Anything else (two-digit years, which dateparser reads against ``now``;
# weekdays; words around the date) goes to dateparser. The text is already normalised:
# single spaces, "- 15:08" and "h 15:08" reduced to " 15:08".
_CLOCK = r"(?:,? ((?:alle )?ore |alle )?([0-9]{1,2})[:.]([0-9]{2}))?"
# the names dateparser's Italian reads: "alle"/"ore" are no English, "april" no Italian
_ITALIAN_MONTHS = frozenset(
    "gennaio gen febbraio feb marzo mar aprile apr maggio mag giugno giu luglio lug agosto"
    " ago settembre set ottobre ott novembre nov dicembre dic".split()
)
_MONTH_WORD = r"([a-zA-Z]+)(\.?)"
# "27 ottobre 2023", "21 NOVEMBRE 2023 13:02", "14 ott 2023, 09:15", "1 Dic. 2023"
_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2}) " + _MONTH_WORD + r" ([0-9]{4})" + _CLOCK)
# "November 21, 2023", "Nov. 8 2023", "novembre 21, 2023 alle 17:04"
_MONTH_DAY_YEAR = re.compile(_MONTH_WORD + r" ([0-9]{1,2}),? ([0-9]{4})" + _CLOCK)
# "16.11.2023 15:08", "24/11/2023", "24-11-2023 ore 17:04": day first
_DAY_NUMERIC = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})" + _CLOCK)
# "2023-11-16 10:00:00", the ISO form with a space dateparser would otherwise read
_ISO_SPACE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?")
_UTC_ZONE = dt.UTC


def _absolute(text: str) -> dt.datetime | None:
    """The common absolute forms, read as dateparser reads them; None for the others.

    Raises:
        ValueError: a common form that names no day or time ("31/02/2023", "25:00").
    """
    clock: tuple[str | None, str | None, str | None]
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = match[1], _month(match[2], match[3], match[5]), match[4]
        clock = match[6], match[7], None
    elif match := _MONTH_DAY_YEAR.fullmatch(text):
        day, month, year = match[3], _month(match[1], match[2], match[5]), match[4]
        clock = match[6], match[7], None
    elif match := _DAY_NUMERIC.fullmatch(text):
        if match[2] == "-" and match[5] and "ore" in match[5]:
            # dateparser reads "16-11-2023 ore 15:08" as a span of hours, a wrong date:
            # left to it, so the fast path changes no answer
            return None
        day, month, year = match[1], int(match[3]), match[4]
        clock = match[6], match[7], None
    elif match := _ISO_SPACE.fullmatch(text):
        day, month, year = match[3], int(match[2]), match[1]
        clock = match[4], match[5], match[6]
    else:
        return None
    if month is None or not 1900 <= int(year) <= 2099:
        return None
    hour, minute, second = clock
    parsed = dt.datetime(int(year), month, int(day), int(hour or 0), int(minute or 0),
                         int(second or 0))
    # a time the clocks skipped ("26 marzo 2023 02:30"): dateparser moves it on an hour
    if parsed.replace(tzinfo=_ROME).astimezone(_UTC_ZONE).astimezone(_ROME).replace(
            tzinfo=None) != parsed:
        return None
    return parsed


def _month(name: str, dot: str, connector: str | None) -> int | None:
    # "nov." and "nov" are November; a full name with a dot is left to dateparser, and
    # so is "sett" still standing (not before a year): a week for dateparser ("2 sett")
    name = name.lower()
    number = MONTHS.get(name)
    if number is None or (dot and len(name) > 4) or name == "sett":
        return None
    if connector and name not in _ITALIAN_MONTHS:
        return None  # "1 april 2023 alle 17:04": neither language reads it all
    return number


# -- strict: what a file or an option holds ----------------------------------

_ISO_DATE = re.compile(r"(\d{4})(-?)(\d{2})\2(\d{2})")
_NUMERIC_DATE = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_WORDED_DATE = re.compile(r"(\d{1,2})°?\s+([^\W\d_]+)\.?\s+(\d{4})")
# letters glued to figures ("20231018xx"): junk dateparser would skip
_GLUED = re.compile(r"\d(?!(?:st|nd|rd|th)\b)[^\W\d_]|[^\W\d_]\d")
# absolute dates only: "ieri", "2 giorni fa" are no date a file can hold
_STRICT = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True,
           "REQUIRE_PARTS": ["day", "month", "year"], "PARSERS": ["absolute-time"]}


def parse_date(
    expression: str, now: dt.datetime | None = None, *, strict: bool = False
) -> dt.datetime | None:
    """One date expression, Italian or English, day first.

    >>> parse_date("21 NOVEMBRE 2023 - 13:02")
    datetime.datetime(2023, 11, 21, 13, 2)
    >>> parse_date("2 g", now=dt.datetime(2023, 11, 25, 10, 0)).date()
    datetime.date(2023, 11, 23)
    >>> parse_date("2 g", strict=True) is None
    True

    Args:
        expression: the date as printed ("16.11.2023 - 15:08", "1 Dic 2023", "3 h").
        now: what relative dates and dates without a year are read against (the
            page's fetch time); dates never fall after it. Unused when ``strict``.
        strict: read only an absolute date naming day, month and year, with nothing
            around it: what an import file, a CLI option or a campaign file holds.
            Relative dates ("ieri", "2 giorni fa"), year-less ones ("18 ottobre"),
            impossible ones ("31/02/2023") and text glued to a date ("2023-10-18xx")
            are then no date. A time or an offset is kept as written, never moved.

    Returns:
        The date and time (naive; in Italian time when not ``strict``), or None when
        it is no date.
    """
    if strict:
        return _strict(" ".join(expression.split()))
    return _lenient(expression, now)


def parse_day(value: str) -> dt.date:
    """The day of a date as offices write it, read strictly (see :func:`parse_date`).

    >>> parse_day("18 OTT 2023"), parse_day("2023-10-18T23:30:00Z")
    (datetime.date(2023, 10, 18), datetime.date(2023, 10, 18))

    Raises:
        ValueError: when the value cannot be read as a date.
    """
    parsed = parse_date(value, strict=True)
    if parsed is None:
        raise ValueError(f"date {' '.join(value.split())!r} cannot be read")
    return parsed.date()


def _lenient(
    expression: str, now: dt.datetime | None, *, fast: bool = True
) -> dt.datetime | None:
    # ``fast=False`` is dateparser alone: the reference the fast path is tested against
    text = " ".join(expression.replace("|", " ").split()).strip(" ,;[]()")
    if not text:
        return None
    if _ISO_TIME.match(text):
        # metadata's ISO 8601, most of what pages declare: read directly, dateparser is slow
        try:
            parsed = dt.datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            if parsed.tzinfo is None:
                return parsed
            try:
                return parsed.astimezone(_ROME).replace(tzinfo=None)
            except OverflowError:
                return None  # year 1 or 9999 moved out of the calendar by the time zone
    # "16.11.2023 - 15:08": dateparser reads the dash as a range
    text = _DASH_TIME.sub(" ", text)
    text = _H_TIME.sub("", text)
    settings = dict(_LENIENT)
    if now is not None:
        settings["RELATIVE_BASE"] = now.replace(tzinfo=None)
    # "sett" is September in a date, a week in a post's age ("2 sett")
    text = _SETT.sub("settembre", text)
    if fast:
        try:
            common = _absolute(text)
        except ValueError:  # "31/02/2023", "12/13/2023", "24:00": dateparser's to judge
            common = None
        if common is not None:
            return common
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


def _strict(text: str) -> dt.datetime | None:
    try:
        common = _common_date(text)
    except ValueError:  # a common form naming no day: "31/02/2023"
        return None
    if common is not None:
        return common
    if _GLUED.search(text):
        return None
    parsed = dateparser.parse(text, languages=_LANGUAGES, settings=_STRICT)
    if parsed is None:
        return None
    return parsed.replace(tzinfo=None)


def _common_date(text: str) -> dt.datetime | None:
    """An ISO date (or date and time), dd/mm/yyyy, "18 ottobre 2023"; None for the others.

    Raises:
        ValueError: a common form that names no day ("31/02/2023").
    """
    if iso := _ISO_DATE.fullmatch(text):  # not date.fromisoformat: it takes "20231018xx"
        return dt.datetime(int(iso[1]), int(iso[3]), int(iso[4]))
    if text[:4].isdigit():
        try:  # the day and time as written, not moved by the offset
            return dt.datetime.fromisoformat(text).replace(tzinfo=None)
        except ValueError:
            return None
    if numeric := _NUMERIC_DATE.fullmatch(text):
        return dt.datetime(int(numeric[4]), int(numeric[3]), int(numeric[1]))
    worded = _WORDED_DATE.fullmatch(text)
    if worded and worded[2].lower() in MONTHS:
        return dt.datetime(int(worded[3]), MONTHS[worded[2].lower()], int(worded[1]))
    return None
