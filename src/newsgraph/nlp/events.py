"""Political events (PLOVER) coded per sentence from the dependency parse.

``code_events(doc, entities=, quotes=, dates=, amounts=)`` returns ``newsgraph.records.Event``
records (DESIGN.md): ``type``, ``mode``, ``actor``, ``recipient``, ``date``, ``amount``,
``quote``, ``start``, ``end`` (the sentence) and ``text``. The records passed in are the
article's own (``normalise_entities``, ``find_quotes``, ``find_dates``, ``find_amounts`` over
the same text); ``amount`` and ``quote`` are indices into them. Entities are computed when not
given; quotes, dates and amounts are not (an index must point into a list the caller holds).

How a sentence is coded:
1. ``events_triggers`` finds the words that state an event, by the project's lexicon
   (``events_lexicon``), and reads intentions, negation and triggers governed by others:
   "the minister recalled that France has provided military support to Ukraine" is one AID;
   "pledged to send" is AGREE, "vowed to strike" THREATEN, "did not agree" REJECT.
2. Within a sentence the events come in order of prominence (the main clause's first), one
   per type.
3. ``events_parties`` finds each trigger's actor and recipient (``EventParty``). Security
   forces assaulting a crowd are violent repression: COERCE (CAMEO 175), not ASSAULT.
4. ``date``: the value of the DATE/TIME expression in the sentence nearest the trigger;
   ``amount``: the nearest money amount in the sentence, for AID and SANCTION (and
   promises of them); ``quote``: the quotation whose content holds the trigger.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp import events_lexicon as lex
from newsgraph.nlp.countries import lookup_country
from newsgraph.nlp.entities import normalise_entities
from newsgraph.nlp.events_parties import PartyFinder
from newsgraph.nlp.events_triggers import Trigger, conditional, event_type_of, find_triggers, lemma_of
from newsgraph.nlp.leaders import leader_country
from newsgraph.nlp.parse_index import doc_text
from newsgraph.records import Amount, Entity, Event, EventParty, Quote, Timex

_DATE_TYPES = frozenset({"DATE", "TIME"})


def code_events(doc: Doc, *, entities: Sequence[Entity] | None = None, quotes: Sequence[Quote] = (),
                dates: Sequence[Timex] = (), amounts: Sequence[Amount] = ()) -> tuple[Event, ...]:
    """PLOVER events of a parsed text, in text order (see module doc)."""
    coder = _Coder(doc, normalise_entities(doc) if entities is None else entities, quotes, dates, amounts)
    events: list[Event] = []
    for sentence in doc.sents:
        events.extend(coder.code_sentence(sentence))
    return tuple(events)


class _Coder:
    """Codes one document's sentences in text order (the party finder carries pronoun
    antecedents from one sentence to the next)."""

    def __init__(self, doc: Doc, entities: Sequence[Entity], quotes: Sequence[Quote], dates: Sequence[Timex],
                 amounts: Sequence[Amount]) -> None:
        self.text = doc_text(doc)
        self.quotes = quotes
        self.dates = dates
        self.amounts = amounts
        self.party_finder = PartyFinder(doc, entities, quotes)

    def code_sentence(self, sentence: Span) -> list[Event]:
        """The sentence's events, the most prominent first, one per type."""
        triggers = find_triggers(sentence)
        # an act only supposed ("if they attack us") comes after the acts stated
        triggers.sort(key=lambda t: (conditional(t.token), t.nominal, _depth(t.token), t.token.i))
        by_type: dict[str, list[Trigger]] = {}
        for trigger in triggers:
            by_type.setdefault(trigger.type, []).append(trigger)
        events = [self._event(same_type, sentence) for same_type in by_type.values()]
        for event in events:
            if event.actor is not None:
                self.party_finder.last_party = event.actor
        return events

    def _event(self, same_type: list[Trigger], sentence: Span) -> Event:
        """The event of the most prominent of the sentence's triggers of one type. Where its
        clause names no actor (or no recipient), another trigger of that type supplies it:
        "ten people were killed when Serbian forces shelled the town" is one attack by Serbia."""
        trigger = same_type[0]
        actor, recipient = self.party_finder.actor_and_recipient(trigger, sentence)
        # a governed trigger of the same type ("killed when ... shelled") was folded into its head
        others = [t.complement for t in same_type if t.complement is not None and t.complement.type == t.type]
        for other in others + same_type[1:]:
            if actor is not None and recipient is not None:
                break
            other_actor, other_recipient = self.party_finder.actor_and_recipient(other, sentence)
            if actor is None and other_actor is not None and other_actor != recipient:
                actor = other_actor
            if recipient is None and other_recipient is not None and other_recipient != actor:
                recipient = other_recipient
        actor = self.party_finder.settled_actor(trigger, sentence, actor, recipient)
        start, end = sentence.start_char, sentence.end_char
        while end > start and self.text[end - 1].isspace():
            end -= 1
        position = trigger.token.idx
        event_type = trigger.type
        mode = trigger.mode
        if event_type == "ASSAULT" and lemma_of(trigger.token) == "raid" and (
                _is_police(actor) or _searches_premises(actor, trigger.token)):
            event_type = "COERCE"  # police raiding offices or homes: a search, not an armed attack
        elif event_type == "ASSAULT" and _is_repression(actor, recipient, trigger.token):
            event_type = "COERCE"  # police firing on protesters: violent repression (CAMEO 175), not war
        elif event_type == "ASSAULT" and _is_crowd(actor):
            event_type, mode = "PROTEST", "riot"  # protesters burning and stoning: a riot (CAMEO 145)
        elif event_type == "PROTEST" and not trigger.nominal and lemma_of(trigger.token) == "protest" \
                and _is_state(actor):
            event_type, mode = "ACCUSE", None  # a government protesting complains officially (CAMEO 114)
        return Event(
            type=event_type,
            mode=mode or self._mode(trigger),
            actor=actor,
            recipient=recipient,
            date=self._date(start, end, position),
            amount=self._amount(start, end, position) if trigger.money else None,
            quote=self._quote(position),
            start=start,
            end=end,
            text=self.text[start:end],
        )

    def _mode(self, trigger: Trigger) -> str | None:
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
            for key in (token.lower_, lemma_of(token)):
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


def _depth(token: Token) -> int:
    """How many heads above the token the root is (the main clause's verb is 0)."""
    depth = 0
    while token.head.i != token.i:
        token = token.head
        depth += 1
    return depth


# Security forces and the unarmed crowds they repress (CAMEO 175 "use tactics of violent repression",
# which PLOVER codes COERCE): force used by the first against the second is not an armed assault.
_SECURITY_WORDS = frozenset({"police", "policemen", "police officers", "riot police", "security forces",
                             "security", "troops", "soldiers", "army", "gendarmes", "militia", "guards",
                             "authorities"})
_CROWD_WORDS = frozenset({"protesters", "protestors", "demonstrators", "crowd", "crowds", "students",
                          "rioters", "marchers", "strikers", "mourners", "worshippers", "demonstration",
                          "supporters", "activists", "youths",
                          "protest", "rally", "march"})


def _is_crowd(actor: EventParty | None) -> bool:
    """A crowd of civilians acts: its violence is a riot, not an armed attack."""
    words = set((actor.text or "").lower().split()) if actor else set()
    return bool(words & _CROWD_WORDS) and not words & _SECURITY_WORDS


# Words of a state's own voice: a government, its office holders and envoys.
_STATE_WORDS = frozenset({"government", "ministry", "minister", "president", "premier", "chancellor",
                          "embassy", "ambassador", "envoy", "spokesman", "spokeswoman", "official",
                          "officials", "king", "cabinet", "administration", "kremlin"})


def _is_state(actor: EventParty | None) -> bool:
    """A country named as such, or its government or office holders (not its people)."""
    if not actor or not actor.country:
        return False
    text = actor.text or actor.name or ""
    if actor.name and lookup_country(actor.name) is not None and lookup_country(actor.name).kind == "name":
        return len(text.split()) <= 3 and not set(text.lower().split()) & _CROWD_WORDS
    return bool(set(text.lower().replace(".", "").split()) & _STATE_WORDS) or leader_country(text) is not None


def _is_police(actor: EventParty | None) -> bool:
    words = set((actor.text or "").lower().split()) if actor else set()
    return bool(words & {"police", "policemen", "officers", "agents", "authorities"}) \
        and not words & {"army", "troops", "soldiers", "forces", "military"}


# Civil premises: raided, they are searched, not attacked.
_PREMISES = frozenset({"office", "offices", "home", "homes", "house", "houses", "headquarters", "premises",
                       "newspaper", "newspapers", "apartment", "apartments", "residence", "studio", "studios"})


def _searches_premises(actor: EventParty | None, trigger: Token) -> bool:
    """Any but an army raiding offices or homes ("security forces raided the party's
    offices") searches them (CAMEO 17)."""
    words = set((actor.text or "").lower().split()) if actor else set()
    if words & {"army", "troops", "soldiers", "military", "rebels", "guerrillas", "militants", "gunmen"}:
        return False
    objects = [child for child in trigger.children if child.dep_ == "dobj"]
    objects += [grand for child in trigger.children if child.dep_ == "prep" and child.lower_ in {"on", "of"}
                for grand in child.children if grand.dep_ == "pobj"]
    return any(lemma_of(noun) in _PREMISES or noun.lower_ in _PREMISES for noun in objects)


def _is_repression(actor: EventParty | None, recipient: EventParty | None, trigger: Token) -> bool:
    """Security forces acting on a crowd: the recipient, or the words the act is done to
    (its object and its at/on/against phrases) when no recipient party was found."""
    if not actor:
        return False
    actor_words = set((actor.text or "").lower().split())
    target_words = set((recipient.text or "").lower().split()) if recipient else set()
    # "beat and detained dozens of supporters": coordinated verbs share their object
    for verb in (trigger, *trigger.conjuncts):
        for child in verb.children:
            if child.dep_ == "dobj" or child.dep_ == "prep" and child.lower_ in {"at", "on", "against", "into"}:
                target_words |= {token.lower_ for token in child.subtree}
    return bool(actor_words & _SECURITY_WORDS) and bool(target_words & _CROWD_WORDS)


def _is_money(amount: Amount) -> bool:
    if amount.kind == "money":
        return True
    unit = amount.unit or ""
    return len(unit) == 3 and unit.isupper() and unit.isalpha()


__all__ = ["code_events", "event_type_of"]
