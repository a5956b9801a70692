"""Syndicated copies cluster by release; releases sharing boilerplate stay apart."""

from __future__ import annotations

import datetime as dt

from dedupe import Doc, cluster

BOILERPLATE = (
    "Il progetto LgNet2 è coordinato dal Ministero dell'Interno con l'Associazione nazionale "
    "dei Comuni italiani e coinvolge sedici città, da Torino a Palermo, in una rete di servizi "
    "per l'inclusione dei cittadini stranieri, finanziata dal Fondo asilo migrazione e "
    "integrazione. La rete si riunisce ogni tre mesi per condividere metodi e risultati."
)
ANCONA = [
    "Il tour del progetto ha fatto tappa ad Ancona, dove il Comune ha aperto tre sportelli di "
    "orientamento nei quartieri del porto e della stazione, con mediatori culturali presenti "
    "ogni giorno e un servizio di accompagnamento alla ricerca della casa.",
    "Secondo l'assessora Marta Colonnelli in un anno sono state seguite duecento famiglie e "
    "quaranta giovani hanno trovato un tirocinio nelle aziende del territorio marchigiano.",
    "Nei prossimi mesi il Comune amplierà gli orari degli sportelli e formerà dieci nuovi "
    "operatori per i servizi anagrafici e sociali della città.",
]
BARI = [
    "A Bari la tappa del tour è stata dedicata alla scuola: dodici istituti comprensivi hanno "
    "attivato laboratori di lingua italiana per i genitori degli alunni arrivati da poco, "
    "con la collaborazione delle associazioni del quartiere Libertà.",
    "Il sindaco Nicola Ardito ha ricordato che il progetto ha formato sessanta insegnanti e "
    "che i corsi serali hanno accolto oltre trecento adulti durante l'anno.",
    "La città ospiterà a primavera l'incontro nazionale della rete per presentare i risultati.",
]


def text(*paragraphs: str) -> str:
    return "\n".join(paragraphs)


def docs() -> list[Doc]:
    day = dt.date(2023, 11, 10)
    return [
        Doc(1, text(*ANCONA, BOILERPLATE), "Ancona, sportelli per l'inclusione", day),
        Doc(2, text(*ANCONA, BOILERPLATE), "LgNet2, la tappa di Ancona", day),  # re-titled
        Doc(3, text(*ANCONA), "Ancona e LgNet2", day + dt.timedelta(days=1)),  # trimmed
        Doc(4, ANCONA[0], "Ancona, tre sportelli", day + dt.timedelta(days=2)),  # lead only
        Doc(5, "Ancona, tre sportelli per LgNet2. " + ANCONA[0][:160], "Post", day),  # social
        Doc(6, text(*BARI, BOILERPLATE), "Bari, la scuola che include", day),
        Doc(7, text(BARI[0], BARI[1].replace("sessanta", "60"), BOILERPLATE), "Bari", day),
        Doc(8, "Il derby di domenica finisce in parità tra le due squadre cittadine, con un "
               "gol per tempo e molte occasioni sprecate nel finale.", "Derby", day),
    ]


def test_copies_join_and_releases_sharing_boilerplate_stay_apart() -> None:
    groups = {c.members for c in cluster(docs())}
    assert groups == {(1, 2, 3, 4, 5), (6, 7), (8,)}


def test_cluster_source_is_the_earliest_most_complete_copy() -> None:
    ancona = next(c for c in cluster(docs()) if 1 in c.members)
    assert ancona.source == 1  # 1 and 2 share the earliest day; 1 has the longer text
    assert ancona.id == 1
    assert ancona.label == "Ancona, sportelli per l'inclusione"


def test_cluster_ids_do_not_change_when_new_copies_arrive() -> None:
    before = {c.id: c.members for c in cluster(docs())}
    later = [*docs(), Doc(9, text(*BARI), "Bari, scuole e lingua", dt.date(2023, 11, 20))]
    after = {c.id: c.members for c in cluster(later)}
    assert after[6] == (6, 7, 9)
    assert after[1] == before[1]
