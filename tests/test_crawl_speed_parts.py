"""The parts the crawl made cheaper keep their behaviour.

:func:`common.text.fold` (which the term matcher folds every page with) is the
per-character definition for any text; the proxy
middleware honours ``http_proxy`` and ``no_proxy`` as Scrapy's does; the page's text
leaves scripts and styles out; the canonical URL cache answers what the function
answers; the bench web answers in one write after its latency; behind a proxy, a crawl keeps
one connection for every request in flight; the crawl builds none of the Scrapy
components it leaves out, and the store imports no pandas.
"""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from threading import Thread
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.settings import Settings
from scrapy.utils.conf import build_component_list

from common.text import fold
from crawler import TermMatcher, canonical_url, crawl_settings, page_text
from crawler.middlewares import HttpProxy
from rassegna.campaign import load_campaign
from rassegna.crawling import run_crawl
from rassegna.demo.server import ProxyWeb, Reply
from tests import sites

ROOT = Path(__file__).resolve().parents[1]


def _fold_every_character(text: str) -> str:
    """The definition: every character of the decomposed text asked whether it is a mark."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@given(st.text())
def test_fold_is_its_definition(text: str) -> None:
    assert fold(text) == _fold_every_character(text)


@given(st.text(alphabet=st.sampled_from("aàáeèéiìoòuùİıßﬁ\u0301\u0308 LgNet2ÀÉ'")))
def test_fold_is_its_definition_on_accented_runs(text: str) -> None:
    assert fold(text) == _fold_every_character(text)


def test_accented_page_text_still_matches_a_plain_term() -> None:
    matcher = TermMatcher(["Città Nuova"])
    assert matcher.search("A CITTÀ NUOVA, l'assessore Rossi") == "citta nuova"
    assert matcher.search("a Citta\u0300 Nuova") == "citta nuova"  # a combining grave


def test_page_text_leaves_scripts_and_styles_out() -> None:
    body = (b"<html><head><title>T</title><style>p{}</style></head><body><p>Uno "
            b"<b>due</b></p><script>var x = 'tre';</script><noscript>quattro</noscript>"
            b"<p>cinque</p></body></html>")
    text = page_text(HtmlResponse("http://www.esempio.test/a/", body=body, encoding="utf-8"))
    assert text.split() == ["Uno", "due", "cinque"]


def test_canonical_url_cached_answers_as_before() -> None:
    url = "https://www.Esempio.test/a/amp/?utm_source=x&b=2&a=1#top"
    assert canonical_url(url) == canonical_url(url) == "https://www.esempio.test/a/?a=1&b=2"


@pytest.mark.parametrize(
    ("url", "proxy"),
    [
        ("http://www.esempio.test/a/", "http://127.0.0.1:8999"),
        ("http://www.esempio.test/b/", "http://127.0.0.1:8999"),  # the cached answer
        ("http://interno.lan/a/", None),  # no_proxy
        ("https://www.esempio.test/a/", None),  # no https proxy given
    ],
)
def test_proxy_from_the_environment_and_no_proxy(
    monkeypatch: pytest.MonkeyPatch, url: str, proxy: str | None
) -> None:
    for name in ("http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                 "NO_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:8999")
    monkeypatch.setenv("no_proxy", "interno.lan")
    middleware = HttpProxy()
    request = Request(url)
    assert middleware.process_request(request) is None
    assert request.meta.get("proxy") == proxy


def test_a_requests_own_proxy_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:8999")
    request = Request("http://www.esempio.test/a/", meta={"proxy": "http://u:p@10.0.0.1:3128"})
    HttpProxy().process_request(request)
    assert request.meta["proxy"] == "http://10.0.0.1:3128"
    assert request.headers[b"Proxy-Authorization"].startswith(b"Basic ")


def _bench_crawl() -> ModuleType:
    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location("bench_crawl", ROOT / "bench" / "bench_crawl.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bench_web_answers_after_its_latency_in_one_write() -> None:
    bench = _bench_crawl()
    pages = {("www.esempio.test", "/a/"): bench.Reply(b"<html>ciao</html>")}
    server = bench._Server(pages, 0.05)
    Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        with socket.create_connection(server.server_address[:2]) as conn:
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            times = []
            for _ in range(5):  # on a reused connection too
                start = time.perf_counter()
                conn.sendall(b"GET http://www.esempio.test/a/ HTTP/1.1\r\n"
                             b"Host: www.esempio.test\r\n\r\n")
                answer = b""
                while not answer.endswith(b"</html>"):
                    answer += conn.recv(65536)
                times.append(time.perf_counter() - start)
                assert answer.startswith(b"HTTP/1.1 200 OK\r\n")
        assert min(times) >= 0.05
        # Nagle's stall on a reused connection cost ~40 ms every time; the fastest
        # answer shows it gone, whatever else the machine runs
        assert min(times[1:]) < 0.05 + 0.03
    finally:
        server.shutdown()
        server.server_close()


def _many_hosts(host: str, path: str, headers: dict[str, str]) -> Reply | None:
    if path == "/robots.txt":
        return sites.ROBOTS_ALLOW_ALL
    if host.endswith(".test") and path.startswith("/notizia-"):
        time.sleep(0.2)  # as the web answers: requests to the hosts overlap
        return Reply(body=sites.article(f"Notizia {path}", sites.para(
            "Il progetto LgNet2 arriva in città.")).encode())
    return None


def test_behind_a_proxy_a_crawl_keeps_its_connections(tmp_path: Path) -> None:
    # through an HTTP proxy every request shares one key of Scrapy's connection pool,
    # which kept only CONCURRENT_REQUESTS_PER_DOMAIN idle connections: with requests
    # for several hosts in flight, most answers closed their connection
    hosts, per_host = 12, 30
    urls = tmp_path / "urls.txt"
    urls.write_text("".join(f"http://www.testata-{h}.test/notizia-{n}/\n"
                            for h in range(hosts) for n in range(per_host)), encoding="utf-8")
    campaign = tmp_path / "c.toml"
    campaign.write_text('[project]\nname = "Pool"\n[[terms]]\nterm = "LgNet2"\n'
                        "[crawl]\nconcurrency_per_domain = 4\n", encoding="utf-8")
    with sites.as_proxy(ProxyWeb(_many_hosts)) as web:
        pages = run_crawl(load_campaign(campaign), tmp_path / "s.db", urls_file=urls)
        seen = list(web.seen)
    assert pages == hosts * per_host
    connections = {s.client_port for s in seen}
    assert len(seen) == hosts * per_host + hosts  # and a robots.txt a host
    # at most one connection a request in flight (12 hosts x 4; Scrapy's pool opened
    # about 75 here), a few spare for what the server's timing replaces
    assert len(connections) <= hosts * 4 + 6, (len(connections), len(seen))


def test_the_crawl_builds_no_remote_control_and_no_telnet() -> None:
    # Scrapy's remote control runs Python code posted to a local port
    settings = Settings(crawl_settings())
    extensions = build_component_list(settings.getwithbase("EXTENSIONS"))
    assert "scrapy.extensions.throttle.AutoThrottle" in extensions
    assert not [e for e in extensions if "remote_control" in e or "telnet" in e]
    downloader = build_component_list(settings.getwithbase("DOWNLOADER_MIDDLEWARES"))
    assert "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware" in downloader
    assert "crawler.middlewares.HttpProxy" in downloader
    assert "scrapy.downloadermiddlewares.httpproxy.HttpProxyMiddleware" not in downloader


def test_the_store_does_not_import_pandas_yet_pandas_imports() -> None:
    script = ("import sys; import rassegna.store\n"
              "print('pandas' in sys.modules, 'numpy' in sys.modules)\n"
              "import pandas; print(pandas.DataFrame({'a': [1]}).shape)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.split("\n")
    assert out[:2] == ["False False", "(1, 1)"]
