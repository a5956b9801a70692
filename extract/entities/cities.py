"""The city component: every comune of the ISTAT list named in a text."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extract.entities.gazetteers import Comune, Gazetteers
from extract.entities.records import City

__all__ = ["CityRecognizer"]

# words before "di" that make the next capitalised word a comune: "il Comune di Sale"
_OF_CUES = frozenset(
    {"comune", "città", "citta", "sindaco", "sindaca", "vicesindaco", "cittadina", "paese",
     "borgo", "provincia", "municipio", "giunta", "assessore", "assessora"}
)
# a comune right after one of these is a place, not a word: "a Bra", "da Cento"
_PLACE_PREPOSITIONS = frozenset({"a", "ad", "da", "in"})
# tokens that may sit between the cities of a list
_LIST_GLUE = frozenset({",", "e", "ed", ";", "*", "**", "_", "-", "–"})
# "via Milazzo", "piazza Garibaldi": a street named after a place is not the place
_STREETS = frozenset(
    {"via", "viale", "piazza", "piazzale", "corso", "largo", "vicolo", "lungomare", "strada",
     "contrada", "borgata", "località", "loc.", "stazione"}
)
_MARKUP = frozenset({"*", "**", "_", '"', "“", "”", "«", "»"})


class CityRecognizer:
    """Finds the comuni named in a doc and stores them in ``doc._.cities``.

    Names are matched case-insensitively but must be written with a capital (or in
    capitals, as in datelines); comuni that are also common words need a cue; a
    comune right after a first name is a surname ("Giusto Catania").
    """

    def __init__(self, nlp: Language, gazetteers: Gazetteers) -> None:
        self.gazetteers = gazetteers
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        names = sorted(gazetteers.comuni)
        self.matcher.add("COMUNE", [nlp.make_doc(name) for name in names])

    def __call__(self, doc: Doc) -> Doc:
        spans = [doc[start:end] for _, start, end in self.matcher(doc)]
        found: list[tuple[Span, Comune]] = []
        for span in filter_spans(spans):
            comune = self._comune(span)
            if comune is not None:
                found.append((span, comune))
        listed = _listed([span for span, _ in found])
        doc._.cities = [
            City(
                name=comune.name,
                province=comune.province,
                region=comune.region,
                istat=comune.istat,
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                listed=span.start in listed,
            )
            for span, comune in found
        ]
        return doc

    def _comune(self, span: Span) -> Comune | None:
        first = span[0]
        if not first.text[:1].isupper():
            return None  # "latina", "la campagna"
        key = span.text.lower()
        candidates = self.gazetteers.comuni.get(key) or self.gazetteers.comuni.get(
            " ".join(key.split())
        )
        if not candidates:
            return None
        previous = _previous_word(first)
        if previous is not None and self._is_first_name(previous):
            return None  # a surname: "Carlo Marino", "Giusto Catania"
        if previous is not None and previous.lower_ in _STREETS:
            return None
        following = _next_word(span[-1])
        province = self._province_cue(span)
        if key in self.gazetteers.first_names and not _is_cued(first) and province is None:
            if following is not None and following.text[:1].isupper() and following.is_alpha:
                return None  # a first name: "Viola Rossi"
        if key in self.gazetteers.ambiguous and not _is_cued(first) and province is None:
            return None
        if province is not None:
            for comune in candidates:
                if comune.province == province:
                    return comune
        return candidates[0]

    def _is_first_name(self, token: Token) -> bool:
        text = token.text
        return (
            text[:1].isupper()
            and text[1:].islower()
            and text.lower() in self.gazetteers.first_names
            and text.lower() not in self.gazetteers.comuni  # "Bolzano Merano" is two places
        )

    def _province_cue(self, span: Span) -> str | None:
        """The province given after the name: "Bra (CN)", "Sale, in provincia di Alessandria"."""
        doc = span.doc
        end = span.end
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            code = doc[end + 1].text
            if len(code) == 2 and code.isupper():
                return code
        words = [t.lower_ for t in doc[end:end + 6]]
        for offset in range(len(words) - 2):
            if words[offset:offset + 3] == ["in", "provincia", "di"] or words[
                offset:offset + 2
            ] == ["provincia", "di"]:
                skip = 3 if words[offset] == "in" else 2
                rest = doc[end + offset + skip:end + offset + skip + 3]
                for size in range(len(rest), 0, -1):
                    found = self.gazetteers.provinces.get(rest[:size].text.lower())
                    if found:
                        return found
                return None
            if words[offset] not in {",", "("}:
                break
        return None


def _previous_word(token: Token) -> Token | None:
    index = token.i - 1
    while index >= 0 and token.doc[index].text in _MARKUP:
        index -= 1
    return token.doc[index] if index >= 0 else None


def _next_word(token: Token) -> Token | None:
    index = token.i + 1
    while index < len(token.doc) and token.doc[index].text in _MARKUP:
        index += 1
    return token.doc[index] if index < len(token.doc) else None


def _is_cued(token: Token) -> bool:
    """Whether the words before a name say it is a place: "Comune di", "a"."""
    previous = _previous_word(token)
    if previous is None:
        return False
    word = previous.lower_
    if word in _PLACE_PREPOSITIONS:
        return True
    if word == "di":
        before = _previous_word(previous)
        return before is not None and before.lower_ in _OF_CUES
    return False


def _listed(spans: list[Span]) -> set[int]:
    """Start tokens of cities that are part of a list of three or more."""
    runs: list[list[Span]] = []
    for span in spans:
        if runs:
            gap = span.doc[runs[-1][-1].end:span.start]
            if len(gap) <= 3 and all(t.lower_ in _LIST_GLUE or t.is_space for t in gap):
                runs[-1].append(span)
                continue
        runs.append([span])
    return {span.start for run in runs if len(run) >= 3 for span in run}
