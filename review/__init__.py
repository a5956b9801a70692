"""The review stage: the rassegna stampa in five formats, from one document model.

:func:`build_review` turns the uscite into a :class:`Review` (``review.model``), with its
totals (``review.totals``) and city stops (``review.stops``); one renderer per format
(``review.formats``: HTML, JSON, PDF, DOCX, XLSX) writes it, using the labels and the
audience note of ``review.labels`` and the Italian formatting of ``review.italian``.
:data:`FORMATS` and :func:`write_review` (``review.render``) are the one list of formats.
"""

from review.formats.docx import DocxRenderer
from review.formats.html import HtmlRenderer
from review.formats.json import JsonRenderer, to_json, totals_json
from review.formats.pdf import PdfRenderer
from review.formats.xlsx import XlsxRenderer
from review.italian import day_month, long_date, number
from review.model import Broadcast, CategoryBlock, ClusterBlock, Cover, Review, Uscita, build_review
from review.options import ReviewOptions
from review.render import FORMATS, RENDERERS, Renderer, renderers, write_review

__all__ = [
    "FORMATS",
    "RENDERERS",
    "Broadcast",
    "CategoryBlock",
    "ClusterBlock",
    "Cover",
    "DocxRenderer",
    "HtmlRenderer",
    "JsonRenderer",
    "PdfRenderer",
    "Renderer",
    "Review",
    "ReviewOptions",
    "Uscita",
    "XlsxRenderer",
    "build_review",
    "day_month",
    "long_date",
    "number",
    "renderers",
    "to_json",
    "totals_json",
    "write_review",
]
