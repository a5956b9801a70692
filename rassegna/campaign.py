"""The campaign file: what is monitored, where, when, and how the review looks.

A campaign is configuration, not code. It is a TOML file (see ``rassegna init``
for a commented example); relative paths in it are resolved against the folder
of the file, so a campaign folder can be moved as a whole. Its ``[sources]`` table
is read by the source kinds registered in :mod:`crawler.sources`, one key each, into
one tuple of source objects.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from common.dates import parse_day
from common.errors import ConfigError
from common.text import fold
from crawler.sources import SOURCE_KINDS, Source
from crawler.sources.url_lists import read_url_list

__all__ = [
    "Campaign", "Term", "CrawlSettings", "load_campaign", "read_url_list", "EXAMPLE",
    "EXAMPLE_REGISTRY",
]


@dataclass(frozen=True)
class Term:
    """A search term and the other ways outlets write it."""

    term: str
    variants: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.variants)


@dataclass(frozen=True)
class CrawlSettings:
    concurrency_per_domain: int = 4
    download_delay: float = 0.0
    timeout: float = 30.0
    max_listing_pages: int = 20
    max_pages_per_domain: int = 5000
    max_page_mb: int = 16


@dataclass(frozen=True)
class Campaign:
    """A monitored campaign, as read from its TOML file."""

    name: str
    slug: str
    path: Path
    terms: tuple[Term, ...]
    occasion: str = ""
    contact: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    #: in the order of the registered kinds, then of the campaign file
    sources: tuple[Source, ...] = ()
    title: str = ""
    cover_lines: tuple[str, ...] = ()
    highlights: int = 5
    registry: Path | None = None
    crawl: CrawlSettings = field(default_factory=CrawlSettings)

    @property
    def review_title(self) -> str:
        if self.title:
            return self.title
        return " ".join(p for p in (self.name.upper(), "Rassegna Stampa", self.occasion) if p)

    def in_period(self, day: dt.date | None) -> bool:
        """Whether a publication day falls in the campaign period (unknown days do)."""
        if day is None:
            return True
        if self.start and day < self.start:
            return False
        return not (self.end and day > self.end)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "campagna"


def load_campaign(path: str | Path) -> Campaign:
    """Read and validate a campaign file.

    Raises:
        ConfigError: naming the file (and the line, for TOML syntax errors, or the
            key) when the file is missing, not TOML, or holds a wrong value.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: campaign file not found (rassegna init writes one)") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read campaign file ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: campaign file is not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    _check_keys(raw, path, text)
    return _parse(raw, path)


#: The tables of a campaign file and their keys; any other is refused as a typo.
#: The keys of ``[sources]`` are those of the kinds registered when the file is read.
_TABLES: dict[str, tuple[str, ...]] = {
    "project": ("name", "slug", "occasion", "contact"),
    "terms": ("term", "variants"),
    "period": ("start", "end"),
    "sources": (),
    "review": ("title", "cover_lines", "highlights"),
    "registry": ("file",),
    "crawl": tuple(f.name for f in fields(CrawlSettings)),
}


def known_keys() -> dict[str, tuple[str, ...]]:
    """The tables of a campaign file and their keys, ``[sources]`` those of the kinds.

    A kind with options (``NewsSearch.options``) has a table of its own, named after
    its key: ``[news_search]`` with ``endpoints``.
    """
    options = {key: kind.options for key, kind in SOURCE_KINDS.items() if kind.options}
    return {**_TABLES, "sources": tuple(SOURCE_KINDS), **options}


def _check_keys(raw: dict[str, Any], path: Path, text: str) -> None:
    """Refuse a table or key rassegna does not read: a typo would be silently ignored.

    Raises:
        ConfigError: naming the file, the line, the key and the closest known one.
    """
    known = known_keys()
    for name, value in raw.items():
        table = "[[{}]]" if isinstance(value, list) else "[{}]"
        if name not in known:
            line = _line_of(text, name) if isinstance(value, dict | list) else _line_of(
                text, name, "")
            where = f"{path}{line}"
            if isinstance(value, dict | list):
                raise ConfigError(
                    f"{where}: unknown table {table.format(name)}{_closest(name, known, _table)}"
                )
            owners = [f"[{t}]" for t, keys in known.items() if name in keys]
            hint = f" (it goes under {' or '.join(owners)})" if owners else ""
            raise ConfigError(f"{where}: key {name!r} is outside any table{hint}")
        entries = value if isinstance(value, list) else [value]
        for entry in entries:
            for key in entry if isinstance(entry, dict) else ():
                if key not in known[name]:
                    raise ConfigError(
                        f"{path}{_line_of(text, key, name)}: {table.format(name)} unknown key "
                        f"{key!r}{_closest(key, known[name], repr)}"
                    )


def _table(name: str) -> str:
    return f"[[{name}]]" if name == "terms" else f"[{name}]"


def _closest(name: str, known: Iterable[str], shown: Callable[[str], str]) -> str:
    """The closest known name as a hint, " (did you mean ...?)", or the known names."""
    candidates = list(known)
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    if close:
        return f" (did you mean {shown(close[0])}?)"
    return f" (known: {', '.join(shown(c) for c in candidates)})"


def _line_of(text: str, key: str, table: str | None = None) -> str:
    """":N", the line where the key or table is first written, or "" if not found.

    With ``table``, the key is looked for under that table's headers only ("" for the
    keys before the first header), so a stray ``name`` under ``[review]`` is not
    reported at ``[project]``'s.
    """
    pattern = re.compile(
        rf"^\s*(\[+\s*)?[\"']?{re.escape(key)}[\"']?\s*(=|\.|\])", re.MULTILINE
    )
    for start, end in _regions(text, table):
        match = pattern.search(text, start, end)
        if match:
            return f":{text.count(chr(10), 0, match.start()) + 1}"
    return ""


def _regions(text: str, table: str | None) -> Iterator[tuple[int, int]]:
    """The spans of ``text`` under the headers of ``table`` (the whole text for None)."""
    if table is None:
        yield 0, len(text)
        return
    headers = list(re.finditer(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?", text, re.MULTILINE))
    ends = [h.start() for h in headers[1:]] + [len(text)]
    if not table:
        yield 0, headers[0].start() if headers else len(text)
    for header, end in zip(headers, ends, strict=True):
        if header.group(1).strip("\"'") == table:
            yield header.end(), end


def _parse(raw: dict[str, Any], path: Path) -> Campaign:
    reader = _Reader(raw, path)
    name = reader.string("project", "name", required=True)
    terms = tuple(reader.terms())
    if not terms:
        raise ConfigError(f"{path}: [[terms]] needs at least one term")
    base = path.parent
    registry = reader.string("registry", "file")
    start = reader.date("period", "start")
    end = reader.date("period", "end")
    if start and end and end < start:
        raise ConfigError(f"{path}: [period] end {end} is before start {start}")
    return Campaign(
        name=name,
        slug=reader.string("project", "slug") or slugify(name),
        path=path,
        terms=terms,
        occasion=reader.string("project", "occasion"),
        contact=reader.string("project", "contact"),
        start=start,
        end=end,
        sources=reader.sources(base),
        title=reader.string("review", "title"),
        cover_lines=reader.strings("review", "cover_lines"),
        highlights=reader.integer("review", "highlights", default=5),
        registry=(base / registry) if registry else None,
        crawl=CrawlSettings(
            concurrency_per_domain=reader.integer("crawl", "concurrency_per_domain", default=4),
            download_delay=reader.number("crawl", "download_delay", default=0.0),
            timeout=reader.number("crawl", "timeout", default=30.0),
            max_listing_pages=reader.integer("crawl", "max_listing_pages", default=20),
            max_pages_per_domain=reader.integer("crawl", "max_pages_per_domain", default=5000),
            max_page_mb=reader.integer("crawl", "max_page_mb", default=16),
        ),
    )


class _Reader:
    """Typed access to the TOML tables, with errors naming the file and the key."""

    def __init__(self, raw: dict[str, Any], path: Path) -> None:
        self.raw = raw
        self.path = path

    def _get(self, table: str, key: str) -> Any:
        assert key in known_keys()[table], f"[{table}] {key} is read but not known: it is refused"
        section = self.raw.get(table, {})
        if not isinstance(section, dict):
            raise ConfigError(f"{self.path}: [{table}] must be a table")
        return section.get(key)

    def _fail(self, table: str, key: str, expected: str, value: Any) -> ConfigError:
        return ConfigError(f"{self.path}: [{table}] {key} must be {expected}, not {value!r}")

    def string(self, table: str, key: str, required: bool = False) -> str:
        value = self._get(table, key)
        if value is None:
            if required:
                raise ConfigError(f"{self.path}: [{table}] {key} is required")
            return ""
        if not isinstance(value, str):
            raise self._fail(table, key, "a string", value)
        return value.strip()

    def strings(self, table: str, key: str) -> tuple[str, ...]:
        value = self._get(table, key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._fail(table, key, "a list of strings", value)
        return tuple(v.strip() for v in value if v.strip())

    def sources(self, folder: Path) -> tuple[Source, ...]:
        """The sources of every registered kind, each kind reading its own key (and the
        table of its options, when it has some)."""
        found: list[Source] = []
        for key, kind in SOURCE_KINDS.items():
            where = f"{self.path}: [sources] {key}"
            value = self._get("sources", key)
            if kind.options:
                options = {option: self._get(key, option) for option in kind.options}
                found += kind.from_options(value, where, folder, options)
            else:
                found += kind.from_campaign(value, where, folder)
        return tuple(found)

    def integer(self, table: str, key: str, default: int) -> int:
        value = self._get(table, key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self._fail(table, key, "a whole number >= 0", value)
        return value

    def number(self, table: str, key: str, default: float) -> float:
        value = self._get(table, key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise self._fail(table, key, "a number >= 0", value)
        return float(value)

    def date(self, table: str, key: str) -> dt.date | None:
        value = self._get(table, key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):  # a quoted date: read as the import reads one
            try:
                return parse_day(value)
            except ValueError:
                pass
        raise self._fail(table, key, "a date like 2023-10-01", value)

    def terms(self) -> list[Term]:
        entries = self.raw.get("terms", [])
        if not isinstance(entries, list):
            raise ConfigError(f"{self.path}: terms must be written as [[terms]] tables")
        terms = []
        for number, entry in enumerate(entries, start=1):
            where = f"{self.path}: [[terms]] #{number}"
            if not isinstance(entry, dict) or not isinstance(entry.get("term"), str):
                raise ConfigError(f"{where}: needs term = \"...\"")
            variants = entry.get("variants", [])
            if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
                raise ConfigError(f"{where}: variants must be a list of strings")
            if not entry["term"].strip():
                raise ConfigError(f"{where}: term is empty")
            term = Term(entry["term"].strip(), tuple(v.strip() for v in variants if v.strip()))
            for form in term.forms:
                # terms are matched on their letters and digits: "..." or "2023" alone
                # would match nothing, or any page with that number
                if not re.search("[a-z]", fold(form)):
                    raise ConfigError(
                        f"{where}: {form!r} has no letters to match (terms are matched on "
                        "their Latin letters a-z, accents ignored, and digits)")
            terms.append(term)
        return terms


EXAMPLE = '''\
# A rassegna campaign. Paths are relative to this file.

[project]
name = "LgNet2"                      # the project, on the cover and in the title
occasion = "Press Tour"              # "<PROJECT> Rassegna Stampa <occasion>"
contact = "ufficio.stampa@example.org"  # sent in the crawler's User-Agent

# The terms that make a page an uscita of the campaign. Case, accents, spaces and
# hyphens are tolerated ("LgNet2" also matches "LGNET 2", "LgNet-2", "Ignet2").
[[terms]]
term = "LgNet2"
variants = ["Local Government Network 2"]

[period]                             # uscite outside it are left out of the review
start = 2023-10-01
end = 2023-12-31

[sources]
feeds = ["https://www.example-quotidiano.it/feed/"]           # RSS or Atom
sitemaps = ["https://www.example-quotidiano.it/sitemap.xml"]  # indexes, news, .gz, robots.txt
sites = ["https://www.example-settimanale.it/"]  # home pages: announced feeds, robots.txt
                                     # sitemaps and article links are all followed
start_urls = []                      # listing pages (sections, tags): articles and pagination
search = ["https://www.example-quotidiano.it/?s={query}"]  # site search, run for each term
url_lists = []                       # text files, one URL per line, found by hand
news_search = []                     # engines searched for every term over the period:
                                     # "google-news", "bing-news", "gdelt"
alerts = []                          # Google Alerts feeds (their redirect links unwrapped)

[review]
title = "LGNET2 Rassegna Stampa Press Tour"
cover_lines = [
    "FONDO ASILO, MIGRAZIONE E INTEGRAZIONE (FAMI) 2014-2020",
    "Obiettivo Specifico 2. Integrazione / Migrazione legale",
]
highlights = 5                       # outlets shown under "Highlight uscite"

[registry]                           # rassegna init writes an example one
file = "outlets.csv"                 # testata,domini,categoria,audience,fonte,rilevazione,note

[crawl]
concurrency_per_domain = 4
download_delay = 0.0                 # seconds; AutoThrottle adapts it to each server
timeout = 30                         # seconds per request
max_listing_pages = 20               # pagination followed per listing
max_pages_per_domain = 5000          # an endless calendar cannot trap the crawl
max_page_mb = 16                     # larger pages are dropped (and reported)
'''

#: The registry file ``rassegna init`` writes beside the example campaign: the
#: header and two example rows, for the example's (fictitious) outlets.
EXAMPLE_REGISTRY = '''\
testata,domini,categoria,audience,fonte,rilevazione,note
Example Quotidiano,example-quotidiano.it,Quotidiani e quotidiani online,1.234.567,Audiweb,\
ottobre 2023,"Riga d'esempio: sostituire con le testate dell'ufficio e le loro cifre certificate"
Example Settimanale,example-settimanale.it,Periodici e periodici online,,,,\
"Riga d'esempio: senza cifra, l'audience resta vuota nella rassegna"
'''
