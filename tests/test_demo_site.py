"""The demo news web: its data, its pages, and the server that acts as a proxy target.

No network: the only sockets are to 127.0.0.1.
"""

from __future__ import annotations

import csv
import http.client
import re
import tomllib
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser

import pytest

from rassegna.demo import CAMPAIGN_FILE, REGISTRY_FILE, site
from rassegna.demo.model import CATEGORIES
from rassegna.demo.server import DemoWeb
from tests.sites import as_proxy

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
TERM_RE = re.compile(r"lg\s*-?\s*net\s*-?\s*2", re.IGNORECASE)


@pytest.fixture(scope="module")
def web() -> Iterator[DemoWeb]:
    # as_proxy clears no_proxy: urllib skips the proxy for the hosts listed there
    with as_proxy(DemoWeb()) as server:
        yield server


def fetch(web: DemoWeb, url: str) -> tuple[int, str, bytes]:
    """GET ``url`` through the demo web used as HTTP proxy."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": web.proxy_url}))
    with opener.open(url, timeout=10) as response:
        return response.status, response.headers["Content-Type"], response.read()


def outlet(host: str) -> site.DemoOutlet:
    found = site.outlet_for(host)
    assert found is not None
    return found


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.links: list[dict[str, str | None]] = []
        self.metas: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        data = dict(attrs)
        if tag == "a" and data.get("href"):
            self.hrefs.append(str(data["href"]))
        elif tag == "link":
            self.links.append(data)
        elif tag == "meta":
            self.metas.append(data)


def parse_html(body: bytes) -> _Links:
    parser = _Links()
    parser.feed(body.decode("utf-8"))
    return parser


def feed_links(outlet: site.DemoOutlet, body: bytes) -> list[str]:
    root = ET.fromstring(body)
    if outlet.feed_kind == "atom":
        assert root.tag == f"{ATOM}feed"
        return [
            str(link.get("href"))
            for entry in root.iter(f"{ATOM}entry")
            for link in entry.iter(f"{ATOM}link")
        ]
    assert root.tag == "rss" and root.get("version") == "2.0"
    return [str(item.findtext("link")) for item in root.iter("item")]


def sitemap_locs(web: DemoWeb, url: str) -> list[str]:
    """Article URLs listed by the sitemap at ``url``, following a sitemap index."""
    _, _, body = fetch(web, url)
    root = ET.fromstring(body)
    if root.tag == f"{SM}sitemapindex":
        return [
            loc for child in root.iter(f"{SM}loc") for loc in sitemap_locs(web, str(child.text))
        ]
    assert root.tag == f"{SM}urlset"
    return [str(loc.text) for loc in root.iter(f"{SM}loc")]


# ------------------------------------------------------------------- the server


def test_feed_through_proxy(web: DemoWeb) -> None:
    pontina = outlet("www.cronacapontina.test")
    status, content_type, body = fetch(web, pontina.feed_url)
    assert status == 200
    assert content_type == "application/rss+xml"
    assert feed_links(pontina, body) == [a.url for a in site.articles_of(pontina)]
    assert web.proxy_url.startswith("http://127.0.0.1:")


def test_atom_feed(web: DemoWeb) -> None:
    atom = [o for o in site.OUTLETS if o.feed_kind == "atom"]
    assert len(atom) == 1
    status, content_type, body = fetch(web, atom[0].feed_url)
    assert (status, content_type) == (200, "application/atom+xml")
    assert feed_links(atom[0], body) == [a.url for a in site.articles_of(atom[0])]
    with pytest.raises(urllib.error.HTTPError) as err:
        fetch(web, atom[0].base_url + "/feed.xml")
    assert err.value.code == 404


def test_sitemap_index_and_child(web: DemoWeb) -> None:
    indexed = [o for o in site.OUTLETS if o.sitemap_index]
    assert len(indexed) == 1
    agency = indexed[0]
    status, content_type, body = fetch(web, agency.sitemap_url)
    assert (status, content_type) == (200, "application/xml")
    root = ET.fromstring(body)
    assert root.tag == f"{SM}sitemapindex"
    children = [str(loc.text) for loc in root.iter(f"{SM}loc")]
    assert children == [f"{agency.base_url}/sitemap-articles.xml"]
    _, _, child = fetch(web, children[0])
    locs = [str(loc.text) for loc in ET.fromstring(child).iter(f"{SM}loc")]
    assert locs == [a.url for a in site.articles_of(agency)]


def test_robots_txt(web: DemoWeb) -> None:
    for o in site.OUTLETS:
        status, content_type, body = fetch(web, o.robots_url)
        assert status == 200
        assert content_type.startswith("text/plain")
        lines = body.decode("ascii").splitlines()
        assert "Disallow: /riservato/" in lines
        assert f"Sitemap: {o.sitemap_url}" in lines


def test_article_page(web: DemoWeb) -> None:
    article = next(a for a in site.ARTICLES if a.path == "/2023/10/18/lgnet2-latina/")
    assert site.article_url(article) == "http://www.cronacapontina.test/2023/10/18/lgnet2-latina/"
    status, content_type, body = fetch(web, site.article_url(article))
    assert (status, content_type) == (200, "text/html; charset=utf-8")
    page = parse_html(body)
    assert {"charset": "utf-8"} in page.metas
    assert {"rel": "canonical", "href": article.url} in page.links
    text = body.decode("utf-8")
    assert article.paragraphs[2].replace("'", "&#x27;") in text
    assert "Alice Gipponi" in text
    assert "Non ci sono commenti, vuoi farlo tu?" in text


def test_plain_request_with_host_header(web: DemoWeb) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", web.port, timeout=10)
    try:
        conn.request("GET", "/robots.txt", headers={"Host": "www.farogiuliano.test"})
        response = conn.getresponse()
        body = response.read()
        assert response.status == 200
        assert int(response.headers["Content-Length"]) == len(body)
        assert b"Sitemap: http://www.farogiuliano.test/sitemap.xml" in body
        conn.request("HEAD", "/", headers={"Host": "www.farogiuliano.test:80"})
        response = conn.getresponse()
        assert response.status == 200
        assert int(response.headers["Content-Length"]) > 0
        assert response.read() == b""
    finally:
        conn.close()


def test_not_found(web: DemoWeb) -> None:
    for url in (
        "http://www.unknown-outlet.test/feed.xml",
        "http://www.cronacapontina.test/non-esiste/",
        "http://www.cronacapontina.test/2023/10/18/lgnet2-latina",  # no trailing slash
    ):
        with pytest.raises(urllib.error.HTTPError) as err:
            fetch(web, url)
        assert err.value.code == 404
    assert site.render("www.unknown-outlet.test", "/") is None


def test_alias_host_serves_the_same_pages(web: DemoWeb) -> None:
    tv = next(o for o in site.OUTLETS if o.aliases)
    _, _, main = fetch(web, tv.feed_url)
    _, _, alias = fetch(web, f"http://{tv.aliases[0]}{tv.feed_path}")
    assert main == alias


def test_every_article_in_its_feed_and_sitemap(web: DemoWeb) -> None:
    for o in site.OUTLETS:
        expected = {a.url for a in site.articles_of(o)}
        assert expected
        _, _, body = fetch(web, o.feed_url)
        assert set(feed_links(o, body)) == expected, o.host
        assert set(sitemap_locs(web, o.sitemap_url)) == expected, o.host


def test_home_page(web: DemoWeb) -> None:
    for o in site.OUTLETS:
        status, content_type, body = fetch(web, o.home_url)
        assert (status, content_type) == (200, "text/html; charset=utf-8")
        page = parse_html(body)
        assert {"charset": "utf-8"} in page.metas
        kinds = {link.get("type") for link in page.links if link.get("rel") == "alternate"}
        assert kinds & {"application/rss+xml", "application/atom+xml"}
        article_paths = [a.path for a in site.articles_of(o)]
        assert set(article_paths) <= set(page.hrefs)
        dates = [a.published for a in site.articles_of(o)]
        assert dates == sorted(dates, reverse=True)


def test_every_page_renders() -> None:
    for a in site.ARTICLES:
        result = site.render(a.outlet, a.path)
        assert result is not None
        status, content_type, body = result
        assert (status, content_type) == (200, "text/html; charset=utf-8")
        page = parse_html(body)
        assert {"rel": "canonical", "href": a.url} in page.links
        assert {"charset": "utf-8"} in page.metas
    for o in site.OUTLETS:
        for key, _ in o.sections:
            assert site.render(o.host, f"/{key}/") is not None
        assert site.render(o.host, "/riservato/") is not None


def test_templates_differ() -> None:
    assert len({o.template for o in site.OUTLETS}) == len(site.OUTLETS)
    skeletons = set()
    for o in site.OUTLETS:
        first = site.articles_of(o)[0]
        result = site.render(o.host, first.path)
        assert result is not None
        classes = frozenset(re.findall(r'class="([^"]+)"', result[2].decode("utf-8")))
        skeletons.add(classes)
    assert len(skeletons) == len(site.OUTLETS)


# --------------------------------------------------------------------- the data


def test_outlets() -> None:
    assert len(site.OUTLETS) >= 7
    hosts = [h for o in site.OUTLETS for h in o.hosts]
    assert len(hosts) == len(set(hosts))
    assert all(h.endswith(".test") for h in hosts)
    categories = Counter(o.category for o in site.OUTLETS)
    assert set(categories) == set(CATEGORIES)
    assert categories["Quotidiani e quotidiani online"] >= 2
    assert any(o.audience is None for o in site.OUTLETS)
    for o in site.OUTLETS:
        if o.audience is None:
            assert o.audience_source == "" and o.survey == ""
        else:
            assert o.audience > 0 and o.audience_source


def test_registry_matches_outlets() -> None:
    with REGISTRY_FILE.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == [
            "testata",
            "domini",
            "categoria",
            "audience",
            "fonte",
            "rilevazione",
            "note",
        ]
        rows = list(reader)
    registered = [o for o in site.OUTLETS if o.registered]
    assert len(registered) < len(site.OUTLETS)  # the office does not know every outlet
    for o in site.OUTLETS:
        if not o.registered:
            assert o.audience is None and not o.listed and o.category in CATEGORIES
    for row, o in zip(rows, registered, strict=True):
        assert row["testata"] == o.testata
        assert row["domini"].split(";") == list(o.domains)
        assert not any(d.startswith("www.") for d in row["domini"].split(";"))
        assert row["categoria"] == o.category
        assert row["audience"] == ("" if o.audience is None else str(o.audience))
        assert row["fonte"] == o.audience_source
        assert row["rilevazione"] == o.survey
        assert row["note"] == o.note


def test_campaign_file() -> None:
    with CAMPAIGN_FILE.open("rb") as handle:
        campaign = tomllib.load(handle)
    assert campaign["project"]["name"] == "LgNet2"
    assert campaign["terms"] == [{"term": "LgNet2", "variants": ["Local Government Network 2"]}]
    assert campaign["period"] == {"start": date(2023, 10, 1), "end": date(2023, 12, 31)}
    sources = campaign["sources"]
    listed = [o for o in site.OUTLETS if o.listed]
    assert sources["feeds"] == [o.feed_url for o in listed]
    assert sources["sitemaps"] == [o.sitemap_url for o in listed]
    assert sources["start_urls"] == [] and sources["url_lists"] == []
    assert sources["news_search"] == ["google-news", "bing-news", "gdelt"]
    assert len(sources["alerts"]) == 1
    # the outlets only search leads to are named nowhere in the campaign file
    text = CAMPAIGN_FILE.read_text(encoding="utf-8")
    unlisted = [o for o in site.OUTLETS if not o.listed]
    assert len(unlisted) >= 3 and not any(d in text for o in unlisted for d in o.domains)
    assert campaign["review"]["highlights"] == 5
    assert (CAMPAIGN_FILE.parent / campaign["registry"]["file"]) == REGISTRY_FILE
    start, end = campaign["period"]["start"], campaign["period"]["end"]
    # one article precedes the period: an announcement that only an engine returns
    (early,) = (a for a in site.ARTICLES if not start <= a.published.date() <= end)
    assert not site.outlet_for(early.outlet).listed and not early.about_campaign
    assert early.term_spelling and early.published.date() < start


def test_articles() -> None:
    assert 50 <= len(site.ARTICLES) <= 60
    urls = [a.url for a in site.ARTICLES]
    assert len(urls) == len(set(urls))
    for a in site.ARTICLES:
        assert date(2023, 9, 1) <= a.published.date() <= date(2023, 12, 15)
        assert a.published.tzinfo is not None
        assert site.outlet_for(a.outlet) is not None
        assert a.paragraphs and all(p.strip() for p in a.paragraphs)
    authors = {a.author for a in site.ARTICLES}
    assert "Redazione" in authors and None in authors and "Alice Gipponi" in authors
    assert any(a.subtitle for a in site.ARTICLES)


def test_release_copies() -> None:
    copies = Counter(a.release for a in site.ARTICLES if a.release)
    assert copies == {"latina": 6, "perugia": 5, "trieste": 4}
    per_outlet = Counter((a.release, a.outlet) for a in site.ARTICLES if a.release)
    assert max(per_outlet.values()) == 1
    kinds = {a.copy_kind for a in site.ARTICLES if a.release}
    assert kinds == {"verbatim", "new_title", "drop_last", "reworded_first", "lead_only"}
    for a in site.ARTICLES:
        if a.release:
            assert a.about_campaign
            release = site.RELEASES[a.release]
            assert TERM_RE.search(a.text)
            if a.copy_kind == "lead_only":
                assert len(a.paragraphs) == 1
            if a.copy_kind == "drop_last":
                assert len(a.paragraphs) == len(release.paragraphs) - 1


def test_releases_share_the_boilerplate() -> None:
    releases = list(site.RELEASES.values())
    assert [r.key for r in releases] == ["latina", "perugia", "trieste"]
    boilerplate = {r.paragraphs[-1] for r in releases}
    assert len(boilerplate) == 1
    for r in releases:
        assert 4 <= len(r.paragraphs) <= 6
        assert r.speaker in " ".join(r.paragraphs)
    assert len({r.paragraphs[1] for r in releases}) == 3


def test_original_campaign_articles() -> None:
    originals = [a for a in site.ARTICLES if a.about_campaign and a.release is None]
    assert 6 <= len(originals) <= 10
    assert any(not site.outlet_for(a.outlet).listed for a in originals)
    assert all(TERM_RE.search(a.text) for a in originals)


def test_term_spellings() -> None:
    campaign = [a for a in site.ARTICLES if a.about_campaign]
    spellings = Counter(a.term_spelling for a in campaign)
    assert {"LGNET 2", "LgNet-2", "Lgnet2"} <= set(spellings)
    assert spellings.most_common(1)[0][0] == "LgNet2"
    for a in campaign:
        assert a.term_spelling is not None and a.term_spelling in a.text
        others = set(site.TERM_SPELLINGS) - {a.term_spelling}
        assert not any(s in a.text for s in others)


def test_news_not_about_the_campaign() -> None:
    other = [a for a in site.ARTICLES if not a.about_campaign]
    assert len(other) >= 19  # 18 plain news and the trap
    assert {a.outlet for a in other} == {o.host for o in site.OUTLETS}
    for a in other:
        # only the announcement before the period names the campaign in its own text
        named = bool(TERM_RE.search(a.text) or TERM_RE.search(a.title))
        assert named == bool(a.term_spelling), a.path
        result = site.render(a.outlet, a.path)
        assert result is not None
        mentions = bool(TERM_RE.search(result[2].decode("utf-8")))
        assert mentions == (a.is_trap or named), a.path


def test_trap() -> None:
    traps = [a for a in site.ARTICLES if a.is_trap]
    assert len(traps) == 1
    trap = traps[0]
    assert not trap.about_campaign and trap.release is None
    assert not TERM_RE.search(trap.text)
    related = site.related_articles(trap)
    assert any(TERM_RE.search(a.title) for a in related)
    result = site.render(trap.outlet, trap.path)
    assert result is not None
    assert "LgNet2" in result[2].decode("utf-8")


# ------------------------------------------------------------------ the engines


def test_the_demo_engines_answer_in_their_formats_with_what_they_indexed() -> None:
    import json
    from urllib.parse import urlencode

    from rassegna.demo import engines

    period = '"LgNet2" after:2023-10-01 before:2024-01-01'
    status, kind, body = engines.render(
        "news.google.com", "/rss/search?" + urlencode({"q": period, "hl": "it"}))
    items = ET.fromstring(body).findall("./channel/item")
    assert status == 200 and kind.startswith("application/rss+xml") and len(items) >= 10
    assert all(i.findtext("link", "").startswith("https://news.google.com/rss/articles/")
               and i.find("source") is not None for i in items)
    announced = next(a for a in site.ARTICLES if a.published.year == 2023
                     and a.published.month == 9)
    titles = {i.findtext("title", "") for i in items}
    assert not any(t.startswith(announced.title) for t in titles)  # Google keeps the period
    _, _, body = engines.render("www.bing.com", "/news/search?" + urlencode({"q": '"LgNet2"'}))
    bing = ET.fromstring(body).findall("./channel/item")
    assert announced.title in {i.findtext("title") for i in bing}  # Bing has no dates
    assert all("apiclick.aspx" in i.findtext("link", "") for i in bing)
    _, _, body = engines.render("api.gdeltproject.org", "/api/v2/doc/doc?" + urlencode(
        {"query": '"LgNet2" sourcelang:italian', "maxrecords": "2",
         "startdatetime": "20231001000000", "enddatetime": "20231231235959"}))
    records = json.loads(body)["articles"]
    assert len(records) == 2 and {"url", "title", "seendate", "domain"} <= set(records[0])
    # a phrase no page holds, and a request no engine serves
    _, _, body = engines.render("www.bing.com", "/news/search?q=%22nessuna+pagina%22")
    assert ET.fromstring(body).findall("./channel/item") == []
    assert engines.render("news.google.com", "/altro") is None
