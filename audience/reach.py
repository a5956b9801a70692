"""The category and audience of each uscita, from the registry or inferred."""

from __future__ import annotations

from dataclasses import dataclass

from audience.categories import DEFAULT_CATEGORY
from audience.registry import Registry

__all__ = ["Reach", "reach_of", "infer_category"]

# Outlet knowledge as data: domain suffixes and name fragments per category.
_SOCIAL = {
    "facebook.com": "Facebook", "x.com": "Twitter", "twitter.com": "Twitter",
    "instagram.com": "Instagram", "linkedin.com": "LinkedIn", "youtube.com": "YouTube",
    "tiktok.com": "TikTok",
}
_AGENCIES = ("ansa", "askanews", "agir", "adnkronos", "agi", "dire", "italpress",
             "redattore sociale", "redattoresociale")
_BROADCAST = ("rainews", "tgr", "rai", "mediaset", "tgcom24", "skytg24", "sky tg24", "radio",
              "tv")
_PORTALS = {
    "virgilio.it": "Virgilio.it", "zazoom.it": "Zazoom", "informazione.it": "Informazione.it",
    "msn.com": "MSN", "libero.it": "Libero", "news.google.com": "Google News",
}


@dataclass(frozen=True)
class Reach:
    """What an uscita counts for in a review."""

    testata: str
    category: str
    audience: int | None
    source: str = ""
    outlet: str = ""  # the registry's name, "" when not in the registry
    inferred: bool = False


def _suffix_match(domain: str, table: dict[str, str]) -> str | None:
    for suffix, label in table.items():
        if domain == suffix or domain.endswith("." + suffix):
            return label
    return None


def infer_category(name: str, domain: str) -> tuple[str, str]:
    """A category for an outlet missing from the registry, and the name to show."""
    social = _suffix_match(domain, _SOCIAL)
    if social:
        return "Social Network", f"{social} – {name}" if name and name != domain else social
    portal = _suffix_match(domain, _PORTALS)
    if portal:
        return "Portali ed E-zine", f"{portal} – {name}" if name and name != domain else portal
    words = f"{name.lower()} {domain}"
    tokens = set(words.replace(".", " ").replace("-", " ").split())
    if any(a in tokens or (" " in a and a in words) for a in _AGENCIES):
        return "Agenzie", name
    if any(b in tokens or (" " in b and b in words) for b in _BROADCAST):
        return "Radio, TV e canali online", name
    return DEFAULT_CATEGORY, name


def reach_of(name: str, domain: str, registry: Registry) -> Reach:
    """The reach of one uscita of outlet ``name`` found on ``domain``."""
    outlet = registry.match(name, domain)
    if outlet is not None:
        return Reach(
            testata=outlet.name,
            category=outlet.category,
            audience=outlet.audience,
            source=outlet.source,
            outlet=outlet.name,
        )
    category, testata = infer_category(name, domain)
    return Reach(testata=testata or domain, category=category, audience=None, inferred=True)
