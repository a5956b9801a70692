"""The desk in a real browser: an office goes from a finished crawl to a delivered PDF.

Chromium (Debian's ``chromium`` at /usr/bin/chromium, driven by Playwright) uses
``rassegna serve --desk`` on the demo's store like a communication officer: logs in,
filters, excludes an uscita, changes a category, builds the review, downloads the PDF
and finds in it the totals the desk shows. A viewer sees no form and cannot post one.
With ``RASSEGNA_SCREENSHOTS=docs/desk`` the main pages are saved there (the README's).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.test_archive_browser import browser, pytestmark
from tests.test_desk import EDITOR, VIEWER, Desk, demo_store, serving_desk

__all__ = ["browser", "pytestmark"]  # Chromium, and the skip when it is not installed


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    yield from serving_desk(demo_store(tmp_path_factory.mktemp("desk-browser")))


def shot(page: Any, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("RASSEGNA_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=False)


def log_in(browser: Any, desk: Desk, who: tuple[str, str]) -> Any:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.goto(f"{desk.origin}/-/desk/")
    assert "/-/desk/login" in page.url  # nothing without an account
    page.get_by_label("Nome").fill(who[0])
    page.get_by_label("Password").fill(who[1])
    page.get_by_role("button", name="Entra").click()
    page.wait_for_url(f"{desk.origin}/-/desk/")
    return page


def totals(page: Any) -> dict[str, tuple[int, int]]:
    rows = page.locator("#totali tbody tr")
    found = {}
    for i in range(rows.count()):
        name, count, audience = (c.strip() for c in rows.nth(i).locator("td").all_inner_texts())
        found[name] = (int(count), int(audience.replace(".", "") or 0))
    return found


def test_an_editor_goes_from_the_crawl_to_the_pdf(browser: Any, desk: Desk,
                                                  tmp_path: Path) -> None:
    from pypdf import PdfReader

    page = log_in(browser, desk, EDITOR)
    before = totals(page)
    assert before["Totale"][0] == 23
    shot(page, "uscite", tmp_path)
    # filter: the totals follow the selection
    page.get_by_label("Categoria").first.select_option("Radio, TV e canali online")
    page.get_by_role("button", name="Filtra").click()
    assert totals(page)["Totale"] == before["Radio, TV e canali online"]
    # exclude one uscita of the selection
    page.locator("#uscite tbody tr a").first.click()
    title = page.locator("h1").inner_text()
    assert page.locator("iframe.archiviata").get_attribute("sandbox") == ""
    shot(page, "uscita", tmp_path)
    page.get_by_role("button", name="Escludi dalla rassegna").click()
    assert "(esclusa)" in page.locator("h1").inner_text()
    assert "giulia (desk)" in page.locator("#storia-decisioni").inner_text()
    # change the category of another (an outlet the registry does not know)
    page.goto(f"{desk.origin}/-/desk/?campagna=lgnet2&testata=LatinaSera")
    page.locator("#uscite tbody tr a").first.click()
    page.locator("#categoria").select_option("Periodici e periodici online")
    page.get_by_role("button", name="Salva categoria").click()
    assert "Periodici e periodici online" in page.locator("#sintesi").inner_text()
    page.goto(f"{desk.origin}/-/desk/?campagna=lgnet2")
    after = totals(page)
    radio = before["Radio, TV e canali online"]
    assert after["Totale"][0] == before["Totale"][0] - 1
    assert after["Radio, TV e canali online"][0] == radio[0] - 1
    assert after["Periodici e periodici online"][0] == before["Periodici e periodici online"][0] + 1
    assert title not in page.locator("#uscite").inner_text()  # excluded: not listed
    # build, download, and read the totals in the PDF
    page.get_by_role("link", name="Rassegne").click()
    page.get_by_label("PDF").check()
    page.get_by_label("JSON").check()
    page.get_by_role("button", name="Crea la rassegna").click()
    page.wait_for_selector("#rassegne a[href$='.pdf']", timeout=300_000)
    shot(page, "rassegne", tmp_path)
    with page.expect_download() as pdf_download:
        page.locator("#rassegne a[href$='.pdf']").first.click()
    pdf = tmp_path / "rassegna.pdf"
    pdf_download.value.save_as(pdf)
    with page.expect_download() as json_download:
        page.locator("#rassegne a[href$='.json']").first.click()
    data = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    assert (data["summary"]["uscite"], data["summary"]["audience"]) == after["Totale"]
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages[:4])
    figure = f"{after['Totale'][1]:,}".replace(",", ".")
    assert re.search(rf"Numero Uscite\s+{after['Totale'][0]}\b", text)
    assert f"Totale {after['Totale'][0]} {figure}" in text
    page.context.close()


def test_a_viewer_sees_no_form_and_cannot_post_one(browser: Any, desk: Desk) -> None:
    page = log_in(browser, desk, VIEWER)
    page.locator("#uscite tbody tr a").first.click()
    assert page.get_by_role("button", name="Escludi dalla rassegna").count() == 0
    token = page.locator("input[name=csrftoken]").first.get_attribute("value")
    article = page.url.split("/uscita/", 1)[1].split("?", 1)[0]
    # the form an editor would see, posted from the viewer's own session and token
    answer = page.request.post(f"{desk.origin}/-/desk/uscita/{article}/correggi", form={
        "csrftoken": token, "field": "excluded", "value": "1", "campagna": "lgnet2"})
    assert answer.status == 403 and "Solo un redattore" in answer.text()
    page.goto(f"{desk.origin}/-/desk/rassegne")
    assert page.get_by_role("button", name="Crea la rassegna").count() == 0
    page.context.close()


def test_an_editor_adds_a_tv_piece_by_form(browser: Any, desk: Desk) -> None:
    page = log_in(browser, desk, EDITOR)
    before = totals(page)["Radio, TV e canali online"]
    page.get_by_role("link", name="Aggiungi").click()
    page.locator("#col-testata").fill("Onda Nordest TV")
    page.locator("#col-titolo").fill("LgNet2 al TG: la tappa di Trieste")
    page.locator("#col-data").fill("21/11/2023")
    page.locator("#col-programma").fill("TG Nordest sera")
    page.get_by_role("button", name="Aggiungi l'uscita").click()
    assert page.locator("#esito").inner_text() == "Uscita aggiunta."
    page.get_by_role("link", name="Uscite").first.click()
    after = totals(page)["Radio, TV e canali online"]
    assert after == (before[0] + 1, before[1] + 19_840)  # the registry's figure for it
    assert "LgNet2 al TG: la tappa di Trieste" in page.locator("#uscite").inner_text()
    page.context.close()
