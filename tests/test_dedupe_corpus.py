"""Dedupe scored on the labelled LgNet2 clippings (``../shared/corpus/lgnet2-dev.jsonl``).

``release`` is the true cluster of each clipping. The floors are what the current
dedupe reaches; CI fails below them. Never lower a floor to make a change pass.
Run with ``-s`` to read the report (scores, wrong merges and splits with titles).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dedupe import MinHashBaseline, Scores, Text, assignment, cluster, evaluate

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "lgnet2-dev.jsonl"

FLOORS = {
    "bcubed_f1": 0.978,
    "pairwise_precision": 1.0,  # no two releases of different cities merged
    "pairwise_recall": 0.928,
}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    if not CORPUS.exists():
        pytest.skip(f"labelled corpus not found at {CORPUS}")
    with CORPUS.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def docs_of(rows: list[dict]) -> list[Text]:
    return [
        Text(row["n"], row["text"], row["title"], dt.date.fromisoformat(row["date"]))
        for row in rows
    ]


def report(name: str, scores: Scores, rows: list[dict]) -> str:
    by_n = {row["n"]: row for row in rows}

    def pair(a: int, b: int) -> str:
        ra, rb = by_n[a], by_n[b]
        return (f"    {a:>3} {ra['release']:<8} {ra['testata'][:24]:<24} | "
                f"{b:>3} {rb['release']:<8} {rb['testata'][:24]}")

    lines = [
        f"{name}: B-cubed P {scores.bcubed_precision:.3f} R {scores.bcubed_recall:.3f} "
        f"F1 {scores.bcubed_f1:.3f}; pairwise P {scores.pairwise_precision:.3f} "
        f"R {scores.pairwise_recall:.3f}",
        f"  wrong merges ({len(scores.merges)}):",
        *(pair(a, b) for a, b in scores.merges),
        f"  splits ({len(scores.splits)}):",
        *(pair(a, b) for a, b in scores.splits),
    ]
    return "\n".join(lines)


def test_dedupe_on_the_labelled_corpus_stays_above_its_floors(rows: list[dict]) -> None:
    truth = {row["n"]: row["release"] for row in rows}
    scores = evaluate(assignment(cluster(docs_of(rows))), truth)
    print("\n" + report("rassegna dedupe", scores, rows))
    assert scores.merges == (), "copies of different releases merged"
    assert scores.bcubed_f1 >= FLOORS["bcubed_f1"]
    assert scores.pairwise_precision >= FLOORS["pairwise_precision"]
    assert scores.pairwise_recall >= FLOORS["pairwise_recall"]


def test_plain_minhash_baseline_is_reported_for_comparison(rows: list[dict]) -> None:
    truth = {row["n"]: row["release"] for row in rows}
    ours = evaluate(assignment(cluster(docs_of(rows))), truth)
    plain = evaluate(assignment(MinHashBaseline(0.8).cluster(docs_of(rows))), truth)
    print("\n" + report("plain MinHashLSH at 0.8", plain, rows))
    assert ours.bcubed_f1 > plain.bcubed_f1
