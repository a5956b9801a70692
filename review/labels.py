"""The words every format of the review shares: summary and totals labels, the audience note.

The HTML page (and so the PDF), the Word document and the workbook read them from here,
so the five formats cannot drift apart in what they call a figure or how they qualify it.
"""

from __future__ import annotations

__all__ = [
    "AUDIENCE",
    "AUDIENCE_NOTE",
    "AUDIENCE_NOTE_LINES",
    "AUDIENCE_NOTE_SHORT",
    "CATEGORY",
    "COUNT",
    "NOT_AVAILABLE",
    "SUBTOTAL",
    "TOTAL",
    "TOTAL_AUDIENCE",
    "TOTALS_TABLES",
    "UPDATED",
    "WITHOUT_AUDIENCE",
]

#: the cover's date line: "Ultimo aggiornamento: 14 dicembre 2023"
UPDATED = "Ultimo aggiornamento"
#: how many uscite (the summary, the totals, a category)
COUNT = "Numero Uscite"
#: the review's whole audience; the asterisk points to the audience note
TOTAL_AUDIENCE = "Audience Totale*"
#: an audience column; the asterisk points to the audience note
AUDIENCE = "Audience*"
#: the first column of the summary table
CATEGORY = "Categoria"
#: the last row of the summary table
TOTAL = "Totale"
#: the last row of a category's listing: its audience
SUBTOTAL = "Audience"
#: a category's audience when none of its outlets has a certified figure
NOT_AVAILABLE = "n.d."

#: the note the asterisks point to, in the lines the HTML page prints it in; the other
#: formats join them with spaces
AUDIENCE_NOTE_LINES = (
    "* I dati di audience sono sottostimati: sono conteggiate solo le fonti certificate",
    "(Audipress per quotidiani e periodici, lettori nel giorno medio; Audiweb per i siti web, "
    "utenti",
    "unici giornalieri; Auditel e Radiomonitor per TV e radio). Per i social network il dato è "
    "il numero",
    "di follower della pagina. Le uscite di testate senza dato certificato sono contate nel "
    "Numero Uscite",
    "e non aggiungono audience.",
)
AUDIENCE_NOTE = " ".join(AUDIENCE_NOTE_LINES)
#: the same note in one line, for the workbook's summary cell
AUDIENCE_NOTE_SHORT = (
    "* Audience sottostimata: solo fonti certificate (Audipress, Audiweb, Auditel, "
    "Radiomonitor; follower per i social network)."
)
#: what follows the note when some outlets have no figure: "…: ANSA, Radio Conero."
WITHOUT_AUDIENCE = "Testate senza dato di audience"

#: the totals section: (title, first column, attribute of :class:`review.totals.Totals`)
TOTALS_TABLES = (
    ("Per tappa", "Città", "cities"),
    ("Per comunicato", "Comunicato", "releases"),
    ("Per settimana", "Settimana", "weeks"),
    ("Per giorno", "Giorno", "days"),
)
