"""Countries by name, adjective, demonym, capital or seat of government, as ISO 3166 alpha-3.

The table is the project's own data file, ``nlp/data/countries.json``, built by
``scripts/build_countries.py`` from pycountry plus hand-written additions; at run time it is
one JSON read, cached for the process.

Lookups are case- and diacritic-insensitive and ignore a leading "the" and a trailing
possessive ("the Kremlin's" -> RUS). Acronyms (US, UK, UAE, DRC, CAR) match only in capitals,
so that the pronoun "us" or the word "car" is never a country.

Decisions a caller should know:
- "Georgia" is the country (GEO): in international news it is the common reading; the US
  state needs context this lookup does not have.
- "Congo" is the Democratic Republic (COD), as most news uses it; the other is
  "Republic of the Congo" / "Congo-Brazzaville" (COG). "Korea"/"Korean" are South Korea.
- England, Scotland, Wales and Northern Ireland map to GBR (ISO 3166-1 has no code for them).
- Kosovo uses the user-assigned code XKX (as the EU and IMF do); it is not in ISO 3166-1.
- Capitals name the country they are in ("Brussels" -> BEL); as a metonym Brussels stands for
  the EU, which ``organisation_of`` reports. Jerusalem is left unmapped (status disputed).
- Cities and regions name the country they are in ("Kharkiv" -> UKR, "Chechnya" -> RUS,
  "Niger Delta" -> NGA): GeoNames cities of 100,000 people or more whose name no comparable
  city elsewhere shares, and hand-written regions (see scripts/place_additions.py). A name
  of a country or capital always wins over a place; common words are never places. The kind
  is then "city", "region" or "region_adjective" ("Chechen" -> RUS).
- International organisations (NATO, the EU, the UN) are not countries: ``country_of`` and
  ``countries_of`` give nothing for them; "NATO allies", "EU member states" are groups.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

DATA_PATH = Path(__file__).resolve().parent / "data" / "countries.json"

# The longest name in the table has 8 words ("member states of the European Union" has 6).
_MAX_NGRAM = 8
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|')$", re.IGNORECASE)
_NOT_WORD = re.compile(r"[^\w']+")
_LIST_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b|\bor\b|\bas well as\b)\s*", re.IGNORECASE)


class CountryName(NamedTuple):
    """What a name stands for: the country, the kind of name, and its canonical spelling."""

    iso3: str
    kind: str  # name | adjective | demonym | capital | metonym | city | region | region_adjective
    canonical: str  # the country's display name, or the capital's/seat's canonical spelling


def strip_diacritics(text: str) -> str:
    """'Séjourné' -> 'Sejourne'; 'Chișinău' -> 'Chisinau'. Letters without a decomposition stay."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _unify_apostrophes(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")


def normalise_key(text: str) -> str:
    """The lookup key: no diacritics, casefolded, dots dropped, other punctuation as spaces,
    a leading "the" and a trailing possessive removed ("the U.S.'s" -> "us")."""
    key = strip_diacritics(_unify_apostrophes(text)).casefold().replace(".", "")
    key = " ".join(_NOT_WORD.sub(" ", key).split())
    key = _LEADING_THE.sub("", key)
    key = _POSSESSIVE.sub("", key).strip(" '")
    return key


def acronym_key(text: str) -> str | None:
    """The case-sensitive key for an acronym ("U.S." -> "US"), or None when not one."""
    bare = _LEADING_THE.sub("", _unify_apostrophes(text).strip())
    bare = _POSSESSIVE.sub("", bare).replace(".", "").replace(" ", "").strip("'")
    if len(bare) >= 2 and bare.isupper() and bare.replace("-", "").isalnum():
        return bare
    return None


@dataclass(frozen=True)
class CountryTable:
    """The loaded table. Build with ``country_table()`` (cached), not directly."""

    countries: dict[str, dict]
    groups: dict[str, dict]
    organisations: dict[str, dict]
    names: dict[str, CountryName]
    acronyms: dict[str, CountryName]
    group_names: dict[str, str]
    group_acronyms: dict[str, str]
    organisation_names: dict[str, str]
    organisation_acronyms: dict[str, str]
    institutions: dict[str, str]
    institution_acronyms: dict[str, str]
    places: dict[str, CountryName]
    pycountry_version: str


class CountryTableError(RuntimeError):
    """The packaged country table is missing or unreadable (rebuild it with the build script)."""


@functools.cache
def country_table(path: Path = DATA_PATH) -> CountryTable:
    """Load the country table once per process."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CountryTableError(
            f"cannot read the country table {path}: {error}; run scripts/build_countries.py"
        ) from error
    return CountryTable(
        countries=raw["countries"],
        groups=raw["groups"],
        organisations=raw["organisations"],
        names={key: CountryName(*value) for key, value in raw["names"].items()},
        acronyms={key: CountryName(*value) for key, value in raw["acronyms"].items()},
        group_names=raw["group_names"],
        group_acronyms=raw["group_acronyms"],
        organisation_names=raw["organisation_names"],
        organisation_acronyms=raw["organisation_acronyms"],
        institutions=raw["institutions"],
        institution_acronyms=raw["institution_acronyms"],
        places={key: CountryName(*value) for key, value in raw.get("places", {}).items()},
        pycountry_version=raw["pycountry_version"],
    )


def lookup_country(text: str) -> CountryName | None:
    """The country a whole name stands for, with the kind of name and its canonical form."""
    table = country_table()
    acronym = acronym_key(text)
    if acronym is not None and acronym in table.acronyms:
        return table.acronyms[acronym]
    key = normalise_key(text)
    return table.names.get(key) or table.places.get(key)


def country_of(text: str) -> str | None:
    """ISO3 for a country name, adjective, demonym, capital, seat of government, city or
    region, else None.

    >>> country_of("Ukrainians"), country_of("the Kremlin"), country_of("Kiev")
    ('UKR', 'RUS', 'UKR')
    """
    found = lookup_country(text)
    return found.iso3 if found else None


def group_of(text: str) -> str | None:
    """The id of a group of countries ("the Baltic states" -> "BALTIC"), else None."""
    table = country_table()
    acronym = acronym_key(text)
    if acronym is not None and acronym in table.group_acronyms:
        return table.group_acronyms[acronym]
    return table.group_names.get(normalise_key(text))


def group_members(group_id: str) -> list[str]:
    """The member countries of a group id (KeyError for an unknown id: a caller's mistake)."""
    return list(country_table().groups[group_id]["members"])


def organisation_of(text: str) -> str | None:
    """The id of an international organisation ("NATO", "EU", "UN"), else None.

    Brussels as a metonym is the EU here; as a place it is in Belgium (``country_of``).
    """
    table = country_table()
    acronym = acronym_key(text)
    if acronym is not None and acronym in table.organisation_acronyms:
        return table.organisation_acronyms[acronym]
    return table.organisation_names.get(normalise_key(text))


def organisation_in(text: str) -> str | None:
    """The id of the international organisation a phrase names anywhere in it, the leftmost
    and then longest name first ("Arab League foreign ministers" -> "ARAB_LEAGUE",
    "EC officials" -> "EC"), else None. Acronyms match only as written in capitals."""
    whole = organisation_of(text)
    if whole is not None:
        return whole
    table = country_table()
    words = _unify_apostrophes(text).split()
    tokens = [normalise_key(word) for word in words]
    for start in range(len(tokens)):
        for size in range(min(_MAX_NGRAM, len(tokens) - start), 0, -1):
            if size == 1:
                acronym = acronym_key(words[start].strip(",;:()\""))
                if acronym is not None:
                    if acronym in table.organisation_acronyms:
                        return table.organisation_acronyms[acronym]
                    continue
            key = " ".join(token for token in tokens[start : start + size] if token)
            if key and key in table.organisation_names:
                return table.organisation_names[key]
    return None


def organisation_name(org_id: str) -> str:
    """The display name of an organisation id ("EC" -> "European Community")."""
    return country_table().organisations[org_id]["name"]


def countries_of(text: str) -> list[str]:
    """Every country a name stands for: a group expands to its members, a list
    ("France, Germany and Italy") to each of its countries. Organisations give []."""
    whole = _countries_of_one(text)
    if whole is not None:
        return whole
    found: list[str] = []
    for part in _LIST_SEPARATORS.split(text):
        for iso3 in _countries_of_one(part) or []:
            if iso3 not in found:
                found.append(iso3)
    return found


def _countries_of_one(text: str) -> list[str] | None:
    if not text.strip():
        return None
    iso3 = country_of(text)
    if iso3 is not None:
        return [iso3]
    group = group_of(text)
    if group is not None:
        return group_members(group)
    return None


def country_from_org(org_text: str) -> str | None:
    """The country an organisation belongs to where its name says so, else None.

    "French Foreign Ministry" -> FRA, "Ukraine's defence ministry" -> UKR,
    "Ministry of Foreign Affairs of Latvia" -> LVA, "the Bundestag" -> DEU (institution list).
    International organisations ("NATO", "European Commission", "Organization of American
    States") belong to no country. The leftmost, then longest, country word decides.
    """
    table = country_table()
    if organisation_of(org_text) is not None:
        return None
    acronym = acronym_key(org_text)
    if acronym is not None and acronym in table.institution_acronyms:
        return table.institution_acronyms[acronym]
    whole_key = normalise_key(org_text)
    if whole_key in table.institutions:
        return table.institutions[whole_key]

    words = _unify_apostrophes(org_text).split()
    tokens = [_token_key(word) for word in words]
    acronyms = [acronym_key(word.strip(",;:()\"")) for word in words]
    for start in range(len(tokens)):
        for size in range(min(_MAX_NGRAM, len(tokens) - start), 0, -1):
            if size == 1 and acronyms[start] is not None:
                key = acronyms[start]
                if key in table.acronyms:
                    return table.acronyms[key].iso3
                if key in table.institution_acronyms:
                    return table.institution_acronyms[key]
                continue  # an unknown acronym is not looked up as a lower-case word
            key = " ".join(token for token in tokens[start : start + size] if token)
            if not key:
                continue
            if key in table.names:
                return table.names[key].iso3
            if key in table.institutions:
                return table.institutions[key]
            if key in table.places:  # "Kharkiv regional administration", "Chechen rebels"
                return table.places[key].iso3
    return None


def _token_key(word: str) -> str:
    return normalise_key(word)
