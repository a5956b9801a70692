from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from common.errors import ConfigError
from rassegna.campaign import EXAMPLE, load_campaign


def write(tmp_path: Path, text: str, name: str = "c.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_example_campaign_loads(tmp_path: Path) -> None:
    campaign = load_campaign(write(tmp_path, EXAMPLE))
    assert campaign.name == "LgNet2"
    assert campaign.slug == "lgnet2"
    assert campaign.terms[0].forms == ("LgNet2", "Local Government Network 2")
    assert campaign.start == dt.date(2023, 10, 1) and campaign.end == dt.date(2023, 12, 31)
    assert campaign.registry == tmp_path / "outlets.csv"
    assert campaign.review_title == "LGNET2 Rassegna Stampa Press Tour"
    assert campaign.in_period(dt.date(2023, 11, 2))
    assert not campaign.in_period(dt.date(2024, 1, 2))


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.toml: campaign file not found"):
        load_campaign(tmp_path / "nope.toml")


def test_toml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[project]\nname = senza virgolette\n')
    with pytest.raises(ConfigError, match=r"c\.toml: not valid TOML: .*line 2"):
        load_campaign(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[project]\nname = "x"\n', r"\[\[terms\]\] needs at least one term"),
        ('[[terms]]\nterm = "x"\n', r"\[project\] name is required"),
        ('[project]\nname = "x"\n[[terms]]\nterm = "x"\n[sources]\nfeeds = ["ftp://a"]\n',
         r"\[sources\] feeds: not an http\(s\) URL: 'ftp://a'"),
        ('[project]\nname = "x"\n[[terms]]\nterm = "x"\n[period]\nstart = "ieri"\n',
         r"\[period\] start must be a date"),
        ('[project]\nname = "x"\n[[terms]]\nterm = "x"\n[period]\nstart = 2023-12-01\n'
         'end = 2023-10-01\n', r"end 2023-10-01 is before start 2023-12-01"),
        ('[project]\nname = "x"\n[[terms]]\nvariants = ["y"]\n', r"#1: needs term"),
    ],
)
def test_bad_values_are_named(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_campaign(write(tmp_path, text))


def test_url_list_bad_line_is_named(tmp_path: Path) -> None:
    (tmp_path / "urls.txt").write_text(
        "# trovati a mano\nhttps://www.example.it/a\n\nwww.example.it/b\n", encoding="utf-8"
    )
    campaign = load_campaign(
        write(tmp_path, '[project]\nname = "x"\n[[terms]]\nterm = "x"\n'
              '[sources]\nurl_lists = ["urls.txt"]\n')
    )
    (url_list,) = campaign.sources
    with pytest.raises(ConfigError, match=r"urls\.txt:4: not an http\(s\) URL"):
        url_list.check()


BASE = '[project]\nname = "x"\n[[terms]]\nterm = "x"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (BASE + '[sources]\nfeedz = ["http://a.it/feed"]\n',
         r"c\.toml:6: \[sources\] unknown key 'feedz' \(did you mean 'feeds'\?\)"),
        (BASE + "[crawll]\ntimeout = 5\n", r"c\.toml:5: unknown table \[crawll\] "
         r"\(did you mean \[crawl\]\?\)"),
        (BASE + "[crawl]\ntimout = 5\n", r"c\.toml:6: \[crawl\] unknown key 'timout' "
         r"\(did you mean 'timeout'\?\)"),
        ('[project]\nname = "x"\n[[term]]\nterm = "x"\n',
         r"c\.toml:3: unknown table \[\[term\]\] \(did you mean \[\[terms\]\]\?\)"),
        ('[project]\nname = "x"\n[[terms]]\nterm = "x"\nvarianti = ["y"]\n',
         r"c\.toml:5: \[\[terms\]\] unknown key 'varianti' \(did you mean 'variants'\?\)"),
        ('name = "x"\n[[terms]]\nterm = "x"\n',
         r"c\.toml:1: key 'name' is outside any table \(it goes under \[project\]\)"),
        (BASE + "[stampa]\ntitle = 'x'\n", r"c\.toml:5: unknown table \[stampa\] \(known: "
         r"\[project\], \[\[terms\]\], \[period\], \[sources\], \[review\], \[registry\], "
         r"\[crawl\], \[news_search\]\)"),
        # a key known elsewhere is reported where it is written, not where it belongs
        (BASE + "[crawl]\ntimeout = 5\n[review]\ntitle = 'x'\nname = 'y'\n",
         r"c\.toml:9: \[review\] unknown key 'name'"),
        (BASE + "[review]\ntitle = 'x'\n[crawl]\ntimeout = 5\nsources = 2\n",
         r"c\.toml:9: \[crawl\] unknown key 'sources'"),
    ],
)
def test_unknown_tables_and_keys_are_refused_with_the_closest_known(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        load_campaign(write(tmp_path, text))


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        ('term = "..."', r"#1: '\.\.\.' has no letters to match"),
        ('term = "2023"', r"#1: '2023' has no letters to match"),
        ('term = "LgNet2"\nvariants = ["LgNet 2", "- -"]', r"#1: '- -' has no letters"),
    ],
)
def test_terms_without_letters_are_refused_at_load_time(
    tmp_path: Path, terms: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=r"c\.toml: \[\[terms\]\] " + message):
        load_campaign(write(tmp_path, f'[project]\nname = "x"\n[[terms]]\n{terms}\n'))


def test_accented_and_spaced_terms_load(tmp_path: Path) -> None:
    campaign = load_campaign(write(
        tmp_path, '[project]\nname = "x"\n[[terms]]\nterm = "Città Inclusive 2030"\n'
                  'variants = ["", "città-inclusive"]\n'))
    assert campaign.terms[0].forms == ("Città Inclusive 2030", "città-inclusive")
