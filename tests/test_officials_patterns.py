"""Officials on sentences we write, one per form Italian local news uses, and what must
not be an official. Names and sentences are invented; the comuni are real ISTAT names
(the city recogniser only knows those)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.entities import Official, analyse


def found(text: str, title: str = "") -> list[Official]:
    return list(analyse([text], [title])[0].officials)


def people(text: str) -> list[tuple[str, str]]:
    return [(o.name, o.role) for o in found(text)]


# -- the forms the issue lists --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a long portfolio, with commas and "e", before the name
        ("«Un passo avanti» spiega l'assessora all'Urbanistica, Lavori pubblici e Mobilità "
         "sostenibile Laura Pellacani.",
         ("Laura Pellacani", "assessore", "all'Urbanistica, Lavori pubblici e Mobilità "
          "sostenibile")),
        ("Su proposta del vicesindaco e assessore della Transizione ecologica, Tutela del "
         "territorio e Decoro urbano, Marco Zanotti, la giunta ha deciso.",
         ("Marco Zanotti", "vicesindaco", "della Transizione ecologica, Tutela del "
          "territorio e Decoro urbano")),
        # "comunale" and a comma between the role and the name
        ("Lo ha annunciato l'assessore comunale al bilancio, Davide Ferraresi, in conferenza.",
         ("Davide Ferraresi", "assessore", "al bilancio")),
        # double roles
        ("Ne ha parlato la vicesindaca e assessora alla Scuola, Francesca Bellotti, ieri.",
         ("Francesca Bellotti", "vicesindaco", "alla Scuola")),
        ("La vicesindaca e\nassessora al bilancio Chiara Valsecchi ha firmato.",
         ("Chiara Valsecchi", "vicesindaco", "al bilancio")),
        ("Il vicesindaco, Stefano Gualandi, ha firmato l'ordinanza.",
         ("Stefano Gualandi", "vicesindaco", "")),
        # a portfolio with a number range inside it
        ("Lo propone l'assessora alle Politiche dell'infanzia 0-6 Elisa Montanari, con i "
         "tecnici.", ("Elisa Montanari", "assessore", "alle Politiche dell'infanzia 0-6")),
    ],
)
def test_role_portfolio_then_name(text: str, expected: tuple[str, str, str]) -> None:
    assert [(o.name, o.role, o.portfolio) for o in found(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the name followed by a dash or a closing quote
        ("«I cantieri partono a maggio – dichiara l'assessore ai Lavori pubblici Fabio "
         "Bonora –. Poi toccherà alle scuole».", ("Fabio Bonora", "assessore")),
        ('"Siamo pronti", ha detto la sindaca Giulia Canevari".', ("Giulia Canevari", "sindaco")),
        # names in capitals, the role in brackets after
        ("MARTA FIORAVANTI (Assessore alla Cultura del Comune di Lucca) ha aperto l'incontro.",
         ("Marta Fioravanti", "assessore")),
        ("Il SINDACO DI ROVIGO CARLO MENEGATTI ha firmato il protocollo.",
         ("Carlo Menegatti", "sindaco")),
        # office-holders who are not assessori
        ("Lo spiega il presidente del Municipio III Andrea Corradini ai residenti.",
         ("Andrea Corradini", "presidente")),
        ("Ha parlato il vicepresidente del secondo Municipio Giorgio Lanzoni, soddisfatto.",
         ("Giorgio Lanzoni", "vicepresidente")),
        ("La mozione è del capogruppo di una lista civica, Matteo Lorenzini, che insiste.",
         ("Matteo Lorenzini", "capogruppo")),
        ("– tuona la capogruppo Paola Ravaglia – nessuno ci ha avvisati.",
         ("Paola Ravaglia", "capogruppo")),
        ("Presente il presidente della commissione Bilancio Luca Benassi.",
         ("Luca Benassi", "presidente")),
        ("Il presidente del Consiglio comunale Piero Mazzanti ha aperto la seduta.",
         ("Piero Mazzanti", "presidente")),
        ("La commissione consiliare Ambiente presieduta da Sara Cavazzoni ha ascoltato i "
         "tecnici.", ("Sara Cavazzoni", "presidente")),
        ("– afferma il consigliere comunale del Pd Simone Tinarelli – tutto tace.",
         ("Simone Tinarelli", "consigliere")),
        ("Il consigliere comunale di Italia Viva, Marco Pirazzoli, ha chiesto chiarimenti.",
         ("Marco Pirazzoli", "consigliere")),
        ("Indicherà la consigliera Anna Galli(foto) come candidata.",
         ("Anna Galli", "consigliere")),
        # the name before the role
        ("Chiara Borghi, assessora alle Politiche sociali del Comune di Lodi, ha spiegato i "
         "dati.", ("Chiara Borghi", "assessore")),
        ("Aggiunge Elena Bortolami, assessora comunale Welfare e salute, che i posti sono 40.",
         ("Elena Bortolami", "assessore")),
        ("Grazie a Luca Serri, come presidente della commissione Lavori pubblici.",
         ("Luca Serri", "presidente")),
        # titles before the name
        ("Ospite il neo assessore comunale di Asti, l'ingegner Paolo Rinaldi.",
         ("Paolo Rinaldi", "assessore")),
        # a stray comma before the name
        ("Presente il Vice Sindaco di Foggia ,Luca Ranieri, assessore competente.",
         ("Luca Ranieri", "vicesindaco")),
        # a first name the list lacks, right after the role
        ("Lo ha annunciato il sindaco Ermelindo Casadio in consiglio.",
         ("Ermelindo Casadio", "sindaco")),
    ],
)
def test_more_forms(text: str, expected: tuple[str, str]) -> None:
    assert people(text) == [expected]


def test_a_mayor_beside_a_regional_body_is_still_the_mayor() -> None:
    text = "Dopo l'incontro con la giunta regionale, il sindaco Mario Ferretti ha parlato."
    assert people(text) == [("Mario Ferretti", "sindaco")]


def test_the_mayor_of_a_comune_in_a_quote_attribution() -> None:
    text = '"Una giornata storica", ha detto il sindaco di Rovigo Carlo Menegatti.'
    assert [(o.name, o.role, o.comune) for o in found(text)] == [
        ("Carlo Menegatti", "sindaco", "Rovigo")
    ]


def test_plural_roles_name_each_person() -> None:
    text = ("La delibera presentata dagli assessori alla Scuola Anna Pirazzoli e allo Sport "
            "Marco Tinarelli è passata.")
    assert [(o.name, o.role, o.portfolio) for o in found(text)] == [
        ("Anna Pirazzoli", "assessore", "alla Scuola"),
        ("Marco Tinarelli", "assessore", "allo Sport"),
    ]
    text = ("Lo hanno annunciato gli assessori comunali a Cultura e Turismo, Elisa Conti e "
            "Fabio Neri.")
    assert people(text) == [("Elisa Conti", "assessore"), ("Fabio Neri", "assessore")]
    text = ("Con lui i presidenti della commissione consiliare sport Stefano Montori e della "
            "quinta circoscrizione Raimondo Zecchi.")
    assert people(text) == [("Stefano Montori", "presidente"), ("Raimondo Zecchi", "presidente")]


def test_a_list_of_speakers_gives_each_role_its_own_name() -> None:
    text = ("Interverranno il sindaco Piero Fantini, il presidente della commissione Cultura "
            "Pierluca Gherardi, il consigliere Maurizio Tondi e la consigliera Micol Sarti.")
    assert people(text) == [
        ("Piero Fantini", "sindaco"), ("Pierluca Gherardi", "presidente"),
        ("Maurizio Tondi", "consigliere"), ("Micol Sarti", "consigliere"),
    ]


def test_surname_only_mentions_take_the_full_name() -> None:
    text = ("Il sindaco Roberto Gandolfi ha aperto la seduta. Poi il sindaco Gandolfi ha "
            "ceduto la parola all'assessore Vannucci.")
    assert people(text) == [("Roberto Gandolfi", "sindaco"), ("Vannucci", "assessore")]
    # the full name written elsewhere without the role
    text = "Roberto Gandolfi è arrivato alle 10. «Siamo pronti», ha detto il sindaco Gandolfi."
    assert people(text) == [("Roberto Gandolfi", "sindaco")]
    # a neo- role and a surname alone
    assert people("Mobilità, la neoassessora Tassinari: «Più piste».") == [
        ("Tassinari", "assessore")
    ]


def test_roll_call_of_council_minutes() -> None:
    text = ("Il segretario procede all'appello nominale:\n\nFERRARI Giovanni — Sindaco "
            "presente\n\nBORGHI Lucia presente\n\nMONTI Carlo assente (entra dopo) "
            "ZANELLA Anna Maria presente")
    assert people(text) == [
        ("Giovanni Ferrari", "sindaco"), ("Lucia Borghi", "consigliere"),
        ("Carlo Monti", "consigliere"), ("Anna Maria Zanella", "consigliere"),
    ]
    # one line alone is no roll call
    assert people("ROSSI Mario presente alla festa.") == []


def test_councillors_with_a_delega_or_a_party_in_a_council_debate() -> None:
    text = ("Un lavoro fatto con Sara Bellucci, delegata alla Protezione civile, e con gli "
            "uffici.")
    assert people(text) == [("Sara Bellucci", "consigliere")]
    assert people("Il sindaco ha delegato alla Cultura la giunta.") == []
    assert people("Parla Sara Bellucci, delegata al Turismo di Confcommercio.") == []
    text = ("Si è svolto il Consiglio comunale: botta e risposta tra la maggioranza e "
            "l'opposizione guidata da Carlo Benvenuti (Pd) e Maria Grazia Tosi (lista civica "
            "Insieme).")
    assert people(text) == [("Carlo Benvenuti", "consigliere"),
                            ("Maria Grazia Tosi", "consigliere")]
    # a party in brackets elsewhere is no councillor
    assert people("Alla Camera dei deputati ha parlato Carlo Benvenuti (Pd).") == []
    assert people("Alla festa c'era anche Carlo Benvenuti (Pd).") == []
    text = ("In consiglio comunale se ne è parlato; Carlo Benvenuti (Pd), consigliere "
            "regionale, ha chiesto un incontro.")
    assert people(text) == []


def test_a_new_giunta_listed_with_portfolios_in_brackets() -> None:
    text = ("Ecco la nuova giunta. Entrano Paolo Mantovani (bilancio, tributi, patrimonio) e "
            "Giulia Ferretti di Azione (cultura, turismo).")
    assert [(o.name, o.role, o.portfolio) for o in found(text)] == [
        ("Paolo Mantovani", "assessore", "bilancio, tributi, patrimonio"),
        ("Giulia Ferretti", "assessore", "cultura, turismo"),
    ]
    text = ("Il presidente della Provincia e gli assessori Paolo Mantovani (edilizia "
            "scolastica) e Giulia Ferretti (istruzione).")
    assert people(text) == []
    assert people("Al concerto Paolo Mantovani (voce, chitarra) ha chiuso la serata.") == []
    text = "La giunta ha incontrato i genitori. Paolo Mantovani (nella foto) ha parlato."
    assert people(text) == []


def test_an_assessorato_led_by_its_assessore() -> None:
    text = ("Il piano degli assessorati ai Lavori pubblici e alle Manutenzioni, guidati "
            "rispettivamente da Giovanni Bertelli e Marco Zagni, è pronto.")
    assert people(text) == [("Giovanni Bertelli", "assessore"), ("Marco Zagni", "assessore")]
    assert people("L'assessorato alla Cultura ha scritto a Giovanni Bertelli.") == []


def test_a_bare_president_of_a_council_sitting_or_a_municipio() -> None:
    text = ("Municipio II, la riqualificazione dei parchi.\n\nIntervista alla Presidente "
            "Francesca Ruggiero sui cantieri.")
    assert people(text) == [("Francesca Ruggiero", "presidente")]
    text = "La seduta inizia alle 16.\n\nIl Presidente Giuseppe Lancia apre i lavori."
    assert people(text) == [("Giuseppe Lancia", "presidente")]
    # the president of a club or of another body is not one
    text = ("La seduta della polisportiva inizia alle 16. Il Presidente Giuseppe Lancia apre "
            "i lavori.")
    assert people(text) == []
    assert people("In Municipio è arrivato il presidente della Coldiretti Anna Sarti.") == []


def test_the_mayor_after_a_comma_with_a_first_name_the_list_lacks() -> None:
    text = "Lo aveva inaugurato lo stesso sindaco dell'attuale giunta, Ermelindo Casadio."
    assert people(text) == [("Ermelindo Casadio", "sindaco")]


def test_a_surname_that_is_a_comune_is_part_of_the_name() -> None:
    text = "Lo rivendica l'assessora comunale al Verde, Paola Lucca, in un post."
    assert people(text) == [("Paola Lucca", "assessore")]


def test_a_street_named_after_a_comune_is_not_the_officials_comune() -> None:
    text = "Nella sede di via Roma il sindaco Luca Serra ha ricevuto i residenti."
    assert [(o.name, o.comune) for o in found(text)] == [("Luca Serra", "")]


# -- what is not an official ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Lo ha detto l'assessore regionale alla Sanità Mario Bianchi.",
        "Lo ha detto l'assessora alla Sanità della Regione Toscana Paola Neri.",
        "Ne ha parlato la consigliera regionale Daniela Ferri.",
        "La Giunta regionale, su proposta dell'assessore al Welfare Marta Conti, ha deciso.",
        ("Il sopralluogo del presidente della Provincia di Cremona Luca Ferri e degli "
         "assessori Marco Poli e Anna Sala."),
        "Torna a parlare l'ex assessore ai Lavori pubblici Daniele Verri.",
        "Carlo Verri, già sindaco di Asti, ha scritto un libro.",
        "Lo sostiene il candidato sindaco Marco Ruggeri.",
        "Il vicesindaco metropolitano Michele Sarti ha firmato.",
        "Lo ha detto il presidente del Consiglio Mario Draghi.",
        "Il presidente della Regione Lazio Luca Neri ha risposto.",
        "Interviene il consigliere di amministrazione Luca Neri.",
        "Il sindaco ha incontrato Mario Rossi in via Roma.",
        "Conferenza del sindaco\n\nMercoledì 17 marzo alle 10 la presentazione.",
        "di Marco Ferri\n\nIl sindaco ha parlato a lungo della scuola.",
        "Lo spiega il dirigente del settore Lavori pubblici Luca Neri.",
        "L'assessore ha aggiunto che il lavoro continua.",
        "Ha parlato l'assessora Oluwaseun Benali del Comune di Torino.",
    ],
)
def test_not_officials(text: str) -> None:
    assert people(text) == []


# -- hostile input --------------------------------------------------------------------

_WORDS = st.sampled_from([
    "il", "la", "l'", "sindaco", "sindaca", "assessore", "assessori", "vicesindaca", "e",
    "presidente", "del", "della", "Municipio", "commissione", "capogruppo", "consigliere",
    "comunale", "regionale", "ex", "di", "Roma", "Torino", "Comune", "Mario", "Anna",
    "Rossi", "De", "Luca", "MARIA", "BIANCHI", "presente", "assente", ",", ".", "–", "-",
    "«", "»", "(", ")", "\n", "\n\n", "alla", "Cultura", "ai", "Lavori", "pubblici",
    "presieduta", "da", "neoassessora", "Ficocelli", "Galli(foto)", "'", "’", "0-6",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.text(max_size=8)), max_size=40))
def test_never_crashes_and_names_come_from_the_text(words: list[str]) -> None:
    text = " ".join(words)
    for official in found(text):
        assert official.name.strip()
        for word in official.name.split():
            assert word.lower() in text.lower()
        assert 0 <= official.start <= official.end <= len(text)
        assert official.role in {"sindaco", "vicesindaco", "assessore", "consigliere",
                                 "capogruppo", "presidente", "vicepresidente"}


_FIRST_NAMES = st.sampled_from(["Marco", "Anna", "Giulia", "Luca", "Paola", "Stefano", "Elena",
                                "Davide", "Chiara", "Simone", "Francesca", "Roberto"])
# words that are also prepositions or particles ("Sulla", "Della") are left out: a known limit
_FUNCTION_WORDS = frozenset(
    {"sulla", "sullo", "sulle", "sulli", "nella", "nello", "nelle", "negli", "della", "dello",
     "delle", "dalla", "dallo", "dalle", "sono", "sola", "solo", "sole", "soli", "tale",
     "tali", "tutto", "tutta", "tutti", "tutte", "nulla", "sotto", "sino", "fino", "pure",
     "mai", "poi"}
)
_SURNAMES = st.from_regex(r"[BCDFGLMNPRSTVZ][aeiou](?:[lnrst]{1,2}[aeiou]){1,3}",
                          fullmatch=True).filter(lambda s: s.lower() not in _FUNCTION_WORDS)
_ROLES = st.sampled_from([("il sindaco", "sindaco"), ("la sindaca", "sindaco"),
                          ("l'assessore alla Cultura", "assessore"),
                          ("l'assessora comunale al Bilancio,", "assessore"),
                          ("il vicesindaco", "vicesindaco"),
                          ("il consigliere comunale", "consigliere"),
                          ("il capogruppo della lista civica,", "capogruppo")])


@settings(max_examples=60, deadline=None)
@given(_ROLES, _FIRST_NAMES, _SURNAMES)
def test_any_name_after_a_role_and_no_former_or_regional_one(
    role: tuple[str, str], first: str, surname: str
) -> None:
    written, stored = role
    name = f"{first} {surname}"
    text = f"Lo ha spiegato {written} {name} durante l'incontro."
    (official,) = found(text)
    assert (official.name, official.role) == (name, stored)
    assert text[official.start:official.end] == name
    assert found(f"Lo ha spiegato l'ex {written.split(' ', 1)[1]} {name} all'incontro.") == []
    regional = written.replace("comunale ", "").split(",")[0].replace(
        " alla Cultura", "").replace(" al Bilancio", "")
    assert found(f"Lo ha spiegato {regional} regionale {name} all'incontro.") == []
