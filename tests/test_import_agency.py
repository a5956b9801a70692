"""Agency items from a press-database export: several per file, each an uscita in Agenzie."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from common.errors import ImportFileError
from rassegna.cli import app
from rassegna.store import open_store
from rassegna.uscite_files import import_agency

ITEM = """{title}

{words} words

{day} November 2023

{time}

{feed}

{code}

Italian

© 2023 Agenzia Prova.

Iniziativa della rete dei Comuni per l'inclusione

(PROVA) - {city}, {day} NOV - Il press tour del progetto LgNet2 ha fatto tappa a {city}, \
dove il Comune ha presentato i servizi per i cittadini stranieri avviati con la rete.

Il tour prosegue nelle prossime settimane nelle altre città della rete.
"""


def item(title: str, city: str, day: int, feed: str = "Agenzia Prova - Servizio Regionale",
         words: str = "180", time: str = "12:40") -> str:
    return ITEM.format(title=title, city=city.upper(), day=day, feed=feed, words=words,
                       time=time, code="APREG")


def export(tmp_path: Path, *items: str) -> Path:
    path = tmp_path / "export.txt"
    path.write_text("\n\nDocument APREG00020231121ejbl0001\n\n".join(items), encoding="utf-8")
    return path


def test_each_item_is_an_uscita_in_agenzie(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    path = export(tmp_path, item("LgNet2 a Trieste, 14 mediatori", "Trieste", 21),
                  item("LgNet2 a Bari, la scuola che include", "Bari", 23,
                       feed="Agenzia Prova - Politica"))
    assert import_agency(store, "prova", path).stored == 2
    rows = {r.title: r for r in store.uscite("prova")}
    trieste = rows["LgNet2 a Trieste, 14 mediatori"]
    assert (trieste.category, trieste.testata) == (
        "Agenzie", "Agenzia Prova - Servizio Regionale")
    assert str(trieste.published) == "2023-11-21" and trieste.author == ""
    assert "ha fatto tappa a TRIESTE" in trieste.text
    assert trieste.subtitle == "Iniziativa della rete dei Comuni per l'inclusione"
    assert rows["LgNet2 a Bari, la scuola che include"].testata == "Agenzia Prova - Politica"
    assert import_agency(store, "prova", path).stored == 2  # again: nothing added
    assert store.counts("prova")["uscite"] == 2
    store.close()


def test_a_bad_item_refuses_the_file_with_its_line(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    broken = "Solo un titolo\n\nE un testo senza intestazione."
    path = export(tmp_path, item("LgNet2 a Trieste", "Trieste", 21), broken)
    with pytest.raises(ImportFileError, match=r"export\.txt:\d+: not a press-database export"):
        import_agency(store, "prova", path)
    assert store.counts("prova")["uscite"] == 0
    result = import_agency(store, "prova", path, skip_invalid=True)
    assert result.stored == 1 and len(result.rejected) == 1
    assert "Solo un titolo" in (tmp_path / "export.rejected.txt").read_text(encoding="utf-8")
    store.close()


def test_cli_import_agency(tmp_path: Path) -> None:
    campaign = tmp_path / "c.toml"
    campaign.write_text('[project]\nname = "Prova"\n[[terms]]\nterm = "LgNet2"\n',
                        encoding="utf-8")
    path = export(tmp_path, item("LgNet2 a Trieste", "Trieste", 21))
    result = CliRunner().invoke(app, ["import", str(path), "--agency", "--db",
                                      str(tmp_path / "s.db"), "--campaign", str(campaign)])
    assert result.exit_code == 0, result.output
    assert "import: 1 new, 0 already stored" in result.output


def test_reimport_changes_nothing_and_a_cp1252_export_is_read(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    path = tmp_path / "export.txt"
    path.write_bytes(item("LgNet2 a Cantù, la città più vicina", "Cantù", 21).encode("cp1252"))
    first = import_agency(store, "prova", path)
    assert (first.new, first.encoding) == (1, "cp1252")
    corrections = list(store.db.query("select * from corrections"))
    again = import_agency(store, "prova", path)
    assert (again.new, again.already, again.changed) == (0, 1, 0)
    assert list(store.db.query("select * from corrections")) == corrections
    assert store.uscite("prova")[0].title == "LgNet2 a Cantù, la città più vicina"
    store.close()
