from __future__ import annotations

import datetime as dt

import pytest

from common.errors import ExtractionError
from extract import article_from_html, clean_author, short_author

BODY = (
    "<p>Il progetto LgNet2 ha fatto tappa a Perugia, dove il Comune ha presentato i risultati "
    "di due anni di lavoro con le associazioni del territorio e con le scuole della città.</p>"
    "<p>«Abbiamo costruito una rete che funziona», ha detto l'assessora Chiara Benedetti, "
    "ricordando i centoventi nuclei familiari accompagnati verso l'autonomia abitativa.</p>"
    "<p>Il tour proseguirà a dicembre con le ultime tappe nel Mezzogiorno, da Bari a "
    "Palermo, prima dell'incontro nazionale della rete in programma a Roma.</p>"
)


def page(charset: str = "utf-8", author: str = "Alice Gipponi", extra_head: str = "") -> str:
    return f"""<!DOCTYPE html><html lang="it"><head><meta charset="{charset}">
<title>LgNet2 a Perugia: una rete che funziona - Gazzetta Umbra</title>
<meta property="og:title" content="LgNet2 a Perugia: una rete che funziona">
<meta property="og:site_name" content="Gazzetta Umbra">
<meta property="og:type" content="article">
<meta name="author" content="{author}">
<meta property="article:published_time" content="2023-11-16T15:08:00+01:00">
<link rel="canonical" href="https://www.gazzettaumbra.test/perugia/lgnet2-rete/">
{extra_head}</head><body>
<nav><a href="/">Home</a> <a href="/cronaca/">Cronaca</a> <a href="/sport/">Sport</a></nav>
<article><h1>LgNet2 a Perugia: una rete che funziona</h1>
<p class="sommario">Due anni di progetto presentati in Comune</p>
<div class="testo">{BODY}</div></article>
<aside><h3>Leggi anche</h3><ul><li><a href="/x">Maltempo, allerta gialla</a></li></ul></aside>
<footer>© 2023 Gazzetta Umbra – P.IVA 0123456789</footer>
</body></html>"""


def test_article_fields_from_a_page() -> None:
    article = article_from_html(page().encode(), "https://www.gazzettaumbra.test/perugia/x?utm_source=fb")
    assert article.title == "LgNet2 a Perugia: una rete che funziona"
    assert article.subtitle == "Due anni di progetto presentati in Comune"
    assert article.outlet == "Gazzetta Umbra"
    assert article.domain == "gazzettaumbra.test"
    assert article.author == "Alice Gipponi"
    assert article.published == dt.date(2023, 11, 16)
    assert article.url == "https://www.gazzettaumbra.test/perugia/lgnet2-rete/"
    assert "centoventi nuclei familiari" in article.text
    assert "Leggi anche" not in article.text and "P.IVA" not in article.text


def test_windows_1252_page_is_decoded() -> None:
    html = page(charset="windows-1252").encode("cp1252")
    article = article_from_html(html, "https://www.gazzettaumbra.test/a", encoding="cp1252")
    assert "«Abbiamo costruito una rete che funziona»" in article.text
    assert "città" in article.text


def test_canonical_to_another_outlet_keeps_the_copy_its_own_uscita() -> None:
    html = page().replace("https://www.gazzettaumbra.test/perugia/lgnet2-rete/",
                          "https://www.altrotestata.test/originale/")
    article = article_from_html(html, "https://www.gazzettaumbra.test/copia/")
    assert article.url == "https://www.gazzettaumbra.test/copia/"


def test_desk_byline_is_nobody() -> None:
    assert article_from_html(page(author="Redazione"), "https://www.g.test/a").author == ""


def test_page_without_text_is_rejected_with_reason() -> None:
    with pytest.raises(ExtractionError, match="no article text"):
        article_from_html("<html><head><title>x</title></head><body></body></html>", "http://a.test/")


@pytest.mark.parametrize(
    ("byline", "person"),
    [
        ("By Alice Gipponi", "Alice Gipponi"),
        ("di Alice Gipponi", "Alice Gipponi"),
        ("Di Redazione - 24 Novembre 2023", ""),
        ("di Redazione Genova24", ""),
        ("GIOVANNI DI MEO", "Giovanni Di Meo"),
        ("Autore : casertanotizie", ""),
        ("", ""),
    ],
)
def test_clean_author(byline: str, person: str) -> None:
    assert clean_author(byline) == person


def test_short_author() -> None:
    assert short_author("Alice Gipponi") == "A. Gipponi"
    assert short_author("Maria Grazia Rossi") == "M. G. Rossi"
    assert short_author("Gipponi") == "Gipponi"
