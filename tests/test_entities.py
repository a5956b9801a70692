"""Entities on sentences we write: each form of the issue, and what must not match."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from extract.entities import Entities, Official, analyse, load_pipeline, merge_officials
from extract.entities.figures import number_value


def one(text: str, title: str = "") -> Entities:
    return analyse([text], [title])[0]


def cities(text: str) -> list[str]:
    return [c.name for c in one(text).cities]


# -- cities -----------------------------------------------------------------


def test_multi_word_names_and_aliases() -> None:
    found = one("Il tour passa da Reggio nell'Emilia e poi da Roma Capitale, infine a "
                "Reggio Emilia.")
    assert [c.name for c in found.cities] == ["Reggio nell'Emilia", "Roma", "Reggio nell'Emilia"]
    assert found.cities[1].text == "Roma Capitale"
    assert found.cities[0].province == "RE"


def test_offsets_point_at_the_name_as_written() -> None:
    text = "Ha fatto tappa a Torino il tour."
    city = one(text).cities[0]
    assert text[city.start:city.end] == "Torino"


def test_lowercase_word_is_not_the_city() -> None:
    assert cities("La lingua latina si studia ancora.") == []
    assert cities("Il progetto è arrivato a Latina.") == ["Latina"]


@pytest.mark.parametrize(
    "text",
    [
        "Il Calcio è lo sport più seguito.",
        "Lei ha detto che il Paese cresce.",
        "Re Carlo ha visitato la Campagna romana.",
        "Una Stella cadente, un Ponte nuovo.",
    ],
)
def test_comuni_that_are_words_need_a_cue(text: str) -> None:
    assert cities(text) == []


@pytest.mark.parametrize(
    ("text", "name", "province"),
    [
        ("Il Comune di Calcio ha aderito.", "Calcio", "BG"),
        ("Il sindaco di Cento ha parlato.", "Cento", "FE"),
        ("Il tour arriva a Bra domani.", "Bra", "CN"),
        ("Una festa ad Ala (TN) e a Sale.", "Ala", "TN"),
        ("Sale, in provincia di Alessandria, accoglie dieci famiglie.", "Sale", "AL"),
    ],
)
def test_comuni_that_are_words_with_a_cue(text: str, name: str, province: str) -> None:
    found = one(text).cities
    assert found[0].name == name
    assert found[0].province == province


def test_a_surname_that_is_a_comune_is_a_person() -> None:
    assert cities("Ne ha parlato Giusto Catania in consiglio.") == []
    assert cities("Lo ha detto l'avv. Carlo Marino Sindaco di Caserta.") == ["Caserta"]
    assert cities("Si vota a Marino domenica.") == ["Marino"]


def test_main_city_is_told_apart_from_the_listed_stops() -> None:
    text = (
        "Il progetto coinvolge 16 città: Bologna, Caserta, Firenze, Genova, Latina, Milano, "
        "Napoli, Palermo, Perugia, Potenza, Roma, Sassari, Taranto, Torino, Trieste e "
        "Bolzano. L'adesione del Comune di Sassari ha reso possibile molte attività."
    )
    found = one(text, "Unità di strada per integrare i migranti")
    assert found.main_city == "Sassari"
    listed = {c.name for c in found.cities if c.listed}
    assert "Bologna" in listed and "Bolzano" in listed
    assert [c.name for c in found.cities if not c.listed] == ["Sassari"]


def test_the_title_weighs_most_for_the_main_city() -> None:
    text = "(ANSA) - NAPOLI, 24 NOV - A Caserta sono stati attivati nuovi servizi."
    assert one(text, "Migranti, a Caserta il progetto LgNet2").main_city == "Caserta"
    assert one("Nessuna città qui.").main_city == ""


# -- officials -----------------------------------------------------------------


def officials(text: str, title: str = "") -> list[tuple[str, str, str, str]]:
    return [(o.name, o.role, o.comune, o.portfolio) for o in one(text, title).officials]


def test_name_then_role_with_portfolio() -> None:
    text = ("«Abbiamo aiutato 160 persone» ha spiegato Jacopo Rosatelli, assessore alle "
            "Politiche sociali e pari opportunità del Comune di Torino.")
    assert officials(text) == [
        ("Jacopo Rosatelli", "assessore", "Torino", "alle Politiche sociali e pari opportunità")
    ]


def test_role_portfolio_comune_then_name() -> None:
    text = ("Lo dichiara l'Assessore ai Servizi Sociali del Comune di Latina Michele Nasso, "
            "soddisfatto.")
    assert officials(text) == [("Michele Nasso", "assessore", "Latina", "ai Servizi Sociali")]


def test_surname_alone_after_the_role_takes_the_full_name_given_later() -> None:
    text = ("Parla l'assessore Ficocelli. «Ci prendiamo cura dei migranti», dichiara "
            "Gabriella Ficocelli, assessora ai Servizi Sociali del Comune di Taranto.")
    found = one(text, "A Taranto un nuovo progetto").officials
    assert [(o.name, o.role, o.comune) for o in found] == [
        ("Gabriella Ficocelli", "assessore", "Taranto")
    ]
    assert found[0].portfolio == "ai Servizi Sociali"


def test_title_before_name_and_role_after() -> None:
    text = "Una grande speranza – ha dichiarato l'avv. Carlo Marino Sindaco di Caserta."
    assert officials(text) == [("Carlo Marino", "sindaco", "Caserta", "")]


def test_sindaca_vicesindaco_and_consigliere() -> None:
    text = ("La sindaca di Genova Silvia Salis ha aperto l'incontro con il vice sindaco "
            "Pietro Piciocchi e la consigliera comunale Anna Rossi.")
    assert [(o.name, o.role) for o in one(text).officials] == [
        ("Silvia Salis", "sindaco"), ("Pietro Piciocchi", "vicesindaco"),
        ("Anna Rossi", "consigliere"),
    ]


def test_vice_sindaco_written_with_a_hyphen() -> None:
    text = "Ha parlato il vice-sindaco Pietro Piciocchi."
    assert [(o.name, o.role) for o in one(text).officials] == [
        ("Pietro Piciocchi", "vicesindaco")
    ]


def test_the_comune_defaults_to_the_main_city() -> None:
    text = "A Perugia ha parlato il sindaco Vittoria Ferdinandi."
    assert officials(text, "Perugia e il progetto") == [
        ("Vittoria Ferdinandi", "sindaco", "Perugia", "")
    ]


def test_role_without_a_name_and_regional_roles_are_not_officials() -> None:
    assert officials("L'assessore ha aggiunto che il lavoro continua.") == []
    assert officials("Lo ha detto Mario Bianchi, assessore regionale alla Sanità.") == []


def test_spelling_variants_are_merged_across_texts() -> None:
    texts = [
        "Ha dichiarato Massimo Tognoli, Assessore alle Politiche Sociali del Comune di Trieste.",
        "Ha dichiarato Massimo Tognolli, Assessore alle Politiche Sociali del Comune di Trieste.",
        "Ha dichiarato Massimo Tognoli, Assessore alle Politiche Sociali del Comune di Trieste.",
        "Commenta Lamberto Bertole', Assessore a Welfare e Salute del Comune di Milano.",
        "Commenta Lamberto Bertolé, Assessore a Welfare e Salute del Comune di Milano.",
    ]
    found = analyse(texts)
    assert [e.officials[0].name for e in found] == ["Massimo Tognoli"] * 3 + [
        "Lamberto Bertolé"
    ] * 2
    assert found[1].officials[0].written == "Massimo Tognolli"
    assert found[1].officials[0].variants == ("Massimo Tognoli", "Massimo Tognolli")
    assert found[3].officials[0].written == "Lamberto Bertole'"
    assert found[3].officials[0].variants == ("Lamberto Bertolé", "Lamberto Bertole'")


def test_different_people_are_not_merged() -> None:
    merged = merge_officials([
        [Official("Mario Rossi", "sindaco", written="Mario Rossi")],
        [Official("Maria Rossi", "assessore", written="Maria Rossi")],
    ])
    assert [row[0].name for row in merged] == ["Mario Rossi", "Maria Rossi"]


# -- figures -----------------------------------------------------------------


def figures(text: str) -> list[tuple[float, str, str]]:
    return [(f.value, f.unit, f.qualifier) for f in one(text).figures]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hanno trovato casa 160 persone.", [(160, "persone", "")]),
        ("Sono stati creati 32 posti letto.", [(32, "posti letto", "")]),
        ("Il sito ha 1.464.811 utenti unici.", [(1464811, "utenti", "")]),
        ("Stanziati 2,5 milioni di euro.", [(2_500_000, "euro", "")]),
        ("Stanziati 2 milioni e 900mila euro.", [(2_900_000, "euro", "")]),
        ("Raccolti 300mila euro.", [(300_000, "euro", "")]),
        ("Una rete di sedici città.", [(16, "città", "")]),
        ("Aiutati oltre cento nuclei familiari.", [(100, "nuclei familiari", "oltre")]),
        ("Coinvolte duemila famiglie.", [(2000, "famiglie", "")]),
        ("Seguiti circa 40 minori.", [(40, "minori", "circa")]),
        ("Ne hanno beneficiato più di 50 migranti.", [(50, "migranti", "più di")]),
        ("Sono arrivate un centinaio di persone.", [(100, "persone", "circa")]),
        ("Attivati una decina di sportelli.", [(10, "sportelli", "circa")]),
        ("Investito un milione di euro.", [(1_000_000, "euro", "")]),
    ],
)
def test_figures(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Il tour è arrivato il 18 ottobre.",
        "Nel 2023 il progetto è partito.",
        "Il fondo FAMI 2014-2020 lo finanzia.",
        "L'incontro inizia alle 17:45 in sala.",
        "Per informazioni chiamare il numero 06 1234567 oggi.",
        "Scrivere al 333 1234567 entro venerdì.",
        "Il codice 3331234567 persone non è un numero.",
        "Lo prevede la legge 104 del 1992 e l'art. 3 del decreto.",
        "Il 30% degli utenti e il 5 per cento di immigrati.",
        "Il progetto LgNet2 continua.",
        "Una serie di video e uno dei progetti.",
        "In 160 trovano un tetto.",
    ],
)
def test_not_figures(text: str) -> None:
    assert figures(text) == []


def test_figure_text_and_offsets() -> None:
    text = "Sono state accolte oltre 160 persone nel 2023."
    figure = one(text).figures[0]
    assert figure.text == "oltre 160 persone"
    assert text[figure.start:figure.end] == figure.text


@pytest.mark.parametrize(
    ("written", "value"),
    [("1.464.811", 1464811), ("2,5", 2.5), ("900mila", 900_000), ("duemila", 2000),
     ("ventidue", 22), ("un", None), ("casa", None)],
)
def test_number_value(written: str, value: float | None) -> None:
    assert number_value(written) == value


def test_a_statistical_ner_adds_people_the_rules_miss(tmp_path: Path) -> None:
    """Stands in for it_core_news_*: a saved Italian pipeline whose NER tags a person."""
    text = "Ha parlato l'assessora Oluwaseun Benali del Comune di Torino."
    assert officials(text) == []  # "Oluwaseun" is not in the first-name list
    model = spacy.blank("it")
    ruler = model.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PER", "pattern": "Oluwaseun Benali"}])
    model.to_disk(tmp_path / "model")
    nlp = load_pipeline(str(tmp_path / "model"))
    assert nlp.pipe_names[0] == "entity_ruler"
    (found,) = analyse([text], nlp=nlp)
    assert [(o.name, o.role, o.comune) for o in found.officials] == [
        ("Oluwaseun Benali", "assessore", "Torino")
    ]


def test_streets_and_number_words_are_not_cities() -> None:
    assert cities("La Casa di Quartiere di via Milazzo e piazza Garibaldi.") == []
    assert cities("QUINDICI famiglie hanno trovato casa a Nove.") == ["Nove"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ha parlato il sindaco di Roma, Roberto Gualtieri, in conferenza.",
         ("Roberto Gualtieri", "sindaco", "Roma")),
        ("Roberto Gualtieri (sindaco di Roma) ha aperto i lavori.",
         ("Roberto Gualtieri", "sindaco", "Roma")),
        ("Lo ha detto il primo cittadino di Bari Vito Leccese.",
         ("Vito Leccese", "sindaco", "Bari")),
        ("Ha risposto Anna Rossi, la sindaca di Genova.", ("Anna Rossi", "sindaco", "Genova")),
    ],
)
def test_more_orders_of_name_role_and_comune(text: str, expected: tuple[str, str, str]) -> None:
    assert [(o.name, o.role, o.comune) for o in one(text).officials] == [expected]
