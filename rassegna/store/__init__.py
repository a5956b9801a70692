"""The store: what every step reads and writes, behind one interface.

:class:`Store` is the interface, a :class:`~typing.Protocol`: its methods take and
return records, the stages' frozen dataclasses (``Page``, ``Article``, ``Cluster``,
``Reach``, ``Outlet``, ``Entities``) and the store's own (:mod:`rassegna.store.records`),
never rows. :func:`open_store` opens a backend; SQLite (:mod:`rassegna.store.sqlite`,
the only module with SQL, with its migrations) is the one there is; a second backend
implements the same methods and runs the same tests. :mod:`rassegna.store.rows` maps
rows to records and back, once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from audience import Outlet, Reach
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
from rassegna.store.sqlite import (
    ARCHIVE_QUERIES,
    BUSY_TIMEOUT,
    CORRECTABLE,
    SCHEMA_VERSION,
    YES,
    SqliteStore,
    html_hash,
    now,
)

if TYPE_CHECKING:
    from crawler import Page
    from dedupe import Cluster
    from extract import Article
    from extract.entities import Entities
    from review import Broadcast

__all__ = [
    "ARCHIVE_QUERIES", "BACKENDS", "BUSY_TIMEOUT", "CORRECTABLE", "SCHEMA_VERSION", "YES",
    "ArchivedPage", "ClusterMembership", "Correction", "DiscoveredSource", "EngineAnswer",
    "FetchedPage", "FoundDomain", "LoggedCorrection", "PendingPage",
    "Provenance", "ReachedOutlet", "RegistryVersion", "RejectedPage", "ReviewRecord",
    "SearchHit", "SearchResult", "SqliteStore", "Store", "StoredArticle", "StoredUscita",
    "User", "html_hash", "now", "open_store", "opened_store",
]

#: The backends :func:`open_store` knows.
BACKENDS = ("sqlite",)


class Store(Protocol):
    """What every step reads from and writes to the store.

    Every write is an upsert on a natural key, so every step can run twice; a
    write happens in a transaction (all or nothing), joined by the writes inside a
    :meth:`transaction` block.
    """

    #: where the store is (a file path, or ``":memory:"``)
    path: str
    #: opened for reading only
    readonly: bool
    #: read as immutable: nobody can write it (a read-only file, folder or medium)
    immutable: bool

    def close(self) -> None:
        """Close the store."""

    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside commit together or not at all."""

    # -- campaigns and pages
    def campaigns(self) -> list[tuple[str, str, str]]:
        """(slug, name, campaign file) of every campaign run against the store, by name."""
    def register_campaign(self, slug: str, name: str, path: str) -> None:
        """Record a campaign run against the store (its slug, name and file)."""
    def save_page(self, campaign: str, page: Page) -> None:
        """Archive a fetched page; a relevant one waits for extraction unless unchanged."""
    def validators(self, campaign: str) -> dict[str, tuple[str, str]]:
        """URL -> (ETag, Last-Modified) of the campaign's pages, for conditional requests."""
    def fetched_since(self, campaign: str, since: str) -> set[str]:
        """URLs of the campaign's pages fetched (or confirmed unchanged) since ``since``."""
    def page_unchanged(self, campaign: str, url: str, checked_at: str) -> None:
        """The server confirmed the page has not changed (HTTP 304)."""
    def save_engine_answer(self, answer: EngineAnswer) -> None:
        """Keep a search engine's answer to a request (the last one per URL)."""
    def kept_pages_found(self, campaign: str, via: tuple[str, ...]) -> list[tuple[str, str]]:
        """(URL, how found) of the campaign's pages kept (waiting for extraction, or
        uscite) that were found by a way starting with one of ``via``."""
    def save_search_result(self, campaign: str, via: str, url: str) -> None:
        """Record that the query (or alert) ``via`` returned the article at ``url``."""
    def search_results(self, campaign: str, via: tuple[str, ...]) -> list[SearchResult]:
        """What each query or alert (a way starting with one of ``via``) returned, with
        the campaign's outcome for each page ("" when not fetched)."""
    def found_via_counts(self, campaign: str) -> dict[str, int]:
        """How found -> how many of the campaign's pages were kept (not rejected)."""
    def add_discovered_sources(self, campaign: str, sources: Iterable[DiscoveredSource]) -> int:
        """Watch these sites in the campaign's later crawls (a known one stays as it
        was); returns how many are new."""
    def discovered_sources(self, campaign: str) -> list[DiscoveredSource]:
        """The sites discovery added to the campaign, in the order they were found."""
    def found_domains(self, campaign: str, via: tuple[str, ...]) -> list[FoundDomain]:
        """The domains of the campaign's uscite whose page was found by a way starting
        with one of ``via`` (``"google-news "``, ``"alert "``...), by domain."""
    def engine_answer(self, url: str, since: str) -> EngineAnswer | None:
        """The engine's answer to the request of ``url`` kept at ``since`` or later."""
    def reject_url(self, campaign: str, url: str, reason: str, found_via: str = "") -> None:
        """Record that a URL found for the campaign is not an uscita, and why."""
    def clear_rejection(self, campaign: str, url: str) -> None:
        """A URL that failed before answered now: no longer reported as left out."""
    def pending_pages(self, campaign: str) -> list[PendingPage]:
        """Pages of the campaign waiting for extraction, with their body."""
    def page_body(self, url: str) -> bytes | None:
        """The archived body of a page as fetched, None when not archived."""
    def rejections(self, campaign: str) -> list[RejectedPage]:
        """The URLs found for the campaign that are no uscita, with the reason, by URL."""
    def outcome_counts(self, campaign: str) -> dict[str, int]:
        """How many of the campaign's pages have each outcome (pending, uscita, rejected)."""

    # -- articles
    def save_article(
        self, campaign: str, page_url: str | None, article: Article, html_hash: str = ""
    ) -> int:
        """Store an uscita (one per canonical URL), mark its page as done; its id."""
    def reject_page(self, campaign: str, page_url: str, reason: str) -> None:
        """Record that an archived page holds no uscita of the campaign, and why."""
    def articles(self, campaign: str) -> list[StoredArticle]:
        """The campaign's uscite as extracted or imported (no correction applied), by id."""
    def search(self, query: str, campaign: str | None = None) -> list[SearchHit]:
        """Full-text search over titles and texts (accents ignored)."""

    # -- the registry, reach and reviews
    def save_registry(
        self, outlets: Iterable[Outlet], origin: str = "", only_if_new_from: str = ""
    ) -> tuple[int, bool]:
        """Store a whole registry as a new version unless it equals the latest."""
    def registry_version(self, version: int | None = None) -> RegistryVersion | None:
        """A registry version (the latest by default), None when there is none."""
    def registry_versions(self) -> list[RegistryVersion]:
        """Every registry version, oldest first."""
    def outlets(self, version: int | None = None) -> list[Outlet]:
        """The outlets of a registry version (the latest by default), by name."""
    def record_review(
        self, campaign: str, registry_version: int | None, uscite: int, audience: int,
        files: Iterable[str], author: str = "",
    ) -> None:
        """Remember a review built for the campaign and the registry version it used."""
    def reviews(self, campaign: str) -> list[ReviewRecord]:
        """The reviews built for the campaign, oldest first."""
    def delivered_registry_version(self, campaign: str) -> int | None:
        """The registry version of the campaign's last review, None before the first."""
    def reach_outlets(self, campaign: str | None = None) -> list[ReachedOutlet]:
        """Each testata of the uscite (of one campaign or all), with its reach and count."""
    def main_cities(self, campaign: str) -> dict[int, str]:
        """Uscita id -> its main city, for the uscite that have one."""
    def save_reach(
        self, reach: Mapping[int, Reach], registry_version: int | None = None
    ) -> None:
        """Store the reach of each uscita (by id), computed with a registry version."""

    # -- clusters and signatures
    def replace_clusters(self, campaign: str, clusters: Iterable[Cluster]) -> None:
        """Store the campaign's clusters in place of the previous ones."""
    def unclustered(self, campaign: str) -> int:
        """How many of the campaign's uscite the last dedupe has not seen."""
    def signatures(self, campaign: str) -> dict[int, tuple[str, bytes]]:
        """Uscita id -> (text hash, shingle hashes) for the campaign's uscite."""
    def save_signatures(self, rows: Iterable[tuple[int, str, bytes]]) -> None:
        """Store (uscita id, text hash, shingle hashes), replacing older ones."""
    def cluster_aliases(self, campaign: str) -> dict[int, int]:
        """Uscita id -> the uscita of the same outlet it repeats."""
    def cluster_labels(self, campaign: str) -> dict[int, tuple[str, int]]:
        """Cluster id -> (label, source uscita id) for the campaign."""

    # -- entities
    def replace_entities(self, by_article: Mapping[int, Entities]) -> None:
        """Store each uscita's entities (by id) in place of the ones it had."""
    def entities(self, campaign: str) -> dict[int, Entities]:
        """The entities of the campaign's uscite that have any, by uscita id."""

    # -- corrections and imports
    def correct(self, article_id: int, field: str, value: str, note: str = "",
                author: str = "") -> None:
        """Record a manual correction (logged with ``author``); it wins in every review."""
    def uncorrect(self, article_id: int, field: str, author: str = "") -> bool:
        """Remove a manual correction; False when the uscita had none of that field."""
    def correction_history(self, article_id: int) -> list[LoggedCorrection]:
        """Every correction of the uscita and every removal, newest first."""
    def save_user(self, name: str, role: str, password_hash: str) -> None:
        """Add an account, or give an existing one a new role and password."""
    def user(self, name: str) -> User | None:
        """The account called ``name``, None when there is none."""
    def users(self) -> list[User]:
        """Every account, by name."""
    def uscite_at(self, campaign: str, urls: Iterable[str]) -> dict[str, StoredUscita]:
        """The stored uscite at these URLs, whatever their campaign, by URL, corrected."""
    def unlinked_uscite(self) -> list[StoredUscita]:
        """Uscite imported without a web page or agency code, corrected."""
    def save_imported(
        self, campaign: str, url: str, fields: Mapping[str, str],
        corrections: Mapping[str, str], note: str, broadcast: Broadcast | None = None,
    ) -> None:
        """Store a row of an import: a new uscita, or what it changes of a stored one."""

    # -- the archive and the review's input
    def find_uscita(self, ref: str) -> int | None:
        """The id of an uscita given its id, its URL, or the URL of a page it was seen at."""
    def provenance(self, article_id: int) -> Provenance:
        """Everything known about where an uscita comes from."""
    def archived_page(self, article_id: int) -> ArchivedPage | None:
        """The page of an uscita as it was fetched, if archived."""
    def uscite(self, campaign: str, with_excluded: bool = False) -> list[StoredUscita]:
        """The campaign's uscite with reach and cluster, corrected; no alias, and no
        exclusion unless ``with_excluded`` (then marked ``excluded``)."""
    def counts(self, campaign: str) -> dict[str, int]:
        """How many pages, uscite and clusters the campaign (and the store) has."""


def open_store(
    path: str | Path,
    readonly: bool = False,
    create: bool = True,
    busy_timeout: float | None = None,
    backend: str = "sqlite",
) -> Store:
    """Open a store: created (unless ``create`` is false) and migrated for writing.

    Args:
        path: the store's file (``":memory:"``: a store in memory, for tests).
        readonly: open an existing store as it is, for reading: never created,
            never migrated, also from a read-only file, folder or medium.
        create: create the store when the file does not exist.
        busy_timeout: seconds a write waits for another command's write
            (default: ``$RASSEGNA_BUSY_TIMEOUT``, else 30).
        backend: one of :data:`BACKENDS`.

    Raises:
        StoreError: the store does not exist (``readonly`` or not ``create``), is
            not a store, cannot be written (when not ``readonly``), is busy
            longer than the timeout, or its schema does not fit this rassegna.
    """
    if backend != "sqlite":
        raise ValueError(f"unknown store backend {backend!r}: one of {', '.join(BACKENDS)}")
    return SqliteStore(path, readonly=readonly, create=create, busy_timeout=busy_timeout)


@contextmanager
def opened_store(
    path: str | Path, readonly: bool = False, create: bool = True
) -> Iterator[Store]:
    """:func:`open_store` as a context: the store is closed after the block."""
    store = open_store(path, readonly=readonly, create=create)
    try:
        yield store
    finally:
        store.close()
