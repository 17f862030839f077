"""Who acts and who is acted upon: the parties of an event trigger (``events`` step 3).

- Actor: the clause's subject (the agent of a passive), climbing through infinitives and
  coordination; pronouns take the subject of the clause that reports them ("Syria says it
  will ..."), first person takes the country of the quotation's speaker ("asking us").
- Recipient: the indirect or direct object, then "to/against/with/on ..." phrases of the verb
  and of its object noun, the subject of a passive, a coordinated co-subject for joint acts
  ("X and Y agreed"), and last a place the act happened "in".
- An act the parse gives no subject (a headline, a fragment) takes the nearest country or
  international organisation named before it in the sentence. A phrase naming an
  international organisation ("Arab League foreign ministers") is that organisation, with no
  country.
- A party is an ``EventParty``: the entity the phrase holds (the one at its head first), its
  canonical name and ISO3 country; an organisation's or group's country is null unless its
  name states one. Common nouns for people and bodies (police, rebels, "the government")
  are parties of the country the sentence takes place in.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp import events_lexicon as lex
from newsgraph.nlp.countries import (
    country_from_org,
    country_of,
    lookup_country,
    organisation_in,
    organisation_name,
    organisation_of,
)
from newsgraph.nlp.events_triggers import MESSAGE_NOUNS, Trigger, event_type_of, lemma_of
from newsgraph.nlp.events_words import ACTOR_NOUNS as _ACTOR_NOUNS
from newsgraph.nlp.events_words import NON_STATE_NOUNS as _NON_STATE_NOUNS
from newsgraph.nlp.events_words import PLACE_NOUNS as _PLACE_NOUNS
from newsgraph.nlp.leaders import leader_country
from newsgraph.nlp.parse_index import doc_text, sentence_of
from newsgraph.records import Entity, EventParty, Quote, replace

_SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
_PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
# Clause links through which a verb shares its governor's subject ("agreed to provide").
_SUBJECT_SHARING_DEPS = frozenset({"xcomp", "acomp", "conj", "advcl", "pcomp", "prep", "dobj", "pobj",
                                   "oprd", "attr", "ccomp", "relcl", "acl", "amod", "compound"})
# Parts of a noun phrase that are not the party itself.
_PHRASE_CUT_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "conj", "cc", "punct", "prep"})
_FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "me", "my"})
_THIRD_PERSON = frozenset({"it", "its", "they", "them", "their", "he", "him", "his", "she", "her"})
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
_POSSESSIVE_PRONOUNS = frozenset({"its", "their", "our", "his", "her", "my"})
# Passive forms that state the subject's own stance ("is committed to", "is prepared to").
_STATIVE_PASSIVES = frozenset({"commit", "prepare", "determine", "resolve", "dedicate", "engage",
                               "obligate", "oblige", "bind"})
# Parts of a phrase that only count what follows ("thousands of students", "dozens of rebels").
_COUNTING_HEADS = lex.QUANTITY_HEADS | {"thousands", "hundreds", "dozens", "scores", "millions",
                                         "crowd", "band", "handful", "busload", "contingent"}
# Verbs that move something to someone: the "to" phrase is the recipient, not the thing moved
# ("extradited two suspects to France", "handed the documents to the UN").
_MOVING_VERBS = frozenset(
    "provide give send deliver supply ship grant transfer allocate sell extend donate dispatch"
    " extradite hand return lend offer airlift pay".split())
# People who speak or act for a body: "a spokesman for the Iraqi government" is that government.
_VOICE_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "envoy", "negotiator",
                          "representative", "official", "lawyer", "adviser", "advisor", "minister",
                          "commissioner", "coordinator", "ambassador", "delegate"})
# Prepositions of place: their object is where an act happened.
_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "along", "across", "throughout"})
# Verbs whose subject is on the receiving end of their object's act ("received a warning from X").
_CONVERSE_VERBS = frozenset({"receive", "get"})
# Prepositions of where something goes (a destination is not where the act happens).
_DIRECTION_PREPS = frozenset({"to", "into", "toward", "towards", "for"})
# Forces and arms an actor moves or pulls back: never the recipient of the move.
_FORCE_WORDS = lex.TROOP_NOUNS | {"troop", "tank", "warship", "reinforcements", "reservist", "reservists",
                                  "weapon", "weapons", "artillery", "missile", "missiles", "jet", "jets",
                                  "aircraft", "carrier", "ship", "ships", "unit"}
# Acts only authorities do (arrests, bans, expulsions): an unattributed one reported by an
# authority is its own.
_AUTHORITY_TYPES = frozenset({"COERCE", "SANCTION"})
_AUTHORITY_NOUNS = frozenset({"police", "authorities", "authority", "government", "ministry", "army",
                              "military", "officials", "official", "prosecutors", "prosecutor", "court",
                              "spokesman", "spokeswoman", "spokesperson", "minister", "agency"})
# Joint acts of two or more parties: a coordinated co-subject is the recipient first.
_JOINT_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})


class PartyFinder:
    """Finds the parties of one document's triggers, sentence by sentence in text order.

    ``last_party`` (the actor of the latest event, set by the coder) and ``last_person`` (the
    latest person read as a party) are the antecedents of pronouns the parse cannot resolve."""

    def __init__(self, doc: Doc, entities: Sequence[Entity], quotes: Sequence[Quote]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.entities = sorted(entities, key=lambda e: (e.start, e.end))
        self.quotes = quotes
        self.last_party: EventParty | None = None
        self.last_person: EventParty | None = None

    def actor_and_recipient(self, trigger: Trigger,
                            sentence: Span) -> tuple[EventParty | None, EventParty | None]:
        """The trigger's actor and recipient, either None where the sentence names none."""
        if trigger.demand is not None:
            return self._demand_parties(trigger, sentence)
        actor_head, passive = self._actor_head(trigger)
        if actor_head is None and passive:
            # "were killed in an ambush by rebels", "in an Israeli air strike": the act the
            # passive happened in names its actor
            actor_head = _circumstance_agent(trigger)
        if actor_head is None and passive and trigger.type in _AUTHORITY_TYPES:
            # "the editor was arrested, Egyptian police said": the authority reporting an arrest,
            # a ban or an expulsion it does not attribute is the one that made it
            actor_head = _reporting_authority(trigger.clause)
        if passive and actor_head is None and trigger.type == "MOBILIZE":
            # "troops were put on alert", "the army was deployed": the forces act themselves
            actor_head = next((c for c in trigger.clause.children if c.dep_ in _PASSIVE_SUBJECT_DEPS), None)
            passive = actor_head is None
        actor = self._party(actor_head, sentence) if actor_head is not None else None
        recipient = self._recipient(trigger, passive, actor_head, actor, sentence)
        if actor is None and not passive:
            actor = self._party_before(trigger.token, sentence, recipient)
        return actor, recipient

    def settled_actor(self, trigger: Trigger, sentence: Span, actor: EventParty | None,
                      recipient: EventParty | None) -> EventParty | None:
        """The event's actor once every trigger of its type has been read, where the sentence
        gives it no country."""
        if trigger.demand is not None:
            return actor
        actor_head, passive = self._actor_head(trigger)
        if actor is not None and not _coded(actor) and not passive:
            # a person or body the sentence gives no country ("Opposition leader X", "the
            # rebels") is of the country it acts in (the CAMEO coders' convention); an
            # organisation named without a country (Amnesty International) stays without
            if actor_head is not None and actor_head.pos_ != "PRON" and _counted(actor_head).ent_type_ != "ORG":
                country = self._setting_country(sentence, None)
                actor = replace(actor, country=country) if country else actor
        if actor is None and passive:
            # "two Kenyan soldiers were killed in Somalia": a passive act with no agent named is
            # done by the country it happens in, unless that is the country acted on
            country = self._setting_country(sentence, recipient)
            actor = EventParty(country=country) if country else None
        return actor

    def _setting_country(self, sentence: Span, recipient: EventParty | None) -> str | None:
        """The country of the first place named in the sentence that is neither a subject or
        object of a clause nor the recipient's country."""
        found = [e for e in self._entities_in(sentence.start_char, sentence.end_char) if e.country
                 and e.label in {"GPE", "LOC", "FAC"} and self._role(e) != "party"
                 and not (recipient and e.country == recipient.country) and not self._modifier(e)
                 and not self._directed_at(e)]
        found.sort(key=lambda e: self._role(e) != "place")  # a place named as such ("in Kabul") first
        return found[0].country if found else None

    def _directed_at(self, entity: Entity) -> bool:
        """A place something goes to ("travelled to Cuba", "handed over to the United States"):
        not where the act happens."""
        span = self.doc.char_span(entity.start, entity.end, alignment_mode="expand")
        return span is not None and span.root.dep_ == "pobj" and span.root.head.lower_ in _DIRECTION_PREPS

    def _modifier(self, entity: Entity) -> bool:
        """A country naming another thing, not a place: "the U.S. embassy", "the Kenya bombing"."""
        span = self.doc.char_span(entity.start, entity.end, alignment_mode="expand")
        return span is not None and span.root.dep_ in {"compound", "amod", "poss", "nmod"} \
            and lemma_of(span.root.head) not in _PLACE_NOUNS

    def _demand_parties(self, trigger: Trigger,
                        sentence: Span) -> tuple[EventParty | None, EventParty | None]:
        """"Syria said Israel must withdraw": the one who says it demands, of the subject of
        what must be done."""
        reporter = next((c for c in trigger.demand.children if c.dep_ in _SUBJECT_DEPS), None)
        actor = self._party(reporter, sentence) if reporter is not None else None
        if actor is None:
            speaker = self._speaker_country(trigger.token)
            if speaker is not None and (speaker[0] or speaker[1]):
                actor = EventParty(text=None, name=speaker[0], country=speaker[1])
        # the subject of what must be done, through "must stop building", "should agree to"
        current = trigger.clause if trigger.nominal else trigger.token
        subject = next((c for c in current.children if c.dep_ in _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS), None)
        while subject is None and current.dep_ == "xcomp" and current.head.i != current.i:
            current = current.head
            subject = next((c for c in current.children if c.dep_ in _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS), None)
        recipient = self._party(subject, sentence) if subject is not None else None
        return actor, recipient

    def _actor_head(self, trigger: Trigger) -> tuple[Token | None, bool]:
        """The actor's head token and whether the clause is passive (its subject is then the
        recipient)."""
        current = trigger.clause
        if trigger.objects and lemma_of(trigger.token) in _CONVERSE_VERBS:
            # "Iran received a warning from the United States": the one it came from acts
            source = _noun_agent(Trigger(trigger.objects[0], trigger.type, trigger.token, nominal=True))
            if source is not None:
                return source, True
        if trigger.nominal:
            # "Indonesia faced criticism from Australia", "threats by Iraq": the event noun
            # names its own actor; the subject of the verb holding it is on the receiving end
            source = _noun_agent(trigger)
            if source is not None:
                return source, True
            # "clashes between Armenian and Azerbaijani forces", "fighting broke out between
            # troops and rebels": the first side acts, the other is its co-party
            sides = _between(trigger.token)
            if sides is not None:
                return sides, False
            # "fled to escape the Vietnamese offensive": the nationality naming the act acts, and
            # the subject of the verb holding it is on the receiving end
            named = next((c for c in trigger.token.children if c.dep_ in {"amod", "compound"}
                          and c.ent_type_ == "NORP"), None)  # not "the Kuwait invasion": the place hit
            if named is not None and trigger.clause.i != trigger.token.i:
                return named, True
        if current.pos_ in {"NOUN", "PROPN"}:
            # an event noun with no verb of its own: "an attack by rebels", "Iraq's invasion"
            # the parser often hangs the "by" phrase on the noun's "of" object ("the arrest of
            # the leader by police")
            holders = [current] + [g for c in current.children if c.dep_ == "prep" and c.lower_ == "of"
                                   for g in c.children if g.dep_ == "pobj"]
            by_agent = next((g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "by"
                             for g in c.children if g.dep_ == "pobj"), None)
            if by_agent is not None:
                return by_agent, True
            owner = next((c for c in current.children if c.dep_ == "poss"), None)
            if owner is not None:
                return owner, False
            if trigger.type in {"MOBILIZE", "RETREAT"}:
                # "the buildup of U.S. forces", "a withdrawal of Syrian troops": the forces act
                forces = next((g for c in current.children if c.dep_ == "prep" and c.lower_ == "of"
                               for g in c.children if g.dep_ == "pobj" and lemma_of(_counted(g)) in _FORCE_WORDS),
                              None)
                if forces is not None:
                    return forces, False
        link = None  # how the clause being read holds the one below it
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
                if lemma_of(current) in _STATIVE_PASSIVES:
                    return passive_subject, False  # "Vietnam is committed to ..." acts itself
                if link == "xcomp":
                    # "the army is reported to have fired", "the troops were ordered to withdraw":
                    # the subject of the passive does what its complement says
                    return passive_subject, False
                return None, True
            if current.dep_ in _SUBJECT_SHARING_DEPS and current.head.i != current.i:
                link, current = current.dep_, current.head
                continue
            break
        return _between(trigger.token), False  # "fighting between X and Y continued"

    def _party_before(self, trigger: Token, sentence: Span,
                      recipient: EventParty | None) -> EventParty | None:
        """When the parse gives the act no subject (a headline, a fragment, a misparse), the
        nearest country or organisation named before the trigger in its sentence acts."""
        candidates = [e for e in self._entities_in(sentence.start_char, trigger.idx)
                      if e.label != "PERSON" or e.country]
        for entity in reversed(candidates):
            if self._is_place_or_patient(entity, trigger):
                continue  # "a blast in Nairobi killed 40": where it happened, not who did it
            country = entity.country
            if country is None and organisation_of(entity.name) is None:
                continue
            if recipient is not None and entity.text in (recipient.text or ""):
                continue
            return EventParty(text=entity.text, name=entity.name, country=country)
        return None

    def _is_place_or_patient(self, entity: Entity, trigger: Token) -> bool:
        """The entity's phrase is where the act happened ("in Nairobi", "at the U.S. embassy")
        or an object acted on ("damaged the U.S. embassy, killing 40"); not an object that
        controls the act ("forced Saddam to withdraw")."""
        span = self.doc.char_span(entity.start, entity.end, alignment_mode="expand")
        if span is None:
            return False
        head = span.root
        while head.dep_ in {"compound", "amod", "poss", "nmod", "case"} and head.head.i != head.i:
            head = head.head
        if head.i == trigger.i:
            return False  # "a NATO summit": the act's own modifier
        if head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS:
            return True
        if head.dep_ not in {"dobj", "iobj", "dative"}:
            return False
        current, controlled = trigger, False
        while current.i != head.head.i and current.head.i != current.i:
            controlled = controlled or current.dep_ == "xcomp"
            current = current.head
        return not (current.i == head.head.i and controlled)

    def _recipient(self, trigger: Trigger, passive: bool, actor_head: Token | None, actor: EventParty | None,
                   sentence: Span) -> EventParty | None:
        """Who the act is done to: a coded party first, then a named one, then a place."""
        heads, places = self._recipient_heads(trigger, passive)
        if actor_head is not None:
            # not inside the actor's own phrase ("a spokesman for the government"), nor the event
            # noun whose own phrase names the actor ("threats from the US")
            heads = [h for h in heads if h.i != actor_head.i and h not in actor_head.subtree
                     and actor_head not in h.subtree]
            places = [p for p in places if actor_head not in p.subtree]
        actor_country = actor.country if actor else None
        co_party = self._co_party(actor_head, actor, sentence)
        if co_party is not None and _coded(co_party) and (
                trigger.type in _JOINT_TYPES or actor_head.head.lower_ == "between"):
            return co_party  # "X and Y held talks", "clashes between X and Y": each is the other's recipient
        # a party with a country (or an international organisation) first, then one with a name;
        # parties are read one head at a time, stopping at the first coded one
        parties = []
        for head in heads:
            if _own_people(head):
                continue  # "sent its ambassador", "withdrawing our forces": the actor's own
            if trigger.type in {"MOBILIZE", "RETREAT"} and lemma_of(_counted(head)) in _FORCE_WORDS:
                continue  # "moved tanks toward", "sent warships to": the forces moved, not a party
            party = self._party(head, sentence, receiving=True, owned=trigger.type == "ASSAULT")
            if party is None or party.country and party.country == actor_country and any(
                    c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children):
                continue  # "moved troops to its border": the actor's own
            if party.country is None and actor_country and _is_actor_noun(head) \
                    and _unnamed(_counted(head)) and not _coded(party) \
                    and lemma_of(_counted(head)) not in lex.TROOP_NOUNS:
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

    def _recipient_heads(self, trigger: Trigger, passive: bool) -> tuple[list[Token], list[Token]]:
        """Candidate recipient heads in order of preference, and places the act happened in."""
        candidates: list[Token] = []
        places: list[Token] = []
        verbs = [trigger.token]
        if trigger.complement is not None:
            verbs.append(trigger.complement.token)
        nouns = list(trigger.objects)
        if trigger.complement is not None:
            nouns += trigger.complement.objects
        if passive:
            candidates += [c for v in verbs for c in v.children if c.dep_ in _PASSIVE_SUBJECT_DEPS]
            if lemma_of(trigger.token) in _CONVERSE_VERBS:
                candidates += [c for c in trigger.token.children if c.dep_ in _SUBJECT_DEPS]
            if trigger.nominal and trigger.clause.i != trigger.token.i:
                candidates += [c for c in trigger.clause.children if c.dep_ in _SUBJECT_DEPS]
        moved: list[Token] = []  # what a moving verb moves: after its "to" phrase
        for holder in verbs + nouns:
            if trigger.complement is not None and holder is trigger.complement.token \
                    and holder.dep_ == "ccomp":
                # "charged that Serbian police had beaten ...": the accused before the victims
                candidates += [c for c in holder.children if c.dep_ in _SUBJECT_DEPS and c.pos_ != "PRON"]
            moving = holder in verbs and lemma_of(holder) in _MOVING_VERBS and any(
                child.dep_ == "prep" and child.lower_ == "to" for child in holder.children)
            for child in holder.children:
                if child.dep_ == "dative":
                    candidates += [g for g in child.children if g.dep_ == "pobj"] or [child]
                elif child.dep_ in {"dobj", "iobj"} and child not in nouns:
                    (moved if moving and child.dep_ == "dobj" else candidates).append(child)
            for preposition in lex.RECIPIENT_PREPS:
                for child in holder.children:
                    if child.dep_ == "prep" and child.lower_ == preposition:
                        if preposition == "of" and holder in verbs and holder.pos_ not in {"NOUN", "PROPN"}:
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
                        and not _in_own_clause(token, verb) and not _attributing(token):
                    deeper += [g for g in token.children if g.dep_ == "pobj"]
        # "sent a letter to the Council demanding ...": the words' addressee is the one asked
        carrier = trigger.token.head
        if trigger.token.dep_ in {"acl", "relcl"} and lemma_of(carrier) in MESSAGE_NOUNS:
            candidates += [g for c in carrier.head.children if c.dep_ in {"prep", "dative"} and c.lower_ == "to"
                           for g in c.children if g.dep_ == "pobj"]
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
        # another party's act named as the object ("denied U.S. accusations that ...",
        # "rejected Moscow's offer"): its owner is the one answered, before the parties of
        # what the act says
        owned = [noun for noun in objects if _noun_type_of(noun) and any(
            child.dep_ in {"poss", "compound", "amod"} and child.ent_type_ in _PARTY_LABELS
            for child in noun.children)]
        return owned + candidates + deeper + [noun for noun in objects if noun not in owned], places

    def _co_party(self, actor_head: Token | None, actor: EventParty | None,
                  sentence: Span) -> EventParty | None:
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

    def _party(self, head: Token, sentence: Span, *, receiving: bool = False,
               owned: bool = False) -> EventParty | None:
        """The party the phrase headed by `head` names; None when it names none (a thing, a
        place without a country)."""
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
            owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
            if country is None and owned and owner is not None and not _is_actor_noun(head):
                # "attacked our villages", "shelled its border posts": the owner is acted on
                owner_party = self._pronoun_party(owner)
                return replace(owner_party, text=text) if owner_party is not None and _coded(owner_party) else None
            if country is None and head.pos_ != "PROPN" and not _is_actor_noun(head):
                return None
            name = None
        if country is None and (chosen is None or chosen.label != "PERSON") \
                and (name is None or organisation_of(name) is None):
            # "Arab League foreign ministers", "EC officials": an international organisation
            # named inside the phrase is the party (PLOVER codes it IGO)
            org_id = organisation_in(text)
            if org_id is not None:
                name = organisation_name(org_id)
        if country is None and _is_actor_noun(head) and _unnamed(_counted(head)) \
                and (name is None or organisation_of(name) is None):
            # police, rebels, protesters, "the government", "our troops": a domestic party of
            # the country whose voice reports it (the speaker of the quotation, the subject of
            # "said"), else of the country the sentence takes place in (the CAMEO coders'
            # convention)
            if receiving or lemma_of(_counted(head)) in _NON_STATE_NOUNS:
                # those acted on, and armed groups or crowds acting, are of the place it happens
                # in before the voice reporting it ("gunmen kidnapped ... in Niger, the French
                # ministry said")
                country = self._place_country(sentence) or self._voice_country(head)
            else:
                country = self._voice_country(head) or self._place_country(sentence)
        party = EventParty(text=text, name=name, country=country)
        if chosen is not None and chosen.label == "PERSON":
            self.last_person = party
        return party

    def _phrase_tokens(self, head: Token) -> list[Token]:
        tokens = [head]
        stack = [child for child in head.children if child.dep_ not in _PHRASE_CUT_DEPS]
        # "the president of Armenia", "a proposal by X", "police in Lagos": who or where the
        # party belongs to
        stack += [child for child in head.children
                  if child.dep_ == "prep" and (child.lower_ in {"of", "by", "from", "in"} or (
                      child.lower_ == "for" and lemma_of(head) in _VOICE_NOUNS
                      and not any(c.ent_type_ for c in head.children if c.dep_ != "prep")))]
        while stack:
            token = stack.pop()
            tokens.append(token)
            stack.extend(child for child in token.children if child.dep_ not in {"relcl", "acl", "advcl", "ccomp"})
        return sorted(tokens, key=lambda t: t.i)

    def _entities_in(self, start: int, end: int) -> list[Entity]:
        return [e for e in self.entities if e.start < end and start < e.end]

    def _place_country(self, sentence: Span) -> str | None:
        found = [e for e in self._entities_in(sentence.start_char, sentence.end_char) if e.country]
        # a place the tagger took for an organisation counts only after the places tagged as
        # such: "the U.S. embassy in Islamabad" stands in Pakistan
        places = [e for e in found if e.label in {"GPE", "LOC", "FAC"}] or \
            [e for e in found if e.label == "ORG" and country_of(e.text)] or \
            [e for e in found if e.label == "NORP" and self._names_place(e)]  # "the Afghan capital"
        # a country that acts or is acted on in the sentence ("unless France withdrew") is a
        # party, not where it happens: named places come after it only when nothing else is
        # party, not where it happens; a place named as such ("in Kabul") comes first
        settings = [e for e in places if self._role(e) == "place"] or \
            [e for e in places if self._role(e) != "party"]
        return (settings or places)[0].country if places else None

    def _names_place(self, entity: Entity) -> bool:
        """A nationality word on a noun of place: "the Afghan capital", "a Lebanese border town"."""
        span = self.doc.char_span(entity.start, entity.end, alignment_mode="expand")
        return span is not None and span.root.dep_ in {"amod", "compound"} \
            and lemma_of(span.root.head) in _PLACE_NOUNS

    def _role(self, entity: Entity) -> str | None:
        """"party" for a clause's subject or object ("France withdrew", "attacked Iraq"),
        "place" for the object of a preposition of place ("in Kabul"), else None."""
        span = self.doc.char_span(entity.start, entity.end, alignment_mode="expand")
        if span is None:
            return None
        root = span.root
        if root.dep_ in {"nsubj", "nsubjpass", "dobj", "dative", "iobj"}:
            return "party"
        return "place" if root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPS else None

    def _pronoun_party(self, pronoun: Token) -> EventParty | None:
        lower = pronoun.lower_
        if lower in _FIRST_PERSON:
            speaker = self._speaker_country(pronoun)
            if speaker is not None:
                return EventParty(text=pronoun.text, name=speaker[0], country=speaker[1])
            return None
        if lower not in _THIRD_PERSON:
            return None
        # "Syria says it is willing": the subject of the clause that reports this one. An object
        # pronoun is never the subject of its own clause, nor of the clause whose subject its
        # clause shares ("Bolivia expelled the envoy, accusing him": him is not Bolivia).
        current = pronoun.head
        shares_subject = pronoun.dep_ in {"dobj", "iobj", "dative", "pobj"} and not any(
            c.dep_ in _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS for c in current.children)
        quoted = self._marked_quote(pronoun)
        while current.head.i != current.i:
            link, current = current.dep_, current.head
            if quoted is not None and not quoted.start <= current.idx < quoted.end:
                break  # the clause reporting a quotation: its speaker would say "we", not "they"
            subject = next((c for c in current.children if c.dep_ in _SUBJECT_DEPS), None)
            if shares_subject:
                shares_subject = subject is None and link in {"xcomp", "advcl", "conj", "pcomp", "prep"}
                if link in {"xcomp", "advcl", "conj", "pcomp", "prep"}:
                    continue
            if subject is not None and lower in {"it", "its"} and subject.tag_ == "NNS":
                continue  # "troops shelled its posts": "its" is no plural
            if subject is not None and subject.pos_ != "PRON":
                party = self._party(subject, self._sentence_of(current))
                if party is not None:
                    return replace(party, text=pronoun.text)
        antecedent = self.last_person if lower in _PERSON_PRONOUNS else self.last_party
        if antecedent is not None:
            return replace(antecedent, text=pronoun.text)
        return None

    def _marked_quote(self, token: Token) -> Quote | None:
        """The quotation in quotation marks (direct) whose content holds the token."""
        return next((q for q in self.quotes if q.field == "text" and q.kind == "direct"
                     and q.start <= token.idx < q.end), None)

    def _voice_country(self, token: Token) -> str | None:
        """The country of whoever's words hold the token: the quotation's speaker, else the
        subject of the reporting verb whose clause holds it ("Israeli officials said troops
        shot two gunmen")."""
        speaker = self._speaker_country(token, reported_only=True)
        if speaker is not None and speaker[1] is not None:
            return speaker[1]
        current = token
        while current.head.i != current.i:
            link, current = current.dep_, current.head
            if link in {"ccomp", "parataxis"} and lemma_of(current) in lex.REPORTING_VERBS:
                subject = next((c for c in current.children if c.dep_ in _SUBJECT_DEPS), None)
                if subject is None or subject.pos_ == "PRON":
                    return None
                tokens = self._phrase_tokens(subject)
                start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
                countries = [e.country for e in self._entities_in(start, end) if e.country]
                return countries[0] if countries else country_from_org(self.text[start:end])
        return None

    def _speaker_country(self, token: Token, *,
                         reported_only: bool = False) -> tuple[str | None, str | None] | None:
        """The name and country of the speaker of the quotation holding the token; None
        outside quotations. `reported_only`: only quotations in marks or reported by a verb of
        saying (not a statement read from "decided to", "called for")."""
        position = token.idx
        for quote in self.quotes:
            if quote.field != "text" or not quote.start <= position < quote.end:
                continue
            if reported_only and quote.kind == "indirect" and not self._said(quote):
                return None
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
            if country is None and not speaker.name and any(
                    word in _ACTOR_NOUNS for word in (speaker.text or "").lower().split()):
                # "the rebel leader told reporters in Khartoum": a domestic speaker
                country = self._place_country(self._sentence_of(token))
            return speaker.name or speaker.affiliation, country
        return None

    def _said(self, quote: Quote) -> bool:
        """The quotation's cue is a verb of saying."""
        if quote.cue is None:
            return False
        cue = self.doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
        return cue is not None and any(lemma_of(t) in lex.REPORTING_VERBS for t in cue)

    def _sentence_of(self, token: Token) -> Span:
        return sentence_of(token)


def _counted(head: Token) -> Token:
    """The noun a phrase is about: "students" in "thousands of students", "miners" in "the
    demands of striking miners" (a thing "of" people is read as those people)."""
    of_object = next((grand for child in head.children if child.dep_ == "prep" and child.lower_ == "of"
                      for grand in child.children if grand.dep_ == "pobj"), None)
    if of_object is None:
        return head
    lemma = lemma_of(head)
    if lemma in _COUNTING_HEADS or head.lower_ in _COUNTING_HEADS or head.pos_ == "NUM":
        return of_object
    if head.ent_type_ == "" and lemma not in _ACTOR_NOUNS and head.lower_ not in _ACTOR_NOUNS \
            and (lemma_of(of_object) in _ACTOR_NOUNS or of_object.lower_ in _ACTOR_NOUNS):
        return of_object
    return head


def _noun_agent(trigger: Trigger) -> Token | None:
    """The party in the "by" or "from" phrase of an event noun ("criticism from Australia"), or
    of the verb holding it, where the parser often hangs it ("drew a rebuke by Zambia"); a
    retreat's "from" is the place left."""
    preps = {"by"} if trigger.type == "RETREAT" else {"by", "from"}
    holders = [trigger.token]
    if trigger.token.head.i == trigger.clause.i != trigger.token.i and trigger.token.dep_ in {"dobj", "attr"}:
        holders.append(trigger.clause)
    return next((g for holder in holders for c in holder.children
                 if c.dep_ in {"prep", "agent"} and c.lower_ in preps
                 for g in c.children if g.dep_ == "pobj" and _names_a_party(g)), None)


_PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _noun_type_of(noun: Token) -> str | None:
    found = event_type_of(noun) if noun.pos_ in {"NOUN", "PROPN"} else None
    return found[0] if found else None


def _circumstance_agent(trigger: Trigger) -> Token | None:
    """The actor of the event noun of the same type that a passive act happened in or by
    ("killed in an ambush by rebels", "wounded in an Israeli air strike")."""
    for child in trigger.token.children:
        if child.dep_ not in {"prep", "agent"} or child.lower_ not in {"in", "during", "by"}:
            continue
        for noun in child.children:
            found = event_type_of(noun) if noun.dep_ == "pobj" and noun.pos_ in {"NOUN", "PROPN"} else None
            if not found or found[0] != trigger.type:
                continue
            agent = next((g for c in noun.children if c.dep_ in {"prep", "agent"} and c.lower_ in {"by", "from"}
                          for g in c.children if g.dep_ == "pobj" and _names_a_party(g)), None) \
                or _between(noun)  # "killed in clashes between Indian and Chinese troops"
            if agent is None:
                # the attacker named before the noun ("an Israeli air strike", "Iraq's attack"),
                # not the city it happened in ("the Atlanta bombing")
                agent = next((c for c in noun.children if c.dep_ in {"poss", "amod", "compound"}
                              and c.ent_type_ in _PARTY_LABELS and not _city_or_region(c)), None)
            if agent is not None:
                return agent
    return None


def _between(noun: Token) -> Token | None:
    """The first side named in an event noun's "between" phrase, or in that of the verb it
    is the subject of ("fighting erupted between X and Y")."""
    holders = [noun] + ([noun.head] if noun.dep_ == "nsubj" else [])
    return next((g for holder in holders for c in holder.children if c.dep_ == "prep" and c.lower_ == "between"
                 for g in c.children if g.dep_ == "pobj" and _names_a_party(g)
                 and any(t.ent_type_ in _PARTY_LABELS for t in g.subtree)), None)  # not "the two countries"


def _reporting_authority(verb: Token) -> Token | None:
    """The subject of the verb of saying that reports the clause, when it is an authority
    (police, a ministry, a government, a country)."""
    current = verb
    for _ in range(3):
        if current.dep_ not in {"ccomp", "parataxis"} or current.head.i == current.i:
            return None
        current = current.head
        if lemma_of(current) in lex.REPORTING_VERBS:
            subject = next((c for c in current.children if c.dep_ in _SUBJECT_DEPS), None)
            if subject is None or subject.pos_ == "PRON":
                return None
            counted = _counted(subject)
            if lemma_of(counted) in _AUTHORITY_NOUNS or counted.lower_ in _AUTHORITY_NOUNS \
                    or counted.ent_type_ in {"GPE", "ORG"}:
                return subject
            return None
    return None


def _in_own_clause(token: Token, verb: Token) -> bool:
    """The token belongs to a clause below the verb with a subject of its own ("denied
    accusations that it supplied weapons to the militias": "to the militias" is the
    supplying's, not the denial's); a clause sharing the verb's subject or object does not
    count ("a resolution calling on Israel")."""
    current = token.head
    while current.i != verb.i and current.head.i != current.i:
        if current.dep_ in {"ccomp", "relcl"} or current.dep_ in {"acl", "advcl"} and any(
                child.dep_ in _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS for child in current.children):
            return True  # a clause with a subject of its own ("accusations that it supplied")
        current = current.head
    return False


def _attributing(preposition: Token) -> bool:
    """"According to the Iraqi ministry": the phrase names who reports the act, never whom
    it is done to."""
    return preposition.head.lower_ in {"according", "thanks", "due", "owing"}


def _city_or_region(token: Token) -> bool:
    found = lookup_country(token.text)
    return found is not None and found.kind in {"city", "region", "capital"}


def _names_a_party(token: Token) -> bool:
    """A person, body or place that can act (not a date or a sum named "from" or "by")."""
    token = _counted(token)
    return token.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or (
        token.ent_type_ == "" and (lemma_of(token) in _ACTOR_NOUNS or token.lower_ in _ACTOR_NOUNS))


def _own_people(head: Token) -> bool:
    """People or forces the phrase gives to its subject by a possessive pronoun ("its
    ambassador", "our troops")."""
    return _is_actor_noun(head) and _unnamed(_counted(head)) and any(
        child.dep_ == "poss" and child.lower_ in _POSSESSIVE_PRONOUNS for child in head.children)


def _unnamed(token: Token) -> bool:
    """No named entity: untagged, or a common noun for people the tagger took for a name
    on its own ("Farmers" opening a sentence, tagged ORG)."""
    if token.ent_type_ == "":
        return True
    doc = token.doc
    alone = token.ent_iob_ == "B" and (token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I")
    return alone and (token.lower_ in _ACTOR_NOUNS or lemma_of(token) in _ACTOR_NOUNS)


def _is_actor_noun(token: Token) -> bool:
    """A named entity, or a common noun for people or a body (police, rebels) that is a party
    without a name."""
    token = _counted(token)
    return token.ent_type_ != "" or lemma_of(token) in _ACTOR_NOUNS or token.lower_ in _ACTOR_NOUNS


def _coded(party: EventParty | None) -> bool:
    """A party PLOVER gives a code: a country, or an international organisation."""
    if not party:
        return False
    return bool(party.country) or any(
        value and organisation_of(value) is not None for value in (party.name, party.text))


__all__ = ["PartyFinder"]
