"""The review's formats are one list, and its labels and audience note are written once."""

from __future__ import annotations

import io
import re

import typer
from docx import Document
from openpyxl import load_workbook

from rassegna.cli import app
from review import FORMATS, RENDERERS, ReviewOptions, build_review, labels, renderers
from tests.test_review_formats import COVER, uscite


def test_every_format_is_registered_once_with_its_suffix() -> None:
    assert FORMATS == tuple(RENDERERS) == ("html", "json", "pdf", "docx", "xlsx")
    for name, renderer in renderers(ReviewOptions(charts=False)).items():
        assert renderer.suffix == f".{name}"


def test_the_cli_offers_the_registered_formats() -> None:
    build = typer.main.get_command(app).commands["build"]  # type: ignore[attr-defined]
    (option,) = [p for p in build.params if "--format" in p.opts]
    assert option.default == ",".join(FORMATS)
    assert ",".join(FORMATS) in (option.help or "")


def test_every_format_carries_the_same_labels_and_audience_note() -> None:
    review = build_review(uscite(), COVER, highlights=3)
    chosen = renderers(ReviewOptions(charts=False, clippings=False))

    page = re.sub(r"\s+", " ", chosen["html"].render(review).decode("utf-8"))
    assert labels.AUDIENCE_NOTE in page

    document = Document(io.BytesIO(chosen["docx"].render(review)))
    assert any(p.text.startswith(labels.AUDIENCE_NOTE) for p in document.paragraphs)
    headers = {tuple(c.text for c in t.rows[0].cells) for t in document.tables}
    assert (labels.CATEGORY, labels.COUNT, labels.AUDIENCE) in headers

    book = load_workbook(io.BytesIO(chosen["xlsx"].render(review)))
    cells = [c for row in book["Sintesi"].iter_rows(values_only=True) for c in row]
    assert labels.AUDIENCE_NOTE_SHORT in cells
    assert {labels.CATEGORY, labels.COUNT, labels.AUDIENCE, labels.TOTAL} <= set(cells)
    for label in (labels.CATEGORY, labels.COUNT, labels.AUDIENCE, labels.TOTAL_AUDIENCE):
        assert label in page
