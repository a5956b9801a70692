"""Spider callbacks on responses built inline (no network)."""

from __future__ import annotations

import datetime as dt
import gzip
from typing import TypeVar

import pytest
import scrapy
from scrapy.http import HtmlResponse, TextResponse, XmlResponse

from crawler import CampaignSpider, Page, Rejection
from crawler.sources.feeds import alternate_feeds, parse_feed
from crawler.sources.listings import article_links, next_page
from crawler.sources.search import search_url
from crawler.sources.sitemaps import entry_day, parse_sitemap, parse_sitemap_response


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


R = TypeVar("R", bound=scrapy.http.Response)


def tied(kind: type[R], url: str, body: bytes) -> R:
    """A response as the crawl gets it: tied to its request."""
    return kind(url, body=body, request=scrapy.Request(url))


def urls(results: object) -> list[str]:
    return [r.url for r in results if isinstance(r, scrapy.Request)]  # type: ignore[attr-defined]


def test_rss_and_atom_feeds_yield_article_requests() -> None:
    s = spider()
    rss = tied(XmlResponse, "http://www.a.test/feed.xml", RSS)
    assert urls(parse_feed(s, rss)) == ["http://www.a.test/1/", "http://www.a.test/2/"]
    atom = tied(XmlResponse, "http://www.a.test/atom.xml", ATOM)
    assert urls(parse_feed(s, atom)) == ["http://www.a.test/3/"]


def test_a_feed_that_is_not_a_feed_is_recorded() -> None:
    page = tied(HtmlResponse, "http://www.a.test/feed", b"<html><body>404</body></html>")
    (result,) = list(parse_feed(spider(), page))
    assert isinstance(result, Rejection) and "not an RSS or Atom feed" in result.reason


def test_sitemap_index_gzip_and_period_window() -> None:
    s = CampaignSpider(terms=["LgNet2"], period=(dt.date(2023, 10, 1), None))
    index = tied(XmlResponse, "http://www.a.test/sitemap.xml", INDEX)
    assert urls(parse_sitemap_response(s, index)) == ["http://www.a.test/sitemap-1.xml.gz"]
    child = tied(scrapy.http.Response, "http://www.a.test/sitemap-1.xml.gz", gzip.compress(URLSET))
    assert urls(parse_sitemap_response(s, child)) == ["http://www.a.test/new/"]


def test_broken_sitemap_is_recorded() -> None:
    bad = tied(TextResponse, "http://www.a.test/sitemap.xml", b"\x1f\x8bnot gzip")
    (result,) = list(parse_sitemap_response(spider(), bad))
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


@pytest.mark.parametrize(
    ("html", "url", "expected"),
    [
        ("<a href='/cronaca/?page=2'>Pagina successiva</a>", "http://a.test/cronaca/",
         "http://a.test/cronaca/?page=2"),
        ("<link rel='next' href='/page/2/'>", "http://a.test/", "http://a.test/page/2/"),
        ("<a href='/tag/lgnet/page/3/'>3</a><a href='/x/'>x</a>", "http://a.test/tag/lgnet/page/2/",
         "http://a.test/tag/lgnet/page/3/"),
        ("<a href='?pagina=5'>5</a><a href='?pagina=3'>3</a>", "http://a.test/ricerca?pagina=2",
         "http://a.test/ricerca?pagina=3"),
        ("<a href='/altro/'>Altro</a>", "http://a.test/cronaca/", None),
    ],
)
def test_next_page_forms(html: str, url: str, expected: str | None) -> None:
    response = HtmlResponse(url, body=f"<html><body>{html}</body></html>".encode())
    assert next_page(response) == expected


def test_listing_keeps_article_links_of_the_same_site() -> None:
    body = (b"<a href='/2023/10/18/lgnet2-latina/'>a</a><a href='/cronaca/'>s</a>"
            b"<a href='http://altro.test/2023/10/18/x/'>o</a><a href='/tag/lgnet2/'>t</a>"
            b"<a href='/notizia/123456'>n</a>")
    response = HtmlResponse("http://a.test/", body=body)
    assert article_links(response) == ["http://a.test/2023/10/18/lgnet2-latina/",
                                        "http://a.test/notizia/123456"]


def test_home_page_announces_its_feeds() -> None:
    body = (b"<html><head><link rel='alternate' type='application/rss+xml' href='/feed/'>"
            b"<link rel='alternate' type='application/atom+xml' href='http://a.test/atom'>"
            b"<link rel='alternate' hreflang='en' href='/en/'></head></html>")
    response = HtmlResponse("http://a.test/", body=body)
    assert alternate_feeds(response) == ["http://a.test/feed/", "http://a.test/atom"]


@pytest.mark.parametrize(
    ("template", "url"),
    [("https://a.test/?s={query}", "https://a.test/?s=LgNet+2"),
     ("https://a.test/cerca/{query}/", "https://a.test/cerca/LgNet%202/"),
     ("https://a.test/search?q={query}&sort=date", "https://a.test/search?q=LgNet+2&sort=date")],
)
def test_search_url_templates(template: str, url: str) -> None:
    assert search_url(template, "LgNet 2") == url


def test_news_sitemap_publication_date_wins_over_lastmod() -> None:
    body = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>http://a.test/x'
            b"</loc><lastmod>2024-01-05</lastmod><news:news><news:publication_date>2023-10-18"
            b"</news:publication_date></news:news></url></urlset>")
    kind, (entry,) = parse_sitemap(body)
    assert kind == "urlset" and entry_day(entry) == dt.date(2023, 10, 18)


def test_corrupt_gzip_sitemap_is_recorded() -> None:
    body = bytearray(gzip.compress(URLSET))
    body[len(body) // 2 : len(body) // 2 + 4] = b"\xff\xff\xff\xff"  # a broken deflate stream
    response = tied(scrapy.http.Response, "http://www.a.test/sitemap.xml.gz", bytes(body))
    (result,) = list(parse_sitemap_response(spider(), response))
    assert isinstance(result, Rejection) and result.reason == "sitemap: broken gzip file"


def test_pages_fetched_by_the_crawl_being_resumed_are_not_requested_again() -> None:
    s = CampaignSpider(terms=["LgNet2"], fetched={"http://www.a.test/1/"})
    rss = tied(XmlResponse, "http://www.a.test/feed.xml", RSS)
    assert urls(parse_feed(s, rss)) == ["http://www.a.test/2/"]
