"""Polite Scrapy settings for a campaign crawl."""

from __future__ import annotations

from typing import Any

__all__ = ["crawl_settings", "user_agent"]

VERSION = "0.1.0"


def user_agent(contact: str) -> str:
    """A user agent that names the project and whom to contact."""
    who = f"; {contact}" if contact else ""
    return f"rassegna/{VERSION} (+https://github.com/rassegna/rassegna{who})"


def crawl_settings(
    *,
    contact: str = "",
    concurrency_per_domain: int = 4,
    download_delay: float = 0.0,
    depth_limit: int = 2,
    timeout: float = 30.0,
) -> dict[str, Any]:
    """Scrapy settings: robots.txt obeyed, AutoThrottle, per-domain limits, retries."""
    return {
        "USER_AGENT": user_agent(contact),
        "ROBOTSTXT_OBEY": True,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": max(download_delay, 0.25),
        "AUTOTHROTTLE_MAX_DELAY": 10.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(concurrency_per_domain),
        "DOWNLOAD_DELAY": download_delay,
        "CONCURRENT_REQUESTS": 32,
        "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency_per_domain,
        "DOWNLOAD_TIMEOUT": timeout,
        "DOWNLOAD_MAXSIZE": 32 * 1024 * 1024,
        "DOWNLOAD_WARNSIZE": 8 * 1024 * 1024,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": 2,
        "REDIRECT_MAX_TIMES": 5,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "RASSEGNA_DEPTH_LIMIT": depth_limit,
        "LOG_LEVEL": "WARNING",
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
    }
