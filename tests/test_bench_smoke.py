"""CI's smoke run of the benchmarks: every benchmark command the README shows, at a tiny size.

A figure in the README is only worth its command: this runs each command the README
shows (in a code span, a table or a shell block) with this interpreter, from the
repository's root, with ``RASSEGNA_BENCH_SMOKE=1`` (each benchmark then shrinks its
sizes through ``benchkit.tiny``), and checks it ends well and prints the CPU-loop
reference that states the load of its figures. A benchmark the README does not show
fails here too, so none escapes the smoke run.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# `.venv/bin/python bench/bench_x.py --a 1`, `python bench/bench_x.py`: the arguments end
# at the code span's backtick, a table's bar, a shell comment or the line's end
COMMAND = re.compile(r"(?:\S*/)?python3?[ \t]+(bench/bench_\w+\.py(?:[ \t]+[^`|#\s]+)*)")
REFERENCE = re.compile(r"^CPU-loop reference \d+(?:\.\d+)? ", re.MULTILINE)
# the flags whose data is in ../shared (the real pages), beside any path naming it
SHARED_FLAGS = frozenset({"--real"})
# a smoke run takes seconds: a command past this has lost its tiny size
TIMEOUT = 180


def readme_commands(text: str) -> list[str]:
    """The distinct benchmark commands of ``text``, without their interpreter, in order."""
    found = (" ".join(match.group(1).split()) for match in COMMAND.finditer(text))
    return list(dict.fromkeys(found))


COMMANDS = readme_commands((ROOT / "README.md").read_text(encoding="utf-8"))


def test_readme_commands_are_read_from_every_form() -> None:
    text = (
        "Speed (`.venv/bin/python bench/bench_a.py`, synthetic)\n"
        "| x | `python bench/bench_b.py --sizes 10,20` | 3 s |\n"
        "```sh\n.venv/bin/python bench/bench_c.py --pages 30 --workers 2   # comment\n```\n"
        "`bench/bench_d.py` alone is a name, not a command; so is python bench/notes.txt\n"
        "python bench/bench_a.py\n"
    )
    assert readme_commands(text) == [
        "bench/bench_a.py", "bench/bench_b.py --sizes 10,20",
        "bench/bench_c.py --pages 30 --workers 2",
    ]


def test_every_benchmark_is_in_the_readme() -> None:
    shown = {shlex.split(command)[0] for command in COMMANDS}
    scripts = {f"bench/{path.name}" for path in sorted((ROOT / "bench").glob("bench_*.py"))}
    assert scripts, "no bench/bench_*.py found"
    assert not scripts - shown, f"benchmarks the README never shows: {sorted(scripts - shown)}"


@pytest.mark.parametrize("command", COMMANDS, ids=COMMANDS)
def test_readme_benchmark_command_runs(command: str, tmp_path: Path) -> None:
    args = shlex.split(command)
    if any(arg in SHARED_FLAGS or "../shared" in arg for arg in args) and not SHARED.is_dir():
        pytest.skip(f"{command} reads ../shared, which this checkout does not have")
    env = {
        **os.environ,
        "RASSEGNA_BENCH_SMOKE": "1",
        "TMPDIR": str(tmp_path),  # whatever a benchmark writes goes away with the test
        # this tree's packages, not those of another tree an editable install points at
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    try:
        done = subprocess.run(
            [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{command} ran past {TIMEOUT} s: are its sizes passed through benchkit.tiny?")
    assert done.returncode == 0, f"{command} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    assert REFERENCE.search(done.stdout), (
        f"{command} did not print benchkit.reference_line() beside its figures:\n"
        f"{done.stdout[-2000:]}"
    )
