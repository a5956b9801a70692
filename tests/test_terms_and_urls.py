from __future__ import annotations

import pytest

from crawler import TermMatcher, canonical_url, domain_of


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto LgNet2 fa tappa a Latina",
        "IL PROGETTO LGNET 2 A LATINA",
        "progetto LgNet-2, seconda edizione",
        "il progetto Lgnet2.",
        "il progetto Ignet2 (sic)",
        "Local Government Network 2",
        "local-government network 2",
    ],
)
def test_term_variants_match(text: str) -> None:
    matcher = TermMatcher(["LgNet2", "Local Government Network 2"])
    assert matcher.search(text) is not None


@pytest.mark.parametrize("text", ["LgNet23 è un'altra cosa", "lgnet", "LgNet 2023", "Bignet2"])
def test_term_lookalikes_do_not_match(text: str) -> None:
    assert TermMatcher(["LgNet2"]).search(text) is None


def test_accents_are_ignored_both_ways() -> None:
    assert TermMatcher(["città inclusiva"]).search("Una CITTA' INCLUSIVA") is not None
    assert TermMatcher(["citta inclusiva"]).search("una città inclusiva") is not None


def test_letter_ending_term_may_be_followed_by_digits_not_letters() -> None:
    matcher = TermMatcher(["Anci"])
    assert matcher.search("ANCI2023 e Anci") is not None
    assert matcher.search("ancient") is None


def test_canonical_url_drops_tracking_and_fragment() -> None:
    url = "https://www.Example.it/news/a?utm_source=fb&b=2&fbclid=XYZ&a=1#commenti"
    assert canonical_url(url) == "https://www.example.it/news/a?a=1&b=2"


def test_domain_of_strips_www_and_mobile() -> None:
    assert domain_of("https://www.ansa.it/sito/notizie") == "ansa.it"
    assert domain_of("http://m.genova24.it:8080/x") == "genova24.it"
