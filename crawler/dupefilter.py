"""The duplicate filter: canonical fingerprints, and redirect loops reported."""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.dupefilters import RFPDupeFilter

from crawler.items import Rejection
from crawler.urls import canonical_url

__all__ = ["ReportingDupeFilter"]


class ReportingDupeFilter(RFPDupeFilter):
    """Scrapy's filter, but a redirect that lands on a page already seen is reported.

    Such a redirect is either a loop (``a → b → a``) or a second URL of a page already
    fetched; either way the URL the crawl started from gets a rejection with the
    reason, which the spider hands to the store when it closes.
    """

    def log(self, request: Request, spider: Any) -> None:
        super().log(request, spider)
        chain = request.meta.get("redirect_urls")
        if chain and hasattr(spider, "late_rejections"):
            reason = f"redirect loop, or redirect to a page already fetched: {request.url}"
            spider.logger.warning("%s: %s", chain[0], reason)
            spider.late_rejections.append(
                Rejection(canonical_url(chain[0]), reason, request.meta.get("via", ""))
            )
