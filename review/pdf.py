"""The review as an A4 PDF: the HTML rendered by WeasyPrint with its print styles
(page numbers, running header with the project name, table of contents)."""

from __future__ import annotations

from review.model import Review

__all__ = ["PdfRenderer"]


class PdfRenderer:
    suffix = ".pdf"

    def __init__(self, html: object) -> None:
        self.html = html  # the HtmlRenderer whose page is printed

    def render(self, review: Review) -> bytes:
        from weasyprint import HTML  # imported here: it loads Pango on first use

        page = self.html.render(review).decode("utf-8")  # type: ignore[attr-defined]
        return HTML(string=page).write_pdf()  # type: ignore[no-any-return]
