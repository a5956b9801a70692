"""The pipeline: each step reads records from the store, calls one stage, writes back.

One function per step (crawl, import, extract, entities, dedupe, audience, build,
and run for all of them), the registry version a campaign's audience uses, and the
uscite a review lists. The store speaks records, so a step only passes them
between the store and its stage. Each step is idempotent: it upserts on natural
keys, so running it twice stores nothing twice, and it picks up only what is new
(pages waiting for extraction, uscite without reach).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from audience import Reach, Registry, infer_category, reach_of, starter_registry
from common.errors import ExtractionError
from crawler import TermMatcher, canonical_url
from dedupe import SIGNATURE_VERSION, Signature, Text, cluster, signature
from extract import Article, aggregator_of, article_from_html
from extract.entities import Entities
from rassegna.campaign import Campaign, read_url_list
from rassegna.crawling import run_crawl
from rassegna.discovery import watch_discovered
from rassegna.store import PendingPage, RejectedPage, Store, StoredArticle
from review import FORMATS, Cover, ReviewOptions, Uscita, build_review, write_review

if TYPE_CHECKING:
    from rassegna.uscite_files import ImportResult, Parsed

__all__ = [
    "Progress", "StepResult", "crawl", "import_urls", "import_uscite", "extract", "entities",
    "dedupe", "audience", "build", "run", "review_uscite", "RegistryInUse", "load_registry",
]

#: ``progress(done, total)``; total is None while unknown
Progress = Callable[[int, int | None], None]


#: what each step counts in ``StepResult.done``
UNITS = {
    "crawl": "pages",
    "import": "uscite",
    "extract": "uscite",
    "entities": "uscite analysed",
    "dedupe": "clusters",
    "audience": "uscite",
    "build": "files",
}


@dataclass(frozen=True)
class StepResult:
    """What a step did: how many it did and rejected, and what to say of it."""

    step: str
    done: int
    rejected: int = 0
    detail: str = ""
    #: the pages asked for by hand that were left out, with why (``import --urls``)
    left_out: tuple[RejectedPage, ...] = ()

    def line(self) -> str:
        """One line for the terminal: "dedupe: 6 clusters; 3 releases picked up twice or more"."""
        unit = UNITS.get(self.step, "done")
        rejected = f", {self.rejected} rejected" if self.rejected else ""
        detail = f"; {self.detail}" if self.detail else ""
        return f"{self.step}: {self.done} {unit}{rejected}{detail}"


def _matcher(campaign: Campaign) -> TermMatcher:
    return TermMatcher(form for term in campaign.terms for form in term.forms)


def crawl(
    store: Store, campaign: Campaign, progress: Progress | None = None, max_pages: int = 0
) -> StepResult:
    """Fetch the campaign's sources; pages mentioning a term wait for extraction.

    ``max_pages`` caps the article pages fetched; the next run resumes the crawl.
    """
    store.register_campaign(campaign.slug, campaign.name, str(campaign.path))
    run_crawl(campaign, store.path, (lambda n: progress(n, None)) if progress else None,
              max_pages=max_pages)
    watched = watch_discovered(store, campaign)
    counts = store.outcome_counts(campaign.slug)
    return StepResult(
        "crawl",
        done=sum(counts.values()),
        rejected=counts.get("rejected", 0),
        detail=f"{counts.get('pending', 0)} pages to extract"
        + (f"; {watched} sites found by search now watched" if watched else ""),
    )


def _fetched_at(page: PendingPage) -> dt.datetime | None:
    """When the page was fetched: what relative dates ("2 g", "3 h") count from."""
    try:
        return dt.datetime.fromisoformat(page.fetched_at)
    except ValueError:
        return None


def import_urls(
    store: Store, campaign: Campaign, urls_file: Path, progress: Progress | None = None
) -> StepResult:
    """Fetch and extract pages found by hand, with the crawler's politeness and relevance.

    The result lists the pages of the file left out (now or before), with the reason.

    Raises:
        ConfigError: a line of the file is not a URL (before anything is fetched).
    """
    asked = {canonical_url(url) for url in read_url_list(urls_file)}
    store.register_campaign(campaign.slug, campaign.name, str(campaign.path))
    before = store.outcome_counts(campaign.slug).get("rejected", 0)
    run_crawl(campaign, store.path, (lambda n: progress(n, None)) if progress else None,
              urls_file=urls_file)
    result = extract(store, campaign)
    rejected = store.outcome_counts(campaign.slug).get("rejected", 0) - before
    left_out = tuple(page for page in store.rejections(campaign.slug) if page.url in asked)
    return StepResult("import", done=result.done, rejected=rejected, left_out=left_out)


def import_uscite(
    store: Store,
    campaign: Campaign,
    parsed: Parsed,
    skip_invalid: bool = False,
    rejected_path: Path | None = None,
    bar: Callable[[str], Progress] | None = None,
) -> ImportResult:
    """Store the rows of a file of uscite (or agency items), then find their entities.

    All rows or none, as :func:`rassegna.uscite_files.store_uscite`; a large import shows
    the entities step as one more bar.

    Raises:
        ImportFileError: listing file, line and reason of each bad row (nothing stored).
    """
    from rassegna.uscite_files import PROGRESS_ROWS, store_uscite

    store.register_campaign(campaign.slug, campaign.name, str(campaign.path))
    result = store_uscite(store, campaign.slug, parsed, skip_invalid, rejected_path, bar)
    spinner = bar("entities") if bar is not None and result.new > PROGRESS_ROWS else None
    found = entities(store, campaign, missing_only=True)  # cities, officials…
    if spinner is not None:
        spinner(found.done, found.done)
    return result


#: below this many pages, starting worker processes costs more than it saves
POOL_THRESHOLD = 48


def _extract_page(page: PendingPage) -> Article | str:
    """The article of one archived page, or the reason there is none (runs in a worker)."""
    try:
        return article_from_html(page.body, page.url, page.encoding or None, _fetched_at(page))
    except ExtractionError as exc:
        return str(exc)


def _extracted(pages: list[PendingPage]) -> Iterator[tuple[PendingPage, Article | str]]:
    """Each page with its extraction, on every core when there are many pages."""
    workers = os.cpu_count() or 1
    if len(pages) < POOL_THRESHOLD or workers == 1:
        for page in pages:
            yield page, _extract_page(page)
        return
    # forkserver: the parent has threads (progress bars, the store), fork would copy them
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from zip(pages, pool.map(_extract_page, pages, chunksize=8), strict=True)


def _why_not(article: Article, matcher: TermMatcher, campaign: Campaign) -> str:
    """Why an extracted article is not an uscita of the campaign ("" when it is)."""
    if not matcher.search(f"{article.title}\n{article.subtitle}\n{article.text}"):
        return "campaign term only outside the article text (menus, related links)"
    if not campaign.in_period(article.published):
        return f"published {article.published}, outside the campaign period"
    return ""


def extract(store: Store, campaign: Campaign, progress: Progress | None = None) -> StepResult:
    """Extract every pending page; keep it as an uscita when its text names a term."""
    matcher = _matcher(campaign)
    pages = store.pending_pages(campaign.slug)
    kept = rejected = 0
    new_ids: list[int] = []
    for number, (page, article) in enumerate(_extracted(pages), start=1):
        reason = article if isinstance(article, str) else _why_not(article, matcher, campaign)
        if reason or not isinstance(article, Article):
            store.reject_page(campaign.slug, page.url, reason)
            rejected += 1
        else:
            article_id = store.save_article(campaign.slug, page.url, article, page.html_hash)
            new_ids.append(article_id)
            kept += 1
        if progress:
            progress(number, len(pages))
    if new_ids:
        entities(store, campaign, article_ids=new_ids)
    return StepResult("extract", done=kept, rejected=rejected)


def entities(
    store: Store,
    campaign: Campaign,
    article_ids: Sequence[int] | None = None,
    missing_only: bool = False,
) -> StepResult:
    """Cities, main city, officials and figures of the campaign's uscite.

    Args:
        article_ids: only these uscite (the extract step passes the new ones);
            by default every uscita of the campaign.
        missing_only: only uscite that have no entity stored yet.
    """
    from extract.entities import analyse  # loads spaCy: only when there is text to analyse

    articles = store.articles(campaign.slug)
    if article_ids is not None:
        wanted = set(article_ids)
        articles = [a for a in articles if a.id in wanted]
    if missing_only:
        known = store.entities(campaign.slug)
        articles = [a for a in articles if a.id not in known]
    if articles:
        found = analyse(
            [a.article.text for a in articles],
            titles=[f"{a.article.title}\n{a.article.subtitle}" for a in articles],
        )
        store.replace_entities({a.id: e for a, e in zip(articles, found, strict=True)})
    stored = store.entities(campaign.slug)
    merged = _merge_spellings(store, stored)
    # respelling touches officials only: the main cities are those just read
    mains = sum(1 for e in stored.values() if e.main_city)
    detail = f"{mains} uscite with a city stop, {merged} official names respelt"
    return StepResult("entities", done=len(articles), detail=detail)


def _merge_spellings(store: Store, found_in: Mapping[int, Entities]) -> int:
    """Merge each official's spellings across the uscite ``found_in`` holds (the
    campaign's stored entities); returns the officials respelt.
    """
    from extract.entities import merge_officials

    stored = {a: e for a, e in found_in.items() if e.officials}
    merged = merge_officials([e.officials for e in stored.values()])
    changed: dict[int, Entities] = {}
    respelt = 0
    for (article_id, found), officials in zip(stored.items(), merged, strict=True):
        again = [
            replace(old, name=new.name, variants=new.variants)
            for old, new in zip(found.officials, officials, strict=True)
        ]
        differ = sum(1 for old, new in zip(found.officials, again, strict=True)
                     if (old.name, list(old.variants)) != (new.name, list(new.variants)))
        if differ:
            respelt += differ
            changed[article_id] = replace(found, officials=tuple(again))
    store.replace_entities(changed)
    return respelt


def _signatures(
    store: Store, campaign: Campaign, rows: list[StoredArticle]
) -> dict[int, Signature]:
    """The stored signature of each uscita; only new or changed texts are shingled."""
    stored = store.signatures(campaign.slug)
    result: dict[int, Signature] = {}
    fresh = []
    for row in rows:
        title, text = row.article.title, row.article.text
        source = f"{SIGNATURE_VERSION}\0{title}\0{text}"
        text_hash = hashlib.sha1(source.encode()).hexdigest()
        known = stored.get(row.id)
        if known and known[0] == text_hash:
            result[row.id] = Signature.from_bytes(known[1])
        else:
            result[row.id] = signature(text, title)
            fresh.append((row.id, text_hash, result[row.id].to_bytes()))
    store.save_signatures(fresh)
    return result


def dedupe(store: Store, campaign: Campaign) -> StepResult:
    """Cluster the campaign's uscite by the press release they carry."""
    rows = store.articles(campaign.slug)
    signatures = _signatures(store, campaign, rows)
    docs = [
        Text(
            id=row.id,
            text=row.article.text,
            title=row.article.title,
            published=row.article.published,
            domain=row.article.domain,
            signature=signatures[row.id],
            url=row.article.url,
            outlet=_listed_outlet(row.article),
        )
        for row in rows
    ]
    # the press office's own page, when it is among the uscite, is the likely source
    office = campaign.contact.rpartition("@")[2].lower()
    clusters = cluster(docs, press_office_domains=[office] if office else [])
    store.replace_clusters(campaign.slug, clusters)
    shared = sum(1 for c in clusters if len(c.members) > 1)
    detail = f"{shared} releases picked up twice or more"
    return StepResult("dedupe", done=len(clusters), detail=detail)


def _listed_outlet(article: Article) -> str:
    """The outlet an uscita is listed under: "Virgilio.it – Genova 24" for a portal's copy."""
    return " – ".join(name for name in (article.outlet, article.original_outlet) if name)


@dataclass(frozen=True)
class RegistryInUse:
    """The registry a campaign's audience is computed with, and its version in the store."""

    registry: Registry
    version: int | None  # None: no registry stored yet (the starter one alone)
    latest: int | None  # the newest version in the store

    @property
    def outdated(self) -> bool:
        """Whether a newer registry version exists than the one in use."""
        return self.version is not None and self.latest is not None and self.latest > self.version


def _reach_name(article: Article) -> str:
    """The name the registry is searched by: for an aggregator's copy, the original outlet.

    The copy counts the portal's audience, found by its domain, and is listed as
    "Virgilio.it – Genova 24"; the original outlet's own entry must not match it.
    """
    if aggregator_of(article.domain):
        return article.original_outlet or article.outlet
    return article.outlet


def _reach_domain(stored: StoredArticle, registry: Registry) -> str:
    """The domain the registry is searched by ("": by the outlet's name only).

    A row the office imported under the name of a registry outlet counts that outlet:
    a post of "Facebook – Eco di X" linking the article on ecodix.it has the page's
    followers, not the site's figure.
    """
    if not stored.page_url and registry.named(stored.article.outlet):
        return ""
    return stored.article.domain


def load_registry(store: Store, campaign: Campaign, refresh: bool = False) -> RegistryInUse:
    """The registry version the campaign's audience is computed with.

    The campaign's registry file, when it changed since it was last read, becomes a
    new version. A campaign that has a review keeps the version of its last review
    (a figure changed later does not rewrite a review already delivered) unless
    ``refresh``; before its first review it follows the latest version. The office's
    registry is looked up first, rassegna's starter registry after.
    """
    if campaign.registry is not None:
        registry = Registry.from_file(campaign.registry)
        origin = str(campaign.registry.resolve())
        store.save_registry(registry, origin, only_if_new_from=origin)
    latest_version = store.registry_version()
    latest = latest_version.id if latest_version else None
    pinned = store.delivered_registry_version(campaign.slug)
    version = latest if refresh or pinned is None else pinned
    outlets = store.outlets(version) if version is not None else []
    registry = Registry(outlets, fallback=starter_registry())
    return RegistryInUse(registry, version, latest)


def _compute_reach(store: Store, campaign: Campaign, refresh: bool) -> tuple[RegistryInUse, int]:
    used = load_registry(store, campaign, refresh)
    reach: dict[int, Reach] = {
        stored.id: reach_of(_reach_name(stored.article), _reach_domain(stored, used.registry),
                            used.registry)
        for stored in store.articles(campaign.slug)
    }
    store.save_reach(reach, used.version)
    return used, sum(1 for r in reach.values() if r.inferred)


def audience(store: Store, campaign: Campaign, refresh_audience: bool = False) -> StepResult:
    """Give every uscita its testata, category and certified audience.

    Args:
        store: the store.
        campaign: the campaign.
        refresh_audience: use the latest registry version even if the campaign has a
            review built with an older one.
    """
    used, inferred = _compute_reach(store, campaign, refresh_audience)
    done = store.counts(campaign.slug)["uscite"]
    detail = f"{inferred} uscite with an inferred category"
    if used.version is not None:
        detail += f", registry version {used.version}"
    if used.outdated:
        detail += (
            f"; version {used.latest} is newer, kept out of the delivered review: "
            "use --refresh-audience to apply it"
        )
    return StepResult("audience", done=done, detail=detail)


def review_uscite(store: Store, campaign: Campaign) -> list[Uscita]:
    """The uscite a review of the campaign lists: corrections applied, period enforced."""
    uscite = []
    cities = store.main_cities(campaign.slug)
    found = store.entities(campaign.slug)
    for row in store.uscite(campaign.slug):
        if not campaign.in_period(row.published):
            continue
        category, testata = row.category, row.testata
        if not category:  # the audience step has not seen it yet
            category, testata = infer_category(row.outlet, row.domain)
        uscite.append(
            Uscita(
                id=row.id,
                category=category,
                testata=testata or row.outlet,
                title=row.title,
                url=row.url,
                audience=row.audience,
                published=row.published,
                author=row.author,
                subtitle=row.subtitle,
                text=row.text,
                cluster=row.cluster_id,
                inferred=row.inferred if row.inferred is not None else True,
                broadcast=row.broadcast,
                city=cities.get(row.id, ""),
                entities=found.get(row.id, Entities()),
            )
        )
    return uscite


def build(
    store: Store,
    campaign: Campaign,
    out_dir: Path,
    formats: Sequence[str] = FORMATS,
    updated: dt.date | None = None,
    refresh_audience: bool = False,
    options: ReviewOptions | None = None,
    categories: Sequence[str] = (),
    author: str = "",
) -> list[Path]:
    """Write the rassegna stampa of the campaign in each format.

    Uscite added since the last dedupe (an import) are clustered first, so a row
    that repeats a crawled page counts once. The audience is recomputed with the
    registry version of the campaign's last review (the latest with
    ``refresh_audience``), and the review is recorded in the store with the version
    it used.

    Args:
        options: clippings, one clipping per release, logo, charts, and a period
            (``start``, ``end``) narrower than the campaign's.
        categories: only uscite of these categories (all when empty).
        author: who builds it, for the list of reviews built.
    """
    options = options or ReviewOptions()
    if store.unclustered(campaign.slug):
        dedupe(store, campaign)
    used, _ = _compute_reach(store, campaign, refresh_audience)
    cover = Cover(
        title=campaign.review_title,
        project=campaign.name,
        updated=updated or dt.date.today(),
        lines=campaign.cover_lines,
    )
    labels = store.cluster_labels(campaign.slug)
    uscite = [
        u for u in review_uscite(store, campaign)
        if (not categories or u.category in categories)
        and not (options.start and (u.published is None or u.published < options.start))
        and not (options.end and (u.published is None or u.published > options.end))
    ]
    review = build_review(
        uscite, cover, campaign.highlights, labels, registry_version=used.version,
    )
    paths = write_review(review, out_dir, formats, options=options)
    store.record_review(
        campaign.slug, used.version, review.count, review.audience, (str(p) for p in paths),
        author,
    )
    return paths


def run(
    store: Store,
    campaign: Campaign,
    out_dir: Path,
    progress: Callable[[str], Progress | None] | None = None,
    refresh_audience: bool = False,
    formats: Sequence[str] = FORMATS,
    options: ReviewOptions | None = None,
) -> list[StepResult]:
    """Every step in order: crawl, extract (with entities), dedupe, audience, build."""
    def bar(step: str) -> Progress | None:
        return progress(step) if progress else None

    results = [crawl(store, campaign, bar("crawl")), extract(store, campaign, bar("extract"))]
    results.append(entities(store, campaign, missing_only=True))
    results.append(dedupe(store, campaign))
    results.append(audience(store, campaign, refresh_audience))
    paths = build(store, campaign, out_dir, formats, refresh_audience=refresh_audience,
                  options=options)
    results.append(StepResult("build", done=len(paths), detail=", ".join(map(str, paths))))
    return results
