"""URL canonicalisation, so that one article is fetched and stored once."""

from __future__ import annotations

import functools
import re
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

__all__ = ["canonical_url", "domain_of", "looks_like_article_url", "unwrap_redirect",
           "TRACKING_PARAMETERS"]

TRACKING_PARAMETERS = (
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref", "ref_src",
    "_ga", "yclid", "spm", "amp",
)
_TRACKING_PREFIXES = ("utm_",)


_AMP_SUFFIX = re.compile(r"\.amp(\.html?)$", re.IGNORECASE)  # articolo.amp.html
_AMP_SEGMENT = re.compile(r"/amp(?:\.html?)?/?$", re.IGNORECASE)  # articolo/amp/


# a crawl asks for the canonical URL of one link up to seven times (scheduling,
# fingerprint, resume, validators, the page); the answer depends on the URL only
@functools.lru_cache(maxsize=1 << 16)
def canonical_url(url: str) -> str:
    """The URL without tracking parameters, fragment, default port or AMP variant.

    The query is sorted, so the same page reached by two links is one URL.

    >>> canonical_url("https://www.Example.it/a?utm_source=x&b=2&a=1#top")
    'https://www.example.it/a?a=1&b=2'
    >>> canonical_url("https://www.example.it/2023/10/articolo/amp/")
    'https://www.example.it/2023/10/articolo/'
    """
    parts = urlsplit(url.strip())
    path = _AMP_SEGMENT.sub("/", _AMP_SUFFIX.sub(r"\1", parts.path))
    parts = parts._replace(path=path)
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


_ARTICLE_PATH = re.compile(
    r"(?:/\d{4}/\d{1,2}/|\d{5,}|[a-z0-9]+(?:-[a-z0-9]+){3,}|\.s?html?$)", re.IGNORECASE
)
_NOT_ARTICLE = re.compile(
    r"/(?:tag|tags|categor(?:y|ia|ie)|autor[ei]|author|page|pagina|search|cerca|feed|"
    r"login|account|abbonati|privacy|cookie|contatti|redazione)(?:/|$)",
    re.IGNORECASE,
)


def looks_like_article_url(url: str) -> bool:
    """Whether a link from a listing page probably leads to an article.

    Articles carry a date in the path, a long slug, a numeric id or an .html page;
    sections, tags, authors, pagination and service pages do not.
    """
    path = urlsplit(url).path
    return bool(_ARTICLE_PATH.search(path)) and not _NOT_ARTICLE.search(path)


#: the query parameters a redirector carries its target in (Google's /url, Bing's
#: apiclick.aspx, Facebook's l.php, most newsletter and alert links)
_TARGET_PARAMETERS = ("url", "u", "q", "target", "dest", "destination", "redirect", "to")
_HTTP = re.compile(r"https?://[^\s/]+", re.IGNORECASE)


def unwrap_redirect(url: str, hops: int = 5) -> str:
    """The page a redirector link leads to, read from its query; any other URL as it is.

    A link whose query carries a whole http(s) URL in one of the usual parameters
    (``url=``, ``u=``, ``q=``...) is a redirector's; the target may be one too.

    >>> unwrap_redirect("https://www.google.com/url?rct=j&url=https://www.ansa.it/a.html&ct=ga")
    'https://www.ansa.it/a.html'
    >>> unwrap_redirect("https://www.ansa.it/a.html?ref=home")
    'https://www.ansa.it/a.html?ref=home'
    """
    for _ in range(hops):
        query = dict(parse_qsl(urlsplit(url).query, keep_blank_values=False))
        target = next((query[name] for name in _TARGET_PARAMETERS
                       if _HTTP.match(query.get(name, ""))), "")
        if not target:
            break
        url = target.strip()
    return url
