"""The news search engines of the demo web: Google News, Bing News, GDELT, an alert.

What each engine has indexed is in ``data/engines.toml``; the answers are rendered
from ``templates/engines/`` in each engine's real format (Google News RSS with
``<source>`` and ``rss/articles/<id>`` links, Bing's RSS with ``apiclick.aspx`` links,
GDELT's DOC 2.0 JSON, a Google Alerts Atom feed with ``google.com/url`` links). An
engine returns the indexed pages whose whole text (menus and related links included,
as a search engine reads a page) holds the phrase asked, case, spaces and hyphens
aside, in the period asked when the engine honours one.

Google's decoding of its newer links is served too: the article's page on
``news.google.com`` with its ``data-n-a-sg``/``data-n-a-ts`` parameters, and the
``batchexecute`` call (``garturlreq``) that exchanges them for the article's URL.

:func:`render` answers a request to an engine's host, ``None`` when it is not one;
the link writers (:func:`google_id`, :func:`google_link`, :func:`bing_link`,
:func:`batch_answer`) serve the tests' and benchmarks' fixture engines too.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from lxml import html as lxml_html

from rassegna.demo import DATA_DIR, pages, site
from rassegna.demo.content import local_time
from rassegna.demo.model import DemoOutlet

__all__ = ["ENGINE_HOSTS", "Indexed", "batch_answer", "bing_link", "google_id",
           "google_link", "index", "render", "search"]

#: the host names the demo's engines answer on
ENGINE_HOSTS = ("news.google.com", "www.bing.com", "api.gdeltproject.org", "www.google.com")
_ROBOTS = b"User-agent: *\nAllow: /\n"
_UTC = dt.UTC


# -- the engines' link forms --------------------------------------------------------


def google_id(text: str) -> str:
    """A Google News article id: base64 of a length-prefixed string (the article's URL
    in the older form, an opaque ``AU_yqL…`` token in the newer)."""
    data = text.encode()
    length, n = bytearray(), len(data)
    while True:
        length.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
        n >>= 7
        if not n:
            break
    raw = b"\x08\x13\x22" + bytes(length) + data + b"\xd2\x01\x00"
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def google_link(ident: str) -> str:
    """A Google News RSS item's link for the article id ``ident``."""
    return f"https://news.google.com/rss/articles/{ident}?oc=5"


def bing_link(url: str) -> str:
    """A Bing News RSS item's link: the article's URL wrapped in ``apiclick.aspx``."""
    return ("http://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid="
            f"{hashlib.sha1(url.encode()).hexdigest()[:32].upper()}&url={quote(url, safe='')}"
            "&c=7&mkt=it-it")


def batch_answer(url: str) -> bytes:
    """Google's batchexecute answer to ``garturlreq``, as it comes: a guard line, then JSON."""
    inner = json.dumps(["garturlres", url, 1])
    return (")]}'\n\n" + json.dumps([["wrb.fr", "Fbv4je", inner, None, None, None, "generic"],
                                     ["di", 42], ["af.httprm", 41, "-1", 7]])).encode()


def _newer_id(url: str) -> str:
    return google_id("AU_yqL" + hashlib.sha1(url.encode()).hexdigest())


# -- what the engines indexed -------------------------------------------------------


@dataclass(frozen=True)
class Indexed:
    """A page an engine indexed: where, what, when, and its text folded for search."""

    url: str
    title: str
    published: dt.datetime
    outlet: DemoOutlet
    summary: str
    folded: str


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


@cache
def _config() -> dict[str, Any]:
    with (DATA_DIR / "engines.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def index() -> tuple[Indexed, ...]:
    """Every page of the demo web the engines may return, and the removed ones."""
    pages_: list[Indexed] = []
    for article in site.ARTICLES:
        outlet = site.outlet_for(article.outlet)
        assert outlet is not None
        served = site.render(article.outlet, article.path)
        assert served is not None
        text = lxml_html.fromstring(served[2]).body.text_content()
        pages_.append(Indexed(article.url, article.title, article.published, outlet,
                              pages.summary(article), _fold(text)))
    for gone in _config().get("gone", []):
        outlet = site.outlet_for(urlsplit(gone["url"]).hostname or "")
        assert outlet is not None, gone["url"]
        text = " ".join(gone["text"].split())
        pages_.append(Indexed(gone["url"], gone["title"], local_time(gone["published"]),
                              outlet, text, _fold(f"{gone['title']} {text}")))
    return tuple(sorted(pages_, key=lambda p: p.published, reverse=True))


def search(engine: str, phrase: str, start: dt.datetime | None = None,
           end: dt.datetime | None = None) -> list[Indexed]:
    """What ``engine`` returns for ``phrase`` (newest first); ``start``/``end`` bound
    the publication time when the engine honours a period."""
    config = _config()[engine]
    wanted = _fold(phrase)
    found = [p for p in index() if p.outlet.host in config["outlets"] and wanted
             and wanted in p.folded]
    if config.get("dates", True):
        found = [p for p in found if (start is None or p.published >= start)
                 and (end is None or p.published < end)]
    return found


def _phrase(q: str) -> str:
    quoted = re.search(r'"([^"]+)"', q)
    return quoted.group(1) if quoted else q


def _day(value: str) -> dt.datetime | None:
    try:
        return dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), _UTC)
    except ValueError:
        return None


def _gmt(when: dt.datetime) -> str:
    return when.astimezone(_UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")


# -- the answers --------------------------------------------------------------------


@dataclass(frozen=True)
class _Reply:
    body: bytes
    content_type: str
    status: int = 200


def _google_search(query: dict[str, str]) -> _Reply:
    q = query.get("q", "")
    after = re.search(r"\bafter:(\S+)", q)
    before = re.search(r"\bbefore:(\S+)", q)
    found = search("google-news", _phrase(q), _day(after.group(1)) if after else None,
                   _day(before.group(1)) if before else None)
    config = _config()["google-news"]
    items = []
    for page in found:
        newer = page.url in config.get("newer_links", ()) or page.url in config.get(
            "opaque_links", ())
        ident = _newer_id(page.url) if newer else google_id(page.url)
        items.append({"title": f"{page.title} - {page.outlet.testata}", "link": google_link(ident),
                      "ident": ident, "published": _gmt(page.published),
                      "testata": page.outlet.testata, "home": page.outlet.home_url})
    body = pages.render_engine("google-news.xml.j2", asked=q, items=items,
                               search=urlencode(query))
    return _Reply(body.encode("utf-8"), "application/rss+xml; charset=utf-8")


def _google_page(ident: str) -> _Reply | None:
    """The article's Google News page: the decoding parameters for a newer link that
    Google resolves, a consent page without them for one it does not."""
    config = _config()["google-news"]
    for url in config.get("newer_links", ()):
        if _newer_id(url) == ident:
            stamp = int(dt.datetime(2023, 12, 20, tzinfo=_UTC).timestamp())
            signature = "AV_" + hashlib.sha1(f"sg {url}".encode()).hexdigest()[:24]
            return _Reply(
                pages.render_engine("google-news-article.html.j2", sg=signature, ts=stamp,
                                    ident=ident).encode("utf-8"), "text/html; charset=utf-8")
    if any(_newer_id(url) == ident for url in config.get("opaque_links", ())):
        return _Reply(pages.render_engine("google-news-article.html.j2", sg="", ts="",
                                          ident=ident).encode("utf-8"),
                      "text/html; charset=utf-8")
    return None


def _google_decode(form: str) -> _Reply:
    """batchexecute's answer to ``garturlreq``: the URL of the article whose id, and
    signature, the call names; an answer without one for anything else."""
    try:
        call = json.loads(json.loads(parse_qs(form)["f.req"][0])[0][0][1])
        ident, signature = call[2], call[4]
    except (KeyError, IndexError, TypeError, ValueError):
        return _Reply(b")]}'\n\n[]", "application/json; charset=utf-8", 400)
    for url in _config()["google-news"].get("newer_links", ()):
        wanted = "AV_" + hashlib.sha1(f"sg {url}".encode()).hexdigest()[:24]
        if _newer_id(url) == ident and signature == wanted:
            return _Reply(batch_answer(url), "application/json; charset=utf-8")
    return _Reply(batch_answer(""), "application/json; charset=utf-8")


def _bing_search(query: dict[str, str]) -> _Reply:
    q = query.get("q", "")
    items = [{"title": p.title, "link": bing_link(p.url), "summary": p.summary,
              "published": _gmt(p.published), "testata": p.outlet.testata}
             for p in search("bing-news", _phrase(q))]
    body = pages.render_engine("bing-news.xml.j2", asked=q, items=items,
                               search=urlencode(query))
    return _Reply(body.encode("utf-8"), "application/rss+xml; charset=utf-8")


def _gdelt_search(query: dict[str, str]) -> _Reply:
    def stamp(name: str) -> dt.datetime | None:
        try:
            return dt.datetime.strptime(query[name], "%Y%m%d%H%M%S").replace(tzinfo=_UTC)
        except (KeyError, ValueError):
            return None

    asked = query.get("maxrecords", "75")
    cap = min(250, int(asked)) if asked.isdigit() else 75  # GDELT's default, and its most
    found = search("gdelt", _phrase(query.get("query", "")), stamp("startdatetime"),
                   stamp("enddatetime"))[:cap]
    articles = [{"url": p.url, "url_mobile": "", "title": p.title,
                 "seendate": p.published.astimezone(_UTC).strftime("%Y%m%dT%H%M%SZ"),
                 "socialimage": "", "domain": p.outlet.domains[0], "language": "Italian",
                 "sourcecountry": "Italy"} for p in found]
    body = json.dumps({"articles": articles} if articles else {}, ensure_ascii=False, indent=1)
    return _Reply(body.encode("utf-8"), "application/json; charset=utf-8")


def _alerts_feed() -> _Reply:
    config = _config()["alerts"]
    term = site.TERM
    entries = [{"title": p.title.replace(term, f"<b>{term}</b>"),
                "link": ("https://www.google.com/url?rct=j&sa=t&url="
                         f"{quote(p.url, safe='')}&ct=ga&cd=CAIyGjk0&usg=AOvVaw0demo"),
                "ident": hashlib.sha1(p.url.encode()).hexdigest()[:20],
                "published": p.published.astimezone(_UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "summary": p.summary}
               for p in index() if p.outlet.host in config["outlets"]
               and _fold(term) in p.folded]
    body = pages.render_engine("alerts.xml.j2", term=term, path=config["path"],
                               entries=entries)
    return _Reply(body.encode("utf-8"), "application/atom+xml; charset=utf-8")


def render(host: str, target: str, form: str | None = None) -> tuple[int, str, bytes] | None:
    """Answer a request for ``target`` (path and query) on an engine's ``host``, with
    ``form`` the body of a POST: ``(status, content type, body)``, or ``None`` for 404."""
    parts = urlsplit(target)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    reply: _Reply | None = None
    if host in ENGINE_HOSTS and parts.path == "/robots.txt":
        reply = _Reply(_ROBOTS, "text/plain")
    elif host == "news.google.com" and parts.path == "/rss/search":
        reply = _google_search(query)
    elif host == "news.google.com" and parts.path.startswith("/articles/"):
        reply = _google_page(parts.path.removeprefix("/articles/"))
    elif host == "news.google.com" and parts.path == "/_/DotsSplashUi/data/batchexecute":
        reply = _google_decode(form or "")
    elif host == "www.bing.com" and parts.path == "/news/search":
        reply = _bing_search(query)
    elif host == "api.gdeltproject.org" and parts.path == "/api/v2/doc/doc":
        reply = _gdelt_search(query)
    elif host == "www.google.com" and parts.path == _config()["alerts"]["path"]:
        reply = _alerts_feed()
    return None if reply is None else (reply.status, reply.content_type, reply.body)
