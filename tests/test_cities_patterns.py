"""Cities and the main city on sentences we write, one pattern each.

Every comune named counts, by its ISTAT name, also inside an organisation's name and in
its short or variant forms; streets, buildings, quarters, areas, provinces in
parentheses, surnames and common words that are comuni do not.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extract.entities import Entities, analyse
from extract.entities.cities import plain_text
from extract.entities.gazetteers import gazetteers


def one(text: str, title: str = "") -> Entities:
    return analyse([text], [title])[0]


def names(text: str) -> list[str]:
    return list(one(text).city_names)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # streets, buildings, quarters and areas named after a comune
        ("Il cantiere di via Bologna e di piazza Venezia chiude.", []),
        ("Chiusa per lavori via d'Ancona fino a sera.", []),
        ("Riapre il mercato di Porta Genova.", []),
        ("La sagra del quartiere San Donato si sposta a giugno.", []),
        ("La Fondazione Montale premia tre studenti.", []),
        ("Concerto a Palazzo Venezia sabato sera.", []),
        ("Nell'Alpago arrivano i ciclisti.", []),
        ("La navetta sale anche sul Montello.", []),
        ("Nuove fermate nella frazione di Verano.", []),
        ("Neve nei paesi della provincia di Belluno.", []),
        # surnames that are comuni
        ("In aula ha risposto l'assessore Ragusa.", []),
        ("Ne ha parlato Ilario Brindisi. Per Brindisi la gara va rifatta.", []),
        ("La rocca di Matilde di Canossa riapre.", []),
        ("Alla gara di lettura hanno vinto Marta e Sergio.", []),
        # words that are comuni
        ("Più di cento persone hanno visto la massa d'acqua sull'ala nord.", []),
        ("Però il progetto si ferma.", []),
        # the comune is named
        ("Il sindaco di Sale ha firmato l'ordinanza.", ["Sale"]),
        ("Il ricorso pende al tribunale di Modena.", ["Modena"]),
        ("L'assessore Brindisi è nato a Brindisi.", ["Brindisi"]),
        ("La linea Pavia-Vigevano cambia orario.", ["Pavia", "Vigevano"]),
        # a province or a quarter in parentheses after the comune
        ("Arco (Trento) - Chiude per lavori la piscina comunale.", ["Arco"]),
        ("Apre a Roma (tra Monteverde e Trastevere) un nuovo asilo.", ["Roma"]),
    ],
)
def test_what_is_a_comune(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # short forms need a cue: a place preposition or a list of comuni
        ("Corse notturne tra Venaria Reale e Borgaro.", ["Venaria Reale", "Borgaro Torinese"]),
        ("Il mercato arriva a Ceglie.", ["Ceglie Messapica"]),
        ("Borgaro è un nome che si legge spesso.", []),
        # the short form several comuni share: the one nearest the other comuni
        ("Scuole chiuse a Bussolengo, Pastrengo, Povegliano e Caprino.",
         ["Bussolengo", "Pastrengo", "Povegliano Veronese", "Caprino Veronese"]),
        ("Strade chiuse a Treviso, Povegliano e Villorba.", ["Treviso", "Povegliano", "Villorba"]),
        # written variants
        ("Allagamenti a S. Agata, Lugo e Massa Lombarda.",
         ["Sant'Agata sul Santerno", "Lugo", "Massa Lombarda"]),
        ("I fondi per Cava dei Tirreni e Nocera Inferiore.",
         ["Cava de' Tirreni", "Nocera Inferiore"]),
        ("Contributi: Ostuni 14.250,00; Ceglie 8.300,40; Cisternino 6.900,00.",
         ["Ostuni", "Ceglie Messapica", "Cisternino"]),
        ("Biblioteche chiuse a Monforte d’Alba e a Cantù.", ["Monforte d'Alba", "Cantù"]),
        ("Da Montecatini Terme a Pistoia in treno.", ["Montecatini-Terme", "Pistoia"]),
    ],
)
def test_short_and_variant_forms(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_a_name_as_written_keeps_its_offsets() -> None:
    text = "Fondi a Cantù e Paternò, poi a Monforte d’Alba."
    for city in one(text).cities:
        assert text[city.start:city.end] == city.text
    assert [c.text for c in one(text).cities] == ["Cantù", "Paternò", "Monforte d’Alba"]


# -- main city ---------------------------------------------------------------


def test_a_dateline_names_the_main_city() -> None:
    text = ("LODI (LO) – Approvato il piano del traffico. Il sindaco di Codogno vuole "
            "portarlo a Codogno, e poi nei paesi intorno a Codogno.")
    assert one(text).main_city == "Lodi"


def test_two_comuni_level_at_the_top_are_no_main_city() -> None:
    text = ("Parma, Piacenza e Cremona firmano il patto sul fiume. Una settimana dopo "
            "Piacenza apre i cantieri, Parma li rinvia.")
    assert one(text).main_city == ""


def test_a_regional_list_is_no_main_city() -> None:
    text = ("Il ministero finanzia i piani di Cuneo, Asti e Biella: a Cuneo nove "
            "cantieri, ad Asti sette, a Biella cinque.")
    assert one(text).main_city == ""


def test_the_town_hall_names_the_main_city_when_no_comune_is() -> None:
    found = one("Da Palazzo Tursi arriva il via libera al piano dei parcheggi.")
    assert found.main_city == "Genova"
    assert found.cities == ()


def test_a_town_hall_does_not_outweigh_a_comune_named() -> None:
    assert one("A Verona, come a Palazzo Tursi, se ne discute.").main_city == "Verona"


# -- hostile input -----------------------------------------------------------

PIECES = st.sampled_from([
    "Roma", "via", "Roma", "Sale", "sale", "a", "di", "Comune", "Reggio", "Emilia",
    "Reggio Emilia", "Cantù", "Monforte d’Alba", "Pavia-Vigevano", "-", "–", "(", ")", "(TO)",
    "S.", "Agata", "Sant’", "Agata", "e", ",", ";", "Ilario", "Brindisi", "l'assessore",
    "provincia", "del", "Palazzo", "Tursi", "12.000,50", "ﬁ", "É", "À", "\n", "’", "'",
])
texts = st.one_of(
    st.lists(PIECES, max_size=25).map(" ".join),
    st.lists(PIECES, max_size=25).map("".join),
    st.text(max_size=120),
)


@settings(max_examples=80, deadline=None)
@given(text=texts)
@example(text="Pavia-–Vigevano ﬁÉ Cantù–(Trento)")
def test_cities_of_any_text_are_spans_of_it(text: str) -> None:
    comuni = {c.name for found in gazetteers().comuni.values() for c in found}
    found = one(text)
    for city in found.cities:
        assert text[city.start:city.end] == city.text
        assert city.name in comuni
    assert found.main_city == "" or found.main_city in comuni


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_the_plain_text_is_as_long_as_the_text(text: str) -> None:
    assert len(plain_text(text)) == len(text)


def test_a_saints_short_form_needs_a_list() -> None:
    assert names("La fiera torna a San Martino come ogni anno.") == []
    assert names("Scuole chiuse a S. Agata, Lugo e Massa Lombarda.") == [
        "Sant'Agata sul Santerno", "Lugo", "Massa Lombarda"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La Regione Friuli Venezia Giulia finanzia il piano.", []),
        ("In Valle d'Aosta nevica, ad Aosta no.", ["Aosta"]),
        ("Il Comune della Spezia e i sindaci dell'Aquila.", ["La Spezia", "L'Aquila"]),
    ],
)
def test_regions_and_names_with_their_article(text: str, expected: list[str]) -> None:
    assert names(text) == expected
