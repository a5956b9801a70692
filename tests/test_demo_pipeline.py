"""The whole job on the demo web, crawled over HTTP on 127.0.0.1 through its proxy.

The expected figures are computed by hand from ``rassegna/demo/data/outlets.csv``
and the demo articles (15 uscite about the campaign):

| category                        | uscite | audience                                   |
|---------------------------------|--------|--------------------------------------------|
| Agenzie                         | 3      | 3 x 152.340 = 457.020                      |
| Quotidiani e quotidiani online  | 5      | 2 x 48.213 + 2 x 31.877 + 27.654 = 187.834 |
| Periodici e periodici online    | 2      | 2 x 12.500 = 25.000                        |
| Specializzati                   | 2      | no certified figure = 0                    |
| Radio, TV e canali online       | 1      | 19.840                                     |
| Social Network                  | 0      | 0                                          |
| Portali ed E-zine               | 2      | 2 x 210.455 = 420.910                      |
| total                           | 15     | 1.110.604                                  |
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from rassegna import pipeline
from rassegna.campaign import Campaign, load_campaign
from rassegna.demo import site
from rassegna.demo.server import DemoWeb
from rassegna.store import Store, open_store
from tests.sites import as_proxy

DEMO_CAMPAIGN = Path(site.__file__).parent / "data" / "campaign.toml"
EXPECTED = {
    "Agenzie": (3, 457_020),
    "Quotidiani e quotidiani online": (5, 187_834),
    "Periodici e periodici online": (2, 25_000),
    "Specializzati": (2, 0),
    "Radio, TV e canali online": (1, 19_840),
    "Social Network": (0, 0),
    "Portali ed E-zine": (2, 420_910),
}


@pytest.fixture(scope="module")
def web() -> Iterator[DemoWeb]:
    with as_proxy(DemoWeb()) as demo:
        yield demo


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign(DEMO_CAMPAIGN)


@pytest.fixture(scope="module")
def first_run(web: DemoWeb, campaign: Campaign, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("out")
    store = open_store(out / "demo.db")
    pipeline.run(store, campaign, out)
    yield store, out
    store.close()


def test_summary_matches_hand_computed_figures(first_run: tuple[Store, Path]) -> None:
    _, out = first_run
    data = json.loads((out / "rassegna.json").read_text(encoding="utf-8"))
    rows = {c["name"]: (c["uscite"], c["audience"]) for c in data["summary"]["categories"]}
    assert rows == EXPECTED
    assert data["summary"]["uscite"] == 15
    assert data["summary"]["audience"] == 1_110_604
    assert data["outlets_without_audience"] == ["Città Inclusive"]
    html = (out / "rassegna.html").read_text(encoding="utf-8")
    assert "1.110.604" in html and "457.020" in html
    assert "LGNET2 Rassegna Stampa Press Tour" in html


def test_every_campaign_article_and_nothing_else_is_an_uscita(
    first_run: tuple[Store, Path],
) -> None:
    _, out = first_run
    data = json.loads((out / "rassegna.json").read_text(encoding="utf-8"))
    expected = {site.article_url(a) for a in site.ARTICLES if a.about_campaign}
    assert {row["url"] for row in data["listing"]} == expected


def test_copies_of_each_release_form_one_cluster(first_run: tuple[Store, Path]) -> None:
    _, out = first_run
    data = json.loads((out / "rassegna.json").read_text(encoding="utf-8"))
    release_of = {site.article_url(a): a.release for a in site.ARTICLES}
    clusters: dict[int, set[str | None]] = {}
    for row in data["listing"]:
        clusters.setdefault(row["cluster"], set()).add(release_of[row["url"]])
    releases = sorted(sorted(map(str, c)) for c in clusters.values())
    assert releases == [["None"], ["None"], ["None"], ["latina"], ["perugia"], ["trieste"]]
    assert sorted(len(c["uscite"]) for c in data["clusters"]) == [3, 4, 5]


def test_trap_and_unrelated_pages_are_reported_with_reasons(
    first_run: tuple[Store, Path], campaign: Campaign
) -> None:
    store, _ = first_run
    reasons = {row.url: row.reason for row in store.rejections(campaign.slug)}
    (trap,) = (a for a in site.ARTICLES if a.is_trap)
    assert reasons[site.article_url(trap)].startswith("campaign term only outside")
    unrelated = [a for a in site.ARTICLES if not a.about_campaign and not a.is_trap]
    assert all(reasons[site.article_url(a)] == "no campaign term on the page" for a in unrelated)


def test_rerun_changes_no_count(
    first_run: tuple[Store, Path], campaign: Campaign, web: DemoWeb
) -> None:
    store, out = first_run
    before = store.counts(campaign.slug)
    summary = json.loads((out / "rassegna.json").read_text(encoding="utf-8"))["summary"]
    results = pipeline.run(store, campaign, out)
    assert store.counts(campaign.slug) == before
    assert results[1].done == 0  # nothing new to extract
    again = json.loads((out / "rassegna.json").read_text(encoding="utf-8"))["summary"]
    assert again == summary


def test_cli_run_on_the_demo(web: DemoWeb, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from rassegna.cli import app

    result = CliRunner().invoke(
        app,
        ["run", "--db", str(tmp_path / "s.db"), "--campaign", str(DEMO_CAMPAIGN),
         "--out", str(tmp_path / "out")],
    )
    assert result.exit_code == 0, result.output
    assert "extract: 15 uscite, 1 rejected" in result.output
    data = json.loads((tmp_path / "out" / "rassegna.json").read_text(encoding="utf-8"))
    assert data["summary"]["uscite"] == 15


def test_import_urls_found_by_hand(web: DemoWeb, campaign: Campaign, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from rassegna.cli import app

    latina = [a for a in site.ARTICLES if a.release == "latina"]
    (trap,) = (a for a in site.ARTICLES if a.is_trap)
    urls = tmp_path / "trovati.txt"
    urls.write_text("# segnalati dai colleghi\n" + "\n".join(
        [site.article_url(latina[0]), site.article_url(latina[1]) + "?utm_source=whatsapp",
         site.article_url(trap), "http://www.cronacapontina.test/non-esiste/"]) + "\n",
        encoding="utf-8")
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(app, ["import", str(urls), "--urls", "--db", db,
                                      "--campaign", str(DEMO_CAMPAIGN)])
    assert result.exit_code == 0, result.output
    store = open_store(db)
    assert {a.article.url for a in store.articles(campaign.slug)} == {
        site.article_url(latina[0]), site.article_url(latina[1])}
    reasons = {r.url: r.reason for r in store.rejections(campaign.slug)}
    assert reasons[site.article_url(trap)].startswith("campaign term only outside")
    assert reasons["http://www.cronacapontina.test/non-esiste/"] == "HTTP 404"
    store.close()
    bad = tmp_path / "bad.txt"
    bad.write_text("http://www.a.test/1\nwww.senza-schema.it\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(bad), "--urls", "--db", db,
                                      "--campaign", str(DEMO_CAMPAIGN)])
    assert result.exit_code == 1 and "bad.txt:2: not an http(s) URL" in result.output


def test_extraction_on_every_core_gives_the_same_uscite(
    web: DemoWeb, campaign: Campaign, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "POOL_THRESHOLD", 0)  # the process pool even for 16 pages
    store = open_store(tmp_path / "s.db")
    pipeline.crawl(store, campaign)
    result = pipeline.extract(store, campaign)
    assert (result.done, result.rejected) == (15, 1)
    expected = {site.article_url(a) for a in site.ARTICLES if a.about_campaign}
    assert {a.article.url for a in store.articles(campaign.slug)} == expected
    store.close()


def test_each_uscita_has_its_city_stop_and_official(first_run: tuple[Store, Path]) -> None:
    _, out = first_run
    data = json.loads((out / "rassegna.json").read_text(encoding="utf-8"))
    release_of = {site.article_url(a): a.release for a in site.ARTICLES}
    for row in data["listing"]:
        assert set(row["entities"]) == {"cities", "main_city", "officials", "figures"}
        release = release_of[row["url"]]
        if release:
            assert row["entities"]["main_city"] == release.capitalize(), row["title"]
    html = (out / "rassegna.html").read_text(encoding="utf-8")
    assert "Tappa: Latina" in html


def test_an_imported_uscita_the_crawler_finds_is_one_uscita(
    web: DemoWeb, campaign: Campaign, tmp_path: Path
) -> None:
    from rassegna.uscite_files import import_file

    article = next(a for a in site.ARTICLES if a.release == "trieste")
    rows = tmp_path / "a-mano.csv"
    rows.write_text("testata,titolo,data,url\n"
                    f"Segnalata a mano,{article.title.replace(',', ' ')},21/11/2023,"
                    f"{site.article_url(article)}?utm_source=newsletter\n", encoding="utf-8")
    store = open_store(tmp_path / "s.db")
    import_file(store, campaign.slug, rows)
    pipeline.crawl(store, campaign)
    pipeline.extract(store, campaign)
    assert store.counts(campaign.slug)["uscite"] == 15  # not 16: the same canonical URL
    store.close()
