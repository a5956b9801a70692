"""Outlet knowledge, as data: the agencies, broadcasters, portals and social networks
rassegna knows before any office registry, read from ``common/data/outlets.toml``.

One list serves every stage: ``extract`` reads which domains are aggregators (their
pages credit an original outlet) and which names are agencies (a desk byline, not a
person); ``audience`` builds its starter registry and its inference rules from it.
The file is read once per process.
"""

from __future__ import annotations

import functools
import importlib.resources
import tomllib
from dataclasses import dataclass
from typing import Any

__all__ = [
    "KINDS", "KnownOutlet", "known_outlets", "names_by_domain", "outlets_of_kind", "words_of",
]

#: the kinds of outlet the file lists, in the order its tables are read
KINDS: tuple[str, ...] = ("agency", "broadcaster", "portal", "social")
_FIELDS = frozenset({"name", "domains", "words", "notes"})


@dataclass(frozen=True)
class KnownOutlet:
    """One outlet of the shipped outlet knowledge."""

    name: str
    kind: str  # one of KINDS
    domains: tuple[str, ...] = ()  # lower case, without "www."; a subdomain matches too
    words: tuple[str, ...] = ()  # lower case words or phrases of a name that name it
    notes: str = ""


def _strings(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{where}: {key} must be a list of non-empty strings")
    return tuple(v.strip().lower() for v in value)


def _parse(raw: dict[str, Any], where: str) -> tuple[KnownOutlet, ...]:
    unknown = set(raw) - set(KINDS)
    if unknown:
        raise ValueError(f"{where}: unknown kinds {sorted(unknown)} (one of: {', '.join(KINDS)})")
    outlets: list[KnownOutlet] = []
    for kind in KINDS:
        entries = raw.get(kind, [])
        if not isinstance(entries, list):
            raise ValueError(f"{where}: [[{kind}]] must be an array of tables")
        for number, entry in enumerate(entries, start=1):
            here = f"{where}: [[{kind}]] #{number}"
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                raise ValueError(f"{here}: needs a name")
            if set(entry) - _FIELDS:
                raise ValueError(f"{here}: unknown fields {sorted(set(entry) - _FIELDS)}")
            notes = entry.get("notes", "")
            if not isinstance(notes, str):
                raise ValueError(f"{here}: notes must be a string")
            outlets.append(
                KnownOutlet(
                    name=entry["name"].strip(),
                    kind=kind,
                    domains=tuple(d.removeprefix("www.") for d in _strings(entry, "domains", here)),
                    words=_strings(entry, "words", here),
                    notes=notes.strip(),
                )
            )
    return tuple(outlets)


@functools.cache
def known_outlets() -> tuple[KnownOutlet, ...]:
    """Every outlet of ``common/data/outlets.toml``, in the file's order by kind.

    Raises:
        ValueError: when the shipped file is not of the documented shape (a bug in it).
    """
    text = (importlib.resources.files("common") / "data" / "outlets.toml").read_text("utf-8")
    return _parse(tomllib.loads(text), "outlets.toml")


def outlets_of_kind(kind: str) -> tuple[KnownOutlet, ...]:
    """The known outlets of one kind (``agency``, ``broadcaster``, ``portal``, ``social``)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (one of: {', '.join(KINDS)})")
    return tuple(o for o in known_outlets() if o.kind == kind)


def names_by_domain(kind: str) -> dict[str, str]:
    """Domain → name of the known outlets of one kind: ``{"zazoom.it": "Zazoom", …}``."""
    return {domain: o.name for o in outlets_of_kind(kind) for domain in o.domains}


def words_of(kind: str) -> tuple[str, ...]:
    """The words (and phrases) that name a known outlet of one kind, in the file's order."""
    return tuple(word for o in outlets_of_kind(kind) for word in o.words)
