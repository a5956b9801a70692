"""What every benchmark shares: the machine's load, and the tiny size of CI's smoke run.

A figure taken on a loaded machine is not the figure of a quiet one. Each benchmark
prints :func:`cpu_reference` (a fixed pure-Python loop, in millions of steps per second)
beside its figures, as :func:`reference_line` words it, so a reader knows the load
under which they were taken: on this project's 2-core reference machine, quiet, it
reads about the figure in ``QUIET_REFERENCE``; half of it means the benchmark shared
the cores.

CI runs every benchmark command the README shows with ``RASSEGNA_BENCH_SMOKE=1``
(``tests/test_bench_smoke.py``): each benchmark then shrinks its sizes with
:func:`tiny`, so a command that no longer starts fails CI, in seconds.
"""

from __future__ import annotations

import os
import time

__all__ = ["QUIET_REFERENCE", "cpu_reference", "reference_line", "smoke", "tiny"]

#: millions of loop steps per second of :func:`cpu_reference` on the reference
#: machine with nothing else running (the README's figures say when they differ)
QUIET_REFERENCE = 11.5


def smoke() -> bool:
    """Whether this is CI's smoke run (``RASSEGNA_BENCH_SMOKE=1``)."""
    return os.environ.get("RASSEGNA_BENCH_SMOKE") == "1"


def tiny(size: int, small: int) -> int:
    """``size``, or at most ``small`` in the smoke run."""
    return min(size, small) if smoke() else size


def cpu_reference(seconds: float = 1.0) -> float:
    """Millions of steps per second of a fixed pure-Python loop: the load of the machine.

    The loop does integer arithmetic only (no allocation, no I/O), so it measures how
    much of one core this process gets, the way our pipeline's Python code does.
    """
    steps = 0
    total = 0
    start = time.perf_counter()
    deadline = start + (0.05 if smoke() else seconds)
    while time.perf_counter() < deadline:
        for i in range(10_000):
            total += i * i % 7
        steps += 10_000
    return steps / (time.perf_counter() - start) / 1e6


def reference_line(before: float | None = None) -> str:
    """The line each benchmark prints with its figures: the CPU-loop reference, now.

    Args:
        before: the reference taken when the benchmark started, if it did; a long
            benchmark prints both, since the load may change while it runs.

    Returns:
        ``"CPU-loop reference 11.2 M steps/s (quiet machine: 11.5)"``, with
        ``"at the start 10.9, "`` inside the brackets when ``before`` is given.
    """
    start = f"at the start {before:.1f}, " if before is not None else ""
    return (f"CPU-loop reference {cpu_reference():.1f} M steps/s "
            f"({start}quiet machine: {QUIET_REFERENCE})")
