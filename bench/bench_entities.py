"""Benchmark of the entity pipeline: documents per second through ``nlp.pipe``.

Texts of about 1,000 words are generated from sentences we write (cities, officials,
figures and filler prose, as in a press-tour article), so the figure does not depend
on the corpus. Run: ``.venv/bin/python bench/bench_entities.py [--docs 2000] [--words 1000]``.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import benchkit  # noqa: E402

from extract.entities import analyse, load_pipeline  # noqa: E402

CITIES = ["Torino", "Latina", "Perugia", "Trieste", "Caserta", "Genova", "Potenza", "Sassari",
          "Reggio nell'Emilia", "Bra", "Roma Capitale", "Taranto"]
PEOPLE = ["Jacopo Rosatelli", "Michele Nasso", "Lorenza Rosso", "Massimo Tognoli",
          "Gabriella Ficocelli", "Carlo Marino", "Antonella Tirrito"]
SENTENCES = [
    "Ha fatto tappa a {city} il tour del progetto che coinvolge sedici Comuni in tutta Italia.",
    "«Il progetto ha reso la città più inclusiva» ha spiegato {person}, assessore alle "
    "Politiche sociali e pari opportunità del Comune di {city}.",
    "Lo dichiara l'Assessore ai Servizi Sociali del Comune di {city} {person}.",
    "Sono stati attivati {n} posti letto e hanno trovato casa oltre {m} persone.",
    "L'iniziativa, finanziata con 2 milioni e 900mila euro, è coordinata dal ministero.",
    "Un centinaio di volontari ha seguito circa {n} nuclei familiari nel 2023.",
    "Gli interventi vengono portati avanti da una rete di città: Bologna, Caserta, Firenze, "
    "Genova, Latina, Milano, Napoli, Palermo, Perugia, Potenza, Roma e Bolzano.",
    "Il percorso è stato affiancato da una formazione specifica sulla cura del verde, la "
    "piantumazione, l'irrigazione e le regole civili di utilizzo dei beni comuni.",
    "Le attività sono state presentate il 18 ottobre alle 17:45 nella sala consiliare.",
    "Intercettare i migranti in condizione di particolare vulnerabilità ed emarginazione "
    "sociale che vivono nelle nostre città e favorirne la presa in carico è l'obiettivo.",
]


def make_text(rng: random.Random, words: int) -> tuple[str, str]:
    """A title and a text of about ``words`` words."""
    city = rng.choice(CITIES)
    parts: list[str] = []
    count = 0
    while count < words:
        sentence = rng.choice(SENTENCES).format(
            city=city, person=rng.choice(PEOPLE), n=rng.randint(2, 90), m=rng.randint(100, 999)
        )
        parts.append(sentence)
        count += len(sentence.split())
    return f"{city} fra i Comuni della rete LgNet2", " ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--processes", type=int, default=1, help="nlp.pipe n_process")
    args = parser.parse_args()
    docs, words = benchkit.tiny(args.docs, 20), benchkit.tiny(args.words, 200)
    before = benchkit.cpu_reference()
    rng = random.Random(10)
    pairs = [make_text(rng, words) for _ in range(docs)]
    titles, texts = [p[0] for p in pairs], [p[1] for p in pairs]
    started = time.perf_counter()
    nlp = load_pipeline()
    loaded = time.perf_counter() - started
    analyse(texts[:10], titles[:10], nlp=nlp)  # warm-up: lazy tables, caches
    started, cpu = time.perf_counter(), time.process_time()
    found = analyse(texts, titles, nlp=nlp, batch_size=args.batch_size,
                    n_process=args.processes)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    words = sum(len(t.split()) for t in texts)
    total = sum(len(e.cities) + len(e.officials) + len(e.figures) for e in found)
    rows = [
        ("pipeline", " + ".join(nlp.pipe_names)),
        ("cores / processes", f"{os.cpu_count()} / {args.processes}"),
        ("documents", f"{len(texts):,}"),
        ("words per document", f"{words / len(texts):,.0f}"),
        ("pipeline load (s)", f"{loaded:.2f}"),
        ("analyse (s)", f"{elapsed:.2f}"),
        ("documents/s", f"{len(texts) / elapsed:,.0f}"),
        # the machine is shared: CPU time of this process says what one core does alone
        ("documents per CPU second", f"{len(texts) / cpu:,.0f}" if args.processes == 1 else "-"),
        ("words/s", f"{words / elapsed:,.0f}"),
        ("entities found", f"{total:,}"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    print(benchkit.reference_line(before))


if __name__ == "__main__":
    main()
