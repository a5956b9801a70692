"""The crawl stage: Scrapy spiders that collect the candidate uscite of a campaign."""

from crawler.items import Page, Reached, Rejection, Unchanged
from crawler.settings import crawl_settings, user_agent
from crawler.spiders import CampaignSpider, looks_like_article, page_text
from crawler.terms import TermMatcher, fold
from crawler.urls import canonical_url, domain_of

__all__ = [
    "CampaignSpider",
    "Page",
    "Reached",
    "Rejection",
    "TermMatcher",
    "Unchanged",
    "canonical_url",
    "crawl_settings",
    "domain_of",
    "fold",
    "looks_like_article",
    "page_text",
    "user_agent",
]
