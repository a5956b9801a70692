"""The review as a workbook (openpyxl): a summary sheet, the whole listing, one sheet
per category, with filters, frozen headers and real numbers and dates."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from extract.authors import short_author
from review import labels
from review.italian import long_date
from review.model import Review, Uscita
from review.options import ReviewOptions

__all__ = ["XlsxRenderer", "LISTING_COLUMNS"]

LISTING_COLUMNS = ("Categoria", "Testata", "Audience", "Titolo", "Data", "Giornalista", "URL",
                   "Comunicato", "Città")
_HEADER = Font(bold=True, color="FFFFFF")
_FILL = PatternFill("solid", fgColor="1F4E79")
_WIDTHS = (26, 28, 12, 60, 12, 16, 50, 11, 16)


def _header(sheet: Worksheet, names: tuple[str, ...] | list[str]) -> None:
    sheet.append(list(names))
    for cell in sheet[1]:
        cell.font, cell.fill = _HEADER, _FILL
        cell.alignment = Alignment(vertical="center")
    sheet.freeze_panes = "A2"


def _row(u: Uscita) -> list[object]:
    return [u.category, u.testata, u.audience, u.title, u.published, short_author(u.author),
            u.url, u.cluster, u.city]


def _listing(sheet: Worksheet, uscite: tuple[Uscita, ...]) -> None:
    _header(sheet, LISTING_COLUMNS)
    for u in uscite:
        sheet.append(_row(u))
    for row in sheet.iter_rows(min_row=2):
        row[2].number_format = "#,##0"
        row[4].number_format = "DD/MM/YYYY"
    for i, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.auto_filter.ref = sheet.dimensions


class XlsxRenderer:
    """A ``Sintesi`` sheet, the listing in ``Rassegna``, one sheet per category.

    The workbook holds the listing only, never the clippings: the options change
    nothing in it.
    """

    suffix = ".xlsx"

    def __init__(self, options: ReviewOptions | None = None) -> None:
        self.options = options or ReviewOptions()

    def render(self, review: Review) -> bytes:
        """The workbook's bytes."""
        book = Workbook()
        summary = book.active
        assert summary is not None
        summary.title = "Sintesi"
        summary.append([review.cover.title])
        summary["A1"].font = Font(bold=True, size=14, color="1F4E79")
        summary.append([f"{labels.UPDATED}: {long_date(review.cover.updated)}"])
        summary.append([])
        summary.append([labels.COUNT, review.count])
        summary.append([labels.TOTAL_AUDIENCE, review.audience])
        summary.append([])
        start = summary.max_row + 1
        summary.append([labels.CATEGORY, labels.COUNT, labels.AUDIENCE])
        for cell in summary[start]:
            cell.font, cell.fill = _HEADER, _FILL
        for block in review.categories:
            summary.append([block.name, block.count or None, block.audience or None])
        summary.append([labels.TOTAL, review.count, review.audience])
        for cell in summary[summary.max_row]:
            cell.font = Font(bold=True)
        for row in summary.iter_rows(min_row=4):
            for cell in row[1:3]:
                cell.number_format = "#,##0"
        summary.append([])
        summary.append([labels.AUDIENCE_NOTE_SHORT])
        summary.column_dimensions["A"].width = 34
        summary.column_dimensions["B"].width = 16
        summary.column_dimensions["C"].width = 16
        _listing(book.create_sheet("Rassegna"), review.uscite)
        for block in review.categories:
            if block.uscite:
                _listing(book.create_sheet(block.name[:31]), block.uscite)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
