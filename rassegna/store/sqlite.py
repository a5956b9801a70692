"""The SQLite backend of the store: one SQLite file, through sqlite-utils.

:class:`SqliteStore` implements :class:`rassegna.store.Store`; with the migrations
below, it is the only module with SQL.

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
  ``alias_of`` marks a member that is another uscita's page seen again.
- ``signatures``: the shingle hashes dedupe computed per uscita, with the hash of
  the text they came from.
- ``entities``: cities, officials and figures per uscita.
- ``corrections``: manual corrections, kept apart from computed values; they win.
- ``registry_versions`` / ``registry_outlets``: every version of the outlet
  registry, whole, with where it came from; ``reviews``: every review built, with the
  registry version it used (a later registry version does not change the audience of
  a campaign that has a review, unless asked). ``outlets`` is superseded by them.
- the ``uscite`` view: one row per uscita and campaign, what the archive browses.

Every write is an upsert keyed on a natural key, so every step can run twice. Rows
become records (and records rows) in :mod:`rassegna.store.rows`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audience import Outlet, Reach
from audience.categories import CATEGORIES
from common.errors import StoreError
from rassegna.store import rows as mapping
from rassegna.store.lean import sqlite_utils
from rassegna.store.records import (
    ArchivedPage,
    ClusterMembership,
    Correction,
    DiscoveredSource,
    EngineAnswer,
    FetchedPage,
    FoundDomain,
    LoggedCorrection,
    PendingPage,
    Provenance,
    ReachedOutlet,
    RegistryVersion,
    RejectedPage,
    ReviewRecord,
    SearchHit,
    SearchResult,
    StoredArticle,
    StoredUscita,
    User,
)
from rassegna.store.rows import ARTICLE_FIELDS, Row

if TYPE_CHECKING:  # the crawl process imports the store: no heavy stage at its start
    from crawler import Page
    from dedupe import Cluster
    from extract import Article
    from extract.entities import Entities
    from review import Broadcast

__all__ = ["SqliteStore", "SCHEMA_VERSION", "ARCHIVE_QUERIES", "CORRECTABLE", "YES", "now",
           "html_hash"]


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


#: The archive's view of the uscite: one row per uscita and campaign, with what a
#: journalist facets on (category, outlet, city, official, release, date).
USCITE_VIEW = """
select a.id, ac.campaign, coalesce(r.category, '') as category,
  coalesce(r.testata, a.outlet) as testata, a.title, a.published, a.author, r.audience,
  (select e.value from entities e where e.article_id = a.id and e.kind = 'main_city'
   order by e.start limit 1) as city,
  (select group_concat(value, '; ') from (select distinct e.value from entities e
   where e.article_id = a.id and e.kind = 'official')) as officials,
  cm.cluster_id as cluster, cl.label as release, a.url, p.fetched_at, p.status,
  '/-/archivio/' || a.id as archived,
  (select pc.found_via from page_campaigns pc where pc.campaign = ac.campaign
   and pc.url = a.page_url) as found_via
from articles a
join article_campaigns ac on ac.article_id = a.id
left join reach r on r.article_id = a.id
left join cluster_members cm on cm.article_id = a.id and cm.campaign = ac.campaign
left join clusters cl on cl.campaign = cm.campaign and cl.id = cm.cluster_id
left join pages p on p.url = a.page_url
"""


#: Canned queries of the archive (Datasette), for the questions journalists come back with.
ARCHIVE_QUERIES: dict[str, dict[str, str]] = {
    "cifre_per_citta": {
        "title": "Quali testate hanno riportato le cifre di una città?",
        "description": "Le uscite che parlano della città e le cifre che riportano.",
        "sql": (
            "select u.testata, u.published, u.title, u.city, "
            "(select group_concat(value, '; ') from entities e "
            " where e.article_id = u.id and e.kind = 'figure') as figures, u.url, u.archived "
            "from uscite u where (u.city like :city or u.id in "
            " (select article_id from entities where kind = 'city' and value like :city)) "
            "order by u.published"
        ),
    },
    "pagina_archiviata": {
        "title": "Un'uscita com'era quando è stata pubblicata",
        "description": "Cerca nel titolo; il link 'archived' apre la pagina scaricata.",
        "sql": (
            "select u.id, u.testata, u.published, u.title, u.fetched_at, u.status, "
            "u.archived, u.url from uscite u where u.title like '%' || :titolo || '%' "
            "order by u.published"
        ),
    },
    "testate_per_campagna": {
        "title": "Uscite e audience per testata",
        "description": "Per ogni testata: quante uscite e quanta audience, per campagna.",
        "sql": (
            "select campaign, testata, category, count(*) as uscite, "
            "sum(coalesce(audience, 0)) as audience from uscite "
            "group by campaign, testata, category order by campaign, uscite desc, testata"
        ),
    },
}


def _migration_archive(db: sqlite_utils.Database) -> None:
    """First-seen times for pages, and the ``uscite`` view the archive browses."""
    db.execute("alter table pages add column first_seen text")
    db.execute("update pages set first_seen = fetched_at")
    db.create_view("uscite", USCITE_VIEW)


def _migration_broadcast(db: sqlite_utils.Database) -> None:
    """TV and radio pieces: programme, edition, minute, people interviewed, video (JSON)."""
    db.execute("alter table articles add column broadcast text")


def _migration_checked(db: sqlite_utils.Database) -> None:
    """When a page was last confirmed unchanged (HTTP 304), apart from when it was fetched."""
    db.execute("alter table pages add column checked_at text")


_OUTLET_COLUMNS = ("name", "domains", "category", "audience", "source", "measured_at", "notes")


def _migration_registry(db: sqlite_utils.Database) -> None:
    """The registry, versioned; the reviews built and the registry version each used."""
    db.table("registry_versions").create(
        {"id": int, "created_at": str, "origin": str, "digest": str, "outlets": int}, pk="id"
    )
    db.table("registry_outlets").create(
        {
            "version": int,
            "name": str,
            "domains": str,
            "category": str,
            "audience": int,
            "source": str,
            "measured_at": str,
            "notes": str,
        },
        pk=("version", "name"),
    )
    db.table("reviews").create(
        {
            "id": int,
            "campaign": str,
            "built_at": str,
            "registry_version": int,
            "uscite": int,
            "audience": int,
            "files": str,
        },
        pk="id",
    )
    db.table("reviews").create_index(["campaign"])
    db.table("reach").add_column("registry_version", int)
    # a registry stored before versions existed becomes version 1
    rows = [dict(r) for r in db.query("select * from outlets order by name")]
    if rows:
        db.table("registry_versions").insert(
            {"id": 1, "created_at": now(), "origin": "schema 1", "digest": _digest(rows),
             "outlets": len(rows)}
        )
        db.table("registry_outlets").insert_all({**r, "version": 1} for r in rows)


def _outlet_row(row: Row) -> Row:
    clean = {c: row.get(c) for c in _OUTLET_COLUMNS}
    for c in _OUTLET_COLUMNS:
        if c != "audience" and clean[c] is None:
            clean[c] = ""
    return clean


def _registry_version(row: Row) -> RegistryVersion:
    return RegistryVersion(row["id"], row["created_at"] or "", row["origin"] or "",
                           row["digest"] or "", row["outlets"] or 0)


def _digest(rows: Iterable[Row]) -> str:
    """A fingerprint of a registry's content, independent of row order."""
    canonical = sorted(
        json.dumps(_outlet_row(r), sort_keys=True, ensure_ascii=False) for r in rows
    )
    return hashlib.sha1("\n".join(canonical).encode("utf-8")).hexdigest()


def _migration_original(db: sqlite_utils.Database) -> None:
    """The outlet an aggregator's copy (Virgilio, Zazoom, MSN…) was first published by."""
    for column in ("original_outlet", "original_domain"):
        db.table("articles").add_column(column, str, not_null_default="")


def _migration_signatures(db: sqlite_utils.Database) -> None:
    """Dedupe's shingles per uscita, and the uscita a cluster member repeats."""
    # dedupe: the shingle hashes of each uscita, kept so a re-run shingles only new or
    # changed texts; and, per cluster member, the uscita it repeats (same outlet, same text)
    db.table("signatures").create(
        {"article_id": int, "text_hash": str, "shingles": bytes, "computed_at": str},
        pk="article_id",
    )
    db.table("cluster_members").add_column("alias_of", int)


def _migration_engine_answers(db: sqlite_utils.Database) -> None:
    """News search engines' answers, so that a re-run the same day asks them nothing;
    the sites discovery found uscite on, which a campaign's later crawls watch; and
    how each uscita was found, in the archive's view."""
    db.table("engine_answers").create(
        {"url": str, "engine": str, "fetched_at": str, "content_type": str, "body_gz": bytes},
        pk="url",
    )
    db.table("discovered_sources").create(
        {"campaign": str, "url": str, "found_via": str, "found_at": str},
        pk=("campaign", "url"),
    )
    # the archive shows how each uscita was found (an engine's query, a feed...)
    db.create_view("uscite", USCITE_VIEW, replace=True)


def _migration_search_results(db: sqlite_utils.Database) -> None:
    """The article URLs each engine query and alert returned, for the crawl's report."""
    db.table("search_results").create({"campaign": str, "via": str, "url": str},
                                      pk=("campaign", "via", "url"))


def _migration_desk(db: sqlite_utils.Database) -> None:
    """The desk's accounts, and every decision on an uscita with who took it and when
    (the history the desk shows and undoes; ``corrections`` keeps the standing ones)."""
    db.table("users").create(
        {"name": str, "role": str, "password_hash": str, "created_at": str}, pk="name")
    db.table("correction_log").create(
        {"id": int, "article_id": int, "field": str, "value": str, "previous": str,
         "removed": int, "note": str, "author": str, "created_at": str}, pk="id")
    db.table("correction_log").create_index(["article_id", "id"])
    db.table("reviews").add_column("built_by", str)


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _migration_1,
    _migration_archive,
    _migration_broadcast,
    _migration_checked,
    _migration_registry,
    _migration_original,
    _migration_signatures,
    _migration_engine_answers,
    _migration_search_results,
    _migration_desk,
]
SCHEMA_VERSION = len(MIGRATIONS)

#: Fields of an uscita a manual correction may set; ``excluded`` drops it from reviews.
CORRECTABLE = ("excluded", "testata", "category", "audience", "title", "author", "published")
#: the values of an ``excluded`` correction that drop the uscita (``correct`` writes
#: "1"; older stores and imports may hold the others)
YES = ("1", "true", "si", "sì", "yes")


def _apply_corrections(row: Row, fixes: dict[str, str]) -> None:
    """Set an uscita's corrected fields (as :meth:`Store.uscite` lists them) in place.

    Raises:
        StoreError: for a correction stored before ``correct`` checked its value (an
            audience "molti", a date "ieri", a category "Blog"), with how to remove it.
    """
    for field, value in fixes.items():
        if field == "audience":
            if value.strip() and not value.strip().isdigit():
                raise _unreadable(row, field, value)
            row["audience"] = int(value) if value.strip() else None
        elif field != "excluded":
            if field == "published" and value.strip() and not _is_day(value):
                raise _unreadable(row, field, value)
            if field == "category" and value not in CATEGORIES:
                raise _unreadable(row, field, value)
            row[field] = value
    if "category" in fixes:
        row["inferred"] = 0  # a category set by hand is confirmed


def _is_day(value: str) -> bool:
    try:
        dt.date.fromisoformat(value.strip())
    except ValueError:
        return False
    return True


def _unreadable(row: Row, field: str, value: str) -> StoreError:
    article = row["id"]
    return StoreError(
        f"uscita {article}: its correction of {field} ({value!r}) cannot be read; remove it "
        f"with `rassegna correct --undo {article} {field}`, then correct it again"
    )


def _starting_with(column: str, prefixes: tuple[str, ...]) -> tuple[str, list[Any]]:
    """SQL that ``column`` starts with one of ``prefixes`` (taken as they are: no LIKE
    wildcards), and its parameters."""
    sql = " or ".join(f"substr({column}, 1, ?) = ?" for _ in prefixes)
    return sql, [x for prefix in prefixes for x in (len(prefix), prefix)]


def now() -> str:
    """The time now, in UTC to the second, as ISO text: every time the store records."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def html_hash(body: bytes) -> str:
    """The hash of a page body: tells a changed page from an unchanged one."""
    return hashlib.sha1(body).hexdigest()


def _carry_to_counted(corrections: dict[int, dict[str, str]], rows: list[Row]) -> None:
    """What the office said of a page seen twice holds for the uscita counted.

    The counted uscita's own corrections win; an exclusion stays with the alias.
    """
    for row in rows:
        if row["alias_of"] is not None:
            for field, value in corrections.get(row["id"], {}).items():
                if field != "excluded":
                    corrections.setdefault(row["alias_of"], {}).setdefault(field, value)


#: Seconds a write waits for another command's write to end.
BUSY_TIMEOUT = 30.0
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6


def _busy_timeout() -> float:
    """The busy timeout: ``$RASSEGNA_BUSY_TIMEOUT`` seconds, else :data:`BUSY_TIMEOUT`."""
    value = os.environ.get("RASSEGNA_BUSY_TIMEOUT", "").strip()
    if not value:
        return BUSY_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise StoreError(f"RASSEGNA_BUSY_TIMEOUT={value!r}: not a number of seconds")
    return seconds


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    """Whether SQLite gave up waiting for another connection's lock."""
    return (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in (_SQLITE_BUSY, _SQLITE_LOCKED)


def _writable(file: Path) -> bool:
    """Whether the store can be written: the file (if any) and, for WAL's -wal and
    -shm files, its folder."""
    return (not file.exists() or os.access(file, os.W_OK)) and os.access(file.parent, os.W_OK)


def _unchangeable(file: Path) -> bool:
    """Whether nobody can change the store: its file or its folder is not writable.

    Such a store is read as immutable, unless a crashed writer left a WAL beside it
    (the WAL holds committed writes an immutable reading would miss).
    """
    if _writable(file):
        return False
    wal = file.with_name(file.name + "-wal")
    return not (wal.is_file() and wal.stat().st_size > 0)


class SqliteStore:
    """The rassegna store over one SQLite file (``":memory:"`` for tests).

    Writers share the file through SQLite's WAL: readers never wait, and a writer
    waits up to ``busy_timeout`` seconds for another one's transaction to end.
    """

    def __init__(
        self,
        path: str | Path,
        readonly: bool = False,
        create: bool = True,
        busy_timeout: float | None = None,
    ) -> None:
        """Open a store: created (unless ``create`` is false) and migrated for writing.

        Args:
            readonly: open an existing store as it is, for reading: never created,
                never migrated, also from a read-only file, folder or medium.
            create: create the store when the file does not exist.
            busy_timeout: seconds a write waits for another command's write
                (default: ``$RASSEGNA_BUSY_TIMEOUT``, else 30).

        Raises:
            StoreError: the store does not exist (``readonly`` or not ``create``), is
                not a store, cannot be written (when not ``readonly``), is busy
                longer than the timeout, or its schema does not fit this rassegna.
        """
        self.path = str(path)
        self.readonly = readonly
        #: read as immutable: nobody can write the store (see :func:`_unchangeable`)
        self.immutable = readonly and _unchangeable(Path(self.path).resolve())
        self.busy_timeout = _busy_timeout() if busy_timeout is None else busy_timeout
        memory = self.path == ":memory:"
        if not memory and (readonly or not create) and not Path(self.path).is_file():
            raise StoreError(f"{self.path}: no such store (check --db)")
        if not memory and not readonly:
            self._check_writable()
        try:
            self.db = sqlite_utils.Database(self._connect())
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from exc
        try:
            self._open(memory)
        except BaseException:
            self.close()
            raise

    def _connect(self) -> sqlite3.Connection:
        if not self.readonly:
            return sqlite3.connect(self.path, timeout=self.busy_timeout)
        file = Path(self.path).resolve()
        # SQLite reads a WAL store beside a -shm file it must be able to create: where
        # nobody can write the store, nobody changes it, and it is read as immutable
        query = "mode=ro&immutable=1" if self.immutable else "mode=ro"
        return sqlite3.connect(f"{file.as_uri()}?{query}", uri=True, timeout=self.busy_timeout)

    def _open(self, memory: bool) -> None:
        try:
            if self.readonly:
                self._check_version()
                return
            if not memory:
                self.db.execute("PRAGMA journal_mode=WAL")
                # WAL's own advice: a commit is safe from a killed process without an
                # fsync (only a power cut can lose the last ones); one fsync per page
                # stalled the crawl ~5 ms a page
                self.db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.OperationalError as exc:
            if _is_busy(exc):
                raise self._busy() from exc
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from exc
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a rassegna store ({exc})") from exc

    def _check_writable(self) -> None:
        """A write command on a store it cannot write is refused before it starts."""
        file = Path(self.path)
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"{file.parent}: cannot create the store's folder ({exc.strerror})"
            ) from exc
        if not _writable(file.resolve()):
            raise StoreError(
                f"{self.path}: the store is read-only (its file or folder cannot be written); "
                "this command writes to it, read commands (show, export, serve…) still work"
            )

    def _busy(self) -> StoreError:
        return StoreError(
            f"{self.path}: the store is busy: another command has been writing to it for "
            f"more than {self.busy_timeout:g} s; run this again when it ends"
        )

    def close(self) -> None:
        """Close the store's connection."""
        self.db.conn.close()

    def _check_version(self) -> int:
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: store schema {version} is newer than this rassegna "
                f"({SCHEMA_VERSION}); upgrade rassegna"
            )
        if self.readonly and version == 0:
            raise StoreError(f"{self.path}: not a rassegna store (an empty database)")
        if self.readonly and version < SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: store schema {version} is older than this rassegna "
                f"({SCHEMA_VERSION}); run any write command to migrate it"
                + ("" if _writable(Path(self.path).resolve())
                   else " (after copying it where it can be written)")
            )
        return version

    def _migrate(self) -> None:
        version = self._check_version()
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
        try:
            # the write lock is taken now, waiting for another writer, not at the first
            # write: a read then a write would fail at once if another one committed
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if _is_busy(exc):
                raise self._busy() from exc
            raise
        try:
            yield
        except BaseException:
            conn.rollback()
            raise
        else:
            conn.commit()

    # -- campaigns ---------------------------------------------------------

    def campaigns(self) -> list[tuple[str, str, str]]:
        """(slug, name, campaign file) of every campaign run against the store, by name."""
        rows = self.db.execute("select slug, name, path from campaigns order by name, slug")
        return [(slug, name or slug, path or "") for slug, name, path in rows]

    def register_campaign(self, slug: str, name: str, path: str) -> None:
        """Record a campaign run against the store (its slug, name and file)."""
        with self.transaction():
            self.db.table("campaigns").upsert(
                {"slug": slug, "name": name, "path": path, "updated_at": now()}, pk="slug"
            )

    # -- pages -------------------------------------------------------------

    def save_page(self, campaign: str, page: Page) -> None:
        """Archive a fetched page and record what the campaign makes of it.

        A relevant page waits for extraction (``pending``); a changed body sends an
        uscita back to extraction; an unchanged one keeps its outcome; an irrelevant
        one is rejected with its reason, and its body is not archived.
        """
        url, fetched_at, body, relevant = page.url, page.fetched_at, page.body, page.relevant
        reason = page.reason
        digest = html_hash(body)
        with self.transaction():
            # plain upserts: sqlite-utils' upsert asks for the table's columns and writes
            # in two statements, which cost more than the page's own check
            self.db.execute(
                "insert into pages (url, first_seen, canonical_url, status, fetched_at, "
                "content_type, encoding, etag, last_modified, html_hash, html_gz) "
                "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (url) do update set "
                "first_seen = coalesce(nullif(pages.first_seen, ''), excluded.first_seen), "
                "canonical_url = excluded.canonical_url, status = excluded.status, "
                "fetched_at = excluded.fetched_at, content_type = excluded.content_type, "
                "encoding = excluded.encoding, etag = excluded.etag, "
                "last_modified = excluded.last_modified, html_hash = excluded.html_hash, "
                "html_gz = excluded.html_gz",
                [url, fetched_at, page.canonical_url, page.status, fetched_at,
                 page.content_type, page.encoding, page.etag, page.last_modified, digest,
                 zlib.compress(body, 6) if relevant else None],
            )
            previous = self._page_outcome(campaign, url)
            if relevant:
                if previous and previous["html_hash"] == digest:
                    outcome, reason = previous["outcome"], previous["reason"]
                else:
                    outcome, reason = "pending", ""
            else:
                outcome = "rejected"
            self._set_outcome(campaign, url, outcome, reason, digest, page.found_via)

    def validators(self, campaign: str) -> dict[str, tuple[str, str]]:
        """URL -> (ETag, Last-Modified) of the campaign's pages, for conditional requests."""
        rows = self.db.execute(
            "select p.url, p.etag, p.last_modified from pages p join page_campaigns pc "
            "on pc.url = p.url where pc.campaign = ? and (p.etag != '' or p.last_modified != '')",
            [campaign],
        )
        return {url: (etag or "", modified or "") for url, etag, modified in rows}

    def fetched_since(self, campaign: str, since: str) -> set[str]:
        """URLs of the campaign's pages fetched (or confirmed unchanged) at ``since`` or later."""
        rows = self.db.execute(
            "select p.url from pages p join page_campaigns pc on pc.url = p.url "
            "where pc.campaign = ? and (p.fetched_at >= ? or p.checked_at >= ?)",
            [campaign, since, since],
        )
        return {url for (url,) in rows}

    def page_unchanged(self, campaign: str, url: str, checked_at: str) -> None:
        """The server confirmed the page has not changed: nothing to fetch or extract."""
        with self.transaction():
            self.db.execute("update pages set checked_at = ? where url = ?", [checked_at, url])

    def save_engine_answer(self, answer: EngineAnswer) -> None:
        """Keep a search engine's answer to a request (the last one per URL)."""
        with self.transaction():
            self.db.execute(
                "insert or replace into engine_answers (url, engine, fetched_at, content_type, "
                "body_gz) values (?, ?, ?, ?, ?)",
                [answer.url, answer.engine, answer.fetched_at, answer.content_type,
                 zlib.compress(answer.body, 6)],
            )

    def kept_pages_found(self, campaign: str, via: tuple[str, ...]) -> list[tuple[str, str]]:
        """(URL, how found) of the campaign's pages kept (waiting for extraction, or
        uscite) that were found by a way starting with one of ``via``."""
        if not via:
            return []
        ways, params = _starting_with("found_via", via)
        rows = self.db.execute(
            "select url, found_via from page_campaigns where campaign = ? "
            f"and outcome != 'rejected' and ({ways}) order by updated_at, url",
            [campaign, *params],
        )
        return [(url, found or "") for url, found in rows]

    def save_search_result(self, campaign: str, via: str, url: str) -> None:
        """Record that the query (or alert) ``via`` returned the article at ``url``."""
        with self.transaction():
            self.db.execute("insert or ignore into search_results (campaign, via, url) "
                            "values (?, ?, ?)", [campaign, via, url])

    def search_results(self, campaign: str, via: tuple[str, ...]) -> list[SearchResult]:
        """What each query or alert (a way starting with one of ``via``) returned: the
        articles it led to and the results it could not follow (out of the period, not
        resolved), each with the campaign's outcome for the page ("" when not fetched)."""
        if not via:
            return []
        ways, params = _starting_with("r.via", via)
        rows = self.db.execute(
            "select r.via, r.url, coalesce(pc.outcome, ''), coalesce(pc.reason, '') "
            "from search_results r left join page_campaigns pc "
            "on pc.campaign = r.campaign and pc.url = r.url "
            f"where r.campaign = ? and ({ways}) order by r.via, r.url",
            [campaign, *params],
        )
        return [SearchResult(found, url, outcome, reason) for found, url, outcome, reason in rows]

    def found_via_counts(self, campaign: str) -> dict[str, int]:
        """How found -> how many of the campaign's pages were kept (not rejected)."""
        rows = self.db.execute(
            "select found_via, count(*) from page_campaigns where campaign = ? "
            "and outcome != 'rejected' group by found_via", [campaign])
        return {found or "": int(n) for found, n in rows}

    def add_discovered_sources(self, campaign: str, sources: Iterable[DiscoveredSource]) -> int:
        """Watch these sites in the campaign's later crawls (a known one stays as it
        was); returns how many are new."""
        added = 0
        with self.transaction():
            for source in sources:
                added += self.db.execute(
                    "insert or ignore into discovered_sources (campaign, url, found_via, "
                    "found_at) values (?, ?, ?, ?)",
                    [campaign, source.url, source.found_via, source.found_at]).rowcount
        return added

    def discovered_sources(self, campaign: str) -> list[DiscoveredSource]:
        """The sites discovery added to the campaign, in the order they were found."""
        rows = self.db.execute(
            "select url, found_via, found_at from discovered_sources where campaign = ? "
            "order by found_at, url", [campaign])
        return [DiscoveredSource(url, found or "", at or "") for url, found, at in rows]

    def found_domains(self, campaign: str, via: tuple[str, ...]) -> list[FoundDomain]:
        """The domains of the campaign's uscite whose page was found by a way starting
        with one of ``via`` (``"google-news "``, ``"alert "``...), by domain."""
        if not via:
            return []
        ways, params = _starting_with("pc.found_via", via)
        rows = self.db.execute(
            "select a.domain, coalesce(max(r.testata), ''), coalesce(max(r.outlet), ''), "
            "count(distinct a.id), min(pc.found_via) from articles a "
            "join article_campaigns ac on ac.article_id = a.id and ac.campaign = ? "
            "join page_campaigns pc on pc.url = a.page_url and pc.campaign = ac.campaign "
            "left join reach r on r.article_id = a.id "
            f"where {ways} group by a.domain order by count(distinct a.id) desc, a.domain",
            [campaign, *params],
        )
        return [FoundDomain(domain or "", testata, outlet, int(uscite), found or "")
                for domain, testata, outlet, uscite, found in rows]

    def engine_answer(self, url: str, since: str) -> EngineAnswer | None:
        """The engine's answer to the request of ``url`` kept at ``since`` or later."""
        row = self.db.execute(
            "select engine, fetched_at, content_type, body_gz from engine_answers "
            "where url = ? and fetched_at >= ?", [url, since]).fetchone()
        if row is None:
            return None
        engine, fetched_at, content_type, body = row
        return EngineAnswer(url, engine, fetched_at, content_type, zlib.decompress(body))

    def reject_url(self, campaign: str, url: str, reason: str, found_via: str = "") -> None:
        """Record that a URL found for the campaign is not an uscita, and why."""
        with self.transaction():
            previous = self._page_outcome(campaign, url)
            if previous and previous["outcome"] == "uscita":
                return  # a later failure to re-fetch does not undo a found uscita
            self._set_outcome(campaign, url, "rejected", reason, "", found_via)

    def clear_rejection(self, campaign: str, url: str) -> None:
        """A URL that failed before answered now: it is no longer reported as left out."""
        with self.transaction():
            self.db.execute(
                "delete from page_campaigns "
                "where campaign = ? and url = ? and outcome = 'rejected'",
                [campaign, url],
            )

    def _page_outcome(self, campaign: str, url: str) -> Row | None:
        row = self.db.execute(
            "select outcome, reason, html_hash from page_campaigns "
            "where campaign = ? and url = ?",
            [campaign, url],
        ).fetchone()
        return dict(zip(("outcome", "reason", "html_hash"), row, strict=True)) if row else None

    def _set_outcome(
        self, campaign: str, url: str, outcome: str, reason: str, digest: str, found_via: str
    ) -> None:
        """The campaign's outcome for the page; an empty how-found or hash keeps the last."""
        self.db.execute(
            "insert into page_campaigns (campaign, url, found_via, outcome, reason, "
            "html_hash, updated_at) values (?, ?, ?, ?, ?, ?, ?) "
            "on conflict (campaign, url) do update set "
            "found_via = coalesce(nullif(excluded.found_via, ''), page_campaigns.found_via, ''), "
            "outcome = excluded.outcome, reason = excluded.reason, "
            "html_hash = coalesce(nullif(excluded.html_hash, ''), page_campaigns.html_hash, ''), "
            "updated_at = excluded.updated_at",
            [campaign, url, found_via, outcome, reason, digest, now()],
        )

    def pending_pages(self, campaign: str) -> list[PendingPage]:
        """Pages of the campaign waiting for extraction, with their decompressed body."""
        rows = self.db.query(
            "select p.url, p.canonical_url, p.fetched_at, p.encoding, p.html_hash, p.html_gz "
            "from page_campaigns pc join pages p on p.url = pc.url "
            "where pc.campaign = ? and pc.outcome = 'pending' and p.html_gz is not null "
            "order by p.url",
            [campaign],
        )
        return [
            PendingPage(url=row["url"], canonical_url=row["canonical_url"] or "",
                        fetched_at=row["fetched_at"] or "", encoding=row["encoding"] or "",
                        html_hash=row["html_hash"] or "", body=zlib.decompress(row["html_gz"]))
            for row in rows
        ]

    def page_body(self, url: str) -> bytes | None:
        """The archived body of a page as fetched, None when not archived."""
        rows = list(self.db.query("select html_gz from pages where url = ?", [url]))
        if not rows or rows[0]["html_gz"] is None:
            return None
        return zlib.decompress(rows[0]["html_gz"])

    def rejections(self, campaign: str) -> list[RejectedPage]:
        """The URLs found for the campaign that are no uscita, with the reason, by URL."""
        rows = self.db.query(
            "select url, found_via, reason, updated_at from page_campaigns "
            "where campaign = ? and outcome = 'rejected' order by url",
            [campaign],
        )
        return [RejectedPage(row["url"], row["reason"] or "", row["found_via"] or "",
                             row["updated_at"] or "") for row in rows]

    def outcome_counts(self, campaign: str) -> dict[str, int]:
        """How many of the campaign's pages have each outcome (pending, uscita, rejected)."""
        rows = self.db.query(
            "select outcome, count(*) as n from page_campaigns where campaign = ? "
            "group by outcome",
            [campaign],
        )
        return {row["outcome"]: row["n"] for row in rows}

    # -- articles ----------------------------------------------------------

    def save_article(
        self, campaign: str, page_url: str | None, article: Article, html_hash: str = ""
    ) -> int:
        """Store an uscita (one per canonical URL) and mark its page, if any, as done.

        Args:
            html_hash: the hash of the page body it was extracted from.
        """
        record = {**mapping.article_row(article, html_hash), "page_url": page_url or "",
                  "extracted_at": now()}
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
            if page_url:
                self._set_outcome(campaign, page_url, "uscita", "", "", "")
        return article_id

    def reject_page(self, campaign: str, page_url: str, reason: str) -> None:
        """Record that an archived page holds no uscita of the campaign, and why."""
        with self.transaction():
            self._set_outcome(campaign, page_url, "rejected", reason, "", "")

    def articles(self, campaign: str) -> list[StoredArticle]:
        """The campaign's uscite as extracted or imported (no correction applied), by id."""
        rows = self.db.query(
            "select a.* from articles a join article_campaigns ac on ac.article_id = a.id "
            "where ac.campaign = ? order by a.id",
            [campaign],
        )
        return [mapping.stored_article(row) for row in rows]

    def search(self, query: str, campaign: str | None = None) -> list[SearchHit]:
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
        return [SearchHit(row["id"], row["title"] or "", row["outlet"] or "", row["url"],
                          row["published"] or "") for row in self.db.query(sql, params)]

    # -- outlets and reach -------------------------------------------------

    def save_registry(
        self, outlets: Iterable[Outlet], origin: str = "", only_if_new_from: str = ""
    ) -> tuple[int, bool]:
        """Store a whole registry as a new version; nothing if it equals the latest.

        Args:
            outlets: the registry's outlets.
            origin: where the rows come from (a file, ``outlets set …``), for people.
            only_if_new_from: when set, the rows are stored only if they differ from
                the last version whose origin is this one (a registry file re-read
                unchanged must not undo later ``outlets set`` edits).

        Returns:
            The version holding the rows, and whether it was created now.
        """
        rows = [_outlet_row(mapping.registry_row(o)) for o in outlets]
        digest = _digest(rows)
        with self.transaction():
            latest = self.registry_version()
            if latest is not None and latest.digest == digest:
                return latest.id, False
            if only_if_new_from:
                last = list(
                    self.db.query(
                        "select id, digest from registry_versions where origin = ? "
                        "order by id desc limit 1",
                        [only_if_new_from],
                    )
                )
                if last and last[0]["digest"] == digest and latest is not None:
                    return latest.id, False
            version = int(
                self.db.table("registry_versions")
                .insert({"created_at": now(), "origin": origin, "digest": digest,
                         "outlets": len(rows)})
                .last_pk
                or 0
            )
            self.db.table("registry_outlets").insert_all(
                ({**r, "version": version} for r in rows), pk=("version", "name")
            )
        return version, True

    def registry_version(self, version: int | None = None) -> RegistryVersion | None:
        """A registry version (the latest by default), None when there is none."""
        if version is None:
            sql, params = "select * from registry_versions order by id desc limit 1", []
        else:
            sql, params = "select * from registry_versions where id = ?", [version]
        rows = [_registry_version(row) for row in self.db.query(sql, params)]
        return rows[0] if rows else None

    def registry_versions(self) -> list[RegistryVersion]:
        """Every registry version, oldest first."""
        rows = self.db.query("select * from registry_versions order by id")
        return [_registry_version(row) for row in rows]

    def outlets(self, version: int | None = None) -> list[Outlet]:
        """The outlets of a registry version (the latest by default), by name."""
        if version is None:
            latest = self.registry_version()
            if latest is None:
                return []
            version = latest.id
        columns = ", ".join(_OUTLET_COLUMNS)
        rows = self.db.query(
            f"select {columns} from registry_outlets where version = ? order by name",
            [version],
        )
        return [mapping.outlet(row) for row in rows]

    def record_review(
        self, campaign: str, registry_version: int | None, uscite: int, audience: int,
        files: Iterable[str], author: str = "",
    ) -> None:
        """Remember a review built for the campaign and the registry version it used."""
        with self.transaction():
            self.db.table("reviews").insert(
                {
                    "campaign": campaign,
                    "built_at": now(),
                    "registry_version": registry_version,
                    "uscite": uscite,
                    "audience": audience,
                    "files": ";".join(files),
                    "built_by": author,
                }
            )

    def reviews(self, campaign: str) -> list[ReviewRecord]:
        """The reviews built for the campaign, oldest first."""
        rows = self.db.query("select * from reviews where campaign = ? order by id", [campaign])
        return [
            ReviewRecord(
                id=row["id"], campaign=row["campaign"], built_at=row["built_at"],
                registry_version=row["registry_version"], uscite=row["uscite"],
                audience=row["audience"],
                files=tuple(row["files"].split(";")) if row["files"] else (),
                built_by=row.get("built_by") or "",
            )
            for row in rows
        ]

    def delivered_registry_version(self, campaign: str) -> int | None:
        """The registry version of the campaign's last review, None before the first."""
        rows = list(
            self.db.query(
                "select registry_version from reviews where campaign = ? "
                "order by id desc limit 1",
                [campaign],
            )
        )
        return rows[0]["registry_version"] if rows else None

    def reach_outlets(self, campaign: str | None = None) -> list[ReachedOutlet]:
        """Each testata of the uscite (of one campaign or all), with its reach and count."""
        sql = (
            "select r.testata, r.category, r.audience, r.source, r.outlet, r.inferred, "
            "group_concat(distinct a.domain) as domains, count(distinct a.id) as uscite "
            "from reach r join articles a on a.id = r.article_id "
        )
        params: list[Any] = []
        if campaign:
            sql += "join article_campaigns ac on ac.article_id = a.id and ac.campaign = ? "
            params.append(campaign)
        sql += "group by r.testata, r.category, r.audience, r.inferred order by r.testata"
        return [
            ReachedOutlet(
                testata=row["testata"] or "", category=row["category"] or "",
                audience=row["audience"], source=row["source"] or "",
                outlet=row["outlet"] or "", inferred=bool(row["inferred"]),
                domains=row["domains"] or "", uscite=int(row["uscite"]),
            )
            for row in self.db.query(sql, params)
        ]

    def main_cities(self, campaign: str) -> dict[int, str]:
        """Uscita id -> its main city (the ``main_city`` entity), for uscite that have one."""
        rows = self.db.query(
            "select e.article_id, e.value from entities e "
            "join article_campaigns ac on ac.article_id = e.article_id and ac.campaign = ? "
            "where e.kind = 'main_city' and e.value != '' "
            "order by e.article_id, coalesce(e.start, 0), e.rowid",
            [campaign],
        )
        cities: dict[int, str] = {}
        for row in rows:
            cities.setdefault(int(row["article_id"]), row["value"])
        return cities

    def save_reach(
        self, reach: Mapping[int, Reach], registry_version: int | None = None
    ) -> None:
        """Store the reach of each uscita (by id), computed with a registry version."""
        with self.transaction():
            for article_id, found in reach.items():
                self.db.table("reach").upsert(
                    mapping.reach_row(article_id, found, registry_version), pk="article_id"
                )

    # -- clusters ----------------------------------------------------------

    def replace_clusters(self, campaign: str, clusters: Iterable[Cluster]) -> None:
        """Store the campaign's clusters in place of the previous ones."""
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
                        "alias_of": cluster.aliases.get(member),
                    }
                    for member in cluster.members
                )

    def unclustered(self, campaign: str) -> int:
        """How many of the campaign's uscite the last dedupe has not seen."""
        (count,) = self.db.execute(
            "select count(*) from article_campaigns ac where ac.campaign = ? and not exists "
            "(select 1 from cluster_members cm where cm.campaign = ac.campaign "
            "and cm.article_id = ac.article_id)",
            [campaign],
        ).fetchone()
        return int(count)

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

    # -- entities ----------------------------------------------------------

    def replace_entities(self, by_article: Mapping[int, Entities]) -> None:
        """Store each uscita's entities (by id) in place of the ones it had.

        Each city, the main city, each official and each figure is one row: ``kind``,
        ``value``, ``detail`` (JSON text), ``start`` and ``end`` (offsets in the text).
        """
        with self.transaction():
            for article_id, found in by_article.items():
                self.db.execute("delete from entities where article_id = ?", [article_id])
                self.db.table("entities").insert_all(
                    {**row, "article_id": article_id} for row in mapping.entity_rows(found)
                )

    def entities(self, campaign: str) -> dict[int, Entities]:
        """The entities of the campaign's uscite that have any, by uscita id, in id order."""
        rows = self.db.query(
            "select e.article_id, e.kind, e.value, e.detail, e.start, e.end "
            "from entities e join article_campaigns ac on ac.article_id = e.article_id "
            "where ac.campaign = ? order by e.article_id, e.start, e.rowid",
            [campaign],
        )
        by_article: dict[int, list[Row]] = {}
        for row in rows:
            by_article.setdefault(int(row["article_id"]), []).append(row)
        return {article_id: mapping.entities(found) for article_id, found in by_article.items()}

    # -- corrections -------------------------------------------------------

    def correct(self, article_id: int, field: str, value: str, note: str = "",
                author: str = "") -> None:
        """Record a manual correction; it wins over computed values in every review.

        Each one is logged with ``author`` and its time, beside the value it replaced
        (:meth:`correction_history`)."""
        if field not in CORRECTABLE:
            raise StoreError(f"cannot correct {field!r}: one of {', '.join(CORRECTABLE)}")
        with self.transaction():
            if not self.db.execute("select 1 from articles where id = ?", [article_id]).fetchone():
                raise StoreError(f"{self.path}: no uscita with id {article_id}")
            self._log_correction(article_id, field, value, False, note, author)
            self._save_correction(article_id, field, value, note)

    def _log_correction(self, article_id: int, field: str, value: str, removed: bool,
                        note: str, author: str) -> None:
        row = self.db.execute("select value from corrections where article_id = ? and "
                              "field = ?", [article_id, field]).fetchone()
        self.db.execute(
            "insert into correction_log (article_id, field, value, previous, removed, note, "
            "author, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
            [article_id, field, value, row[0] if row else None, int(removed), note, author,
             now()],
        )

    def correction_history(self, article_id: int) -> list[LoggedCorrection]:
        """Every correction of the uscita and every removal, newest first."""
        rows = self.db.execute(
            "select id, field, value, previous, removed, note, author, created_at "
            "from correction_log where article_id = ? order by id desc", [article_id])
        return [LoggedCorrection(int(i), field, value or "", previous, bool(removed),
                                 note or "", author or "", at or "")
                for i, field, value, previous, removed, note, author, at in rows]

    def _save_correction(self, article_id: int, field: str, value: str, note: str) -> None:
        self.db.execute(
            "insert into corrections (article_id, field, value, note, created_at) "
            "values (?, ?, ?, ?, ?) on conflict (article_id, field) do update set "
            "value = excluded.value, note = excluded.note, created_at = excluded.created_at",
            [article_id, field, value, note, now()],
        )

    def uncorrect(self, article_id: int, field: str, author: str = "") -> bool:
        """Remove a manual correction; False when the uscita had none of that field."""
        with self.transaction():
            if not self.db.execute("select 1 from corrections where article_id = ? and "
                                   "field = ?", [article_id, field]).fetchone():
                return False
            self._log_correction(article_id, field, "", True, "", author)
            self.db.execute(
                "delete from corrections where article_id = ? and field = ?", [article_id, field]
            )
        return True

    # -- the desk's accounts -------------------------------------------------

    def save_user(self, name: str, role: str, password_hash: str) -> None:
        """Add an account, or give an existing one a new role and password."""
        with self.transaction():
            self.db.execute(
                "insert into users (name, role, password_hash, created_at) values "
                "(?, ?, ?, ?) on conflict (name) do update set role = excluded.role, "
                "password_hash = excluded.password_hash", [name, role, password_hash, now()])

    def user(self, name: str) -> User | None:
        """The account called ``name``, None when there is none."""
        row = self.db.execute("select name, role, password_hash, created_at from users "
                              "where name = ?", [name]).fetchone()
        return User(*row) if row else None

    def users(self) -> list[User]:
        """Every account, by name."""
        rows = self.db.execute("select name, role, password_hash, created_at from users "
                               "order by name")
        return [User(*row) for row in rows]

    # -- imports -------------------------------------------------------------

    def uscite_at(self, campaign: str, urls: Iterable[str]) -> dict[str, StoredUscita]:
        """The stored uscite at these URLs, whatever their campaign, by URL.

        Each is as :meth:`uscite` shows it (corrections applied; excluded uscite and
        aliases too), with ``page_url`` (empty for an uscita imported by hand) and
        ``in_campaign`` (whether it is an uscita of ``campaign`` already); no source,
        inferred flag or cluster.
        """
        found: dict[str, Row] = {}
        wanted = list(dict.fromkeys(urls))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self.db.query(
                "select a.id, a.url, a.page_url, a.outlet, a.domain, a.title, a.subtitle, "
                "a.author, a.published, a.text, a.broadcast, r.testata, r.category, "
                "r.audience, exists(select 1 from article_campaigns ac where "
                "ac.article_id = a.id and ac.campaign = ?) as in_campaign from articles a "
                f"left join reach r on r.article_id = a.id where a.url in ({marks})",
                [campaign, *chunk],
            )
            found.update((row["url"], row) for row in rows)
        self._correct_rows(found.values(), campaign)
        return {url: mapping.stored_uscita(row) for url, row in found.items()}

    def unlinked_uscite(self) -> list[StoredUscita]:
        """Uscite imported without a web page or agency code (print, TV, radio), corrected.

        Only their ``url``, ``outlet``, ``testata``, ``title`` and ``published``: what
        an import finds such an uscita by when the file shows its corrected values.
        """
        rows = list(
            self.db.query(
                "select a.id, a.url, a.outlet, a.title, a.published, r.testata "
                "from articles a left join reach r on r.article_id = a.id "
                "where a.url like 'urn:rassegna:%' and a.url not like 'urn:rassegna:agency:%'"
            )
        )
        self._correct_rows(rows)
        return [mapping.stored_uscita(row) for row in rows]

    def _correct_rows(self, rows: Iterable[Row], campaign: str | None = None) -> None:
        """Apply the corrections of each row in place; with ``campaign``, as
        :meth:`uscite` does, also those of the pages seen twice it counts."""
        by_id = {row["id"]: row for row in rows}
        ids = list(by_id)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            aliases = [] if campaign is None else list(self.db.query(
                "select article_id as id, alias_of from cluster_members "
                f"where campaign = ? and alias_of in ({', '.join('?' * len(chunk))})",
                [campaign, *chunk],
            ))
            wanted = [*chunk, *(alias["id"] for alias in aliases)]
            fixes: dict[int, dict[str, str]] = {}
            for fix in self.db.query(
                "select article_id, field, value from corrections "
                f"where article_id in ({', '.join('?' * len(wanted))})",
                wanted,
            ):
                fixes.setdefault(fix["article_id"], {})[fix["field"]] = fix["value"]
            _carry_to_counted(fixes, aliases)
            for article_id, found in fixes.items():
                if article_id in by_id:  # not an alias whose corrections were carried
                    _apply_corrections(by_id[article_id], found)

    def save_imported(
        self, campaign: str, url: str, fields: Mapping[str, str],
        corrections: Mapping[str, str], note: str, broadcast: Broadcast | None = None,
    ) -> None:
        """Store a row of an import: a new uscita, or what the row changes of a stored one.

        A new uscita gets ``fields`` (``outlet``, ``domain``, ``title``, ``subtitle``,
        ``author``, ``published`` as an ISO day, ``text``) and ``broadcast``; a stored
        one changes only the fields given (and its broadcast details, if given), so
        its page, its archived HTML and what was extracted stay; a new title or text
        drops its entities, for the entities step to find again. Each correction is
        recorded with ``note``.
        """
        unknown = (set(fields) - set(ARTICLE_FIELDS)) | ({"broadcast"} & set(fields))
        if unknown:  # broadcast details come as a record, not as a field
            raise StoreError(f"an import cannot set {', '.join(sorted(unknown))}")
        fields = dict(fields)
        if broadcast is not None:
            fields["broadcast"] = mapping.broadcast_text(broadcast)
        with self.transaction():
            row = self.db.execute("select id from articles where url = ?", [url]).fetchone()
            if row is None:
                record = {**ARTICLE_FIELDS, **fields, "url": url, "page_url": "",
                          "extracted_at": now()}
                article_id = int(
                    self.db.execute(
                        f"insert into articles ({', '.join(record)}) "
                        f"values ({', '.join('?' * len(record))})",
                        list(record.values()),
                    ).lastrowid or 0
                )
            else:
                article_id = int(row[0])
                if fields:
                    self.db.table("articles").update(article_id, fields)
                if {"title", "subtitle", "text"} & set(fields):  # computed again from them
                    self.db.execute("delete from entities where article_id = ?", [article_id])
            self.db.execute(
                "insert or ignore into article_campaigns (article_id, campaign) values (?, ?)",
                [article_id, campaign],
            )
            for field, value in corrections.items():
                self._save_correction(article_id, field, value, note)

    # -- the archive ---------------------------------------------------------

    def find_uscita(self, ref: str) -> int | None:
        """The id of an uscita given its id, its URL, or the URL of a page it was seen at."""
        ref = ref.strip()
        if ref.isdigit():
            row = self.db.execute("select id from articles where id = ?", [int(ref)]).fetchone()
            return int(row[0]) if row else None
        row = self.db.execute(
            "select a.id from articles a where a.url = ? or a.page_url = ? "
            "union select a.id from pages p join articles a "
            "on a.url = p.canonical_url or a.page_url = p.url where p.url = ? limit 1",
            [ref, ref, ref],
        ).fetchone()
        return int(row[0]) if row else None

    def provenance(self, article_id: int) -> Provenance:
        """Everything known about where an uscita comes from, for ``rassegna show``."""
        query = self.db.query
        article = next(query("select * from articles where id = ?", [article_id]))
        page = next(
            query(
                "select url, canonical_url, status, fetched_at, first_seen, content_type, "
                "etag, last_modified, length(html_gz) as archived_bytes "
                "from pages where url = ?",
                [article["page_url"]],
            ),
            None,
        )
        aliases = [
            row["url"]
            for row in query(
                "select url from pages where (canonical_url = ? or url = ?) and url != ? "
                "order by url",
                [article["url"], article["url"], article["page_url"]],
            )
        ]
        clusters = list(
            query(
                "select cm.campaign, cm.cluster_id, cl.label, cl.size, cl.source_article_id "
                "from cluster_members cm join clusters cl "
                "on cl.campaign = cm.campaign and cl.id = cm.cluster_id where cm.article_id = ?",
                [article_id],
            )
        )
        campaigns = query(
            "select campaign from article_campaigns where article_id = ? order by campaign",
            [article_id],
        )
        reach = next(query("select * from reach where article_id = ?", [article_id]), None)
        entities = query(
            "select kind, value, detail, start, end from entities where article_id = ? "
            "order by start, rowid",
            [article_id],
        )
        found_via = query(
            "select campaign, found_via from page_campaigns where url = ? and found_via != '' "
            "order by campaign", [article["page_url"]])
        corrections = query(
            "select field, value, note, created_at from corrections where article_id = ?",
            [article_id],
        )
        return Provenance(
            article=mapping.stored_article(article),
            page=None if page is None else FetchedPage(
                url=page["url"], canonical_url=page["canonical_url"] or "",
                status=page["status"], fetched_at=page["fetched_at"] or "",
                first_seen=page["first_seen"] or "", content_type=page["content_type"] or "",
                etag=page["etag"] or "", last_modified=page["last_modified"] or "",
                archived_bytes=page["archived_bytes"] or 0,
            ),
            entities=mapping.entities(list(entities)),
            aliases=tuple(aliases),
            campaigns=tuple(row["campaign"] for row in campaigns),
            found_via=tuple((row["campaign"], row["found_via"]) for row in found_via),
            reach=None if reach is None else mapping.reach(reach),
            clusters=tuple(
                ClusterMembership(row["campaign"], row["cluster_id"], row["label"] or "",
                                  row["size"], row["source_article_id"])
                for row in clusters
            ),
            corrections=tuple(
                Correction(row["field"], row["value"] or "", row["note"] or "",
                           row["created_at"] or "")
                for row in corrections
            ),
        )

    def archived_page(self, article_id: int) -> ArchivedPage | None:
        """The page of an uscita as it was fetched (body, fetch facts), if archived."""
        row = next(
            self.db.query(
                "select p.url, p.status, p.fetched_at, p.first_seen, p.content_type, p.html_gz "
                "from articles a join pages p on p.url = a.page_url where a.id = ?",
                [article_id],
            ),
            None,
        )
        if row is None or row["html_gz"] is None:
            return None
        return ArchivedPage(
            url=row["url"], status=row["status"], fetched_at=row["fetched_at"] or "",
            body=zlib.decompress(row["html_gz"]), first_seen=row["first_seen"] or "",
            content_type=row["content_type"] or "",
        )

    # -- the review's input ------------------------------------------------

    def uscite(self, campaign: str, with_excluded: bool = False) -> list[StoredUscita]:
        """The campaign's uscite joined with reach and cluster, corrections applied.

        The pages seen twice (aliases) are left out, and so are excluded uscite unless
        ``with_excluded`` (then they come marked ``excluded``).
        """
        rows = list(
            self.db.query(
                "select a.id, a.url, a.page_url, a.outlet, a.domain, a.title, a.subtitle, "
                "a.author, a.published, a.text, a.broadcast, r.testata, r.category, r.audience, "
                "r.source, r.inferred, cm.cluster_id, cm.alias_of "
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
        _carry_to_counted(corrections, rows)
        result = []
        for row in rows:
            fixes = corrections.get(row["id"], {})
            if row.pop("alias_of") is not None:
                continue  # the same page seen again (AMP, mobile, re-crawl, import): counted once
            if fixes.get("excluded", "").lower() in YES:
                if not with_excluded:
                    continue
                row["excluded_"] = True
            _apply_corrections(row, fixes)
            result.append(mapping.stored_uscita(row))
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

