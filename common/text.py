"""Text in the form every stage compares it in: lower case, accents dropped.

One definition, so that a campaign term, a review's search words and an entity's
name are folded alike: ``crawler.terms`` (and, through it, the campaign file and
``review.model``) and ``extract.entities.gazetteers`` build on it.
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold"]


def fold(text: str) -> str:
    """Lower case, accents dropped; nothing else changes (spaces and apostrophes stay).

    >>> fold("Città di Forlì")
    'citta di forli'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
