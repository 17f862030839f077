"""Entity normalisation over the English spaCy pipeline (loaded once for the module)."""

from __future__ import annotations

from dataclasses import fields

import pytest
from spacy.tokens import Span

from newsgraph.nlp.entities import normalise_entities
from newsgraph.nlp.model import load_nlp
from newsgraph.records import Entity

RECORD_FIELDS = ("start", "end", "text", "label", "name", "country")


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def entities(nlp, text: str) -> tuple[Entity, ...]:
    return normalise_entities(nlp(text))


def by_text(found: tuple[Entity, ...], text: str) -> Entity:
    matches = [e for e in found if e.text == text]
    assert matches, f"{text!r} not among {[e.text for e in found]}"
    return matches[0]


def test_record_contract_offsets_and_keys(nlp) -> None:
    text = "Foreign Minister Jane Doe met the French ambassador in Vilnius on Friday."
    found = entities(nlp, text)
    assert found, "expected entities"
    assert isinstance(found, tuple)
    assert tuple(f.name for f in fields(Entity)) == RECORD_FIELDS
    for entity in found:
        assert isinstance(entity, Entity)
        assert text[entity.start : entity.end] == entity.text
    assert [e.start for e in found] == sorted(e.start for e in found)
    assert not any(e.label in {"DATE", "TIME", "CARDINAL"} for e in found)


def test_people_lose_titles_and_share_a_name(nlp) -> None:
    text = (
        "Foreign Minister Jane Doe opened the talks. Later Mr. Doe told reporters that "
        "Ms. Doe had left."
    )
    names = {e.text: e.name for e in entities(nlp, text) if e.label == "PERSON"}
    assert names.get("Jane Doe") == "Jane Doe"
    assert names.get("Doe") == "Jane Doe"  # the one full name in the document


def test_lone_surname_without_full_name_stays(nlp) -> None:
    found = entities(nlp, "Mr. Doe said the bridge would reopen.")
    person = by_text(found, "Doe")
    assert person.name == "Doe" and person.country is None


def test_two_people_with_one_surname_are_not_merged(nlp) -> None:
    text = "Jane Doe and John Doe disagreed on Monday. Mr. Doe told reporters he would resign."
    found = entities(nlp, text)
    lone = [e for e in found if e.text == "Doe"]
    assert lone and lone[0].name == "Doe"


def test_titles_inside_a_person_span_are_stripped(nlp) -> None:
    doc = nlp("Yesterday President Jane Doe spoke and Prime Minister John Roe listened.")
    doc.ents = [
        Span(doc, 1, 4, label="PERSON"),  # President Jane Doe
        Span(doc, 6, 10, label="PERSON"),  # Prime Minister John Roe
    ]
    found = normalise_entities(doc)
    assert [e.name for e in found] == ["Jane Doe", "John Roe"]
    assert [e.text for e in found] == ["President Jane Doe", "Prime Minister John Roe"]


def test_accents_do_not_split_a_person(nlp) -> None:
    text = "Stéphane Séjourné arrived on Monday. Sejourne told reporters that France would help."
    found = [e for e in entities(nlp, text) if e.label == "PERSON"]
    assert {e.name for e in found} == {"Stéphane Séjourné"}
    assert len(found) == 2


def test_unaccented_only_spelling_is_kept(nlp) -> None:
    found = [e for e in entities(nlp, "Stephane Sejourne spoke in Paris.") if e.label == "PERSON"]
    assert found and found[0].name == "Stephane Sejourne"


def test_places_and_nationalities_get_countries(nlp) -> None:
    text = (
        "Ukrainians queued in Kiev while Russian officials in Moscow said the U.S. and "
        "Britain were to blame."
    )
    found = entities(nlp, text)
    assert by_text(found, "Ukrainians").country == "UKR"
    kiev = by_text(found, "Kiev")
    assert kiev.country == "UKR" and kiev.name == "Kyiv"
    assert by_text(found, "Russian").country == "RUS"
    assert by_text(found, "Moscow").country == "RUS"
    us = by_text(found, "U.S.")
    assert us.country == "USA" and us.name == "United States"
    assert by_text(found, "Britain").country == "GBR"


def test_organisations_get_their_country(nlp) -> None:
    text = (
        "The French Foreign Ministry said Ukraine's defence ministry had written to the "
        "Bundestag, while NATO stayed silent."
    )
    found = entities(nlp, text)
    french = by_text(found, "The French Foreign Ministry")
    assert french.country == "FRA" and french.name == "French Foreign Ministry"
    assert by_text(found, "defence ministry").country == "UKR"
    assert by_text(found, "Bundestag").country == "DEU"
    assert by_text(found, "NATO").country is None


def test_person_country_from_nationality_or_possessive_before_title(nlp) -> None:
    text = (
        "Ukrainian President Volodymyr Zelensky met France's foreign minister Jean Dupont, "
        "and Michael Jordan watched."
    )
    found = entities(nlp, text)
    assert by_text(found, "Volodymyr Zelensky").country == "UKR"
    assert by_text(found, "Jean Dupont").country == "FRA"
    jordan = by_text(found, "Michael Jordan")
    assert jordan.label == "PERSON" and jordan.country is None


def test_jordan_the_country_and_georgia(nlp) -> None:
    found = entities(nlp, "The minister flew from Jordan to Georgia on Tuesday.")
    assert by_text(found, "Jordan").country == "JOR"
    assert by_text(found, "Georgia").country == "GEO"


def test_dateline_is_never_an_entity(nlp) -> None:
    text = "13:12 09.03.2024\n\nMinister: we need ammunition\n\n2 min read\n\nJane Doe spoke."
    found = entities(nlp, text)
    assert all(any(ch.isalpha() for ch in e.text) for e in found)
    assert not any("13:12" in e.text or "2024" in e.text for e in found)


@pytest.mark.parametrize("label", ["PERSON", "ORG", "GPE", "NORP"])
def test_mis_tagged_times_dates_and_numbers_are_dropped(nlp, label: str) -> None:
    doc = nlp("13:12 09.03.2024 at 14:30 , 2 min read and 1,200 more")
    doc.ents = [
        Span(doc, 0, 2, label=label),  # 13:12 09.03.2024
        Span(doc, 3, 4, label=label),  # 14:30
        Span(doc, 5, 8, label=label),  # 2 min read
        Span(doc, 9, 10, label=label),  # 1,200
    ]
    assert normalise_entities(doc) == ()


def test_name_after_a_dateline_line_is_cut_to_the_name(nlp) -> None:
    doc = nlp("09.03.2024\n\nJane Doe arrived.")
    jane = next(t.i for t in doc if t.text == "Jane")
    doc.ents = [Span(doc, 0, jane + 2, label="PERSON")]
    found = normalise_entities(doc)
    assert [(e.text, e.name) for e in found] == [("Jane Doe", "Jane Doe")]
    assert found[0].start == doc.text.index("Jane")


def test_title_alone_and_lowercase_person_are_dropped(nlp) -> None:
    doc = nlp("Minister said the mayor agreed.")
    doc.ents = [Span(doc, 0, 1, label="PERSON"), Span(doc, 3, 4, label="PERSON")]
    assert normalise_entities(doc) == ()


def test_possessive_is_dropped_from_span_and_name(nlp) -> None:
    doc = nlp("Jane Doe's plan and the Kremlin's answer")
    doc.ents = [Span(doc, 0, 3, label="PERSON"), Span(doc, 5, 8, label="ORG")]
    found = normalise_entities(doc)
    assert [(e.text, e.name) for e in found] == [("Jane Doe", "Jane Doe"), ("the Kremlin", "Kremlin")]
    assert found[1].country == "RUS"


def test_empty_doc(nlp) -> None:
    assert normalise_entities(nlp("")) == ()


def test_groups_of_countries_become_one_named_entity(nlp) -> None:
    from newsgraph.nlp.countries import countries_of

    text = "The Baltic states and the Nordic countries agreed, and NATO allies welcomed it."
    found = entities(nlp, text)
    baltic = next(e for e in found if e.text.startswith("Baltic"))
    assert baltic.text == "Baltic states" and baltic.name == "Baltic states"
    assert baltic.country is None
    assert countries_of(baltic.name) == ["EST", "LVA", "LTU"]
    nordic = next(e for e in found if e.text.startswith("Nordic"))
    assert countries_of(nordic.name) == ["DNK", "FIN", "ISL", "NOR", "SWE"]
    nato = next(e for e in found if e.text.startswith("NATO"))
    assert nato.text == "NATO allies" and len(countries_of(nato.name)) == 32


def test_a_leader_named_without_a_country_takes_the_tables(nlp) -> None:
    from newsgraph.nlp.entities import normalise_entities

    doc = nlp("President Mugabe met Jane Doe in Harare on Monday.")
    people = {e.name: e.country for e in normalise_entities(doc) if e.label == "PERSON"}
    assert people["Mugabe"] == "ZWE"
    assert people.get("Jane Doe") is None
    # the article's date picks the office holder: a German president in 1996, Israeli in 2023
    doc = nlp("President Herzog spoke to reporters in Berlin.")
    for published, iso3 in (("1996-03-01", "DEU"), ("2023-03-01", "ISR"), (None, None)):
        found = normalise_entities(doc, published=published)
        assert [e.country for e in found if e.name == "Herzog"] == [iso3]
