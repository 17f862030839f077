"""The leaders table (nlp.leaders): full names, lone surnames, dates, ambiguity."""

from __future__ import annotations

import pytest

from newsgraph.nlp import leaders
from newsgraph.nlp.leaders import fold_name, leader_country, leader_table


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Mugabe", "ZWE"), ("Putin", "RUS"), ("Vladimir Putin", "RUS"), ("Xi Jinping", "CHN"),
        ("Xi", "CHN"), ("Kim Jong Un", "PRK"), ("Kim Jong-un", "PRK"), ("Assad", "SYR"),
        ("al-Assad", "SYR"), ("Erdoğan", "TUR"), ("Erdogan", "TUR"), ("Lula", "BRA"),
        ("Abu Mazen", "PSE"), ("Stéphane Séjourné", "FRA"), ("Sejourne", "FRA"),
        ("King Abdullah II", "JOR"), ("Zelenskyy", "UKR"), ("Milosevic", "SRB"),
    ],
)
def test_office_holders_name_their_country(name: str, iso3: str) -> None:
    assert leader_country(name) == iso3


@pytest.mark.parametrize(
    "name",
    [
        "Kim",  # North and South Korean presidents
        "Abdullah",  # a king's first name is not a surname; Abdullah Abdullah needs a date
        "Brown", "Johnson", "Martin",  # common surnames need the article's date
        "Herzog",  # German and Israeli presidents, told apart only by date
        "Jane Doe", "", "Smith",
    ],
)
def test_ambiguous_or_unknown_names_give_nothing(name: str) -> None:
    assert leader_country(name) is None


def test_the_date_picks_the_holder_in_office() -> None:
    assert leader_country("Herzog", "1996-05-01") == "DEU"
    assert leader_country("Herzog", "2023-05-01") == "ISR"
    assert leader_country("Brown", "2008-06-01") == "GBR"
    assert leader_country("Brown", "1995-06-01") is None  # no Brown in office then
    # a national leader who later holds an international post has no country in it
    assert leader_country("Mark Rutte", "2015-01-01") == "NLD"
    assert leader_country("Mark Rutte", "2025-06-01") is None
    # a rare surname still names its holder out of office
    assert leader_country("Mugabe", "2024-01-01") == "ZWE"


def test_fold_name() -> None:
    assert fold_name("Recep Tayyip Erdoğan") == "recep tayyip erdogan"
    assert fold_name("Bashar al-Assad") == "bashar assad"


def test_table_is_well_formed_and_covers_the_g20() -> None:
    table = leader_table()
    countries = {term.iso3 for terms in table.by_full_name.values() for term in terms}
    g20 = {"ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR",
           "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA"}
    assert g20 <= countries
    for terms in table.by_full_name.values():
        for term in terms:
            assert term.iso3 == leaders.INTERNATIONAL or (len(term.iso3) == 3 and term.iso3.isupper())
            assert 1940 <= term.first_year <= 2026
            assert term.last_year is None or term.first_year <= term.last_year


def test_bad_table_is_a_clear_error(tmp_path) -> None:
    bad = tmp_path / "leaders.tsv"
    bad.write_text("Jane Doe\tFRA\tHOG\tsoon\t\t\n", encoding="utf-8")
    with pytest.raises(leaders.LeaderTableError, match="bad year"):
        leader_table(bad)


def test_a_family_name_shared_only_within_one_country_still_resolves() -> None:
    # father and son, both Congolese presidents; both Aliyevs Azerbaijani
    assert leader_country("Kabila") == "COD"
    assert leader_country("Aliyev") == "AZE"
    # a given name many people bear is not a surname here
    assert leader_country("Massoud") is None


@pytest.mark.parametrize(
    ("name", "iso3"),
    [("Reagan", "USA"), ("Thatcher", "GBR"), ("Khomeini", "IRN"), ("Nakasone", "JPN"),
     ("Honecker", "DEU"), ("Ceausescu", "ROU"), ("Akayev", "KGZ")],
)
def test_earlier_office_holders(name: str, iso3: str) -> None:
    assert leader_country(name) == iso3


def test_un_secretary_general_of_the_1980s_has_no_country() -> None:
    assert leader_country("Perez de Cuellar") is None
