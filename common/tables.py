"""The one reader of tables: a CSV file or the first sheet of an XLSX workbook.

Both the outlet registry (``audience.registry``) and the import of uscite
(``rassegna.uscite_files``) read their files here, so a file an office saves reads the
same wherever it goes:

* a CSV may be UTF-8 (with or without a BOM), UTF-16 with its BOM, or what Excel
  saves when not asked for UTF-8 (Windows-1252, Mac Roman): the encoding is detected
  (charset-normalizer) and reported;
* its delimiter is the header's commonest of ``,``, ``;`` and tab (Excel saves with
  ``;`` in an Italian locale);
* a workbook is read read-only and always closed; a cell reads as the text an office
  would have typed in a CSV (12500.0 is "12500", a date is "2023-10-18");
* rows with no text are skipped; every row keeps the line (CSV) or the row number
  (XLSX) it starts on, so an error names file and line.

sqlite-utils' ``rows_from_file`` is not used: it reads no workbook, gives no line
numbers, guesses no 8-bit encoding, and its ``DictReader`` loses a repeated column.

Errors are raised as the caller's own :class:`~common.errors.RassegnaError` subclass
(``error=``), so a registry reports a ``RegistryError`` and an import an
``ImportFileError``, each with the file (and line) at fault.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import charset_normalizer

from common.errors import RassegnaError

__all__ = [
    "EXCEL_ENCODINGS", "MAX_CELL", "WORKBOOK_SUFFIXES", "Table", "cell_text", "decode",
    "read_csv", "read_table", "read_text", "read_xlsx",
]

#: The 8-bit encodings Excel saves a CSV in (Windows, Mac) when not asked for UTF-8.
EXCEL_ENCODINGS = ("cp1252", "mac_roman")
#: The longest value a CSV cell may hold (the csv module stops at 128 KiB by default).
MAX_CELL = 64 * 1024 * 1024
#: The delimiters a CSV may use; the header's commonest wins, "," on a tie.
DELIMITERS = (",", ";", "\t")
#: The suffixes :func:`read_table` reads as a workbook; any other is read as CSV.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")

Line = tuple[int, tuple[str, ...]]


@dataclass(frozen=True)
class Table:
    """A table as read: its header and the rows below it, each with the line it starts on.

    ``header`` is the first row with any text (empty when the file has none);
    ``rows`` the rows with text below it. ``encoding`` is the one a CSV was read with
    ("utf-8" for a workbook), ``delimiter`` its delimiter ("" for a workbook),
    ``sheet`` the title of a workbook's sheet ("" for a CSV).
    """

    path: Path
    header: tuple[str, ...]
    header_line: int
    rows: tuple[Line, ...]
    encoding: str = "utf-8"
    delimiter: str = ""
    sheet: str = ""


def cell_text(value: Any) -> str:
    """A workbook cell (or a JSON value) as the text an office would have typed in a CSV.

    >>> cell_text(12500.0), cell_text(None), cell_text(dt.datetime(2023, 10, 1, 9, 30))
    ('12500', '', '2023-10-01')
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores every number as a float: 12500.0 is 12500
    if isinstance(value, list):
        return "; ".join(cell_text(v) for v in value)
    return str(value)


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was read with.

    UTF-8 (with or without a BOM) when it is; UTF-16 when a BOM says so; else the
    likelier of the encodings Excel saves in, as charset-normalizer judges.

    Raises:
        UnicodeDecodeError: a UTF-16 BOM followed by what is not UTF-16.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=list(EXCEL_ENCODINGS)).best()
    encoding = best.encoding if best is not None else "latin-1"
    return data.decode(encoding), encoding


def read_text(path: Path, error: type[RassegnaError] = RassegnaError) -> tuple[str, str]:
    """The text of a file and its encoding, as :func:`decode` reads it.

    Raises:
        RassegnaError: as ``error``: the file is missing, unreadable, or not the
            UTF-16 its BOM says.
    """
    try:
        return decode(path.read_bytes())
    except FileNotFoundError as exc:
        raise error(f"{path}: file not found") from exc
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-16 text, as its BOM says ({exc.reason})") from exc
    except OSError as exc:
        raise error(f"{path}: cannot read the file ({exc.strerror})") from exc


def _filled(cells: Sequence[str]) -> bool:
    return any(cell.strip() for cell in cells)


def _table(path: Path, lines: Iterator[Line], **how: str) -> Table:
    """The table of the rows with text: the first is the header."""
    filled = (line for line in lines if _filled(line[1]))
    first = next(filled, None)
    if first is None:
        return Table(path, (), 0, (), **how)
    return Table(path, first[1], first[0], tuple(filled), **how)


def read_csv(path: Path, error: type[RassegnaError] = RassegnaError) -> Table:
    """Read a CSV file, whatever its encoding, delimiter and line endings.

    Raises:
        RassegnaError: as ``error``, naming the file and, for a malformed row (an
            unterminated quote, text after a closing quote), its line.
    """
    text, encoding = read_text(path, error)
    # a lone "\r" is a line break too (old Mac Excel); splitlines() would also break
    # inside a value at characters such as U+2028
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # the header: the first line with text, not a line of delimiters Excel left above it
    header = next((line for line in text.split("\n") if line.strip(" ,;\t")), "")
    delimiter = max(DELIMITERS, key=header.count)
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL))
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    start = 1  # the line the row being read starts on

    def lines() -> Iterator[Line]:
        nonlocal start
        for cells in reader:
            yield start, tuple(cells)
            start = reader.line_num + 1

    try:
        return _table(path, lines(), encoding=encoding, delimiter=delimiter)
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise error(
                f"{path}:{start}: unterminated quote: the value opened on line {start} "
                "runs to the end of the file"
            ) from None
        raise error(f"{path}:{reader.line_num}: {exc}") from None


def read_xlsx(path: Path, error: type[RassegnaError] = RassegnaError) -> Table:
    """Read the first sheet of an XLSX workbook; a row's line is its row number.

    Raises:
        RassegnaError: as ``error``: the file is missing or not a workbook.
    """
    from openpyxl import load_workbook  # imported here: only workbooks need it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as exc:
        raise error(f"{path}: file not found") from exc
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise error(f"{path}: not an XLSX workbook ({exc})") from exc
    try:
        if not book.worksheets:
            raise error(f"{path}: not an XLSX workbook (it has no sheet)")
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # some writers record a wrong size; read every row
        lines = (
            (number, tuple(cell_text(v) for v in row))
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        )
        return _table(path, lines, sheet=sheet.title)
    finally:
        book.close()


def read_table(path: Path, error: type[RassegnaError] = RassegnaError) -> Table:
    """Read a workbook (``.xlsx``, ``.xlsm``: its first sheet) or else a CSV file.

    Raises:
        RassegnaError: as ``error``, as :func:`read_csv` and :func:`read_xlsx` do.
    """
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return read_xlsx(path, error)
    return read_csv(path, error)
