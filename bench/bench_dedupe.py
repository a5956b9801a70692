"""Benchmark: dedupe on synthetic press tours, ours against plain MinHash LSH.

The corpus is generated with known clusters: press tours whose releases share
boilerplate paragraphs (the project, the closing on governance) and differ in
their own paragraphs and quote; copies of each release that are verbatim, edited
(a few words changed, a sentence added), trimmed, re-titled, lead-only, social
posts (title and the start of the lead) or boilerplate-only with the release's
title; and unrelated articles. Each size and method runs in its own process, so
time and peak memory (RSS) are its own.

    .venv/bin/python bench/bench_dedupe.py                       # 10k, 100k, 300k
    .venv/bin/python bench/bench_dedupe.py --sizes 10000,100000  # what fits
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

# the repository's packages before any installed copy, as the other benchmarks do
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import benchkit  # noqa: E402

SYLLABLES = [c + v for c in "bcdfglmnprstvz" for v in "aeiou"] + ["an", "el", "in", "or", "un"]


def vocabulary(rng: random.Random, size: int = 30_000) -> list[str]:
    words = {"".join(rng.choices(SYLLABLES, k=rng.randint(1, 4))) for _ in range(size * 2)}
    return sorted(words)[:size]


class Writer:
    """Random sentences over a Zipf-like vocabulary (common words are common)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = vocabulary(rng)
        self.cum = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(self.words))))

    def sentence(self, n: int) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self.cum, k=n)).capitalize() + "."

    def paragraph(self, words: int) -> str:
        parts, left = [], words
        while left > 0:
            n = min(left, self.rng.randint(12, 25))
            parts.append(self.sentence(n))
            left -= n
        return " ".join(parts)

    def edit(self, text: str, share: float = 0.02) -> str:
        tokens = text.split(" ")
        for i in range(len(tokens)):
            if self.rng.random() < share:
                tokens[i] = self.rng.choice(self.words)
        return " ".join(tokens) + "\n" + self.sentence(15)


def corpus(size: int, seed: int = 7) -> Iterator[tuple[int, str, str, str]]:
    """(id, title, text, true cluster) for ``size`` documents, half of them in press tours."""
    rng = random.Random(seed)
    w = Writer(rng)
    made = 0
    tour = 0
    while made < size:
        if rng.random() < 0.5:
            # a press tour: 8 to 16 releases over shared boilerplate
            tour += 1
            boiler = [w.paragraph(60), w.paragraph(40)]
            closing = w.paragraph(60)
            for city in range(rng.randint(8, 16)):
                if made >= size:
                    break
                key = f"t{tour}r{city}"
                title = w.sentence(9)
                own = [w.paragraph(50), w.paragraph(70), w.paragraph(40)]
                quote = "«" + w.paragraph(35) + "»"
                full = "\n".join([own[0], *boiler, own[1], quote, own[2], closing])
                copies = [(title, full)]
                for _ in range(rng.randint(0, 6)):
                    kind = rng.choice(["verbatim", "edited", "trimmed", "retitled", "lead",
                                       "social", "edited", "trimmed"])
                    if kind == "verbatim":
                        copies.append((title, full))
                    elif kind == "edited":
                        copies.append((title, w.edit(full)))
                    elif kind == "trimmed":
                        copies.append((title, "\n".join([own[0], *boiler, own[1], quote])))
                    elif kind == "retitled":
                        copies.append((w.sentence(8), full))
                    elif kind == "lead":
                        copies.append((w.sentence(7), own[0]))
                    else:
                        copies.append((title, " ".join(own[0].split()[:30])))
                if rng.random() < 0.05:
                    copies.append((title, "\n".join([*boiler, closing])))
                for title_, text in copies[: size - made]:
                    made += 1
                    yield made, title_, text, key
        else:
            for _ in range(rng.randint(1, 20)):
                if made >= size:
                    break
                made += 1
                yield made, w.sentence(10), "\n".join(
                    w.paragraph(rng.randint(40, 90)) for _ in range(rng.randint(2, 6))
                ), f"u{made}"


def run_one(size: int, method: str) -> dict[str, float]:
    """Generate the corpus, cluster it, return time, memory and quality (child process)."""
    from dedupe import MinHashBaseline, ReleaseDeduper, Text, assignment, evaluate

    rows = list(corpus(size))
    docs = [Text(n, text, title) for n, title, text, _ in rows]
    truth = {n: key for n, _, _, key in rows}
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    deduper = ReleaseDeduper() if method == "ours" else MinHashBaseline(0.8)
    start = time.perf_counter()
    clusters = deduper.cluster(docs)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scores = evaluate(assignment(clusters), truth)
    return {
        "seconds": seconds,
        "peak_mb": peak / 1024,
        "corpus_mb": before / 1024,
        "bcubed_f1": scores.bcubed_f1,
        "pairwise_p": scores.pairwise_precision,
        "pairwise_r": scores.pairwise_recall,
        "merges": len(scores.merges),
        "true_clusters": len(set(truth.values())),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,300000", help="comma-separated")
    parser.add_argument("--methods", default="ours,minhash-0.8", help="comma-separated")
    parser.add_argument("--child", nargs=2, metavar=("SIZE", "METHOD"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_one(int(args.child[0]), args.child[1])))
        return 0
    # in the smoke run every size is the tiny one: run it once
    sizes = list(dict.fromkeys(benchkit.tiny(int(s), 300) for s in args.sizes.split(",")))
    before = benchkit.cpu_reference()
    print(f"{'docs':>8} {'method':<12} {'seconds':>8} {'peak MB':>8} {'corpus MB':>9} "
          f"{'B3 F1':>6} {'pair P':>6} {'pair R':>6} {'merges':>7}")
    for size in sizes:
        for method in args.methods.split(","):
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(size), method],
                check=True, stdout=subprocess.PIPE, text=True,
            ).stdout
            r = json.loads(out.strip().splitlines()[-1])
            print(f"{size:>8} {method:<12} {r['seconds']:>8.1f} {r['peak_mb']:>8.0f} "
                  f"{r['corpus_mb']:>9.0f} {r['bcubed_f1']:>6.3f} {r['pairwise_p']:>6.3f} "
                  f"{r['pairwise_r']:>6.3f} {r['merges']:>7}", flush=True)
    print(benchkit.reference_line(before))
    return 0


if __name__ == "__main__":
    sys.exit(main())
