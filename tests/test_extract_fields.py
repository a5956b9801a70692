"""Every date, byline, outlet and export form the extraction issue lists, one by one."""

from __future__ import annotations

import datetime as dt

import pytest

from common.errors import ExtractionError
from extract import (
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

FETCHED = dt.datetime(2023, 12, 5, 10, 0)
TEXT = (
    "<p>Il progetto LgNet2 ha fatto tappa a Perugia, dove il Comune ha presentato i risultati "
    "di due anni di lavoro con le associazioni del territorio e con le scuole della città.</p>"
    "<p>«Abbiamo costruito una rete che funziona», ha detto l'assessora Chiara Benedetti, "
    "ricordando i centoventi nuclei familiari accompagnati verso l'autonomia abitativa.</p>"
    "<p>Il tour proseguirà a dicembre con le ultime tappe nel Mezzogiorno, da Bari a "
    "Palermo, prima dell'incontro nazionale della rete in programma a Roma.</p>"
)


def page(header: str, head: str = "", charset: str = "utf-8", title: str = "") -> str:
    """A page with no date or author metadata: only the visible lines under the title."""
    title = title or "LgNet2 a Perugia: una rete che funziona"
    return f"""<!DOCTYPE html><html lang="it"><head><meta charset="{charset}">
<title>{title}</title>{head}</head><body>
<nav><a href="/">Home</a> <a href="/cronaca/">Cronaca</a></nav>
<aside class="related"><h3>Leggi anche</h3><p>Maltempo, allerta gialla 12/12/2023</p></aside>
<article><h1>{title}</h1>
<div class="meta">{header}</div>
<div class="share">Condividi su Facebook</div>
<div class="testo">{TEXT}</div></article>
<section class="comments"><p>Non ci sono commenti, vuoi farlo tu?</p></section>
<footer>© 2023 Gazzetta Umbra – Registrazione n. 12/2008</footer>
</body></html>"""


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("27 Ottobre 2023", dt.datetime(2023, 10, 27)),
        ("16.11.2023 - 15:08", dt.datetime(2023, 11, 16, 15, 8)),
        ("Di venerdì 24 novembre 2023", dt.datetime(2023, 11, 24)),
        ("29 Novembre 2023 13:53", dt.datetime(2023, 11, 29, 13, 53)),
        ("21 NOVEMBRE 2023 - 13:02", dt.datetime(2023, 11, 21, 13, 2)),
        ("[01 Dicembre 2023]", dt.datetime(2023, 12, 1)),
        ("Published 1 Dic 2023", dt.datetime(2023, 12, 1)),
        ("23/10/2023", dt.datetime(2023, 10, 23)),
        ("18 October 2023", dt.datetime(2023, 10, 18)),
        ("28 set 2023, 16:40", dt.datetime(2023, 9, 28, 16, 40)),  # not the English "set"
        ("5 sett. 2023", dt.datetime(2023, 9, 5)),
        # social posts: relative to the fetch time, year taken from it
        ("2 g", dt.datetime(2023, 12, 3, 10, 0)),
        ("3 h", dt.datetime(2023, 12, 5, 7, 0)),
        ("27 ottobre alle ore 17:04", dt.datetime(2023, 10, 27, 17, 4)),
        ("ieri alle 18:30", dt.datetime(2023, 12, 4, 18, 30)),
    ],
)
def test_italian_date_forms(line: str, published: dt.datetime) -> None:
    assert find_dates([line], FETCHED).published == published


def test_metadata_dates_in_utc_are_read_in_italian_time() -> None:
    assert parse_date("2023-11-16T23:30:00Z") == dt.datetime(2023, 11, 17, 0, 30)
    assert parse_date("2023-11-16T23:30:00+01:00") == dt.datetime(2023, 11, 16, 23, 30)
    assert parse_date("16.11.2023 - 23:30") == dt.datetime(2023, 11, 16, 23, 30)


def test_a_year_less_date_is_never_after_the_fetch() -> None:
    # fetched in January: "27 dicembre" is last year's
    assert parse_date("27 dicembre alle ore 9:00", dt.datetime(2024, 1, 3)) == dt.datetime(
        2023, 12, 27, 9, 0
    )


def test_relative_dates_only_alone_in_their_element() -> None:
    assert find_dates(["Ci vogliono 2 g di lavoro per finire"], FETCHED).published is None
    assert parse_date("nessuna data qui") is None


def test_updated_is_kept_apart_from_published() -> None:
    dates = find_dates(["Aggiornato il 3 dicembre 2023 alle 10:15", "1 dicembre 2023"], FETCHED)
    assert dates.updated == dt.datetime(2023, 12, 3, 10, 15)
    assert dates.published == dt.datetime(2023, 12, 1)


def test_dateline_at_the_start_of_the_text_counts_but_dates_inside_it_do_not() -> None:
    opening = "MILANO, 25 ottobre 2023 – Intercettare i migranti " + "in condizione " * 20
    event = "Il progetto, presentato il 3 novembre 2023 a Roma, " + "prosegue " * 30
    assert find_dates([opening]).published == dt.datetime(2023, 10, 25)
    assert find_dates([event]).published is None


@pytest.mark.parametrize(
    ("header", "published", "author"),
    [
        ("By Alice Gipponi<br>26 Ottobre 2023", dt.date(2023, 10, 26), "Alice Gipponi"),
        ("Di <strong>Redazione</strong> - 24 Novembre 2023", dt.date(2023, 11, 24), ""),
        ("di Redazione Genova24<br>29 Novembre 2023 13:53", dt.date(2023, 11, 29), ""),
        ('<a href="/autore/dimeo">GIOVANNI DI MEO</a><div>21 NOVEMBRE 2023 - 13:02</div>',
         dt.date(2023, 11, 21), "Giovanni Di Meo"),
        ("Autore : casertanotizie<br>Di venerdì 24 novembre 2023", dt.date(2023, 11, 24), ""),
        ("<div>Di</div><div>redazione</div><div>-</div><div>25 Ottobre 2023</div>",
         dt.date(2023, 10, 25), ""),
        ("DI <a href='#'>GIULIA MASCIA</a> 22 NOVEMBRE 2023 35 MINUTI DI LETTURA",
         dt.date(2023, 11, 22), "Giulia Mascia"),
        ("<span>2 g</span>", dt.date(2023, 12, 3), ""),
    ],
)
def test_byline_and_dateline_read_off_the_page(
    header: str, published: dt.date, author: str
) -> None:
    article = article_from_html(page(header), "https://www.gazzettaumbra.test/a/", None, FETCHED)
    assert article.published == published
    assert article.author == author
    assert "Non ci sono commenti" not in article.text and "Condividi" not in article.text


def test_short_article_text_keeps_no_title_byline_or_dateline() -> None:
    html = (
        "<html><head><title>Milano fra i Comuni della rete LgNet2</title></head><body>"
        "<article><h1>Milano fra i Comuni della rete LgNet2</h1><p>By Alice Gipponi</p>"
        "<p>26 Ottobre 2023</p><p>Intercettare i migranti in condizione di particolare "
        "vulnerabilità ed emarginazione sociale che vivono nelle nostre città e favorirne la "
        "presa in carico. È questo l'obiettivo del progetto LgNet2, finanziato con le "
        "risorse europee del Fondo FAMI 2014-2020.</p></article></body></html>"
    )
    article = article_from_html(html, "https://www.dietrolanotizia.test/2023/10/milano/")
    assert article.text.startswith("Intercettare i migranti")
    assert "Gipponi" not in article.text and "26 Ottobre" not in article.text
    assert (article.author, article.published) == ("Alice Gipponi", dt.date(2023, 10, 26))


def test_page_metadata_wins_and_updated_is_kept_apart() -> None:
    head = (
        '<meta property="article:published_time" content="2023-11-16T15:08:00+01:00">'
        '<meta property="article:modified_time" content="2023-11-18T09:00:00+01:00">'
    )
    article = article_from_html(page("Aggiornato il 18 novembre 2023", head), "https://g.test/a")
    assert article.published == dt.date(2023, 11, 16)
    assert article.updated == dt.date(2023, 11, 18)


def test_a_page_stating_no_date_gets_none_not_a_date_from_its_boxes() -> None:
    article = article_from_html(page("di Alice Gipponi"), "https://www.g.test/perugia/rete/")
    assert article.published is None  # the box's 12/12/2023 and the footer's 12/2008 ignored


def test_the_date_bar_of_the_site_header_is_not_the_article_date() -> None:
    html = page("di Alice Gipponi").replace(
        "<body>", '<body><header class="top"><span>Lunedì 4 dicembre 2023</span>'
        '<a href="/">Gazzetta Umbra</a></header>'
    )
    # no <article> around the title: the whole page is read for its dateline
    html = html.replace("<article>", '<div class="post">').replace("</article>", "</div>")
    assert article_from_html(html, "https://g.test/a", None, FETCHED).published is None


def test_fetch_time_with_a_timezone_counts_in_italian_time() -> None:
    fetched = dt.datetime(2023, 12, 4, 23, 30, tzinfo=dt.UTC)  # 00:30 on the 5th in Rome
    article = article_from_html(page("<span>1 h</span>"), "https://g.test/a", None, fetched)
    assert article.published == dt.date(2023, 12, 4)


@pytest.mark.parametrize(
    "head_title",
    [
        "Genova fra i Comuni della rete LgNet2 - Genova24",
        "Genova fra i Comuni della rete LgNet2 | Genova24",
        "Genova24 | Genova fra i Comuni della rete LgNet2",
    ],
)
def test_title_without_the_outlet_name(head_title: str) -> None:
    html = (
        f'<html><head><title>{head_title}</title><meta property="og:site_name" '
        f'content="Genova24"></head><body><div class="post"><p>{TEXT}</p></div></body></html>'
    )
    article = article_from_html(html, "https://www.genova24.it/2023/11/genova-lgnet2/")
    assert (article.title, article.outlet) == ("Genova fra i Comuni della rete LgNet2",
                                               "Genova24")


def test_xhtml_page_with_xml_declaration() -> None:
    html = '<?xml version="1.0" encoding="utf-8"?>\n' + page("di Alice Gipponi<br>27 Ottobre 2023")
    article = article_from_html(html.encode(), "https://g.test/a", "utf-8")
    assert (article.author, article.published) == ("Alice Gipponi", dt.date(2023, 10, 27))


def test_windows_1252_page_without_declared_encoding() -> None:
    html = page("di Niccolò Forlì<br>27 Ottobre 2023", charset="windows-1252")
    article = article_from_html(html.encode("cp1252"), "https://g.test/a", encoding=None)
    assert "«Abbiamo costruito una rete che funziona»" in article.text
    assert "città" in article.text
    assert article.author == "Niccolò Forlì"


@pytest.mark.parametrize(
    ("byline", "person"),
    [
        ("By Alice Gipponi", "Alice Gipponi"),
        ("Di Redazione - 24 Novembre 2023", ""),
        ("di Redazione Genova24", ""),
        ("[GIOVANNI DI MEO](#)", "Giovanni Di Meo"),
        ("Autore : casertanotizie", ""),
        ("diRedazione", ""),
        ("diredazione", ""),
        ("By **Redazione**", ""),
        ("Published 1 Dic 2023", ""),
        ("Di Maria De Luca - 3 dicembre 2023", "Maria De Luca"),
        ("DI DARIO FURLAN venerdì 17 novembre 2023", "Dario Furlan"),
        # a first name that starts like a signature word keeps its letters
        ("Diego Rossi", "Diego Rossi"),
        ("di Diana Bianchi", "Diana Bianchi"),
        ("Byron Neri", "Byron Neri"),
    ],
)
def test_byline_forms(byline: str, person: str) -> None:
    assert clean_author(byline) == person


def test_byline_search_in_lines() -> None:
    assert byline_in(["Migranti Bolzano", "Progetto Rete LgNet2", "19 ottobre 2023"]) == ""
    assert byline_in(["[GIOVANNI DI MEO](#)", "21 NOVEMBRE 2023 - 13:02"]) == "Giovanni Di Meo"
    assert byline_in(["Di", "redazione", "-", "25 Ottobre 2023"]) == ""
    assert author_of("Redazione", ["By Alice Gipponi"]) == ""  # the desk signed it
    assert author_of("Published 1 Dic 2023", ["By [Dario Furlan](#)"]) == "Dario Furlan"
    # above the title, a name-like line next to the date is a section label
    assert author_of(None, [], ["Cronaca Genova", "29 Novembre 2023"]) == ""
    assert author_of(None, ["Testo"], ["di Alice Gipponi"]) == "Alice Gipponi"


def test_short_author_keeps_surname_particles() -> None:
    assert short_author("Giovanni Di Meo") == "G. Di Meo"
    assert short_author("Maria Grazia De Luca") == "M. G. De Luca"
    assert short_author("Alice Gipponi") == "A. Gipponi"


def test_outlet_display_name_in_order_of_trust() -> None:
    og = '<meta property="og:site_name" content="Gazzetta Umbra">'
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "publisher": '
          '{"@type": "Organization", "name": "Corriere del Lago"}}</script>')
    url = "https://www.gazzettaumbra.test/a/"
    assert outlet_of(page("", og + ld), url).name == "Gazzetta Umbra"
    assert outlet_of(page("", ld), url).name == "Corriere del Lago"
    titled = page("", title="Rete LgNet2 - Umbria 24")
    assert outlet_of(titled, url, headline="Rete LgNet2").name == "Umbria 24"
    assert outlet_of(page(""), url).name == "gazzettaumbra.test"
    assert outlet_of(page(""), url).domain == "gazzettaumbra.test"


@pytest.mark.parametrize(
    ("url", "body", "aggregator", "original", "domain"),
    [
        ("https://www.zazoom.it/2023/11/29/genova/", "<p>Fonte: Genova24</p>",
         "Zazoom", "Genova24", ""),
        ("https://notizie.virgilio.it/genova-rete-lgnet2/",
         '<p>Leggi su <a href="https://www.genova24.it/2023/11/x/">genova24.it</a></p>',
         "Virgilio.it", "genova24.it", "genova24.it"),
        ("https://www.informazione.it/a/ABC/lgnet2",
         "<div>Fonte: ilmattinoquotidiano.it</div>",
         "Informazione.it", "ilmattinoquotidiano.it", "ilmattinoquotidiano.it"),
        ("https://www.msn.com/it-it/notizie/italia/lgnet2/ar-AA1kX",
         '<link rel="canonical" href="https://www.ansa.it/sito/notizie/x.html">',
         "MSN", "ansa.it", "ansa.it"),
        ("https://news.google.com/articles/CBMiX",
         '<p>Continua a leggere su <a href="https://www.torinoggi.it/2023/x">TorinOggi</a></p>',
         "Google News", "TorinOggi", "torinoggi.it"),
    ],
)
def test_aggregators_name_the_original_outlet(
    url: str, body: str, aggregator: str, original: str, domain: str
) -> None:
    html = f"<html><head><title>x</title></head><body>{body}</body></html>"
    outlet = outlet_of(html, url)
    assert (outlet.name, outlet.original_name, outlet.original_domain) == (
        aggregator, original, domain
    )


def test_aggregator_copy_extracted_with_its_original() -> None:
    html = page("<p>Fonte: Gazzetta Umbra</p>27 Ottobre 2023")
    article = article_from_html(html, "https://www.zazoom.it/2023/10/27/perugia/")
    assert article.outlet == "Zazoom"
    assert article.original_outlet == "Gazzetta Umbra"


FACTIVA = """Torino nel progetto inclusivo LgNet2, in 160 trovano un tetto.

249 words

18 October 2023

17:45

ANSA - Regional Service

ANSARE

Italian

© 2023 ANSA.

Iniziativa coordinata dal Viminale con l'Anci

(ANSA) - TORINO, 18 OTT - Ha fatto tappa a Torino il tour del progetto.

Il progetto continua."""

FEED_FIRST = """Anche Taranto fra Comuni rete **LgNet2** per includere migranti.

ANSA - Regional Service

21 November 2023 13:12,

286 words,

Italian,

© 2023 ANSA.

i risultati saranno presentati con un docufilm (ANSA) - TARANTO, 21 NOV - Intercettare."""

MASTHEAD = """Il Messaggero.it

Latina - LATINA; Accoglienza, Latina nella rete LgNet2

1.197 words

29 October 2023

Il Messaggero

MSGO

Italian

© 2023. Il Messaggero

Latina entra fra i Comuni della rete LgNet2. Il progetto prosegue."""


def test_agency_export_fields() -> None:
    item = parse_agency_export(FACTIVA)
    assert item.title == "Torino nel progetto inclusivo LgNet2, in 160 trovano un tetto."
    assert (item.words, item.published, item.time) == (249, dt.date(2023, 10, 18),
                                                       dt.time(17, 45))
    assert (item.feed, item.feed_code, item.language) == ("ANSA - Regional Service", "ANSARE",
                                                          "Italian")
    assert item.copyright == "© 2023 ANSA."
    assert item.subtitle == "Iniziativa coordinata dal Viminale con l'Anci"
    assert item.text.startswith("(ANSA) - TORINO, 18 OTT") and item.text.endswith("continua.")


def test_agency_export_with_feed_before_date_and_glued_summary() -> None:
    item = parse_agency_export(FEED_FIRST)
    assert item.title == "Anche Taranto fra Comuni rete LgNet2 per includere migranti."
    assert item.feed == "ANSA - Regional Service" and item.feed_code == ""
    assert (item.published, item.time, item.words) == (dt.date(2023, 11, 21), dt.time(13, 12),
                                                       286)
    assert item.subtitle == "i risultati saranno presentati con un docufilm"
    assert item.text.startswith("(ANSA) - TARANTO")


def test_agency_export_with_masthead_and_edition() -> None:
    item = parse_agency_export(MASTHEAD)
    assert item.source == "Il Messaggero.it" and item.feed == "Il Messaggero"
    assert item.title == "LATINA; Accoglienza, Latina nella rete LgNet2"
    assert item.words == 1197 and item.time is None


def test_not_an_export_is_refused_with_reason() -> None:
    assert is_agency_export(FACTIVA) and not is_agency_export("Un titolo\n\nUn testo.")
    with pytest.raises(ExtractionError, match="not a press-database export"):
        parse_agency_export("Un titolo\n\nUn testo qualunque, senza intestazione.")
