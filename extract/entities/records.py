"""The records the entity pipeline returns: plain frozen dataclasses, no spaCy."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["City", "Official", "Figure", "Entities"]


@dataclass(frozen=True)
class City:
    """A comune named in a text; offsets are characters of the text."""

    name: str  # as ISTAT writes it ("Reggio nell'Emilia"), also for "Reggio Emilia"
    province: str
    region: str
    istat: str
    start: int
    end: int
    text: str  # as written
    listed: bool = False  # one of a list of three or more cities (the network's stops)


@dataclass(frozen=True)
class Official:
    """A person quoted with a municipal role."""

    name: str  # the spelling kept for the person (the most frequent across texts)
    role: str  # assessore, sindaco, vicesindaco, consigliere
    comune: str = ""
    portfolio: str = ""  # "Politiche sociali e pari opportunità"
    written: str = ""  # the name as this text writes it
    variants: tuple[str, ...] = ()  # every spelling seen for the person, name first
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Figure:
    """A quantity reported with its unit: "oltre 160 persone"."""

    value: float  # an int when whole
    unit: str
    qualifier: str = ""  # oltre, circa, più di, quasi, almeno…
    text: str = ""
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Entities:
    """What one text is about: its cities, main city, officials and figures."""

    cities: tuple[City, ...] = ()
    main_city: str = ""
    officials: tuple[Official, ...] = ()
    figures: tuple[Figure, ...] = ()

    @property
    def city_names(self) -> tuple[str, ...]:
        """Each comune once, in order of first mention."""
        return tuple(dict.fromkeys(c.name for c in self.cities))
