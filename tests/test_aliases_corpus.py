"""Numero Uscite on the real LgNet2 clippings (``../shared/corpus/lgnet2-dev.jsonl``).

The office counted every line of the file as one uscita (agencies' feeds with one
text, three sites of one network carrying one release, print clippings without
URL). The review must count as many, per category, whether the office's sheet is
imported alone or on top of a crawl that found the web pages at their mobile or AMP
address. Skipped where the corpus is absent.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from crawler import domain_of
from extract import Article
from rassegna import pipeline
from rassegna.campaign import Campaign, load_campaign
from rassegna.store import Store, open_store
from rassegna.uscite_files import COLUMNS, import_file

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "lgnet2-dev.jsonl"


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    if not CORPUS.exists():
        pytest.skip(f"labelled corpus not found at {CORPUS}")
    with CORPUS.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture
def campaign(tmp_path: Path) -> Campaign:
    (tmp_path / "c.toml").write_text(
        '[project]\nname = "LgNet2"\n[[terms]]\nterm = "LgNet2"\n', encoding="utf-8")
    return load_campaign(tmp_path / "c.toml")


def office_sheet(rows: list[dict[str, Any]], path: Path) -> Path:
    """The clippings as the office's spreadsheet: one line per uscita it counted."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows({
            "testata": r["testata"], "categoria": r["category"],
            "audience": r["audience"] or "", "titolo": r["title"], "data": r["date"],
            "giornalista": r["journalist"], "url": r["url"] or "", "testo": r["text"],
        } for r in rows)
    return path


def light_page(url: str, n: int) -> str:
    """The mobile page of an article for odd lines, its AMP page for even ones."""
    if n % 2:
        return url.replace("://www.", "://m.", 1) if "://www." in url else url.replace(
            "://", "://m.", 1)
    return url.split("?")[0].rstrip("/") + "/amp/"


def counted(store: Store, campaign: Campaign, out: Path) -> dict[str, int]:
    pipeline.dedupe(store, campaign)
    pipeline.audience(store, campaign)
    pipeline.build(store, campaign, out, ("json",))
    data = json.loads((out / "rassegna.json").read_text(encoding="utf-8"))
    by_category = {c["name"]: c["uscite"] for c in data["summary"]["categories"] if c["uscite"]}
    assert sum(by_category.values()) == data["summary"]["uscite"]
    return by_category


def test_the_office_sheet_counts_as_the_office(
    rows: list[dict[str, Any]], campaign: Campaign, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "s.db")
    import_file(store, campaign.slug, office_sheet(rows, tmp_path / "uscite.csv"))
    assert counted(store, campaign, tmp_path / "out") == Counter(r["category"] for r in rows)
    store.close()


def test_the_office_sheet_on_a_crawl_of_the_light_pages_counts_as_the_office(
    rows: list[dict[str, Any]], campaign: Campaign, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "s.db")
    for row in rows:
        if row["url"]:
            url = light_page(row["url"], row["n"])
            store.save_article(campaign.slug, url, Article(
                url=url, outlet=row["testata"], domain=domain_of(url), title=row["title"],
                published=dt.date.fromisoformat(row["date"]), text=row["text"]))
    import_file(store, campaign.slug, office_sheet(rows, tmp_path / "uscite.csv"))
    assert len(store.articles(campaign.slug)) == len(rows) + sum(1 for r in rows if r["url"])
    assert counted(store, campaign, tmp_path / "out") == Counter(r["category"] for r in rows)
    store.close()
