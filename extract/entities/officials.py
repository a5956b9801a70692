"""The officials component: people quoted with a municipal role, and their comune.

Handles the orders the press uses: "Jacopo Rosatelli, assessore alle …", "l'Assessore
ai Servizi Sociali del Comune di Latina Michele Nasso", "Parla l'assessore Ficocelli",
"l'avv. Carlo Marino Sindaco di Caserta". :func:`merge_officials` then merges the
spellings of one person across texts ("Tognoli"/"Tognolli") and keeps the variants.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import numpy
from rapidfuzz import fuzz
from spacy.attrs import LOWER
from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token

from extract.entities.gazetteers import Gazetteers, fold_name
from extract.entities.records import City, Official

__all__ = ["OfficialRecognizer", "merge_officials"]

_PORTFOLIO_STARTS = frozenset(
    {"alle", "ai", "al", "agli", "allo", "all'", "alla", "a", "con", "per"}
)
_BOUNDARIES = frozenset(
    {",", ".", ";", ":", "(", ")", "-", "–", "—", '"', "«", "»", "“", "”", "[", "]", "!", "?"}
)
_MARKUP = frozenset({"*", "**", "_", "__"})
_PARTICLES = frozenset({"de", "di", "del", "della", "da", "dal", "d'", "la", "lo", "van", "von"})
_NOT_NAMES = frozenset(
    {"comune", "città", "assessore", "assessora", "sindaco", "sindaca", "vicesindaco",
     "consigliere", "consigliera", "assessorato", "giunta", "consiglio", "presidente",
     "regione", "provincia", "ministero", "ministro", "anci", "italia", "il", "la", "lo",
     "gli", "le", "i", "un", "una", "ha", "è", "e", "ed", "ma", "per", "con", "nel", "nella"}
)
# roles of other bodies: "l'assessore regionale" is not a municipal official
_OTHER_BODIES = frozenset({"regionale", "provinciale", "regionali", "metropolitano"})
_ARTICLES = frozenset({"il", "la", "l'", "lo"})
_MAX_NAME = 4
_MAX_PORTFOLIO = 16


class OfficialRecognizer:
    """Finds officials in a doc (after the cities) and stores them in ``doc._.officials``."""

    def __init__(self, gazetteers: Gazetteers, strings: StringStore) -> None:
        self.gazetteers = gazetteers
        last_words = {role.split()[-1] for role in gazetteers.roles}
        self._role_hashes = numpy.array([strings.add(w) for w in sorted(last_words)],
                                        dtype=numpy.uint64)

    def __call__(self, doc: Doc) -> Doc:
        cities: dict[int, City] = {}
        for city in doc._.cities:
            span = doc.char_span(city.start, city.end)
            if span is not None:
                cities[span.start] = city
        officials: list[Official] = []
        # only the tokens that may be a role become Token objects: they are costly
        lowers = doc.to_array(LOWER)
        for index in numpy.flatnonzero(numpy.isin(lowers, self._role_hashes)).tolist():
            token = doc[index]
            role = self._role(token)
            if role is None:
                continue
            official = self._official(doc, token, role, cities)
            if official is not None and all(o.start != official.start for o in officials):
                officials.append(official)
        doc._.officials = _complete_surnames(officials)
        return doc

    def _role(self, token: Token) -> str | None:
        word = token.lower_
        role = self.gazetteers.roles.get(word)
        if role is None and token.i > 0:
            role = self.gazetteers.roles.get(f"{token.nbor(-1).lower_} {word}")  # primo cittadino
        if role is None:
            return None
        before = [t.lower_ for t in token.doc[max(0, token.i - 2):token.i]]
        if role == "sindaco" and (before[-1:] == ["vice"] or before == ["vice", "-"]):
            role = "vicesindaco"  # "vice sindaco", "vice-sindaco"
        if token.i + 1 < len(token.doc) and token.nbor(1).lower_ in _OTHER_BODIES:
            return None
        return role

    def _official(
        self, doc: Doc, token: Token, role: str, cities: dict[int, City]
    ) -> Official | None:
        index = _skip_markup(doc, token.i + 1)
        if index < len(doc) and doc[index].lower_ in {"comunale", "municipale"}:
            index += 1  # "la consigliera comunale Anna Rossi"
        portfolio_start = index
        if index < len(doc) and doc[index].lower_ in _PORTFOLIO_STARTS:
            index = self._portfolio_end(doc, index, cities)
        portfolio = _clean(doc[portfolio_start:index].text) if index > portfolio_start else ""
        comune, index = _comune_after(doc, _skip_markup(doc, index), cities)
        name = self._name_before(doc, token.i)
        if name is None:
            start = _skip_markup(doc, index)
            if comune and start < len(doc) and doc[start].text == ",":
                start = _skip_markup(doc, start + 1)  # "il sindaco di Roma, Roberto Gualtieri"
            name = self._name_after(doc, start, alone=start == portfolio_start)
        if name is None:
            name = _entity_next_to(doc, token.i)
        if name is None:
            return None
        if not comune:
            comune, _ = _comune_after(doc, _skip_markup(doc, name.end), cities)
        written = _written(name)
        return Official(
            name=written,
            role=role,
            comune=comune,
            portfolio=portfolio,
            written=written,
            variants=(written,),
            start=name.start_char,
            end=name.end_char,
        )

    def _portfolio_end(self, doc: Doc, index: int, cities: dict[int, City]) -> int:
        limit = min(len(doc), index + _MAX_PORTFOLIO)
        end = index + 1
        while end < limit:
            token = doc[end]
            if token.text in _BOUNDARIES or token.text in _MARKUP or token.is_space:
                break
            if token.lower_ in {"del", "dal", "nel", "presso"} and end + 1 < len(doc) and (
                doc[end + 1].lower_ == "comune"
            ):
                break
            if token.lower_ == "di" and end + 1 in cities:
                break
            if self._first_name(token) and end + 1 < len(doc) and _name_like(doc[end + 1]):
                break
            end += 1
        return end

    def _first_name(self, token: Token) -> bool:
        return token.is_title and token.lower_ in self.gazetteers.first_names and (
            token.lower_ not in _NOT_NAMES
        )

    def _name_after(self, doc: Doc, start: int, alone: bool) -> Span | None:
        """A name from ``start``: a first name and a surname, or a surname right after a role."""
        end = start
        while end < len(doc) and end - start < _MAX_NAME and _name_part(doc, end, start):
            end += 1
        end = _trim_particles(doc, start, end)
        if end <= start:
            return None
        if end - start >= 2 and self._first_name(doc[start]):
            return _with_apostrophe(doc, start, end)
        if alone and end - start == 1 and doc[start].is_title:
            return _with_apostrophe(doc, start, end)  # "l'assessore Ficocelli"
        return None

    def _name_before(self, doc: Doc, role_index: int) -> Span | None:
        """A name that ends right before the role: "Jacopo Rosatelli, assessore"."""
        end = role_index
        while end > 0 and (doc[end - 1].text in _MARKUP or doc[end - 1].text in {",", "("}
                           or doc[end - 1].lower_ in _ARTICLES):
            end -= 1  # "Roberto Gualtieri (sindaco di Roma)", "Anna Rossi, la sindaca"
        if end > 0 and doc[end - 1].text in {"'", "’"} and not doc[end - 2].whitespace_:
            end -= 1  # "Bertole', Assessore"
        while end > 0 and doc[end - 1].text in _MARKUP:
            end -= 1
        stop = end
        if stop > 0 and doc[stop - 1].text in {"'", "’"}:
            stop -= 1
        start = stop
        while start > 0 and stop - start < _MAX_NAME and _name_like(doc[start - 1]):
            start -= 1
        while start < stop and not self._first_name(doc[start]):
            start += 1  # "dichiara Gabriella Ficocelli": the name starts at the first name
        if stop - start < 2:
            return None
        return _with_apostrophe(doc, start, stop)


def _name_like(token: Token) -> bool:
    text = token.text
    return (
        token.is_alpha
        and text[:1].isupper()
        and not text.isupper()
        and token.lower_ not in _NOT_NAMES
    ) or (len(text) > 2 and text[-1] == "'" and text[:1].isupper() and text[:-1].isalpha())


def _name_part(doc: Doc, index: int, start: int) -> bool:
    token = doc[index]
    if _name_like(token):
        return True
    # "De Luca", "Di Meo": a particle inside a name, followed by a capitalised word
    return (
        index > start
        and token.lower_ in _PARTICLES
        and token.text[:1].isupper()
        and index + 1 < len(doc)
        and _name_like(doc[index + 1])
    )


def _trim_particles(doc: Doc, start: int, end: int) -> int:
    while end > start and doc[end - 1].lower_ in _PARTICLES:
        end -= 1
    return end


def _with_apostrophe(doc: Doc, start: int, end: int) -> Span:
    """Keep an apostrophe written for an accent: "Bertole'"."""
    if end < len(doc) and doc[end].text in {"'", "’"} and not doc[end - 1].whitespace_:
        return doc[start:end + 1]
    return doc[start:end]


def _written(name: Span) -> str:
    return " ".join(name.text.split())


def _skip_markup(doc: Doc, index: int) -> int:
    while index < len(doc) and (doc[index].text in _MARKUP or doc[index].is_space):
        index += 1
    return index


def _comune_after(doc: Doc, index: int, cities: dict[int, City]) -> tuple[str, int]:
    """The comune written after a role: "del Comune di Latina", "di Caserta"."""
    words = [t.lower_ for t in doc[index:index + 3]]
    for prefix in (["del", "comune", "di"], ["dal", "comune", "di"], ["comunale", "di"],
                   ["di"]):
        if words[:len(prefix)] == prefix and index + len(prefix) in cities:
            city = cities[index + len(prefix)]
            span = doc.char_span(city.start, city.end)
            return city.name, span.end if span is not None else index + len(prefix) + 1
    return "", index


def _entity_next_to(doc: Doc, role_index: int) -> Span | None:
    """A person the statistical NER found next to the role (when a model is installed)."""
    for ent in doc.ents:
        if ent.label_ not in {"PER", "PERSON"}:
            continue
        if 0 < ent.start - role_index <= 2 or 0 < role_index - ent.end <= 2:
            return ent
    return None


def _clean(text: str) -> str:
    return " ".join(text.replace("*", " ").replace("_", " ").split()).strip(" ,")


def _complete_surnames(officials: list[Official]) -> list[Official]:
    """A surname alone ("l'assessore Ficocelli") takes the full name the text gives."""
    full = [o for o in officials if " " in o.name]
    result = []
    for official in officials:
        if " " not in official.name:
            for other in full:
                if fold_name(other.name.split()[-1]) == fold_name(official.name) and (
                    other.role == official.role
                ):
                    official = replace(official, name=other.name, variants=(other.name,))
                    break
        result.append(official)
    return result


def _same_person(a: str, b: str) -> bool:
    """Two spellings of one person: same first name, surnames that differ by a typo."""
    first_a, _, last_a = fold_name(a).partition(" ")
    first_b, _, last_b = fold_name(b).partition(" ")
    if not last_a or not last_b:
        return fold_name(a).split()[-1] == fold_name(b).split()[-1] or fuzz.ratio(
            fold_name(a).split()[-1], fold_name(b).split()[-1]
        ) >= 85
    if first_a != first_b and not (first_a[:1] == first_b[:1] and min(len(first_a),
                                                                       len(first_b)) <= 2):
        return False
    return fuzz.ratio(last_a, last_b) >= 85


def _canonical(spellings: Counter[str]) -> str:
    """The spelling kept: the most frequent; on a tie accents win over apostrophes."""
    def rank(name: str) -> tuple[int, int, int, str]:
        accented = sum(1 for c in name if ord(c) > 127)
        return (-spellings[name], name.endswith("'"), -accented, name)

    return min(spellings, key=rank)


def merge_officials(per_text: Sequence[Sequence[Official]]) -> list[list[Official]]:
    """Merge the spellings of each person across texts.

    Args:
        per_text: the officials found in each text.

    Returns:
        The same officials, each named with the spelling kept for its person and with
        ``variants`` listing every spelling seen (the kept one first).
    """
    people: list[Counter[str]] = []
    full_first = sorted(
        (o for officials in per_text for o in officials),
        key=lambda o: (" " not in o.name, o.name),
    )
    index: dict[str, int] = {}
    for official in full_first:
        number = next(
            (n for n, known in enumerate(people)
             if any(_same_person(official.name, k) for k in known)),
            len(people),
        )
        if number == len(people):
            people.append(Counter())
        spellings = people[number]
        written = official.written or official.name
        # a bare surname ("l'assessore Ficocelli") is no spelling of the full name
        spellings[written if " " in written else official.name] += 1 if " " in written else 0
        index[official.name] = number
    merged = []
    for officials in per_text:
        row = []
        for official in officials:
            spellings = people[index[official.name]]
            name = _canonical(spellings)
            seen = [s for s, count in spellings.items() if count] or list(spellings)
            variants = (name, *sorted(s for s in seen if s != name))
            row.append(replace(official, name=name, variants=variants))
        merged.append(row)
    return merged
