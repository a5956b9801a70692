"""The audience stage: the outlet registry, categories and certified reach per uscita."""

from audience.categories import CATEGORIES, DEFAULT_CATEGORY, normalise_category
from audience.reach import InferenceRules, Reach, infer_category, load_rules, reach_of
from audience.registry import (
    SOURCES,
    Match,
    Outlet,
    Registry,
    name_key,
    parse_audience,
    parse_outlet,
    starter_registry,
)

__all__ = [
    "CATEGORIES",
    "DEFAULT_CATEGORY",
    "SOURCES",
    "InferenceRules",
    "Match",
    "Outlet",
    "Reach",
    "Registry",
    "infer_category",
    "load_rules",
    "name_key",
    "normalise_category",
    "parse_audience",
    "parse_outlet",
    "reach_of",
    "starter_registry",
]
