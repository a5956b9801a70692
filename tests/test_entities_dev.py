"""The entity pipeline on real municipal pages it was never tuned on, with pinned floors.

``../shared/entities-dev/docs.jsonl`` holds about 70 real Italian municipal news texts
on topics other than the LgNet projects (transport, schools, housing, budgets…),
labelled with their comuni, main city, local officials and reported figures by the
conventions of its README. Scored per document and summed:

- cities: the comuni named, as a set per text (canonical names, folded);
- main city: right when equal to the label (no main city counts when both have none);
- officials: a person is found when the labelled name is the name kept or one of its
  spellings; the role is reported beside it, not scored;
- figures: found when a figure has the labelled value and its span overlaps the
  labelled text where the text writes it.

Every miss and false positive is printed:
``.venv/bin/python tests/test_entities_dev.py``. The suite skips when the folder is not
beside the repository.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from extract.entities import Entities, analyse
from extract.entities.gazetteers import fold_name, gazetteers

DEV = Path(__file__).resolve().parents[1] / ".." / "shared" / "entities-dev" / "docs.jsonl"

#: the scores may not fall below these (raise them when the scores rise, never lower them)
FLOORS = {
    "main_city": 0.942,
    "cities_precision": 0.994,
    "cities_recall": 1.0,
    "officials_precision": 0.967,
    "officials_recall": 0.902,
    "figures_precision": 0.948,
    "figures_recall": 0.98,
}

pytestmark = pytest.mark.skipif(not DEV.exists(), reason=f"development set not found at {DEV}")


@dataclass
class Counts:
    """Found, labelled and right, over the documents; the misses as printable lines."""

    found: int = 0
    labelled: int = 0
    right_found: int = 0  # found items that match a label
    right_labelled: int = 0  # labels that some found item matches
    lines: list[str] | None = None

    def note(self, line: str) -> None:
        if self.lines is None:
            self.lines = []
        self.lines.append(line)

    @property
    def precision(self) -> float:
        return self.right_found / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right_labelled / self.labelled if self.labelled else 1.0


def documents() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DEV.read_text("utf-8").splitlines() if line.strip()]


@cache
def analysed() -> tuple[tuple[dict[str, Any], Entities], ...]:
    docs = documents()
    return tuple(zip(docs, analyse([d["text"] for d in docs]), strict=True))


def _spans(text: str, snippet: str) -> Iterator[tuple[int, int]]:
    start = text.find(snippet)
    while start >= 0:
        yield start, start + len(snippet)
        start = text.find(snippet, start + 1)


def _comune(name: str) -> str:
    """A labelled comune by the name we report: the set writes "Reggio Emilia" (a form
    outlets use), ISTAT "Reggio nell'Emilia"; the gazetteer's aliases tell them apart."""
    found = gazetteers().comuni.get(name.lower(), ())
    return fold_name(found[0].name if len(found) == 1 else name)


def score_cities() -> Counts:
    counts = Counts()
    for doc, found in analysed():
        gold = {_comune(c) for c in doc["cities"]}
        got = {fold_name(c) for c in found.city_names}
        counts.found += len(got)
        counts.labelled += len(gold)
        counts.right_found += len(got & gold)
        counts.right_labelled += len(got & gold)
        for name in sorted(got - gold):
            counts.note(f"{doc['id']} city false positive: {name}")
        for name in sorted(gold - got):
            counts.note(f"{doc['id']} city missed: {name}")
    return counts


def score_main_city() -> Counts:
    counts = Counts()
    for doc, found in analysed():
        counts.found += 1
        counts.labelled += 1
        if fold_name(found.main_city) == (_comune(doc["main_city"]) if doc["main_city"] else ""):
            counts.right_found += 1
            counts.right_labelled += 1
        else:
            counts.note(f"{doc['id']} main city {found.main_city!r} for {doc['main_city']!r}")
    return counts


def score_officials() -> Counts:
    counts = Counts()
    for doc, found in analysed():
        gold = {fold_name(o["name"]): o for o in doc["officials"]}
        spellings = [({fold_name(v) for v in (o.name, *o.variants)}, o) for o in found.officials]
        counts.found += len(spellings)
        counts.labelled += len(gold)
        for keys, official in spellings:
            if keys & gold.keys():
                counts.right_found += 1
                label = gold[next(iter(keys & gold.keys()))]
                if label["role"] != official.role:
                    counts.note(f"{doc['id']} official role {official.role!r} for "
                                f"{label['role']!r}: {official.name}")
            else:
                counts.note(f"{doc['id']} official false positive: {official.name} "
                            f"({official.role}, {official.comune})")
        for name, label in gold.items():
            if any(name in keys for keys, _ in spellings):
                counts.right_labelled += 1
            else:
                counts.note(f"{doc['id']} official missed: {label['name']} ({label['role']}, "
                            f"{label['comune']})")
    return counts


def score_figures() -> Counts:
    counts = Counts()
    for doc, found in analysed():
        text = doc["text"]
        gold = [(f, list(_spans(text, f["text"]))) for f in doc["figures"]]

        def matches(figure: Any, label: dict[str, Any], spans: list[tuple[int, int]]) -> bool:
            return float(figure.value) == float(label["value"]) and any(
                figure.start < end and start < figure.end for start, end in spans
            )

        counts.found += len(found.figures)
        counts.labelled += len(gold)
        for figure in found.figures:
            if any(matches(figure, label, spans) for label, spans in gold):
                counts.right_found += 1
            else:
                counts.note(f"{doc['id']} figure false positive: {figure.text!r} = "
                            f"{figure.value} {figure.unit}")
        for label, spans in gold:
            if any(matches(figure, label, spans) for figure in found.figures):
                counts.right_labelled += 1
            else:
                counts.note(f"{doc['id']} figure missed: {label['text']!r} = {label['value']}")
    return counts


def scores() -> dict[str, float]:
    cities, main, officials, figures = (
        score_cities(), score_main_city(), score_officials(), score_figures()
    )
    return {
        "main_city": main.recall,
        "cities_precision": cities.precision,
        "cities_recall": cities.recall,
        "officials_precision": officials.precision,
        "officials_recall": officials.recall,
        "figures_precision": figures.precision,
        "figures_recall": figures.recall,
    }


def test_main_city() -> None:
    counts = score_main_city()
    print("\n".join(counts.lines or []))
    print(f"main city: {counts.right_found}/{counts.found} = {counts.recall:.3f}")
    assert counts.recall >= FLOORS["main_city"]


def test_cities() -> None:
    counts = score_cities()
    print("\n".join(counts.lines or []))
    print(f"cities: P {counts.precision:.3f} R {counts.recall:.3f}")
    assert counts.precision >= FLOORS["cities_precision"]
    assert counts.recall >= FLOORS["cities_recall"]


def test_officials() -> None:
    counts = score_officials()
    print("\n".join(counts.lines or []))
    print(f"officials: P {counts.precision:.3f} R {counts.recall:.3f} "
          f"({counts.labelled} labelled, {counts.found} found)")
    assert counts.precision >= FLOORS["officials_precision"]
    assert counts.recall >= FLOORS["officials_recall"]


def test_figures() -> None:
    counts = score_figures()
    print("\n".join(counts.lines or []))
    print(f"figures: P {counts.precision:.3f} R {counts.recall:.3f} "
          f"({counts.labelled} labelled, {counts.found} found)")
    assert counts.precision >= FLOORS["figures_precision"]
    assert counts.recall >= FLOORS["figures_recall"]


def main() -> None:
    for counts in (score_main_city(), score_cities(), score_officials(), score_figures()):
        print("\n".join(counts.lines or []))
    print("\n| field | score | floor |\n|---|---|---|")
    for name, value in scores().items():
        print(f"| {name} | {value:.3f} | {FLOORS[name]:.3f} |")


if __name__ == "__main__":
    sys.exit(main())
