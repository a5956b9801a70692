"""The entities step: rows stored per uscita, recomputed on demand, spellings merged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract import Article
from rassegna import pipeline
from rassegna.campaign import Campaign, load_campaign
from rassegna.cli import app
from rassegna.store import Store, open_store

TORINO = (
    "Ha fatto tappa a Torino il tour LgNet2: hanno trovato casa oltre 160 persone. "
    "Lo ha spiegato Jacopo Rosatelli, assessore alle Politiche sociali del Comune di Torino."
)
TORINO_TYPO = TORINO.replace("Rosatelli", "Rosatteli")


@pytest.fixture
def campaign(tmp_path: Path) -> Campaign:
    path = tmp_path / "campaign.toml"
    path.write_text(
        '[project]\nname = "LgNet2"\n\n[[terms]]\nterm = "LgNet2"\n\n'
        "[period]\nstart = 2023-10-01\nend = 2023-12-31\n",
        encoding="utf-8",
    )
    return load_campaign(path)


def save(store: Store, campaign: Campaign, number: int, text: str) -> int:
    url = f"https://www.a{number}.test/torino/"
    return store.save_article(
        campaign.slug, url,
        Article(url=url, outlet=f"A{number}", domain=f"a{number}.test",
                title="Torino nella rete LgNet2", published=dt.date(2023, 10, 18), text=text),
    )


def test_rows_are_stored_per_uscita_and_recomputed_without_duplicates(
    store: Store, campaign: Campaign
) -> None:
    first = save(store, campaign, 1, TORINO)
    result = pipeline.entities(store, campaign)
    assert result.done == 1
    rows = store.entities(campaign.slug)
    (found,) = rows.values()
    assert found.main_city and len(found.officials) == 1
    (official,) = found.officials
    assert official.name == "Jacopo Rosatelli"
    assert official.role == "assessore"
    assert official.comune == "Torino"
    assert TORINO[official.start:official.end] == "Jacopo Rosatelli"
    (figure,) = found.figures
    assert (figure.value, figure.unit, figure.qualifier) == (160, "persone", "oltre")
    pipeline.entities(store, campaign)
    assert store.entities(campaign.slug) == rows
    assert set(rows) == {first}


def test_new_uscita_is_merged_with_the_spellings_already_stored(
    store: Store, campaign: Campaign
) -> None:
    ids = [save(store, campaign, n, TORINO) for n in (1, 2)]
    pipeline.entities(store, campaign, article_ids=ids)
    typo = save(store, campaign, 3, TORINO_TYPO)
    pipeline.entities(store, campaign, article_ids=[typo])
    found = store.entities(campaign.slug)
    assert {o.name for e in found.values() for o in e.officials} == {"Jacopo Rosatelli"}
    (official,) = found[typo].officials
    assert official.written == "Jacopo Rosatteli"
    assert list(official.variants) == ["Jacopo Rosatelli", "Jacopo Rosatteli"]


def test_review_uscite_carry_their_entities(store: Store, campaign: Campaign) -> None:
    save(store, campaign, 1, TORINO)
    pipeline.entities(store, campaign)
    (uscita,) = pipeline.review_uscite(store, campaign)
    assert uscita.entities.main_city == "Torino"
    assert [o.name for o in uscita.entities.officials] == ["Jacopo Rosatelli"]
    assert uscita.entities.figures[0].value == 160


def test_missing_only_skips_uscite_that_have_entities(store: Store, campaign: Campaign) -> None:
    save(store, campaign, 1, TORINO)
    pipeline.entities(store, campaign)
    assert pipeline.entities(store, campaign, missing_only=True).done == 0
    save(store, campaign, 2, TORINO)
    assert pipeline.entities(store, campaign, missing_only=True).done == 1


def test_cli_entities_command(tmp_path: Path, campaign: Campaign) -> None:
    db = tmp_path / "r.db"
    with_store = open_store(db)
    save(with_store, campaign, 1, TORINO)
    with_store.close()
    result = CliRunner().invoke(
        app, ["entities", "--db", str(db), "--campaign", str(campaign.path)]
    )
    assert result.exit_code == 0, result.output
    assert "entities" in result.output
    mains = [e.main_city for e in open_store(db).entities(campaign.slug).values() if e.main_city]
    assert mains[0] == "Torino"


def test_json_and_html_show_the_city_stop_and_the_official() -> None:
    import datetime as dt

    from extract.entities import Entities, Official
    from review import Cover, HtmlRenderer, Uscita, build_review, to_json

    found = Entities(
        main_city="Trieste",
        officials=(Official("Massimo Tognoli", "assessore", "Trieste", "alle Politiche Sociali",
                            "Massimo Tognolli", ("Massimo Tognoli", "Massimo Tognolli")),),
    )
    uscita = Uscita(1, "Agenzie", "ANSA", "Trieste nella rete", entities=found)
    review = build_review([uscita, Uscita(2, "Agenzie", "AGI", "Altro")],
                          Cover("T", "LgNet2", dt.date(2023, 12, 14)))
    rows = {row["id"]: row["entities"] for row in to_json(review)["listing"]}
    assert rows[1]["main_city"] == "Trieste"
    assert rows[1]["officials"][0]["variants"] == ["Massimo Tognoli", "Massimo Tognolli"]
    assert rows[2] == {"cities": [], "main_city": None, "officials": [], "figures": []}
    html = HtmlRenderer().render(review).decode("utf-8")
    assert "Tappa: Trieste" in html
    assert "Massimo Tognolli (assessore di Trieste)" in html
    assert "grafia diversa da «Massimo Tognoli»" in html
