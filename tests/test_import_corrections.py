"""`rassegna correct`: a value is checked as an import checks it; --undo removes one.

A refused correction stores nothing, so every later build still works.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from rassegna.cli import app
from rassegna.store import open_store

runner = CliRunner()


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    """A store with two uscite imported by hand (ids 1 and 2), and its campaign."""
    campaign = tmp_path / "c.toml"
    campaign.write_text('[project]\nname = "Prova"\n[[terms]]\nterm = "LgNet2"\n',
                        encoding="utf-8")
    rows = tmp_path / "u.csv"
    rows.write_text("testata,categoria,audience,titolo,data\n"
                    "Il Giornale di Carta,Quotidiani e quotidiani online,90000,LgNet2 a Latina,"
                    "18/10/2023\nRadio Aurora,,,LgNet2 in diretta,19/10/2023\n", encoding="utf-8")
    db = tmp_path / "s.db"
    result = runner.invoke(app, ["import", str(rows), "--db", str(db), "--campaign",
                                 str(campaign)])
    assert result.exit_code == 0, result.output
    return db, campaign


def correct(db: Path, *args: str) -> Result:
    return runner.invoke(app, ["correct", *args, "--db", str(db)])


def corrections(db: Path) -> dict[tuple[int, str], str]:
    store = open_store(db)
    rows = {(r["article_id"], r["field"]): r["value"] for r in store.db.query(
        "select article_id, field, value from corrections")}
    store.close()
    return rows


def build(db: Path, campaign: Path, out: Path) -> dict[str, Any]:
    result = runner.invoke(app, ["build", "--db", str(db), "--campaign", str(campaign),
                                 "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads((out / "rassegna.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("category", "Blog", "correct category 'Blog': unknown categoria 'Blog' (one of: "),
     ("audience", "molti", "correct audience 'molti': audience 'molti' is not a whole number"),
     ("audience", "12.5", "correct audience '12.5': audience '12.5' is not a whole number"),
     ("published", "ieri", "correct published 'ieri': date 'ieri' cannot be read"),
     ("published", "2023-10-18xx", "correct published '2023-10-18xx': date '2023-10-18xx' "
                                   "cannot be read"),
     ("excluded", "forse", "correct excluded 'forse': 'forse' is neither 1 (drop the uscita) "
                           "nor 0 (keep it)"),
     ("title", "  ", "correct title '  ': the value cannot be empty"),
     ("colore", "rosso", "cannot correct 'colore': one of excluded, testata, category, "
                         "audience, title, author, published")],
)
def test_a_bad_value_is_refused_and_build_still_works(
    setup: tuple[Path, Path], tmp_path: Path, field: str, value: str, message: str
) -> None:
    db, campaign = setup
    before = corrections(db)
    result = correct(db, "1", field, value)
    assert result.exit_code == 1
    errors = result.output.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith(f"error: {message}"), result.output
    assert corrections(db) == before
    data = build(db, campaign, tmp_path / "out")
    assert data["summary"]["uscite"] == 2


@pytest.mark.parametrize(
    ("field", "value", "stored"),
    [("category", "periodici E periodici online", "Periodici e periodici online"),
     ("audience", "1.464.811", "1464811"), ("audience", "", ""),
     ("published", "18 ottobre 2023", "2023-10-18"), ("published", "17/10/2023", "2023-10-17"),
     ("excluded", "sì", "1"), ("excluded", "no", "0"), ("author", "", ""),
     ("testata", " Gazzetta Minore ", "Gazzetta Minore")],
)
def test_a_good_value_is_stored_as_an_import_writes_it(
    setup: tuple[Path, Path], tmp_path: Path, field: str, value: str, stored: str
) -> None:
    db, campaign = setup
    result = correct(db, "2", field, value)
    assert result.exit_code == 0, result.output
    assert corrections(db)[(2, field)] == stored
    build(db, campaign, tmp_path / "out")


def test_undo_removes_a_correction(setup: tuple[Path, Path], tmp_path: Path) -> None:
    db, campaign = setup
    assert correct(db, "2", "audience", "5.000").exit_code == 0
    with_fix = build(db, campaign, tmp_path / "a")
    assert with_fix["summary"]["audience"] == 95_000
    result = correct(db, "--undo", "2", "audience")
    assert result.exit_code == 0, result.output
    assert "uscita 2: audience correction removed" in result.output
    assert (2, "audience") not in corrections(db)
    assert build(db, campaign, tmp_path / "b")["summary"]["audience"] == 90_000


def test_undo_of_a_correction_that_does_not_exist_is_an_error(
    setup: tuple[Path, Path]
) -> None:
    db, _ = setup
    before = corrections(db)
    result = correct(db, "--undo", "2", "category")
    assert result.exit_code == 1
    assert result.output.strip() == "error: uscita 2 has no correction of category"
    assert corrections(db) == before


@pytest.mark.parametrize("args", [("--undo", "2", "category", "Agenzie"), ("2", "category")])
def test_undo_takes_no_value_and_a_correction_needs_one(
    setup: tuple[Path, Path], args: tuple[str, ...]
) -> None:
    db, _ = setup
    result = correct(db, *args)
    assert result.exit_code == 1
    assert result.output.strip() == "error: correct: give ID FIELD VALUE, or --undo ID FIELD"


@pytest.mark.parametrize(("field", "value"), [("audience", "molti"), ("category", "Blog"),
                                              ("published", "ieri")])
def test_a_bad_correction_stored_by_an_older_rassegna_is_one_line_with_the_way_out(
    setup: tuple[Path, Path], tmp_path: Path, field: str, value: str
) -> None:
    db, campaign = setup
    store = open_store(db)  # what `correct` stored before it checked its values
    store.db.execute("insert or replace into corrections (article_id, field, value, note, "
                     "created_at) "
                     "values (1, ?, ?, '', '2023-10-20T00:00:00+00:00')", [field, value])
    store.db.conn.commit()
    store.close()
    result = runner.invoke(app, ["build", "--db", str(db), "--campaign", str(campaign),
                                 "--out", str(tmp_path / "out"), "--format", "json"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    (line,) = [line for line in result.output.splitlines() if line.strip()]
    assert line.startswith(f"error: uscita 1: its correction of {field} ({value!r})")
    assert f"rassegna correct --undo 1 {field}" in line
    assert correct(db, "--undo", "1", field).exit_code == 0
    assert build(db, campaign, tmp_path / "out")["summary"]["uscite"] == 2


def test_a_text_an_import_changes_gets_its_entities_again(
    setup: tuple[Path, Path], tmp_path: Path
) -> None:
    db, campaign = setup
    rows = tmp_path / "testi.csv"
    for city in ("Latina", "Caserta"):
        rows.write_text("testata,titolo,data,testo\nRadio Aurora,LgNet2 in diretta,19/10/2023,"
                        f"\"Il sindaco di {city} ha presentato lo sportello.\"\n",
                        encoding="utf-8")
        result = runner.invoke(app, ["import", str(rows), "--db", str(db), "--campaign",
                                     str(campaign)])
        assert result.exit_code == 0, result.output
        assert "0 new, 1 already stored (1 changed)" in result.output
        store = open_store(db)
        cities = {row["value"] for row in store.db.query(
            "select value from entities where article_id = 2 and kind = 'main_city'")}
        store.close()
        assert cities == {city}
