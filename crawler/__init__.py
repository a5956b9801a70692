"""The crawl stage: the Scrapy spider that collects the candidate uscite of a campaign.

The campaign's sources are objects of the kinds :mod:`crawler.sources` registers;
the spider runs them all in one crawl.
"""

from __future__ import annotations

from crawler.items import Found, Page, Reached, Rejection, Unchanged
from crawler.settings import crawl_settings, user_agent
from crawler.sources import SOURCE_KINDS, Source, register
from crawler.sources.listings import looks_like_article
from crawler.spiders import CampaignSpider, page_text
from crawler.terms import TermMatcher
from crawler.urls import canonical_url, domain_of

__all__ = [
    "CampaignSpider",
    "Found",
    "Page",
    "Reached",
    "Rejection",
    "SOURCE_KINDS",
    "Source",
    "TermMatcher",
    "Unchanged",
    "canonical_url",
    "crawl_settings",
    "domain_of",
    "looks_like_article",
    "page_text",
    "register",
    "user_agent",
]
