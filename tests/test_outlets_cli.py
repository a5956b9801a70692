"""`rassegna outlets import | list | set` and the registry versions in the store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import sqlite_utils
from typer.testing import CliRunner

from extract import Article
from rassegna import pipeline
from rassegna.campaign import load_campaign
from rassegna.cli import app
from rassegna.store import SCHEMA_VERSION, open_store
from rassegna.store.sqlite import _migration_1

runner = CliRunner()

GOOD = (
    "testata,domini,categoria,audience,fonte,rilevazione,note\n"
    "Genova 24,genova24.test,Quotidiani e quotidiani online,1.464.811,Audiweb,ottobre 2023,\n"
    "Città Inclusive,cittainclusive.test,Specializzati,,,,\n"
)


def invoke(*args: str):
    # a wide terminal, so that table cells are not folded over two lines
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


def test_import_stores_a_version_and_the_same_file_twice_stores_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    registry = tmp_path / "outlets.csv"
    registry.write_text(GOOD, encoding="utf-8")
    first = invoke("outlets", "import", str(registry), "--db", db)
    assert first.exit_code == 0, first.output
    assert "2 outlets stored as registry version 1" in first.output
    again = invoke("outlets", "import", str(registry), "--db", db)
    assert "same as registry version 1, nothing stored" in again.output
    store = open_store(db)
    assert [v.id for v in store.registry_versions()] == [1]
    assert [o.name for o in store.outlets()] == ["Città Inclusive", "Genova 24"]
    store.close()


def test_import_with_bad_rows_is_refused_whole(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    registry = tmp_path / "outlets.csv"
    registry.write_text(GOOD, encoding="utf-8")
    assert invoke("outlets", "import", str(registry), "--db", db).exit_code == 0
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "testata,domini,categoria,audience\n"
        "Nuova,nuova.test,Agenzie,10\n"
        "Blog X,blogx.test,Blog,10\n"
        "Radio Y,radioy.test,Agenzie,tanti\n"
        "nuova,nuova2.test,Agenzie,5\n",
        encoding="utf-8",
    )
    result = invoke("outlets", "import", str(bad), "--db", db)
    assert result.exit_code == 1
    assert "bad.csv:3: unknown categoria 'Blog'" in result.output
    assert "bad.csv:4: audience 'tanti' is not a whole number" in result.output
    assert "bad.csv:5: outlet 'nuova' already on line 2" in result.output
    assert "Traceback" not in result.output
    store = open_store(db)
    assert [v.id for v in store.registry_versions()] == [1]
    assert [o.name for o in store.outlets()] == ["Città Inclusive", "Genova 24"]
    store.close()


def test_import_xlsx(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["testata", "domini", "categoria", "audience", "fonte"])
    sheet.append(["Genova 24", "genova24.test", "Quotidiani e quotidiani online", 1464811,
                  "Audiweb"])
    workbook.save(tmp_path / "outlets.xlsx")
    db = str(tmp_path / "s.db")
    result = invoke("outlets", "import", str(tmp_path / "outlets.xlsx"), "--db", db)
    assert result.exit_code == 0, result.output
    store = open_store(db)
    assert store.outlets()[0].audience == 1_464_811
    store.close()


def test_set_changes_one_outlet_in_a_new_version(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    registry = tmp_path / "outlets.csv"
    registry.write_text(GOOD, encoding="utf-8")
    invoke("outlets", "import", str(registry), "--db", db)
    result = invoke("outlets", "set", "città inclusive", "--audience", "8.500",
                    "--source", "Audiweb", "--db", db)
    assert result.exit_code == 0, result.output
    assert "Città Inclusive: Specializzati, 8.500 (registry version 2)" in result.output
    added = invoke("outlets", "set", "Radio Gold", "--category", "radio, tv e canali online",
                   "--domains", "radiogold.test", "--db", db)
    assert added.exit_code == 0, added.output
    store = open_store(db)
    latest = {o.name: o for o in store.outlets()}
    assert latest["Città Inclusive"].audience == 8_500
    assert latest["Città Inclusive"].source == "Audiweb"
    assert latest["Radio Gold"].category == "Radio, TV e canali online"
    assert latest["Genova 24"].audience == 1_464_811  # untouched
    first = {o.name: o for o in store.outlets(1)}
    assert first["Città Inclusive"].audience is None and "Radio Gold" not in first
    store.close()


def test_set_refuses_bad_values_and_unknown_outlet_without_category(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    missing = invoke("outlets", "set", "Nuova", "--audience", "10", "--db", db)
    assert missing.exit_code == 1
    assert "outlet 'Nuova' is not in the registry: --category is needed" in missing.output
    bad = invoke("outlets", "set", "Nuova", "--category", "Blog", "--db", db)
    assert bad.exit_code == 1 and "unknown categoria 'Blog'" in bad.output
    figure = invoke("outlets", "set", "Nuova", "--category", "Agenzie", "--audience", "molti",
                    "--db", db)
    assert figure.exit_code == 1 and "audience 'molti' is not a whole number" in figure.output
    store = open_store(db)
    assert store.registry_versions() == []
    store.close()


def campaign_with_uscite(tmp_path: Path):
    (tmp_path / "outlets.csv").write_text(GOOD, encoding="utf-8")
    path = tmp_path / "c.toml"
    path.write_text('[project]\nname = "X"\n[[terms]]\nterm = "x"\n'
                    '[registry]\nfile = "outlets.csv"\n', encoding="utf-8")
    campaign = load_campaign(path)
    store = open_store(tmp_path / "s.db")
    for number, (outlet, domain) in enumerate(
        [("Genova 24", "genova24.test"), ("Città Inclusive", "cittainclusive.test"),
         ("Radio Sole", "radiosole.test"), ("Radio Sole", "radiosole.test"),
         ("ANSA", "ansa.it")], start=1,
    ):
        url = f"https://{domain}/{number}"
        store.save_article(campaign.slug, url, Article(url=url, outlet=outlet, domain=domain,
                                                       title="x", text="x"))
    pipeline.audience(store, campaign)
    return store, campaign, path


def test_list_missing_audience_and_inferred(tmp_path: Path) -> None:
    store, _, campaign_path = campaign_with_uscite(tmp_path)
    store.close()
    db = str(tmp_path / "s.db")
    everything = invoke("outlets", "list", "--db", db)
    assert everything.exit_code == 0, everything.output
    assert "Genova 24" in everything.output and "2 outlets" in everything.output
    missing = invoke("outlets", "list", "--missing-audience", "--db", db,
                     "--campaign", str(campaign_path))
    assert missing.exit_code == 0, missing.output
    # the registry row without a figure, the inferred outlet, the starter's ANSA
    assert "Città Inclusive" in missing.output and "Radio Sole" in missing.output
    assert "ANSA" in missing.output and "Genova 24" not in missing.output
    assert "3 outlets" in missing.output
    inferred = invoke("outlets", "list", "--inferred", "--db", db)
    assert "Radio Sole" in inferred.output and "dedotta" in inferred.output
    assert "1 outlets" in inferred.output


def test_registry_file_read_unchanged_does_not_undo_outlets_set(tmp_path: Path) -> None:
    store, campaign, _ = campaign_with_uscite(tmp_path)
    store.close()
    db = str(tmp_path / "s.db")
    assert invoke("outlets", "set", "Città Inclusive", "--audience", "7.000", "--source",
                  "Audiweb", "--db", db).exit_code == 0
    store = open_store(db)
    pipeline.audience(store, campaign)  # reads outlets.csv again: it did not change
    assert {o.name: o.audience for o in store.outlets()}["Città Inclusive"] == 7_000
    (tmp_path / "outlets.csv").write_text(GOOD.replace("1.464.811", "1.500.000"),
                                          encoding="utf-8")
    pipeline.audience(store, campaign)  # the file changed: it becomes the registry
    latest = {o.name: o.audience for o in store.outlets()}
    assert latest == {"Genova 24": 1_500_000, "Città Inclusive": None}
    assert len(store.registry_versions()) == 3
    store.close()


def test_a_schema_1_registry_becomes_version_1(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(sqlite3.connect(path))
    _migration_1(db)
    db.table("outlets").insert({"name": "ANSA", "domains": "ansa.it", "category": "Agenzie",
                                "audience": None, "source": "", "measured_at": "",
                                "notes": ""})
    db.execute("PRAGMA user_version = 1")
    db.conn.commit()
    db.conn.close()
    store = open_store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [o.name for o in store.outlets()] == ["ANSA"]
    assert store.registry_version().id == 1  # type: ignore[union-attr]
    assert "registry_version" in store.db.table("reach").columns_dict
    store.close()


def test_a_category_corrected_by_hand_is_no_longer_to_confirm(tmp_path: Path) -> None:
    store, campaign, _ = campaign_with_uscite(tmp_path)
    inferred = [r.id for r in store.uscite(campaign.slug) if r.inferred]
    assert inferred == [3, 4]  # the two uscite of Radio Sole
    store.correct(3, "category", "Specializzati")
    rows = {r.id: r for r in store.uscite(campaign.slug)}
    assert (rows[3].category, rows[3].inferred) == ("Specializzati", 0)
    assert rows[4].inferred == 1
    store.close()


def test_build_keeps_the_delivered_figures_until_refresh_audience(tmp_path: Path) -> None:
    import json

    store, _, campaign_path = campaign_with_uscite(tmp_path)
    store.close()
    common = ["--db", str(tmp_path / "s.db"), "--campaign", str(campaign_path)]

    def audience_after(*extra: str) -> int:
        result = invoke("build", *common, "--out", str(tmp_path / "out"), *extra)
        assert result.exit_code == 0, result.output
        data = json.loads((tmp_path / "out" / "rassegna.json").read_text(encoding="utf-8"))
        return int(data["summary"]["audience"])

    assert audience_after() == 1_464_811
    assert invoke("outlets", "set", "Genova 24", "--audience", "1.500.000", *common[:2]
                  ).exit_code == 0
    waiting = invoke("audience", *common)
    assert "version 2 is newer" in waiting.output and "--refresh-audience" in waiting.output
    assert audience_after() == 1_464_811
    assert audience_after("--refresh-audience") == 1_500_000
    assert audience_after() == 1_500_000
