"""The pipeline: each step reads from the store, calls one stage, writes back.

This is the only module that knows every stage. Each step is idempotent: it
upserts on natural keys, so running it twice stores nothing twice, and it picks
up only what is new (pages waiting for extraction, uscite without reach).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from audience import Outlet, Registry, infer_category, reach_of
from crawler import TermMatcher
from dedupe import Doc, cluster
from extract import article_from_html
from extract.entities import City, Entities, Figure, Official
from rassegna.campaign import Campaign
from rassegna.crawling import run_crawl
from rassegna.errors import ExtractionError
from rassegna.store import Store
from review import Cover, Uscita, build_review, write_review

__all__ = [
    "Progress", "StepResult", "crawl", "extract", "entities", "dedupe", "audience", "build",
    "run",
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
    new_ids: list[int] = []
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
            article_id = store.save_article(
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
        articles = [a for a in articles if a["id"] in wanted]
    if missing_only:
        known = {row["article_id"] for row in store.entities(campaign.slug)}
        articles = [a for a in articles if a["id"] not in known]
    if articles:
        found = analyse(
            [a["text"] or "" for a in articles],
            titles=[f"{a['title'] or ''}\n{a['subtitle'] or ''}" for a in articles],
        )
        pairs = zip(articles, found, strict=True)
        store.replace_entities({a["id"]: entity_rows(e) for a, e in pairs})
    merged = _merge_spellings(store, campaign)
    mains = sum(1 for row in store.entities(campaign.slug, "main_city"))
    detail = f"{mains} uscite with a city stop, {merged} official names respelt"
    return StepResult("entities", done=len(articles), detail=detail)


def entity_rows(found: Entities) -> list[dict[str, object]]:
    """The store rows of one uscita's entities."""
    rows: list[dict[str, object]] = []
    for city in found.cities:
        detail = {"province": city.province, "region": city.region, "istat": city.istat,
                  "listed": city.listed, "text": city.text}
        rows.append(_row("city", city.name, detail, city.start, city.end))
    if found.main_city:
        first = next((c for c in found.cities if c.name == found.main_city), None)
        rows.append(_row("main_city", found.main_city, {},
                         first.start if first else 0, first.end if first else 0))
    for official in found.officials:
        detail = {"role": official.role, "comune": official.comune,
                  "portfolio": official.portfolio, "variants": list(official.variants),
                  "written": official.written}
        rows.append(_row("official", official.name, detail, official.start, official.end))
    for figure in found.figures:
        detail = {"value": figure.value, "unit": figure.unit, "qualifier": figure.qualifier}
        rows.append(_row("figure", figure.text, detail, figure.start, figure.end))
    return rows


def _row(kind: str, value: str, detail: dict[str, object], start: int, end: int
         ) -> dict[str, object]:
    return {"kind": kind, "value": value, "detail": json.dumps(detail, ensure_ascii=False),
            "start": start, "end": end}


def entities_from_rows(rows: Sequence[dict[str, object]]) -> Entities:
    """One uscita's entities back from its store rows."""
    cities, officials, figures, main = [], [], [], ""
    for row in rows:
        detail = json.loads(str(row["detail"] or "{}"))
        start, end, value = int(str(row["start"])), int(str(row["end"])), str(row["value"])
        if row["kind"] == "city":
            cities.append(City(value, detail.get("province", ""), detail.get("region", ""),
                               detail.get("istat", ""), start, end,
                               detail.get("text", value), bool(detail.get("listed"))))
        elif row["kind"] == "main_city":
            main = value
        elif row["kind"] == "official":
            officials.append(Official(value, detail.get("role", ""), detail.get("comune", ""),
                                      detail.get("portfolio", ""),
                                      detail.get("written", value),
                                      tuple(detail.get("variants") or (value,)), start, end))
        elif row["kind"] == "figure":
            figures.append(Figure(detail.get("value", 0), detail.get("unit", ""),
                                  detail.get("qualifier", ""), value, start, end))
    return Entities(tuple(cities), main, tuple(officials), tuple(figures))


def _merge_spellings(store: Store, campaign: Campaign) -> int:
    """Merge each official's spellings across the campaign; returns the rows respelt."""
    from extract.entities import merge_officials

    rows = store.entities(campaign.slug, "official")
    by_article: dict[int, list[dict[str, object]]] = {}
    for row in rows:
        by_article.setdefault(int(row["article_id"]), []).append(row)
    groups = list(by_article.values())
    merged = merge_officials([entities_from_rows(group).officials for group in groups])
    changed = []
    for group, officials in zip(groups, merged, strict=True):
        for row, official in zip(group, officials, strict=True):
            detail = json.loads(str(row["detail"]))
            if row["value"] != official.name or detail.get("variants") != list(official.variants):
                detail["variants"] = list(official.variants)
                changed.append({"rowid": row["rowid"], "value": official.name,
                                "detail": json.dumps(detail, ensure_ascii=False)})
    store.update_entities(changed)
    return len(changed)


def dedupe(store: Store, campaign: Campaign) -> StepResult:
    """Cluster the campaign's uscite by the press release they carry."""
    docs = [
        Doc(
            id=row["id"],
            text=row["text"],
            title=row["title"],
            published=dt.date.fromisoformat(row["published"]) if row["published"] else None,
        )
        for row in store.articles(campaign.slug)
    ]
    clusters = cluster(docs)
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
    entity_rows_of: dict[int, list[dict[str, object]]] = {}
    for entity in store.entities(campaign.slug):
        entity_rows_of.setdefault(int(entity["article_id"]), []).append(entity)
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
                entities=entities_from_rows(entity_rows_of.get(row["id"], [])),
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
    """Every step in order: crawl, extract (with entities), dedupe, audience, build."""
    def bar(step: str) -> Progress | None:
        return progress(step) if progress else None

    results = [crawl(store, campaign, bar("crawl")), extract(store, campaign, bar("extract"))]
    results.append(entities(store, campaign, missing_only=True))
    results.append(dedupe(store, campaign))
    results.append(audience(store, campaign))
    paths = build(store, campaign, out_dir)
    results.append(StepResult("build", done=len(paths), detail=", ".join(map(str, paths))))
    return results
