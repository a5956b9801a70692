"""The outlet registry in the store: import a file, list outlets, set one outlet.

Each change stores the registry, whole, as a new version (see ``Store.save_registry``):
a review already built keeps the version it used until it is rebuilt with
``--refresh-audience``.
The store takes and gives :class:`~audience.Outlet` records; this module never
imports the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from audience import Outlet, Registry, parse_outlet
from common.errors import RegistryError
from rassegna.discovery import DISCOVERY
from rassegna.store import FoundDomain, Store

__all__ = ["OutletLine", "RegistryImport", "import_outlets", "list_outlets", "new_outlets",
           "set_outlet"]

#: ``status`` of an :class:`OutletLine`
IN_REGISTRY = "registro"
IN_STARTER = "registro di base"
INFERRED = "dedotta"


@dataclass(frozen=True)
class RegistryImport:
    """What ``rassegna outlets import`` stored: the registry version and its size."""

    version: int
    created: bool  # False: the file equals the latest version, nothing stored
    outlets: int


@dataclass(frozen=True)
class OutletLine:
    """One line of ``rassegna outlets list``."""

    testata: str
    category: str
    audience: int | None
    source: str = ""
    measured_at: str = ""
    domains: str = ""
    status: str = IN_REGISTRY  # "registro", or "dedotta" for an inferred category
    uscite: int = 0  # uscite of the testata in the store


def import_outlets(store: Store, path: Path) -> RegistryImport:
    """Store a registry file (CSV or XLSX) as the new registry version.

    Raises:
        RegistryError: naming file and line of every bad row; the store is unchanged.
    """
    registry = Registry.from_file(path)
    version, created = store.save_registry(registry, str(Path(path).resolve()))
    return RegistryImport(version, created, len(registry))


def set_outlet(
    store: Store,
    testata: str,
    *,
    category: str | None = None,
    audience: str | None = None,
    source: str | None = None,
    domains: str | None = None,
    measured_at: str | None = None,
    notes: str | None = None,
) -> tuple[Outlet, int]:
    """Add an outlet to the registry or change some of its fields: a new registry version.

    Fields left as None keep their value (a new outlet needs a category). Returns the
    outlet as stored and the registry version holding it.

    Raises:
        RegistryError: the category or source is unknown or the audience not a number.
    """
    current = {o.name.casefold(): o for o in store.outlets()}
    existing = current.get(testata.strip().casefold())
    if existing is None and category is None:
        raise RegistryError(f"outlet {testata!r} is not in the registry: --category is needed")
    base = existing or Outlet(name=testata.strip(), category="")
    fields = {
        "name": base.name,
        "category": category if category is not None else base.category,
        "audience": audience if audience is not None else
        ("" if base.audience is None else str(base.audience)),
        "source": source if source is not None else base.source,
        "domains": domains if domains is not None else ";".join(base.domains),
        "measured_at": measured_at if measured_at is not None else base.measured_at,
        "notes": notes if notes is not None else base.notes,
    }
    try:
        outlet = parse_outlet(fields)
    except ValueError as exc:
        raise RegistryError(f"outlet {testata!r}: {exc}") from None
    if existing is not None:
        outlet = replace(outlet, name=existing.name)
    current[outlet.name.casefold()] = outlet
    version, _ = store.save_registry(current.values(), f"outlets set {outlet.name}")
    return outlet, version


def new_outlets(store: Store, campaign: str) -> list[FoundDomain]:
    """The domains the campaign's uscite were found on through search engines or alerts
    that the office's registry does not know, the most uscite first."""
    office = {outlet.name for outlet in store.outlets()}
    return [found for found in store.found_domains(campaign, DISCOVERY)
            if found.outlet not in office or not found.outlet]


def list_outlets(
    store: Store,
    campaign: str | None = None,
    missing_audience: bool = False,
    inferred: bool = False,
) -> list[OutletLine]:
    """The registry's outlets, or the outlets to complete or confirm.

    Args:
        store: the store.
        campaign: count (and, with the flags, look for) uscite of this campaign only.
        missing_audience: only outlets without a figure: registry rows with none, and
            testate of uscite that have none (not in the registry, or no figure).
        inferred: only testate of uscite whose category was inferred (to confirm).
    """
    seen = store.reach_outlets(campaign)
    counts: dict[str, int] = {}
    for row in seen:
        if row.outlet:
            counts[row.outlet] = counts.get(row.outlet, 0) + row.uscite
    lines: list[OutletLine] = []
    if not inferred:
        for outlet in store.outlets():
            if missing_audience and outlet.audience is not None:
                continue
            lines.append(
                OutletLine(
                    testata=outlet.name, category=outlet.category, audience=outlet.audience,
                    source=outlet.source, measured_at=outlet.measured_at,
                    domains=";".join(outlet.domains), uscite=counts.get(outlet.name, 0),
                )
            )
    if inferred or missing_audience:
        office = {outlet.name for outlet in store.outlets()}
        listed = {line.testata for line in lines}
        for row in seen:
            if inferred and not row.inferred:
                continue
            if missing_audience and row.audience is not None:
                continue
            if row.testata in listed:
                continue
            listed.add(row.testata)
            lines.append(
                OutletLine(
                    testata=row.testata, category=row.category, audience=row.audience,
                    source=row.source, domains=row.domains,
                    status=INFERRED if row.inferred
                    else IN_REGISTRY if row.outlet in office else IN_STARTER,
                    uscite=row.uscite,
                )
            )
    return lines
