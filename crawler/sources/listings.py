"""Listing pages (home, sections, tags, search results) and their pagination."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from scrapy.http import TextResponse

from crawler.urls import looks_like_article_url

__all__ = ["article_links", "next_page", "search_url"]

_NEXT_TEXT = re.compile(
    r"^\s*(?:pagina\s+successiva|successiva|successivo|avanti|pi[uù]\s+articoli|"
    r"articoli\s+(?:meno\s+recenti|precedenti)|next(?:\s+page)?|older(?:\s+posts)?|›|»|>>?)\s*$",
    re.IGNORECASE,
)
_PAGE_PATH = re.compile(r"/page/(\d+)/?$")


def article_links(response: TextResponse) -> list[str]:
    """Links of a listing that lead to articles of the same site, once each."""
    host = urlsplit(response.url).netloc
    seen: dict[str, None] = {}
    for href in response.xpath("//a/@href").getall():
        url = response.urljoin(href.strip())
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc == host \
                and looks_like_article_url(url):
            seen.setdefault(url.split("#", 1)[0], None)
    return list(seen)


def next_page(response: TextResponse) -> str | None:
    """The next page of a listing: rel=next, a "pagina successiva" link, ?page=N, /page/N/."""
    for href in response.xpath("//link[@rel='next']/@href | //a[@rel='next']/@href").getall():
        return response.urljoin(href.strip())
    for anchor in response.xpath("//a[@href]"):
        text = " ".join(anchor.xpath(".//text()").getall()) or anchor.attrib.get("title", "")
        label = anchor.attrib.get("aria-label", "")
        if _NEXT_TEXT.match(text) or _NEXT_TEXT.match(label):
            return response.urljoin(anchor.attrib["href"].strip())
    current = _page_number(response.url)
    wanted = current + 1
    for href in response.xpath("//a/@href").getall():
        url = response.urljoin(href.strip())
        if _page_number(url) == wanted and _same_listing(url, response.url):
            return url
    return None


def _page_number(url: str) -> int:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    for key in ("page", "pagina", "pg", "paged", "p"):
        if query.get(key, "").isdigit():
            return int(query[key])
    match = _PAGE_PATH.search(parts.path)
    return int(match.group(1)) if match else 1


def _same_listing(url: str, other: str) -> bool:
    def base(u: str) -> tuple[str, str]:
        parts = urlsplit(u)
        return parts.netloc, _PAGE_PATH.sub("/", parts.path).rstrip("/")

    return base(url) == base(other)


def search_url(template: str, term: str) -> str:
    """A site's search URL for a term: ``https://site/?s={query}`` with the term encoded.

    Raises:
        ValueError: when the template has no ``{query}``.
    """
    if "{query}" not in template:
        raise ValueError(f"search template {template!r} has no {{query}}")
    parts = urlsplit(template)
    if "{query}" in parts.query:
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        query = urlencode([(k, term if v == "{query}" else v) for k, v in pairs])
        return urlunsplit(parts._replace(query=query))
    return template.replace("{query}", quote(term))
