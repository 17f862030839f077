"""PLOVER event coding (nlp.events): general mechanisms of parties and triggers, each held by
hand-written sentences (an event noun's own source, the place of an act is not its actor, an
object pronoun is not its own clause's subject, a voice "for" a body, goods acted on, hyphenated
verbs, questioning and opening a case)."""

from __future__ import annotations

import pytest

from newsgraph.nlp.countries import organisation_of
from newsgraph.nlp.events import code_events
from newsgraph.nlp.model import load_nlp
from newsgraph.nlp.quotes import find_quotes
from newsgraph.records import Event, EventParty, Quote, from_dict


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def top(nlp, text: str) -> Event:
    doc = nlp(text)
    quotes = tuple(q if isinstance(q, Quote) else from_dict(Quote, q) for q in find_quotes(doc))
    events = code_events(doc, quotes=quotes)
    assert events, f"no event coded in {text!r}"
    return events[0]


def country(party: EventParty | None) -> str | None:
    return party.country if party else None


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "recipient"),
    [
        # the event noun's "from"/"by" phrase acts; the subject of the verb holding it receives
        ("Chile faced sharp criticism from Argentina over the dam.", "ACCUSE", "ARG", "CHL"),
        ("Malawi drew a rebuke by Zambia for the border closure.", "ACCUSE", "ZMB", "MWI"),
        # an object pronoun is not the subject its clause shares ("accusing him": not Bolivia)
        ("Bolivia expelled the Peruvian consul, accusing him of espionage.", "SANCTION", "BOL", "PER"),
        # goods are aid only when given: seized or frozen, the verb's own act
        ("Latvian customs officers seized weapons bound for Belarus.", "COERCE", "LVA", None),
        ("The Swiss government froze the funds of two Libyan banks.", "SANCTION", "CHE", "LBY"),
        # weapons pulled back from a front retreat like troops
        ("Armenia began removing heavy weapons from the front line.", "RETREAT", "ARM", None),
        # questioning a suspect and opening a case are accusations (CAMEO 09/11)
        ("Prosecutors in Lima questioned the former minister about the bribes.", "ACCUSE", "PER", "PER"),
        ("Estonia opened a criminal case against a Russian pilot.", "ACCUSE", "EST", "RUS"),
    ],
)
def test_party_and_trigger_mechanisms(nlp, text, event_type, actor, recipient):
    event = top(nlp, text)
    assert event.type == event_type
    assert country(event.actor) == actor
    if recipient is not None:
        assert country(event.recipient) == recipient


def test_an_event_nouns_own_source_is_not_its_recipient(nlp):
    event = top(nlp, "The threats from Ethiopia worried the Eritrean envoy.")
    assert event.type == "THREATEN"
    assert country(event.actor) == "ETH"
    assert country(event.recipient) != "ETH"
    # said to be what must end, the same act is a demand of the speaker's on its source
    event = top(nlp, "The threats from Ethiopia must end, the Eritrean envoy said.")
    assert (event.type, country(event.actor), country(event.recipient)) == ("REQUEST", "ERI", "ETH")


def test_the_place_of_an_act_is_not_its_actor(nlp):
    # nobody is named as acting: not the city it happened in, not the embassy it hit
    event = top(nlp, "A car bomb at the French embassy in Tunis killed six people.")
    assert event.type == "ASSAULT"
    assert event.actor is None


def test_a_place_tagged_as_such_comes_before_an_organisation_naming_a_country(nlp):
    # the protest is in Lebanon, outside a foreign embassy
    event = top(nlp, "Protesters burned a flag outside the Danish embassy in Beirut.")
    assert event.type == "PROTEST"
    assert country(event.actor) == "LBN"


def test_a_voice_for_a_body_is_that_body(nlp):
    event = top(nlp, "A spokesman for the Nigerian army denied the report.")
    assert (event.type, country(event.actor)) == ("REJECT", "NGA")
    assert event.recipient is None or country(event.recipient) != "NGA"
    # an envoy already named by an organisation keeps it: the "for" phrase is the mission
    event = top(nlp, "The U.N. envoy for Yemen urged both sides to halt the fighting.")
    assert event.type == "REQUEST"
    assert event.actor.country is None
    assert organisation_of(event.actor.name or event.actor.text) is not None


def test_a_hyphenated_verb_is_read_whole(nlp):
    event = top(nlp, "Iran test-fired a new ballistic missile.")
    assert (event.type, country(event.actor)) == ("MOBILIZE", "IRN")


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        # a passive act names its actor through the event noun it happened in
        ("Two Greek soldiers were killed in an ambush by Albanian gunmen.", "ALB", "GRC"),
        ("Four Lebanese civilians were wounded in an Israeli air strike on Tyre.", "ISR", "LBN"),
        # the victims, not the attack that holds the actor, are the recipient
        ("Three policemen were wounded in an attack by Maoist rebels in Nepal.", None, "NPL"),
    ],
)
def test_a_passive_act_takes_the_actor_of_the_attack_it_happened_in(nlp, text, actor, recipient):
    event = top(nlp, text)
    assert event.type == "ASSAULT"
    if actor is not None:
        assert country(event.actor) == actor
    else:
        assert event.actor is not None and "rebels" in event.actor.text
    assert country(event.recipient) == recipient
    assert "attack" not in (event.recipient.text or "")


def test_the_city_an_attack_is_named_by_does_not_act(nlp):
    event = top(nlp, "He was charged in the Lyon bombing.")
    assert event.actor is None or country(event.actor) is None


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        # forces moved or pulled back are the actor's own, never the recipient
        ("The Kenyan army moved tanks toward the Somali border.", "KEN", "SOM"),
        ("Peru sent warships to the disputed waters.", "PER", None),
        # a buildup or withdrawal "of" forces: the forces act
        ("The withdrawal of Syrian troops from Lebanon began on Monday.", "SYR", "LBN"),
        ("The buildup of Russian forces near the border alarmed NATO.", "RUS", None),
    ],
)
def test_forces_moved_act_and_are_no_recipient(nlp, text, actor, recipient):
    event = top(nlp, text)
    assert event.type in {"MOBILIZE", "RETREAT"}
    assert country(event.actor) == actor
    if recipient is not None:
        assert country(event.recipient) == recipient
    else:
        assert event.recipient is None or not any(
            word in (event.recipient.text or "") for word in ("warships", "forces", "tanks"))


def test_a_military_presence_increased_is_mobilization(nlp):
    event = top(nlp, "Vietnam increased its military presence on the islands.")
    assert (event.type, country(event.actor)) == ("MOBILIZE", "VNM")


@pytest.mark.parametrize(
    ("text", "event_type", "actor"),
    [
        # an unattributed arrest or closure reported by an authority is that authority's
        ("The opposition leader was arrested on Sunday, Zambian police said.", "COERCE", "ZMB"),
        ("The newspaper was closed down, Uzbek officials said on Monday.", "COERCE", "UZB"),
    ],
)
def test_an_authority_reporting_an_unattributed_arrest_made_it(nlp, text, event_type, actor):
    event = top(nlp, text)
    assert (event.type, country(event.actor)) == (event_type, actor)


def test_a_lawyer_reporting_an_arrest_did_not_make_it(nlp):
    event = top(nlp, "Six activists were arrested, their lawyer said.")
    assert event.type == "COERCE"
    assert event.actor is None


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "recipient"),
    [
        # a truce broken is a fight (CAMEO 196), not an agreement
        ("Armenian forces violated the ceasefire near the border, Baku said.", "ASSAULT", "ARM", None),
        # accepting another's ultimatum or demands is yielding; refusing it a rejection
        ("Belgrade accepted the NATO ultimatum on Thursday.", "CONCEDE", "SRB", None),
        ('"We will never accept this ultimatum," the Croatian president said.', "REJECT", "HRV", None),
        ("Caracas said it would not bow to pressure from Washington.", "REJECT", "VEN", None),
        # what a party must do, reported, is a demand of the speaker's on it, whatever the act
        ("Turkey must stop interfering in Cyprus, Greek Prime Minister Kostas Simitis said.",
         "REQUEST", "GRC", "TUR"),
        ('"Serbia should not meddle in Montenegro," the Albanian foreign minister said.',
         "REQUEST", "ALB", "SRB"),
    ],
)
def test_breaking_yielding_and_demands(nlp, text, event_type, actor, recipient):
    event = top(nlp, text)
    assert (event.type, country(event.actor)) == (event_type, actor)
    if recipient is not None:
        assert country(event.recipient) == recipient


def test_the_source_of_a_report_is_no_recipient(nlp):
    event = top(nlp, "According to the Kuwaiti interior ministry, Iraqi troops shelled two border posts.")
    assert (event.type, country(event.actor)) == ("ASSAULT", "IRQ")
    assert country(event.recipient) != "IRQ" and "ministry" not in (event.recipient.text or "" if event.recipient else "")


def test_the_owner_of_the_act_answered_comes_before_the_parties_of_what_it_says(nlp):
    event = top(nlp, "Syria denied Turkish accusations that it was sending arms to Kurdish rebels.")
    assert (event.type, country(event.actor), country(event.recipient)) == ("REJECT", "SYR", "TUR")


def test_an_unnamed_party_acted_on_belongs_to_the_place_named_as_such(nlp):
    # the government in Kabul: the place it is in, not the country of the voice reporting it
    # nor of Ottawa, a party to the act
    event = top(nlp, "The Canadian envoy said Ottawa would support the new government in Kabul.")
    assert country(event.recipient) == "AFG"


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        # the sides of a fight named "between" X and Y: X acts on Y
        ("Renewed fighting broke out between Armenian and Azerbaijani forces in Nagorno-Karabakh.", "ARM", "AZE"),
        ("Fighting between Christian militias and the Syrian army continued in east Beirut.", "LBN", "SYR"),
        # also where a passive act happened in that fight
        ("At least 20 people were killed in clashes between Armenian and Azerbaijani forces.", "ARM", "AZE"),
    ],
)
def test_the_sides_named_between_act_on_each_other(nlp, text, actor, recipient):
    event = top(nlp, text)
    assert event.type == "ASSAULT"
    assert (country(event.actor), country(event.recipient)) == (actor, recipient)


def test_a_fight_that_breaks_out_is_an_event_but_a_mention_of_fighting_is_not(nlp):
    assert top(nlp, "Fighting erupted in the south of Sudan on Monday.").type == "ASSAULT"
    doc = nlp("The town was quiet after two days of fighting.")
    assert not code_events(doc)


def test_supplies_cut_are_a_sanction_and_promised_a_threat(nlp):
    assert top(nlp, "Russia cut gas supplies to Ukraine.").type == "SANCTION"
    event = top(nlp, "Russia said it would cut gas supplies to Ukraine unless Kiev paid its debts.")
    assert (event.type, country(event.actor), country(event.recipient)) == ("THREATEN", "RUS", "UKR")


def test_a_speaker_is_not_the_they_of_his_own_quotation(nlp):
    # "they" inside the Eritrean's quotation is someone else: he would say "we"
    event = top(nlp, '"They attacked our positions at dawn," an Eritrean military spokesman said.')
    assert event.type == "ASSAULT"
    assert country(event.actor) != "ERI"
    # reported without marks, the pronoun is the reporter's own country
    event = top(nlp, "Syria says it is willing to withdraw its troops from Lebanon.")
    assert country(event.actor) == "SYR"


def test_its_is_no_plural_and_the_thing_it_owns_is_acted_on(nlp):
    event = top(nlp, "Iran said Iraqi troops had shelled its border posts.")
    assert (event.type, country(event.actor), country(event.recipient)) == ("ASSAULT", "IRQ", "IRN")
    event = top(nlp, '"Israel attacked our villages," the Lebanese minister said.')
    assert (country(event.actor), country(event.recipient)) == ("ISR", "LBN")
    # the actor's own border is not its recipient
    event = top(nlp, "India moved troops to its border with Pakistan.")
    assert (event.type, country(event.actor), country(event.recipient)) == ("MOBILIZE", "IND", "PAK")


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # a nationality word on a place names where it happened
        ("Mujahideen guerrillas shelled the Afghan capital on Friday.", "AFG"),
        # armed groups are of the place they act in, not of the voice reporting them
        ("Gunmen kidnapped two French aid workers in Niger, the French foreign ministry said.", "NER"),
        # a hyphenated event noun the parser splits still finds its verb's subject
        ("Opposition supporters staged a sit-in outside parliament in Nairobi.", "KEN"),
    ],
)
def test_unnamed_groups_take_the_place_they_act_in(nlp, text, actor):
    assert country(top(nlp, text).actor) == actor


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "recipient"),
    [
        # a person or body the sentence gives no country is of the place the act happens in
        ("Opposition leader Ali Mansur led a march in Nairobi on Friday.", "PROTEST", "KEN", None),
        # a passive act with no agent is done by the country it happens in, not by the victims'
        ("Two Kenyan soldiers were killed in Somalia on Sunday.", "ASSAULT", "SOM", "KEN"),
    ],
)
def test_an_actor_with_no_country_takes_the_setting(nlp, text, event_type, actor, recipient):
    event = top(nlp, text)
    assert (event.type, country(event.actor)) == (event_type, actor)
    if recipient is not None:
        assert country(event.recipient) == recipient


def test_an_organisation_named_without_a_country_keeps_none_and_victims_at_home_name_no_actor(nlp):
    event = top(nlp, "Amnesty International charged that soldiers had tortured detainees in East Timor.")
    assert event.actor is not None and event.actor.country is None
    event = top(nlp, "Five Iraqi civilians were killed in Baghdad on Sunday.")
    assert event.actor is None


def test_a_destination_is_not_where_an_act_happens(nlp):
    # a man of no known country is not Egyptian for travelling to Cairo
    event = top(nlp, "Ali Osman travelled to Cairo for talks with the Egyptian president.")
    assert event.type == "CONSULT"
    assert country(event.actor) != "EGY"


@pytest.mark.parametrize(
    ("text", "event_type", "actor"),
    [
        # force not ruled out is held out as a threat; a plan not rejected is no rejection
        ("The United States did not rule out military action against Iraq.", "THREATEN", "USA"),
        # an accusation or demand not made is no event
        ("China did not condemn the Russian invasion.", None, None),
        # an attack that failed was still made
        ("The rebels failed to capture the town of Kismayo.", "ASSAULT", None),
        # the verb holding an event noun negates or promises it
        ("Iraq said it would not attend the conference.", "REJECT", "IRQ"),
    ],
)
def test_negation_and_modality(nlp, text, event_type, actor):
    events = code_events(nlp(text))
    if event_type is None:
        assert not events
        return
    assert events[0].type == event_type
    if actor is not None:
        assert country(events[0].actor) == actor


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # a government protesting complains officially (CAMEO 114); a crowd protesting demonstrates
        ("Greece protested the Turkish overflights.", "ACCUSE"),
        ("President Mubarak protested the Israeli raid.", "ACCUSE"),
        ("Thousands of students protested in Jakarta against the price rises.", "PROTEST"),
        ("Farmers protested outside the parliament in Paris.", "PROTEST"),
    ],
)
def test_a_state_protesting_accuses(nlp, text, event_type):
    assert top(nlp, text).type == event_type


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "recipient"),
    [
        # what is received comes from its source: the receiver is acted on
        ("Iran received a stern warning from the United States on Monday.", "THREATEN", "USA", "IRN"),
        ("Syria received a demand from Turkey to expel the Kurdish leader.", "REQUEST", "TUR", "SYR"),
        ("The Israeli ambassador received a formal protest from the Egyptian foreign ministry.",
         "ACCUSE", "EGY", "ISR"),
        # a call or meeting made to protest or demand is that protest or demand
        ("The Greek foreign minister telephoned his Turkish counterpart to protest the overflights.",
         "ACCUSE", "GRC", "TUR"),
        # an act named by a nationality is that country's, done to the subject of the verb holding it
        ("Thousands of refugees fled to Thailand to escape the Vietnamese offensive.", "ASSAULT", "VNM", None),
    ],
)
def test_converse_verbs_purposes_and_named_acts(nlp, text, event_type, actor, recipient):
    event = top(nlp, text)
    assert (event.type, country(event.actor)) == (event_type, actor)
    if recipient is not None:
        assert country(event.recipient) == recipient


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "recipient"),
    [
        # words sent or given are no aid: what they say is the event, to whom they are sent
        ("Syria sent a message to Israel warning against any attack.", "THREATEN", "SYR", "ISR"),
        ("The Kenyan president gave a speech in which he condemned the raid.", "ACCUSE", None, None),
        # goods sent are still aid
        ("Egypt sent food and medicine to Gaza.", "AID", "EGY", "PSE"),
    ],
)
def test_words_sent_are_no_aid(nlp, text, event_type, actor, recipient):
    event = top(nlp, text)
    assert event.type == event_type
    if actor is not None:
        assert country(event.actor) == actor
    if recipient is not None:
        assert country(event.recipient) == recipient


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "recipient"),
    [
        # naming another's act is words on it, not the act: the speaker accuses its owner
        ("Syria called the Israeli raid an act of state terrorism.", "ACCUSE", "SYR", "ISR"),
        ("Iran described the American attack as a crime.", "ACCUSE", "IRN", "USA"),
        # favourable words are support
        ("Jordan called the agreement between Israel and Egypt a historic step.", "SUPPORT", "JOR", None),
    ],
)
def test_naming_an_act_is_words_on_it(nlp, text, event_type, actor, recipient):
    event = top(nlp, text)
    assert (event.type, country(event.actor)) == (event_type, actor)
    if recipient is not None:
        assert country(event.recipient) == recipient


def test_what_a_party_calls_something_is_no_accusation(nlp):
    events = code_events(nlp("The profits fell amid what the company called lower demand."))
    assert all(event.type != "ACCUSE" for event in events)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # ground seized is taken by force; goods seized are confiscated
        ("Rebels seized the northern town of Gulu on Sunday.", "ASSAULT"),
        ("Customs officers seized two tonnes of heroin.", "COERCE"),
        # police raiding offices search them; troops raiding a camp attack it
        ("Police raided the offices of an opposition newspaper in Harare.", "COERCE"),
        ("Israeli troops raided a refugee camp in the West Bank.", "ASSAULT"),
    ],
)
def test_ground_seized_and_police_raids(nlp, text, event_type):
    assert top(nlp, text).type == event_type


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "recipient"),
    [
        # a generic act noun takes its type from its modifier; ending one's own attacks retreats
        ("NATO halted its bombing campaign against Yugoslavia on Thursday.", "RETREAT", None, "SRB"),
        ("Turkey said it would take military action if Syria did not expel the rebel leader.",
         "THREATEN", "TUR", None),
        # a wrong another party is said to do is the speaker's accusation of it
        ("Russia said Georgia was harbouring Chechen rebels.", "ACCUSE", "RUS", "GEO"),
        ("Beijing said the U.S. report was an interference in China's internal affairs.", "ACCUSE", "CHN", "USA"),
        ("Human Rights Watch said Sudanese troops had committed atrocities against civilians.",
         "ACCUSE", None, "SDN"),
        # committing troops sends them; committing oneself to something stays a promise
        ("Egypt and Syria also committed ground troops.", "MOBILIZE", "EGY", None),
        ("Vietnam said it would commit itself to reform.", "AGREE", "VNM", None),
        # a purpose clause of a thing offered is not the act promised
        ("Syria offered its troops to Lebanon's president to help him oust the rebel general.",
         "AGREE", "SYR", "LBN"),
        # civil premises raided by any but an army are searched
        ("Security forces raided the offices of the opposition party in Lagos.", "COERCE", "NGA", None),
        ("A bomb ripped through a crowded market in Karachi on Friday.", "ASSAULT", None, None),
        ("The rebels said they would not lay down their arms.", "REJECT", None, None),
        # talks put off or walked out of reduce relations (CAMEO 164)
        ("Israel postponed the talks with Syria.", "SANCTION", "ISR", "SYR"),
        ("Palestinian negotiators walked out of the peace talks on Thursday.", "SANCTION", "PSE", None),
    ],
)
def test_trigger_sense_by_object_modifier_and_report(nlp, text, event_type, actor, recipient):
    event = top(nlp, text)
    assert event.type == event_type
    if actor is not None:
        assert country(event.actor) == actor
    if recipient is not None:
        assert country(event.recipient) == recipient


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # an act only supposed in an "if" clause comes after the act stated
        ('"If they attack us, we will respond with force," the Iranian defence minister said.', "THREATEN"),
        # "X must act to stop Y", reported, is a demand, through the purpose clause
        ('"The international community must act now to stop the killing," the Pope said.', "REQUEST"),
    ],
)
def test_conditional_acts_and_demands_through_purpose(nlp, text, event_type):
    assert top(nlp, text).type == event_type


@pytest.mark.parametrize(
    "text",
    [
        # yielding (CAMEO 08): a party made lawful, curbs eased, another's demand agreed to,
        # rights restored, a state of siege ended
        "Poland's Communist government legalized the Solidarity trade union on Monday.",
        "The government eased curbs on the press.",
        "The Algerian government has agreed to the opposition's demand for early elections.",
        "Seoul restored the civil rights of opposition leader Kim Dae-jung.",
        "The Chilean government ended the state of siege imposed after the assassination attempt.",
    ],
)
def test_yielding_is_concede(nlp, text):
    assert top(nlp, text).type == "CONCEDE"


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # a promise not to fight holds back (CAMEO 0356), not a threat
        ("The rebels pledged not to use force against civilians.", "AGREE"),
        # force not ruled out, through "the use of"
        ("Washington would not rule out the use of force against Iraq.", "THREATEN"),
        ("China said it would never renounce the use of force against Taiwan.", "THREATEN"),
        # "no longer" negates like "not"
        ("The government said it would no longer negotiate with the rebels.", "REJECT"),
    ],
)
def test_negated_promises_and_refusals(nlp, text, event_type):
    assert top(nlp, text).type == event_type


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # a crowd gathering in public demonstrates, whatever it is said to want; forces assembling do not
        ("About 2,000 people gathered outside parliament in Tirana to demand the government's resignation.",
         "PROTEST"),
        # coordinated verbs share their object: police beating a crowd is repression
        ("Police in Belgrade beat and detained dozens of opposition supporters.", "COERCE"),
    ],
)
def test_crowds_gathering_and_repression_through_coordination(nlp, text, event_type):
    assert top(nlp, text).type == event_type


def test_forces_assembling_are_no_demonstration(nlp):
    doc = nlp("Thousands of American and British forces assemble in Saudi Arabia.")
    assert all(event.type != "PROTEST" for event in code_events(doc))
