"""The pipeline: each step reads from the store, calls one stage, writes back.

This is the only module that knows every stage. Each step is idempotent: it
upserts on natural keys, so running it twice stores nothing twice, and it picks
up only what is new (pages waiting for extraction, uscite without reach).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audience import Outlet, Registry, infer_category, reach_of
from crawler import TermMatcher
from dedupe import SIGNATURE_VERSION, Doc, Signature, cluster, signature
from extract import article_from_html
from rassegna.campaign import Campaign
from rassegna.crawling import run_crawl
from rassegna.errors import ExtractionError
from rassegna.store import Store
from review import Cover, Uscita, build_review, write_review

__all__ = [
    "Progress", "StepResult", "crawl", "extract", "dedupe", "audience", "build", "run",
]

#: ``progress(done, total)``; total is None while unknown
Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class StepResult:
    step: str
    done: int
    rejected: int = 0
    detail: str = ""


def _matcher(campaign: Campaign) -> TermMatcher:
    return TermMatcher(form for term in campaign.terms for form in term.forms)


def crawl(store: Store, campaign: Campaign, progress: Progress | None = None) -> StepResult:
    """Fetch the campaign's sources; pages mentioning a term wait for extraction."""
    store.register_campaign(campaign.slug, campaign.name, str(campaign.path))
    run_crawl(campaign, store.path, (lambda n: progress(n, None)) if progress else None)
    counts = store.outcome_counts(campaign.slug)
    return StepResult(
        "crawl",
        done=sum(counts.values()),
        rejected=counts.get("rejected", 0),
        detail=f"{counts.get('pending', 0)} pages to extract",
    )


def extract(store: Store, campaign: Campaign, progress: Progress | None = None) -> StepResult:
    """Extract every pending page; keep it as an uscita when its text names a term."""
    matcher = _matcher(campaign)
    pages = store.pending_pages(campaign.slug)
    kept = rejected = 0
    for number, page in enumerate(pages, start=1):
        reason = ""
        try:
            article = article_from_html(page["body"], page["url"], page["encoding"] or None)
        except ExtractionError as exc:
            reason = str(exc)
        else:
            if not matcher.search(f"{article.title}\n{article.subtitle}\n{article.text}"):
                reason = "campaign term only outside the article text (menus, related links)"
            elif not campaign.in_period(article.published):
                reason = f"published {article.published}, outside the campaign period"
        if reason:
            store.reject_page(campaign.slug, page["url"], reason)
            rejected += 1
        else:
            store.save_article(
                campaign.slug,
                page["url"],
                {
                    "url": article.url,
                    "outlet": article.outlet,
                    "domain": article.domain,
                    "title": article.title,
                    "subtitle": article.subtitle,
                    "author": article.author,
                    "published": article.published.isoformat() if article.published else "",
                    "text": article.text,
                    "html_hash": page["html_hash"],
                },
            )
            kept += 1
        if progress:
            progress(number, len(pages))
    return StepResult("extract", done=kept, rejected=rejected)


def _signatures(
    store: Store, campaign: Campaign, rows: list[dict[str, Any]]
) -> dict[int, Signature]:
    """The stored signature of each uscita; only new or changed texts are shingled."""
    stored = store.signatures(campaign.slug)
    result: dict[int, Signature] = {}
    fresh = []
    for row in rows:
        source = f"{SIGNATURE_VERSION}\0{row['title']}\0{row['text']}"
        text_hash = hashlib.sha1(source.encode()).hexdigest()
        known = stored.get(row["id"])
        if known and known[0] == text_hash:
            result[row["id"]] = Signature.from_bytes(known[1])
        else:
            result[row["id"]] = signature(row["text"], row["title"])
            fresh.append((row["id"], text_hash, result[row["id"]].to_bytes()))
    store.save_signatures(fresh)
    return result


def dedupe(store: Store, campaign: Campaign) -> StepResult:
    """Cluster the campaign's uscite by the press release they carry."""
    rows = store.articles(campaign.slug)
    signatures = _signatures(store, campaign, rows)
    docs = [
        Doc(
            id=row["id"],
            text=row["text"],
            title=row["title"],
            published=dt.date.fromisoformat(row["published"]) if row["published"] else None,
            domain=row["domain"] or "",
            signature=signatures[row["id"]],
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


def load_registry(store: Store, campaign: Campaign) -> Registry:
    """The campaign's registry file, stored as the registry; else the stored one."""
    if campaign.registry is not None:
        registry = Registry.from_csv(campaign.registry)
        store.replace_outlets(
            {
                "name": o.name,
                "domains": ";".join(o.domains),
                "category": o.category,
                "audience": o.audience,
                "source": o.source,
                "measured_at": o.measured_at,
                "notes": o.notes,
            }
            for o in registry
        )
        return registry
    return Registry(
        Outlet(
            name=row["name"],
            category=row["category"],
            domains=tuple(d for d in (row["domains"] or "").split(";") if d),
            audience=row["audience"],
            source=row["source"] or "",
            measured_at=row["measured_at"] or "",
            notes=row["notes"] or "",
        )
        for row in store.outlets()
    )


def audience(store: Store, campaign: Campaign) -> StepResult:
    """Give every uscita its testata, category and certified audience."""
    registry = load_registry(store, campaign)
    rows = []
    for article in store.articles(campaign.slug):
        reach = reach_of(article["outlet"], article["domain"], registry)
        rows.append(
            {
                "article_id": article["id"],
                "testata": reach.testata,
                "category": reach.category,
                "audience": reach.audience,
                "source": reach.source,
                "outlet": reach.outlet,
                "inferred": int(reach.inferred),
            }
        )
    store.save_reach(rows)
    inferred = sum(r["inferred"] for r in rows)
    return StepResult("audience", done=len(rows), detail=f"{inferred} outlets not in the registry")


def review_uscite(store: Store, campaign: Campaign) -> list[Uscita]:
    """The uscite a review of the campaign lists: corrections applied, period enforced."""
    uscite = []
    for row in store.uscite(campaign.slug):
        published = dt.date.fromisoformat(row["published"]) if row["published"] else None
        if not campaign.in_period(published):
            continue
        category = row["category"]
        testata = row["testata"]
        if not category:  # the audience step has not seen it yet
            category, testata = infer_category(row["outlet"], row["domain"])
        uscite.append(
            Uscita(
                id=row["id"],
                category=category,
                testata=testata or row["outlet"],
                title=row["title"],
                url=row["url"],
                audience=row["audience"],
                published=published,
                author=row["author"] or "",
                subtitle=row["subtitle"] or "",
                text=row["text"] or "",
                cluster=row["cluster_id"],
                inferred=bool(row["inferred"]) if row["inferred"] is not None else True,
            )
        )
    return uscite


def build(
    store: Store,
    campaign: Campaign,
    out_dir: Path,
    formats: Sequence[str] = ("html", "json"),
    updated: dt.date | None = None,
) -> list[Path]:
    """Write the rassegna stampa of the campaign in each format."""
    cover = Cover(
        title=campaign.review_title,
        project=campaign.name,
        updated=updated or dt.date.today(),
        lines=campaign.cover_lines,
    )
    labels = store.cluster_labels(campaign.slug)
    review = build_review(review_uscite(store, campaign), cover, campaign.highlights, labels)
    return write_review(review, out_dir, formats)


def run(
    store: Store,
    campaign: Campaign,
    out_dir: Path,
    progress: Callable[[str], Progress | None] | None = None,
) -> list[StepResult]:
    """Every step in order: crawl, extract, dedupe, audience, build."""
    def bar(step: str) -> Progress | None:
        return progress(step) if progress else None

    results = [crawl(store, campaign, bar("crawl")), extract(store, campaign, bar("extract"))]
    results.append(dedupe(store, campaign))
    results.append(audience(store, campaign))
    paths = build(store, campaign, out_dir)
    results.append(StepResult("build", done=len(paths), detail=", ".join(map(str, paths))))
    return results
