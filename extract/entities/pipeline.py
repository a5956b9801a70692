"""The spaCy pipeline: ``spacy.blank("it")`` (or an installed Italian model) plus ours.

Our components are registered as spaCy factories, so a user can add them to any
Italian pipeline with ``nlp.add_pipe("rassegna_cities")`` and so on.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, replace
from functools import cache
from importlib import resources
from typing import Any

import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc

from common.text import fold
from extract.entities.cities import CityRecognizer
from extract.entities.figures import FigureRecognizer
from extract.entities.gazetteers import gazetteers
from extract.entities.officials import OfficialRecognizer, merge_officials
from extract.entities.records import City, Entities, Figure, Official

__all__ = ["MODELS", "analyse", "load_pipeline", "main_city"]

log = logging.getLogger(__name__)

#: Italian models used for their NER when installed, best first (none is a dependency:
#: they are CC BY-NC-SA, see the README)
MODELS = ("it_core_news_lg", "it_core_news_md", "it_core_news_sm")

for _extension in ("cities", "officials", "figures"):
    if not Doc.has_extension(_extension):
        Doc.set_extension(_extension, default=None)


_RECORDS: dict[str, type[City] | type[Official] | type[Figure]] = {
    "City": City, "Official": Official, "Figure": Figure,
}


def _encode_record(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    """msgpack encoder of our records: ``nlp.pipe(n_process=2)`` ships docs as bytes."""
    if type(obj) in (City, Official, Figure):
        return {"__rassegna__": type(obj).__name__, "fields": asdict(obj)}
    return obj if chain is None else chain(obj)


def _decode_record(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    if isinstance(obj, dict) and "__rassegna__" in obj:
        fields = dict(obj["fields"])
        if "variants" in fields:
            fields["variants"] = tuple(fields["variants"])
        return _RECORDS[obj["__rassegna__"]](**fields)
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("rassegna_records", func=_encode_record)
srsly.msgpack_decoders.register("rassegna_records", func=_decode_record)


@Language.factory("rassegna_cities")
def make_cities(nlp: Language, name: str) -> CityRecognizer:
    """The comuni of the ISTAT list named in a doc (``doc._.cities``)."""
    return CityRecognizer(nlp, gazetteers())


@Language.factory("rassegna_officials")
def make_officials(nlp: Language, name: str) -> OfficialRecognizer:
    """Assessori, sindaci, consiglieri and their comune (``doc._.officials``)."""
    return OfficialRecognizer(gazetteers(), nlp.vocab.strings)


@Language.factory("rassegna_figures")
def make_figures(nlp: Language, name: str) -> FigureRecognizer:
    """Figures with their unit and qualifier (``doc._.figures``)."""
    return FigureRecognizer()


def load_pipeline(model: str | None = None) -> Language:
    """Our pipeline on ``spacy.blank("it")``, or on an installed Italian model.

    Args:
        model: a spaCy package to build on; by default the first of :data:`MODELS`
            that is installed, else the blank Italian pipeline (nothing downloaded).
    """
    name = model or next((m for m in MODELS if spacy.util.is_package(m)), None)
    if name:
        # only the NER and what it needs: the parser and tagger cost time and add nothing
        nlp = spacy.load(name, exclude=["parser", "tagger", "morphologizer", "lemmatizer",
                                        "attribute_ruler", "senter"])
        log.info("entities: using %s for people the rules miss", name)
    else:
        nlp = spacy.blank("it")
    nlp.add_pipe("rassegna_cities")
    nlp.add_pipe("rassegna_officials")
    nlp.add_pipe("rassegna_figures")
    return nlp


@cache
def _default_pipeline() -> Language:
    return load_pipeline()


def main_city(cities: Sequence[City], title_cities: Sequence[City],
              officials: Sequence[Official] = (), text: str = "") -> str:
    """The comune a text is about, apart from the cities it merely lists.

    The title weighs most, then a dateline ("ALFA (XY) –" opening the text) and the
    officials' comune, then the mentions outside lists; the first mention counts double
    when it is not in a list (the lead). Two comuni level at the top are a story about
    both, or about an area: no main city. A text that names no comune may name its town
    hall ("il via libera da Palazzo Tursi").
    """
    scores: Counter[str] = Counter()
    for city in title_cities:
        scores[city.name] += 2 if city.listed else 8
    free = [c for c in cities if not c.listed]
    for city in free[:8]:
        scores[city.name] += 1
    if cities and not cities[0].listed:
        scores[cities[0].name] += 2
        if _is_dateline(cities[0], text):
            scores[cities[0].name] += 4
    per_comune: Counter[str] = Counter(o.comune for o in officials if o.comune)
    for comune, count in per_comune.items():
        scores[comune] += min(2 * count, 4)  # a giunta of six is one comune's, not six votes
    if not scores:
        return _town_hall(text) if text else ""
    ranked = scores.most_common(2)
    if len(ranked) == 2 and ranked[0][1] == ranked[1][1] and not title_cities:
        return ""
    order = {c.name: n for n, c in enumerate([*title_cities, *cities])}
    return min(scores, key=lambda name: (-scores[name], order.get(name, 0)))


def _is_dateline(city: City, text: str) -> bool:
    """ "ALFA (XY) – …", "Beta, 3 marzo –": the comune opens the text and a dash follows."""
    if text[:city.start].strip():
        return False
    after = text[city.end:city.end + 40]
    return _DATELINE.match(after) is not None


_DATELINE = re.compile(r"^\s*(?:\([A-Za-z]{2,}\))?\s*(?:,[^\n–—-]{0,30})?\s*[-–—]")


@cache
def _town_halls() -> tuple[tuple[str, str], ...]:
    text = resources.files("extract.entities").joinpath("data").joinpath(
        "town_halls.tsv"
    ).read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and line[0] != "#"]
    return tuple((fold(hall), comune) for hall, comune in rows)


def _town_hall(text: str) -> str:
    """The comune whose town hall the text names, when it names one."""
    folded = fold(text)
    return next((comune for hall, comune in _town_halls() if hall in folded), "")


def _one_per_person(officials: Sequence[Official]) -> tuple[Official, ...]:
    """Each person once per text, with the fullest portfolio the text gives."""
    people: dict[tuple[str, str], Official] = {}
    for official in officials:
        key = (official.name, official.role)
        known = people.get(key)
        if known is None:
            people[key] = official
        elif len(official.portfolio) > len(known.portfolio):
            people[key] = replace(known, portfolio=official.portfolio)
    return tuple(people.values())


def analyse(
    texts: Iterable[str],
    titles: Iterable[str] | None = None,
    nlp: Language | None = None,
    batch_size: int = 32,
    n_process: int = 1,
) -> list[Entities]:
    """The entities of each text, officials' spellings merged across all of them.

    A text longer than the pipeline's ``max_length`` (spaCy's million characters; no
    article is that long) is read up to it.

    Args:
        texts: the article texts (offsets in the result refer to these).
        titles: the titles, one per text; they weigh most for the main city.
        nlp: a pipeline from :func:`load_pipeline`; by default the blank Italian one,
            or an installed ``it_core_news_*`` model.
        batch_size: texts per ``nlp.pipe`` batch.
        n_process: processes ``nlp.pipe`` spreads the texts over.

    Raises:
        ValueError: when ``titles`` are not one per text.
    """
    nlp = nlp or _default_pipeline()
    texts = list(texts)
    title_list = list(titles) if titles is not None else [""] * len(texts)
    if len(title_list) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(title_list)} titles")
    limit = nlp.max_length
    if any(len(text) > limit for text in [*texts, *title_list]):
        log.warning("entities: texts over %d characters are read up to there", limit)
        texts = [text[:limit] for text in texts]
        title_list = [title[:limit] for title in title_list]
    cities_component = nlp.get_pipe("rassegna_cities")
    found = []
    docs = nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
    for doc, text, title in zip(docs, texts, title_list, strict=True):
        title_cities = cities_component(nlp.make_doc(title))._.cities if title else []
        officials: list[Official] = doc._.officials
        main = main_city(doc._.cities, title_cities, officials, text)
        officials = [o if o.comune else replace(o, comune=main) for o in officials]
        found.append((doc._.cities, main, officials, doc._.figures))
    merged = merge_officials([officials for _, _, officials, _ in found])
    return [
        Entities(
            cities=tuple(cities),
            main_city=main,
            officials=_one_per_person(officials),
            figures=tuple(figures),
        )
        for (cities, main, _, figures), officials in zip(found, merged, strict=True)
    ]
