"""Syndicated copies of one press release, clustered.

Releases of one press tour share long boilerplate (the project, the list of
cities, the closing paragraph) and differ in the city's own paragraphs; a copy
keeps its release whole, trimmed, re-titled, only the lead, or rewritten around
the quote. So:

1. Each uscita is a set of hashed 5-word shingles (``dedupe.shingles``).
2. Candidate pairs come from MinHash LSH over each uscita's *rare* shingles
   (those not much more frequent than the uscita's own), so boilerplate shared
   by a whole tour does not make every pair of the tour a candidate.
3. Copies: weighted containment of the smaller uscita in the larger, each shingle
   weighing ``df ** -1.5`` (a shingle found in many uscite says little), at least
   ``STRONG``. Containment, not Jaccard, so a lead-only copy joins its release.
4. Rewrites: the frequency is counted again over the groups of step 3 instead of
   over uscite, so a release picked up by thirty outlets no longer looks like
   boilerplate, while the tour's boilerplate (in every group) weighs almost
   nothing; a pair links at weighted containment ``LINK``.
5. Chaining guards: in step 3 an uscita contained in two uscite that are not copies
   of each other (a copy that kept only the boilerplate) links to neither; in step 4
   a link must rest on ``EVIDENCE`` shingles found in no third group, so shared
   boilerplate alone, however much of it, never joins two releases.
6. Clusters are the connected components; the likely source of each is the press
   office's own uscita, else the earliest, else the most complete text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

from dedupe.minhash import candidate_pairs
from dedupe.shingles import Signature, signature

__all__ = [
    "Doc",
    "Cluster",
    "Deduper",
    "ReleaseDeduper",
    "MinHashBaseline",
    "cluster",
    "similarity",
]

#: weighted containment (document frequency) above which two uscite are copies
STRONG = 0.5
#: weighted containment (group frequency) above which two uscite carry one release
LINK = 0.25
#: shingles a link must share that no third group has (the chaining guard)
EVIDENCE = 5
#: how steeply a shingle's weight falls with its frequency
POWER = 1.5
#: same outlet, same text: the same uscita seen twice (rapidfuzz ratio, 0-100)
ALIAS_RATIO = 95.0
#: a shingle is rare for an uscita up to this multiple of its lower-quartile frequency
RARE_FACTOR = 4
#: ... and always up to this frequency
RARE_MIN_DF = 8
#: LSH bands of one row: any shared minimum makes a candidate pair, which keeps
#: small copies of long releases (low Jaccard, high containment) as candidates
NUM_PERM = 32
#: rarest repeated shingles of each uscita looked up exactly (see ``_anchor_pairs``)
ANCHORS = 8

Hashes = npt.NDArray[np.uint64]


@dataclass(frozen=True)
class Doc:
    """What dedupe needs of an uscita.

    ``signature`` may carry the stored shingle hashes, so the text is not shingled
    again; ``domain`` tells the same outlet apart and finds the press office's copy.
    """

    id: int
    text: str
    title: str = ""
    published: dt.date | None = None
    domain: str = ""
    signature: Signature | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Cluster:
    """The uscite that carry one release; ``source`` is its likely origin.

    ``scores`` maps each member to its weighted containment with the source;
    ``aliases`` maps an uscita that repeats another of the same outlet (AMP and
    canonical page, a re-crawl, an import) to the one it repeats.
    """

    id: int
    members: tuple[int, ...]
    source: int
    label: str
    scores: Mapping[int, float] = field(default_factory=dict)
    aliases: Mapping[int, int] = field(default_factory=dict)


class Deduper(Protocol):
    """A way of clustering uscite (ours, or a baseline to compare it with)."""

    def cluster(self, docs: Sequence[Doc]) -> list[Cluster]: ...


def similarity(a: set[str], b: set[str], weight: Mapping[str, float] | None = None) -> float:
    """Weighted containment of the smaller set in the larger (0-1).

    Args:
        a: one set of shingles (or any hashable features).
        b: the other.
        weight: the weight of each feature (1 when missing).

    Returns:
        The weight of the shared features over the weight of the lighter set.
    """
    if not a or not b:
        return 0.0
    w = weight or {}
    shared = sum(w.get(s, 1.0) for s in a & b)
    smaller = min(sum(w.get(s, 1.0) for s in a), sum(w.get(s, 1.0) for s in b))
    return shared / smaller if smaller else 0.0


class _Components:
    """Union-find over positions; a component's root is its smallest position."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def labels(self) -> list[int]:
        return [self.find(x) for x in range(len(self.parent))]


def _frequencies(sets: Sequence[Hashes]) -> tuple[Hashes, npt.NDArray[np.int64]]:
    """Distinct hashes over all sets, and in how many sets each is."""
    if not sets:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    values, counts = np.unique(np.concatenate(sets), return_counts=True)
    return values, counts.astype(np.int64)


def _lookup(values: Hashes, counts: npt.NDArray[np.int64], s: Hashes) -> npt.NDArray[np.int64]:
    return counts[np.searchsorted(values, s)]


def _rare(s: Hashes, df: npt.NDArray[np.int64]) -> Hashes:
    """The shingles of one uscita that are not boilerplate relative to its own."""
    if not s.size:
        return s
    cap = max(RARE_MIN_DF, RARE_FACTOR * float(np.quantile(df, 0.25)))
    return s[df <= cap]


def _anchor_pairs(
    sets: Sequence[Hashes], df: Sequence[npt.NDArray[np.int64]]
) -> set[tuple[int, int]]:
    """Pairs of uscite sharing one of the ``ANCHORS`` rarest repeated shingles of either.

    LSH over rare shingles misses an uscita that has nothing rare (a copy that kept
    only the boilerplate and its title): its rarest shingles still find its release.
    """
    chosen = []
    for s, f in zip(sets, df, strict=True):
        repeated = np.flatnonzero(f >= 2)
        if repeated.size:
            order = np.lexsort((s[repeated], f[repeated]))[:ANCHORS]
            chosen.append(s[repeated[order]])
    if not chosen:
        return set()
    anchors = np.unique(np.concatenate(chosen))
    postings: dict[int, list[int]] = {}
    for position, s in enumerate(sets):
        hits = s[np.isin(s, anchors, assume_unique=True)]
        for h in hits.tolist():
            postings.setdefault(h, []).append(position)
    return {
        (a, b)
        for posting in postings.values()
        for i, a in enumerate(posting)
        for b in posting[i + 1 :]
    }


@dataclass
class _Weighted:
    """Per uscita: shingle weights and their total, for one way of counting frequency."""

    weights: list[npt.NDArray[np.float64]]
    totals: npt.NDArray[np.float64]
    freq: list[npt.NDArray[np.int64]]

    @classmethod
    def of(cls, sets: Sequence[Hashes], freq: list[npt.NDArray[np.int64]]) -> _Weighted:
        weights = [f.astype(np.float64) ** -POWER for f in freq]
        totals = np.array([w.sum() for w in weights], dtype=np.float64)
        return cls(weights, totals, freq)

    def containment(self, a: int, b: int, ia: npt.NDArray[np.intp]) -> float:
        smaller = min(self.totals[a], self.totals[b])
        return float(self.weights[a][ia].sum() / smaller) if smaller else 0.0


class ReleaseDeduper:
    """Our dedupe: LSH candidates, weighted containment in two passes, chaining guard.

    Args:
        press_office_domains: domains of the press office; its copy is the source.
    """

    def __init__(self, press_office_domains: Collection[str] = ()) -> None:
        self.press_office_domains = frozenset(d.lower() for d in press_office_domains)

    def cluster(self, docs: Sequence[Doc]) -> list[Cluster]:
        """Group uscite that carry one release; every uscita is in exactly one cluster.

        A cluster's id is its smallest uscita id, so ids stay stable as uscite arrive.
        """
        docs = sorted(docs, key=lambda d: d.id)
        sets = [d.signature.shingles if d.signature else signature(d.text, d.title).shingles
                for d in docs]
        values, counts = _frequencies(sets)
        df = [_lookup(values, counts, s) for s in sets]
        pairs = sorted(candidate_pairs(
            [_rare(s, f) for s, f in zip(sets, df, strict=True)], NUM_PERM, bands=(NUM_PERM, 1)
        ) | _anchor_pairs(sets, df))
        shared = {(a, b): np.intersect1d(sets[a], sets[b], assume_unique=True,
                                         return_indices=True)[1:] for a, b in pairs}

        by_df = _Weighted.of(sets, df)
        strong = [
            (a, b) for (a, b), (ia, _ib) in shared.items() if by_df.containment(a, b, ia) >= STRONG
        ]
        hubs = _hubs(strong, by_df.totals)
        copies = _Components(len(docs))
        for a, b in strong:
            if a not in hubs and b not in hubs:
                copies.union(a, b)

        groups = copies.labels()
        group_sets = _group_sets(sets, groups)
        gvalues, gcounts = _frequencies(group_sets)
        by_group = _Weighted.of(sets, [_lookup(gvalues, gcounts, s) for s in sets])
        releases = _Components(len(docs))
        for (a, b), (ia, _ib) in shared.items():
            exclusive = int((by_group.freq[a][ia] <= 2).sum())
            if exclusive >= EVIDENCE and by_group.containment(a, b, ia) >= LINK:
                releases.union(a, b)

        members: dict[int, list[int]] = {}
        for position, root in enumerate(releases.labels()):
            members.setdefault(root, []).append(position)
        return [self._cluster(docs, sets, by_group, positions)
                for positions in members.values()]

    def _cluster(
        self, docs: Sequence[Doc], sets: Sequence[Hashes], weighted: _Weighted,
        positions: list[int],
    ) -> Cluster:
        source = min(positions, key=lambda p: self._source_key(docs[p]))
        scores = {}
        for p in positions:
            ia = np.intersect1d(sets[p], sets[source], assume_unique=True,
                                return_indices=True)[1]
            scores[docs[p].id] = round(weighted.containment(p, source, ia), 3)
        return Cluster(
            id=docs[positions[0]].id,
            members=tuple(docs[p].id for p in positions),
            source=docs[source].id,
            label=docs[source].title,
            scores=scores,
            aliases=_aliases([docs[p] for p in positions]),
        )

    def _is_press_office(self, doc: Doc) -> bool:
        domain = doc.domain.lower()
        return any(domain == d or domain.endswith("." + d) for d in self.press_office_domains)

    def _source_key(self, doc: Doc) -> tuple[bool, dt.date, int, int]:
        return (
            not self._is_press_office(doc),
            doc.published or dt.date.max,
            -len(doc.text),
            doc.id,
        )


def _hubs(edges: Sequence[tuple[int, int]], totals: npt.NDArray[np.float64]) -> set[int]:
    """Uscite contained in two uscite that are not copies of each other.

    A copy that kept only the tour's boilerplate is contained in every release of
    the tour; linking it would chain them all. A lead-only copy is contained only
    in copies of its own release, which are linked with each other.
    """
    linked = set(edges)
    containers: dict[int, list[int]] = {}
    for a, b in edges:
        small, large = (a, b) if totals[a] <= totals[b] else (b, a)
        containers.setdefault(small, []).append(large)
    hubs = set()
    for small, large in containers.items():
        pairs = ((x, y) for i, x in enumerate(large) for y in large[i + 1 :])
        if any((min(x, y), max(x, y)) not in linked for x, y in pairs):
            hubs.add(small)
    return hubs


def _group_sets(sets: Sequence[Hashes], groups: Sequence[int]) -> list[Hashes]:
    """The union of the shingle sets of each group's members."""
    members: dict[int, list[int]] = {}
    for position, group in enumerate(groups):
        members.setdefault(group, []).append(position)
    return [
        sets[m[0]] if len(m) == 1 else np.unique(np.concatenate([sets[p] for p in m]))
        for m in members.values()
    ]


def _aliases(docs: Sequence[Doc]) -> dict[int, int]:
    """Uscite of one outlet with the same text: each repeats the first of them (by id)."""
    aliases: dict[int, int] = {}
    by_domain: dict[str, list[Doc]] = {}
    for doc in docs:
        if doc.domain:
            by_domain.setdefault(doc.domain.lower(), []).append(doc)
    for same_outlet in by_domain.values():
        for i, doc in enumerate(same_outlet):
            for first in same_outlet[:i]:
                if first.id in aliases:
                    continue
                if fuzz.ratio(first.text, doc.text) >= ALIAS_RATIO:
                    aliases[doc.id] = first.id
                    break
    return aliases


class MinHashBaseline:
    """The plain approach: MinHash LSH at a Jaccard threshold over all shingles.

    Args:
        threshold: the Jaccard similarity of two copies.
        num_perm: permutations per sketch.
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 128) -> None:
        self.threshold = threshold
        self.num_perm = num_perm

    def cluster(self, docs: Sequence[Doc]) -> list[Cluster]:
        """Connected components of the LSH candidate pairs."""
        docs = sorted(docs, key=lambda d: d.id)
        sets = [d.signature.shingles if d.signature else signature(d.text, d.title).shingles
                for d in docs]
        components = _Components(len(docs))
        for a, b in candidate_pairs(sets, self.num_perm, threshold=self.threshold):
            components.union(a, b)
        members: dict[int, list[int]] = {}
        for position, root in enumerate(components.labels()):
            members.setdefault(root, []).append(position)
        return [
            Cluster(
                id=docs[m[0]].id,
                members=tuple(docs[p].id for p in m),
                source=docs[m[0]].id,
                label=docs[m[0]].title,
            )
            for m in members.values()
        ]


def cluster(docs: Sequence[Doc], press_office_domains: Collection[str] = ()) -> list[Cluster]:
    """Group documents that are copies of one release; every document is in one cluster.

    Args:
        docs: the uscite (their ``signature`` is used when given).
        press_office_domains: domains whose uscita is the source of its cluster.

    Returns:
        The clusters, by id; a cluster's id is its smallest document id, so ids stay
        stable as new documents arrive.
    """
    return ReleaseDeduper(press_office_domains).cluster(docs)
