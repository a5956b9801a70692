"""Imports of files as people really save them: bad dates, Excel encodings, broken CSV.

Each refused file is one line naming the file and the line, exit code 1, and a
store left as it was.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner, Result

from common.dates import parse_day
from common.errors import ImportFileError
from rassegna.cli import app
from rassegna.store import open_store
from rassegna.uscite_files import import_file, read_uscite

runner = CliRunner()
HEADER = "testata,titolo,data,testo\n"
GOOD = "Il Giornale di Carta,LgNet2 a Latina,18/10/2023,Testo\n"


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    path = tmp_path / "c.toml"
    path.write_text('[project]\nname = "Prova"\n[[terms]]\nterm = "LgNet2"\n', encoding="utf-8")
    return path


def run_import(tmp_path: Path, campaign: Path, file: Path, *extra: str) -> Result:
    return runner.invoke(app, ["import", str(file), "--db", str(tmp_path / "s.db"),
                               "--campaign", str(campaign), *extra])


def dump(db: Path) -> list[str]:
    """The store's content but for the campaigns table (each command registers its campaign)."""
    if not db.exists():
        return []
    store = open_store(db)
    lines = [line for line in store.db.conn.iterdump() if 'INTO "campaigns"' not in line]
    store.close()
    return lines


def refused(tmp_path: Path, campaign: Path, file: Path, message: str) -> None:
    """Importing ``file`` fails with exactly one error line, ``message``, store untouched."""
    before = dump(tmp_path / "s.db")
    result = run_import(tmp_path, campaign, file)
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {message}"], result.output
    assert "Traceback" not in result.output
    assert dump(tmp_path / "s.db") == before


@pytest.mark.parametrize("value", ["ieri", "oggi", "2 giorni fa", "tra 3 giorni",
                                   "la settimana scorsa", "2023-10-18xx", "18/10/2023 ok",
                                   "31/02/2023", "18 ottobre", "20231018xx"])
def test_relative_and_trailing_junk_dates_are_refused_with_file_and_line(
    tmp_path: Path, campaign: Path, value: str
) -> None:
    file = tmp_path / "u.csv"
    file.write_text(HEADER + GOOD + f"X,LgNet2 a Bari,{value},\n", encoding="utf-8")
    refused(tmp_path, campaign, file, f"{file}:3: date {value!r} cannot be read")


@pytest.mark.parametrize(
    ("value", "day"),
    [("18 OTT 2023", dt.date(2023, 10, 18)), ("18 ott. 2023", dt.date(2023, 10, 18)),
     ("1° novembre 2023", dt.date(2023, 11, 1)), ("18.10.2023", dt.date(2023, 10, 18)),
     ("18-10-2023", dt.date(2023, 10, 18)), ("2023-10-18T23:30:00Z", dt.date(2023, 10, 18)),
     ("2023-10-18 10:30", dt.date(2023, 10, 18)), ("mercoledì 18 ottobre 2023",
                                                   dt.date(2023, 10, 18)),
     ("October 18, 2023", dt.date(2023, 10, 18)), ("1st October 2023", dt.date(2023, 10, 1)),
     ("18/10/23", dt.date(2023, 10, 18)),
     ("  21   NOVEMBRE 2023 ", dt.date(2023, 11, 21))],
)
def test_dates_offices_write_are_read(value: str, day: dt.date) -> None:
    assert parse_day(value) == day


def test_a_csv_saved_by_excel_in_cp1252_is_read_and_said_so(
    tmp_path: Path, campaign: Path
) -> None:
    file = tmp_path / "excel.csv"
    file.write_bytes(("testata;titolo;data;testo\n"
                      "La Città;Perché l’accoglienza è “più vicina”;18/10/2023;Costa 5 €\n")
                     .encode("cp1252"))
    result = run_import(tmp_path, campaign, file)
    assert result.exit_code == 0, result.output
    assert f"{file}: read as cp1252 (not UTF-8)" in result.output
    store = open_store(tmp_path / "s.db")
    (uscita,) = store.uscite("prova")
    assert (uscita.testata, uscita.title, uscita.text) == (
        "La Città", "Perché l’accoglienza è “più vicina”", "Costa 5 €")
    store.close()


def test_a_csv_saved_by_excel_on_a_mac_is_read(tmp_path: Path) -> None:
    file = tmp_path / "mac.csv"
    file.write_bytes(("testata,titolo,data\nLa Città,Perché è così: l'accoglienza è più "
                      "vicina,18/10/2023\n").encode("mac_roman"))
    parsed = read_uscite(file)
    assert parsed.encoding == "mac_roman"
    assert parsed.rows[0].values["title"] == "Perché è così: l'accoglienza è più vicina"


def test_unicode_text_from_excel_utf16_with_tabs_is_read(tmp_path: Path) -> None:
    file = tmp_path / "unicode.txt"
    file.write_bytes("testata\ttitolo\tdata\r\nLa Città\tLgNet2 è qui\t18/10/2023\r\n"
                     .encode("utf-16"))
    parsed = read_uscite(file)
    assert parsed.encoding == "utf-16"
    assert parsed.rows[0].values == {"testata": "La Città", "title": "LgNet2 è qui",
                                     "published": "2023-10-18"}


def test_a_field_over_128_kib_is_read(tmp_path: Path) -> None:
    text = "LgNet2 a Latina. " * 20_000  # 340 KB
    file = tmp_path / "long.csv"
    file.write_text(HEADER + f'X,LgNet2 a Latina,18/10/2023,"{text}"\n', encoding="utf-8")
    store = open_store(tmp_path / "s.db")
    assert import_file(store, "prova", file).new == 1
    assert store.uscite("prova")[0].text == text.strip()
    store.close()


def test_an_unterminated_quote_is_an_error_with_its_line(tmp_path: Path, campaign: Path) -> None:
    file = tmp_path / "u.csv"
    file.write_text(HEADER + GOOD + 'X,"LgNet2 a Bari,18/10/2023,\n' + GOOD, encoding="utf-8")
    refused(tmp_path, campaign, file, f"{file}:3: unterminated quote: the value opened on "
                                      "line 3 runs to the end of the file")


def test_text_after_a_closing_quote_is_an_error_with_its_line(
    tmp_path: Path, campaign: Path
) -> None:
    file = tmp_path / "u.csv"
    file.write_text(HEADER + GOOD + 'X,"LgNet2" a Bari,18/10/2023,\n', encoding="utf-8")
    refused(tmp_path, campaign, file, f"{file}:3: ',' expected after '\"'")


def test_a_comma_outside_quotes_is_a_bad_row_not_shifted_columns(
    tmp_path: Path, campaign: Path
) -> None:
    file = tmp_path / "u.csv"
    file.write_text(HEADER + GOOD + "X,Latina, la città che accoglie,18/10/2023,Testo\n",
                    encoding="utf-8")
    refused(tmp_path, campaign, file,
            f"{file}:3: 5 cells where the header has 4 (a ',' inside a value needs quotes)")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("empty.csv", "", "the file is empty"),
     ("blank.csv", "\n  \n", "the file is empty"),
     ("header.csv", HEADER, "no rows below the header"),
     ("empty.jsonl", "\n", "the file is empty")],
)
def test_an_empty_file_says_so(
    tmp_path: Path, campaign: Path, name: str, content: str, message: str
) -> None:
    file = tmp_path / name
    file.write_text(content, encoding="utf-8")
    refused(tmp_path, campaign, file, f"{file}: {message}")


@pytest.mark.parametrize(("rows", "message"), [
    ([], "sheet 'Uscite' has no rows"),
    ([[None, None], []], "sheet 'Uscite' has no rows"),
    ([["testata", "titolo", "data"]], "sheet 'Uscite' has no rows below the header"),
])
def test_a_sheet_without_rows_says_so(
    tmp_path: Path, campaign: Path, rows: list[list[object]], message: str
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Uscite"
    for row in rows:
        sheet.append(row)
    book.save(tmp_path / "u.xlsx")
    refused(tmp_path, campaign, tmp_path / "u.xlsx", f"{tmp_path / 'u.xlsx'}: {message}")


def test_a_file_that_is_not_a_workbook_says_so(tmp_path: Path, campaign: Path) -> None:
    (tmp_path / "u.xlsx").write_text("testata,titolo,data\n", encoding="utf-8")
    result = run_import(tmp_path, campaign, tmp_path / "u.xlsx")
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'u.xlsx'}: not an XLSX workbook" in result.output


def test_a_missing_column_is_one_error_not_one_per_row(tmp_path: Path, campaign: Path) -> None:
    file = tmp_path / "u.csv"
    file.write_text("testata,titolo,giorno\n" + "X,LgNet2 a Latina,18/10/2023\n" * 50,
                    encoding="utf-8")
    refused(tmp_path, campaign, file, f"{file}:1: no column data (columns: testata, titolo, "
                                      "giorno)")


def test_a_key_no_json_row_has_is_one_error(tmp_path: Path, campaign: Path) -> None:
    file = tmp_path / "u.jsonl"
    file.write_text("".join(json.dumps({"outlet": "X", "title": f"LgNet2 {n}"}) + "\n"
                            for n in range(20)), encoding="utf-8")
    refused(tmp_path, campaign, file, f"{file}: no column data (columns: testata, titolo)")


def test_a_column_twice_is_refused(tmp_path: Path, campaign: Path) -> None:
    file = tmp_path / "u.csv"
    file.write_text("testata,titolo,data,title\nX,A,18/10/2023,B\n", encoding="utf-8")
    refused(tmp_path, campaign, file, f"{file}:1: column 'titolo' appears twice in the header")


def test_reimport_says_nothing_new(tmp_path: Path, campaign: Path) -> None:
    file = tmp_path / "u.csv"
    file.write_text(HEADER + GOOD + "Radio Aurora,LgNet2 in diretta,19/10/2023,\n",
                    encoding="utf-8")
    first = run_import(tmp_path, campaign, file)
    assert f"import: 2 new, 0 already stored from {file}" in first.output
    before = dump(tmp_path / "s.db")
    again = run_import(tmp_path, campaign, file)
    assert again.exit_code == 0, again.output
    assert f"import: 0 new, 2 already stored from {file}" in again.output
    assert dump(tmp_path / "s.db") == before


def test_columns_not_imported_are_named(tmp_path: Path, campaign: Path) -> None:
    file = tmp_path / "u.csv"
    file.write_text("testata,titolo,data,note,pagina\nX,LgNet2,18/10/2023,da rivedere,7\n",
                    encoding="utf-8")
    result = run_import(tmp_path, campaign, file)
    assert result.exit_code == 0, result.output
    assert f"{file}: columns ignored: note, pagina" in result.output


def test_a_large_import_shows_progress_and_a_small_one_does_not(
    tmp_path: Path, campaign: Path
) -> None:
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    small.write_text(HEADER + GOOD, encoding="utf-8")
    large.write_text(HEADER + "".join(f"X,LgNet2 {n},18/10/2023,\n" for n in range(600)),
                     encoding="utf-8")
    quiet = run_import(tmp_path, campaign, small)
    assert quiet.output.splitlines()[0].startswith("import: 1 new"), quiet.output
    shown = run_import(tmp_path, campaign, large)
    assert shown.exit_code == 0, shown.output
    bars = [line for line in shown.output.splitlines() if "600/600" in line]
    assert [line.split()[0] for line in bars] == ["read", "store", "entities"], shown.output


def test_urls_and_agency_together_are_refused(tmp_path: Path, campaign: Path) -> None:
    file = tmp_path / "links.txt"
    file.write_text("http://127.0.0.1:9/lgnet2\n", encoding="utf-8")
    result = run_import(tmp_path, campaign, file, "--urls", "--agency")
    assert result.exit_code == 1
    assert result.output.strip() == "error: --urls and --agency: one kind of file at a time"
    assert not (tmp_path / "s.db").exists()


def test_a_bad_row_in_a_file_read_in_cp1252_still_names_its_line(tmp_path: Path) -> None:
    file = tmp_path / "u.csv"
    file.write_bytes((HEADER + "Città,LgNet2,ieri,\n").encode("cp1252"))
    with pytest.raises(ImportFileError, match=r"u\.csv:2: date 'ieri' cannot be read"):
        import_file(open_store(":memory:"), "prova", file)
