"""The figure component: quantities reported with their unit, in digits or in words.

``text2num`` turns single number words into digits ("duemila", "sedici"); the mixed
forms Italian press writes ("2 milioni e 900mila", "300mila", "1,5 milioni",
"un centinaio") are composed here. Dates, years, times, phone, law and article
numbers and percentages are not figures.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import numpy
from spacy.attrs import LOWER
from spacy.lang.it.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token
from text_to_num import alpha2digit

from extract.entities.records import Figure

__all__ = ["FigureRecognizer", "number_value"]

#: the largest figure: a longer number is a code or junk (as a float it may be infinite)
LARGEST = 1e15
_DIGITS = re.compile(r"^(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$")
_MILA = re.compile(r"^(\d+(?:,\d+)?)mila$")
_MULTIPLIERS = {"mila": 1_000, "mille": 1_000, "milione": 1_000_000, "milioni": 1_000_000,
                "miliardo": 1_000_000_000, "miliardi": 1_000_000_000}
# "un centinaio" is about a hundred: the qualifier says so
_ROUGHLY = {"decina": 10, "dozzina": 12, "quindicina": 15, "ventina": 20, "trentina": 30,
            "quarantina": 40, "cinquantina": 50, "sessantina": 60, "settantina": 70,
            "ottantina": 80, "novantina": 90, "centinaio": 100, "migliaio": 1_000}
_ARTICLES = frozenset({"un", "uno", "una", "un'"})
_MONTHS = frozenset(
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
    "dicembre gen feb mar apr mag giu lug ago set sett ott nov dic "
    # agency feeds (Factiva) head their texts in English: "249 words", "18 October 2023"
    "january february march april may june july august september october november "
    "december words".split()
)
# a number after these is a reference, not a quantity: "legge 104", "art. 3", "ore 10"
_REFERENCE_WORDS = frozenset(
    "art art. articolo articoli legge leggi comma commi decreto dlgs d.lgs. d.lgs dpr n n. "
    "nr nr. numero num. tel tel. telefono cell cell. fax ore cap via viale piazza corso "
    "pagina pag. p. anno anni edizione punto capitolo tabella lotto civico".split()
)
# adjectives that follow a number before its noun: "tre principali linee"
_NOT_UNITS = frozenset(
    {"per", "percento", "%", "°", "ª", "º", "enne", "principali", "diversi", "diverse",
     "nuovi", "nuove", "grandi", "piccoli", "piccole", "volte", "facenti", "entro", "oltre",
     "circa", "verso", "presso", "durante", "contro", "dopo", "prima", "sopra", "sotto"}
) | _MONTHS
# spaCy's stop words count these content words too; as units they are what a figure counts
_COUNTED = frozenset({"persone", "persona", "città", "giorni", "mesi", "ore", "case"})
_UNIT_STOP_WORDS = STOP_WORDS - _COUNTED
_QUALIFIERS = (
    "poco più di", "poco meno di", "più di", "meno di", "fino a", "oltre", "circa", "quasi",
    "almeno", "ben", "appena", "sopra", "sotto", "intorno a", "attorno a", "addirittura",
)


def _load_compound_units() -> tuple[tuple[str, ...], ...]:
    text = resources.files("extract.entities").joinpath("data").joinpath(
        "compound_units.txt"
    ).read_text("utf-8")
    units = [tuple(line.split()) for line in text.splitlines() if line.strip() and line[0] != "#"]
    return tuple(sorted(units, key=len, reverse=True))


@cache
def _word_value(word: str) -> int | None:
    """The value of one Italian number word ("sedici" -> 16), or None."""
    if word in _ARTICLES or not word.isalpha():
        return None
    digits = alpha2digit(word, "it", threshold=0)
    return int(digits) if digits.isdigit() else None


def number_value(text: str) -> float | None:
    """The value of one number token as Italians write it.

    Examples: "1.464.811" -> 1464811, "2,5" -> 2.5, "900mila" -> 900000, "duemila" -> 2000.
    A number above :data:`LARGEST` is a code or junk, not a quantity: None.
    """
    lowered = text.lower()
    match = _MILA.match(lowered)
    if _DIGITS.match(lowered):
        value = float(lowered.replace(".", "").replace(",", "."))
    elif match:
        value = float(match.group(1).replace(",", ".")) * 1_000
    else:
        return _word_value(lowered)
    return _whole(value) if value <= LARGEST else None


def _may_start(word: str) -> bool:
    return word[:1].isdigit() or word in _ARTICLES or _word_value(word) is not None


def _whole(value: float) -> float:
    return int(value) if value == int(value) else value


class FigureRecognizer:
    """Finds the figures of a doc and stores them in ``doc._.figures``."""

    def __init__(self) -> None:
        self.compound_units = _load_compound_units()

    def __call__(self, doc: Doc) -> Doc:
        figures: list[Figure] = []
        # token objects are costly and numbers rare: test each distinct word once, on hashes
        lowers = doc.to_array(LOWER)
        strings = doc.vocab.strings
        starts = [h for h in numpy.unique(lowers) if _may_start(strings[int(h)])]
        candidates = numpy.flatnonzero(numpy.isin(lowers, starts)).tolist()
        resume = 0
        for index in candidates:
            if index < resume:
                continue
            found = self._figure_at(doc, index)
            if found is not None:
                figure, resume = found
                figures.append(figure)
        doc._.figures = figures
        return doc

    def _figure_at(self, doc: Doc, start: int) -> tuple[Figure, int] | None:
        parsed = _quantity(doc, start)
        if parsed is None:
            return None
        value, end, rough = parsed
        if _is_reference(doc, start, end):
            return None
        # "2 milioni di euro", "un centinaio di persone"
        counted = doc[end - 1].lower_ in _MULTIPLIERS or doc[end - 1].lower_ in _ROUGHLY
        unit_start = end + 1 if counted and end < len(doc) and doc[end].lower_ == "di" else end
        unit_end = self._unit_end(doc, unit_start)
        if unit_end is None:
            return None
        qualifier, qualifier_start = _qualifier(doc, start)
        if rough and not qualifier:
            qualifier = "circa"
        unit = " ".join(t.lower_ for t in doc[unit_start:unit_end])
        span = doc[qualifier_start if qualifier else start:unit_end]
        return (
            Figure(
                value=_whole(value),
                unit=unit,
                qualifier=qualifier,
                text=span.text,
                start=span.start_char,
                end=span.end_char,
            ),
            unit_end,
        )

    def _unit_end(self, doc: Doc, start: int) -> int | None:
        if start >= len(doc):
            return None
        words = [t.lower_ for t in doc[start:start + 4]]
        for compound in self.compound_units:
            if tuple(words[:len(compound)]) == compound:
                return start + len(compound)
        token = doc[start]
        if token.text in {"€", "euro", "Euro", "EURO"}:
            return start + 1
        word = token.lower_
        if (
            not token.is_alpha
            or word in _UNIT_STOP_WORDS
            or word in _NOT_UNITS
            or len(word) < 3
            or word.endswith(("ano", "ono"))  # a verb: "in 160 trovano un tetto"
            or (token.text[:1].isupper() and not token.is_title)
        ):
            return None
        return start + 1


def _quantity(doc: Doc, start: int) -> tuple[float, int, bool] | None:
    """(value, end token, rough) of the number written from ``start``, if one is."""
    token = doc[start]
    word = token.lower_
    if word in _ARTICLES and start + 1 < len(doc):
        following = doc[start + 1].lower_
        if following in _ROUGHLY:
            return float(_ROUGHLY[following]), start + 2, True
        if following in _MULTIPLIERS and following not in {"mila", "mille"}:
            return float(_MULTIPLIERS[following]), start + 2, False
        return None
    value = number_value(token.text)
    if value is None:
        return None
    if start > 0 and _glued(doc[start - 1], token):
        return None  # "LgNet 2" stays a name; "art.3" a reference
    end = start + 1
    if end < len(doc) and doc[end].lower_ in _MULTIPLIERS:
        value *= _MULTIPLIERS[doc[end].lower_]
        end += 1
        # "2 milioni e 900mila": the second part is smaller than the first
        if end + 1 < len(doc) and doc[end].lower_ == "e":
            rest = _quantity(doc, end + 1)
            if rest is not None and rest[0] < value and not rest[2]:
                value, end = value + rest[0], rest[1]
    return value, end, False


def _glued(previous: Token, token: Token) -> bool:
    return not previous.whitespace_ and previous.is_alpha and token.text[:1].isdigit()


def _is_reference(doc: Doc, start: int, end: int) -> bool:
    """Dates, years, times, phone, law and article numbers, percentages."""
    text = doc[start].text
    previous = doc[start - 1].lower_ if start else ""
    if previous in _REFERENCE_WORDS or previous in {"/", "-", ":"} or previous.isdigit():
        return True
    if previous == "per" and text.lower() == "cento":
        return True  # "5 per cento di immigrati"
    if end < len(doc) and doc[end].text in {"/", "-", ":", ".", "%"} and not doc[end].whitespace_:
        return True  # 18/10, 2014-2020, 17:45
    if end < len(doc) and doc[end].lower_ in {"%", "per", "percento"}:
        if doc[end].lower_ != "per" or (end + 1 < len(doc) and doc[end + 1].lower_ == "cento"):
            return True
    if re.fullmatch(r"(19|20)\d\d", text) and end == start + 1:
        return True  # a year
    if text.isdigit() and ((text.startswith("0") and len(text) > 1) or len(text) >= 9):
        return True  # phone numbers and codes: "06 …", "3331234567"
    # digits right after digits are one number written in groups: "333 123 4567"
    return end < len(doc) and doc[end].text.isdigit()


def _qualifier(doc: Doc, start: int) -> tuple[str, int]:
    before = [t.lower_ for t in doc[max(0, start - 3):start]]
    for phrase in _QUALIFIERS:
        words = phrase.split()
        if before[-len(words):] == words:
            return phrase, start - len(words)
    return "", start
