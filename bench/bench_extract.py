"""Extraction throughput: documents per second, rassegna beside bare trafilatura, in one run.

Generated pages (the default): the demo web's 55 articles written out as saved
clippings with the date and byline forms Italian outlets use (``27 Ottobre 2023``,
``16.11.2023 - 15:08``, ``Di Redazione - 24 Novembre 2023``, ``[GIOVANNI DI MEO](#)``,
``2 g``…), laid out in the four clipping templates of ``rassegna.demo.clippings`` (a
fifth of them encoded in windows-1252), with their chrome: menus, cookie banner, share
buttons, comments, related articles, footer. ``--chrome-kib 60`` adds menus and inline
scripts to weigh each page like a real news page. ``--real`` reads the real pages of
``../shared/realpages`` instead (skipped, saying so, where the folder is absent).

Every page is extracted three ways on one process, in turns: by rassegna
(``extract.article_from_html``), by bare ``trafilatura.bare_extraction`` with the
settings rassegna calls it with (``extract.article.TRAFILATURA_OPTIONS``), and by
bare trafilatura with its defaults; the table gives documents per second and the
ratios. rassegna is then timed on a pool of ``--workers`` processes. On generated
pages, how many dates and authors came out as written (a check that the benchmark
measures real work, not failures).

    .venv/bin/python bench/bench_extract.py [--pages 3000] [--workers 2] [--repeat 2]
        [--chrome-kib 0] [--real]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import benchkit  # noqa: E402
import trafilatura  # noqa: E402

from common.errors import ExtractionError  # noqa: E402
from extract import Article, article_from_html  # noqa: E402
from extract.article import TRAFILATURA_OPTIONS  # noqa: E402
from rassegna.demo.clippings import CLIPPING_TEMPLATES, parse_clipping, render_clipping  # noqa: E402
from rassegna.demo.pages import (  # noqa: E402
    date_capitalized,
    date_dots,
    date_short,
    date_slash,
    date_upper,
    date_weekday,
)
from rassegna.demo.site import ARTICLES, OUTLETS  # noqa: E402

FETCHED_AT = dt.datetime(2024, 1, 10, 12, 0)
REALPAGES = Path(__file__).resolve().parents[1] / ".." / "shared" / "realpages"
DATE_FORMS = (date_capitalized, date_dots, date_upper, date_weekday, date_slash, date_short)
# (byline line, author expected): persons, desks, and a signature link alone
BYLINES = (
    ("By {name}", "{name}"),
    ("Di Redazione - {date}", ""),
    ("di Redazione Genova24", ""),
    ("[{upper}](#)", "{name}"),
    ("Autore : casertanotizie", ""),
    ("DI [{upper}](#) {date} 3 MINUTI DI LETTURA", "{name}"),
)
NAMES = ("Alice Gipponi", "Giovanni Di Meo", "Giulia Mascia", "Dario Furlan", "Chiara Benedetti")

Page = tuple[bytes, str, str | None, dt.date, str]


def _weight(kib: int) -> str:
    """About ``kib`` KiB of what makes real pages heavy: menus, inline scripts, tracking."""
    links = "".join(f'<li><a href="/sezione/{n}/">Sezione {n}</a></li>' for n in range(200))
    script = "<script>var dataLayer = [" + ",".join(
        f'{{"event":"view","id":{n}}}' for n in range(400)
    ) + "];</script>"
    block = f'<div class="mega-menu"><ul>{links}</ul></div>{script}'
    return block * max(0, round(kib * 1024 / len(block)))


def pages(count: int, chrome_kib: int = 0) -> list[Page]:
    """``count`` pages: (body, url, declared encoding, date written, author expected).

    ``chrome_kib`` adds that much menu and script weight to each page.
    """
    weight = _weight(chrome_kib)
    testate = {o.host: o.testata for o in OUTLETS}
    templates = list(CLIPPING_TEMPLATES)
    out: list[Page] = []
    for i in range(count):
        article = ARTICLES[i % len(ARTICLES)]
        published = article.published.replace(tzinfo=None) - dt.timedelta(days=i % 29)
        date = DATE_FORMS[i % len(DATE_FORMS)](published)
        name = NAMES[i % len(NAMES)]
        line, author = BYLINES[(i // len(DATE_FORMS)) % len(BYLINES)]
        byline = line.format(name=name, upper=name.upper(), date=date)
        header = [byline] if "{date}" in line else [byline, date]
        url = f"https://www.{article.outlet.removeprefix('www.')}{article.path}{i}/"
        text = "\n\n".join(
            [testate.get(article.outlet, "Notizie"), f"<{url}>", article.title, *header,
             *article.paragraphs]
        )
        html = render_clipping(parse_clipping(text), templates[i % len(templates)])
        html = html.replace("<body>", "<body>" + weight, 1)
        if i % 5 == 4:
            html = html.replace('charset="utf-8"', 'charset="windows-1252"')
            body, encoding = html.encode("cp1252", errors="xmlcharrefreplace"), None
        else:
            body, encoding = html.encode("utf-8"), "utf-8"
        out.append((body, url, encoding, published.date(), author.format(name=name)))
    return out


def real_pages(count: int) -> list[Page]:
    """The first ``count`` real pages of ``../shared/realpages``, as fetched (no date checked)."""
    out: list[Page] = []
    for line in (REALPAGES / "labels.jsonl").read_text("utf-8").splitlines()[:count]:
        label = json.loads(line)
        body = gzip.decompress((REALPAGES / label["file"]).read_bytes())
        out.append((body, label["url"], None, dt.date.min, ""))
    return out


def _extract(page: Page) -> tuple[bool, bool]:
    body, url, encoding, published, author = page
    try:
        article: Article = article_from_html(body, url, encoding, FETCHED_AT)
    except ExtractionError:  # real pages: some hold no article, as for trafilatura
        return False, False
    return article.published == published, article.author == author


def _same_settings(page: Page) -> object:
    return trafilatura.bare_extraction(page[0], url=page[1], **TRAFILATURA_OPTIONS)


def _default(page: Page) -> object:
    return trafilatura.bare_extraction(page[0], url=page[1])


#: what the single-process table times, in turns: name, function
METHODS: tuple[tuple[str, Callable[[Page], object]], ...] = (
    ("rassegna", _extract),
    ("trafilatura, same settings", _same_settings),
    ("trafilatura, default", _default),
)


def _warm(page: Page) -> None:
    """Imports and dateparser's language data loaded before the clock starts."""
    _extract(page)


def _timed(method: Callable[[Page], object], batch: list[Page]) -> tuple[float, list[object]]:
    start = time.perf_counter()
    results = [method(p) for p in batch]
    return time.perf_counter() - start, results


def compare(batch: list[Page], repeat: int) -> dict[str, tuple[float, list[object]]]:
    """Each method's best time over ``repeat`` turns on one process (turns alternate, so a
    burst of load elsewhere falls on all three), and its results."""
    for _, method in METHODS:
        method(batch[0])
    best: dict[str, tuple[float, list[object]]] = {}
    for _ in range(repeat):
        for name, method in METHODS:
            elapsed, results = _timed(method, batch)
            if name not in best or elapsed < best[name][0]:
                best[name] = (elapsed, results)
    return best


def pooled(batch: list[Page], workers: int) -> float:
    """Seconds for rassegna on the batch over a pool, once the workers are up."""
    with ProcessPoolExecutor(workers, initializer=_warm, initargs=(batch[0],)) as pool:
        list(pool.map(_warm, batch[:workers]))  # every worker started and warm
        start = time.perf_counter()
        list(pool.map(_extract, batch, chunksize=16))
    return time.perf_counter() - start


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def cpu_headroom(workers: int) -> float:
    """The pool's speed-up on a pure CPU loop: what the machine allows right now."""
    steps = benchkit.tiny(2_000_000, 20_000)
    start = time.perf_counter()
    for _ in range(4 * workers):
        _burn(steps)
    serial = time.perf_counter() - start
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_burn, [10] * workers))
        start = time.perf_counter()
        list(pool.map(_burn, [steps] * (4 * workers)))
        parallel = time.perf_counter() - start
    return serial / parallel


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=None,
                        help="pages to extract (3000 generated; every real page)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2, help="best of N runs")
    parser.add_argument("--chrome-kib", type=int, default=0,
                        help="menus and scripts added to every page, in KiB")
    parser.add_argument("--real", action="store_true",
                        help="the real pages of ../shared/realpages instead of generated ones")
    args = parser.parse_args()
    repeat = benchkit.tiny(args.repeat, 1)
    if args.real:
        if not (REALPAGES / "labels.jsonl").exists():
            print(f"real pages not found at {REALPAGES}: nothing to measure, skipped")
            return
        batch = real_pages(benchkit.tiny(args.pages or 10_000, 8))
    else:
        batch = pages(benchkit.tiny(args.pages or 3000, 30), args.chrome_kib)
    size = sum(len(p[0]) for p in batch) / len(batch) / 1024
    kind = "real" if args.real else "generated"
    print(f"{len(batch)} {kind} pages, {size:.1f} KiB each on average, {os.cpu_count()} CPUs "
          f"seen, load average {os.getloadavg()[0]:.1f} at start")
    reference = benchkit.cpu_reference()
    best = compare(batch, repeat)
    same = len(batch) / best["trafilatura, same settings"][0]
    print(f"\n1 process, best of {repeat}:")
    print(f"{'extractor':<28}  {'seconds':>8}  {'docs/s':>7}  {'vs same settings':>16}")
    for name, _ in METHODS:
        rate = len(batch) / best[name][0]
        print(f"{name:<28}  {best[name][0]:>8.2f}  {rate:>7.1f}  {rate / same:>15.2f}x")
    if not args.real:
        results = best["rassegna"][1]
        dates = sum(bool(r[0]) for r in results if isinstance(r, tuple))
        authors = sum(bool(r[1]) for r in results if isinstance(r, tuple))
        print(f"rassegna: dates right {dates / len(batch):.1%}, "
              f"authors right {authors / len(batch):.1%}")
    if args.workers > 1:
        elapsed = pooled(batch, args.workers)
        # other jobs on a shared machine cap any pool: the CPU loop says by how much
        print(f"\nrassegna on {args.workers} processes: {len(batch) / elapsed:.1f} docs/s; "
              f"a pure CPU loop speeds up {cpu_headroom(args.workers):.2f}x "
              f"on {args.workers} processes on this machine right now")
    print(benchkit.reference_line(reference))


if __name__ == "__main__":
    main()
