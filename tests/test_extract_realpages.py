"""Extraction on real pages, side by side with bare trafilatura, with floors CI enforces.

``../shared/realpages`` holds 469 real pages as fetched, labelled with their title,
date and author where the page states them, and with snippets the main text must keep
(``with``) or leave out (``without``). Both extractors run on the same pages in one
run and are scored the way trafilatura's authors score extractors: body precision and
recall over the snippets, exact title, same-day date, author surname found.

CI fails when rassegna is below bare ``trafilatura.bare_extraction`` (default
settings) on any field by more than ``MARGIN``, or below its pinned floor.
The table and every field rassegna gets wrong where trafilatura gets it right:
``.venv/bin/python tests/test_extract_realpages.py``. The suite skips when the folder
is not beside the repository.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import trafilatura

from common.errors import ExtractionError
from extract import article_from_html

REALPAGES = Path(__file__).resolve().parents[1] / ".." / "shared" / "realpages"
LABELS = REALPAGES / "labels.jsonl"

#: how far below bare trafilatura rassegna may fall on a field
MARGIN = 0.005
#: rassegna's scores may not fall below these (raise them when the scores rise)
FLOORS = {
    "body_precision": 0.929,
    "body_recall": 0.945,
    "body_f1": 0.937,
    "title": 0.764,
    "date": 0.865,
    "author": 0.638,
}
FIELDS = tuple(FLOORS)

pytestmark = pytest.mark.skipif(not LABELS.exists(), reason=f"real pages not found at {REALPAGES}")


@dataclass(frozen=True)
class Output:
    """What an extractor gave for one page (empty strings where it gave nothing)."""

    text: str = ""
    title: str = ""
    date: str = ""  # YYYY-MM-DD
    author: str = ""


@dataclass
class Score:
    """Counts over the pages, per field; ``misses`` lists the pages each field got wrong."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    right: dict[str, int] = field(default_factory=dict)
    scored: dict[str, int] = field(default_factory=dict)
    misses: dict[str, set[str]] = field(default_factory=dict)

    def ratio(self, name: str) -> float:
        if name == "body_precision":
            return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        if name == "body_recall":
            return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        if name == "body_f1":
            p, r = self.ratio("body_precision"), self.ratio("body_recall")
            return 2 * p * r / (p + r) if p + r else 0.0
        return self.right.get(name, 0) / self.scored[name] if self.scored.get(name) else 0.0


def pages() -> Iterator[tuple[dict[str, Any], bytes]]:
    """Each labelled page with its HTML as fetched."""
    for line in LABELS.read_text("utf-8").splitlines():
        if line.strip():
            label = json.loads(line)
            yield label, gzip.decompress((REALPAGES / label["file"]).read_bytes())


def rassegna(html: bytes, url: str) -> Output:
    try:
        article = article_from_html(html, url)
    except ExtractionError:
        return Output()
    # the subtitle is part of the article as it was published: trafilatura keeps it in text
    text = "\n".join(part for part in (article.subtitle, article.text) if part)
    date = article.published.isoformat() if article.published else ""
    return Output(text, article.title, date, article.author)


def bare_trafilatura(html: bytes, url: str) -> Output:
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None or isinstance(doc, dict):
        return Output()
    return Output(doc.text or "", doc.title or "", (doc.date or "")[:10], doc.author or "")


def _words(value: str) -> str:
    return " ".join(value.split())


def _surname(author: str | list[str]) -> str:
    """The surname of the (first) author the page states: its last word."""
    first = author[0] if isinstance(author, list) else author
    words = re.findall(r"[\w'’-]+", first)
    return words[-1].casefold() if words else ""


def score(label: dict[str, Any], out: Output, into: Score) -> None:
    """Add one page's output to the counts."""
    text = out.text
    for snippet in label["with"]:
        if snippet in text:
            into.tp += 1
        else:
            into.fn += 1
    into.fp += sum(1 for snippet in label["without"] if snippet in text)
    checks: dict[str, bool] = {}
    if label.get("title"):
        checks["title"] = _words(out.title) == _words(label["title"])
    if label.get("date"):
        checks["date"] = out.date == label["date"]
    if label.get("author"):
        surname = _surname(label["author"])
        checks["author"] = bool(surname) and surname in out.author.casefold()
    for name, ok in checks.items():
        into.scored[name] = into.scored.get(name, 0) + 1
        if ok:
            into.right[name] = into.right.get(name, 0) + 1
        else:
            into.misses.setdefault(name, set()).add(label["url"])


METHODS: dict[str, Callable[[bytes, str], Output]] = {
    "rassegna": rassegna,
    "trafilatura": bare_trafilatura,
}


@cache
def scores() -> dict[str, Score]:
    """Both methods over every page, in one run."""
    result = {name: Score() for name in METHODS}
    for label, html in pages():
        for name, method in METHODS.items():
            score(label, method(html, label["url"]), result[name])
    return result


def table(result: dict[str, Score]) -> str:
    rows = ["| field | rassegna | bare trafilatura | floor |", "|---|---|---|---|"]
    ours, theirs = result["rassegna"], result["trafilatura"]
    for name in FIELDS:
        rows.append(f"| {name} | {ours.ratio(name):.3f} | {theirs.ratio(name):.3f} | "
                    f"{FLOORS[name]:.3f} |")
    return "\n".join(rows)


@pytest.mark.parametrize("name", FIELDS)
def test_never_below_trafilatura_nor_the_floor(name: str) -> None:
    result = scores()
    ours, theirs = result["rassegna"].ratio(name), result["trafilatura"].ratio(name)
    print(f"{name}: rassegna {ours:.3f}, bare trafilatura {theirs:.3f}")
    assert ours >= theirs - MARGIN, f"{name}: rassegna {ours:.3f} < trafilatura {theirs:.3f}"
    assert ours >= FLOORS[name], f"{name}: rassegna {ours:.3f} below its floor {FLOORS[name]}"


def main() -> None:
    result = scores()
    print(table(result))
    ours, theirs = result["rassegna"], result["trafilatura"]
    labels = {label["url"]: label for label, _ in pages()}
    for name in ("title", "date", "author"):
        worse = sorted(ours.misses.get(name, set()) - theirs.misses.get(name, set()))
        print(f"\n{name}: {len(worse)} pages rassegna gets wrong and trafilatura right")
        for url in worse:
            html = gzip.decompress((REALPAGES / labels[url]["file"]).read_bytes())
            got = getattr(rassegna(html, url), name)
            print(f"  {url}\n    want {labels[url][name]!r}, got {got!r}")


if __name__ == "__main__":
    sys.exit(main())
