"""The project's own PLOVER lexicon: which verbs and nouns state which political event.

Written from the PLOVER 1.0 event definitions (openeventdata/PLOVER) and the CAMEO verb
dictionaries' categories they merge, not from any coded data set. Keys are spaCy lemmas
(lower case). The events modules (``events``, ``events_triggers``, ``events_parties``) read these
tables; nothing here knows about the parse.

Three kinds of trigger:
- ``VERB_EVENTS``: the verb alone states the event ("accused", "shelled", "protested").
- ``OBJECT_VERBS``: the verb's meaning depends on its object or particle ("imposed sanctions"
  SANCTION, "imposed a curfew" COERCE, "provided weapons" AID, "held talks" CONSULT); the
  object noun's lemma is looked up in ``NOUN_EVENTS``, a verb's own fallback applies when the
  object says nothing.
- ``NOUN_EVENTS``: an event noun after a light verb or as the object of a transfer verb
  ("signed an agreement", "launched an offensive", "a ceasefire").
"""

from __future__ import annotations

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# Cooperative types: a promise or intention to do one of these is AGREE (CAMEO 03 "express
# intent to cooperate" is PLOVER AGREE); refusing or not doing one is REJECT.
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
# Material conflict: a stated intention to do one of these is THREATEN (CAMEO 13).
MATERIAL_CONFLICT = frozenset({"SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})


def _table(spec: dict[str, str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for event_type, words in spec.items():
        for word in words.split():
            table[word.replace("_", " ")] = event_type
    return table


# The verb alone names the event. Words that are also speech verbs (warn, accuse, deny, urge)
# are triggers here on purpose: the speech act is the event.
VERB_EVENTS = _table({
    "AGREE": "agree concur pledge promise offer ratify accede commit consent",
    "CONSULT": "meet visit host telephone phone negotiate confer consult mediate discuss talk tour"
               " receive",
    "SUPPORT": "praise welcome commend endorse back support defend apologize apologise congratulate"
               " thank hail applaud approve laud salute sympathize sympathise forgive recognize recognise"
               " reaffirm",
    "CONCEDE": "concede yield relent capitulate backtrack soften allow permit resign",
    "COOPERATE": "cooperate co-operate collaborate coordinate co-ordinate extradite partner",
    "AID": "aid assist evacuate rescue donate fund finance bankroll airlift shelter",
    "RETREAT": "withdraw retreat surrender disarm demobilize demobilise pull",
    "REQUEST": "urge ask demand appeal request plead implore beg petition press exhort invite seek"
               " summon",
    "ACCUSE": "accuse blame criticize criticise condemn denounce allege deplore slam censure fault"
              " rebuke decry lambast castigate chide investigate probe sue indict charge scold"
              " disapprove",
    "REJECT": "reject refuse deny dismiss decline veto oppose rebuff spurn repudiate resist"
              " disavow renounce defy disregard ignore",
    "THREATEN": "threaten warn vow menace ultimatum",
    "PROTEST": "protest demonstrate rally march riot picket",
    "SANCTION": "sanction embargo expel boycott suspend sever recall freeze blacklist downgrade",
    "MOBILIZE": "deploy mobilize mobilise mass station reinforce",
    "COERCE": "arrest detain jail imprison seize confiscate ban censor deport"
              " demolish raze bulldoze outlaw prosecute convict sentence"
              " restrict muzzle evict disperse",
    "ASSAULT": "attack shell bomb bombard kill assassinate invade ambush massacre shoot murder"
               " execute wound injure torture beat kidnap abduct storm clash fight rocket strafe"
               " behead stab firebomb occupy besiege raid assault hijack blast destroy capture",
})

# Further verbs of political news by type (the CAMEO verb dictionaries' categories that each
# PLOVER type merges), kept apart from the core list above so each addition stays visible.
VERB_EVENTS.update(_table({
    "AGREE": "sign_on endorse_deal reconcile",
    "CONSULT": "convene travel arrive",
    "SUPPORT": "extol honor honour reassure sympathise side",
    "CONCEDE": "cede relinquish compromise amnesty pardon",
    "COOPERATE": "ally normalize normalise integrate",
    "AID": "subsidize subsidise lend contribute arm airdrop rebuild reconstruct",
    "RETREAT": "disband dismantle decommission vacate",
    "REQUEST": "encourage lobby pressure pressurize pressurise solicit beseech entreat",
    "ACCUSE": "complain berate reproach admonish assail vilify excoriate chastise reprimand"
              " denigrate brand ridicule insult slander defame smear accuse",
    "REJECT": "refute contradict disagree balk shun snub scrap abrogate annul nullify thwart"
              " object",
    "THREATEN": "caution intimidate",
    "PROTEST": "chant",
    "SANCTION": "penalize penalise punish isolate",
    "MOBILIZE": "amass dispatch redeploy conscript",
    "COERCE": "apprehend incarcerate intern expropriate nationalize nationalise impound"
              " suppress repress quell harass persecute prohibit forbid dissolve",
    "ASSAULT": "target pound batter slaughter lynch rape maim loot plunder torch sabotage"
               " overrun retake recapture detonate explode infiltrate down",
}))

# More verbs by type from the PLOVER definitions: admitting and abdicating concede, feeding and
# resettling people are aid, upholding and championing a cause support it.
VERB_EVENTS.update(_table({
    "SUPPORT": "champion uphold vouch",
    "CONCEDE": "admit abdicate acquiesce",
    "AID": "feed resettle vaccinate train",
    "ACCUSE": "impeach",
    "COERCE": "curb crush",
}))

# Verbs whose object (or particle) decides the type; the value is the type when the object
# says nothing (None: no event without a telling object).
OBJECT_VERBS: dict[str, str | None] = {
    "provide": "AID", "give": "AID", "send": "AID", "deliver": "AID", "supply": "AID",
    "ship": "AID", "grant": "AID", "extend": None, "transfer": "AID",
    "allocate": "AID", "approve": "SUPPORT", "announce": None,
    "sign": "AGREE", "reach": None, "conclude": None, "strike": "ASSAULT", "seal": None,
    "hold": None, "launch": None, "stage": None, "conduct": None, "carry": None, "mount": None,
    "begin": None, "start": None, "open": None, "resume": None, "make": None, "issue": None,
    "lodge": None, "file": None, "lift": None, "ease": None, "relax": None, "impose": None,
    "cut": None, "break": None, "close": None, "set": None, "establish": None, "restore": None,
    "share": "COOPERATE", "exchange": None, "release": "RETREAT", "free": "RETREAT", "fire": None,
    "call": None, "cancel": None, "end": None, "halt": None, "stop": None, "declare": None,
    "take": None, "go": None, "put": None, "raise": None, "order": None, "step": None,
    "accept": "AGREE", "return": None, "hand": None, "drop": None, "abandon": None,
    "keep": None, "continue": None, "use": None, "increase": None, "boost": None, "sell": None,
    "pass": None, "adopt": None, "deploy": "MOBILIZE", "move": None, "mass": "MOBILIZE",
    "seize": "COERCE", "expel": "SANCTION", "withdraw": "RETREAT", "suspend": "SANCTION",
    "freeze": "SANCTION", "recall": None, "hit": "ASSAULT", "open fire": "ASSAULT",
}

# Further verbs read by their object: "expressed solidarity", "paid a visit", "voiced concern".
OBJECT_VERBS.update({"rush": None, "fly": None, "distribute": "AID", "evacuate": "AID",
                     "position": "MOBILIZE", "concentrate": None, "station": "MOBILIZE",
                     "place": None, "renew": None, "repeat": None, "forgive": "SUPPORT",
                     "boycott": "SANCTION", "register": None, "lodge": None, "hand": None})
OBJECT_VERBS.update({"express": None, "voice": None, "pay": None, "attend": None, "receive": "CONSULT",
                     "airlift": "AID",
                     "dispatch": "MOBILIZE", "join": None, "hold": None, "win": None})

# Event nouns, as objects of the verbs above or heads of their own phrase.
NOUN_EVENTS = _table({
    "AGREE": "agreement accord deal pact treaty truce ceasefire cease-fire armistice consensus"
             " compromise settlement memorandum protocol pledge promise commitment understanding"
             " concession",
    "CONSULT": "talks talk meeting consultations consultation negotiations negotiation summit"
               " visit conference discussions discussion dialogue call mediation",
    "SUPPORT": "support backing endorsement praise apology condolences congratulations approval"
               " recognition",
    "COOPERATE": "cooperation co-operation collaboration partnership intelligence information"
                 " evidence ties relations exercise",
    "AID": "aid assistance help weapons arms ammunition munitions equipment loan loans grant"
           " grants credit funds funding money food medicine medicines supplies relief shelter"
           " asylum vaccines tanks missiles shells jets howitzers",
    "RETREAT": "withdrawal pullout pull-out retreat troops forces soldiers prisoners hostages"
               " detainees captives",
    "REQUEST": "appeal request demand demands plea call",
    "ACCUSE": "accusation accusations allegation allegations criticism condemnation complaint"
              " charges investigation inquiry probe lawsuit",
    "REJECT": "rejection refusal veto denial",
    "THREATEN": "threat threats ultimatum warning",
    "PROTEST": "protest protests demonstration demonstrations rally rallies march marches riot"
               " riots strike strikes sit-in walkout boycott",
    "SANCTION": "sanctions sanction embargo embargoes blockade",
    "MOBILIZE": "mobilization mobilisation deployment alert drills maneuvers manoeuvres",
    "COERCE": "curfew arrest arrests crackdown ban restrictions restriction censorship raid"
              " raids siege",
    "ASSAULT": "attack attacks offensive assault strike airstrike airstrikes air-strike raid"
               " bombing bombings shelling invasion fire fighting clashes ambush massacre"
               " assassination incursion operation war",
})

# Further event nouns of political news by type.
NOUN_EVENTS.update(_table({
    "AGREE": "offer proposal ratification reconciliation",
    "CONSULT": "trip tour videoconference teleconference round",
    "SUPPORT": "solidarity sympathy tribute gratitude thanks appreciation",
    "CONCEDE": "amnesty pardon resignation",
    "COOPERATE": "alliance",
    "AID": "donation donations contribution contributions bailout subsidies peacekeepers"
           " reconstruction",
    "RETREAT": "pullback disarmament demobilization demobilisation swap",
    "REQUEST": "petition plea urging",
    "ACCUSE": "complaint complaints rebuke reproach censure denunciation indictment lawsuit"
              " suit",
    "REJECT": "objection objections dismissal",
    "THREATEN": "intimidation",
    "PROTEST": "vigil sit-in unrest uprising picket",
    "SANCTION": "tariffs tariff penalties expulsion expulsions suspension",
    "MOBILIZE": "buildup build-up reinforcements conscription",
    "COERCE": "detention detentions imprisonment deportation deportations repression"
              " confiscation seizure expropriation",
    "ASSAULT": "bombardment killing killings explosion skirmish skirmishes firefight battle"
               " hostilities kidnapping kidnappings abduction shootout",
}))

# Relief goods as objects of a transfer verb ("rushed tents and blankets to ...").
NOUN_EVENTS.update(_table({"AID": "tents blankets clothing rice wheat grain flour fuel doctors"
                                  " generators"}))

# Per verb, objects that change the type from NOUN_EVENTS' reading.
VERB_OBJECT_OVERRIDES: dict[tuple[str, str], str] = {
    ("impose", "curfew"): "COERCE", ("impose", "restrictions"): "COERCE",
    ("impose", "restriction"): "COERCE", ("impose", "ban"): "COERCE",
    ("impose", "law"): "COERCE", ("declare", "law"): "COERCE",
    ("declare", "emergency"): "COERCE", ("impose", "blockade"): "SANCTION",
    ("lift", "sanctions"): "CONCEDE", ("lift", "sanction"): "CONCEDE",
    ("lift", "embargo"): "CONCEDE", ("lift", "ban"): "CONCEDE", ("lift", "restrictions"): "CONCEDE",
    ("lift", "curfew"): "CONCEDE", ("lift", "blockade"): "RETREAT", ("lift", "siege"): "RETREAT",
    ("ease", "sanctions"): "CONCEDE", ("ease", "restrictions"): "CONCEDE",
    ("ease", "restriction"): "CONCEDE", ("ease", "blockade"): "RETREAT",
    ("relax", "restrictions"): "CONCEDE", ("cancel", "restrictions"): "CONCEDE",
    ("end", "sanctions"): "CONCEDE", ("end", "blockade"): "RETREAT", ("end", "siege"): "RETREAT",
    ("cut", "ties"): "SANCTION", ("cut", "relations"): "SANCTION", ("cut", "aid"): "SANCTION",
    ("cut", "assistance"): "SANCTION", ("break", "ties"): "SANCTION",
    ("break", "relations"): "SANCTION", ("sever", "ties"): "SANCTION",
    ("suspend", "talks"): "SANCTION", ("suspend", "aid"): "SANCTION",
    ("halt", "aid"): "SANCTION", ("stop", "aid"): "SANCTION", ("halt", "talks"): "SANCTION",
    ("freeze", "assets"): "SANCTION", ("close", "embassy"): "SANCTION",
    ("close", "border"): "COERCE", ("close", "newspaper"): "COERCE", ("close", "newspapers"): "COERCE",
    ("close", "station"): "COERCE", ("close", "stations"): "COERCE", ("close", "media"): "COERCE",
    ("use", "gas"): "COERCE", ("use", "force"): "COERCE", ("recall", "ambassador"): "SANCTION",
    ("recall", "envoy"): "SANCTION", ("withdraw", "ambassador"): "SANCTION",
    ("withdraw", "support"): "SANCTION", ("withdraw", "recognition"): "SANCTION",
    ("expel", "diplomats"): "SANCTION", ("expel", "diplomat"): "SANCTION",
    ("expel", "ambassador"): "SANCTION",
    ("establish", "relations"): "COOPERATE", ("establish", "ties"): "COOPERATE",
    ("restore", "relations"): "COOPERATE", ("restore", "ties"): "COOPERATE",
    ("resume", "relations"): "COOPERATE", ("resume", "ties"): "COOPERATE",
    ("hold", "exercise"): "MOBILIZE", ("hold", "exercises"): "MOBILIZE",
    ("conduct", "exercise"): "MOBILIZE", ("conduct", "exercises"): "MOBILIZE",
    ("stage", "exercises"): "MOBILIZE", ("hold", "drills"): "MOBILIZE",
    ("hold", "hostage"): "ASSAULT", ("take", "hostage"): "ASSAULT",
    ("send", "troops"): "MOBILIZE", ("send", "forces"): "MOBILIZE", ("send", "soldiers"): "MOBILIZE",
    ("deploy", "troops"): "MOBILIZE", ("move", "troops"): "MOBILIZE",
    ("withdraw", "troops"): "RETREAT", ("withdraw", "forces"): "RETREAT",
    ("pull", "troops"): "RETREAT", ("release", "prisoners"): "RETREAT",
    ("release", "hostages"): "RETREAT", ("release", "statement"): None, ("release", "report"): None,
    ("release", "video"): None, ("release", "details"): None, ("release", "data"): None,
    ("release", "figures"): None, ("release", "results"): None, ("release", "list"): None, ("free", "hostages"): "RETREAT",
    ("go", "strike"): "PROTEST", ("stage", "strike"): "PROTEST", ("call", "strike"): "PROTEST",
    ("launch", "strike"): "ASSAULT", ("carry", "strike"): "ASSAULT",
    ("take", "street"): "PROTEST", ("take", "streets"): "PROTEST",
    ("fire", "rockets"): "ASSAULT", ("fire", "missiles"): "ASSAULT", ("fire", "shots"): "ASSAULT",
    ("fire", "shells"): "ASSAULT", ("fire", "mortars"): "ASSAULT", ("fire", "rocket"): "ASSAULT",
    ("fire", "missile"): "ASSAULT", ("fire", "tear"): "COERCE", ("fire", "gas"): "COERCE",
    ("put", "alert"): "MOBILIZE", ("raise", "alert"): "MOBILIZE",
    ("issue", "warning"): "THREATEN", ("issue", "ultimatum"): "THREATEN",
    ("make", "threat"): "THREATEN", ("make", "threats"): "THREATEN",
    ("sell", "weapons"): "AID", ("sell", "arms"): "AID",
    ("accept", "proposal"): "AGREE", ("accept", "offer"): "AGREE", ("accept", "plan"): "AGREE",
    ("return", "prisoners"): "RETREAT", ("hand", "prisoners"): "RETREAT",
    ("drop", "demand"): "CONCEDE", ("drop", "demands"): "CONCEDE", ("drop", "charges"): "CONCEDE",
    ("abandon", "plan"): "CONCEDE", ("step", "down"): "CONCEDE",
    ("order", "troops"): "MOBILIZE", ("increase", "aid"): "AID", ("boost", "aid"): "AID",
    ("pass", "resolution"): None, ("adopt", "resolution"): None,
}

# Further verb + object readings.
VERB_OBJECT_OVERRIDES.update({
    ("express", "concern"): "ACCUSE", ("voice", "concern"): "ACCUSE",
    ("express", "outrage"): "ACCUSE", ("express", "regret"): "ACCUSE",
    ("express", "support"): "SUPPORT", ("voice", "support"): "SUPPORT",
    ("offer", "condolences"): "SUPPORT", ("send", "condolences"): "SUPPORT",
    ("send", "congratulations"): "SUPPORT", ("send", "message"): None,
    ("send", "envoy"): "CONSULT", ("send", "delegation"): "CONSULT",
    ("send", "warships"): "MOBILIZE", ("send", "ships"): "MOBILIZE",
    ("send", "reinforcements"): "MOBILIZE", ("send", "peacekeepers"): "AID",
    ("pay", "tribute"): "SUPPORT", ("pay", "compensation"): "AID",
    ("grant", "amnesty"): "CONCEDE", ("grant", "pardon"): "CONCEDE",
    ("join", "forces"): "COOPERATE", ("join", "alliance"): "COOPERATE",
    ("join", "coalition"): "COOPERATE", ("join", "protest"): "PROTEST",
    ("join", "protests"): "PROTEST", ("join", "talks"): "CONSULT",
    ("lift", "tariffs"): "CONCEDE", ("cut", "tariffs"): "CONCEDE",
    ("impose", "tariffs"): "SANCTION", ("raise", "tariffs"): "SANCTION",
    ("impose", "penalties"): "SANCTION", ("impose", "fine"): "COERCE",
    ("seize", "control"): "ASSAULT", ("take", "control"): "ASSAULT",
    ("hold", "referendum"): None, ("hold", "election"): None, ("hold", "elections"): None,
    ("issue", "statement"): None, ("make", "statement"): None,
    ("file", "complaint"): "ACCUSE", ("lodge", "complaint"): "ACCUSE",
    ("file", "lawsuit"): "ACCUSE", ("bring", "charges"): "ACCUSE",
    ("press", "charges"): "ACCUSE", ("level", "accusations"): "ACCUSE",
    ("reject", "accusations"): "REJECT", ("reject", "allegations"): "REJECT",
    ("deny", "accusations"): "REJECT", ("deny", "allegations"): "REJECT",
    ("close", "airspace"): "SANCTION", ("close", "consulate"): "SANCTION",
    ("reopen", "embassy"): "COOPERATE", ("open", "embassy"): "COOPERATE",
    ("block", "resolution"): "REJECT", ("block", "road"): "PROTEST", ("block", "roads"): "PROTEST",
    ("storm", "parliament"): "PROTEST", ("set", "fire"): "ASSAULT",
    ("declare", "ceasefire"): "AGREE", ("declare", "truce"): "AGREE",
    ("win", "support"): None, ("win", "election"): None,
    ("take", "refugees"): "AID", ("host", "refugees"): "AID", ("shelter", "refugees"): "AID",
    ("leave", "positions"): "RETREAT", ("leave", "territory"): "RETREAT",
    ("leave", "base"): "RETREAT", ("abandon", "positions"): "RETREAT",
    ("block", "highway"): "PROTEST", ("block", "highways"): "PROTEST",
    ("block", "street"): "PROTEST", ("block", "streets"): "PROTEST",
    ("block", "railway"): "PROTEST", ("block", "bridge"): "PROTEST",
})

# Conceding by object, extraditing by handing over suspects, protesting diplomatically
# (a note of protest is an accusation; PLOVER PROTEST is collective civilian action),
# boycotting talks (a refusal) or goods (a protest), moving weapons to a front.
VERB_OBJECT_OVERRIDES.update({
    ("grant", "autonomy"): "CONCEDE", ("grant", "independence"): "CONCEDE",
    ("make", "concessions"): "CONCEDE", ("make", "concession"): "CONCEDE",
    ("drop", "objections"): "CONCEDE", ("drop", "objection"): "CONCEDE",
    ("drop", "opposition"): "CONCEDE", ("drop", "claim"): "CONCEDE", ("drop", "claims"): "CONCEDE",
    ("drop", "veto"): "CONCEDE", ("lift", "veto"): "CONCEDE", ("withdraw", "objections"): "CONCEDE",
    ("withdraw", "objection"): "CONCEDE", ("withdraw", "demand"): "CONCEDE",
    ("withdraw", "demands"): "CONCEDE", ("accept", "responsibility"): "CONCEDE",
    ("admit", "responsibility"): "CONCEDE", ("concede", "defeat"): "CONCEDE",
    ("hand", "suspects"): "COOPERATE", ("hand", "suspect"): "COOPERATE",
    ("hand", "fugitive"): "COOPERATE", ("hand", "fugitives"): "COOPERATE",
    ("hand", "traffickers"): "COOPERATE", ("hand", "criminals"): "COOPERATE",
    ("lodge", "protest"): "ACCUSE", ("file", "protest"): "ACCUSE", ("deliver", "protest"): "ACCUSE",
    ("receive", "protest"): "ACCUSE",
    ("send", "protest"): "ACCUSE", ("register", "protest"): "ACCUSE", ("issue", "protest"): "ACCUSE",
    ("make", "protest"): "ACCUSE", ("lodge", "note"): "ACCUSE",
    ("boycott", "talks"): "REJECT", ("boycott", "negotiations"): "REJECT",
    ("boycott", "meeting"): "REJECT", ("boycott", "conference"): "REJECT",
    ("boycott", "summit"): "REJECT", ("boycott", "session"): "REJECT",
    ("boycott", "goods"): "PROTEST", ("boycott", "shops"): "PROTEST", ("boycott", "products"): "PROTEST",
    ("boycott", "elections"): "PROTEST", ("boycott", "election"): "PROTEST", ("boycott", "classes"): "PROTEST",
    ("move", "tanks"): "MOBILIZE", ("move", "artillery"): "MOBILIZE", ("move", "missiles"): "MOBILIZE",
    ("move", "warships"): "MOBILIZE", ("place", "alert"): "MOBILIZE", ("place", "footing"): "MOBILIZE",
    ("put", "footing"): "MOBILIZE", ("impose", "emergency"): "COERCE", ("impose", "martial"): "COERCE",
    ("forgive", "debt"): "AID", ("forgive", "debts"): "AID", ("cancel", "debt"): "AID",
    ("cancel", "debts"): "AID", ("renew", "call"): "REQUEST", ("repeat", "call"): "REQUEST",
    ("renew", "appeal"): "REQUEST", ("renew", "demand"): "REQUEST",
})

# Lifting an emergency, banning trade, suspending membership, cutting troop numbers, and
# expelling people who are not diplomats (CAMEO 174 deport: COERCE).
VERB_OBJECT_OVERRIDES.update({
    ("lift", "emergency"): "CONCEDE", ("lift", "law"): "CONCEDE", ("end", "emergency"): "CONCEDE",
    ("end", "law"): "CONCEDE", ("revoke", "emergency"): "CONCEDE",
    ("ban", "imports"): "SANCTION", ("ban", "exports"): "SANCTION", ("ban", "trade"): "SANCTION",
    ("ban", "flights"): "SANCTION", ("halt", "imports"): "SANCTION", ("stop", "imports"): "SANCTION",
    ("suspend", "imports"): "SANCTION", ("restrict", "imports"): "SANCTION",
    ("suspend", "flights"): "SANCTION", ("suspend", "trade"): "SANCTION", ("halt", "trade"): "SANCTION",
    ("cut", "trade"): "SANCTION", ("suspend", "membership"): "SANCTION", ("expel", "envoy"): "SANCTION",
    ("suspend", "cooperation"): "SANCTION", ("halt", "cooperation"): "SANCTION",
    ("suspend", "relations"): "SANCTION", ("downgrade", "relations"): "SANCTION",
    ("cut", "troops"): "RETREAT", ("reduce", "troops"): "RETREAT", ("reduce", "forces"): "RETREAT",
    ("expel", "journalists"): "COERCE", ("expel", "journalist"): "COERCE",
    ("expel", "correspondent"): "COERCE", ("expel", "reporters"): "COERCE",
    ("expel", "workers"): "COERCE", ("expel", "immigrants"): "COERCE", ("expel", "refugees"): "COERCE",
    ("expel", "nationals"): "COERCE", ("expel", "missionaries"): "COERCE",
    ("send", "doctors"): "AID", ("send", "rescuers"): "AID", ("send", "food"): "AID",
    ("hold", "talks"): "CONSULT", ("resume", "talks"): "CONSULT",
    # summoning a foreign envoy is a formal protest to the government (CAMEO 11: disapprove)
    ("summon", "ambassador"): "ACCUSE", ("summon", "envoy"): "ACCUSE", ("summon", "diplomat"): "ACCUSE",
    ("summon", "charge"): "ACCUSE",
    # forces evacuating a place leave it (RETREAT); evacuating people stays AID
    ("evacuate", "town"): "RETREAT", ("evacuate", "city"): "RETREAT", ("evacuate", "village"): "RETREAT",
    ("evacuate", "base"): "RETREAT", ("evacuate", "positions"): "RETREAT", ("evacuate", "garrison"): "RETREAT",
    ("throw out", "diplomats"): "SANCTION", ("throw out", "diplomat"): "SANCTION",
})

# Ending one's own protest concedes (CAMEO 0832 ease popular dissent); charging someone "with"
# a crime stays an accusation (PLOVER ACCUSE covers legal charges), putting them on trial is
# legal coercion (CAMEO 173); halting negotiations reduces
# relations (CAMEO 164); ties strengthened are cooperation, not aid. Keys may be phrasal
# verbs ("call off").
VERB_OBJECT_OVERRIDES.update({
    ("call off", "strike"): "CONCEDE", ("call off", "protest"): "CONCEDE",
    ("call off", "protests"): "CONCEDE", ("call off", "demonstration"): "CONCEDE",
    ("call off", "boycott"): "CONCEDE", ("call off", "march"): "CONCEDE",
    ("call off", "talks"): "SANCTION", ("call off", "visit"): "SANCTION",
    ("end", "strike"): "CONCEDE", ("end", "protest"): "CONCEDE", ("end", "protests"): "CONCEDE",
    ("end", "boycott"): "CONCEDE", ("end", "sit-in"): "CONCEDE", ("suspend", "strike"): "CONCEDE",
    ("suspend", "protest"): "CONCEDE", ("suspend", "protests"): "CONCEDE",
    ("abandon", "strike"): "CONCEDE", ("halt", "protests"): "CONCEDE",
    ("meet", "demands"): "CONCEDE", ("meet", "demand"): "CONCEDE", ("accept", "demands"): "CONCEDE",
    ("accept", "demand"): "CONCEDE", ("give in", "demands"): "CONCEDE",
    ("put", "trial"): "COERCE", ("bring", "trial"): "COERCE",
    ("halt", "negotiations"): "SANCTION", ("suspend", "negotiations"): "SANCTION",
    ("break off", "negotiations"): "SANCTION", ("break off", "talks"): "SANCTION",
    ("freeze", "talks"): "SANCTION", ("freeze", "negotiations"): "SANCTION",
    ("boost", "ties"): "COOPERATE", ("boost", "trade"): "COOPERATE", ("boost", "cooperation"): "COOPERATE",
    ("increase", "trade"): "COOPERATE", ("increase", "cooperation"): "COOPERATE",
    ("expand", "ties"): "COOPERATE", ("expand", "trade"): "COOPERATE", ("expand", "cooperation"): "COOPERATE",
    ("strengthen", "ties"): "COOPERATE", ("strengthen", "relations"): "COOPERATE",
    ("strengthen", "cooperation"): "COOPERATE", ("improve", "relations"): "COOPERATE",
    ("improve", "ties"): "COOPERATE", ("deepen", "ties"): "COOPERATE", ("deepen", "cooperation"): "COOPERATE",
    ("upgrade", "relations"): "COOPERATE", ("upgrade", "ties"): "COOPERATE",
})
OBJECT_VERBS.update({"expand": None, "strengthen": None, "improve": None, "deepen": None,
                     "upgrade": None, "bring": None, "order": None})


# Further news verbs by type (each from its PLOVER definition): killing and burning, flogging
# and barring, patrolling and test-firing, implicating, briefing, investing.
VERB_EVENTS.update(_table({
    "ASSAULT": "slay burn sink hack snipe battle ram hurl lob machine-gun",
    "COERCE": "flog whip cane jam interrogate nab bar",
    "PROTEST": "barricade",
    "MOBILIZE": "patrol test-fire",
    "ACCUSE": "implicate",
    "CONSULT": "brief",
    "COOPERATE": "invest",
}))
# Persuading is an appeal, deriding and regretting disapprove, repelling and retaliating are
# armed acts, favouring and embracing support (each by its PLOVER definition).
VERB_EVENTS.update(_table({
    "REQUEST": "persuade convince",
    "ACCUSE": "arraign deride mock regret lament",
    "ASSAULT": "retaliate repel repulse counterattack",
    "SUPPORT": "favour favor appreciate embrace",
    "COERCE": "fine purge",
    "CONCEDE": "tolerate",
}))
OBJECT_VERBS.update({"revoke": "COERCE", "bolster": None, "beef": None, "tighten": None,
                     "test": None, "settle": None, "vote": None})
VERB_OBJECT_OVERRIDES.update({
    ("tighten", "security"): "MOBILIZE", ("increase", "security"): "MOBILIZE",
    ("boost", "security"): "MOBILIZE", ("beef up", "security"): "MOBILIZE",
    ("step up", "security"): "MOBILIZE", ("step up", "patrols"): "MOBILIZE",
    ("step up", "attacks"): "ASSAULT", ("test", "missile"): "MOBILIZE", ("test", "missiles"): "MOBILIZE",
    ("conduct", "test"): "MOBILIZE", ("conduct", "tests"): "MOBILIZE", ("carry", "test"): "MOBILIZE",
    ("end", "occupation"): "RETREAT", ("reopen", "border"): "CONCEDE", ("reopen", "crossing"): "CONCEDE",
    ("reopen", "crossings"): "CONCEDE", ("cancel", "visit"): "SANCTION", ("cancel", "trip"): "SANCTION",
    ("deny", "visa"): "SANCTION", ("deny", "visas"): "SANCTION", ("settle", "dispute"): "AGREE",
    ("settle", "differences"): "AGREE", ("lend", "support"): "SUPPORT", ("blast", "for"): "ACCUSE",
})

# Questioning a suspect or a decision (CAMEO 09 investigate, 11 disapprove), opening a case,
# force used on a crowd with water cannon or batons (CAMEO 175).
VERB_EVENTS.update(_table({"ACCUSE": "question"}))
OBJECT_VERBS.update({"open": None})
VERB_OBJECT_OVERRIDES.update({
    ("open", "case"): "ACCUSE", ("file", "case"): "ACCUSE", ("bring", "case"): "ACCUSE",
    ("file", "suit"): "ACCUSE", ("use", "cannon"): "COERCE", ("use", "cannons"): "COERCE",
    ("use", "batons"): "COERCE", ("use", "bullets"): "COERCE",
    # a military presence increased is forces moved in (CAMEO 15)
    ("increase", "presence"): "MOBILIZE", ("boost", "presence"): "MOBILIZE",
    ("strengthen", "presence"): "MOBILIZE", ("expand", "presence"): "MOBILIZE",
    ("step up", "presence"): "MOBILIZE", ("beef up", "presence"): "MOBILIZE",
})

# Verbs that end or suspend an act, and what ending each kind of act is (CAMEO 08 yield and
# 16 reduce relations): lifting a curfew or ending a strike concedes, halting an offensive
# de-escalates (RETREAT), suspending aid or talks reduces relations (SANCTION).
ENDING_VERBS = frozenset(
    "end lift ease relax halt stop suspend cease cancel abandon drop scrap revoke remove"
    " terminate discontinue freeze cut reduce curtail slash".split()
)
ENDED = {"COERCE": "CONCEDE", "SANCTION": "CONCEDE", "THREATEN": "CONCEDE",
         "ASSAULT": "RETREAT", "MOBILIZE": "RETREAT",
         "AID": "SANCTION", "COOPERATE": "SANCTION", "CONSULT": "SANCTION"}
# "ended a three-day visit", "the talks ended": a meeting that ends has taken place, only one
# broken off or suspended reduces relations.
ENDED_CONSULT_EXCEPTIONS = frozenset({"end"})

# Words for adversaries that name whose act a noun is ("the rebel offensive").
PARTY_WORDS = frozenset(
    "rebel rebels insurgent guerrilla militant militia enemy opposition separatist terrorist".split()
)

# Verb + particle/preposition readings.
PARTICLE_EVENTS: dict[tuple[str, str], str] = {
    ("call", "on"): "REQUEST", ("call", "upon"): "REQUEST", ("call", "for"): "REQUEST",
    ("appeal", "to"): "REQUEST", ("press", "for"): "REQUEST", ("push", "for"): "REQUEST",
    ("hit", "out"): "ACCUSE", ("lash", "out"): "ACCUSE", ("speak", "out"): "ACCUSE",
    ("crack", "down"): "COERCE", ("round", "up"): "COERCE", ("shut", "down"): "COERCE",
    ("blow", "up"): "ASSAULT", ("open", "fire"): "ASSAULT", ("fire", "on"): "ASSAULT",
    ("fire", "at"): "ASSAULT", ("fire", "into"): "ASSAULT",
    ("pull", "out"): "RETREAT", ("pull", "back"): "RETREAT", ("back", "down"): "CONCEDE",
    ("step", "down"): "CONCEDE", ("give", "up"): "CONCEDE", ("hand", "over"): "RETREAT",
    ("break", "off"): "SANCTION", ("cut", "off"): "SANCTION", ("go", "on"): None,
    ("sign", "up"): "AGREE", ("team", "up"): "COOPERATE", ("walk", "out"): "PROTEST",
    ("take", "to"): None, ("turn", "down"): "REJECT", ("rule", "out"): "REJECT",
    ("speak", "with"): "CONSULT", ("talk", "with"): "CONSULT", ("speak", "to"): "CONSULT",
    ("speak", "by"): "CONSULT", ("talk", "by"): "CONSULT",  # "spoke by telephone"
    ("throw", "out"): "REJECT",  # "the court threw out the appeal"
}

# Further verb + particle readings.
PARTICLE_EVENTS.update({
    ("stand", "by"): "SUPPORT", ("stand", "with"): "SUPPORT", ("side", "with"): "SUPPORT",
    ("reach", "out"): "CONSULT", ("sit", "down"): "CONSULT", ("meet", "with"): "CONSULT",
    ("give", "in"): "CONCEDE", ("cave", "in"): "CONCEDE", ("back", "off"): "CONCEDE",
    ("stand", "down"): "RETREAT", ("hand", "back"): "RETREAT", ("move", "out"): "RETREAT",
    ("walk", "away"): "REJECT", ("brush", "aside"): "REJECT", ("turn", "away"): "REJECT",
    ("rail", "against"): "ACCUSE", ("point", "finger"): "ACCUSE",
    ("build", "up"): "MOBILIZE", ("call", "up"): "MOBILIZE", ("mass", "along"): "MOBILIZE",
    ("clamp", "down"): "COERCE", ("close", "down"): "COERCE", ("lock", "up"): "COERCE",
    ("shoot", "down"): "ASSAULT", ("gun", "down"): "ASSAULT", ("mow", "down"): "ASSAULT",
    ("wipe", "out"): "ASSAULT", ("beat", "up"): "ASSAULT", ("fire", "upon"): "ASSAULT",
    ("take", "over"): "ASSAULT", ("cut", "back"): None,
    # "attacked X for its policy": a verbal attack; "protested to Beijing": a diplomatic note
    ("attack", "for"): "ACCUSE", ("attack", "over"): "ACCUSE", ("protest", "to"): "ACCUSE",
    ("call", "off"): "SANCTION", ("break", "off"): "SANCTION", ("work", "with"): "COOPERATE",
    ("write", "off"): "AID", ("set", "free"): "RETREAT",
})

# Voting, breaking up a rally, blasting a government for its policy.
PARTICLE_EVENTS.update({
    ("vote", "against"): "REJECT", ("vote", "for"): "SUPPORT", ("break", "up"): "COERCE",
    ("blast", "for"): "ACCUSE", ("blast", "over"): "ACCUSE", ("beef", "up"): "MOBILIZE",
    # yielding to another's pressure or demands ("will not bow to pressure": REJECT)
    ("bow", "to"): "CONCEDE", ("yield", "to"): "CONCEDE", ("succumb", "to"): "CONCEDE",
    ("submit", "to"): "CONCEDE",
})

# Words that head an intention: their complement's event is promised (AGREE for cooperation,
# THREATEN for material conflict).
INTENT_HEADS = frozenset(
    "vow pledge promise plan intend willing ready prepared offer agree decide expect aim"
    " propose undertake".split()
)
# Intention heads that state a decision taken: deciding to deploy or to impose sanctions is
# that act (a promise of cooperation stays AGREE).
DECISION_HEADS = frozenset({"decide"})
# Nouns that hold an intention ("its intention to withdraw", "has no plans to attack").
INTENT_NOUNS = frozenset("intention intent plan readiness willingness desire determination".split())
# Verbs that report speech or thought; they are never events themselves, and the clause they
# report is where the event is.
REPORTING_VERBS = frozenset(
    "say tell state announce add recall note stress insist explain report confirm claim believe"
    " think argue declare write remark emphasize emphasise reiterate acknowledge indicate suggest"
    " assert mention disclose reveal learn understand hope fear feel know show quote"
    " underline point predict".split()
)
# Light verbs: no event of their own, the object noun names it ("held talks").
LIGHT_VERBS = frozenset(
    "hold launch stage conduct carry mount begin start open make issue lodge file take go"
    " reach conclude seal announce set put have continue resume".split()
)

# Words that pick a PLOVER mode, by type.
MODE_WORDS: dict[str, dict[str, str]] = {
    "CONSULT": _table({
        "phone": "telephone phone call phoned telephoned",
        "visit": "visit tour",
        "host": "host receive",
        "third-party": "mediate mediation mediator broker",
        "multilateral": "summit conference multilateral",
    }),
    "AID": _table({
        "military": "weapons arms ammunition munitions military tanks missiles shells jets"
                    " howitzers equipment troops defense defence",
        "humanitarian": "food medicine medicines humanitarian relief shelter evacuate rescue"
                        " vaccines refugees medical",
        "economic": "loan loans grant grants credit funds funding money financial economic"
                    " budget investment",
        "asylum": "asylum",
    }),
    "ACCUSE": _table({
        "disapprove": "criticize criticise condemn denounce deplore slam censure rebuke decry"
                      " lambast castigate chide criticism condemnation scold disapprove",
        "investigate": "investigate probe investigation inquiry",
    }),
    "PROTEST": _table({
        "demo": "demonstrate demonstration demonstrations rally rallies march marches protest"
                " protests picket",
        "riot": "riot riots",
        "strike": "strike strikes walkout",
        "strike-hun": "hunger",
        "obstruct": "blockade sit-in block",
    }),
    "COERCE": _table({
        "arrest": "arrest arrests detain jail imprison",
        "deport": "deport expel evict",
        "confiscate": "seize confiscate",
        "destroy": "demolish raze bulldoze destroy",
        "ban": "ban outlaw",
        "censor": "censor censorship muzzle newspaper newspapers media",
        "curfew": "curfew",
        "martial-law": "martial emergency",
        "restrict": "restrict restrictions restriction",
    }),
    "ASSAULT": _table({
        "firearms": "shoot fire gunfire gunmen guns rifles shots",
        "explosives": "bomb bombing bombings explosive explosives blast firebomb explode",
        "heavy-weapons": "shell shelling artillery rocket rockets mortar mortars tanks missile"
                         " missiles",
        "aerial": "airstrike airstrikes air-strike aircraft warplanes jets helicopter drones drone",
        "assassinate": "assassinate assassination",
        "beat": "beat",
        "torture": "torture",
        "abduct": "kidnap abduct hostage hostages",
    }),
    "MOBILIZE": _table({
        "troops": "troops forces soldiers deploy deployment mobilize mobilise",
        "alert": "alert",
    }),
    "SANCTION": _table({
        "relations": "relations ties diplomats ambassador envoy embassy",
        "embargo": "embargo embargoes",
    }),
    "THREATEN": {},
}
# The mode of a threat follows what is threatened.
THREAT_MODES = {"ASSAULT": "violence", "MOBILIZE": "violence", "SANCTION": "sanction",
                "COERCE": "restrict"}

# Nouns that name an event only as a verb's object ("sent weapons", "withdrew troops"), never
# alone: a sentence that merely mentions troops or relations states no event.
OBJECT_ONLY_NOUNS = frozenset(
    "weapons arms ammunition munitions equipment funds funding money food medicine medicines"
    " supplies shelter tanks missiles shells jets howitzers troops forces soldiers prisoners"
    " hostages detainees captives intelligence information evidence ties relations exercise"
    " credit relief vaccines understanding commitment promise pledge call help support"
    " operation war fire fighting tents blankets clothing rice wheat grain flour fuel doctors"
    " generators".split()
)
# Verbs that hand something over: with a supportive object they are AID ("provided military
# support"), otherwise the object's own type.
TRANSFER_VERBS = frozenset(
    "provide give send deliver supply ship grant transfer allocate sell extend increase boost"
    " donate dispatch rush fly distribute airlift".split()
)
# Words before "strike" that make it a military strike rather than a labour one.
MILITARY_STRIKE_WORDS = frozenset(
    "air missile drone military rocket artillery aerial retaliatory preemptive pre-emptive"
    " nuclear naval precision".split()
)
# Intention heads that hand their type to the complement ("vowed to retaliate" THREATEN,
# "pledged to send aid" AGREE); "agree" and "threaten" keep their own type.
DELEGATING_HEADS = frozenset(
    "vow pledge promise plan intend willing ready prepared offer decide expect aim propose"
    " undertake".split()
)
# Verbs that break what their object names ("violated the ceasefire", "flouted the embargo"):
# the object's act is not done; a truce broken is a fight (CAMEO 196 "violate ceasefire").
BREAKING_VERBS = frozenset("violate breach flout break defy undermine sabotage wreck".split())
VERB_OBJECT_OVERRIDES.update({(verb, noun): "ASSAULT" for verb in BREAKING_VERBS
                              for noun in ("ceasefire", "cease-fire", "truce", "armistice")})
# Prepositions whose object is the recipient, in order of preference.
RECIPIENT_PREPS = ("to", "against", "with", "on", "upon", "at", "toward", "towards", "into", "for",
                   "from", "of", "over", "between")
# Words read both in finding triggers and in finding parties.
# "millions of refugees", "dozens of soldiers": the counted noun is the real object or party.
QUANTITY_HEADS = frozenset({"million", "thousand", "hundred", "dozen", "score", "number", "group"})
# Nouns for armed forces as a verb's object: withdrawn, or sent and massed.
TROOP_NOUNS = frozenset({"troops", "troop", "forces", "force", "soldiers", "units", "battalions",
                         "divisions", "brigades", "tanks", "warships"})

# Wrongs one party is said to do to another (CAMEO 112 accuse): reported, they are the
# speaker's accusation ("said Washington was meddling", "said troops committed atrocities").
WRONGDOING_VERBS = frozenset(
    "destabilize destabilise interfere meddle provoke sabotage undermine incite lie spy harbor harbour"
    " persecute oppress mistreat discriminate".split()
)
WRONGDOING_NOUNS = frozenset(
    "interference meddling aggression atrocity atrocities crime crimes abuse abuses violation violations"
    " genocide provocation provocations espionage".split()
)

# Blocking movement (CAMEO 191), bombs tearing through a place, arms laid down (CAMEO 0873).
NOUN_EVENTS.update(_table({"COERCE": "roadblock roadblocks checkpoint checkpoints"}))
PARTICLE_EVENTS.update({("rip", "through"): "ASSAULT", ("tear", "through"): "ASSAULT",
                        ("seal", "off"): "COERCE", ("cordon", "off"): "COERCE"})
VERB_OBJECT_OVERRIDES.update({("lay down", "arms"): "RETREAT", ("lay down", "weapons"): "RETREAT",
                              ("hand over", "weapons"): "RETREAT", ("hand over", "arms"): "RETREAT",
                              ("give up", "arms"): "RETREAT", ("give up", "weapons"): "RETREAT"})
OBJECT_VERBS.update({"lay": None})

# Further verbs by their PLOVER definitions: ground taken back or annexed and rulers overthrown
# by force (ASSAULT), people banished or silenced (COERCE), claims disputed and talks stalled
# (REJECT), people sent home (RETREAT: CAMEO 0841 return persons), visits put off (SANCTION).
VERB_EVENTS.update(_table({
    "ASSAULT": "annex recapture retake topple overthrow depose oust blitz mutilate decapitate pillage",
    "COERCE": "banish exile silence",
    "REJECT": "contest dispute obstruct stall scorn",
    "RETREAT": "repatriate",
}))
OBJECT_VERBS.update({"postpone": None, "delay": None, "put off": None})
VERB_OBJECT_OVERRIDES.update({(verb, noun): "SANCTION" for verb in ("postpone", "delay", "put off")
                              for noun in ("talks", "visit", "trip", "negotiations", "meeting", "summit")})
VERB_OBJECT_OVERRIDES.update({(verb, noun): "SANCTION" for verb in ("walk out", "pull out")
                              for noun in ("talks", "negotiations", "meeting", "conference", "summit")})
# Answering with force is an armed act ("will respond with force": promised, a threat); what
# is answered ("responded to the threat") is not the act.
PARTICLE_EVENTS.update({("hit", "back"): "ASSAULT", ("strike", "back"): "ASSAULT"})
VERB_OBJECT_OVERRIDES.update({(verb, noun): "ASSAULT" for verb in ("respond", "react", "retaliate")
                              for noun in ("force", "strikes", "attacks", "fire")})

# Yielding (CAMEO 08): parties and people made lawful again or restored (0811-0812), curbs and
# closures eased (081), another's demand agreed to (083); a state of siege or emergency ended.
VERB_EVENTS.update(_table({"CONCEDE": "legalize legalise unban rehabilitate"}))
NOUN_EVENTS.update(_table({"COERCE": "curb curbs closure"}))
VERB_OBJECT_OVERRIDES.update({(verb, noun): "CONCEDE" for verb in ("agree", "accede", "consent", "yield", "bow")
                              for noun in ("demand", "demands", "request", "requests", "call", "calls")})
VERB_OBJECT_OVERRIDES.update({(verb, noun): "CONCEDE" for verb in ("restore", "return", "grant", "guarantee")
                              for noun in ("rights", "freedom", "freedoms", "liberties", "citizenship",
                                           "constitution", "democracy")})
VERB_OBJECT_OVERRIDES.update({(verb, "state"): "CONCEDE" for verb in ("end", "lift", "revoke", "cancel")})
