"""Italian formatting for the review: "1.464.811", "18 ottobre", "14 dicembre 2023"."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal

__all__ = ["number", "day_month", "long_date"]


def number(value: int | None) -> str:
    """Dots as thousands separators; "" for no figure (a review leaves the cell empty)."""
    return "" if value is None else format_decimal(value, locale="it_IT")


def day_month(day: dt.date | None) -> str:
    return "" if day is None else format_date(day, "d MMMM", locale="it")


def long_date(day: dt.date | None) -> str:
    return "" if day is None else format_date(day, "d MMMM y", locale="it")
