"""Syndicated copies cluster by release; releases sharing boilerplate stay apart."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from dedupe import MinHashBaseline, Signature, Text, cluster, evaluate, signature

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


def docs() -> list[Text]:
    day = dt.date(2023, 11, 10)
    return [
        Text(1, text(*ANCONA, BOILERPLATE), "Ancona, sportelli per l'inclusione", day),
        Text(2, text(*ANCONA, BOILERPLATE), "LgNet2, la tappa di Ancona", day),  # re-titled
        Text(3, text(*ANCONA), "Ancona e LgNet2", day + dt.timedelta(days=1)),  # trimmed
        Text(4, ANCONA[0], "Ancona, tre sportelli", day + dt.timedelta(days=2)),  # lead only
        Text(5, "Ancona, tre sportelli per LgNet2. " + ANCONA[0][:160], "Post", day),  # social
        Text(6, text(*BARI, BOILERPLATE), "Bari, la scuola che include", day),
        Text(7, text(BARI[0], BARI[1].replace("sessanta", "60"), BOILERPLATE), "Bari", day),
        Text(8, "Il derby di domenica finisce in parità tra le due squadre cittadine, con un "
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
    later = [*docs(), Text(9, text(*BARI), "Bari, scuole e lingua", dt.date(2023, 11, 20))]
    after = {c.id: c.members for c in cluster(later)}
    assert after[6] == (6, 7, 9)
    assert after[1] == before[1]


CAGLIARI = [
    "Ultima tappa del mese a Cagliari, dove il Comune ha puntato sul lavoro: una cooperativa "
    "del quartiere di Sant'Elia ha assunto diciotto persone arrivate con i corridoi umanitari "
    "e un laboratorio di sartoria ne forma altre venti.",
    "«Il lavoro è la prima forma di cittadinanza», ha detto l'assessore Giovanni Porcu, che "
    "ha annunciato un secondo laboratorio dedicato alla ristorazione entro l'estate.",
]
CAGLIARI_TITLE = "Cagliari nella rete LgNet2: diciotto assunzioni e un laboratorio di sartoria"
CLOSING = (
    "La rete LgNet2 presenta caratteristiche uniche in termini di governance: una regia "
    "nazionale che coordina gli interventi dei territori e garantisce omogeneità alla linea "
    "progettuale, con un partenariato strategico tra Ministero, Anci e Comuni."
)


def tour() -> list[Text]:
    """Three releases of one tour sharing two boilerplate paragraphs, and their copies."""
    day = dt.date(2023, 11, 10)
    release = {
        "ancona": text(BOILERPLATE, *ANCONA, CLOSING),
        "bari": text(BOILERPLATE, *BARI, CLOSING),
        "cagliari": text(BOILERPLATE, *CAGLIARI, CLOSING),
    }
    return [
        Text(10, release["ancona"], "Ancona nella rete LgNet2", day, "comune.ancona.test"),
        Text(11, release["bari"], "Bari nella rete LgNet2", day, "comune.bari.test"),
        Text(12, release["cagliari"], CAGLIARI_TITLE, day, "cagliari.test"),
        Text(13, release["ancona"], "Ancona, sportelli nei quartieri", day, "marche.test"),
        Text(14, text(*BARI), "A Bari la scuola include", day, "puglia.test"),
        Text(15, text(CAGLIARI[0]), "Cagliari, lavoro ai migranti", day, "sardegna.test"),
        # a copy that kept only the boilerplate: the city survives in the title alone
        Text(16, text(BOILERPLATE, CLOSING), CAGLIARI_TITLE, day, "blog.test"),
        # a rewrite: another lead, the official's words and one fact kept verbatim
        Text(17, text(
            "Il Comune sardo rivendica i risultati ottenuti con il progetto nazionale per "
            "l'inclusione dei migranti: una cooperativa del quartiere di Sant'Elia ha assunto "
            "diciotto persone arrivate con i corridoi umanitari.",
            CAGLIARI[1],
        ), "Porcu: il lavoro prima di tutto", day, "unione.test"),
    ]


def test_releases_of_one_tour_never_merge_and_each_keeps_its_copies() -> None:
    groups = {c.members for c in cluster(tour())}
    assert groups == {(10, 13), (11, 14), (12, 15, 16, 17)}


def test_a_boilerplate_only_copy_does_not_chain_the_releases_of_the_tour() -> None:
    # with a title of the tour's template the boilerplate-only copy belongs to no release
    title = "Cagliari nella rete LgNet2"
    docs = [d if d.id != 16 else Text(16, d.text, title, d.published) for d in tour()]
    groups = {c.members for c in cluster(docs)}
    assert (16,) in groups
    assert {(10, 13), (11, 14)} <= groups


def test_press_office_copy_is_the_source_even_when_published_later() -> None:
    day = dt.date(2023, 11, 10)
    docs = [
        Text(1, text(*ANCONA, BOILERPLATE), "Ancona, sportelli", day, "www.giornale.test"),
        Text(2, text(*ANCONA, BOILERPLATE), "Comunicato: Ancona", day + dt.timedelta(days=1),
            "www.anci.test"),
    ]
    (only,) = cluster(docs, press_office_domains=["anci.test"])
    assert only.source == 2 and only.label == "Comunicato: Ancona"
    (only,) = cluster(docs)
    assert only.source == 1


def test_the_amp_page_is_an_alias_and_other_pages_are_not_however_alike() -> None:
    day = dt.date(2023, 11, 10)
    body = text(*ANCONA, BOILERPLATE)
    page = "https://www.giornale.test/2023/11/ancona-sportelli/"
    docs = [
        Text(1, body, "Ancona, sportelli", day, "giornale.test", url=page),
        Text(2, body + "\nLeggi anche", "Ancona, sportelli", day, "giornale.test",
            url=page + "amp/"),  # its AMP page
        Text(3, body, "Ancona, sportelli", day, "altro.test",
            url="https://altro.test/2023/11/ancona-sportelli/"),  # another outlet
        Text(4, body, "Ancona, sportelli", day, "giornale.test",
            url="https://www.giornale.test/marche/ancona/"),  # another page of the outlet
    ]
    (only,) = cluster(docs)
    assert only.members == (1, 2, 3, 4)
    assert only.aliases == {2: 1}


def test_stored_signature_is_used_instead_of_the_text() -> None:
    sig = signature(text(*ANCONA, BOILERPLATE), "Ancona")
    again = Signature.from_bytes(sig.to_bytes())
    assert np.array_equal(sig.shingles, again.shingles) and len(again) > 50
    # the text is ignored when the signature is given: the two docs cluster on signatures
    docs = [Text(1, "", "", signature=again), Text(2, text(*ANCONA, BOILERPLATE), "Ancona")]
    assert [c.members for c in cluster(docs)] == [(1, 2)]


def test_banner_lines_and_urls_do_not_count_as_text() -> None:
    body = text(*ANCONA)
    banner = "Il Giornale\n<https://giornale.test/ancona-lgnet2>\n249 words\n18 October 2023\n"
    clipping = banner + body
    assert signature(clipping).shingles.tolist() == signature(body).shingles.tolist()


def test_plain_minhash_at_08_misses_the_copies_that_are_not_verbatim() -> None:
    groups = {c.members for c in MinHashBaseline(0.8).cluster(docs())}
    assert (1, 2) in groups or (1, 2, 3, 4, 5) not in groups
    assert (1, 2, 3, 4, 5) not in groups  # trimmed, lead-only, social copies stay apart


def test_evaluation_counts_merges_and_splits() -> None:
    truth = {1: "a", 2: "a", 3: "a", 4: "b", 5: "b"}
    predicted = {1: 1, 2: 1, 3: 3, 4: 3, 5: 5}
    scores = evaluate(predicted, truth)
    assert scores.merges == ((3, 4),)
    assert scores.splits == ((1, 3), (2, 3), (4, 5))
    assert scores.pairwise_precision == 0.5  # (1,2) right, (3,4) wrong
    assert scores.pairwise_recall == 0.25  # 1 of the 4 true pairs
    # B-cubed precision: 1, 1, 1/2, 1/2, 1 ; recall: 2/3, 2/3, 1/3, 1/2, 1/2
    assert scores.bcubed_precision == pytest.approx(4 / 5)
    assert scores.bcubed_recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 / 2 + 1 / 2) / 5)
    perfect = evaluate(truth, truth)
    assert perfect.bcubed_f1 == 1.0 and not perfect.merges and not perfect.splits


def test_one_boilerplate_only_text_under_two_titles_never_bridges_two_releases() -> None:
    day = dt.date(2023, 11, 10)
    bari_title = "Bari nella rete LgNet2: laboratori di lingua per i genitori degli alunni"
    # both boilerplate-only copies came from one aggregator, with its own footer
    footer = "Le notizie dei Comuni della rete sono raccolte ogni giorno dalla nostra redazione."
    docs = [d if d.id not in (11, 16) else Text(d.id, d.text, d.title, day) for d in tour()]
    docs = [
        Text(11, d.text, bari_title, day) if d.id == 11
        else Text(16, text(BOILERPLATE, CLOSING, footer), d.title, day) if d.id == 16
        else d
        for d in docs
    ]
    docs.append(Text(18, text(BOILERPLATE, CLOSING, footer), bari_title, day, "forum.test"))
    groups = {c.members for c in cluster(docs)}
    release = {10: "a", 13: "a", 11: "b", 14: "b", 18: "b", 12: "c", 15: "c", 16: "c", 17: "c"}
    # the two copies are one text under two titles: they may stay apart, never bridge
    assert all(len({release[m] for m in members}) == 1 for members in groups)
    assert {(10, 13), (12, 15, 17)} <= {tuple(m for m in g if m not in (16, 18)) for g in groups}


UNRELATED = [
    "Il derby di domenica finisce in parità tra le due squadre cittadine, con un gol per tempo.",
    "Domani sciopero dei trasporti pubblici: metropolitana chiusa dalle nove alle diciassette.",
    "La sagra del tartufo torna in piazza con quaranta bancarelle e un concerto di chiusura.",
    "Piove da tre giorni sulla costa e il fiume ha superato il livello di guardia a valle.",
]


@pytest.mark.parametrize("count", [0, 1, 2, 4])
@pytest.mark.parametrize("deduper", [None, MinHashBaseline()], ids=["release", "minhash"])
def test_uscite_sharing_no_shingle_are_one_cluster_each(
    count: int, deduper: MinHashBaseline | None
) -> None:
    # a small campaign with no syndicated copy: no shingle is found twice
    found = [Text(n + 1, body, f"Titolo {n}") for n, body in enumerate(UNRELATED[:count])]
    clusters = deduper.cluster(found) if deduper else cluster(found)
    assert [c.members for c in clusters] == [(d.id,) for d in found]
    assert [c.source for c in clusters] == [d.id for d in found]


@pytest.mark.parametrize("texts", [["", ""], ["", "Una parola"], ["uno due", "tre quattro"]])
def test_empty_and_shorter_than_a_shingle_texts_are_clustered(texts: list[str]) -> None:
    found = [Text(n + 1, body) for n, body in enumerate(texts)]
    assert sorted(m for c in cluster(found) for m in c.members) == [1, 2]


def test_a_copy_among_unrelated_texts_joins_its_release_only() -> None:
    # few uscite: one shingle repeats, the anchor lookup has postings of one shingle set
    found = [
        Text(1, text(*ANCONA, BOILERPLATE), "Ancona"),
        Text(2, text(*ANCONA, BOILERPLATE), "Ancona, la tappa"),
        Text(3, UNRELATED[0], "Derby"),
    ]
    assert {c.members for c in cluster(found)} == {(1, 2), (3,)}
