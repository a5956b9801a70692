"""URL canonicalisation, so that one article is fetched and stored once."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

__all__ = ["canonical_url", "domain_of", "TRACKING_PARAMETERS"]

TRACKING_PARAMETERS = (
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref", "ref_src",
    "_ga", "yclid", "spm", "amp",
)
_TRACKING_PREFIXES = ("utm_",)


def canonical_url(url: str) -> str:
    """The URL without tracking parameters, fragment, or default port, query sorted.

    >>> canonical_url("https://www.Example.it/a?utm_source=x&b=2&a=1#top")
    'https://www.example.it/a?a=1&b=2'
    """
    parts = urlsplit(url.strip())
    query = "&".join(
        pair
        for pair in parts.query.split("&")
        if pair and not pair.split("=", 1)[0].lower().startswith(_TRACKING_PREFIXES)
    )
    url = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))
    url = url_query_cleaner(url, TRACKING_PARAMETERS, remove=True, keep_fragments=False)
    return canonicalize_url(url, keep_fragments=False)


def domain_of(url: str) -> str:
    """The host of a URL without ``www.`` or ``m.`` and port: ``www.ansa.it`` → ``ansa.it``."""
    host = (urlsplit(url).hostname or "").lower()
    return re.sub(r"^(www\d?|m|amp|mobile)\.", "", host)
