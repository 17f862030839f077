"""Political events (PLOVER) coded per sentence from the dependency parse.

``code_events(doc, entities=, quotes=, dates=, amounts=)`` returns ``newsgraph.records.Event``
records (DESIGN.md): ``type``, ``mode``, ``actor``, ``recipient``, ``date``, ``amount``,
``quote``, ``start``, ``end`` (the sentence) and ``text``. The records passed in are the
article's own (``normalise_entities``, ``find_quotes``, ``find_dates``, ``find_amounts`` over
the same text); ``amount`` and ``quote`` are indices into them. Entities are computed when not given; quotes,
dates and amounts are not (an index must point into a list the caller holds).

How a sentence is coded:
1. Triggers come from the project's lexicon (``events_lexicon``): a verb by its lemma
   ("accused"), by its particle ("called on"), or by its object noun ("imposed sanctions",
   "held talks", "provided military support"); an event noun on its own ("a ceasefire")
   only when the sentence has no verb trigger. Reporting verbs (said, recalled) are never
   events: the clause they report is coded instead, so "the minister recalled that France
   has provided military support to Ukraine" is AID FRA -> UKR.
2. Intentions follow PLOVER/CAMEO: a promised cooperative act ("will provide", "agreed to",
   "pledged to send", "is willing to withdraw") is AGREE; a promised material conflict
   ("vowed to strike", "would impose sanctions") is THREATEN. A negated cooperative act is
   REJECT; a negated conflict is no event.
3. A trigger governed by another trigger belongs to it ("accused X of attacking" is one
   ACCUSE); coordinated triggers are separate events. Within a sentence the events come in
   order of prominence (the main clause's first), one per type.
4. Actor: the clause's subject (the agent of a passive), climbing through infinitives and
   coordination; pronouns take the subject of the clause that reports them ("Syria says it
   will ..."), first person takes the country of the quotation's speaker ("asking us").
   Recipient: the indirect or direct object, then "to/against/with/on ..." phrases of the
   verb and of its object noun, the subject of a passive, a coordinated co-subject for
   joint acts ("X and Y agreed"), and last a place the act happened "in". An act the parse
   gives no subject (a headline, a fragment) takes the nearest country or international
   organisation named before it in the sentence. A phrase naming an international
   organisation ("Arab League foreign ministers") is that organisation, with no country.
   A party is an ``EventParty`` (``text``, ``name``, ``country``): the entity the phrase holds (the one at its
   head first), its canonical name and ISO3 country; an organisation's or group's country is
   null unless its name states one.
5. ``date``: the value of the DATE/TIME expression in the sentence nearest the trigger;
   ``amount``: the nearest money amount in the sentence, for AID and SANCTION (and
   promises of them); ``quote``: the quotation whose content holds the trigger.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp import events_lexicon as lex
from newsgraph.nlp.countries import (
    country_from_org,
    country_of,
    organisation_in,
    organisation_name,
    organisation_of,
)
from newsgraph.nlp.entities import normalise_entities
from newsgraph.nlp.leaders import leader_country
from newsgraph.records import Amount, Entity, Event, EventParty, Quote, Timex, replace

_SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
_PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
# Clause links through which a verb shares its governor's subject ("agreed to provide").
_SUBJECT_SHARING_DEPS = frozenset({"xcomp", "acomp", "conj", "advcl", "pcomp", "prep", "dobj", "pobj",
                                   "oprd", "attr", "ccomp", "relcl", "acl", "amod", "compound"})
# Parts of a noun phrase that are not the party itself.
_PHRASE_CUT_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "conj", "cc", "punct", "prep"})
_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})
_FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "me", "my"})
_THIRD_PERSON = frozenset({"it", "its", "they", "them", "their", "he", "him", "his", "she", "her"})
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
_DATE_TYPES = frozenset({"DATE", "TIME"})
# "millions of refugees", "dozens of soldiers": the counted noun is the real object
_QUANTITY_HEADS = frozenset({"million", "thousand", "hundred", "dozen", "score", "number", "group"})
_ADVERB_PARTICLES = frozenset({"away", "back", "down", "off", "out", "up", "over", "in", "aside"})
_MONEY_TYPES = frozenset({"AID", "SANCTION"})
# Passive forms that state the subject's own stance ("is committed to", "is prepared to").
_STATIVE_PASSIVES = frozenset({"commit", "prepare", "determine", "resolve", "dedicate", "engage",
                               "obligate", "oblige", "bind"})
# Common nouns for people and bodies that are parties without a named entity.
_ACTOR_NOUNS = frozenset({
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
    "media", "embassy", "agency", "radio", "television", "state", "country", "nation"})
# Parts of a phrase that only count what follows ("thousands of students", "dozens of rebels").
_COUNTING_HEADS = _QUANTITY_HEADS | {"thousands", "hundreds", "dozens", "scores", "millions",
                                      "crowd", "band", "handful", "busload", "contingent"}
# Verbs that move something to someone: the "to" phrase is the recipient, not the thing moved
# ("extradited two suspects to France", "handed the documents to the UN").
_MOVING_VERBS = frozenset(
    "provide give send deliver supply ship grant transfer allocate sell extend donate dispatch"
    " extradite hand return lend offer airlift pay".split())
# Nouns for armed forces as a verb's object: withdrawn, or sent and massed.
_TROOP_NOUNS = frozenset({"troops", "troop", "forces", "force", "soldiers", "units", "battalions",
                          "divisions", "brigades", "tanks", "warships"})
_TROOP_RETREAT_VERBS = frozenset({"withdraw", "pull", "return", "bring", "cut", "reduce", "remove",
                                  "recall", "evacuate", "demobilize", "demobilise"})
# Predicate adjectives that state a stance toward a party.
_ADJECTIVE_EVENTS = {"critical": "ACCUSE", "opposed": "REJECT", "supportive": "SUPPORT",
                     "hostile": "ACCUSE"}
# Kinds of support that are material (aid) rather than political.
_MATERIAL_SUPPORT = frozenset({"military", "financial", "economic", "logistical", "logistic", "material",
                               "humanitarian", "medical", "technical", "budget", "budgetary"})
# Prepositions of circumstance: their object is never what a verb acts on ("amid fighting").
_CIRCUMSTANCE_PREPS = frozenset({"amid", "amidst", "after", "before", "during", "despite", "following",
                                 "since", "until", "among", "like", "unlike", "besides", "because",
                                 "under", "per", "without"})  # "under the terms of the deal": how, not what
# Joint acts of two or more parties: a coordinated co-subject is the recipient first.
_JOINT_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# "joint patrols", "a joint investigation": acts done together are cooperation
_JOINT_NOUNS = frozenset({"patrol", "patrols", "venture", "project", "operation", "operations",
                          "investigation", "force", "effort", "mission", "exercise", "exercises",
                          "drill", "drills", "manoeuvres", "maneuvers", "program", "programme"})


@dataclass
class _Trigger:
    token: Token                 # the word that names the event
    type: str
    clause: Token                # the verb whose subject is the actor
    objects: list[Token] = field(default_factory=list)   # telling object nouns
    nominal: bool = False        # a noun trigger with no verb of its own
    complement: "_Trigger | None" = None  # the promised/threatened act of an intention head
    money: bool = False          # the act carries money (AID, SANCTION, or a promise of them)
    mode: str | None = None


def code_events(doc: Doc, *, entities: Sequence[Entity] | None = None, quotes: Sequence[Quote] = (),
                dates: Sequence[Timex] = (), amounts: Sequence[Amount] = ()) -> tuple[Event, ...]:
    """PLOVER events of a parsed text, in text order (see module doc)."""
    coder = _Coder(doc, normalise_entities(doc) if entities is None else entities, quotes, dates, amounts)
    events: list[Event] = []
    for sentence in doc.sents:
        events.extend(coder.code_sentence(sentence))
    return tuple(events)


def event_type_of(token: Token) -> tuple[str, list[Token]] | None:
    """The PLOVER type a verb or noun states by the lexicon, with the object nouns that told it."""
    if token.pos_ in {"VERB", "AUX"} or (token.pos_ == "ADJ" and token.tag_ == "VBN"):
        return _verb_type(token)
    if token.pos_ == "ADJ" and token.dep_ in {"acomp", "oprd"} and token.lower_ in _ADJECTIVE_EVENTS:
        return _ADJECTIVE_EVENTS[token.lower_], []  # "was critical of", "is opposed to"
    if token.pos_ in {"NOUN", "PROPN"}:
        noun_type = _noun_type(token)
        return (noun_type, [token]) if noun_type else None
    return None


# Lemmas spaCy's small model gets wrong for words the lexicon needs ("staged" -> "stag")
_LEMMA_FIXES = {"stag": "stage", "hop": "hope"}


def _lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    fixed = _LEMMA_FIXES.get(lemma)
    return fixed if fixed is not None and token.lower_.startswith(fixed) else lemma


def _hyphenated(token: Token) -> str | None:
    """The whole hyphenated word a token ends ("sit-in" from sit - in), or None."""
    doc, start = token.doc, token.i
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_:
        start -= 2
    return doc[start:token.i + 1].text.lower() if start < token.i else None


def _noun_type(token: Token) -> str | None:
    lower, lemma = token.lower_, _lemma(token)
    if any(child.lower_ == "joint" and child.dep_ in {"amod", "compound"} for child in token.children) \
            and (lemma in _JOINT_NOUNS or lower in _JOINT_NOUNS):
        return "COOPERATE"
    if lemma in {"strike", "strikes"} or lower in {"strike", "strikes"}:
        modifiers = {_lemma(child) for child in token.children if child.dep_ in {"compound", "amod"}}
        return "ASSAULT" if modifiers & lex.MILITARY_STRIKE_WORDS else "PROTEST"
    hyphenated = _hyphenated(token)
    if hyphenated is not None and hyphenated in lex.NOUN_EVENTS:
        return lex.NOUN_EVENTS[hyphenated]  # "staged a sit-in", tokenised sit - in
    return lex.NOUN_EVENTS.get(lower) or lex.NOUN_EVENTS.get(lemma)


def _object_nouns(verb: Token) -> list[Token]:
    """Direct objects, then objects of the verb's prepositions ("went on strike", "took part in
    talks"), with their coordinated nouns."""
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ in {"dobj", "attr", "oprd", "nsubjpass"} and child.pos_ in {"NOUN", "PROPN", "PRON"}:
            found.append(child)
    for child in verb.children:
        if child.dep_ in {"prep", "dative", "prt"} and child.lower_ not in _CIRCUMSTANCE_PREPS:
            found.extend(grand for grand in child.children if grand.dep_ == "pobj")
    for noun in list(found):
        # "took part in talks", "put troops on alert": the object's own preposition object
        for child in noun.children:
            if child.dep_ == "prep":
                found.extend(grand for grand in child.children if grand.dep_ == "pobj"
                             and (_noun_type(grand) or _lemma(noun) in _QUANTITY_HEADS))
    return found


def _noun_keys(noun: Token) -> list[str]:
    keys = [noun.lower_, _lemma(noun)]
    keys += [child.lower_ for child in noun.children if child.dep_ == "compound"]
    if _lemma(noun) in {"state", "note", "imposition"}:  # "a state of emergency", "a note of protest"
        keys += [grand.lower_ for child in noun.children if child.dep_ == "prep" and child.lower_ == "of"
                 for grand in child.children if grand.dep_ == "pobj"]
    return keys


def _verb_type(verb: Token) -> tuple[str, list[Token]] | None:
    lemma = _lemma(verb)
    if lemma == "hold" and any(child.lower_ in {"responsible", "accountable", "liable"}
                               for child in verb.children):
        return "ACCUSE", []  # "held Israel responsible for the raid"
    # the parser tags some particles as adverbs ("walked away from", "pulled back"); "in" with
    # an object is a preposition, not the particle of "gave in"
    particles = [child.lower_ for child in verb.children if child.dep_ == "prt"
                 or (child.dep_ == "prep" and not (child.lower_ == "in" and any(
                     grand.dep_ == "pobj" for grand in child.children)))
                 or (child.dep_ == "advmod" and child.lower_ in _ADVERB_PARTICLES)]
    objects = _object_nouns(verb)
    if any(child.lower_ == "free" for child in verb.children) or any(
            child.lower_ == "free" and child.dep_ == "amod" for noun in objects for child in noun.children):
        particles.append("free")  # "set free 30 soldiers"
    for particle in particles:  # phrasal verb + object: "called off the strike"
        for noun in objects:
            for key in _noun_keys(noun):
                if (f"{lemma} {particle}", key) in lex.VERB_OBJECT_OVERRIDES:
                    return lex.VERB_OBJECT_OVERRIDES[(f"{lemma} {particle}", key)], [noun]
    if lemma == "order" and any(child.dep_ in {"xcomp", "ccomp"} and _lemma(child) in {"leave", "quit", "depart"}
                                for child in verb.children):
        # "ordered the diplomats to leave": an expulsion
        for noun in objects:
            found = lex.VERB_OBJECT_OVERRIDES.get(("expel", _lemma(noun))) or lex.VERB_OBJECT_OVERRIDES.get(
                ("expel", noun.lower_))
            if found:
                return found, [noun]
        return "SANCTION", []
    for noun in objects:
        if (lemma in lex.OBJECT_VERBS or lemma in lex.LIGHT_VERBS) \
                and any(c.lower_ == "joint" for c in noun.children) and _noun_type(noun) == "COOPERATE":
            return "COOPERATE", [noun]  # "held joint exercises"
        for key in _noun_keys(noun):
            if (lemma, key) in lex.VERB_OBJECT_OVERRIDES:
                found = lex.VERB_OBJECT_OVERRIDES[(lemma, key)]
                return (found, [noun]) if found else None
    for particle in particles:
        if (lemma, particle) in lex.PARTICLE_EVENTS:
            found = lex.PARTICLE_EVENTS[(lemma, particle)]
            if found:
                return found, []
    if lemma in lex.REPORTING_VERBS:  # "recalled its ambassador", "wrote off" are read above
        return None
    if lemma in lex.OBJECT_VERBS:
        for noun in objects:
            noun_type = _noun_type(noun)
            if noun_type is None:
                continue
            if lemma in lex.TRANSFER_VERBS and noun_type == "SUPPORT" and _lemma(noun) == "support" \
                    and not any(child.lower_ in _MATERIAL_SUPPORT for child in noun.children):
                return "SUPPORT", [noun]  # "gave its backing/support to the plan": political
            if lemma in lex.TRANSFER_VERBS and noun_type in {"SUPPORT", "COOPERATE", "AID", "AGREE"} \
                    and _lemma(noun) not in {"tie", "ties", "relation", "relations", "cooperation", "trade"}:
                return "AID", [noun]
            if noun_type == "RETREAT" and (_lemma(noun) in _TROOP_NOUNS or noun.lower_ in _TROOP_NOUNS):
                # troops withdrawn are a retreat; sent, massed or moved they are mobilised
                if lemma in _TROOP_RETREAT_VERBS:
                    return "RETREAT", [noun]
                fallback = lex.OBJECT_VERBS[lemma]
                return (fallback if fallback and fallback != "AID" else "MOBILIZE"), [noun]
            return noun_type, [noun]
        fallback = lex.OBJECT_VERBS[lemma]
        if fallback:
            return fallback, []
        if lemma in lex.LIGHT_VERBS or lemma not in lex.VERB_EVENTS:
            return None
    found = lex.VERB_EVENTS.get(lemma)
    return (found, []) if found else None


def _counted(head: Token) -> Token:
    """The noun a phrase is about: "students" in "thousands of students", "miners" in "the
    demands of striking miners" (a thing "of" people is read as those people)."""
    of_object = next((grand for child in head.children if child.dep_ == "prep" and child.lower_ == "of"
                      for grand in child.children if grand.dep_ == "pobj"), None)
    if of_object is None:
        return head
    lemma = _lemma(head)
    if lemma in _COUNTING_HEADS or head.lower_ in _COUNTING_HEADS or head.pos_ == "NUM":
        return of_object
    if head.ent_type_ == "" and lemma not in _ACTOR_NOUNS and head.lower_ not in _ACTOR_NOUNS \
            and (_lemma(of_object) in _ACTOR_NOUNS or of_object.lower_ in _ACTOR_NOUNS):
        return of_object
    return head


def _is_negated(token: Token) -> bool:
    if any(child.dep_ == "neg" for child in token.children):
        return True
    if token.dep_ == "xcomp" and _lemma(token.head) == "fail":
        return True  # "failed to agree": the act did not happen
    return any(child.lower_ == "no" and child.dep_ == "det" for child in token.children)


def _has_future_aux(token: Token) -> bool:
    if any(child.dep_ in {"aux", "auxpass"} and child.lower_ in _FUTURE_AUX for child in token.children):
        return not any(child.dep_ == "mark" and child.lower_ in {"if", "unless"} for child in token.children)
    return False


def _clause_verb(token: Token) -> Token:
    """The verb a noun trigger belongs to (its light verb), or the noun itself when none."""
    current = token
    for _ in range(4):
        if current.pos_ in {"VERB", "AUX"}:
            return current
        if current.dep_ in {"dobj", "pobj", "prep", "attr", "nsubjpass", "conj"} and current.head.i != current.i:
            current = current.head
        else:
            break
    return current if current.pos_ in {"VERB", "AUX"} else token


class _Coder:
    def __init__(self, doc: Doc, entities: Sequence[Entity], quotes: Sequence[Quote], dates: Sequence[Timex],
                 amounts: Sequence[Amount]) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each access: read it once
        self.entities = sorted(entities, key=lambda e: (e.start, e.end))
        self.quotes = quotes
        self.dates = dates
        self.amounts = amounts
        self.last_party: EventParty | None = None
        self.last_person: EventParty | None = None
        self._sentences: list[Span] | None = None
        self._sentence_starts: list[int] = []

    def _sentence_of(self, token: Token) -> Span:
        # token.sent walks the whole document on every call; index the sentences once.
        if self._sentences is None:
            self._sentences = list(self.doc.sents)
            self._sentence_starts = [sentence.start for sentence in self._sentences]
        return self._sentences[bisect.bisect_right(self._sentence_starts, token.i) - 1]

    # ---- triggers -------------------------------------------------------------------
    def _triggers(self, sentence: Span) -> list[_Trigger]:
        triggers: dict[int, _Trigger] = {}
        verbs_found = False
        for token in sentence:
            if token.pos_ not in {"VERB", "AUX", "ADJ"}:
                continue
            found = event_type_of(token)
            if found is None:
                continue
            event_type, objects = found
            triggers[token.i] = _Trigger(token, event_type, token, objects)
            verbs_found = True
        used_objects = {noun.i for trigger in triggers.values() for noun in trigger.objects}
        if not verbs_found:
            for token in sentence:
                if token.pos_ not in {"NOUN", "PROPN"} or token.i in used_objects:
                    continue
                if token.lower_ in lex.OBJECT_ONLY_NOUNS or _lemma(token) in lex.OBJECT_ONLY_NOUNS:
                    continue
                noun_type = _noun_type(token)
                if noun_type:
                    triggers[token.i] = _Trigger(token, noun_type, _clause_verb(token), [token], nominal=True)
        return self._resolve_intentions(sentence, triggers)

    def _resolve_intentions(self, sentence: Span, triggers: dict[int, _Trigger]) -> list[_Trigger]:
        # Intention heads: the head with no type of its own ("plans to", "is willing to") passes
        # the intention to its complement; one with a type (vow, pledge, offer) takes the
        # complement's promised type.
        absorbed: set[int] = set()
        for index, trigger in sorted(triggers.items()):
            head = self._governing(trigger.token, triggers)
            if head is not None:
                absorbed.add(index)
                if head.complement is None:
                    head.complement = trigger
        results: list[_Trigger] = []
        for index, trigger in sorted(triggers.items()):
            intent_head = self._intent_head(trigger.token)
            future = _has_future_aux(trigger.token) or (intent_head is not None and _has_future_aux(intent_head))
            negated = _is_negated(trigger.token) or (intent_head is not None and _is_negated(intent_head))
            lemma = _lemma(trigger.token)
            complement = trigger.complement
            if lemma in lex.DELEGATING_HEADS and complement is not None:
                trigger.type = self._promised(complement.type, trigger)
                trigger.objects = trigger.objects + complement.objects
                trigger.money = complement.type in _MONEY_TYPES
            elif intent_head is not None or future:
                promised = self._promised(trigger.type, trigger)
                trigger.money = trigger.type in _MONEY_TYPES
                trigger.type = promised
            else:
                trigger.money = trigger.type in _MONEY_TYPES
                if complement is not None and lemma == "agree":
                    trigger.money = complement.type in _MONEY_TYPES
            if negated:
                if trigger.type in lex.COOPERATIVE:
                    trigger.type = "REJECT"
                    trigger.mode = None
                elif trigger.type in lex.MATERIAL_CONFLICT:
                    continue  # an attack that did not happen is no event
            if index in absorbed:
                continue
            results.append(trigger)
        return results

    def _promised(self, event_type: str, trigger: _Trigger) -> str:
        if event_type in lex.COOPERATIVE:
            return "AGREE"
        if event_type in lex.MATERIAL_CONFLICT:
            trigger.mode = lex.THREAT_MODES.get(event_type)
            return "THREATEN"
        return event_type

    def _intent_head(self, token: Token) -> Token | None:
        """"willing" in "is willing to withdraw", "plans" in "plans to impose"."""
        current = token
        for _ in range(3):
            if current.dep_ not in {"xcomp", "ccomp", "acomp", "advcl"} or current.head.i == current.i:
                return None
            current = current.head
            if _lemma(current) in lex.INTENT_HEADS:
                return current
            if current.pos_ == "AUX" or _lemma(current) == "be":
                continue
            return None
        return None

    def _governing(self, token: Token, triggers: dict[int, _Trigger]) -> _Trigger | None:
        """The nearest trigger above this one, unless it is only coordinated with it."""
        if token.dep_ == "conj":
            return None
        current = token
        while current.head.i != current.i:
            current = current.head
            if current.i in triggers:
                return triggers[current.i]
        return None

    # ---- parties --------------------------------------------------------------------
    def _phrase_tokens(self, head: Token) -> list[Token]:
        tokens = [head]
        stack = [child for child in head.children if child.dep_ not in _PHRASE_CUT_DEPS]
        # keep "of" phrases of the head ("the president of Armenia", "leaders of X")
        # "the president of Armenia", "a proposal by X", "police in Lagos": who or where the
        # party belongs to
        stack += [child for child in head.children
                  if child.dep_ == "prep" and child.lower_ in {"of", "by", "from", "in"}]
        while stack:
            token = stack.pop()
            tokens.append(token)
            stack.extend(child for child in token.children if child.dep_ not in {"relcl", "acl", "advcl", "ccomp"})
        return sorted(tokens, key=lambda t: t.i)

    def _entities_in(self, start: int, end: int) -> list[Entity]:
        return [e for e in self.entities if e.start < end and start < e.end]

    def _party(self, head: Token, sentence: Span) -> EventParty | None:
        if head.pos_ == "PRON" or head.lower_ in _FIRST_PERSON | _THIRD_PERSON:
            return self._pronoun_party(head)
        tokens = self._phrase_tokens(head)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        text = self.text[start:end]
        found = self._entities_in(start, end)
        at_head = [e for e in found if e.start <= head.idx < e.end]
        with_country = [e for e in found if e.country]
        # an organisation stands for a person without a known country ("U.N. mediator X")
        organisations = [e for e in found if organisation_of(e.name) is not None]
        chosen = (at_head[0] if at_head and at_head[0].country else
                  with_country[0] if with_country else organisations[0] if organisations else
                  at_head[0] if at_head else found[0] if found else None)
        name: str | None
        if chosen is not None:
            country = chosen.country
            if country is None and organisation_of(chosen.name) is None:
                country = country_from_org(text)
            name = chosen.name or chosen.text
        else:
            head = _counted(head)
            country = country_of(text) or country_from_org(text)
            if country is None and head.pos_ == "PROPN":
                # a leader the tagger did not take for a person ("Mugabe told ...")
                country = leader_country(text) or leader_country(head.text)
            if country is None and head.pos_ != "PROPN" and not self._is_actor_noun(head):
                return None
            name = None
        if country is None and (chosen is None or chosen.label != "PERSON") \
                and (name is None or organisation_of(name) is None):
            # "Arab League foreign ministers", "EC officials": an international organisation
            # named inside the phrase is the party (PLOVER codes it IGO)
            org_id = organisation_in(text)
            if org_id is not None:
                name = organisation_name(org_id)
        if country is None and self._is_actor_noun(head) and _counted(head).ent_type_ == "" \
                and (name is None or organisation_of(name) is None):
            # police, rebels, protesters, "the government": a domestic party of the country
            # the sentence takes place in (the CAMEO coders' convention)
            country = self._place_country(sentence)
        party = EventParty(text=text, name=name, country=country)
        if chosen is not None and chosen.label == "PERSON":
            self.last_person = party
        return party

    def _place_country(self, sentence: Span) -> str | None:
        places = [e for e in self._entities_in(sentence.start_char, sentence.end_char)
                  if e.country and (e.label in {"GPE", "LOC", "FAC"}
                                    or (e.label == "ORG" and country_of(e.text)))]
        return places[0].country if places else None

    @staticmethod
    def _is_actor_noun(token: Token) -> bool:
        token = _counted(token)
        # Common nouns for people and bodies can be parties without a named entity.
        return token.ent_type_ != "" or _lemma(token) in _ACTOR_NOUNS or token.lower_ in _ACTOR_NOUNS


    def _pronoun_party(self, pronoun: Token) -> EventParty | None:
        lower = pronoun.lower_
        if lower in _FIRST_PERSON:
            speaker = self._speaker_country(pronoun.idx)
            if speaker is not None:
                return EventParty(text=pronoun.text, name=speaker[0], country=speaker[1])
            return None
        if lower not in _THIRD_PERSON:
            return None
        # "Syria says it is willing": the subject of the clause that reports this one
        current = pronoun.head
        while current.head.i != current.i:
            current = current.head
            subject = next((c for c in current.children if c.dep_ in _SUBJECT_DEPS), None)
            if subject is not None and subject.pos_ != "PRON":
                party = self._party(subject, self._sentence_of(current))
                if party is not None:
                    return replace(party, text=pronoun.text)
        antecedent = self.last_person if lower in _PERSON_PRONOUNS else self.last_party
        if antecedent is not None:
            return replace(antecedent, text=pronoun.text)
        return None

    def _speaker_country(self, position: int) -> tuple[str | None, str | None] | None:
        for quote in self.quotes:
            if quote.field != "text" or not quote.start <= position < quote.end:
                continue
            speaker = quote.speaker
            if speaker is None:
                return None, None  # a quotation with no speaker: "us" is nobody known
            country = None
            for value in (speaker.affiliation, speaker.role):
                if value:
                    country = country_of(value) or country_from_org(value)
                    if country:
                        break
            if country is None and speaker.name:
                named = [e for e in self.entities if e.name == speaker.name and e.country]
                country = named[0].country if named else None
            if country is None and speaker.text:
                country = country_from_org(speaker.text)
            return speaker.name or speaker.affiliation, country
        return None

    def _actor_head(self, trigger: _Trigger) -> tuple[Token | None, bool]:
        """The actor's head token and whether the clause is passive (its subject is then the
        recipient)."""
        current = trigger.clause
        for _ in range(8):
            agent = next((c for c in current.children if c.dep_ == "agent"), None)
            if agent is not None:
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                return pobj, True
            subject = next((c for c in current.children if c.dep_ in _SUBJECT_DEPS), None)
            if subject is not None and subject.dep_ != "expl":
                return subject, False
            passive_subject = next((c for c in current.children if c.dep_ in _PASSIVE_SUBJECT_DEPS), None)
            if passive_subject is not None:
                if _lemma(current) in _STATIVE_PASSIVES:
                    return passive_subject, False  # "Vietnam is committed to ..." acts itself
                return None, True
            if current.dep_ in _SUBJECT_SHARING_DEPS and current.head.i != current.i:
                current = current.head
                continue
            break
        return None, False

    def _recipient_heads(self, trigger: _Trigger, passive: bool) -> tuple[list[Token], list[Token]]:
        """Candidate recipient heads in order of preference, and places the act happened in."""
        candidates: list[Token] = []
        places: list[Token] = []
        verbs = [trigger.token] if trigger.nominal else [trigger.token]
        if trigger.complement is not None:
            verbs.append(trigger.complement.token)
        nouns = list(trigger.objects)
        if trigger.complement is not None:
            nouns += trigger.complement.objects
        if passive:
            candidates += [c for v in verbs for c in v.children if c.dep_ in _PASSIVE_SUBJECT_DEPS]
        moved: list[Token] = []  # what a moving verb moves: after its "to" phrase
        for holder in verbs + nouns:
            if trigger.complement is not None and holder is trigger.complement.token \
                    and holder.dep_ == "ccomp":
                # "charged that Serbian police had beaten ...": the accused before the victims
                candidates += [c for c in holder.children if c.dep_ in _SUBJECT_DEPS and c.pos_ != "PRON"]
            moving = holder in verbs and _lemma(holder) in _MOVING_VERBS and any(
                child.dep_ == "prep" and child.lower_ == "to" for child in holder.children)
            for child in holder.children:
                if child.dep_ == "dative":
                    candidates += [g for g in child.children if g.dep_ == "pobj"] or [child]
                elif child.dep_ in {"dobj", "iobj"} and child not in nouns:
                    (moved if moving and child.dep_ == "dobj" else candidates).append(child)
            for preposition in lex.RECIPIENT_PREPS:
                for child in holder.children:
                    if child.dep_ == "prep" and child.lower_ == preposition:
                        if preposition == "of" and holder in verbs:
                            continue
                        candidates += [g for g in child.children if g.dep_ == "pobj"]
            for child in holder.children:
                if child.dep_ == "prep" and child.lower_ in {"in", "near", "outside", "inside", "around",
                                                             "along", "across", "throughout"}:
                    places += [g for g in child.children if g.dep_ == "pobj"]
        # "provided support worth EUR3.8 billion to Ukraine": a recipient phrase attached
        # deeper in the clause, before any place
        deeper: list[Token] = []
        for verb in verbs:
            for token in verb.subtree:
                if token.dep_ == "prep" and token.lower_ in {"to", "against", "with", "for"} \
                        and token.head.dep_ not in {"ccomp", "relcl"}:
                    deeper += [g for g in token.children if g.dep_ == "pobj"]
        # "demanded that Britain return ...": the subject of the demanded/alleged clause
        reported = [g for v in verbs for c in v.children if c.dep_ == "ccomp"
                    for g in c.children if g.dep_ in _SUBJECT_DEPS and g.pos_ != "PRON"]
        candidates += reported + moved
        if trigger.type == "RETREAT":  # "pulled out of Chechnya", "withdrew its troops from Lebanon"
            candidates = [g for v in verbs for t in v.subtree if t.dep_ == "prep" and t.lower_ in {"from", "of"}
                          and t.head.dep_ not in {"relcl", "acl", "ccomp"}
                          for g in t.children if g.dep_ == "pobj"] + candidates
        # the telling object itself ("expelled two British diplomats"), when it names a party
        objects = [noun for noun in nouns if noun not in candidates]
        return candidates + deeper + objects, places

    # ---- a sentence ---------------------------------------------------------------
    def code_sentence(self, sentence: Span) -> list[Event]:
        triggers = self._triggers(sentence)
        triggers.sort(key=lambda t: (t.nominal, self._depth(t.token), t.token.i))
        events: list[Event] = []
        seen_types: set[str] = set()
        for trigger in triggers:
            if trigger.type in seen_types:
                continue
            seen_types.add(trigger.type)
            events.append(self._event(trigger, sentence))
        for event in events:
            if event.actor is not None:
                self.last_party = event.actor
        return events

    @staticmethod
    def _depth(token: Token) -> int:
        depth = 0
        while token.head.i != token.i:
            token = token.head
            depth += 1
        return depth

    def _event(self, trigger: _Trigger, sentence: Span) -> Event:
        actor_head, passive = self._actor_head(trigger)
        if passive and actor_head is None and trigger.type == "MOBILIZE":
            # "troops were put on alert", "the army was deployed": the forces act themselves
            actor_head = next((c for c in trigger.clause.children if c.dep_ in _PASSIVE_SUBJECT_DEPS), None)
            passive = actor_head is None
        actor = self._party(actor_head, sentence) if actor_head is not None else None
        recipient = self._recipient(trigger, passive, actor_head, actor, sentence)
        if actor is None and not passive:
            actor = self._party_before(trigger.token, sentence, recipient)
        start, end = sentence.start_char, sentence.end_char
        while end > start and self.text[end - 1].isspace():
            end -= 1
        position = trigger.token.idx
        event_type = trigger.type
        if event_type == "ASSAULT" and _is_repression(actor, recipient, trigger.token):
            event_type = "COERCE"  # police firing on protesters: violent repression (CAMEO 175), not war
        return Event(
            type=event_type,
            mode=trigger.mode or self._mode(trigger),
            actor=actor,
            recipient=recipient,
            date=self._date(start, end, position),
            amount=self._amount(start, end, position) if trigger.money else None,
            quote=self._quote(position),
            start=start,
            end=end,
            text=self.text[start:end],
        )

    def _party_before(self, trigger: Token, sentence: Span, recipient: EventParty | None) -> EventParty | None:
        """When the parse gives the act no subject (a headline, a fragment, a misparse), the
        nearest country or organisation named before the trigger in its sentence acts."""
        candidates = [e for e in self._entities_in(sentence.start_char, trigger.idx)
                      if e.label != "PERSON" or e.country]
        for entity in reversed(candidates):
            country = entity.country
            if country is None and organisation_of(entity.name) is None:
                continue
            if recipient is not None and entity.text in (recipient.text or ""):
                continue
            return EventParty(text=entity.text, name=entity.name, country=country)
        return None

    def _recipient(self, trigger: _Trigger, passive: bool, actor_head: Token | None, actor: EventParty | None,
                   sentence: Span) -> EventParty | None:
        heads, places = self._recipient_heads(trigger, passive)
        if actor_head is not None:
            heads = [h for h in heads if h.i != actor_head.i]
        actor_country = actor.country if actor else None
        co_party = self._co_party(actor_head, actor, sentence)
        if co_party is not None and trigger.type in _JOINT_TYPES and _coded(co_party):
            return co_party  # "X and Y held talks": each is the other's recipient
        # a party with a country (or an international organisation) first, then one with a name;
        # parties are read one head at a time, stopping at the first coded one
        parties = []
        for head in heads:
            party = self._party(head, sentence)
            if party is None:
                continue
            if party.country is None and actor_country and self._is_actor_noun(head) \
                    and _counted(head).ent_type_ == "" and not _coded(party) \
                    and _lemma(_counted(head)) not in _TROOP_NOUNS:
                # "arrested opposition activists", "sentenced a journalist": an unnamed group
                # in a sentence that names no place belongs to the acting country
                party = replace(party, country=actor_country)
            if _coded(party):
                return party
            parties.append(party)
        if co_party is not None:
            return co_party
        for party in parties:
            if party.name:
                return party
        for party in (self._party(h, sentence) for h in places):
            if party is not None and (party.country or party.name):
                return party
        if trigger.type == "PROTEST":
            # a protest with no named target is against the authorities of the place it is in
            # (or of the protesters' own country)
            country = self._place_country(sentence) or actor_country
            if country:
                return EventParty(country=country)
        return None

    def _co_party(self, actor_head: Token | None, actor: EventParty | None, sentence: Span) -> EventParty | None:
        """The other party of a joint act: "X and Y agreed", "the Turkish and Greek sides"."""
        if actor_head is None or actor_head.pos_ == "PRON":
            return None
        co_subject = next((c for c in actor_head.children if c.dep_ == "conj"), None)
        if co_subject is not None:
            return self._party(co_subject, sentence)
        tokens = self._phrase_tokens(actor_head)
        countries = [e for e in self._entities_in(tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
                     if e.country]
        actor_country = actor.country if actor else None
        for entity in countries:
            if entity.country != actor_country:
                return EventParty(text=entity.text, name=entity.name, country=entity.country)
        return None

    def _mode(self, trigger: _Trigger) -> str | None:
        words = lex.MODE_WORDS.get(trigger.type)
        if not words:
            return None
        tokens = [trigger.token, *trigger.objects]
        if trigger.complement is not None:
            tokens += [trigger.complement.token, *trigger.complement.objects]
        # modifiers first: they are the specific word ("food aid", "hunger strike")
        modifiers = [c for token in tokens for c in token.children
                     if c.dep_ in {"amod", "compound", "nmod", "dobj", "prt"}]
        for token in modifiers + tokens:
            for key in (token.lower_, _lemma(token)):
                if key in words:
                    return words[key]
        return None

    def _date(self, start: int, end: int, position: int) -> str | None:
        inside = [d for d in self.dates if start <= d.start < end and d.type in _DATE_TYPES
                  and d.value and not d.value.endswith("_REF")]
        if not inside:
            return None
        return min(inside, key=lambda d: abs(d.start - position)).value

    def _amount(self, start: int, end: int, position: int) -> int | None:
        money = [(index, a) for index, a in enumerate(self.amounts)
                 if start <= a.start < end and _is_money(a)]
        if not money:
            return None
        return min(money, key=lambda pair: abs(pair[1].start - position))[0]

    def _quote(self, position: int) -> int | None:
        for index, quote in enumerate(self.quotes):
            if quote.field == "text" and quote.start <= position < quote.end:
                return index
        return None


# Security forces and the unarmed crowds they repress (CAMEO 175 "use tactics of violent repression",
# which PLOVER codes COERCE): force used by the first against the second is not an armed assault.
_SECURITY_WORDS = frozenset({"police", "policemen", "police officers", "riot police", "security forces",
                             "security", "troops", "soldiers", "army", "gendarmes", "militia", "guards",
                             "authorities"})
_CROWD_WORDS = frozenset({"protesters", "protestors", "demonstrators", "crowd", "crowds", "students",
                          "rioters", "marchers", "strikers", "mourners", "worshippers", "demonstration",
                          "protest", "rally", "march"})


def _is_repression(actor: EventParty | None, recipient: EventParty | None, trigger: Token) -> bool:
    """Security forces acting on a crowd: the recipient, or the words the act is done to
    (its object and its at/on/against phrases) when no recipient party was found."""
    if not actor:
        return False
    actor_words = set((actor.text or "").lower().split())
    target_words = set((recipient.text or "").lower().split()) if recipient else set()
    for child in trigger.children:
        if child.dep_ == "dobj" or child.dep_ == "prep" and child.lower_ in {"at", "on", "against", "into"}:
            target_words |= {token.lower_ for token in child.subtree}
    return bool(actor_words & _SECURITY_WORDS) and bool(target_words & _CROWD_WORDS)


def _coded(party: EventParty | None) -> bool:
    """A party PLOVER gives a code: a country, or an international organisation."""
    if not party:
        return False
    return bool(party.country) or any(
        value and organisation_of(value) is not None for value in (party.name, party.text))


def _is_money(amount: Amount) -> bool:
    if amount.kind == "money":
        return True
    unit = amount.unit or ""
    return len(unit) == 3 and unit.isupper() and unit.isalpha()


__all__ = ["code_events", "event_type_of"]
