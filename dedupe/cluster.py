"""Syndicated copies of one press release, clustered.

Copies of one release keep most of its text; releases of one press tour share
boilerplate (the project's description) and differ in their own paragraphs. So
a pair is scored on word shingles weighted by rarity (a shingle found in many
documents says little) and by containment (a copy that kept only the lead is
contained in its release), then verified with rapidfuzz on the texts.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from rapidfuzz import fuzz

from crawler.terms import fold

__all__ = ["Doc", "Cluster", "cluster", "similarity"]

SHINGLE = 5
#: weighted containment above which two texts are copies of one release
CONTAINMENT = 0.5
#: rapidfuzz token-set ratio the pair must also reach (0-100)
VERIFY = 70.0


@dataclass(frozen=True)
class Doc:
    """What dedupe needs of an uscita."""

    id: int
    text: str
    title: str = ""
    published: dt.date | None = None


@dataclass(frozen=True)
class Cluster:
    """The uscite that carry one release; ``source`` is its likely origin."""

    id: int
    members: tuple[int, ...]
    source: int
    label: str
    scores: Mapping[int, float] = field(default_factory=dict)


def _shingles(text: str) -> set[str]:
    words = re.findall(r"\w+", fold(text))
    if len(words) <= SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def similarity(
    a: set[str], b: set[str], weight: Mapping[str, float] | None = None
) -> float:
    """Weighted containment of the smaller shingle set in the larger (0-1)."""
    if not a or not b:
        return 0.0
    w = weight or {}
    shared = sum(w.get(s, 1.0) for s in a & b)
    smaller = min(sum(w.get(s, 1.0) for s in a), sum(w.get(s, 1.0) for s in b))
    return shared / smaller if smaller else 0.0


def cluster(docs: Sequence[Doc]) -> list[Cluster]:
    """Group documents that are copies of one another; every document is in one cluster.

    A cluster's id is the smallest document id in it, so ids stay stable as new
    documents arrive.
    """
    shingles = {d.id: _shingles(d.text) for d in docs}
    df = Counter(s for sh in shingles.values() for s in sh)
    n = max(len(docs), 2)
    weight = {s: math.log(n / c) + 0.05 for s, c in df.items()}
    parent = {d.id: d.id for d in docs}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_id = {d.id: d for d in docs}
    for a, b in combinations(sorted(by_id), 2):
        if find(a) == find(b):
            continue
        if similarity(shingles[a], shingles[b], weight) < CONTAINMENT:
            continue
        if fuzz.token_set_ratio(by_id[a].text, by_id[b].text) < VERIFY:
            continue
        parent[max(find(a), find(b))] = min(find(a), find(b))

    groups: dict[int, list[int]] = {}
    for doc_id in sorted(by_id):
        groups.setdefault(find(doc_id), []).append(doc_id)
    result = []
    for members in groups.values():
        source = _source([by_id[m] for m in members])
        scores = {
            m: round(similarity(shingles[m], shingles[source.id], weight), 3) for m in members
        }
        result.append(
            Cluster(
                id=min(members),
                members=tuple(members),
                source=source.id,
                label=source.title,
                scores=scores,
            )
        )
    return sorted(result, key=lambda c: c.id)


def _source(members: Sequence[Doc]) -> Doc:
    """The likely origin: the earliest published, then the most complete text."""
    return min(
        members,
        key=lambda d: (d.published or dt.date.max, -len(d.text), d.id),
    )
