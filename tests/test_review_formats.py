"""The review in every format: golden JSON and HTML, and PDF, DOCX, XLSX read back
and checked against the JSON."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from review import Broadcast, Cover, Uscita, build_review, to_json
from review.options import ReviewOptions
from review.render import renderers

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("RASSEGNA_UPDATE_GOLDEN") == "1"
RELEASE = (
    "Il press tour del progetto fa tappa ad Ancona: il Comune presenta tre sportelli di "
    "orientamento per i cittadini stranieri, aperti nei quartieri del porto e della stazione.\n"
    "L'assessora Marta Colonnelli ricorda le duecento famiglie seguite nell'ultimo anno e i "
    "quaranta tirocini avviati con le imprese del territorio."
)
COVER = Cover(
    title="LGNET2 Rassegna Stampa Press Tour",
    project="LgNet2",
    updated=dt.date(2023, 12, 14),
    lines=("FONDO ASILO, MIGRAZIONE E INTEGRAZIONE (FAMI) 2014-2020",),
)


def uscite() -> list[Uscita]:
    day = dt.date(2023, 11, 10)
    return [
        Uscita(1, "Agenzie", "ANSA - Regional Service", "Ancona, tre sportelli per l'inclusione",
               published=day, cluster=1, text=RELEASE, city="Ancona"),
        Uscita(2, "Quotidiani e quotidiani online", "Corriere Adriatico",
               "Ancona apre tre sportelli", audience=1_464_811, published=day,
               author="Alice Gipponi", url="https://www.adriatico.test/ancona/sportelli/",
               cluster=1, text=RELEASE.split("\n")[0], city="Ancona"),
        Uscita(3, "Radio, TV e canali online", "Radio Conero", "Il GR: LgNet2 ad Ancona",
               audience=250_000, published=day + dt.timedelta(days=1), text="Servizio radio.",
               broadcast=Broadcast("GR Conero", "GR 13:00", "4:30", ("Marta Colonnelli",)),
               city="Ancona"),
        Uscita(4, "Portali ed E-zine", "Virgilio.it – Corriere Adriatico",
               "Ancona apre tre sportelli", audience=956_991,
               published=day + dt.timedelta(days=2), cluster=1, text=RELEASE),
        Uscita(5, "Social Network", "Facebook – Comune di Ancona", "Tre sportelli per tutti",
               audience=12_000, published=day + dt.timedelta(days=3), text="Post del Comune."),
    ]


def review(**options: object) -> tuple[object, ReviewOptions]:
    built = build_review(uscite(), COVER, highlights=3, cluster_labels={1: ("Ancona", 1)})
    return built, ReviewOptions(charts=False, **options)  # type: ignore[arg-type]


def render(fmt: str, **options: object) -> bytes:
    built, chosen = review(**options)
    return renderers(chosen)[fmt].render(built)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_golden_files(fmt: str) -> None:
    produced = render(fmt).decode("utf-8")
    golden = GOLDEN / f"rassegna.{fmt}"
    if UPDATE:
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs: look at the change, then RASSEGNA_UPDATE_GOLDEN=1 pytest"
    )


def expected() -> dict[str, object]:
    built, _ = review()
    return to_json(built)  # type: ignore[arg-type]


def test_pdf_text_carries_the_tables() -> None:
    reader = PdfReader(io.BytesIO(render("pdf")))
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)
    data = expected()
    summary = data["summary"]  # type: ignore[index]
    assert "Numero Uscite" in text and "2.683.802" in text
    assert summary["audience"] == 2_683_802  # type: ignore[index]
    for category in summary["categories"]:  # type: ignore[index]
        assert category["name"] in text
    assert "Ultimo aggiornamento: 14 dicembre 2023" in pages[0]
    assert "Pagina 1" not in pages[0]  # the cover has no page number
    assert f"Pagina 2 di {len(pages)}" in pages[1]
    assert all("LgNet2 – Rassegna Stampa" in page for page in pages[1:])  # running header
    assert "Indice" in pages[1] and "Le tappe" in text and "Rilanci per comunicato" in text


def table_rows(table: object) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]  # type: ignore[attr-defined]


def test_docx_tables_match_the_json() -> None:
    document = Document(io.BytesIO(render("docx")))
    data = expected()
    tables = [table_rows(t) for t in document.tables]
    (summary,) = [t for t in tables if t[0] == ["Categoria", "Numero Uscite", "Audience*"]]
    categories = data["summary"]["categories"]  # type: ignore[index]
    assert [row[0] for row in summary[1:-1]] == [c["name"] for c in categories]
    for row, category in zip(summary[1:-1], categories, strict=True):
        count = str(category["uscite"]) if category["uscite"] else ""
        assert row[1] == count
    assert summary[-1] == ["Totale", "5", "2.683.802"]
    listings = [t for t in tables if t[0][:2] == ["Testata", "Audience*"]]
    assert [len(t) - 2 for t in listings] == [
        c["uscite"] for c in categories if c["uscite"]  # header and subtotal rows aside
    ]
    assert listings[1][1][:2] == ["Corriere Adriatico", "1.464.811"]
    assert listings[1][1][3:] == ["10 novembre", "A. Gipponi"]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "QUOTIDIANI E QUOTIDIANI ONLINE" in headings


def test_xlsx_sheets_match_the_json() -> None:
    book = load_workbook(io.BytesIO(render("xlsx")))
    data = expected()
    assert book.sheetnames[:2] == ["Sintesi", "Rassegna"]
    sheet = book["Rassegna"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    listing = data["listing"]  # type: ignore[index]
    assert [r[3] for r in rows] == [row["title"] for row in listing]
    assert [r[2] for r in rows] == [row["audience"] for row in listing]
    assert rows[1][4] == dt.datetime(2023, 11, 10)
    assert sheet.auto_filter.ref == sheet.dimensions
    summary = {row[0]: row[1:3] for row in book["Sintesi"].iter_rows(values_only=True) if row}
    assert summary["Numero Uscite"][0] == 5 and summary["Audience Totale*"][0] == 2_683_802
    assert summary["Agenzie"] == (1, None)
    for category in data["summary"]["categories"]:  # type: ignore[index]
        if category["uscite"]:
            assert book[category["name"][:31]].max_row == category["uscite"] + 1


def test_one_clipping_per_release_refers_to_the_source() -> None:
    html = render("html", one_per_cluster=True).decode("utf-8")
    assert html.count("Testo ripreso dal comunicato pubblicato da ANSA - Regional Service") == 2
    assert html.count("aperti nei quartieri del porto") == 1  # the release, clipped once
    full = render("html").decode("utf-8")
    assert full.count("aperti nei quartieri del porto") == 3


def test_no_clippings_and_a_logo() -> None:
    logo = (Path(__file__).parent / "golden" / "logo.png").read_bytes()
    html = render("html", clippings=False, logo=logo).decode("utf-8")
    assert "QUOTIDIANI E QUOTIDIANI ONLINE" not in html and "Corriere Adriatico" in html
    assert 'class="logo" src="data:image/png;base64,' in html
    document = Document(io.BytesIO(render("docx", clippings=False, logo=logo)))
    assert len(document.inline_shapes) == 1


def test_syndication_view_says_how_much_text_each_copy_kept() -> None:
    built, _ = review()
    (cluster,) = built.clusters  # type: ignore[attr-defined]
    assert cluster.kept == {1: 1.0, 2: pytest.approx(0.5, abs=0.1), 4: 1.0}
    html = render("html").decode("utf-8")
    assert "(fonte probabile)" in html and "Testo ripreso" in html


def test_docx_has_the_sections_of_the_html() -> None:
    document = Document(io.BytesIO(render("docx")))
    data = expected()
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for section in ("Indice", "Le tappe", "Rilanci per comunicato", "Totali"):
        assert section in headings
    contents = [p.text for p in document.paragraphs if p.style.name.startswith("List Number")]
    assert contents[:2] == ["Highlight e sintesi", "Rassegna Stampa"]
    assert {"Le tappe", "Totali", "Testi – Agenzie"} <= set(contents)
    tables = [table_rows(t) for t in document.tables]
    (cities,) = [t for t in tables if t[0] == ["Città", "Numero Uscite", "Audience*"]]
    totals = data["totals"]  # type: ignore[index]
    assert [row[0] for row in cities[1:]] == [c["label"] for c in totals["cities"]]
    assert [row[1] for row in cities[1:]] == [str(c["uscite"]) for c in totals["cities"]]
    (days,) = [t for t in tables if t[0] == ["Giorno", "Numero Uscite", "Audience*"]]
    assert len(days) - 1 == len(totals["days"])
    stop = [t for t in tables if t[0] == ["Testata", "Titolo", "Data", "Audience*"]]
    assert [len(t) - 1 for t in stop] == [3]  # Ancona: the agency, the daily, the radio
    (release,) = [t for t in tables if t[0][:3] == ["Testata", "Data", "Testo ripreso"]]
    built, _ = review()
    (cluster,) = built.clusters  # type: ignore[attr-defined]
    assert release[1][0].endswith("(fonte probabile)") and release[1][2] == ""
    assert release[2][2] == f"{round(cluster.kept[2] * 100)}%"
