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
        ("Riapre il mercato di Borgo Roma.", []),
        ("La festa del quartiere San Lorenzo torna a maggio.", []),
        ("Un contributo della Fondazione Cavour alla scuola.", []),
        ("Mostra aperta a Palazzo Aragona fino a domenica.", []),
        ("Nel Salento arrivano i turisti.", []),
        ("La raccolta arriva anche alla Civita.", []),
        ("Navette per le zone di Picciano e Case Sparse.", []),
        ("Allerta nei comuni della provincia di Messina.", []),
        # surnames that are comuni
        ("Lo ha spiegato l'assessore Ragusa in aula.", []),
        ("Ne ha parlato Giusto Catania. Secondo Catania il piano va avanti.", []),
        ("Il palazzo di Isabella d'Aragona riapre.", []),
        ("Hanno tagliato il nastro Marta e Luca, due studenti.", []),
        # words that are comuni
        ("Più di cento persone hanno visto la massa d'acqua sull'ala nord.", []),
        ("Però il progetto si ferma.", []),
        # the comune is named
        ("Il sindaco di Cento ha firmato.", ["Cento"]),
        ("Una causa davanti al tribunale di Ferrara.", ["Ferrara"]),
        ("L'assessore Catania vive a Catania da sempre.", ["Catania"]),
        ("La linea Lecce-Arnesano cambia orario.", ["Lecce", "Arnesano"]),
        # a province or a quarter in parentheses after the comune
        ("Ala (Trento) - Il consiglio comunale approva il bilancio.", ["Ala"]),
        ("Riapre a Bergamo (tra Loreto e San Paolo) la biblioteca.", ["Bergamo"]),
    ],
)
def test_what_is_a_comune(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # short forms need a cue: a place preposition or a list of comuni
        ("Nuovi bus tra Chieri e Pecetto.", ["Chieri", "Pecetto Torinese"]),
        ("Il servizio arriva a Santeramo.", ["Santeramo in Colle"]),
        ("Pecetto è un nome che torna spesso.", []),
        # the short form several comuni share: the one nearest the other comuni
        ("Scuole chiuse a Taormina, Letojanni, Furci e Nizza.",
         ["Taormina", "Letojanni", "Furci Siculo", "Nizza di Sicilia"]),
        ("Scuole chiuse a Chieti, Furci e Vasto.", ["Chieti", "Furci", "Vasto"]),
        # written variants
        ("Allerta a S. Teresa, Letojanni e Taormina.",
         ["Santa Teresa di Riva", "Letojanni", "Taormina"]),
        ("I fondi per Castrignano dei Greci e Galatina.",
         ["Castrignano de' Greci", "Galatina"]),
        ("Fondi a Cursi 12.000,00; Castrì 9.000,50; Calimera 7.100,00.",
         ["Cursi", "Castri di Lecce", "Calimera"]),
        ("Chiuse le scuole a Forza d’Agrò e Taormina.", ["Forza d'Agrò", "Taormina"]),
        ("Da Giardini Naxos a Taormina in bus.", ["Giardini-Naxos", "Taormina"]),
    ],
)
def test_short_and_variant_forms(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_a_name_as_written_keeps_its_offsets() -> None:
    text = "Fondi a Cursi e Castrì, poi a Forza d’Agrò."
    for city in one(text).cities:
        assert text[city.start:city.end] == city.text
    assert [c.text for c in one(text).cities] == ["Cursi", "Castrì", "Forza d’Agrò"]


# -- main city ---------------------------------------------------------------


def test_a_dateline_names_the_main_city() -> None:
    text = ("VASTO (CH) – La giunta ha approvato il piano. Il sindaco di San Salvo ha "
            "chiesto di estenderlo a San Salvo e ai comuni vicini di San Salvo.")
    assert one(text).main_city == "Vasto"


def test_two_comuni_level_at_the_top_are_no_main_city() -> None:
    text = ("Pisa, Livorno e Lucca firmano l'accordo sulle spiagge. Il giorno dopo "
            "Livorno apre i lidi, Pisa li chiude.")
    assert one(text).main_city == ""


def test_a_regional_list_is_no_main_city() -> None:
    text = ("La Regione ha scelto i progetti di Padova, Vicenza e Treviso. A Padova dieci "
            "alloggi, a Vicenza dodici, a Treviso otto.")
    assert one(text).main_city == ""


def test_the_town_hall_names_the_main_city_when_no_comune_is() -> None:
    found = one("La giunta di Palazzo Vecchio ha approvato il nuovo appalto delle mense.")
    assert found.main_city == "Firenze"
    assert found.cities == ()


def test_a_town_hall_does_not_outweigh_a_comune_named() -> None:
    assert one("A Bergamo, come a Palazzo Vecchio, si discute.").main_city == "Bergamo"


# -- hostile input -----------------------------------------------------------

PIECES = st.sampled_from([
    "Roma", "via", "Roma", "Cento", "cento", "a", "di", "Comune", "Reggio", "Emilia",
    "Reggio Emilia", "Castrì", "Forza d’Agrò", "Lecce-Arnesano", "-", "–", "(", ")", "(TO)",
    "S.", "Teresa", "Sant’", "Alessio", "e", ",", ";", "Giusto", "Catania", "l'assessore",
    "provincia", "del", "Palazzo", "Vecchio", "12.000,50", "ﬁ", "É", "À", "\n", "’", "'",
])
texts = st.one_of(
    st.lists(PIECES, max_size=25).map(" ".join),
    st.lists(PIECES, max_size=25).map("".join),
    st.text(max_size=120),
)


@settings(max_examples=80, deadline=None)
@given(text=texts)
@example(text="Lecce-–Arnesano ﬁÉ Castrì–(Trento)")
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
    assert names("Scuole chiuse a S. Teresa, Letojanni e Taormina.") == [
        "Santa Teresa di Riva", "Letojanni", "Taormina"
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
