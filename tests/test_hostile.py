"""The whole command line on the campaigns a real office starts with.

Small, unlucky or hostile: no source reachable, nothing about the campaign, one
uscita, a few unrelated uscite and no syndicated copy, a sitemap with broken gzip, a
read-only store, a locked store. Each runs ``rassegna run`` (and the commands around
it) through the CLI and checks the exit code, the one line a refusal prints, and that
a refused command leaves the store and the delivered review as they were.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from rassegna.cli import app
from rassegna.demo.server import ProxyWeb, Reply
from tests.sites import ROBOTS_ALLOW_ALL, article, as_proxy, corrupt_gzip, para
from tests.test_store_safety import digest, one_error_line, run_as_user

runner = CliRunner()
HTML = "text/html; charset=utf-8"

TERMS = """
[project]
name = "Prova"

[[terms]]
term = "LgNet2"

[period]
start = 2023-10-01
end = 2023-12-31
"""

#: three articles of one small outlet: two about the campaign, on different stories
#: (no copies of one release), and one that is not about it at all
STORIES = {
    "/2023/10/18/latina/": article(
        "LgNet2 fa tappa a Latina",
        para("Il press tour di LgNet2 arriva a Latina: il Comune apre uno sportello per i "
             "cittadini stranieri nel quartiere della stazione, con due mediatrici.",
             "In un anno lo sportello ha seguito novanta famiglie.")),
    "/2023/11/07/bari/": article(
        "A Bari una scuola di italiano con LgNet2",
        para("Corsi serali di lingua italiana per adulti, tre sere a settimana, nella "
             "biblioteca del municipio: li finanzia il progetto LgNet2.",
             "Le iscrizioni aprono a gennaio.")),
    "/2023/11/09/mercato/": article(
        "Il mercato coperto riapre",
        para("Dopo i lavori al tetto il mercato coperto riapre sabato con quaranta banchi.")),
}


def feed(*paths: str) -> bytes:
    items = "".join(f"<item><title>{p}</title><link>http://www.uno.test{p}</link></item>"
                    for p in paths)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Uno</title>{items}</channel></rss>").encode()


def broken_gzip() -> bytes:
    return corrupt_gzip(b"<urlset>" + b"<url><loc>http://x.test/</loc></url>" * 50 + b"</urlset>")


def render(host: str, path: str, headers: dict[str, str]) -> Reply | None:
    if host != "www.uno.test":
        return None  # every other host: 404
    if path == "/robots.txt":
        return ROBOTS_ALLOW_ALL
    if path == "/tutto.xml":
        return Reply(body=feed(*STORIES), content_type="application/rss+xml")
    if path == "/latina.xml":
        return Reply(body=feed("/2023/10/18/latina/"), content_type="application/rss+xml")
    if path == "/mercato.xml":
        return Reply(body=feed("/2023/11/09/mercato/"), content_type="application/rss+xml")
    if path == "/sitemap.xml.gz":
        return Reply(body=broken_gzip(), content_type="application/gzip")
    page = STORIES.get(path)
    return Reply(body=page.encode(), content_type=HTML) if page else None


@pytest.fixture(scope="module")
def web() -> Iterator[ProxyWeb]:
    with as_proxy(ProxyWeb(render)) as proxy:
        yield proxy


def campaign(folder: Path, sources: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "c.toml"
    path.write_text(f"{TERMS}\n[sources]\n{sources}\n", encoding="utf-8")
    return path


def cli(*args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args])


def run(path: Path) -> Result:
    return cli("run", "--db", path.parent / "s.db", "-c", path, "--out", path.parent / "out")


def review(path: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (path.parent / "out" / "rassegna.json").read_text(encoding="utf-8"))
    return data


def succeeded(result: Result) -> None:
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception)
    assert "Traceback" not in result.output


def test_no_source_reachable_is_one_line_and_no_review(web: ProxyWeb, tmp_path: Path) -> None:
    path = campaign(tmp_path, 'feeds = ["http://www.nessuno.test/feed.xml"]\n'
                              'sites = ["http://www.spento.test/"]')
    result = run(path)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    said = [line for line in result.output.splitlines() if "━" not in line]  # bars aside
    assert said == [said[0]] and said[0].startswith("error: crawl: ")
    line = said[0]
    assert "all 2 sources failed" in line and "nothing fetched" in line
    assert "www.nessuno.test/feed.xml" in line
    assert not (tmp_path / "out").exists()  # no empty review delivered


def test_nothing_about_the_campaign_is_a_review_of_no_uscite(
    web: ProxyWeb, tmp_path: Path
) -> None:
    path = campaign(tmp_path, 'feeds = ["http://www.uno.test/mercato.xml"]')
    succeeded(run(path))
    data = review(path)
    assert data["summary"] == {**data["summary"], "uscite": 0, "audience": 0}  # type: ignore[dict-item]
    assert "Nessuna uscita" in (tmp_path / "out" / "rassegna.html").read_text(encoding="utf-8")
    report = cli("crawl", "--report", "--db", tmp_path / "s.db", "-c", path)
    succeeded(report)
    assert "mercato" in report.output  # left out, with its reason


def test_one_uscita(web: ProxyWeb, tmp_path: Path) -> None:
    path = campaign(tmp_path, 'feeds = ["http://www.uno.test/latina.xml"]')
    succeeded(run(path))
    data = review(path)
    assert data["summary"]["uscite"] == 1  # type: ignore[index]
    assert [row["title"] for row in data["listing"]] == ["LgNet2 fa tappa a Latina"]  # type: ignore[attr-defined]
    assert data["clusters"] == []  # one outlet, one release: nothing picked up twice


def test_unrelated_uscite_and_no_copies_then_a_rerun_changes_nothing(
    web: ProxyWeb, tmp_path: Path
) -> None:
    path = campaign(tmp_path, 'feeds = ["http://www.uno.test/tutto.xml"]')
    succeeded(run(path))
    first = review(path)
    assert first["summary"]["uscite"] == 2  # type: ignore[index]
    succeeded(run(path))
    again = review(path)
    assert again["summary"] == first["summary"] and again["listing"] == first["listing"]
    dedupe = cli("dedupe", "--db", tmp_path / "s.db", "-c", path)
    succeeded(dedupe)
    assert "dedupe: 2 clusters; 0 releases picked up twice or more" in dedupe.output


def test_a_sitemap_with_broken_gzip_is_reported_and_the_rest_goes_on(
    web: ProxyWeb, tmp_path: Path
) -> None:
    path = campaign(tmp_path, 'sitemaps = ["http://www.uno.test/sitemap.xml.gz"]\n'
                              'feeds = ["http://www.uno.test/latina.xml"]')
    succeeded(run(path))
    assert review(path)["summary"]["uscite"] == 1  # type: ignore[index]
    report = cli("crawl", "--report", "--db", tmp_path / "s.db", "-c", path)
    succeeded(report)
    assert "broken gzip" in report.output


@pytest.fixture
def delivered(web: ProxyWeb, tmp_path: Path) -> Path:
    """A campaign crawled and delivered: its review in out/, its store beside it."""
    path = campaign(tmp_path / "c", 'feeds = ["http://www.uno.test/latina.xml"]')
    succeeded(run(path))
    return path


def test_a_locked_store_refuses_the_run_and_keeps_the_review(
    delivered: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RASSEGNA_BUSY_TIMEOUT", "0.3")
    db, out = delivered.parent / "s.db", delivered.parent / "out" / "rassegna.json"
    before = digest(out)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        one_error_line(run(delivered), "the store is busy")
        shown = cli("show", "1", "--db", db)  # readers do not wait
        succeeded(shown)
        assert "LgNet2 fa tappa a Latina" in shown.output
    finally:
        other.rollback()
        other.close()
    assert digest(out) == before
    succeeded(run(delivered))  # once the other writer is done


def test_a_read_only_store_is_read_and_the_run_refused(delivered: Path, tmp_path: Path) -> None:
    folder = delivered.parent
    db = folder / "s.db"
    before = {p.name: digest(p) for p in folder.iterdir() if p.is_file()}
    db.chmod(0o444)
    try:
        results = run_as_user([
            ["run", "--db", str(db), "-c", str(delivered), "--out", str(tmp_path / "o2")],
            ["export", str(tmp_path / "uscite.csv"), "--db", str(db), "-c", str(delivered)],
        ])
    finally:
        db.chmod(0o644)
    refused, exported = results
    assert refused["code"] == 1 and refused["error"] == "None", refused
    assert str(refused["output"]).strip().splitlines() == [
        f"error: {db}: the store is read-only (its file or folder cannot be written); this "
        "command writes to it, read commands (show, export, serve…) still work"]
    assert exported["code"] == 0, exported
    assert "LgNet2 fa tappa a Latina" in (tmp_path / "uscite.csv").read_text(encoding="utf-8")
    assert not (tmp_path / "o2").exists()
    assert {p.name: digest(p) for p in folder.iterdir() if p.is_file()} == before


def test_an_output_that_cannot_be_written_is_one_line(delivered: Path, tmp_path: Path) -> None:
    db, nowhere = delivered.parent / "s.db", tmp_path / "non-esiste"
    before = digest(db)
    for args in (["export", nowhere / "uscite.csv", "-c", delivered],
                 ["snapshot", "1", "--out", nowhere / "pagina.html"]):
        result = cli(*args, "--db", db)
        one_error_line(result, str(nowhere), "No such file or directory")
    assert digest(db) == before and not nowhere.exists()
