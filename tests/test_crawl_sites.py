"""The crawl against fixture sites served on 127.0.0.1 under their own host names.

Every source kind, the politeness rules, canonicalisation, conditional re-crawls,
resuming an interrupted crawl, and every broken input the issue lists.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rassegna import pipeline
from rassegna.campaign import Campaign, load_campaign
from rassegna.cli import app
from rassegna.crawling import jobdir_for
from rassegna.demo.server import ProxyWeb, Reply
from rassegna.store import Store, open_store
from tests import sites

CAMPAIGN = """
[project]
name = "Prova Crawl"
contact = "stampa@comune.test"

[[terms]]
term = "LgNet2"

[period]
start = 2023-10-01
end = 2023-12-31

[sources]
sites = ["http://www.alfa.test/"]
start_urls = ["http://www.alfa.test/cronaca/", "http://www.alfa.test/eventi/"]
search = ["http://www.alfa.test/?s={query}"]
feeds = ["http://www.beta.test/feed.xml"]
sitemaps = ["http://www.beta.test/sitemap.xml.gz"]

[crawl]
max_page_mb = 1
max_listing_pages = 5
"""


#: hosts of these tests only: a sitemap whose gzip stream is corrupt half-way, and a
#: feed that fails while ``DELTA_DOWN`` holds its name
DELTA_DOWN: set[str] = set()


def delta(path: str) -> Reply | None:
    if path == "/sitemap.xml.gz":
        body = sites.corrupt_gzip(sites.NEWS_SITEMAP.encode())
        return Reply(body=body, content_type="application/gzip")
    if path == "/feed.xml":
        if "feed" in DELTA_DOWN:
            return Reply(503, b"servizio non disponibile")
        return sites.gamma(path)
    return sites.gamma(path) if path.startswith("/2023/11/") or path == "/robots.txt" else None


def render(host: str, path: str, headers: dict[str, str]) -> Reply | None:
    return delta(path) if host == "www.delta.test" else sites.render(host, path, headers)


@pytest.fixture
def web() -> Iterator[ProxyWeb]:
    with sites.as_proxy(ProxyWeb(render)) as proxy:
        yield proxy


def campaign_at(tmp_path: Path, text: str = CAMPAIGN) -> Campaign:
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    return load_campaign(path)


def fetched(web: ProxyWeb, host: str) -> Counter[str]:
    return Counter(seen.path for seen in web.seen if seen.host == host)


@pytest.fixture
def crawled(web: ProxyWeb, tmp_path: Path) -> tuple[Store, Campaign]:
    campaign = campaign_at(tmp_path)
    store = open_store(tmp_path / "s.db")
    pipeline.crawl(store, campaign)
    pipeline.extract(store, campaign)
    return store, campaign


def test_every_source_kind_finds_its_articles(crawled: tuple[Store, Campaign]) -> None:
    store, campaign = crawled
    uscite = {a.article.url for a in store.articles(campaign.slug)}
    assert uscite == {
        "http://www.alfa.test/2023/10/18/lgnet2-latina/",  # feed, listing (AMP), search
        "http://www.alfa.test/2023/10/20/citta-che-accoglie/",  # news sitemap, cp1252
        "http://www.alfa.test/2023/10/21/perugia-tag-rotti/",  # listing page 2, broken HTML
    }


def test_undeclared_windows_1252_page_is_read(crawled: tuple[Store, Campaign]) -> None:
    store, campaign = crawled
    (trieste,) = (a.article for a in store.articles(campaign.slug) if "citta-che" in a.article.url)
    assert "la città è più vicina" in trieste.text


def test_each_page_fetched_once_amp_and_tracking_included(
    crawled: tuple[Store, Campaign], web: ProxyWeb
) -> None:
    alfa = fetched(web, "www.alfa.test")
    latina = sum(n for path, n in alfa.items() if path.startswith("/2023/10/18/"))
    assert latina == 1
    twice = {path: n for path, n in alfa.items() if n > 1}
    # two retries, then given up; robots.txt once for the rules, once for its sitemaps
    assert twice == {"/2023/10/25/errore-server/": 3, "/robots.txt": 2}


def test_robots_sitemaps_period_and_politeness(
    crawled: tuple[Store, Campaign], web: ProxyWeb
) -> None:
    alfa = fetched(web, "www.alfa.test")
    assert "/privato/2023/lgnet2-riservato/" not in alfa  # robots.txt Disallow
    assert "/2021/05/02/vecchio-lgnet/" not in alfa  # news sitemap: before the period
    assert alfa["/sitemap_index.xml.gz"] == 1 and alfa["/news-sitemap.xml"] == 1
    (agent,) = {seen.headers.get("user-agent", "") for seen in web.seen}
    assert agent.startswith("rassegna/") and "stampa@comune.test" in agent


def test_endless_calendar_stops_at_the_listing_cap(
    crawled: tuple[Store, Campaign], web: ProxyWeb
) -> None:
    calendar = [p for p in fetched(web, "www.alfa.test") if p.startswith("/eventi/")]
    assert len(calendar) == 5


def test_every_discarded_page_has_its_reason(crawled: tuple[Store, Campaign]) -> None:
    store, campaign = crawled
    reasons = {r.url: r.reason for r in store.rejections(campaign.slug)}
    alfa = "http://www.alfa.test"
    assert reasons[f"{alfa}/2023/10/22/meteo-domani/"] == "no campaign term on the page"
    assert reasons[f"{alfa}/2023/10/23/articolo-sparito/"] == "HTTP 404"
    assert reasons[f"{alfa}/2023/10/24/articolo-rimosso/"] == "HTTP 410"
    assert reasons[f"{alfa}/2023/10/25/errore-server/"] == "HTTP 500"
    assert "robots.txt" in reasons[f"{alfa}/privato/2023/lgnet2-riservato/"]
    assert "redirect" in reasons[f"{alfa}/2023/10/26/giro-tondo/"].lower()
    assert "size" in reasons[f"{alfa}/2023/10/27/pagina-enorme/"].lower() or \
        "maxsize" in reasons[f"{alfa}/2023/10/27/pagina-enorme/"].lower()
    assert reasons["http://www.beta.test/feed.xml"] == "not an RSS or Atom feed, or no items"
    assert reasons["http://www.beta.test/sitemap.xml.gz"] == "sitemap: broken gzip file"


def test_recrawl_is_conditional_and_changes_nothing(
    crawled: tuple[Store, Campaign], web: ProxyWeb
) -> None:
    store, campaign = crawled
    before = store.counts(campaign.slug)
    web.seen.clear()
    pipeline.crawl(store, campaign)
    latina = [s for s in web.seen if s.path.startswith("/2023/10/18/lgnet2-latina/")]
    assert latina and latina[0].headers.get("if-none-match", "").startswith('"')
    assert store.pending_pages(campaign.slug) == []
    assert pipeline.extract(store, campaign).done == 0
    assert store.counts(campaign.slug) == before


GAMMA = """
[project]
name = "Gamma"
[[terms]]
term = "LgNet2"
[sources]
feeds = ["http://www.gamma.test/feed.xml"]
[crawl]
concurrency_per_domain = 1
"""


def test_interrupted_crawl_resumes_without_duplicates(web: ProxyWeb, tmp_path: Path) -> None:
    campaign = campaign_at(tmp_path, GAMMA)
    store = open_store(tmp_path / "s.db")
    pipeline.crawl(store, campaign, max_pages=10)
    assert store.counts(campaign.slug)["pages"] == 10
    assert jobdir_for(store.path, campaign).exists()
    pipeline.crawl(store, campaign, max_pages=10)  # the next ten
    assert store.counts(campaign.slug)["pages"] == 20
    pipeline.crawl(store, campaign)
    assert store.counts(campaign.slug)["pages"] == sites.GAMMA_ARTICLES
    articles = Counter(s.path for s in web.seen if s.path.startswith("/2023/11/"))
    assert len(articles) == sites.GAMMA_ARTICLES and set(articles.values()) == {1}
    assert not jobdir_for(store.path, campaign).exists()  # finished: the next run starts anew


def test_page_budget_per_domain(web: ProxyWeb, tmp_path: Path) -> None:
    campaign = campaign_at(tmp_path, GAMMA + "max_pages_per_domain = 12\n")
    store = open_store(tmp_path / "s.db")
    pipeline.crawl(store, campaign)
    reasons = [r.reason for r in store.rejections(campaign.slug)]
    # the feed is one of the twelve pages: eleven articles, the others refused
    assert store.counts(campaign.slug)["pages"] == sites.GAMMA_ARTICLES
    assert len([a for a in store.rejections(campaign.slug)]) == sites.GAMMA_ARTICLES - 11
    assert set(reasons) == {"IgnoreRequest: page budget of 12 for gamma.test reached"}


@pytest.mark.parametrize("concurrency", [1, 4])
def test_max_pages_is_a_hard_cap(web: ProxyWeb, tmp_path: Path, concurrency: int) -> None:
    text = GAMMA.replace("concurrency_per_domain = 1", f"concurrency_per_domain = {concurrency}")
    campaign = campaign_at(tmp_path, text)
    store = open_store(tmp_path / "s.db")
    pipeline.crawl(store, campaign, max_pages=7)
    articles = [s.path for s in web.seen if s.path.startswith("/2023/11/")]
    assert len(articles) == 7 and store.counts(campaign.slug)["pages"] == 7
    assert store.rejections(campaign.slug) == []  # the pages left are for the next run


def test_negative_max_pages_is_refused(web: ProxyWeb, tmp_path: Path) -> None:
    campaign = campaign_at(tmp_path, GAMMA)
    db = tmp_path / "s.db"
    result = CliRunner().invoke(app, ["crawl", "--db", str(db), "--campaign",
                                      str(campaign.path), "--max-pages", "-3"])
    assert result.exit_code == 1
    assert result.output.strip() == "error: --max-pages must be 0 (no limit) or more, not -3"
    assert not db.exists() and not web.seen


FAILING = """
[project]
name = "Tutto rotto"
[[terms]]
term = "LgNet2"
[sources]
feeds = ["http://www.beta.test/feed.xml"]
sitemaps = ["http://www.delta.test/sitemap.xml.gz"]
sites = ["http://www.nessuno.test/"]
"""


def test_a_crawl_whose_sources_all_failed_exits_1_with_one_line(
    web: ProxyWeb, tmp_path: Path
) -> None:
    campaign = campaign_at(tmp_path, FAILING)
    result = CliRunner().invoke(app, ["crawl", "--db", str(tmp_path / "s.db"),
                                      "--campaign", str(campaign.path)])
    assert result.exit_code == 1, result.output
    (line,) = [line for line in result.output.splitlines() if "error:" in line]
    assert line.startswith("error: crawl: all 3 sources failed (")
    assert line.endswith("): nothing fetched")
    for url, reason in [("http://www.beta.test/feed.xml", "not an RSS or Atom feed"),
                        ("http://www.delta.test/sitemap.xml.gz", "sitemap: broken gzip file"),
                        ("http://www.nessuno.test/", "HTTP 404")]:
        assert f"{url}: {reason}" in line
    assert "Traceback" not in result.output


def test_corrupt_gzip_sitemap_is_reported_like_any_broken_source(
    web: ProxyWeb, tmp_path: Path
) -> None:
    campaign = campaign_at(tmp_path, GAMMA.replace(
        "[crawl]", 'sitemaps = ["http://www.delta.test/sitemap.xml.gz"]\n[crawl]'))
    store = open_store(tmp_path / "s.db")
    pipeline.crawl(store, campaign)
    reasons = {r.url: r.reason for r in store.rejections(campaign.slug)}
    assert reasons == {"http://www.delta.test/sitemap.xml.gz": "sitemap: broken gzip file"}
    assert store.counts(campaign.slug)["pages"] == sites.GAMMA_ARTICLES + 1


def test_a_source_that_failed_then_answered_is_no_longer_reported(
    web: ProxyWeb, tmp_path: Path
) -> None:
    campaign = campaign_at(tmp_path, GAMMA.replace(
        'feeds = ["', 'feeds = ["http://www.delta.test/feed.xml", "'))
    store = open_store(tmp_path / "s.db")
    DELTA_DOWN.add("feed")
    try:
        pipeline.crawl(store, campaign)
    finally:
        DELTA_DOWN.discard("feed")
    assert [(r.url, r.reason) for r in store.rejections(campaign.slug)] == [
        ("http://www.delta.test/feed.xml", "HTTP 503")]
    pipeline.crawl(store, campaign)
    assert store.rejections(campaign.slug) == []
    report = CliRunner().invoke(app, ["crawl", "--report", "--db", str(store.path),
                                      "--campaign", str(campaign.path)])
    assert "feed.xml" not in report.output and "0 pages left out" in report.output
    assert store.counts(campaign.slug)["pages"] == sites.GAMMA_ARTICLES
