"""MinHash sketches of shingle sets and LSH candidate pairs, with datasketch.

The sketches are computed with numpy from the shingle hashes (one matrix
operation per document, instead of one Python call per shingle) using the
permutations of a datasketch ``MinHash`` with the 64-bit affine scheme, and
wrapped in ``LeanMinHash`` so datasketch's ``MinHashLSH`` indexes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from datasketch import LeanMinHash

# datasketch is imported where it is used: importing it imports scipy (0.7 s of CPU),
# and every command imports this package, most of them to cluster nothing

__all__ = ["SEED", "sketch", "candidate_pairs"]

SEED = 1
_SCHEME = "affine64"


@cache
def _permutations(num_perm: int) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    from datasketch import MinHash

    a, b = MinHash(num_perm=num_perm, seed=SEED, scheme=_SCHEME).permutations
    return a.astype(np.uint64), b.astype(np.uint64)


def sketch(hashes: npt.NDArray[np.uint64], num_perm: int) -> LeanMinHash:
    """The MinHash of a set of 64-bit hashes (``a * h + b mod 2**64``, minimum per permutation).

    Args:
        hashes: the set, as distinct 64-bit hashes (it must not be empty).
        num_perm: how many permutations.

    Returns:
        A ``LeanMinHash`` comparable with every other sketch made here.
    """
    from datasketch import LeanMinHash

    a, b = _permutations(num_perm)
    with np.errstate(over="ignore"):
        values = (hashes[:, None] * a + b).min(axis=0)
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=_SCHEME)


def _chunks(sets: Sequence[npt.NDArray[np.uint64]], size: int) -> Iterator[range]:
    for start in range(0, len(sets), size):
        yield range(start, min(start + size, len(sets)))


def candidate_pairs(
    sets: Sequence[npt.NDArray[np.uint64]],
    num_perm: int,
    *,
    threshold: float | None = None,
    bands: tuple[int, int] | None = None,
) -> set[tuple[int, int]]:
    """Pairs of positions in ``sets`` whose sketches collide in at least one LSH band.

    Args:
        sets: one hash set per document; empty sets take part in no pair.
        num_perm: permutations per sketch.
        threshold: the Jaccard similarity the index is tuned for (datasketch's optimiser).
        bands: ``(b, r)``: b bands of r rows, instead of a threshold.

    Returns:
        ``(i, j)`` with ``i < j``.
    """
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold or 0.5, num_perm=num_perm, params=bands)
    for positions in _chunks(sets, 10_000):
        with lsh.insertion_session() as session:
            for i in positions:
                if sets[i].size:
                    session.insert(i, sketch(sets[i], num_perm), check_duplication=False)
    # every key sharing a bucket with another is a candidate: what querying each
    # sketch back would return, in one walk over the buckets instead of one per key
    pairs: set[tuple[int, int]] = set()
    for table in lsh.hashtables:
        for bucket, count in table.itemcounts().items():
            if count > 1:
                keys = sorted(_as_ints(table.get(bucket)))
                pairs.update(
                    (a, b) for n, a in enumerate(keys) for b in keys[n + 1 :]
                )
    return pairs


def _as_ints(keys: Iterable[object]) -> Iterator[int]:
    for key in keys:
        yield int(key)  # type: ignore[call-overload]
