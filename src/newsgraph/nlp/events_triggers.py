"""Which words of a sentence state a PLOVER event, and of which type (``events`` step 1).

- Triggers come from the project's lexicon (``events_lexicon``): a verb by its lemma
  ("accused"), by its particle ("called on"), or by its object noun ("imposed sanctions",
  "held talks", "provided military support"); an event noun on its own ("a ceasefire") only
  when the sentence has no verb trigger. Reporting verbs (said, recalled) are never events:
  the clause they report is coded instead.
- Intentions follow PLOVER/CAMEO: a promised cooperative act ("will provide", "agreed to",
  "pledged to send", "is willing to withdraw") is AGREE; a promised material conflict ("vowed
  to strike", "would impose sanctions") is THREATEN. A negated cooperative act is REJECT; a
  negated conflict is no event.
- A trigger governed by another trigger belongs to it ("accused X of attacking" is one
  ACCUSE); coordinated triggers are separate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from newsgraph.nlp import events_lexicon as lex

# Auxiliaries of a promise or a threat ("will send", "would impose"), and the modals of an act
# only held out as possible ("could provide aid", "may send troops"): not done, but offered
# or threatened.
_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo", "could", "may", "might", "can", "ca"})
_FIRST_PERSON = frozenset({"i", "we"})
# Modals of obligation: "X must withdraw", reported, is a demand made of X.
_DEONTIC_AUX = frozenset({"must", "should", "ought"})
# Adverbs the parser tags where the verb's particle is meant ("walked away", "pulled back").
_ADVERB_PARTICLES = frozenset({"away", "back", "down", "off", "out", "up", "over", "in", "aside"})
# Acts that carry a sum of money, which the event's `amount` points to.
_MONEY_TYPES = frozenset({"AID", "SANCTION"})
# Verbs that withdraw troops (RETREAT); troops sent, massed or moved are mobilised.
_TROOP_RETREAT_VERBS = frozenset({"withdraw", "pull", "return", "bring", "cut", "reduce", "remove",
                                  "recall", "evacuate", "demobilize", "demobilise"})
# Weapons moved back from a front are withdrawn like troops ("removed heavy weapons").
_WEAPON_NOUNS = frozenset({"weapon", "weapons", "arms", "artillery", "missile", "missiles", "gun", "guns"})
# Predicate adjectives that state a stance toward a party.
_ADJECTIVE_EVENTS = {"critical": "ACCUSE", "opposed": "REJECT", "supportive": "SUPPORT",
                     "hostile": "ACCUSE"}
# Verbs of accepting: accepting another's demand, threat or pressure is yielding to it.
_YIELDING_VERBS = frozenset({"accept", "heed", "obey"})
# Kinds of support that are material (aid) rather than political.
_MATERIAL_SUPPORT = frozenset({"military", "financial", "economic", "logistical", "logistic", "material",
                               "humanitarian", "medical", "technical", "budget", "budgetary"})
# Prepositions of circumstance: their object is never what a verb acts on ("amid fighting").
_CIRCUMSTANCE_PREPS = frozenset({"amid", "amidst", "after", "before", "during", "despite", "following",
                                 "since", "until", "among", "like", "unlike", "besides", "because",
                                 "under", "per", "without"})  # "under the terms of the deal": how, not what
# Verbs of an act starting or going on: their subject noun states the event even where it
# only counts as a verb's object elsewhere ("fighting erupted", "war broke out").
_ONSET_VERBS = frozenset({"erupt", "break", "flare", "rage", "resume", "continue", "intensify",
                          "escalate", "spread", "persist", "start", "begin"})
# Taking ground by force (CAMEO 19) rather than goods (COERCE): verbs and the ground they take.
_TAKING_VERBS = frozenset({"seize", "grab"})
_GROUND_NOUNS = frozenset({"town", "city", "village", "port", "base", "airport", "airfield", "territory",
                           "capital", "area", "region", "province", "district", "position", "positions",
                           "post", "hill", "stronghold", "garrison", "island", "border", "outpost", "bridge"})
# Verbs that name or characterise what their object is ("called the raid an act of terrorism").
_NAMING_VERBS = frozenset({"call", "describe", "term", "label", "brand", "dub", "characterize",
                           "characterise"})
# Words of a favourable characterisation ("called the talks constructive").
_PRAISE_WORDS = frozenset({"positive", "constructive", "useful", "good", "important", "step", "breakthrough",
                           "success", "successful", "welcome", "historic", "significant", "encouraging",
                           "fruitful", "excellent", "productive", "milestone", "victory", "justified",
                           "hero", "right", "great", "brave", "courageous", "wise"})
# Words handed over: sending or giving them is no aid (what they say is the event).
MESSAGE_NOUNS = frozenset({"letter", "message", "note", "statement", "speech", "address", "telegram",
                            "cable", "signal", "reply", "response", "answer", "report", "detail",
                            "reason", "explanation", "interview", "briefing", "account", "lecture",
                            "sermon", "testimony", "word", "news", "figure", "name", "comment"})
# Acts of words and pressure a meeting or call can be made for.
_VERBAL_CONFLICT = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "PROTEST"})
# Verbs whose object noun is not an act they do ("could face a battle", "fear an attack").
_STATIVE_VERBS = frozenset({"be", "become", "face", "have", "fear", "risk", "need", "want", "see",
                            "expect", "suffer", "survive", "avoid", "prevent", "deny"})
# Force a party does not rule out ("did not rule out military action").
_FORCE_WORDS = frozenset({"action", "force", "forces", "strike", "strikes", "attack", "retaliation",
                          "sanctions", "intervention", "option", "options"})
# "joint patrols", "a joint investigation": acts done together are cooperation
_JOINT_NOUNS = frozenset({"patrol", "patrols", "venture", "project", "operation", "operations",
                          "investigation", "force", "effort", "mission", "exercise", "exercises",
                          "drill", "drills", "manoeuvres", "maneuvers", "program", "programme"})


# Nouns that name an act only through their modifier: "a bombing campaign", "military action",
# "a campaign of air strikes" (the modifier's type), "an air operation" (armed).
_GENERIC_ACT_NOUNS = frozenset({"campaign", "action", "actions", "operation", "operations"})


@dataclass
class Trigger:
    """A word that states an event, with what the parties and the links are read from.
    Mutable while intentions are resolved (type, objects, complement, money, mode)."""

    token: Token                 # the word that names the event
    type: str
    clause: Token                # the verb whose subject is the actor
    objects: list[Token] = field(default_factory=list)   # telling object nouns
    nominal: bool = False        # a noun trigger with no verb of its own
    complement: "Trigger | None" = None  # the promised/threatened act of an intention head
    money: bool = False          # the act carries money (AID, SANCTION, or a promise of them)
    mode: str | None = None
    demand: Token | None = None  # the verb reporting "X must do": its subject demands it of X


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


def lemma_of(token: Token) -> str:
    """The token's lower-case lemma, with the small model's slips the lexicon needs corrected."""
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
    lower, lemma = token.lower_, lemma_of(token)
    if lemma in _GENERIC_ACT_NOUNS:
        return _generic_act_type(token)
    if any(child.lower_ == "joint" and child.dep_ in {"amod", "compound"} for child in token.children) \
            and (lemma in _JOINT_NOUNS or lower in _JOINT_NOUNS):
        return "COOPERATE"
    if lemma in {"strike", "strikes"} or lower in {"strike", "strikes"}:
        modifiers = {lemma_of(child) for child in token.children if child.dep_ in {"compound", "amod"}}
        return "ASSAULT" if modifiers & lex.MILITARY_STRIKE_WORDS else "PROTEST"
    hyphenated = _hyphenated(token)
    if hyphenated is not None and hyphenated in lex.NOUN_EVENTS:
        return lex.NOUN_EVENTS[hyphenated]  # "staged a sit-in", tokenised sit - in
    return lex.NOUN_EVENTS.get(lower) or lex.NOUN_EVENTS.get(lemma)


def _generic_act_type(token: Token) -> str | None:
    """The type of a generic act noun by its modifiers: a typed noun before it ("bombing
    campaign") or after "of" ("a campaign of strikes"), else armed when military words qualify
    it ("military action", "air operation"); "operation" alone keeps its own reading."""
    modifiers = [child for child in token.children if child.dep_ in {"compound", "amod", "nmod"}]
    modifiers += [grand for child in token.children if child.dep_ == "prep" and child.lower_ == "of"
                  for grand in child.children if grand.dep_ == "pobj"]
    for modifier in modifiers:
        if modifier.pos_ in {"NOUN", "PROPN", "VERB"} and lemma_of(modifier) not in _GENERIC_ACT_NOUNS:
            found = _noun_type(modifier)
            if found and modifier.lower_ not in lex.OBJECT_ONLY_NOUNS:
                return found
    if any(lemma_of(modifier) in lex.MILITARY_STRIKE_WORDS | _ARMED_WORDS for modifier in modifiers):
        return "ASSAULT"
    return lex.NOUN_EVENTS.get(token.lower_)


# Words that make a generic act armed ("armed action", "a punitive operation").
_ARMED_WORDS = frozenset({"armed", "punitive", "offensive", "combat", "ground", "bombing", "army"})


def _object_nouns(verb: Token) -> list[Token]:
    """Direct objects, then objects of the verb's prepositions ("went on strike", "took part in
    talks"), with their coordinated nouns."""
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ in {"dobj", "attr", "oprd", "nsubjpass"} and child.pos_ in {"NOUN", "PROPN", "PRON"}:
            found.append(child)
    for child in verb.children:
        # "released from detention", "evacuated civilians from the town": where from, not what
        if child.dep_ in {"prep", "dative", "prt"} and child.lower_ not in _CIRCUMSTANCE_PREPS \
                and child.lower_ not in {"from", "between"}:  # where from; who, not what
            found.extend(grand for grand in child.children if grand.dep_ == "pobj")
    for noun in list(found):
        # "took part in talks", "put troops on alert": the object's own preposition object
        for child in noun.children:
            if child.dep_ == "prep":
                found.extend(grand for grand in child.children if grand.dep_ == "pobj"
                             and (_noun_type(grand) or lemma_of(noun) in lex.QUANTITY_HEADS))
    return found


def _noun_keys(noun: Token) -> list[str]:
    keys = [noun.lower_, lemma_of(noun)]
    keys += [child.lower_ for child in noun.children if child.dep_ == "compound"]
    if lemma_of(noun) in {"state", "note", "imposition"}:  # "a state of emergency", "a note of protest"
        keys += [grand.lower_ for child in noun.children if child.dep_ == "prep" and child.lower_ == "of"
                 for grand in child.children if grand.dep_ == "pobj"]
    return keys


def _verb_type(verb: Token) -> tuple[str, list[Token]] | None:
    lemma = lemma_of(verb)
    hyphenated = _hyphenated(verb)
    if hyphenated is not None:
        whole = hyphenated[:len(hyphenated) - len(verb.lower_)] + lemma
        if whole in lex.VERB_EVENTS:
            return lex.VERB_EVENTS[whole], []  # "test-fired", tokenised test - fired
    if lemma in _NAMING_VERBS:
        # "called the Israeli raid an act of terrorism": a party's words on another's act
        objects = [child for child in verb.children if child.dep_ == "dobj" and child.pos_ != "PRON"
                   and child.tag_ not in {"WP", "WDT"} and verb.dep_ != "relcl"]  # not "what it calls"
        predicates = [child for child in verb.children if child.dep_ in {"oprd", "xcomp", "acomp", "ccomp"}
                      or (child.dep_ == "prep" and child.lower_ == "as")
                      or (child.dep_ == "dobj" and child.i != objects[0].i)] if objects else []
        if predicates:
            words = {lemma_of(token) for child in predicates for token in child.subtree}
            return ("SUPPORT" if words & _PRAISE_WORDS else "ACCUSE"), objects[:1]
    committed = [child for child in verb.children if child.dep_ == "dobj" and child.pos_ in {"NOUN", "PROPN"}]
    if lemma == "commit" and committed:
        # committing oneself to something is AGREE; committing troops sends them, committing
        # atrocities is no promise
        troops = [noun for noun in committed if lemma_of(noun) in lex.TROOP_NOUNS or noun.lower_ in lex.TROOP_NOUNS]
        return ("MOBILIZE", troops) if troops else None
    if lemma in _CROWD_GATHERING_VERBS and _crowd_subject(verb):
        return "PROTEST", []  # "2,000 people gathered outside parliament to demand ...": a demonstration
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
    # "walked out of the talks": the particle's own preposition holds what the phrasal verb acts on
    particle_objects = objects + [pobj for child in verb.children if child.dep_ in {"prt", "advmod", "prep"}
                                  and child.lower_ in _ADVERB_PARTICLES for prep in child.children
                                  if prep.dep_ == "prep" for pobj in prep.children if pobj.dep_ == "pobj"]
    for particle in particles:  # phrasal verb + object: "called off the strike"
        for noun in particle_objects:
            for key in _noun_keys(noun):
                if (f"{lemma} {particle}", key) in lex.VERB_OBJECT_OVERRIDES:
                    return lex.VERB_OBJECT_OVERRIDES[(f"{lemma} {particle}", key)], [noun]
    if lemma == "order" and any(child.dep_ in {"xcomp", "ccomp"} and lemma_of(child) in {"leave", "quit", "depart"}
                                for child in verb.children):
        # "ordered the diplomats to leave": an expulsion
        for noun in objects:
            found = lex.VERB_OBJECT_OVERRIDES.get(("expel", lemma_of(noun))) or lex.VERB_OBJECT_OVERRIDES.get(
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
    if lemma in lex.OBJECT_VERBS or lemma in lex.ENDING_VERBS:
        for noun in objects:
            noun_type = _noun_type(noun)
            if noun_type is None:
                continue
            goods = noun.lower_ in lex.OBJECT_ONLY_NOUNS or lemma_of(noun) in lex.OBJECT_ONLY_NOUNS
            if goods and noun_type == "AID" and lemma_of(noun) in _WEAPON_NOUNS \
                    and lemma in _TROOP_RETREAT_VERBS | {"remove"} and lemma not in {"bring", "return"}:
                return "RETREAT", [noun]  # "pulled back heavy weapons": weapons withdrawn retreat
            own = lex.OBJECT_VERBS.get(lemma)
            if goods and noun_type == "AID" and own and own != "AID" and lemma not in lex.TRANSFER_VERBS:
                # goods are aid only when given: "seized weapons", "froze funds" are the verb's own act
                return own, [noun]
            if lemma in lex.ENDING_VERBS and noun_type in lex.ENDED and not _owned_by_other(noun) \
                    and not (noun_type == "CONSULT" and lemma in lex.ENDED_CONSULT_EXCEPTIONS):
                # ending one's own act reverses it: a curfew lifted concedes, an offensive
                # halted retreats, aid suspended sanctions
                return lex.ENDED[noun_type], [noun]
            if lemma not in lex.OBJECT_VERBS:
                continue
            if lemma in _YIELDING_VERBS and (noun_type in lex.MATERIAL_CONFLICT or noun_type in {"THREATEN", "REQUEST"}):
                return "CONCEDE", [noun]  # "accepted the ultimatum": yielding to another's act
            if lemma in lex.TRANSFER_VERBS and noun_type == "SUPPORT" and lemma_of(noun) == "support" \
                    and not any(child.lower_ in _MATERIAL_SUPPORT for child in noun.children):
                return "SUPPORT", [noun]  # "gave its backing/support to the plan": political
            if lemma in lex.TRANSFER_VERBS and noun_type in {"SUPPORT", "COOPERATE", "AID", "AGREE"} \
                    and lemma_of(noun) not in {"tie", "ties", "relation", "relations", "cooperation", "trade"}:
                return "AID", [noun]
            if noun_type == "RETREAT" and (lemma_of(noun) in lex.TROOP_NOUNS or noun.lower_ in lex.TROOP_NOUNS):
                # troops withdrawn are a retreat; sent, massed or moved they are mobilised
                if lemma in _TROOP_RETREAT_VERBS:
                    return "RETREAT", [noun]
                fallback = lex.OBJECT_VERBS[lemma]
                return (fallback if fallback and fallback != "AID" else "MOBILIZE"), [noun]
            return noun_type, [noun]
        fallback = lex.OBJECT_VERBS.get(lemma)
        if lemma in _TAKING_VERBS and any(child.dep_ == "dobj" and (lemma_of(child) in _GROUND_NOUNS
                                                                    or child.ent_type_ in {"GPE", "LOC", "FAC"})
                                          for child in verb.children):
            return "ASSAULT", []  # "seized the town of Gulu": ground taken by force, not goods
        if fallback == "AID" and any(child.dep_ == "dobj" and lemma_of(child) in MESSAGE_NOUNS
                                     for child in verb.children):
            return None  # "sent a letter demanding ...", "gave a speech": words, not goods
        if fallback:
            return fallback, []
        if lemma in lex.LIGHT_VERBS or lemma not in lex.VERB_EVENTS:
            return None
    found = lex.VERB_EVENTS.get(lemma)
    return (found, []) if found else None


# A crowd coming together in public is a demonstration (CAMEO 141), whatever it is said to want.
_CROWD_GATHERING_VERBS = frozenset({"gather", "assemble", "converge", "congregate"})
_CROWD_NOUNS = frozenset({"people", "protester", "protesters", "protestor", "protestors", "demonstrator",
                          "demonstrators", "crowd", "crowds", "student", "students", "worker", "workers",
                          "supporter", "supporters", "thousand", "thousands", "hundred", "hundreds",
                          "resident", "residents", "villager", "villagers", "activist", "activists"})


def _crowd_subject(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "nsubj":
            words = {child.lower_, lemma_of(child)} | {grand.lower_ for grand in child.subtree}
            return bool(words & _CROWD_NOUNS) and not words & lex.TROOP_NOUNS  # forces assembling mobilise
    return False


def _owned_by_other(noun: Token) -> bool:
    """The act is named as another party's ("the rebel offensive", "Iraq's embargo"): ending
    it is no concession of the subject's."""
    return any(child.dep_ in {"poss", "compound", "amod"} and child.pos_ != "PRON"
               and (child.ent_type_ != "" or lemma_of(child) in lex.PARTY_WORDS)
               for child in noun.children)


def _purpose(token: Token) -> bool:
    """An infinitive of purpose or aim: "met him to protest", "flew to Cairo to demand"."""
    return token.dep_ in {"advcl", "xcomp"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def conditional(token: Token) -> bool:
    """The word is in an "if" or "unless" clause: an act only supposed ("if they attack us,
    we will respond"), not done."""
    current = token
    for _ in range(6):
        if any(child.dep_ == "mark" and child.lower_ in {"if", "unless"} for child in current.children):
            return True
        if current.dep_ not in {"xcomp", "ccomp", "conj", "dobj", "pobj", "prep", "aux"} or current.head.i == current.i:
            return False
        current = current.head
    return False


def _failed(token: Token) -> bool:
    return token.dep_ == "xcomp" and lemma_of(token.head) == "fail"


def _is_negated(token: Token) -> bool:
    if any(child.dep_ == "neg" for child in token.children):
        return True
    if _failed(token):
        return True  # "failed to agree": the act did not happen
    if any(child.lower_ == "longer" and any(grand.lower_ == "no" for grand in child.children)
           for child in token.children):
        return True  # "would no longer negotiate"
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
        # "staged a sit-in", parsed sit (nmod) - in (prt): a hyphenated noun's parts climb too
        if current.dep_ in {"dobj", "pobj", "prep", "attr", "nsubjpass", "conj", "prt", "nmod"} \
                and current.head.i != current.i:
            current = current.head
        else:
            break
    return current if current.pos_ in {"VERB", "AUX"} else token


def find_triggers(sentence: Span) -> list[Trigger]:
    """The sentence's triggers in text order: verbs (and predicate adjectives) the lexicon
    types, else event nouns; intentions resolved, governed triggers folded into their head."""
    triggers: dict[int, Trigger] = {}
    verbs_found = False
    for token in sentence:
        if token.pos_ not in {"VERB", "AUX", "ADJ"}:
            continue
        if token.dep_ in {"amod", "compound"} and token.pos_ in {"VERB", "ADJ"}:
            continue  # "the visiting envoy", "the besieged town", "striking workers": who or what, not an act
        found = event_type_of(token)
        if found is None:
            continue
        event_type, objects = found
        triggers[token.i] = Trigger(token, event_type, token, objects)
        verbs_found = True
    if not verbs_found:
        # "Indonesia should not interfere in East Timor, Howard said": what a party must or
        # must not do, reported, is a demand made of it whatever the act (CAMEO 10)
        for token in sentence:
            if token.pos_ == "VERB" and _demanding_reporter(token) is not None and any(
                    child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ not in _FIRST_PERSON
                    for child in token.children):
                triggers[token.i] = Trigger(token, "REQUEST", token)
                verbs_found = True
                break
    if not verbs_found:
        # "Iran said the United States was trying to destabilise the region": a wrong another
        # party is said to do is the speaker's accusation of it (CAMEO 112)
        wrongdoing = _reported_wrongdoing(sentence)
        if wrongdoing is not None:
            clause, reporter = wrongdoing
            triggers[clause.i] = Trigger(clause, "ACCUSE", clause, demand=reporter)
            verbs_found = True
    used_objects = {noun.i for trigger in triggers.values() for noun in trigger.objects}
    if not verbs_found:
        for token in sentence:
            if token.pos_ not in {"NOUN", "PROPN"} or token.i in used_objects:
                continue
            if (token.lower_ in lex.OBJECT_ONLY_NOUNS or lemma_of(token) in lex.OBJECT_ONLY_NOUNS) \
                    and not (token.dep_ == "nsubj" and lemma_of(token.head) in _ONSET_VERBS
                             and not any(c.dep_ == "compound" for c in token.children)):  # "price wars"
                continue  # "fighting erupted", "war broke out": the noun's own onset states it
            noun_type = _noun_type(token)
            if noun_type:
                triggers[token.i] = Trigger(token, noun_type, _clause_verb(token), [token], nominal=True)
    return _resolve_intentions(triggers)


def _reported_wrongdoing(sentence: Span) -> tuple[Token, Token] | None:
    """The clause a reporting verb reports that says another party does wrong, with the
    reporting verb: a verb of wrongdoing ("was meddling") or a noun of it ("committed
    atrocities", "was an interference") in a clause whose subject is not the speaker."""
    for token in sentence:
        # a noun of wrongdoing is what the clause says of its subject ("was an interference",
        # "committed atrocities"), not a word in passing ("victims of violations")
        if not (lemma_of(token) in lex.WRONGDOING_VERBS and token.pos_ == "VERB"
                or lemma_of(token) in lex.WRONGDOING_NOUNS and token.pos_ == "NOUN"
                and _predicated(token)):
            continue
        clause = token
        while clause.pos_ not in {"VERB", "AUX"} or clause.dep_ in {"xcomp", "conj"}:
            if clause.head.i == clause.i:
                break
            clause = clause.head  # "was trying to destabilise": the clause is "was trying"
        if clause.dep_ not in {"ccomp", "parataxis"} or lemma_of(clause.head) not in lex.REPORTING_VERBS:
            continue
        subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None or subject.lower_ in _FIRST_PERSON | {"it", "they", "he", "she"} \
                and _same_party(subject, clause.head):
            continue
        return clause, clause.head
    return None


def _predicated(noun: Token) -> bool:
    """The noun is what its clause says ("was an interference", "committed atrocities", "was
    an act of aggression")."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i != noun.head.i:
        noun = noun.head.head
    return noun.dep_ in {"attr", "dobj"}


def _same_party(pronoun: Token, reporter: Token) -> bool:
    """A pronoun subject of the reported clause that stands for the speaker ("Iran said it had
    ...", "we"): what it admits to is no accusation."""
    if pronoun.lower_ in _FIRST_PERSON:
        return True
    return any(c.dep_ == "nsubj" for c in reporter.children)


def _resolve_intentions(triggers: dict[int, Trigger]) -> list[Trigger]:
    """Intention heads: the head with no type of its own ("plans to", "is willing to") passes
    the intention to its complement; one with a type (vow, pledge, offer) takes the
    complement's promised type. Negation turns cooperation into REJECT and cancels a conflict."""
    absorbed: set[int] = set()
    for index, trigger in sorted(triggers.items()):
        head = _governing(trigger.token, triggers)
        if head is not None:
            absorbed.add(index)
            if head.complement is None:
                head.complement = trigger
    results: list[Trigger] = []
    for index, trigger in sorted(triggers.items()):
        intent_head = _intent_head(trigger.token)
        future = _has_future_aux(trigger.token) or (intent_head is not None and _has_future_aux(intent_head))
        negated = _is_negated(trigger.token) or (intent_head is not None and _is_negated(intent_head))
        if trigger.nominal and trigger.token.dep_ == "dobj" and trigger.token.head.i == trigger.clause.i \
                and lemma_of(trigger.clause) not in _STATIVE_VERBS:
            # "would not attend the conference": the verb doing the event noun negates or promises it
            future = future or _has_future_aux(trigger.clause)
            negated = negated or any(child.dep_ == "neg" for child in trigger.clause.children)
        lemma = lemma_of(trigger.token)
        complement = trigger.complement
        if trigger.type == "CONSULT" and complement is not None and _purpose(complement.token) \
                and complement.type in _VERBAL_CONFLICT:
            # "telephoned his counterpart to protest the shelling": the call is how, the protest what
            trigger.type = "ACCUSE" if complement.type == "PROTEST" else complement.type
            trigger.objects = trigger.objects + complement.objects
        if lemma in lex.DELEGATING_HEADS and complement is not None \
                and not _aim_of_offered_thing(complement.token, trigger.token):
            if _is_negated(complement.token) and complement.type in lex.MATERIAL_CONFLICT | {"THREATEN"}:
                trigger.type = "AGREE"  # "pledged not to use force": a promise to hold back (CAMEO 0356)
            elif _is_negated(complement.token) and complement.type in lex.COOPERATIVE:
                trigger.type = "REJECT"  # "vowed not to withdraw"
            else:
                trigger.type = _promised(complement.type, trigger)
            trigger.objects = trigger.objects + complement.objects
            trigger.money = complement.type in _MONEY_TYPES
        elif (intent_head is not None or future) and not (
                intent_head is not None and lemma_of(intent_head) in lex.DECISION_HEADS
                and trigger.type in lex.MATERIAL_CONFLICT):
            # a decision to deploy or to impose sanctions is that act, not a threat of it
            promised = _promised(trigger.type, trigger)
            trigger.money = trigger.type in _MONEY_TYPES
            trigger.type = promised
        else:
            trigger.money = trigger.type in _MONEY_TYPES
            if complement is not None and lemma == "agree":
                trigger.money = complement.type in _MONEY_TYPES
        reporter = _demanding_reporter(trigger.clause if trigger.nominal else trigger.token)
        if reporter is not None:
            # "Syria said Israel must withdraw": a demand of Syria's on Israel (CAMEO 10)
            trigger.type, trigger.mode, trigger.demand, trigger.money = "REQUEST", None, reporter, False
        elif negated and trigger.type == "REJECT":
            # "did not rule out military action": what is not refused is held out as possible
            nouns = trigger.objects + [c for c in trigger.token.children if c.dep_ == "dobj"]
            # "did not rule out the use of force": what the object is the use or threat of
            nouns += [grand for noun in list(nouns) for child in noun.children if child.dep_ == "prep"
                      and child.lower_ == "of" for grand in child.children if grand.dep_ == "pobj"]
            held_out = {_noun_type(noun) for noun in nouns + (complement.objects if complement else [])}
            if complement is not None:
                held_out.add(complement.type)
            if held_out & (lex.MATERIAL_CONFLICT | {"THREATEN"}) or any(
                    lemma_of(noun) in _FORCE_WORDS for noun in nouns):
                trigger.type, trigger.mode = "THREATEN", None
            else:
                continue  # "did not reject the plan": no rejection
        elif negated and not (trigger.type in lex.MATERIAL_CONFLICT and _failed(trigger.token)):
            # "failed to capture the city": the attack was made, only not won
            if trigger.type in lex.COOPERATIVE:
                trigger.type = "REJECT"
                trigger.mode = None
            elif trigger.type in lex.MATERIAL_CONFLICT | {"THREATEN", "ACCUSE", "PROTEST", "REQUEST"}:
                continue  # an attack, threat, accusation or demand that was not made is no event
        if index in absorbed:
            continue
        results.append(trigger)
    return results


def _aim_of_offered_thing(complement: Token, head: Token) -> bool:
    """"offered its troops to help him oust X": with an object of its own, the head's purpose
    clause says what the thing offered is for, not what is promised ("offered to send")."""
    if not any(child.dep_ == "dobj" for child in head.children):
        return False
    current = complement
    while current.head.i != current.i and current.i != head.i:
        if current.dep_ == "advcl" and current.head.i == head.i:
            return True
        current = current.head
    return False


def _promised(event_type: str, trigger: Trigger) -> str:
    if event_type in lex.COOPERATIVE:
        return "AGREE"
    if event_type in lex.MATERIAL_CONFLICT:
        trigger.mode = lex.THREAT_MODES.get(event_type)
        return "THREATEN"
    return event_type


def _demanding_reporter(token: Token) -> Token | None:
    """The verb of saying that reports "X must/should do" (directly or in a quotation)."""
    current = token
    while (current.dep_ == "xcomp" or _purpose(current)) and current.head.i != current.i:
        current = current.head  # "must stop building", "should agree to withdraw", "must act to stop"
    if not any(child.dep_ == "aux" and child.lower_ in _DEONTIC_AUX for child in current.children):
        return None
    for _ in range(3):
        if current.dep_ not in {"ccomp", "parataxis", "conj"} or current.head.i == current.i:
            return None
        current = current.head
        if lemma_of(current) in lex.REPORTING_VERBS:
            return current
    return None


def _intent_head(token: Token) -> Token | None:
    """"willing" in "is willing to withdraw", "plans" in "plans to impose", "intention" in
    "has no intention of withdrawing"."""
    current = token
    for _ in range(4):
        if current.dep_ not in {"xcomp", "ccomp", "acomp", "advcl", "pcomp", "acl", "prep"} \
                or current.head.i == current.i:
            return None
        current = current.head
        if lemma_of(current) in lex.INTENT_HEADS or (
                current.pos_ == "NOUN" and lemma_of(current) in lex.INTENT_NOUNS):
            return current
        if current.pos_ in {"AUX", "ADP"} or lemma_of(current) == "be":
            continue  # "is willing to", "intention of"
        return None
    return None


def _governing(token: Token, triggers: dict[int, Trigger]) -> Trigger | None:
    """The nearest trigger above this one, unless it is only coordinated with it."""
    if token.dep_ == "conj":
        return None
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.i in triggers:
            return triggers[current.i]
    return None


__all__ = ["MESSAGE_NOUNS", "Trigger", "conditional", "event_type_of", "find_triggers", "lemma_of"]
