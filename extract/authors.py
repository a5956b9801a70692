"""Bylines: a person, or nobody (desk and agency bylines, "Redazione", "ANSA", name no one)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from common.outlets import words_of
from extract.dates import find_dates

__all__ = ["author_of", "byline_in", "clean_author", "short_author"]

# a byline signed by a desk or by an agency (the agencies' names are outlet knowledge,
# common/data/outlets.toml): nobody in particular
_DESK = re.compile(
    # "diredazione": a template lost the space, and the case tells nothing
    r"^(?:di|by)?(?:la\s+)?(?:redazione|staff|admin(?:istrator)?|ufficio stampa|"
    r"comunicato(?: stampa)?|autore|web ?desk|desk|agenzia|notizie|news|"
    + "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in words_of("agency"))
    + r")\b",
    re.IGNORECASE,
)
# "di Alice", "By Alice", "Autore : x", and "diRedazione" where a template lost the space
_PREFIX = re.compile(
    r"^(?:(?:scritto |pubblicato |articolo )?(?:by|di|da|a cura di)\s+|(?:di|by)(?=(?-i:[A-Z]))|"
    r"(?:autore|author|firma)\s*:?\s*)",
    re.IGNORECASE,
)
# a byline line: starts with a signature word; the name follows
_BYLINE = re.compile(
    r"^\s*(?:by|di|da|a cura di|autore|author|firma)\b|^\s*(?:di|by)(?=(?-i:[A-Z]))",
    re.IGNORECASE,
)
_MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|\*\*|__")
# what follows the name on a byline line: a date, a time, a separator, "35 minuti di lettura"
_AFTER_NAME = re.compile(
    r"\s+(?:[-–|·•,]\s*|\d|(?:il|del|on|published|pubblicato|aggiornato|lunedì|martedì|"
    r"mercoledì|giovedì|venerdì|sabato|domenica)\b)|\s*\n",
    re.IGNORECASE,
)
_NAME_CHARS = re.compile(r"^[A-Za-zÀ-ÿ'’. -]+$")
# words of a dateline or a reading time that templates put where the name goes
_NOT_NAMES = re.compile(
    r"^(?:published|pubblicato|aggiornato|updated|posted|letto|lettura|minuti|min|in|il|del|"
    r"by|di|da|foto|video|home)$",
    re.IGNORECASE,
)
# a name printed alone (often a link to the author page): two to four capitalised words
_BARE_NAME = re.compile(r"^(?:[A-ZÀ-Ý][A-Za-zÀ-ÿ'’]+\.?\s+){1,3}[A-ZÀ-Ý][A-Za-zÀ-ÿ'’]+$")


def clean_author(byline: str | None) -> str:
    """The person who signed an article, or "" for desk and unsigned bylines.

    >>> clean_author("di Alice Gipponi")
    'Alice Gipponi'
    >>> clean_author("[GIOVANNI DI MEO](#)")
    'Giovanni Di Meo'
    >>> clean_author("Redazione Genova24")
    ''
    """
    if not byline:
        return ""
    name = _MARKUP.sub(lambda m: m.group(1) or "", byline.split(";")[0]).strip()
    name = _PREFIX.sub("", name).strip(" -–,:")
    name = _AFTER_NAME.split(name, maxsplit=1)[0].strip(" -–,:")
    if not name or _DESK.match(name) or not re.search(r"[A-Za-zÀ-ÿ]{2}", name):
        return ""
    if any(_NOT_NAMES.match(word) for word in name.split()[:1]):
        return ""
    if not _NAME_CHARS.match(name) or len(name.split()) > 5:
        return ""  # a sentence or a handle, not a signature
    if " " not in name and name.islower():
        return ""  # a site account ("casertanotizie"), not a signature
    if name.isupper() or name.islower():
        name = name.title()
    return name


def _is_desk(byline: str) -> bool:
    name = _PREFIX.sub("", _MARKUP.sub(lambda m: m.group(1) or "", byline).strip()).strip(" -–,:")
    return bool(_DESK.match(name))


def byline_in(lines: Sequence[str], limit: int = 120, *, bare_names: bool = True) -> str:
    """The person signing the byline among the lines near a title, or "".

    A byline is a line opening with "By", "Di", "Autore:" (or such a word alone on its
    line, the name on the next one), or a name printed alone right next to the
    dateline ("GIOVANNI DI MEO" above "21 NOVEMBRE 2023 - 13:02"). A desk byline
    ends the search: the article is signed by nobody.

    Args:
        lines: visible lines near the title, in page order.
        limit: longest line read; longer lines are text, not bylines.
        bare_names: whether a name alone next to a date counts (under the title it
            does; above it, "Cronaca Genova" next to the date is a section label).
    """
    plain = [_MARKUP.sub(lambda m: m.group(1) or "", " ".join(line.split())) for line in lines]
    for index, text in enumerate(plain):
        if not text or len(text) > limit:
            continue
        if _BYLINE.match(text):
            if len(text.split()) == 1 and index + 1 < len(plain):
                text = f"{text} {plain[index + 1]}"  # "Di" / "redazione" on two lines
            return clean_author(text)
    for index, text in enumerate(plain if bare_names else []):
        if not _BARE_NAME.match(text) or _DESK.match(text):
            continue
        neighbours = plain[max(0, index - 1) : index] + plain[index + 1 : index + 2]
        if any(find_dates([n], limit=60).published for n in neighbours):
            return clean_author(text)
    return ""


def author_of(
    metadata: str | None, after: Sequence[str], before: Sequence[str] = ()
) -> str:
    """The signing person: the page's author metadata, else the visible byline.

    A desk name in the metadata ("Redazione") means nobody; metadata that is no name
    at all ("Published 1 Dic 2023") leaves the visible byline to decide.

    Args:
        metadata: the author the page declares (trafilatura's reading of meta tags,
            JSON-LD and byline elements), if any.
        after: visible lines under the title, in page order.
        before: visible lines above the title, nearest first.
    """
    if metadata:
        name = clean_author(metadata)
        if name or _is_desk(metadata):
            return name
    return byline_in(after) or byline_in(before, bare_names=False)


# particles that belong to an Italian surname: "Giovanni Di Meo" → "G. Di Meo"
_PARTICLES = frozenset(
    {"di", "de", "del", "della", "dello", "dei", "degli", "delle", "da", "dal", "dalla", "lo",
     "la", "li", "van", "von", "d'", "d’"}
)


def short_author(name: str) -> str:
    """Initial and surname, as a review lists journalists: "Alice Gipponi" → "A. Gipponi".

    >>> short_author("Giovanni Di Meo")
    'G. Di Meo'
    """
    parts = name.split()
    if len(parts) < 2:
        return name
    start = len(parts) - 1
    while start > 1 and parts[start - 1].casefold() in _PARTICLES:
        start -= 1
    initials = " ".join(f"{p[0]}." for p in parts[:start] if p[0].isalpha())
    return f"{initials} {' '.join(parts[start:])}".strip()
