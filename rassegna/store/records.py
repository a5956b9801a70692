"""The records the store returns that are no stage's record.

A store method takes and returns the stages' frozen dataclasses (``Article``,
``Cluster``, ``Reach``, ``Outlet``, ``Entities``); what only the store knows (a page
waiting for extraction, a rejection, a registry version, a review built, where an
uscita comes from) is one of these.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from audience import Reach

if TYPE_CHECKING:  # the crawl process imports the store: no heavy stage at its start
    from extract import Article
    from extract.entities import Entities
    from review import Broadcast

__all__ = [
    "ArchivedPage", "ClusterMembership", "Correction", "FetchedPage", "PendingPage",
    "Provenance", "ReachedOutlet", "RegistryVersion", "RejectedPage", "ReviewRecord",
    "LoggedCorrection", "SearchHit", "SearchResult", "StoredArticle", "StoredUscita", "User",
]


@dataclass(frozen=True)
class PendingPage:
    """An archived page waiting for extraction, with its body as fetched."""

    url: str
    canonical_url: str
    fetched_at: str
    encoding: str
    html_hash: str
    body: bytes


@dataclass(frozen=True)
class RejectedPage:
    """A URL found for a campaign that is no uscita, and why."""

    url: str
    reason: str
    found_via: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class StoredArticle:
    """An uscita as extracted (or imported), with its id and the page it was seen at."""

    id: int
    article: Article
    page_url: str = ""  # "" for an uscita imported by hand


@dataclass(frozen=True)
class StoredUscita:
    """An uscita as the store shows it: joined with its reach and cluster, corrected.

    ``testata``, ``category`` and ``audience`` are the reach's (empty before the
    audience step); ``inferred`` is None before it; ``in_campaign`` says, for
    :meth:`Store.uscite_at`, whether it is an uscita of the campaign asked about.
    """

    id: int
    url: str
    outlet: str = ""
    domain: str = ""
    title: str = ""
    subtitle: str = ""
    author: str = ""
    published: dt.date | None = None
    text: str = ""
    broadcast: Broadcast | None = None
    testata: str = ""
    category: str = ""
    audience: int | None = None
    source: str = ""
    inferred: bool | None = None
    cluster_id: int | None = None
    page_url: str = ""
    in_campaign: bool = True
    excluded: bool = False  # only :meth:`Store.uscite` ``with_excluded`` lists them


@dataclass(frozen=True)
class SearchHit:
    """An uscita a full-text search found."""

    id: int
    title: str
    outlet: str
    url: str
    published: str


@dataclass(frozen=True)
class RegistryVersion:
    """One version of the outlet registry: when, from where, its digest and size."""

    id: int
    created_at: str
    origin: str
    digest: str
    outlets: int


@dataclass(frozen=True)
class ReviewRecord:
    """A review built: when, with which registry version, what it counted and wrote."""

    id: int
    campaign: str
    built_at: str
    registry_version: int | None
    uscite: int
    audience: int
    files: tuple[str, ...] = ()
    built_by: str = ""  # who built it, "" when not recorded


@dataclass(frozen=True)
class ReachedOutlet:
    """A testata of the stored uscite with its reach and how many uscite it has."""

    testata: str
    category: str
    audience: int | None
    source: str = ""
    outlet: str = ""  # the registry's name, "" when not in a registry
    inferred: bool = False
    domains: str = ""  # the uscite's domains, separated by ","
    uscite: int = 0


@dataclass(frozen=True)
class FoundDomain:
    """A domain of a campaign's uscite found through discovery (an engine, an alert)."""

    domain: str
    testata: str  # the testata its uscite were given ("" before the audience step)
    outlet: str  # the registry's name for it, "" when no registry knows it
    uscite: int
    found_via: str  # how the first of its uscite was found


@dataclass(frozen=True)
class SearchResult:
    """An article URL an engine query or alert returned, and the campaign's outcome for
    its page: "pending" or "uscita" (kept), "rejected" with its reason, "" if never fetched."""

    via: str
    url: str
    outcome: str
    reason: str


@dataclass(frozen=True)
class DiscoveredSource:
    """A site that discovery found uscite on, watched by the campaign's later crawls."""

    url: str  # its home page
    found_via: str  # how its first uscita was found
    found_at: str


@dataclass(frozen=True)
class EngineAnswer:
    """A news search engine's answer to one request, kept so a re-run the same day
    asks the engine nothing."""

    url: str
    engine: str
    fetched_at: str
    content_type: str
    body: bytes


@dataclass(frozen=True)
class FetchedPage:
    """What is known of the page an uscita was fetched from."""

    url: str
    canonical_url: str
    status: int
    fetched_at: str
    first_seen: str = ""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    archived_bytes: int = 0  # the compressed body's size, 0 when not archived


@dataclass(frozen=True)
class ArchivedPage:
    """An uscita's page as it was fetched: the body and the fetch facts."""

    url: str
    status: int
    fetched_at: str
    body: bytes
    first_seen: str = ""
    content_type: str = ""


@dataclass(frozen=True)
class ClusterMembership:
    """The cluster (press release) an uscita belongs to in one campaign."""

    campaign: str
    cluster_id: int
    label: str
    size: int
    source_article_id: int


@dataclass(frozen=True)
class Correction:
    """A manual correction of one field of an uscita."""

    field: str
    value: str
    note: str = ""
    created_at: str = ""


@dataclass(frozen=True)
class LoggedCorrection:
    """One decision on an uscita as the log keeps it: the value set (or the correction
    removed), the value it replaced (None when there was none), who and when."""

    id: int
    field: str
    value: str
    previous: str | None
    removed: bool
    note: str
    author: str
    created_at: str


@dataclass(frozen=True)
class User:
    """An account of the desk: its name, role (editor or viewer) and password hash."""

    name: str
    role: str
    password_hash: str
    created_at: str


@dataclass(frozen=True)
class Provenance:
    """Everything known about where an uscita comes from, for ``rassegna show``."""

    article: StoredArticle
    page: FetchedPage | None
    entities: Entities
    aliases: tuple[str, ...] = ()  # other URLs the same uscita was fetched at
    campaigns: tuple[str, ...] = ()
    #: (campaign, how its page was found: an engine's query, a feed, a sitemap...)
    found_via: tuple[tuple[str, str], ...] = ()
    reach: Reach | None = None
    clusters: tuple[ClusterMembership, ...] = ()
    corrections: tuple[Correction, ...] = ()
