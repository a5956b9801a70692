"""The outlet registry: one row per outlet with its category and certified audience.

The office edits it as a CSV or an XLSX workbook (first sheet) with the header
``testata,domini,categoria,audience,fonte,rilevazione,note`` (or the English
``outlet,domains,category,audience,source,measured_at,notes``); ``domini`` lists
the outlet's domains separated by ``;``. The file is read by :mod:`common.tables`
(the encoding and the delimiter Excel saves with are detected). A bad row refuses
the whole file.

rassegna ships a starter registry (:func:`starter_registry`) with the categories of
the main national agencies, broadcasters, portals and social networks, and no
audience figure: the office's registry is looked up first, the starter one after.
Its outlets are the outlet knowledge of ``common/data/outlets.toml``, which extract
reads too; each kind of outlet there has its category here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from audience.categories import CATEGORIES, normalise_category
from common.errors import RassegnaError, RegistryError
from common.outlets import KnownOutlet, known_outlets
from common.tables import Table, read_csv, read_table

__all__ = [
    "SOURCES", "Match", "Outlet", "Registry", "name_key", "parse_audience", "parse_outlet",
    "starter_registry",
]

_HEADERS = {
    "testata": "name", "outlet": "name",
    "domini": "domains", "domains": "domains",
    "categoria": "category", "category": "category",
    "audience": "audience",
    "fonte": "source", "source": "source",
    "rilevazione": "measured_at", "measured_at": "measured_at",
    "note": "notes", "notes": "notes",
}


@dataclass(frozen=True)
class Outlet:
    """A testata of the registry."""

    name: str
    category: str
    domains: tuple[str, ...] = ()
    audience: int | None = None
    source: str = ""
    measured_at: str = ""
    notes: str = ""


#: the largest audience figure: more people than there are (a typo, or a code pasted)
MAX_AUDIENCE = 10**10


def parse_audience(value: str) -> int | None:
    """An audience figure as offices write it: "1.464.811", "1464811", "" (none).

    Raises:
        ValueError: when the value is not a whole number, or is over :data:`MAX_AUDIENCE`.
    """
    value = value.strip().replace("\u00a0", "").replace(" ", "")
    if not value:
        return None
    if not re.fullmatch(r"\d{1,3}(\.\d{3})+|\d+", value):
        raise ValueError(f"audience {value!r} is not a whole number")
    digits = value.replace(".", "").lstrip("0") or "0"
    if len(digits) > len(str(MAX_AUDIENCE)) or int(digits) > MAX_AUDIENCE:
        raise ValueError(f"audience {value[:20]!r} is more than {MAX_AUDIENCE:,} people")
    return int(digits)


def name_key(name: str) -> str:
    """An outlet name as the registry looks it up: lower case, ASCII letters and digits only.

    >>> name_key("Il Secolo XIX")
    'ilsecoloxix'
    """
    return re.sub(r"[^a-z0-9]+", "", name.lower())


@dataclass(frozen=True)
class Match:
    """A registry outlet found for a page, and how it was found."""

    outlet: Outlet
    by_domain: bool
    starter: bool  # found in the starter registry, not in the office's


class Registry:
    """Outlets looked up by domain (the most specific first) or by name.

    Args:
        outlets: the rows of the registry.
        fallback: a registry looked up when this one has no match (the starter one).
        starter: whether this is rassegna's starter registry.
    """

    def __init__(
        self,
        outlets: Iterable[Outlet] = (),
        fallback: Registry | None = None,
        starter: bool = False,
    ) -> None:
        self.outlets = tuple(outlets)
        self.fallback = fallback
        self.starter = starter
        self._by_domain = {d.lower(): o for o in self.outlets for d in o.domains}
        self._by_name = {name_key(o.name): o for o in self.outlets}

    def __iter__(self) -> Iterator[Outlet]:
        return iter(self.outlets)

    def __len__(self) -> int:
        return len(self.outlets)

    def by_domain(self, domain: str) -> Outlet | None:
        """The outlet of ``domain`` or of its closest parent domain, in this registry only."""
        host = domain.lower().removeprefix("www.")
        while host:
            if host in self._by_domain:
                return self._by_domain[host]
            host = host.partition(".")[2] if "." in host else ""
        return None

    def by_name(self, name: str) -> Outlet | None:
        """The outlet named ``name`` (case, spaces, punctuation ignored), in this registry only.

        A service of an outlet, named ``<outlet> - <service>`` as agencies name their
        feeds ("ANSA - Regional Service"), is the outlet's.
        """
        if not name:
            return None
        found = self._by_name.get(name_key(name))
        if found is None:
            head = re.split(r"\s+[-–—:|]\s+", name, maxsplit=1)[0]
            found = self._by_name.get(name_key(head)) if head != name else None
        return found

    def named(self, name: str) -> Outlet | None:
        """The outlet named exactly ``name`` (case, spaces, punctuation ignored), here or after."""
        found = self._by_name.get(name_key(name)) if name else None
        if found is None and self.fallback is not None:
            return self.fallback.named(name)
        return found

    def lookup(self, name: str = "", domain: str = "") -> Match | None:
        """The outlet of a page: by domain, then by name, then in the fallback registry."""
        outlet = self.by_domain(domain) if domain else None
        if outlet is not None:
            return Match(outlet, by_domain=True, starter=self.starter)
        outlet = self.by_name(name)
        if outlet is not None:
            return Match(outlet, by_domain=False, starter=self.starter)
        return self.fallback.lookup(name, domain) if self.fallback is not None else None

    def match(self, name: str = "", domain: str = "") -> Outlet | None:
        """The registry outlet of a page's outlet name or domain, or None."""
        found = self.lookup(name, domain)
        return found.outlet if found else None

    @classmethod
    def from_file(cls, path: str | Path) -> Registry:
        """Read a registry from a ``.csv`` file or an ``.xlsx`` workbook (its first sheet).

        Raises:
            RegistryError: listing each bad row; nothing is returned in that case.
        """
        return cls._from_table(Path(path), read_table)

    @classmethod
    def from_csv(cls, path: str | Path) -> Registry:
        """Read a registry CSV; every bad row is reported with file and line.

        Raises:
            RegistryError: listing each bad row; nothing is returned in that case.
        """
        return cls._from_table(Path(path), read_csv)

    @classmethod
    def _from_table(
        cls, path: Path, read: Callable[[Path, type[RassegnaError]], Table]
    ) -> Registry:
        if not path.exists():
            raise RegistryError(f"{path}: registry file not found")
        return cls(_parse_rows(read(path, RegistryError)))


#: the category, and the source a figure would come from, of each kind of known outlet
_STARTER_KINDS: dict[str, tuple[str, str]] = {
    "agency": ("Agenzie", ""),
    "broadcaster": ("Radio, TV e canali online", ""),
    "portal": ("Portali ed E-zine", ""),
    "social": ("Social Network", "followers"),  # a page's figure is its followers
}


def _starter_outlet(known: KnownOutlet) -> Outlet:
    category, source = _STARTER_KINDS[known.kind]
    return parse_outlet({
        "name": known.name,
        "category": category,
        "domains": ";".join(known.domains),
        "source": source,
        "notes": f"Registro di base: {known.notes}" if known.notes else "Registro di base",
    })


@functools.cache
def starter_registry() -> Registry:
    """The starter registry shipped with rassegna: categories of national outlets, no figures.

    Its outlets are the known outlets of ``common/data/outlets.toml``.
    """
    return Registry((_starter_outlet(o) for o in known_outlets()), starter=True)


def _parse_rows(table: Table) -> list[Outlet]:
    path = table.path
    if not table.header:
        raise RegistryError(f"{path}: registry is empty")
    fields = [_HEADERS.get(h.strip().lower()) for h in table.header]
    if "name" not in fields or "category" not in fields:
        raise RegistryError(
            f"{path}:{table.header_line}: header must have testata and categoria "
            "(testata,domini,categoria,audience,fonte,rilevazione,note)"
        )
    outlets: list[Outlet] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for line, row in table.rows:
        values = {f: (row[i].strip() if i < len(row) else "") for i, f in enumerate(fields) if f}
        try:
            outlet = parse_outlet(values)
        except ValueError as exc:
            errors.append(f"{path}:{line}: {exc}")
            continue
        key = name_key(outlet.name)
        if key in seen:
            errors.append(f"{path}:{line}: outlet {outlet.name!r} already on line {seen[key]}")
            continue
        seen[key] = line
        outlets.append(outlet)
    if errors:
        raise RegistryError("\n".join(errors))
    return outlets


#: The certified sources a figure may come from, as the review's note names them.
SOURCES: tuple[str, ...] = (
    "Audipress", "Audiweb", "Audicom", "Auditel", "Radiomonitor", "TER", "Audiradio", "followers",
)
_SOURCE_BY_KEY = {s.lower(): s for s in SOURCES}


def _source(value: str) -> str:
    """The source spelled as in :data:`SOURCES` (its first word decides), or ValueError."""
    if not value:
        return ""
    first = re.split(r"[\s/,;:(]+", value.strip(), maxsplit=1)[0].lower()
    if first == "follower":
        first = "followers"
    if first not in _SOURCE_BY_KEY:
        raise ValueError(f"unknown fonte {value!r} (one of: {', '.join(SOURCES)}, or empty)")
    return _SOURCE_BY_KEY[first] + value.strip()[len(first):]


def parse_outlet(values: dict[str, str]) -> Outlet:
    """An outlet from a registry row's fields (``name``, ``category``, ``domains``, ...).

    Raises:
        ValueError: naming the first bad field (empty testata, unknown categoria or
            fonte, audience not a whole number).
    """
    name = values.get("name", "").strip()
    if not name:
        raise ValueError("testata is empty")
    category = normalise_category(values.get("category", ""))
    if category is None:
        raise ValueError(
            f"unknown categoria {values.get('category', '')!r} (one of: {'; '.join(CATEGORIES)})"
        )
    domains = tuple(
        d.strip().lower().removeprefix("www.")
        for d in re.split(r"[;\s|,]+", values.get("domains", ""))
        if d.strip()
    )
    return Outlet(
        name=name,
        category=category,
        domains=domains,
        audience=parse_audience(values.get("audience", "")),
        source=_source(values.get("source", "")),
        measured_at=values.get("measured_at", "").strip(),
        notes=values.get("notes", "").strip(),
    )


