"""Source kinds: the registry, and a kind added by a test with no package file touched.

The toy kind here is what a new module of ``crawler/sources/`` would hold: a text
file on the web listing article URLs, under the campaign key ``txt``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest
from scrapy import Request
from scrapy.http import Response, TextResponse

from common.errors import ConfigError
from crawler.sources import SOURCE_KINDS, Crawl, UrlSource, register
from crawler.sources.feeds import Feed
from crawler.sources.url_lists import UrlList
from rassegna.campaign import load_campaign
from rassegna.crawling import run_crawl
from rassegna.demo.server import ProxyWeb, Reply
from tests import sites


@dataclass(frozen=True)
class TextList(UrlSource):
    """A text file on the web, one article URL a line."""

    key: ClassVar[str] = "txt"

    def start_requests(self, crawl: Crawl) -> Iterator[Request]:
        yield crawl.source_request(self.url, parse_text_list, "txt")


def parse_text_list(crawl: Crawl, response: Response) -> Iterator[Any]:
    lines = response.text.split() if isinstance(response, TextResponse) else []
    if not lines:
        yield crawl.reject(response, "not a list of URLs")
        return
    yield from crawl.reached(response)
    for url in lines:
        yield from crawl.article_requests(url, f"txt {response.url}")


ALFA = "http://www.alfa.test/2023/10"
URLS = "".join(f"{ALFA}/{path}\n" for path in (
    "18/lgnet2-latina/", "21/perugia-tag-rotti/", "18/lgnet2-latina/?utm_source=x"))

CAMPAIGN = """
[project]
name = "Prova"
[[terms]]
term = "LgNet2"
[sources]
txt = ["http://www.liste.test/urls.txt"]
"""


def render(host: str, path: str, headers: dict[str, str]) -> Reply | None:
    if host == "www.liste.test":
        return Reply(body=URLS.encode(), content_type="text/plain") if path == "/urls.txt" else None
    return sites.render(host, path, headers)


@pytest.fixture
def txt_kind() -> Iterator[type[TextList]]:
    """The toy kind registered, as ``@register`` in its module would; unknown again after."""
    register(TextList)
    try:
        yield TextList
    finally:
        del SOURCE_KINDS[TextList.key]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_registered_kind_is_crawled_like_the_built_in_ones(
    tmp_path: Path, txt_kind: type[TextList]
) -> None:
    campaign = load_campaign(write(tmp_path, CAMPAIGN))
    assert campaign.sources == (TextList("http://www.liste.test/urls.txt"),)
    with sites.as_proxy(ProxyWeb(render)) as web:
        pages = run_crawl(campaign, tmp_path / "s.db")
        fetched = [(seen.host, seen.path) for seen in web.seen if seen.path != "/robots.txt"]
    assert pages == 2  # the page listed twice (a tracking parameter) is fetched once
    assert sorted(fetched) == [
        ("www.alfa.test", "/2023/10/18/lgnet2-latina/"),
        ("www.alfa.test", "/2023/10/21/perugia-tag-rotti/"),
        ("www.liste.test", "/urls.txt"),
    ]


def test_an_unregistered_kind_is_an_unknown_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"c\.toml:7: \[sources\] unknown key 'txt'"):
        load_campaign(write(tmp_path, CAMPAIGN))


def test_a_kind_reads_its_own_key(tmp_path: Path, txt_kind: type[TextList]) -> None:
    with pytest.raises(ConfigError, match=r"c\.toml: \[sources\] txt: not an http\(s\) URL"):
        load_campaign(write(tmp_path, CAMPAIGN.replace("http://www", "www")))


def test_two_kinds_cannot_share_a_key(txt_kind: type[TextList]) -> None:
    @dataclass(frozen=True)
    class Other(UrlSource):
        key: ClassVar[str] = "txt"

    with pytest.raises(ValueError, match="source kind 'txt' is TextList already"):
        register(Other)
    assert SOURCE_KINDS["txt"] is TextList


def test_sources_are_one_list_in_the_order_of_the_kinds(tmp_path: Path) -> None:
    campaign = load_campaign(write(tmp_path, """
[project]
name = "Prova"
[[terms]]
term = "LgNet2"
[sources]
url_lists = ["trovati.txt"]
feeds = ["http://www.a.test/feed/", "http://www.b.test/rss"]
"""))
    assert campaign.sources == (
        Feed("http://www.a.test/feed/"), Feed("http://www.b.test/rss"),
        UrlList(tmp_path / "trovati.txt"),
    )
    assert list(SOURCE_KINDS) == ["feeds", "sitemaps", "sites", "start_urls", "search",
                                  "url_lists", "news_search", "alerts"]
