"""Review benchmark: the time to build every format for N uscite (default 5,000).

    python bench/bench_review.py                  # 5,000 uscite, every format, clippings in
    python bench/bench_review.py --uscite 1000 --no-clippings

The uscite are generated: seven categories, 60 outlets, 50 press releases copied by
several outlets, three months of dates, texts of about 250 words. Peak memory is the
process's max RSS. The files are left in a temporary folder, named at the end; the
PDF's page count is read back from it with pypdf (a test dependency) when installed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import benchkit  # noqa: E402

from audience import CATEGORIES  # noqa: E402
from review import FORMATS, Cover, ReviewOptions, Uscita, build_review, renderers  # noqa: E402

WORDS = ("comune città progetto servizi cittadini lavoro scuola quartiere sindaco assessore "
         "famiglie giovani accoglienza inclusione sportello mediatori casa rete").split()


def generate(count: int) -> list[Uscita]:
    rng = random.Random(7)
    releases = [" ".join(rng.choice(WORDS) for _ in range(250)) for _ in range(50)]
    uscite = []
    for n in range(1, count + 1):
        outlet = rng.randrange(60)
        release = rng.randrange(50)
        text = releases[release]
        uscite.append(Uscita(
            id=n, category=CATEGORIES[outlet % 7], testata=f"Testata {outlet:02d}",
            title=f"LgNet2, tappa {release}: uscita {n}",
            url=f"https://www.testata-{outlet:02d}.test/lgnet2/{n}/",
            audience=None if outlet % 9 == 0 else 1000 * (outlet + 1),
            published=dt.date(2023, 10, 1) + dt.timedelta(days=rng.randrange(90)),
            author="Alice Gipponi" if n % 3 else "",
            text="\n".join(text[i:i + 400] for i in range(0, len(text), 400)),
            cluster=release + 1, city=f"Città {release % 16}",
        ))
    return uscite


def pdf_pages(path: Path) -> str:
    """The page count of the PDF at ``path``, read back with pypdf ("?" without it)."""
    try:
        from pypdf import PdfReader
    except ImportError:  # a plain install has no test dependencies
        return "? (pypdf not installed)"
    return f"{len(PdfReader(path).pages):,}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uscite", type=int, default=5000)
    parser.add_argument("--no-clippings", action="store_true")
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args()
    count = benchkit.tiny(args.uscite, 5)
    before = benchkit.cpu_reference()
    cover = Cover("LGNET2 Rassegna Stampa Press Tour", "LgNet2", dt.date(2023, 12, 14))
    start = time.perf_counter()
    review = build_review(generate(count), cover, 5)
    model = time.perf_counter() - start
    options = ReviewOptions(clippings=not args.no_clippings)
    chosen = renderers(options)
    out = Path(tempfile.mkdtemp(prefix="rassegna-review-"))
    print(f"{count} uscite, clippings {'out' if args.no_clippings else 'in'}")
    print("| step | seconds | size |")
    print("|---|---|---|")
    print(f"| document model | {model:.2f} | |")
    total = model
    for name in args.formats.split(","):
        start = time.perf_counter()
        content = chosen[name].render(review)
        elapsed = time.perf_counter() - start
        total += elapsed
        path = out / f"rassegna.{name}"
        path.write_bytes(content)
        # the PDF's time is per page: how many the file has is part of the figure
        pages = f", {pdf_pages(path)} pages" if name == "pdf" else ""
        print(f"| {name} | {elapsed:.2f} | {len(content) / 1e6:.1f} MB{pages} |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| all formats | {total:.2f} | peak RSS {peak:.0f} MB |")
    print(f"written to {out}")
    print(benchkit.reference_line(before))


if __name__ == "__main__":
    main()
