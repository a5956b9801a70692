"""Crawl benchmark: rassegna's crawl (and crawl + extraction) against trafilatura's own
feed/sitemap discovery with fetch_url/extract, on one generated local web, in one run.

The web: OUTLETS outlets (default 50) of PER_OUTLET articles (default 100), each
outlet under its own ``.test`` host with a home page announcing its RSS feed (the
latest 30 articles), robots.txt pointing to a sitemap index and a sitemap of all its
articles, and article pages with navigation, related links and a footer around
about 600 words of text. One article in twenty concerns the campaign (as in real
monitoring, most pages fetched are not about it). Everything is served on
127.0.0.1 by one server acting as the HTTP proxy of every ``.test`` host.

    python bench/bench_crawl.py                 # 50 outlets x 100 articles = 5,000 pages
    python bench/bench_crawl.py --outlets 10    # a quicker run

Each run is its own process, so peak memory (max RSS of the run's processes) is its
own. Figures go to stdout as a table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rassegna.demo.server import ProxyWeb, Reply  # noqa: E402

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
            pages[(host, article_path(i))] = Reply(body=html.encode())
        latest = sorted(indices, key=lambda i: i % 90, reverse=True)[:30]
        items = "".join(
            f"<item><title>Notizia {i}</title><link>http://{host}{article_path(i)}</link></item>"
            for i in latest
        )
        pages[(host, "/feed.xml")] = Reply(
            body=f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title>'
                 f"{items}</channel></rss>".encode(),
            content_type="application/rss+xml",
        )
        links = "".join(f"<li><a href='{article_path(i)}'>Notizia {i}</a></li>" for i in latest)
        pages[(host, "/")] = Reply(body=(
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
            body=f'<?xml version="1.0"?><urlset {sitemap_ns}>{urls}</urlset>'.encode(),
            content_type="application/xml",
        )
        pages[(host, "/sitemap.xml")] = Reply(
            body=f'<?xml version="1.0"?><sitemapindex {sitemap_ns}><sitemap><loc>http://{host}'
                 "/sitemap-articoli.xml</loc></sitemap></sitemapindex>".encode(),
            content_type="application/xml",
        )
        pages[(host, "/robots.txt")] = Reply(
            body=f"User-agent: *\nAllow: /\nSitemap: http://{host}/sitemap.xml\n".encode(),
            content_type="text/plain",
        )
    return pages


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
    pipeline.crawl(store, campaign)
    kept = 0
    if extract:
        kept = pipeline.extract(store, campaign).done
    elapsed = time.perf_counter() - start
    pages = store.counts(campaign.slug)["pages"]
    store.close()
    return {"pages": pages, "uscite": kept, "seconds": elapsed, "peak_mb": peak_mb()}


def run_trafilatura(outlets: int, proxy: str) -> dict[str, float]:
    import trafilatura
    import urllib3
    from trafilatura import downloads
    from trafilatura.feeds import find_feed_urls
    from trafilatura.sitemaps import sitemap_search

    # the fairest transport: trafilatura's own download code, through the same local
    # proxy (its own proxy support is SOCKS only, and its SSRF guard refuses loopback)
    pool = urllib3.ProxyManager(proxy, num_pools=50)
    downloads._initiate_pool = lambda config, no_ssl=False: pool
    start = time.perf_counter()
    pages = kept = 0
    for o in range(outlets):
        home = f"http://{outlet_host(o)}/"
        urls = dict.fromkeys(find_feed_urls(home) + sitemap_search(home))
        for url in urls:
            html = trafilatura.fetch_url(url)
            pages += 1
            if html is None:
                continue
            text = trafilatura.extract(html, url=url, with_metadata=True, favor_precision=True)
            if text and TERM.lower() in text.lower():
                kept += 1
    elapsed = time.perf_counter() - start
    return {"pages": pages, "uscite": kept, "seconds": elapsed, "peak_mb": peak_mb()}


def child(args: argparse.Namespace) -> None:
    os.environ["http_proxy"] = args.proxy
    if args.run == "trafilatura":
        result = run_trafilatura(args.outlets, args.proxy)
    else:
        result = run_rassegna(args.outlets, extract=args.run == "rassegna-e2e")
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outlets", type=int, default=50)
    parser.add_argument("--per-outlet", type=int, default=100)
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--proxy", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        child(args)
        return
    pages = build_web(args.outlets, args.per_outlet)
    relevant = sum(about_campaign(o * args.per_outlet + k)
                   for o in range(args.outlets) for k in range(args.per_outlet))

    def render(host: str, path: str, headers: dict[str, str]) -> Reply | None:
        return pages.get((host, path))

    print(f"{args.outlets} outlets, {args.outlets * args.per_outlet} articles, "
          f"{relevant} about the campaign; {os.cpu_count()} cores")
    rows = []
    with ProxyWeb(render, etags=False) as web:
        for run in ("rassegna-crawl", "rassegna-e2e", "trafilatura"):
            out = subprocess.run(
                [sys.executable, __file__, "--run", run, "--proxy", web.proxy_url,
                 "--outlets", str(args.outlets), "--per-outlet", str(args.per_outlet)],
                capture_output=True, text=True, check=True,
            )
            result = json.loads(out.stdout.strip().splitlines()[-1])
            rows.append((run, result))
    base = next(r for name, r in rows if name == "trafilatura")
    base_rate = base["pages"] / base["seconds"]
    print("| run | pages | uscite found | seconds | pages/s | vs trafilatura | peak MB |")
    print("|---|---|---|---|---|---|---|")
    for name, r in rows:
        rate = r["pages"] / r["seconds"]
        print(f"| {name} | {r['pages']:.0f} | {r['uscite']:.0f} | {r['seconds']:.1f} | "
              f"{rate:.0f} | {rate / base_rate:.1f}x | {r['peak_mb']:.0f} |")


if __name__ == "__main__":
    main()
