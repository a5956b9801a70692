"""Rows of the store's tables to records and back: the mapping, written once.

A row is what SQLite gives and takes (a mapping of column names to text, numbers,
bytes); a record is a stage's frozen dataclass or one of :mod:`rassegna.store.records`.
Only the store's backends use these functions.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from audience import Outlet, Reach
from common.errors import StoreError
from rassegna.store.records import StoredArticle, StoredUscita

if TYPE_CHECKING:  # the crawl process imports the store: no heavy stage at its start
    from extract import Article
    from extract.entities import Entities
    from review import Broadcast

#: A row of a table or a query, by column name.
Row = dict[str, Any]

#: The columns of ``articles`` an import or an extraction writes, and their empty value.
ARTICLE_FIELDS: Row = {
    "outlet": "", "domain": "", "title": "", "subtitle": "", "author": "", "published": "",
    "updated": "", "original_outlet": "", "original_domain": "", "text": "", "html_hash": "",
    "broadcast": None,
}


def day(value: str | None) -> dt.date | None:
    """A stored ISO day ("" or None: no day)."""
    return dt.date.fromisoformat(value.strip()) if value and value.strip() else None


def _lenient_day(value: str | None) -> dt.date | None:
    try:
        return day(value)
    except ValueError:
        return None


def _stored_day(row: Row) -> dt.date | None:
    """The day of an uscita, or a StoreError saying which uscita holds one unreadable."""
    try:
        return day(row.get("published"))
    except ValueError:
        article = row["id"]
        raise StoreError(
            f"uscita {article}: its stored date {row.get('published')!r} is not a day; "
            f"correct it with `rassegna correct {article} published YYYY-MM-DD`"
        ) from None


def article_row(article: Article, html_hash: str = "") -> Row:
    """The ``articles`` columns of an extracted article (``url`` included)."""
    values: Row = {
        "outlet": article.outlet, "domain": article.domain, "title": article.title,
        "subtitle": article.subtitle, "author": article.author,
        "published": article.published.isoformat() if article.published else "",
        "updated": article.updated.isoformat() if article.updated else "",
        "original_outlet": article.original_outlet,
        "original_domain": article.original_domain, "text": article.text,
        "html_hash": html_hash,
    }
    return {"url": article.url,
            **{name: values.get(name) or empty for name, empty in ARTICLE_FIELDS.items()}}


def stored_article(row: Row) -> StoredArticle:
    """A row of ``articles`` as a record."""
    from extract import Article

    article = Article(
        url=row["url"], title=row["title"] or "", text=row["text"] or "",
        outlet=row["outlet"] or "", domain=row["domain"] or "",
        subtitle=row["subtitle"] or "", author=row["author"] or "",
        # a day an old store holds in another shape is no day, not a failed step
        published=_lenient_day(row["published"]), updated=_lenient_day(row["updated"]),
        original_outlet=row.get("original_outlet") or "",
        original_domain=row.get("original_domain") or "",
    )
    return StoredArticle(int(row["id"]), article, row.get("page_url") or "")


def broadcast(stored: str | None) -> Broadcast | None:
    """The broadcast details of an uscita (JSON in ``articles.broadcast``)."""
    if not stored:
        return None
    from review import Broadcast

    data = json.loads(stored)
    return Broadcast(
        programme=data.get("programme", ""),
        edition=data.get("edition", ""),
        minute=data.get("minute", ""),
        interviewed=tuple(data.get("interviewed", ())),
        video=data.get("video", ""),
    )


def broadcast_text(details: Broadcast) -> str:
    """Broadcast details as stored: JSON of the details given."""
    return json.dumps(details.given(), ensure_ascii=False)


def stored_uscita(row: Row) -> StoredUscita:
    """A row of an uscite query (corrections applied) as a record."""
    inferred = row.get("inferred")
    return StoredUscita(
        id=int(row["id"]),
        url=row["url"],
        outlet=row.get("outlet") or "",
        domain=row.get("domain") or "",
        title=row.get("title") or "",
        subtitle=row.get("subtitle") or "",
        author=row.get("author") or "",
        published=_stored_day(row),
        text=row.get("text") or "",
        broadcast=broadcast(row.get("broadcast")),
        testata=row.get("testata") or "",
        category=row.get("category") or "",
        audience=row.get("audience"),
        source=row.get("source") or "",
        inferred=None if inferred is None else bool(inferred),
        cluster_id=row.get("cluster_id"),
        page_url=row.get("page_url") or "",
        in_campaign=bool(row.get("in_campaign", True)),
        excluded=bool(row.get("excluded_", False)),
    )


def registry_row(outlet: Outlet) -> Row:
    """An :class:`Outlet` as a stored registry row."""
    return {
        "name": outlet.name,
        "domains": ";".join(outlet.domains),
        "category": outlet.category,
        "audience": outlet.audience,
        "source": outlet.source,
        "measured_at": outlet.measured_at,
        "notes": outlet.notes,
    }


def outlet(row: Row) -> Outlet:
    """A stored registry row as an :class:`Outlet`."""
    return Outlet(
        name=row["name"],
        category=row["category"],
        domains=tuple(d for d in (row["domains"] or "").split(";") if d),
        audience=row["audience"],
        source=row["source"] or "",
        measured_at=row["measured_at"] or "",
        notes=row["notes"] or "",
    )


def reach_row(article_id: int, reach: Reach, registry_version: int | None) -> Row:
    """The ``reach`` row of an uscita."""
    return {
        "article_id": article_id,
        "testata": reach.testata,
        "category": reach.category,
        "audience": reach.audience,
        "source": reach.source,
        "outlet": reach.outlet,
        "inferred": int(reach.inferred),
        "registry_version": registry_version,
    }


def reach(row: Row) -> Reach:
    """A ``reach`` row as a record."""
    return Reach(
        testata=row["testata"] or "", category=row["category"] or "",
        audience=row["audience"], source=row["source"] or "", outlet=row["outlet"] or "",
        inferred=bool(row["inferred"]),
    )


def entity_rows(found: Entities) -> list[Row]:
    """The ``entities`` rows of one uscita (without its id)."""
    rows: list[Row] = []
    for city in found.cities:
        detail: Row = {"province": city.province, "region": city.region, "istat": city.istat,
                       "listed": city.listed, "text": city.text}
        rows.append(_entity_row("city", city.name, detail, city.start, city.end))
    if found.main_city:
        first = next((c for c in found.cities if c.name == found.main_city), None)
        rows.append(_entity_row("main_city", found.main_city, {},
                                first.start if first else 0, first.end if first else 0))
    for official in found.officials:
        detail = {"role": official.role, "comune": official.comune,
                  "portfolio": official.portfolio, "variants": list(official.variants),
                  "written": official.written}
        rows.append(_entity_row("official", official.name, detail, official.start,
                                official.end))
    for figure in found.figures:
        detail = {"value": figure.value, "unit": figure.unit, "qualifier": figure.qualifier}
        rows.append(_entity_row("figure", figure.text, detail, figure.start, figure.end))
    return rows


def _entity_row(kind: str, value: str, detail: Row, start: int, end: int) -> Row:
    return {"kind": kind, "value": value, "detail": json.dumps(detail, ensure_ascii=False),
            "start": start, "end": end}


def entities(rows: Sequence[Mapping[str, Any]]) -> Entities:
    """One uscita's entities back from its rows (in text order)."""
    from extract.entities import City, Entities, Figure, Official

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
