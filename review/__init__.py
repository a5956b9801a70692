"""The review stage: the rassegna stampa as HTML and JSON (PDF, DOCX, XLSX to come)."""

from review.italian import day_month, long_date, number
from review.model import Broadcast, CategoryBlock, ClusterBlock, Cover, Review, Uscita, build_review
from review.render import HtmlRenderer, JsonRenderer, Renderer, to_json, write_review

__all__ = [
    "Broadcast",
    "CategoryBlock",
    "ClusterBlock",
    "Cover",
    "HtmlRenderer",
    "JsonRenderer",
    "Renderer",
    "Review",
    "Uscita",
    "build_review",
    "day_month",
    "long_date",
    "number",
    "to_json",
    "write_review",
]
