"""The extract step feeds the fetch time to the extractor and stores the new fields."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from crawler import Page
from rassegna import pipeline
from rassegna.campaign import load_campaign
from rassegna.store import SCHEMA_VERSION, Store, open_store
from rassegna.store import sqlite as store_module
from rassegna.store.sqlite import MIGRATIONS

PAGE = """<!DOCTYPE html><html lang="it"><head><meta charset="utf-8">
<title>LgNet2 a Genova, la rete che include</title></head><body>
<article><h1>LgNet2 a Genova, la rete che include</h1>
<div class="meta">Di Alice Gipponi</div><div class="meta">2 g</div>
<div class="meta">Fonte: Genova24</div>
<p>Il progetto LgNet2 ha fatto tappa a Genova, dove il Comune ha presentato i risultati di
due anni di lavoro con le associazioni del territorio e con le scuole della città.</p>
<p>Il tour proseguirà a dicembre con le ultime tappe nel Mezzogiorno, da Bari a Palermo,
prima dell'incontro nazionale della rete in programma a Roma.</p>
</article></body></html>"""


def test_extract_step_reads_relative_dates_from_fetch_time_and_stores_original(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "campaign.toml"
    path.write_text(
        '[project]\nname = "LgNet2"\n[[terms]]\nterm = "LgNet2"\n'
        "[period]\nstart = 2023-10-01\nend = 2023-12-31\n",
        encoding="utf-8",
    )
    campaign = load_campaign(path)
    url = "https://www.zazoom.it/2023/11/genova-lgnet2/"
    store.register_campaign(campaign.slug, campaign.name, str(path))
    store.save_page(campaign.slug, Page(
        url=url, canonical_url=url, status=200,
        fetched_at="2023-11-30T09:00:00+00:00", body=PAGE.encode(), encoding="utf-8",
    ))
    result = pipeline.extract(store, campaign)
    assert result.done == 1
    [row] = (stored.article for stored in store.articles(campaign.slug))
    assert str(row.published) == "2023-11-28"  # "2 g" before the fetch, not before today
    assert (row.outlet, row.original_outlet) == ("Zazoom", "Genova24")
    assert row.author == "Alice Gipponi"
    pipeline.audience(store, campaign)
    [uscita] = pipeline.review_uscite(store, campaign)
    assert uscita.testata == "Zazoom – Genova24"  # the portal, then the original outlet
    assert uscita.category == "Portali ed E-zine"


def test_aggregator_copy_counts_the_portal_audience_from_the_registry(
    store: Store, tmp_path: Path
) -> None:
    (tmp_path / "outlets.csv").write_text(
        "testata,domini,categoria,audience,fonte,rilevazione,note\n"
        "Genova 24,genova24.it,Quotidiani e quotidiani online,1.464.811,Audiweb,ottobre 2023,\n"
        "Virgilio.it,virgilio.it,Portali ed E-zine,2.000.000,Audiweb,ottobre 2023,\n",
        encoding="utf-8",
    )
    path = tmp_path / "campaign.toml"
    path.write_text(
        '[project]\nname = "LgNet2"\n[[terms]]\nterm = "LgNet2"\n'
        '[period]\nstart = 2023-10-01\nend = 2023-12-31\n[registry]\nfile = "outlets.csv"\n',
        encoding="utf-8",
    )
    campaign = load_campaign(path)
    url = "https://notizie.virgilio.it/genova-lgnet2/"
    store.register_campaign(campaign.slug, campaign.name, str(path))
    store.save_page(campaign.slug, Page(
        url=url, canonical_url=url, status=200,
        fetched_at="2023-11-30T09:00:00+00:00",
        body=PAGE.replace("Fonte: Genova24", "Fonte: Genova 24").encode(), encoding="utf-8",
    ))
    pipeline.extract(store, campaign)
    pipeline.audience(store, campaign)
    [uscita] = pipeline.review_uscite(store, campaign)
    assert uscita.testata == "Virgilio.it – Genova 24"
    assert uscita.audience == 2_000_000  # the portal's figure, not Genova 24's


def test_migration_adds_the_original_outlet_to_an_old_store(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    before = MIGRATIONS.index(store_module._migration_original)
    db = sqlite_utils.Database(sqlite3.connect(path))  # a store of the schema before
    for migration in MIGRATIONS[:before]:
        migration(db)
    db.execute(f"pragma user_version = {before}")
    db.conn.commit()
    db.conn.close()
    store = open_store(path)
    columns = {c.name for c in store.db.table("articles").columns}
    assert {"original_outlet", "original_domain"} <= columns
    assert store.db.execute("pragma user_version").fetchone()[0] == SCHEMA_VERSION
    store.close()
