"""The outlet registry: one row per outlet with its category and certified audience.

The office edits it as a CSV with the header
``testata,domini,categoria,audience,fonte,rilevazione,note`` (or the English
``outlet,domains,category,audience,source,measured_at,notes``); ``domini`` lists
the outlet's domains separated by ``;``. A bad row refuses the whole file.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from audience.categories import CATEGORIES, normalise_category
from rassegna.errors import RegistryError

__all__ = ["Outlet", "Registry", "parse_audience"]

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


def parse_audience(value: str) -> int | None:
    """An audience figure as offices write it: "1.464.811", "1464811", "" (none).

    Raises:
        ValueError: when the value is not a whole number.
    """
    value = value.strip().replace("\u00a0", "").replace(" ", "")
    if not value:
        return None
    if re.fullmatch(r"\d{1,3}(\.\d{3})+|\d+", value):
        return int(value.replace(".", ""))
    raise ValueError(f"audience {value!r} is not a whole number")


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower())


class Registry:
    """Outlets looked up by domain (the most specific first) or by name."""

    def __init__(self, outlets: Iterable[Outlet] = ()) -> None:
        self.outlets = tuple(outlets)
        self._by_domain = {d.lower(): o for o in self.outlets for d in o.domains}
        self._by_name = {_key(o.name): o for o in self.outlets}

    def __iter__(self) -> Iterator[Outlet]:
        return iter(self.outlets)

    def __len__(self) -> int:
        return len(self.outlets)

    def match(self, name: str = "", domain: str = "") -> Outlet | None:
        """The registry outlet of a page's outlet name or domain, or None."""
        host = domain.lower()
        while host:
            if host in self._by_domain:
                return self._by_domain[host]
            host = host.partition(".")[2] if "." in host else ""
        return self._by_name.get(_key(name)) if name else None

    @classmethod
    def from_csv(cls, path: str | Path) -> Registry:
        """Read a registry CSV; every bad row is reported with file and line.

        Raises:
            RegistryError: listing each bad row; nothing is returned in that case.
        """
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError as exc:
            raise RegistryError(f"{path}: registry file not found") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise RegistryError(f"{path}: cannot read registry as UTF-8 text ({exc})") from exc
        return cls(_parse_rows(text.splitlines(), path))


def _parse_rows(lines: list[str], path: Path) -> list[Outlet]:
    # offices save from Excel with ";" as often as with ","
    header_line = lines[0] if lines else ""
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise RegistryError(f"{path}: registry is empty") from None
    fields = [_HEADERS.get(h.strip().lower()) for h in header]
    if "name" not in fields or "category" not in fields:
        raise RegistryError(
            f"{path}:1: header must have testata and categoria "
            "(testata,domini,categoria,audience,fonte,rilevazione,note)"
        )
    outlets: list[Outlet] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        values = {f: (row[i].strip() if i < len(row) else "") for i, f in enumerate(fields) if f}
        try:
            outlet = _outlet(values)
        except ValueError as exc:
            errors.append(f"{path}:{line}: {exc}")
            continue
        key = _key(outlet.name)
        if key in seen:
            errors.append(f"{path}:{line}: outlet {outlet.name!r} already on line {seen[key]}")
            continue
        seen[key] = line
        outlets.append(outlet)
    if errors:
        raise RegistryError("\n".join(errors))
    return outlets


def _outlet(values: dict[str, str]) -> Outlet:
    name = values.get("name", "")
    if not name:
        raise ValueError("testata is empty")
    category = normalise_category(values.get("category", ""))
    if category is None:
        raise ValueError(
            f"unknown categoria {values.get('category', '')!r} (one of: {'; '.join(CATEGORIES)})"
        )
    domains = tuple(
        d.strip().lower().removeprefix("www.")
        for d in re.split(r"[;\s|]+", values.get("domains", ""))
        if d.strip()
    )
    return Outlet(
        name=name,
        category=category,
        domains=domains,
        audience=parse_audience(values.get("audience", "")),
        source=values.get("source", ""),
        measured_at=values.get("measured_at", ""),
        notes=values.get("notes", ""),
    )
