"""The registry as CSV and XLSX, every bad row, the starter registry, the inference rules."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from audience import (
    CATEGORIES,
    Registry,
    infer_category,
    load_rules,
    reach_of,
    starter_registry,
)
from common.errors import RegistryError

HEADER = ["testata", "domini", "categoria", "audience", "fonte", "rilevazione", "note"]


def write_xlsx(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def write_csv(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    lines = [",".join(header)] + [
        ",".join(f'"{c}"' if "," in str(c) else str(c) for c in row) for row in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_xlsx_registry_reads_numbers_text_figures_and_dates(tmp_path: Path) -> None:
    import datetime as dt

    path = write_xlsx(tmp_path / "outlets.xlsx", [
        ["Genova 24", "genova24.it", "Quotidiani e quotidiani online", 1464811, "Audiweb",
         "ottobre 2023", None],
        ["Il Secolo", "ilsecolo.test;secolo.test", "quotidiani e quotidiani online", "250.000",
         "audipress", dt.datetime(2023, 10, 1), "letto come testo"],
        [None, None, None, None, None, None, None],  # an empty row is skipped
        ["ANSA", "ansa.it", "Agenzie", None, None, None, None],
        ["Radio X", "radiox.test", "Radio, TV e canali online", 1200.0, "Radiomonitor", "", ""],
    ])
    registry = Registry.from_file(path)
    assert [o.name for o in registry] == ["Genova 24", "Il Secolo", "ANSA", "Radio X"]
    genova = registry.match(domain="www.genova24.it")
    assert genova is not None and genova.audience == 1_464_811 and genova.source == "Audiweb"
    secolo = registry.match(domain="secolo.test")
    assert secolo is not None and secolo.audience == 250_000
    assert secolo.source == "Audipress" and secolo.measured_at == "2023-10-01"
    assert registry.match(name="ansa").audience is None  # type: ignore[union-attr]
    assert registry.match(domain="radiox.test").audience == 1200  # type: ignore[union-attr]


def test_xlsx_with_english_headers(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "o.xlsx", [["X", "x.it", "Specializzati", 12, "", "", ""]],
        header=["outlet", "domains", "category", "audience", "source", "measured_at", "notes"],
    )
    assert Registry.from_file(path).match(domain="x.it") is not None


BAD_ROWS = [
    (["B", "b.it", "Blog", 10, "", "", ""], "unknown categoria 'Blog'"),
    (["B", "b.it", "Agenzie", "molti", "", "", ""], "audience 'molti' is not a whole number"),
    (["B", "b.it", "Agenzie", "1,5", "", "", ""], "audience '1,5' is not a whole number"),
    (["a", "b.it", "Agenzie", 10, "", "", ""], "outlet 'a' already on line 2"),
    (["", "b.it", "Agenzie", 10, "", "", ""], "testata is empty"),
    (["B", "b.it", "Agenzie", 10, "Nielsen", "", ""], "unknown fonte 'Nielsen'"),
]


@pytest.mark.parametrize("writer", [write_csv, write_xlsx], ids=["csv", "xlsx"])
@pytest.mark.parametrize(("row", "message"), BAD_ROWS, ids=[m for _, m in BAD_ROWS])
def test_each_bad_row_is_reported_with_file_and_line(
    tmp_path: Path, writer, row: list[object], message: str
) -> None:
    suffix = ".csv" if writer is write_csv else ".xlsx"
    path = writer(tmp_path / f"outlets{suffix}", [
        ["A", "a.it", "Agenzie", 10, "Audiweb", "", ""],
        row,
        ["C", "c.it", "Specializzati", "", "", "", ""],
    ])
    with pytest.raises(RegistryError) as info:
        Registry.from_file(path)
    assert str(info.value) == f"{path}:3: {message}" or str(info.value).startswith(
        f"{path}:3: {message} ("
    )


def test_every_bad_row_of_a_workbook_is_reported(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", [
        ["A", "a.it", "Quotidiani", 10, "", "", ""],
        ["B", "b.it", "Agenzie", "tanti", "", "", ""],
        ["C", "c.it", "Agenzie", 5, "", "", ""],
    ])
    with pytest.raises(RegistryError) as info:
        Registry.from_file(path)
    lines = str(info.value).splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [f"{path}:2", f"{path}:3"]


def test_a_file_that_is_not_a_workbook_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "o.xlsx"
    path.write_text("testata,categoria\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"o\.xlsx: not an XLSX workbook"):
        Registry.from_file(path)
    with pytest.raises(RegistryError, match="registry file not found"):
        Registry.from_file(tmp_path / "missing.xlsx")


def test_starter_registry_has_categories_and_no_invented_figures() -> None:
    starter = starter_registry()
    assert len(starter) >= 25
    assert all(o.audience is None for o in starter)  # no certified source, no number
    expected = {
        "ansa.it": "Agenzie", "adnkronos.com": "Agenzie", "agi.it": "Agenzie",
        "askanews.it": "Agenzie", "dire.it": "Agenzie", "italpress.com": "Agenzie",
        "redattoresociale.it": "Agenzie",
        "rainews.it": "Radio, TV e canali online", "tgcom24.mediaset.it":
        "Radio, TV e canali online", "tg24.sky.it": "Radio, TV e canali online",
        "virgilio.it": "Portali ed E-zine", "msn.com": "Portali ed E-zine",
        "zazoom.it": "Portali ed E-zine", "informazione.it": "Portali ed E-zine",
        "libero.it": "Portali ed E-zine",
        "facebook.com": "Social Network", "x.com": "Social Network",
        "twitter.com": "Social Network", "instagram.com": "Social Network",
        "linkedin.com": "Social Network", "youtube.com": "Social Network",
        "tiktok.com": "Social Network",
    }
    for domain, category in expected.items():
        outlet = starter.match(domain=domain)
        assert outlet is not None and outlet.category == category, domain
    assert {o.category for o in starter} <= set(CATEGORIES)


@pytest.mark.parametrize(
    ("name", "domain", "category", "testata"),
    [
        ("Comune di Genova", "twitter.com", "Social Network", "Twitter – Comune di Genova"),
        ("ANCI", "x.com", "Social Network", "Twitter – ANCI"),
        ("Comune di Bari", "www.instagram.com", "Social Network", "Instagram – Comune di Bari"),
        ("ANCI", "it.linkedin.com", "Social Network", "LinkedIn – ANCI"),
        ("Comune TV", "youtube.com", "Social Network", "YouTube – Comune TV"),
        ("", "tiktok.com", "Social Network", "TikTok"),
        ("Facebook", "facebook.com", "Social Network", "Facebook"),  # the platform's own name
        ("Genova 24", "zazoom.it", "Portali ed E-zine", "Zazoom – Genova 24"),
        ("Comune di Bari", "informazione.it", "Portali ed E-zine",
         "Informazione.it – Comune di Bari"),
        ("informazione.it", "informazione.it", "Portali ed E-zine", "Informazione.it"),
        ("La Nazione", "msn.com", "Portali ed E-zine", "MSN – La Nazione"),
        ("Il Giorno", "notizie.libero.it", "Portali ed E-zine", "Libero – Il Giorno"),
        ("Virgilio Notizie", "virgilio.it", "Portali ed E-zine", "Virgilio.it"),
        ("Adnkronos", "adnkronos.com", "Agenzie", "Adnkronos"),
        ("AGI Agenzia Italia", "agi.it", "Agenzie", "AGI Agenzia Italia"),
        ("Agenzia Dire", "dire.it", "Agenzie", "Agenzia Dire"),
        ("Italpress", "italpress.com", "Agenzie", "Italpress"),
        ("Redattore Sociale", "redattoresociale.it", "Agenzie", "Redattore Sociale"),
        ("Agir", "agirnotizie.test", "Agenzie", "Agir"),
        ("TGR Liguria", "rainews.it", "Radio, TV e canali online", "TGR Liguria"),
        ("Tgcom24", "tgcom24.mediaset.it", "Radio, TV e canali online", "Tgcom24"),
        ("Sky TG24", "tg24.sky.it", "Radio, TV e canali online", "Sky TG24"),
        ("Radio Sole", "radiosole.test", "Radio, TV e canali online", "Radio Sole"),
        ("La Stampa", "lastampa.it", "Quotidiani e quotidiani online", "La Stampa"),
        ("Direttanews", "direttanews.test", "Quotidiani e quotidiani online", "Direttanews"),
    ],
)
def test_inference_rules(name: str, domain: str, category: str, testata: str) -> None:
    assert infer_category(name, domain) == (category, testata)


def test_inference_rules_are_data(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(
        'default = "Specializzati"\n[social_networks]\n"mastodon.social" = "Mastodon"\n'
        '[portals]\n[agencies]\ncategory = "Agenzie"\nwords = ["nova"]\n',
        encoding="utf-8",
    )
    custom = load_rules(rules)
    assert infer_category("ANCI", "mastodon.social", custom) == ("Social Network",
                                                                 "Mastodon – ANCI")
    assert infer_category("Agenzia Nova", "nova.test", custom) == ("Agenzie", "Agenzia Nova")
    assert infer_category("Radio X", "radiox.test", custom) == ("Specializzati", "Radio X")
    rules.write_text('default = "Blog"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="unknown category 'Blog'"):
        load_rules.__wrapped__(rules)


def office_registry(tmp_path: Path) -> Registry:
    path = write_csv(tmp_path / "outlets.csv", [
        ["Facebook – Comune di Latina", "", "Social Network", "12.000", "followers", "", ""],
        ["Virgilio.it", "virgilio.it", "Portali ed E-zine", "956.991", "Audiweb", "", ""],
        ["Adnkronos", "adnkronos.com", "Agenzie", "300.000", "Audiweb", "", ""],
        ["Facebook", "facebook.com", "Social Network", "35.000.000", "", "", ""],
        ["Instagram", "instagram.com", "Social Network", "", "", "", ""],
    ])
    return Registry(Registry.from_csv(path), fallback=starter_registry())


def test_office_registry_first_starter_after_inference_last(tmp_path: Path) -> None:
    registry = office_registry(tmp_path)
    adn = reach_of("Adnkronos", "www.adnkronos.com", registry)
    assert (adn.category, adn.audience, adn.inferred) == ("Agenzie", 300_000, False)
    ansa = reach_of("ANSA - Regional Service", "ansa.it", registry)  # starter: keeps its name
    assert (ansa.testata, ansa.category, ansa.audience, ansa.inferred) == (
        "ANSA - Regional Service", "Agenzie", None, False)
    assert ansa.outlet == "ANSA"
    other = reach_of("La Voce", "lavoce.test", registry)
    assert (other.category, other.inferred) == ("Quotidiani e quotidiani online", True)


def test_social_figure_is_the_page_followers_never_the_platform(tmp_path: Path) -> None:
    registry = office_registry(tmp_path)
    page = reach_of("Comune di Latina", "facebook.com", registry)
    assert (page.testata, page.category, page.audience, page.source) == (
        "Facebook – Comune di Latina", "Social Network", 12_000, "followers")
    unknown_page = reach_of("Comune di Roma", "facebook.com", registry)
    assert unknown_page.testata == "Facebook – Comune di Roma"
    assert unknown_page.audience is None  # not the platform's 35.000.000
    assert not unknown_page.inferred


def test_portal_figure_counts_for_the_republished_outlet(tmp_path: Path) -> None:
    registry = office_registry(tmp_path)
    reach = reach_of("Genova 24", "virgilio.it", registry)
    assert (reach.testata, reach.category, reach.audience) == (
        "Virgilio.it – Genova 24", "Portali ed E-zine", 956_991)


def test_an_agency_service_is_the_agency_and_keeps_its_feed_name(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "outlets.csv", [
        ["ANSA", "ansa.it", "Agenzie", "100", "Audiweb", "", ""],
    ])
    registry = Registry(Registry.from_csv(path), fallback=starter_registry())
    service = reach_of("ANSA - Regional Service", "", registry)
    assert (service.testata, service.category, service.audience, service.inferred) == (
        "ANSA - Regional Service", "Agenzie", 100, False)
    itself = reach_of("Ansa", "", registry)
    assert itself.testata == "ANSA"
    # the starter registry knows the agency without a figure
    starter = reach_of("AGI – Cronache", "", Registry(fallback=starter_registry()))
    assert (starter.testata, starter.category, starter.audience, starter.inferred) == (
        "AGI – Cronache", "Agenzie", None, False)
