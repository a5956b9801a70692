"""Web clippings (plain text, as a press office saves them) rendered back into web pages.

A saved clipping is the page's text: the masthead lines, the ``<URL>``, then the
title, the lines under it (byline, dateline, summary, tags) and the text, in the
markdown-ish form copy-and-paste tools leave (``**bold**``, ``[text](link)``,
``- item``). :func:`parse_clipping` splits it by layout only (it never reads a
date or a name), and :func:`render_clipping` lays it out as a page of one of our
templates, with the chrome a real page carries: menus, a cookie banner, share
buttons, a comment box, related articles and a footer. The templates expose the
outlet's name in the ways outlets do (``og:site_name``, a JSON-LD publisher, the
``<title>`` suffix, or only the logo) and never put a date or an author in
metadata: the extractor has to read them off the page, as it must on most small
Italian outlets.

Used by the extraction evaluation over the labelled corpus and by ``bench/bench_extract.py``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape

__all__ = ["CLIPPING_TEMPLATES", "Clipping", "parse_clipping", "render_clipping"]

_URL = re.compile(r"^<?(https?://\S+?)>?$")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_BYLINE_START = re.compile(r"^(?:by|di|da)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Clipping:
    """A saved web clipping split by layout: masthead, URL, title, header lines, text."""

    masthead: tuple[str, ...]
    url: str
    kicker: tuple[str, ...]
    title: str
    header: tuple[str, ...]
    paragraphs: tuple[str, ...]


def _plain(line: str) -> str:
    return " ".join(_BOLD.sub(r"\1", _LINK.sub(r"\1", line)).split())


def parse_clipping(text: str, fallback_url: str = "") -> Clipping:
    """Split a saved clipping into its parts, by position and line length only.

    The title is the first line after the URL with four words or more (shorter lines
    before it are a section label or a dateline printed above the title); the header
    runs from the title to the first paragraph of text (200 characters or more, with
    more than one sentence: a long summary line is one sentence).

    Args:
        text: the clipping as saved.
        fallback_url: the URL to use when the clipping does not carry one.
    """
    blocks = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    lines = [line for line in blocks if line]
    url_at = next((i for i, line in enumerate(lines[:8]) if _URL.match(line)), -1)
    masthead = tuple(_plain(line) for line in lines[:url_at]) if url_at > 0 else ()
    url = _URL.match(lines[url_at]).group(1) if url_at >= 0 else fallback_url  # type: ignore[union-attr]
    rest = lines[url_at + 1:]
    title_at = next(
        (i for i, line in enumerate(rest) if len(_plain(line).split()) >= 4
         and not _BYLINE_START.match(line)),
        0,
    )
    kicker = tuple(rest[:title_at])
    title = _plain(rest[title_at])
    body = rest[title_at + 1:]
    header_end = next(
        (i for i, line in enumerate(body) if len(line) >= 200 and ". " in line), len(body)
    )
    return Clipping(
        masthead=masthead,
        url=url,
        kicker=kicker,
        title=title,
        header=tuple(body[:header_end]),
        paragraphs=tuple(body[header_end:]),
    )


def _inline(line: str) -> str:
    """Markdown-ish inline markup to HTML: links and bold."""
    out = []
    position = 0
    for match in re.finditer(r"\[([^\]]*)\]\(([^)]*)\)|\*\*(.+?)\*\*", line):
        out.append(escape(line[position:match.start()]))
        if match.group(3) is not None:
            out.append(f"<strong>{escape(match.group(3))}</strong>")
        else:
            out.append(f'<a href="{escape(match.group(2))}">{escape(match.group(1))}</a>')
        position = match.end()
    out.append(escape(line[position:]))
    return "".join(out)


def _lines_html(lines: tuple[str, ...], css: str) -> str:
    items = [line for line in lines if line not in ("-", "–")]
    bullets = [line[2:] for line in items if line.startswith("- ")]
    html = []
    if bullets:
        html.append('<ul class="tags">' + "".join(f"<li>{_inline(b)}</li>" for b in bullets)
                    + "</ul>")
    for line in items:
        if not line.startswith("- "):
            html.append(f'<div class="{css}">{_inline(line)}</div>')
    return "\n".join(html)


_CHROME_TOP = """<div id="cookie-banner"><p>Questo sito utilizza cookie tecnici e di profilazione.
<a href="/privacy">Informativa</a> <button>Accetta tutti i cookie</button></p></div>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/cronaca/">Cronaca</a></li>
<li><a href="/politica/">Politica</a></li><li><a href="/sport/">Sport</a></li>
<li><a href="/cultura/">Cultura</a></li><li><a href="/contatti/">Contatti</a></li></ul></nav>
"""
_SHARE = """<div class="share">Condividi su <a href="#">Facebook</a> <a href="#">X</a>
<a href="#">WhatsApp</a> <a href="#">Email</a></div>
"""
_CHROME_BOTTOM = """<section class="comments"><h3>Commenti</h3>
<p>Non ci sono commenti, vuoi farlo tu?</p><form><textarea></textarea>
<button>Invia</button></form></section>
<aside class="related"><h3>Leggi anche</h3><ul>
<li><a href="/cronaca/1">Maltempo, allerta gialla fino a domenica 3 dicembre 2023</a></li>
<li><a href="/politica/2">Consiglio comunale, approvato il bilancio 12/12/2023</a></li>
<li><a href="/sport/3">Calcio, la squadra vince il derby di sabato 18 novembre</a></li>
</ul></aside>
<footer><p>© 2023 Tutti i diritti riservati – P.IVA 01234567890 – Registrazione Tribunale
n. 12/2008</p><p><a href="/privacy">Privacy</a> · <a href="/cookie">Cookie policy</a></p>
</footer>
"""


def _document(head: str, title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="it">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n{head}</head>\n<body>\n{body}</body>\n</html>\n"
    )


def _masthead_html(clip: Clipping) -> str:
    if not clip.masthead:
        return '<header class="site-header"><a class="logo" href="/"><img src="/logo.png" ' \
               'alt=""></a></header>\n'
    claim = "".join(f'<span class="claim">{escape(m)}</span>' for m in clip.masthead[1:])
    return (
        f'<header class="site-header"><a class="logo" href="/">{escape(clip.masthead[0])}</a>'
        f"{claim}</header>\n"
    )


def _name(clip: Clipping) -> str:
    return clip.masthead[0] if clip.masthead else ""


def _article_body(clip: Clipping, header_css: str) -> str:
    kicker = _lines_html(clip.kicker, "occhiello")
    header = _lines_html(clip.header, header_css)
    paragraphs = "\n".join(
        f"<p>{_inline(p[2:])}</p>" if p.startswith("- ") else f"<p>{_inline(p)}</p>"
        for p in clip.paragraphs
    )
    return (
        f"<article>\n{kicker}\n<h1>{escape(clip.title)}</h1>\n{header}\n{_SHARE}"
        f'<div class="article-body">\n{paragraphs}\n</div>\n</article>\n'
    )


def _wordpress(clip: Clipping) -> str:
    """og:site_name and OpenGraph tags, header lines as ``entry-meta``."""
    name = _name(clip)
    head = (f'<meta property="og:site_name" content="{escape(name)}">\n' if name else "") + (
        f'<meta property="og:title" content="{escape(clip.title)}">\n'
        '<meta property="og:type" content="article">\n'
        f'<link rel="canonical" href="{escape(clip.url)}">\n'
    )
    body = _CHROME_TOP + _masthead_html(clip) + "<main>" + _article_body(clip, "entry-meta")
    return _document(head, clip.title, body + "</main>\n" + _CHROME_BOTTOM)


def _newsroom(clip: Clipping) -> str:
    """A JSON-LD publisher, header lines as ``byline`` paragraphs."""
    name = _name(clip)
    data: dict[str, object] = {"@context": "https://schema.org", "@type": "NewsArticle",
                               "headline": clip.title, "mainEntityOfPage": clip.url}
    if name:
        data["publisher"] = {"@type": "NewsMediaOrganization", "name": name}
    head = f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>\n'
    body = _masthead_html(clip) + _CHROME_TOP + _article_body(clip, "byline")
    return _document(head, clip.title, body + _CHROME_BOTTOM)


def _local(clip: Clipping) -> str:
    """Only the ``<title>`` suffix names the outlet; header lines as plain divs."""
    name = _name(clip)
    title = f"{clip.title} - {name}" if name else clip.title
    body = _masthead_html(clip) + _CHROME_TOP + (
        '<div class="container"><div class="col-main">' + _article_body(clip, "info")
        + "</div></div>\n"
    )
    return _document("", title, body + _CHROME_BOTTOM)


def _bare(clip: Clipping) -> str:
    """No metadata at all: the outlet shows only in its logo, the domain must do."""
    body = _masthead_html(clip) + _CHROME_TOP + _article_body(clip, "meta")
    return _document("", clip.title, body + _CHROME_BOTTOM)


#: the page layouts, by name
CLIPPING_TEMPLATES = {
    "wordpress": _wordpress,
    "newsroom": _newsroom,
    "local": _local,
    "bare": _bare,
}


def render_clipping(clip: Clipping, template: str = "wordpress") -> str:
    """The clipping as a web page in one of :data:`CLIPPING_TEMPLATES`."""
    return CLIPPING_TEMPLATES[template](clip)
