"""Discovery through news search engines and alerts, against fixture engines.

The engines answer in their real formats (Google News RSS with ``<source>`` and
``rss/articles/<id>`` links, Bing's RSS with ``apiclick.aspx`` links, GDELT's DOC 2.0
JSON, a Google Alerts Atom feed with ``google.com/url`` links), written by us and served
through the local proxy under the engines' own host names; ``[news_search.endpoints]``
points the campaign at them over plain HTTP, with the real parameters.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from common.errors import ConfigError, CrawlError
from crawler.sources.engines import bing_news, google_news
from crawler.urls import unwrap_redirect
from rassegna import pipeline
from rassegna.campaign import load_campaign
from rassegna.cli import app
from rassegna.crawling import run_crawl
from rassegna.demo import engines
from rassegna.demo.engines import batch_answer, bing_link, google_id
from rassegna.demo.server import ProxyWeb, Reply
from rassegna.store import open_store
from tests import sites

OUTLET = "http://www.cronaca-valle.test"
ABOUT = [f"{OUTLET}/2023/10/{n:02d}/lgnet2-tappa-{n}/" for n in (12, 14, 20, 25)]
KNOWN = "http://www.testata-nota.test/2023/10/13/lgnet2-a-nota/"  # an outlet the registry has
# a portal's copy, found by an engine, and the original it credits, which none found
AGGREGATED = "http://notizie.virgilio.it/cronaca/lgnet2-tappa-a-valle-123456.html"
ORIGINAL = f"{OUTLET}/2023/10/18/lgnet2-originale/"
ON_ITS_FEED = f"{OUTLET}/2023/11/02/lgnet2-di-nuovo/"  # no engine points to it
PASSING = f"{OUTLET}/2023/10/15/mercato-coperto/"  # no campaign term on the page
GONE = f"{OUTLET}/2023/10/16/articolo-rimosso/"
OLD = f"{OUTLET}/2022/03/01/lgnet-vecchio/"


def google_link(url: str) -> str:
    """A Google News item link of the older form."""
    return engines.google_link(google_id(url))


NEWER_ID = google_id("AU_yqLNuovoFormatoDiGoogleNewsConUnTokenOpaco")
NEWER_TARGET = f"{OUTLET}/2023/10/16/lgnet2-dal-nuovo-link/"  # what Google decodes it to
OPAQUE_ID = google_id("AU_yqLUnAltroTokenCheGoogleNonSciogliePiu")  # its page gives nothing
# another that Google does not resolve, found by its title in its outlet's own feed
BY_TITLE_ID = google_id("AU_yqLUnTerzoTokenRitrovatoPerTitolo")
BY_TITLE = f"{OUTLET}/2023/10/17/lgnet2-la-tappa-ritrovata/"
# one more, not in the feed either: found in the outlet's sitemap, among the pages of its day
BY_SITEMAP_ID = google_id("AU_yqLUnQuartoTokenCercatoNellaSitemap")
BY_SITEMAP = f"{OUTLET}/2023/10/19/valle-accoglie-la-rete/"
SAME_DAY = f"{OUTLET}/2023/10/19/sagra-delle-castagne/"


def rss(items: list[tuple[str, str, str]]) -> bytes:
    body = "".join(
        f"<item><title>{title}</title><link>{link.replace('&', '&amp;')}</link>"
        f"<pubDate>{day}</pubDate><source url='{OUTLET}'>Cronaca della Valle</source></item>"
        for title, link, day in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>ricerca</title>{body}'
            "</channel></rss>").encode()


def gdelt(urls: list[str]) -> bytes:
    return json.dumps({"articles": [
        {"url": u, "title": "LgNet2", "seendate": "20231020T101500Z", "domain":
         "cronaca-valle.test", "language": "Italian", "sourcecountry": "Italy"} for u in urls
    ]}).encode()


def render(host: str, path: str, headers: dict[str, str]) -> Reply | None:
    parts = urlsplit(path)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    if parts.path == "/robots.txt":
        return sites.ROBOTS_ALLOW_ALL
    if host == "news.google.com" and parts.path == "/rss/search":
        assert query["hl"] == "it" and query["gl"] == "IT" and query["ceid"] == "IT:it"
        assert query["q"] == '"LgNet2" after:2023-10-01 before:2024-01-01'
        return Reply(body=rss([
            ("Tappa LgNet2 a Valle", google_link(ABOUT[0]), "Thu, 12 Oct 2023 08:00:00 GMT"),
            ("Il mercato coperto", google_link(PASSING), "Sun, 15 Oct 2023 08:00:00 GMT"),
            ("Un nuovo link", f"https://news.google.com/rss/articles/{NEWER_ID}?oc=5",
             "Mon, 16 Oct 2023 08:00:00 GMT"),
            ("Un link opaco", f"https://news.google.com/rss/articles/{OPAQUE_ID}?oc=5",
             "Mon, 16 Oct 2023 09:00:00 GMT"),
            ("LgNet2, la tappa ritrovata - Cronaca della Valle",
             f"https://news.google.com/rss/articles/{BY_TITLE_ID}?oc=5",
             "Tue, 17 Oct 2023 09:00:00 GMT"),
            ("LgNet, l'anno scorso", google_link(OLD), "Tue, 01 Mar 2022 08:00:00 GMT"),
            ("La Valle accoglie la rete LgNet2 - Cronaca della Valle",
             engines.google_link(BY_SITEMAP_ID), "Thu, 19 Oct 2023 09:00:00 GMT"),
        ]), content_type="application/rss+xml")
    if host == "news.google.com" and parts.path == f"/articles/{NEWER_ID}":
        return Reply(body=b"<html><body><c-wiz><div jscontroller='aLI87' data-n-a-sg='AV_sig1'"
                     b" data-n-a-ts='1697443200'></div></c-wiz></body></html>")
    if host == "news.google.com" and parts.path in (f"/articles/{OPAQUE_ID}",
                                                    f"/articles/{BY_TITLE_ID}",
                                                    f"/articles/{BY_SITEMAP_ID}"):
        return Reply(body=b"<html><body><p>Prima di continuare</p></body></html>")
    if host == "news.google.com" and parts.path == "/_/DotsSplashUi/data/batchexecute":
        call = json.loads(json.loads(parse_qs(headers[":body"])["f.req"][0])[0][0][1])
        assert call[0] == "garturlreq" and call[2:] == [NEWER_ID, 1697443200, "AV_sig1"]
        return Reply(body=batch_answer(NEWER_TARGET), content_type="application/json")
    if host == "www.bing.com" and parts.path == "/news/search":
        assert (query["format"], query["setlang"], query["cc"]) == ("rss", "it-IT", "IT")
        return Reply(body=rss([
            ("Tappa LgNet2", bing_link(ABOUT[1]), "Sat, 14 Oct 2023 08:00:00 GMT"),
            ("Tappa LgNet2 a Valle", bing_link(ABOUT[0]), "Thu, 12 Oct 2023 09:00:00 GMT"),
            ("Rimosso", bing_link(GONE), "Mon, 16 Oct 2023 08:00:00 GMT"),
            ("LgNet2 alla Nota", bing_link(KNOWN), "Fri, 13 Oct 2023 08:00:00 GMT"),
            ("LgNet2 a Valle", bing_link(AGGREGATED), "Wed, 18 Oct 2023 09:00:00 GMT"),
        ]), content_type="application/rss+xml")
    if host == "api.gdeltproject.org" and parts.path == "/api/v2/doc/doc":
        assert query["query"] == '"LgNet2" sourcelang:italian'
        assert (query["mode"], query["format"], query["maxrecords"]) == ("artlist", "json", "250")
        start, end = query["startdatetime"], query["enddatetime"]
        if (start, end) == ("20231001000000", "20231231235959"):  # the cap: split it
            return Reply(body=gdelt([f"{OUTLET}/riempitivo-{n}/" for n in range(250)]),
                         content_type="application/json")
        return Reply(body=gdelt([ABOUT[2]] if start == "20231001000000" else []),
                     content_type="application/json")
    if host == "www.google.com" and parts.path.startswith("/alerts/feeds/"):
        link = f"https://www.google.com/url?rct=j&sa=t&url={quote(ABOUT[3], safe='')}&ct=ga"
        return Reply(body=(
            '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Google Alert - LgNet2</title><entry><title>LgNet2</title>"
            f'<link href="{link.replace("&", "&amp;")}"/></entry></feed>').encode(),
            content_type="application/atom+xml")
    if host == "www.cronaca-valle.test" and parts.path == "/":
        return Reply(body=b"<html><head><title>Cronaca della Valle</title><link rel='alternate' "
                     b"type='application/rss+xml' href='/feed.xml'></head><body></body></html>")
    if host == "www.cronaca-valle.test" and parts.path == "/sitemap.xml":  # robots names none
        urls = "".join(f"<url><loc>{url}</loc><lastmod>{day}</lastmod></url>" for url, day in (
            (ABOUT[0], "2023-10-12"), (SAME_DAY, "2023-10-19"), (BY_SITEMAP, "2023-10-19")))
        return Reply(body=('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/'
                           f'schemas/sitemap/0.9">{urls}</urlset>').encode(),
                     content_type="application/xml")
    if host == "www.cronaca-valle.test" and f"http://{host}{parts.path}" == BY_SITEMAP:
        return Reply(body=sites.article("La Valle accoglie la rete LgNet2", sites.para(
            "Il progetto LgNet2 dell'ANCI arriva in valle.")).encode())
    if host == "www.cronaca-valle.test" and f"http://{host}{parts.path}" == SAME_DAY:
        return Reply(body=sites.article("Sagra delle castagne", sites.para(
            "Torna la sagra d'autunno.")).encode())
    if host == "www.cronaca-valle.test" and parts.path == "/feed.xml":
        return Reply(body=rss([("Di nuovo LgNet2", ON_ITS_FEED, "Thu, 02 Nov 2023 08:00:00 GMT"),
                               ("LgNet2, la tappa ritrovata", BY_TITLE,
                                "Tue, 17 Oct 2023 08:00:00 GMT")]),
                     content_type="application/rss+xml")
    if host == "notizie.virgilio.it" and f"http://{host}{parts.path}" == AGGREGATED:
        return Reply(body=sites.article("LgNet2 fa tappa a Valle", sites.para(
            "Il progetto LgNet2 dell'ANCI arriva in città.") + (
            f"<p>Fonte: <a href='{ORIGINAL}'>Cronaca della Valle</a></p>")).encode())
    if host in ("www.cronaca-valle.test", "www.testata-nota.test"):
        url = f"http://{host}{parts.path}"
        if url in [*ABOUT, KNOWN, ON_ITS_FEED, ORIGINAL, NEWER_TARGET, BY_TITLE]:
            return Reply(body=sites.article("LgNet2 fa tappa", sites.para(
                "Il progetto LgNet2 dell'ANCI arriva in città con l'assessore.")).encode())
        if url == PASSING:
            return Reply(body=sites.article("Il mercato", sites.para(
                "Riapre il mercato coperto del centro.")).encode())
    return None


REGISTRY = ("testata,domini,categoria,audience\n"
            "La Nota,testata-nota.test,Periodici e periodici online,12000\n")
CAMPAIGN = """
[registry]
file = "outlets.csv"
[project]
name = "Scoperta"
[[terms]]
term = "LgNet2"
[period]
start = 2023-10-01
end = 2023-12-31
[sources]
news_search = ["google-news", "bing-news", "gdelt"]
alerts = ["http://www.google.com/alerts/feeds/0123/4567"]
[news_search.endpoints]
google-news = "http://news.google.com/rss/search"
bing-news = "http://www.bing.com/news/search"
gdelt = "http://api.gdeltproject.org/api/v2/doc/doc"
"""


def write_campaign(tmp_path: Path, text: str = CAMPAIGN) -> Path:
    (tmp_path / "outlets.csv").write_text(REGISTRY, encoding="utf-8")
    (tmp_path / "c.toml").write_text(text, encoding="utf-8")
    return tmp_path / "c.toml"


def test_engines_and_alerts_find_the_uscite_they_point_to_and_nothing_else(
    tmp_path: Path,
) -> None:
    write_campaign(tmp_path)
    campaign = load_campaign(tmp_path / "c.toml")
    with sites.as_proxy(ProxyWeb(render)) as web:
        run_crawl(campaign, tmp_path / "s.db")
        seen = list(web.seen)
    store = open_store(tmp_path / "s.db")
    try:
        found = {p.url for p in store.pending_pages(campaign.slug)}
        rejected = {r.url: r for r in store.rejections(campaign.slug)}
        ways = store.found_via_counts(campaign.slug)
    finally:
        store.close()
    assert found == {*ABOUT, KNOWN, AGGREGATED, ORIGINAL, NEWER_TARGET, BY_TITLE, BY_SITEMAP}
    assert ways[f"original of {AGGREGATED}"] == 1  # the portal's copy led to it
    assert "no campaign term" in rejected[PASSING].reason
    assert rejected[PASSING].found_via.startswith("google-news")
    assert rejected[GONE].reason == "HTTP 404"
    opaque = next(r for url, r in rejected.items() if OPAQUE_ID in url)
    assert opaque.reason == ("a newer Google News link whose page gives no decoding "
                             "parameters, its outlet's feed has no item of that title, nor "
                             f"has its sitemap a page of that title: 'Un link opaco' ({OUTLET})")
    assert SAME_DAY not in found and SAME_DAY not in rejected  # compared, not an uscita
    old = next(r for url, r in rejected.items() if url.startswith(OLD))
    assert "outside the period" in old.reason
    fetched = [s.path for s in seen if s.host == "www.cronaca-valle.test"]
    tappe = sorted(p for p in fetched if "lgnet2-tappa-" in p)
    assert tappe == sorted(urlsplit(u).path for u in ABOUT)  # each once
    assert not [p for p in fetched if "riempitivo" in p or "vecchio" in p]  # never fetched
    windows = [s.path for s in seen if s.host == "api.gdeltproject.org" and "doc/doc" in s.path]
    assert len(windows) == 3  # the capped window, then its two halves
    report = CliRunner().invoke(app, ["crawl", "--report", "-c", str(tmp_path / "c.toml"),
                                      "--db", str(tmp_path / "s.db")], env={"COLUMNS": "250"})
    assert report.exit_code == 0, report.output
    google = next(line for line in report.output.splitlines() if "│ google-news" in line)
    for why in ("1 not resolved", "1 outside the period", "1 no term on the page"):
        assert why in google
    bing = next(line for line in report.output.splitlines() if "│ bing-news" in line)
    assert "1 HTTP 404" in bing


def test_an_unknown_engine_is_refused_naming_the_file_and_the_known_ones(tmp_path: Path) -> None:
    write_campaign(tmp_path, CAMPAIGN.replace('"gdelt"]', '"gdlet"]'))
    with pytest.raises(ConfigError, match=r"c\.toml: \[sources\] news_search: unknown engine "
                                          r"'gdlet' \(known: .*gdelt"):
        load_campaign(tmp_path / "c.toml")
    write_campaign(tmp_path, CAMPAIGN.replace("gdelt = ", "gdlet = "))
    with pytest.raises(ConfigError, match=r"\[news_search.endpoints\]: unknown engine 'gdlet'"):
        load_campaign(tmp_path / "c.toml")


@given(st.from_regex(r"https?://[a-z0-9.-]{1,40}\.it/[A-Za-z0-9/_.~%-]{0,300}", fullmatch=True))
def test_an_old_google_news_id_decodes_to_its_url(url: str) -> None:
    assert google_news.article_url(google_link(url)) == (url, "")


@given(st.text(max_size=80))
def test_a_google_news_id_never_crashes_the_decoder(ident: str) -> None:
    url, why = google_news.article_url(f"https://news.google.com/rss/articles/{quote(ident)}")
    assert bool(url) != bool(why)


def test_redirectors_are_unwrapped_and_other_links_kept() -> None:
    target = "https://www.cronaca-valle.test/2023/10/12/a/?id=3&p=2"
    assert unwrap_redirect(bing_link(target)) == target
    assert bing_news.article_url(bing_link(target)) == (target, "")
    assert bing_news.article_url("http://www.bing.com/news/apiclick.aspx?ref=x")[0] == ""
    assert unwrap_redirect(f"https://www.google.com/url?q={quote(bing_link(target))}") == target
    assert unwrap_redirect(target) == target


def test_a_rerun_the_same_day_asks_no_engine(tmp_path: Path) -> None:
    write_campaign(tmp_path)
    campaign = load_campaign(tmp_path / "c.toml")
    engines = {"news.google.com", "www.bing.com", "api.gdeltproject.org", "www.google.com"}
    with sites.as_proxy(ProxyWeb(render)) as web:
        run_crawl(campaign, tmp_path / "s.db")
        first = len(web.seen)
        asked = [s for s in web.seen if s.host in engines - {"www.google.com"}]
        run_crawl(campaign, tmp_path / "s.db")
        again = list(web.seen)[first:]
    assert len(asked) >= 5  # google, bing, gdelt three times (and their robots.txt)
    assert {s.host for s in again} & engines == {"www.google.com"}  # the alert's feed is no engine
    store = open_store(tmp_path / "s.db")
    try:
        assert {p.url for p in store.pending_pages(campaign.slug)} == {
            *ABOUT, KNOWN, AGGREGATED, ORIGINAL, NEWER_TARGET, BY_TITLE, BY_SITEMAP}
    finally:
        store.close()


def test_outlets_list_new_shows_the_domains_discovery_revealed(tmp_path: Path) -> None:
    path = write_campaign(tmp_path)
    campaign = load_campaign(path)
    with sites.as_proxy(ProxyWeb(render)):
        run_crawl(campaign, tmp_path / "s.db")
    store = open_store(tmp_path / "s.db")
    try:
        assert pipeline.extract(store, campaign).done == 10
        pipeline.audience(store, campaign)
        # the archive shows how each uscita was found
        archived = dict(store.db.execute("select url, found_via from uscite").fetchall())
    finally:
        store.close()
    assert archived[ORIGINAL] == f"original of {AGGREGATED}"
    assert archived[ABOUT[3]].startswith(("alert ", "google-news ", "bing-news ", "gdelt "))
    shown = CliRunner().invoke(app, ["show", ORIGINAL, "--db", str(tmp_path / "s.db")],
                               env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert f"[scoperta] original of {AGGREGATED}" in shown.output
    result = CliRunner().invoke(app, ["outlets", "list", "--new", "--campaign", str(path),
                                      "--db", str(tmp_path / "s.db")], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if "cronaca-valle" in line]
    assert len(rows) == 1 and re.search(r"│\s*7\s*│", rows[0])  # its seven uscite
    assert "testata-nota" not in result.output  # the registry knows it
    assert "virgilio.it" in result.output  # the registry does not know the portal either
    assert result.output.rstrip().endswith("2 domini nuovi")
    assert re.search(r"│ (google-news|bing-news|gdelt|alert) ", rows[0])  # how it was found


def test_the_sites_discovery_found_are_watched_by_later_crawls(tmp_path: Path) -> None:
    path = write_campaign(tmp_path)
    campaign = load_campaign(path)
    with sites.as_proxy(ProxyWeb(render)):
        store = open_store(tmp_path / "s.db")
        try:
            first = pipeline.crawl(store, campaign)
            assert "2 sites found by search now watched" in first.detail
            watched = store.discovered_sources(campaign.slug)
            assert {s.url for s in watched} == {f"{OUTLET}/", "http://www.testata-nota.test/"}
            assert ON_ITS_FEED not in {p.url for p in store.pending_pages(campaign.slug)}
            again = pipeline.crawl(store, campaign)  # watches them: the outlet's own feed
            assert "now watched" not in again.detail
            assert ON_ITS_FEED in {p.url for p in store.pending_pages(campaign.slug)}
        finally:
            store.close()
    result = CliRunner().invoke(app, ["sources", "list", "-c", str(path),
                                      "--db", str(tmp_path / "s.db")], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    rows = [[cell.strip() for cell in line.strip("│ ").split("│")]
            for line in result.output.splitlines() if line.startswith("│")]
    pages = {row[1]: (row[0], row[2], int(row[3])) for row in rows if row[3].isdigit()}
    # the outlet's own feed brought the page no engine pointed to; the engines and the
    # alert the nine they did (each page is credited to the way that found it first)
    assert pages[f"{OUTLET}/"][0] == "sites" and pages[f"{OUTLET}/"][2] == 1
    assert pages[f"{OUTLET}/"][1].startswith("scoperta: ")
    assert pages["http://www.testata-nota.test/"][2] == 0
    assert sum(n for kind, origin, n in pages.values() if kind in ("news_search", "alerts")) == 9
    assert "notizie.virgilio.it" not in result.output  # a portal's home is not watched
    assert result.output.rstrip().endswith("6 fonti, 2 scoperte")


def _broken_engines(host: str, path: str, headers: dict[str, str]) -> Reply | None:
    if path == "/robots.txt":
        return sites.ROBOTS_ALLOW_ALL
    if host == "news.google.com":  # a consent page instead of the feed
        return Reply(body=b"<html><body>Prima di continuare su Google</body></html>")
    if host == "api.gdeltproject.org":  # GDELT's errors are plain text
        return Reply(body=b"The specified phrase is too short.", content_type="text/plain")
    if host == "www.bing.com":
        return Reply(status=503, body=b"busy")
    return None


def test_engines_that_answer_badly_are_reported_with_their_reason(tmp_path: Path) -> None:
    path = write_campaign(tmp_path, CAMPAIGN.replace(
        'alerts = ["http://www.google.com/alerts/feeds/0123/4567"]\n', ""))
    campaign = load_campaign(path)
    with sites.as_proxy(ProxyWeb(_broken_engines)):
        with pytest.raises(CrawlError, match="all 3 sources failed"):
            run_crawl(campaign, tmp_path / "s.db")
    store = open_store(tmp_path / "s.db")
    try:
        reasons = {r.reason for r in store.rejections(campaign.slug)}
    finally:
        store.close()
    assert "not a Google News RSS answer" in reasons
    assert "not a GDELT article list (The specified phrase is too short.)" in reasons
    assert "HTTP 503" in reasons  # after Scrapy's retries


def test_a_news_sitemap_gives_its_entries_their_title_and_no_other_title() -> None:
    from crawler.sources.sitemaps import parse_sitemap

    body = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" '
            'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">'
            f"<url><loc>{ABOUT[0]}</loc><news:news><news:title> LgNet2  a Valle </news:title>"
            "</news:news></url>"
            f"<url><loc>{ABOUT[1]}</loc><image:image><image:title>Una foto</image:title>"
            "</image:image></url></urlset>").encode()
    kind, entries = parse_sitemap(body)
    assert kind == "urlset" and [e.title for e in entries] == ["LgNet2 a Valle", ""]


@given(st.text(max_size=60), st.text(max_size=60))
def test_titles_match_is_total_and_finds_a_title_under_its_outlets_name(
    title: str, other: str
) -> None:
    from crawler.sources.engines.by_title import _title_key, titles_match

    titles_match(other, title)  # never raises, whatever the two are
    key = _title_key(title)
    if key and " - " not in key:  # a title that folds to something
        assert titles_match(f"{title} - Cronaca della Valle", title)
        assert titles_match(title, title)
        assert not titles_match(f"{title} e altro - Cronaca della Valle", title)
