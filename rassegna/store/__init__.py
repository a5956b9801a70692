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
    FetchedPage,
    PendingPage,
    Provenance,
    ReachedOutlet,
    RegistryVersion,
    RejectedPage,
    ReviewRecord,
    SearchHit,
    StoredArticle,
    StoredUscita,
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
    "ArchivedPage", "ClusterMembership", "Correction", "FetchedPage", "PendingPage",
    "Provenance", "ReachedOutlet", "RegistryVersion", "RejectedPage", "ReviewRecord",
    "SearchHit", "SqliteStore", "Store", "StoredArticle", "StoredUscita", "html_hash", "now",
    "open_store", "opened_store",
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

    def close(self) -> None: ...

    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside commit together or not at all."""
        ...

    # -- campaigns and pages
    def register_campaign(self, slug: str, name: str, path: str) -> None: ...
    def save_page(self, campaign: str, page: Page) -> None: ...
    def validators(self, campaign: str) -> dict[str, tuple[str, str]]: ...
    def fetched_since(self, campaign: str, since: str) -> set[str]: ...
    def page_unchanged(self, campaign: str, url: str, checked_at: str) -> None: ...
    def reject_url(self, campaign: str, url: str, reason: str, found_via: str = "") -> None:
        ...
    def clear_rejection(self, campaign: str, url: str) -> None: ...
    def pending_pages(self, campaign: str) -> list[PendingPage]: ...
    def page_body(self, url: str) -> bytes | None: ...
    def rejections(self, campaign: str) -> list[RejectedPage]: ...
    def outcome_counts(self, campaign: str) -> dict[str, int]: ...

    # -- articles
    def save_article(
        self, campaign: str, page_url: str | None, article: Article, html_hash: str = ""
    ) -> int: ...
    def reject_page(self, campaign: str, page_url: str, reason: str) -> None: ...
    def articles(self, campaign: str) -> list[StoredArticle]: ...
    def search(self, query: str, campaign: str | None = None) -> list[SearchHit]: ...

    # -- the registry, reach and reviews
    def save_registry(
        self, outlets: Iterable[Outlet], origin: str = "", only_if_new_from: str = ""
    ) -> tuple[int, bool]: ...
    def registry_version(self, version: int | None = None) -> RegistryVersion | None: ...
    def registry_versions(self) -> list[RegistryVersion]: ...
    def outlets(self, version: int | None = None) -> list[Outlet]: ...
    def record_review(
        self, campaign: str, registry_version: int | None, uscite: int, audience: int,
        files: Iterable[str],
    ) -> None: ...
    def reviews(self, campaign: str) -> list[ReviewRecord]: ...
    def delivered_registry_version(self, campaign: str) -> int | None: ...
    def reach_outlets(self, campaign: str | None = None) -> list[ReachedOutlet]: ...
    def main_cities(self, campaign: str) -> dict[int, str]: ...
    def save_reach(
        self, reach: Mapping[int, Reach], registry_version: int | None = None
    ) -> None: ...

    # -- clusters and signatures
    def replace_clusters(self, campaign: str, clusters: Iterable[Cluster]) -> None: ...
    def unclustered(self, campaign: str) -> int: ...
    def signatures(self, campaign: str) -> dict[int, tuple[str, bytes]]: ...
    def save_signatures(self, rows: Iterable[tuple[int, str, bytes]]) -> None: ...
    def cluster_aliases(self, campaign: str) -> dict[int, int]: ...
    def cluster_labels(self, campaign: str) -> dict[int, tuple[str, int]]: ...

    # -- entities
    def replace_entities(self, by_article: Mapping[int, Entities]) -> None: ...
    def entities(self, campaign: str) -> dict[int, Entities]: ...

    # -- corrections and imports
    def correct(self, article_id: int, field: str, value: str, note: str = "") -> None: ...
    def uncorrect(self, article_id: int, field: str) -> bool: ...
    def uscite_at(self, campaign: str, urls: Iterable[str]) -> dict[str, StoredUscita]: ...
    def unlinked_uscite(self) -> list[StoredUscita]: ...
    def save_imported(
        self, campaign: str, url: str, fields: Mapping[str, str],
        corrections: Mapping[str, str], note: str, broadcast: Broadcast | None = None,
    ) -> None: ...

    # -- the archive and the review's input
    def find_uscita(self, ref: str) -> int | None: ...
    def provenance(self, article_id: int) -> Provenance: ...
    def archived_page(self, article_id: int) -> ArchivedPage | None: ...
    def uscite(self, campaign: str) -> list[StoredUscita]: ...
    def counts(self, campaign: str) -> dict[str, int]: ...


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
