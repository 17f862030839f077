"""Word lists the events party finder reads (``events_parties``): common nouns for people
and bodies that are parties without a name, armed groups and crowds, nouns of place."""

from __future__ import annotations

# Common nouns for people and bodies that are parties without a named entity.
ACTOR_NOUNS = frozenset({
    "government", "army", "military", "police", "troops", "forces", "rebels", "militants",
    "protesters", "demonstrators", "officials", "ministry", "minister", "president",
    "leader", "leaders", "authorities", "soldiers", "insurgents", "guerrillas", "opposition",
    "students", "workers", "people", "residents", "civilians", "villagers", "refugees",
    "parliament", "court", "regime", "side", "sides", "delegation", "negotiators", "gunmen",
    "protester", "demonstrator", "official", "rebel", "militant", "soldier", "insurgent",
    "guerrilla", "student", "worker", "resident", "civilian", "villager", "refugee",
    "negotiator", "activist", "activists", "gunman", "troop", "force", "authority", "junta",
    "administration", "cabinet", "fighter", "fighters", "bomber", "bombers", "rioter", "rioters",
    "mob", "crowd", "youths", "youth", "security", "guard", "guards", "separatist", "separatists",
    # more people and bodies of wire news: groups, armed men, office holders, the press
    "supporters", "supporter", "followers", "members", "member", "farmers", "miners", "teachers",
    "doctors", "journalists", "journalist", "reporters", "reporter", "dissidents", "dissident",
    "exiles", "prisoners", "prisoner", "inmates", "detainees", "strikers", "marchers", "peasants",
    "settlers", "militia", "militias", "militiamen", "commandos", "paratroopers", "marines",
    "navy", "warplanes", "jets", "planes", "aircraft", "helicopters", "gunboats", "artillery",
    "gunners", "tanks", "warships", "men", "extremists", "terrorists", "fundamentalists",
    "islamists", "hardliners", "nationalists", "kidnappers", "hijackers", "attackers",
    "assailants", "raiders", "bandits", "pirates", "diplomats", "diplomat", "envoy", "ambassador",
    "spokesman", "spokeswoman", "premier", "chancellor", "king", "general", "commander",
    "commanders", "governor", "lawmakers", "legislators", "deputies", "senators", "congress",
    "assembly", "council", "party", "movement", "unions", "union", "tribesmen", "crowds", "citizens",
    "nationals", "immigrants", "migrants", "opponents", "critics", "newspaper", "newspapers",
    "media", "embassy", "agency", "radio", "television", "state", "country", "nation",
    "policeman", "policemen", "officer", "officers", "peacekeeper", "peacekeepers", "prosecutors"})
# Armed groups and crowds: not a state's own forces, so not of the country whose voice reports them.
NON_STATE_NOUNS = frozenset({"rebel", "militant", "guerrilla", "insurgent", "gunman", "gunmen", "separatist",
                             "bomber", "kidnapper", "hijacker", "attacker", "assailant", "raider", "bandit",
                             "pirate", "extremist", "terrorist", "protester", "demonstrator", "rioter", "mob",
                             "crowd", "youth", "militiaman", "militiamen", "tribesman", "tribesmen"})
# Nouns of place a nationality word can locate ("the Afghan capital", "the Lebanese coast").
PLACE_NOUNS = frozenset({"capital", "city", "town", "village", "port", "border", "frontier", "coast",
                         "province", "region", "territory", "district", "island", "countryside",
                         "enclave", "north", "south", "east", "west", "soil", "mountains", "desert"})
