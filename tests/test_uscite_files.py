"""Import and export of uscite: formats, bad rows, double import, overrides, round trip."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from common.dates import parse_day
from common.errors import ImportFileError
from rassegna import pipeline
from rassegna.campaign import load_campaign
from rassegna.demo import site
from rassegna.demo.server import DemoWeb
from rassegna.store import Store, open_store
from rassegna.uscite_files import COLUMNS, export_rows, import_file, write_export
from review import Broadcast
from tests.sites import as_proxy

HEADER = ("testata,categoria,audience,titolo,sottotitolo,data,giornalista,url,testo,"
          "programma,edizione,minuto,intervistati,video\n")
ROWS = (
    "Radio Aurora,,,LgNet2 in diretta da Latina,GR delle 13,18 ottobre 2023,Sara Neri,,"
    "\"Intervista all'assessora\",Aurora Notizie,GR 13:00,12:30,Anna Blu; Marco Verdi,"
    "https://video.radioaurora.test/gr/181023\n"
    "Il Giornale di Carta,Periodici e periodici online,\"12.500\",Latina accoglie,,"
    "18/10/2023,,,Testo della pagina 7,,,,,\n"
    "Sito Locale,,,LgNet2 a Latina,,2023-10-19,,https://www.sitolocale.test/a?utm_source=x,"
    ",,,,,\n"
)


@pytest.fixture
def campaign_file(tmp_path: Path) -> Path:
    (tmp_path / "outlets.csv").write_text(
        "testata,domini,categoria,audience\n"
        "Radio Aurora,,\"Radio, TV e canali online\",40000\n"
        "Il Giornale di Carta,,Quotidiani e quotidiani online,90000\n"
        "Sito Locale,sitolocale.test,Quotidiani e quotidiani online,3000\n",
        encoding="utf-8",
    )
    path = tmp_path / "c.toml"
    path.write_text('[project]\nname = "Prova"\n[[terms]]\nterm = "LgNet2"\n'
                    '[registry]\nfile = "outlets.csv"\n', encoding="utf-8")
    return path


def write(tmp_path: Path, text: str, name: str = "uscite.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("value", "day"),
    [("2023-10-18", dt.date(2023, 10, 18)), ("18/10/2023", dt.date(2023, 10, 18)),
     ("18 ottobre 2023", dt.date(2023, 10, 18)), ("27 Ottobre 2023", dt.date(2023, 10, 27)),
     ("21 NOVEMBRE 2023", dt.date(2023, 11, 21)), ("18 October 2023", dt.date(2023, 10, 18))],
)
def test_parse_date_italian_forms(value: str, day: dt.date) -> None:
    assert parse_day(value) == day


def test_import_csv_with_overrides_and_registry(campaign_file: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    campaign = load_campaign(campaign_file)
    result = import_file(store, campaign.slug, write(tmp_path, HEADER + ROWS))
    assert result.stored == 3 and result.rejected == []
    pipeline.audience(store, campaign)
    rows = {r.title: r for r in store.uscite(campaign.slug)}
    radio = rows["LgNet2 in diretta da Latina"]
    assert (radio.category, radio.audience) == ("Radio, TV e canali online", 40000)
    carta = rows["Latina accoglie"]  # the file's category and audience win over the registry
    assert (carta.category, carta.audience) == ("Periodici e periodici online", 12500)
    local = rows["LgNet2 a Latina"]
    assert local.url == "https://www.sitolocale.test/a"
    assert str(radio.published) == "2023-10-18" and str(carta.published) == "2023-10-18"
    assert radio.author == "Sara Neri" and radio.subtitle == "GR delle 13"
    assert radio.broadcast == Broadcast(
        programme="Aurora Notizie", edition="GR 13:00", minute="12:30",
        interviewed=("Anna Blu", "Marco Verdi"),
        video="https://video.radioaurora.test/gr/181023",
    )
    assert carta.broadcast is None
    store.close()


def test_double_import_adds_nothing(campaign_file: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    path = write(tmp_path, HEADER + ROWS)
    import_file(store, "prova", path)
    import_file(store, "prova", path)
    assert store.counts("prova")["uscite"] == 3
    assert store.counts("prova")["articles_total"] == 3
    store.close()


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("X,,,,,18/10/2023,,,\n", "missing titolo"),
        (",,,Titolo,,18/10/2023,,,\n", "missing testata"),
        ("X,,,Titolo,,il giorno dopo,,,\n", "date 'il giorno dopo' cannot be read"),
        ("X,Blog,,Titolo,,18/10/2023,,,\n", "unknown categoria 'Blog'"),
        ("X,,molti,Titolo,,18/10/2023,,,\n", "audience 'molti' is not a whole number"),
        ("X,,,Titolo,,18/10/2023,,www.x.it/a,\n", "url 'www.x.it/a' is not an http(s) URL"),
    ],
)
def test_bad_row_refuses_the_file(tmp_path: Path, row: str, reason: str) -> None:
    store = open_store(tmp_path / "s.db")
    path = write(tmp_path, HEADER + ROWS + row)
    with pytest.raises(ImportFileError) as info:
        import_file(store, "prova", path)
    assert str(info.value) == f"{path}:5: {reason}"
    assert store.counts("prova")["uscite"] == 0
    store.close()


def test_skip_invalid_stores_good_rows_and_writes_bad_ones(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    path = write(tmp_path, HEADER + "X,,,,,18/10/2023,,,\n" + ROWS)
    result = import_file(store, "prova", path, skip_invalid=True)
    assert result.stored == 3 and len(result.rejected) == 1
    with (tmp_path / "uscite.rejected.csv").open(encoding="utf-8") as handle:
        rejected = list(csv.DictReader(handle))
    assert rejected[0]["riga"] == "2" and rejected[0]["motivo"] == "missing titolo"
    store.close()


def test_jsonl_and_xlsx_imports(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    jsonl = tmp_path / "u.jsonl"
    jsonl.write_text(json.dumps({"outlet": "X", "title": "LgNet2 a Bari", "date": "2023-11-02",
                                 "category": "Social Network", "audience": 1200}) + "\n",
                     encoding="utf-8")
    assert import_file(store, "prova", jsonl).stored == 1
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["testata", "titolo", "data"])
    sheet.append(["Y", "LgNet2 a Trieste", dt.datetime(2023, 11, 21)])
    book.save(tmp_path / "u.xlsx")
    assert import_file(store, "prova", tmp_path / "u.xlsx").stored == 1
    days = sorted(str(r.published) for r in store.uscite("prova"))
    assert days == ["2023-11-02", "2023-11-21"]
    store.close()


def test_uscita_in_two_campaigns_is_stored_once(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    path = write(tmp_path, HEADER + ROWS)
    import_file(store, "lgnet2", path)
    import_file(store, "lgnet3", path)
    assert store.counts("lgnet2")["articles_total"] == 3
    assert len(store.uscite("lgnet2")) == len(store.uscite("lgnet3")) == 3
    store.close()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx"])
def test_export_import_round_trip_loses_no_field(
    campaign_file: Path, tmp_path: Path, fmt: str
) -> None:
    first = open_store(tmp_path / "a.db")
    campaign = load_campaign(campaign_file)
    import_file(first, campaign.slug, write(tmp_path, HEADER + ROWS))
    pipeline.audience(first, campaign)
    exported = export_rows(first.uscite(campaign.slug))
    target = tmp_path / f"export.{fmt}"
    write_export(exported, target, fmt)
    second = open_store(tmp_path / "b.db")
    import_file(second, campaign.slug, target)
    again = export_rows(second.uscite(campaign.slug))
    normalise = [{k: str(v) for k, v in row.items()} for row in exported]
    assert [{k: str(v) for k, v in row.items()} for row in again] == normalise
    assert set(exported[0]) == set(COLUMNS)
    assert all(row["categoria"] for row in exported)  # nothing left to chance on re-import
    first.close()
    second.close()


# -- the round trip on a store that crawled its uscite -------------------------------

DEMO_CAMPAIGN = Path(site.__file__).parent / "data" / "campaign.toml"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store that crawled, extracted and reached the demo web's uscite (closed)."""
    folder = tmp_path_factory.mktemp("crawled")
    campaign = load_campaign(DEMO_CAMPAIGN)
    with as_proxy(DemoWeb()):
        store = open_store(folder / "demo.db")
        pipeline.crawl(store, campaign)
        pipeline.extract(store, campaign)
        pipeline.audience(store, campaign)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
    return folder / "demo.db"


def copy_of(db: Path, tmp_path: Path) -> Store:
    target = tmp_path / "copy.db"
    shutil.copyfile(db, target)
    return open_store(target)


def table(store: Store, name: str) -> list[dict[str, object]]:
    return [dict(row) for row in store.db.query(f"select * from {name} order by rowid")]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx"])
def test_export_import_on_the_same_store_changes_nothing(
    crawled: Path, tmp_path: Path, fmt: str
) -> None:
    store = copy_of(crawled, tmp_path)
    campaign = load_campaign(DEMO_CAMPAIGN)
    articles, reach = table(store, "articles"), table(store, "reach")
    assert articles and all(a["page_url"] and a["html_hash"] for a in articles)
    exported = export_rows(store.uscite(campaign.slug))
    write_export(exported, tmp_path / f"e.{fmt}", fmt)
    result = import_file(store, campaign.slug, tmp_path / f"e.{fmt}")
    assert (result.new, result.already, result.changed) == (0, len(articles), 0)
    assert table(store, "articles") == articles  # page_url, html_hash, extracted fields kept
    assert table(store, "corrections") == []  # the export's own values are no decision
    assert table(store, "reach") == reach
    assert all(store.archived_page(int(str(a["id"]))) is not None for a in articles)
    assert export_rows(store.uscite(campaign.slug)) == exported
    store.close()


def test_a_value_that_differs_is_a_correction_and_the_crawled_text_stays(
    crawled: Path, tmp_path: Path
) -> None:
    store = copy_of(crawled, tmp_path)
    campaign = load_campaign(DEMO_CAMPAIGN)
    articles = table(store, "articles")
    rows = export_rows(store.uscite(campaign.slug))
    edited = dict(rows[0], categoria="Specializzati", testo="Testo riassunto a mano.",
                  giornalista="Anna Blu")
    blanked = {column: "" for column in COLUMNS} | {"url": rows[1]["url"]}
    write_export([edited, blanked, *rows[2:]], tmp_path / "e.csv", "csv")
    result = import_file(store, campaign.slug, tmp_path / "e.csv")
    assert (result.new, result.already, result.changed) == (0, len(rows), 1)
    assert table(store, "articles") == articles  # nothing blanked, no text replaced
    fixes = {(c["field"], c["value"]) for c in table(store, "corrections")}
    assert fixes == {("category", "Specializzati"), ("author", "Anna Blu")}
    shown = {u.url: u for u in store.uscite(campaign.slug)}
    assert shown[edited["url"]].category == "Specializzati"
    store.close()


def test_reimport_of_uscite_by_hand_after_corrections_adds_no_copy(
    campaign_file: Path, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "s.db")
    campaign = load_campaign(campaign_file)
    import_file(store, campaign.slug, write(tmp_path, HEADER + ROWS))
    pipeline.audience(store, campaign)
    carta = next(u for u in store.uscite(campaign.slug) if u.title == "Latina accoglie")
    store.correct(carta.id, "title", "Latina accoglie i mediatori")
    store.correct(carta.id, "published", "2023-10-17")
    corrections = table(store, "corrections")
    write_export(export_rows(store.uscite(campaign.slug)), tmp_path / "e.xlsx", "xlsx")
    result = import_file(store, campaign.slug, tmp_path / "e.xlsx")
    assert (result.new, result.already, result.changed) == (0, 3, 0)
    assert store.counts(campaign.slug)["articles_total"] == 3
    assert table(store, "corrections") == corrections
    store.close()


def test_a_row_repeated_in_the_file_is_one_uscita(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    row = "Sito Locale,,,LgNet2 a Latina,,2023-10-19,,https://www.sitolocale.test/a,\n"
    again = "Sito Locale,Agenzie,,LgNet2 a Latina,,2023-10-19,,https://www.sitolocale.test/a,\n"
    result = import_file(store, "prova", write(tmp_path, HEADER + row + again))
    assert (result.new, result.already, result.repeated) == (1, 0, 1)
    (uscita,) = store.uscite("prova")
    assert uscita.category == "Agenzie"  # the later row's value, as a correction
    store.close()


def test_a_crawled_uscita_without_a_date_imports_back(crawled: Path, tmp_path: Path) -> None:
    store = copy_of(crawled, tmp_path)
    campaign = load_campaign(DEMO_CAMPAIGN)
    store.db.execute("update articles set published = '' where id = 1")
    store.db.conn.commit()
    articles = table(store, "articles")
    write_export(export_rows(store.uscite(campaign.slug)), tmp_path / "e.csv", "csv")
    result = import_file(store, campaign.slug, tmp_path / "e.csv")
    assert (result.new, result.already, result.rejected) == (0, len(articles), [])
    assert table(store, "articles") == articles
    store.close()


def test_a_row_with_an_unknown_url_still_needs_its_required_values(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    path = write(tmp_path, HEADER + ROWS + "X,,,Titolo,,,,https://www.x.test/a,\n")
    with pytest.raises(ImportFileError) as info:
        import_file(store, "prova", path)
    assert str(info.value) == f"{path}:5: missing data"
    assert store.counts("prova")["articles_total"] == 0
    store.close()


def test_rows_without_url_differing_in_case_spacing_punctuation_are_one_uscita(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path / "s.db")
    rows = ("Il Giornale di Carta,,,Latina accoglie i nuovi cittadini,,18/10/2023,,,\n"
            "IL GIORNALE DI CARTA,,,\"Latina accoglie  i nuovi cittadini.\",,2023-10-18,,,\n")
    result = import_file(store, "prova", write(tmp_path, HEADER + rows))
    assert (result.new, result.repeated) == (1, 1)
    assert len(store.uscite("prova")) == 1
    store.close()


def test_an_uscita_stored_under_the_older_key_is_found_again(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    old = "urn:rassegna:" + hashlib.sha1(
        b"il giornale di carta|latina accoglie|2023-10-18").hexdigest()[:20]
    store.save_imported("prova", old, {"outlet": "Il Giornale di Carta",
                                       "title": "Latina accoglie", "published": "2023-10-18"},
                        {}, note="an older rassegna")
    row = "Il Giornale di Carta,,,Latina accoglie,,18/10/2023,,,\n"
    result = import_file(store, "prova", write(tmp_path, HEADER + row))
    assert (result.new, result.already) == (0, 1)
    assert [u.url for u in store.uscite("prova")] == [old]
    store.close()
