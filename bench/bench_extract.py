"""Extraction throughput: documents per second on generated pages, one process and a pool.

The pages are the demo web's 40 articles written out as saved clippings with the
date and byline forms Italian outlets use (``27 Ottobre 2023``, ``16.11.2023 - 15:08``,
``Di Redazione - 24 Novembre 2023``, ``[GIOVANNI DI MEO](#)``, ``2 g``…), laid out in
the four clipping templates of ``rassegna.demo.clippings`` (a fifth of them encoded
in windows-1252), with their chrome: menus, cookie banner, share buttons, comments,
related articles, footer. Every page is extracted; the table gives documents per
second, and how many dates and authors came out as written (a check that the
benchmark measures real work, not failures). ``--chrome-kib 60`` adds menus and
inline scripts to weigh each page like a real news page.

    .venv/bin/python bench/bench_extract.py [--pages 3000] [--workers 2] [--repeat 2]
        [--chrome-kib 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extract import Article, article_from_html  # noqa: E402
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


def _extract(page: Page) -> tuple[bool, bool]:
    body, url, encoding, published, author = page
    article: Article = article_from_html(body, url, encoding, FETCHED_AT)
    return article.published == published, article.author == author


def _warm(page: Page) -> None:
    """Imports and dateparser's language data loaded before the clock starts."""
    _extract(page)


def run(batch: list[Page], workers: int) -> tuple[float, int, int]:
    """Seconds for the batch once the workers are up, dates right, authors right."""
    if workers == 1:
        _warm(batch[0])
        start = time.perf_counter()
        results = [_extract(p) for p in batch]
    else:
        with ProcessPoolExecutor(workers, initializer=_warm, initargs=(batch[0],)) as pool:
            list(pool.map(_warm, batch[:workers]))  # every worker started and warm
            start = time.perf_counter()
            results = list(pool.map(_extract, batch, chunksize=16))
    elapsed = time.perf_counter() - start
    return elapsed, sum(d for d, _ in results), sum(a for _, a in results)


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def cpu_headroom(workers: int) -> float:
    """The pool's speed-up on a pure CPU loop: what the machine allows right now."""
    start = time.perf_counter()
    for _ in range(4 * workers):
        _burn(2_000_000)
    serial = time.perf_counter() - start
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_burn, [10] * workers))
        start = time.perf_counter()
        list(pool.map(_burn, [2_000_000] * (4 * workers)))
        parallel = time.perf_counter() - start
    return serial / parallel


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2, help="best of N runs")
    parser.add_argument("--chrome-kib", type=int, default=0,
                        help="menus and scripts added to every page, in KiB")
    args = parser.parse_args()
    batch = pages(args.pages, args.chrome_kib)
    size = sum(len(p[0]) for p in batch) / len(batch) / 1024
    print(f"{len(batch)} pages, {size:.1f} KiB each on average, {os.cpu_count()} CPUs seen, "
          f"load average {os.getloadavg()[0]:.1f} at start")
    print(f"{'processes':>9}  {'seconds':>8}  {'docs/s':>7}  {'dates ok':>9}  {'authors ok':>10}")
    for workers in sorted({1, args.workers}):
        elapsed, dates, authors = min(run(batch, workers) for _ in range(args.repeat))
        print(f"{workers:>9}  {elapsed:>8.1f}  {len(batch) / elapsed:>7.1f}  "
              f"{dates / len(batch):>9.1%}  {authors / len(batch):>10.1%}")
    if args.workers > 1:
        # other jobs on a shared machine cap any pool: this says by how much
        print(f"a pure CPU loop speeds up {cpu_headroom(args.workers):.2f}x "
              f"on {args.workers} processes on this machine right now")


if __name__ == "__main__":
    main()
