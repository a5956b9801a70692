"""Sixty uscite across the seven categories, imported from CSV, reviewed.

Registry: Agenzia Alfa (Agenzie, no figure), Quotidiano Beta (100.000), Periodico
Gamma (20.000), Rivista Delta (Specializzati, 5.000), Radio Epsilon (300.000),
Facebook – Comune di Zeta (12.000 followers), Portale Eta (900.000).
The file adds 2 uscite of Gazzetta Minore, not in the registry, with category and
audience (7.500) given, and gives one Radio Epsilon uscita an audience of 250.000.

Hand-computed:
| Agenzie                         | 10 | 10 x no figure                 |         0 |
| Quotidiani e quotidiani online  | 15 | 13 x 100.000 + 2 x 7.500       | 1.315.000 |
| Periodici e periodici online    |  8 | 8 x 20.000                     |   160.000 |
| Specializzati                   |  5 | 5 x 5.000                      |    25.000 |
| Radio, TV e canali online       |  7 | 6 x 300.000 + 250.000          | 2.050.000 |
| Social Network                  |  6 | 6 x 12.000                     |    72.000 |
| Portali ed E-zine               |  9 | 9 x 900.000                    | 8.100.000 |
| total                           | 60 |                                | 11.722.000|
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from rassegna import pipeline
from rassegna.campaign import load_campaign
from rassegna.store import open_store
from rassegna.uscite_files import COLUMNS, import_file

REGISTRY = """testata,domini,categoria,audience,fonte,rilevazione,note
Agenzia Alfa,alfa.test,Agenzie,,,,
Quotidiano Beta,beta.test,Quotidiani e quotidiani online,100.000,Audiweb,ottobre 2023,
Periodico Gamma,,Periodici e periodici online,20.000,Audipress,2023/III,
Rivista Delta,,Specializzati,5.000,Audiweb,ottobre 2023,
Radio Epsilon,,"Radio, TV e canali online",300.000,Radiomonitor,2023,
Facebook – Comune di Zeta,,Social Network,12.000,followers,novembre 2023,
Portale Eta,eta.test,Portali ed E-zine,900.000,Audiweb,ottobre 2023,
"""
PLAN = [  # (testata, how many, url host or "", category in file, audience in file)
    ("Agenzia Alfa", 10, "alfa.test", "", ""),
    ("Quotidiano Beta", 13, "beta.test", "", ""),
    ("Gazzetta Minore", 2, "", "Quotidiani e quotidiani online", "7.500"),
    ("Periodico Gamma", 8, "", "", ""),
    ("Rivista Delta", 5, "", "", ""),
    ("Radio Epsilon", 6, "", "", ""),
    ("Radio Epsilon", 1, "", "", "250.000"),
    ("Facebook – Comune di Zeta", 6, "", "", ""),
    ("Portale Eta", 9, "eta.test", "", ""),
]


def test_sixty_uscite_summary_matches_hand_computed_totals(tmp_path: Path) -> None:
    (tmp_path / "outlets.csv").write_text(REGISTRY, encoding="utf-8")
    (tmp_path / "c.toml").write_text(
        '[project]\nname = "LgNet2"\noccasion = "Press Tour"\n[[terms]]\nterm = "LgNet2"\n'
        '[period]\nstart = 2023-10-01\nend = 2023-12-31\n[registry]\nfile = "outlets.csv"\n',
        encoding="utf-8",
    )
    rows = []
    day = dt.date(2023, 10, 2)
    for testata, count, host, category, audience in PLAN:
        for n in range(count):
            published = day + dt.timedelta(days=len(rows))
            rows.append({
                "testata": testata, "categoria": category, "audience": audience,
                "titolo": f"LgNet2, uscita {len(rows) + 1} di {testata}",
                "data": published.strftime("%d/%m/%Y"),
                "url": f"https://www.{host}/lgnet2/{n}/" if host else "",
                "testo": "Il progetto LgNet2 fa tappa in città.",
            })
    with (tmp_path / "uscite.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)

    campaign = load_campaign(tmp_path / "c.toml")
    store = open_store(tmp_path / "s.db")
    assert import_file(store, campaign.slug, tmp_path / "uscite.csv").stored == 60
    pipeline.dedupe(store, campaign)
    pipeline.audience(store, campaign)
    pipeline.build(store, campaign, tmp_path / "out", updated=dt.date(2023, 12, 14))
    store.close()

    data = json.loads((tmp_path / "out" / "rassegna.json").read_text(encoding="utf-8"))
    summary = {c["name"]: (c["uscite"], c["audience"]) for c in data["summary"]["categories"]}
    assert summary == {
        "Agenzie": (10, 0),
        "Quotidiani e quotidiani online": (15, 1_315_000),
        "Periodici e periodici online": (8, 160_000),
        "Specializzati": (5, 25_000),
        "Radio, TV e canali online": (7, 2_050_000),
        "Social Network": (6, 72_000),
        "Portali ed E-zine": (9, 8_100_000),
    }
    assert data["summary"]["uscite"] == 60
    assert data["summary"]["audience"] == 11_722_000
    assert data["outlets_without_audience"] == ["Agenzia Alfa"]
    html = (tmp_path / "out" / "rassegna.html").read_text(encoding="utf-8")
    assert "11.722.000" in html and "8.100.000" in html and "1.315.000" in html
    assert "Ultimo aggiornamento: 14 dicembre 2023" in html


def test_rebuild_after_new_uscite_keeps_corrections(tmp_path: Path) -> None:
    (tmp_path / "c.toml").write_text(
        '[project]\nname = "LgNet2"\n[[terms]]\nterm = "LgNet2"\n', encoding="utf-8")
    campaign = load_campaign(tmp_path / "c.toml")
    header = "testata,categoria,audience,titolo,data\n"
    first = tmp_path / "a.csv"
    first.write_text(header + "Alfa,Agenzie,,LgNet2 a Bari,02/11/2023\n"
                     "Beta,Agenzie,,LgNet2 a Roma,03/11/2023\n", encoding="utf-8")
    store = open_store(tmp_path / "s.db")
    import_file(store, campaign.slug, first)
    out = tmp_path / "out"
    pipeline.build(store, campaign, out, ("json", "html"), updated=dt.date(2023, 11, 5))
    (beta,) = (u.id for u in store.uscite(campaign.slug) if u.title == "LgNet2 a Roma")
    store.correct(beta, "excluded", "1")
    store.correct(next(u.id for u in store.uscite(campaign.slug)), "audience", "5000")
    second = tmp_path / "b.csv"
    second.write_text(header + "Gamma,Agenzie,,LgNet2 a Napoli,10/11/2023\n", encoding="utf-8")
    import_file(store, campaign.slug, second)
    pipeline.build(store, campaign, out, ("json", "html"), updated=dt.date(2023, 11, 12))
    data = json.loads((out / "rassegna.json").read_text(encoding="utf-8"))
    assert data["updated"] == "2023-11-12"
    assert [row["title"] for row in data["listing"]] == ["LgNet2 a Bari", "LgNet2 a Napoli"]
    assert data["summary"]["audience"] == 5000
    assert "Ultimo aggiornamento: 12 novembre 2023" in (out / "rassegna.html").read_text()
    store.close()
