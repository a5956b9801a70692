"""The outlet knowledge (``common/data/outlets.toml``): one list, and every stage reads it.

As fundus checks every registered publisher, a test runs over every known outlet and
checks its fields and their types; the others check that extract and audience see the
same aggregators, portals and agencies (they used to keep lists of their own, which
disagreed).
"""

from __future__ import annotations

import re

import pytest

from audience import infer_category, load_rules, starter_registry
from common.outlets import KINDS, KnownOutlet, known_outlets, outlets_of_kind
from extract import AGGREGATORS, aggregator_of, clean_author

KNOWN = known_outlets()


def test_there_is_knowledge_of_every_kind() -> None:
    assert {o.kind for o in KNOWN} == set(KINDS)


@pytest.mark.parametrize("outlet", KNOWN, ids=lambda o: o.name)
def test_every_known_outlet_has_its_fields(outlet: KnownOutlet) -> None:
    assert isinstance(outlet.name, str) and outlet.name.strip() == outlet.name != ""
    assert outlet.kind in KINDS
    assert isinstance(outlet.domains, tuple) and isinstance(outlet.words, tuple)
    for domain in outlet.domains:
        assert re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", domain), domain
        assert not domain.startswith("www."), domain
    for word in outlet.words:
        assert isinstance(word, str) and word == word.lower().strip() != ""
    assert isinstance(outlet.notes, str)
    assert outlet.domains or outlet.words, "an outlet nothing can recognise"


def test_names_and_domains_are_listed_once() -> None:
    names = [o.name.casefold() for o in KNOWN]
    domains = [d for o in KNOWN for d in o.domains]
    assert len(names) == len(set(names))
    assert len(domains) == len(set(domains))


def test_the_starter_registry_is_the_known_outlets() -> None:
    starter = starter_registry()
    assert [o.name for o in starter] == [o.name for o in KNOWN]
    for known in KNOWN:
        found = starter.named(known.name)
        assert found is not None and found.domains == known.domains


@pytest.mark.parametrize("portal", outlets_of_kind("portal"), ids=lambda o: o.name)
def test_extract_and_audience_know_the_same_portals(portal: KnownOutlet) -> None:
    rules = load_rules()
    for domain in portal.domains:
        assert aggregator_of(domain) == AGGREGATORS[domain] == portal.name
        assert aggregator_of("notizie." + domain) == portal.name  # a subdomain is the portal's
        assert rules.portals[domain] == portal.name
        assert infer_category("", domain) == ("Portali ed E-zine", portal.name)
        outlet = starter_registry().match(domain=domain)
        assert outlet is not None and outlet.category == "Portali ed E-zine"


@pytest.mark.parametrize("agency", outlets_of_kind("agency"), ids=lambda o: o.name)
def test_an_agency_is_a_desk_byline_and_an_agency_outlet(agency: KnownOutlet) -> None:
    assert clean_author(f"di {agency.name}") == ""  # "di ANSA" is nobody in particular
    for word in agency.words:
        assert clean_author(word.title()) == ""
    assert infer_category(agency.name, "")[0] == "Agenzie"


@pytest.mark.parametrize("social", outlets_of_kind("social"), ids=lambda o: o.name)
def test_a_social_network_is_one_in_the_rules_and_the_starter_registry(
    social: KnownOutlet,
) -> None:
    for domain in social.domains:
        assert load_rules().social[domain] == social.name
        outlet = starter_registry().match(domain=domain)
        assert outlet is not None and outlet.source == "followers"
