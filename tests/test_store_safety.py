"""The store on a user's disk: mistyped, locked, read-only, of an older schema, crawled twice.

Every case goes through the command line and checks the exit code, the one line it
prints and that the store (and a delivered review) is left as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from typer.testing import CliRunner, Result

from crawler import Page
from extract import Article
from rassegna.campaign import load_campaign
from rassegna.cli import app
from rassegna.crawling import crawl_lock, jobdir_for
from rassegna.demo.server import ProxyWeb, Reply
from rassegna.store import SCHEMA_VERSION, open_store
from rassegna.store.sqlite import MIGRATIONS
from tests import sites

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

CAMPAIGN = '[project]\nname = "Prova"\n[[terms]]\nterm = "LgNet2"\n'
URL = "http://www.alfa.test/2023/10/18/lgnet2-latina/"

#: Commands that only read the store, each with the arguments it needs after --db.
READERS: dict[str, list[str]] = {
    "show": ["show", "1"],
    "snapshot": ["snapshot", "1", "--out", "{tmp}/snap.html"],
    "export": ["export", "{tmp}/uscite.csv", "-c", "{campaign}"],
    "crawl --report": ["crawl", "--report", "-c", "{campaign}"],
    "outlets list": ["outlets", "list"],
}
#: Commands that write to it.
WRITERS: dict[str, list[str]] = {
    "audience": ["audience", "-c", "{campaign}"],
    "outlets set": ["outlets", "set", "Alfa", "--category", "Agenzie"],
    "build": ["build", "-c", "{campaign}", "--out", "{tmp}/out", "--format", "json"],
}


def args_of(command: list[str], db: Path, tmp: Path) -> list[str]:
    campaign = db.parent / "c.toml"
    return [a.format(tmp=tmp, campaign=campaign) for a in command] + ["--db", str(db)]


def stored_store(folder: Path) -> Path:
    """A store with one crawled uscita (page archived), and its campaign file beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "c.toml").write_text(CAMPAIGN, encoding="utf-8")
    db = folder / "s.db"
    store = open_store(db)
    store.register_campaign("prova", "Prova", str(folder / "c.toml"))
    store.save_page("prova", Page(url=URL, canonical_url=URL, status=200,
                                  fetched_at="2023-10-18T10:00:00+00:00",
                                  body=sites.LATINA.encode()))
    store.save_article("prova", URL, Article(
        url=URL, outlet="Alfa", domain="alfa.test", title="LgNet2 a Latina",
        published=dt.date(2023, 10, 18), text="Il progetto LgNet2 nella città di Latina."))
    store.close()
    return db


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_error_line(result: Result, *expected: str) -> str:
    """The single line a refused command prints, checked for exit 1 and no traceback."""
    assert result.exit_code == 1, result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]


# -- a store that does not exist -------------------------------------------------


@pytest.mark.parametrize("command", [*READERS, "build", "serve"])
def test_reading_a_missing_store_is_refused_and_creates_nothing(
    tmp_path: Path, command: str
) -> None:
    stored_store(tmp_path)
    typo = tmp_path / "typo.db"
    argv = ["serve"] if command == "serve" else WRITERS.get(command, READERS.get(command))
    assert argv is not None
    result = runner.invoke(app, args_of(argv, typo, tmp_path))
    one_error_line(result, f"{typo}: no such store")
    assert not typo.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.toml", "s.db"]


def test_build_on_a_mistyped_store_leaves_the_delivered_review(tmp_path: Path) -> None:
    db = stored_store(tmp_path)
    build = WRITERS["build"]
    assert runner.invoke(app, args_of(build, db, tmp_path)).exit_code == 0
    review = next((tmp_path / "out").glob("*.json"))
    assert json.loads(review.read_text(encoding="utf-8"))["summary"]["uscite"] == 1
    before = digest(review)
    one_error_line(runner.invoke(app, args_of(build, tmp_path / "typo.db", tmp_path)),
                   "no such store")
    assert digest(review) == before


# -- two writers on one store --------------------------------------------------------


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[Path]:
    """A store another connection is writing to (a write transaction held open)."""
    db = stored_store(tmp_path)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("insert into campaigns (slug, name, path) values ('altra', 'Altra', '')")
    yield db
    other.rollback()
    other.close()


def test_a_second_writer_waits_then_says_the_store_is_busy(locked: Path, tmp_path: Path) -> None:
    before = [dict(r) for r in sqlite_utils.Database(locked).query("select * from campaigns")]
    for command in ("outlets set", "audience"):
        result = runner.invoke(app, args_of(WRITERS[command], locked, tmp_path),
                               env={"RASSEGNA_BUSY_TIMEOUT": "0.3"})
        one_error_line(result, f"{locked}: the store is busy", "more than 0.3 s",
                       "run this again when it ends")
    after = [dict(r) for r in sqlite_utils.Database(locked).query("select * from campaigns")]
    assert after == before


def test_readers_do_not_wait_for_a_writer(locked: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, args_of(READERS["show"], locked, tmp_path),
                           env={"RASSEGNA_BUSY_TIMEOUT": "0.3", "COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "LgNet2 a Latina" in result.output


def test_the_writer_goes_on_once_the_other_one_commits(tmp_path: Path) -> None:
    db = stored_store(tmp_path)
    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(0.5, other.execute, ["COMMIT"])
    timer.start()
    try:
        result = runner.invoke(app, args_of(WRITERS["outlets set"], db, tmp_path),
                               env={"RASSEGNA_BUSY_TIMEOUT": "20"})
    finally:
        timer.join()
        other.close()
    assert result.exit_code == 0, result.output
    assert sqlite_utils.Database(db).execute("pragma journal_mode").fetchone()[0] == "wal"


def test_a_bad_busy_timeout_is_one_line(tmp_path: Path) -> None:
    db = stored_store(tmp_path)
    result = runner.invoke(app, args_of(WRITERS["outlets set"], db, tmp_path),
                           env={"RASSEGNA_BUSY_TIMEOUT": "trenta"})
    one_error_line(result, "RASSEGNA_BUSY_TIMEOUT='trenta': not a number of seconds")


# -- two crawls of one campaign ----------------------------------------------------

SLOW_CAMPAIGN = CAMPAIGN + '[sources]\nfeeds = ["http://www.lento.test/feed.xml"]\n'


class SlowSite:
    """A site whose article answers only when the test lets it: a crawl that runs."""

    def __init__(self) -> None:
        self.asked = threading.Event()
        self.answer = threading.Event()

    def render(self, host: str, path: str, headers: dict[str, str]) -> Reply | None:
        if host != "www.lento.test":
            return None
        if path == "/robots.txt":
            return Reply(body=b"User-agent: *\nAllow: /\n", content_type="text/plain")
        if path == "/feed.xml":
            feed = ('<?xml version="1.0"?><rss version="2.0"><channel><item><title>LgNet2'
                    "</title><link>http://www.lento.test/2023/10/18/lgnet2/</link></item>"
                    "</channel></rss>")
            return Reply(body=feed.encode(), content_type="application/rss+xml")
        if path == "/2023/10/18/lgnet2/":
            self.asked.set()
            self.answer.wait(timeout=60)
            return Reply(body=sites.LATINA.encode())
        return None


@pytest.fixture
def slow_web() -> Iterator[tuple[ProxyWeb, SlowSite]]:
    site = SlowSite()
    with sites.as_proxy(ProxyWeb(site.render)) as web:
        yield web, site
        site.answer.set()


def cli_process(*args: str) -> subprocess.Popen[str]:
    """``rassegna ARGS`` in a process of its own (its own process group)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", "from rassegna.cli import main; main()", *args],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )


def test_a_second_crawl_of_a_running_campaign_is_refused(
    slow_web: tuple[ProxyWeb, SlowSite], tmp_path: Path
) -> None:
    web, site = slow_web
    db = stored_store(tmp_path)
    campaign = tmp_path / "c.toml"
    campaign.write_text(SLOW_CAMPAIGN, encoding="utf-8")
    first = cli_process("crawl", "--db", str(db), "-c", str(campaign))
    try:
        assert site.asked.wait(timeout=90), "the first crawl did not start"
        second = runner.invoke(app, ["crawl", "--db", str(db), "-c", str(campaign)])
        one_error_line(second, "another crawl of campaign 'prova' is running",
                       "run this again when it ends")
    finally:
        site.answer.set()
        _, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    fetched = Counter(s.path for s in web.seen)
    assert fetched["/feed.xml"] == fetched["/2023/10/18/lgnet2/"] == 1  # nothing twice


def test_the_lock_of_a_crawl_that_died_blocks_nothing(tmp_path: Path) -> None:
    db = stored_store(tmp_path)
    campaign = tmp_path / "c.toml"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "from rassegna.campaign import load_campaign\n"
         "from rassegna.crawling import crawl_lock\n"
         "with crawl_lock(sys.argv[1], load_campaign(sys.argv[2])):\n"
         "    print('held', flush=True)\n"
         "    time.sleep(600)\n",
         str(db), str(campaign)],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        common = ["--db", str(db), "-c", str(campaign)]
        for argv in (["crawl", *common], ["run", *common, "--out", str(tmp_path / "out")]):
            one_error_line(runner.invoke(app, argv), "another crawl of campaign 'prova' is running")
        assert not (tmp_path / "out").exists()
    finally:
        holder.send_signal(signal.SIGKILL)  # no clean-up: its lock file stays
        holder.wait()
    assert list(tmp_path.glob(".rassegna-jobs/*.lock"))
    result = runner.invoke(app, ["crawl", "--db", str(db), "-c", str(campaign)])
    assert result.exit_code == 0, result.output


def test_the_crawl_process_itself_refuses_a_held_campaign(tmp_path: Path) -> None:
    """The lock is held by the process that crawls, not only checked by the command."""
    db = stored_store(tmp_path)
    campaign = tmp_path / "c.toml"
    with crawl_lock(db, load_campaign(campaign)):
        child = subprocess.run(
            [sys.executable, "-m", "rassegna.crawling", "--db", str(db),
             "--campaign", str(campaign)],
            env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
            timeout=120,
        )
    assert child.returncode == 3  # its last line is the message for the user
    assert child.stderr.strip().splitlines() == [
        f"another crawl of campaign 'prova' is running on {db}; run this again when it ends"
    ]


# -- a read-only store -----------------------------------------------------------------

#: Runs CLI commands (a JSON list of argument lists) with CliRunner; prints the results.
DRIVER = """
import asyncio, json, sys
from typer.testing import CliRunner
from rassegna.cli import app

def archive(db):
    from rassegna.archive import datasette_app
    async def get():
        client = datasette_app(db).client
        table = await client.get("/s/uscite.json?_shape=array")
        page = await client.get("/-/archivio/1")
        return [table.status_code, len(table.json()), page.status_code]
    return asyncio.run(get())

results = []
for args in json.loads(sys.argv[1]):
    if args[0] == "archive":
        results.append({"archive": archive(args[1])})
        continue
    r = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    error = r.exception if not isinstance(r.exception, SystemExit) else None
    results.append({"code": r.exit_code, "output": r.output, "error": repr(error)})
print(json.dumps(results))
"""


def run_as_user(commands: list[list[str]]) -> list[dict[str, object]]:
    """Run CLI commands in a process bound by file permissions (root's too, if root)."""
    prefix: list[str] = []
    if os.geteuid() == 0:  # root writes anything: drop the capabilities that let it
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: permissions cannot be enforced")
        prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search,-fowner"]
    done = subprocess.run(
        [*prefix, sys.executable, "-c", DRIVER, json.dumps(commands)],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    results: list[dict[str, object]] = json.loads(done.stdout.strip().splitlines()[-1])
    return results


@pytest.fixture(params=["file", "folder"])
def read_only(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    """A store whose file (0444), or whose folder (0555: a read-only medium), cannot be written."""
    db = stored_store(tmp_path / "ro")
    (tmp_path / "ro" / "out").mkdir()
    target = db if request.param == "file" else db.parent
    target.chmod(0o444 if request.param == "file" else 0o555)
    yield db
    target.chmod(0o644 if request.param == "file" else 0o755)


def test_a_read_only_store_is_read_and_never_written(read_only: Path, tmp_path: Path) -> None:
    before = {p.name: digest(p) for p in read_only.parent.iterdir() if p.is_file()}
    readers = [args_of(READERS[c], read_only, tmp_path) for c in READERS]
    writers = [args_of(WRITERS[c], read_only, tmp_path) for c in WRITERS]
    results = run_as_user([*readers, *writers, ["archive", str(read_only)]])
    for args, result in zip(readers, results, strict=False):
        assert result["code"] == 0, (args, result)
    assert "LgNet2 a Latina" in str(results[0]["output"])  # show
    assert (tmp_path / "snap.html").read_bytes().count(b"LgNet2") >= 1  # snapshot
    assert URL in (tmp_path / "uscite.csv").read_text(encoding="utf-8")  # export
    for args, result in zip(writers, results[len(readers):], strict=False):
        assert result["code"] == 1 and result["error"] == "None", (args, result)
        lines = str(result["output"]).strip().splitlines()
        assert lines == [
            f"error: {read_only}: the store is read-only (its file or folder cannot be "
            "written); this command writes to it, read commands (show, export, serve…) "
            "still work"
        ], args
    assert results[-1] == {"archive": [200, 1, 200]}  # rassegna serve: table and page
    after = {p.name: digest(p) for p in read_only.parent.iterdir() if p.is_file()}
    assert after == before  # not a byte changed, no -wal or -shm left beside it


# -- a store of an older schema --------------------------------------------------------


def older_store(folder: Path) -> Path:
    """A store as the rassegna before the last migration left it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "c.toml").write_text(CAMPAIGN, encoding="utf-8")
    db = folder / "s.db"
    old = sqlite_utils.Database(db)
    for migration in MIGRATIONS[:-1]:
        migration(old)
    old.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    old.close()
    return db


def test_an_older_store_asks_for_a_write_command_then_migrates(tmp_path: Path) -> None:
    db = older_store(tmp_path)
    before = digest(db)
    for command in READERS:
        result = runner.invoke(app, args_of(READERS[command], db, tmp_path))
        one_error_line(
            result, f"{db}: store schema {SCHEMA_VERSION - 1} is older than this rassegna "
                    f"({SCHEMA_VERSION}); run any write command to migrate it")
    assert digest(db) == before
    migrated = runner.invoke(app, args_of(WRITERS["outlets set"], db, tmp_path))
    assert migrated.exit_code == 0, migrated.output
    version = sqlite_utils.Database(db).execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION
    listed = runner.invoke(app, args_of(READERS["outlets list"], db, tmp_path))
    assert listed.exit_code == 0 and "1 outlets" in listed.output, listed.output


def test_two_stores_in_one_folder_share_no_crawl_lock_nor_resume_mark(tmp_path: Path) -> None:
    (tmp_path / "c.toml").write_text(CAMPAIGN, encoding="utf-8")
    campaign = load_campaign(tmp_path / "c.toml")
    assert jobdir_for(tmp_path / "a.db", campaign) != jobdir_for(tmp_path / "b.db", campaign)
    with crawl_lock(tmp_path / "a.db", campaign), crawl_lock(tmp_path / "b.db", campaign):
        pass  # a crawl of a.db does not block one of b.db
