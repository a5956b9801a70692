"""Every stage's public API on degenerate and hostile input: no documents, one, two,
identical, unrelated, empty texts, a 2 MB text, other scripts, pages without ``<body>``,
binary junk, dates at the ends of the calendar.

Each stage returns a result or raises its documented error, never anything else.
Each ``@example`` is an input a property found, kept so the bug stays fixed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from docx import Document
from hypothesis import example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

import dedupe
from audience import (
    CATEGORIES,
    Registry,
    infer_category,
    load_rules,
    normalise_category,
    parse_audience,
    parse_outlet,
    reach_of,
    starter_registry,
)
from audience.registry import MAX_AUDIENCE
from common.errors import ExtractionError, RegistryError
from extract import (
    aggregator_of,
    article_from_html,
    author_of,
    byline_in,
    clean_author,
    find_dates,
    is_agency_export,
    outlet_of,
    parse_agency_export,
    parse_date,
    short_author,
)
from extract.agency import split_agency_export
from extract.entities import analyse, merge_officials
from review import Cover, HtmlRenderer, JsonRenderer, Uscita, build_review, to_json, write_review
from review.formats.docx import DocxRenderer
from review.formats.xlsx import XlsxRenderer
from review.italian import day_month, long_date, number
from review.options import ReviewOptions
from review.totals import compute_totals

# the profile (deterministic, no example database) is tests/conftest.py's; the slowest
# properties (spaCy, matplotlib) try fewer examples
FEW = settings(max_examples=max(1, settings.default.max_examples * 2 // 5))


# -- inputs ------------------------------------------------------------------

WORDS = (
    "il comune di ancona apre tre sportelli per i cittadini stranieri nel quartiere del porto "
    "l'assessora ha ricordato le duecento famiglie seguite e i quaranta tirocini avviati con "
    "le imprese del territorio progetto rete città inclusione servizi scuola lingua"
).split()
SCRIPTS = (
    "Сегодня в городе открылись три новых пункта помощи для жителей.",  # Cyrillic
    "市政府今天在港口区开设了三个新的服务窗口。",  # CJK
    "افتتحت البلدية اليوم ثلاثة مكاتب جديدة لخدمة المواطنين.",  # Arabic, right to left
    "🎉📰 Tre sportelli aperti oggi 👏👏 #inclusione 🇮🇹",  # emoji and flags
    "e\u0301 decomposta, ﬁ legatura, \u200b spazio nullo, \u202e al contrario",  # odd marks
    "\x00\x01\x0b\x0c\x1f controllo",  # control characters (text pasted from Word keeps \x0b)
)
#: about 2 MB of text: a page that is a whole archive, a pasted book
HUGE = (" ".join(WORDS) + ".\n") * 9_000

italian = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)
hostile_text = st.one_of(
    st.just(""),
    st.text(max_size=200),
    st.sampled_from(SCRIPTS),
    italian,
    st.lists(st.one_of(italian, st.sampled_from(SCRIPTS)), max_size=5).map("\n".join),
)
# the whole calendar Python can hold: year 1 to 9999
days = st.dates(min_value=dt.date.min, max_value=dt.date.max)
moments = st.datetimes(
    min_value=dt.datetime.min, max_value=dt.datetime.max,
    timezones=st.sampled_from([None, dt.UTC, dt.timezone(dt.timedelta(hours=14))]),
)
date_words = st.one_of(
    days.map(dt.date.isoformat),
    moments.map(lambda m: m.isoformat()),
    days.map(lambda d: f"{d.day} {('gennaio', 'maggio', 'dicembre')[d.month % 3]} {d.year:04d}"),
    days.map(lambda d: f"{d.day:02d}.{d.month:02d}.{d.year:04d} - 23:59"),
    st.sampled_from(["2 g", "3 h", "ieri alle 17:04", "31 febbraio 2023", "0000-00-00",
                     "99999999 giorni fa", "1" * 400]),
    st.text(max_size=30),
)
urls = st.sampled_from([
    "https://www.giornale.test/2023/10/18/ancona-sportelli",
    "http://notizie.virgilio.it/ancona",  # an aggregator: its source is read off the page
    "https://m.facebook.com/comune/posts/1",
    "http://127.0.0.1:8000/a?utm_source=x#top",
    "https://xn--citt-6qa.test/è",
])
links = st.sampled_from(["http://[::1/x", "javascript:alert(1)", "", "//", "http://a b/",
                         "https://altro.test/pagina", "mailto:x@y"])


@st.composite
def pages(draw: st.DrawFn) -> str:
    """HTML as crawls meet it: with or without head, title, body, metadata, closing tags."""
    title = draw(st.one_of(hostile_text, st.just("Ancona, tre sportelli per l'inclusione")))
    head = ""
    if draw(st.booleans()):
        head += f"<title>{title}</title>"
    if draw(st.booleans()):
        head += f'<meta property="article:published_time" content="{draw(date_words)}">'
    if draw(st.booleans()):
        head += f'<link rel="canonical" href="{draw(links)}">'
    paragraphs = draw(st.lists(st.one_of(hostile_text, st.just(" ".join(WORDS))), max_size=6))
    body = f"<h1>{title}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs)
    if draw(st.booleans()):
        body += f'<p>Fonte: <a href="{draw(links)}">{draw(hostile_text)}</a></p>'
    if draw(st.booleans()):
        body = f"<body><article>{body}</article></body>"  # else: no <body> at all
    start = draw(st.sampled_from(["", "<!DOCTYPE html>", "<?xml version='1.0' encoding='utf-8'?>"]))
    return f"{start}<html><head>{head}</head>{body}" + draw(st.sampled_from(["</html>", ""]))


# -- extract -----------------------------------------------------------------

ARTICLE = (
    "<html><head><title>Ancona, tre sportelli</title>{head}</head><body><article>"
    "<h1>Ancona, tre sportelli</h1><p>{text}</p></article></body></html>"
)
LONG_TEXT = " ".join(WORDS * 3)


@given(
    html=st.one_of(pages(), pages().map(str.encode), st.binary(max_size=2_000)),
    url=urls,
    encoding=st.sampled_from([None, "utf-8", "latin-1", "utf-16", "no-such-codec"]),
    fetched_at=st.one_of(st.none(), moments),
)
# a date at the end of the calendar, in the page or as the fetch time, overflowed
@example(html=ARTICLE.format(head='<meta property="article:published_time" '
                             'content="9999-12-31T23:59:59Z">', text=LONG_TEXT),
         url="https://www.giornale.test/a", encoding=None, fetched_at=None)
@example(html=ARTICLE.format(head="", text="01.01.0001</p><p>" + LONG_TEXT),
         url="https://www.giornale.test/a", encoding=None, fetched_at=None)
@example(html=ARTICLE.format(head="", text=LONG_TEXT), url="https://www.giornale.test/a",
         encoding=None, fetched_at=dt.datetime(9999, 12, 31, 23, tzinfo=dt.UTC))
# an aggregator's page with a malformed link to its source
@example(html=ARTICLE.format(head='<link rel="canonical" href="http://[::1/x">', text=LONG_TEXT),
         url="http://notizie.virgilio.it/a", encoding=None, fetched_at=None)
@example(html=ARTICLE.format(head="", text=LONG_TEXT + '</p><p>Fonte: <a href="http://[::1/x">'
                             "Eco</a>"), url="http://notizie.virgilio.it/a", encoding=None,
         fetched_at=None)
# a fetch before 1995 is outside htmldate's range: it read the URL's date, years later
@example(html="<html><head></head><h1>0</h1><p>Fonte: 0</p></html>",
         url="https://www.giornale.test/2023/10/18/ancona-sportelli", encoding=None,
         fetched_at=dt.datetime(999, 1, 1))
# metadata dated years after the fetch
@example(html=ARTICLE.format(head='<meta property="article:published_time" '
                             'content="2030-01-01T10:00:00Z">', text=LONG_TEXT),
         url="https://www.giornale.test/a", encoding=None,
         fetched_at=dt.datetime(2023, 11, 30, 9, tzinfo=dt.UTC))
@example(html=ARTICLE.format(head="", text=HUGE), url="https://www.giornale.test/a",
         encoding=None, fetched_at=None)
def test_article_from_html_gives_an_article_or_the_reason_why_not(
    html: str | bytes, url: str, encoding: str | None, fetched_at: dt.datetime | None
) -> None:
    try:
        article = article_from_html(html, url, encoding, fetched_at)
    except ExtractionError as error:
        assert str(error)  # the reason is recorded with the page
        return
    assert article.title.strip() and article.text.strip()
    if fetched_at is not None and article.published is not None:
        assert article.published <= _rome_day(fetched_at)  # no date after the fetch


def _rome_day(moment: dt.datetime) -> dt.date:
    try:
        return moment.astimezone(ZoneInfo("Europe/Rome")).date() if moment.tzinfo else moment.date()
    except OverflowError:
        return moment.date()


@given(html=st.one_of(pages(), st.text(max_size=300)), url=urls, headline=hostile_text,
       sitename=hostile_text)
@example(html="", url="https://www.giornale.test/a", headline="", sitename="")  # empty page
@example(html="<?xml version='1.0' encoding='utf-8'?>", url="https://www.giornale.test/a",
         headline="", sitename="")
def test_outlet_of_any_page_is_named(html: str, url: str, headline: str, sitename: str) -> None:
    outlet = outlet_of(html, url, headline, sitename)
    assert isinstance(outlet.name, str) and outlet.domain == outlet_of("", url).domain
    assert isinstance(aggregator_of(outlet.domain), str)


@given(expression=date_words, now=st.one_of(st.none(), moments))
@example(expression="1 gennaio 0001", now=None)  # overflowed moving to Italian time
@example(expression="9999-12-31T23:59:59Z", now=None)
def test_parse_date_gives_a_date_or_none(expression: str, now: dt.datetime | None) -> None:
    parsed = parse_date(expression, now)
    assert parsed is None or (isinstance(parsed, dt.datetime) and parsed.tzinfo is None)


@given(lines=st.lists(st.one_of(date_words, hostile_text), max_size=6),
       now=st.one_of(st.none(), moments))
@example(lines=["01.01.0001"], now=None)
def test_find_dates_never_dates_after_the_fetch(lines: list[str], now: dt.datetime | None) -> None:
    found = find_dates(lines, now)
    for value in (found.published, found.updated):
        assert value is None or now is None or value <= now.replace(tzinfo=None)


@given(byline=st.one_of(st.none(), hostile_text, st.text(max_size=50).map("di ".__add__)),
       lines=st.lists(hostile_text, max_size=5))
@example(byline="di " + "A" * 10_000, lines=["Di"])
def test_bylines_give_a_name_or_nobody(byline: str | None, lines: list[str]) -> None:
    assert isinstance(clean_author(byline), str)
    assert isinstance(byline_in(lines), str)
    assert isinstance(author_of(byline, lines, lines[::-1]), str)
    assert isinstance(short_author(byline or ""), str)


@st.composite
def agency_exports(draw: st.DrawFn) -> str:
    """A press-database item: title, word count, date, time, feed, code, body; in any order,
    with any of them missing or wrong."""
    fields = [
        draw(hostile_text),
        f"{draw(st.integers(-5, 10**6))} {draw(st.sampled_from(['words', 'parole', 'w']))}",
        draw(date_words),
        f"{draw(st.integers(0, 99))}:{draw(st.integers(0, 99)):02d}",
        draw(st.sampled_from(["ANSA - Regional Service", "ANSARE", "Italian", "© 2023 ANSA."])),
        draw(hostile_text),
    ]
    kept = draw(st.lists(st.sampled_from(fields), max_size=8))
    separator = draw(st.sampled_from(["\n", "\n\n", "\r\n", "\n----\n"]))
    return separator.join(kept)


@given(text=st.one_of(agency_exports(), hostile_text))
@example(text="Titolo\n249 words\n18 October 2023\n99:99\nANSA\nTesto.")  # no such time
@example(text="Titolo\n249 words\n18 October 0001\nANSA\nTesto.")
def test_agency_exports_parse_or_are_refused(text: str) -> None:
    for line, item in split_agency_export(text):
        assert line >= 1 and item.strip()
    is_export = is_agency_export(text)
    try:
        parsed = parse_agency_export(text)
    except ExtractionError:
        assert True  # the documented refusal: no header, or no title line
    else:
        assert is_export and parsed.title
        assert parsed.time is None or isinstance(parsed.time, dt.time)


@FEW
@given(texts=st.lists(hostile_text, max_size=4), with_titles=st.booleans())
@example(texts=["oltre " + "9" * 400 + " persone", "1" + ".000" * 120 + " euro"],
         with_titles=False)  # a number past float's range was infinite
@example(texts=[HUGE], with_titles=True)  # over spaCy's million characters
def test_entities_of_any_text(texts: list[str], with_titles: bool) -> None:
    titles = texts[::-1] if with_titles else None
    found = analyse(texts, titles)
    assert len(found) == len(texts)
    for text, entities in zip(texts, found, strict=True):
        for city in entities.cities:
            assert 0 <= city.start <= city.end <= len(text)
        assert all(math.isfinite(f.value) for f in entities.figures)
        assert entities.main_city == "" or entities.main_city in {
            c.name for c in entities.cities
        } | {o.comune for o in entities.officials} | {c.name for c in _title_cities(titles)}
    assert merge_officials([list(e.officials) for e in found]) is not None


def _title_cities(titles: list[str] | None) -> list[Any]:
    return [c for e in analyse(titles) for c in e.cities] if titles else []


def test_entities_refuse_titles_that_are_not_one_per_text() -> None:
    with pytest.raises(ValueError, match="1 texts but 0 titles"):
        analyse(["Ancona"], [])


# -- dedupe ------------------------------------------------------------------

domains = st.sampled_from(["", "giornale.test", "anci.test", "www.anci.test", "GIORNALE.test"])


@st.composite
def campaigns(draw: st.DrawFn) -> list[dedupe.Text]:
    """Uscite of a campaign: unrelated, identical, empty, in other scripts, undated or not."""
    texts = draw(st.lists(hostile_text, max_size=6))
    texts += [texts[0]] * draw(st.integers(0, 3)) if texts else []  # identical copies
    ids = draw(st.lists(st.integers(-10, 10**9), min_size=len(texts), max_size=len(texts),
                        unique=True))
    return [
        dedupe.Text(i, text, draw(hostile_text), draw(st.one_of(st.none(), days)), draw(domains))
        for i, text in zip(ids, texts, strict=True)
    ]


def _check_partition(docs: list[dedupe.Text], clusters: list[dedupe.Cluster]) -> None:
    members = [m for c in clusters for m in c.members]
    assert sorted(members) == sorted(d.id for d in docs)  # each uscita in exactly one cluster
    for c in clusters:
        assert c.id == min(c.members) and c.source in c.members
        assert set(c.aliases) | set(c.aliases.values()) <= set(c.members)
        assert all(0.0 <= s <= 1.0 + 1e-6 for s in c.scores.values())


UNRELATED = [dedupe.Text(1, "Il derby finisce in parità tra le due squadre cittadine."),
             dedupe.Text(2, "Domani sciopero dei trasporti pubblici in tutta la regione.")]


@given(docs=campaigns(), office=st.lists(domains, max_size=2))
@example(docs=[], office=[])  # no shingle repeats: the anchor lookup crashed
@example(docs=UNRELATED[:1], office=[])
@example(docs=UNRELATED, office=[])
@example(docs=[dedupe.Text(1, HUGE), dedupe.Text(2, HUGE[:1000])], office=[])
def test_dedupe_puts_every_uscita_in_one_cluster(
    docs: list[dedupe.Text], office: list[str]
) -> None:
    clusters = dedupe.cluster(docs, press_office_domains=office)
    _check_partition(docs, clusters)
    _check_partition(docs, dedupe.MinHashBaseline().cluster(docs))
    assert dedupe.evaluate(dedupe.assignment(clusters), dedupe.assignment(clusters)).merges == ()


@given(text=st.lists(st.sampled_from(WORDS), min_size=12, max_size=40, unique=True).map(" ".join),
       copies=st.integers(2, 5))
def test_identical_copies_are_one_release(text: str, copies: int) -> None:
    docs = [dedupe.Text(n, text, f"Titolo {n}") for n in range(copies)]
    assert [c.members for c in dedupe.cluster(docs)] == [tuple(range(copies))]


@given(text=hostile_text, title=hostile_text)
def test_signatures_are_sorted_distinct_and_survive_the_store(text: str, title: str) -> None:
    signature = dedupe.signature(text, title)
    hashes = signature.shingles
    assert hashes.dtype == np.uint64 and np.all(hashes[1:] > hashes[:-1])
    assert np.array_equal(dedupe.Signature.from_bytes(signature.to_bytes()).shingles, hashes)


# -- audience ----------------------------------------------------------------

audience_cells = st.one_of(
    st.integers(0, MAX_AUDIENCE).map(lambda n: f"{n:,}".replace(",", ".")),
    st.integers(0, 10**40).map(str),
    st.sampled_from(["", " 1 464 811 ", "1.464.811,5", "-3", "١٢٣", "²", "9" * 5000]),
    st.text(max_size=20),
)


@given(value=audience_cells)
@example(value="9" * 5000)  # stored, it overflowed SQLite's integers
def test_parse_audience_gives_a_whole_number_or_says_why(value: str) -> None:
    try:
        parsed = parse_audience(value)
    except ValueError as error:
        assert "audience" in str(error)
        return
    assert parsed is None or 0 <= parsed <= MAX_AUDIENCE


@given(n=st.integers(0, MAX_AUDIENCE))
def test_parse_audience_reads_what_number_writes(n: int) -> None:
    assert parse_audience(number(n)) == n


fields = st.fixed_dictionaries({}, optional={
    "name": hostile_text, "category": st.one_of(st.sampled_from(CATEGORIES), hostile_text),
    "domains": hostile_text, "audience": audience_cells, "source": hostile_text,
})


@given(values=fields)
def test_parse_outlet_gives_an_outlet_or_names_the_bad_field(values: dict[str, str]) -> None:
    try:
        outlet = parse_outlet(values)
    except ValueError as error:
        assert str(error)
        return
    assert outlet.name and outlet.category in CATEGORIES


@st.composite
def registry_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A registry as an office saves it, or something else under its name."""
    header = draw(st.sampled_from([
        ["testata", "domini", "categoria", "audience", "fonte"],
        ["outlet", "category"], ["testata"], [],
    ]))
    rows = draw(st.lists(st.fixed_dictionaries({
        "name": hostile_text, "category": st.one_of(st.sampled_from(CATEGORIES), hostile_text),
        "domains": hostile_text, "audience": audience_cells, "source": hostile_text,
    }), max_size=5))
    table = [header] + [list(r.values())[: len(header)] for r in rows]
    kind = draw(st.sampled_from(["csv", "csv;", "xlsx", "junk.csv", "junk.xlsx"]))
    if kind.startswith("junk"):
        return kind.split(".")[1], draw(st.binary(max_size=500))
    if kind == "xlsx":
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        for row in table:
            sheet.append([_xlsx_safe(cell) for cell in row])
        buffer = io.BytesIO()
        book.save(buffer)
        return "xlsx", buffer.getvalue()
    out = io.StringIO()
    csv.writer(out, delimiter=kind[3:] or ",").writerows(table)
    return "csv", out.getvalue().encode("utf-8")


def _xlsx_safe(cell: str) -> str:
    # openpyxl cannot even write what a worksheet cannot hold
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", cell)


BIG_FIELD = ("csv", ("testata,categoria,note\nA,Agenzie," + "x" * 200_000 + "\n").encode())


@given(file=registry_files())
@example(file=BIG_FIELD)  # csv's field limit escaped as csv.Error
@example(file=("csv", b""))
@example(file=("xlsx", b"PK\x03\x04"))
def test_registry_files_load_or_are_refused_with_the_file(
    tmp_path_factory: pytest.TempPathFactory, file: tuple[str, bytes]
) -> None:
    suffix, content = file
    path = tmp_path_factory.mktemp("registry") / f"outlets.{suffix}"
    path.write_bytes(content)
    try:
        registry = Registry.from_file(path)
    except RegistryError as error:
        assert str(path) in str(error)
        return
    for outlet in registry:
        assert outlet.category in CATEGORIES
        assert registry.match(outlet.name) is not None


@given(name=hostile_text, domain=st.one_of(hostile_text, domains, st.just("." * 300)))
def test_every_outlet_gets_a_category(name: str, domain: str) -> None:
    category, testata = infer_category(name, domain)
    assert category in CATEGORIES and isinstance(testata, str)
    reach = reach_of(name, domain, Registry([], fallback=starter_registry()))
    assert reach.category in CATEGORIES
    assert reach.audience is None or reach.audience >= 0
    assert normalise_category(name) in (None, *CATEGORIES)


rules_files = st.dictionaries(
    st.sampled_from(["default", "social_networks", "portals", "agencies", "broadcasters"]),
    st.one_of(
        st.sampled_from(CATEGORIES), st.text(max_size=10), st.integers(),
        st.fixed_dictionaries({}, optional={
            "category": st.one_of(st.sampled_from(CATEGORIES), st.integers()),
            "words": st.one_of(st.lists(st.text(max_size=5)), st.text(max_size=5)),
        }),
    ),
)


@given(rules=rules_files)
def test_rules_files_load_or_are_refused(
    tmp_path_factory: pytest.TempPathFactory, rules: dict[str, Any]
) -> None:
    path = tmp_path_factory.mktemp("rules") / "rules.toml"
    path.write_text(_toml(rules), encoding="utf-8")
    try:
        loaded = load_rules(path)
    except ValueError as error:
        assert str(path) in str(error)
        return
    assert loaded.default in CATEGORIES
    assert infer_category("x", "x.test", loaded)[0] in CATEGORIES


def _toml(rules: dict[str, Any]) -> str:
    top = [f"{k} = {json.dumps(v)}" for k, v in rules.items() if not isinstance(v, dict)]
    tables = [
        f"[{k}]\n" + "\n".join(f"{key} = {json.dumps(value)}" for key, value in v.items())
        for k, v in rules.items() if isinstance(v, dict)
    ]
    return "\n".join(top + tables) + "\n"


# -- review ------------------------------------------------------------------

COVER = Cover("Rassegna <Stampa> & \x0b", "LgNet2 😀", dt.date(2023, 12, 14), ("Riga",))


KNOWN_CATEGORIES = st.sampled_from(CATEGORIES)


@st.composite
def uscite(draw: st.DrawFn, categories: st.SearchStrategy[str] = KNOWN_CATEGORIES
           ) -> list[Uscita]:
    """The uscite of a review: any count, dates, audience, texts; clustered or not."""
    count = draw(st.integers(0, 6))
    ids = draw(st.lists(st.integers(1, 10**6), min_size=count, max_size=count, unique=True))
    return [
        Uscita(
            id=i,
            category=draw(categories),
            testata=draw(hostile_text),
            title=draw(hostile_text),
            url=draw(st.one_of(st.just(""), links, urls)),
            audience=draw(st.one_of(st.none(), st.integers(0, MAX_AUDIENCE))),
            published=draw(st.one_of(st.none(), days)),
            author=draw(hostile_text),
            subtitle=draw(hostile_text),
            text=draw(hostile_text),
            cluster=draw(st.one_of(st.none(), st.sampled_from(ids))),
            inferred=draw(st.booleans()),
            city=draw(st.one_of(st.just(""), hostile_text)),
        )
        for i in ids
    ]


def _u(i: int, **fields: Any) -> Uscita:
    return Uscita(i, fields.pop("category", "Agenzie"), "ANSA", "Titolo", **fields)


LAST_WEEK = [_u(1, published=dt.date.max)]  # its Sunday is past the calendar's end
YEAR_ONE = [_u(2, published=dt.date.min), _u(3, published=dt.date(5, 6, 1))]
CONTROL = [_u(4, text="a\x0bb", author="\x02 Mario Rossi", city="\x1f")]


def test_an_uscita_holds_no_control_characters() -> None:
    (u,) = CONTROL
    assert (u.text, u.author, u.city) == ("ab", " Mario Rossi", "")
    assert _u(5, text="uno\tdue\ntre").text == "uno\tdue\ntre"  # tab and newline stay


@given(found=uscite())
@example(found=[])
@example(found=LAST_WEEK)
@example(found=YEAR_ONE)  # the week key of a year under 1000 did not parse
def test_totals_count_every_uscita_once(found: list[Uscita]) -> None:
    review = build_review(found, COVER)
    totals = compute_totals(found)
    assert review.count == totals.overall.uscite == len(found)
    assert review.audience == totals.overall.audience == sum(u.audience or 0 for u in found)
    for breakdown in (totals.cities, totals.releases, totals.days, totals.weeks):
        assert sum(t.uscite for t in breakdown) == len(found)
        assert sum(t.audience for t in breakdown) == review.audience
    assert {u.id for u in review.uscite} == {u.id for u in found}


@given(found=uscite(st.one_of(st.sampled_from(CATEGORIES), st.text(max_size=10))))
def test_uscite_of_unknown_categories_are_refused(found: list[Uscita]) -> None:
    unknown = {u.category for u in found} - set(CATEGORIES)
    try:
        build_review(found, COVER)
    except ValueError as error:
        assert unknown and all(c in str(error) for c in unknown)
    else:
        assert not unknown


def _renders(renderer: Callable[[Any], bytes], found: list[Uscita]) -> bytes:
    return renderer(build_review(found, COVER, cluster_labels={u.id: ("Comunicato", u.id)
                                                                for u in found[:1]}))


@given(found=uscite())
@example(found=LAST_WEEK)
@example(found=YEAR_ONE)  # the chart's axis ran past year 1
@example(found=[_u(1, text=HUGE, published=dt.date(2023, 10, 18))])
def test_json_is_valid_and_counts_what_the_review_counts(found: list[Uscita]) -> None:
    data = json.loads(_renders(JsonRenderer().render, found),
                      parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))
    assert data["summary"]["uscite"] == len(found) == len(data["listing"])
    assert data["totals"]["overall"]["uscite"] == len(found)
    assert to_json(build_review(found, COVER))["summary"]["audience"] == sum(
        u.audience or 0 for u in found
    )


@FEW
@given(found=uscite(), charts=st.booleans(), one_per_cluster=st.booleans())
@example(found=[], charts=True, one_per_cluster=False)
@example(found=YEAR_ONE, charts=True, one_per_cluster=False)  # the chart's axis ran past year 1
@example(found=LAST_WEEK + YEAR_ONE, charts=True, one_per_cluster=True)
@example(found=[_u(1, text=HUGE)], charts=False, one_per_cluster=False)
def test_html_renders_any_review(found: list[Uscita], charts: bool, one_per_cluster: bool) -> None:
    options = ReviewOptions(charts=charts, one_per_cluster=one_per_cluster)
    page = _renders(HtmlRenderer(options).render, found).decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script>" not in page.replace("&lt;script&gt;", "")


@given(found=uscite())
@example(found=CONTROL)  # openpyxl refused the control characters
@example(found=LAST_WEEK + YEAR_ONE)
def test_xlsx_renders_any_review(found: list[Uscita]) -> None:
    book = load_workbook(io.BytesIO(_renders(XlsxRenderer().render, found)))
    assert book["Rassegna"].max_row == len(found) + 1


@given(found=uscite())
@settings(max_examples=10)
@example(found=CONTROL)  # python-docx refused the control characters
@example(found=LAST_WEEK + YEAR_ONE)
def test_docx_renders_any_review(found: list[Uscita]) -> None:
    options = ReviewOptions(charts=False)
    document = Document(io.BytesIO(_renders(DocxRenderer(options).render, found)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Rassegna Stampa" in headings
    assert ("Totali" in headings) == bool(found)


def test_write_review_of_no_uscite_and_unknown_formats(tmp_path: Path) -> None:
    empty = build_review([], COVER)
    written = write_review(empty, tmp_path, ("html", "json", "xlsx"),
                           options=ReviewOptions(charts=True))
    assert [p.name for p in written] == ["rassegna.html", "rassegna.json", "rassegna.xlsx"]
    with pytest.raises(ValueError, match="unknown format 'odt'"):
        write_review(empty, tmp_path, ("odt",))
    assert sorted(p.name for p in tmp_path.iterdir()) == [p.name for p in written]


@given(day=st.one_of(st.none(), days), value=st.one_of(st.none(), st.integers(-10**18, 10**18)))
def test_italian_formats_of_any_day_and_figure(day: dt.date | None, value: int | None) -> None:
    assert isinstance(day_month(day), str) and isinstance(long_date(day), str)
    assert (number(value) == "") == (value is None)


@pytest.mark.parametrize("found", [[], CONTROL + YEAR_ONE + LAST_WEEK], ids=["none", "odd"])
def test_pdf_of_degenerate_reviews(found: list[Uscita]) -> None:
    from review.formats.pdf import PdfRenderer

    pdf = _renders(PdfRenderer(ReviewOptions(charts=True)).render, found)
    assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-1024:]


def test_evaluate_refuses_clusterings_of_other_items() -> None:
    with pytest.raises(ValueError, match="different items"):
        dedupe.evaluate({1: 1}, {2: 2})
