"""The one-line summary of each step: every number says what it counts."""

from __future__ import annotations

import re

import pytest

from rassegna.pipeline import UNITS, StepResult

#: a number followed by a word, never a bare number before another number
COUNTED = re.compile(r"\d+ [a-z]")


@pytest.mark.parametrize("step", sorted(UNITS))
def test_every_number_is_followed_by_what_it_counts(step: str) -> None:
    line = StepResult(step, done=6, rejected=2, detail="3 releases picked up twice").line()
    assert line.startswith(f"{step}: 6 {UNITS[step]}, 2 rejected; 3 releases")
    numbers = re.findall(r"\d+", line)
    assert len(COUNTED.findall(line)) == len(numbers)


def test_no_detail_no_rejected() -> None:
    assert StepResult("dedupe", done=0).line() == "dedupe: 0 clusters"
