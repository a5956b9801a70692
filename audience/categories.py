"""The seven media categories of a rassegna stampa, in the order a review lists them."""

from __future__ import annotations

__all__ = ["CATEGORIES", "DEFAULT_CATEGORY", "normalise_category"]

CATEGORIES: tuple[str, ...] = (
    "Agenzie",
    "Quotidiani e quotidiani online",
    "Periodici e periodici online",
    "Specializzati",
    "Radio, TV e canali online",
    "Social Network",
    "Portali ed E-zine",
)
DEFAULT_CATEGORY = "Quotidiani e quotidiani online"

_BY_KEY = {" ".join(c.lower().split()): c for c in CATEGORIES}


def normalise_category(value: str) -> str | None:
    """The category as spelled in :data:`CATEGORIES`, or None if it is not one of them."""
    return _BY_KEY.get(" ".join(value.lower().split()))
