"""Import benchmark: the time to import N rows of uscite (default 50,000), then again.

    .venv/bin/python bench/bench_import_rows.py                    # 50,000 rows of CSV
    .venv/bin/python bench/bench_import_rows.py --rows 5000 --format xlsx

The rows are generated as an office's spreadsheet has them: 400 outlets, some with
the category and audience written in, dates in the four ways offices write them
(ISO, 18/10/2023, "18 ottobre 2023", "21 NOVEMBRE 2023"), a URL on six rows in ten,
a short text (a print clipping's summary). The timings are those of `rassegna
import`: reading and storing the file, then the entities of the new uscite; the
second import of the same file stores nothing new. CPU seconds are this process's
own (the machine may be shared).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import benchkit  # noqa: E402

from audience import CATEGORIES  # noqa: E402
from rassegna import pipeline  # noqa: E402
from rassegna.campaign import load_campaign  # noqa: E402
from rassegna.store import open_store  # noqa: E402
from rassegna.uscite_files import import_file, write_export  # noqa: E402

MONTHS = ("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre "
          "novembre dicembre").split()
CITIES = ("Latina", "Perugia", "Trieste", "Genova", "Bari", "Torino", "Caserta", "Potenza")
WORDS = ("comune città progetto servizi cittadini lavoro scuola quartiere sindaco assessore "
         "famiglie giovani accoglienza inclusione sportello mediatori casa rete").split()


def written(day: dt.date, style: int) -> str:
    """A date in one of the four ways offices write it."""
    if style == 0:
        return day.isoformat()
    if style == 1:
        return day.strftime("%d/%m/%Y")
    month = MONTHS[day.month - 1] if style == 2 else MONTHS[day.month - 1].upper()
    return f"{day.day} {month} {day.year}"


def generate(count: int, words: int) -> list[dict[str, Any]]:
    rng = random.Random(13)
    rows = []
    for n in range(count):
        outlet = rng.randrange(400)
        day = dt.date(2023, 10, 1) + dt.timedelta(days=rng.randrange(90))
        city = rng.choice(CITIES)
        rows.append({
            "testata": f"Testata {outlet:03d}",
            "categoria": CATEGORIES[outlet % 7] if outlet % 3 == 0 else "",
            "audience": f"{1000 * (outlet + 1):,}".replace(",", ".") if outlet % 4 == 0 else "",
            "titolo": f"LgNet2 fa tappa a {city}: uscita {n}",
            "sottotitolo": "", "giornalista": "Alice Gipponi" if n % 3 else "",
            "data": written(day, n % 4),
            "url": f"https://www.testata-{outlet:03d}.test/lgnet2/{n}/" if n % 10 < 6 else "",
            "testo": f"A {city} il progetto LgNet2. "
                     + " ".join(rng.choice(WORDS) for _ in range(words)),
            **{column: "" for column in ("programma", "edizione", "minuto", "intervistati",
                                         "video")},
        })
    return rows


def timed(step: Callable[[], Any]) -> tuple[Any, float, float]:
    started, cpu = time.perf_counter(), time.process_time()
    result = step()
    return result, time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--words", type=int, default=30, help="words of text per row")
    parser.add_argument("--format", choices=("csv", "jsonl", "xlsx"), default="csv")
    args = parser.parse_args()
    rows, words = benchkit.tiny(args.rows, 50), benchkit.tiny(args.words, 30)
    before = benchkit.cpu_reference()
    with tempfile.TemporaryDirectory(prefix="rassegna-import-") as name:
        run(Path(name), rows, words, args.format)
    print(benchkit.reference_line(before))


def run(folder: Path, rows: int, words: int, form: str) -> None:
    """Import ``rows`` generated rows into a new store in ``folder``, twice; print the times."""
    (folder / "c.toml").write_text('[project]\nname = "Bench"\n[[terms]]\nterm = "LgNet2"\n',
                                   encoding="utf-8")
    campaign = load_campaign(folder / "c.toml")
    path = folder / f"uscite.{form}"
    write_export(generate(rows, words), path, form)
    store = open_store(folder / "s.db")
    store.register_campaign(campaign.slug, campaign.name, str(campaign.path))
    _, seconds, cpu = timed(lambda: import_file(store, campaign.slug, path))
    _, entity_seconds, entity_cpu = timed(
        lambda: pipeline.entities(store, campaign, missing_only=True))
    _, again, again_cpu = timed(lambda: import_file(store, campaign.slug, path))
    stored = store.counts(campaign.slug)["uscite"]
    store.close()
    print(f"{rows:,} rows of {form.upper()}, {words} words of text each; "
          f"{stored:,} uscite stored")
    print("| step | seconds | CPU seconds |")
    print("|---|---|---|")
    print(f"| read and store | {seconds:.1f} | {cpu:.1f} |")
    print(f"| entities of the new uscite | {entity_seconds:.1f} | {entity_cpu:.1f} |")
    print(f"| import (both) | {seconds + entity_seconds:.1f} | {cpu + entity_cpu:.1f} |")
    print(f"| the same file again | {again:.1f} | {again_cpu:.1f} |")


if __name__ == "__main__":
    main()
