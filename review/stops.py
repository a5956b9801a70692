"""The review per city stop: its uscite, audience, the officials quoted, the figures."""

from __future__ import annotations

from dataclasses import dataclass

from review.model import Review, Uscita

__all__ = ["CityStop", "city_stops"]


@dataclass(frozen=True)
class CityStop:
    city: str
    uscite: tuple[Uscita, ...]
    officials: tuple[str, ...]  # "Michele Nasso (assessore di Latina)", once each
    figures: tuple[str, ...]  # "160 persone", as written, once each

    @property
    def audience(self) -> int:
        return sum(u.audience or 0 for u in self.uscite)


def city_stops(review: Review) -> tuple[CityStop, ...]:
    """One entry per city an uscita is about, in tour order (by first uscita)."""
    by_city: dict[str, list[Uscita]] = {}
    for u in sorted(review.uscite, key=lambda u: (u.published is None, u.published, u.id)):
        city = u.city or u.entities.main_city
        if city:
            by_city.setdefault(city, []).append(u)
    stops = []
    for city, uscite in by_city.items():
        officials: dict[str, None] = {}
        figures: dict[str, None] = {}
        for u in uscite:
            for o in u.entities.officials:
                where = f" di {o.comune}" if o.comune else ""
                officials.setdefault(f"{o.name} ({o.role}{where})", None)
            for f in u.entities.figures:
                figures.setdefault(f.text, None)
        stops.append(CityStop(city, tuple(uscite), tuple(officials), tuple(figures)))
    return tuple(stops)
