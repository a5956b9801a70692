from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from audience import CATEGORIES
from review import Cover, Uscita, build_review, to_json, write_review

COVER = Cover(
    title="LGNET2 Rassegna Stampa Press Tour",
    project="LgNet2",
    updated=dt.date(2023, 12, 14),
    lines=("FONDO ASILO, MIGRAZIONE E INTEGRAZIONE (FAMI) 2014-2020",),
)


def uscite() -> list[Uscita]:
    day = dt.date(2023, 10, 18)
    return [
        Uscita(1, "Agenzie", "ANSA - Regional Service", "Torino, 160 trovano casa",
               published=day, cluster=1),
        Uscita(2, "Quotidiani e quotidiani online", "Genova 24", "Genova e LgNet2",
               audience=1_464_811, published=day + dt.timedelta(days=2),
               author="Alice Gipponi", url="https://www.genova24.test/a", cluster=2),
        Uscita(3, "Quotidiani e quotidiani online", "Il Quotidiano", "Torino inclusiva",
               audience=250_000, published=day, cluster=1),
        Uscita(4, "Portali ed E-zine", "Virgilio.it – Genova 24", "Genova e LgNet2",
               audience=956_991, published=day + dt.timedelta(days=3), cluster=2),
        Uscita(5, "Portali ed E-zine", "Virgilio.it – Genova 24", "Un altro pezzo",
               audience=956_991, published=day + dt.timedelta(days=5), cluster=5),
    ]


def test_summary_counts_audience_once_per_uscita() -> None:
    review = build_review(uscite(), COVER)
    data = to_json(review)
    # hand-computed: 1.464.811 + 250.000 + 956.991 * 2 (two uscite on the portal)
    assert data["summary"]["uscite"] == 5
    assert data["summary"]["audience"] == 3_628_793
    rows = {c["name"]: (c["uscite"], c["audience"]) for c in data["summary"]["categories"]}
    assert [c["name"] for c in data["summary"]["categories"]] == list(CATEGORIES)
    assert rows["Agenzie"] == (1, 0)
    assert rows["Quotidiani e quotidiani online"] == (2, 1_714_811)
    assert rows["Portali ed E-zine"] == (2, 1_913_982)
    assert rows["Social Network"] == (0, 0)
    assert data["outlets_without_audience"] == ["ANSA - Regional Service"]


def test_listing_is_by_category_then_date_with_short_authors() -> None:
    data = to_json(build_review(uscite(), COVER))
    assert [row["id"] for row in data["listing"]] == [1, 3, 2, 4, 5]
    genova = data["listing"][2]
    assert genova["author"] == "A. Gipponi" and genova["date"] == "2023-10-20"
    assert set(genova) >= {"category", "testata", "audience", "title", "date", "author",
                           "url", "cluster"}


def test_highlights_put_audience_first_then_agencies() -> None:
    review = build_review(uscite(), COVER, highlights=3)
    assert review.highlights == ("Genova 24", "Virgilio.it – Genova 24", "Il Quotidiano")
    assert build_review(uscite(), COVER, highlights=5).highlights[-1] == "ANSA - Regional Service"


def test_clusters_list_releases_picked_up_twice() -> None:
    data = to_json(build_review(uscite(), COVER))
    assert [(c["id"], c["uscite"], c["audience"]) for c in data["clusters"]] == [
        (1, [1, 3], 250_000),
        (2, [2, 4], 2_421_802),
    ]


def test_html_and_json_written_with_italian_formatting(tmp_path: Path) -> None:
    paths = write_review(build_review(uscite(), COVER), tmp_path)
    assert [p.name for p in paths] == ["rassegna.html", "rassegna.json"]
    html = (tmp_path / "rassegna.html").read_text(encoding="utf-8")
    assert "Ultimo aggiornamento: 14 dicembre 2023" in html
    assert "3.628.793" in html and "1.464.811" in html
    assert "20 ottobre" in html and "A. Gipponi" in html
    summary = html[html.index('class="summary"'):html.index("</table>")]
    assert [re.sub(r"\s+", " ", name) for name in re.findall(r"<tr><td>([^<]+)</td>", summary)] \
        == list(CATEGORIES)
    # a category with no uscite has empty cells, not zeros
    assert re.search(r"<td>Social Network</td>\s*<td class=\"num\"></td>", summary)
    assert "QUOTIDIANI E QUOTIDIANI ONLINE" in html
    assert json.loads((tmp_path / "rassegna.json").read_text())["summary"]["uscite"] == 5
    assert not list(tmp_path.glob("*.part"))
