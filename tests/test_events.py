"""PLOVER event coding (nlp.events): hand-written sentences for every type, the parties'
countries, reported speech, and the links to dates, amounts and quotations."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from newsgraph.nlp.amounts import find_amounts
from newsgraph.nlp.events import code_events
from newsgraph.nlp.events_lexicon import PLOVER_TYPES
from newsgraph.nlp.model import load_nlp
from newsgraph.nlp.quotes import find_quotes
from newsgraph.nlp.timex import find_dates
from newsgraph.records import Amount, Event, EventParty, Quote, Timex, from_dict


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def typed(cls, items) -> tuple:
    """The extractor's records; plain dicts (from an extractor not yet returning records) are
    read into records with from_dict."""
    return tuple(item if isinstance(item, cls) else from_dict(cls, item) for item in items)


def code(nlp, text: str, published: str = "2024-03-09") -> tuple[tuple[Event, ...], dict]:
    doc = nlp(text)
    lists = {"quotes": typed(Quote, find_quotes(doc)),
             "dates": typed(Timex, find_dates(text, published=published)),
             "amounts": typed(Amount, find_amounts(text))}
    return code_events(doc, **lists), lists


def top(nlp, text: str) -> Event:
    events, _ = code(nlp, text)
    assert events, f"no event coded in {text!r}"
    return events[0]


def country(party: EventParty | None) -> str | None:
    return party.country if party else None


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "recipient"),
    [
        ("Germany signed a trade agreement with Poland on Tuesday.", "AGREE", "DEU", "POL"),
        ("The Spanish foreign minister met Moroccan officials in Rabat.", "CONSULT", "ESP", "MAR"),
        ("Canada praised Ukraine for its reforms.", "SUPPORT", "CAN", "UKR"),
        ("The Serbian government eased restrictions on Kosovar imports.", "CONCEDE", "SRB", None),
        ("Norwegian police shared intelligence with Sweden.", "COOPERATE", "NOR", "SWE"),
        ("Japan sent food aid to North Korea.", "AID", "JPN", "PRK"),
        ("Russia withdrew its troops from Moldova.", "RETREAT", "RUS", "MDA"),
        ("The United States urged China to stop selling drones to Russia.", "REQUEST", "USA", "CHN"),
        ("Israel accused Iran of arming militias.", "ACCUSE", "ISR", "IRN"),
        ("Hungary rejected a proposal from Austria.", "REJECT", "HUN", "AUT"),
        ("Iran threatened to attack Israel.", "THREATEN", "IRN", "ISR"),
        ("Thousands of Georgians protested against Russia in Tbilisi.", "PROTEST", "GEO", "RUS"),
        ("The EU imposed sanctions on Belarus.", "SANCTION", None, "BLR"),
        ("Poland deployed troops along its border with Belarus.", "MOBILIZE", "POL", None),
        ("Turkish police arrested twelve Syrian journalists.", "COERCE", "TUR", "SYR"),
        ("Russian forces shelled the Ukrainian city of Kharkiv.", "ASSAULT", "RUS", "UKR"),
    ],
)
def test_each_type_with_countries(nlp, text, event_type, actor, recipient):
    event = top(nlp, text)
    assert event.type == event_type
    assert country(event.actor) == actor
    if recipient is not None:
        assert country(event.recipient) == recipient


def test_every_plover_type_is_tested():
    tested = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
              "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    assert tested == set(PLOVER_TYPES)


def test_record_contract_shape(nlp):
    text = "Estonia condemned the missile strike on Odesa."
    events, _ = code(nlp, text)
    assert isinstance(events, tuple) and all(isinstance(e, Event) for e in events)
    event = events[0]
    assert event.text == text[event.start:event.end]
    assert event.actor == EventParty(text="Estonia", name="Estonia", country="EST")


def test_reported_speech_codes_the_embedded_clause(nlp):
    text = "The minister recalled that France has provided military support to Ukraine."
    event = top(nlp, text)
    assert (event.type, country(event.actor), country(event.recipient)) == ("AID", "FRA", "UKR")
    assert event.mode == "military"


def test_first_person_resolves_to_the_speakers_country(nlp):
    text = 'Lithuanian Foreign Minister Jane Doe said: "Ukraine is asking us to send ammunition."'
    events, lists = code(nlp, text)
    event = events[0]
    assert event.type == "REQUEST"
    assert country(event.actor) == "UKR"
    assert country(event.recipient) == "LTU"
    assert event.quote is not None
    assert lists["quotes"][event.quote].text.startswith("Ukraine is asking")


def test_pronoun_takes_the_reporting_subject(nlp):
    event = top(nlp, "Syria says it is willing to withdraw its soldiers from Lebanon.")
    assert (event.type, country(event.actor), country(event.recipient)) == ("AGREE", "SYR", "LBN")


def test_promises_are_agree_and_intended_attacks_threaten(nlp):
    assert top(nlp, "Finland will give Kenya a grant for water projects.").type == "AGREE"
    assert top(nlp, "Sweden pledged to send humanitarian aid to Sudan.").type == "AGREE"
    threat = top(nlp, "Pyongyang vowed to strike South Korea.")
    assert (threat.type, country(threat.actor), threat.mode) == ("THREATEN", "PRK", "violence")


def test_negated_cooperation_is_reject_and_negated_attack_is_nothing(nlp):
    assert top(nlp, "Serbia did not agree to the plan.").type == "REJECT"
    events, _ = code(nlp, "Armenia did not attack Azerbaijan.")
    assert events == ()


def test_amount_linked_to_aid(nlp):
    text = "The minister recalled that Latvia has provided support worth about EUR3.8 billion to Ukraine."
    events, lists = code(nlp, text)
    aid = events[0]
    assert aid.type == "AID"
    assert lists["amounts"][aid.amount].unit == "EUR"


def test_no_amount_on_other_types(nlp):
    events, lists = code(nlp, "Israel accused Hamas of stealing $5 million.")
    assert events[0].type == "ACCUSE"
    assert lists["amounts"] and events[0].amount is None


def test_date_linked_to_event(nlp):
    events, _ = code(nlp, "Latvia signed a security agreement with Ukraine on February 16 of this year.")
    assert events[0].type == "AGREE"
    assert events[0].date == "2024-02-16"


def test_passive_agent_is_the_actor(nlp):
    event = top(nlp, "Two Ukrainian villages were shelled by Russian artillery.")
    assert event.type == "ASSAULT"
    assert country(event.actor) == "RUS"


def test_joint_act_takes_the_co_subject_as_recipient(nlp):
    event = top(nlp, "Norway and Sweden agreed to share intelligence.")
    assert (event.type, country(event.actor), country(event.recipient)) == ("AGREE", "NOR", "SWE")


def test_domestic_party_takes_the_country_of_the_place(nlp):
    event = top(nlp, "Police used tear gas to disperse protesters in Nairobi.")
    assert (event.type, country(event.actor), country(event.recipient)) == ("COERCE", "KEN", "KEN")
    event = top(nlp, "Authorities in Uzbekistan closed two newspapers.")
    assert (event.type, event.mode, country(event.actor)) == ("COERCE", "censor", "UZB")


def test_subject_of_demanded_clause_is_the_recipient(nlp):
    event = top(nlp, "Zimbabwe demanded that Britain return the land.")
    assert (event.type, country(event.actor), country(event.recipient)) == ("REQUEST", "ZWE", "GBR")


def test_modifier_picks_the_mode(nlp):
    assert top(nlp, "Hundreds of prisoners went on hunger strike in Ankara.").mode == "strike-hun"
    assert top(nlp, "Japan sent food aid to North Korea.").mode == "humanitarian"


def test_consult_modes(nlp):
    assert top(nlp, "The Japanese prime minister visited India.").mode == "visit"
    assert top(nlp, "The Chilean president telephoned the president of Peru.").mode == "phone"


def test_reporting_verb_alone_is_no_event(nlp):
    events, _ = code(nlp, "The minister said the weather was fine.")
    assert events == ()


def test_events_in_two_sentences_keep_text_order(nlp):
    # a diplomatic protest "to" a government is an official complaint: ACCUSE
    events, _ = code(nlp, "Germany imposed sanctions on Iran. Iran protested to Germany.")
    assert [e.type for e in events] == ["SANCTION", "ACCUSE"]
    assert events[0].end <= events[1].start


_EVAL = Path(__file__).resolve().parent.parent / "eval"
_GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "plover" / "plover_gold_dev.json"


@pytest.mark.slow
@pytest.mark.skipif(not _GOLD.exists(), reason="PLOVER dev gold (../shared/data/plover) is not present")
def test_plover_dev_floor():
    sys.path.insert(0, str(_EVAL))
    import plover  # noqa: PLC0415

    _rows, figures = plover.evaluate(json.loads(_GOLD.read_text(encoding="utf-8")))
    # floors just under the measured figures, so a regression fails
    assert figures["all"]["type"] >= 0.75
    assert figures["all"]["actor"] >= 0.82
    assert figures["all"]["recipient"] >= 0.71
    # the records never read while writing the rules
    assert figures["held_out"]["type"] >= 0.67
    assert figures["held_out"]["actor"] >= 0.76
    assert figures["held_out"]["recipient"] >= 0.67


@pytest.mark.parametrize(
    ("text", "org_id", "recipient_country"),
    [
        ("Arab League foreign ministers condemned Israel on Sunday.", "ARAB_LEAGUE", "ISR"),
        ("EC officials imposed sanctions on Serbia.", "EC", "SRB"),
    ],
)
def test_an_organisation_named_inside_the_phrase_is_the_party(nlp, text, org_id,
                                                              recipient_country) -> None:
    from newsgraph.nlp.countries import organisation_of

    event = top(nlp, text)
    assert organisation_of(event.actor.name) == org_id
    assert event.actor.country is None
    assert country(event.recipient) == recipient_country


def test_a_city_or_region_gives_its_country(nlp) -> None:
    event = top(nlp, "Russian troops attacked rebels in Chechnya.")
    assert country(event.actor) == "RUS"
    event = top(nlp, "Serbian forces shelled Gorazde on Friday.")
    assert country(event.recipient) == "BIH"



def test_an_act_with_no_subject_takes_the_party_named_before_it(nlp) -> None:
    # a headline with no subject in the parse: the country before the trigger acts
    event = top(nlp, "Japan to send food aid to North Korea.")
    assert (country(event.actor), country(event.recipient)) == ("JPN", "PRK")
    # never the recipient itself, and nothing when only a person without a country precedes
    event = top(nlp, "Jane Doe: sanctions imposed on Belarus.")
    assert event.actor is None or country(event.actor) != "BLR"


# Broadened vocabulary: one hand-written sentence per added verb group, each type covered.
@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Delegates from Chile and Peru convened in Lima.", "CONSULT"),
        ("The Indian foreign minister travelled to Nepal.", "CONSULT"),
        ("Poland ceded the disputed strip to Lithuania.", "CONCEDE"),
        ("The president pardoned forty jailed journalists.", "CONCEDE"),
        ("Egypt and Israel normalized their relations.", "COOPERATE"),
        ("Qatar contributed to the reconstruction of Gaza.", "AID"),
        ("The rebels disbanded their militia.", "RETREAT"),
        ("Britain encouraged Iraq to hold elections.", "REQUEST"),
        ("The opposition lobbied Washington to impose sanctions.", "REQUEST"),
        ("Greece complained to Turkey about airspace violations.", "ACCUSE"),
        ("The French minister reprimanded Algeria.", "ACCUSE"),
        ("Moscow refuted the report from Kyiv.", "REJECT"),
        ("Hanoi snubbed the envoy from Beijing.", "REJECT"),
        ("Seoul cautioned Tokyo against revising its textbooks.", "THREATEN"),
        ("Washington penalized Venezuela for the rigged vote.", "SANCTION"),
        ("Russia amassed tanks near the Ukrainian border.", "MOBILIZE"),
        ("China dispatched warships to the strait.", "MOBILIZE"),
        ("Belarusian police apprehended six opposition activists.", "COERCE"),
        ("The Bolivian government nationalized Spanish gas companies.", "COERCE"),
        ("Iranian security forces quelled the unrest in Zahedan.", "COERCE"),
        ("Rebels overran an army base in northern Mali.", "ASSAULT"),
        ("Syrian troops recaptured the town of Palmyra.", "ASSAULT"),
        ("A car bomb exploded outside the Kabul ministry.", "ASSAULT"),
    ],
)
def test_broadened_verbs(nlp, text, event_type):
    assert top(nlp, text).type == event_type


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # verb + object readings
        ("Canada expressed concern over the trial in Minsk.", "ACCUSE"),
        ("Spain expressed solidarity with Morocco after the earthquake.", "SUPPORT"),
        ("The Irish president sent condolences to Turkey.", "SUPPORT"),
        ("The Kenyan prime minister paid a visit to Uganda.", "CONSULT"),
        ("Austria sent an envoy to Serbia.", "CONSULT"),
        ("Japan sent peacekeepers to South Sudan.", "AID"),
        ("France dispatched troops to Chad.", "MOBILIZE"),
        ("Greece dispatched medical supplies to Libya.", "AID"),
        ("The junta granted amnesty to political prisoners.", "CONCEDE"),
        ("Finland joined the alliance in April.", "COOPERATE"),
        ("Washington imposed tariffs on Chinese steel.", "SANCTION"),
        ("Mexico filed a complaint against the United States.", "ACCUSE"),
        ("Beijing denied the allegations from Manila.", "REJECT"),
        ("Russia blocked the resolution on Syria.", "REJECT"),
        ("Iraq closed its airspace to Turkish flights.", "SANCTION"),
        ("Saudi Arabia reopened its embassy in Damascus.", "COOPERATE"),
        ("The rebels seized control of the airport in Goma.", "ASSAULT"),
        ("Syria offered its troops to Lebanon.", "AGREE"),
        # verb + particle readings
        ("Romania stood by Moldova during the energy crisis.", "SUPPORT"),
        ("The government finally gave in to the strikers.", "CONCEDE"),
        ("Colombia walked away from the talks with the rebels.", "REJECT"),
        ("Pakistan built up forces along the Indian border.", "MOBILIZE"),
        ("Turkish authorities clamped down on Kurdish newspapers.", "COERCE"),
        ("Ukrainian air defences shot down a Russian drone.", "ASSAULT"),
    ],
)
def test_broadened_objects_and_particles(nlp, text, event_type):
    assert top(nlp, text).type == event_type


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # an event noun alone, when the sentence has no verb trigger
        ("Thousands at a candlelight vigil in Minsk.", "PROTEST"),
        ("New tariffs on Canadian lumber from Washington.", "SANCTION"),
        ("A prisoner swap between Armenia and Azerbaijan.", "RETREAT"),
        ("Heavy bombardment of Aleppo by Syrian aircraft.", "ASSAULT"),
        ("Mass deportations of Afghans from Pakistan.", "COERCE"),
        ("A Russian troop buildup near Ukraine.", "MOBILIZE"),
        ("Amnesty for opposition leaders in Belarus.", "CONCEDE"),
        ("Solidarity with Ukraine from the Baltic states.", "SUPPORT"),
    ],
)
def test_broadened_event_nouns(nlp, text, event_type):
    assert top(nlp, text).type == event_type


@pytest.mark.parametrize(
    ("text", "event_type", "actor"),
    [
        # the main clause's act comes first, whatever precedes it in the sentence
        ("Russia, which invaded Ukraine in 2022, rejected the peace plan.", "REJECT", "RUS"),
        ("Germany, which has sent tanks to Ukraine, urged its allies to do more.", "REQUEST", "DEU"),
        ("While Turkey deployed troops, Greece called for talks.", "REQUEST", "GRC"),
        ("After meeting the Polish president, Zelensky appealed for more weapons.", "REQUEST", "UKR"),
        ("Kenya's president, speaking at a summit in Nairobi, criticized Ethiopia.", "ACCUSE", "KEN"),
        ("Venezuela expelled the Spanish ambassador, accusing Madrid of interference.", "SANCTION", "VEN"),
        ("Amid fighting in Khartoum, Egypt evacuated its citizens from Sudan.", "AID", "EGY"),
    ],
)
def test_main_clause_event_comes_first(nlp, text, event_type, actor):
    event = top(nlp, text)
    assert (event.type, country(event.actor)) == (event_type, actor)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Turkey took in millions of Syrian refugees.", "AID"),
        ("Jordan hosted refugees from Iraq.", "AID"),
        ("The militia abandoned its positions near Tripoli.", "RETREAT"),
        ("Farmers blocked highways in Poland.", "PROTEST"),
    ],
)
def test_refugees_positions_and_roadblocks(nlp, text, event_type):
    assert top(nlp, text).type == event_type


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "recipient"),
    [
        # a counted group is read through its quantity ("thousands of students")
        ("Thousands of students marched in Lusaka against the new law.", "PROTEST", "ZMB", "ZMB"),
        # an unnamed domestic group in a sentence with no place belongs to the acting country
        ("Egyptian police rounded up dozens of students.", "COERCE", "EGY", "EGY"),
        # a moving verb's "to" phrase is the recipient, not the thing moved
        ("Portugal extradited two Brazilian bankers to Italy.", "COOPERATE", "PRT", "ITA"),
        # an international organisation is a coded recipient ahead of a country further on
        ("Canada vetoed a United Nations resolution criticising Peru.", "REJECT", "CAN", "IGO"),
        # a joint act: the co-subject is the recipient before any other phrase
        ("Israeli and Syrian negotiators held talks in Washington.", "CONSULT", "ISR", "SYR"),
        ("Chile and Bolivia exchanged intelligence on Peruvian smugglers.", "COOPERATE", "CHL", "BOL"),
        # forces placed on alert act themselves
        ("The Bolivian army was put on high alert.", "MOBILIZE", "BOL", None),
        # a retreat's "from" place before the forces withdrawn
        ("Uganda evacuated its soldiers from Rwanda.", "RETREAT", "UGA", "RWA"),
        # the accused of a reported accusation before the victims
        ("The Greek minister charged that Albanian police had beaten Greek villagers.", "ACCUSE", "GRC", "ALB"),
        # a protest with no named target: the authorities of the place
        ("Dock workers went on strike in Lagos.", "PROTEST", "NGA", "NGA"),
    ],
)
def test_party_rules(nlp, text, event_type, actor, recipient):
    event = top(nlp, text)
    assert event.type == event_type
    assert country(event.actor) == actor
    if recipient == "IGO":
        from newsgraph.nlp.countries import organisation_of
        assert organisation_of(event.recipient.name or event.recipient.text) is not None
    elif recipient is not None:
        assert country(event.recipient) == recipient


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("The junta admitted that its soldiers had fired on the crowd.", "CONCEDE"),
        ("Peru lifted the state of emergency in the capital.", "CONCEDE"),
        ("Ecuador dropped its objections to the treaty.", "CONCEDE"),
        ("The king granted autonomy to the southern provinces.", "CONCEDE"),
        ("Uruguay handed over the fugitive to Argentina.", "COOPERATE"),
        ("Laos and Thailand began joint patrols on the Mekong.", "COOPERATE"),
        ("Spanish police worked with Moroccan police to dismantle the network.", "COOPERATE"),
        ("Norway rushed tents and blankets to flood victims in Pakistan.", "AID"),
        ("Cuban instructors trained Angolan soldiers.", "AID"),
        ("The rebels set free twelve captured soldiers.", "RETREAT"),
        ("Vietnam withdrew its troops from Laos.", "RETREAT"),
        ("Mongolia renewed its call for a regional conference.", "REQUEST"),
        ("Chad lodged a protest with Libya over the border raid.", "ACCUSE"),
        ("Bhutan protested to Nepal over the refugee camps.", "ACCUSE"),
        ("A Cairo newspaper attacked Sudan for its support of militants.", "ACCUSE"),
        ("The opposition boycotted the talks with the president.", "REJECT"),
        ("Farmers boycotted foreign goods in protest.", "PROTEST"),
        ("Argentina banned imports of Chilean wine.", "SANCTION"),
        ("Paraguay called off the talks with Brazil.", "SANCTION"),
        ("Greece recalled its ambassador from Albania.", "SANCTION"),
        ("Iraq massed troops near the Kuwaiti border.", "MOBILIZE"),
        ("Libya moved tanks toward the Chadian border.", "MOBILIZE"),
        ("The army placed its units on alert.", "MOBILIZE"),
        ("Syria expelled a British correspondent.", "COERCE"),
        ("The World Bank gave two million dollars in aid to Malawi.", "AID"),
    ],
)
def test_broadened_lexicon_by_object_and_particle(nlp, text, event_type):
    assert top(nlp, text).type == event_type


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # ending one's own protest concedes; calling off talks reduces relations
        ("The miners called off their strike after two weeks.", "CONCEDE"),
        ("The detainees ended their hunger strike.", "CONCEDE"),
        ("The cabinet met the demands of the striking nurses.", "CONCEDE"),
        ("Peru halted negotiations with Ecuador over the border.", "SANCTION"),
        ("Rwanda ordered two Belgian diplomats to leave the country.", "SANCTION"),
        ("A Turkish court put six journalists on trial.", "COERCE"),
        ("Chile and Peru strengthened their trade ties.", "COOPERATE"),
        ("The Finnish government held Moscow responsible for the incident.", "ACCUSE"),
        ("The Danish premier was critical of the Swedish decision.", "ACCUSE"),
        ("Guerrillas slew four villagers near the border.", "ASSAULT"),
        ("Police nabbed the opposition leader at the airport.", "COERCE"),
        ("Warships patrolled the disputed waters off Taiwan.", "MOBILIZE"),
        ("Police tightened security around the parliament in Dhaka.", "MOBILIZE"),
        ("Italy voted against the resolution.", "REJECT"),
        ("Riot police broke up the rally in Tbilisi.", "COERCE"),
        ("Morocco reopened its border with Algeria.", "CONCEDE"),
        ("Jordan gave its support to the Egyptian peace plan.", "SUPPORT"),
        ("Qatar gave military support to the rebels.", "AID"),
    ],
)
def test_lexicon_by_cameo_subcategory(nlp, text, event_type):
    assert top(nlp, text).type == event_type


@pytest.mark.parametrize("sentence, expected", [
    ("Riot police opened fire on protesters in Nairobi on Monday.", "COERCE"),
    ("Soldiers beat demonstrators in the capital.", "COERCE"),
    ("Rebels shelled the town of Goma.", "ASSAULT"),
])
def test_security_forces_using_force_on_a_crowd_is_violent_repression(nlp, sentence, expected):
    # CAMEO 175 (violent repression) is PLOVER COERCE; armed attacks stay ASSAULT
    assert top(nlp, sentence).type == expected


@pytest.mark.parametrize("sentence, expected", [
    # spaCy's small model lemmatises "staged" to "stag" and splits "sit-in" into three tokens
    ("Opposition supporters staged a sit-in outside the electoral commission.", "PROTEST"),
    # summoning a foreign envoy is a formal protest to that government
    ("The ministry summoned the British ambassador to protest against the remarks.", "ACCUSE"),
])
def test_lemma_slips_hyphenated_nouns_and_summoned_envoys(nlp, sentence, expected):
    assert top(nlp, sentence).type == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Serbian forces began withdrawing from Kosovo under the terms of the peace deal.", "RETREAT"),
    ("Rebel fighters evacuated the town after a week of heavy fighting.", "RETREAT"),
    ("The court threw out the appeal by the former president.", "REJECT"),
    ("The talks collapsed after the two sides failed to agree on a border.", "REJECT"),
    ("The two leaders spoke by telephone on Tuesday.", "CONSULT"),
])
def test_circumstance_phrases_failures_and_phrasal_readings(nlp, sentence, expected):
    assert top(nlp, sentence).type == expected
