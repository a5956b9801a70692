"""The whole job on the demo web, crawled over HTTP on 127.0.0.1 through its proxy.

The expected figures are computed by hand from ``rassegna/demo/data/outlets.csv``
and the demo articles (23 uscite about the campaign, 8 of them on the three outlets
the campaign file does not name, which only the news search engines lead to):

| category                        | uscite | audience                                          |
|---------------------------------|--------|---------------------------------------------------|
| Agenzie                         | 3      | 3 x 152.340 = 457.020                             |
| Quotidiani e quotidiani online  | 11     | 2 x 48.213 + 2 x 31.877 + 27.654 + 3 x 23.410     |
|                                 |        | (Trieste Sera) + 3 x LatinaSera, unknown = 258.064 |
| Periodici e periodici online    | 2      | 2 x 12.500 = 25.000                               |
| Specializzati                   | 2      | no certified figure = 0                           |
| Radio, TV e canali online       | 3      | 19.840 + 2 x Radio Lago, unknown = 19.840         |
| Social Network                  | 0      | 0                                                 |
| Portali ed E-zine               | 2      | 2 x 210.455 = 420.910                             |
| total                           | 23     | 1.180.834                                         |
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
    "Quotidiani e quotidiani online": (11, 258_064),
    "Periodici e periodici online": (2, 25_000),
    "Specializzati": (2, 0),
    "Radio, TV e canali online": (3, 19_840),
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
    assert data["summary"]["uscite"] == 23
    assert data["summary"]["audience"] == 1_180_834
    assert data["outlets_without_audience"] == ["Città Inclusive", "LatinaSera", "Radio Lago"]
    assert [o["testata"] for o in data["outlets_to_confirm"]] == ["LatinaSera", "Radio Lago"]
    html = (out / "rassegna.html").read_text(encoding="utf-8")
    assert "1.180.834" in html and "457.020" in html
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
    assert releases == [["None"]] * 8 + [["latina"], ["perugia"], ["trieste"]]
    assert sorted(len(c["uscite"]) for c in data["clusters"]) == [4, 5, 6]


def test_trap_and_unrelated_pages_are_reported_with_reasons(
    first_run: tuple[Store, Path], campaign: Campaign
) -> None:
    store, _ = first_run
    reasons = {row.url: row.reason for row in store.rejections(campaign.slug)}
    (trap,) = (a for a in site.ARTICLES if a.is_trap)
    assert reasons[site.article_url(trap)].startswith("campaign term only outside")
    unrelated = [a for a in site.ARTICLES if not a.about_campaign and not a.is_trap]
    for a in unrelated:
        if a.term_spelling:  # the announcement before the period, which engines return
            assert "outside the campaign period" in reasons[site.article_url(a)]
        elif site.outlet_for(a.outlet).listed:
            assert reasons[site.article_url(a)] == "no campaign term on the page"
        else:  # no engine returns them: only a later crawl, watching the site, sees them
            assert reasons.get(site.article_url(a), "no campaign term on the page") == (
                "no campaign term on the page")


def test_a_third_of_the_uscite_only_search_engines_find(
    first_run: tuple[Store, Path], campaign: Campaign, web: DemoWeb
) -> None:
    from typer.testing import CliRunner

    from rassegna.cli import app
    from rassegna.discovery import DISCOVERY

    store, out = first_run
    data = json.loads((out / "rassegna.json").read_text(encoding="utf-8"))
    unlisted = {o.host for o in site.OUTLETS if not o.listed}
    text = DEMO_CAMPAIGN.read_text(encoding="utf-8")
    assert not any(host.removeprefix("www.") in text for host in unlisted)
    searched = [row for row in data["listing"]
                if row["url"].split("/")[2] in unlisted]
    assert 3 * len(searched) >= len(data["listing"]) == 23
    found = dict(store.kept_pages_found(campaign.slug, DISCOVERY))
    assert all(row["url"] in found for row in searched)
    result = CliRunner().invoke(app, ["outlets", "list", "--new", "--db", str(out / "demo.db"),
                                      "--campaign", str(DEMO_CAMPAIGN)])
    assert result.exit_code == 0, result.output
    # the two the registry does not know; Trieste Sera is in it, though not in the campaign
    lines = [line for line in result.output.splitlines() if ".test" in line]
    assert [line.split()[1] for line in lines] == ["latinasera.test", "radiolago.test"]
    assert "2 domini nuovi" in result.output


def test_the_report_says_what_each_engine_returned_and_why_results_were_left(
    first_run: tuple[Store, Path], campaign: Campaign
) -> None:
    from rassegna.discovery import search_lines

    store, _ = first_run
    lines = {line.via.split(" ", 1)[0] + " " + line.via.split('"')[1] if '"' in line.via
             else "alert": line for line in search_lines(store, campaign)}
    google = lines["google-news LgNet2"]
    assert (google.results, google.kept) == (20, 18)
    assert google.left == {"not resolved": 1, "term only outside the article text": 1}
    bing = lines["bing-news LgNet2"]
    assert bing.left == {"HTTP 404": 1, "outside the period": 1,
                         "term only outside the article text": 1}
    assert lines["alert"].left == {"outside the period": 1}
    reasons = {r.url: r.reason for r in store.rejections(campaign.slug)}
    unresolved = [reason for url, reason in reasons.items() if "news.google.com" in url]
    # the one Google does not resolve, and its outlet's feed does not list: with its title
    assert len(unresolved) == 1 and "'LgNet2, la delegazione in visita" in unresolved[0]
    assert "LatinaSera' (http://www.latinasera.test/)" in unresolved[0]


def test_rerun_changes_no_count(
    first_run: tuple[Store, Path], campaign: Campaign, web: DemoWeb
) -> None:
    engines = ("news.google.com", "www.bing.com", "api.gdeltproject.org")  # not the alert feed
    store, out = first_run
    before = store.counts(campaign.slug)
    summary = json.loads((out / "rassegna.json").read_text(encoding="utf-8"))["summary"]
    asked = len(web.seen)
    results = pipeline.run(store, campaign, out)
    assert not [s for s in web.seen[asked:] if s.host in engines]  # their answers of today
    # the sites discovery found are watched now: their feeds bring their other pages
    unseen = [a for a in site.ARTICLES if not site.outlet_for(a.outlet).listed
              and not a.about_campaign and not a.term_spelling]
    after = store.counts(campaign.slug)
    assert after == {**before, "pages": before["pages"] + len(unseen),
                     "pages_total": before["pages_total"] + len(unseen)}
    assert results[1].done == 0  # nothing new to extract
    results = pipeline.run(store, campaign, out)
    assert store.counts(campaign.slug) == after
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
    assert "extract: 23 uscite, 2 rejected" in result.output
    data = json.loads((tmp_path / "out" / "rassegna.json").read_text(encoding="utf-8"))
    assert data["summary"]["uscite"] == 23


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
    assert (result.done, result.rejected) == (23, 2)
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
    assert store.counts(campaign.slug)["uscite"] == 23  # not 24: the same canonical URL
    store.close()
