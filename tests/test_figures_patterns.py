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
        ("Oltre 250 le famiglie aiutate dal banco alimentare.", [("Oltre 250 le famiglie", 250)]),
        ("Sono 28 i nuovi alloggi pronti a marzo.", [("28 i nuovi alloggi", 28)]),
        ("Sono 60 mila gli euro raccolti dalla colletta.", [("60 mila gli euro", 60_000)]),
        ("Quasi 9 i milioni di euro destinati ai ponti.",
         [("Quasi 9 i milioni di euro", 9_000_000)]),
        ("Cinque le palestre rinnovate quest'anno.", [("Cinque le palestre", 5)]),
        # an adjective before the noun
        ("Da settembre circolano 8 nuovi pulmini a metano.", [("8 nuovi pulmini", 8)]),
        ("Aperte tre nuove aule studio in biblioteca.", [("tre nuove aule", 3)]),
        # ranges: the lower bound, the span from the first number
        ("Attese 150-180 persone alla sagra.", [("150-180 persone", 150)]),
        ("Stimati 4-5mila spettatori al palio.", [("4-5mila spettatori", 4_000)]),
        ("Il bonus per le botteghe va da 1.500 a oltre 6.000 euro.",
         [("1.500 a oltre 6.000 euro", 1_500)]),
        # numbers as they are written
        ("Hanno partecipato circa 4 mila persone.", [("circa 4 mila persone", 4_000)]),
        ("Il registro conta 1250 iscritti.", [("1250 iscritti", 1250)]),
        ("Messi a dimora 214 alberi e 3.480 arbusti.",
         [("214 alberi", 214), ("3.480 arbusti", 3480)]),
        ("Stanziati 4milioni per la diga.", [("4milioni", 4_000_000)]),
        ("Una variante da 6 mln votata in consiglio.", [("6 mln", 6_000_000)]),
        ("Serviranno 3.5 milioni di euro.", [("3.5 milioni di euro", 3_500_000)]),
        # "milioni" alone is money; "mila" alone a quantity of what came before
        ("Il Comune ha stanziato 3 milioni per le strade.", [("3 milioni", 3_000_000)]),
        ("Le entrate toccano 22,7 milioni; la spesa cala.",
         [("22,7 milioni", 22_700_000)]),
        ("I pendolari erano 12mila, oggi sono oltre 15mila.",
         [("12mila", 12_000), ("oltre 15mila", 15_000)]),
        # compound amounts
        ("L'opera costa 8 milioni 420 mila euro.", [("8 milioni 420 mila euro", 8_420_000)]),
        ("Costerà un milione e 300 mila euro.", [("un milione e 300 mila euro", 1_300_000)]),
        ("Investiti finora 6 milioni e mezzo.", [("6 milioni e mezzo", 6_500_000)]),
        ("Un miliardo e 600 milioni di euro per la nuova diga.",
         [("Un miliardo e 600 milioni di euro", 1_600_000_000)]),
        ("Il danno sfiora il milione di euro.", [("il milione di euro", 1_000_000)]),
        ("Sono arrivati una ventina di volontari.", [("una ventina di volontari", 20)]),
        ("Di sportelli così ne abbiamo già inaugurati una decina.", [("una decina", 10)]),
        # the unit before the number
        ("L'abbonamento costa euro 35 al mese.", [("euro 35", 35)]),
        # after a dash or a colon with spaces around: a figure
        ("Carpi - Tre nuove rotatorie entro l'autunno.", [("Tre nuove rotatorie", 3)]),
        ("Il fondo: 250 mila euro per i negozi.", [("250 mila euro", 250_000)]),
        # capitals
        ("IL COMUNE INVESTE TRE MILIONI E SEICENTOMILA EURO PER DUE PONTI",
         [("TRE MILIONI E SEICENTOMILA EURO", 3_600_000), ("DUE PONTI", 2)]),
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
        ("La variazione assegna 3,2 milioni al porto, 1,8 alla piscina e 4 ai parchi.",
         [("3,2 milioni", 3_200_000), ("1,8", 1_800_000), ("4", 4_000_000)]),
        ("Interventi per 2.4 milioni sulla diga, 1.7 per il viadotto.",
         [("2.4 milioni", 2_400_000), ("1.7", 1_700_000)]),
        # the noun written once
        ("Pronti 24 nuovi appartamenti in viale Alfa e 16 in piazza Beta.",
         [("24 nuovi appartamenti", 24), ("16", 16)]),
        # "9 dei 14 comuni": the first number counts what the second does
        ("Il servizio copre 9 dei 14 comuni dell'unione.", [("9", 9), ("14 comuni", 14)]),
        # the amount spelled out after its rounded form
        ("Sono in arrivo circa 3 milioni di euro, per la precisione 2.987.450.",
         [("circa 3 milioni di euro", 3_000_000), ("2.987.450", 2_987_450)]),
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
        "Il cantiere resterà aperto circa 7 mesi.",
        "Aperto dalle 9 alle 13 con ingresso libero.",
        "Dalle 15 alle 19 apertura straordinaria.",
        "Alle 10 i cancelli si aprono.",
        "4 minuti di lettura",
        "Il primo tratto apre tra 20 giorni.",
        # editions, ordinals, codes, project names
        "Giunta alla terza edizione, la festa cresce.",
        "Dopo tre edizioni la rassegna cambia sede.",
        "Il 1° gennaio entra in vigore.",
        "La linea 31 cambia percorso.",
        "Il fondo 2021-2027 finanzia la scuola.",
        # measures, votes, abstract things, office-holders, parts of one building
        "Una pista lunga 18 metri e un parco di 5 ettari.",
        "Passata con 19 voti a favore e 6 contrari.",
        "Il piano si articola in tre ambiti e due proposte.",
        "Ha replicato a tre interrogazioni in consiglio.",
        "In sala c'erano il sindaco e 7 assessori.",
        "Il museo avrà altre tre sale espositive.",
        "La relazione elenca 12 punti.",
        "Il 30% delle famiglie e il 5 per cento dei giovani.",
        # a name: a spelled number and a noun capitalised mid-sentence
        "Torna in scena il gruppo Sette Note a teatro.",
        # a verb after the number
        "Resterà aperto dalle 9 alle 12 accogliendo le scuole.",
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
    "1", "2", "12", "300", "1.250", "2,5", "2.4", "3mila", "5milioni", "mila", "milioni",
    "miliardi", "mln", "un", "una", "il", "l'", "e", "mezzo", "decina", "centinaio", "euro",
    "€", "-", "–", "/", ":", ",", ";", ".", "(", ")", "%", "da", "a", "tra", "oltre", "circa",
    "i", "le", "gli", "nuovi", "persone", "famiglie", "anni", "giorni", "alle", "dei", "DUE",
    "EURO", "Cinque", "Sette", "Note", "2014", "2020", "\n", "’", "9" * 30,
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
