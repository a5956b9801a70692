"""The one table reader and the one date parser (``common``) on degenerate input.

Empty files, a header alone, blank lines, binary junk, the encodings and delimiters
Excel saves with, workbooks with gaps; dates at the ends of the calendar, glued to
junk, relative where a file needs an absolute one. Each reader returns a result or
raises the error its caller asked for, with the file named, never anything else.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from common.dates import MONTHS, parse_date, parse_day
from common.errors import ImportFileError, RegistryError
from common.tables import EXCEL_ENCODINGS, cell_text, read_csv, read_table, read_xlsx
from rassegna.campaign import load_campaign
from rassegna.uscite_files import read_uscite

# -- tables --------------------------------------------------------------------

# a header as offices write it: names without delimiters, so its delimiter is the commonest
names = st.text(alphabet="abcdefghijklmnopqrstuvwxyzàèéìòù_ ", min_size=1, max_size=12).filter(
    str.strip
)
# any text a cell may hold; "\r" alone is a line break to the reader, as in old Mac files
cells = st.text(st.characters(blacklist_characters="\r", blacklist_categories=("Cs",)),
                max_size=40)


@st.composite
def tables(draw: st.DrawFn) -> list[list[str]]:
    header = draw(st.lists(names, min_size=2, max_size=5))
    rows = draw(st.lists(st.lists(cells, min_size=len(header), max_size=len(header)),
                         max_size=6))
    return [header, *rows]


def _csv_bytes(table: list[list[str]], delimiter: str, encoding: str) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(table)
    return out.getvalue().encode(encoding)


def _expected(table: list[list[str]]) -> list[tuple[int, tuple[str, ...]]]:
    """The rows with text and the line each starts on, as written by csv.writer."""
    expected, line = [], 1
    for row in table:
        if any(cell.strip() for cell in row):
            expected.append((line, tuple(row)))
        line += 1 + sum(cell.count("\n") for cell in row)
    return expected


@given(table=tables(), delimiter=st.sampled_from([",", ";", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
@example(table=[["testata", "titolo"], ["a\nb", "c"], ["", " "], ["d", "e"]],
         delimiter=";", encoding="utf-8-sig")  # a value over two lines, a blank row
def test_a_csv_reads_back_with_its_lines(
    tmp_path_factory: pytest.TempPathFactory, table: list[list[str]], delimiter: str,
    encoding: str,
) -> None:
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    path.write_bytes(_csv_bytes(table, delimiter, encoding))
    read = read_csv(path, ImportFileError)
    expected = _expected(table)
    assert read.delimiter == delimiter
    assert read.encoding == ("utf-16" if encoding == "utf-16" else "utf-8")
    assert (read.header_line, read.header) == expected[0]
    assert list(read.rows) == expected[1:]


@given(table=tables(), encoding=st.sampled_from(EXCEL_ENCODINGS))
def test_a_csv_saved_in_an_8_bit_encoding_keeps_its_shape(
    tmp_path_factory: pytest.TempPathFactory, table: list[list[str]], encoding: str
) -> None:
    table = [[c.encode(encoding, "ignore").decode(encoding) for c in row] for row in table]
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    path.write_bytes(_csv_bytes(table, ",", encoding))
    read = read_csv(path, ImportFileError)
    assert read.encoding in (*EXCEL_ENCODINGS, "utf-8", "latin-1")
    # a short file may be taken for the other encoding; its shape never changes
    assert len(read.header) == len(table[0]) and len(read.rows) <= len(table) - 1
    assert all(len(cells) == len(table[0]) for _, cells in read.rows)


@pytest.mark.parametrize("content", [b"", b"\n\n", b"  \r\n\t\r\n", b"\xef\xbb\xbf", b",,,\n\t\n"])
def test_a_csv_without_text_is_an_empty_table(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    table = read_csv(path)
    assert (table.header, table.rows) == ((), ())


def test_a_header_alone_is_a_table_without_rows(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_bytes(b"\xef\xbb\xbf\ntestata;titolo\n\n")  # a BOM, a blank line, the header
    table = read_csv(path)
    assert (table.header, table.header_line, table.rows) == (("testata", "titolo"), 2, ())


@given(content=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
@example(content=b"\xff\xfe\x00\xd8", suffix=".csv")  # a UTF-16 BOM, then a lone surrogate
@example(content=b'a,"b\n', suffix=".csv")  # an unterminated quote
@example(content=b'a,"b"c\n', suffix=".csv")  # text after a closing quote
@example(content=b"PK\x03\x04", suffix=".xlsx")
def test_binary_junk_is_a_table_or_the_callers_error(
    tmp_path_factory: pytest.TempPathFactory, content: bytes, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("junk") / f"junk{suffix}"
    path.write_bytes(content)
    try:
        table = read_table(path, RegistryError)
    except RegistryError as error:
        assert str(error).startswith(f"{path}")
        return
    assert all(isinstance(c, str) for _, row in table.rows for c in row)
    assert [line for line, _ in table.rows] == sorted({line for line, _ in table.rows})
    assert all(line > table.header_line for line, _ in table.rows)


def test_an_import_names_the_header_where_it_is(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_text("\n;;\ntestata;titolo\nX;LgNet2 a Latina\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"u\.csv:3: no column data \(columns: testata"):
        read_uscite(path)


def test_a_missing_file_is_the_callers_error(tmp_path: Path) -> None:
    for read, name in ((read_csv, "missing.csv"), (read_xlsx, "missing.xlsx")):
        with pytest.raises(ImportFileError, match=f"{name}: file not found"):
            read(tmp_path / name, ImportFileError)


workbook_cells = st.one_of(
    # numbers a workbook writer keeps exactly: whole ones to 15 digits, quarters
    st.none(), st.integers(-(10**15), 10**15), st.integers(-(10**15), 10**15).map(float),
    st.integers(-(10**9), 10**9).map(lambda n: n / 4), st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1)), names,
    # whole seconds: a workbook stores a moment as a fraction of a day, rounded
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 30))
    .map(lambda moment: moment.replace(microsecond=0)),
)


def _trimmed(cells: tuple[str, ...]) -> tuple[str, ...]:
    """A row without its empty cells at the end (a workbook does not store them)."""
    while cells and not cells[-1]:
        cells = cells[:-1]
    return cells


@given(rows=st.lists(st.lists(workbook_cells, min_size=1, max_size=4), max_size=6))
@example(rows=[])
@example(rows=[[None], [None, None]])
@example(rows=[[None], ["testata", 1.0], [None], [12500.0, dt.datetime(2023, 10, 1, 9, 30)]])
def test_a_workbook_reads_as_an_office_typed_it_and_is_closed(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[Any]]
) -> None:
    path = tmp_path_factory.mktemp("xlsx") / "t.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Uscite"
    for row in rows:
        sheet.append(row)
    book.save(path)
    opened: list[Any] = []
    load = openpyxl.load_workbook

    def spy(*args: Any, **kwargs: Any) -> Any:
        opened.append(load(*args, **kwargs))
        return opened[-1]

    openpyxl.load_workbook = spy  # type: ignore[assignment]  # no monkeypatch in @given
    try:
        table = read_xlsx(path, ImportFileError)
    finally:
        openpyxl.load_workbook = load
    assert all(b._archive.fp is None for b in opened)  # closed, its zip file too
    expected = [
        (number, tuple(cell_text(v) for v in row))
        for number, row in enumerate(rows, start=1)
        if any(cell_text(v).strip() for v in row)
    ]
    got = [(table.header_line, table.header), *table.rows] if table.header else []
    assert [(n, _trimmed(c)) for n, c in got] == [(n, _trimmed(c)) for n, c in expected]
    assert table.sheet == "Uscite" and table.encoding == "utf-8" and table.delimiter == ""


@given(number=st.integers(-(2**53), 2**53))
def test_a_whole_number_reads_the_same_as_an_int_or_a_float(number: int) -> None:
    assert cell_text(float(number)) == cell_text(number) == str(number)


# -- dates ---------------------------------------------------------------------

days = st.dates(min_value=dt.date.min, max_value=dt.date.max)
_NAMES = {number: [n for n, m in MONTHS.items() if m == number] for number in range(1, 13)}


@st.composite
def written_days(draw: st.DrawFn) -> tuple[str, dt.date]:
    """A day as an office writes it in a file, with stray spaces."""
    day = draw(days)
    name = draw(st.sampled_from(_NAMES[day.month]))
    forms = [
        day.isoformat(), f"{day.year:04d}{day.month:02d}{day.day:02d}",
        f"{day.day:02d}/{day.month:02d}/{day.year:04d}", f"{day.day}.{day.month}.{day.year:04d}",
        f"{day.day}-{day.month:02d}-{day.year:04d}",
        f"{day.day} {draw(st.sampled_from([name, name.upper(), name.title()]))} {day.year:04d}",
        f"{day.day}° {name}. {day.year:04d}", f"{day.isoformat()}T23:30:00+14:00",
    ]
    text = draw(st.sampled_from(forms))
    pad = draw(st.sampled_from(["", " ", "  ", "\t"]))
    return pad + text.replace(" ", draw(st.sampled_from([" ", "  "]))) + pad, day


@given(written=written_days())
@example(written=("0001-01-01", dt.date.min))
@example(written=("31/12/9999", dt.date.max))
@example(written=("29/02/2024", dt.date(2024, 2, 29)))
@example(written=("9999-12-31T23:59:59-14:00", dt.date.max))  # the day as written, not moved
def test_every_day_a_file_can_hold_is_read_strictly(written: tuple[str, dt.date]) -> None:
    text, day = written
    assert parse_day(text) == day
    assert parse_date(text, strict=True) is not None


@given(written=written_days(), junk=st.text(alphabet="xyzqk", min_size=1, max_size=3))
def test_a_day_glued_to_junk_is_refused(written: tuple[str, dt.date], junk: str) -> None:
    text, _ = written
    with pytest.raises(ValueError, match="cannot be read"):
        parse_day(text.strip() + junk)


@pytest.mark.parametrize("value", ["29/02/2023", "31/04/2023", "0000-01-01", "00/01/2023",
                                   "32 ottobre 2023", "ieri", "2 g", "18 ottobre", "", "   "])
def test_what_names_no_day_is_refused_strictly_and_said_so(value: str) -> None:
    assert parse_date(value, strict=True) is None
    with pytest.raises(ValueError, match=r"^date '.*' cannot be read$"):
        parse_day(value)


@given(value=st.one_of(st.text(max_size=40), st.binary(max_size=40).map(
    lambda b: b.decode("latin-1"))))
@example(value="1" * 400)
@example(value="\x00")
@example(value="99999999 giorni fa")
def test_any_text_is_a_day_or_a_value_error(value: str) -> None:
    try:
        day = parse_day(value)
    except ValueError:
        return
    assert isinstance(day, dt.date)


@given(day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
       form=st.sampled_from(["{d:%d/%m/%Y}", "{d:%d.%m.%Y}", "{d.day} {month} {d:%Y}",
                             "{d:%Y-%m-%d}"]))
def test_lenient_and_strict_agree_on_a_whole_date(day: dt.date, form: str) -> None:
    month = ("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre "
             "novembre dicembre").split()[day.month - 1]
    text = form.format(d=day, month=month)
    lenient = parse_date(text)
    assert lenient is not None and lenient.date() == parse_day(text) == day


@pytest.mark.parametrize(("value", "day"), [("2023-10-01", dt.date(2023, 10, 1)),
                                            ("1 ottobre 2023", dt.date(2023, 10, 1)),
                                            ("01/10/2023", dt.date(2023, 10, 1))])
def test_a_quoted_campaign_period_is_read_as_an_import_date(
    tmp_path: Path, value: str, day: dt.date
) -> None:
    path = tmp_path / "c.toml"
    path.write_text(f'[project]\nname = "x"\n[[terms]]\nterm = "x"\n[period]\nstart = "{value}"\n',
                    encoding="utf-8")
    assert load_campaign(path).start == day
