"""The extract stage: title, subtitle, date, author, outlet and text of an uscita."""

from extract.article import Article, article_from_html
from extract.authors import clean_author, short_author

__all__ = ["Article", "article_from_html", "clean_author", "short_author"]
