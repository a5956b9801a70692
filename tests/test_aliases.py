"""Numero Uscite as the office counts it: one uscita is one outlet's one page.

The same page seen twice counts once: the same canonical URL, its AMP or mobile
variant, a re-crawl at a slightly different URL, an imported row without URL whose
outlet, title and day are those of a crawled page. Everything else counts apart,
however alike the texts: a social post and the article it links, a portal's copies
of two originals, two pages of one outlet.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from crawler import Page
from dedupe.pages import is_light_page, page_key, same_outlet
from extract import Article
from rassegna import pipeline
from rassegna.campaign import Campaign, load_campaign
from rassegna.store import Store, open_store
from rassegna.uscite_files import COLUMNS, export_rows, import_file, write_export

REGISTRY = """testata,domini,categoria,audience,fonte,rilevazione,note
Eco di Oristano,ecodioristano.test,Quotidiani e quotidiani online,50.000,Audiweb,ottobre 2023,
Facebook – Eco di Oristano,,Social Network,8.000,followers,novembre 2023,
Virgilio.it,virgilio.it,Portali ed E-zine,2.000.000,Audiweb,ottobre 2023,
"""
LEAD = (
    "Il press tour del progetto LgNet2 ha fatto tappa a Oristano, dove il Comune ha "
    "presentato lo sportello per i cittadini stranieri aperto nel centro storico, con "
    "mediatori culturali presenti ogni mattina e un servizio di orientamento al lavoro."
)
BODY = (
    "In un anno lo sportello ha seguito oltre trecento persone, metà delle quali donne, "
    "e ha aiutato quaranta famiglie a trovare casa grazie agli accordi con i proprietari "
    "della zona. L'assessora alle politiche sociali ha ricordato che il servizio resterà "
    "aperto anche dopo la fine del progetto, con fondi del bilancio comunale."
)
CLOSING = (
    "La rete LgNet2 riunisce sedici Comuni italiani ed è coordinata dall'Anci con il "
    "ministero dell'Interno; la prossima tappa del tour è in programma a dicembre."
)
TEXT = f"{LEAD}\n{BODY}\n{CLOSING}"
TITLE = "LgNet2 a Oristano, uno sportello nel centro storico"
DAY = "2023-11-28"
UPDATE = (
    "Aggiornamento delle 18: da lunedì lo sportello apre anche il sabato mattina, su "
    "appuntamento, e ha un numero di telefono dedicato; le richieste si possono inviare "
    "anche per posta elettronica all'ufficio dei servizi sociali del Comune."
)
ARTICLE = "https://www.ecodioristano.test/2023/11/lgnet2-oristano-sportello/"


@pytest.fixture
def campaign(tmp_path: Path) -> Campaign:
    (tmp_path / "outlets.csv").write_text(REGISTRY, encoding="utf-8")
    (tmp_path / "c.toml").write_text(
        '[project]\nname = "Prova"\n[[terms]]\nterm = "LgNet2"\n'
        '[period]\nstart = 2023-10-01\nend = 2023-12-31\n[registry]\nfile = "outlets.csv"\n',
        encoding="utf-8",
    )
    return load_campaign(tmp_path / "c.toml")


@pytest.fixture
def db(tmp_path: Path) -> Store:
    store = open_store(tmp_path / "s.db")
    yield store
    store.close()


def crawled(store: Store, campaign: Campaign, url: str, **fields: str) -> int:
    """An uscita as the extract step stores a crawled page (outlet, domain, text)."""
    article = Article(url=url, outlet="Eco di Oristano", domain="ecodioristano.test",
                      title=TITLE, published=dt.date.fromisoformat(DAY), text=TEXT)
    return store.save_article(campaign.slug, url, replace(article, **fields))


def copy_elsewhere(store: Store, campaign: Campaign) -> int:
    """The same release on another outlet: an uscita of its own."""
    url = "https://www.isola.test/lgnet2-oristano/"
    return crawled(store, campaign, url, outlet="Isola", domain="isola.test")


def imported(store: Store, campaign: Campaign, tmp_path: Path, *rows: dict[str, str]) -> None:
    """Rows of the office's own spreadsheet, through ``rassegna import``."""
    path = tmp_path / "a-mano.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    import_file(store, campaign.slug, path)


def review(store: Store, campaign: Campaign, tmp_path: Path) -> dict[str, Any]:
    """The built review's JSON, after the steps that `rassegna run` runs after extract."""
    pipeline.dedupe(store, campaign)
    pipeline.audience(store, campaign)
    pipeline.build(store, campaign, tmp_path / "out", ("json",))
    data: dict[str, Any] = json.loads(
        (tmp_path / "out" / "rassegna.json").read_text(encoding="utf-8"))
    return data


def by_category(data: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Category -> (Numero Uscite, Audience) of the summary, for categories with uscite."""
    return {c["name"]: (c["uscite"], c["audience"])
            for c in data["summary"]["categories"] if c["uscite"]}


# -- counted apart -----------------------------------------------------------


def test_a_facebook_post_and_the_article_it_links_are_two_uscite(
    db: Store, campaign: Campaign, tmp_path: Path
) -> None:
    crawled(db, campaign, ARTICLE)
    # the office's row for the post: the link the post shares (from a phone) and its preview
    imported(db, campaign, tmp_path, {
        "testata": "Facebook – Eco di Oristano", "categoria": "Social Network",
        "titolo": TITLE, "data": "28/11/2023", "testo": TEXT,
        "url": ARTICLE.replace("www.", "m.") + "?fbclid=IwAR0abc"})
    data = review(db, campaign, tmp_path)
    assert data["summary"]["uscite"] == 2
    assert by_category(data) == {"Quotidiani e quotidiani online": (1, 50_000),
                                 "Social Network": (1, 8_000)}
    assert {row["testata"] for row in data["listing"]} == {
        "Eco di Oristano", "Facebook – Eco di Oristano"}


def test_a_facebook_post_without_url_is_not_the_article_of_its_title(
    db: Store, campaign: Campaign, tmp_path: Path
) -> None:
    crawled(db, campaign, ARTICLE)
    imported(db, campaign, tmp_path, {
        "testata": "Facebook – Eco di Oristano", "titolo": TITLE, "data": "28/11/2023"})
    data = review(db, campaign, tmp_path)
    assert data["summary"]["uscite"] == 2
    assert by_category(data) == {"Quotidiani e quotidiani online": (1, 50_000),
                                 "Social Network": (1, 8_000)}


def test_a_portals_copies_of_two_originals_are_two_uscite(
    db: Store, campaign: Campaign, tmp_path: Path
) -> None:
    for original in ("Giornale A", "Giornale B"):
        slug = original.lower().replace(" ", "-")
        crawled(db, campaign, f"https://notizie.virgilio.it/{slug}/lgnet2-oristano/",
                outlet="Virgilio.it", domain="virgilio.it", original_outlet=original)
    data = review(db, campaign, tmp_path)
    assert data["summary"]["uscite"] == 2
    assert by_category(data) == {"Portali ed E-zine": (2, 4_000_000)}
    assert sorted(row["testata"] for row in data["listing"]) == [
        "Virgilio.it – Giornale A", "Virgilio.it – Giornale B"]


def test_two_pages_of_one_outlet_are_two_uscite_however_alike(
    db: Store, campaign: Campaign, tmp_path: Path
) -> None:
    crawled(db, campaign, ARTICLE)
    other = "https://www.ecodioristano.test/oristano/sportello-stranieri-centro-storico/"
    crawled(db, campaign, other, title="Oristano, lo sportello che orienta al lavoro")
    data = review(db, campaign, tmp_path)
    assert data["summary"]["uscite"] == 2
    assert {row["url"] for row in data["listing"]} == {ARTICLE, other}


# -- counted once ------------------------------------------------------------


@pytest.mark.parametrize("variant", [
    "https://www.ecodioristano.test/amp/2023/11/lgnet2-oristano-sportello/",
    "https://amp.ecodioristano.test/2023/11/lgnet2-oristano-sportello/",
    "https://www.ecodioristano.test/2023/11/lgnet2-oristano-sportello/?outputType=amp",
    "https://m.ecodioristano.test/2023/11/lgnet2-oristano-sportello/",
    "https://mobile.ecodioristano.test/2023/11/lgnet2-oristano-sportello",
], ids=["amp-path", "amp-host", "amp-query", "mobile-host", "mobile-no-slash"])
def test_the_amp_or_mobile_page_of_an_article_is_the_same_uscita(
    db: Store, campaign: Campaign, tmp_path: Path, variant: str
) -> None:
    crawled(db, campaign, ARTICLE)
    crawled(db, campaign, variant, text=LEAD)  # the light page: the lead only
    data = review(db, campaign, tmp_path)
    assert data["summary"]["uscite"] == 1
    assert [row["url"] for row in data["listing"]] == [ARTICLE]  # the full page is kept


def test_an_export_imports_back_unchanged_with_a_correction_on_a_page_seen_twice(
    db: Store, campaign: Campaign, tmp_path: Path
) -> None:
    counted = crawled(db, campaign, ARTICLE)
    amp = crawled(db, campaign, ARTICLE.replace("www.", "amp."), text=LEAD)
    db.correct(amp, "category", "Periodici e periodici online", note="a mano")
    assert review(db, campaign, tmp_path)["listing"][0]["category"] == (
        "Periodici e periodici online")  # what the office said of the page holds
    write_export(export_rows(db.uscite(campaign.slug)), tmp_path / "e.csv", "csv")
    corrections = list(db.db.query("select * from corrections"))
    result = import_file(db, campaign.slug, tmp_path / "e.csv")
    assert (result.new, result.changed) == (0, 0)
    assert list(db.db.query("select * from corrections")) == corrections
    assert counted != amp


def test_a_recrawl_at_another_spelling_of_the_url_is_the_same_uscita(
    db: Store, campaign: Campaign, tmp_path: Path
) -> None:
    crawled(db, campaign, ARTICLE.replace("https:", "http:").rstrip("/"))
    crawled(db, campaign, ARTICLE, text=f"{TEXT}\n{UPDATE}")  # edited since the first visit
    data = review(db, campaign, tmp_path)
    assert data["summary"]["uscite"] == 1


PAGE = """<!DOCTYPE html><html lang="it"><head><meta charset="utf-8">
<title>{title} - Eco di Oristano</title><meta property="og:site_name" content="Eco di Oristano">
<link rel="canonical" href="{canonical}">
<meta property="article:published_time" content="2023-11-28T10:00:00+01:00"></head><body>
<nav><a href="/">Home</a> <a href="/cronaca/">Cronaca</a></nav>
<article><h1>{title}</h1><p>{lead}</p><p>{body}</p><p>{closing}</p></article>
</body></html>"""


def test_two_urls_with_one_canonical_url_are_the_same_uscita(
    db: Store, campaign: Campaign, tmp_path: Path
) -> None:
    db.register_campaign(campaign.slug, campaign.name, str(campaign.path))
    html = PAGE.format(title=TITLE, canonical=ARTICLE, lead=LEAD, body=BODY, closing=CLOSING)
    for url in (ARTICLE, ARTICLE + "?from=home", ARTICLE.replace("www.", "m.")):
        db.save_page(campaign.slug, Page(url=url, canonical_url=ARTICLE, status=200,
                                         fetched_at="2023-11-29T09:00:00+00:00",
                                         body=html.encode(), encoding="utf-8"))
    assert pipeline.extract(db, campaign).done == 3
    copy_elsewhere(db, campaign)
    data = review(db, campaign, tmp_path)
    assert data["summary"]["uscite"] == 2
    assert [row["testata"] for row in data["listing"]] == ["Eco di Oristano", "Isola"]


@pytest.mark.parametrize("testata", ["Eco di Oristano", "ecodioristano.test", "ECO DI ORISTANO"])
def test_an_imported_row_without_url_of_a_crawled_page_is_the_same_uscita(
    db: Store, campaign: Campaign, tmp_path: Path, testata: str
) -> None:
    crawled(db, campaign, ARTICLE)
    imported(db, campaign, tmp_path, {
        "testata": testata, "titolo": TITLE.upper() + ".", "data": "28/11/2023",
        "categoria": "Quotidiani e quotidiani online", "audience": "61.000"})
    data = review(db, campaign, tmp_path)
    assert data["summary"]["uscite"] == 1
    assert [row["url"] for row in data["listing"]] == [ARTICLE]  # the page, with its text
    assert data["summary"]["audience"] == 61_000  # what the office wrote still holds


def test_a_row_imported_after_the_run_counts_once_in_the_next_build(
    db: Store, campaign: Campaign, tmp_path: Path
) -> None:
    crawled(db, campaign, ARTICLE)
    copy_elsewhere(db, campaign)
    assert review(db, campaign, tmp_path)["summary"]["uscite"] == 2
    imported(db, campaign, tmp_path, {"testata": "Eco di Oristano", "titolo": TITLE,
                                      "data": "28/11/2023"})
    pipeline.build(db, campaign, tmp_path / "out", ("json",))  # no dedupe run in between
    data = json.loads((tmp_path / "out" / "rassegna.json").read_text(encoding="utf-8"))
    assert data["summary"]["uscite"] == 2


def test_an_imported_row_without_the_article_of_the_page_name_is_the_same_uscita(
    db: Store, campaign: Campaign, tmp_path: Path
) -> None:
    crawled(db, campaign, ARTICLE, outlet="L'Eco di Oristano")  # as its og:site_name says
    copy_elsewhere(db, campaign)
    imported(db, campaign, tmp_path, {"testata": "Eco di Oristano", "titolo": TITLE,
                                      "data": "28/11/2023"})  # as the registry says
    assert review(db, campaign, tmp_path)["summary"]["uscite"] == 2


def test_an_imported_row_of_another_day_or_title_is_another_uscita(
    db: Store, campaign: Campaign, tmp_path: Path
) -> None:
    crawled(db, campaign, ARTICLE)
    imported(db, campaign, tmp_path,
             {"testata": "Eco di Oristano", "titolo": TITLE, "data": "29/11/2023"},
             {"testata": "Eco di Oristano", "titolo": "Sportello stranieri, i numeri",
              "data": "28/11/2023"})
    data = review(db, campaign, tmp_path)
    assert data["summary"]["uscite"] == 3


def test_an_imported_row_with_the_crawled_url_stays_one_uscita(
    db: Store, campaign: Campaign, tmp_path: Path
) -> None:
    crawled(db, campaign, ARTICLE)
    imported(db, campaign, tmp_path, {
        "testata": "Eco di Oristano", "titolo": TITLE, "data": "28/11/2023",
        "url": ARTICLE + "?utm_source=newsletter"})
    copy_elsewhere(db, campaign)
    data = review(db, campaign, tmp_path)
    assert data["summary"]["uscite"] == 2


# -- the signals ---------------------------------------------------------------


@pytest.mark.parametrize("variant", [
    "http://ecodioristano.test/2023/11/lgnet2-oristano-sportello",
    "https://m.ecodioristano.test/2023/11/lgnet2-oristano-sportello/?utm_source=fb#commenti",
    "https://www.ecodioristano.test/2023/11/lgnet2-oristano-sportello/amp/",
    "https://www.ecodioristano.test/2023/11/lgnet2-oristano-sportello/?amp=1",
    "https://www.ecodioristano.test/amp/2023/11/lgnet2-oristano-sportello/",
    "https://www.ecodioristano.test/2023/11/lgnet2-oristano-sportello/?output=amp",
])
def test_variants_of_a_url_have_its_page_key(variant: str) -> None:
    assert page_key(variant) == page_key(ARTICLE) == "ecodioristano.test" + (
        "/2023/11/lgnet2-oristano-sportello")


@pytest.mark.parametrize("other", [
    "https://www.ecodioristano.test/2023/11/lgnet2-oristano-sportello-2/",  # another slug
    "https://www.ecodioristano.test/2023/11/lgnet2-oristano-sportello/?id=2",  # another id
    "https://notizie.ecodioristano.test/2023/11/lgnet2-oristano-sportello/",  # another site
    "https://www.ecodioristano.it/2023/11/lgnet2-oristano-sportello/",  # another domain
])
def test_other_pages_have_other_page_keys(other: str) -> None:
    assert page_key(other) != page_key(ARTICLE)


def test_a_row_without_url_has_no_page_key() -> None:
    assert page_key("urn:rassegna:8b53577d67944bf933ba") == page_key("") == ""


def test_light_pages_are_told_from_the_article() -> None:
    assert not is_light_page(ARTICLE)
    assert not is_light_page("https://www.ecodioristano.test/2023/11/ampliamento-scuole/")
    assert all(map(is_light_page, (
        "https://m.ecodioristano.test/a/", "https://www.ecodioristano.test/a/amp/",
        "https://www.ecodioristano.test/a.amp.html", "https://www.ecodioristano.test/a/?amp=1")))


@pytest.mark.parametrize(("a", "b", "same"), [
    (("Eco di Oristano", "ecodioristano.test"), ("ECO DI ORISTANO", ""), True),
    (("Eco di Oristano", "ecodioristano.test"), ("ecodioristano.test", ""), True),  # the host
    (("Eco di Oristano", "ecodioristano.test"), ("Ecodioristano.test", "ecodioristano.test"),
     True),  # a page without a name of its own goes by its host
    (("Eco di Oristano", "ecodioristano.test"), ("Eco di Oristano", "ecodicagliari.test"), False),
    (("Eco di Oristano", "ecodioristano.test"),
     ("Facebook – Eco di Oristano", "ecodioristano.test"), False),  # a post linking the page
    (("Virgilio.it – Giornale A", "virgilio.it"), ("Virgilio.it – Giornale B", "virgilio.it"),
     False),
    # a leading article, which the page keeps and the office drops, or the other way round
    (("L'Eco di Oristano", "ecodioristano.test"), ("Eco di Oristano", ""), True),
    (("Il Tirreno", "iltirreno.test"), ("tirreno", ""), True),
    (("Eco di Oristano", "ecodioristano.test"), ("Eco di Cagliari", ""), False),
    (("La Nuova Sardegna", "lanuovasardegna.test"), ("Facebook – La Nuova Sardegna", ""),
     False),
])
def test_same_outlet(a: tuple[str, str], b: tuple[str, str], same: bool) -> None:
    assert same_outlet(*a, *b) is same
    assert same_outlet(*b, *a) is same
