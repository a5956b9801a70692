"""The document model of a rassegna stampa, and :func:`build_review` that fills it.

Uscite, their categories in the fixed order, the press releases with the share of
text each copy kept, the cover and the highlights: what every renderer reads.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields

from audience.categories import CATEGORIES
from common.text import fold
from extract.entities.records import Entities
from review.totals import Totals, compute_totals

__all__ = [
    "Broadcast", "Uscita", "Cover", "CategoryBlock", "ClusterBlock", "Review", "build_review",
    "kept_share",
]


#: characters no XML document (DOCX, XLSX, PDF's HTML) can hold: C0 controls but tab
#: and newline, which text pasted from Word keeps (a vertical tab for a line break);
#: openpyxl's ``ILLEGAL_CHARACTERS_RE``, so no renderer needs to strip them again
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _printable(record: object) -> None:
    """Drop the control characters of a record's texts, so every format can hold them."""
    for f in fields(record):  # type: ignore[arg-type]
        value = getattr(record, f.name)
        if isinstance(value, str):
            clean: object = _CONTROL.sub("", value)
        elif isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            clean = tuple(_CONTROL.sub("", v) for v in value)
        else:
            continue
        if clean != value:
            object.__setattr__(record, f.name, clean)


@dataclass(frozen=True)
class Broadcast:
    """What a review says of a TV or radio piece."""

    programme: str = ""
    edition: str = ""  # the edition's time or name: "TG delle 13", "GR 19:30"
    minute: str = ""  # where the piece starts: "12:30"
    interviewed: tuple[str, ...] = ()
    video: str = ""

    def __post_init__(self) -> None:
        _printable(self)

    def given(self) -> dict[str, str | list[str]]:
        """The details given, by name (``interviewed`` as a list): what JSON holds of them."""
        values: dict[str, str | list[str]] = {
            "programme": self.programme, "edition": self.edition, "minute": self.minute,
            "interviewed": list(self.interviewed), "video": self.video,
        }
        return {key: value for key, value in values.items() if value}


@dataclass(frozen=True)
class Uscita:
    """One appearance of the story in one outlet, as the review lists and clips it."""

    id: int
    category: str
    testata: str
    title: str
    url: str = ""
    audience: int | None = None
    published: dt.date | None = None
    author: str = ""
    subtitle: str = ""
    text: str = ""
    cluster: int | None = None
    inferred: bool = False
    broadcast: Broadcast | None = None
    city: str = ""  # the city stop the uscita is about; "" when none is named
    entities: Entities = field(default_factory=Entities)

    def __post_init__(self) -> None:
        _printable(self)


@dataclass(frozen=True)
class Cover:
    title: str
    project: str
    updated: dt.date
    lines: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _printable(self)


@dataclass(frozen=True)
class CategoryBlock:
    """A category's row in the summary table and its listing."""

    name: str
    uscite: tuple[Uscita, ...]

    @property
    def count(self) -> int:
        return len(self.uscite)

    @property
    def audience(self) -> int:
        """An outlet's figure counts once per uscita; no figure adds nothing."""
        return sum(u.audience or 0 for u in self.uscite)


@dataclass(frozen=True)
class ClusterBlock:
    """A press release and the uscite that carried it."""

    id: int
    label: str
    source: int
    uscite: tuple[Uscita, ...]
    #: uscita id -> share of the release's text the copy kept (0-1)
    kept: Mapping[int, float] = field(default_factory=dict)

    @property
    def audience(self) -> int:
        return sum(u.audience or 0 for u in self.uscite)


@dataclass(frozen=True)
class Review:
    cover: Cover
    categories: tuple[CategoryBlock, ...]  # all seven, in the fixed order, empty ones too
    highlights: tuple[str, ...] = ()
    clusters: tuple[ClusterBlock, ...] = ()
    without_audience: tuple[str, ...] = field(default=())
    totals: Totals | None = None  # per city, release, day, week (build_review fills it)
    registry_version: int | None = None  # the outlet registry version the audience comes from

    @property
    def to_confirm(self) -> tuple[tuple[str, str, int], ...]:
        """(testata, inferred category, uscite) of each outlet whose category was inferred."""
        counts: dict[tuple[str, str], int] = {}
        for u in self.uscite:
            if u.inferred:
                counts[(u.testata, u.category)] = counts.get((u.testata, u.category), 0) + 1
        return tuple((t, c, n) for (t, c), n in sorted(counts.items()))

    @property
    def uscite(self) -> tuple[Uscita, ...]:
        return tuple(u for block in self.categories for u in block.uscite)

    @property
    def count(self) -> int:
        return sum(block.count for block in self.categories)

    @property
    def audience(self) -> int:
        return sum(block.audience for block in self.categories)


def _listing_order(u: Uscita) -> tuple[dt.date, str, str]:
    return (u.published or dt.date.max, u.testata.lower(), u.title)


def build_review(
    uscite: Sequence[Uscita],
    cover: Cover,
    highlights: int = 5,
    cluster_labels: dict[int, tuple[str, int]] | None = None,
    registry_version: int | None = None,
) -> Review:
    """Arrange uscite into the review: categories in the fixed order, listings by date.

    Args:
        uscite: every uscita of the review (already filtered by period and corrections).
        cover: the cover lines, title and update date.
        highlights: how many outlets to show under "Highlight uscite".
        cluster_labels: cluster id -> (label, source uscita id) for the release view.
        registry_version: the store's registry version the audience figures come from.

    Raises:
        ValueError: when an uscita's category is not one of the seven.
    """
    unknown = {u.category for u in uscite} - set(CATEGORIES)
    if unknown:
        raise ValueError(f"unknown categories: {', '.join(sorted(unknown))}")
    blocks = tuple(
        CategoryBlock(name, tuple(sorted((u for u in uscite if u.category == name),
                                         key=_listing_order)))
        for name in CATEGORIES
    )
    return Review(
        cover=cover,
        categories=blocks,
        highlights=_highlights(uscite, highlights),
        clusters=_clusters(uscite, cluster_labels or {}),
        without_audience=tuple(sorted({u.testata for u in uscite if u.audience is None})),
        totals=compute_totals(uscite, cluster_labels),
        registry_version=registry_version,
    )


def _highlights(uscite: Sequence[Uscita], limit: int) -> tuple[str, ...]:
    """The most prominent outlets: highest audience first, then agencies and broadcasters."""
    best: dict[str, tuple[int, int]] = {}
    national = {"Agenzie": 1, "Radio, TV e canali online": 1}
    for u in uscite:
        rank = (u.audience or 0, national.get(u.category, 0))
        best[u.testata] = max(best.get(u.testata, rank), rank)
    ordered = sorted(best, key=lambda name: (-best[name][0], -best[name][1], name))
    return tuple(ordered[:limit])


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def kept_share(release: str, copy: str, size: int = 5) -> float:
    """How much of a release's text a copy kept: the share of its word 5-grams found there."""
    words = _words(release)
    grams = {tuple(words[i : i + size]) for i in range(max(len(words) - size + 1, 1))}
    if not words:
        return 0.0
    other = _words(copy)
    found = {tuple(other[i : i + size]) for i in range(max(len(other) - size + 1, 1))}
    return round(len(grams & found) / len(grams), 3)


def _clusters(
    uscite: Sequence[Uscita], labels: dict[int, tuple[str, int]]
) -> tuple[ClusterBlock, ...]:
    groups: dict[int, list[Uscita]] = {}
    for u in uscite:
        if u.cluster is not None:
            groups.setdefault(u.cluster, []).append(u)
    blocks = []
    for cid, members in groups.items():
        if len(members) < 2:
            continue
        members.sort(key=_listing_order)
        label, source = labels.get(cid, (members[0].title, members[0].id))
        reference = next((u for u in members if u.id == source), None) or max(
            members, key=lambda u: len(u.text)
        )
        kept = {u.id: kept_share(reference.text, u.text) for u in members}
        blocks.append(ClusterBlock(cid, label, source, tuple(members), kept))
    blocks.sort(key=lambda b: (-len(b.uscite), b.id))
    return tuple(blocks)
