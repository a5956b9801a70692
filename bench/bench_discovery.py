"""Discovery benchmark: finding a campaign's uscite through news search engines on
outlets the campaign file does not name, against listing every outlet's feed by hand.

The web is ``bench_crawl``'s (``--outlets`` outlets of ``--per-outlet`` articles over
the three months of the campaign, one in twenty about it, each outlet with a home
page, a feed of its latest 30 articles and a sitemap), plus three fixture engines in
their real formats under their own host names: Google News RSS (100 items, the most
its search returns; links of the older ``rss/articles/CBMi…`` form), Bing News RSS
(100 items, ``apiclick.aspx`` links) and GDELT's DOC 2.0 JSON (the rest, up to
``--items`` results in all, 250 a window at most, so the crawl splits the period).
The engines return every uscita among many pages that are not (the term absent from
the text), as real engines do.

Two campaigns crawl it, then extract what they kept:
- ``news search``: ``news_search = ["google-news", "bing-news", "gdelt"]``, no outlet;
- ``feeds by hand``: the ``feeds`` of all the outlets, listed in the campaign file.

Printed: engine requests, pages fetched, uscite found against the uscite there are
(recall), wall and CPU seconds (user + system, the crawl processes included, and the
server's own, in this process). The engines are asked one request a second each (the
crawl's politeness), which sets most of the news search run's time.

    python bench/bench_discovery.py                  # 200 outlets x 60 articles, 5,000 results
    python bench/bench_discovery.py --outlets 50 --items 1000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from threading import Thread
from typing import Any
from urllib.parse import parse_qs, urlsplit

import bench_crawl
import benchkit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rassegna.demo.engines import bing_link, google_id, google_link  # noqa: E402

START, END = dt.date(2023, 10, 1), dt.date(2023, 12, 31)


def _rss(links: list[tuple[str, dt.date]]) -> bytes:
    items = "".join(
        f"<item><title>Notizia</title><link>{link.replace('&', '&amp;')}</link>"
        f"<pubDate>{day:%a, %d %b %Y} 08:00:00 GMT</pubDate></item>" for link, day in links)
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()


class Engines:
    """The three fixture engines' answers over one list of results."""

    def __init__(self, outlets: int, per_outlet: int, items: int) -> None:
        articles = [(f"http://{bench_crawl.outlet_host(o)}{bench_crawl.article_path(i)}",
                     START + dt.timedelta(days=i % 90), bench_crawl.about_campaign(i))
                    for o in range(outlets) for i in range(o * per_outlet, (o + 1) * per_outlet)]
        self.uscite = {url for url, _, about in articles if about}
        others = [(url, day) for url, day, about in articles if not about]
        rng = random.Random(7)
        found = [(url, day) for url, day, about in articles if about]
        # what the engines return: every uscita, among pages that are not, some twice
        noise = [rng.choice(others) for _ in range(max(0, items - len(found)))]
        results = found + noise
        rng.shuffle(results)
        self.google, self.bing, self.gdelt = results[:100], results[100:200], results[200:]
        self.requests = 0

    def render(self, host: str, target: str) -> bench_crawl.Reply | None:
        parts = urlsplit(target)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if parts.path == "/robots.txt" and host.endswith((".google.com", "bing.com",
                                                          "gdeltproject.org")):
            return bench_crawl.Reply(b"User-agent: *\nAllow: /\n", "text/plain")
        if host == "news.google.com" and parts.path == "/rss/search":
            self.requests += 1
            return bench_crawl.Reply(_rss([(google_link(google_id(u)), d)
                                           for u, d in self.google]), "application/rss+xml")
        if host == "www.bing.com" and parts.path == "/news/search":
            self.requests += 1
            links = [(bing_link(u), d) for u, d in self.bing]
            return bench_crawl.Reply(_rss(links), "application/rss+xml")
        if host == "api.gdeltproject.org" and parts.path == "/api/v2/doc/doc":
            self.requests += 1
            low = dt.datetime.strptime(query["startdatetime"], "%Y%m%d%H%M%S")
            high = dt.datetime.strptime(query["enddatetime"], "%Y%m%d%H%M%S")
            # each result seen at a time of its day, spread by its position
            records = [{"url": u, "title": "Notizia", "domain": urlsplit(u).hostname,
                        "seendate": f"{seen:%Y%m%dT%H%M%SZ}"}
                       for n, (u, d) in enumerate(self.gdelt)
                       if low <= (seen := dt.datetime.combine(d, dt.time()) +
                                  dt.timedelta(minutes=(n * 37) % 1440)) <= high][:250]
            return bench_crawl.Reply(json.dumps({"articles": records}).encode(),
                                     "application/json")
        return None


def _campaign(folder: Path, name: str, sources: str) -> Path:
    path = folder / f"{name}.toml"
    path.write_text(
        f'[project]\nname = "{name}"\ncontact = "bench@example.org"\n[[terms]]\n'
        f'term = "{bench_crawl.TERM}"\n[period]\nstart = {START}\nend = {END}\n'
        f"[sources]\n{sources}\n[crawl]\nconcurrency_per_domain = 8\n", encoding="utf-8")
    return path


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def run(name: str, path: Path, engines: Engines) -> dict[str, Any]:
    from rassegna import pipeline
    from rassegna.campaign import load_campaign
    from rassegna.store import open_store

    campaign = load_campaign(path)
    store = open_store(path.with_suffix(".db"))
    asked, cpu = engines.requests, resource.getrusage(resource.RUSAGE_CHILDREN)
    start, own = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
    try:
        pipeline.crawl(store, campaign)
        pipeline.extract(store, campaign)
        found = {u.url for u in store.uscite(campaign.slug)}
        pages = store.counts(campaign.slug)["pages"]
    finally:
        store.close()
    used = _cpu(resource.getrusage(resource.RUSAGE_CHILDREN)) - _cpu(cpu) + _cpu(
        resource.getrusage(resource.RUSAGE_SELF)) - _cpu(own)
    return {"run": name, "asked": engines.requests - asked, "pages": pages,
            "found": len(found & engines.uscite), "extra": len(found - engines.uscite),
            "seconds": time.perf_counter() - start, "cpu": used}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outlets", type=int, default=200)
    parser.add_argument("--per-outlet", type=int, default=60)
    parser.add_argument("--items", type=int, default=5000, help="results the engines return")
    parser.add_argument("--latency-ms", type=float, default=100.0)
    args = parser.parse_args()
    outlets, per_outlet = benchkit.tiny(args.outlets, 3), benchkit.tiny(args.per_outlet, 20)
    items = benchkit.tiny(args.items, 40)
    reference = benchkit.cpu_reference()
    engines = Engines(outlets, per_outlet, items)
    web = bench_crawl.build_web(outlets, per_outlet)
    server = bench_crawl._Server(web, args.latency_ms / 1000, engines.render)
    Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    os.environ["http_proxy"] = f"http://127.0.0.1:{server.server_address[1]}"
    print(f"{outlets} outlets, {outlets * per_outlet} articles, {len(engines.uscite)} uscite; "
          f"the engines return {items} results; latency {args.latency_ms:g} ms; "
          f"CPU-loop reference {reference:.1f} (quiet machine: {benchkit.QUIET_REFERENCE})")
    folder = Path(tempfile.mkdtemp(prefix="rassegna-discovery-"))
    endpoints = ('[news_search.endpoints]\ngoogle-news = "http://news.google.com/rss/search"\n'
                 'bing-news = "http://www.bing.com/news/search"\n'
                 'gdelt = "http://api.gdeltproject.org/api/v2/doc/doc"')
    feeds = ", ".join(f'"http://{bench_crawl.outlet_host(o)}/feed.xml"' for o in range(outlets))
    rows = []
    try:
        rows.append(run("news search", _campaign(folder, "discovery", (
            'news_search = ["google-news", "bing-news", "gdelt"]\n' + endpoints)), engines))
        rows.append(run("feeds by hand", _campaign(folder, "feeds", f"feeds = [{feeds}]"),
                        engines))
    finally:
        server.shutdown()
    print("| run | engine requests | pages fetched | uscite found | recall | not uscite kept "
          "| wall s | CPU s |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['run']} | {r['asked']} | {r['pages']} | {r['found']} of "
              f"{len(engines.uscite)} | {r['found'] / max(1, len(engines.uscite)):.2f} "
              f"| {r['extra']} | {r['seconds']:.1f} | {r['cpu']:.1f} |")
    print(benchkit.reference_line(reference))


if __name__ == "__main__":
    main()
