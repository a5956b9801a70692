"""Bylines: a person, or nobody (desk bylines like "Redazione" are not people)."""

from __future__ import annotations

import re

__all__ = ["clean_author", "short_author"]

_DESK = re.compile(
    r"^(?:la\s+)?(?:redazione|staff|admin(?:istrator)?|ufficio stampa|comunicato(?: stampa)?|"
    r"autore|web ?desk|desk|agenzia)\b",
    re.IGNORECASE,
)
_PREFIX = re.compile(r"^(?:by|di|da|a cura di|autore\s*:?)\s+", re.IGNORECASE)


def clean_author(byline: str | None) -> str:
    """The person who signed an article, or "" for desk and unsigned bylines.

    >>> clean_author("di Alice Gipponi")
    'Alice Gipponi'
    >>> clean_author("Redazione Genova24")
    ''
    """
    if not byline:
        return ""
    name = byline.split(";")[0].strip()
    name = _PREFIX.sub("", name).strip(" -–,:")
    name = re.split(r"\s+[-–|]\s+", name)[0].strip()
    if not name or _DESK.match(name) or not re.search(r"[A-Za-zÀ-ÿ]{2}", name):
        return ""
    if " " not in name and name.islower():
        return ""  # a site account ("casertanotizie"), not a signature
    if name.isupper() or name.islower():
        name = name.title()
    return name


def short_author(name: str) -> str:
    """Initial and surname, as a review lists journalists: "Alice Gipponi" → "A. Gipponi"."""
    parts = name.split()
    if len(parts) < 2:
        return name
    initials = " ".join(f"{p[0]}." for p in parts[:-1] if p[0].isalpha())
    return f"{initials} {parts[-1]}".strip()
