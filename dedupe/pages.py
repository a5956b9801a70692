"""The identity of an uscita: one outlet's one page, however it was reached.

A press office counts an uscita once per page: the AMP or mobile page of an
article, the same article re-crawled at another spelling of its URL, or a row the
office typed without URL for a page the crawler found are that page again. Texts
say nothing about it: a social post quoting the article it links, a portal's copies
of two originals, two pages of one outlet carrying one release are as many uscite.
So the signals are the URL (after canonicalisation, with the AMP and mobile
variants folded), the outlet, and for a row without URL its title and day.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from crawler.urls import canonical_url, domain_of

__all__ = ["page_key", "is_light_page", "same_outlet", "title_key"]

#: hosts that serve the light page of an article
_LIGHT_HOST = re.compile(r"^(?:m|mobile|amp)\.", re.IGNORECASE)
#: an AMP marker in a path or query: /amp/…, ….amp.html, ?amp=1, ?outputType=amp
_AMP_TOKEN = re.compile(r"(?:^|[/.?&=])amp(?=$|[/.&=])", re.IGNORECASE)
#: the AMP section some sites put first in the path (``/amp/2023/11/articolo/``)
_AMP_PREFIX = re.compile(r"^/amp(?=/)", re.IGNORECASE)
#: query parameters that ask for the AMP page (``amp`` alone is a tracking parameter)
_AMP_QUERY = re.compile(r"(?:output|outputtype|format)=amp", re.IGNORECASE)


def page_key(url: str) -> str:
    """What stays of a URL across its variants: host without ``www``/``m``/``amp``, path, query.

    The scheme, a trailing slash, tracking parameters and the AMP markers do not
    count; "" for what is no web address (a row imported without URL).

    >>> page_key("http://m.eco.it/2023/11/articolo?utm_source=fb")
    'eco.it/2023/11/articolo'
    >>> page_key("https://www.eco.it/amp/2023/11/articolo/")
    'eco.it/2023/11/articolo'
    """
    if not url.startswith(("http://", "https://")):
        return ""
    parts = urlsplit(canonical_url(url))
    path = _AMP_PREFIX.sub("", parts.path).rstrip("/")
    query = "&".join(p for p in parts.query.split("&") if p and not _AMP_QUERY.fullmatch(p))
    return domain_of(url) + path + (f"?{query}" if query else "")


def is_light_page(url: str) -> bool:
    """Whether the URL names the AMP or mobile page of an article, not the article's own."""
    parts = urlsplit(url)
    return bool(_LIGHT_HOST.match(parts.hostname or "")) or bool(
        _AMP_TOKEN.search(f"{parts.path}?{parts.query}")
    )


#: an article before an outlet's name, which one writer keeps and another drops:
#: "L'Eco di Bergamo" and "Eco di Bergamo", "Il Tirreno" and "Tirreno"
_ARTICLE = re.compile(r"^\s*(?:l['’`]\s*|(?:il|lo|la|i|gli|le)\s+)", re.IGNORECASE)


def _compact(name: str) -> str:
    """Letters and digits only, lower case, without accents: "Eco di Oristano" → "ecodioristano"."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in folded if c.isalnum())


def _outlet_key(name: str) -> str:
    """An outlet's name as a key: ``_compact`` without a leading article."""
    return _compact(_ARTICLE.sub("", name))


def title_key(title: str) -> str:
    """A title as a key: case, accents, spacing and punctuation do not count."""
    return _compact(title)


def same_outlet(name_a: str, domain_a: str, name_b: str, domain_b: str) -> bool:
    """Whether two uscite are of one outlet, by the names they go by and their domains.

    Two known domains must be equal; then the names must agree, unless one of them
    says nothing more than the domain (no name, or the host as its name: the last
    resort of a page without one, or an office's "Torinoggi.it" for torinoggi.it).
    "Facebook – Eco di X" is not "Eco di X", whatever the URL the post links; "L'Eco
    di X" is (a leading article does not count).
    """
    if domain_a and domain_b and domain_a != domain_b:
        return False
    a, b = _outlet_key(name_a), _outlet_key(name_b)
    hosts = {_compact(d) for d in (domain_a, domain_b) if d}
    return a == b or not a or not b or a in hosts or b in hosts
