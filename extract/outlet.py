"""The testata of a page: its display name, and the original outlet behind an aggregator.

The name comes from what the outlet says about itself (``og:site_name``, the
JSON-LD publisher, ``application-name``, the suffix of the ``<title>``), the domain
being the last resort. Aggregators and portals (Virgilio, Zazoom, MSN, Google News…:
the ``portal`` kind of ``common/data/outlets.toml``) republish other outlets'
articles: for them the original outlet is read from the page (a canonical link
elsewhere, a "Fonte:" / "Leggi su" line, the source link).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import lxml.html

from crawler.aggregators import AGGREGATORS, aggregator_of, original_of
from crawler.urls import domain_of

__all__ = ["AGGREGATORS", "Masthead", "aggregator_of", "html_tree", "outlet_of"]

_TITLE_SEPARATORS = re.compile(r"\s+[-–—|:•·]\s+|\s+»\s+")


@dataclass(frozen=True)
class Masthead:
    """The outlet as a page names itself, and, for an aggregator's copy, who wrote it first.

    Not a registry outlet (``audience.Outlet``, with category and audience): only the
    names and domains read off the page, which the registry is then searched by.
    """

    name: str
    domain: str
    original_name: str = ""
    original_domain: str = ""


def html_tree(html: str) -> lxml.html.HtmlElement | None:
    """The page parsed by lxml, or None when there is nothing to parse (an empty page)."""
    # lxml refuses text that still declares an encoding (XHTML's "<?xml … encoding=…?>")
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    try:
        return lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None


def _json_ld(tree: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                stack.extend(v for k, v in item.items() if k == "@graph")


_META_ATTRS = ("property", "name", "itemprop")


def _metas(tree: lxml.html.HtmlElement) -> dict[tuple[str, str], str]:
    """The content of the first ``<meta>`` of each (attribute, key), in one walk."""
    found: dict[tuple[str, str], str] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content") or ""
        for attr in _META_ATTRS:
            key = meta.get(attr)
            if key is not None:
                found.setdefault((attr, key), content)
    return found


def _meta(metas: dict[tuple[str, str], str], *keys: str) -> str:
    for key in keys:
        for attr in _META_ATTRS:
            value = metas.get((attr, key), "")
            if value.strip():
                return " ".join(value.split())
    return ""


def _publisher(tree: lxml.html.HtmlElement) -> str:
    for item in _json_ld(tree):
        publisher = item.get("publisher")
        if isinstance(publisher, list) and publisher:
            publisher = publisher[0]
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return " ".join(publisher["name"].split())
        if item.get("@type") in ("NewsMediaOrganization", "Organization", "WebSite") and (
            isinstance(item.get("name"), str)
        ):
            return " ".join(item["name"].split())
    return ""


def _title_suffix(tree: lxml.html.HtmlElement, headline: str) -> str:
    """"LgNet2 a Perugia - Gazzetta Umbra" with headline "LgNet2 a Perugia" → the outlet."""
    titles = tree.xpath("//head/title/text()")
    if not titles or not headline:
        return ""
    title = " ".join(str(titles[0]).split())
    if not title.startswith(headline) or title == headline:
        return ""
    rest = title[len(headline):]
    match = _TITLE_SEPARATORS.match(rest)
    if not match:
        return ""
    name = rest[match.end():].strip()
    return name if 1 < len(name) <= 60 else ""


def _display_name(tree: lxml.html.HtmlElement, headline: str, fallback: str) -> str:
    metas = _metas(tree)
    return (
        _meta(metas, "og:site_name")
        or _publisher(tree)
        or _meta(metas, "application-name", "apple-mobile-web-app-title")
        or _title_suffix(tree, headline)
        or fallback
    )


def outlet_of(
    html: str | lxml.html.HtmlElement, url: str, headline: str = "", sitename: str = ""
) -> Masthead:
    """The outlet of a page: display name, domain, and the original of an aggregator's copy.

    Args:
        html: the page, as text or a parsed tree; an empty page names no outlet itself.
        url: where it was fetched from (its domain is the last-resort name).
        headline: the article's title, to read the outlet off "headline - Outlet" titles.
        sitename: a name found by another extractor (trafilatura), tried before the domain.

    Raises:
        ValueError: when ``url`` is not a URL (urllib's error; fetched URLs always are).
    """
    domain = domain_of(url)
    tree = html_tree(html) if isinstance(html, str) else html
    if tree is None:
        tree = lxml.html.Element("html")  # nothing to read: sitename, else the domain
    aggregator = aggregator_of(domain)
    name = _display_name(tree, headline, sitename.strip() or domain)
    if not aggregator:
        return Masthead(name=name, domain=domain)
    original = original_of(tree, url)
    original_name, original_domain = original.name, original.domain
    if original_domain and not original_name:
        original_name = original_domain
    return Masthead(
        name=aggregator,
        domain=domain,
        original_name=original_name,
        original_domain=original_domain,
    )
