"""The figure component: quantities reported with their unit, in digits or in words.

``text2num`` turns single number words into digits ("duemila", "sedici"); the mixed
forms Italian press writes are composed here: "3 milioni e 400mila", "8 milioni 420
mila", "300mila", "1,5 milioni", "2.4 milioni", "6 mln", "un centinaio", "il milione".
The counted noun may follow an article or an adjective ("Oltre 250 le famiglie",
"8 nuovi pulmini"); a range gives its lower bound ("150-180 persone", "4-5mila",
"da 1.500 a 6.000 euro"); a noun or a "milioni" left out is read from the figure
just before in the same list ("Alfa 48.210,30 euro; Beta 96.775,15", "3,2 milioni
al porto, 1,8 alla piscina"); "milioni" alone is money.

Not figures: dates, years, times, phone, law and article numbers, percentages, and
numbers of the nouns in ``data/not_counted.txt`` (durations, measures, abstract things).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy
from spacy.attrs import LOWER
from spacy.lang.it.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token
from text_to_num import alpha2digit

from common.dates import MONTHS
from extract.entities.records import Figure

__all__ = ["FigureRecognizer", "number_value"]

#: the largest figure: a longer number is a code or junk (as a float it may be infinite)
LARGEST = 1e15
_DIGITS = re.compile(r"^(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$")
# "900mila", "5milioni", "2,5mln": a number glued to its multiplier
_GLUED = re.compile(r"^(\d+(?:,\d+)?)(mila|milioni|milione|miliardi|miliardo|mln|mld)$")
# "2.4 milioni": a decimal point, read as one only before a multiplier
_YEAR = re.compile(r"(19|20)\d\d")
_DECIMAL_POINT = re.compile(r"^\d+\.\d{1,2}$")
_MULTIPLIERS = {"mila": 1_000, "mille": 1_000, "milione": 1_000_000, "milioni": 1_000_000,
                "mln": 1_000_000, "mln.": 1_000_000, "miliardo": 1_000_000_000,
                "miliardi": 1_000_000_000, "mld": 1_000_000_000, "mld.": 1_000_000_000}
# "un centinaio" is about a hundred: the qualifier says so
_ROUGHLY = {"decina": 10, "dozzina": 12, "quindicina": 15, "ventina": 20, "trentina": 30,
            "quarantina": 40, "cinquantina": 50, "sessantina": 60, "settantina": 70,
            "ottantina": 80, "novantina": 90, "centinaio": 100, "migliaio": 1_000}
_ARTICLES = frozenset({"un", "uno", "una", "un'"})
# "sfiora il milione di euro": the definite article counts one of a multiplier
_THE = frozenset({"il", "l'", "l’"})
# the article between a number and its noun: "Oltre 300 le famiglie"
_PLURAL_ARTICLES = frozenset({"i", "gli", "le"})
# adjectives between a number and its noun, kept in the span: "8 nuovi pulmini"
_BEFORE_NOUN = frozenset(
    {"nuovi", "nuove", "nuovissimi", "nuovissime", "ulteriori", "altri", "altre"}
)
# agency feeds (Factiva) head their texts in English: "249 words", "18 October 2023"
_MONTHS = frozenset(MONTHS) | {"words"}
# a number after these is a reference, not a quantity: "legge 104", "art. 3", "ore 10"
_REFERENCE_WORDS = frozenset(
    "art art. articolo articoli legge leggi comma commi decreto dlgs d.lgs. d.lgs dpr n n. "
    "nr nr. numero num. tel tel. telefono cell cell. fax ore cap via viale piazza corso "
    "pagina pag. p. anno anni edizione punto capitolo tabella lotto civico linea".split()
)
# "dalle 9 alle 12": hours
_HOUR_WORDS = frozenset({"alle", "dalle", "h"})
# adjectives that follow a number before its noun, or after it: "tre successive varianti"
_NOT_UNITS = frozenset(
    {"per", "percento", "%", "°", "ª", "º", "enne", "principali", "diversi", "diverse",
     "grandi", "piccoli", "piccole", "volte", "facenti", "entro", "oltre",
     "circa", "verso", "presso", "durante", "contro", "dopo", "prima", "sopra", "sotto",
     "successive", "successivi", "precedenti", "consecutivi", "consecutive", "distinti",
     "distinte", "separati", "separate", "ultimi", "ultime", "primi", "prime"}
) | _MONTHS
# spaCy's stop words count these content words too; as units they are what a figure counts
_COUNTED = frozenset({"persone", "persona", "città", "case"})
_UNIT_STOP_WORDS = STOP_WORDS - _COUNTED
# nouns that stay the same in the plural although they end in -a or -o
_INVARIABLE = frozenset({"euro", "auto", "foto", "moto", "video", "radio", "bici", "tram",
                         "bus", "kit", "metro"})
_QUALIFIERS = (
    "poco più di", "poco meno di", "più di", "meno di", "fino a", "oltre", "circa", "quasi",
    "almeno", "ben", "appena", "sopra", "sotto", "intorno a", "attorno a", "addirittura",
)
# the qualifiers' words, split once; a word before a number that ends none of them
# (most words) needs no comparison
_QUALIFIER_SPLIT = tuple((phrase, phrase.split()) for phrase in _QUALIFIERS)
_QUALIFIER_LAST = frozenset(words[-1] for _, words in _QUALIFIER_SPLIT)
_EURO = frozenset({"€", "euro"})
# the tokens of a list between two of its figures: "…euro; Beta 96.775,15"
_LIST_GAP = 10
_SENTENCE_ENDS = frozenset({".", "!", "?"})


def _data_words(name: str) -> list[str]:
    text = resources.files("extract.entities").joinpath("data").joinpath(name).read_text(
        "utf-8"
    )
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def _load_compound_units() -> tuple[tuple[str, ...], ...]:
    units = [tuple(line.split()) for line in _data_words("compound_units.txt")]
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

    Examples: "1.464.811" -> 1464811, "2,5" -> 2.5, "900mila" -> 900000, "duemila" -> 2000,
    "5milioni" -> 5000000. A number above :data:`LARGEST` is a code or junk, not a
    quantity: None.
    """
    lowered = text.lower()
    match = _GLUED.match(lowered)
    if _DIGITS.match(lowered):
        value = float(lowered.replace(".", "").replace(",", "."))
    elif match:
        value = float(match.group(1).replace(",", ".")) * _MULTIPLIERS[match.group(2)]
    else:
        return _word_value(lowered)
    return _whole(value) if value <= LARGEST else None


def _is_number_word(word: str) -> bool:
    return word[:1].isdigit() or _word_value(word) is not None


def _whole(value: float) -> float:
    return int(value) if value == int(value) else value


@dataclass(frozen=True)
class _Quantity:
    """A number as written from a token: its value, where it ends, how it was written."""

    value: float
    end: int
    rough: bool = False  # "una decina"
    multiplier: int = 1  # the largest "mila"/"milioni" written in it (1: none)
    point: bool = False  # "1.3": a decimal point with no multiplier, a figure only in a list


@dataclass(frozen=True)
class _Found:
    """A figure and what the next figure of a list may take from it."""

    figure: Figure
    start: int  # tokens
    end: int
    multiplier: int


class FigureRecognizer:
    """Finds the figures of a doc and stores them in ``doc._.figures``."""

    def __init__(self) -> None:
        self.compound_units = _load_compound_units()
        # the compounds by their first word, longest first as in ``compound_units``: a
        # number is followed by one word, not by every compound of the list
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for compound in self.compound_units:
            by_first.setdefault(compound[0], []).append(compound)
        self.compounds_by_first = {word: tuple(units) for word, units in by_first.items()}
        self.not_counted = frozenset(_data_words("not_counted.txt"))

    def __call__(self, doc: Doc) -> Doc:
        found: list[_Found] = []
        # token objects are costly and numbers rare: test each distinct word once, on hashes
        lowers = doc.to_array(LOWER)
        strings = doc.vocab.strings
        words = {int(h): strings[int(h)] for h in numpy.unique(lowers)}
        numbers = [h for h, w in words.items() if _is_number_word(w)]
        # "un", "il", "euro" are frequent and start a figure only before what they may count
        counts = [h for h, w in words.items() if w in _ROUGHLY or w in _MULTIPLIERS]
        articles = [h for h, w in words.items() if w in _ARTICLES or w in _THE]
        euros = [h for h, w in words.items() if w in _EURO]
        following = numpy.append(lowers[1:], 0)
        chosen = numpy.isin(lowers, numbers)
        chosen |= numpy.isin(lowers, articles) & numpy.isin(following, counts)
        chosen |= numpy.isin(lowers, euros) & numpy.isin(following, numbers)
        candidates = numpy.flatnonzero(chosen).tolist()
        resume = 0
        for index in candidates:
            if index < resume:
                continue
            result = self._figure_at(doc, index, found[-1] if found else None)
            if result is not None:
                found.append(result)
                resume = result.end
        doc._.figures = [f.figure for f in found]
        return doc

    def _figure_at(self, doc: Doc, start: int, previous: _Found | None) -> _Found | None:
        if doc[start].lower_ in _EURO:
            return self._euro_first(doc, start)
        quantity = _quantity(doc, start)
        if quantity is None or _is_reference(doc, start, quantity.end):
            return None
        if quantity.point:
            return self._listed(doc, start, start, quantity, quantity.value, "", previous)
        low = quantity.value
        upper = _range_end(doc, start, quantity)
        if upper is not None:
            if upper.multiplier > quantity.multiplier and low * upper.multiplier <= upper.value:
                low *= upper.multiplier  # "2-3mila": the thousands are the upper bound's
            quantity = upper
        unit_range = self._unit(doc, quantity, hour=_is_hour(doc, start, quantity))
        if unit_range is not None and _singular_after_count(doc, unit_range, low, quantity):
            # "dalle 9 alle 12 visita", "6 mln votata": a singular is not what is counted
            unit_range = None
        qualifier, qualifier_start = _qualifier(doc, start)
        if quantity.rough and not qualifier:
            qualifier = "circa"
        first = qualifier_start if qualifier else start
        if unit_range is not None:
            unit_start, unit_end, multiplier = unit_range
            low *= multiplier
            unit = " ".join(t.lower_ for t in doc[unit_start:unit_end])
            if unit in self.not_counted or _is_name(doc, start, unit_start):
                return None
            return _found(doc, first, unit_end, low, unit, qualifier,
                          max(quantity.multiplier, multiplier))
        if quantity.end < len(doc) and doc[quantity.end].lower_ in self.not_counted:
            return None  # "1 minuto di lettura"
        if _is_hour(doc, start, quantity):
            return None
        if quantity.multiplier > 1 or quantity.rough:
            # "arrivano a 20 milioni", "ne abbiamo inaugurati una decina": the noun is left out
            unit = _list_unit(doc, start, previous) or (
                "euro" if quantity.multiplier >= 1_000_000 else ""
            )
            return _found(doc, first, quantity.end, low, unit, qualifier, quantity.multiplier)
        of = self._of_counted(doc, quantity)
        if of is not None:
            return _found(doc, first, quantity.end, low, of, qualifier, 1)
        return self._listed(doc, start, first, quantity, low, qualifier, previous)

    def _euro_first(self, doc: Doc, start: int) -> _Found | None:
        """ "euro 35", "€ 1.200": the unit before the number."""
        if start + 1 >= len(doc) or not doc[start + 1].text[:1].isdigit():
            return None
        if start and number_value(doc[start - 1].text) is not None:
            return None  # "40 euro 35" is two
        quantity = _quantity(doc, start + 1)
        if quantity is None or _is_reference(doc, start + 1, quantity.end):
            return None
        return _found(doc, start, quantity.end, quantity.value, "euro", "", quantity.multiplier)

    def _unit(self, doc: Doc, quantity: _Quantity, hour: bool = False
              ) -> tuple[int, int, int] | None:
        """(start, end, multiplier) of the noun a number counts, if one follows it.

        The multiplier is one written after an article: "Quasi 9 i milioni di euro".
        After an hour the article starts a new clause: "alle 10 i cancelli aprono".
        """
        position, multiplier = quantity.end, 1
        counted = quantity.multiplier > 1 or quantity.rough
        if (
            position + 1 < len(doc) and doc[position].lower_ in _PLURAL_ARTICLES
            and quantity.value != 1 and not hour
        ):
            position += 1
            word = doc[position].lower_
            if word in _MULTIPLIERS and quantity.multiplier == 1:
                multiplier, counted, position = _MULTIPLIERS[word], True, position + 1
        elif counted and position < len(doc) and doc[position].lower_ == "di":
            position += 1  # "3 milioni di euro", "un centinaio di persone"
        if counted and position < len(doc) and doc[position].lower_ == "di":
            position += 1
        if position < len(doc) and doc[position].lower_ in _BEFORE_NOUN:
            position += 1
        end = self._unit_end(doc, position)
        if end is None:
            return None
        return position, end, multiplier

    def _unit_end(self, doc: Doc, start: int) -> int | None:
        if start >= len(doc):
            return None
        token = doc[start]
        compounds = self.compounds_by_first.get(token.lower_)
        if compounds:
            words = [t.lower_ for t in doc[start:start + 4]]
            for compound in compounds:
                if tuple(words[:len(compound)]) == compound:
                    return start + len(compound)
        if token.lower_ in _EURO:
            return start + 1
        word = token.lower_
        if (
            not token.is_alpha
            or word in _UNIT_STOP_WORDS
            or word in _NOT_UNITS
            or len(word) < 3
            or word.endswith(("ano", "ono", "ando", "endo"))  # verbs: "in 160 trovano"
            or (token.text[:1].isupper() and not token.is_title and not _in_capitals(token))
            or _glued_after(doc, start)  # a rate: "40 posti/giorno"
        ):
            return None
        if start + 1 < len(doc) and doc[start + 1].text == "’" and not token.whitespace_:
            return start + 2 if _in_capitals(token) else start + 1  # "UNITA’"
        return start + 1

    def _of_counted(self, doc: Doc, quantity: _Quantity) -> str | None:
        """The noun of "9 dei 14 comuni": the first number counts what the second does."""
        end = quantity.end
        if end + 1 >= len(doc) or doc[end].lower_ not in {"dei", "delle", "degli"}:
            return None
        second = _quantity(doc, end + 1)
        if second is None or second.value <= quantity.value:
            return None
        unit = self._unit(doc, second)
        if unit is None:
            return None
        noun = " ".join(t.lower_ for t in doc[unit[0]:unit[1]])
        return None if noun in self.not_counted else noun

    def _listed(self, doc: Doc, start: int, first: int, quantity: _Quantity, low: float,
                qualifier: str, previous: _Found | None) -> _Found | None:
        """A number whose noun, or "milioni", the figure before it in a list gives."""
        unit = _list_unit(doc, start, previous)
        if previous is None or unit is None:
            return None
        written = doc[start].text
        coordinated = doc[start - 1].lower_ in {",", ";", "e", "ed"}
        if previous.multiplier > 1 and low < 1_000 and coordinated:
            # "3,2 milioni al porto, 1,8 alla piscina"
            return _found(doc, first, quantity.end, low * previous.multiplier, unit,
                          qualifier, previous.multiplier)
        money = "." in written or "," in written
        if unit == "euro" and money and not quantity.point:
            return _found(doc, first, quantity.end, low, unit, qualifier, 1)
        if unit != "euro" and doc[start - 1].lower_ in {"e", "ed"} and written.isdigit():
            return _found(doc, first, quantity.end, low, unit, qualifier, 1)  # "e 16 in piazza…"
        return None


def _found(doc: Doc, start: int, end: int, value: float, unit: str, qualifier: str,
           multiplier: int) -> _Found:
    span = doc[start:end]
    figure = Figure(value=_whole(value), unit=unit, qualifier=qualifier, text=span.text,
                    start=span.start_char, end=span.end_char)
    return _Found(figure, start, end, multiplier)


def _singular_after_count(doc: Doc, unit: tuple[int, int, int], value: float,
                          quantity: _Quantity) -> bool:
    start, end, multiplier = unit
    word = doc[start].lower_
    return (
        value * multiplier != 1 and end == start + 1 and not quantity.rough
        and word not in _INVARIABLE and word.endswith(("a", "o"))
    )


def _list_unit(doc: Doc, start: int, previous: _Found | None) -> str | None:
    """The unit of the figure just before in the same sentence, if close enough."""
    if previous is None or start - previous.end > _LIST_GAP:
        return None
    gap = doc[previous.end:start]
    if any(t.text in _SENTENCE_ENDS or "\n" in t.text for t in gap):
        return None
    return previous.figure.unit or None


def _quantity(doc: Doc, start: int) -> _Quantity | None:
    """The number written from ``start``, if one is."""
    token = doc[start]
    word = token.lower_
    if (word in _ARTICLES or word in _THE) and start + 1 < len(doc):
        following = doc[start + 1].lower_
        if following in _ROUGHLY and word in _ARTICLES:
            return _Quantity(float(_ROUGHLY[following]), start + 2, rough=True)
        if following in {"milione", "miliardo"}:
            multiplier = _MULTIPLIERS[following]
            return _more(doc, _Quantity(float(multiplier), start + 2, multiplier=multiplier))
        return None
    if word in _THE:
        return None
    value = number_value(token.text)
    end = start + 1
    point = value is None and _DECIMAL_POINT.match(token.text) is not None
    if point:
        value = float(token.text)  # "2.4 milioni"
        point = not (end < len(doc) and doc[end].lower_ in _MULTIPLIERS)
    if value is None:
        return None
    if start > 0 and (_glued(doc[start - 1], token) or _names_number(doc, start)):
        return None  # "LgNet2", "Alfa 3" stay names; "art.3" a reference
    glued = _GLUED.match(word)
    multiplier = _MULTIPLIERS[glued.group(2)] if glued else 1
    if end < len(doc) and doc[end].lower_ in _MULTIPLIERS and multiplier == 1:
        multiplier = _MULTIPLIERS[doc[end].lower_]
        value *= multiplier
        end += 1
    if value > LARGEST:
        return None
    if point:
        return _Quantity(value, end, point=True)
    return _more(doc, _Quantity(value, end, multiplier=multiplier))


def _more(doc: Doc, quantity: _Quantity) -> _Quantity:
    """The smaller groups after a multiplier: "3 milioni e 400mila", "8 milioni 420 mila".

    "un milione e 800" is 1.8 million, as Italians say it; "14 milioni e 600 milioni"
    (a second part not smaller than the first) is a slip for the same.
    """
    if quantity.multiplier < 1_000_000:
        return quantity
    end = quantity.end
    joined = end < len(doc) and doc[end].lower_ == "e"
    rest_start = end + 1 if joined else end
    if rest_start >= len(doc):
        return quantity
    if joined and doc[rest_start].lower_ == "mezzo":
        return _Quantity(quantity.value + quantity.multiplier / 2, rest_start + 1,
                         multiplier=quantity.multiplier)
    rest = _quantity(doc, rest_start) if doc[rest_start].lower_ not in _ARTICLES else None
    if rest is None or rest.rough or (not joined and rest.multiplier == 1):
        return quantity
    added = rest.value
    if rest.multiplier == 1 and rest.value < 1_000:
        added = rest.value * quantity.multiplier / 1_000  # "un milione e 800"
    elif rest.multiplier >= quantity.multiplier and rest.value / rest.multiplier < 1_000:
        added = rest.value / 1_000
    if added >= quantity.value and quantity.value >= quantity.multiplier:
        return quantity
    return _Quantity(quantity.value + added, rest.end, multiplier=quantity.multiplier)


def _range_end(doc: Doc, start: int, low: _Quantity) -> _Quantity | None:
    """The upper bound of "150-180", "4-5mila", "da 1.500 a oltre 6.000", if any."""
    end = low.end
    if end + 1 >= len(doc):
        return None
    dash = doc[end]
    if dash.text in {"-", "–"} and not doc[end - 1].whitespace_ and not dash.whitespace_:
        upper = _quantity(doc, end + 1)
        if upper is None or _is_year(doc[start].text) or upper.value <= low.value:
            return None
        return upper
    before = doc[start - 1].lower_ if start else ""
    joins = {"da": {"a", "ad", "fino"}, "tra": {"e"}, "fra": {"e"}}.get(before)
    if not joins or dash.lower_ not in joins:
        return None
    position = end + 1
    for phrase in ("oltre", "circa", "quasi", "almeno", "a"):  # "da 3 fino a 5"
        if position < len(doc) and doc[position].lower_ == phrase:
            position += 1
    if position >= len(doc):
        return None
    upper = _quantity(doc, position)
    if upper is None or upper.value <= low.value:
        return None
    return upper


def _glued(previous: Token, token: Token) -> bool:
    return not previous.whitespace_ and previous.is_alpha and token.text[:1].isdigit()


def _names_number(doc: Doc, start: int) -> bool:
    """ "il progetto Alfa 3 riparte": a small number after a name mid-sentence is the name's.

    Not when a multiplier follows: "Parma 2 milioni" is a list of amounts.
    """
    token, previous = doc[start], doc[start - 1]
    if not token.text.isdigit() or int(token.text) >= 100 or start < 2:
        return False
    if start + 1 < len(doc) and doc[start + 1].lower_ in _MULTIPLIERS:
        return False
    before = doc[start - 2]
    mid_sentence = before.text not in _SENTENCE_ENDS and "\n" not in before.text and (
        not before.is_punct
    )
    if not (previous.is_alpha and previous.text[:1].isupper() and not previous.is_upper):
        return False
    # "a Roma 30 nuovi bus": a comune before a number is where, not a name
    places = doc._.cities if Doc.has_extension("cities") else None
    in_place = any(c.start <= previous.idx < c.end for c in places or ())
    return mid_sentence and not in_place


def _glued_after(doc: Doc, index: int) -> bool:
    return index + 1 < len(doc) and not doc[index].whitespace_ and doc[index + 1].text == "/"


def _is_year(text: str) -> bool:
    return _YEAR.fullmatch(text) is not None


def _in_capitals(token: Token) -> bool:
    """Whether the words around a token are all in capitals: a headline or a notice."""
    doc = token.doc
    around = [t for t in doc[max(0, token.i - 3):token.i + 3] if t.is_alpha and len(t) > 1]
    return len(around) >= 2 and all(t.is_upper for t in around)


def _is_name(doc: Doc, start: int, unit_start: int) -> bool:
    """ "il gruppo Sette Note": a spelled number and a noun capitalised mid-sentence."""
    number, noun = doc[start], doc[unit_start]
    if not number.is_title or not noun.is_title or number.text[:1].isdigit() or not start:
        return False
    previous = doc[start - 1]
    return previous.text not in _SENTENCE_ENDS and "\n" not in previous.text and not (
        previous.is_punct and previous.text in {"-", "–", "—", ":", "«", '"', "“"}
    )


def _is_hour(doc: Doc, start: int, quantity: _Quantity) -> bool:
    previous = doc[start - 1].lower_ if start else ""
    return previous in _HOUR_WORDS and quantity.multiplier == 1 and quantity.value <= 24


def _is_reference(doc: Doc, start: int, end: int) -> bool:
    """Dates, years, times, phone, law and article numbers, percentages."""
    text = doc[start].text
    previous_token = doc[start - 1] if start else None
    previous = previous_token.lower_ if previous_token is not None else ""
    if previous in _REFERENCE_WORDS or previous.isdigit():
        return True
    if previous == "." and start > 1 and f"{doc[start - 2].lower_}." in _REFERENCE_WORDS:
        return True  # "ART. 7", split by the tokenizer
    if previous in {"/", "-", ":"} and previous_token is not None and (
        not previous_token.whitespace_
    ):
        return True  # "18/10", "ore 17:45", "n-3"; "Carpi - Tre rotatorie" is a figure
    if previous == "per" and text.lower() == "cento":
        return True  # "5 per cento di immigrati"
    glued_on = end + 1 < len(doc) and not doc[end - 1].whitespace_ and not doc[end].whitespace_
    if glued_on and doc[end].text in {"/", ":", "."} and doc[end + 1].text[:1].isdigit():
        return True  # 18/10, 17:45, 18.10
    if end < len(doc) and doc[end].text == "%":
        return True
    if end < len(doc) and doc[end].lower_ in {"%", "per", "percento"}:
        if doc[end].lower_ != "per" or (end + 1 < len(doc) and doc[end + 1].lower_ == "cento"):
            return True
    if _is_year(text) and end == start + 1:
        return True  # a year
    if text.isdigit() and ((text.startswith("0") and len(text) > 1) or len(text) >= 9):
        return True  # phone numbers and codes: "06 …", "3331234567"
    if end < len(doc) and doc[end].text in {"-", "–"} and not doc[end - 1].whitespace_ and (
        not doc[end].whitespace_ and end + 1 < len(doc) and doc[end + 1].text[:1].isdigit()
    ):
        return _is_year(text) or _is_year(doc[end + 1].text)  # 2014-2020
    # digits right after digits are one number written in groups: "333 123 4567"
    return end < len(doc) and doc[end].text.isdigit()


def _qualifier(doc: Doc, start: int) -> tuple[str, int]:
    if not start or doc[start - 1].lower_ not in _QUALIFIER_LAST:
        return "", start
    before = [t.lower_ for t in doc[max(0, start - 3):start]]
    for phrase, words in _QUALIFIER_SPLIT:
        if before[-len(words):] == words:
            return phrase, start - len(words)
    return "", start
