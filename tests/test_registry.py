from __future__ import annotations

from pathlib import Path

import pytest

from audience import Registry, infer_category, parse_audience, reach_of
from common.errors import RegistryError

HEADER = "testata,domini,categoria,audience,fonte,rilevazione,note\n"


def registry_file(tmp_path: Path, rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "outlets.csv"
    path.write_text(header + rows, encoding="utf-8")
    return path


def test_registry_reads_italian_figures_and_matches_by_domain(tmp_path: Path) -> None:
    registry = Registry.from_csv(
        registry_file(
            tmp_path,
            "Genova 24,genova24.it,Quotidiani e quotidiani online,\"1.464.811\",Audiweb,2023,\n"
            "ANSA,ansa.it;ansa.com,agenzie,,,,\n",
        )
    )
    assert len(registry) == 2
    genova = registry.match(domain="genova24.it")
    assert genova is not None and genova.audience == 1464811
    ansa = registry.match(domain="regioni.ansa.it")  # a subdomain is the same outlet
    assert ansa is not None and ansa.category == "Agenzie" and ansa.audience is None
    assert registry.match(name="genova 24") is genova


def test_english_header_is_accepted(tmp_path: Path) -> None:
    path = registry_file(
        tmp_path, "X,x.it,Specializzati,12,,,\n",
        header="outlet,domains,category,audience,source,measured_at,notes\n",
    )
    assert Registry.from_csv(path).match(domain="x.it") is not None


def test_bad_rows_are_all_reported_with_line(tmp_path: Path) -> None:
    path = registry_file(
        tmp_path,
        "A,a.it,Quotidiani,10,,,\n"
        "B,b.it,Agenzie,molti,,,\n"
        "C,c.it,Agenzie,5,,,\n"
        "c,c2.it,Agenzie,5,,,\n",
    )
    with pytest.raises(RegistryError) as info:
        Registry.from_csv(path)
    lines = str(info.value).splitlines()
    assert lines[0].endswith("outlets.csv:2: unknown categoria 'Quotidiani' "
                             "(one of: Agenzie; Quotidiani e quotidiani online; "
                             "Periodici e periodici online; Specializzati; "
                             "Radio, TV e canali online; Social Network; Portali ed E-zine)")
    assert lines[1].endswith("outlets.csv:3: audience 'molti' is not a whole number")
    assert lines[2].endswith("outlets.csv:5: outlet 'c' already on line 4")
    assert len(lines) == 3


@pytest.mark.parametrize(("value", "expected"), [("1.464.811", 1464811), ("250", 250), ("", None)])
def test_parse_audience(value: str, expected: int | None) -> None:
    assert parse_audience(value) == expected


@pytest.mark.parametrize("value", ["1,5", "-3", "1.46", "dieci"])
def test_parse_audience_refuses(value: str) -> None:
    with pytest.raises(ValueError):
        parse_audience(value)


@pytest.mark.parametrize(
    ("name", "domain", "category", "testata"),
    [
        ("Comune di Latina", "facebook.com", "Social Network", "Facebook – Comune di Latina"),
        ("Genova 24", "virgilio.it", "Portali ed E-zine", "Virgilio.it – Genova 24"),
        ("askanews", "askanews.it", "Agenzie", "askanews"),
        ("Radio Gold", "radiogold.it", "Radio, TV e canali online", "Radio Gold"),
        ("La Voce", "lavoce.it", "Quotidiani e quotidiani online", "La Voce"),
    ],
)
def test_inferred_categories(name: str, domain: str, category: str, testata: str) -> None:
    assert infer_category(name, domain) == (category, testata)


def test_reach_marks_inferred_outlets() -> None:
    reach = reach_of("La Voce", "lavoce.it", Registry())
    assert reach.inferred and reach.audience is None
