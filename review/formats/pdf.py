"""The review as an A4 PDF: the HTML page printed by WeasyPrint with its print styles
(page numbers, running header with the project name, table of contents)."""

from __future__ import annotations

from review.formats.html import HtmlRenderer
from review.model import Review
from review.options import ReviewOptions

__all__ = ["PdfRenderer"]


class PdfRenderer:
    """Prints the page :class:`HtmlRenderer` writes with the same options."""

    suffix = ".pdf"

    def __init__(self, options: ReviewOptions | None = None) -> None:
        self.html = HtmlRenderer(options)

    def render(self, review: Review) -> bytes:
        """The PDF's bytes."""
        from weasyprint import HTML  # imported here: it loads Pango on first use

        page = self.html.render(review).decode("utf-8")
        return HTML(string=page).write_pdf()  # type: ignore[no-any-return]
