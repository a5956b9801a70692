"""Dates and bylines as real pages state them, on pages of our own invention.

What the real-pages suite (``tests/test_extract_realpages.py``) measures, shown one
pattern at a time: the JSON-LD article's date (not its picture's), a time with an
offset on the day of the outlet's own URL, htmldate's answer (through trafilatura)
when the page confirms it outside its chrome, the dateline under the title over the
metadata, the dateline opening the text, sentences that hold dates and are no
datelines, co-authors, the byline under the title over a metadata name it does not
name.
"""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from common.dates import parse_date
from extract import article_from_html, author_of, byline_in, clean_author, short_author
from extract.dates import _names_day, _url_day, page_dates
from extract.outlet import html_tree

FETCHED = dt.datetime(2023, 12, 5, 10, 0)
TITLE = "Lucca, la mostra dei pittori toscani apre in centro"
TEXT = (
    "<p>La mostra raccoglie duecento opere di pittori toscani dell'Ottocento, arrivate da "
    "collezioni private e da tre musei della regione, e resterà aperta fino a primavera.</p>"
    "<p>«Abbiamo voluto riportare a casa quadri che mancavano da decenni», ha spiegato la "
    "curatrice Marta Fioravanti durante la presentazione alla stampa in municipio.</p>"
    "<p>Il biglietto costa otto euro; il sabato pomeriggio sono previste visite guidate per "
    "le famiglie e per le scuole, su prenotazione, con laboratori di disegno.</p>"
)


def page(header: str = "", head: str = "", *, h1: str = TITLE, body_open: str = "") -> str:
    """A page of the Gazzetta di Lucca (invented) with ``header`` under its headline."""
    return f"""<!DOCTYPE html><html lang="it"><head><meta charset="utf-8">
<title>{TITLE}</title>{head}</head><body>
<nav><a href="/">Home</a> <a href="/cultura/">Cultura</a></nav>
<aside class="related"><h3>Leggi anche</h3><p>Concerto in piazza il 16/12/2023</p></aside>
<article><h1>{h1}</h1>
<div class="meta">{header}</div>
<div class="testo">{body_open}{TEXT}</div></article>
<footer>© 2023 Gazzetta di Lucca – Reg. Trib. di Lucca n. 7/2009</footer>
</body></html>"""


def published(html: str, url: str = "https://www.gazzettalucca.test/cultura/mostra/",
              fetched: dt.datetime | None = FETCHED) -> dt.date | None:
    return article_from_html(html, url, None, fetched).published


def ld(*objects: dict[str, object]) -> str:
    graph = {"@context": "https://schema.org", "@graph": list(objects)}
    return f'<script type="application/ld+json">{json.dumps(graph)}</script>'


# -- metadata -------------------------------------------------------------------------


def test_json_ld_date_of_the_article_not_of_its_picture() -> None:
    head = ld(
        {"@type": "ImageObject", "url": "/foto.jpg", "datePublished": "2019-05-02"},
        {"@type": "NewsArticle", "headline": TITLE, "datePublished": "2023-11-14T09:30:00+01:00"},
    )
    assert published(page(head=head)) == dt.date(2023, 11, 14)


def test_article_published_time() -> None:
    head = '<meta property="article:published_time" content="2023-11-14T09:30:00+01:00">'
    assert published(page(head=head)) == dt.date(2023, 11, 14)


def test_utc_time_is_the_italian_day_unless_the_outlets_url_names_its_own() -> None:
    head = '<meta property="article:published_time" content="2023-11-14T23:30:00Z">'
    # 00:30 on the 15th in Rome: what an Italian outlet prints
    assert published(page(head=head)) == dt.date(2023, 11, 15)
    # the outlet dated its URL the 14th: the same instant on its own clock
    url = "https://www.gazzettalucca.test/2023/11/14/mostra/"
    assert published(page(head=head), url) == dt.date(2023, 11, 14)


def test_a_time_element_in_the_article() -> None:
    html = page('<time datetime="2023-11-14T09:30:00+01:00">Martedì</time>')
    assert published(html) == dt.date(2023, 11, 14)


def test_a_dated_url() -> None:
    assert published(page(), "https://www.gazzettalucca.test/2023/11/14/mostra/") == dt.date(
        2023, 11, 14)


def test_no_date_from_the_footer_registration_nor_the_boxes() -> None:
    # htmldate reads "n. 7/2009" in the footer as July 2009: the page does not confirm it
    assert published(page("di Marta Fioravanti")) is None


# -- the dateline ---------------------------------------------------------------------


def test_the_dateline_under_the_title_over_the_metadata() -> None:
    head = '<meta property="article:published_time" content="2023-11-13T20:00:00+01:00">'
    assert published(page("Pubblicato il 14 novembre 2023", head)) == dt.date(2023, 11, 14)


def test_an_update_under_the_title_leaves_the_publication_to_the_metadata() -> None:
    head = '<meta property="article:published_time" content="2023-11-13T20:00:00+01:00">'
    article = article_from_html(page("Aggiornato il 15 novembre 2023", head),
                                "https://www.gazzettalucca.test/a/", None, FETCHED)
    assert (article.published, article.updated) == (dt.date(2023, 11, 13), dt.date(2023, 11, 15))


def test_a_subtitle_telling_of_an_event_is_no_dateline() -> None:
    head = '<meta property="article:published_time" content="2023-11-10T08:00:00+01:00">'
    subtitle = ("La rassegna apre il 5 dicembre 2023 al museo civico con duecento opere "
                "arrivate da tutta la regione")
    assert published(page(subtitle, head)) == dt.date(2023, 11, 10)


def test_the_dateline_opening_the_text_over_the_urls_day() -> None:
    html = page(body_open="<p>LUCCA, 12/11/2023 – " + "Il Comune ha presentato la rassegna "
                "delle opere restaurate, che saranno esposte a Palazzo Ducale. " * 3 + "</p>")
    url = "https://www.gazzettalucca.test/2023/11/13/mostra/"
    assert published(html, url) == dt.date(2023, 11, 12)


def test_a_sentence_opening_with_a_date_is_the_event_not_the_dateline() -> None:
    html = page(body_open="<p>Il 31 ottobre 2023, verso le 23, " + "i vigili del fuoco sono "
                "intervenuti in via Fillungo per un principio di incendio. " * 3 + "</p>")
    url = "https://www.gazzettalucca.test/2023/11/02/incendio/"
    assert published(html, url) == dt.date(2023, 11, 2)


def test_wordpress_month_first_dateline() -> None:
    assert published(page("novembre 21, 2023 alle 10:15")) == dt.date(2023, 11, 21)


def test_without_the_fetch_time_a_date_without_its_year_is_no_date() -> None:
    head = '<meta property="article:published_time" content="2022-04-28T09:00:00+02:00">'
    assert published(page("28 aprile", head), fetched=None) == dt.date(2022, 4, 28)


def test_a_forum_members_sign_up_is_not_the_post() -> None:
    html = page("Iscritto il: 18/09/2008<br>Messaggi: 1626")
    assert published(html, "https://forum.gazzettalucca.test/2023/11/14/topic/") == dt.date(
        2023, 11, 14)


def test_the_byline_and_dateline_under_the_h1_when_the_title_is_another() -> None:
    head = '<meta property="og:title" content="Mostra dei pittori, si apre in centro">'
    html = page("di Marta Fioravanti<br>14 novembre 2023", head).replace(
        f"<title>{TITLE}</title>", "<title>Mostra dei pittori, si apre in centro</title>")
    article = article_from_html(html, "https://www.gazzettalucca.test/a/", None, FETCHED)
    assert (article.published, article.author) == (dt.date(2023, 11, 14), "Marta Fioravanti")


def test_htmldates_answer_stands_when_the_page_confirms_it() -> None:
    html = page("Martedì 14 novembre 2023, ore 9")
    tree = html_tree(html)
    got = page_dates(tree, html, "https://g.test/a", ["Martedì 14 novembre 2023, ore 9"], None,
                     "2023-11-14", after=0)
    assert got.published == dt.datetime(2023, 11, 14)
    # a day the page states nowhere near the title nor in its data (the footer's
    # "n. 7/2009"): htmldate reads the page again without its chrome, and finds none
    html = page("di Marta Fioravanti")
    got = page_dates(html_tree(html), html, "https://g.test/a", ["di Marta Fioravanti"], None,
                     "2009-07-01", after=1)
    assert got.published is None


# -- bylines --------------------------------------------------------------------------


def test_co_authors_of_the_metadata() -> None:
    assert author_of("Marta Fioravanti; Paolo Guidi", []) == "Marta Fioravanti, Paolo Guidi"
    # trafilatura lists the publisher's town and country too: no people
    assert author_of("Marta Fioravanti; Lucca; Italia", []) == "Marta Fioravanti"
    assert short_author("Marta Fioravanti, Paolo De Santis") == "M. Fioravanti, P. De Santis"


def test_the_byline_under_the_title_over_a_metadata_name_it_does_not_sign() -> None:
    assert author_of("Webmaster Gazzetta", ["Di Marta Fioravanti"]) == "Marta Fioravanti"
    # the metadata's fuller form of the same signature stands
    assert author_of("Marta Fioravanti; Paolo Guidi", ["Di Marta Fioravanti"]) == (
        "Marta Fioravanti, Paolo Guidi")
    assert author_of("Redazione", ["Di Marta Fioravanti"]) == ""  # the desk signed it


def test_signatures_inside_the_dateline() -> None:
    assert byline_in(["Pubblicato il 3 dicembre 2023 da Marta Fioravanti"]) == "Marta Fioravanti"
    assert byline_in(["3 dicembre 2023 | di Marta Fioravanti | Cultura"]) == "Marta Fioravanti"
    assert byline_in(["Il 3 dicembre 2023 da Lucca parte il corteo"]) == ""
    assert byline_in(["3 dicembre 2023 - di Redazione"]) == ""


def test_byline_forms_of_co_authors_and_other_languages() -> None:
    assert clean_author("di Marta Fioravanti e Paolo Guidi") == "Marta Fioravanti, Paolo Guidi"
    assert clean_author("di Marta Fioravanti, Lucca") == "Marta Fioravanti"
    assert clean_author("Von Marta Fioravanti") == "Marta Fioravanti"  # South Tyrol's press
    assert clean_author("View all posts by Marta Fioravanti") == "Marta Fioravanti"
    assert clean_author("'Marta Fioravanti") == "Marta Fioravanti"


# -- hostile input --------------------------------------------------------------------


@given(st.text(max_size=120))
def test_url_day_is_a_day_or_none(path: str) -> None:
    day = _url_day("https://g.test/" + path)
    assert day is None or isinstance(day, dt.date)


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_every_form_of_a_day_names_it(day: dt.date) -> None:
    assert _url_day(f"https://g.test/{day:%Y/%m/%d}/titolo") == day
    for line in (f"{day:%d.%m.%Y}", f"{day.day}/{day.month}/{day.year}", day.isoformat(),
                 f"{day.day}. {day:%B} {day.year}", f"{day:%B} {day.day}, {day.year}"):
        assert _names_day(line, day), line
    assert not _names_day(f"{day.day}/{day.month}/{day.year + 1}", day)


@given(st.text(max_size=80))
def test_any_byline_gives_a_clean_signature(byline: str) -> None:
    name = clean_author(byline)
    assert ";" not in name and all(part.strip() for part in name.split(", ") if name)
    short_author(name)


@given(st.text(max_size=40), st.lists(st.text(max_size=60), max_size=4))
def test_any_found_date_and_lines(found: str, lines: list[str]) -> None:
    html = page()
    got = page_dates(html_tree(html), html, "https://g.test/a", lines, FETCHED, found,
                     after=len(lines))
    assert got.published is None or got.published.date() <= FETCHED.date()


@given(st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2099, 12, 31)),
       st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=1)),
                        dt.timezone(dt.timedelta(hours=-5))]))
def test_iso_metadata_is_read_in_italian_time(moment: dt.datetime, zone: dt.tzinfo) -> None:
    stated = moment.replace(microsecond=0, tzinfo=zone)
    rome = stated.astimezone(ZoneInfo("Europe/Rome")).replace(tzinfo=None)
    assert parse_date(stated.isoformat()) == rome
    assert parse_date(stated.isoformat().replace("+00:00", "Z")) == rome
    assert parse_date(moment.replace(microsecond=0).isoformat()) == moment.replace(microsecond=0)


def test_a_time_with_the_outlets_own_offset_is_its_day_as_written() -> None:
    # 20:06 in Lima is 03:06 the next day in Rome: the outlet published on the 7th
    head = '<meta property="article:published_time" content="2022-05-07T20:06:23-05:00">'
    assert published(page(head=head)) == dt.date(2022, 5, 7)
