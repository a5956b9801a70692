"""Serve a web of several hosts on 127.0.0.1, as the target of an HTTP forward proxy.

:class:`ProxyWeb` serves whatever a ``render(host, path, headers)`` function answers
(the tests' fixture webs, ``tests/sites.py``, and the crawl benchmark use it);
:class:`DemoWeb` serves the demo news web of :mod:`rassegna.demo.site`, and the news
search engines of :mod:`rassegna.demo.engines` under their own host names.

The demo outlets live on host names under the reserved ``.test`` TLD, which resolve
nowhere. A crawler reaches them by using :class:`DemoWeb` as its HTTP proxy: it sends
``GET http://www.cronacapontina.test/feed.xml HTTP/1.1`` (absolute URL in the request
line) and the server answers for that host. A plain ``GET /feed.xml`` with a ``Host:``
header is answered too.

    with DemoWeb() as web:
        os.environ["http_proxy"] = web.proxy_url  # the crawl honours http_proxy
        ...

``python -m rassegna.demo.server [--port N]`` serves until Ctrl-C.
"""

from __future__ import annotations

import argparse
import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit

from rassegna.demo import engines, site

__all__ = ["DemoWeb", "ProxyWeb", "Reply", "Seen", "main"]

_NOT_FOUND = (
    b'<!DOCTYPE html>\n<html lang="it"><head><meta charset="utf-8">'
    b"<title>404 - Pagina non trovata</title></head>"
    b"<body><h1>Pagina non trovata</h1></body></html>\n"
)


@dataclass(frozen=True)
class Reply:
    """What a fixture web answers: status, headers and body."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Seen:
    """A request the web received (for tests: user agent, conditional headers, and the
    client's port, which tells one connection from another)."""

    host: str
    path: str
    headers: dict[str, str]
    client_port: int = 0


#: ``render(host, path with query, request headers)`` -> a Reply, or None for 404; the
#: headers of a POST carry its body as ``":body"``
Render = Callable[[str, str, dict[str, str]], "Reply | None"]


class _Handler(BaseHTTPRequestHandler):
    server_version = "DemoWeb/1.0"
    protocol_version = "HTTP/1.1"
    server: _Server

    def _target(self) -> tuple[str, str]:
        """(host, path with query) of the request, from an absolute URL or the Host header."""
        if "://" in self.path:
            parts = urlsplit(self.path)
            host = parts.hostname or ""
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        else:
            host = (self.headers.get("Host") or "").strip()
            if host.startswith("["):  # an IPv6 literal never names a demo outlet
                host = ""
            host = host.rsplit(":", 1)[0] if ":" in host else host
            path = self.path or "/"
        return host.lower(), path

    def _answer(self, send_body: bool, body: str | None = None) -> None:
        host, path = self._target()
        headers = {k.lower(): v for k, v in self.headers.items()}
        if body is not None:  # a POST's form, for the fixture engines that take one
            headers[":body"] = body
        self.server.seen.append(Seen(host, path, headers, self.client_address[1]))
        reply = self.server.render(host, path, headers) or Reply(404, _NOT_FOUND)
        etag = ""
        if reply.status == 200 and self.server.etags:
            etag = '"' + hashlib.sha1(reply.body).hexdigest()[:16] + '"'
            if headers.get("if-none-match") == etag:
                reply = Reply(304, b"", reply.content_type)
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        if etag:
            self.send_header("ETag", etag)
        for name, value in reply.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if send_body and reply.body:
            self.wfile.write(reply.body)

    def do_GET(self) -> None:  # noqa: N802 (the name http.server dispatches to)
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    def do_POST(self) -> None:  # noqa: N802
        size = int(self.headers.get("Content-Length") or 0)
        self._answer(send_body=True, body=self.rfile.read(size).decode("utf-8", "replace"))

    def do_CONNECT(self) -> None:  # noqa: N802
        # The demo web is plain HTTP only: no HTTPS tunnels.
        self.send_error(405, "CONNECT not supported by the demo web")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Stay quiet: no line per request."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], render: Render, etags: bool) -> None:
        super().__init__(address, _Handler)
        self.render = render
        self.etags = etags
        self.seen: list[Seen] = []

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up (a crawler dropping a too-large page) is no error."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class ProxyWeb:
    """A web of several hosts served on 127.0.0.1 in a daemon thread, as an HTTP proxy.

    ``port=0`` (the default) picks a free port. Use as a context manager, or call
    :meth:`start` and :meth:`stop`. With ``etags`` every 200 answer carries an ETag
    and a matching ``If-None-Match`` gets 304, as on real news sites.
    """

    def __init__(
        self, render: Render, host: str = "127.0.0.1", port: int = 0, etags: bool = True
    ) -> None:
        self._render = render
        self._host = host
        self._port = port
        self._etags = etags
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the web is not running")
        return int(self._server.server_address[1])

    @property
    def proxy_url(self) -> str:
        """``http://127.0.0.1:<port>``: give it to the crawler as its HTTP proxy."""
        return f"http://{self._host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def seen(self) -> list[Seen]:
        """Every request received so far, in order."""
        return self._server.seen if self._server is not None else []

    def start(self) -> Self:
        if self._server is not None:
            return self
        self._server = _Server((self._host, self._port), self._render, self._etags)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="rassegna-proxy-web",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _demo_render(host: str, path: str, headers: dict[str, str]) -> Reply | None:
    if host in engines.ENGINE_HOSTS:
        result = engines.render(host, path, headers.get(":body"))
    else:
        result = site.render(host, path)
    if result is None:
        return None
    status, content_type, body = result
    return Reply(status, body, content_type)


class DemoWeb(ProxyWeb):
    """The demo news web (:mod:`rassegna.demo.site`), served as an HTTP proxy on 127.0.0.1."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(_demo_render, host, port)


def main(argv: list[str] | None = None) -> int:
    """Serve the demo web until Ctrl-C, printing the proxy URL and the outlets."""
    parser = argparse.ArgumentParser(
        prog="python -m rassegna.demo.server",
        description="Serve the rassegna demo news web on 127.0.0.1 (use it as HTTP proxy).",
    )
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    args = parser.parse_args(argv)
    web = DemoWeb(port=args.port).start()
    print(f"Demo web running. HTTP proxy: {web.proxy_url}")
    for outlet in site.OUTLETS:
        print(f"  {outlet.testata:<24} {outlet.home_url}  feed {outlet.feed_url}")
    print(f"Try: curl -x {web.proxy_url} {site.OUTLETS[1].feed_url}")
    print("Ctrl-C to stop.", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        web.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
