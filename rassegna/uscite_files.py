"""Import and export of uscite as CSV, XLSX and JSON Lines.

The columns are those an office keeps in its spreadsheet:
``testata, categoria, audience, titolo, sottotitolo, data, giornalista, url, testo``
(English ``outlet, category, audience, title, subtitle, date, author, url, text``
too) and the broadcast columns; only ``testata``, ``titolo`` and ``data`` are
required. A CSV may be UTF-8 or what Excel saves (Windows-1252, Mac Roman): the
encoding is detected and reported. CSV and XLSX are read by :mod:`common.tables`,
the dates by :func:`common.dates.parse_day`, as the registry and the CLI read theirs.

Each row is an uscita, keyed by its canonical URL (without one: by outlet, title
and day). A new uscita takes the row's values, and a category or an audience given
in the file overrides the registry for it (stored as a manual correction). A row
that matches an uscita already stored never downgrades it: an empty cell leaves
the stored value; a testata, category, audience, title, author or date that
differs from what the store shows becomes a manual correction, one equal to it
changes nothing; the subtitle, the text and the broadcast columns fill what the
store lacks, and replace it only on an uscita imported by hand (a crawled uscita
keeps what was extracted from its page, and its archived page). So an export
imports back into its store unchanged.

An import is one transaction: a file with a bad row stores nothing unless
``skip_invalid`` is set, and then the bad rows are written apart.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from audience import CATEGORIES, normalise_category, parse_audience
from common.dates import parse_day
from common.errors import ExtractionError, ImportFileError, RassegnaError
from common.tables import Table, cell_text, read_csv, read_text, read_xlsx
from crawler import canonical_url, domain_of
from dedupe.pages import title_key
from extract.agency import parse_agency_export, split_agency_export
from rassegna.store import CORRECTABLE, YES, Store, StoredUscita
from review import Broadcast

__all__ = ["COLUMNS", "ImportResult", "Parsed", "import_file", "import_agency", "read_uscite",
           "read_agency", "store_uscite", "correction_value", "export_rows", "write_export"]

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
#: Imports of more rows than this show progress bars.
PROGRESS_ROWS = 500

#: A row's values by the field they set; those a manual correction records.
CORRECTED = ("testata", "category", "audience", "title", "author", "published")
_FILLED = ("subtitle", "text")

Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class ImportResult:
    """What an import did.

    ``new`` rows became uscite of the campaign; ``already`` matched one of its stored
    uscite, and ``changed`` of these changed it (a correction, a text it lacked);
    ``repeated`` rows repeat an earlier row of the file. ``encoding`` is the one
    the file was read with; ``ignored`` its columns that are not import columns.
    """

    new: int
    already: int = 0
    changed: int = 0
    repeated: int = 0
    rejected: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    ignored: tuple[str, ...] = ()

    @property
    def stored(self) -> int:
        """The rows stored (new, already stored, repeated)."""
        return self.new + self.already + self.repeated


# -- values, shared by the import and `rassegna correct` ---------------------------

def _category(value: str) -> str:
    category = normalise_category(value)
    if category is None:
        raise ValueError(f"unknown categoria {value!r}")
    return category


def _yes_no(value: str) -> str:
    if value.lower() in YES:
        return "1"
    if value.lower() in ("0", "false", "no"):
        return "0"
    raise ValueError(f"{value!r} is neither 1 (drop the uscita) nor 0 (keep it)")


def _not_empty(value: str) -> str:
    if not value:
        raise ValueError("the value cannot be empty")
    return value


def _figure(value: str) -> str:
    figure = parse_audience(value)
    return "" if figure is None else str(figure)


def _day(value: str) -> str:
    return parse_day(value).isoformat()


def _any(value: str) -> str:
    return value


#: How each correctable field's value is checked and written.
_CHECKS: dict[str, Callable[[str], str]] = {
    "excluded": _yes_no, "testata": _not_empty, "category": _category, "audience": _figure,
    "title": _not_empty, "author": _any, "published": _day,
}


def correction_value(field_name: str, value: str) -> str:
    """A manual correction's value, checked and written as an import writes it.

    A category is one of the seven, an audience a whole number ('' removes it), a
    date one the import reads, ``excluded`` 1 or 0; testata and title are not empty.

    Raises:
        RassegnaError: the field cannot be corrected, or the value is not one it takes.
    """
    if field_name not in CORRECTABLE:
        raise RassegnaError(f"cannot correct {field_name!r}: one of {', '.join(CORRECTABLE)}")
    try:
        return _CHECKS[field_name](value.strip())
    except ValueError as exc:
        hint = f" (one of: {'; '.join(CATEGORIES)})" if field_name == "category" else ""
        raise RassegnaError(f"correct {field_name} {value!r}: {exc}{hint}") from None


# -- reading files -----------------------------------------------------------

@dataclass(frozen=True)
class _Row:
    """A row of the file: its line, the uscita's key, the values it gives (not empty)."""

    line: int
    url: str  # the canonical URL, a urn:rassegna: key without one, "" when it has no key
    values: dict[str, Any]
    missing: tuple[str, ...]  # required columns left empty
    source: dict[str, str] | str  # the row as read, for the file of rejected rows


@dataclass(frozen=True)
class Parsed:
    """An import file, read: its rows, the bad ones with their reason, how it was read."""

    path: Path
    rows: list[_Row]
    bad: list[tuple[int, str, dict[str, str] | str]]
    encoding: str = "utf-8"
    ignored: tuple[str, ...] = ()
    agency: bool = False


def _normalise_header(name: str) -> str:
    key = name.strip().lower()
    return _ENGLISH.get(key, key)


@dataclass(frozen=True)
class _Table:
    columns: tuple[str, ...]
    rows: list[tuple[int, dict[str, str]]]
    bad: list[tuple[int, str, dict[str, str]]]
    encoding: str = "utf-8"
    header_line: int = 0  # the line of the header row; 0: none (JSON Lines)


def _header(table: Table) -> list[str]:
    names = [_normalise_header(c) for c in table.header]
    for name in names:
        if name and names.count(name) > 1:
            raise ImportFileError(
                f"{table.path}:{table.header_line}: column {name!r} appears twice in the header"
            )
    return names


def _read_table(path: Path) -> _Table:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        table = _xlsx_table(path)
    elif suffix in (".jsonl", ".ndjson"):
        table = _jsonl_table(path)
    elif suffix in (".csv", ".txt"):
        table = _csv_table(path)
    elif suffix == ".xls":
        raise ImportFileError(f"{path}: Excel 97 workbooks are not read: save it as .xlsx")
    else:
        raise ImportFileError(f"{path}: unknown format {suffix!r} (csv, xlsx or jsonl)")
    missing = [name for name in REQUIRED if name not in table.columns]
    if missing:
        where = f"{path}:{table.header_line}" if table.header_line else str(path)
        raise ImportFileError(
            f"{where}: no column {', '.join(missing)} (columns: "
            f"{', '.join(c for c in table.columns if c) or 'none'})"
        )
    return table


def _csv_table(path: Path) -> _Table:
    table = read_csv(path, ImportFileError)
    if not table.header:
        raise ImportFileError(f"{path}: the file is empty")
    header = _header(table)
    rows: list[tuple[int, dict[str, str]]] = []
    bad: list[tuple[int, str, dict[str, str]]] = []
    for start, cells in table.rows:
        values = dict(zip(header, cells, strict=False))
        if any(cell.strip() for cell in cells[len(header):]):
            reason = (f"{len(cells)} cells where the header has {len(header)} "
                      f"(a {table.delimiter!r} inside a value needs quotes)")
            bad.append((start, reason, values))
        else:
            rows.append((start, values))
    if not rows and not bad:
        raise ImportFileError(f"{path}: no rows below the header")
    return _Table(tuple(header), rows, bad, table.encoding, table.header_line)


def _jsonl_table(path: Path) -> _Table:
    text, encoding = read_text(path, ImportFileError)
    rows: list[tuple[int, dict[str, str]]] = []
    columns: dict[str, None] = {}
    # not splitlines(): a JSON string may hold U+2028, which is no line break in JSON
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ImportFileError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise ImportFileError(f"{path}:{number}: not a JSON object")
        values = {_normalise_header(str(k)): cell_text(v) for k, v in record.items()}
        columns.update(dict.fromkeys(values))
        rows.append((number, values))
    if not rows:
        raise ImportFileError(f"{path}: the file is empty")
    return _Table(tuple(columns), rows, [], encoding)


def _xlsx_table(path: Path) -> _Table:
    table = read_xlsx(path, ImportFileError)
    if not table.header:
        raise ImportFileError(f"{path}: sheet {table.sheet!r} has no rows")
    header = _header(table)
    rows = [(number, dict(zip(header, cells, strict=False))) for number, cells in table.rows]
    if not rows:
        raise ImportFileError(f"{path}: sheet {table.sheet!r} has no rows below the header")
    return _Table(tuple(header), rows, [], header_line=table.header_line)


def _key_url(testata: str, title: str, published: str) -> str:
    """The key of an uscita without a web page (print, TV, radio): outlet, title, day.

    Case, accents, spacing and punctuation do not count (``dedupe.pages.title_key``,
    the rule that tells a row without URL from a crawled page): "Latina accoglie" and
    "LATINA  accoglie." are one uscita. Uscite stored under an older key are found
    by their values (``_unlinked``).
    """
    key = "|".join((title_key(testata), title_key(title), published))
    return "urn:rassegna:" + hashlib.sha1(key.encode()).hexdigest()[:20]


def _parse(line: int, source: dict[str, str]) -> _Row:
    """The values a row gives, checked.

    Raises:
        ValueError: a value that is not one its column takes.
    """
    get = {k: (source.get(k) or "").strip() for k in COLUMNS}
    values: dict[str, Any] = {
        name: get[column]
        for column, name in (("testata", "testata"), ("titolo", "title"),
                             ("sottotitolo", "subtitle"), ("giornalista", "author"),
                             ("testo", "text"))
        if get[column]
    }
    if get["data"]:
        values["published"] = parse_day(get["data"]).isoformat()
    if get["categoria"]:
        values["category"] = _category(get["categoria"])
    if get["audience"]:
        values["audience"] = parse_audience(get["audience"])  # raises on a non-number
    missing = tuple(k for k in REQUIRED if not get[k])
    if get["url"]:
        if not get["url"].startswith(("http://", "https://")):
            raise ValueError(f"url {get['url']!r} is not an http(s) URL")
        url = canonical_url(get["url"])
    elif missing:
        raise ValueError(f"missing {', '.join(missing)}")
    else:  # print, TV, radio: the uscita is its outlet, title and day
        url = _key_url(get["testata"], get["titolo"], values["published"])
    if get["video"] and not get["video"].startswith(("http://", "https://")):
        raise ValueError(f"video {get['video']!r} is not an http(s) URL")
    broadcast: dict[str, Any] = {
        key: get[column] for column, key in BROADCAST.items() if get[column]
    }
    if "interviewed" in broadcast:
        broadcast["interviewed"] = [
            name.strip() for name in broadcast["interviewed"].split(";") if name.strip()
        ]
    if broadcast:
        values["broadcast"] = broadcast
    return _Row(line, url, values, missing, source)


def _each(items: Sequence[Any], bar: Callable[[str], Progress] | None, step: str) -> Iterator[Any]:
    """The items, with a progress bar when there are many."""
    update = bar(step) if bar is not None and len(items) > PROGRESS_ROWS else None
    for number, item in enumerate(items, start=1):
        yield item
        if update is not None and (number % 250 == 0 or number == len(items)):
            update(number, len(items))


def _refuse(path: Path, bad: Sequence[tuple[int, str, Any]], skip_invalid: bool) -> list[str]:
    """The "file:line: reason" of each bad row; ImportFileError with them all, unless skipped."""
    messages = [f"{path}:{line}: {reason}" for line, reason, _ in sorted(bad, key=lambda b: b[0])]
    if messages and not skip_invalid:
        raise ImportFileError("\n".join(messages))
    return messages


def read_uscite(
    path: Path, bar: Callable[[str], Progress] | None = None, skip_invalid: bool = False
) -> Parsed:
    """Read a CSV, XLSX or JSON Lines file of uscite; nothing is stored.

    Raises:
        ImportFileError: the file cannot be read as a whole (not found, empty, a
            required column missing, an unterminated quote), with file and line; or,
            unless ``skip_invalid``, it has bad rows: each with its line and reason.
    """
    table = _read_table(path)
    rows: list[_Row] = []
    bad: list[tuple[int, str, dict[str, str] | str]] = list(table.bad)
    for line, values in _each(table.rows, bar, "read"):
        try:
            rows.append(_parse(line, values))
        except ValueError as exc:
            bad.append((line, str(exc), values))
    _refuse(path, bad, skip_invalid)
    ignored = tuple(c for c in table.columns if c and c not in COLUMNS)
    return Parsed(path, rows, bad, table.encoding, ignored)


def read_agency(
    path: Path, bar: Callable[[str], Progress] | None = None, skip_invalid: bool = False
) -> Parsed:
    """Read a press-database export: each item an uscita in Agenzie, named after its feed.

    Raises:
        ImportFileError: the file cannot be read or holds no agency item; or, unless
            ``skip_invalid``, it has bad items: each with its line and reason.
    """
    text, encoding = read_text(path, ImportFileError)
    items = split_agency_export(text)
    if not items:
        raise ImportFileError(f"{path}: no agency item in the file")
    rows: list[_Row] = []
    bad: list[tuple[int, str, dict[str, str] | str]] = []
    for line, chunk in _each(items, bar, "read"):
        try:
            item = parse_agency_export(chunk)
        except ExtractionError as exc:
            bad.append((line, str(exc), chunk))
            continue
        if not item.feed:
            bad.append((line, "no feed name (e.g. 'ANSA - Regional Service')", chunk))
            continue
        if item.published is None:
            bad.append((line, "no date the item can be read by", chunk))
            continue
        when = f"{item.published.isoformat()} {item.time or ''}".strip()
        key = "|".join((item.feed.lower(), item.title.lower(), when))
        values = {"testata": item.feed, "title": item.title, "subtitle": item.subtitle,
                  "published": item.published.isoformat(), "text": item.text,
                  "category": "Agenzie"}
        rows.append(_Row(
            line, "urn:rassegna:agency:" + hashlib.sha1(key.encode()).hexdigest()[:20],
            {k: v for k, v in values.items() if v}, (), chunk,
        ))
    _refuse(path, bad, skip_invalid)
    return Parsed(path, rows, bad, encoding, agency=True)


# -- storing -----------------------------------------------------------------

@dataclass(frozen=True)
class _Plan:
    """What a row stores: article fields, manual corrections, and what it was."""

    row: _Row
    fields: dict[str, str]
    corrections: dict[str, str]
    kind: str  # "new", "already", "repeated"
    broadcast: Broadcast | None = None


def _broadcast(values: dict[str, Any]) -> Broadcast:
    return Broadcast(**{**values, "interviewed": tuple(values.get("interviewed", ()))})


def _shown(uscita: StoredUscita) -> dict[str, Any]:
    """An uscita's values as the store shows them (and an export writes them), by field."""
    return {
        "testata": uscita.testata or uscita.outlet,
        "category": uscita.category,
        "audience": uscita.audience,
        "title": uscita.title,
        "subtitle": uscita.subtitle,
        "author": uscita.author,
        "published": uscita.published.isoformat() if uscita.published else "",
        "text": uscita.text,
        "broadcast": None if uscita.broadcast is None else uscita.broadcast.given(),
        "page_url": uscita.page_url,
        "in_campaign": uscita.in_campaign,
    }


def _as_text(value: Any) -> str:
    return "" if value is None else str(value)


def _new(row: _Row) -> tuple[dict[str, Any], dict[str, str], dict[str, Any]]:
    """Fields and corrections of a new uscita, and how the store will then show it."""
    values = row.values
    fields = {
        "outlet": values["testata"],
        "domain": domain_of(row.url) if row.url.startswith("http") else "",
        **{name: values.get(name, "") for name in ("title", "subtitle", "author",
                                                   "published", "text")},
        "broadcast": values.get("broadcast"),
    }
    corrections = {name: _as_text(values[name]) for name in ("category", "audience")
                   if name in values}
    corrections["testata"] = values["testata"]
    shown = {**{name: "" for name in ("category", "subtitle", "author", "text")},
             "audience": None, "broadcast": None, **values, "page_url": "", "in_campaign": True}
    return fields, corrections, shown


def _changes(row: _Row, shown: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """What a row changes of an uscita the store shows as ``shown``.

    A value equal to the shown one changes nothing. A different testata, category,
    audience, title, author or date is a manual correction; a subtitle, a text or
    broadcast details fill what the uscita lacks, and replace what it has only
    when it was imported by hand (a crawled uscita keeps what its page says).
    """
    corrections = {name: _as_text(value) for name, value in row.values.items()
                   if name in CORRECTED and value != shown[name]}
    by_hand = not shown["page_url"]
    fields: dict[str, Any] = {
        name: row.values[name] for name in _FILLED
        if row.values.get(name) and row.values[name] != shown[name]
        and (by_hand or not shown[name])
    }
    if "broadcast" in row.values and (by_hand or not shown["broadcast"]):
        merged = {**(shown["broadcast"] or {}), **row.values["broadcast"]}
        if merged != shown["broadcast"]:
            fields["broadcast"] = merged
    return fields, corrections


def _unlinked(store: Store) -> dict[str, str]:
    """Key -> stored URL of the uscite without a web page, by their corrected values.

    An export shows a corrected title or date: its row must still find its uscita.
    """
    found = {}
    for uscita in store.unlinked_uscite():
        published = uscita.published.isoformat() if uscita.published else ""
        key = _key_url(uscita.testata or uscita.outlet, uscita.title, published)
        if key != uscita.url:
            found[key] = uscita.url
    return found


def _plan(store: Store, campaign: str, rows: list[_Row]) -> tuple[list[_Plan], list[_Row]]:
    """The plan of each row, in file order, and the rows that cannot be stored."""
    stored = store.uscite_at(campaign, [row.url for row in rows])
    keyless = [row for row in rows if row.url not in stored
               and row.url.startswith("urn:rassegna:")
               and not row.url.startswith("urn:rassegna:agency:")]
    if keyless:
        moved = {key: url for key, url in _unlinked(store).items() if key not in stored}
        rows = [replace(row, url=moved[row.url]) if row.url in moved else row for row in rows]
        stored.update(store.uscite_at(campaign, [moved[r.url] for r in keyless
                                                 if r.url in moved]))
    shown = {url: _shown(uscita) for url, uscita in stored.items()}
    seen: set[str] = set()
    plans: list[_Plan] = []
    unkeyed: list[_Row] = []
    for row in rows:
        before = shown.get(row.url)
        if before is None:
            if row.missing:
                unkeyed.append(row)
                continue
            fields, corrections, shown[row.url] = _new(row)
            kind = "new"
        else:
            fields, corrections = _changes(row, before)
            shown[row.url] = {**before, **fields, **{k: row.values[k] for k in corrections},
                              "in_campaign": True}
            kind = "repeated" if row.url in seen else "already" if before["in_campaign"] \
                else "new"
        seen.add(row.url)
        details = fields.pop("broadcast", None)
        plans.append(_Plan(row, fields, corrections, kind,
                           None if details is None else _broadcast(details)))
    return plans, unkeyed


def store_uscite(
    store: Store,
    campaign: str,
    parsed: Parsed,
    skip_invalid: bool = False,
    rejected_path: Path | None = None,
    bar: Callable[[str], Progress] | None = None,
) -> ImportResult:
    """Store the rows of a file read by :func:`read_uscite` or :func:`read_agency`.

    All rows or none: a bad row refuses the file, unless ``skip_invalid``; then the
    valid rows are stored and the bad ones written to ``rejected_path`` (default:
    FILE.rejected.csv, or .txt for an agency export).

    Raises:
        ImportFileError: listing file, line and reason of each bad row (nothing stored).
    """
    plans, unkeyed = _plan(store, campaign, parsed.rows)
    bad = sorted(
        [*parsed.bad, *((r.line, f"missing {', '.join(r.missing)}", r.source) for r in unkeyed)],
        key=lambda item: item[0],
    )
    messages = _refuse(parsed.path, bad, skip_invalid)
    with store.transaction():
        for plan in _each(plans, bar, "store"):
            if plan.fields or plan.broadcast or plan.corrections or plan.kind == "new":
                store.save_imported(campaign, plan.row.url, plan.fields, plan.corrections,
                                    note=f"import {parsed.path.name}:{plan.row.line}",
                                    broadcast=plan.broadcast)
    if bad:
        _write_rejected(parsed, bad, rejected_path)
    kinds = [plan.kind for plan in plans]
    return ImportResult(
        new=kinds.count("new"),
        already=kinds.count("already"),
        changed=sum(1 for p in plans
                if p.kind == "already" and (p.fields or p.broadcast or p.corrections)),
        repeated=kinds.count("repeated"),
        rejected=messages,
        encoding=parsed.encoding,
        ignored=parsed.ignored,
    )


def _write_rejected(
    parsed: Parsed, bad: Sequence[tuple[int, str, dict[str, str] | str]], target: Path | None
) -> None:
    path = parsed.path
    if parsed.agency:
        (target or path.with_name(path.stem + ".rejected.txt")).write_text(
            "\n\n".join(f"# riga {line}: {reason}\n{chunk}" for line, reason, chunk in bad),
            encoding="utf-8",
        )
        return
    with (target or path.with_name(path.stem + ".rejected.csv")).open(
        "w", encoding="utf-8", newline=""
    ) as handle:
        writer = csv.writer(handle)
        writer.writerow(["riga", "motivo", *COLUMNS])
        for line, reason, values in bad:
            cells = values if isinstance(values, dict) else {}
            writer.writerow([line, reason, *(cells.get(c, "") for c in COLUMNS)])


def import_file(
    store: Store,
    campaign: str,
    path: Path,
    skip_invalid: bool = False,
    rejected_path: Path | None = None,
    bar: Callable[[str], Progress] | None = None,
) -> ImportResult:
    """Import a file of uscite into the campaign, all rows or none.

    Raises:
        ImportFileError: the file cannot be read, or lists file, line and reason of
            each bad row (nothing stored), unless ``skip_invalid``: then the valid
            rows are stored and the bad ones written to ``rejected_path`` (default:
            FILE.rejected.csv).
    """
    parsed = read_uscite(path, bar, skip_invalid)
    return store_uscite(store, campaign, parsed, skip_invalid, rejected_path, bar)


def import_agency(
    store: Store,
    campaign: str,
    path: Path,
    skip_invalid: bool = False,
    rejected_path: Path | None = None,
    bar: Callable[[str], Progress] | None = None,
) -> ImportResult:
    """Import a press-database export (several agency items) into the campaign.

    Each item becomes an uscita in Agenzie, its testata the feed name ("ANSA - Regional
    Service"). All items or none, as :func:`import_file`; a bad item is reported with
    the line it starts on.
    """
    parsed = read_agency(path, bar, skip_invalid)
    return store_uscite(store, campaign, parsed, skip_invalid, rejected_path, bar)


# -- export ------------------------------------------------------------------

def _broadcast_columns(data: dict[str, Any] | None) -> dict[str, str]:
    data = data or {}
    columns = {column: str(data.get(key, "")) for column, key in BROADCAST.items()}
    columns["intervistati"] = "; ".join(data.get("interviewed", []))
    return columns


def export_rows(uscite: Sequence[StoredUscita]) -> list[dict[str, Any]]:
    """Rows of the import columns for the store's uscite (corrections applied)."""
    rows = []
    for uscita in uscite:
        shown = _shown(uscita)
        rows.append({
            "testata": shown["testata"],
            "categoria": shown["category"],
            "audience": "" if shown["audience"] is None else shown["audience"],
            "titolo": shown["title"],
            "sottotitolo": shown["subtitle"],
            "data": shown["published"],
            "giornalista": shown["author"],
            "url": uscita.url if uscita.url.startswith("http") else "",
            "testo": shown["text"],
            **_broadcast_columns(shown["broadcast"]),
        })
    return rows


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
