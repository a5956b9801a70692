"""The extract stage: title, subtitle, date, author, outlet and text of an uscita."""

from extract.agency import AgencyItem, is_agency_export, parse_agency_export
from extract.article import Article, article_from_html
from extract.authors import author_of, byline_in, clean_author, short_author
from extract.dates import PageDates, find_dates, parse_date
from extract.outlet import AGGREGATORS, Masthead, aggregator_of, outlet_of

__all__ = [
    "AGGREGATORS",
    "AgencyItem",
    "Article",
    "Masthead",
    "PageDates",
    "aggregator_of",
    "article_from_html",
    "author_of",
    "byline_in",
    "clean_author",
    "find_dates",
    "is_agency_export",
    "outlet_of",
    "parse_agency_export",
    "parse_date",
    "short_author",
]
