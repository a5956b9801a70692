"""Request fingerprints on canonical URLs: one article is fetched once, however linked."""

from __future__ import annotations

import hashlib
from typing import Any

from scrapy import Request

from crawler.urls import canonical_url

__all__ = ["CanonicalFingerprinter"]


class CanonicalFingerprinter:
    """Like Scrapy's default, but tracking parameters and AMP variants do not count.

    ``https://site/a/?utm_source=fb`` and ``https://site/a/amp/`` are the same
    request as ``https://site/a/`` for the duplicate filter and the job directory.
    """

    @classmethod
    def from_crawler(cls, crawler: Any) -> CanonicalFingerprinter:
        return cls()

    def fingerprint(self, request: Request) -> bytes:
        digest = hashlib.sha1()
        digest.update(request.method.encode())
        digest.update(canonical_url(request.url).encode())
        digest.update(request.body or b"")
        return digest.digest()
