"""The lenient date parser's fast path against dateparser, the path it stands in for.

``common.dates`` reads the absolute forms bylines and datelines print ("27 ottobre
2023 alle 17:04", "16.11.2023 - 15:08", "November 21, 2023") without dateparser. For
every generated date in those forms, and in near forms it must leave alone, the answer
is the one dateparser alone gives (``_lenient(..., fast=False)``).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given, settings
from hypothesis import strategies as st

from common.dates import MONTHS, _absolute, _lenient, parse_date

_NAMES = sorted(MONTHS)
_ITALIAN = {"gennaio", "gen", "febbraio", "feb", "marzo", "mar", "aprile", "apr", "maggio",
            "mag", "giugno", "giu", "luglio", "lug", "agosto", "ago", "settembre", "set",
            "sett", "ottobre", "ott", "novembre", "nov", "dicembre", "dic"}
# a fixed ``now``: with none, dateparser reads odd input as the running clock's time
_NOW = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2040, 12, 31))


@st.composite
def _month_name(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(_NAMES))
    case = draw(st.sampled_from([str.lower, str.upper, str.title, str.capitalize]))
    return case(name) + draw(st.sampled_from(["", "."]))


@st.composite
def _clock(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return ""
    hour = draw(st.integers(0, 24))
    minute = draw(st.integers(0, 59))
    hour_text = draw(st.sampled_from([f"{hour}", f"{hour:02d}"]))
    lead = draw(st.sampled_from([" ", ", ", " - ", " – ", " | ", " alle ", " ore ",
                                 " alle ore ", " h ", " h.", ", alle "]))
    return lead + hour_text + draw(st.sampled_from([":", "."])) + f"{minute:02d}"


@st.composite
def _date_text(draw: st.DrawFn) -> str:
    day = draw(st.integers(0, 32))
    month = draw(st.integers(0, 13))
    year = draw(st.one_of(st.integers(1890, 2110), st.integers(1900, 2040)))
    day_text = draw(st.sampled_from([f"{day}", f"{day:02d}"]))
    form = draw(st.sampled_from(["day month year", "month day year", "numeric", "iso"]))
    if form == "day month year":
        text = f"{day_text} {draw(_month_name())} {year}"
    elif form == "month day year":
        text = f"{draw(_month_name())} {day_text}{draw(st.sampled_from(['', ',']))} {year}"
    elif form == "numeric":
        sep = draw(st.sampled_from("/.-"))
        month_text = draw(st.sampled_from([f"{month}", f"{month:02d}"]))
        text = f"{day_text}{sep}{month_text}{sep}{year}"
    else:
        seconds = draw(st.sampled_from(["", ":00", ":59"]))
        hour = draw(st.integers(0, 23))
        minute = draw(st.integers(0, 59))
        return f"{year:04d}-{month:02d}-{day:02d} {hour:02d}:{minute:02d}{seconds}"
    return text + draw(_clock())


@settings(max_examples=400, deadline=None)
@given(_date_text(), _NOW)
# a time the clocks skipped: dateparser moves it on an hour
@example("26 marzo 2023 02:30", dt.datetime(2023, 11, 25))
@example("29 ottobre 2023 02:30", dt.datetime(2023, 11, 25))  # a time the clocks passed twice
@example("12/13/2023", dt.datetime(2023, 11, 25))  # month 13: dateparser swaps day and month
@example("24 novembre 2023 24:00", dt.datetime(2023, 11, 25))
@example("1 gen 1850", dt.datetime(2023, 11, 25))
@example("21 novembre. 2023", dt.datetime(2023, 11, 25))
@example("2023-03-26 02:30", None)
@example("1-1-1900 ore 0:00", dt.datetime(2000, 1, 1))  # dateparser: a span of hours
def test_fast_path_reads_as_dateparser(text: str, now: dt.datetime) -> None:
    assert _lenient(text, now) == _lenient(text, now, fast=False)
    if _fast(text) is not None:  # what the fast path reads, it reads without a now too
        assert _lenient(text, None) == _lenient(text, None, fast=False)


def _fast(text: str) -> dt.datetime | None:
    try:
        return _absolute(text)
    except ValueError:
        return None


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2037, 12, 31)),
    st.integers(8, 23),
    st.integers(0, 59),
    st.data(),
    _NOW,
)
def test_common_forms_take_the_fast_path(
    day: dt.date, hour: int, minute: int, data: st.DataObject, now: dt.datetime | None
) -> None:
    # a valid date, its month named by any of its names: read without dateparser (from
    # 1990: Italy once moved its clocks at midnight, a midnight then is dateparser's)
    # ("sett" is made "settembre" before the fast path, which leaves "sett" alone)
    name = data.draw(st.sampled_from([n for n in _NAMES if MONTHS[n] == day.month
                                      and n != "sett"]))
    word = data.draw(st.sampled_from([str.lower, str.upper, str.title]))(name)
    if len(name) <= 4:
        word += data.draw(st.sampled_from(["", "."]))
    italian: tuple[tuple[str, tuple[int, int]], ...] = ()
    if name in _ITALIAN:  # "alle" and "ore" are no English
        italian = ((f"{day.day} {word} {day.year} alle {hour}:{minute:02d}", (hour, minute)),
                   (f"{day.day} {word} {day.year} alle ore {hour}.{minute:02d}", (hour, minute)))
    for text, time in (
        (f"{day.day} {word} {day.year}", (0, 0)),
        (f"{day.day} {word} {day.year}, {hour}:{minute:02d}", (hour, minute)),
        (f"{day.day:02d}.{day.month:02d}.{day.year} {hour:02d}:{minute:02d}", (hour, minute)),
        (f"{day.day}/{day.month}/{day.year} ore {hour}.{minute:02d}", (hour, minute)),
        (f"{word} {day.day}, {day.year}", (0, 0)),
    ) + italian:
        expected = dt.datetime(day.year, day.month, day.day, *time)
        assert _absolute(text) == expected, text
        assert _lenient(text, now, fast=False) == expected, text
        assert parse_date(text, now) == expected, text


def test_other_forms_are_left_to_dateparser() -> None:
    # two-digit years, relative and year-less dates depend on now; words around a date
    for text in ("03/12/23", "2 g", "ieri alle 18:30", "27 ottobre", "Published 1 Dec 2023",
                 "Di venerdì 24 novembre 2023", "venerdì 24 novembre 2023", "1 gen 1850",
                 "26 marzo 2023 02:30", "21 novembre. 2023"):
        assert _absolute(text) is None, text
    now = dt.datetime(2023, 11, 25, 10, 0)
    assert parse_date("03/12/23", now) == dt.datetime(1923, 12, 3)
    assert parse_date("26 marzo 2023 02:30") == dt.datetime(2023, 3, 26, 3, 30)
    assert parse_date("27 ottobre", now) == dt.datetime(2023, 10, 27)
    assert parse_date("Di venerdì 24 novembre 2023") is None
