"""The download handler of the campaign crawl."""

from __future__ import annotations

from typing import Any

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler

__all__ = ["PooledHTTP11"]


class PooledHTTP11(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler, keeping a connection for every request in flight.

    Scrapy keeps at most ``CONCURRENT_REQUESTS_PER_DOMAIN`` idle connections per key
    of its pool, and every request through an HTTP proxy has the same key, the
    proxy's: behind a proxy (an office's, or the tests'), 64 requests in flight
    shared 8 kept connections, and every other answer closed its connection, to open
    a new one for the next request. Without a proxy the key is the host, whose
    requests in flight are bounded by the per-domain limit anyway, so the larger pool
    keeps no more connections than before.
    """

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self._pool.maxPersistentPerHost = max(
            self._pool.maxPersistentPerHost, crawler.settings.getint("CONCURRENT_REQUESTS"))
