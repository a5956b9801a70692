"""The dedupe step over the store: signatures kept per uscita, reused, refreshed on change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

import dedupe
from extract import Article
from rassegna import pipeline
from rassegna.campaign import Campaign
from rassegna.cli import app
from rassegna.store import Store, open_store
from tests.test_dedupe import ANCONA, BARI, BOILERPLATE, UNRELATED, text

CAMPAIGN = Campaign(
    name="LgNet2", slug="lgnet2", path=Path("campaign.toml"), terms=(),
    contact="ufficio.stampa@anci.test",
)


def add(store: Store, url: str, title: str, body: str, domain: str, day: str) -> int:
    return store.save_article(CAMPAIGN.slug, url, Article(
        url=url, outlet=domain, domain=domain, title=title,
        published=dt.date.fromisoformat(day), text=body,
    ))


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Titles of the uscite the dedupe step shingles."""
    calls: list[str] = []

    def counting(body: str, title: str = "") -> dedupe.Signature:
        calls.append(title)
        return dedupe.signature(body, title)

    monkeypatch.setattr(pipeline, "signature", counting)
    return calls


def test_signatures_are_stored_and_only_new_or_changed_texts_are_shingled(
    store: Store, counted: list[str]
) -> None:
    a = add(store, "http://giornale.test/1", "Ancona", text(*ANCONA, BOILERPLATE),
            "giornale.test", "2023-11-11")
    b = add(store, "http://www.anci.test/ancona", "Comunicato Ancona",
            text(*ANCONA, BOILERPLATE), "www.anci.test", "2023-11-12")
    pipeline.dedupe(store, CAMPAIGN)
    assert sorted(counted) == ["Ancona", "Comunicato Ancona"]
    assert set(store.signatures(CAMPAIGN.slug)) == {a, b}

    counted.clear()
    c = add(store, "http://puglia.test/bari", "Bari", text(*BARI, BOILERPLATE),
            "puglia.test", "2023-11-12")
    d = add(store, "http://marche.test/ancona", "Ancona, la tappa", text(ANCONA[0]),
            "marche.test", "2023-11-13")
    pipeline.dedupe(store, CAMPAIGN)
    assert sorted(counted) == ["Ancona, la tappa", "Bari"]  # the others came from the store

    clusters = {r.id: r.cluster_id for r in store.uscite(CAMPAIGN.slug)}
    assert clusters[a] == clusters[b] == clusters[d] == a
    assert clusters[c] == c
    # the press office of the campaign's contact address is the source, though later
    labels = store.cluster_labels(CAMPAIGN.slug)
    assert labels[a] == ("Comunicato Ancona", b)

    counted.clear()
    add(store, "http://marche.test/ancona", "Ancona, la tappa", text(*BARI), "marche.test",
        "2023-11-13")  # the page changed: now it carries the Bari release
    pipeline.dedupe(store, CAMPAIGN)
    assert counted == ["Ancona, la tappa"]
    clusters = {r.id: r.cluster_id for r in store.uscite(CAMPAIGN.slug)}
    assert clusters[d] == clusters[c] == c


def test_the_same_uscita_seen_twice_is_stored_as_an_alias(store: Store) -> None:
    body = text(*ANCONA, BOILERPLATE)
    a = add(store, "http://giornale.test/ancona", "Ancona", body, "giornale.test", "2023-11-11")
    amp = add(store, "http://giornale.test/amp/ancona", "Ancona", body, "giornale.test",
              "2023-11-11")
    other = add(store, "http://altro.test/ancona", "Ancona", body, "altro.test", "2023-11-11")
    pipeline.dedupe(store, CAMPAIGN)
    assert store.cluster_aliases(CAMPAIGN.slug) == {amp: a}
    assert other not in store.cluster_aliases(CAMPAIGN.slug)


@pytest.mark.parametrize("count", [0, 1, 2])
def test_a_campaign_without_copies_is_deduped_one_release_per_uscita(
    store: Store, count: int
) -> None:
    ids = [
        add(store, f"http://giornale{n}.test/{n}", f"Titolo {n}", body, f"giornale{n}.test",
            "2023-11-11")
        for n, body in enumerate(UNRELATED[:count])
    ]
    result = pipeline.dedupe(store, CAMPAIGN)
    assert result.done == count
    assert {r.id: r.cluster_id for r in store.uscite(CAMPAIGN.slug)} == {i: i for i in ids}


@pytest.mark.parametrize("count", [0, 1, 2])
def test_rassegna_dedupe_on_a_campaign_without_copies(tmp_path: Path, count: int) -> None:
    campaign = tmp_path / "c.toml"
    campaign.write_text('[project]\nname = "LgNet2"\n[[terms]]\nterm = "x"\n', encoding="utf-8")
    db = tmp_path / "s.db"
    store = open_store(db)
    for n, body in enumerate(UNRELATED[:count]):
        add(store, f"http://giornale{n}.test/{n}", f"Titolo {n}", body, f"giornale{n}.test",
            "2023-11-11")
    store.close()
    result = CliRunner().invoke(app, ["dedupe", "--db", str(db), "--campaign", str(campaign)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"dedupe: {count} clusters; 0 releases picked up")
