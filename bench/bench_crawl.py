"""Crawl benchmark: rassegna's crawl (and crawl + extraction) against trafilatura at its
best, on one generated local web with a deliberate per-request latency, in one run.

The web: OUTLETS outlets (default 50) of PER_OUTLET articles (default 100), each
outlet under its own ``.test`` host with a home page announcing its RSS feed (the
latest 30 articles), robots.txt pointing to a sitemap index and a sitemap of all its
articles, and article pages with navigation, related links and a footer around
about 600 words of text. One article in twenty concerns the campaign (as in real
monitoring, most pages fetched are not about it). Everything is served on
127.0.0.1 by one threaded server acting as the HTTP proxy of every ``.test`` host.

The server answers every request after ``--latency-ms`` (default 100: the real web
answers in 50-300 ms), each request in its own thread, so concurrent requests wait
together and both sides pay the same latency; otherwise it costs nothing (one write
per answer, ``TCP_NODELAY``: no Nagle/delayed-ACK stall on a reused connection).

The anchor is trafilatura at its best: its own discovery (``find_feed_urls``, then
``sitemap_search`` with ``sleep_time=0``), the outlets discovered in parallel, and its
own threaded download (``trafilatura.downloads.buffered_downloads``) with ``--threads``
threads (default 64, rassegna's ``CONCURRENT_REQUESTS``) over the URLs taken one domain
after the other, so no outlet gets more concurrent requests than rassegna's 8. It keeps
the pages our crawl's relevance check keeps (:func:`crawler.page_text` and
:class:`crawler.TermMatcher`, the same functions) and extracts those only, as we do.

    python bench/bench_crawl.py                    # 50 outlets x 100 articles, 100 ms
    python bench/bench_crawl.py --latency-ms 0     # the CPU-bound case
    python bench/bench_crawl.py --outlets 10       # a quicker run
    python bench/bench_crawl.py --profile crawl.prof   # cProfile of the crawl child

The last run, ``scrapy-floor``, is Scrapy itself with the crawl's settings fetching
the same article URLs (known in advance: no discovery) and doing nothing with them:
no relevance check, no store. It is the CPU the framework costs a page, below which
no change of ours can bring the crawl.

Each run is its own process. Wall seconds, CPU seconds (user + system of the run's
processes, the crawl child included, measured with ``RUSAGE_CHILDREN``), pages per
CPU-second and peak memory (max RSS of the run's processes) go to stdout as a table,
with the server's own CPU seconds (the bench process) apart.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Lock, Thread
from typing import Any
from urllib.parse import urlsplit

import benchkit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RUNS = ("rassegna-crawl", "rassegna-e2e", "trafilatura-crawl", "trafilatura-e2e", "scrapy-floor")


class Reply:
    """A page of the bench web: its content type and body."""

    __slots__ = ("body", "content_type")

    def __init__(self, body: bytes, content_type: str = "text/html; charset=utf-8") -> None:
        self.body = body
        self.content_type = content_type


WORDS = (
    "comune città progetto servizi cittadini lavoro scuola quartiere sindaco assessore "
    "consiglio regione provincia piano risorse bando famiglie giovani anziani sport cultura "
    "teatro mostra strada traffico lavori cantiere ospedale salute ambiente rifiuti acqua "
    "energia turismo porto stazione treno autobus mercato negozi impresa economia sviluppo "
    "sicurezza polizia incontro cittadinanza associazioni volontari festa tradizione storia"
).split()
TERM = "LgNet2"


def outlet_host(n: int) -> str:
    return f"www.testata-{n:02d}.test"


def article_path(index: int) -> str:
    day = dt.date(2023, 10, 1) + dt.timedelta(days=index % 90)
    return f"/{day:%Y/%m/%d}/notizia-{index}-del-giorno/"


def about_campaign(index: int) -> bool:
    return index % 20 == 7


def text_of(index: int) -> list[str]:
    rng = random.Random(index)
    paragraphs = []
    for p in range(8):
        words = [rng.choice(WORDS) for _ in range(75)]
        if about_campaign(index) and p == 2:
            words[10:10] = ["il", "progetto", TERM, "dell'ANCI"]
        paragraphs.append(" ".join(words).capitalize() + ".")
    return paragraphs


def build_web(outlets: int, per_outlet: int) -> dict[tuple[str, str], Reply]:
    pages: dict[tuple[str, str], Reply] = {}
    for o in range(outlets):
        host = outlet_host(o)
        name = f"Testata {o:02d}"
        indices = [o * per_outlet + k for k in range(per_outlet)]
        nav = "".join(f"<li><a href='/sezione-{s}/'>Sezione {s}</a></li>" for s in range(15))
        for i in indices:
            related = "".join(
                f"<li><a href='{article_path(j)}'>Notizia {j}</a></li>"
                for j in indices[(i % per_outlet) + 1:(i % per_outlet) + 11]
            )
            day = dt.date(2023, 10, 1) + dt.timedelta(days=i % 90)
            body = "".join(f"<p>{p}</p>" for p in text_of(i))
            html = (
                f'<!DOCTYPE html><html lang="it"><head><meta charset="utf-8">'
                f"<title>Notizia {i} - {name}</title>"
                f'<meta property="og:site_name" content="{name}">'
                f'<meta property="og:type" content="article">'
                f'<meta property="article:published_time" content="{day.isoformat()}T10:00:00">'
                f'<link rel="canonical" href="http://{host}{article_path(i)}"></head><body>'
                f"<header><a href='/'>{name}</a><nav><ul>{nav}</ul></nav></header>"
                f"<main><article><h1>Notizia {i} dal territorio</h1>"
                f"<p class='byline'>di Redazione</p>{body}</article>"
                f"<aside><h3>Leggi anche</h3><ul>{related}</ul></aside></main>"
                f"<footer><p>{name} – registrazione del tribunale n. {o}</p></footer>"
                "</body></html>"
            )
            pages[(host, article_path(i))] = Reply(html.encode())
        latest = sorted(indices, key=lambda i: i % 90, reverse=True)[:30]
        items = "".join(
            f"<item><title>Notizia {i}</title><link>http://{host}{article_path(i)}</link></item>"
            for i in latest
        )
        pages[(host, "/feed.xml")] = Reply(
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title>'
            f"{items}</channel></rss>".encode(),
            content_type="application/rss+xml",
        )
        links = "".join(f"<li><a href='{article_path(i)}'>Notizia {i}</a></li>" for i in latest)
        pages[(host, "/")] = Reply((
            f"<!DOCTYPE html><html><head><title>{name}</title><link rel='alternate' "
            f"type='application/rss+xml' href='/feed.xml'></head><body><ul>{links}</ul>"
            "</body></html>").encode())
        urls = "".join(
            f"<url><loc>http://{host}{article_path(i)}</loc><lastmod>"
            f"{dt.date(2023, 10, 1) + dt.timedelta(days=i % 90)}</lastmod></url>"
            for i in indices
        )
        sitemap_ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        pages[(host, "/sitemap-articoli.xml")] = Reply(
            f'<?xml version="1.0"?><urlset {sitemap_ns}>{urls}</urlset>'.encode(),
            content_type="application/xml",
        )
        pages[(host, "/sitemap.xml")] = Reply(
            f'<?xml version="1.0"?><sitemapindex {sitemap_ns}><sitemap><loc>http://{host}'
            "/sitemap-articoli.xml</loc></sitemap></sitemapindex>".encode(),
            content_type="application/xml",
        )
        pages[(host, "/robots.txt")] = Reply(
            f"User-agent: *\nAllow: /\nSitemap: http://{host}/sitemap.xml\n".encode(),
            content_type="text/plain",
        )
    return pages


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        # headers and body go in one write anyway; no Nagle on what is left either
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:  # noqa: N802 (the name http.server dispatches to)
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802 (trafilatura asks whether a site is live)
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        with self.server.lock:
            self.server.in_flight += 1
            self.server.peak = max(self.server.peak, self.server.in_flight)
        if self.server.latency:
            time.sleep(self.server.latency)  # this thread only: other requests go on
        with self.server.lock:
            self.server.in_flight -= 1
        parts = urlsplit(self.path)
        host = (parts.hostname or self.headers.get("Host") or "").lower()
        reply = self.server.pages.get((host, parts.path or "/"))
        if reply is None and self.server.render is not None:  # answers built per request
            reply = self.server.render(host, self.path)
        status, body, kind = ((200, reply.body, reply.content_type) if reply
                              else (404, b"not found", "text/plain"))
        head = (f"HTTP/1.1 {status} {'OK' if reply else 'Not Found'}\r\n"
                f"Content-Type: {kind}\r\nContent-Length: {len(body)}\r\n\r\n")
        self.wfile.write(head.encode("latin-1") + (body if send_body else b""))

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """No line per request."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024

    def __init__(self, pages: dict[tuple[str, str], Reply], latency: float,
                 render: Callable[[str, str], Reply | None] | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.pages = pages
        self.render = render
        self.latency = latency
        self.lock = Lock()
        self.in_flight = self.peak = 0


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def run_rassegna(outlets: int, extract: bool) -> dict[str, float]:
    from rassegna import pipeline
    from rassegna.campaign import load_campaign
    from rassegna.store import open_store

    work = Path(tempfile.mkdtemp(prefix="rassegna-bench-"))
    sites = ", ".join(f'"http://{outlet_host(o)}/"' for o in range(outlets))
    (work / "c.toml").write_text(
        f'[project]\nname = "Bench"\ncontact = "bench@example.org"\n[[terms]]\n'
        f'term = "{TERM}"\n[period]\nstart = 2023-10-01\nend = 2023-12-31\n'
        f"[sources]\nsites = [{sites}]\n[crawl]\nconcurrency_per_domain = 8\n",
        encoding="utf-8",
    )
    campaign = load_campaign(work / "c.toml")
    store = open_store(work / "s.db")
    start = time.perf_counter()
    own = _cpu(resource.RUSAGE_SELF)
    pipeline.crawl(store, campaign)
    crawl_child = _cpu(resource.RUSAGE_CHILDREN)
    following = _cpu(resource.RUSAGE_SELF) - own
    kept = 0
    if extract:
        kept = pipeline.extract(store, campaign).done
    elapsed = time.perf_counter() - start
    counts = store.counts(campaign.slug)
    pending = store.outcome_counts(campaign.slug).get("pending", 0)
    store.close()
    return {"pages": counts["pages"], "relevant": pending if not extract else kept,
            "uscite": kept, "seconds": elapsed, "peak_mb": peak_mb(),
            "crawl_child_cpu": crawl_child, "following_cpu": following}


def run_scrapy_floor(outlets: int, per_outlet: int) -> dict[str, float]:
    """Scrapy with the crawl's settings fetching the same articles and doing nothing
    with them: no discovery, no relevance check, no store. What the framework costs."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    from crawler import crawl_settings

    urls = [f"http://{outlet_host(o)}{article_path(o * per_outlet + k)}"
            for o in range(outlets) for k in range(per_outlet)]
    fetched = []

    class Floor(scrapy.Spider):
        name = "floor"

        async def start(self) -> Any:
            for url in urls:
                yield scrapy.Request(url, callback=self.parse)

        def parse(self, response: Any) -> None:
            fetched.append(response.status)

    start = time.perf_counter()
    own = _cpu(resource.RUSAGE_SELF)
    process = CrawlerProcess(crawl_settings(concurrency_per_domain=8))
    process.crawl(Floor)
    process.start()
    return {"pages": len(fetched), "relevant": 0, "uscite": 0,
            "seconds": time.perf_counter() - start, "peak_mb": peak_mb(),
            "crawl_child_cpu": _cpu(resource.RUSAGE_SELF) - own, "following_cpu": 0.0}


def _by_domain(urls: Iterable[str]) -> list[str]:
    """The URLs one domain after the other (a, b, c, a, b, c...), each once."""
    queues: dict[str, list[str]] = {}
    for url in dict.fromkeys(urls):
        queues.setdefault(urlsplit(url).netloc, []).append(url)
    rounds = max((len(q) for q in queues.values()), default=0)
    return [q[i] for i in range(rounds) for q in queues.values() if i < len(q)]


def run_trafilatura(outlets: int, proxy: str, threads: int, extract: bool) -> dict[str, float]:
    from concurrent.futures import ThreadPoolExecutor

    import trafilatura
    import urllib3
    from scrapy.http import HtmlResponse
    from trafilatura import downloads
    from trafilatura.feeds import find_feed_urls
    from trafilatura.sitemaps import sitemap_search

    from crawler import TermMatcher, page_text

    # the fairest transport: trafilatura's own download code, through the same local
    # proxy (its own proxy support is SOCKS only, and its SSRF guard refuses loopback),
    # with a connection kept for every thread
    pool = urllib3.ProxyManager(proxy, num_pools=outlets + 1, maxsize=threads)
    downloads._initiate_pool = lambda config, no_ssl=False: pool  # type: ignore[assignment]
    matcher = TermMatcher([TERM])
    start = time.perf_counter()

    def discover(o: int) -> list[str]:
        home = f"http://{outlet_host(o)}/"
        return find_feed_urls(home) + sitemap_search(home, sleep_time=0)

    with ThreadPoolExecutor(max_workers=threads) as executor:
        found = [url for urls in executor.map(discover, range(outlets)) for url in urls]
    urls = _by_domain(found)
    pages = relevant = kept = 0
    for url, html in downloads.buffered_downloads(urls, threads):
        pages += 1
        if html is None:
            continue
        # our crawl's relevance check, on the page as fetched
        response = HtmlResponse(url, body=html.encode("utf-8"), encoding="utf-8")
        if matcher.search(page_text(response)) is None:
            continue
        relevant += 1
        if extract:
            text = trafilatura.extract(html, url=url, with_metadata=True, favor_precision=True)
            if text and matcher.search(text):
                kept += 1
    elapsed = time.perf_counter() - start
    return {"pages": pages, "relevant": relevant, "uscite": kept, "seconds": elapsed,
            "peak_mb": peak_mb()}


def child(args: argparse.Namespace) -> None:
    os.environ["http_proxy"] = args.proxy
    extract = args.run.endswith("-e2e")
    if args.run.startswith("trafilatura"):
        result = run_trafilatura(args.outlets, args.proxy, args.threads, extract)
    elif args.run == "scrapy-floor":
        result = run_scrapy_floor(args.outlets, args.per_outlet)
    else:
        result = run_rassegna(args.outlets, extract)
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outlets", type=int, default=benchkit.tiny(50, 2))
    parser.add_argument("--per-outlet", type=int, default=benchkit.tiny(100, 10))
    parser.add_argument("--latency-ms", type=float, default=100.0,
                        help="the server answers every request after this (default 100)")
    parser.add_argument("--threads", type=int, default=64,
                        help="trafilatura's download threads (default 64)")
    parser.add_argument("--runs", default=",".join(RUNS),
                        help=f"which runs, comma-separated (default {','.join(RUNS)})")
    parser.add_argument("--profile", metavar="FILE",
                        help="write a cProfile of the crawl child of rassegna-crawl to FILE")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--proxy", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.outlets = benchkit.tiny(args.outlets, 2)
    args.per_outlet = benchkit.tiny(args.per_outlet, 10)
    if args.run:
        child(args)
        return
    runs = [run for run in args.runs.split(",") if run]
    if unknown := set(runs) - set(RUNS):
        parser.error(f"unknown runs: {', '.join(sorted(unknown))}")
    pages = build_web(args.outlets, args.per_outlet)
    relevant = sum(about_campaign(o * args.per_outlet + k)
                   for o in range(args.outlets) for k in range(args.per_outlet))
    reference = benchkit.cpu_reference()
    print(f"{args.outlets} outlets, {args.outlets * args.per_outlet} articles, "
          f"{relevant} about the campaign; latency {args.latency_ms:g} ms per request; "
          f"trafilatura with {args.threads} download threads; {os.cpu_count()} cores; "
          f"CPU-loop reference {reference:.1f} (quiet machine: {benchkit.QUIET_REFERENCE})")
    server = _Server(pages, args.latency_ms / 1000)
    Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    proxy = f"http://127.0.0.1:{server.server_address[1]}"
    rows = []
    try:
        for run in runs:
            env = dict(os.environ)
            if args.profile and run == "rassegna-crawl":
                env["RASSEGNA_CRAWL_PROFILE"] = str(Path(args.profile).resolve())
            command = [sys.executable, __file__, "--run", run, "--proxy", proxy,
                       "--outlets", str(args.outlets), "--per-outlet", str(args.per_outlet),
                       "--threads", str(args.threads)]
            cpu, served = _cpu(resource.RUSAGE_CHILDREN), _cpu(resource.RUSAGE_SELF)
            server.peak = 0
            out = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
            if out.returncode != 0:
                sys.exit(f"{run} failed:\n{out.stderr[-3000:]}")
            result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
            result["cpu"] = _cpu(resource.RUSAGE_CHILDREN) - cpu
            result["server_cpu"] = _cpu(resource.RUSAGE_SELF) - served
            result["peak_requests"] = server.peak
            rows.append((run, result))
    finally:
        server.shutdown()
    anchors = {name: r for name, r in rows if name.startswith("trafilatura")}
    print("| run | pages | relevant | uscite | wall s | CPU s | pages/s | pages/CPU-s "
          "| vs trafilatura (wall) | most requests at once | server CPU s | peak MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, r in rows:
        anchor = anchors.get(name.replace("rassegna", "trafilatura"))
        ratio = f"{anchor['seconds'] / r['seconds']:.2f}x" if anchor else "-"
        print(f"| {name} | {r['pages']:.0f} | {r['relevant']:.0f} | {r['uscite']:.0f} "
              f"| {r['seconds']:.1f} | {r['cpu']:.1f} | {r['pages'] / r['seconds']:.0f} "
              f"| {r['pages'] / r['cpu']:.0f} | {ratio} | {r['peak_requests']} "
              f"| {r['server_cpu']:.1f} | {r['peak_mb']:.0f} |")
    for name, r in rows:
        if name == "scrapy-floor":
            print(f"scrapy-floor: the crawl itself {r['crawl_child_cpu']:.1f} CPU s "
                  f"({r['pages'] / r['crawl_child_cpu']:.0f} pages/CPU-s), imports "
                  f"{r['cpu'] - r['crawl_child_cpu']:.1f}")
        elif "crawl_child_cpu" in r:
            print(f"{name}: the crawl child {r['crawl_child_cpu']:.1f} CPU s "
                  f"({r['pages'] / r['crawl_child_cpu']:.0f} pages/CPU-s), the command "
                  f"following it {r['following_cpu']:.1f}, the rest (imports, extraction) "
                  f"{r['cpu'] - r['crawl_child_cpu'] - r['following_cpu']:.1f}")
    print(benchkit.reference_line(reference))


if __name__ == "__main__":
    main()
