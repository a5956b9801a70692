"""Import and export of uscite as CSV, XLSX and JSON Lines.

The columns are those an office keeps in its spreadsheet:
``testata, categoria, audience, titolo, sottotitolo, data, giornalista, url, testo``
(English ``outlet, category, audience, title, subtitle, date, author, url, text``
too); only ``testata``, ``titolo`` and ``data`` are required. A category or an
audience given in the file overrides the registry for that uscita (it is stored as
a manual correction). An export has the same columns, so it can be imported
elsewhere. An import is one transaction: a file with a bad row stores nothing
unless ``skip_invalid`` is set, and then the bad rows are written apart.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dateparser

from audience import normalise_category, parse_audience
from crawler import canonical_url, domain_of
from extract.agency import parse_agency_export, split_agency_export
from rassegna.errors import ExtractionError, ImportFileError, RassegnaError
from rassegna.store import Store

__all__ = ["COLUMNS", "ImportResult", "import_file", "import_agency", "export_rows",
           "write_export", "parse_date", "read_rows"]

COLUMNS = ("testata", "categoria", "audience", "titolo", "sottotitolo", "data", "giornalista",
           "url", "testo", "programma", "edizione", "minuto", "intervistati", "video")
#: TV and radio pieces: the programme, the edition, the minute the piece starts,
#: the people interviewed (separated by ";"), the link to the video
BROADCAST = {"programma": "programme", "edizione": "edition", "minuto": "minute",
             "intervistati": "interviewed", "video": "video"}
_ENGLISH = {"outlet": "testata", "category": "categoria", "title": "titolo",
            "subtitle": "sottotitolo", "date": "data", "author": "giornalista", "text": "testo",
            "programme": "programma", "edition": "edizione", "minute": "minuto",
            "interviewed": "intervistati"}
REQUIRED = ("testata", "titolo", "data")
FORMATS = ("csv", "jsonl", "xlsx")


@dataclass(frozen=True)
class ImportResult:
    stored: int
    rejected: list[str] = field(default_factory=list)


def parse_date(value: str) -> dt.date:
    """A date as offices write it: "2023-10-18", "18/10/2023", "18 ottobre 2023", "18 OTT 2023".

    Raises:
        ValueError: when the value cannot be read as a date.
    """
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    parsed = dateparser.parse(
        value,
        languages=["it", "en"],
        settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False,
                  "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    if parsed is None:
        raise ValueError(f"date {value!r} cannot be read")
    return parsed.date()


def _normalise_header(name: str) -> str:
    key = name.strip().lower()
    return _ENGLISH.get(key, key)


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) for every data row; the line is the file's (header = line 1)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            yield from _xlsx_rows(path)
        elif suffix in (".jsonl", ".ndjson"):
            yield from _jsonl_rows(path)
        elif suffix in (".csv", ".txt"):
            yield from _csv_rows(path)
        else:
            raise ImportFileError(f"{path}: unknown format {suffix!r} (csv, xlsx or jsonl)")
    except FileNotFoundError as exc:
        raise ImportFileError(f"{path}: file not found") from exc
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{path}: not UTF-8 text ({exc.reason})") from exc


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    text = path.read_text(encoding="utf-8-sig")
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=";" if first.count(";") > first.count(",")
                        else ",")
    header = [_normalise_header(h) for h in next(reader, [])]
    for row in reader:
        if any(cell.strip() for cell in row):
            yield reader.line_num, dict(zip(header, row, strict=False))


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ImportFileError(f"{path}:{number}: not JSON ({exc.msg})") from exc
            if not isinstance(record, dict):
                raise ImportFileError(f"{path}:{number}: not a JSON object")
            yield number, {_normalise_header(k): "" if v is None else str(v)
                           for k, v in record.items()}


def _xlsx_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [_normalise_header(str(h or "")) for h in next(rows, ())]
    for number, row in enumerate(rows, start=2):
        cells = ["" if v is None else (v.date().isoformat() if isinstance(v, dt.datetime)
                                       else str(v)) for v in row]
        if any(c.strip() for c in cells):
            yield number, dict(zip(header, cells, strict=False))


@dataclass(frozen=True)
class _Row:
    article: dict[str, Any]
    overrides: dict[str, str]


def _parse(values: dict[str, str]) -> _Row:
    get = {k: (values.get(k) or "").strip() for k in COLUMNS}
    missing = [k for k in REQUIRED if not get[k]]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    published = parse_date(get["data"])
    overrides: dict[str, str] = {}
    if get["categoria"]:
        category = normalise_category(get["categoria"])
        if category is None:
            raise ValueError(f"unknown categoria {get['categoria']!r}")
        overrides["category"] = category
    if get["audience"]:
        audience = parse_audience(get["audience"])  # raises on a non-number
        overrides["audience"] = str(audience)
    if get["url"]:
        if not get["url"].startswith(("http://", "https://")):
            raise ValueError(f"url {get['url']!r} is not an http(s) URL")
        url = canonical_url(get["url"])
    else:  # print, TV, radio: the uscita is its outlet, title and day
        key = "|".join((get["testata"].lower(), get["titolo"].lower(), published.isoformat()))
        url = "urn:rassegna:" + hashlib.sha1(key.encode()).hexdigest()[:20]
    if get["video"] and not get["video"].startswith(("http://", "https://")):
        raise ValueError(f"video {get['video']!r} is not an http(s) URL")
    broadcast: dict[str, Any] = {
        key: get[column] for column, key in BROADCAST.items() if get[column]
    }
    if "interviewed" in broadcast:
        broadcast["interviewed"] = [
            name.strip() for name in broadcast["interviewed"].split(";") if name.strip()
        ]
    article = {
        "url": url,
        "broadcast": json.dumps(broadcast, ensure_ascii=False) if broadcast else None,
        "outlet": get["testata"],
        "domain": domain_of(url) if url.startswith("http") else "",
        "title": get["titolo"],
        "subtitle": get["sottotitolo"],
        "author": get["giornalista"],
        "published": published.isoformat(),
        "text": get["testo"],
    }
    overrides["testata"] = get["testata"]
    return _Row(article, overrides)


def _store_rows(
    store: Store,
    campaign: str,
    path: Path,
    good: list[tuple[int, _Row]],
    bad: Sequence[tuple[int, Any, str]],
    skip_invalid: bool,
) -> list[str]:
    """Store the good rows in one transaction, unless a bad row refuses the file.

    Returns the "file:line: reason" of each bad row (kept apart by ``skip_invalid``).
    """
    messages = [f"{path}:{line}: {reason}" for line, _, reason in bad]
    if bad and not skip_invalid:
        raise ImportFileError("\n".join(messages))
    with store.transaction():
        for line, row in good:
            article_id = store.save_article(campaign, None, row.article)
            for name, value in row.overrides.items():
                store.correct(article_id, name, value, note=f"import {path.name}:{line}")
    return messages


def import_file(
    store: Store,
    campaign: str,
    path: Path,
    skip_invalid: bool = False,
    rejected_path: Path | None = None,
) -> ImportResult:
    """Import a file of uscite into the campaign, all rows or none.

    Raises:
        ImportFileError: listing file, line and reason of each bad row (nothing stored),
            unless ``skip_invalid``: then the valid rows are stored and the bad ones
            written to ``rejected_path`` (default: FILE.rejected.csv).
    """
    good: list[tuple[int, _Row]] = []
    bad: list[tuple[int, dict[str, str], str]] = []
    for line, values in read_rows(path):
        try:
            good.append((line, _parse(values)))
        except ValueError as exc:
            bad.append((line, values, str(exc)))
    messages = _store_rows(store, campaign, path, good, bad, skip_invalid)
    if bad:
        target = rejected_path or path.with_name(path.stem + ".rejected.csv")
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["riga", "motivo", *COLUMNS])
            for line, values, reason in bad:
                writer.writerow([line, reason, *(values.get(c, "") for c in COLUMNS)])
    return ImportResult(stored=len(good), rejected=messages)


def _broadcast_columns(stored: str | None) -> dict[str, str]:
    data = json.loads(stored) if stored else {}
    columns = {column: str(data.get(key, "")) for column, key in BROADCAST.items()}
    columns["intervistati"] = "; ".join(data.get("interviewed", []))
    return columns


def import_agency(
    store: Store,
    campaign: str,
    path: Path,
    skip_invalid: bool = False,
    rejected_path: Path | None = None,
) -> ImportResult:
    """Import a press-database export (several agency items) into the campaign.

    Each item becomes an uscita in Agenzie, its testata the feed name ("ANSA - Regional
    Service"). All items or none, as :func:`import_file`; a bad item is reported with
    the line it starts on.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ImportFileError(f"{path}: file not found") from exc
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    good: list[tuple[int, _Row]] = []
    bad: list[tuple[int, str, str]] = []
    items = split_agency_export(text)
    if not items:
        raise ImportFileError(f"{path}: no agency item in the file")
    for line, chunk in items:
        try:
            item = parse_agency_export(chunk)
        except ExtractionError as exc:
            bad.append((line, chunk, str(exc)))
            continue
        if not item.feed:
            bad.append((line, chunk, "no feed name (e.g. 'ANSA - Regional Service')"))
            continue
        if item.published is None:
            bad.append((line, chunk, "no date the item can be read by"))
            continue
        when = f"{item.published.isoformat()} {item.time or ''}".strip()
        key = "|".join((item.feed.lower(), item.title.lower(), when))
        good.append((line, _Row(
            {
                "url": "urn:rassegna:agency:" + hashlib.sha1(key.encode()).hexdigest()[:20],
                "outlet": item.feed,
                "domain": "",
                "title": item.title,
                "subtitle": item.subtitle,
                "author": "",
                "published": item.published.isoformat(),
                "text": item.text,
            },
            {"category": "Agenzie", "testata": item.feed},
        )))
    messages = _store_rows(store, campaign, path, good, bad, skip_invalid)
    if bad:
        target = rejected_path or path.with_name(path.stem + ".rejected.txt")
        target.write_text(
            "\n\n".join(f"# riga {line}: {reason}\n{chunk}" for line, chunk, reason in bad),
            encoding="utf-8",
        )
    return ImportResult(stored=len(good), rejected=messages)


def export_rows(uscite: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of the import columns for the store's uscite (corrections applied)."""
    return [
        {
            "testata": u["testata"] or u["outlet"],
            "categoria": u["category"] or "",
            "audience": "" if u["audience"] is None else u["audience"],
            "titolo": u["title"],
            "sottotitolo": u["subtitle"] or "",
            "data": u["published"] or "",
            "giornalista": u["author"] or "",
            "url": u["url"] if str(u["url"]).startswith("http") else "",
            "testo": u["text"] or "",
            **_broadcast_columns(u.get("broadcast")),
        }
        for u in uscite
    ]


def write_export(rows: Sequence[dict[str, Any]], path: Path, fmt: str) -> None:
    """Write rows as CSV, JSON Lines or XLSX (a sheet with a filter on the header)."""
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
    elif fmt == "jsonl":
        with path.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Uscite"
        sheet.append(list(COLUMNS))
        for row in rows:
            sheet.append([row[c] for c in COLUMNS])
        sheet.auto_filter.ref = sheet.dimensions
        sheet.freeze_panes = "A2"
        book.save(path)
    else:
        raise RassegnaError(f"unknown export format {fmt!r} (one of: {', '.join(FORMATS)})")
