"""Fixture sites for the crawler tests, written by us, served through ProxyWeb.

``www.alfa.test`` is a well-kept daily (feed announced by its home page, robots.txt
with a gzipped sitemap index and a news sitemap, sections with pagination, a site
search) carrying every hostile page a real crawl meets; ``www.beta.test`` has a
feed that is not XML and a broken gzip sitemap; ``www.gamma.test`` has many
articles, for resume and budget tests.

Every test that needs a local web takes it from here: :func:`as_proxy` serves a
:class:`~rassegna.demo.server.ProxyWeb` (these sites, a test's own, or the demo web,
``DemoWeb``) as the HTTP proxy of every crawl; :func:`article`, :func:`para`,
:func:`corrupt_gzip` and ``ROBOTS_ALLOW_ALL`` are the pieces the fixture webs share.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import pytest

from rassegna.demo.server import ProxyWeb, Reply

HTML = "text/html; charset=utf-8"
Web = TypeVar("Web", bound=ProxyWeb)
#: the robots.txt of a site that lets every crawler in
ROBOTS_ALLOW_ALL = Reply(body=b"User-agent: *\nAllow: /\n", content_type="text/plain")


@contextmanager
def as_proxy(web: Web) -> Iterator[Web]:
    """Serve ``web`` as the HTTP proxy of every crawl while in use (``no_proxy`` cleared)."""
    with web, pytest.MonkeyPatch.context() as env:
        env.setenv("http_proxy", web.proxy_url)
        env.delenv("no_proxy", raising=False)
        env.delenv("NO_PROXY", raising=False)
        yield web


def corrupt_gzip(data: bytes) -> bytes:
    """``data`` gzipped, then four bytes half-way through the stream overwritten."""
    body = bytearray(gzip.compress(data))
    body[len(body) // 2 : len(body) // 2 + 4] = b"\xff\xff\xff\xff"
    return bytes(body)


def article(title: str, body: str, extra_head: str = "", charset: str = "utf-8") -> str:
    return (
        f'<!DOCTYPE html><html lang="it"><head><meta charset="{charset}"><title>{title}</title>'
        f'<meta property="og:type" content="article"><meta property="og:site_name" '
        f'content="Alfa"><meta property="article:published_time" content="2023-10-18">'
        f"{extra_head}</head><body><nav><a href='/'>Home</a> <a href='/cronaca/'>Cronaca</a>"
        f"</nav><article><h1>{title}</h1>{body}</article>"
        "<aside>Leggi anche: <a href='/2023/10/22/meteo-domani/'>Meteo</a></aside>"
        "</body></html>"
    )


def para(*sentences: str) -> str:
    return "".join(f"<p>{s}</p>" for s in sentences)


LATINA = article(
    "LgNet2 fa tappa a Latina",
    para("Il press tour di LgNet2 è arrivato a Latina, dove il Comune ha presentato lo "
         "sportello per i cittadini stranieri aperto due anni fa con il progetto.",
         "Gli operatori hanno accompagnato centoventi famiglie verso la casa e il lavoro."),
    '<link rel="canonical" href="http://www.alfa.test/2023/10/18/lgnet2-latina/">',
)
CP1252 = article(
    "Trieste, la città che accoglie",
    para("Il progetto LGNET 2 porta a Trieste nuovi mediatori: la città è più vicina ai "
         "cittadini stranieri, perché l'accoglienza è un lavoro di tutti i giorni."),
    charset="",
).replace('<meta charset="">', "").encode("cp1252")
BROKEN = (
    b"<html><head><title>Perugia LgNet-2</title><body><article><h1>Perugia e il progetto LgNet-2"
    b"<p>Il progetto LgNet-2 arriva a Perugia con uno sportello unico per "
    b"l'immigrazione nel quartiere di Fontivegge.<p>Tag non chiusi <b>ovunque <i>nel testo"
)
METEO = article("Meteo, domani sole", para("Domani sole su tutta la regione, "
                                           "temperature in aumento nel pomeriggio."))
PRIVATE = article("LgNet2 riservato", para("Pagina riservata agli abbonati su LgNet2."))

ALFA_FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
<title>Alfa</title>
<item><title>Latina</title><link>http://www.alfa.test/2023/10/18/lgnet2-latina/?utm_source=rss</link></item>
<item><title>Meteo</title><link>http://www.alfa.test/2023/10/22/meteo-domani/</link></item>
<item><title>Riservato</title><link>http://www.alfa.test/privato/2023/lgnet2-riservato/</link></item>
<item><title>404</title><link>http://www.alfa.test/2023/10/23/articolo-sparito/</link></item>
<item><title>410</title><link>http://www.alfa.test/2023/10/24/articolo-rimosso/</link></item>
<item><title>500</title><link>http://www.alfa.test/2023/10/25/errore-server/</link></item>
<item><title>loop</title><link>http://www.alfa.test/2023/10/26/giro-tondo/</link></item>
<item><title>huge</title><link>http://www.alfa.test/2023/10/27/pagina-enorme/</link></item>
</channel></rss>"""
NEWS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://www.alfa.test/2023/10/20/citta-che-accoglie/</loc>
  <news:news><news:publication_date>2023-10-20T10:00:00+02:00</news:publication_date></news:news></url>
<url><loc>http://www.alfa.test/2021/05/02/vecchio-lgnet/</loc>
  <news:news><news:publication_date>2021-05-02T10:00:00+02:00</news:publication_date></news:news></url>
</urlset>"""
SITEMAP_INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://www.alfa.test/news-sitemap.xml</loc></sitemap></sitemapindex>"""


def listing(links: list[str], next_link: str = "") -> str:
    items = "".join(f"<li><a href='{href}'>{href}</a></li>" for href in links)
    more = f"<a class='next' href='{next_link}'>Pagina successiva</a>" if next_link else ""
    return f"<html><head><title>Cronaca</title></head><body><ul>{items}</ul>{more}</body></html>"


def alfa(path: str) -> Reply | None:
    pages: dict[str, Reply] = {
        "/": Reply(body=(
            b"<html><head><title>Alfa</title><link rel='alternate' type='application/rss+xml' "
            b"href='/rss'></head><body><a href='/cronaca/'>Cronaca</a></body></html>")),
        "/rss": Reply(body=ALFA_FEED.encode(), content_type="application/rss+xml"),
        "/robots.txt": Reply(body=b"User-agent: *\nDisallow: /privato/\n\n"
                             b"Sitemap: http://www.alfa.test/sitemap_index.xml.gz\n",
                             content_type="text/plain"),
        "/sitemap_index.xml.gz": Reply(body=gzip.compress(SITEMAP_INDEX.encode()),
                                       content_type="application/gzip"),
        "/news-sitemap.xml": Reply(body=NEWS_SITEMAP.encode(), content_type="application/xml"),
        "/cronaca/": Reply(body=listing(["/2023/10/18/lgnet2-latina/amp/", "/cronaca/calcio/"],
                                        "/cronaca/?page=2").encode()),
        "/cronaca/?page=2": Reply(body=listing(["/2023/10/21/perugia-tag-rotti/"],
                                               "/cronaca/page/3/").encode()),
        "/cronaca/page/3/": Reply(body=listing(["/2023/10/22/meteo-domani/"]).encode()),
        "/?s=LgNet2": Reply(body=listing(["/2023/10/18/lgnet2-latina/"]).encode()),
        "/2023/10/18/lgnet2-latina/": Reply(body=LATINA.encode()),
        "/2023/10/18/lgnet2-latina/amp/": Reply(body=LATINA.encode()),
        "/2023/10/20/citta-che-accoglie/": Reply(body=CP1252, content_type="text/html"),
        "/2023/10/21/perugia-tag-rotti/": Reply(body=BROKEN),
        "/2023/10/22/meteo-domani/": Reply(body=METEO.encode()),
        "/privato/2023/lgnet2-riservato/": Reply(body=PRIVATE.encode()),
        "/2021/05/02/vecchio-lgnet/": Reply(body=LATINA.encode()),
        "/2023/10/23/articolo-sparito/": Reply(404, b"non trovato"),
        "/2023/10/24/articolo-rimosso/": Reply(410, b"rimosso"),
        "/2023/10/25/errore-server/": Reply(500, b"errore"),
        "/2023/10/26/giro-tondo/": Reply(302, b"", headers=(
            ("Location", "http://www.alfa.test/2023/10/26/tondo-giro/"),)),
        "/2023/10/26/tondo-giro/": Reply(302, b"", headers=(
            ("Location", "http://www.alfa.test/2023/10/26/giro-tondo/"),)),
        "/2023/10/27/pagina-enorme/": Reply(body=article(
            "LgNet2 enorme", "<p>LgNet2</p>" + "<p>" + "x" * 3_000_000 + "</p>").encode()),
    }
    if path.startswith("/eventi/"):  # an endless calendar: every day links the next
        day = int(path.rsplit("=", 1)[-1]) if "=" in path else 0
        return Reply(body=listing([], f"/eventi/?giorno={day + 1}").encode())
    return pages.get(path)


def beta(path: str) -> Reply | None:
    pages = {
        "/feed.xml": Reply(body=b"<html><body>Feed non disponibile</body></html>"),
        "/sitemap.xml.gz": Reply(body=b"\x1f\x8b\x08\x00rotto", content_type="application/gzip"),
        "/robots.txt": ROBOTS_ALLOW_ALL,
    }
    return pages.get(path)


GAMMA_ARTICLES = 150


def gamma(path: str) -> Reply | None:
    if path == "/feed.xml":
        items = "".join(
            f"<item><title>{n}</title><link>http://www.gamma.test/2023/11/{n % 28 + 1:02d}/"
            f"lgnet2-notizia-{n}/</link></item>" for n in range(1, GAMMA_ARTICLES + 1))
        return Reply(body=f'<?xml version="1.0"?><rss version="2.0"><channel>{items}'
                     "</channel></rss>".encode(), content_type="application/rss+xml")
    if path.startswith("/2023/11/"):
        n = path.split("-")[-1].strip("/")
        return Reply(body=article(f"LgNet2, notizia {n}", para(
            f"Notizia numero {n} sul progetto LgNet2 e sulle città della rete.")).encode())
    if path == "/robots.txt":
        return ROBOTS_ALLOW_ALL
    return None


SITES: dict[str, Callable[[str], Reply | None]] = {
    "www.alfa.test": alfa, "www.beta.test": beta, "www.gamma.test": gamma,
}


def render(host: str, path: str, headers: dict[str, str]) -> Reply | None:
    site = SITES.get(host)
    return site(path) if site else None
