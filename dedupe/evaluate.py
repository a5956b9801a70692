"""Scores of a clustering against the true clusters: pairwise and B-cubed.

Pairwise precision is the share of predicted same-cluster pairs that are true,
recall the share of true pairs predicted; B-cubed averages, per item, the share
of its predicted cluster that truly belongs with it (precision) and the share of
its true cluster that was put with it (recall). Wrong merges and splits are
listed so a regression can be read, not only counted.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

from dedupe.cluster import Cluster

__all__ = ["Scores", "assignment", "evaluate"]


@dataclass(frozen=True)
class Scores:
    """How a clustering compares with the truth."""

    pairwise_precision: float
    pairwise_recall: float
    bcubed_precision: float
    bcubed_recall: float
    #: pairs put together that belong apart
    merges: tuple[tuple[int, int], ...]
    #: pairs that belong together and were put apart
    splits: tuple[tuple[int, int], ...]

    @property
    def bcubed_f1(self) -> float:
        p, r = self.bcubed_precision, self.bcubed_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def pairwise_f1(self) -> float:
        p, r = self.pairwise_precision, self.pairwise_recall
        return 2 * p * r / (p + r) if p + r else 0.0


def assignment(clusters: Iterable[Cluster]) -> dict[int, int]:
    """Each document id mapped to the id of its cluster."""
    return {member: c.id for c in clusters for member in c.members}


def _groups(labels: Mapping[int, Hashable]) -> dict[Hashable, set[int]]:
    groups: dict[Hashable, set[int]] = {}
    for item, label in labels.items():
        groups.setdefault(label, set()).add(item)
    return groups


def _pairs(labels: Mapping[int, Hashable]) -> set[tuple[int, int]]:
    return {
        pair for members in _groups(labels).values() for pair in combinations(sorted(members), 2)
    }


def evaluate(predicted: Mapping[int, Hashable], truth: Mapping[int, Hashable]) -> Scores:
    """Compare a predicted clustering with the true one over the same items.

    Args:
        predicted: item id -> predicted cluster.
        truth: item id -> true cluster (same ids as ``predicted``).

    Returns:
        Pairwise and B-cubed precision and recall, and the wrong pairs.

    Raises:
        ValueError: when the two clusterings do not cover the same items.
    """
    if set(predicted) != set(truth):
        raise ValueError("predicted and true clusterings cover different items")
    pred_pairs, true_pairs = _pairs(predicted), _pairs(truth)
    good = pred_pairs & true_pairs
    pred_groups, true_groups = _groups(predicted), _groups(truth)
    precision = recall = 0.0
    for item in predicted:
        mine = pred_groups[predicted[item]]
        right = true_groups[truth[item]]
        overlap = len(mine & right)
        precision += overlap / len(mine)
        recall += overlap / len(right)
    n = len(predicted) or 1
    return Scores(
        pairwise_precision=len(good) / len(pred_pairs) if pred_pairs else 1.0,
        pairwise_recall=len(good) / len(true_pairs) if true_pairs else 1.0,
        bcubed_precision=precision / n,
        bcubed_recall=recall / n,
        merges=tuple(sorted(pred_pairs - true_pairs)),
        splits=tuple(sorted(true_pairs - pred_pairs)),
    )
