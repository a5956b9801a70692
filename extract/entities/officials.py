"""The officials component: people quoted with a municipal role, and their comune.

Handles the orders the press uses: "Jacopo Rosatelli, assessore alle …", "l'Assessore
ai Servizi Sociali del Comune di Latina Michele Nasso", "Parla l'assessore Ficocelli",
"l'avv. Egidio Trambusti Sindaco di Faenza". After a role it reads the qualifier up to the
name: a portfolio with commas and "e", "comunale", the comune, a party or list, a comma
("l'assessore comunale ai tributi, Anna Verdoni"), a second role ("la vicesindaca e
assessora allo Sport"); plural roles name each person ("gli assessori A e B").

Roles stored: sindaco, vicesindaco, assessore, consigliere (also "delegato alla …"),
capogruppo, presidente and vicepresidente (of a municipio, a council commission, the
council). Not officials: other bodies ("assessore regionale", "la Giunta regionale, sentito
l'assessore …"), former or future holders ("l'ex assessore", "il candidato sindaco").
Beside the roles: roll calls of council minutes, councillors named with their
party in a council debate, a new giunta's portfolios in brackets. A surname alone takes the
full name the text writes; capitals are normalised ("ANNA VERDONI" -> Anna Verdoni). A first
name the list lacks is taken only right after a role, its comune or a comma, and only when
it looks Italian (ends in a vowel); the rest is left to a statistical NER when installed.

:func:`merge_officials` then merges the spellings of one person across texts
("Tognoli"/"Tognolli") and keeps the variants.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy
from rapidfuzz import fuzz
from spacy.attrs import IS_SPACE, LOWER, ORTH
from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token

from extract.entities.cities import doc_text
from extract.entities.gazetteers import Gazetteers, fold_name
from extract.entities.records import City, Official

# compiled once here rather than looked up in re's cache at each call
_WORDS = re.compile(r"[\w'’]+")
_APOSTROPHES = re.compile(r"(['’])")

__all__ = ["OfficialRecognizer", "merge_officials"]

_PORTFOLIO_STARTS = frozenset(
    {"alle", "ai", "al", "agli", "allo", "all'", "all’", "alla", "a", "con", "per", "della",
     "delle", "del", "dei", "degli", "dell'", "dell’"}
)
_BOUNDARIES = frozenset(
    {".", ";", ":", "(", ")", "-", "–", "—", '"', "«", "»", "“", "”", "[", "]", "!", "?", "|",
     "/", "…"}
)
_MARKUP = frozenset({"*", "**", "_", "__"})
_PARTICLES = frozenset({"de", "di", "del", "della", "da", "dal", "d'", "d’", "la", "lo", "van",
                        "von", "dei", "degli", "dalla", "li"})
# lower-case particles inside a name after a first name: "Ottavio de Scalzis"
_LOWER_PARTICLES = frozenset({"de", "del", "della", "dei", "degli", "van", "von", "d'", "d’"})
_NOT_NAMES = frozenset(
    {"comune", "città", "assessore", "assessora", "sindaco", "sindaca", "vicesindaco",
     "consigliere", "consigliera", "assessorato", "giunta", "consiglio", "presidente",
     "regione", "provincia", "ministero", "ministro", "anci", "italia", "il", "la", "lo",
     "gli", "le", "i", "un", "una", "ha", "è", "e", "ed", "ma", "per", "con", "nel", "nella",
     "municipio", "commissione", "capogruppo", "vicesindaca", "assessori", "consiglieri",
     "oggi", "ieri", "domani", "così",
     "anche", "non", "questo", "questa", "sono", "nei", "dei", "del", "della", "sul",
     "sulla", "tra", "fra", "se", "poi", "dopo", "ecco", "grazie", "secondo", "durante",
     "lista", "partito", "gruppo", "movimento", "foto", "video", "redazione", "fonte"}
)
# words that start no name though they may end one ("Anna Piazza", "Ilario Sabato")
_NOT_FIRST = frozenset(
    {"palazzo", "piazza", "via", "viale", "corso", "teatro", "museo", "parco", "scuola",
     "istituto", "stazione", "ospedale", "chiesa", "biblioteca", "centro", "quartiere",
     "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
     "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
     "settembre", "ottobre", "novembre", "dicembre", "santa", "san", "santo", "porta",
     "borgo", "villa", "monte", "ponte", "porto", "lago", "valle", "fiume", "largo"}
)
# roles of other bodies: "l'assessore regionale" is not a municipal official
_OTHER_BODIES = frozenset(
    {"regionale", "provinciale", "regionali", "provinciali", "metropolitano", "metropolitana",
     "metropolitani", "nazionale", "nazionali", "europeo", "europea", "parlamentare", "statale"}
)
_OTHER_BODY_NAMES = frozenset({"regione", "provincia", "ministero", "governo", "parlamento",
                               "senato", "camera"})
# words before a role that make it a past or future office: "l'ex assessore", "è stato sindaco"
_NOT_IN_OFFICE = frozenset(
    {"ex", "già", "allora", "candidato", "candidata", "candidati", "aspirante", "futuro",
     "futura", "precedente", "stato", "stata", "fu", "predecessore", "ex-", "l'ex", "l’ex"}
)
_ARTICLES = frozenset({"il", "la", "l'", "l’", "lo", "i", "gli", "le", "un", "una", "uno",
                       "un'", "dal", "dalla", "dallo", "del", "della", "dello", "al", "alla",
                       "allo", "dell'", "dell’", "dall'", "dall’", "all'", "all’", "col",
                       "coi", "dai", "dagli", "ai", "agli", "degli", "dei", "delle", "dalle",
                       "alle", "tra", "fra", "con", "per", "e", "nella", "nel", "sulla", "sul"})
# words a role's qualifier never holds: the sentence has moved on to a verb or a person
_STOP = frozenset(
    {"che", "chi", "cui", "ha", "hanno", "ho", "aveva", "è", "sono", "era", "sarà", "fu", "non",
     "si", "ci", "ne", "ma", "quando", "dove", "perché", "mentre", "come", "oggi", "ieri",
     "domani", "stamattina", "stamani", "dopo", "durante", "anche", "poi", "già",
     "ancora", "sempre", "insieme", "accanto", "mai", "però", "infatti", "quindi", "dunque",
     "dice", "dichiara", "spiega", "afferma", "sottolinea", "aggiunge", "commenta",
     "conferma", "precisa", "annuncia", "interviene", "ricorda", "evidenzia", "osserva",
     "replica", "tuona", "risponde", "chiarisce", "incontra", "presenta", "illustra",
     "parla", "detto", "dichiarato", "spiegato", "aggiunto", "annunciato", "presentato",
     "incontrato", "ricevuto", "nominato", "eletto", "firmato", "approvato", "voluto",
     "direttore", "direttrice", "dirigente", "prefetto", "ministro", "ministra",
     "segretario", "segretaria", "deputato", "deputata", "senatore", "senatrice",
     "governatore", "questore", "comandante", "responsabile", "coordinatore",
     "coordinatrice", "funzionario", "funzionaria", "giornalista", "parroco", "vescovo",
     "rettore", "commissario", "amministratore", "fondatore", "fondatrice", "titolare",
     "portavoce", "capo", "consulente", "presidente", "presidenti", "vicepresidente",
     "sindaco", "sindaca", "sindaci", "assessore", "assessora", "assessori", "consigliere",
     "consigliera", "consiglieri", "capogruppo", "vicesindaco", "vicesindaca",
     "moderato", "moderata", "presieduta", "presieduto", "assessorato", "assessorati"}
)
# titles written before a name: "l'ingegner Ilario Trambusti", "l'avv. Nives Sbrolli"
_TITLES = frozenset(
    {"avv", "avv.", "avvocato", "avvocata", "dott", "dott.", "dottor", "dottore", "dottoressa",
     "dott.ssa", "ing", "ing.", "ingegner", "ingegnere", "prof", "prof.", "professor",
     "professore", "professoressa", "arch", "arch.", "architetto", "geom", "geom.", "on.",
     "onorevole", "sig.", "sig.ra", "signor", "signora", "don", "dr", "dr.", "mons."}
)
# modifiers between a role and what follows: "l'assessore comunale", "vicesindaco facente funzione"
_MODIFIERS = frozenset(
    {"comunale", "municipale", "comunali", "competente", "reggente", "uscente", "neo",
     "facente", "funzione", "f.f.", "pro", "tempore", "neoeletto", "neoeletta", "neo-eletto",
     "neo-eletta", "cittadino", "cittadina", "delegato", "delegata"}
)
# role words beyond the gazetteer's: plurals, group leaders, presidents of municipal bodies
_MORE_ROLES = {
    "assessori": "assessore", "consiglieri": "consigliere", "capogruppo": "capogruppo",
    "capigruppo": "capogruppo", "presidente": "presidente", "presidenti": "presidente",
    "vicepresidente": "vicepresidente", "presieduta": "presidente", "presieduto": "presidente",
    "delegato": "consigliere", "delegata": "consigliere", "assessorato": "assessore",
    "assessorati": "assessore",
}
# roles that hold a portfolio ("assessore alla Cultura"); a mayor's "del" is no portfolio
_PORTFOLIO_ROLES = frozenset({"assessore", "vicesindaco", "consigliere"})
_PLURALS = frozenset({"assessori", "consiglieri", "capigruppo", "presidenti", "assessorati"})
_DELEGA = frozenset({"a", "al", "alla", "allo", "ai", "alle", "agli", "all'", "all’"})
_LED_BY = frozenset({"guidato", "guidata", "guidati", "guidate", "retto", "retta", "diretto",
                     "diretta", "affidato", "affidata", "affidati"})
# words that make "il presidente" the president of something other than a municipal body
_OTHER_ORGANISATIONS = frozenset(
    {"regione", "provincia", "repubblica", "associazione", "società", "club", "polisportiva",
     "cooperativa", "fondazione", "comitato", "federazione", "consorzio", "azienda", "ente",
     "circolo", "onlus", "tribunale", "corte", "ordine", "camera", "confcommercio",
     "confindustria", "coni", "anci", "asl", "parco", "banca", "squadra", "calcio",
     "confesercenti", "coldiretti", "confartigianato", "cna", "sindacato", "cgil", "cisl",
     "uil", "università", "ateneo", "scuola", "istituto", "parrocchia", "diocesi"}
)
_OF = frozenset({"del", "della", "dell'", "dell’", "dei", "delle", "degli", "di", "d'", "d’"})
_COUNCIL_CUES = frozenset({"municipio", "circoscrizione", "seduta", "consiliare", "consiliari"})
# a president is an official only of one of these bodies: "il presidente del Municipio III"
_MUNICIPAL_BODIES = frozenset({"municipio", "commissione", "circoscrizione", "consiglio",
                               "quartiere"})
_COUNCIL_WORDS = frozenset({"comunale", "municipale", "circoscrizionale", "cittadino"})
_COMPANY = frozenset({"amministrazione", "d'amministrazione", "d’amministrazione", "stato"})
# a roll call's line: SURNAME in capitals, first name, maybe a role, present or absent
_ROLL_CALL = re.compile(
    r"(?<![\w'’])(?P<surname>[A-ZÀ-ÖØ-Ý][A-ZÀ-ÖØ-Ý'’]+(?: [A-ZÀ-ÖØ-Ý][A-ZÀ-ÖØ-Ý'’]+)?)"
    r" +(?P<first>[A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ]+(?: [A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ]+)?)"
    r"(?: *[—–-] *(?P<role>Sindaco|Sindaca|Vicesindaco|Vicesindaca|Assessore|Assessora))?"
    r" +(?:presente|assente|present|assent)"
)
_ITALIAN_FIRST = re.compile(r"^[A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ]{2,}[aeioàèéìòù]$")
# a name and a party in brackets: "Anna Verdoni (Pd)", "Nives Bianchi (lista civica Ponte Nuovo)"
_PARTY_MEMBER = re.compile(
    r"(?P<name>[A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ'’]+(?: (?:[A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ'’]+|de|De|Di|Del|Della"
    r"|La|Lo|D'|D’)){1,3}) \((?:Pd|PD|M5s|M5S|FdI|Fdi|FDI|Fratelli d['’]Italia|Lega|"
    r"Forza Italia|FI|Iv|IV|Italia Viva|Azione|Avs|AVS|Sinistra Italiana|Verdi|Europa Verde|"
    r"Pdl|PdL|Udc|UDC|Noi Moderati|\+Europa|Psi|PSI|Rifondazione|Italia dei Valori|Idv|IdV|"
    r"[Ll]ista civica[^()\n]{0,40}|[Cc]ivica[^()\n]{0,40})\)"
)
_PARTY = re.compile(
    r"Pd|PD|M5s|M5S|FdI|Fdi|FDI|Fratelli d['’]Italia|Lega|Forza Italia|FI|Iv|IV|"
    r"Italia Viva|Azione|Avs|AVS|Sinistra Italiana|Verdi|Europa Verde|Pdl|PdL|Udc|UDC|"
    r"Noi Moderati|\+Europa|Psi|PSI|Rifondazione|Italia dei Valori|Idv|IdV|"
    r"[Ll]ista civica[^()\n]{0,40}|[Cc]ivica[^()\n]{0,40}"
)
# a name, maybe its party, and a portfolio of lower-case words in brackets
_BRACKETED_PORTFOLIO = re.compile(
    r"(?P<name>[A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ'’]+(?: [A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ'’]+){1,3})"
    r"(?: di [A-Z][\w'’]{1,12})? \((?P<portfolio>[a-zà-öø-ÿ][a-zà-öø-ÿ'’ ]{2,40}"
    r"(?:, ?[a-zà-öø-ÿ'’ ]{3,40}){0,6})\)"
)
# what a bracket after a name holds that is no portfolio: "(nella foto)", "(voce, chitarra)"
_NOT_PORTFOLIOS = frozenset(
    {"foto", "video", "ndr", "destra", "sinistra", "centro", "alto", "basso", "archivio",
     "sopra", "sotto", "anni", "ansa", "repertorio", "voce", "chitarra", "piano", "batteria",
     "capitano", "portiere", "attaccante", "difensore", "allenatore", "presente",
     "assente", "nato", "nata", "figlio", "figlia", "moglie", "marito"}
)
_DEBATE_CUES = ("consiglio comunale", "consiglieri", "opposizione", "maggioranza",
                "consiliare", "in aula", "seduta")
_OTHER_ASSEMBLIES = ("regional", "parlament", "senat", "deputat", "camera dei", "europarl",
                     "consiglio provinciale", "ministr")
_MAX_NAME = 4
_MAX_QUALIFIER = 22
_MAX_COMMAS = 3
_CAPS_NAME = re.compile(r"^[A-ZÀ-ÖØ-Ý][A-ZÀ-ÖØ-Ý'’]+$")
_GLUED = re.compile(r"^([A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ'’]+)\(")  # "Verdoni(foto" as one token


@dataclass(frozen=True)
class _Name:
    """A name found in a doc: its tokens, its characters and how it is written."""

    start: int  # first token
    end: int  # token after the last
    start_char: int
    end_char: int
    text: str  # as written, capitals normalised, spaces single
    full: bool  # a first name and a surname (not a surname alone)


@dataclass(frozen=True)
class _Qualifier:
    """What a role's qualifier holds: the portfolio, the comune, the names after it."""

    names: tuple[_Name, ...] = ()
    portfolios: tuple[str, ...] = ()
    comune: str = ""
    other_body: bool = False


class OfficialRecognizer:
    """Finds officials in a doc (after the cities) and stores them in ``doc._.officials``."""

    def __init__(self, gazetteers: Gazetteers, strings: StringStore) -> None:
        self.gazetteers = gazetteers
        self._roles = {**gazetteers.roles, **_MORE_ROLES}
        for word, role in list(self._roles.items()):
            if " " not in word and role in {"assessore", "sindaco", "vicesindaco"}:
                self._roles.setdefault(f"neo{word}", role)  # "la neoassessora"
        last_words = {role.split()[-1] for role in self._roles}
        self._role_hashes = numpy.array([strings.add(w) for w in sorted(last_words)],
                                        dtype=numpy.uint64)
        self._roll_call_hashes = numpy.array(
            [strings.add(w) for w in ("presente", "assente", "present", "assent")],
            dtype=numpy.uint64)
        self._bracket_hash = numpy.array([strings.add("(")], dtype=numpy.uint64)

        def hashes(words: frozenset[str] | set[str]) -> frozenset[int]:
            return frozenset(strings.add(w) for w in words)

        # the qualifier's lower-case words are told apart by hash, without Token objects
        self._h_markup = hashes(_MARKUP)
        self._h_other = hashes(_OTHER_BODIES)
        self._h_comma = strings.add(",")
        self._h_dashes = hashes({"-", "/"})
        self._h_break = hashes(_BOUNDARIES | _STOP)
        self._h_titles = hashes(_TITLES)
        self._h_comune = hashes({"del", "dal", "comunale", "di"})
        self._h_portfolio = hashes(_PORTFOLIO_STARTS)
        # per doc (set by __call__): each token's lower-case hash, and whether it has no
        # capital (orth == lower), so most qualifier words need no Token object
        self._lows: list[int] = []
        self._no_capital: list[bool] = []
        self._spaces: list[bool] = []
        self._body_hashes = numpy.array(
            [strings.add(w) for w in ("giunta", "consiglio", "assessorato", "presidente",
                                      "governatore", "presidenza")], dtype=numpy.uint64)

    def __call__(self, doc: Doc) -> Doc:
        cities: dict[int, tuple[City, int]] = {}
        for city in doc._.cities:
            span = doc.char_span(city.start, city.end)
            if span is not None:
                cities[span.start] = (city, span.end)
        officials: list[Official] = []
        # only the tokens that may be a role become Token objects: they are costly
        columns = doc.to_array([LOWER, ORTH, IS_SPACE])
        lowers = columns[:, 0]
        self._lows = lowers.tolist()
        self._no_capital = (columns[:, 0] == columns[:, 1]).tolist()
        self._spaces = columns[:, 2].astype(bool).tolist()
        bodies = numpy.isin(lowers, self._body_hashes)
        for index in numpy.flatnonzero(numpy.isin(lowers, self._role_hashes)).tolist():
            token = doc[index]
            role = self._role(token)
            if role is None:
                continue
            # "la Giunta regionale, sentito l'assessore": read only when a body is near
            body_near = bool(bodies[max(0, index - 14):index].any())
            for official in self._officials(doc, token, role, cities, officials, body_near):
                if all(o.start != official.start for o in officials):
                    officials.append(official)
        # doc.text is rebuilt from every token: only read when a rule below needs it
        roll_call = bool(numpy.isin(lowers, self._roll_call_hashes).any())
        bracket = bool(numpy.isin(lowers, self._bracket_hash).any())
        text = doc_text(doc) if roll_call or bracket or any(
            " " not in o.name for o in officials
        ) else ""
        if roll_call:
            officials.extend(self._roll_call(text))
        if bracket:
            officials.extend(self._party_members(text, officials))
            officials.extend(self._giunta_members(text, officials))
        doc._.officials = _one_per_name(_complete_surnames(officials, text,
                                                           self.gazetteers.first_names))
        return doc

    def _roll_call(self, text: str) -> list[Official]:
        """The council members of a roll call in minutes: "ROSSI Anna presente",
        "BIANCHI Nives — Sindaco assente" (two such lines at least, or the word "appello")."""
        if "present" not in text and "assent" not in text:
            return []
        found = []
        known = 0
        for match in _ROLL_CALL.finditer(text):
            first = match.group("first")
            if first.split()[0].lower() in self.gazetteers.first_names:
                known += 1
            elif not _ITALIAN_FIRST.match(first.split()[0]):
                continue
            surname = " ".join(_title_word(w) for w in match.group("surname").split())
            name = f"{first} {surname}"
            role = self._roles.get((match.group("role") or "").lower(), "consigliere")
            found.append(Official(name=name, role=role, written=name, variants=(name,),
                                  start=match.start("surname"), end=match.end("first")))
        if known < 2 and not (known and "appello" in text.lower()):
            return []  # a list of names the first-name list vouches for, not one line
        return found

    def _party_members(self, text: str, known: Sequence[Official]) -> list[Official]:
        """Councillors named with their party in a council debate: "Anna Verdoni (Pd)",
        "Nives Bianchi (lista civica Ponte Nuovo)", where the text just before speaks of the
        council, its majority or opposition, and of no other assembly."""
        found = []
        for match in _PARTY_MEMBER.finditer(text):
            words = match.group("name").split()
            first = next((n for n, w in enumerate(words) if w.lower() in
                          self.gazetteers.first_names and w.lower() not in _NOT_NAMES), None)
            if first is None or len(words) - first < 2 or any(
                w.lower() in _NOT_NAMES for w in words[first:]
            ):
                continue
            before = text[max(0, match.start() - 500):match.start()].lower()
            after = text[match.end():match.end() + 120].lower()
            if not any(cue in before for cue in _DEBATE_CUES) or any(
                other in before or other in after for other in _OTHER_ASSEMBLIES
            ):
                continue
            name = " ".join(words[first:])
            start = match.start("name") + match.group("name").index(words[first])
            if any(fold_name(o.name) == fold_name(name) for o in known):
                continue
            found.append(Official(name=name, role="consigliere", written=name,
                                  variants=(name,), start=start, end=match.end("name")))
        return found

    def _giunta_members(self, text: str, known: Sequence[Official]) -> list[Official]:
        """Assessori listed with their portfolios in brackets where the text speaks of the
        giunta: "Anna Verdoni (bilancio, tributi)", "Nives Bianchi di Azione (cultura)"."""
        found = []
        for match in _BRACKETED_PORTFOLIO.finditer(text):
            words = match.group("name").split()
            first = next((n for n, w in enumerate(words)
                          if w.lower() in self.gazetteers.first_names), len(words))
            words = words[first:]  # "Quindi Anna Verdoni (…)"
            if len(words) < 2 or any(w.lower() in _NOT_NAMES for w in words):
                continue
            portfolio = match.group("portfolio")
            if _PARTY.fullmatch(portfolio) or any(
                w in self._roles or w in _STOP or w in _NOT_PORTFOLIOS
                for w in _WORDS.findall(portfolio.lower())
            ):
                continue
            before = text[max(0, match.start() - 400):match.start()]
            lowered = before.lower()
            if not any(cue in lowered for cue in ("giunta", "assessor", "deleghe", "esecutivo")):
                continue
            if any(other in lowered for other in ("regional", "provincial")) or any(
                other in before for other in ("Regione", "Provincia")
            ):
                continue
            name = " ".join(words)
            if any(fold_name(o.name) == fold_name(name) for o in known):
                continue
            start = match.start("name") + match.group("name").index(words[0])
            found.append(Official(name=name, role="assessore", portfolio=portfolio,
                                  written=name, variants=(name,), start=start,
                                  end=start + len(name)))
        return found

    def _role(self, token: Token) -> str | None:
        word = token.lower_
        role = self._roles.get(word)
        if role is None and token.i > 0:
            role = self._roles.get(f"{token.nbor(-1).lower_} {word}")  # primo cittadino
        if role is None:
            return None
        doc = token.doc
        before = [t.lower_ for t in doc[max(0, token.i - 3):token.i] if not t.is_space]
        if role == "sindaco" and (before[-1:] == ["vice"] or before[-2:] == ["vice", "-"]):
            role = "vicesindaco"  # "vice sindaco", "vice-sindaco"
        previous = before[:-1] if before[-1:] in (["vice"], ["-"]) else before
        if previous[-1:] and previous[-1] in _NOT_IN_OFFICE:
            return None  # "l'ex assessore", "è stato sindaco", "il candidato sindaco"
        after = [t.lower_ for t in doc[token.i + 1:token.i + 4] if not t.is_space]
        if after[:1] and after[0] in _OTHER_BODIES:
            return None
        if role == "consigliere" and (after[:1] and after[0] in _COMPANY
                                      or after[:2] in (["di", "amministrazione"],
                                                       ["di", "stato"])):
            return None  # "consigliere di amministrazione", "consigliere di Stato"
        if word in {"delegato", "delegata"}:
            # "Anna Verdoni, delegata alla Cultura": a councillor with a delega, not "ha
            # delegato" (a verb) or "consigliere delegato" (the role before reads it)
            previous_word = before[-1:] or [""]
            if after[:1] == [] or after[0] not in _DELEGA or previous_word[0] in {
                "ha", "hanno", "è", "sono", "viene", "amministratore", "consigliere",
                "consigliera", "assessore", "assessora", "sindaco", "sindaca"
            }:
                return None
            if any(t.lower_ in _OTHER_ORGANISATIONS for t in doc[token.i + 1:token.i + 9]):
                return None  # "delegato al Turismo di Confcommercio"
        elif word in {"assessorato", "assessorati"}:
            if _led_by(doc, token.i) < 0:
                return None  # "l'assessorato alla Cultura, guidato da Anna Verdoni"
        elif word in {"presieduta", "presieduto"}:
            # "la commissione consiliare presieduta da Anna Verdoni"
            window = [t.lower_ for t in doc[max(0, token.i - 6):token.i]]
            if not any(w in _MUNICIPAL_BODIES for w in window) or after[:1] != ["da"]:
                return None
        elif role in {"presidente", "vicepresidente"} and not (
            _municipal_body(doc, token.i + 1)
            or (_word_after_modifiers(doc, token.i + 1) not in _OF
                and _council_context(doc, token.i))
        ):
            return None
        return role

    def _officials(
        self, doc: Doc, token: Token, role: str, cities: dict[int, tuple[City, int]],
        found: Sequence[Official], body_near: bool = True,
    ) -> list[Official]:
        plural = token.lower_ in _PLURALS
        if body_near and role not in {"sindaco", "vicesindaco"} and _other_body_before(
            doc, token.i
        ):
            return []  # regions and provinces have no mayor: "la giunta regionale e il sindaco"
        start = self._after_role(doc, token.i + 1)
        if token.lower_ in {"assessorato", "assessorati"}:
            start = _led_by(doc, token.i)
        before = None
        if not plural and token.lower_ not in {"presieduta", "presieduto"}:
            before = self._name_before(doc, token.i)
            if before is not None and any(o.start == before.start_char for o in found):
                before = None  # the name of the role before: "il sindaco X, l'assessore Y"
        qualifier = self._qualifier(doc, start, cities, plural,
                                    with_portfolio=role in _PORTFOLIO_ROLES,
                                    commas=8 if before is not None else _MAX_COMMAS)
        if qualifier.other_body:
            return []
        names = list(qualifier.names)
        portfolios = list(qualifier.portfolios)
        if before is not None and not (names and names[0].start == start and names[0].full):
            names, portfolios = [before], portfolios[:1]
        if not names:
            entity = _entity_next_to(doc, token.i)
            if entity is None:
                return []
            names = [_Name(entity.start, entity.end, entity.start_char, entity.end_char,
                           _written(entity.text), " " in entity.text.strip())]
        comune = qualifier.comune
        officials = []
        for number, name in enumerate(names):
            where = comune
            if not where:
                where = _comune_after(doc, _skip_markup(doc, name.end), cities)
            portfolio = portfolios[number] if number < len(portfolios) else ""
            officials.append(Official(
                name=name.text, role=role, comune=where, portfolio=portfolio,
                written=name.text, variants=(name.text,), start=name.start_char,
                end=name.end_char,
            ))
        return officials

    def _after_role(self, doc: Doc, index: int) -> int:
        """The first token after a role's modifiers and a second role ("vicesindaca e
        assessora"); a second role's word is read as part of the first one."""
        while True:
            index = _skip_markup(doc, index)
            if index < len(doc) and doc[index].lower_ in _MODIFIERS:
                index += 1
                continue
            if index < len(doc) and doc[index].lower_ in {"e", "ed"}:
                nxt = _skip_markup(doc, index + 1)
                if nxt < len(doc) and self._roles.get(doc[nxt].lower_) in {
                    "assessore", "vicesindaco", "consigliere", "capogruppo"
                }:
                    index = nxt + 1
                    continue
            return index

    def _qualifier(
        self, doc: Doc, start: int, cities: dict[int, tuple[City, int]], plural: bool,
        with_portfolio: bool, commas: int,
    ) -> _Qualifier:
        """Read what follows a role up to the name: portfolio, comune, party, commas.

        "ai Parchi, Verde pubblico e Arredo urbano Anna Verdoni", "del Comune di Sale,
        Anna Verdoni", "di Lista Civica, Anna Verdoni"; a plural role reads on after the name
        ("gli assessori Anna Verdoni e Nives Bianchi").
        """
        names: list[_Name] = []
        portfolios: list[str] = []
        comune = ""
        index = start
        while True:
            name, portfolio, where, index, other = self._one_qualifier(
                doc, index, cities, commas, with_portfolio)
            if other:
                return _Qualifier(other_body=True)
            comune = comune or where
            if name is None:
                if not names:
                    portfolios.append(portfolio)
                break
            names.append(name)
            portfolios.append(portfolio)
            if not plural:
                break
            index = _skip_markup(doc, name.end)
            if index < len(doc) and doc[index].text in {",", "e", "ed"}:
                index += 1
                continue
            break
        return _Qualifier(tuple(names), tuple(portfolios), comune)

    def _one_qualifier(
        self, doc: Doc, start: int, cities: dict[int, tuple[City, int]], max_commas: int,
        with_portfolio: bool,
    ) -> tuple[_Name | None, str, str, int, bool]:
        index = start
        portfolio_start = portfolio_end = -1
        comune = ""
        commas = steps = 0
        unknown_ok = True  # a first name not in the list is taken right after a role or comma
        lows, no_capital, spaces = self._lows, self._no_capital, self._spaces
        while index < len(doc) and steps < _MAX_QUALIFIER:
            if no_capital[index] and not spaces[index]:
                # the fast path of lower-case words and punctuation: no name starts here
                h = lows[index]
                if h in self._h_markup:
                    index += 1
                    continue
                if h in self._h_other:
                    return None, "", "", index, True
                if h == self._h_comma:
                    commas += 1
                    if commas > max_commas:
                        break
                    unknown_ok = portfolio_start < 0
                    index += 1
                    continue
                if h in self._h_dashes and _between_digits(doc, index):
                    index += 1
                    continue
                if h in self._h_break:
                    break
                if h in self._h_titles:
                    unknown_ok = portfolio_start < 0
                    index += 1
                    continue
                if h in self._h_comune:
                    where, after = _comune_at(doc, index, cities)
                    if where:
                        if portfolio_start >= 0 and portfolio_end < 0:
                            portfolio_end = index
                        comune = comune or where
                        index = after
                        unknown_ok = portfolio_start < 0
                        continue
                if with_portfolio and portfolio_start < 0 and h in self._h_portfolio and (
                    not comune
                ):
                    portfolio_start = index
                unknown_ok = False
                index += 1
                steps += 1
                continue
            token = doc[index]
            if token.is_space:
                if token.text.count("\n") > 1:
                    break  # a paragraph ends here
                index += 1
                continue
            if token.text in _MARKUP:
                index += 1
                continue
            name = self._name_at(doc, index, unknown_ok, alone=index == start or (
                steps == 0 and commas == 0), cities=cities)
            if name is not None:
                if portfolio_start >= 0 and portfolio_end < 0:
                    portfolio_end = index
                return name, _portfolio(doc, portfolio_start, portfolio_end), comune, index, False
            low = token.lower_
            if low in _OTHER_BODIES or (low in _OTHER_BODY_NAMES and token.text[:1].isupper()):
                return None, "", "", index, True
            if token.text == ",":
                commas += 1
                if commas > max_commas:
                    break
                unknown_ok = portfolio_start < 0
                index += 1
                continue
            if token.text in {"-", "/"} and _between_digits(doc, index):
                index += 1  # "Nidi 0-3"
                continue
            if token.text in _BOUNDARIES or low in _STOP:
                break
            if low in _TITLES:
                unknown_ok = portfolio_start < 0
                index += 1
                continue
            where, after = _comune_at(doc, index, cities)
            if where:
                if portfolio_start >= 0 and portfolio_end < 0:
                    portfolio_end = index
                comune = comune or where
                index = after
                unknown_ok = portfolio_start < 0  # "il sindaco di Lodi Memmo Varisco"
                continue
            if with_portfolio and portfolio_start < 0 and low in _PORTFOLIO_STARTS and (
                not comune
            ):
                portfolio_start = index
            unknown_ok = False
            index += 1
            steps += 1
        if portfolio_start >= 0 and portfolio_end < 0:
            portfolio_end = index
        return None, _portfolio(doc, portfolio_start, portfolio_end), comune, index, False

    def _first_name(self, token: Token) -> bool:
        return (token.is_title or _CAPS_NAME.match(token.text) is not None) and (
            token.lower_ in self.gazetteers.first_names and token.lower_ not in _NOT_NAMES
        )

    def _name_at(
        self, doc: Doc, start: int, unknown_ok: bool, alone: bool,
        cities: dict[int, tuple[City, int]],
    ) -> _Name | None:
        """A name from ``start``: a first name and a surname; a name whose first name the
        list lacks right after a role or a comma; a surname alone right after a role."""
        if start >= len(doc):
            return None
        first = doc[start]
        if not first.text[:1].isupper():
            return None  # most words of a qualifier: cheap to tell
        caps = _CAPS_NAME.match(first.text) is not None and len(first.text) > 1
        if caps:
            if not self._first_name(first):
                return None
            end = start + 1
            while end < len(doc) and end - start < 3 and _CAPS_NAME.match(doc[end].text) and (
                doc[end].lower_ not in _NOT_NAMES
            ):
                end += 1
            if end - start < 2:
                return None
            return _make_name(doc, start, end, title=True)
        end = start
        glued = False
        while end < len(doc) and end - start < _MAX_NAME:
            if _name_part(doc, end, start):
                end += 1
                continue
            if end > start and _GLUED.match(doc[end].text):
                glued = True  # "Anna Verdoni(foto)"
                end += 1
            break
        end = _trim_particles(doc, start, end)
        if end <= start:
            return None
        if end - start >= 2 and self._first_name(first) and first.lower_ not in _NOT_FIRST:
            start = self._last_first_name(doc, start, end)
            return _make_name(doc, start, end, glued=glued)
        if end - start >= 2 and unknown_ok and _italian_looking(first) and not any(
            i in cities for i in range(start, end)
        ):
            # a first name the list lacks ("Ermelindo", "Memmo"), right after the role or
            # its comune: an Italian-looking word (a vowel at the end) before a surname
            return _make_name(doc, start, end, glued=glued)
        if alone and end - start == 1 and first.is_title and len(first.text) > 2 and not (
            glued or first.lower_ in _NOT_FIRST
        ):
            return _make_name(doc, start, end, full=False)  # "l'assessore Ficocelli"
        return None

    def _last_first_name(self, doc: Doc, start: int, end: int) -> int:
        """Where the name starts in a run of capitalised words: "Città Aperta Anna
        Verdoni" (a list's name, then the person) starts at Anna; "Rosa Anna Verdoni" at Rosa."""
        for index in range(end - 2, start, -1):
            if self._first_name(doc[index]) and not self._first_name(doc[index - 1]):
                return index
        return start

    def _name_before(self, doc: Doc, role_index: int) -> _Name | None:
        """A name that ends right before the role: "Jacopo Rosatelli, assessore"."""
        end = role_index
        while end > 0 and (doc[end - 1].text in _MARKUP or doc[end - 1].text in {",", "("}
                           or doc[end - 1].lower_ in {"il", "la", "l'", "l’", "lo", "come"}
                           or doc[end - 1].lower_ in _MODIFIERS
                           or (doc[end - 1].is_space and "\n\n" not in doc[end - 1].text)):
            end -= 1  # "Oreste Pavanetto (sindaco di Rovigo)", "Anna Verdoni, la sindaca"
        if end > 1 and doc[end - 1].text in {"'", "’"} and not doc[end - 2].whitespace_:
            end -= 1  # "Bertole', Assessore"
        while end > 0 and doc[end - 1].text in _MARKUP:
            end -= 1
        stop = end
        if stop > 0 and doc[stop - 1].text in {"'", "’"}:
            stop -= 1
        start = stop
        caps = stop > 0 and _CAPS_NAME.match(doc[stop - 1].text) is not None
        while start > 0 and stop - start < _MAX_NAME and (
            (_CAPS_NAME.match(doc[start - 1].text) is not None
             and doc[start - 1].lower_ not in _NOT_NAMES) if caps
            else _name_like(doc[start - 1])
            or (start - 1 > 0 and doc[start - 1].lower_ in _LOWER_PARTICLES
                and _name_like(doc[start - 2]) and start < stop)
        ):
            start -= 1
        while start < stop and not self._first_name(doc[start]):
            start += 1  # "dichiara Gabriella Ficocelli": the name starts at the first name
        if stop - start < 2:
            return None
        return _make_name(doc, start, stop, title=caps)


def _italian_looking(token: Token) -> bool:
    text = token.text
    return (token.is_title and token.is_alpha and len(text) >= 4
            and text[-1].lower() in "aeioàèéìòù"
            and token.lower_ not in _NOT_NAMES and token.lower_ not in _NOT_FIRST
            and token.lower_ not in _STOP)


def _word_after_modifiers(doc: Doc, index: int) -> str:
    """The first word after a role's modifiers ("l'assessore comunale uscente al …")."""
    while index < len(doc) and (doc[index].is_space or doc[index].lower_ in _MODIFIERS
                                or doc[index].text in {"-", "–"} | _MARKUP):
        index += 1
    return doc[index].lower_ if index < len(doc) else ""


def _led_by(doc: Doc, index: int) -> int:
    """After "assessorato … guidato (rispettivamente) da": the token after "da", or -1."""
    for position in range(index + 1, min(len(doc), index + 14)):
        token = doc[position]
        if token.text in {".", ";", "!", "?"}:
            return -1
        if token.lower_ in _LED_BY:
            nxt = position + 1
            if nxt < len(doc) and doc[nxt].lower_ == "rispettivamente":
                nxt += 1
            return nxt + 1 if nxt < len(doc) and doc[nxt].lower_ == "da" else -1
    return -1


def _council_context(doc: Doc, index: int) -> bool:
    """Whether a bare "il Presidente" presides a municipal body: the text just before
    names one (a municipio, a council sitting) and no other organisation."""
    words = [t.lower_ for t in doc[max(0, index - 60):index]]
    if any(w in _OTHER_ORGANISATIONS for w in words):
        return False
    pairs = zip(words, words[1:], strict=False)
    return any(w in _COUNCIL_CUES for w in words) or any(
        a == "consiglio" and b in _COUNCIL_WORDS for a, b in pairs
    )


def _between_digits(doc: Doc, index: int) -> bool:
    return (0 < index < len(doc) - 1 and doc[index - 1].is_digit and doc[index + 1].is_digit
            and not doc[index - 1].whitespace_ and not doc[index].whitespace_)


def _other_body_before(doc: Doc, index: int) -> bool:
    """Whether the sentence before a role names another body whose members it lists:
    "la Giunta regionale, sentito l'assessore …", "il presidente della Provincia
    Anna Verdoni e gli assessori …" (unless the role is said to be the comune's)."""
    words: list[str] = []
    for token in reversed(doc[max(0, index - 14):index]):
        if token.text in {".", ";", "!", "?"} or token.text.count("\n") > 1:
            break
        words.append(token.lower_)
    words.reverse()
    if any(w in {"comunale", "comune", "comunali", "municipale"} for w in words):
        return False
    following = [t.lower_ for t in doc[index + 1:index + 3]]
    if "comunale" in following or "comunali" in following:
        return False
    for position, word in enumerate(words[:-1]):
        nxt = words[position + 1]
        if word in {"giunta", "consiglio", "assessorato"} and nxt in _OTHER_BODIES:
            return True
        if word in {"presidente", "governatore", "presidenza"} and nxt in {"della", "del"} and (
            position + 2 < len(words) and words[position + 2] in {"regione", "provincia"}
        ):
            return True
    return False


def _municipal_body(doc: Doc, index: int) -> bool:
    """Whether a president's title names a municipal body: "del Municipio III", "della
    commissione Bilancio", "del Consiglio comunale", "della terza circoscrizione"."""
    words = [t.lower_ for t in doc[index:index + 6] if not t.is_space and t.text not in _MARKUP]
    if not words or words[0] not in {"del", "della", "dell'", "dell’", "dei", "delle"}:
        return False
    for position, word in enumerate(words[1:4], start=1):
        if word in _MUNICIPAL_BODIES:
            rest = words[position + 1:position + 3]
            if word == "consiglio":
                return bool(rest) and rest[0] in _COUNCIL_WORDS
            if word == "commissione":
                return not (rest and rest[0] in _OTHER_BODIES)
            return True
    return False


def _make_name(doc: Doc, start: int, end: int, *, full: bool = True, title: bool = False,
               glued: bool = False) -> _Name:
    last = doc[end - 1]
    end_char = last.idx + len(last.text)
    if glued:
        match = _GLUED.match(last.text)
        end_char = last.idx + len(match.group(1)) if match else end_char
    elif end < len(doc) and doc[end].text in {"'", "’"} and not last.whitespace_:
        end_char = doc[end].idx + 1  # keep an apostrophe written for an accent: "Bertole'"
    start_char = doc[start].idx
    # the span's text, not doc.text: that one is rebuilt from every token at each call
    written = doc[start:end + 1].text if end < len(doc) else doc[start:end].text
    text = _written(written[:end_char - start_char])
    if title:
        text = " ".join(_title_word(w) for w in text.split())
    return _Name(start, end, start_char, end_char, text, full)


def _title_word(word: str) -> str:
    """ "VERDONI" -> "Verdoni", "D'ALESSIO" -> "D'Alessio"."""
    parts = _APOSTROPHES.split(word.lower())
    return "".join(p[:1].upper() + p[1:] for p in parts)


def _portfolio(doc: Doc, start: int, end: int) -> str:
    if start < 0 or end <= start:
        return ""
    return _clean(doc[start:end].text)


def _name_like(token: Token) -> bool:
    text = token.text
    return (
        token.is_alpha
        and text[:1].isupper()
        and not text.isupper()
        and token.lower_ not in _NOT_NAMES
    ) or (len(text) > 2 and text[-1] in "'’" and text[:1].isupper() and text[:-1].isalpha()
          and not text[:-1].isupper())


def _name_part(doc: Doc, index: int, start: int) -> bool:
    token = doc[index]
    if _name_like(token):
        return True
    # "De Marchi", "Di Meo", "Ottavio de Scalzis": a particle inside a name
    if index == start or index + 1 >= len(doc) or not _name_like(doc[index + 1]):
        return False
    if token.lower_ in _PARTICLES and token.text[:1].isupper():
        return True
    return token.text in _LOWER_PARTICLES


def _trim_particles(doc: Doc, start: int, end: int) -> int:
    while end > start and doc[end - 1].lower_ in _PARTICLES:
        end -= 1
    return end


def _written(name: str) -> str:
    return " ".join(name.split())


def _skip_markup(doc: Doc, index: int) -> int:
    while index < len(doc) and (doc[index].text in _MARKUP or (
        doc[index].is_space and doc[index].text.count("\n") < 2
    )):
        index += 1
    return index


def _comune_at(doc: Doc, index: int, cities: dict[int, tuple[City, int]]) -> tuple[str, int]:
    """A comune written from ``index``: "del Comune di Latina", "di Caserta"."""
    if index >= len(doc) or doc[index].lower_ not in {"del", "dal", "comunale", "di"}:
        return "", index
    words = [t.lower_ for t in doc[index:index + 3]]
    for prefix in (["del", "comune", "di"], ["dal", "comune", "di"], ["comunale", "di"],
                   ["di"], ["del", "comune", "della"]):
        if words[:len(prefix)] == prefix and index + len(prefix) in cities:
            return cities[index + len(prefix)][0].name, cities[index + len(prefix)][1]
    return "", index


def _comune_after(doc: Doc, index: int, cities: dict[int, tuple[City, int]]) -> str:
    """The comune written right after a name: "Anna Verdoni del Comune di Latina"."""
    return _comune_at(doc, index, cities)[0]


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


@lru_cache(maxsize=4096)
def _first_name_before(surname: str) -> re.Pattern[str]:
    """ "Anna Verdoni" for "Verdoni": compiled once per surname, not once per text."""
    return re.compile(r"\b([A-Z][a-zà-öø-ÿ]+) " + re.escape(surname) + r"\b")


def _complete_surnames(
    officials: list[Official], text: str, first_names: frozenset[str]
) -> list[Official]:
    """A surname alone ("l'assessore Ficocelli") takes the full name the text gives:
    another official's, or a first name written before the surname elsewhere."""
    full = [o for o in officials if " " in o.name]
    result = []
    for official in officials:
        if " " not in official.name:
            surname = fold_name(official.name)
            same = {o.name for o in full if fold_name(o.name.split()[-1]) == surname}
            # the pattern needs " Surname" in the text: without it, no pattern to build
            if not same and " " + official.name in text:
                same = {f"{m.group(1)} {official.name}"
                        for m in _first_name_before(official.name).finditer(text)
                        if m.group(1).lower() in first_names}
            if len(same) == 1:
                name = next(iter(same))
                official = replace(official, name=name, written=name, variants=(name,))
        result.append(official)
    return result


def _one_per_name(officials: list[Official]) -> list[Official]:
    """Each person once per text: the first role written ("la vicesindaca e assessora"
    is the vicesindaco), the portfolio and comune of any mention that gives them."""
    people: dict[str, Official] = {}
    for official in officials:
        key = fold_name(official.name)
        known = people.get(key)
        if known is None:
            people[key] = official
            continue
        people[key] = replace(
            known,
            portfolio=known.portfolio if len(known.portfolio) >= len(official.portfolio)
            else official.portfolio,
            comune=known.comune or official.comune,
        )
    return list(people.values())


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
