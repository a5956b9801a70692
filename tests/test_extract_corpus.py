"""Extraction quality on the labelled LgNet2 corpus: title, date, author, outlet, text.

The corpus (``../shared/corpus/lgnet2-dev.jsonl``, next to the repository) holds the
coverage as plain text with its labels. Press-database exports go through the agency
parser as they are; web clippings are rendered back into HTML pages with our own
templates (``rassegna.demo.clippings``: four layouts, and one of them again in
windows-1252) and go through ``article_from_html``, so every field is read off a page
the way it is on the web. The suite prints the accuracy per field and every miss, and
fails when a field falls below its floor.

A field the clipping does not state (two agency clippings carry neither date nor
outlet) is not scored against the label; for dates it must then come out empty: a
date made up from the page's chrome is a miss.

Run ``python tests/test_extract_corpus.py`` for the report alone.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from extract import article_from_html, short_author
from extract.agency import is_agency_export, parse_agency_export
from rassegna.demo.clippings import CLIPPING_TEMPLATES, parse_clipping, render_clipping

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "lgnet2-dev.jsonl"
# the review's "updated" day: every clipping was fetched before it
FETCHED_AT = dt.datetime(2023, 12, 14, 12, 0)
FIELDS = ("title", "date", "author", "outlet", "text")
#: pinned floors (fraction of scored pages), at the measured level: the issue asks 100%
#: of titles and dates and 95% of authors and outlets. Raise them, never lower them.
FLOORS = {"title": 1.0, "date": 1.0, "author": 1.0, "outlet": 0.99, "text": 1.0}
_CHROME = ("Non ci sono commenti", "Condividi su", "cookie", "Leggi anche", "P.IVA", "Maltempo")


@dataclass
class Score:
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    scored: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    unstated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[str] = field(default_factory=list)

    def add(self, where: str, name: str, ok: bool, got: object, want: object) -> None:
        self.scored[name] += 1
        self.right[name] += ok
        if not ok:
            self.misses.append(f"{where} {name}: got {got!r}, want {want!r}")

    def accuracy(self, name: str) -> float:
        return self.right[name] / self.scored[name] if self.scored[name] else 1.0

    def report(self) -> str:
        rows = ["field    right/scored  accuracy  floor  not stated"]
        for name in FIELDS:
            rows.append(
                f"{name:<8} {self.right[name]:>5}/{self.scored[name]:<6}  "
                f"{self.accuracy(name):>7.1%}  {FLOORS[name]:>5.0%}  {self.unstated[name]:>5}"
            )
        rows += [f"miss: {m}" for m in self.misses] or ["no misses"]
        return "\n".join(rows)


def _title(text: str) -> str:
    text = text.replace("**", "").translate(str.maketrans("“”„«»’", "\"\"\"\"\"'"))
    return " ".join(text.split()).rstrip(" .").casefold()


def _outlet(name: str) -> str:
    """"Sicilia Oggi Notizie .it", "Siciliaoggi notizie.it" → "siciliaogginotizie"."""
    name = re.sub(r"\s*\.\s*(?:it|eu|com|net|biz|org|info)\b", "", name.casefold())
    return re.sub(r"[^0-9a-zà-ÿ]", "", name)


_MONTHS_IT = ("gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic")


def _date_stated(day: dt.date, text: str) -> bool:
    """Whether the labelled day is written in the clipping (or its URL), in a usual form."""
    flat = " ".join(text.casefold().split())
    forms = [f"{day.day}/{day.month:02}/", f"{day.day:02}/{day.month:02}/",
             f"{day.day:02}.{day.month:02}.", f"{day.day} {day:%B}".casefold(),
             f"/{day:%Y/%m/%d}/"]  # a dated URL states it too
    forms += [f"{d} {_MONTHS_IT[day.month - 1]}" for d in (day.day, f"{day.day:02}")]
    return any(form in flat for form in forms)


def _outlet_stated(text: str) -> bool:
    """Whether the clipping shows who published it: a masthead, a URL or a feed line."""
    clip = parse_clipping(text)
    return bool(clip.masthead or clip.url or is_agency_export(text))


def _pages(record: dict[str, object]) -> Iterator[tuple[str, bytes, str | None]]:
    clip = parse_clipping(str(record["text"]), f"https://clipping{record['n']}.test/articolo")
    for name in CLIPPING_TEMPLATES:
        yield name, render_clipping(clip, name).encode("utf-8"), "utf-8"
    html = render_clipping(clip, "local").replace('charset="utf-8"', 'charset="windows-1252"')
    # no declared encoding: the page's own <meta charset> must be read
    yield "local-1252", html.encode("cp1252", errors="xmlcharrefreplace"), None


def evaluate(records: list[dict[str, object]]) -> Score:
    """Score every record: agency exports as text, web clippings as rendered pages."""
    score = Score()
    for record in records:
        text = str(record["text"])
        want_date = dt.date.fromisoformat(str(record["date"]))
        date_stated = _date_stated(want_date, text)
        outlet_stated = _outlet_stated(text)
        if is_agency_export(text):
            item = parse_agency_export(text)
            found = [(f"#{record['n']} export", item.title, item.published, "",
                      (item.feed, item.source), item.text)]
        else:
            found = []
            for name, html, encoding in _pages(record):
                article = article_from_html(html, parse_clipping(text).url or
                                            f"https://clipping{record['n']}.test/articolo",
                                            encoding, FETCHED_AT)
                found.append((f"#{record['n']} {name}", article.title, article.published,
                              short_author(article.author),
                              (article.outlet, article.original_outlet, article.domain),
                              article.text))
        clip = parse_clipping(text)
        for where, title, published, author, outlets, body in found:
            score.add(where, "title", _title(title) == _title(str(record["title"])), title,
                      record["title"])
            if date_stated:
                score.add(where, "date", published == want_date, published, want_date)
            else:
                score.unstated["date"] += 1
                score.add(where, "date", published is None, published, None)
            score.add(where, "author", author == record["journalist"], author,
                      record["journalist"])
            if outlet_stated:
                wanted = _outlet(str(record["testata"]))
                score.add(where, "outlet", any(_outlet(o) == wanted for o in outlets if o),
                          outlets, record["testata"])
            else:
                score.unstated["outlet"] += 1
            if where.endswith("export"):
                score.unstated["text"] += 1
                continue
            first = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", clip.paragraphs[0]).replace("**", "")
            last = clip.paragraphs[-1].replace("**", "")
            flat = " ".join(body.split())
            lines = [" ".join(line.split()) for line in body.split("\n") if line.strip()]
            ok = (" ".join(first.split())[-60:] in flat and " ".join(last.split())[:60] in flat
                  and not any(c in body for c in _CHROME)
                  and _title(title) not in {_title(line) for line in lines}
                  and len(lines) >= len(clip.paragraphs))
            score.add(where, "text", ok, body[:80] + "…",
                      "every paragraph, no title, no chrome")
    return score


def _records() -> list[dict[str, object]]:
    if not CORPUS.exists():
        pytest.skip(f"corpus not found at {CORPUS}")
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]


def test_extraction_meets_floors_on_the_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    score = evaluate(_records())
    with capsys.disabled():
        print("\nextraction on lgnet2-dev.jsonl\n" + score.report())
    assert score.scored["title"] >= 31  # every record was scored: none lost on the way
    for name in FIELDS:
        assert score.accuracy(name) >= FLOORS[name], f"{name} below its floor:\n{score.report()}"


if __name__ == "__main__":
    if not CORPUS.exists():
        sys.exit(f"corpus not found at {CORPUS}")
    print(evaluate([json.loads(x) for x in CORPUS.read_text("utf-8").splitlines() if x]).report())
