"""The country of a person news names by office rather than nationality ("Putin", "President
Mugabe", "Prime Minister Sharif").

The table, ``nlp/data/leaders.tsv``, is the project's own hand-written list of heads of state
and government, foreign ministers and a few other office holders (1990-2026) with their terms.
It is read once per process.

How a name is matched (case- and diacritic-insensitive, a leading "al-"/"el-" optional):
- a full name or a listed other name ("Lula", "Abu Mazen") gives the holder's country;
- a lone surname gives a country only when every holder of that surname in the table is of
  one country ("Mugabe" -> ZWE; "Kim" is North or South Korean, so nothing);
- with ``on`` (the article's date, ISO "YYYY..."), holders in office that year (give or take
  ``TERM_SLACK_YEARS``) are preferred, so "Herzog" in 1995 is German and in 2023 Israeli;
- surnames that many other people share (Brown, Johnson, Martin, Khan) need ``on`` and a
  holder in office then: without a date they stay unresolved;
- a holder of an international organisation's post (NATO, EU, UN) has no country while in
  it: "Rutte" in 2025 is not Dutch for coding purposes, and gives None.
"""

from __future__ import annotations

import csv
import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from newsgraph.nlp.countries import strip_diacritics

DATA_PATH = Path(__file__).resolve().parent / "data" / "leaders.tsv"
INTERNATIONAL = "IGO"
TERM_SLACK_YEARS = 1
# Family name first (Xi Jinping, Kim Jong Un, Hun Sen).
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "KOR", "PRK", "VNM", "KHM", "MMR"})
# Styles whose holders are matched by full name only (King Abdullah is not "Abdullah").
_ROYAL_STYLES = frozenset({"king", "queen", "prince", "princess", "sheikh", "sultan", "emir",
                           "crown", "mullah", "ayatollah", "lord"})
# Surnames too common to name one office holder without the article's date.
COMMON_SURNAMES = frozenset(
    """
    johnson brown martin howard evans baker powell rice cook hunt may major cooper hague
    christopher austin gates harris clark adams taylor jackson bennett cohen levy katz
    wang li zhang kim lee park moon yoon roh ban singh khan ali hassan hussein omar abdullah
    saleh said mohammed ahmed jonathan ramos santos marcos estrada costa michel gabriel
    fischer herzog wong anand fox kan mori noda suga aso abe hu jiang zhu wen qian gul rau
    bishop stubb moi castro sharif massoud rama lagos frei pavel
    """.split()
)
_ARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|az|an|ar)-", re.IGNORECASE)


@dataclass(frozen=True)
class Term:
    name: str
    iso3: str  # ISO 3166 alpha-3, or IGO for an international organisation's post
    office: str
    first_year: int
    last_year: int | None


class LeaderTableError(RuntimeError):
    """The packaged leaders table is missing or malformed."""


def fold_name(text: str) -> str:
    """'Recep Tayyip Erdoğan' -> 'recep tayyip erdogan'; "al-Assad" -> "assad"."""
    words = strip_diacritics(text).replace("\u2019", "'").casefold().replace(".", " ").split()
    return " ".join(_ARTICLE.sub("", word) for word in words)


@dataclass(frozen=True)
class LeaderTable:
    by_full_name: dict[str, tuple[Term, ...]]
    by_surname: dict[str, tuple[Term, ...]]


def _surname(name: str, iso3: str) -> str | None:
    words = fold_name(name).split()
    if len(words) < 2 or words[0] in _ROYAL_STYLES:
        return None
    return words[0] if iso3 in FAMILY_NAME_FIRST else words[-1]


@functools.cache
def leader_table(path: Path = DATA_PATH) -> LeaderTable:
    """Load the table once per process."""
    full: dict[str, list[Term]] = defaultdict(list)
    surnames: dict[str, list[Term]] = defaultdict(list)
    try:
        with path.open(encoding="utf-8") as handle:
            rows = [line for line in handle if line.strip() and not line.startswith("#")]
    except OSError as error:
        raise LeaderTableError(f"cannot read the leaders table {path}: {error}") from error
    for number, row in enumerate(csv.reader(rows, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
        if len(row) != 6:
            raise LeaderTableError(f"{path} data row {number}: expected 6 columns, got {row!r}")
        name, iso3, office, first, last, others = (cell.strip() for cell in row)
        try:
            term = Term(name, iso3, office, int(first), int(last) if last else None)
        except ValueError as error:
            raise LeaderTableError(f"{path} data row {number}: bad year in {row!r}") from error
        names = [name] + [other.strip() for other in others.split(";") if other.strip()]
        for written in names:
            key = fold_name(written)
            if " " in key:
                full[key].append(term)
            else:
                surnames[key].append(term)  # a name used alone ("Lula", "Xi")
        surname = _surname(name, iso3)
        if surname is not None:
            surnames[surname].append(term)
    return LeaderTable(
        by_full_name={key: tuple(terms) for key, terms in full.items()},
        by_surname={key: tuple(terms) for key, terms in surnames.items()},
    )


def _in_office(term: Term, year: int) -> bool:
    last = term.last_year if term.last_year is not None else 9999
    return term.first_year - TERM_SLACK_YEARS <= year <= last + TERM_SLACK_YEARS


def _year_of(on: str | None) -> int | None:
    if on and len(on) >= 4 and on[:4].isdigit():
        return int(on[:4])
    return None


def leader_terms(name: str, on: str | None = None) -> list[Term]:
    """The table's terms that a person's name may refer to (see the module doc), the ones in
    office on ``on`` only when there are such."""
    table = leader_table()
    key = fold_name(name)
    if not key:
        return []
    year = _year_of(on)
    if " " in key:
        terms = list(table.by_full_name.get(key, ()))
        common = False
    else:
        terms = list(table.by_surname.get(key, ()))
        common = key in COMMON_SURNAMES
    if year is not None:
        current = [term for term in terms if _in_office(term, year)]
        if current or common:
            terms = current
    elif common:
        return []
    return terms


def leader_country(name: str, on: str | None = None) -> str | None:
    """ISO3 of the country of the office holder a name refers to, else None (unknown, several
    countries, or an international organisation's post at the time).

    >>> leader_country("President Mugabe".split()[-1]), leader_country("Xi Jinping")
    ('ZWE', 'CHN')
    """
    countries = {term.iso3 for term in leader_terms(name, on)}
    if len(countries) != 1:
        return None
    iso3 = countries.pop()
    return None if iso3 == INTERNATIONAL else iso3


__all__ = ["Term", "LeaderTableError", "fold_name", "leader_country", "leader_table", "leader_terms"]
