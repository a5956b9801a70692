"""GDELT: the DOC 2.0 API, ``api.gdeltproject.org/api/v2/doc/doc``, article lists in JSON.

The query is the term in quotes in Italian sources (``sourcelang:italian``), at most 250
records over the campaign period (``startdatetime``/``enddatetime``); a window that
returns the 250-record cap may hold more, so it is split in two until none does (down
to an hour). GDELT searches only a rolling three months: a campaign older than that
finds nothing here, and a campaign without a period gets GDELT's three months.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlencode

from scrapy.http import Response

from crawler.sources.base import Crawl
from crawler.sources.engines import Result, follow
from crawler.sources.news_search import (
    Engine,
    Period,
    Query,
    register_engine,
    search_request,
)

__all__ = ["CAP", "Gdelt"]

#: the most records GDELT returns for one request
CAP = 250
_STAMP = "%Y%m%d%H%M%S"
_SHORTEST = dt.timedelta(hours=1)


def _query(base: str, term: str, window: tuple[dt.datetime, dt.datetime] | None) -> Query:
    q = f'"{term}" sourcelang:italian'
    params = {"query": q, "mode": "artlist", "format": "json", "maxrecords": str(CAP)}
    asked = q
    if window:
        params["startdatetime"], params["enddatetime"] = (t.strftime(_STAMP) for t in window)
        asked = f"{q} {params['startdatetime']}-{params['enddatetime']}"
    return Query(f"{base}?{urlencode(params)}", asked, parse_results,
                 {"gdelt": (base, term, window)})


@register_engine
class Gdelt(Engine):
    id = "gdelt"
    endpoint = "https://api.gdeltproject.org/api/v2/doc/doc"

    def queries(self, base: str, term: str, period: Period) -> Iterable[Query]:
        start, end = period
        if start is None:
            yield _query(base, term, None)  # GDELT's own rolling three months
            return
        last = end or dt.datetime.now(dt.UTC).date()
        yield _query(base, term, (dt.datetime.combine(start, dt.time()),
                                  dt.datetime.combine(last, dt.time(23, 59, 59))))


def _day(seen: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(seen[:8], "%Y%m%d").date()
    except ValueError:
        return None


def parse_results(crawl: Crawl, response: Response) -> Iterator[Any]:
    try:
        answer = json.loads(response.text)  # type: ignore[attr-defined]
        articles = answer.get("articles", []) if isinstance(answer, dict) else None
    except (AttributeError, ValueError):
        articles = None
    if not isinstance(articles, list):
        said = " ".join(getattr(response, "text", "").split())[:200]
        yield crawl.reject(response, f"not a GDELT article list ({said or 'empty'})")
        return
    base, term, window = response.meta["gdelt"]
    if len(articles) >= CAP and window and window[1] - window[0] > _SHORTEST:
        middle = window[0] + (window[1] - window[0]) / 2
        middle = middle.replace(microsecond=0)
        yield from crawl.reached(response)
        for half in ((window[0], middle), (middle + dt.timedelta(seconds=1), window[1])):
            yield search_request(crawl, Gdelt.id, _query(base, term, half))
        return
    results = [
        Result(url=str(a.get("url") or ""), link=str(a.get("url") or ""),
               title=str(a.get("title") or ""), outlet=str(a.get("domain") or ""),
               day=_day(str(a.get("seendate") or "")))
        for a in articles if isinstance(a, dict) and a.get("url")
    ]
    yield from follow(crawl, response, results)
