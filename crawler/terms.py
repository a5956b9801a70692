"""Matching campaign terms the way outlets really write them.

"LgNet2" must match "LGNET 2", "LgNet-2", "Lgnet2", "lgnet 2" and the frequent
misreading "Ignet2" (a capital i for a lowercase L); accents are ignored, so
"città" matches "citta" and "citta'".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# terms and texts are compared folded (lower case, accents dropped)
from common.text import fold

__all__ = ["TermMatcher"]


def _pattern(term: str) -> str:
    chunks = re.findall(r"[a-z]+|[0-9]+", fold(term))
    if not chunks:
        raise ValueError(f"term {term!r} has no letters or digits")
    parts = []
    for chunk in chunks:
        # a lowercase "l" is often typed or OCR-read as a capital "I"
        parts.append("".join("[li]" if c == "l" else re.escape(c) for c in chunk))
    body = r"[\s\-_.'’]*".join(parts)
    # a term ending in a digit must not run into more digits ("LgNet2" is not "LgNet23");
    # one ending in a letter may be followed by digits ("LgNet" matches "LgNet2")
    tail = r"(?![0-9])" if chunks[-1].isdigit() else r"(?![a-z])"
    return r"(?<![a-z0-9])" + body + tail


class TermMatcher:
    """Finds any of a campaign's terms (with their variants) in a text."""

    def __init__(self, forms: Iterable[str]) -> None:
        self.forms = tuple(f for f in forms if f.strip())
        if not self.forms:
            raise ValueError("no terms to match")
        self._regex = re.compile("|".join(f"(?:{_pattern(f)})" for f in self.forms))

    def search(self, text: str) -> str | None:
        """The first term occurrence in ``text`` (lowercased, accents dropped), or None."""
        folded = fold(text)
        match = self._regex.search(folded)
        if match is None:
            return None
        return folded[match.start() : match.end()]

    def __contains__(self, text: str) -> bool:
        return self.search(text) is not None
