"""Which identity one speaker mention belongs to, given what the corpus holds of its speaker block.

The rules of `resolve_speakers`, decided one mention at a time against a summary of the
mention's block (`BlockState`: the full names of that surname with how often they are named, the
role heads each was quoted with, the countries each was placed in and in how many articles, and
which are known persons), so that a store can decide each new quotation at write time and only
decide again the few whose decision depends on the rest of the corpus:

- an organisation's name is its identity (less "the"); a name the tagger calls ORG is an
  organisation only while no article tags it PERSON (`settled` False: that can change);
- a full name is its first and last name (`name_parts`), settled, unless its name is held by
  people of two countries each in `SPLIT_ARTICLES` articles: then a mention of another country
  than the most seen one is that country's namesake (not settled);
- a bare surname joins the only full name of the block holding the role it was quoted with,
  else the one its own article names most, else the only or dominant one in the corpus, else it
  stays an identity of its own; settled only where its article decided and it has no role.

Every decision carries its reason, kept with the quotation (`why`).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsgraph.resolve.speakers import (
    RoleSpell,
    _SPLIT_ARTICLES,
    _affiliation_country,
    _identity_id,
    _is_full,
    _is_organisation,
    _surname,
    clean_role,
    dominant,
    fold,
    name_parts,
    organisation_key,
)

__all__ = ["BlockState", "Decision", "MentionFacts", "decide", "mention_facts", "summarise_roles"]


@dataclass(frozen=True, slots=True)
class MentionFacts:
    """What a quotation's speaker mention says on its own, kept with the quotation."""

    key: str  # its name key, parts joined by "|" ('' for none)
    full: bool  # a first and a last name
    organisation: bool  # an organisation by its words alone
    role_head: str | None  # the head noun of its cleaned role (`Secretary of State` -> secretary)
    country: str | None  # ISO3 from its role or affiliation


def mention_facts(name: str, role: str | None, affiliation: str | None) -> MentionFacts:
    key = name_parts(name.strip()) if name else ()
    cleaned = clean_role(role, affiliation)
    head = None
    country = None
    if cleaned is not None:
        words = fold(cleaned[0]).split()
        cut = next((i for i, w in enumerate(words) if w in ("of", "for")), len(words))
        head = words[cut - 1] if cut else None
        country = cleaned[2]
    if country is None and affiliation:
        country = _affiliation_country(affiliation)
    return MentionFacts(key="|".join(key), full=_is_full(key), organisation=_is_organisation(name, None),
                        role_head=head, country=country)


@dataclass
class BlockState:
    """What the store holds of one speaker block, as the rules need it."""

    weights: Counter[str] = field(default_factory=Counter)  # full key -> quotations + article mentions
    articles: Counter[str] = field(default_factory=Counter)  # full key -> articles whose entities give it
    heads: dict[str, set[str]] = field(default_factory=dict)  # full key -> role heads quoted with
    countries: dict[str, dict[str, int]] = field(default_factory=dict)  # full key -> country -> articles
    known: set[str] = field(default_factory=set)  # keys tagged PERSON somewhere

    def strong(self, key: str) -> list[str]:
        """Countries this name is placed in by enough articles to be a person of its own there."""
        return sorted(c for c, n in self.countries.get(key, {}).items() if n >= _SPLIT_ARTICLES)

    def home(self, key: str) -> str | None:
        strong = self.strong(key)
        return max(strong, key=lambda c: (self.countries[key][c], c)) if strong else None


    def fingerprint(self) -> str:
        """A digest of everything an unsettled decision depends on: per surname its full names and
        the one the corpus chooses, the role heads each holds, the known persons, the namesakes
        split by country. While it stays the same, no decision made in the block can change."""
        surnames: dict[tuple[str, str], list[str]] = {}
        for key in sorted(self.weights):
            surnames.setdefault(_surname(_key(key)), []).append(key)
        choice = {}
        for surname, keys in sorted(surnames.items()):
            found = dominant(Counter({k: self.weights[k] for k in keys}), Counter({k: self.articles[k] for k in keys}))
            outcome = keys[0] if len(keys) == 1 else found[0] if found else None
            choice["|".join(surname)] = [keys, outcome]
        data = {"choice": choice, "heads": {k: sorted(v) for k, v in sorted(self.heads.items())},
                "known": sorted(self.known),
                "split": {k: [self.strong(k), self.home(k)] for k in sorted(self.countries) if len(self.strong(k)) >= 2}}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Decision:
    speaker_id: str | None
    kind: str | None  # person | organisation
    reason: str
    settled: bool  # True: nothing the rest of the corpus adds can change it


def _key(text: str) -> tuple[str, ...]:
    return tuple(text.split("|")) if text else ()


def decide(name: str, label: str | None, facts: MentionFacts, state: BlockState,
           article_keys: Counter[str], place: Callable[[str], str | None]) -> Decision:
    """The identity of one mention. `article_keys`: the full names of the block its article names,
    and how often; `place(key)`: the country its article places that name in, if any."""
    known = facts.key in state.known if facts.full else _known_surname(facts, state)
    if facts.organisation or (label == "ORG" and _is_organisation(name, None if known else label)):
        org = organisation_key(name)
        if not org:
            return Decision(None, None, "", True)
        return Decision(_identity_id("organisation", (org,)), "organisation",
                        "the same name less 'the', case and accents", facts.organisation)
    if not facts.key:
        return Decision(None, None, "", True)
    settled = label != "ORG"
    key = _key(facts.key)
    if facts.full:
        strong = state.strong(facts.key)
        if len(strong) < 2:
            return Decision(_identity_id("person", key), "person",
                            "the same first and last name (titles, middle names, initials and accents aside)", settled)
        return _namesake(facts.key, facts.country, state, place, "")
    surname = _surname(key)
    candidates = sorted(k for k in state.weights if _surname(_key(k)) == surname)
    heads = {facts.role_head} if facts.role_head else set()
    holding = [k for k in candidates if heads & state.heads.get(k, set())]
    if len(holding) == 1:
        return _join(holding[0], state, f"the only person of that surname in the corpus with its role "
                                         f"({', '.join(sorted(heads))})", False, place)
    ranked = Counter({k: n for k, n in article_keys.items() if _surname(_key(k)) == surname}).most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return _join(ranked[0][0], state, "the person of that surname its article names most", settled and not heads,
                     place)
    if ranked:
        return Decision(_identity_id("person", key), "person", "", settled and not heads)
    if len(candidates) == 1:
        return _join(candidates[0], state, "the only person of that surname in the corpus", False, place)
    if candidates:
        found = dominant(Counter({k: state.weights[k] for k in candidates}),
                         Counter({k: state.articles[k] for k in candidates}))
        if found is not None:
            return _join(found[0], state, found[1], False, place)
    return Decision(_identity_id("person", key), "person", "", False)


def _known_surname(facts: MentionFacts, state: BlockState) -> bool:
    """A bare surname some full name of which is a known person (its tagger's ORG loses)."""
    if facts.full or not facts.key:
        return False
    surname = _surname(_key(facts.key))
    return any(_surname(_key(k)) == surname for k in state.known)


def _join(target: str, state: BlockState, reason: str, settled: bool,
          place: Callable[[str], str | None] = lambda key: None) -> Decision:
    """A bare surname joins a full name (of a name split by country: the namesake its article places)."""
    if len(state.strong(target)) >= 2:
        return _namesake(target, None, state, place, reason)
    return Decision(_identity_id("person", _key(target)), "person", reason, settled)


def _namesake(key: str, country: str | None, state: BlockState, place: Callable[[str], str | None],
              reason: str) -> Decision:
    """Of a name held by people of several countries: the one of the mention's country, else of
    the country its article places the name in, else the one most seen."""
    strong = state.strong(key)
    home = state.home(key)
    if country not in strong:
        country = place(key)
    if country not in strong or country == home:
        return Decision(_identity_id("person", _key(key)), "person", reason or f"the same name, of {home}", False)
    return Decision(_identity_id("person", (*_key(key), country)), "person",
                    reason or f"kept apart from the namesake of {home}: affiliated with {country}", False)


def summarise_roles(rows: Iterable[tuple[str | None, str | None, str | None, str | None]]) -> tuple[RoleSpell, ...]:
    """An identity's roles over time from (role, affiliation, first day, last day) as quoted:
    cleaned (`clean_role`), one spell per role and place, a role seen without a place joined to
    the only place it is seen with."""
    spells: dict[tuple[str, str | None], list[str]] = {}
    shown: dict[tuple[str, str | None], tuple[str, str | None, str | None]] = {}
    for role, affiliation, first, last in rows:
        cleaned = clean_role(role, affiliation)
        if cleaned is None:
            continue
        role_key = (fold(cleaned[0]), cleaned[2] or (fold(cleaned[1]) if cleaned[1] else None))
        spells.setdefault(role_key, []).extend(d for d in (first, last) if d)
        shown.setdefault(role_key, cleaned)
    for role_text, place in list(spells):
        placed = [k for k in spells if k[0] == role_text and k[1] is not None]
        if place is None and len(placed) == 1:
            spells[placed[0]].extend(spells.pop((role_text, None)))
    found = []
    for role_key, days in spells.items():
        role, affiliation, country = shown[role_key]
        days = sorted(days)
        found.append(RoleSpell(role=role, affiliation=affiliation, country=country,
                               first=days[0] if days else None, last=days[-1] if days else None))
    return tuple(sorted(found, key=lambda r: (r.first or "", r.role)))
