"""Totals of a review: overall, per city stop, press release, day and week.

Every total follows the review's rules: an uscita counts once in ``uscite``; its
outlet's figure counts once per uscita; an uscita without a figure adds nothing
to ``audience`` and is counted in ``without_audience`` (the totals are then
underestimated, and the review says so). The totals per category are the
review's category blocks' own (:class:`review.model.CategoryBlock`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from review.italian import day_month
from review.labels import TOTAL

if TYPE_CHECKING:
    from review.model import Uscita

__all__ = ["Total", "Totals", "compute_totals", "NO_CITY", "NO_DATE"]

#: The city of an uscita whose text names no main city.
NO_CITY = "non indicata"
#: The day or week of an uscita without a publication date.
NO_DATE = "data non indicata"


@dataclass(frozen=True)
class Total:
    """The uscite and audience of one group (a city, a release, a day, a week...)."""

    key: str  # stable identifier: the city, "2023-10-18", "2023-W42", the cluster id
    label: str  # what the review shows: "Genova", "18 ottobre", "16 ottobre – 22 ottobre"
    uscite: int
    audience: int
    without_audience: int  # uscite whose outlet has no certified figure

    @classmethod
    def of(cls, key: str, label: str, uscite: Sequence[Uscita]) -> Total:
        return cls(
            key=key,
            label=label,
            uscite=len(uscite),
            audience=sum(u.audience or 0 for u in uscite),
            without_audience=sum(1 for u in uscite if u.audience is None),
        )


@dataclass(frozen=True)
class Totals:
    """Every breakdown of a review's uscite; categories are in the review's blocks."""

    overall: Total
    cities: tuple[Total, ...]  # in tour order (first uscita), "non indicata" last
    releases: tuple[Total, ...]  # every press release (cluster), by first uscita
    days: tuple[Total, ...]  # by date, undated last
    weeks: tuple[Total, ...]  # ISO weeks by date, undated last


def _first_day(uscite: Iterable[Uscita]) -> dt.date:
    return min((u.published for u in uscite if u.published), default=dt.date.max)


def _group(
    uscite: Sequence[Uscita], key: Callable[[Uscita], str]
) -> dict[str, list[Uscita]]:
    groups: dict[str, list[Uscita]] = {}
    for u in uscite:
        groups.setdefault(key(u), []).append(u)
    return groups


def _week_key(day: dt.date | None) -> str:
    if day is None:
        return ""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _week_label(key: str) -> str:
    if not key:
        return NO_DATE
    monday = dt.date.fromisocalendar(int(key[:4]), int(key[6:]), 1)
    # the calendar ends on Friday 31 December 9999, in the middle of its last week
    sunday = min(monday, dt.date.max - dt.timedelta(days=6)) + dt.timedelta(days=6)
    return f"{day_month(monday)} – {day_month(sunday)}"


def compute_totals(
    uscite: Sequence[Uscita], cluster_labels: dict[int, tuple[str, int]] | None = None
) -> Totals:
    """Every breakdown of ``uscite``.

    Args:
        uscite: the review's uscite.
        cluster_labels: cluster id -> (label, source uscita id); a release without a
            label is named after the title of its first uscita.
    """
    labels = cluster_labels or {}

    cities = _group(uscite, lambda u: u.city.strip() or NO_CITY)
    city_order = sorted(cities, key=lambda c: (c == NO_CITY, _first_day(cities[c]), c.lower()))

    # an uscita never clustered is a release of its own (dedupe names clusters so)
    releases = _group(uscite, lambda u: str(u.cluster if u.cluster is not None else u.id))
    release_order = sorted(releases, key=lambda k: (_first_day(releases[k]), int(k)))

    def release_label(key: str) -> str:
        members = releases[key]
        if int(key) in labels:
            return labels[int(key)][0]
        first = min(members, key=lambda u: (u.published or dt.date.max, u.id))
        return first.title

    days = _group(uscite, lambda u: u.published.isoformat() if u.published else "")
    weeks = _group(uscite, lambda u: _week_key(u.published))
    return Totals(
        overall=Total.of("", TOTAL, uscite),
        cities=tuple(Total.of(c, c, cities[c]) for c in city_order),
        releases=tuple(Total.of(k, release_label(k), releases[k]) for k in release_order),
        days=tuple(
            Total.of(d, day_month(dt.date.fromisoformat(d)) if d else NO_DATE, days[d])
            for d in sorted(days, key=lambda d: (not d, d))
        ),
        weeks=tuple(
            Total.of(w, _week_label(w), weeks[w]) for w in sorted(weeks, key=lambda w: (not w, w))
        ),
    )
