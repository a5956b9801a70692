"""The archive: Datasette search, facets and canned queries; show, snapshot."""

from __future__ import annotations

import asyncio
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rassegna import pipeline
from rassegna.archive import datasette_app, with_banner
from rassegna.campaign import load_campaign
from rassegna.cli import app
from rassegna.demo import site
from rassegna.demo.server import DemoWeb
from rassegna.store import Store

DEMO_CAMPAIGN = Path(site.__file__).parent / "data" / "campaign.toml"
runner = CliRunner()


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, DemoWeb]]:
    out = tmp_path_factory.mktemp("archive")
    with DemoWeb() as web, pytest.MonkeyPatch.context() as env:
        env.setenv("http_proxy", web.proxy_url)
        env.delenv("no_proxy", raising=False)
        store = Store(out / "demo.db")
        pipeline.run(store, load_campaign(DEMO_CAMPAIGN), out)
        store.close()
        yield out / "demo.db", web


def get(db: Path, path: str) -> Any:
    async def fetch() -> Any:
        response = await datasette_app(db).client.get(path)
        assert response.status_code == 200, (path, response.status_code, response.text[:300])
        return response

    return asyncio.run(fetch())


def titles(db: Path, query: str) -> set[str]:
    rows = get(db, f"/demo/uscite.json?_search={query}&_shape=array&_size=max").json()
    return {row["title"] for row in rows}


def test_search_with_and_without_accents(archive: tuple[Path, DemoWeb]) -> None:
    db, _ = archive
    accented = titles(db, "città")
    assert accented, "the demo uscite speak of città"
    assert titles(db, "citta") == accented
    assert titles(db, "citta'") == accented
    trieste = titles(db, "Trieste")
    assert trieste and trieste != accented  # a search narrows, it does not list all
    assert titles(db, "nessunaparolacosì") == set()


def test_facet_by_testata_counts_uscite(archive: tuple[Path, DemoWeb]) -> None:
    db, _ = archive
    data = get(db, "/demo/uscite.json?_facet=testata&_facet=category").json()
    testate = {f["value"]: f["count"] for f in data["facet_results"]["testata"]["results"]}
    assert testate["Agenzia Penisola"] == 3 and testate["Onda Nordest TV"] == 1
    categories = {f["value"]: f["count"] for f in data["facet_results"]["category"]["results"]}
    assert categories["Quotidiani e quotidiani online"] == 5


def test_canned_query_per_testata(archive: tuple[Path, DemoWeb]) -> None:
    db, _ = archive
    rows = get(db, "/demo/testate_per_campagna.json?_shape=array").json()
    by_testata = {row["testata"]: (row["uscite"], row["audience"]) for row in rows}
    assert by_testata["Agenzia Penisola"] == (3, 3 * 152_340)
    assert by_testata["Città Inclusive"] == (2, 0)


def test_canned_query_finds_the_archived_page(archive: tuple[Path, DemoWeb]) -> None:
    db, _ = archive
    rows = get(db, "/demo/pagina_archiviata.json?titolo=Trieste&_shape=array").json()
    assert rows and all("Trieste" in row["title"] for row in rows)
    page = get(db, rows[0]["archived"])
    assert "Copia d&#x27;archivio" in page.text or "Copia d'archivio" in page.text
    assert rows[0]["title"].split(":")[0] in page.text


def test_serving_never_writes(archive: tuple[Path, DemoWeb]) -> None:
    db, _ = archive

    async def write() -> None:
        await datasette_app(db).get_database().execute("delete from articles")

    with pytest.raises(Exception, match="readonly|read-only"):
        asyncio.run(write())


def test_snapshot_equals_the_bytes_fetched(archive: tuple[Path, DemoWeb], tmp_path: Path) -> None:
    db, web = archive
    article = next(a for a in site.ARTICLES if a.about_campaign)
    url = site.article_url(article)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": web.proxy_url}))
    served = opener.open(url).read()
    raw = tmp_path / "raw.html"
    result = runner.invoke(app, ["snapshot", url, "--db", str(db), "--out", str(raw), "--raw"])
    assert result.exit_code == 0, result.output
    assert raw.read_bytes() == served
    banner = tmp_path / "banner.html"
    result = runner.invoke(app, ["snapshot", url, "--db", str(db), "--out", str(banner)])
    assert result.exit_code == 0, result.output
    text = banner.read_bytes()
    assert b"data-rassegna-banner" in text and url.encode() in text
    start = text.index(b"<div data-rassegna-banner")
    assert text[:start] + text[text.index(b"</div>", start) + 6 :] == served


def test_show_prints_provenance(archive: tuple[Path, DemoWeb]) -> None:
    db, _ = archive
    article = next(a for a in site.ARTICLES if a.release == "trieste")
    result = runner.invoke(app, ["show", site.article_url(article), "--db", str(db)])
    assert result.exit_code == 0, result.output
    for label in ("titolo", "scaricata", "HTTP", "canonical", "comunicato", "campagne"):
        assert label in result.output
    assert "200" in result.output and "lgnet2" in result.output
    missing = runner.invoke(app, ["show", "http://nowhere.test/x", "--db", str(db)])
    assert missing.exit_code == 1 and "no uscita 'http://nowhere.test/x'" in missing.output


def test_banner_goes_after_body_tag() -> None:
    page = b"<html><head></head><body class='x'><p>caf\xe8</p></body></html>"
    out = with_banner(page, "http://a.test/", "2023-10-18T10:00:00+00:00", 200)
    assert out.startswith(b"<html><head></head><body class='x'><div")
    assert out.endswith(b"<p>caf\xe8</p></body></html>")
    assert b"18/10/2023 10:00 UTC" in out and b"HTTP 200" in out
    banner = out[out.index(b"<div") : out.index(b"</div>")]
    assert banner.decode("ascii")  # accents as references: fits any page encoding
