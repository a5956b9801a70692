"""The city component: every comune of the ISTAT list named in a text.

Names are matched on a plain copy of the text (accents, typographic apostrophes and
hyphens between names folded; the same length, so offsets hold): "Paternò" is matched as
"Paterno", "Pavia-Vigevano" names two comuni. Besides the ISTAT names and the
aliases of ``data/city_aliases.tsv``, each comune is known by the forms outlets write:
"S. Agata de' Goti", "Cava dei Tirreni", and its short form ("Borgaro" for Borgaro
Torinese, "Caprino" for Caprino Veronese), which needs a cue as a word that is a comune does.
A short form several comuni share is the one nearest the other comuni of the text.

Not comuni: names after a street, building or quarter word ("via Milano", "Palazzo
Venezia", "Porta Genova"), after an articulated preposition ("nell'Alpago", "sul
Montello"), in parentheses after a comune ("Arco (Trento)", "Roma (tra Monteverde e
Trastevere)"), and surnames ("Ilario Brindisi", "l'assessore Ragusa", "Matilde di Canossa"):
a name once a surname in a text is a surname wherever it is not cued as a place.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

import numpy
from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extract.entities.gazetteers import Comune, Gazetteers
from extract.entities.records import City

__all__ = ["CityRecognizer", "doc_text", "plain_text"]

# words before "di" that make the next capitalised word a comune: "il Comune di Sale"
_OF_CUES = frozenset(
    {"comune", "città", "citta", "sindaco", "sindaca", "vicesindaco", "cittadina", "paese",
     "borgo", "municipio", "giunta", "assessore", "assessora"}
)
# a comune right after one of these is a place, not a word: "a Sale", "da Arco"
_PLACE_PREPOSITIONS = frozenset({"a", "ad", "da", "in"})
# tokens that may sit between the cities of a list
_LIST_GLUE = frozenset({",", "e", "ed", ";", "*", "**", "_", "-", "–"})
# words that may sit between two comuni of a list besides numbers and punctuation:
# "Alfa 48.210,30 euro; Beta 96.775,15"
_LIST_WORDS = frozenset({"e", "ed", "euro", "€", "o", "oppure"})
# "via Milazzo", "piazza Garibaldi": a street named after a place is not the place
_STREETS = frozenset(
    {"via", "viale", "piazza", "piazzale", "corso", "largo", "vicolo", "lungomare", "strada",
     "contrada", "borgata", "località", "loc.", "stazione"}
)
# "le zone di Alfa", "la frazione di Beta": a part of a comune, or an area, is not one;
# "la provincia di Gamma" is the province
_PARTS_OF = frozenset(
    {"zona", "zone", "quartiere", "quartieri", "rione", "rioni", "frazione", "frazioni",
     "località", "contrada", "contrade", "borgata", "borgate", "provincia", "province"}
)
# "via d'Ancona", "piazza di Spagna": the street's name, also after "di"
_STREETS_OF = frozenset(
    {"via", "viale", "piazza", "piazzale", "corso", "largo", "vicolo", "lungomare", "strada"}
)
# buildings, quarters and bodies named after a place or a person: "Palazzo Venezia",
# "Porta Genova", "Fondazione Montale", "il quartiere San Donato"
_NAMED_AFTER = frozenset(
    {"palazzo", "palazzetto", "palazzina", "galleria", "caserma", "fondazione", "compagnia",
     "porta", "borgo", "quartiere", "rione", "monte", "cimitero", "ospedale", "stadio",
     "teatro", "parco", "giardino", "giardini", "ponte", "chiesa", "basilica", "cattedrale",
     "duomo", "museo", "liceo", "hotel", "albergo", "cinema", "frazione", "zona", "torre",
     "villa", "castello", "premio", "scuola", "istituto", "collegio", "convento", "forte",
     "rocca", "cascina", "masseria", "tenuta", "bar", "ristorante", "circolo", "lido"}
)
# a surname follows these: "l'assessore Ragusa", "monsignor Rovigo"
_TITLES = frozenset(
    {"assessore", "assessora", "sindaco", "sindaca", "vicesindaco", "vicesindaca",
     "consigliere", "consigliera", "capogruppo", "presidente", "vicepresidente", "ministro",
     "ministra", "senatore", "senatrice", "deputato", "deputata", "onorevole", "on.",
     "governatore", "segretario", "segretaria", "direttore", "direttrice", "dottor",
     "dott.", "dott.ssa", "dottoressa", "avvocato", "avv.", "professor", "professore",
     "professoressa", "prof.", "prof.ssa", "ing.", "ingegner", "arch.", "monsignor",
     "mons.", "don", "padre", "suor", "cardinale", "papa", "beato", "beata", "generale",
     "colonnello", "comandante", "questore", "prefetto", "signor", "signora", "sig.",
     "sig.ra", "maestro", "mister"}
)
# "sul Montello", "nell'Alpago", "alla Marina": articulated prepositions go before places
# that are not comuni (quarters, areas, monuments); a comune takes a bare "di", "a", "in"
_ARTICULATED = frozenset(
    {"del", "dello", "della", "dei", "degli", "delle", "dell'", "al", "allo", "alla", "ai",
     "agli", "alle", "all'", "dal", "dallo", "dalla", "dai", "dagli", "dalle", "dall'",
     "nel", "nello", "nella", "nei", "negli", "nelle", "nell'", "sul", "sullo", "sulla",
     "sui", "sugli", "sulle", "sull'", "col", "coi"}
)
# "Leonardo da Vinci", "Matilde di Canossa": a first name, a particle, a place: a person
_PARTICLES = frozenset({"da", "d'", "di", "de", "de'"})
_SAINTS = frozenset({"san", "santa", "santo", "sant'", "s."})
_MARKUP = frozenset({"*", "**", "_", '"', "“", "”", "«", "»"})
# the words that join a comune's name to its qualifier: "Cava dei Tirreni"
_CONNECTORS = frozenset(
    {"di", "del", "della", "dei", "delle", "degli", "de'", "d'", "in", "al", "allo", "alla",
     "sul", "sulla", "nel", "nella", "con", "sopra", "sotto", "presso"}
)
# second words that qualify a comune's name: "Borgaro Torinese", "Caprino Veronese"
_QUALIFIER_ENDINGS = ("ese", "ino", "ina", "ano", "ana", "ico", "ica", "olo", "ola", "ulo",
                      "ula", "iano", "iana", "asco", "asca", "ense", "ale", "ite")
_QUALIFIER_WORDS = frozenset({"terme", "marittima", "marittimo", "superiore", "inferiore",
                              "scalo", "monferrato", "brianza", "mare", "lido", "marina",
                              "vecchio", "nuovo", "alto", "basso", "alta", "bassa"})
# first words that name nothing alone: "Monte", "San", "Castel"
_GENERIC_FIRST = frozenset(
    {"san", "santa", "santo", "sant'", "castel", "castello", "monte", "villa", "borgo",
     "porto", "torre", "casal", "casale", "rocca", "colle", "ponte", "bagni", "bagno",
     "pieve", "marina", "lido", "cava", "isola", "serra", "terra", "poggio", "campo",
     "campi", "valle", "val", "motta", "fonte", "castelnuovo", "montecchio", "nuova",
     "palo", "giardini", "case", "forza", "santi", "lago", "capo", "bosco", "piano",
     "palazzo", "sala", "citta", "taglio", "porta", "corte", "croce", "chiesa", "piazza",
     "selva", "gran", "grande", "cerro", "prato", "pozzo", "villanova", "castelvecchio"}
)
_HYPHEN_BETWEEN = re.compile(r"(?<=\w)[-‐‑](?=\s*\w)")


def plain_text(text: str) -> str:
    """The text as names are matched in, of the same length: "Paternò" -> "Paterno".

    Accented letters lose their accent, typographic apostrophes are straight, and a
    hyphen between two words is a space ("Pavia-Vigevano").
    """
    plain = text
    for char in set(text):
        if ord(char) > 127:
            base = _plain_char(char)
            if base != char:
                plain = plain.replace(char, base)  # a few distinct characters: faster
    hyphens = "-" in plain or "‐" in plain or "‑" in plain
    return _HYPHEN_BETWEEN.sub(" ", plain) if hyphens else plain


@cache
def _plain_char(char: str) -> str:
    """One character for one: the offsets of the plain text are those of the text."""
    if char in "’‘`´":
        return "'"
    base = unicodedata.normalize("NFKD", char)[:1]
    return base if base.isalpha() and ord(base) < 128 else char


@dataclass(frozen=True)
class _Name:
    """What a written name may be: the comuni it names, and whether it needs a cue."""

    comuni: tuple[Comune, ...]  # those it is the name of first, then those it is short for
    short: bool  # only a short form ("Borgaro") or a common word ("Sale")
    exact: int = 0  # how many of the comuni it is the full name of


@dataclass
class _Mention:
    span: Span  # of the plain doc
    name: _Name
    key: str
    surname: bool = False
    cued: bool = False
    province: str | None = None  # given after the name: "Sale (AL)"
    goes_on: bool = False  # a capitalised word follows a short form
    joined: bool = False  # joined to another comune by a hyphen: "Alfa-Beta"
    kept: bool = True


class CityRecognizer:
    """Finds the comuni named in a doc and stores them in ``doc._.cities``.

    Names are matched case-insensitively but must be written with a capital (or in
    capitals, as in datelines); comuni that are also common words, and short forms,
    need a cue (a place preposition, "Comune di", a province, a list of comuni); a
    comune right after a first name or a title is a surname ("Ilario Brindisi").
    """

    def __init__(self, nlp: Language, gazetteers: Gazetteers) -> None:
        self.gazetteers = gazetteers
        self.tokenizer = nlp.tokenizer
        self.names = _names(gazetteers)
        self.regions = tuple(sorted({
            " ".join(plain_text(part).lower().split())
            for comuni in gazetteers.comuni.values() for c in comuni
            for part in c.region.split("/") if " " in part or "-" in part
        }))
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("COMUNE", [nlp.make_doc(name) for name in sorted(self.names)])

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        plain = plain_text(text)
        source = doc if plain == text else self.tokenizer(plain)
        mentions = self._mentions(source, text)
        _cue_lists(mentions, text)
        surnames = {m.key for m in mentions if m.surname}
        for mention in mentions:
            if mention.goes_on and not mention.joined:
                mention.kept = False
            elif mention.surname or (mention.key in surnames and not mention.cued):
                mention.kept = False
            elif mention.name.short and not mention.cued:
                mention.kept = False
        lowered = plain.lower()
        if len(lowered) == len(plain):
            # the regions' names are looked for once in the text, not around each mention
            # (the same answer as _in_region_name when lowering keeps the offsets)
            regions = [(at, at + len(region), region) for region in self.regions
                       for at in _find_all(lowered, region)]
            kept = [m for m in mentions if m.kept and not _in_region(m, regions)]
        else:
            kept = [m for m in mentions if m.kept and not self._in_region_name(m, plain)]
        ends = {m.span.end for m in kept}
        kept = [m for m in kept if not _in_parentheses_after(m, ends, text)]
        chosen = self._choose(kept)
        listed = _listed([m.span for m in kept])
        doc._.cities = [
            City(
                name=comune.name,
                province=comune.province,
                region=comune.region,
                istat=comune.istat,
                start=m.span.start_char,
                end=m.span.end_char,
                text=text[m.span.start_char:m.span.end_char],
                listed=m.span.start in listed,
            )
            for m, comune in zip(kept, chosen, strict=True)
        ]
        return doc

    def _mentions(self, doc: Doc, text: str) -> list[_Mention]:
        spans = [doc[start:end] for _, start, end in self.matcher(doc)]
        mentions = []
        for span in filter_spans(spans):
            key = " ".join(span.text.lower().split())
            name = self.names.get(key)
            if name is None or not span[0].text[:1].isupper():
                continue  # "latina", "la campagna"
            mention = _Mention(span, name, key)
            previous = _previous_word(span[0])
            if self._is_other_thing(span, previous, name.comuni):
                continue
            # "a Ceglie Alta", "a Borgaro Nord": a short form is part of another name
            mention.goes_on = name.short and key not in self.gazetteers.comuni and _names_more(
                span
            )
            written = text[span.start_char:span.end_char].lower()
            if written not in self.gazetteers.comuni and _accent_differs(written, name):
                mention.name = _Name(name.comuni, True, name.exact)  # "Però" is not Pero
            mention.surname = self._is_surname(span, previous)
            if name.short or len(name.comuni) > 1:  # only then may the province matter
                mention.province = self._province_cue(span)
            # "a San Martino" is a day, a church or a quarter as often as a comune: a
            # saint's short form needs a list or a province ("S. Teresa, Letojanni")
            saint = name.short and key not in self.gazetteers.comuni and (
                key.split()[0] in _SAINTS or key.startswith("sant'")
            )
            mention.cued = (_is_cued(previous) and not saint) or mention.province is not None
            following = _next_word(span[-1])
            if (
                key in self.gazetteers.first_names and not mention.cued and following is not None
                and following.text[:1].isupper() and following.is_alpha
            ):
                continue  # a first name: "Viola Ferri"
            mentions.append(mention)
        return mentions

    def _in_region_name(self, mention: _Mention, plain: str) -> bool:
        """ "Friuli Venezia Giulia", "Valle d'Aosta": a region's name is not its comune's."""
        window = plain[max(0, mention.span.start_char - 30):mention.span.end_char + 30].lower()
        offset = max(0, mention.span.start_char - 30)
        for region in self.regions:
            at = window.find(region)
            while at >= 0:
                start = offset + at
                if start <= mention.span.start_char and mention.span.end_char <= start + len(
                    region
                ) and region != mention.key:
                    return True
                at = window.find(region, at + 1)
        return False

    def _is_other_thing(self, span: Span, previous: Token | None,
                        comuni: tuple[Comune, ...]) -> bool:
        """A street, a building, a quarter or an area named after the place."""
        if previous is None:
            return False
        word = previous.lower_.lstrip("-–—")
        if word in _STREETS or word in _NAMED_AFTER:
            return True
        if word in _ARTICULATED and not any(_has_article(c.name) for c in comuni):
            return True  # but "della Spezia", "dell'Aquila": the article is the name's
        if word in _PARTICLES:
            before = _previous_word(previous)
            if before is not None and before.lower_ in _STREETS_OF:
                return True  # "via d'Ancona"
            if before is not None and word == "di" and before.lower_ in _PARTS_OF:
                return True  # "nelle zone di Alfa", "la provincia di Beta"
            if before is not None and word == "di" and before.is_title:
                saint = _previous_word(before)
                return saint is not None and saint.lower_ in _SAINTS  # "Santa Lucia di Siena"
        return False

    def _is_surname(self, span: Span, previous: Token | None) -> bool:
        if previous is None:
            return False
        if previous.lower_ in _TITLES or self._is_first_name(previous):
            return True  # "l'assessore Ragusa", "Ilario Brindisi"
        if previous.lower_ in _PARTICLES:
            before = _previous_word(previous)
            if before is not None and self._is_first_name(before):
                return True  # "Matilde di Canossa", "Guido d'Arezzo"
        if span.text.lower() in self.gazetteers.first_names:
            # "hanno vinto Marta e Sergio": a first name beside another is a person
            following = _next_word(span[-1])
            after = _next_word(following) if following is not None else None
            if following is not None and following.lower_ == "e" and after is not None:
                return self._is_first_name(after)
        return False

    def _is_first_name(self, token: Token) -> bool:
        text = token.text
        return (
            text[:1].isupper()
            and text[1:].islower()
            and text.lower() in self.gazetteers.first_names
            and text.lower() not in self.names  # "Bolzano Merano" is two places
        )

    def _choose(self, mentions: list[_Mention]) -> list[Comune]:
        """The comune of each mention: by the province given, else nearest the others."""
        provinces: Counter[str] = Counter()
        regions: Counter[str] = Counter()
        for mention in mentions:
            if len(mention.name.comuni) == 1:
                provinces[mention.name.comuni[0].province] += 1
                regions[mention.name.comuni[0].region] += 1
        chosen = []
        for mention in mentions:
            candidates = mention.name.comuni
            province = mention.province
            given = [c for c in candidates if province and c.province == province]
            if given:
                chosen.append(given[0])
                continue
            # the province of the other comuni first ("Povegliano" among comuni of Verona
            # is Povegliano Veronese), then the full name over the short one ("Aquila" is
            # L'Aquila)
            exact = set(candidates[:mention.name.exact])
            chosen.append(max(candidates, key=lambda c: (
                provinces[c.province], c in exact, regions[c.region]
            )))
        return chosen

    def _province_cue(self, span: Span) -> str | None:
        """The province given after the name: "Sale (AL)", "Sale, in provincia di Alessandria"."""
        doc = span.doc
        end = span.end
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            code = doc[end + 1].text
            if len(code) == 2 and code.isupper():
                return code
            named = self.gazetteers.provinces.get(code.lower())
            if named:
                return named  # "Arco (Trento)"
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


def _find_all(text: str, word: str) -> list[int]:
    """Every offset ``word`` is found at in ``text``, overlapping ones too."""
    found = []
    at = text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def _in_region(mention: _Mention, regions: list[tuple[int, int, str]]) -> bool:
    """Whether a region's name found in the text holds the mention (see _in_region_name:
    the region must also lie within 30 characters of the mention on both sides)."""
    start, end = mention.span.start_char, mention.span.end_char
    return any(
        max(0, start - 30) <= first <= start and end <= last <= end + 30 and region != mention.key
        for first, last, region in regions
    )


def _names_more(span: Span) -> bool:
    """Whether a capitalised word (or "di" and one) follows: the name goes on."""
    following = _next_word(span[-1])
    if following is not None and following.lower_ in _CONNECTORS:
        following = _next_word(following)
    return following is not None and following.text[:1].isupper() and following.is_alpha


def _accent_differs(written: str, name: _Name) -> bool:
    """Whether the written name and every comune it may be differ in their accents."""
    accents = _accents(written)
    return all(_accents(c.name.lower()) != accents for c in name.comuni)


def _accents(text: str) -> list[str]:
    return [c for c in text if ord(c) > 127 and c.isalpha()]


def _has_article(name: str) -> bool:
    return name.lower().startswith(("la ", "le ", "il ", "lo ", "i ", "l'"))


def doc_text(doc: Doc) -> str:
    """``doc.text`` without making a Token of each token (the cost of ``doc.text``).

    Args:
        doc: any doc.
    """
    if not len(doc):
        return ""
    strings = doc.vocab.strings
    array = doc.to_array([ORTH, SPACY])
    # a text has a few hundred distinct words in a thousand tokens: look each up once
    orths, inverse = numpy.unique(array[:, 0], return_inverse=True)
    words = [strings[orth] for orth in orths.tolist()]
    spaced = [word + " " for word in words]
    return "".join([
        spaced[word] if space else words[word]
        for word, space in zip(inverse.tolist(), array[:, 1].tolist(), strict=True)
    ])


@cache
def _plain_lower(name: str) -> str:
    return " ".join(plain_text(name).lower().split())


def _names(gazetteers: Gazetteers) -> dict[str, _Name]:
    """Every written form of a comune, plain and lower case, with the comuni it names."""
    exact: dict[str, list[Comune]] = {}
    short: dict[str, list[Comune]] = {}
    for written, comuni in gazetteers.comuni.items():
        for form in _forms(written):
            for comune in comuni:
                _add(exact, form, comune)
        for form in {s for w in _forms(written) for s in _short_forms(w)}:
            for comune in comuni:
                _add(short, form, comune)
    names = {}
    for key in exact.keys() | short.keys():
        comuni = tuple(exact.get(key, [])) + tuple(
            c for c in short.get(key, []) if c not in exact.get(key, [])
        )
        needs_cue = key not in exact or key in gazetteers.ambiguous
        names[key] = _Name(comuni, needs_cue, len(exact.get(key, [])))
    return names


def _add(index: dict[str, list[Comune]], key: str, comune: Comune) -> None:
    found = index.setdefault(key, [])
    if comune not in found:
        found.append(comune)


def _forms(name: str) -> set[str]:
    """A name as outlets write it: "S. Agata de' Goti", "Cava dei Tirreni"."""
    plain = _plain_lower(name)
    forms = {plain}
    words = plain.split()
    saints = [("s. " + w[5:]) if w.startswith("sant'") else ("s." if w in _SAINTS else w)
              for w in words]
    forms.add(" ".join(saints).replace("s. ", "s. "))
    forms.add(plain.replace(" de' ", " dei "))
    return {" ".join(f.split()) for f in forms}


def _short_forms(form: str) -> set[str]:
    """The first part of a name with a qualifier: "cava dei tirreni" -> "cava"."""
    words = form.split()
    if len(words) < 2:
        return set()
    found = set()
    for index, word in enumerate(words[1:], start=1):
        if word in _CONNECTORS or word.startswith("d'"):
            found.add(" ".join(words[:index]))
            break
    if len(words) == 2 and (words[1].endswith(_QUALIFIER_ENDINGS) or words[1] in _QUALIFIER_WORDS):
        found.add(words[0])
    return {
        f for f in found
        if len(f) >= 4 and f.split()[0] not in _GENERIC_FIRST or len(f.split()) > 1
        and f.split()[0] in _SAINTS
    }


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


def _is_cued(previous: Token | None) -> bool:
    """Whether the word before a name says it is a place: "Comune di", "a"."""
    if previous is None:
        return False
    word = previous.lower_
    if word in _PLACE_PREPOSITIONS:
        return True
    if word == "di":
        before = _previous_word(previous)
        return before is not None and before.lower_ in _OF_CUES
    return False


def _cue_lists(mentions: list[_Mention], text: str) -> None:
    """A name next to a comune in a list is a comune: "Rivoli e Borgaro", "Alfa 12; Beta 9".

    Two names joined by a hyphen ("Alfa-Beta", a route) cue each other.
    """
    for first, second in zip(mentions, mentions[1:], strict=False):
        between = text[first.span.end_char:second.span.start_char]
        if between.strip() in {"-", "–"} and not (first.surname or second.surname):
            first.cued = second.cued = first.joined = second.joined = True
    changed = any(m.name.short and not m.cued for m in mentions)
    while changed:
        changed = False
        for first, second in zip(mentions, mentions[1:], strict=False):
            if (first.cued or not first.name.short) and (second.cued or not second.name.short):
                continue  # neither needs a cue
            if not _adjacent(first.span, second.span):
                continue
            for one, other in ((first, second), (second, first)):
                sure = other.cued or not (other.name.short or other.surname)
                if not one.cued and not one.surname and sure:
                    one.cued = changed = True


def _adjacent(first: Span, second: Span) -> bool:
    if not 0 < second.start - first.end <= 5:
        return False
    gap = first.doc[first.end:second.start]
    if any("\n\n" in t.text for t in gap):
        return False
    return bool(gap) and all(
        t.is_punct or t.is_space or t.like_num or t.lower_ in _LIST_WORDS
        or t.text[:1].isdigit() for t in gap
    ) and any(t.text in _LIST_GLUE or t.lower_ in _LIST_WORDS for t in gap)


def _in_parentheses_after(mention: _Mention, ends: set[int], text: str) -> bool:
    """ "Arco (Trento)", "Roma (tra Monteverde e Trastevere)": a province or a quarter."""
    before = text[max(0, mention.span.start_char - 80):mention.span.start_char]
    if before.rfind("(") <= before.rfind(")"):
        return False  # no parenthesis open before the name
    doc = mention.span.doc
    index = mention.span.start - 1
    while index >= 0 and doc[index].text not in {"(", ")"} and mention.span.start - index < 8:
        index -= 1
    if index < 1 or doc[index].text != "(":
        return False
    return index in ends  # a comune ends right before the parenthesis


def _listed(spans: list[Span]) -> set[int]:
    """Start tokens of cities that are part of a list of three or more."""
    runs: list[list[Span]] = []
    for span in spans:
        if runs:
            # spans do not overlap: the gap's length needs no slice of the doc
            if span.start - runs[-1][-1].end <= 3 and all(
                t.lower_ in _LIST_GLUE or t.is_space
                for t in span.doc[runs[-1][-1].end:span.start]
            ):
                runs[-1].append(span)
                continue
        runs.append([span])
    return {span.start for run in runs if len(run) >= 3 for span in run}
