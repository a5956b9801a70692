"""Figures on sentences we write, one pattern each, and what must not be a figure.

The patterns are those of real municipal news (the labelling conventions of the
entities development set): counted nouns after an article or an adjective, ranges,
amounts whose "euro" or "milioni" is left out, compound amounts, spelled numbers,
texts in capitals; and not figures: durations, measures, editions, hours, votes,
counts of abstract things, the number of a project's name.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extract.entities import Figure, analyse


def figures(text: str) -> list[Figure]:
    return list(analyse([text])[0].figures)


def found(text: str) -> list[tuple[str, float]]:
    return [(f.text, f.value) for f in figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an article between the number and its noun, kept in the span
        ("Oltre 300 le famiglie seguite dallo sportello.", [("Oltre 300 le famiglie", 300)]),
        ("Sono 45 i nuovi alloggi consegnati ieri.", [("45 i nuovi alloggi", 45)]),
        ("Sono 60 mila gli euro raccolti dalla colletta.", [("60 mila gli euro", 60_000)]),
        ("Oltre 12 i milioni di euro stanziati per le scuole.",
         [("Oltre 12 i milioni di euro", 12_000_000)]),
        ("Cinque le palestre rinnovate quest'anno.", [("Cinque le palestre", 5)]),
        # an adjective before the noun
        ("In servizio da lunedì 12 nuovi scuolabus elettrici.", [("12 nuovi scuolabus", 12)]),
        ("Aperte tre nuove aule studio in biblioteca.", [("tre nuove aule", 3)]),
        # ranges: the lower bound, the span from the first number
        ("Sono attese 200-250 persone al concerto.", [("200-250 persone", 200)]),
        ("Previsti 2-3mila visitatori alla fiera.", [("2-3mila visitatori", 2_000)]),
        ("I contributi vanno da 5.000 a oltre 20.000 euro a famiglia.",
         [("5.000 a oltre 20.000 euro", 5_000)]),
        # numbers as they are written
        ("Hanno partecipato circa 4 mila persone.", [("circa 4 mila persone", 4_000)]),
        ("Il registro conta 1250 iscritti.", [("1250 iscritti", 1250)]),
        ("Piantati 382 alberi e 6.925 arbusti.", [("382 alberi", 382), ("6.925 arbusti", 6925)]),
        ("Arrivano 7milioni per il porto.", [("7milioni", 7_000_000)]),
        ("Un piano da 9 mln approvato ieri.", [("9 mln", 9_000_000)]),
        ("Serviranno 2.5 milioni di euro.", [("2.5 milioni di euro", 2_500_000)]),
        # "milioni" alone is money; "mila" alone a quantity of what came before
        ("Il Comune ha stanziato 3 milioni per le strade.", [("3 milioni", 3_000_000)]),
        ("Il bilancio pareggia a 18,4 milioni; gli investimenti crescono.",
         [("18,4 milioni", 18_400_000)]),
        ("Gli anziani sono 30mila e saranno oltre 40mila tra vent'anni.",
         [("30mila", 30_000), ("oltre 40mila", 40_000)]),
        # compound amounts
        ("Il piano vale 12 milioni 350 mila euro.", [("12 milioni 350 mila euro", 12_350_000)]),
        ("Costerà un milione e 800 mila euro.", [("un milione e 800 mila euro", 1_800_000)]),
        ("Spesi in tutto 4 milioni e mezzo.", [("4 milioni e mezzo", 4_500_000)]),
        ("Un miliardo e 200 milioni di euro per la metropolitana.",
         [("Un miliardo e 200 milioni di euro", 1_200_000_000)]),
        ("La richiesta supera il milione di euro.", [("il milione di euro", 1_000_000)]),
        ("Sono arrivati una ventina di volontari.", [("una ventina di volontari", 20)]),
        ("Quando ero in giunta ne ho aperte una decina.", [("una decina", 10)]),
        # the unit before the number
        ("Il biglietto costa euro 15 per gli adulti.", [("euro 15", 15)]),
        # after a dash or a colon with spaces around: a figure
        ("Sorbolo - Due nuove piscine per l'estate.", [("Due nuove piscine", 2)]),
        ("Il bando: 400 mila euro per le botteghe.", [("400 mila euro", 400_000)]),
        # capitals
        ("LA GIUNTA STANZIA DUE MILIONI E TRECENTOMILA EURO PER TRE SCUOLE",
         [("DUE MILIONI E TRECENTOMILA EURO", 2_300_000), ("TRE SCUOLE", 3)]),
    ],
)
def test_figures_as_the_press_writes_them(text: str, expected: list[tuple[str, float]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list of amounts: "euro" written once
        ("Ecco i fondi: Alfaro 12.345,67 euro; Betello 8.910,11; Gammano 7.000,50.",
         [("12.345,67 euro", 12345.67), ("8.910,11", 8910.11), ("7.000,50", 7000.5)]),
        # "milioni" written once
        ("Il piano comprende 2,5 milioni per la scuola, 1,5 per il ponte e 2 per le strade.",
         [("2,5 milioni", 2_500_000), ("1,5", 1_500_000), ("2", 2_000_000)]),
        ("Lavori per 1.6 milioni sul torrente, 1.3 per la galleria.",
         [("1.6 milioni", 1_600_000), ("1.3", 1_300_000)]),
        # the noun written once
        ("Previsti 32 nuovi alloggi in via Verdi e 18 in via Neri.",
         [("32 nuovi alloggi", 32), ("18", 18)]),
        # "12 dei 15 comuni": the first number counts what the second does
        ("Scuole chiuse in 12 dei 15 comuni della valle.", [("12", 12), ("15 comuni", 15)]),
        # the amount spelled out after its rounded form
        ("Arrivano quasi 5 milioni di euro, per l'esattezza 4.912.300.",
         [("quasi 5 milioni di euro", 5_000_000), ("4.912.300", 4_912_300)]),
    ],
)
def test_a_list_gives_its_unit_to_the_numbers_that_leave_it_out(
    text: str, expected: list[tuple[str, float]]
) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # durations and times
        "Il cantiere durerà 4 giorni.",
        "Lo ha guidato per tre anni.",
        "I lavori dureranno circa 8 mesi.",
        "Aperto dalle 9 alle 13 con ingresso libero.",
        "Dalle 10 alle 16 apertura straordinaria.",
        "Alle 10 i cancelli si aprono.",
        "2 minuti di lettura",
        "Il primo tratto apre tra 20 giorni.",
        # editions, ordinals, codes, project names
        "Giunta alla terza edizione, la festa cresce.",
        "Dopo tre edizioni la rassegna cambia sede.",
        "Il 1° gennaio entra in vigore.",
        "La linea 54 cambia percorso.",
        "Il fondo 2021-2027 finanzia la scuola.",
        # measures, votes, abstract things, office-holders, parts of one building
        "Una pista lunga 18 metri e un parco di 5 ettari.",
        "Approvata con 25 voti favorevoli e 4 astenuti.",
        "Il piano si articola in tre ambiti e due proposte.",
        "Rispondendo a due interpellanze in aula.",
        "Intorno al sindaco i 9 assessori.",
        "La palestra avrà altre due sale più piccole.",
        "Il rapporto è suddiviso in 15 punti.",
        "Il 30% delle famiglie e il 5 per cento dei giovani.",
        # a name: a spelled number and a noun capitalised mid-sentence
        "Riaperta la galleria Quattro Venti in tempo.",
        # a verb after the number
        "Aperto dalle 10 alle 13 offrendo visite.",
        # the number of a project's name
        "Il progetto Alfa 3 riparte a settembre.",
    ],
)
def test_not_figures(text: str) -> None:
    assert found(text) == []


def test_a_duration_does_not_hide_the_figure_after_it() -> None:
    text = "In tre anni sono stati assunti 40 educatori."
    assert found(text) == [("40 educatori", 40)]


def test_a_comune_before_a_number_is_not_a_name() -> None:
    assert found("A Roma 30 nuovi bus in servizio.") == [("30 nuovi bus", 30)]


def test_the_unit_of_money_left_out_is_euro() -> None:
    (figure,) = figures("Il Comune ha stanziato 3 milioni per le strade.")
    assert figure.unit == "euro"


# -- hostile input -----------------------------------------------------------

PIECES = st.sampled_from([
    "1", "2", "12", "300", "1.250", "2,5", "1.6", "3mila", "5milioni", "mila", "milioni",
    "miliardi", "mln", "un", "una", "il", "l'", "e", "mezzo", "decina", "centinaio", "euro",
    "€", "-", "–", "/", ":", ",", ";", ".", "(", ")", "%", "da", "a", "tra", "oltre", "circa",
    "i", "le", "gli", "nuovi", "persone", "famiglie", "anni", "giorni", "alle", "dei", "DUE",
    "EURO", "Cinque", "Quattro", "Giornate", "2014", "2020", "\n", "’", "9" * 30,
])
sentences = st.one_of(
    st.lists(PIECES, max_size=30).map(" ".join),
    st.lists(PIECES, max_size=30).map("".join),
    st.text(max_size=120),
)


@settings(max_examples=80, deadline=None)
@given(text=sentences)
@example(text="da 3 a e 1.000 euro - 2-3mila - il milione e mezzo")
@example(text="1 milioni e 999 milioni e 999 miliardi e 1 mln euro")
def test_figures_of_any_text_are_spans_of_it(text: str) -> None:
    for figure in figures(text):
        assert text[figure.start:figure.end] == figure.text
        assert figure.text.strip() == figure.text and figure.text
        assert math.isfinite(figure.value) and figure.value >= 0
