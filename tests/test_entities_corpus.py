"""The entity pipeline scored on the labelled corpus, with floors CI enforces.

``../shared/corpus/lgnet2-dev.jsonl`` labels each uscita with ``main_city`` and
``officials`` (name, role, comune). The other texts of the corpus name their city
stop in the file name (``lgnet3-2024-torino.txt``); their officials are labelled here.
Scores, and every miss, are printed:
``.venv/bin/python -m pytest tests/test_entities_corpus.py -s``.
The suite skips when the corpus is not beside the repository.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extract.entities import Entities, analyse
from extract.entities.gazetteers import fold_name

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
DEV = CORPUS / "lgnet2-dev.jsonl"
FLOORS = json.loads((Path(__file__).parent / "data" / "entities_floors.json").read_text())

pytestmark = pytest.mark.skipif(not DEV.exists(), reason=f"corpus not found at {CORPUS}")


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


@pytest.fixture(scope="module")
def dev() -> list[tuple[dict[str, Any], Entities]]:
    rows = [json.loads(line) for line in DEV.read_text("utf-8").splitlines() if line.strip()]
    found = analyse([r["text"] for r in rows], [r["title"] for r in rows])
    return list(zip(rows, found, strict=True))


def test_main_city(dev: list[tuple[dict[str, Any], Entities]]) -> None:
    predicted = sum(1 for _, e in dev if e.main_city)
    hits = 0
    for row, found in dev:
        if found.main_city == row["main_city"]:
            hits += 1
        else:
            print(f"main city miss #{row['n']} {row['testata']}: "
                  f"{found.main_city!r} for {row['main_city']!r}")
    precision, recall = _ratio(hits, predicted), _ratio(hits, len(dev))
    print(f"main city: P {precision:.3f} R {recall:.3f} over {len(dev)} uscite")
    assert precision >= FLOORS["main_city_precision"]
    assert recall >= FLOORS["main_city_recall"]


def _key(name: str, role: str, comune: str) -> tuple[str, str, str]:
    return fold_name(name), role, fold_name(comune)


def test_officials(dev: list[tuple[dict[str, Any], Entities]]) -> None:
    gold_total = predicted_total = gold_hits = predicted_hits = 0
    for row, found in dev:
        gold = {_key(o["name"], o["role"], o["comune"]) for o in row["officials"]}
        # an official matches when the labelled name is the kept spelling or a variant
        predicted = [
            ({_key(v, o.role, o.comune) for v in (o.name, *o.variants)}, o) for o in found.officials
        ]
        gold_total += len(gold)
        predicted_total += len(predicted)
        gold_hits += sum(1 for g in gold if any(g in keys for keys, _ in predicted))
        for keys, official in predicted:
            if keys & gold:
                predicted_hits += 1
            else:
                print(f"official false positive #{row['n']}: {official}")
        for g in gold:
            if not any(g in keys for keys, _ in predicted):
                print(f"official missed #{row['n']} {row['testata']}: {g}")
    precision, recall = _ratio(predicted_hits, predicted_total), _ratio(gold_hits, gold_total)
    print(f"officials: P {precision:.3f} R {recall:.3f} "
          f"({gold_total} labelled, {predicted_total} found)")
    assert precision >= FLOORS["officials_precision"]
    assert recall >= FLOORS["officials_recall"]


def test_spelling_variants_are_kept(dev: list[tuple[dict[str, Any], Entities]]) -> None:
    """The press wrote "Tognolli" and "Bertole'": one person each, variants kept."""
    variants = {v for _, e in dev for o in e.officials for v in o.variants if v != o.name}
    names = {o.name for _, e in dev for o in e.officials}
    print(f"spellings merged: {sorted(variants)} into {sorted(names)}")
    assert len(names) == len({o["name"] for r, _ in dev for o in r["officials"]})


# our labels of the officials the other texts quote (read by us; the texts are not copied)
OTHER_OFFICIALS = {
    "lgnet-2021-latina.txt": set(),
    "lgnet-2022-sassari-comune.txt": set(),
    "lgnet2-2023-latina-nota-stampa.txt": {("Michele Nasso", "assessore", "Latina")},
    "lgnet3-2024-torino.txt": {("Jacopo Rosatelli", "assessore", "Torino")},
}


def test_other_texts_main_city_and_officials() -> None:
    paths = sorted(CORPUS.glob("*.txt"))
    if not paths:
        pytest.skip("no other texts in the corpus")
    found = analyse([p.read_text("utf-8") for p in paths])
    hits = 0
    for path, entities in zip(paths, found, strict=True):
        # the file name names the city stop: lgnet-2022-sassari-comune.txt
        expected = next(w for w in path.stem.split("-")[2:] if w.isalpha()).capitalize()
        figures = ", ".join(f.text for f in entities.figures[:8])
        print(f"{path.name}: main city {entities.main_city!r}, "
              f"{len(entities.cities)} city mentions, officials "
              f"{[o.name for o in entities.officials]}, figures: {figures}")
        if entities.main_city == expected:
            hits += 1
        else:
            print(f"main city miss {path.name}: {entities.main_city!r} for {expected!r}")
    recall = _ratio(hits, len(paths))
    print(f"other texts main city: R {recall:.3f} over {len(paths)} texts")
    assert recall >= FLOORS["other_texts_main_city_recall"]
    labelled = [p for p in paths if p.name in OTHER_OFFICIALS]
    gold = {(p.name, *_key(*o)) for p in labelled for o in OTHER_OFFICIALS[p.name]}
    found_keys = {
        (p.name, *_key(o.name, o.role, o.comune))
        for p, e in zip(paths, found, strict=True) if p.name in OTHER_OFFICIALS
        for o in e.officials
    }
    for miss in sorted(gold - found_keys):
        print(f"official missed in other texts: {miss}")
    for extra in sorted(found_keys - gold):
        print(f"official false positive in other texts: {extra}")
    precision = _ratio(len(gold & found_keys), len(found_keys))
    recall = _ratio(len(gold & found_keys), len(gold))
    print(f"other texts officials: P {precision:.3f} R {recall:.3f}")
    assert precision >= FLOORS["other_texts_officials_precision"]
    assert recall >= FLOORS["other_texts_officials_recall"]
