"""Text in the form every stage compares it in: lower case, accents dropped.

One definition, so that a campaign term, a review's search words and an entity's
name are folded alike: ``crawler.terms`` (and, through it, the campaign file and
``review.model``) and ``extract.entities.gazetteers`` build on it.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold"]

_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _drop_marks(run: re.Match[str]) -> str:
    return "".join(c for c in run.group() if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower case, accents dropped; nothing else changes (spaces and apostrophes stay).

    >>> fold("Città di Forlì")
    'citta di forli'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    if not decomposed.isascii():
        # only characters outside ASCII can be combining marks: asking about those alone
        # folds a page of Italian text in a third of the time (the crawl folds every page)
        decomposed = _NOT_ASCII.sub(_drop_marks, decomposed)
    return decomposed.lower()
