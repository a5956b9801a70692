"""Spider callbacks on responses built inline (no network)."""

from __future__ import annotations

import datetime as dt
import gzip

import scrapy
from scrapy.http import HtmlResponse, TextResponse, XmlResponse

from crawler import CampaignSpider, Page, Rejection


def spider() -> CampaignSpider:
    return CampaignSpider(terms=["LgNet2"])


RSS = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>
<item><title>A</title><link>http://www.a.test/1/</link></item>
<item><title>B</title><link> /2/ </link></item></channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<entry><title>A</title><link rel="alternate" href="http://www.a.test/3/"/></entry></feed>"""
URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://www.a.test/old/</loc><lastmod>2022-05-01</lastmod></url>
<url><loc>http://www.a.test/new/</loc><lastmod>2023-11-02</lastmod></url></urlset>"""
INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://www.a.test/sitemap-1.xml.gz</loc></sitemap></sitemapindex>"""


def urls(results: object) -> list[str]:
    return [r.url for r in results if isinstance(r, scrapy.Request)]  # type: ignore[attr-defined]


def test_rss_and_atom_feeds_yield_article_requests() -> None:
    s = spider()
    rss = XmlResponse("http://www.a.test/feed.xml", body=RSS)
    assert urls(s.parse_feed(rss)) == ["http://www.a.test/1/", "http://www.a.test/2/"]
    atom = XmlResponse("http://www.a.test/atom.xml", body=ATOM)
    assert urls(s.parse_feed(atom)) == ["http://www.a.test/3/"]


def test_a_feed_that_is_not_a_feed_is_recorded() -> None:
    page = HtmlResponse("http://www.a.test/feed", body=b"<html><body>404</body></html>")
    (result,) = list(spider().parse_feed(page))
    assert isinstance(result, Rejection) and "not an RSS or Atom feed" in result.reason


def test_sitemap_index_gzip_and_period_window() -> None:
    s = CampaignSpider(terms=["LgNet2"], period=(dt.date(2023, 10, 1), None))
    index = XmlResponse("http://www.a.test/sitemap.xml", body=INDEX)
    assert urls(s.parse_sitemap(index)) == ["http://www.a.test/sitemap-1.xml.gz"]
    child = scrapy.http.Response("http://www.a.test/sitemap-1.xml.gz", body=gzip.compress(URLSET))
    assert urls(s.parse_sitemap(child)) == ["http://www.a.test/new/"]


def test_broken_sitemap_is_recorded() -> None:
    bad = TextResponse("http://www.a.test/sitemap.xml", body=b"\x1f\x8bnot gzip", encoding="utf-8")
    (result,) = list(spider().parse_sitemap(bad))
    assert isinstance(result, Rejection) and "broken gzip" in result.reason


def test_article_page_becomes_a_page_item_with_relevance() -> None:
    html = (b"<html><head><link rel='canonical' href='/1/?utm_source=x'></head>"
            b"<body><article><p>Il progetto LGNET 2 a Latina</p></article>"
            b"<script>var LgNet2 = 1;</script></body></html>")
    url = "http://www.a.test/1/?fbclid=abc"
    response = HtmlResponse(url, body=html, headers={"ETag": '"v1"'}, encoding="utf-8",
                            request=scrapy.Request(url, meta={"via": "feed"}))
    (page,) = list(spider().parse_article(response))
    assert isinstance(page, Page)
    assert page.url == "http://www.a.test/1/" and page.canonical_url == "http://www.a.test/1/"
    assert page.relevant and page.etag == '"v1"' and page.body == html
    assert page.found_via == "feed"
    other = HtmlResponse("http://www.a.test/2/", body=b"<html><body><p>Meteo</p>"
                         b"<script>LgNet2</script></body></html>",
                         request=scrapy.Request("http://www.a.test/2/"))
    (irrelevant,) = list(spider().parse_article(other))
    assert not irrelevant.relevant and irrelevant.reason == "no campaign term on the page"
