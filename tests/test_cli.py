from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audience import Registry
from rassegna.campaign import load_campaign
from rassegna.cli import app
from rassegna.store import open_store

runner = CliRunner()


def test_every_command_is_documented_with_an_example() -> None:
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help and "Example: rassegna " + name in command.help, name


def test_init_writes_a_campaign_that_loads(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    assert runner.invoke(app, ["init", str(path)]).exit_code == 0
    result = runner.invoke(app, ["init", str(path)])
    assert result.exit_code == 1
    assert "already exists" in result.output
    db = str(tmp_path / "s.db")
    # the registry the example names is there: the audience step reads it
    audience = runner.invoke(app, ["audience", "--db", db, "--campaign", str(path)])
    assert audience.exit_code == 0, audience.output
    report = runner.invoke(app, ["crawl", "--report", "--db", db, "--campaign", str(path)])
    assert report.exit_code == 0, report.output
    assert "0 pages left out" in report.output


def test_init_creates_the_folder_and_the_registry_it_names(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "dir" / "x.toml"
    result = runner.invoke(app, ["init", str(path)])
    assert result.exit_code == 0, result.output
    registry = load_campaign(path).registry
    assert registry == path.parent / "outlets.csv"
    outlets = list(Registry.from_file(registry))
    assert [o.domains for o in outlets] == [("example-quotidiano.it",), ("example-settimanale.it",)]
    assert outlets[0].audience == 1_234_567 and outlets[0].source == "Audiweb"
    # the office's own registry is never overwritten, even with --force
    registry.write_text("testata,categoria\nGenova 24,Agenzie\n", encoding="utf-8")
    again = runner.invoke(app, ["init", "--force", str(path)])
    assert again.exit_code == 0 and f"kept {registry}" in again.output
    assert registry.read_text(encoding="utf-8") == "testata,categoria\nGenova 24,Agenzie\n"


def test_init_where_nothing_can_be_written_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path / "file" / "x.toml")])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {tmp_path / 'file' / 'x.toml'}: cannot write")
    assert len(result.output.strip().splitlines()) == 1


def test_version_is_the_installed_one() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"rassegna {importlib.metadata.version('rassegna')}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[sources]\nfeedz = ["http://a.it/feed"]\n',
         "c.toml:6: [sources] unknown key 'feedz' (did you mean 'feeds'?)"),
        ("[crawll]\ntimeout = 5\n", "c.toml:5: unknown table [crawll] (did you mean [crawl]?)"),
        ('[[terms]]\nterm = "..."\n', "c.toml: [[terms]] #2: '...' has no letters to match "
         "(terms are matched on their Latin letters a-z, accents ignored, and digits)"),
    ],
)
def test_campaign_typos_are_one_line_before_anything_runs(
    tmp_path: Path, text: str, message: str
) -> None:
    campaign = tmp_path / "c.toml"
    campaign.write_text('[project]\nname = "X"\n[[terms]]\nterm = "x"\n' + text,
                        encoding="utf-8")
    db = tmp_path / "s.db"
    result = runner.invoke(app, ["crawl", "--db", str(db), "--campaign", str(campaign)])
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {tmp_path / message}"
    assert not db.exists()


@pytest.mark.parametrize("command", ["crawl", "extract", "dedupe", "audience", "build", "run"])
def test_missing_campaign_is_one_line_and_exit_1(tmp_path: Path, command: str) -> None:
    result = runner.invoke(app, [command, "--db", str(tmp_path / "s.db"),
                                 "--campaign", str(tmp_path / "missing.toml")])
    assert result.exit_code == 1
    assert "missing.toml: campaign file not found" in result.output
    assert "Traceback" not in result.output


def test_bad_registry_row_is_reported_and_store_unchanged(tmp_path: Path) -> None:
    campaign = tmp_path / "c.toml"
    campaign.write_text('[project]\nname = "X"\n[[terms]]\nterm = "x"\n'
                        '[registry]\nfile = "outlets.csv"\n', encoding="utf-8")
    registry = tmp_path / "outlets.csv"
    registry.write_text("testata,domini,categoria,audience\nA,a.it,Agenzie,10\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert runner.invoke(app, ["audience", "--db", db, "--campaign", str(campaign)]).exit_code == 0
    registry.write_text("testata,domini,categoria,audience\nB,b.it,Blog,10\n", encoding="utf-8")
    result = runner.invoke(app, ["audience", "--db", db, "--campaign", str(campaign)])
    assert result.exit_code == 1
    assert "outlets.csv:2: unknown categoria 'Blog'" in result.output
    store = open_store(db)
    assert [o.name for o in store.outlets()] == ["A"]
    store.close()


def test_correct_unknown_uscita_is_an_error(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    result = runner.invoke(app, ["correct", "7", "excluded", "1", "--db", str(db)])
    assert result.exit_code == 1 and "no such store" in result.output
    assert not db.exists()  # a mistyped --db creates nothing
    open_store(db).close()
    result = runner.invoke(app, ["correct", "7", "excluded", "1", "--db", str(db)])
    assert result.exit_code == 1
    assert "no uscita with id 7" in result.output
