"""Renderers of the review: one document model, one renderer per format."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

import jinja2

from extract.authors import short_author
from review.charts import audience_per_category, uscite_per_day
from review.italian import day_month, long_date, number
from review.model import Review, Uscita
from review.options import FORMATS, ReviewOptions
from review.pdf import PdfRenderer
from review.sheets import XlsxRenderer
from review.stops import city_stops
from review.totals import Total, compute_totals
from review.word import DocxRenderer

__all__ = [
    "Renderer", "HtmlRenderer", "JsonRenderer", "renderers", "write_review",
    "to_json", "totals_json",
]


class Renderer(Protocol):
    """Turns a :class:`Review` into the bytes of one file format."""

    suffix: str

    def render(self, review: Review) -> bytes: ...


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
    suffix = ".json"

    def render(self, review: Review) -> bytes:
        text = json.dumps(to_json(review), ensure_ascii=False, indent=2)
        return (text + "\n").encode("utf-8")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("review", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["number"] = number
    env.filters["day_month"] = day_month
    env.filters["long_date"] = long_date
    env.filters["short_author"] = short_author
    return env


def _data_uri(content: bytes, kind: str) -> str:
    return f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"


class HtmlRenderer:
    """A single self-contained HTML file, styled for screen and for A4 print.

    The same page is what WeasyPrint prints as the PDF: its ``@page`` rules give the
    page numbers, the running header and the table of contents' page numbers.
    """

    suffix = ".html"

    def __init__(self, options: ReviewOptions | None = None) -> None:
        self.env = _environment()
        self.options = options or ReviewOptions()

    def render(self, review: Review) -> bytes:
        template = self.env.get_template("rassegna.html.j2")
        options = self.options
        charts = {}
        if options.charts:
            for name, draw in (("categories", audience_per_category), ("days", uscite_per_day)):
                png = draw(review)
                if png:
                    charts[name] = _data_uri(png, "image/png")
        logo = _data_uri(options.logo, options.logo_type) if options.logo else ""
        return template.render(
            review=review,
            by_id={u.id: u for u in review.uscite},
            options=options,
            charts=charts,
            logo=logo,
            stops=city_stops(review),
            sources={c.id: c.source for c in review.clusters},
        ).encode("utf-8")


def renderers(options: ReviewOptions | None = None) -> dict[str, Renderer]:
    """One renderer per format, sharing the options."""
    options = options or ReviewOptions()
    html = HtmlRenderer(options)
    return {
        "html": html,
        "json": JsonRenderer(),
        "pdf": PdfRenderer(html),
        "docx": DocxRenderer(options),
        "xlsx": XlsxRenderer(),
    }


def write_review(
    review: Review,
    out_dir: Path,
    formats: Iterable[str] = ("html", "json"),
    stem: str = "rassegna",
    options: ReviewOptions | None = None,
) -> list[Path]:
    """Write the review in each format; returns the paths written.

    Each file is written beside its final name and then renamed, so a reader never
    sees half a review.

    Raises:
        ValueError: when a format is not one of :data:`review.options.FORMATS`.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    chosen = renderers(options)
    written = []
    for name in formats:
        if name not in chosen:
            raise ValueError(f"unknown format {name!r} (one of: {', '.join(FORMATS)})")
        renderer = chosen[name]
        path = out_dir / f"{stem}{renderer.suffix}"
        partial = path.with_suffix(path.suffix + ".part")
        partial.write_bytes(renderer.render(review))
        partial.replace(path)
        written.append(path)
    return written
