"""Syndicated copies of one press release, clustered.

Releases of one press tour share long boilerplate (the project, the list of
cities, the closing paragraph) and differ in the city's own paragraphs; a copy
keeps its release whole, trimmed, re-titled, only the lead, or rewritten around
the quote. So:

1. Each uscita is a set of hashed 5-word shingles (``dedupe.shingles``).
2. Candidate pairs come from MinHash LSH over each uscita's *rare* shingles
   (those not much more frequent than the uscita's own), so boilerplate shared
   by a whole tour does not make every pair of the tour a candidate.
3. Copies: weighted containment of one uscita in the other, each shingle weighing
   ``max(df, base) ** -1.5`` (a shingle found in many uscite says little; ``base``,
   the uscita's own lower-quartile frequency, keeps a new title or an edit from
   outweighing its text), at least ``STRONG``. Containment, not Jaccard, so a
   lead-only copy joins its release.
4. Rewrites: the frequency is counted again over the groups of step 3 instead of
   over uscite, so a release picked up by thirty outlets no longer looks like
   boilerplate, while the tour's boilerplate (in every group) weighs almost
   nothing; a pair links at weighted containment ``LINK``.
5. Chaining guards: in step 3 an uscita contained in two uscite that are not copies
   of each other (a copy that kept only the boilerplate: a "hub") links to neither; in
   step 4 a link must rest on ``EVIDENCE`` shingles found in no third group, so shared
   boilerplate alone, however much of it, never joins two releases; two hubs are
   never linked to each other (what they share is the tour's); and a group of step 3
   contained in two groups that are not linked (one boilerplate text under two
   titles) joins neither.
6. Clusters are the connected components; the likely source of each is the press
   office's own uscita, else the earliest, else the most complete text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from dedupe.minhash import candidate_pairs
from dedupe.pages import is_light_page, page_key, same_outlet, title_key
from dedupe.shingles import Signature, signature

__all__ = [
    "Text",
    "Cluster",
    "Deduper",
    "ReleaseDeduper",
    "MinHashBaseline",
    "cluster",
]

#: weighted containment (document frequency) above which two uscite are copies
STRONG = 0.5
#: weighted containment (group frequency) above which two uscite carry one release
LINK = 0.25
#: shingles a link must share that no third group has (the chaining guard)
EVIDENCE = 5
#: how steeply a shingle's weight falls with its frequency
POWER = 1.5
#: a shingle is rare for an uscita up to this multiple of its lower-quartile frequency
RARE_FACTOR = 4
#: ... and always up to this frequency
RARE_MIN_DF = 8
#: LSH bands of one row: any shared minimum makes a candidate pair, which keeps
#: small copies of long releases (low Jaccard, high containment) as candidates
NUM_PERM = 16
#: rarest repeated shingles of each uscita looked up exactly (see ``_anchor_pairs``)
ANCHORS = 8
#: ... unless that many uscite have them (a common phrase, not a copy)
ANCHOR_MAX_DF = 200

Hashes = npt.NDArray[np.uint64]


@dataclass(frozen=True)
class Text:
    """What dedupe needs of an uscita.

    ``signature`` may carry the stored shingle hashes, so the text is not shingled
    again; ``domain`` tells the same outlet apart and finds the press office's copy;
    ``url`` (an http URL, or "" for an uscita imported without one) and ``outlet``
    (the name it goes by) tell the same page seen twice (see ``dedupe.pages``).
    """

    id: int
    text: str
    title: str = ""
    published: dt.date | None = None
    domain: str = ""
    signature: Signature | None = field(default=None, compare=False, repr=False)
    url: str = ""
    outlet: str = ""


@dataclass(frozen=True)
class Cluster:
    """The uscite that carry one release; ``source`` is its likely origin.

    ``scores`` maps each member to its weighted containment with the source;
    ``aliases`` maps a member that is another uscita's page seen again (its AMP or
    mobile page, a re-crawl, an import without URL) to that uscita, which may sit in
    another cluster when the texts differ.
    """

    id: int
    members: tuple[int, ...]
    source: int
    label: str
    scores: Mapping[int, float] = field(default_factory=dict)
    aliases: Mapping[int, int] = field(default_factory=dict)


class Deduper(Protocol):
    """A way of clustering uscite (ours, or a baseline to compare it with)."""

    def cluster(self, docs: Sequence[Text]) -> list[Cluster]: ...


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


def _runs(values: npt.NDArray[np.integer[Any]]) -> npt.NDArray[np.intp]:
    """Start of each run of equal values in a sorted array."""
    if not values.size:
        return np.zeros(0, dtype=np.intp)
    return np.flatnonzero(np.r_[True, values[1:] != values[:-1]])


class _Flat:
    """All shingle sets end to end, as ids of repeated shingles with their document.

    A shingle found in one document only (most of them) can be shared with no other:
    it is kept only as a count per document (``singles``), which is all the weights
    need. Frequencies, weights and totals are computed for all elements at once with
    numpy instead of one lookup per document.
    """

    def __init__(self, sets: list[Hashes]) -> None:
        count = len(sets)
        sizes = np.fromiter((s.size for s in sets), dtype=np.int64, count=count)
        flat = np.concatenate(sets) if sets else np.zeros(0, dtype=np.uint64)
        sets.clear()  # the caller's list: only the flat copy is needed from here on
        doc_of = np.repeat(np.arange(count, dtype=np.int32), sizes)
        ordered = np.sort(flat)
        starts = _runs(ordered)
        counts = np.diff(np.r_[starts, ordered.size])
        repeated = counts >= 2
        values, self.df_of = ordered[starts][repeated], counts[repeated].astype(np.int32)
        del ordered, starts, counts, repeated
        at = np.searchsorted(values, flat)
        keep = np.zeros(flat.size, dtype=bool)
        inside = at < values.size
        keep[inside] = values[at[inside]] == flat[inside]
        # ids follow the order of the hashes, so each document's ids are sorted
        self.uid = at[keep].astype(np.int32)
        self.hashes = flat[keep]
        self.doc_of = doc_of[keep]
        self.singles = np.bincount(doc_of[~keep], minlength=count).astype(np.int64)
        self.sizes = sizes
        self.offsets = np.zeros(count + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.doc_of, minlength=count), out=self.offsets[1:])
        self.distinct = int(values.size)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def doc(self, position: int) -> slice:
        return slice(int(self.offsets[position]), int(self.offsets[position + 1]))

    def drop_hashes(self) -> None:
        """Free the 64-bit hashes once candidates are found; the ids are enough after."""
        self.hashes = np.zeros(0, dtype=np.uint64)

    def frequency(self, groups: npt.NDArray[np.int64] | None = None) -> npt.NDArray[np.int32]:
        """Per element: in how many documents (or groups of documents) its shingle is."""
        if groups is None:
            return self.df_of[self.uid]
        width = int(groups.max()) + 1 if groups.size else 1
        keys = self.uid.astype(np.int64) * width + groups[self.doc_of]
        keys.sort()
        counts = np.bincount(keys[_runs(keys)] // width, minlength=self.distinct)
        del keys
        return counts.astype(np.int32)[self.uid]

    def lower_quartile(self, values: npt.NDArray[np.int32]) -> npt.NDArray[np.float64]:
        """Per document: the lower quartile of ``values`` over all its shingles.

        The shingles found in this document only count with value 1.
        """
        result = np.ones(len(self), dtype=np.float64)
        for position in range(len(self)):
            k = (int(self.sizes[position]) - 1) // 4 - int(self.singles[position])
            if k >= 0:
                result[position] = float(np.partition(values[self.doc(position)], k)[k])
        return result


class _Weighted:
    """Per element, a shingle's weight in its document, and each document's total.

    A shingle weighs ``max(freq, base) ** -POWER``, where ``base`` is the document's own
    lower-quartile frequency: boilerplate (far more frequent than the document's own
    text) weighs little, while what is only in this document (a new title, an edit, a
    banner) weighs no more than its ordinary text.
    """

    def __init__(self, flat: _Flat, freq: npt.NDArray[np.int32]) -> None:
        self.flat = flat
        self.freq = freq
        base = flat.lower_quartile(freq)
        self.weights = (np.maximum(freq, base[flat.doc_of]) ** -POWER).astype(np.float32)
        self.totals: npt.NDArray[np.float64] = np.bincount(
            flat.doc_of, weights=self.weights, minlength=len(flat)
        ).astype(np.float64) + flat.singles * np.maximum(1.0, base) ** -POWER

    def shared(self, a: int, b: int) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
        """Element indices (into the flat arrays) of the shingles a and b share."""
        sa, sb = self.flat.doc(a), self.flat.doc(b)
        ha, hb = self.flat.uid[sa], self.flat.uid[sb]
        if not ha.size or not hb.size:
            empty = np.zeros(0, dtype=np.intp)
            return empty, empty
        # both sorted and distinct: a binary search beats intersect1d's sort
        at = np.minimum(np.searchsorted(hb, ha), hb.size - 1)
        found = np.flatnonzero(hb[at] == ha)
        return found + sa.start, at[found] + sb.start

    def containment(self, a: int, b: int, ia: npt.NDArray[np.intp],
                    ib: npt.NDArray[np.intp]) -> tuple[float, float]:
        """How much of a is in b, and of b in a (0-1 each)."""
        in_b = self.weights[ia].sum() / self.totals[a] if self.totals[a] else 0.0
        in_a = self.weights[ib].sum() / self.totals[b] if self.totals[b] else 0.0
        return float(in_b), float(in_a)


def _rare_sets(flat: _Flat, df: npt.NDArray[np.int32]) -> list[Hashes]:
    """Per document, the shingles that are not boilerplate relative to its own text."""
    cap = np.maximum(RARE_MIN_DF, RARE_FACTOR * flat.lower_quartile(df))
    keep = df <= cap[flat.doc_of]
    return [flat.hashes[flat.doc(p)][keep[flat.doc(p)]] for p in range(len(flat))]


def _anchor_pairs(flat: _Flat, df: npt.NDArray[np.int32]) -> set[tuple[int, int]]:
    """Pairs of a document and each document having one of its ``ANCHORS`` rarest shingles.

    LSH over rare shingles misses a document that has nothing rare (a copy that kept
    only the boilerplate and its title): its rarest shingles still find its release.
    Only documents that are mostly text found elsewhere take part.
    Shingles in more than ``ANCHOR_MAX_DF`` documents (common phrases) are no anchors.
    """
    anchor = np.zeros(flat.distinct, dtype=bool)
    chosen: list[tuple[int, npt.NDArray[np.int32]]] = []
    for position in range(len(flat)):
        span = flat.doc(position)
        if 2 * flat.singles[position] > flat.sizes[position]:
            continue  # mostly its own text: LSH over that text finds its copies
        f = df[span]
        candidates = np.flatnonzero(f <= ANCHOR_MAX_DF)
        if candidates.size:
            order = np.lexsort((flat.uid[span][candidates], f[candidates]))[:ANCHORS]
            uids = flat.uid[span][candidates[order]]
            anchor[uids] = True
            chosen.append((position, uids))
    if not chosen:
        return set()  # no document is mostly repeated text (no shingle repeats, or few do)
    hits = np.flatnonzero(anchor[flat.uid])
    order = np.argsort(flat.uid[hits], kind="stable")
    uids, docs = flat.uid[hits][order], flat.doc_of[hits][order]
    starts = _runs(uids)
    postings = dict(zip(uids[starts].tolist(), np.split(docs, starts[1:]), strict=True))
    pairs: set[tuple[int, int]] = set()
    for position, mine in chosen:
        for uid in mine.tolist():
            pairs.update(
                (min(position, other), max(position, other))
                for other in postings[uid].tolist()
                if other != position
            )
    return pairs


class ReleaseDeduper:
    """Our dedupe: LSH candidates, weighted containment in two passes, chaining guard.

    Args:
        press_office_domains: domains of the press office; its copy is the source.
    """

    def __init__(self, press_office_domains: Collection[str] = ()) -> None:
        self.press_office_domains = frozenset(d.lower() for d in press_office_domains)

    def cluster(self, docs: Sequence[Text]) -> list[Cluster]:
        """Group uscite that carry one release; every uscita is in exactly one cluster.

        A cluster's id is its smallest uscita id, so ids stay stable as uscite arrive.
        """
        docs = sorted(docs, key=lambda d: d.id)
        flat = _Flat([
            d.signature.shingles if d.signature else signature(d.text, d.title).shingles
            for d in docs
        ])
        df = flat.frequency()
        pairs = sorted(
            candidate_pairs(_rare_sets(flat, df), NUM_PERM, bands=(NUM_PERM, 1))
            | _anchor_pairs(flat, df)
        )
        flat.drop_hashes()

        by_df = _Weighted(flat, df)
        strong = []
        for a, b in pairs:
            ia, ib = by_df.shared(a, b)
            in_b, in_a = by_df.containment(a, b, ia, ib)
            if max(in_a, in_b) >= STRONG:
                strong.append((a, b) if in_b >= in_a else (b, a))
                if min(in_a, in_b) >= STRONG:
                    strong.append((b, a) if in_b >= in_a else (a, b))  # each contains the other
        hubs = _hubs(strong)
        copies = _Components(len(docs))
        for a, b in strong:
            if a not in hubs and b not in hubs:
                copies.union(a, b)

        del by_df
        group = copies.labels()
        by_group = _Weighted(flat, flat.frequency(np.array(group, dtype=np.int64)))
        links = []
        for a, b in pairs:
            if a in hubs and b in hubs:
                continue  # two copies of boilerplate share only the tour's text
            ia, ib = by_group.shared(a, b)
            exclusive = int((by_group.freq[ia] <= 2).sum())
            in_b, in_a = by_group.containment(a, b, ia, ib)
            if exclusive >= EVIDENCE and max(in_a, in_b) >= LINK:
                links.append((a, b) if in_b >= in_a else (b, a))
        # the same guard between groups: a group contained in two groups that are not
        # linked to each other (copies of boilerplate under two titles) joins neither
        bridges = _hubs([(group[a], group[b]) for a, b in links if group[a] != group[b]])
        releases = _Components(len(docs))
        for a, b in links:
            if group[a] not in bridges and group[b] not in bridges:
                releases.union(a, b)

        members: dict[int, list[int]] = {}
        for position, root in enumerate(releases.labels()):
            members.setdefault(root, []).append(position)
        aliases = _aliases(docs)
        return [
            self._cluster(docs, by_group, positions, aliases) for positions in members.values()
        ]

    def _cluster(self, docs: Sequence[Text], weighted: _Weighted, positions: list[int],
                 aliases: Mapping[int, int]) -> Cluster:
        source = min(positions, key=lambda p: self._source_key(docs[p]))
        scores = {}
        for p in positions:
            score = max(weighted.containment(p, source, *weighted.shared(p, source)))
            scores[docs[p].id] = round(score, 3)
        return Cluster(
            id=docs[positions[0]].id,
            members=tuple(docs[p].id for p in positions),
            source=docs[source].id,
            label=docs[source].title,
            scores=scores,
            aliases={docs[p].id: aliases[docs[p].id] for p in positions if docs[p].id in aliases},
        )

    def _is_press_office(self, doc: Text) -> bool:
        domain = doc.domain.lower()
        return any(domain == d or domain.endswith("." + d) for d in self.press_office_domains)

    def _source_key(self, doc: Text) -> tuple[bool, dt.date, int, int]:
        return (
            not self._is_press_office(doc),
            doc.published or dt.date.max,
            -len(doc.text),
            doc.id,
        )


def _hubs(edges: Sequence[tuple[int, int]]) -> set[int]:
    """Uscite contained in two uscite that are not copies of each other.

    A copy that kept only the tour's boilerplate is contained in every release of
    the tour; linking it would chain them all. A lead-only copy is contained only
    in copies of its own release, which are linked with each other.
    """
    linked = {(min(a, b), max(a, b)) for a, b in edges}
    containers: dict[int, set[int]] = {}
    for small, large in edges:
        if small != large:
            containers.setdefault(small, set()).add(large)
    hubs = set()
    for contained, larger in containers.items():
        ordered = sorted(larger)
        pairs = ((x, y) for i, x in enumerate(ordered) for y in ordered[i + 1 :])
        if any((min(x, y), max(x, y)) not in linked for x, y in pairs):
            hubs.add(contained)
    return hubs


def _aliases(docs: Sequence[Text]) -> dict[int, int]:
    """Uscite that are another's page seen again, each mapped to the uscita counted.

    Pages are the same when their URLs have one ``page_key`` and their outlets agree
    (a social post linking the article's mobile page is the post's own uscita); an
    uscita without URL is a page of its outlet with the same title on the same day.
    Two uscite without URL are never merged here: the import keys them already.
    The uscita counted is the article's own page (not its AMP or mobile page), on
    https, the first stored; an uscita without URL comes last.
    """
    aliases: dict[int, int] = {}
    by_page: dict[str, list[Text]] = {}
    by_title: dict[tuple[str, dt.date], list[Text]] = {}
    keyed = sorted(((page_key(d.url), d) for d in docs), key=lambda kd: _counted_first(*kd))
    for key, doc in keyed:
        dated = (title_key(doc.title), doc.published) if doc.published else None
        if key:
            first = _same_outlet_in(doc, by_page.get(key, ()))
            if first is None:
                by_page.setdefault(key, []).append(doc)
                if dated and dated[0]:
                    by_title.setdefault(dated, []).append(doc)
        else:
            first = _same_outlet_in(doc, by_title.get(dated, ())) if dated else None
        if first is not None:
            aliases[doc.id] = first.id
    return aliases


def _counted_first(key: str, doc: Text) -> tuple[bool, bool, bool, int]:
    """Of one page seen twice, the uscita counted sorts first."""
    return (not key, is_light_page(doc.url), not doc.url.startswith("https:"), doc.id)


def _same_outlet_in(doc: Text, counted: Sequence[Text]) -> Text | None:
    """The first uscita counted that is of the outlet of ``doc``, if any."""
    return next(
        (c for c in counted if same_outlet(doc.outlet, doc.domain, c.outlet, c.domain)), None
    )


class MinHashBaseline:
    """The plain approach: MinHash LSH at a Jaccard threshold over all shingles.

    Args:
        threshold: the Jaccard similarity of two copies.
        num_perm: permutations per sketch.
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 128) -> None:
        self.threshold = threshold
        self.num_perm = num_perm

    def cluster(self, docs: Sequence[Text]) -> list[Cluster]:
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


def cluster(docs: Sequence[Text], press_office_domains: Collection[str] = ()) -> list[Cluster]:
    """Group documents that are copies of one release; every document is in one cluster.

    Args:
        docs: the uscite (their ``signature`` is used when given).
        press_office_domains: domains whose uscita is the source of its cluster.

    Returns:
        The clusters, by id; a cluster's id is its smallest document id, so ids stay
        stable as new documents arrive.
    """
    return ReleaseDeduper(press_office_domains).cluster(docs)
