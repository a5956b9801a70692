"""The article's text and headline on pages shaped like real ones: what is kept, what is not.

Fixture sentences are invented; each page shows one pattern real outlets use (a
headline with the site's name in ``<title>``, a box heading after the text, a
"read also" line linking another article).
"""

from __future__ import annotations

import copy

import lxml.etree
import lxml.html
import trafilatura
from hypothesis import given
from hypothesis import strategies as st

from extract import article_from_html
from extract.article import (
    TRAFILATURA_OPTIONS,
    _headline,
    _without_boilerplate,
    _without_pointers,
)

PARAGRAPHS = (
    "Il consiglio comunale di Valdoria ha approvato ieri sera il nuovo piano per le piste "
    "ciclabili, che collegherà la stazione ai tre quartieri della collina entro due anni.",
    "«È un progetto atteso da tempo dalle famiglie e dalle scuole», ha spiegato l'assessora "
    "Marta Lodigiani, ricordando i quattro milioni di euro arrivati dalla Regione.",
    "I lavori partiranno in primavera dal tratto lungo il torrente, il più frequentato, e "
    "proseguiranno in autunno con la ciclabile che porta al polo sportivo di via dei Tigli.",
)


def page(
    title: str = "Valdoria, via libera alle nuove ciclabili | Corriere di Valdoria",
    h1: str = "Valdoria, via libera alle nuove ciclabili",
    after: str = "",
    og_title: str = "",
) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="it"><head><meta charset="utf-8">
<title>{title}</title>
<meta property="og:site_name" content="Corriere di Valdoria">
{f'<meta property="og:title" content="{og_title}">' if og_title else ""}
</head><body>
<nav><a href="/">Home</a> <a href="/cronaca/">Cronaca</a></nav>
<article><h1>{h1}</h1><div class="testo">{body}{after}</div></article>
<footer>Corriere di Valdoria – P.IVA 0123456789</footer>
</body></html>"""


URL = "https://www.corrieredivaldoria.test/cronaca/ciclabili/"


def test_the_h1_is_the_headline_when_the_title_adds_the_site() -> None:
    article = article_from_html(page(), URL)
    assert article.title == "Valdoria, via libera alle nuove ciclabili"


def test_the_h1_is_the_headline_when_the_title_opens_with_a_section() -> None:
    html = page(title="Cronaca: Valdoria, via libera alle nuove ciclabili")
    assert article_from_html(html, URL).title == "Valdoria, via libera alle nuove ciclabili"


def test_the_h1_keeps_the_quotes_the_page_prints() -> None:
    html = page(title='Lodigiani: "Ciclabili attese da anni"',
                h1="Lodigiani: «Ciclabili attese da anni»")
    assert article_from_html(html, URL).title == "Lodigiani: «Ciclabili attese da anni»"


def test_an_h1_that_is_another_text_leaves_the_title() -> None:
    html = page(og_title="Valdoria, via libera alle nuove ciclabili",
                h1="Ultime notizie dal territorio")
    assert article_from_html(html, URL).title == "Valdoria, via libera alle nuove ciclabili"


def test_a_short_h1_is_a_section_not_the_headline() -> None:
    tree = lxml.html.fromstring("<html><body><h1>Cronaca</h1></body></html>")
    title = "Cronaca - Il ponte riapre a maggio"
    assert _headline(tree, title) == title


def test_a_box_heading_after_the_text_is_left_out() -> None:
    after = "<p>Potrebbero interessarti anche</p>"
    article = article_from_html(page(after=after), URL)
    assert "via dei Tigli" in article.text
    assert "interessarti" not in article.text


def test_a_last_sentence_stays() -> None:
    after = "<p>La giunta ne riparlerà lunedì.</p>"
    assert article_from_html(page(after=after), URL).text.endswith("La giunta ne riparlerà lunedì.")


def test_short_lines_that_are_all_the_text_stay() -> None:
    text = "Primo verso della poesia\nSecondo verso\nTerzo verso"
    assert _without_boilerplate(text) == text


def test_a_line_pointing_to_another_article_is_left_out() -> None:
    after = ('<p>Approfondisci: <a href="/cronaca/ponte/">Il ponte sul torrente riapre a '
             "maggio</a></p>")
    article = article_from_html(page(after=after), URL)
    assert "ponte sul torrente" not in article.text
    assert "via dei Tigli" in article.text


def test_a_labelled_line_that_is_no_link_stays() -> None:
    tree = lxml.html.fromstring("<html><body><p>x</p></body></html>")
    text = "Il sindaco: Il ponte riapre a maggio, con due corsie"
    assert _without_pointers(text, tree) == text


def test_trafilatura_leaves_the_tree_it_is_given_unchanged() -> None:
    # the page is parsed once: our rules read the tree trafilatura was handed
    tree = trafilatura.load_html(page(after="<div class='share'>Condividi</div>"))
    before = lxml.etree.tostring(copy.deepcopy(tree))
    doc = trafilatura.bare_extraction(tree, url=URL, **TRAFILATURA_OPTIONS)
    assert doc is not None and "via dei Tigli" in (doc.text or "")
    assert lxml.etree.tostring(tree) == before


LINES = st.lists(st.text(alphabet=st.characters(blacklist_characters="\n"), max_size=150),
                 max_size=12)


@given(LINES)
def test_the_filters_only_ever_drop_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    tree = lxml.html.fromstring("<html><body><a>x</a></body></html>")
    for out in (_without_boilerplate(text), _without_pointers(text, tree)):
        assert set(out.split("\n")) <= set(text.strip().split("\n")) | {""}


@given(st.text(max_size=200), st.text(max_size=200))
def test_the_headline_is_the_title_or_an_h1(title: str, h1: str) -> None:
    tree = lxml.html.Element("html")
    heading = lxml.etree.SubElement(lxml.etree.SubElement(tree, "body"), "h1")
    heading.text = "".join(c for c in h1 if c.isprintable())
    got = _headline(tree, title)
    assert got in (title, " ".join(heading.text.split()))


def test_the_header_walk_stops_after_the_lines_it_needs() -> None:
    from extract.layout import _visible_lines, header_lines

    rows = "".join(f"<p>Riga {n} del testo</p>" for n in range(40))
    tree = lxml.html.fromstring(
        f"<html><body><p>Sopra</p><h1>Il titolo</h1>{rows}<p>Il titolo</p></body></html>"
    )
    after, before = header_lines(tree, "Il titolo", after=3)
    assert after == ["Riga 0 del testo", "Riga 1 del testo", "Riga 2 del testo"]
    assert before == ["Sopra"]
    assert len(_visible_lines(tree, "il titolo", 3)) == 5  # "Sopra", the title, 3 lines
    assert len(_visible_lines(tree)) == 43
