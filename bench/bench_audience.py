"""Benchmark of the audience stage: registry reading, reach per uscita, review totals.

Run: .venv/bin/python bench/bench_audience.py [--outlets 2000] [--uscite 20000]

Prints one table: the time of each operation on a synthetic registry and synthetic
uscite (written here; no corpus text), and the peak resident set size of the whole run.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import benchkit  # noqa: E402

from audience import CATEGORIES, Registry, reach_of, starter_registry  # noqa: E402
from review import Uscita  # noqa: E402
from review.totals import compute_totals  # noqa: E402


def registry_rows(count: int) -> list[list[object]]:
    rng = random.Random(6)
    return [
        [f"Testata {n}", f"testata{n}.test;www.testata{n}.test", CATEGORIES[n % 7],
         rng.randrange(1_000, 2_000_000) if n % 5 else "", "Audiweb" if n % 5 else "",
         "ottobre 2023", ""]
        for n in range(count)
    ]


def timed(label: str, func, rows: list[tuple[str, str, str]]):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = func()
    rows.append((label, f"{(time.perf_counter() - start) * 1000:.1f} ms", ""))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--outlets", type=int, default=2000)
    parser.add_argument("--uscite", type=int, default=20000)
    args = parser.parse_args()
    outlets, count = benchkit.tiny(args.outlets, 50), benchkit.tiny(args.uscite, 200)
    before = benchkit.cpu_reference()
    header = ["testata", "domini", "categoria", "audience", "fonte", "rilevazione", "note"]
    table: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        rows = registry_rows(outlets)
        csv_path = Path(folder) / "outlets.csv"
        with csv_path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([header, *rows])
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        for row in [header, *rows]:
            sheet.append(row)
        xlsx_path = Path(folder) / "outlets.xlsx"
        workbook.save(xlsx_path)
        timed(f"read CSV registry ({outlets} outlets)",
              lambda: Registry.from_file(csv_path), table)
        office = timed(f"read XLSX registry ({outlets} outlets)",
                       lambda: Registry.from_file(xlsx_path), table)
    registry = Registry(office, fallback=starter_registry())
    rng = random.Random(7)
    pages = []
    for n in range(count):
        kind = n % 4
        if kind == 0:  # in the office's registry, on a subdomain
            pages.append((f"Testata {rng.randrange(outlets)}",
                          f"news.testata{rng.randrange(outlets)}.test"))
        elif kind == 1:  # a portal or a social network of the starter registry
            pages.append((f"Testata {n}", rng.choice(["virgilio.it", "facebook.com", "msn.com"])))
        elif kind == 2:  # an agency of the starter registry
            pages.append(("ANSA - Regional Service", "ansa.it"))
        else:  # unknown: the inference rules
            pages.append((f"Radio Paese {n}", f"paese{n}.test"))
    reaches = timed(f"reach of {count} uscite",
                    lambda: [reach_of(name, domain, registry) for name, domain in pages], table)
    day = dt.date(2023, 10, 1)
    uscite = [
        Uscita(n, r.category, r.testata, f"titolo {n}", audience=r.audience,
               published=day + dt.timedelta(days=n % 90), city=f"Città {n % 16}" if n % 3 else "",
               cluster=n - n % 10)
        for n, r in enumerate(reaches, start=1)
    ]
    totals = timed(f"totals of {count} uscite (city, release, day, week)",
                   lambda: compute_totals(uscite), table)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    table.append(("peak RSS of the whole run", f"{peak / 1024:.0f} MiB", ""))
    inferred = sum(r.inferred for r in reaches)
    table.append(("check", f"{inferred} inferred, {len(totals.releases)} releases", ""))
    width = max(len(label) for label, _, _ in table)
    print(f"{'operation':<{width}}  result")
    print(f"{'-' * width}  {'-' * 24}")
    for label, value, _ in table:
        print(f"{label:<{width}}  {value}")
    print(benchkit.reference_line(before))


if __name__ == "__main__":
    main()
