"""Serve the demo news web on 127.0.0.1, as the target of an HTTP forward proxy.

The demo outlets live on host names under the reserved ``.test`` TLD, which resolve
nowhere. A crawler reaches them by using :class:`DemoWeb` as its HTTP proxy: it sends
``GET http://www.cronacapontina.test/feed.xml HTTP/1.1`` (absolute URL in the request
line) and the server answers for that host. A plain ``GET /feed.xml`` with a ``Host:``
header is answered too.

    with DemoWeb() as web:
        crawl(..., proxy=web.proxy_url)

``python -m rassegna.demo.server [--port N]`` serves until Ctrl-C.
"""

from __future__ import annotations

import argparse
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

from rassegna.demo import site

__all__ = ["DemoWeb", "main"]

_NOT_FOUND = (
    b'<!DOCTYPE html>\n<html lang="it"><head><meta charset="utf-8">'
    b"<title>404 - Pagina non trovata</title></head>"
    b"<body><h1>Pagina non trovata</h1></body></html>\n"
)


class _Handler(BaseHTTPRequestHandler):
    server_version = "DemoWeb/1.0"
    protocol_version = "HTTP/1.1"

    def _target(self) -> tuple[str, str]:
        """(host, path) of the request, from an absolute URL or the Host header."""
        if "://" in self.path:
            parts = urlsplit(self.path)
            host = parts.hostname or ""
            path = parts.path or "/"
        else:
            host = (self.headers.get("Host") or "").strip()
            if host.startswith("["):  # an IPv6 literal never names a demo outlet
                host = ""
            host = host.rsplit(":", 1)[0] if ":" in host else host
            path = urlsplit(self.path).path or "/"
        return host.lower(), path

    def _answer(self, send_body: bool) -> None:
        host, path = self._target()
        result = site.render(host, path)
        if result is None:
            status, content_type, body = 404, site.CONTENT_TYPES["html"], _NOT_FOUND
        else:
            status, content_type, body = result
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (the name http.server dispatches to)
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    def do_CONNECT(self) -> None:  # noqa: N802
        # The demo web is plain HTTP only: no HTTPS tunnels.
        self.send_error(405, "CONNECT not supported by the demo web")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Stay quiet: no line per request."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class DemoWeb:
    """The demo news web, served on 127.0.0.1 in a daemon thread.

    ``port=0`` (the default) picks a free port. Use as a context manager, or call
    :meth:`start` and :meth:`stop`.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._host = host
        self._port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("DemoWeb is not running")
        return int(self._server.server_address[1])

    @property
    def proxy_url(self) -> str:
        """``http://127.0.0.1:<port>``: give it to the crawler as its HTTP proxy."""
        return f"http://{self._host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._server is not None

    def start(self) -> DemoWeb:
        if self._server is not None:
            return self
        self._server = _Server((self._host, self._port), _Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="rassegna-demo-web",
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

    def __enter__(self) -> DemoWeb:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


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
