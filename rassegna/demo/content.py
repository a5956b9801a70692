"""The content of the demo news web, read from the data files under ``data/``.

* ``outlets.csv`` (the demo's outlet registry, also read by the pipeline): each
  outlet's name, category, audience figure and note;
* ``outlets.toml``: how each outlet's site is laid out (host names, page layout,
  article path, sections, feed and sitemap kind), and the reserved-area page;
* ``releases.toml``: the campaign term, its spellings and the press releases;
* ``articles/<outlet>.toml``: each outlet's articles; a copy of a release names the
  release and how the outlet edited it, the others carry their own text.

The comments at the top of each file say what its keys mean. Everything in them is
invented for the demo: the outlets, their audience figures, the people, the quotes
and the figures. Only the subject is real: LgNet2 is an ANCI project on the
governance of migrant-inclusion services in 16 Italian cities, and the demo imagines
the local coverage of its press tour.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from rassegna.demo import DATA_DIR
from rassegna.demo.model import DemoArticle, DemoOutlet, DemoRelease

__all__ = [
    "ARTICLES",
    "COPY_KINDS",
    "DATA_DIR",
    "OUTLETS",
    "RELEASES",
    "RESERVED",
    "TERM",
    "TERM_SPELLINGS",
    "load",
    "local_time",
]

_CEST = timezone(timedelta(hours=2))
_CET = timezone(timedelta(hours=1))
_DST_END = datetime(2023, 10, 29, 3, 0)
#: the ways a release copy can be edited (see the head of any ``articles/*.toml``)
COPY_KINDS = ("verbatim", "new_title", "drop_last", "lead_only", "reworded_first")


def local_time(naive: datetime) -> datetime:
    """A TOML local date-time as an aware datetime in Italian time (autumn 2023)."""
    return naive.replace(tzinfo=_CEST if naive < _DST_END else _CET)


def _paragraphs(text: str) -> tuple[str, ...]:
    """A ``text`` value: blank lines part paragraphs, a paragraph's lines join with a space."""
    blocks = text.strip().split("\n\n")
    return tuple(" ".join(line.strip() for line in block.splitlines()) for block in blocks)


def _toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _outlets(data: Path) -> tuple[DemoOutlet, ...]:
    """The outlets of ``outlets.toml``, with their registry facts from ``outlets.csv``.

    An outlet the registry does not know (``registered = false``) names its testata,
    category and note in ``outlets.toml`` itself, and has no audience figure.
    """
    with (data / "outlets.csv").open(encoding="utf-8", newline="") as handle:
        registry = {row["domini"]: row for row in csv.DictReader(handle)}
    outlets = []
    for entry in _toml(data / "outlets.toml")["outlet"]:
        hosts = (entry["host"], *entry.get("aliases", ()))
        domains = ";".join(h.removeprefix("www.") for h in hosts)
        registered = entry.get("registered", True)
        known = registry.get(domains)
        if registered == (known is None):
            raise ValueError(f"outlets.csv {'has no' if registered else 'has a'} row with "
                             f"domini {domains!r}, and outlets.toml says registered = "
                             f"{str(registered).lower()}")
        row = known or {"testata": entry["testata"], "categoria": entry["category"],
                        "audience": "", "fonte": "", "rilevazione": "", "note": entry["note"]}
        outlets.append(
            DemoOutlet(
                host=entry["host"],
                testata=row["testata"],
                category=row["categoria"],
                audience=int(row["audience"]) if row["audience"] else None,
                audience_source=row["fonte"],
                survey=row["rilevazione"],
                template=entry["template"],
                sections=tuple((key, label) for key, label in entry["sections"]),
                feed_kind=entry.get("feed", "rss"),
                sitemap_index=entry.get("sitemap_index", False),
                news_sitemap=entry.get("news_sitemap", False),
                aliases=tuple(entry.get("aliases", ())),
                note=row["note"],
                article_path=entry["article_path"],
                listed=entry.get("listed", True),
                registered=registered,
            )
        )
    return tuple(outlets)


def _reserved(data: Path) -> tuple[str, tuple[str, ...]]:
    """The title and paragraphs of the reserved-area page (``[reserved]`` of outlets.toml)."""
    reserved = _toml(data / "outlets.toml")["reserved"]
    return reserved["title"], _paragraphs(reserved["text"])


def _releases(data: dict[str, Any]) -> dict[str, DemoRelease]:
    boilerplate = _paragraphs(data["boilerplate"])
    return {
        entry["key"]: DemoRelease(
            key=entry["key"],
            city=entry["city"],
            title=entry["title"],
            published=local_time(entry["published"]),
            paragraphs=_paragraphs(entry["text"]) + boilerplate,
            speaker=entry["speaker"],
        )
        for entry in data["release"]
    }


def _copy_text(
    release: DemoRelease, kind: str, entry: Mapping[str, Any]
) -> tuple[str, tuple[str, ...]]:
    """The title and paragraphs of a release as an outlet edited it (before respelling)."""
    paragraphs = list(release.paragraphs)
    if kind not in COPY_KINDS:
        raise ValueError(f"unknown copy kind {kind!r}")
    if kind == "new_title" and "title" not in entry:
        raise ValueError("a new_title copy needs a title")
    if kind == "reworded_first" and "first_sentence" not in entry:
        raise ValueError("a reworded_first copy needs a first_sentence")
    if kind != "new_title" and "title" in entry:
        raise ValueError(f"a {kind} copy keeps the release's title")
    if kind == "drop_last":
        paragraphs = paragraphs[:-1]
    elif kind == "lead_only":
        paragraphs = paragraphs[:1]
    elif kind == "reworded_first":
        _, rest = paragraphs[0].split(". ", 1)
        paragraphs[0] = f"{entry['first_sentence']} {rest}"
    return entry.get("title", release.title), tuple(paragraphs)


def _article(
    outlet: DemoOutlet, entry: Mapping[str, Any], releases: Mapping[str, DemoRelease], term: str
) -> DemoArticle:
    published = local_time(entry["published"])
    path = outlet.article_path.format(
        section=entry["section"], slug=entry["slug"], published=published
    )
    common = {
        "outlet": outlet.host,
        "path": path,
        "section": entry["section"],
        "published": published,
        "subtitle": entry.get("subtitle"),
        "author": entry.get("author"),
    }
    if "release" in entry:
        kind = entry["copy"]
        spelling = entry.get("term_spelling", term)
        title, paragraphs = _copy_text(releases[entry["release"]], kind, entry)
        return DemoArticle(
            **common,
            title=title.replace(term, spelling),
            paragraphs=tuple(p.replace(term, spelling) for p in paragraphs),
            about_campaign=True,
            release=entry["release"],
            copy_kind=kind,
            term_spelling=spelling,
        )
    modified = entry.get("modified")
    return DemoArticle(
        **common,
        title=entry["title"],
        paragraphs=_paragraphs(entry["text"]),
        about_campaign=entry.get("about_campaign", False),
        term_spelling=entry.get("term_spelling"),
        is_trap=entry.get("is_trap", False),
        modified=local_time(modified) if modified else None,
    )


def load(
    data: Path = DATA_DIR,
) -> tuple[
    tuple[DemoOutlet, ...], dict[str, DemoRelease], tuple[DemoArticle, ...], str, tuple[str, ...]
]:
    """Read the demo web's content from ``data``.

    Returns:
        The outlets, the releases by key, every article (by outlet host, then oldest
        first), the campaign term and its spellings.
    """
    outlets = _outlets(data)
    by_host = {o.host: o for o in outlets}
    campaign = _toml(data / "releases.toml")
    term: str = campaign["term"]
    releases = _releases(campaign)
    articles = []
    for path in sorted((data / "articles").glob("*.toml")):
        file = _toml(path)
        outlet = by_host[file["outlet"]]
        articles += [_article(outlet, entry, releases, term) for entry in file["article"]]
    ordered = tuple(sorted(articles, key=lambda a: (a.outlet, a.published)))
    return outlets, releases, ordered, term, tuple(campaign["spellings"])


OUTLETS, RELEASES, ARTICLES, TERM, TERM_SPELLINGS = load()
#: the title and paragraphs of the reserved-area page every outlet serves at /riservato/
RESERVED: tuple[str, tuple[str, ...]] = _reserved(DATA_DIR)
