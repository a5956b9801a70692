from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rassegna.cli import app
from rassegna.store import Store

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
    report = runner.invoke(app, ["crawl", "--report", "--db", str(tmp_path / "s.db"),
                                 "--campaign", str(path)])
    assert report.exit_code == 0, report.output
    assert "0 pages left out" in report.output


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
    store = Store(db)
    assert [o["name"] for o in store.outlets()] == ["A"]
    store.close()


def test_correct_unknown_uscita_is_an_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["correct", "7", "excluded", "1", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1
    assert "no uscita with id 7" in result.output
