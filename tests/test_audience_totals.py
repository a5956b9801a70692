"""Totals of a review from a registry and 32 uscite across all seven categories.

The uscite, their outlets and the registry below are written by us; every expected
figure is computed by hand from the registry (the arithmetic is written out).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from dedupe import Cluster
from extract import Article
from rassegna import pipeline
from rassegna.campaign import Campaign, load_campaign
from rassegna.store import Store, open_store

REGISTRY = """\
testata,domini,categoria,audience,fonte,rilevazione,note
ANSA,ansa.it,Agenzie,,,,nessun dato certificato
Agenzia Penisola,agenziapenisola.test,Agenzie,152.340,Audiweb,ottobre 2023,
Genova 24,genova24.test,Quotidiani e quotidiani online,1.464.811,Audiweb,ottobre 2023,
Cronaca Pontina,cronacapontina.test,Quotidiani e quotidiani online,48.213,Audiweb,ottobre 2023,
La Voce del Borgo,lavoceborgo.test,Quotidiani e quotidiani online,,,,
Settimana Umbra,settimanaumbra.test,Periodici e periodici online,12.500,Audipress,2023/III,
Famiglie Oggi,famiglieoggi.test,Periodici e periodici online,80.000,Audipress,2023/III,
Città Inclusive,cittainclusive.test,Specializzati,,,,
Welfare Giornale,welfaregiornale.test,Specializzati,9.100,Audiweb,ottobre 2023,
Onda Nordest TV,ondanordest.test,"Radio, TV e canali online",19.840,Auditel,novembre 2023,
Radio Gold,radiogold.test,"Radio, TV e canali online",25.000,Radiomonitor,2023,
Facebook – Comune di Latina,,Social Network,12.000,followers,ottobre 2023,
Virgilio.it,virgilio.it,Portali ed E-zine,956.991,Audiweb,ottobre 2023,
Notizie in Rete,notizieinrete.test,Portali ed E-zine,210.455,Audiweb,ottobre 2023,
"""

# (page outlet name, domain, date, main city, release) in id order, ids from 1.
# Outlets not in the registry: Adnkronos and Instagram (starter registry), La
# Gazzetta di Prova and Radio Sole (inferred).
USCITE = [
    ("ANSA", "ansa.it", "2023-10-16", "Latina", "R1"),  # 1
    ("ANSA", "ansa.it", "2023-10-23", "Genova", "R2"),  # 2
    ("ANSA", "ansa.it", "2023-11-06", "", ""),  # 3
    ("Agenzia Penisola", "agenziapenisola.test", "2023-10-16", "Latina", "R1"),  # 4
    ("Agenzia Penisola", "agenziapenisola.test", "2023-10-23", "Genova", "R2"),  # 5
    ("Adnkronos", "adnkronos.com", "2023-10-17", "Latina", "R1"),  # 6
    ("Genova 24", "genova24.test", "2023-10-23", "Genova", "R2"),  # 7
    ("Genova 24", "genova24.test", "2023-10-24", "Genova", "R2"),  # 8
    ("Genova 24", "genova24.test", "2023-11-06", "", ""),  # 9
    ("Cronaca Pontina", "cronacapontina.test", "2023-10-16", "Latina", "R1"),  # 10
    ("Cronaca Pontina", "cronacapontina.test", "2023-10-18", "Latina", ""),  # 11
    ("La Voce del Borgo", "lavoceborgo.test", "2023-10-17", "", ""),  # 12
    ("La Gazzetta di Prova", "lagazzettadiprova.test", "2023-10-17", "Latina", "R1"),  # 13
    ("La Gazzetta di Prova", "lagazzettadiprova.test", "2023-10-25", "Genova", "R2"),  # 14
    ("Settimana Umbra", "settimanaumbra.test", "2023-10-20", "", ""),  # 15
    ("Settimana Umbra", "settimanaumbra.test", "2023-10-27", "Genova", "R2"),  # 16
    ("Famiglie Oggi", "famiglieoggi.test", "2023-11-06", "", ""),  # 17
    ("Città Inclusive", "cittainclusive.test", "2023-10-18", "Latina", "R1"),  # 18
    ("Città Inclusive", "cittainclusive.test", "2023-10-25", "Genova", "R2"),  # 19
    ("Welfare Giornale", "welfaregiornale.test", "2023-10-19", "Latina", ""),  # 20
    ("Welfare Giornale", "welfaregiornale.test", "2023-11-07", "", ""),  # 21
    ("Onda Nordest TV", "ondanordest.test", "2023-10-16", "Latina", "R1"),  # 22
    ("Onda Nordest TV", "ondanordest.test", "2023-10-23", "Genova", "R2"),  # 23
    ("Radio Gold", "radiogold.test", "2023-10-24", "Genova", ""),  # 24
    ("Radio Sole", "radiosole.test", "2023-10-17", "Latina", "R1"),  # 25
    ("Comune di Latina", "facebook.com", "2023-10-16", "Latina", "R1"),  # 26
    ("Comune di Latina", "facebook.com", "2023-10-20", "Latina", ""),  # 27
    ("Comune di Genova", "instagram.com", "2023-10-23", "Genova", "R2"),  # 28
    ("Genova 24", "virgilio.it", "2023-10-23", "Genova", "R2"),  # 29
    ("Genova 24", "virgilio.it", "2023-10-24", "Genova", "R2"),  # 30
    ("Cronaca Pontina", "virgilio.it", "2023-10-16", "Latina", "R1"),  # 31
    ("Notizie in Rete", "notizieinrete.test", "2023-11-07", "", ""),  # 32
]

# hand-computed from REGISTRY: an outlet's figure once per uscita, no figure adds 0
EXPECTED_CATEGORIES = {
    # ANSA x3 (none), Agenzia Penisola x2, Adnkronos (starter, none)
    "Agenzie": (6, 2 * 152_340),
    # Genova 24 x3, Cronaca Pontina x2, La Voce del Borgo (none), La Gazzetta x2 (inferred)
    "Quotidiani e quotidiani online": (8, 3 * 1_464_811 + 2 * 48_213),
    "Periodici e periodici online": (3, 2 * 12_500 + 80_000),
    # Città Inclusive x2 (none), Welfare Giornale x2
    "Specializzati": (4, 2 * 9_100),
    # Onda Nordest x2, Radio Gold, Radio Sole (inferred, none)
    "Radio, TV e canali online": (4, 2 * 19_840 + 25_000),
    # the page's followers twice; the Instagram profile has no figure
    "Social Network": (3, 2 * 12_000),
    # Virgilio.it x3 (the portal's figure each time), Notizie in Rete
    "Portali ed E-zine": (4, 3 * 956_991 + 210_455),
}
TOTAL_AUDIENCE = 8_088_847  # the sum of the seven rows above, added by hand


def write_campaign(folder: Path, registry: str = REGISTRY) -> Campaign:
    (folder / "outlets.csv").write_text(registry, encoding="utf-8")
    path = folder / "campaign.toml"
    path.write_text(
        '[project]\nname = "LgNet2"\noccasion = "Press Tour"\n'
        '[[terms]]\nterm = "LgNet2"\n'
        "[period]\nstart = 2023-10-01\nend = 2023-12-31\n"
        '[registry]\nfile = "outlets.csv"\n',
        encoding="utf-8",
    )
    return load_campaign(path)


def fill_store(store: Store, campaign: Campaign) -> None:
    """The 32 uscite, their main cities and their releases, as earlier steps store them."""
    releases: dict[str, list[int]] = {}
    for number, (outlet, domain, day, city, release) in enumerate(USCITE, start=1):
        url = f"https://{domain}/lgnet2-{number}"
        article_id = store.save_article(
            campaign.slug,
            url,
            Article(url=url, outlet=outlet, domain=domain, title=f"LgNet2 uscita {number}",
                    published=dt.date.fromisoformat(day),
                    text=f"LgNet2 fa tappa. Uscita {number}."),
        )
        assert article_id == number
        if city:
            store.db.table("entities").insert(
                {"article_id": article_id, "kind": "main_city", "value": city, "detail": "",
                 "start": 0, "end": len(city)}
            )
        releases.setdefault(release or f"single-{number}", []).append(article_id)
    store.replace_clusters(
        campaign.slug,
        [Cluster(id=min(ids), members=tuple(ids), source=min(ids), label=f"comunicato {key}")
         for key, ids in releases.items()],
    )


@pytest.fixture
def built(tmp_path: Path) -> Iterator[tuple[Store, Campaign, dict]]:
    campaign = write_campaign(tmp_path)
    store = open_store(tmp_path / "store.db")
    fill_store(store, campaign)
    pipeline.audience(store, campaign)
    pipeline.build(store, campaign, tmp_path / "out")
    data = json.loads((tmp_path / "out" / "rassegna.json").read_text(encoding="utf-8"))
    yield store, campaign, data
    store.close()


def test_there_are_at_least_30_uscite_in_every_category() -> None:
    assert len(USCITE) >= 30
    assert sum(n for n, _ in EXPECTED_CATEGORIES.values()) == len(USCITE)
    assert all(n > 0 for n, _ in EXPECTED_CATEGORIES.values())


def test_totals_per_category_match_hand_computed_values(built) -> None:
    _, _, data = built
    summary = {c["name"]: (c["uscite"], c["audience"]) for c in data["summary"]["categories"]}
    assert summary == EXPECTED_CATEGORIES
    totals = {c["key"]: (c["uscite"], c["audience"]) for c in data["totals"]["categories"]}
    assert totals == EXPECTED_CATEGORIES
    assert data["summary"]["uscite"] == 32
    assert data["summary"]["audience"] == TOTAL_AUDIENCE
    overall = data["totals"]["overall"]
    # uscite without a figure: ANSA x3, Adnkronos, La Voce, La Gazzetta x2, Città
    # Inclusive x2, Radio Sole, Instagram
    assert (overall["uscite"], overall["audience"], overall["without_audience"]) == (
        32, TOTAL_AUDIENCE, 11)


def test_missing_figures_are_listed_and_inferred_outlets_to_confirm(built) -> None:
    _, _, data = built
    assert data["outlets_without_audience"] == [
        "ANSA", "Adnkronos", "Città Inclusive", "Instagram – Comune di Genova",
        "La Gazzetta di Prova", "La Voce del Borgo", "Radio Sole",
    ]
    assert data["outlets_to_confirm"] == [
        {"testata": "La Gazzetta di Prova", "category": "Quotidiani e quotidiani online",
         "uscite": 2},
        {"testata": "Radio Sole", "category": "Radio, TV e canali online", "uscite": 1},
    ]
    by_id = {row["id"]: row for row in data["listing"]}
    assert by_id[29]["testata"] == "Virgilio.it – Genova 24" and by_id[29]["audience"] == 956_991
    assert by_id[26]["testata"] == "Facebook – Comune di Latina"
    assert by_id[26]["audience"] == 12_000 and not by_id[26]["category_inferred"]
    assert by_id[13]["category_inferred"] and by_id[13]["audience"] is None
    assert by_id[1]["city"] == "Latina" and by_id[3]["city"] == ""


def test_totals_per_city_in_tour_order_with_non_indicata_last(built) -> None:
    _, _, data = built
    cities = [(c["label"], c["uscite"], c["audience"]) for c in data["totals"]["cities"]]
    assert cities == [
        # 4, 10, 11, 20, 22, 26, 27, 31 have figures; 1, 6, 13, 18, 25 none
        ("Latina", 13, 152_340 + 2 * 48_213 + 9_100 + 19_840 + 2 * 12_000 + 956_991),
        # 5, 7, 8, 16, 23, 24, 29, 30 have figures; 2, 14, 19, 28 none
        ("Genova", 12, 152_340 + 2 * 1_464_811 + 12_500 + 19_840 + 25_000 + 2 * 956_991),
        # 9, 15, 17, 21, 32 have figures; 3, 12 none
        ("non indicata", 7, 1_464_811 + 12_500 + 80_000 + 9_100 + 210_455),
    ]


def test_totals_per_release_day_and_week(built) -> None:
    _, _, data = built
    releases = {r["cluster"]: (r["label"], r["uscite"], r["audience"])
                for r in data["totals"]["releases"]}
    assert releases[1] == ("comunicato R1", 10, 152_340 + 48_213 + 19_840 + 12_000 + 956_991)
    assert releases[2] == (
        "comunicato R2", 11, 152_340 + 2 * 1_464_811 + 12_500 + 19_840 + 2 * 956_991
    )
    assert len(releases) == 2 + 11  # R1, R2 and eleven uscite of a release of their own
    assert sum(r["uscite"] for r in data["totals"]["releases"]) == 32
    weeks = [(w["week"], w["label"], w["uscite"], w["audience"]) for w in data["totals"]["weeks"]]
    assert weeks == [
        ("2023-W42", "16 ottobre – 22 ottobre", 15,
         152_340 + 2 * 48_213 + 12_500 + 9_100 + 19_840 + 2 * 12_000 + 956_991),
        ("2023-W43", "23 ottobre – 29 ottobre", 12,
         152_340 + 2 * 1_464_811 + 12_500 + 19_840 + 25_000 + 2 * 956_991),
        ("2023-W45", "6 novembre – 12 novembre", 5, 1_464_811 + 80_000 + 9_100 + 210_455),
    ]
    first_day = data["totals"]["days"][0]
    assert (first_day["date"], first_day["label"], first_day["uscite"]) == (
        "2023-10-16", "16 ottobre", 6)
    assert first_day["audience"] == 152_340 + 48_213 + 19_840 + 12_000 + 956_991


def test_html_shows_the_totals(built, tmp_path: Path) -> None:
    html = (tmp_path / "out" / "rassegna.html").read_text(encoding="utf-8")
    assert "Per tappa" in html and "non indicata" in html
    assert "8.088.847" in html  # the overall audience, Italian style
    assert "5.053.284" in html  # Genova's audience (hand-computed above)
    assert "16 ottobre – 22 ottobre" in html
    assert "Categorie da confermare" in html and "Radio Sole" in html


def test_registry_update_after_a_review_does_not_rewrite_it(built, tmp_path: Path) -> None:
    store, campaign, data = built
    version = data["registry_version"]
    assert version is not None
    # the office raises Genova 24's figure after the review was delivered
    (tmp_path / "outlets.csv").write_text(
        REGISTRY.replace("1.464.811", "2.000.000"), encoding="utf-8"
    )
    result = pipeline.audience(store, campaign)
    assert "--refresh-audience" in result.detail
    pipeline.build(store, campaign, tmp_path / "again")
    again = json.loads((tmp_path / "again" / "rassegna.json").read_text(encoding="utf-8"))
    assert again["summary"]["audience"] == TOTAL_AUDIENCE
    assert again["registry_version"] == version
    # asked for: the new figure counts once for each of Genova 24's three uscite (the
    # two on Virgilio.it count the portal's figure, which did not change)
    pipeline.build(store, campaign, tmp_path / "fresh", refresh_audience=True)
    fresh = json.loads((tmp_path / "fresh" / "rassegna.json").read_text(encoding="utf-8"))
    assert fresh["summary"]["audience"] == TOTAL_AUDIENCE + 3 * (2_000_000 - 1_464_811)
    assert fresh["registry_version"] == version + 1
    # and the next build keeps the refreshed version
    pipeline.build(store, campaign, tmp_path / "later")
    later = json.loads((tmp_path / "later" / "rassegna.json").read_text(encoding="utf-8"))
    assert later["registry_version"] == version + 1
    assert [r.registry_version for r in store.reviews(campaign.slug)] == [
        version, version, version + 1, version + 1]


def test_registry_before_the_first_review_follows_the_latest(tmp_path: Path) -> None:
    campaign = write_campaign(tmp_path)
    store = open_store(tmp_path / "store.db")
    fill_store(store, campaign)
    pipeline.audience(store, campaign)
    (tmp_path / "outlets.csv").write_text(
        REGISTRY.replace("Famiglie Oggi,famiglieoggi.test,Periodici e periodici online,80.000",
                         "Famiglie Oggi,famiglieoggi.test,Periodici e periodici online,90.000"),
        encoding="utf-8",
    )
    pipeline.build(store, campaign, tmp_path / "out")
    data = json.loads((tmp_path / "out" / "rassegna.json").read_text(encoding="utf-8"))
    assert data["summary"]["audience"] == TOTAL_AUDIENCE + 10_000
    store.close()


def test_undated_and_unclustered_uscite_have_their_own_rows() -> None:
    import datetime as dt

    from review import Uscita
    from review.totals import NO_CITY, NO_DATE, compute_totals

    uscite = [
        Uscita(4, "Agenzie", "ANSA", "a", audience=None, published=None, city=" "),
        Uscita(7, "Agenzie", "AGI", "b", audience=10, published=dt.date(2020, 12, 31),
               city="Bari"),
        Uscita(9, "Agenzie", "AGI", "c", audience=10, published=dt.date(2021, 1, 1),
               city="Bari", cluster=7),
    ]
    totals = compute_totals(uscite, {7: ("Bari, la tappa", 7)})
    assert [(t.label, t.uscite, t.audience) for t in totals.cities] == [
        ("Bari", 2, 20), (NO_CITY, 1, 0)]
    # 31 December 2020 and 1 January 2021 are both in ISO week 53 of 2020
    assert [(t.key, t.label, t.uscite) for t in totals.weeks] == [
        ("2020-W53", "28 dicembre – 3 gennaio", 2), ("", NO_DATE, 1)]
    assert totals.weeks[-1].label == NO_DATE and totals.days[-1].label == NO_DATE
    assert [(t.key, t.label, t.uscite) for t in totals.releases] == [
        ("7", "Bari, la tappa", 2), ("4", "a", 1)]
    assert (totals.overall.uscite, totals.overall.audience, totals.overall.without_audience) == (
        3, 20, 1)
