"""The review as JSON: the plain data the README documents, totals included."""

from __future__ import annotations

import json
from typing import Any

from extract.authors import short_author
from review.model import Review, Uscita
from review.options import ReviewOptions
from review.totals import Total, compute_totals

__all__ = ["JsonRenderer", "to_json", "totals_json"]


def _uscita_json(u: Uscita) -> dict[str, Any]:
    return {
        "id": u.id,
        "category": u.category,
        "testata": u.testata,
        "audience": u.audience,
        "title": u.title,
        "subtitle": u.subtitle,
        "date": u.published.isoformat() if u.published else None,
        "author": short_author(u.author) if u.author else "",
        "author_full": u.author,
        "url": u.url,
        "cluster": u.cluster,
        "category_inferred": u.inferred,
        "city": u.city,
        "text": u.text,
        "broadcast": None if u.broadcast is None else {
            "programme": u.broadcast.programme,
            "edition": u.broadcast.edition,
            "minute": u.broadcast.minute,
            "interviewed": list(u.broadcast.interviewed),
            "video": u.broadcast.video,
        },
        "entities": _entities_json(u),
    }


def _entities_json(u: Uscita) -> dict[str, Any]:
    found = u.entities
    return {
        "cities": list(found.city_names),
        "main_city": found.main_city or None,
        "officials": [
            {"name": o.name, "role": o.role, "comune": o.comune, "portfolio": o.portfolio,
             "written": o.written, "variants": list(o.variants)}
            for o in found.officials
        ],
        "figures": [
            {"value": f.value, "unit": f.unit, "qualifier": f.qualifier, "text": f.text}
            for f in found.figures
        ],
    }


def _total_json(total: Total) -> dict[str, Any]:
    return {
        "key": total.key,
        "label": total.label,
        "uscite": total.uscite,
        "audience": total.audience,
        "without_audience": total.without_audience,
    }


def totals_json(review: Review) -> dict[str, Any]:
    """The review's totals: overall, per category, city, release, day and week."""
    totals = review.totals or compute_totals(review.uscite)
    categories = [
        {"key": b.name, "label": b.name, "uscite": b.count, "audience": b.audience,
         "without_audience": sum(1 for u in b.uscite if u.audience is None)}
        for b in review.categories
    ]
    return {
        "overall": _total_json(totals.overall),
        "categories": categories,
        "cities": [_total_json(t) for t in totals.cities],
        "releases": [
            {**_total_json(t), "cluster": int(t.key)} for t in totals.releases
        ],
        "days": [{**_total_json(t), "date": t.key or None} for t in totals.days],
        "weeks": [{**_total_json(t), "week": t.key or None} for t in totals.weeks],
    }


def to_json(review: Review) -> dict[str, Any]:
    """The review as plain data (the format the README documents)."""
    cover = review.cover
    return {
        "project": cover.project,
        "title": cover.title,
        "cover_lines": list(cover.lines),
        "updated": cover.updated.isoformat(),
        "summary": {
            "uscite": review.count,
            "audience": review.audience,
            "categories": [
                {"name": b.name, "uscite": b.count, "audience": b.audience}
                for b in review.categories
            ],
        },
        "totals": totals_json(review),
        "registry_version": review.registry_version,
        "highlights": list(review.highlights),
        "outlets_without_audience": list(review.without_audience),
        "outlets_to_confirm": [
            {"testata": t, "category": c, "uscite": n} for t, c, n in review.to_confirm
        ],
        "listing": [_uscita_json(u) for u in review.uscite],
        "clusters": [
            {
                "id": c.id,
                "label": c.label,
                "source": c.source,
                "uscite": [u.id for u in c.uscite],
                "testate": [u.testata for u in c.uscite],
                "kept": {str(u.id): c.kept.get(u.id) for u in c.uscite},
                "audience": c.audience,
            }
            for c in review.clusters
        ],
    }


class JsonRenderer:
    """The review as indented UTF-8 JSON; the options change nothing in it."""

    suffix = ".json"

    def __init__(self, options: ReviewOptions | None = None) -> None:
        self.options = options or ReviewOptions()

    def render(self, review: Review) -> bytes:
        """The JSON text of :func:`to_json`, with a final newline."""
        text = json.dumps(to_json(review), ensure_ascii=False, indent=2)
        return (text + "\n").encode("utf-8")
