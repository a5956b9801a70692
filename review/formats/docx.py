"""The review as a Word document (python-docx): real headings and tables the office edits."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from extract.authors import short_author
from review import labels
from review.charts import audience_per_category, uscite_per_day
from review.italian import day_month, long_date, number
from review.model import Review, Uscita
from review.options import ReviewOptions
from review.stops import CityStop, city_stops
from review.totals import Total

__all__ = ["DocxRenderer"]

ACCENT = RGBColor(0x1F, 0x4E, 0x79)


def _shade(cell: object, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _repeat_header(table: Table) -> None:
    row = table.rows[0]._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row.append(flag)


def _table(document: WordDocument, header: list[str], rows: list[list[str]],
           widths: list[float], numeric: set[int], total: list[str] | None = None) -> Table:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, text in enumerate(header):
        cell = table.rows[0].cells[i]
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        _shade(cell, "1F4E79")
    _repeat_header(table)
    for values in rows + ([total] if total else []):
        cells = table.add_row().cells
        for i, text in enumerate(values):
            paragraph = cells[i].paragraphs[0]
            run = paragraph.add_run(text)
            if total is not None and values is total:
                run.bold = True
                _shade(cells[i], "EEF3F8")
            if i in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in table.rows:
        for i, width in enumerate(widths):
            row.cells[i].width = Cm(width)
    return table


def _page_break(document: WordDocument) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


class DocxRenderer:
    """Cover, highlights and totals, the table per category, the listing, the clippings."""

    suffix = ".docx"

    def __init__(self, options: ReviewOptions | None = None) -> None:
        self.options = options or ReviewOptions()

    def render(self, review: Review) -> bytes:
        document = Document()
        section = document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for margin in ("left_margin", "right_margin"):
            setattr(section, margin, Cm(1.8))
        style = document.styles["Normal"]
        style.font.name = "Calibri"
        style.font.size = Pt(10)
        header = section.header.paragraphs[0]
        header.text = f"{review.cover.project} – Rassegna Stampa"
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        stops = city_stops(review)
        self._cover(document, review)
        self._contents(document, review, stops)
        self._summary(document, review)
        self._listing(document, review)
        self._stops(document, stops)
        self._releases(document, review)
        self._totals(document, review)
        if self.options.clippings:
            self._clippings(document, review)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    def _cover(self, document: WordDocument, review: Review) -> None:
        if self.options.logo:
            document.add_picture(io.BytesIO(self.options.logo), height=Cm(2.5))
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for _ in range(4):
            document.add_paragraph()
        for line in review.cover.lines:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(line)
            run.font.size = Pt(9)
            run.font.all_caps = True
        title = document.add_heading(review.cover.title, level=0)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        updated = document.add_paragraph(
            f"{labels.UPDATED}: {long_date(review.cover.updated)}"
        )
        updated.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_break(document)

    def _contents(
        self, document: WordDocument, review: Review, stops: tuple[CityStop, ...]
    ) -> None:
        """The sections of the document, as the HTML and PDF list them."""
        document.add_heading("Indice", level=1)
        filled = [b.name for b in review.categories if b.uscite]
        entries = [("Highlight e sintesi", 0), ("Rassegna Stampa", 0)]
        entries += [(name, 1) for name in filled]
        if stops:
            entries.append(("Le tappe", 0))
        if review.clusters:
            entries.append(("Rilanci per comunicato", 0))
        if review.totals and review.count:
            entries.append(("Totali", 0))
        if self.options.clippings:
            entries += [(f"Testi – {name}", 0) for name in filled]
        for text, level in entries:
            style = "List Number 2" if level else "List Number"
            document.add_paragraph(text, style=style)
        _page_break(document)

    def _summary(self, document: WordDocument, review: Review) -> None:
        document.add_heading("Highlight uscite", level=1)
        for name in review.highlights:
            document.add_paragraph(name, style="List Bullet")
        _table(document, [labels.COUNT, labels.TOTAL_AUDIENCE],
               [[number(review.count), number(review.audience)]], [8.5, 8.5], {0, 1})
        document.add_paragraph()
        rows = [[b.name, number(b.count or None), number(b.audience or None)]
                for b in review.categories]
        _table(document, [labels.CATEGORY, labels.COUNT, labels.AUDIENCE], rows, [9.5, 3.5, 4.4],
               {1, 2}, total=[labels.TOTAL, number(review.count), number(review.audience)])
        note = labels.AUDIENCE_NOTE
        if review.without_audience:
            note += f" {labels.WITHOUT_AUDIENCE}: {', '.join(review.without_audience)}."
        document.add_paragraph().add_run(note).font.size = Pt(8)
        charts = (audience_per_category, uscite_per_day) if self.options.charts else ()
        for draw in charts:
            chart = draw(review)
            if chart:
                document.add_picture(io.BytesIO(chart), width=Cm(16))

    def _listing(self, document: WordDocument, review: Review) -> None:
        _page_break(document)
        document.add_heading("Rassegna Stampa", level=1)
        for block in review.categories:
            if not block.uscite:
                continue
            document.add_heading(block.name, level=2)
            rows = [[u.testata, number(u.audience), u.title, day_month(u.published),
                     short_author(u.author)] for u in block.uscite]
            audience = number(block.audience) if block.audience else labels.NOT_AVAILABLE
            _table(document, ["Testata", labels.AUDIENCE, "Titolo", "Data", "Giornalista"], rows,
                   [3.6, 2.2, 7.0, 2.2, 2.4], {1},
                   total=[labels.SUBTOTAL, audience, "", "", ""])

    def _stops(self, document: WordDocument, stops: tuple[CityStop, ...]) -> None:
        """A page section per city stop: uscite, audience, officials and figures quoted."""
        if not stops:
            return
        document.add_heading("Le tappe", level=1)
        for stop in stops:
            document.add_heading(stop.city, level=2)
            count = len(stop.uscite)
            facts = [f"{count} {'uscita' if count == 1 else 'uscite'} · audience "
                     f"{number(stop.audience or None) or 'non certificata'}"]
            if stop.officials:
                facts.append(f"Amministratori citati: {'; '.join(stop.officials)}")
            if stop.figures:
                facts.append(f"Cifre riportate: {'; '.join(stop.figures)}")
            document.add_paragraph("\n".join(facts))
            rows = [[u.testata, u.title, day_month(u.published), number(u.audience)]
                    for u in stop.uscite]
            _table(document, ["Testata", "Titolo", "Data", labels.AUDIENCE], rows,
                   [4.0, 8.0, 2.4, 3.0], {3})

    def _releases(self, document: WordDocument, review: Review) -> None:
        """The copies of each press release, with the share of its text each kept."""
        if not review.clusters:
            return
        document.add_heading("Rilanci per comunicato", level=1)
        for cluster in review.clusters:
            document.add_heading(cluster.label, level=3)
            rows = []
            for u in cluster.uscite:
                kept = cluster.kept.get(u.id) if u.id != cluster.source else None
                share = f"{round(kept * 100)}%" if kept is not None else ""
                source = " (fonte probabile)" if u.id == cluster.source else ""
                rows.append([u.testata + source, day_month(u.published), share,
                             number(u.audience)])
            _table(document, ["Testata", "Data", "Testo ripreso", labels.AUDIENCE], rows,
                   [7.4, 3.0, 3.0, 4.0], {2, 3},
                   total=[f"{len(cluster.uscite)} uscite", "", "", number(cluster.audience)])

    def _totals(self, document: WordDocument, review: Review) -> None:
        """Totals per city stop, release, week and day; the categories to confirm."""
        if not (review.totals and review.count):
            return
        document.add_heading("Totali", level=1)
        totals = review.totals
        for title, heading, group in labels.TOTALS_TABLES:
            document.add_heading(title, level=2)
            group_totals: tuple[Total, ...] = getattr(totals, group)
            rows = [[t.label, number(t.uscite), number(t.audience or None)]
                    for t in group_totals]
            _table(document, [heading, labels.COUNT, labels.AUDIENCE], rows, [9.5, 3.5, 4.4],
                   {1, 2})
        if review.to_confirm:
            document.add_heading("Categorie da confermare", level=2)
            document.add_paragraph(
                "Testate non presenti nel registro: la categoria è stata dedotta e va "
                "confermata (rassegna outlets set)."
            ).runs[0].font.size = Pt(8)
            rows = [[testata, category, number(count)]
                    for testata, category, count in review.to_confirm]
            _table(document, ["Testata", "Categoria dedotta", labels.COUNT], rows,
                   [7.0, 7.0, 3.4], {2})
        if review.registry_version:
            document.add_paragraph().add_run(
                f"Audience dal registro delle testate, versione {review.registry_version}."
            ).font.size = Pt(8)

    def _clippings(self, document: WordDocument, review: Review) -> None:
        add = _Appender(document)
        for block in review.categories:
            if not block.uscite:
                continue
            add.paragraph().add_run().add_break(WD_BREAK.PAGE)
            add.paragraph(block.name.upper(), "Heading 1")
            for u in block.uscite:
                self._clipping(add, u)

    def _clipping(self, add: _Appender, u: Uscita) -> None:
        meta = " · ".join(p for p in (long_date(u.published), u.testata, u.author) if p)
        add.paragraph().add_run(meta).font.color.rgb = ACCENT
        if u.url:
            add.paragraph().add_run(u.url).font.size = Pt(8)
        if u.broadcast:
            b = u.broadcast
            parts = [f"Programma: {b.programme}" if b.programme else "",
                     f"Edizione: {b.edition}" if b.edition else "",
                     f"Dal minuto {b.minute}" if b.minute else "",
                     f"Intervistati: {', '.join(b.interviewed)}" if b.interviewed else ""]
            add.paragraph(" · ".join(p for p in parts if p))
        add.paragraph(u.title, "Heading 3")
        if u.subtitle:
            add.paragraph().add_run(u.subtitle).italic = True
        for text in u.text.split("\n"):
            if text.strip():
                add.paragraph(text.strip()).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


class _Appender:
    """Appends paragraphs in constant time.

    python-docx looks for the section properties among all the body's children on
    every ``add_paragraph``, which makes thousands of clippings quadratic; this keeps
    that element and the styles at hand.
    """

    def __init__(self, document: WordDocument) -> None:
        self.document = document
        body = document.element.body
        self.end = body.sectPr
        self.styles: dict[str, Any] = {}

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        element = OxmlElement("w:p")
        if self.end is not None:
            self.end.addprevious(element)
        else:
            self.document.element.body.append(element)
        paragraph = Paragraph(element, self.document._body)
        if text:
            paragraph.add_run(text)
        if style:
            if style not in self.styles:
                self.styles[style] = self.document.styles[style]
            paragraph.style = self.styles[style]
        return paragraph
