"""HTML templates of the demo outlets: one visibly different page layout per outlet.

Every template renders three kinds of page: an article, a listing (home page and
section pages) and a plain page (the reserved area). The templates expose their
metadata the way real Italian outlets do, each in its own way: OpenGraph tags,
``article:published_time``, ``<time datetime>``, JSON-LD ``NewsArticle``, schema.org
microdata, Dublin Core tags, ``<meta name="author">`` or a byline element.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from html import escape

from rassegna.demo.model import DemoArticle, DemoOutlet

__all__ = ["TEMPLATES", "Template"]

MONTHS = (
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
)
WEEKDAYS = ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica")


def _e(text: str) -> str:
    return escape(text, quote=True)


def _month(dt: datetime) -> str:
    return MONTHS[dt.month - 1]


def date_capitalized(dt: datetime) -> str:
    """``27 Ottobre 2023``"""
    return f"{dt.day} {_month(dt).capitalize()} {dt.year}"


def date_dots(dt: datetime) -> str:
    """``16.11.2023 - 15:08``"""
    return f"{dt:%d.%m.%Y - %H:%M}"


def date_upper(dt: datetime) -> str:
    """``21 NOVEMBRE 2023 - 13:02``"""
    return f"{dt.day} {_month(dt).upper()} {dt.year} - {dt:%H:%M}"


def date_weekday(dt: datetime) -> str:
    """``martedì 21 novembre 2023``"""
    return f"{WEEKDAYS[dt.weekday()]} {dt.day} {_month(dt)} {dt.year}"


def date_slash(dt: datetime) -> str:
    """``21/11/2023 ore 13:02``"""
    return f"{dt:%d/%m/%Y} ore {dt:%H:%M}"


def date_short(dt: datetime) -> str:
    """``18 ott 2023, 16:40``"""
    return f"{dt.day} {_month(dt)[:3]} {dt.year}, {dt:%H:%M}"


def _iso(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def _feed_link(outlet: DemoOutlet) -> str:
    kind = "application/atom+xml" if outlet.feed_kind == "atom" else "application/rss+xml"
    return (
        f'<link rel="alternate" type="{kind}" title="{_e(outlet.testata)}" '
        f'href="{_e(outlet.feed_url)}">'
    )


def _json_ld(data: dict[str, object]) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def _paragraphs(article: DemoArticle, indent: str = "") -> str:
    return "\n".join(f"{indent}<p>{_e(p)}</p>" for p in article.paragraphs)


def _summary(article: DemoArticle, limit: int = 180) -> str:
    """The subtitle, or the start of the first paragraph cut at a word boundary."""
    if article.subtitle:
        return article.subtitle
    text = article.paragraphs[0]
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def _description(article: DemoArticle) -> str:
    return _summary(article, 150)


class Template:
    """Base class: subclasses fill in the chrome and the article markup."""

    name = ""

    def document(self, outlet: DemoOutlet, title: str, head: str, body: str) -> str:
        return (
            "<!DOCTYPE html>\n"
            '<html lang="it">\n'
            "<head>\n"
            '<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(title)}</title>\n"
            f"{_feed_link(outlet)}\n"
            f"{head}"
            "</head>\n"
            f"{body}"
            "</html>\n"
        )

    def article(
        self,
        outlet: DemoOutlet,
        article: DemoArticle,
        related: Sequence[DemoArticle],
        latest: Sequence[DemoArticle],
    ) -> str:
        raise NotImplementedError

    def listing(
        self, outlet: DemoOutlet, heading: str | None, articles: Sequence[DemoArticle]
    ) -> str:
        raise NotImplementedError

    def plain(self, outlet: DemoOutlet, title: str, paragraphs: Sequence[str]) -> str:
        raise NotImplementedError


# ------------------------------------------------------------------ Agenzia Penisola


class AgencyTemplate(Template):
    """A news agency: terse layout, dateline with dots, JSON-LD, no OpenGraph."""

    name = "agency"

    def _top(self, outlet: DemoOutlet) -> str:
        items = "\n".join(
            f'    <li><a href="/{key}/">{_e(label.upper())}</a></li>'
            for key, label in outlet.sections
        )
        return (
            '<div id="ap-top">\n'
            '  <div class="ap-brand"><a href="/">AGENZIA PENISOLA</a>'
            '<span class="ap-claim">Notizie dall\'Italia, minuto per minuto</span></div>\n'
            '  <ul class="ap-menu">\n'
            '    <li><a href="/">HOME</a></li>\n'
            f"{items}\n"
            "  </ul>\n"
            "</div>\n"
        )

    def _bottom(self, outlet: DemoOutlet) -> str:
        return (
            '<div id="ap-footer">\n'
            "  <p>© 2023 Agenzia Penisola – Testata registrata presso il Tribunale di Roma. "
            "Tutti i diritti riservati. È vietata la riproduzione anche parziale dei "
            "contenuti senza autorizzazione.</p>\n"
            '  <p><a href="/riservato/">Area abbonati</a> · <a href="/feed.xml">RSS</a> · '
            '<a href="mailto:redazione@agenziapenisola.test">Contatti</a></p>\n'
            "</div>\n"
        )

    def article(
        self,
        outlet: DemoOutlet,
        article: DemoArticle,
        related: Sequence[DemoArticle],
        latest: Sequence[DemoArticle],
    ) -> str:
        ld: dict[str, object] = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "datePublished": _iso(article.published),
            "dateModified": _iso(article.modified or article.published),
            "mainEntityOfPage": article.url,
            "articleSection": outlet.section_label(article.section),
            "inLanguage": "it-IT",
            "publisher": {
                "@type": "NewsMediaOrganization",
                "name": outlet.testata,
                "url": outlet.home_url,
            },
        }
        if article.author == "Redazione":
            ld["author"] = {"@type": "Organization", "name": "Redazione"}
        elif article.author:
            ld["author"] = {"@type": "Person", "name": article.author}
        head = (
            f'<link rel="canonical" href="{_e(article.url)}">\n'
            f'<meta name="description" content="{_e(_description(article))}">\n'
            f"{_json_ld(ld)}\n"
        )
        firma = f'  <p class="ap-firma">{_e(article.author)}</p>\n' if article.author else ""
        latest_items = "\n".join(
            f'      <li><a href="{_e(a.path)}">{_e(a.title)}</a></li>' for a in latest
        )
        related_items = "\n".join(
            f'      <li><a href="{_e(a.path)}">{_e(a.title)}</a></li>' for a in related
        )
        body = (
            '<body class="ap-site">\n'
            f"{self._top(outlet)}"
            '<div class="ap-wrap">\n'
            '<div class="ap-col-main">\n'
            f'  <div class="ap-kicker">{_e(outlet.section_label(article.section).upper())}</div>\n'
            f'  <h1 class="ap-title">{_e(article.title)}</h1>\n'
            f'  <div class="ap-meta">(AP) Roma, {_e(date_dots(article.published))}</div>\n'
            '  <div class="ap-text" id="article-body">\n'
            f"{_paragraphs(article, '    ')}\n"
            "  </div>\n"
            f"{firma}"
            '  <div class="ap-tags">Tag: '
            f'<a href="/{article.section}/">{_e(outlet.section_label(article.section))}</a>'
            "</div>\n"
            '  <div class="ap-related">\n'
            "    <h3>Altri lanci</h3>\n"
            f"    <ul>\n{related_items}\n    </ul>\n"
            "  </div>\n"
            "</div>\n"
            '<div class="ap-sidebar">\n'
            "  <h3>Ultim'ora</h3>\n"
            f"  <ul>\n{latest_items}\n  </ul>\n"
            "</div>\n"
            "</div>\n"
            f"{self._bottom(outlet)}"
            "</body>\n"
        )
        return self.document(outlet, f"{article.title} | {outlet.testata}", head, body)

    def listing(
        self, outlet: DemoOutlet, heading: str | None, articles: Sequence[DemoArticle]
    ) -> str:
        items = "\n".join(
            f'  <div class="ap-lancio"><span class="ap-ora">{_e(date_dots(a.published))}</span> '
            f'<a href="{_e(a.path)}">{_e(a.title)}</a></div>'
            for a in articles
        )
        title = f"{heading} | {outlet.testata}" if heading else f"{outlet.testata} – Ultime notizie"
        body = (
            '<body class="ap-site ap-home">\n'
            f"{self._top(outlet)}"
            '<div class="ap-wrap">\n'
            f'  <h1 class="ap-section">{_e(heading or "Ultime notizie")}</h1>\n'
            f"{items}\n"
            "</div>\n"
            f"{self._bottom(outlet)}"
            "</body>\n"
        )
        return self.document(outlet, title, "", body)

    def plain(self, outlet: DemoOutlet, title: str, paragraphs: Sequence[str]) -> str:
        text = "\n".join(f"  <p>{_e(p)}</p>" for p in paragraphs)
        body = (
            f'<body class="ap-site">\n{self._top(outlet)}<div class="ap-wrap">\n'
            f"  <h1>{_e(title)}</h1>\n{text}\n</div>\n{self._bottom(outlet)}</body>\n"
        )
        return self.document(outlet, f"{title} | {outlet.testata}", "", body)


# ------------------------------------------------------------------- Cronaca Pontina


class PontinaTemplate(Template):
    """A WordPress-style local daily: OpenGraph, cookie notice, comments, "Leggi anche"."""

    name = "pontina"

    def _header(self, outlet: DemoOutlet) -> str:
        items = "\n".join(
            f'      <li class="menu-item"><a href="/{key}/">{_e(label)}</a></li>'
            for key, label in outlet.sections
        )
        return (
            '<div id="cookie-notice" class="cn-bottom" role="dialog">\n'
            '  <div class="cookie-notice-container"><span id="cn-notice-text">Questo sito '
            "utilizza cookie tecnici e, previo tuo consenso, cookie di profilazione di terze "
            "parti. Chiudendo questo banner acconsenti all'uso dei cookie.</span>\n"
            '  <a href="#" id="cn-accept-cookie" class="cn-button">Accetto</a> '
            '<a href="/privacy/" class="cn-more-info">Informativa</a></div>\n'
            "</div>\n"
            '<header id="masthead" class="site-header">\n'
            '  <div class="site-branding">\n'
            '    <p class="site-title"><a href="/" rel="home">Cronaca Pontina</a></p>\n'
            '    <p class="site-description">Il quotidiano online di Latina e provincia</p>\n'
            "  </div>\n"
            '  <nav id="site-navigation" class="main-navigation">\n'
            '    <ul id="primary-menu" class="menu">\n'
            '      <li class="menu-item"><a href="/">Home</a></li>\n'
            f"{items}\n"
            "    </ul>\n"
            "  </nav>\n"
            "</header>\n"
        )

    def _footer(self, outlet: DemoOutlet) -> str:
        return (
            '<footer id="colophon" class="site-footer">\n'
            '  <div class="site-info">Cronaca Pontina – Quotidiano online registrato presso il '
            "Tribunale di Latina. Direttore responsabile: Ettore Baldassini. "
            '<a href="/privacy/">Privacy</a> | <a href="/redazione/">Redazione</a></div>\n'
            "</footer>\n"
        )

    def _widget(self, latest: Sequence[DemoArticle]) -> str:
        items = "\n".join(
            f'      <li><a href="{_e(a.path)}">{_e(a.title)}</a></li>' for a in latest
        )
        return (
            '<aside id="secondary" class="widget-area">\n'
            '  <section class="widget widget_recent_entries">\n'
            '    <h2 class="widget-title">Ultimi articoli</h2>\n'
            f"    <ul>\n{items}\n    </ul>\n"
            "  </section>\n"
            "</aside>\n"
        )

    def article(
        self,
        outlet: DemoOutlet,
        article: DemoArticle,
        related: Sequence[DemoArticle],
        latest: Sequence[DemoArticle],
    ) -> str:
        head = (
            f'<link rel="canonical" href="{_e(article.url)}">\n'
            '<meta property="og:locale" content="it_IT">\n'
            '<meta property="og:type" content="article">\n'
            f'<meta property="og:title" content="{_e(article.title)}">\n'
            f'<meta property="og:description" content="{_e(_description(article))}">\n'
            f'<meta property="og:url" content="{_e(article.url)}">\n'
            f'<meta property="og:site_name" content="{_e(outlet.testata)}">\n'
            f'<meta property="article:section" '
            f'content="{_e(outlet.section_label(article.section))}">\n'
            f'<meta property="article:published_time" content="{_iso(article.published)}">\n'
            f'<meta property="article:modified_time" '
            f'content="{_iso(article.modified or article.published)}">\n'
        )
        byline = ""
        if article.author:
            slug = article.author.lower().replace(" ", "-")
            byline = (
                ' <span class="byline"> di <span class="author vcard">'
                f'<a class="url fn n" rel="author" href="/autore/{_e(slug)}/">'
                f"{_e(article.author)}</a></span></span>"
            )
        subtitle = (
            f'      <p class="entry-subtitle">{_e(article.subtitle)}</p>\n'
            if article.subtitle
            else ""
        )
        related_items = "\n".join(
            f'        <li><a href="{_e(a.path)}">{_e(a.title)}</a></li>' for a in related
        )
        body = (
            '<body class="post-template-default single single-post">\n'
            f"{self._header(outlet)}"
            '<div id="content" class="site-content">\n'
            '<div id="primary" class="content-area">\n'
            '<main id="main" class="site-main">\n'
            f'  <article id="post-{article.published:%m%d%H%M}" class="post type-post '
            'status-publish format-standard">\n'
            '    <header class="entry-header">\n'
            f'      <span class="cat-links"><a href="/{article.section}/" rel="category tag">'
            f"{_e(outlet.section_label(article.section))}</a></span>\n"
            f'      <h1 class="entry-title">{_e(article.title)}</h1>\n'
            f"{subtitle}"
            '      <div class="entry-meta"><span class="posted-on">'
            f"{_e(date_capitalized(article.published))}</span>{byline}</div>\n"
            "    </header>\n"
            '    <div class="entry-content">\n'
            f"{_paragraphs(article, '      ')}\n"
            "    </div>\n"
            '    <div class="sharedaddy sd-sharing-enabled">\n'
            '      <h3 class="sd-title">Condividi:</h3>\n'
            '      <ul><li><a class="share-facebook" href="#">Facebook</a></li>'
            '<li><a class="share-twitter" href="#">X</a></li>'
            '<li><a class="share-jetpack-whatsapp" href="#">WhatsApp</a></li></ul>\n'
            "    </div>\n"
            '    <aside class="leggi-anche">\n'
            "      <h3>Leggi anche</h3>\n"
            f"      <ul>\n{related_items}\n      </ul>\n"
            "    </aside>\n"
            "  </article>\n"
            '  <div id="comments" class="comments-area">\n'
            '    <h2 class="comments-title">Commenti</h2>\n'
            '    <p class="no-comments">Non ci sono commenti, vuoi farlo tu?</p>\n'
            '    <div id="respond" class="comment-respond">\n'
            '      <h3 id="reply-title" class="comment-reply-title">Lascia un commento</h3>\n'
            '      <form action="/wp-comments-post.php" method="post" id="commentform">'
            '<p class="comment-notes">Il tuo indirizzo email non sarà pubblicato.</p>'
            '<textarea name="comment"></textarea>'
            '<input type="submit" value="Invia commento"></form>\n'
            "    </div>\n"
            "  </div>\n"
            "</main>\n"
            "</div>\n"
            f"{self._widget(latest)}"
            "</div>\n"
            f"{self._footer(outlet)}"
            "</body>\n"
        )
        return self.document(outlet, f"{article.title} - {outlet.testata}", head, body)

    def listing(
        self, outlet: DemoOutlet, heading: str | None, articles: Sequence[DemoArticle]
    ) -> str:
        items = "\n".join(
            '  <article class="post type-post">\n'
            f'    <h2 class="entry-title"><a href="{_e(a.path)}" rel="bookmark">'
            f"{_e(a.title)}</a></h2>\n"
            f'    <div class="entry-meta">{_e(date_capitalized(a.published))}</div>\n'
            f'    <div class="entry-summary"><p>{_e(_summary(a))}</p></div>\n'
            "  </article>"
            for a in articles
        )
        title = f"{heading} Archivi - {outlet.testata}" if heading else outlet.testata
        head = (
            f'<meta property="og:site_name" content="{_e(outlet.testata)}">\n'
            '<meta property="og:type" content="website">\n'
        )
        heading_html = (
            f'  <header class="page-header"><h1 class="page-title">{_e(heading)}</h1></header>\n'
            if heading
            else ""
        )
        body = (
            '<body class="home blog">\n'
            f"{self._header(outlet)}"
            '<div id="content" class="site-content">\n'
            '<main id="main" class="site-main">\n'
            f"{heading_html}{items}\n"
            "</main>\n"
            "</div>\n"
            f"{self._footer(outlet)}"
            "</body>\n"
        )
        return self.document(outlet, title, head, body)

    def plain(self, outlet: DemoOutlet, title: str, paragraphs: Sequence[str]) -> str:
        text = "\n".join(f"  <p>{_e(p)}</p>" for p in paragraphs)
        body = (
            f'<body class="page">\n{self._header(outlet)}<main id="main" class="site-main">\n'
            f'  <h1 class="entry-title">{_e(title)}</h1>\n{text}\n</main>\n'
            f"{self._footer(outlet)}</body>\n"
        )
        return self.document(outlet, f"{title} - {outlet.testata}", "", body)


# ------------------------------------------------------------ Corriere del Trasimeno


class TrasimenoTemplate(Template):
    """A regional daily: <meta name="author">, <time datetime>, share bar, correlati."""

    name = "trasimeno"

    def _header(self, outlet: DemoOutlet) -> str:
        links = "\n".join(
            f'    <a class="ct-nav__link" href="/{key}/">{_e(label)}</a>'
            for key, label in outlet.sections
        )
        return (
            '<div class="ct-topbar"><a href="/abbonamenti/">Abbonati</a> | '
            '<a href="/edicola/">Sfoglia il giornale</a> | <a href="/necrologie/">'
            "Necrologie</a></div>\n"
            '<header class="ct-header">\n'
            '  <a class="ct-logo" href="/">Corriere del Trasimeno</a>\n'
            '  <span class="ct-payoff">Perugia, il Lago, l\'Umbria</span>\n'
            "</header>\n"
            '<nav class="ct-nav">\n'
            f"{links}\n"
            "</nav>\n"
        )

    def _footer(self, outlet: DemoOutlet) -> str:
        return (
            '<footer class="ct-footer">\n'
            "  <p>Corriere del Trasimeno – Editoriale del Lago s.r.l. – Aut. Trib. di Perugia. "
            "Pubblicità: pubblicita@corrieretrasimeno.test</p>\n"
            '  <p><a href="/riservato/">Area riservata</a> · <a href="/cookie/">'
            "Cookie policy</a></p>\n"
            "</footer>\n"
        )

    def article(
        self,
        outlet: DemoOutlet,
        article: DemoArticle,
        related: Sequence[DemoArticle],
        latest: Sequence[DemoArticle],
    ) -> str:
        head = (
            f'<link rel="canonical" href="{_e(article.url)}">\n'
            f'<meta name="description" content="{_e(_description(article))}">\n'
            + (f'<meta name="author" content="{_e(article.author)}">\n' if article.author else "")
            + f'<meta property="og:site_name" content="{_e(outlet.testata)}">\n'
            f'<meta property="og:title" content="{_e(article.title)}">\n'
            f'<meta property="og:url" content="{_e(article.url)}">\n'
            '<meta property="og:type" content="article">\n'
            '<meta name="twitter:card" content="summary_large_image">\n'
        )
        firma = f'<span class="ct-firma">di {_e(article.author)}</span> ' if article.author else ""
        sommario = (
            f'    <h2 class="ct-sommario">{_e(article.subtitle)}</h2>\n' if article.subtitle else ""
        )
        related_items = "\n".join(
            f'      <li><a href="{_e(a.path)}">{_e(a.title)}</a></li>' for a in related
        )
        latest_items = "\n".join(
            f'      <li><a href="{_e(a.path)}">{_e(a.title)}</a></li>' for a in latest
        )
        body = (
            "<body>\n"
            f"{self._header(outlet)}"
            '<main class="main-content">\n'
            '<div class="ct-grid">\n'
            '  <header class="ct-article-head">\n'
            f'    <p class="occhiello">{_e(outlet.section_label(article.section))}</p>\n'
            f"    <h1>{_e(article.title)}</h1>\n"
            f"{sommario}"
            f'    <div class="ct-info">{firma}<time datetime="{_iso(article.published)}">'
            f"{_e(date_upper(article.published))}</time></div>\n"
            "  </header>\n"
            '  <article class="ct-article">\n'
            '    <div class="social-share"><a href="#">Facebook</a> <a href="#">X</a> '
            '<a href="#">WhatsApp</a> <a href="#">Email</a></div>\n'
            '    <div class="article-body">\n'
            f"{_paragraphs(article, '      ')}\n"
            "    </div>\n"
            '    <section class="related-articles">\n'
            "      <h3>Articoli correlati</h3>\n"
            f"      <ul>\n{related_items}\n      </ul>\n"
            "    </section>\n"
            "  </article>\n"
            '  <aside class="ct-col-dx">\n'
            '    <div class="ct-box"><h3>Più letti</h3>\n'
            f"      <ol>\n{latest_items}\n      </ol>\n"
            "    </div>\n"
            "  </aside>\n"
            "</div>\n"
            "</main>\n"
            f"{self._footer(outlet)}"
            "</body>\n"
        )
        return self.document(outlet, f"{article.title} | {outlet.testata}", head, body)

    def listing(
        self, outlet: DemoOutlet, heading: str | None, articles: Sequence[DemoArticle]
    ) -> str:
        items = "\n".join(
            '  <div class="ct-lancio">\n'
            f'    <p class="occhiello">{_e(outlet.section_label(a.section))}</p>\n'
            f'    <h2><a href="{_e(a.path)}">{_e(a.title)}</a></h2>\n'
            f'    <time datetime="{_iso(a.published)}">{_e(date_upper(a.published))}</time>\n'
            "  </div>"
            for a in articles
        )
        title = f"{heading} | {outlet.testata}" if heading else outlet.testata
        head = f'<meta property="og:site_name" content="{_e(outlet.testata)}">\n'
        h1 = f"  <h1>{_e(heading)}</h1>\n" if heading else ""
        body = (
            "<body>\n"
            f"{self._header(outlet)}"
            '<main class="main-content">\n'
            f"{h1}{items}\n"
            "</main>\n"
            f"{self._footer(outlet)}"
            "</body>\n"
        )
        return self.document(outlet, title, head, body)

    def plain(self, outlet: DemoOutlet, title: str, paragraphs: Sequence[str]) -> str:
        text = "\n".join(f"  <p>{_e(p)}</p>" for p in paragraphs)
        body = (
            f'<body>\n{self._header(outlet)}<main class="main-content">\n'
            f"  <h1>{_e(title)}</h1>\n{text}\n</main>\n{self._footer(outlet)}</body>\n"
        )
        return self.document(outlet, f"{title} | {outlet.testata}", "", body)


# ------------------------------------------------------------------ Il Faro Giuliano


class FaroTemplate(Template):
    """A city daily: JSON-LD plus OpenGraph, weekday date, "Leggi anche", comments."""

    name = "faro"

    def _header(self, outlet: DemoOutlet) -> str:
        links = "\n".join(
            f'      <li><a href="/{key}/">{_e(label)}</a></li>' for key, label in outlet.sections
        )
        return (
            '<div class="fg-wrapper">\n'
            '  <div class="fg-logo"><a href="/"><span>Il</span> Faro Giuliano</a></div>\n'
            '  <div class="fg-menu">\n'
            "    <ul>\n"
            '      <li><a href="/">Prima pagina</a></li>\n'
            f"{links}\n"
            "    </ul>\n"
            "  </div>\n"
            "</div>\n"
        )

    def _footer(self) -> str:
        return (
            '<div id="fg-footer">\n'
            "  <p>Il Faro Giuliano – quotidiano online di Trieste. Redazione: riva dei Pescatori "
            "(indirizzo di fantasia), Trieste. Tel. 040 0000000</p>\n"
            "</div>\n"
        )

    def article(
        self,
        outlet: DemoOutlet,
        article: DemoArticle,
        related: Sequence[DemoArticle],
        latest: Sequence[DemoArticle],
    ) -> str:
        ld: dict[str, object] = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "description": _description(article),
            "datePublished": _iso(article.published),
            "dateModified": _iso(article.modified or article.published),
            "url": article.url,
            "publisher": {"@type": "Organization", "name": outlet.testata},
        }
        if article.author and article.author != "Redazione":
            ld["author"] = [{"@type": "Person", "name": article.author}]
        head = (
            f'<link rel="canonical" href="{_e(article.url)}">\n'
            f'<meta property="og:site_name" content="{_e(outlet.testata)}">\n'
            f'<meta property="og:title" content="{_e(article.title)}">\n'
            f'<meta property="og:url" content="{_e(article.url)}">\n'
            f"{_json_ld(ld)}\n"
        )
        if article.author == "Redazione":
            byline = '    <p class="byline">Redazione</p>\n'
        elif article.author:
            byline = f'    <p class="byline">di <strong>{_e(article.author)}</strong></p>\n'
        else:
            byline = ""
        subtitle = (
            f'    <p class="fg-catenaccio">{_e(article.subtitle)}</p>\n' if article.subtitle else ""
        )
        related_items = "\n".join(
            f'      <li><a href="{_e(a.path)}">{_e(a.title)}</a></li>' for a in related
        )
        body = (
            "<body>\n"
            f"{self._header(outlet)}"
            '<div class="fg-page">\n'
            '  <div class="fg-head">\n'
            f'    <a class="fg-section" href="/{article.section}/">'
            f"{_e(outlet.section_label(article.section))}</a>\n"
            f'    <h1 class="fg-title">{_e(article.title)}</h1>\n'
            f"{subtitle}"
            f'    <p class="fg-date">{_e(date_weekday(article.published))}</p>\n'
            f"{byline}"
            "  </div>\n"
            '  <div class="story-content">\n'
            f"{_paragraphs(article, '    ')}\n"
            "  </div>\n"
            '  <aside class="read-also">\n'
            "    <h4>Leggi anche</h4>\n"
            f"    <ul>\n{related_items}\n    </ul>\n"
            "  </aside>\n"
            '  <section class="comments-section" id="comments">\n'
            "    <h3>Commenti (0)</h3>\n"
            "    <p>Nessun commento ancora. Accedi per scrivere il primo!</p>\n"
            "  </section>\n"
            "</div>\n"
            f"{self._footer()}"
            "</body>\n"
        )
        return self.document(outlet, f"{article.title} - {outlet.testata}", head, body)

    def listing(
        self, outlet: DemoOutlet, heading: str | None, articles: Sequence[DemoArticle]
    ) -> str:
        items = "\n".join(
            f'  <div class="fg-card"><a href="{_e(a.path)}"><h3>{_e(a.title)}</h3></a>'
            f'<p class="fg-date">{_e(date_weekday(a.published))}</p></div>'
            for a in articles
        )
        title = f"{heading} - {outlet.testata}" if heading else f"{outlet.testata} - Trieste"
        head = f'<meta property="og:site_name" content="{_e(outlet.testata)}">\n'
        h2 = f'  <h2 class="fg-section-title">{_e(heading)}</h2>\n' if heading else ""
        body = (
            "<body>\n"
            f"{self._header(outlet)}"
            f'<div class="fg-page fg-home">\n{h2}{items}\n</div>\n'
            f"{self._footer()}"
            "</body>\n"
        )
        return self.document(outlet, title, head, body)

    def plain(self, outlet: DemoOutlet, title: str, paragraphs: Sequence[str]) -> str:
        text = "\n".join(f"  <p>{_e(p)}</p>" for p in paragraphs)
        body = (
            f'<body>\n{self._header(outlet)}<div class="fg-page">\n'
            f"  <h1>{_e(title)}</h1>\n{text}\n</div>\n{self._footer()}</body>\n"
        )
        return self.document(outlet, f"{title} - {outlet.testata}", "", body)


# ------------------------------------------------------------------- Settimana Umbra


class WeeklyTemplate(Template):
    """A weekly: OpenGraph, author-name span, issue number, newsletter box, Atom feed."""

    name = "weekly"

    def _issue(self, dt: datetime) -> int:
        return dt.isocalendar().week

    def _header(self, outlet: DemoOutlet) -> str:
        links = " ".join(f'<a href="/{key}/">{_e(label)}</a>' for key, label in outlet.sections)
        return (
            '<header class="su-masthead">\n'
            '  <div class="su-logo"><a href="/">Settimana <em>Umbra</em></a></div>\n'
            '  <p class="su-edicola">In edicola ogni venerdì</p>\n'
            "</header>\n"
            f'<div class="su-navbar" role="navigation">{links}</div>\n'
        )

    def _footer(self) -> str:
        return (
            "<footer>\n"
            "  <p>Settimana Umbra – periodico settimanale d'informazione regionale. "
            "Abbonamenti e arretrati: abbonamenti@settimanaumbra.test</p>\n"
            "</footer>\n"
        )

    def article(
        self,
        outlet: DemoOutlet,
        article: DemoArticle,
        related: Sequence[DemoArticle],
        latest: Sequence[DemoArticle],
    ) -> str:
        head = (
            f'<link rel="canonical" href="{_e(article.url)}">\n'
            f'<meta property="og:site_name" content="{_e(outlet.testata)}">\n'
            f'<meta property="og:title" content="{_e(article.title)}">\n'
            f'<meta property="og:description" content="{_e(_description(article))}">\n'
            '<meta property="og:type" content="article">\n'
            f'<meta property="article:published_time" content="{_iso(article.published)}">\n'
        )
        author = (
            f'    <div class="su-firma">Testo di <span class="author-name">'
            f"{_e(article.author)}</span></div>\n"
            if article.author
            else ""
        )
        subtitle = (
            f'    <p class="su-sommario">{_e(article.subtitle)}</p>\n' if article.subtitle else ""
        )
        related_items = "\n".join(
            f'      <li><a href="{_e(a.path)}">{_e(a.title)}</a></li>' for a in related
        )
        body = (
            '<body class="su-articolo">\n'
            f"{self._header(outlet)}"
            '<div class="su-container">\n'
            '  <div class="su-main">\n'
            f'    <div class="su-rubrica">{_e(outlet.section_label(article.section))}</div>\n'
            f"    <h1>{_e(article.title)}</h1>\n"
            f"{subtitle}"
            f"{author}"
            f'    <div class="su-pubblicazione">Pubblicato il '
            f"{article.published.day} {_month(article.published)} {article.published.year} · "
            f"Numero {self._issue(article.published)}</div>\n"
            '    <div class="testo" itemprop="articleBody">\n'
            f"{_paragraphs(article, '      ')}\n"
            "    </div>\n"
            '    <div class="newsletter-box"><strong>La newsletter del venerdì</strong> '
            "Ricevi ogni settimana il meglio di Settimana Umbra. "
            '<a href="/newsletter/">Iscriviti</a></div>\n'
            "  </div>\n"
            "  <aside>\n"
            "    <h4>Articoli correlati</h4>\n"
            f"    <ul>\n{related_items}\n    </ul>\n"
            "  </aside>\n"
            "</div>\n"
            f"{self._footer()}"
            "</body>\n"
        )
        return self.document(outlet, f"{article.title} – {outlet.testata}", head, body)

    def listing(
        self, outlet: DemoOutlet, heading: str | None, articles: Sequence[DemoArticle]
    ) -> str:
        items = "\n".join(
            f'  <li><a href="{_e(a.path)}">{_e(a.title)}</a> '
            f'<span class="su-data">{a.published.day} {_month(a.published)} '
            f"{a.published.year}</span></li>"
            for a in articles
        )
        title = f"{heading} – {outlet.testata}" if heading else outlet.testata
        head = f'<meta property="og:site_name" content="{_e(outlet.testata)}">\n'
        body = (
            '<body class="su-home">\n'
            f"{self._header(outlet)}"
            '<div class="su-container">\n'
            f"  <h2>{_e(heading or 'Questa settimana')}</h2>\n"
            f'  <ul class="su-sommario-numero">\n{items}\n  </ul>\n'
            "</div>\n"
            f"{self._footer()}"
            "</body>\n"
        )
        return self.document(outlet, title, head, body)

    def plain(self, outlet: DemoOutlet, title: str, paragraphs: Sequence[str]) -> str:
        text = "\n".join(f"  <p>{_e(p)}</p>" for p in paragraphs)
        body = (
            f'<body>\n{self._header(outlet)}<div class="su-container">\n'
            f"  <h1>{_e(title)}</h1>\n{text}\n</div>\n{self._footer()}</body>\n"
        )
        return self.document(outlet, f"{title} – {outlet.testata}", "", body)


# ------------------------------------------------------------------- Città Inclusive


class MagazineTemplate(Template):
    """A social-policy magazine: Dublin Core tags, rel=author, cookie banner, comments."""

    name = "magazine"

    def _header(self, outlet: DemoOutlet) -> str:
        links = "\n".join(
            f'    <li><a href="/{key}/">{_e(label)}</a></li>' for key, label in outlet.sections
        )
        return (
            '<div class="cookie-banner" role="dialog" aria-label="Cookie">\n'
            "  <p>Usiamo i cookie per migliorare la tua esperienza di lettura. Puoi accettarli "
            "tutti o scegliere quali autorizzare.</p>\n"
            '  <button type="button">Accetta tutti</button> '
            '<button type="button">Personalizza</button>\n'
            "</div>\n"
            '<div class="ci-header">\n'
            '  <a class="ci-brand" href="/">Città Inclusive</a>\n'
            '  <span class="ci-tagline">Rivista di politiche sociali e welfare locale</span>\n'
            "</div>\n"
            '<nav class="ci-main-nav">\n'
            "  <ul>\n"
            f"{links}\n"
            '    <li><a href="/abbonati/">Abbonati</a></li>\n'
            "  </ul>\n"
            "</nav>\n"
        )

    def _footer(self) -> str:
        return (
            '<div class="ci-footer">\n'
            "  <p>Città Inclusive è una rivista indipendente. Registrazione in corso. "
            'ISSN in attesa di assegnazione. <a href="/riservato/">Area soci</a></p>\n'
            "</div>\n"
        )

    def article(
        self,
        outlet: DemoOutlet,
        article: DemoArticle,
        related: Sequence[DemoArticle],
        latest: Sequence[DemoArticle],
    ) -> str:
        head = (
            f'<link rel="canonical" href="{_e(article.url)}">\n'
            f'<meta name="dc.title" content="{_e(article.title)}">\n'
            f'<meta name="dc.publisher" content="{_e(outlet.testata)}">\n'
            f'<meta name="dc.date" content="{article.date}">\n'
            '<meta name="dc.language" content="it">\n'
            f'<meta name="description" content="{_e(_description(article))}">\n'
        )
        byline = ""
        if article.author:
            slug = article.author.lower().replace(" ", "-")
            byline = (
                f'    <p class="ci-firma">di <a rel="author" href="/autori/{_e(slug)}/">'
                f"{_e(article.author)}</a></p>\n"
            )
        subtitle = (
            f'    <p class="ci-lead">{_e(article.subtitle)}</p>\n' if article.subtitle else ""
        )
        related_items = "\n".join(
            f'      <li><a href="{_e(a.path)}">{_e(a.title)}</a></li>' for a in related
        )
        body = (
            "<body>\n"
            f"{self._header(outlet)}"
            '<div class="ci-layout">\n'
            "  <article>\n"
            f'    <p class="ci-rubrica">{_e(outlet.section_label(article.section))}</p>\n'
            f"    <h1>{_e(article.title)}</h1>\n"
            f"{subtitle}"
            f"{byline}"
            f'    <p class="ci-data"><time datetime="{article.date}">'
            f"{article.published.day} {_month(article.published)} {article.published.year}"
            "</time></p>\n"
            '    <div class="post-content">\n'
            f"{_paragraphs(article, '      ')}\n"
            "    </div>\n"
            '    <section class="comments-block" id="comment-area">\n'
            "      <h3>Commenti</h3>\n"
            "      <p>Non ci sono commenti, vuoi farlo tu?</p>\n"
            "    </section>\n"
            "  </article>\n"
            '  <aside class="sidebar">\n'
            "    <h3>Leggi anche</h3>\n"
            f"    <ul>\n{related_items}\n    </ul>\n"
            "  </aside>\n"
            "</div>\n"
            f"{self._footer()}"
            "</body>\n"
        )
        return self.document(outlet, f"{article.title} — {outlet.testata}", head, body)

    def listing(
        self, outlet: DemoOutlet, heading: str | None, articles: Sequence[DemoArticle]
    ) -> str:
        items = "\n".join(
            '  <div class="ci-teaser">\n'
            f'    <p class="ci-rubrica">{_e(outlet.section_label(a.section))}</p>\n'
            f'    <h2><a href="{_e(a.path)}">{_e(a.title)}</a></h2>\n'
            f"    <p>{_e(_summary(a))}</p>\n"
            "  </div>"
            for a in articles
        )
        title = f"{heading} — {outlet.testata}" if heading else outlet.testata
        head = f'<meta name="dc.publisher" content="{_e(outlet.testata)}">\n'
        h1 = f"  <h1>{_e(heading)}</h1>\n" if heading else ""
        body = (
            "<body>\n"
            f"{self._header(outlet)}"
            f'<div class="ci-layout">\n{h1}{items}\n</div>\n'
            f"{self._footer()}"
            "</body>\n"
        )
        return self.document(outlet, title, head, body)

    def plain(self, outlet: DemoOutlet, title: str, paragraphs: Sequence[str]) -> str:
        text = "\n".join(f"  <p>{_e(p)}</p>" for p in paragraphs)
        body = (
            f'<body>\n{self._header(outlet)}<div class="ci-layout">\n'
            f"  <h1>{_e(title)}</h1>\n{text}\n</div>\n{self._footer()}</body>\n"
        )
        return self.document(outlet, f"{title} — {outlet.testata}", "", body)


# ------------------------------------------------------------------- Onda Nordest TV


class TvTemplate(Template):
    """A regional TV news site: video player, OpenGraph video, slash date, author span."""

    name = "tv"

    def _header(self, outlet: DemoOutlet) -> str:
        links = "\n".join(f'  <a href="/{key}/">{_e(label)}</a>' for key, label in outlet.sections)
        return (
            '<div class="on-header">\n'
            '  <a class="on-logo" href="/">ONDA NORDEST <b>TV</b></a>\n'
            '  <a class="on-live" href="/diretta/">● Diretta</a>\n'
            "</div>\n"
            '<div class="on-menu">\n'
            f"{links}\n"
            '  <a href="/palinsesto/">Palinsesto</a>\n'
            "</div>\n"
        )

    def _footer(self) -> str:
        return (
            '<div class="on-footer">\n'
            "  <p>Onda Nordest TV – canale 0 del digitale terrestre (numerazione di fantasia) "
            "– Emittente regionale del Friuli Venezia Giulia.</p>\n"
            "</div>\n"
        )

    def article(
        self,
        outlet: DemoOutlet,
        article: DemoArticle,
        related: Sequence[DemoArticle],
        latest: Sequence[DemoArticle],
    ) -> str:
        head = (
            f'<link rel="canonical" href="{_e(article.url)}">\n'
            '<meta property="og:type" content="video.other">\n'
            f'<meta property="og:site_name" content="{_e(outlet.testata)}">\n'
            f'<meta property="og:title" content="{_e(article.title)}">\n'
            f'<meta property="og:url" content="{_e(article.url)}">\n'
            f'<meta property="og:video" content="{_e(outlet.base_url)}/video/'
            f'{article.published:%m%d%H%M}.mp4">\n'
            f'<meta property="article:published_time" content="{_iso(article.published)}">\n'
        )
        author = f'<span class="author">{_e(article.author)}</span> · ' if article.author else ""
        related_items = "\n".join(
            f'    <div class="on-item"><a href="{_e(a.path)}">{_e(a.title)}</a></div>'
            for a in related
        )
        body = (
            "<body>\n"
            f"{self._header(outlet)}"
            "<article>\n"
            '  <header class="on-head">\n'
            f'    <div class="on-cat">{_e(outlet.section_label(article.section))}</div>\n'
            f"    <h1>{_e(article.title)}</h1>\n"
            f'    <div class="on-info">{author}{_e(date_slash(article.published))}</div>\n'
            "  </header>\n"
            '  <div class="player-wrapper">\n'
            f'    <video controls preload="none" src="/video/{article.published:%m%d%H%M}.mp4">'
            "</video>\n"
            '    <p class="player-caption">Guarda il servizio del TG</p>\n'
            "  </div>\n"
            '  <div class="news-text article-text">\n'
            f"{_paragraphs(article, '    ')}\n"
            "  </div>\n"
            '  <div class="share-buttons"><a href="#">Condividi su Facebook</a> '
            '<a href="#">Condividi su WhatsApp</a></div>\n'
            "</article>\n"
            '<div class="related-news">\n'
            "  <h3>Altre notizie</h3>\n"
            f"{related_items}\n"
            "</div>\n"
            f"{self._footer()}"
            "</body>\n"
        )
        return self.document(outlet, f"{article.title} - {outlet.testata}", head, body)

    def listing(
        self, outlet: DemoOutlet, heading: str | None, articles: Sequence[DemoArticle]
    ) -> str:
        items = "\n".join(
            f'  <div class="on-item"><span>{_e(date_slash(a.published))}</span> '
            f'<a href="{_e(a.path)}">{_e(a.title)}</a></div>'
            for a in articles
        )
        title = f"{heading} - {outlet.testata}" if heading else f"{outlet.testata} - Notizie"
        head = f'<meta property="og:site_name" content="{_e(outlet.testata)}">\n'
        body = (
            "<body>\n"
            f"{self._header(outlet)}"
            f'<div class="on-list">\n  <h2>{_e(heading or "Ultime dal TG")}</h2>\n{items}\n</div>\n'
            f"{self._footer()}"
            "</body>\n"
        )
        return self.document(outlet, title, head, body)

    def plain(self, outlet: DemoOutlet, title: str, paragraphs: Sequence[str]) -> str:
        text = "\n".join(f"  <p>{_e(p)}</p>" for p in paragraphs)
        body = (
            f'<body>\n{self._header(outlet)}<div class="on-list">\n'
            f"  <h1>{_e(title)}</h1>\n{text}\n</div>\n{self._footer()}</body>\n"
        )
        return self.document(outlet, f"{title} - {outlet.testata}", "", body)


# ------------------------------------------------------------------- Notizie in Rete


class PortalTemplate(Template):
    """A busy portal: microdata, <meta name="author">, ticker, cookie consent, sidebar."""

    name = "portal"

    def _header(self, outlet: DemoOutlet, latest: Sequence[DemoArticle]) -> str:
        links = "\n".join(
            f'      <li><a href="/{key}/">{_e(label)}</a></li>' for key, label in outlet.sections
        )
        ticker = " · ".join(f'<a href="{_e(a.path)}">{_e(a.title)}</a>' for a in latest[:2])
        return (
            '<div id="cookie-consent">\n'
            "  <p>Notizie in Rete e i suoi partner usano cookie e tecnologie simili per "
            'personalizzare contenuti e pubblicità. <a href="/privacy/">Scopri di più</a></p>\n'
            '  <button type="button">Accetta</button> <button type="button">Rifiuta</button>\n'
            "</div>\n"
            '<div class="nr-top">\n'
            '  <a class="nr-logo" href="/">notizie<span>in</span>rete</a>\n'
            '  <form class="nr-search" action="/cerca/"><input name="q" '
            'placeholder="Cerca"></form>\n'
            "</div>\n"
            '<div class="nr-mega-menu">\n'
            "    <ul>\n"
            f"{links}\n"
            '      <li><a href="/oroscopo/">Oroscopo</a></li>\n'
            '      <li><a href="/giochi/">Giochi</a></li>\n'
            "    </ul>\n"
            "</div>\n"
            f'<div class="nr-ticker-bar"><strong>In evidenza:</strong> {ticker}</div>\n'
        )

    def _footer(self) -> str:
        return (
            '<div class="nr-footer">\n'
            "  <p>© 2023 Notizie in Rete – Tutti i diritti riservati – "
            '<a href="/chi-siamo/">Chi siamo</a> – <a href="/pubblicita/">Pubblicità</a> – '
            '<a href="/riservato/">Area partner</a></p>\n'
            "</div>\n"
        )

    def article(
        self,
        outlet: DemoOutlet,
        article: DemoArticle,
        related: Sequence[DemoArticle],
        latest: Sequence[DemoArticle],
    ) -> str:
        head = (
            f'<link rel="canonical" href="{_e(article.url)}">\n'
            f'<meta property="og:site_name" content="{_e(outlet.testata)}">\n'
            f'<meta property="og:url" content="{_e(article.url)}">\n'
            '<meta property="og:type" content="article">\n'
            + (f'<meta name="author" content="{_e(article.author)}">\n' if article.author else "")
            + f'<meta name="description" content="{_e(_description(article))}">\n'
        )
        author = f'<span class="nr-autore">{_e(article.author)}</span> | ' if article.author else ""
        subtitle = (
            f'      <h2 class="nr-summary" itemprop="description">{_e(article.subtitle)}</h2>\n'
            if article.subtitle
            else ""
        )
        side_items = "\n".join(
            f'      <li><a href="{_e(a.path)}">{_e(a.title)}</a></li>' for a in related
        )
        body = (
            "<body>\n"
            f"{self._header(outlet, latest)}"
            '<div class="nr-page">\n'
            '  <div class="nr-article" itemscope itemtype="https://schema.org/NewsArticle">\n'
            f'    <meta itemprop="datePublished" content="{_iso(article.published)}">\n'
            f'    <a class="nr-canale" href="/{article.section}/">'
            f"{_e(outlet.section_label(article.section))}</a>\n"
            f'    <h1 itemprop="headline">{_e(article.title)}</h1>\n'
            f"{subtitle}"
            f'    <div class="nr-article-meta">{author}{_e(date_short(article.published))}</div>\n'
            '    <div class="nr-share"><a href="#">f</a> <a href="#">x</a> '
            '<a href="#">in</a></div>\n'
            '    <div class="nr-corpo" itemprop="articleBody">\n'
            f"{_paragraphs(article, '      ')}\n"
            "    </div>\n"
            "  </div>\n"
            '  <div class="nr-sidebar">\n'
            "    <h3>Più letti</h3>\n"
            f"    <ul>\n{side_items}\n    </ul>\n"
            "  </div>\n"
            "</div>\n"
            f"{self._footer()}"
            "</body>\n"
        )
        return self.document(outlet, f"{article.title} | {outlet.testata}", head, body)

    def listing(
        self, outlet: DemoOutlet, heading: str | None, articles: Sequence[DemoArticle]
    ) -> str:
        items = "\n".join(
            '  <div class="nr-card">\n'
            f'    <a class="nr-canale" href="/{a.section}/">'
            f"{_e(outlet.section_label(a.section))}</a>\n"
            f'    <h3><a href="{_e(a.path)}">{_e(a.title)}</a></h3>\n'
            f'    <span class="nr-data">{_e(date_short(a.published))}</span>\n'
            "  </div>"
            for a in articles
        )
        title = f"{heading} | {outlet.testata}" if heading else f"{outlet.testata} – Notizie"
        head = f'<meta property="og:site_name" content="{_e(outlet.testata)}">\n'
        latest = [a for a in articles if not a.about_campaign]
        body = (
            "<body>\n"
            f"{self._header(outlet, latest)}"
            f'<div class="nr-page">\n  <h1>{_e(heading or "Le notizie di oggi")}</h1>\n'
            f"{items}\n</div>\n"
            f"{self._footer()}"
            "</body>\n"
        )
        return self.document(outlet, title, head, body)

    def plain(self, outlet: DemoOutlet, title: str, paragraphs: Sequence[str]) -> str:
        text = "\n".join(f"  <p>{_e(p)}</p>" for p in paragraphs)
        body = (
            f'<body>\n{self._header(outlet, [])}<div class="nr-page">\n'
            f"  <h1>{_e(title)}</h1>\n{text}\n</div>\n{self._footer()}</body>\n"
        )
        return self.document(outlet, f"{title} | {outlet.testata}", "", body)


TEMPLATES: dict[str, Template] = {
    t.name: t
    for t in (
        AgencyTemplate(),
        PontinaTemplate(),
        TrasimenoTemplate(),
        FaroTemplate(),
        WeeklyTemplate(),
        MagazineTemplate(),
        TvTemplate(),
        PortalTemplate(),
    )
}
