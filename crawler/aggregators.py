"""Aggregators and portals, and the original article their copy credits.

Aggregators and portals (Virgilio, Zazoom, MSN…: the ``portal`` kind of
``common/data/outlets.toml``) republish other outlets' articles. Their copy names the
original by a canonical link elsewhere, or a "Fonte:" / "Leggi su" line with the
source's link: :func:`original_of` reads it. Extraction names the uscita after both;
the crawl fetches the original too, since the office counts both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import html as lxml_html

from common.outlets import names_by_domain
from crawler.urls import domain_of

__all__ = ["AGGREGATORS", "Original", "aggregator_of", "original_of"]

#: aggregator domains (subdomains included) and the name they go by, from the outlet
#: knowledge (``common/data/outlets.toml``), never listed here
AGGREGATORS: dict[str, str] = names_by_domain("portal")

# the line with which an aggregator credits its source
_SOURCE_LINE = re.compile(
    r"^\s*(?:fonte|source|tratto da|via|leggi (?:l['’]articolo |la notizia |tutto )?"
    r"(?:completo |integrale )?su|continua a leggere su|articolo (?:originale )?(?:di|su))"
    r"\s*[:\-–]?\s*(?P<name>.+?)\s*$",
    re.IGNORECASE,
)


def aggregator_of(domain: str) -> str:
    """The aggregator's name when ``domain`` belongs to one, else ""."""
    for known, name in AGGREGATORS.items():
        if domain == known or domain.endswith("." + known):
            return name
    return ""


def _link_domain(href: str) -> str:
    """The domain a link of the page points to; "" for a malformed one ("http://[::1")."""
    try:
        return domain_of(href)
    except ValueError:
        return ""


@dataclass(frozen=True)
class Original:
    """The original an aggregator's copy credits: its outlet's name, its domain, and the
    link to the article itself, each possibly ""."""

    name: str = ""
    domain: str = ""
    url: str = ""


def original_of(tree: lxml_html.HtmlElement, url: str) -> Original:
    """The original an aggregator's page at ``url`` credits (an empty one when none)."""
    domain = domain_of(url)
    for href in tree.xpath('//link[@rel="canonical"]/@href|//meta[@property="og:url"]/@content'):
        other = _link_domain(str(href))
        if other and other != domain and not aggregator_of(other):
            return Original("", other, urljoin(url, str(href).strip()))
    blocks = "//body//*[self::p or self::div or self::span or self::li][not(.//p or .//div)]"
    for element in tree.xpath(blocks):
        text = " ".join(element.text_content().split())
        if not text or len(text) > 120:
            continue
        match = _SOURCE_LINE.match(text)
        if not match:
            continue
        links = [(_link_domain(str(h)), str(h).strip()) for h in element.xpath(".//a/@href")]
        others = [(d, h) for d, h in links if d and d != domain]
        name = match.group("name").strip(" .»›>")
        other, link = others[0] if others else ("", "")
        if re.fullmatch(r"[\w.-]+\.[a-z]{2,}", name, re.IGNORECASE):
            other = other or _link_domain("http://" + name.lower())
        return Original(name, other, urljoin(url, link) if link else "")
    return Original()
