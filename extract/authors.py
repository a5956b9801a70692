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
    r"^(?:(?:view all posts by|(?:visualizza )?tutti gli articoli di|altri articoli di)\s+|"
    r"(?:scritto |pubblicato |articolo )?(?:by|di|da|von|a cura di)\s+|(?:di|by)(?=(?-i:[A-Z]))|"
    r"(?:autore|author|firma)\s*:?\s*)",
    re.IGNORECASE,
)
# a byline line: starts with a signature word; the name follows
_BYLINE = re.compile(
    r"^\s*(?:by|di|da|von|a cura di|autore|author|firma)\b|^\s*(?:di|by)(?=(?-i:[A-Z]))",
    re.IGNORECASE,
)
# a signature word inside a dateline, the name after it
_INLINE_BYLINE = re.compile(
    r"(?:^|(?<=[\s|·•–—,-]))(?:by|di|da|von|scritto da|pubblicato da)\s+(?=(?-i:[A-ZÀ-Ý]))",
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
    name = _MARKUP.sub(lambda m: m.group(1) or "", byline.split(";")[0]).strip(" '\"‘’“”")
    name = _PREFIX.sub("", name).strip(" -–,:")
    name = _AFTER_NAME.split(name, maxsplit=1)[0].strip(" -–,:")
    first, *others = _COAUTHORS.split(name)
    if others:
        # "Alice Gipponi e Bruno Neri", "Alice Gipponi, Bruno Neri"; "Alice Gipponi, Roma"
        # and "Alice Gipponi, ANSA" are one signature and where or with whom she wrote
        names = [_person(part) for part in (first, *others)]
        if not names[0] or len(names[0].split()) < 2:
            return _person(name) if "," not in name else ""
        co = [n for n in names[1:] if len(n.split()) >= 2 and _FULL_NAME.match(n)]
        return ", ".join([names[0], *co]) if len(co) == len(others) else names[0]
    return _person(name)


# a signature has two letters in a row at least
_LETTERS = re.compile(r"[A-Za-zÀ-ÿ]{2}")


def _person(name: str) -> str:
    """One signature as :func:`clean_author` reads it, or ""."""
    name = name.strip(" -–,:")
    if not name or _DESK.match(name) or not _LETTERS.search(name):
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


# between co-authors on one byline
_COAUTHORS = re.compile(r"\s*,\s*|\s+(?:e|and|und|&)\s+")


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
    for text in plain:
        # the signature after the date: "Pubblicato il 3 dicembre 2023 da Alice Gipponi",
        # "3 dicembre 2023 | di Alice Gipponi | Cronaca"
        match = _INLINE_BYLINE.search(text) if len(text) <= limit else None
        if match and find_dates([text[: match.start()]], limit=limit).published:
            name = clean_author(text[match.end():].split("|")[0].split("·")[0])
            # capitalised words only: "… 2023 da Roma arriva…" is a sentence
            if name and all(_CAPITALISED.match(part) for part in name.split(", ")):
                return name
    for index, text in enumerate(plain if bare_names else []):
        if not _BARE_NAME.match(text) or _DESK.match(text):
            continue
        neighbours = plain[max(0, index - 1) : index] + plain[index + 1 : index + 2]
        if any(find_dates([n], limit=60).published for n in neighbours):
            return clean_author(text)
    return ""


def _declared(metadata: str) -> list[str]:
    """The people an author field lists ("Alice Gipponi; Bruno Neri"): the first as
    :func:`clean_author` reads it, co-authors by their full names only (trafilatura
    joins with ";" the authors, and at times the publisher's town and country)."""
    first, *others = metadata.split(";")
    names = [clean_author(first)]
    for other in others:
        name = clean_author(other)
        if _FULL_NAME.match(name) and not _DESK.match(name):
            names.append(name)
    return [name for name in names if name]


# a co-author's full name: capitalised words, surname particles allowed ("Anna De Luca")
_FULL_NAME = re.compile(
    r"^[A-ZÀ-Ý][\w'’.-]+(?:\s+(?:(?:d[aeiu]|de[il]|dell[ao]|van|von|la|le)\s+)?"
    r"[A-ZÀ-Ý][\w'’.-]+)+$"
)
# a name whose every word is capitalised, particles aside: "Anna De Luca", "Realiberry"
_CAPITALISED = re.compile(
    r"^[A-ZÀ-Ý][\w'’.-]*(?:\s+(?:(?:d[aeiu]|de[il]|dell[ao]|van|von|la|le)\s+)?"
    r"[A-ZÀ-Ý][\w'’.-]*)*$"
)


def _surname(name: str) -> str:
    return name.split()[-1].casefold() if name.split() else ""


def author_of(
    metadata: str | None, after: Sequence[str], before: Sequence[str] = ()
) -> str:
    """The signing people: the page's author metadata, else the visible byline.

    A desk name first in the metadata ("Redazione") means nobody; metadata that is no
    name at all ("Published 1 Dic 2023") leaves the visible byline to decide, and so
    does metadata naming someone the byline under the title does not ("By Alice
    Gipponi" under the title, a commenter or the site's owner in the metadata).
    Several authors are listed "Alice Gipponi, Bruno Neri".

    Args:
        metadata: the author the page declares (trafilatura's reading of meta tags,
            JSON-LD and byline elements), if any.
        after: visible lines under the title, in page order.
        before: visible lines above the title, nearest first.
    """
    if metadata:
        if _is_desk(metadata.split(";")[0]):
            return ""
        names = _declared(metadata)
        if names:
            signed = byline_in(after, bare_names=False)
            if signed and not any(_surname(name) in signed.casefold() for name in names):
                return signed
            return ", ".join(names)
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
    if ", " in name:  # co-authors: "Alice Gipponi, Bruno Neri" → "A. Gipponi, B. Neri"
        return ", ".join(short_author(part) for part in name.split(", "))
    parts = name.split()
    if len(parts) < 2:
        return name
    start = len(parts) - 1
    while start > 1 and parts[start - 1].casefold() in _PARTICLES:
        start -= 1
    initials = " ".join(f"{p[0]}." for p in parts[:start] if p[0].isalpha())
    return f"{initials} {' '.join(parts[start:])}".strip()
