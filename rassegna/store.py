"""The store: one SQLite file, through sqlite-utils. The only module with SQL.

Tables (created and migrated here, ``PRAGMA user_version`` is the schema version):

- ``campaigns``: one row per campaign file run against the store.
- ``pages``: every page fetched: URL, canonical URL, HTTP status, fetch time,
  validators (ETag, Last-Modified) and the body, zlib-compressed, as fetched.
- ``page_campaigns``: what each campaign made of a page: how it was found, and the
  outcome (``pending`` extraction, ``uscita``, or ``rejected`` with the reason).
- ``articles``: the uscite, one per canonical URL (FTS5 over title and text);
  ``article_campaigns`` says which campaigns an uscita belongs to.
- ``outlets``: the registry; ``reach``: the category and audience computed per uscita.
- ``clusters`` / ``cluster_members``: syndicated copies of one release, per campaign;
  ``alias_of`` marks a member that repeats another uscita of the same outlet.
- ``signatures``: the shingle hashes dedupe computed per uscita, with the hash of
  the text they came from.
- ``entities``: cities, officials and figures per uscita.
- ``corrections``: manual corrections, kept apart from computed values; they win.

Every write is an upsert keyed on a natural key, so every step can run twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import sqlite_utils

from rassegna.errors import StoreError

__all__ = ["Store", "SCHEMA_VERSION"]


def _migration_1(db: sqlite_utils.Database) -> None:
    db.table("campaigns").create(
        {"slug": str, "name": str, "path": str, "updated_at": str}, pk="slug"
    )
    db.table("pages").create(
        {
            "url": str,
            "canonical_url": str,
            "status": int,
            "fetched_at": str,
            "content_type": str,
            "encoding": str,
            "etag": str,
            "last_modified": str,
            "html_hash": str,
            "html_gz": bytes,
        },
        pk="url",
    )
    db.table("page_campaigns").create(
        {
            "campaign": str,
            "url": str,
            "found_via": str,
            "outcome": str,
            "reason": str,
            "html_hash": str,
            "updated_at": str,
        },
        pk=("campaign", "url"),
    )
    db.table("articles").create(
        {
            "id": int,
            "url": str,
            "page_url": str,
            "outlet": str,
            "domain": str,
            "title": str,
            "subtitle": str,
            "author": str,
            "published": str,
            "updated": str,
            "text": str,
            "html_hash": str,
            "extracted_at": str,
        },
        pk="id",
    )
    db.table("articles").create_index(["url"], unique=True)
    db.table("articles").enable_fts(
        ["title", "text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )
    db.table("article_campaigns").create(
        {"article_id": int, "campaign": str}, pk=("article_id", "campaign")
    )
    db.table("outlets").create(
        {
            "name": str,
            "domains": str,
            "category": str,
            "audience": int,
            "source": str,
            "measured_at": str,
            "notes": str,
        },
        pk="name",
    )
    db.table("reach").create(
        {
            "article_id": int,
            "testata": str,
            "category": str,
            "audience": int,
            "source": str,
            "outlet": str,
            "inferred": int,
        },
        pk="article_id",
    )
    db.table("clusters").create(
        {"campaign": str, "id": int, "source_article_id": int, "size": int, "label": str},
        pk=("campaign", "id"),
    )
    db.table("cluster_members").create(
        {"campaign": str, "article_id": int, "cluster_id": int, "score": float},
        pk=("campaign", "article_id"),
    )
    db.table("entities").create(
        {"article_id": int, "kind": str, "value": str, "detail": str, "start": int, "end": int}
    )
    db.table("entities").create_index(["article_id", "kind"])
    db.table("corrections").create(
        {"article_id": int, "field": str, "value": str, "note": str, "created_at": str},
        pk=("article_id", "field"),
    )


def _migration_2(db: sqlite_utils.Database) -> None:
    # dedupe: the shingle hashes of each uscita, kept so a re-run shingles only new or
    # changed texts; and, per cluster member, the uscita it repeats (same outlet, same text)
    db.table("signatures").create(
        {"article_id": int, "text_hash": str, "shingles": bytes, "computed_at": str},
        pk="article_id",
    )
    db.table("cluster_members").add_column("alias_of", int)


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_migration_1, _migration_2]
SCHEMA_VERSION = len(MIGRATIONS)

#: Fields of an uscita a manual correction may set; ``excluded`` drops it from reviews.
CORRECTABLE = ("excluded", "testata", "category", "audience", "title", "author", "published")


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def html_hash(body: bytes) -> str:
    return hashlib.sha1(body).hexdigest()


class Store:
    """The rassegna store over one SQLite file (``":memory:"`` for tests)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30)
            self.db = sqlite_utils.Database(conn)
            if self.path != ":memory:":
                self.db.execute("PRAGMA journal_mode=WAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a rassegna store ({exc})") from exc

    def close(self) -> None:
        self.db.conn.close()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: store schema {version} is newer than this rassegna "
                f"({SCHEMA_VERSION}); upgrade rassegna"
            )
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                MIGRATIONS[number](self.db)
                self.db.execute(f"PRAGMA user_version = {number + 1}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all."""
        conn = self.db.conn
        if conn.in_transaction:
            yield
            return
        conn.execute("BEGIN")
        try:
            yield
        except BaseException:
            conn.rollback()
            raise
        else:
            conn.commit()

    # -- campaigns ---------------------------------------------------------

    def register_campaign(self, slug: str, name: str, path: str) -> None:
        with self.transaction():
            self.db.table("campaigns").upsert(
                {"slug": slug, "name": name, "path": path, "updated_at": now()}, pk="slug"
            )

    # -- pages -------------------------------------------------------------

    def save_page(
        self,
        campaign: str,
        *,
        url: str,
        canonical_url: str,
        status: int,
        fetched_at: str,
        body: bytes | None,
        content_type: str = "",
        encoding: str = "",
        etag: str = "",
        last_modified: str = "",
        found_via: str = "",
        relevant: bool = True,
        reason: str = "",
    ) -> None:
        """Archive a fetched page and record what the campaign makes of it.

        A relevant page waits for extraction (``pending``); a changed body sends an
        uscita back to extraction; an unchanged one keeps its outcome.
        """
        digest = html_hash(body) if body is not None else ""
        with self.transaction():
            self.db.table("pages").upsert(
                {
                    "url": url,
                    "canonical_url": canonical_url,
                    "status": status,
                    "fetched_at": fetched_at,
                    "content_type": content_type,
                    "encoding": encoding,
                    "etag": etag,
                    "last_modified": last_modified,
                    "html_hash": digest,
                    "html_gz": zlib.compress(body, 6) if body is not None and relevant else None,
                },
                pk="url",
            )
            previous = self._page_outcome(campaign, url)
            if relevant:
                if previous and previous["html_hash"] == digest:
                    outcome, reason = previous["outcome"], previous["reason"]
                else:
                    outcome, reason = "pending", ""
            else:
                outcome = "rejected"
            self._set_outcome(campaign, url, outcome, reason, digest, found_via)

    def reject_url(self, campaign: str, url: str, reason: str, found_via: str = "") -> None:
        """Record that a URL found for the campaign is not an uscita, and why."""
        with self.transaction():
            previous = self._page_outcome(campaign, url)
            if previous and previous["outcome"] == "uscita":
                return  # a later failure to re-fetch does not undo a found uscita
            self._set_outcome(campaign, url, "rejected", reason, "", found_via)

    def _page_outcome(self, campaign: str, url: str) -> dict[str, Any] | None:
        rows = list(
            self.db.query(
                "select outcome, reason, html_hash, found_via from page_campaigns "
                "where campaign = ? and url = ?",
                [campaign, url],
            )
        )
        return rows[0] if rows else None

    def _set_outcome(
        self, campaign: str, url: str, outcome: str, reason: str, digest: str, found_via: str
    ) -> None:
        previous = self._page_outcome(campaign, url)
        self.db.table("page_campaigns").upsert(
            {
                "campaign": campaign,
                "url": url,
                "found_via": found_via or (previous or {}).get("found_via") or "",
                "outcome": outcome,
                "reason": reason,
                "html_hash": digest or (previous or {}).get("html_hash") or "",
                "updated_at": now(),
            },
            pk=("campaign", "url"),
        )

    def pending_pages(self, campaign: str) -> list[dict[str, Any]]:
        """Pages of the campaign waiting for extraction, with their decompressed body."""
        rows = self.db.query(
            "select p.url, p.canonical_url, p.fetched_at, p.encoding, p.html_hash, p.html_gz "
            "from page_campaigns pc join pages p on p.url = pc.url "
            "where pc.campaign = ? and pc.outcome = 'pending' and p.html_gz is not null "
            "order by p.url",
            [campaign],
        )
        return [
            {**{k: v for k, v in row.items() if k != "html_gz"},
             "body": zlib.decompress(row["html_gz"])}
            for row in rows
        ]

    def page_body(self, url: str) -> bytes | None:
        rows = list(self.db.query("select html_gz from pages where url = ?", [url]))
        if not rows or rows[0]["html_gz"] is None:
            return None
        return zlib.decompress(rows[0]["html_gz"])

    def rejections(self, campaign: str) -> list[dict[str, Any]]:
        return list(
            self.db.query(
                "select url, found_via, reason, updated_at from page_campaigns "
                "where campaign = ? and outcome = 'rejected' order by url",
                [campaign],
            )
        )

    def outcome_counts(self, campaign: str) -> dict[str, int]:
        rows = self.db.query(
            "select outcome, count(*) as n from page_campaigns where campaign = ? "
            "group by outcome",
            [campaign],
        )
        return {row["outcome"]: row["n"] for row in rows}

    # -- articles ----------------------------------------------------------

    def save_article(self, campaign: str, page_url: str, article: dict[str, Any]) -> int:
        """Store an uscita (one per canonical URL) and mark its page as done."""
        record = {
            "url": article["url"],
            "page_url": page_url,
            "outlet": article.get("outlet") or "",
            "domain": article.get("domain") or "",
            "title": article.get("title") or "",
            "subtitle": article.get("subtitle") or "",
            "author": article.get("author") or "",
            "published": article.get("published") or "",
            "updated": article.get("updated") or "",
            "text": article.get("text") or "",
            "html_hash": article.get("html_hash") or "",
            "extracted_at": now(),
        }
        with self.transaction():
            existing = list(
                self.db.query("select id from articles where url = ?", [record["url"]])
            )
            if existing:
                article_id = int(existing[0]["id"])
                self.db.table("articles").update(article_id, record)
            else:
                article_id = int(self.db.table("articles").insert(record).last_pk or 0)
            self.db.table("article_campaigns").upsert(
                {"article_id": article_id, "campaign": campaign}, pk=("article_id", "campaign")
            )
            self._set_outcome(campaign, page_url, "uscita", "", "", "")
        return article_id

    def reject_page(self, campaign: str, page_url: str, reason: str) -> None:
        with self.transaction():
            self._set_outcome(campaign, page_url, "rejected", reason, "", "")

    def articles(self, campaign: str) -> list[dict[str, Any]]:
        return list(
            self.db.query(
                "select a.* from articles a join article_campaigns ac on ac.article_id = a.id "
                "where ac.campaign = ? order by a.id",
                [campaign],
            )
        )

    def search(self, query: str, campaign: str | None = None) -> list[dict[str, Any]]:
        """Full-text search over titles and texts (accents ignored)."""
        sql = (
            "select a.id, a.title, a.outlet, a.url, a.published from articles_fts f "
            "join articles a on a.rowid = f.rowid "
        )
        params: list[Any] = [query]
        if campaign:
            sql += "join article_campaigns ac on ac.article_id = a.id and ac.campaign = ? "
            params.insert(0, campaign)
        sql += "where articles_fts match ? order by rank"
        return list(self.db.query(sql, params))

    # -- outlets and reach -------------------------------------------------

    def replace_outlets(self, outlets: Iterable[dict[str, Any]]) -> None:
        """Replace the registry as a whole: all rows are stored, or none."""
        with self.transaction():
            self.db.execute("delete from outlets")
            for row in outlets:
                self.db.table("outlets").insert(row, pk="name")

    def outlets(self) -> list[dict[str, Any]]:
        return list(self.db.query("select * from outlets order by name"))

    def save_reach(self, rows: Iterable[dict[str, Any]]) -> None:
        with self.transaction():
            for row in rows:
                self.db.table("reach").upsert(row, pk="article_id")

    # -- clusters ----------------------------------------------------------

    def replace_clusters(self, campaign: str, clusters: Iterable[Any]) -> None:
        """Store the campaign's clusters in place of the previous ones.

        Each cluster is a record with ``id``, ``source``, ``members`` (article ids),
        ``label`` and ``scores`` (a mapping article id -> similarity to the source).
        """
        with self.transaction():
            self.db.execute("delete from cluster_members where campaign = ?", [campaign])
            self.db.execute("delete from clusters where campaign = ?", [campaign])
            for cluster in clusters:
                self.db.table("clusters").insert(
                    {
                        "campaign": campaign,
                        "id": cluster.id,
                        "source_article_id": cluster.source,
                        "size": len(cluster.members),
                        "label": cluster.label,
                    }
                )
                self.db.table("cluster_members").insert_all(
                    {
                        "campaign": campaign,
                        "article_id": member,
                        "cluster_id": cluster.id,
                        "score": cluster.scores.get(member, 1.0),
                        "alias_of": getattr(cluster, "aliases", {}).get(member),
                    }
                    for member in cluster.members
                )

    def signatures(self, campaign: str) -> dict[int, tuple[str, bytes]]:
        """Article id -> (text hash, stored shingle hashes) for the campaign's uscite."""
        rows = self.db.query(
            "select s.article_id, s.text_hash, s.shingles from signatures s "
            "join article_campaigns ac on ac.article_id = s.article_id where ac.campaign = ?",
            [campaign],
        )
        return {row["article_id"]: (row["text_hash"], row["shingles"]) for row in rows}

    def save_signatures(self, rows: Iterable[tuple[int, str, bytes]]) -> None:
        """Store (article id, text hash, shingle hashes), replacing older ones."""
        stamp = now()
        with self.transaction():
            self.db.table("signatures").upsert_all(
                (
                    {"article_id": a, "text_hash": h, "shingles": blob, "computed_at": stamp}
                    for a, h, blob in rows
                ),
                pk="article_id",
            )

    def cluster_aliases(self, campaign: str) -> dict[int, int]:
        """Uscita id -> the uscita of the same outlet it repeats, for the campaign."""
        rows = self.db.query(
            "select article_id, alias_of from cluster_members "
            "where campaign = ? and alias_of is not null",
            [campaign],
        )
        return {row["article_id"]: row["alias_of"] for row in rows}

    def cluster_labels(self, campaign: str) -> dict[int, tuple[str, int]]:
        """Cluster id -> (label, source article id) for the campaign."""
        rows = self.db.query(
            "select id, label, source_article_id from clusters where campaign = ?", [campaign]
        )
        return {row["id"]: (row["label"], row["source_article_id"]) for row in rows}

    # -- corrections -------------------------------------------------------

    def correct(self, article_id: int, field: str, value: str, note: str = "") -> None:
        """Record a manual correction; it wins over computed values in every review."""
        if field not in CORRECTABLE:
            raise StoreError(f"cannot correct {field!r}: one of {', '.join(CORRECTABLE)}")
        with self.transaction():
            if not list(self.db.query("select id from articles where id = ?", [article_id])):
                raise StoreError(f"{self.path}: no uscita with id {article_id}")
            self.db.table("corrections").upsert(
                {
                    "article_id": article_id,
                    "field": field,
                    "value": value,
                    "note": note,
                    "created_at": now(),
                },
                pk=("article_id", "field"),
            )

    def uncorrect(self, article_id: int, field: str) -> None:
        with self.transaction():
            self.db.execute(
                "delete from corrections where article_id = ? and field = ?", [article_id, field]
            )

    # -- the review's input ------------------------------------------------

    def uscite(self, campaign: str) -> list[dict[str, Any]]:
        """The campaign's uscite joined with reach and cluster, corrections applied."""
        rows = list(
            self.db.query(
                "select a.id, a.url, a.outlet, a.domain, a.title, a.subtitle, a.author, "
                "a.published, a.text, r.testata, r.category, r.audience, r.source, "
                "r.inferred, cm.cluster_id "
                "from articles a join article_campaigns ac on ac.article_id = a.id "
                "left join reach r on r.article_id = a.id "
                "left join cluster_members cm "
                "on cm.article_id = a.id and cm.campaign = ac.campaign "
                "where ac.campaign = ? order by a.id",
                [campaign],
            )
        )
        corrections: dict[int, dict[str, str]] = {}
        for row in self.db.query("select article_id, field, value from corrections"):
            corrections.setdefault(row["article_id"], {})[row["field"]] = row["value"]
        result = []
        for row in rows:
            fixes = corrections.get(row["id"], {})
            if fixes.get("excluded", "").lower() in ("1", "true", "si", "sì", "yes"):
                continue
            for field, value in fixes.items():
                if field == "audience":
                    row["audience"] = int(value) if value.strip() else None
                elif field != "excluded":
                    row[field] = value
            result.append(row)
        return result

    def counts(self, campaign: str) -> dict[str, int]:
        """How many pages, uscite, clusters the campaign has (for re-run checks)."""
        one = self.db.execute
        return {
            "pages": one(
                "select count(*) from page_campaigns where campaign = ?", [campaign]
            ).fetchone()[0],
            "uscite": one(
                "select count(*) from article_campaigns where campaign = ?", [campaign]
            ).fetchone()[0],
            "clusters": one(
                "select count(*) from clusters where campaign = ?", [campaign]
            ).fetchone()[0],
            "articles_total": one("select count(*) from articles").fetchone()[0],
            "pages_total": one("select count(*) from pages").fetchone()[0],
        }


def record(obj: Any) -> dict[str, Any]:
    """A dataclass record as a row dictionary."""
    return asdict(obj)
