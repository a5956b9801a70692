"""The content of the demo news web: outlets, the campaign's press releases, articles.

Everything here is invented for the demo: the outlets, their audience figures, the
people, the quotes and the figures. Only the subject is real: LgNet2 is an ANCI
project on the governance of migrant-inclusion services in 16 Italian cities, and the
demo imagines the local coverage of its press tour.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from rassegna.demo.model import (
    AGENZIE,
    PERIODICI,
    PORTALI,
    QUOTIDIANI,
    RADIO_TV,
    SPECIALIZZATI,
    DemoArticle,
    DemoOutlet,
    DemoRelease,
)

__all__ = ["ARTICLES", "OUTLETS", "RELEASES", "TERM", "TERM_SPELLINGS"]

TERM = "LgNet2"
# How the outlets write the term: the canonical form and the variants seen in the wild.
TERM_SPELLINGS: tuple[str, ...] = ("LgNet2", "LGNET 2", "LgNet-2", "Lgnet2")

_CEST = timezone(timedelta(hours=2))
_CET = timezone(timedelta(hours=1))
_DST_END = datetime(2023, 10, 29, 3, 0)


def _dt(text: str) -> datetime:
    """``"2023-10-18 08:15"`` as an aware datetime in Italian local time."""
    naive = datetime.strptime(text, "%Y-%m-%d %H:%M")
    return naive.replace(tzinfo=_CEST if naive < _DST_END else _CET)


# --------------------------------------------------------------------------- outlets

OUTLETS: tuple[DemoOutlet, ...] = (
    DemoOutlet(
        host="agenziapenisola.test",
        testata="Agenzia Penisola",
        category=AGENZIE,
        audience=152340,
        audience_source="Audiweb",
        survey="Audiweb ottobre 2023",
        template="agency",
        sections=(
            ("politica", "Politica"),
            ("cronaca", "Cronaca"),
            ("economia", "Economia"),
            ("sociale", "Sociale"),
            ("sport", "Sport"),
        ),
        sitemap_index=True,
        note="Agenzia di stampa nazionale, lanci anche sul sito",
    ),
    DemoOutlet(
        host="www.cronacapontina.test",
        testata="Cronaca Pontina",
        category=QUOTIDIANI,
        audience=48213,
        audience_source="Audiweb",
        survey="Audiweb ottobre 2023",
        template="pontina",
        sections=(
            ("cronaca", "Cronaca"),
            ("sport", "Sport"),
            ("cultura", "Cultura"),
            ("meteo", "Meteo"),
        ),
        note="Quotidiano online di Latina e provincia",
    ),
    DemoOutlet(
        host="www.corrieretrasimeno.test",
        testata="Corriere del Trasimeno",
        category=QUOTIDIANI,
        audience=31877,
        audience_source="Audiweb",
        survey="Audiweb ottobre 2023",
        template="trasimeno",
        sections=(
            ("perugia", "Perugia"),
            ("trasimeno", "Trasimeno"),
            ("umbria", "Umbria"),
            ("italia", "Italia"),
            ("sport", "Sport"),
        ),
        note="Quotidiano di Perugia e del Lago Trasimeno",
    ),
    DemoOutlet(
        host="www.farogiuliano.test",
        testata="Il Faro Giuliano",
        category=QUOTIDIANI,
        audience=27654,
        audience_source="Audiweb",
        survey="Audiweb novembre 2023",
        template="faro",
        sections=(
            ("trieste", "Trieste"),
            ("regione", "Regione"),
            ("sport", "Sport"),
            ("cultura", "Cultura"),
        ),
        note="Quotidiano online di Trieste",
    ),
    DemoOutlet(
        host="www.settimanaumbra.test",
        testata="Settimana Umbra",
        category=PERIODICI,
        audience=12500,
        audience_source="Audipress",
        survey="Audipress 2023/III",
        template="weekly",
        sections=(
            ("attualita", "Attualità"),
            ("territorio", "Territorio"),
            ("cultura", "Cultura"),
            ("sapori", "Sapori"),
        ),
        feed_kind="atom",
        note="Settimanale regionale, esce il venerdì",
    ),
    DemoOutlet(
        host="www.cittainclusive.test",
        testata="Città Inclusive",
        category=SPECIALIZZATI,
        audience=None,
        audience_source="",
        survey="",
        template="magazine",
        sections=(
            ("welfare", "Welfare"),
            ("migrazioni", "Migrazioni"),
            ("lavoro", "Lavoro"),
            ("interviste", "Interviste"),
        ),
        note="Rivista di politiche sociali, nessun dato di audience certificato",
    ),
    DemoOutlet(
        host="www.ondanordest.test",
        testata="Onda Nordest TV",
        category=RADIO_TV,
        audience=19840,
        audience_source="Auditel",
        survey="Auditel novembre 2023",
        template="tv",
        sections=(
            ("tg", "TG"),
            ("meteo", "Meteo"),
            ("sport", "Sport"),
            ("rubriche", "Rubriche"),
        ),
        aliases=("www.tgnordest.test",),
        note="Emittente regionale del Friuli Venezia Giulia, anche su tgnordest.test",
    ),
    DemoOutlet(
        host="www.notizieinrete.test",
        testata="Notizie in Rete",
        category=PORTALI,
        audience=210455,
        audience_source="Audiweb",
        survey="Audiweb ottobre 2023",
        template="portal",
        sections=(
            ("attualita", "Attualità"),
            ("tecnologia", "Tecnologia"),
            ("spettacoli", "Spettacoli"),
            ("cucina", "Cucina"),
            ("meteo", "Meteo"),
        ),
        note="Portale generalista di notizie e servizi",
    ),
)

_TEMPLATE_OF = {outlet.host: outlet.template for outlet in OUTLETS}


def _path(host: str, section: str, slug: str, published: datetime) -> str:
    """The URL path of an article, in the style of its outlet."""
    style = _TEMPLATE_OF[host]
    if style == "agency":
        return f"/notizie/{section}/{published:%Y%m%d}-{slug}.html"
    if style == "pontina":
        return f"/{published:%Y/%m/%d}/{slug}/"
    if style == "trasimeno":
        return f"/{section}/{slug}/"
    if style == "faro":
        return f"/{section}/{published:%Y/%m/%d}/news/{slug}-{published:%m%d%H%M}/"
    if style == "weekly":
        return f"/articoli/{slug}.html"
    if style == "magazine":
        return f"/{published:%Y/%m}/{slug}/"
    if style == "tv":
        return f"/{section}/{published:%m%d%H%M}-{slug}"
    if style == "portal":
        return f"/notizie/{section}/{slug}_{published:%y%m%d%H%M}.shtml"
    raise ValueError(style)


# ------------------------------------------------------------------ press releases

_BOILERPLATE = (
    "LgNet2 – Local Government Network 2 è un progetto dell'ANCI finanziato dal Fondo "
    "Asilo, Migrazione e Integrazione (FAMI) 2014-2020 del Ministero dell'Interno. "
    "Coinvolge 16 Comuni italiani con l'obiettivo di rafforzare la governance dei servizi "
    "rivolti ai cittadini di Paesi terzi, favorendo lo scambio di buone pratiche tra "
    "amministrazioni, la formazione del personale e la costruzione di reti territoriali "
    "tra enti pubblici e privato sociale."
)

RELEASES: dict[str, DemoRelease] = {
    "latina": DemoRelease(
        key="latina",
        city="Latina",
        title=(
            "LgNet2, il press tour fa tappa a Latina: accoglienza e lavoro al centro "
            "della rete dei servizi"
        ),
        published=_dt("2023-10-17 11:30"),
        speaker="Marina Castellucci",
        paragraphs=(
            "È arrivato a Latina il press tour di LgNet2, il progetto dell'ANCI che "
            "accompagna 16 città italiane nel rafforzamento dei servizi per l'integrazione "
            "dei cittadini stranieri. Nella sala consiliare del Comune amministratori, "
            "operatori sociali e giornalisti hanno ripercorso i risultati raggiunti negli "
            "ultimi due anni sul territorio pontino.",
            "Latina ha utilizzato le risorse del progetto per riorganizzare lo sportello "
            "comunale per i cittadini di Paesi terzi, che oggi lavora in rete con i servizi "
            "sociali, il centro per l'impiego e le associazioni del terzo settore. Nel corso "
            "del 2023 lo sportello ha seguito 120 persone in percorsi personalizzati di "
            "orientamento al lavoro, alla casa e alla formazione linguistica.",
            "«Con LgNet2 abbiamo imparato a lavorare insieme, uffici comunali e terzo "
            "settore, mettendo al centro la persona e non la pratica», ha dichiarato "
            "l'assessora ai Servizi sociali Marina Castellucci. «Oggi chi arriva a Latina "
            "trova una porta sola a cui bussare e un percorso che lo accompagna fino "
            "all'autonomia».",
            "Durante la visita la delegazione ha incontrato gli operatori della struttura "
            "di accoglienza comunale, che mette a disposizione 32 posti letto per nuclei "
            "familiari e donne sole, e i mediatori culturali che affiancano gli uffici "
            "dell'anagrafe e dei servizi sociali. Sono stati presentati anche i corsi di "
            "lingua italiana per adulti, frequentati quest'anno da oltre 80 iscritti.",
            _BOILERPLATE,
        ),
    ),
    "perugia": DemoRelease(
        key="perugia",
        city="Perugia",
        title=(
            "Press tour LgNet2 a Perugia: lo sportello unico per l'immigrazione diventa un modello"
        ),
        published=_dt("2023-11-15 12:10"),
        speaker="Tommaso Bellucci",
        paragraphs=(
            "Il press tour di LgNet2, il progetto promosso dall'ANCI nell'ambito del Fondo "
            "Asilo, Migrazione e Integrazione, ha fatto tappa a Perugia. I rappresentanti "
            "del progetto hanno visitato lo sportello unico comunale per l'immigrazione e "
            "incontrato le associazioni che collaborano con l'amministrazione.",
            "Nato come ufficio informativo, lo sportello si è trasformato in un punto di "
            "accesso unico ai servizi: permessi di soggiorno, iscrizione anagrafica, "
            "orientamento sanitario e scolastico. Nei primi dieci mesi dell'anno ha "
            "registrato oltre 850 accessi, con un tempo medio di attesa sceso a cinque "
            "giorni lavorativi grazie alla prenotazione online e alla presenza di quattro "
            "mediatori linguistico-culturali.",
            "«LgNet2 ci ha dato strumenti e metodo: abbiamo formato 45 dipendenti comunali "
            "sull'accoglienza interculturale e costruito un tavolo permanente con questura, "
            "prefettura e terzo settore», ha spiegato l'assessore al Welfare Tommaso "
            "Bellucci. «Il risultato è un servizio più rapido per gli utenti e meno "
            "frammentato per gli uffici».",
            "La giornata si è conclusa nel quartiere di Fontivegge, dove una cooperativa "
            "sociale gestisce insieme al Comune un laboratorio di sartoria che ha già "
            "avviato al lavoro 18 donne straniere. Il modello perugino sarà presentato agli "
            "altri Comuni della rete nel seminario nazionale in programma a Roma.",
            _BOILERPLATE,
        ),
    ),
    "trieste": DemoRelease(
        key="trieste",
        city="Trieste",
        title=(
            "LgNet2, il press tour arriva a Trieste: mediazione culturale e accoglienza "
            "lungo la rotta balcanica"
        ),
        published=_dt("2023-11-21 10:45"),
        speaker="Giulia Sterni",
        paragraphs=(
            "Il press tour di LgNet2 ha raggiunto Trieste, città di confine in cui "
            "l'accoglienza dei cittadini stranieri si misura ogni giorno con gli arrivi "
            "lungo la rotta balcanica. La tappa giuliana del progetto ANCI è stata "
            "dedicata ai servizi di prima assistenza e alla mediazione culturale.",
            "Il Comune ha presentato il lavoro della rete cittadina di mediazione, che conta "
            "oggi 14 mediatori in 9 lingue e che nel 2023 ha svolto più di 2.300 interventi "
            "negli uffici comunali, nelle scuole e nei servizi sanitari. Accanto alla "
            "mediazione, il progetto ha finanziato la formazione di 60 operatori su "
            "normativa, tutela dei minori e gestione dei conflitti.",
            "«La posizione di Trieste ci chiede di essere rapidi e organizzati: LgNet2 ci ha "
            "permesso di passare dall'emergenza a un sistema stabile, costruito insieme "
            "alle realtà del territorio», ha affermato l'assessora alle Politiche sociali "
            "Giulia Sterni.",
            "Nel pomeriggio la delegazione ha visitato il centro diurno che offre "
            "orientamento legale, docce e un deposito bagagli a chi è appena arrivato in "
            "città, e che dall'inizio dell'anno ha accolto circa 1.500 persone. "
            "L'esperienza triestina confluirà nelle linee guida che il progetto metterà a "
            "disposizione di tutti i Comuni italiani.",
            _BOILERPLATE,
        ),
    ),
}


def _copy(
    release: str,
    host: str,
    kind: str,
    when: str,
    section: str,
    slug: str,
    *,
    title: str | None = None,
    first_sentence: str | None = None,
    author: str | None = None,
    subtitle: str | None = None,
    spelling: str = TERM,
) -> DemoArticle:
    """An outlet's copy of a press release, edited the way ``kind`` says."""
    source = RELEASES[release]
    paragraphs = list(source.paragraphs)
    if kind == "verbatim":
        assert title is None and first_sentence is None
    elif kind == "new_title":
        assert title is not None
    elif kind == "drop_last":
        paragraphs = paragraphs[:-1]
    elif kind == "lead_only":
        paragraphs = paragraphs[:1]
    elif kind == "reworded_first":
        assert first_sentence is not None
        _, rest = paragraphs[0].split(". ", 1)
        paragraphs[0] = f"{first_sentence} {rest}"
    else:
        raise ValueError(kind)
    headline = title or source.title
    published = _dt(when)
    return DemoArticle(
        outlet=host,
        path=_path(host, section, slug, published),
        section=section,
        title=headline.replace(TERM, spelling),
        subtitle=subtitle,
        author=author,
        published=published,
        paragraphs=tuple(p.replace(TERM, spelling) for p in paragraphs),
        about_campaign=True,
        release=release,
        copy_kind=kind,
        term_spelling=spelling,
    )


def _art(
    host: str,
    when: str,
    section: str,
    slug: str,
    title: str,
    paragraphs: tuple[str, ...],
    *,
    subtitle: str | None = None,
    author: str | None = None,
    about_campaign: bool = False,
    term_spelling: str | None = None,
    is_trap: bool = False,
    modified: str | None = None,
) -> DemoArticle:
    published = _dt(when)
    return DemoArticle(
        outlet=host,
        path=_path(host, section, slug, published),
        section=section,
        title=title,
        subtitle=subtitle,
        author=author,
        published=published,
        paragraphs=paragraphs,
        about_campaign=about_campaign,
        term_spelling=term_spelling,
        is_trap=is_trap,
        modified=_dt(modified) if modified else None,
    )


_AGENZIA = "agenziapenisola.test"
_PONTINA = "www.cronacapontina.test"
_TRASIMENO = "www.corrieretrasimeno.test"
_FARO = "www.farogiuliano.test"
_SETTIMANA = "www.settimanaumbra.test"
_INCLUSIVE = "www.cittainclusive.test"
_ONDA = "www.ondanordest.test"
_PORTALE = "www.notizieinrete.test"

# ------------------------------------------------------- copies of the releases

_COPIES: tuple[DemoArticle, ...] = (
    # Latina: 5 copies
    _copy(
        "latina",
        _AGENZIA,
        "verbatim",
        "2023-10-17 13:05",
        "sociale",
        "lgnet2-press-tour-latina",
        author="Redazione",
    ),
    _copy(
        "latina",
        _PONTINA,
        "new_title",
        "2023-10-18 08:15",
        "cronaca",
        "lgnet2-latina",
        title=(
            "Latina, lo sportello per i cittadini stranieri diventa un modello: la visita "
            "del press tour LgNet2"
        ),
        subtitle="Nella sala consiliare il bilancio di due anni di progetto",
        author="Alice Gipponi",
    ),
    _copy(
        "latina",
        _PORTALE,
        "drop_last",
        "2023-10-18 16:40",
        "attualita",
        "lgnet2-press-tour-latina-accoglienza-lavoro",
    ),
    _copy(
        "latina",
        _INCLUSIVE,
        "reworded_first",
        "2023-10-19 10:00",
        "migrazioni",
        "lgnet2-latina-press-tour",
        first_sentence=(
            "Il press tour di LgNet2, il progetto ANCI che sostiene 16 città italiane nel "
            "rafforzare i servizi di integrazione per i cittadini stranieri, ha fatto tappa "
            "a Latina."
        ),
        author="Francesca Delvecchio",
    ),
    _copy(
        "latina",
        _TRASIMENO,
        "lead_only",
        "2023-10-19 18:20",
        "italia",
        "lgnet2-press-tour-tappa-a-latina",
        author="Redazione",
    ),
    # Perugia: 4 copies
    _copy(
        "perugia",
        _TRASIMENO,
        "new_title",
        "2023-11-15 19:30",
        "perugia",
        "sportello-unico-immigrazione-lgnet2",
        title=(
            "Perugia, lo sportello unico per l'immigrazione fa scuola: 850 accessi in dieci mesi"
        ),
        subtitle="Il press tour LgNet2 in città. L'assessore Bellucci: «Servizio più rapido»",
        author="Marco Tessitori",
    ),
    _copy(
        "perugia",
        _SETTIMANA,
        "reworded_first",
        "2023-11-17 08:00",
        "attualita",
        "press-tour-lgnet2-perugia",
        first_sentence=(
            "Anche Perugia è entrata nel calendario del press tour di LgNet2, il progetto "
            "che l'ANCI porta avanti con il Fondo Asilo, Migrazione e Integrazione."
        ),
        author="Chiara Montagnoli",
    ),
    _copy(
        "perugia",
        _AGENZIA,
        "drop_last",
        "2023-11-15 14:22",
        "sociale",
        "lgnet2-press-tour-perugia",
        author="Redazione",
        spelling="LGNET 2",
    ),
    _copy(
        "perugia",
        _PORTALE,
        "lead_only",
        "2023-11-16 11:15",
        "attualita",
        "press-tour-lgnet2-perugia-sportello-unico",
    ),
    # Trieste: 3 copies
    _copy(
        "trieste",
        _FARO,
        "new_title",
        "2023-11-21 18:05",
        "trieste",
        "mediatori-press-tour-lgnet2",
        title="Trieste, 14 mediatori in 9 lingue: il modello giuliano al press tour LgNet2",
        subtitle="L'assessora Sterni: «Dall'emergenza a un sistema stabile»",
        author="Luca Brandolin",
    ),
    _copy(
        "trieste",
        _ONDA,
        "reworded_first",
        "2023-11-21 13:02",
        "tg",
        "press-tour-lgnet2-trieste",
        first_sentence=(
            "È Trieste, porta d'ingresso della rotta balcanica, la nuova tappa del press "
            "tour di LgNet2."
        ),
        author="Redazione",
        spelling="LgNet-2",
    ),
    _copy(
        "trieste",
        _AGENZIA,
        "verbatim",
        "2023-11-21 12:40",
        "sociale",
        "lgnet2-press-tour-trieste",
        author="Redazione",
    ),
)

# ------------------------------------------- original campaign articles (not copies)

_ORIGINALS: tuple[DemoArticle, ...] = (
    _art(
        _PONTINA,
        "2023-10-25 17:30",
        "cronaca",
        "dopo-il-press-tour-casa-e-lavoro",
        "Dopo il press tour, Latina punta su casa e lavoro per i nuovi cittadini",
        (
            "A una settimana dalla visita del press tour di LgNet2, in città si discute di "
            "come rendere stabile quello che il progetto ha avviato. Il nodo principale "
            "resta la casa: molti dei nuclei seguiti dallo sportello comunale hanno un "
            "contratto di lavoro ma non riescono a trovare un affitto a prezzi sostenibili.",
            "Le associazioni del tavolo cittadino sull'immigrazione propongono un fondo di "
            "garanzia per i proprietari che affittano a famiglie in uscita dalle strutture "
            "di accoglienza. «Il lavoro c'è, soprattutto in agricoltura e nella logistica, "
            "ma senza un indirizzo di residenza tutto si blocca», spiega Rosaria Fanelli, "
            "volontaria di un centro d'ascolto di Borgo Sabotino.",
            "Il Comune ha annunciato che nel bilancio del prossimo anno una parte delle "
            "risorse per le politiche sociali sarà destinata proprio all'accompagnamento "
            "abitativo. L'obiettivo dichiarato è non disperdere la rete costruita con "
            "LgNet2 quando il finanziamento europeo arriverà a conclusione.",
            "Intanto lo sportello ha ampliato l'orario di apertura: da novembre riceverà "
            "il pubblico anche il martedì pomeriggio, su appuntamento, per le pratiche "
            "legate al lavoro stagionale.",
        ),
        author="Alice Gipponi",
        about_campaign=True,
        term_spelling="LgNet2",
    ),
    _art(
        _INCLUSIVE,
        "2023-12-04 09:30",
        "interviste",
        "intervista-coordinatrice-lgnet2",
        "«Le città imparano l'una dall'altra»: intervista alla coordinatrice di LgNet2",
        (
            "Valentina Roscioli coordina per l'ANCI il progetto LgNet2 – Local Government "
            "Network 2, che da due anni lavora con 16 Comuni sulla governance dei servizi "
            "per l'integrazione. L'abbiamo incontrata alla fine del press tour che ha "
            "portato giornalisti e amministratori da Latina a Trieste.",
            "Che cosa avete visto in queste settimane? «Soprattutto che non esiste un "
            "modello unico. Perugia ha puntato su uno sportello che riunisce tutti i "
            "servizi, Trieste su una rete di mediatori, Latina sul legame tra accoglienza e "
            "lavoro. Il valore del progetto sta nel mettere queste esperienze a confronto».",
            "Qual è la difficoltà più grande per un Comune? «La continuità. Spesso i servizi "
            "per i cittadini stranieri nascono su progetti a termine e muoiono con loro. "
            "Abbiamo chiesto ai Comuni di inserire sportelli e mediazione nella "
            "programmazione ordinaria, e diversi lo stanno facendo».",
            "E adesso? «Stiamo scrivendo le linee guida che raccolgono quanto emerso nelle "
            "tappe del tour. Saranno pubbliche e pensate anche per i Comuni piccoli, che "
            "non hanno un ufficio dedicato ma incontrano gli stessi problemi».",
        ),
        subtitle=("Valentina Roscioli racconta il bilancio del press tour nelle città della rete"),
        author="Sara Pellicciotti",
        about_campaign=True,
        term_spelling="LgNet2",
    ),
    _art(
        _SETTIMANA,
        "2023-11-24 08:00",
        "attualita",
        "fontivegge-sartoria-integrazione",
        "Fontivegge, la sartoria che cuce integrazione",
        (
            "Tra le macchine da cucire del laboratorio di Fontivegge si parlano cinque "
            "lingue diverse, ma le istruzioni passano soprattutto dalle mani. Qui una "
            "cooperativa sociale, in collaborazione con il Comune di Perugia, forma donne "
            "arrivate in Italia negli ultimi anni e le accompagna verso un impiego.",
            "Il laboratorio è stato tra le tappe più seguite del press tour di Lgnet2, il "
            "progetto dell'ANCI sui servizi per l'integrazione. Le partecipanti lavorano "
            "su commesse vere: tende per le scuole del quartiere, divise per una squadra di "
            "calcio giovanile, borse in tessuto di recupero vendute nei mercatini.",
            "«All'inizio venivo per imparare la lingua, adesso faccio le consegne da sola», "
            "racconta Amina, che ha trentaquattro anni e due figli alle elementari. Dopo il "
            "corso ha ottenuto un contratto part-time in una lavanderia industriale della "
            "zona.",
            "La cooperativa vorrebbe aprire un piccolo negozio su strada entro la prossima "
            "primavera. Servono un locale a canone calmierato e qualche socio in più: chi "
            "vuole dare una mano può presentarsi il giovedì pomeriggio, quando il "
            "laboratorio è aperto al pubblico.",
        ),
        author="Giorgio Marasca",
        about_campaign=True,
        term_spelling="Lgnet2",
    ),
)

# ------------------------------------------------------- news not about the campaign

_OTHER: tuple[DemoArticle, ...] = (
    # Agenzia Penisola
    _art(
        _AGENZIA,
        "2023-11-02 07:50",
        "cronaca",
        "maltempo-allerta-arancione-lazio-campania",
        "Maltempo, allerta arancione per piogge su Lazio e Campania",
        (
            "La protezione civile ha diramato per la giornata di oggi un'allerta arancione "
            "per rischio idrogeologico su gran parte del Lazio e della Campania. Sono "
            "previste precipitazioni intense, anche a carattere di rovescio, accompagnate "
            "da forti raffiche di vento dai quadranti meridionali.",
            "Numerosi Comuni del litorale hanno disposto la chiusura di parchi, cimiteri e "
            "impianti sportivi all'aperto. In alcune province le scuole resteranno chiuse "
            "in via precauzionale, mentre sulle linee ferroviarie regionali sono possibili "
            "rallentamenti e cancellazioni.",
            "Il miglioramento è atteso a partire da venerdì, quando una rimonta "
            "dell'alta pressione dovrebbe riportare condizioni più stabili su tutto il "
            "Centro-Sud, con temperature in lieve aumento.",
        ),
        author="Redazione",
    ),
    _art(
        _AGENZIA,
        "2023-12-10 10:15",
        "economia",
        "treni-regionali-orario-invernale",
        "Treni regionali, con l'orario invernale quaranta corse in più al Centro",
        (
            "Entra in vigore oggi l'orario invernale del trasporto ferroviario regionale. "
            "Sulle linee del Centro Italia sono previste quaranta corse giornaliere in più "
            "rispetto all'anno scorso, concentrate soprattutto nelle fasce pendolari del "
            "mattino e del tardo pomeriggio.",
            "Tra le novità principali ci sono i nuovi collegamenti diretti nei fine "
            "settimana verso le località turistiche dell'Appennino e il prolungamento "
            "serale di alcune corse suburbane, con ultime partenze dopo le ventitré.",
            "Le associazioni dei pendolari accolgono con favore l'aumento dell'offerta ma "
            "chiedono interventi sulla puntualità, che nei mesi autunnali è stata inferiore "
            "agli obiettivi fissati dai contratti di servizio.",
        ),
    ),
    _art(
        _AGENZIA,
        "2023-10-15 22:10",
        "sport",
        "volley-pallavolo-aurunca-vetta",
        "Volley femminile, la Pallavolo Aurunca vola in testa al girone",
        (
            "La Pallavolo Aurunca conquista la vetta del girone battendo in casa la "
            "Virtus Ciociara per tre set a uno al termine di una partita combattuta, "
            "decisa da un ottimo turno al servizio nel finale del quarto parziale.",
            "Decisiva la prova della schiacciatrice Martina Ruggeri, autrice di ventidue "
            "punti. L'allenatore ha elogiato la tenuta mentale della squadra, capace di "
            "reagire dopo aver perso il primo set.",
            "Nel prossimo turno la formazione aurunca sarà impegnata in trasferta sul "
            "difficile campo della Libertas Fondi, seconda in classifica a un solo punto "
            "di distanza.",
        ),
        author="Redazione",
    ),
    # Cronaca Pontina
    _art(
        _PONTINA,
        "2023-10-20 11:20",
        "cultura",
        "riapre-la-biblioteca-comunale",
        "Latina, riapre la biblioteca comunale: sala studio aperta fino a mezzanotte",
        (
            "Dopo quattordici mesi di lavori riapre lunedì la biblioteca comunale. "
            "L'intervento ha riguardato l'adeguamento sismico dell'edificio, il rifacimento "
            "degli impianti e la riorganizzazione degli spazi al piano terra, dove ora si "
            "trova una sala per i più piccoli con oltre tremila volumi illustrati.",
            "La novità più attesa dagli studenti universitari è la sala studio al primo "
            "piano, con centoventi posti a sedere, prese elettriche a ogni tavolo e "
            "apertura prolungata fino a mezzanotte dal lunedì al venerdì.",
            "Per l'inaugurazione è previsto un pomeriggio di letture e musica dal vivo. "
            "Il prestito dei libri riprenderà regolarmente dal giorno successivo, mentre "
            "il catalogo online sarà aggiornato entro la fine del mese.",
        ),
        author="Giorgio Marasca",
        is_trap=True,
    ),
    _art(
        _PONTINA,
        "2023-10-12 09:30",
        "cronaca",
        "lungomare-pista-ciclabile",
        "Lungomare, partono i lavori per la pista ciclabile da Foce Verde a Capo Portiere",
        (
            "Sono partiti ieri mattina i lavori per la nuova pista ciclabile del lungomare. "
            "Il tracciato, lungo circa otto chilometri, collegherà Foce Verde a Capo "
            "Portiere correndo sul lato interno della strada litoranea, separato dalle "
            "auto da un cordolo e da una fila di siepi.",
            "Il cantiere procederà per lotti per non chiudere mai del tutto la circolazione. "
            "Nei tratti interessati dai lavori il limite di velocità scende a trenta "
            "chilometri orari e alcuni parcheggi saranno temporaneamente soppressi.",
            "La fine dei lavori è prevista per l'inizio della prossima stagione balneare. "
            "I commercianti della zona chiedono di evitare i mesi di maggiore afflusso e di "
            "garantire l'accesso ai lidi anche durante il cantiere.",
        ),
        subtitle="Otto chilometri di percorso protetto, fine lavori prevista in primavera",
        author="Alice Gipponi",
    ),
    _art(
        _PONTINA,
        "2023-11-12 19:45",
        "sport",
        "eccellenza-real-borgo-faiti-derby",
        "Calcio, Eccellenza: il Real Borgo Faiti piega la capolista nel derby",
        (
            "Il Real Borgo Faiti vince il derby e ferma la corsa della capolista. Al termine "
            "di una partita giocata a viso aperto, i biancoverdi si impongono per due a uno "
            "davanti a oltre seicento spettatori.",
            "Il vantaggio arriva dopo venti minuti con un colpo di testa su calcio d'angolo. "
            "Gli ospiti pareggiano a inizio ripresa, ma a dieci minuti dalla fine un tiro "
            "dal limite dell'area regala tre punti pesanti ai padroni di casa.",
            "Con questa vittoria il Real Borgo Faiti sale al quarto posto e si avvicina alla "
            "zona che vale gli spareggi promozione.",
        ),
        author="Redazione",
    ),
    _art(
        _PONTINA,
        "2023-12-07 08:00",
        "meteo",
        "meteo-ponte-immacolata-pianura-pontina",
        "Meteo, ponte dell'Immacolata tra sole e nebbie sulla pianura pontina",
        (
            "Il lungo fine settimana dell'Immacolata sarà dominato dall'alta pressione. "
            "Le giornate si annunciano in prevalenza soleggiate, con temperature massime "
            "intorno ai quindici gradi lungo la costa.",
            "Attenzione però alle nebbie nelle prime ore del mattino e dopo il tramonto, "
            "soprattutto nelle zone interne della pianura e lungo i canali di bonifica, "
            "dove la visibilità potrà scendere sotto i cento metri.",
            "Un cambiamento è atteso dall'inizio della prossima settimana, con l'arrivo di "
            "correnti più umide e le prime piogge.",
        ),
    ),
    # Corriere del Trasimeno
    _art(
        _TRASIMENO,
        "2023-10-28 10:05",
        "trasimeno",
        "pesca-persico-stagione-chiusa",
        "Trasimeno, chiusa la stagione della pesca al persico: pescato in crescita",
        (
            "Si chiude con un segno positivo la stagione della pesca al persico reale sul "
            "lago. Secondo le cooperative dei pescatori il pescato è cresciuto del dodici "
            "per cento rispetto all'anno scorso, grazie anche a livelli dell'acqua più "
            "stabili durante l'estate.",
            "Il persico resta la specie più richiesta dai ristoranti della zona, che lo "
            "propongono in filetti fritti o nella tradizionale zuppa. Buoni risultati anche "
            "per la tinca, mentre cala ancora la presenza dell'anguilla.",
            "Le cooperative chiedono ora interventi sul ripopolamento e controlli più "
            "severi contro la pesca di frodo, segnalata in aumento nelle ore notturne.",
        ),
        author="Paolo Scarpellini",
    ),
    _art(
        _TRASIMENO,
        "2023-11-05 21:30",
        "sport",
        "basket-libertas-castiglione-foligno",
        "Basket serie C, la Libertas Castiglione passa a Foligno dopo un supplementare",
        (
            "Vittoria sofferta ma preziosa per la Libertas Castiglione, che espugna il "
            "palazzetto di Foligno dopo un tempo supplementare. Il tabellone finale dice "
            "ottantotto a ottantaquattro per gli ospiti.",
            "La partita si è decisa negli ultimi secondi dei regolamentari, quando una "
            "tripla del capitano ha riportato il risultato in parità. Nell'overtime la "
            "squadra del lago ha trovato più energie e precisione ai liberi.",
            "Domenica prossima la Libertas tornerà a giocare davanti al proprio pubblico "
            "contro una delle formazioni più in forma del campionato.",
        ),
        author="Redazione",
    ),
    _art(
        _TRASIMENO,
        "2023-12-01 12:40",
        "perugia",
        "navette-elettriche-centro-storico",
        "Perugia, nel centro storico arrivano le navette elettriche per le feste",
        (
            "Dall'8 dicembre al 7 gennaio il centro storico sarà servito da sei navette "
            "elettriche gratuite, con partenze ogni dieci minuti dai principali parcheggi "
            "di scambio fino all'acropoli.",
            "Il servizio sarà attivo tutti i giorni dalle dieci del mattino a mezzanotte. "
            "Le navette possono trasportare anche passeggini e carrozzine, e fermeranno "
            "vicino ai mercatini e alle piazze che ospitano gli eventi natalizi.",
            "L'amministrazione punta così a ridurre il traffico nelle vie più strette e a "
            "favorire chi arriva in città dai Comuni vicini per lo shopping delle feste.",
        ),
        subtitle="Sei mezzi gratuiti ogni dieci minuti dai parcheggi di scambio",
        author="Marco Tessitori",
    ),
    # Il Faro Giuliano
    _art(
        _FARO,
        "2023-11-28 09:12",
        "trieste",
        "bora-alberi-caduti-moli-chiusi",
        "Bora a 120 all'ora, alberi caduti e moli chiusi a Trieste",
        (
            "Una notte di bora intensa ha lasciato il segno in città. Le raffiche hanno "
            "superato i centoventi chilometri orari sul lungomare, dove i vigili del fuoco "
            "sono intervenuti decine di volte per rami spezzati, cartelli divelti e "
            "tegole cadute.",
            "Per motivi di sicurezza sono stati chiusi i moli e alcuni tratti delle rive. "
            "In periferia due alberi sono caduti sulla carreggiata, bloccando per alcune "
            "ore il passaggio degli autobus urbani.",
            "Il vento dovrebbe attenuarsi nel corso del pomeriggio, ma le temperature "
            "resteranno rigide anche nei prossimi giorni, con minime vicine allo zero.",
        ),
        author="Elena Vidoni",
    ),
    _art(
        _FARO,
        "2023-10-22 20:15",
        "sport",
        "pallanuoto-sporting-san-giusto-imbattuto",
        "Pallanuoto, lo Sporting San Giusto supera l'Aquatica Levante e resta imbattuto",
        (
            "Quarta vittoria in altrettante partite per lo Sporting San Giusto, che in una "
            "piscina gremita batte l'Aquatica Levante per undici a otto.",
            "Dopo un primo tempo equilibrato, i padroni di casa hanno preso il largo nel "
            "terzo periodo grazie a un ottimo rendimento in superiorità numerica e a tre "
            "parate decisive del portiere.",
            "La squadra resta così a punteggio pieno in testa alla classifica e si prepara "
            "alla trasferta della prossima settimana.",
        ),
        author="Redazione",
    ),
    _art(
        _FARO,
        "2023-12-14 17:00",
        "cultura",
        "museo-navigazione-sala-cantieri",
        "Il museo della navigazione inaugura la sala dedicata ai cantieri del Novecento",
        (
            "Modellini, disegni tecnici e fotografie d'epoca raccontano un secolo di "
            "costruzioni navali nella nuova sala del museo civico della navigazione, "
            "inaugurata ieri alla presenza di ex operai e tecnici dei cantieri.",
            "Il percorso si apre con i grandi transatlantici dei primi decenni del secolo e "
            "arriva fino alle navi da crociera, con una sezione dedicata al lavoro dei "
            "carpentieri e dei saldatori.",
            "La sala sarà visitabile dal martedì alla domenica. Per le scuole sono previsti "
            "percorsi guidati gratuiti su prenotazione.",
        ),
        author="Luca Brandolin",
        modified="2023-12-15 09:20",
    ),
    # Settimana Umbra
    _art(
        _SETTIMANA,
        "2023-11-10 08:00",
        "territorio",
        "foligno-festa-olio-nuovo",
        "Foligno, la festa dell'olio nuovo richiama migliaia di visitatori",
        (
            "Le piazze del centro si sono riempite per il fine settimana dedicato all'olio "
            "extravergine appena franto. Frantoi e aziende agricole hanno proposto "
            "degustazioni guidate, visite agli oliveti e laboratori per i bambini.",
            "Gli organizzatori parlano di un'annata di buona qualità, nonostante una resa "
            "inferiore alla media per colpa della siccità estiva. I prezzi al litro sono "
            "in crescita rispetto all'anno scorso.",
            "Grande successo anche per le bruschette offerte dalle associazioni del "
            "territorio, il cui ricavato sarà devoluto alla ristrutturazione di un "
            "centro per anziani.",
        ),
        author="Giorgio Marasca",
    ),
    _art(
        _SETTIMANA,
        "2023-10-13 08:00",
        "cultura",
        "spoleto-teatro-restaurato-stagione",
        "Spoleto, il teatro restaurato riapre con una stagione di ventiquattro titoli",
        (
            "Dopo due anni di restauri il teatro cittadino torna ad accogliere il pubblico. "
            "I lavori hanno restituito i colori originali alla sala e ai palchi e hanno "
            "rinnovato le poltrone della platea.",
            "La stagione comprende ventiquattro titoli tra prosa, danza e musica da camera, "
            "con una particolare attenzione alle compagnie umbre e ai giovani autori. "
            "Gli abbonamenti sono in vendita da sabato.",
            "Per gli studenti under 26 sono previsti biglietti a prezzo ridotto e alcune "
            "prove generali aperte, precedute da un incontro con registi e interpreti.",
        ),
        author="Redazione",
    ),
    _art(
        _SETTIMANA,
        "2023-12-08 08:00",
        "sapori",
        "norcia-zuppa-lenticchie-inverno",
        "Norcia, tra lenticchie e tartufo nero: la zuppa d'inverno",
        (
            "Con i primi freddi torna sulle tavole della Valnerina la zuppa di lenticchie, "
            "piatto povero che i ristoratori della zona arricchiscono nei giorni di festa "
            "con qualche lamella di tartufo nero.",
            "La ricetta è semplice: le lenticchie non hanno bisogno di ammollo e cuociono "
            "in meno di un'ora con sedano, carota, cipolla e un filo d'olio nuovo. "
            "C'è chi aggiunge una cotica o un pezzo di salsiccia per dare più sapore.",
            "Si serve ben calda con pane raffermo abbrustolito. Secondo la tradizione "
            "portarla in tavola a fine anno è di buon auspicio per i mesi a venire.",
        ),
        subtitle="Un piatto povero della Valnerina che nei giorni di festa si fa ricco",
        author="Chiara Montagnoli",
    ),
    # Città Inclusive
    _art(
        _INCLUSIVE,
        "2023-10-26 09:00",
        "migrazioni",
        "minori-stranieri-tutori-volontari",
        "Minori stranieri soli, cresce la rete dei tutori volontari",
        (
            "Aumentano le persone che scelgono di diventare tutori volontari di minori "
            "stranieri non accompagnati. Secondo un monitoraggio delle associazioni che "
            "organizzano i corsi di formazione, le candidature sono cresciute di quasi un "
            "terzo rispetto all'anno precedente.",
            "Il tutore volontario rappresenta legalmente il ragazzo o la ragazza fino alla "
            "maggiore età, segue il percorso scolastico e sanitario e lo aiuta a orientarsi "
            "tra uffici e documenti. Non si tratta di accoglienza in casa, ma di una "
            "presenza adulta di riferimento.",
            "Restano però forti differenze tra i territori: in alcune regioni i tribunali "
            "faticano ad abbinare i tutori ai minori in tempi rapidi, e molti volontari "
            "formati restano in attesa per mesi.",
        ),
        author="Francesca Delvecchio",
    ),
    _art(
        _INCLUSIVE,
        "2023-11-08 11:30",
        "welfare",
        "caregiver-familiari-proposta",
        "Caregiver familiari, che cosa chiedono le associazioni",
        (
            "Un coordinamento di associazioni di familiari ha presentato una proposta per "
            "il riconoscimento di chi assiste in casa un parente non autosufficiente. Al "
            "centro ci sono il diritto al riposo, la tutela previdenziale e il "
            "collegamento con i servizi sociali del territorio.",
            "Secondo le associazioni, la maggior parte dei caregiver sono donne tra i "
            "quaranta e i sessant'anni, che spesso riducono o lasciano il lavoro per "
            "dedicarsi all'assistenza.",
            "La proposta prevede anche sportelli di ascolto nei distretti sanitari e "
            "periodi di sollievo garantiti, durante i quali la persona assistita viene "
            "accolta temporaneamente in strutture diurne.",
        ),
        author="Davide Rustici",
    ),
    _art(
        _INCLUSIVE,
        "2023-12-12 15:00",
        "lavoro",
        "bando-cooperative-inserimento-lavorativo",
        "Inserimento lavorativo, il bando per le cooperative sociali scade il 15 gennaio",
        (
            "C'è tempo fino al 15 gennaio per partecipare al bando che finanzia progetti di "
            "inserimento lavorativo di persone svantaggiate nelle cooperative sociali di "
            "tipo B. Il contributo copre fino all'ottanta per cento dei costi.",
            "Sono ammessi tirocini, borse lavoro e percorsi di accompagnamento della durata "
            "minima di sei mesi. Un punteggio aggiuntivo è previsto per i progetti che "
            "prevedono un'assunzione al termine del percorso.",
            "Le domande vanno presentate esclusivamente online. Gli uffici regionali "
            "organizzano due incontri informativi per chiarire i requisiti e le modalità di "
            "rendicontazione.",
        ),
        author="Redazione",
    ),
    # Onda Nordest TV
    _art(
        _ONDA,
        "2023-11-14 07:30",
        "meteo",
        "meteo-fvg-prima-neve",
        "Meteo Friuli Venezia Giulia, prima neve sopra i mille metri",
        (
            "Arriva la prima neve della stagione sulle montagne della regione. I fiocchi "
            "sono attesi da questa sera sopra i mille metri sulle Alpi Giulie e Carniche, "
            "con accumuli fino a venti centimetri nelle località più alte.",
            "In pianura e sulla costa sono previste piogge diffuse e un sensibile calo "
            "delle temperature. Sul golfo il vento di bora potrà raggiungere raffiche "
            "moderate nella giornata di domani.",
            "Si raccomanda di viaggiare con pneumatici invernali o catene a bordo sulle "
            "strade di montagna, dove l'obbligo è già in vigore.",
        ),
        author="Redazione",
    ),
    _art(
        _ONDA,
        "2023-10-29 22:40",
        "sport",
        "hockey-lupi-del-carso-val-canale",
        "Hockey su ghiaccio, i Lupi del Carso battono il Val Canale ai rigori",
        (
            "Serata di grande spettacolo al palaghiaccio, dove i Lupi del Carso hanno "
            "superato l'Hockey Club Val Canale soltanto ai tiri di rigore dopo un "
            "supplementare senza reti.",
            "Gli ospiti erano passati in vantaggio due volte, ma la squadra di casa è "
            "sempre riuscita a rimontare, trovando il pareggio a meno di tre minuti dalla "
            "sirena finale.",
            "Nella serie dei rigori decisivo il portiere dei Lupi, che ha neutralizzato "
            "tre conclusioni su quattro.",
        ),
    ),
    _art(
        _ONDA,
        "2023-12-02 19:00",
        "tg",
        "gorizia-mercatino-natale",
        "Gorizia, il mercatino di Natale apre in piazza con sessanta casette",
        (
            "Si è acceso questo pomeriggio il grande albero che dà il via al mercatino di "
            "Natale. Sessanta casette di legno propongono artigianato, dolci tipici e "
            "prodotti delle aziende agricole del Collio.",
            "Quest'anno il mercatino ospita anche espositori sloveni, in un programma di "
            "eventi condiviso tra le due città di confine che comprende concerti, "
            "spettacoli per bambini e una pista di pattinaggio.",
            "Le casette resteranno aperte tutti i giorni fino al 6 gennaio, dalle dieci "
            "alle venti, con orario prolungato nel fine settimana.",
        ),
        author="Nicola Zorzenon",
    ),
    # Notizie in Rete
    _art(
        _PORTALE,
        "2023-11-23 09:00",
        "tecnologia",
        "black-friday-consigli-truffe-online",
        "Black Friday, dieci consigli per evitare le truffe negli acquisti online",
        (
            "Con l'arrivo del Black Friday aumentano le offerte, ma anche i tentativi di "
            "truffa. Messaggi che annunciano pacchi in giacenza, siti che imitano negozi "
            "noti e sconti troppo alti per essere veri sono le trappole più frequenti.",
            "Il primo consiglio è controllare sempre l'indirizzo del sito prima di inserire "
            "i dati della carta e preferire metodi di pagamento che offrono una tutela in "
            "caso di mancata consegna. Meglio diffidare di chi chiede bonifici verso conti "
            "esteri.",
            "Attenzione anche alle recensioni: quelle tutte entusiaste e scritte negli "
            "stessi giorni sono spesso false. In caso di dubbio conviene acquistare "
            "direttamente dal sito ufficiale del produttore.",
        ),
        author="Redazione",
    ),
    _art(
        _PORTALE,
        "2023-12-06 12:00",
        "meteo",
        "meteo-immacolata-freddo-neve-nord",
        "Meteo, il weekend dell'Immacolata porta freddo e neve al Nord",
        (
            "Un impulso di aria fredda interesserà il Nord Italia a partire da venerdì. "
            "La neve potrà cadere fino a quote collinari su Piemonte e Lombardia, mentre "
            "sulle Alpi sono attesi accumuli importanti.",
            "Al Centro e al Sud il tempo sarà più variabile, con piogge sparse sul versante "
            "tirrenico e temperature in calo di alcuni gradi.",
            "Da lunedì è previsto un graduale miglioramento, con il ritorno del sole su gran "
            "parte della penisola e gelate notturne nelle valli.",
        ),
    ),
    _art(
        _PORTALE,
        "2023-10-11 14:30",
        "spettacoli",
        "al-cinema-questa-settimana",
        "Al cinema questa settimana: una commedia corale e un thriller in Sardegna",
        (
            "Due titoli italiani guidano le uscite della settimana. Il primo è «La tavola "
            "lunga», commedia corale su una famiglia che si ritrova per un pranzo di nozze "
            "dopo vent'anni di silenzi.",
            "Il secondo è «Maestrale», thriller ambientato in un paese della costa sarda "
            "dove la scomparsa di una giovane biologa marina riapre vecchie ferite. Il film "
            "alterna indagine e paesaggio, con una fotografia molto curata.",
            "In sala arriva anche un documentario sulla vita dei guardiani dei fari, "
            "distribuito in un numero limitato di cinema d'essai.",
        ),
        author="Valeria Cosentini",
    ),
)

ARTICLES: tuple[DemoArticle, ...] = tuple(
    sorted(_COPIES + _ORIGINALS + _OTHER, key=lambda a: (a.outlet, a.published))
)
