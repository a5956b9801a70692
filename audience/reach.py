"""The category and audience of each uscita, from the registry or inferred.

An uscita's outlet is looked up in the office's registry, then in the starter
registry; when neither knows it, its category is inferred by the rules of
``audience/data/rules.toml`` and the uscita is marked ``inferred`` (to confirm).
The rules start from the outlet knowledge (``common/data/outlets.toml``: the domains
of the known social networks and portals, the words of the known agencies and
broadcasters); a rules file adds to it.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from audience.categories import DEFAULT_CATEGORY, normalise_category
from audience.registry import Match, Registry, name_key
from common.outlets import names_by_domain, words_of

__all__ = ["InferenceRules", "Reach", "infer_category", "load_rules", "reach_of"]

#: Categories whose testata is "<platform or portal> – <page or original outlet>".
_COMPOSED = ("Social Network", "Portali ed E-zine")


@dataclass(frozen=True)
class Reach:
    """What an uscita counts for in a review."""

    testata: str
    category: str
    audience: int | None
    source: str = ""
    outlet: str = ""  # the registry's name, "" when not in a registry
    inferred: bool = False


@dataclass(frozen=True)
class InferenceRules:
    """Categories for outlets missing from every registry, as data."""

    default: str
    social: dict[str, str]  # domain -> platform
    portals: dict[str, str]  # domain -> portal
    words: tuple[tuple[str, tuple[str, ...]], ...]  # (category, words), tried in order


#: the rule tables a rules file may hold, and the kind of known outlet each starts from
_KNOWN_KINDS = {
    "social_networks": "social", "portals": "portal", "agencies": "agency",
    "broadcasters": "broadcaster",
}
#: a word group's category when the rules file does not name one
_GROUP_CATEGORIES = {"agencies": "Agenzie", "broadcasters": "Radio, TV e canali online"}


@functools.cache
def load_rules(path: Path | None = None) -> InferenceRules:
    """The inference rules of ``path``, by default the ones shipped in ``audience/data``.

    Each table of the file adds to the outlet knowledge of its kind (domains of the
    known social networks and portals, words of the known agencies and broadcasters).

    Raises:
        ValueError: naming the file, when it is not TOML, a table is not of the shape
            the shipped file has, or a category is not one of the seven.
        OSError: when the file cannot be read.
    """
    if path is None:
        text = (importlib.resources.files("audience") / "data" / "rules.toml").read_text("utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    where = path or "rules.toml"
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{where}: {exc}") from exc

    def category(value: object) -> str:
        found = normalise_category(value) if isinstance(value, str) else None
        if found is None:
            raise ValueError(f"{where}: unknown category {value!r}")
        return found

    def names(key: str) -> dict[str, str]:
        table = raw.get(key, {})
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise ValueError(f"{where}: [{key}] must map domains to names")
        return names_by_domain(_KNOWN_KINDS[key]) | table

    def group(key: str) -> tuple[str, tuple[str, ...]]:
        known = words_of(_KNOWN_KINDS[key])
        if key not in raw:
            return _GROUP_CATEGORIES[key], known
        table = raw[key]
        words = table.get("words") if isinstance(table, dict) else None
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ValueError(f"{where}: [{key}] needs a category and a list of words")
        return category(table.get("category")), known + tuple(w.lower() for w in words)

    return InferenceRules(
        default=category(raw.get("default", DEFAULT_CATEGORY)),
        social=names("social_networks"),
        portals=names("portals"),
        words=tuple(group(key) for key in ("agencies", "broadcasters")),
    )


def _suffix_match(domain: str, table: dict[str, str]) -> str | None:
    for suffix, label in table.items():
        if domain == suffix or domain.endswith("." + suffix):
            return label
    return None


def _composed(label: str, name: str, domain: str) -> str:
    """``<label> – <name>``, or the label alone when the name is only the site's own."""
    if not name or name.lower() == domain.lower() or _same_first_word(label, name):
        return label
    return f"{label} – {name}"


def _same_first_word(a: str, b: str) -> bool:
    # "Virgilio Notizie" on virgilio.it is the portal itself, not an original outlet
    words_a = re.findall(r"[a-z0-9]+", a.lower())
    words_b = re.findall(r"[a-z0-9]+", b.lower())
    return bool(words_a and words_b and words_a[0] == words_b[0])


def infer_category(
    name: str, domain: str, rules: InferenceRules | None = None
) -> tuple[str, str]:
    """A category for an outlet missing from the registry, and the name to show."""
    rules = rules or load_rules()
    domain = domain.lower().removeprefix("www.")
    social = _suffix_match(domain, rules.social)
    if social:
        return "Social Network", _composed(social, name, domain)
    portal = _suffix_match(domain, rules.portals)
    if portal:
        return "Portali ed E-zine", _composed(portal, name, domain)
    words = f"{name.lower()} {domain}"
    tokens = set(words.replace(".", " ").replace("-", " ").split())
    for category, names in rules.words:
        if any(w in tokens or (" " in w and w in words) for w in names):
            return category, name
    return rules.default, name


def reach_of(name: str, domain: str, registry: Registry) -> Reach:
    """The reach of one uscita of outlet ``name`` found on ``domain``.

    A portal's figure counts for every uscita it republishes; a social network's
    figure is a page's followers, so a platform row (``Facebook``) gives the category
    only and the figure comes from a row named for the page (``Facebook – Comune di
    Latina``).
    """
    found = registry.lookup(name, domain)
    if found is not None:
        return _from_registry(found, name, domain, registry)
    category, testata = infer_category(name, domain)
    return Reach(testata=testata or domain, category=category, audience=None, inferred=True)


def _from_registry(found: Match, name: str, domain: str, registry: Registry) -> Reach:
    outlet = found.outlet
    testata = outlet.name
    audience, source = outlet.audience, outlet.source
    if found.by_domain and outlet.category in _COMPOSED:
        testata = _composed(outlet.name, name, domain)
        if outlet.category == "Social Network" and testata != outlet.name:
            page = registry.named(testata)
            audience = page.audience if page else None
            source = page.source if page else ""
    elif name and name_key(name) != name_key(domain) and (
        found.starter or (not found.by_domain and name_key(name) != name_key(outlet.name))
    ):
        # the page names a service of the outlet ("ANSA - Regional Service"), which the
        # review keeps; the starter registry only knows the category, never the name
        testata = name
    return Reach(
        testata=testata,
        category=outlet.category,
        audience=audience,
        source=source,
        outlet=outlet.name,
    )
