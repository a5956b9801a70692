from __future__ import annotations

import datetime as dt
import sqlite3
import time
from pathlib import Path

import pytest

from audience import Outlet, Reach
from common.errors import StoreError
from crawler import Page
from dedupe import Cluster
from extract import Article
from rassegna.store import SCHEMA_VERSION, Store, open_store

PAGE = dict(
    url="http://www.a.test/1/",
    canonical_url="http://www.a.test/1/",
    status=200,
    fetched_at="2023-10-18T10:00:00+00:00",
    body="<html><body>LgNet2 a Latina, città</body></html>".encode(),
)


def article(url: str = "http://www.a.test/1/") -> Article:
    return Article(url=url, outlet="A", domain="a.test", title="LgNet2 a Latina",
                   published=dt.date(2023, 10, 18),
                   text="Il progetto LgNet2 nella città di Latina.")


def test_schema_version_is_recorded(tmp_path: Path) -> None:
    open_store(tmp_path / "s.db").close()
    again = open_store(tmp_path / "s.db")
    assert again.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    again.close()


def test_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="bogus.db: not a rassegna store"):
        open_store(bogus)


def test_page_archived_compressed_and_body_returned_as_fetched(store: Store) -> None:
    store.save_page("c", Page(**PAGE))
    assert store.page_body(PAGE["url"]) == PAGE["body"]
    stored = store.db.execute("select length(html_gz) from pages").fetchone()[0]
    assert stored is not None
    assert [p.url for p in store.pending_pages("c")] == [PAGE["url"]]


def test_saving_twice_stores_once_and_keeps_outcome(store: Store) -> None:
    store.save_page("c", Page(**PAGE))
    store.save_article("c", PAGE["url"], article())
    store.save_page("c", Page(**PAGE))  # a re-crawl of the unchanged page
    store.save_article("c", PAGE["url"], article())
    assert store.counts("c")["pages"] == 1
    assert store.counts("c")["uscite"] == 1
    assert store.pending_pages("c") == []  # unchanged: not extracted again


def test_changed_page_goes_back_to_extraction(store: Store) -> None:
    store.save_page("c", Page(**PAGE))
    store.save_article("c", PAGE["url"], article())
    store.save_page("c", Page(**{**PAGE, "body": PAGE["body"] + b"<!-- aggiornato -->"}))
    assert len(store.pending_pages("c")) == 1


def test_irrelevant_page_is_rejected_with_reason_and_no_body(store: Store) -> None:
    store.save_page("c", Page(**{**PAGE, "relevant": False, "reason": "no campaign term"}))
    assert store.rejections("c")[0].reason == "no campaign term"
    assert store.page_body(PAGE["url"]) is None


def test_failed_refetch_does_not_undo_an_uscita(store: Store) -> None:
    store.save_page("c", Page(**PAGE))
    store.save_article("c", PAGE["url"], article())
    store.reject_url("c", PAGE["url"], "HTTP 500")
    assert store.outcome_counts("c") == {"uscita": 1}


def test_uscita_found_by_two_campaigns_is_stored_once(store: Store) -> None:
    store.save_article("lgnet2", PAGE["url"], article())
    store.save_article("lgnet3", PAGE["url"], article())
    assert store.counts("lgnet2")["articles_total"] == 1
    assert len(store.articles("lgnet2")) == len(store.articles("lgnet3")) == 1


def test_full_text_search_ignores_accents(store: Store) -> None:
    store.save_article("c", PAGE["url"], article())
    assert [r.title for r in store.search("citta")] == ["LgNet2 a Latina"]
    assert [r.title for r in store.search("città", campaign="c")] == ["LgNet2 a Latina"]
    assert store.search("città", campaign="other") == []


def test_corrections_win_and_survive_recomputation(store: Store) -> None:
    first = store.save_article("c", PAGE["url"], article())
    second = store.save_article("c", "http://www.a.test/2/", article("http://www.a.test/2/"))
    store.save_reach({first: Reach(testata="A", category="Agenzie", audience=10, outlet="A")})
    store.correct(first, "audience", "250")
    store.correct(second, "excluded", "1")
    store.save_reach({first: Reach(testata="A", category="Agenzie", audience=10, outlet="A")})
    rows = store.uscite("c")
    assert [(r.id, r.audience) for r in rows] == [(first, 250)]


def test_correction_of_unknown_uscita_or_field_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="no uscita with id 99"):
        store.correct(99, "title", "x")
    with pytest.raises(StoreError, match="cannot correct 'text'"):
        store.correct(1, "text", "x")


def test_an_import_is_told_which_fields_it_cannot_set(store: Store) -> None:
    with pytest.raises(StoreError, match=r"cannot set broadcast$"):
        store.save_imported("c", "http://www.a.test/1/", {"title": "T", "broadcast": "x"}, {},
                            note="")
    with pytest.raises(StoreError, match=r"cannot set colour$"):
        store.save_imported("c", "http://www.a.test/1/", {"title": "T", "colour": "x"}, {},
                            note="")


def test_a_stored_date_that_is_no_day_names_the_uscita(tmp_path: Path) -> None:
    # an old store, or one edited by hand, may hold a date in another shape
    store = open_store(tmp_path / "s.db")
    first = store.save_article("c", PAGE["url"], article())
    store.db.execute("update articles set published = '18/10/2023' where id = ?", [first])
    with pytest.raises(StoreError, match=rf"uscita {first}: .*'18/10/2023'.*rassegna correct"):
        store.uscite("c")
    store.correct(first, "published", "2023-10-18")  # what the message says to do
    assert [u.published for u in store.uscite("c")] == [dt.date(2023, 10, 18)]
    store.close()


def test_failed_transaction_leaves_store_as_it_was(store: Store) -> None:
    store.save_registry([Outlet(name="A", category="Agenzie")])
    with pytest.raises(Exception, match="boom"), store.transaction():
        store.save_registry([Outlet(name="B", category="Agenzie")])
        raise RuntimeError("boom")
    assert [o.name for o in store.outlets()] == ["A"]


def test_clusters_are_replaced_not_added(store: Store) -> None:
    a = store.save_article("c", PAGE["url"], article())
    b = store.save_article("c", "http://www.b.test/1/", article("http://www.b.test/1/"))
    clusters = [Cluster(id=a, members=(a, b), source=a, label="LgNet2 a Latina")]
    store.replace_clusters("c", clusters)
    store.replace_clusters("c", clusters)
    assert store.counts("c")["clusters"] == 1
    assert {r.cluster_id for r in store.uscite("c")} == {a}


def test_a_missing_store_is_created_only_for_writing(tmp_path: Path) -> None:
    for options in ({"readonly": True}, {"create": False}):
        with pytest.raises(StoreError, match=r"typo\.db: no such store"):
            open_store(tmp_path / "typo.db", **options)  # type: ignore[arg-type]
        assert not (tmp_path / "typo.db").exists()
    open_store(tmp_path / "new" / "s.db").close()  # a write creates it, and its folder
    open_store(tmp_path / "new" / "s.db", create=False).close()


def test_a_store_is_read_from_any_path(tmp_path: Path) -> None:
    folder = tmp_path / "rassegne #1 ?50%"
    open_store(folder / "s.db").close()
    store = open_store(folder / "s.db", readonly=True)
    assert store.counts("c")["pages"] == 0
    store.close()


def test_an_empty_file_is_no_store_to_read(tmp_path: Path) -> None:
    (tmp_path / "empty.db").write_bytes(b"")
    with pytest.raises(StoreError, match=r"empty\.db: not a rassegna store \(an empty database\)"):
        open_store(tmp_path / "empty.db", readonly=True)


def test_the_busy_timeout_is_how_long_a_writer_waits(tmp_path: Path) -> None:
    open_store(tmp_path / "s.db").close()
    other = sqlite3.connect(tmp_path / "s.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        store = open_store(tmp_path / "s.db", busy_timeout=0.2)
        start = time.monotonic()
        with pytest.raises(StoreError, match=r"s\.db: the store is busy: .* more than 0\.2 s"):
            store.register_campaign("c", "C", "c.toml")
        assert 0.15 < time.monotonic() - start < 5
        store.close()
    finally:
        other.rollback()
        other.close()
