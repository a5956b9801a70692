"""The audience stage: the outlet registry, categories and certified reach per uscita."""

from audience.categories import CATEGORIES, DEFAULT_CATEGORY, normalise_category
from audience.reach import Reach, infer_category, reach_of
from audience.registry import Outlet, Registry, parse_audience

__all__ = [
    "CATEGORIES",
    "DEFAULT_CATEGORY",
    "Outlet",
    "Reach",
    "Registry",
    "infer_category",
    "normalise_category",
    "parse_audience",
    "reach_of",
]
