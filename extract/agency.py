"""Agency items and press-database exports, as plain text, parsed into an uscita's fields.

Press databases (Factiva and the like) export each item as a header of short lines
then the body::

    Torino nel progetto inclusivo LgNet2, in 160 trovano un tetto.
    249 words
    18 October 2023
    17:45
    ANSA - Regional Service
    ANSARE
    Italian
    © 2023 ANSA.
    Iniziativa coordinata dal ministero dell'Interno con l'Anci
    (ANSA) - TORINO, 18 OTT - Ha fatto tappa a Torino …

Some exports put the feed name before the date and the time on the date line
("21 November 2023 13:12,"), some put a masthead line before the title
("askanews", "Il Messaggero.it"). The header lines are told apart by what they are
(a word count, a date, a time, a language, a feed code, a copyright line); the
title and the feed name are what is left, by position.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from common.errors import ExtractionError
from extract.dates import parse_date

__all__ = ["AgencyItem", "is_agency_export", "parse_agency_export", "split_agency_export"]

_WORDS = re.compile(r"^(\d[\d.,]*)\s+(?:words|parole)$", re.IGNORECASE)
_TIME = re.compile(r"^(?:[01]?\d|2[0-3])[:.][0-5]\d$")
_CODE = re.compile(r"^[A-Z][A-Z0-9]{2,11}$")
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_LANGUAGES = frozenset(
    {"italian", "italiano", "english", "inglese", "german", "tedesco", "french", "francese",
     "spanish", "spagnolo"}
)
_MARKUP = re.compile(r"\*\*|__|\[([^\]]*)\]\([^)]*\)")
# "(ANSA) - TORINO, 18 OTT - " opens the text; a summary line may be glued before it
_DATELINE = re.compile(r"\s+(?=\([A-Za-z]{3,12}\)\s+[-–]\s+)")
# a Factiva title often starts with the local edition: "Latina - LATINA; Accoglienza…"
_EDITION = re.compile(r"^([A-Za-zÀ-ÿ' ]{2,30}) - (?=\1\b)", re.IGNORECASE)


@dataclass(frozen=True)
class AgencyItem:
    """One item of an agency feed or a press-database export."""

    title: str
    text: str
    feed: str
    published: dt.date | None = None
    time: dt.time | None = None
    words: int | None = None
    feed_code: str = ""
    language: str = ""
    copyright: str = ""
    subtitle: str = ""
    #: the masthead line some exports print above the title ("askanews")
    source: str = ""



def _blocks(text: str) -> list[str]:
    lines = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = " ".join(_MARKUP.sub(lambda m: m.group(1) or "", raw).split())
        if line:
            lines.append(line)
    return lines


def _kind(line: str) -> str:
    """What a header line is: words, date, time, code, language, copyright, or ""."""
    bare = line.rstrip(",;").strip()
    if _WORDS.match(bare):
        return "words"
    if _COPYRIGHT.match(bare):
        return "copyright"
    if _TIME.match(bare):
        return "time"
    if bare.casefold() in _LANGUAGES:
        return "language"
    if _CODE.match(bare):
        return "code"
    if len(bare) <= 40 and re.search(r"\d{4}", bare) and parse_date(bare) is not None:
        return "date"
    return ""


def is_agency_export(text: str, header: int = 14) -> bool:
    """Whether ``text`` opens with a press-database header (a word count and a date)."""
    kinds = {_kind(line) for line in _blocks(text)[:header]}
    return {"words", "date"} <= kinds


def parse_agency_export(text: str, header: int = 14) -> AgencyItem:
    """Parse one exported item: title, word count, date, time, feed, code, language, body.

    Args:
        text: the item as exported (blank lines between fields are optional; ``**``
            highlights and ``[text](link)`` markup are dropped).
        header: how many lines the header may take before the body starts.

    Raises:
        ExtractionError: when the text has no export header (no word count or date).
    """
    lines = _blocks(text)
    kinds = [_kind(line) for line in lines[:header]]
    if "words" not in kinds or "date" not in kinds:
        raise ExtractionError("not a press-database export: no word count and date in its header")
    # the header ends at the copyright line, or else at the last metadata line
    end = (kinds.index("copyright") if "copyright" in kinds else
           max(i for i, k in enumerate(kinds) if k)) + 1
    first_meta = next(i for i, k in enumerate(kinds) if k)
    before = [lines[i] for i in range(first_meta) if not kinds[i]]
    after = [lines[i] for i in range(first_meta, end) if not kinds[i]]
    if after:  # title, words, date, time, FEED, code…
        feed, title_lines = after[0], before
    else:  # title, FEED, date, words…
        feed, title_lines = (before[-1], before[:-1]) if len(before) > 1 else ("", before)
    if not title_lines:
        raise ExtractionError("press-database export without a title line")
    title = _EDITION.sub("", title_lines[-1].rstrip(" ,"))
    source = title_lines[0] if len(title_lines) > 1 else ""
    values = {k: lines[i].rstrip(",;").strip() for i, k in enumerate(kinds[:end]) if k}
    stamp = parse_date(values["date"])
    time = stamp.time() if stamp and (stamp.hour or stamp.minute) else None
    if "time" in values:
        hours, minutes = re.split(r"[:.]", values["time"])
        time = dt.time(int(hours), int(minutes))
    body = lines[end:]
    subtitle = ""
    if len(body) > 1 and len(body[0]) < 200 and not body[0].endswith((".", "!", "?")):
        subtitle, body = body[0], body[1:]  # the catenaccio, as the agency sends it
    elif body:
        glued = _DATELINE.split(body[0], maxsplit=1)
        if len(glued) == 2 and len(glued[0]) < 200:
            subtitle, body = glued[0], [glued[1], *body[1:]]
    words = _WORDS.match(values["words"])
    return AgencyItem(
        title=title,
        text="\n".join(body),
        feed=feed,
        published=stamp.date() if stamp else None,
        time=time,
        words=int(re.sub(r"\D", "", words.group(1))) if words else None,
        feed_code=values.get("code", ""),
        language=values.get("language", ""),
        copyright=values.get("copyright", ""),
        subtitle=subtitle,
        source=source,
    )


_SEPARATOR = re.compile(
    r"^\s*(?:-{3,}|={3,}|_{3,}|\*{3,}|\f|Document\s+[A-Za-z0-9]{10,}|Documento\s+\S+)\s*$"
)


def split_agency_export(text: str) -> list[tuple[int, str]]:
    """The items of an export file, each with the line it starts on (1-based).

    Items are separated by a rule line (``----``, ``====``), a form feed, or the
    ``Document <id>`` line press databases end each item with.
    """
    items: list[tuple[int, str]] = []
    start, current = 1, list[str]()
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if _SEPARATOR.match(line):
            if any(part.strip() for part in current):
                items.append((start, "\n".join(current)))
            start, current = number + 1, []
            continue
        if not current and not line.strip():
            start = number + 1
            continue
        current.append(line)
    if any(part.strip() for part in current):
        items.append((start, "\n".join(current)))
    return items
