"""Speaker identities across the corpus: the name variants of one person or body share one id.

Within an article the analysis stage resolves "he" and "the minister" to "Jane Doe"; across
articles the same person is written "Jane Doe", "Jane M. Doe", "Sen. Jane Doe", "Jane Dóe" or
just "Doe". `resolve_speakers` groups every resolved quote speaker into identities:

- A full name is compared by its blocking key: first and last name, accents folded, forms of
  address, titles, middle names and initials dropped, a generational suffix kept
  (`Donald J. Trump` = `Donald Trump` != `Donald Trump Jr.`). Grouping by key keeps the cost
  linear in the number of quotes.
- A bare surname (`Trump`) joins the person of that surname the article itself names most (its
  quoted full names and PERSON entities), else the only person of that surname in the corpus; with
  two candidates and nothing in the article to choose (`Clinton`), it stays an identity of its own.
- One key held by people of different countries (two `Jane Doe`s, each affiliated with her own
  country in two articles or more) is split by country; quotes with no country join the larger.
- Organisations (`the Justice Department`) are identities under their name less "the";
  bare group words (`Democrats`, `officials`) are no identity at all.

Roles are cleaned by `clean_role`: an office or occupation only, abbreviations expanded, a
leading nationality moved to the affiliation. Dates are when the statements were made
(`statement_date`). Every merge keeps its reason (`SpeakerIdentity.why`). Pure functions: the
store reads quotes and entities and lists what this module decides.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from newsgraph.nlp.countries import country_table, lookup_country
from newsgraph.resolve.speakers_lexicon import (
    GROUP_WORDS,
    HONORIFICS,
    NAME_SUFFIXES,
    NAME_TITLES,
    OFFICE_NOUNS,
    ORGANISATION_WORDS,
    TITLE_EXPANSIONS,
)

__all__ = [
    "RoleSpell",
    "SpeakerIdentity",
    "SpeakerMention",
    "clean_role",
    "dominant",
    "fold",
    "name_parts",
    "organisation_key",
    "resolve_speakers",
    "speaker_kind",
    "statement_date",
]

# Words a role phrase may hold between its words (`Secretary of State`, `head of the IMF`).
_ROLE_LINKS = frozenset({"of", "for", "the", "on", "at", "to"})
# Words that mark a clause or a list rather than a title.
_CLAUSE_WORDS = frozenset({"by", "from", "with", "that", "who", "which", "and", "or", "was", "is", "were",
                           "has", "had", "have", "said", "says", "in", "as", "about", "but", "his", "her",
                           "their", "its", "he", "she", "they", "it", "not", "one", "two", "three", "four",
                           "five", "six", "seven", "eight", "nine", "ten", "dozen", "closest"})
# Words before a role that are no part of it (`now majority leader`, `both President`).
_LEADING_FILLERS = frozenset({"now", "both", "the", "a", "an", "also", "still"})
# Role prefixes that qualify an office rather than name one (`former`, `acting`).
_ROLE_QUALIFIERS = frozenset({"former", "acting", "interim", "then", "deputy", "vice", "assistant", "senior",
                              "top", "chief", "outgoing", "incoming", "retired", "longtime", "ex"})
_MAX_ROLE_WORDS = 6
# Offices whose `of`/`for` names their portfolio (`Secretary of State`, `Minister for Trade`,
# `Chief of Naval Operations`); after another office it names where it is held.
_PORTFOLIO_HEADS = frozenset({"secretary", "minister", "undersecretary", "commissioner", "chief", "ministers",
                              "secretaries", "commissioners"})
# A statement's own date counts only within this many days before the article (an older
# year inside a quote is what was talked about, or a misread, not when it was said).
_DATE_WINDOW_DAYS = 366
# A bare surname no article settles joins the full name that holds this share of the corpus's
# mentions of its surname (`Trump` in a 2016 corpus); below it, it stays an identity of its own.
_DOMINANT_SHARE = 0.8
# A different country of one name splits it into two people only with this many articles behind it.
_SPLIT_ARTICLES = 2


@dataclass(frozen=True, slots=True)
class SpeakerMention:
    """One quote's resolved speaker, as the analysis stage stored it, with where and when."""

    article_id: str
    name: str
    role: str | None = None
    affiliation: str | None = None
    said: str | None = None  # the quote's own date (TIMEX3 value), if the article states one
    published: str | None = None
    outlet: str | None = None
    label: str | None = None  # PERSON / ORG where the article's entities tag the name


@dataclass(frozen=True, slots=True)
class RoleSpell:
    """A role an identity was given, with the first and last date it was seen."""

    role: str
    affiliation: str | None
    country: str | None
    first: str | None
    last: str | None


@dataclass(frozen=True, slots=True)
class SpeakerIdentity:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str  # person | organisation
    roles: tuple[RoleSpell, ...]
    affiliations: tuple[str, ...]
    quotes: int
    articles: int
    outlets: int
    first: str | None
    last: str | None
    why: tuple[str, ...]  # one line per merged name form: why it is this identity
    mentions: tuple[int, ...] = field(default=(), repr=False)  # indices into the input


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Accents removed, case folded, curly apostrophes straightened: `Séjourné` -> `sejourne`."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _words(name: str) -> list[str]:
    words = [w.strip(".,;:()\"'") for w in fold(name).split()]
    words = [w.removesuffix("'s") for w in words if w]
    return [w for w in words if w]


@functools.lru_cache(maxsize=1 << 16)
def name_parts(name: str) -> tuple[str, ...]:
    """A person's name reduced for comparison: (first, last) or (first, last, suffix), or (last,)
    for a single name. Forms of address, titles, middle names and initials are dropped."""
    words = _words(name)
    suffix = ""
    if len(words) > 1 and words[-1].rstrip(".") in NAME_SUFFIXES:
        suffix = words.pop().rstrip(".")
    while len(words) > 1 and (words[0].rstrip(".") in HONORIFICS or words[0].rstrip(".") in NAME_TITLES
                              or words[0].rstrip(".") in TITLE_EXPANSIONS):
        words.pop(0)
    if not words:
        return ()
    if len(words) == 1:
        # `Trump Jr.` alone names nobody a bare surname could join: it stays as written.
        return (words[0],) if not suffix else (words[0], "", suffix)
    first, last = words[0].rstrip("."), words[-1].rstrip(".")
    return (first, last, suffix) if suffix else (first, last)


@functools.lru_cache(maxsize=1 << 16)
def _display_name(name: str) -> str:
    """The name without a leading form of address or title (`Mr. Trump` -> `Trump`)."""
    words = name.split()
    while len(words) > 1 and fold(words[0]).strip(".") in HONORIFICS | NAME_TITLES | set(TITLE_EXPANSIONS):
        words.pop(0)
    return " ".join(words)


def organisation_key(name: str) -> str:
    words = _words(name)
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def speaker_kind(name: str, label: str | None = None) -> str:
    """`group` for a bare group word, `organisation` or `person`, from the name (and a tagger's label)."""
    if _is_group(name):
        return "group"
    return "organisation" if _is_organisation(name, label) else "person"


@functools.lru_cache(maxsize=1 << 16)
def _is_group(name: str) -> bool:
    """A bare group word (`Democrats`, `officials`, `Americans`) or a name with no capital."""
    if not any(c.isupper() for c in name):
        return True
    words = _words(name)
    if len(words) == 1 and words[0] in GROUP_WORDS:
        return True
    found = lookup_country(name) if len(words) <= 2 else None
    return found is not None and found.kind in ("demonym", "demonym_plural", "adjective_plural")


@functools.lru_cache(maxsize=1 << 16)
def _is_organisation(name: str, label: str | None) -> bool:
    words = _words(name)
    if label == "PERSON" or (len(words) > 1 and words[-1].rstrip(".") in NAME_SUFFIXES):
        return False
    if label == "ORG":
        return True
    # A person's name never starts with "the" (`The American Legion`).
    if any(w in ORGANISATION_WORDS for w in words) or (len(words) > 1 and words[0] == "the"):
        return True
    stripped = name.strip().removeprefix("the ").removeprefix("The ")
    # An acronym (FBI, CNN) or a country speaking as a body (`Russia`, `the Kremlin`).
    return (stripped.isupper() and len(stripped) >= 2) or lookup_country(stripped) is not None


def statement_date(said: str | None, published: str | None) -> str | None:
    """When a statement was made: its own date where that is a day no later than the article and
    within a year before it, else the article's publication date (day precision)."""
    day = published[:10] if published else None
    if said and re.fullmatch(r"\d{4}-\d{2}-\d{2}", said[:10]) and len(said) >= 10:
        said_day = said[:10]
        if day is None:
            return said_day
        try:
            gap = (date.fromisoformat(day) - date.fromisoformat(said_day)).days
        except ValueError:
            return day
        if 0 <= gap <= _DATE_WINDOW_DAYS:
            return said_day
    return day


def _expand(word: str) -> str:
    bare = word.rstrip(".")
    return TITLE_EXPANSIONS.get(bare.lower(), word if not word.endswith(".") else bare)


def _is_office(word: str) -> bool:
    key = fold(word).strip(".")
    if key in OFFICE_NOUNS or key.removesuffix("s") in OFFICE_NOUNS:
        return True
    return False


@functools.lru_cache(maxsize=1 << 16)
def clean_role(role: str | None, affiliation: str | None = None) -> tuple[str, str | None, str | None] | None:
    """(role, affiliation, ISO3 country) from a role as extracted, or None when it is no office or
    occupation: a form of address (`Mrs.`), a number (`54`), an adjective (`defiant`) or a
    clause fragment. `Sen.` -> `Senator`; `French Foreign Minister` -> (`Foreign Minister`, `France`, FRA)."""
    if not role:
        return None
    words = [w.strip(",;:()\"'") for w in re.sub(r"\s+-\s+", "-", role).split()]
    words = [w for w in words if w and w.rstrip(".").lower() not in HONORIFICS]
    while words and fold(words[0]) in _LEADING_FILLERS:
        words.pop(0)
    if not words or len(words) > _MAX_ROLE_WORDS or any(any(c.isdigit() for c in w) for w in words):
        return None
    words = [_expand(w) for w in words]
    lowered = [fold(w).strip(".") for w in words]
    if any(w in _CLAUSE_WORDS for w in lowered):
        return None
    country = None
    for size in (2, 1):
        if len(words) > size:
            found = lookup_country(" ".join(words[:size]))
            if found is not None and found.kind in ("name", "adjective"):
                country, affiliation = found.iso3, _country_name(found.iso3)
                words, lowered = words[size:], lowered[size:]
                break
    if affiliation and country is None:
        country = _affiliation_country(affiliation)
    # The head is the word before `of`/`for` (`Secretary of State`), else the last office word:
    # what follows it without a preposition is where the office is (`director law school`).
    cut = next((i for i, w in enumerate(lowered) if w in ("of", "for")), None)
    if cut is None:
        cut = max((i + 1 for i, w in enumerate(words) if _is_office(w)), default=0)
        words, lowered = words[:cut], lowered[:cut]
    if cut == 0 or lowered[cut - 1] in _ROLE_LINKS or not _is_office(words[cut - 1]):
        return None
    if any(w in _ROLE_LINKS for w in lowered[:cut]) or all(w in _ROLE_QUALIFIERS for w in lowered[:cut]):
        return None
    if cut < len(words) and lowered[cut - 1] not in _PORTFOLIO_HEADS:
        # `chief executive of Northwind Energy`, `spokesman for the department`, `President of
        # France`: what follows is where the office is held, not the office.
        where = _where(words[cut + 1:])
        if where is not None:
            words = words[:cut]
            if where and affiliation is None:
                found = lookup_country(where)
                affiliation = _country_name(found.iso3) if found is not None else where
                country = found.iso3 if found is not None else _affiliation_country(where)
    return " ".join(" ".join(words).split()), affiliation, country


def _where(words: Sequence[str]) -> str | None:
    """The place or body after a role's `of`/`for`: a name (`Northwind Energy`, `the IMF`, `France`)
    as written, '' for a common noun phrase of one (`the department`), None for neither
    (`of state`, `of staff`: part of the office's name)."""
    named = list(words[1:] if words and words[0] == "the" else words)  # `The Atlantic` keeps its article
    if not named:
        return None
    if all(w[:1].isupper() for w in named):
        return " ".join(named)
    if words[0] == "the" and fold(named[-1]).strip(".") in ORGANISATION_WORDS:
        return ""
    return None


@functools.lru_cache(maxsize=1 << 16)
def _affiliation_country(affiliation: str) -> str | None:
    """The country an affiliation names or starts with (`Mexican Energy` -> MEX)."""
    words = affiliation.split()
    for size in (len(words), 2, 1):
        if 0 < size <= len(words):
            found = lookup_country(" ".join(words[:size]))
            if found is not None and (size == len(words) or found.kind in ("name", "adjective")):
                return found.iso3
    return None


def _country_name(iso3: str) -> str:
    entry = country_table().countries.get(iso3)
    return entry["name"] if entry else iso3


def _when_bounds(days: Iterable[str | None]) -> tuple[str | None, str | None]:
    known = sorted(d for d in days if d)
    return (known[0], known[-1]) if known else (None, None)


def _identity_id(kind: str, key: tuple[str, ...]) -> str:
    return hashlib.sha256(f"{kind}|{'|'.join(key)}".encode()).hexdigest()[:16]


def _canonical(names: Counter[str]) -> str:
    """The most used name form (titles dropped); of its spellings, the one with accents."""
    forms: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for name, count in names.items():
        shown = _display_name(name)
        forms[fold(shown)] += count
        spellings[fold(shown)][shown] += count
    best = max(forms, key=lambda f: (len(f.split()) > 1, forms[f], -len(f), f))
    return max(spellings[best], key=lambda s: (sum(ord(c) > 127 for c in s), spellings[best][s], s))


@dataclass
class _Group:
    kind: str
    key: tuple[str, ...]
    members: list[int] = field(default_factory=list)
    why: dict[str, str] = field(default_factory=dict)


def _role_heads(indices: Iterable[int], mentions: Sequence[SpeakerMention]) -> set[str]:
    """The head nouns of the cleaned roles of these mentions (`Secretary of State` -> `secretary`)."""
    heads = set()
    for index in indices:
        cleaned = clean_role(mentions[index].role, mentions[index].affiliation)
        if cleaned is not None:
            words = fold(cleaned[0]).split()
            cut = next((i for i, w in enumerate(words) if w in ("of", "for")), len(words))
            heads.add(words[cut - 1])
    return heads


def _is_full(key: tuple[str, ...]) -> bool:
    """A first and a last name (`name_parts` gives ('hale', '', 'jr') for a bare `Hale Jr.`)."""
    return len(key) >= 2 and key[1] != ""


def _surname(key: tuple[str, ...]) -> tuple[str, str]:
    """(surname, generational suffix) of a full or bare key."""
    suffix = key[2] if len(key) == 3 else ""
    return (key[1], suffix) if _is_full(key) else (key[0], suffix)


def _person_groups(mentions: Sequence[SpeakerMention], people: dict[int, tuple[str, ...]],
                   article_people: dict[str, Counter[tuple[str, ...]]],
                   corpus_articles: Counter[tuple[str, ...]]) -> list[_Group]:
    """Full-name keys first, then bare surnames joined to a full name where one is clear."""
    groups: dict[tuple[str, ...], _Group] = {}
    by_surname: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)
    for index, key in people.items():
        if _is_full(key):
            groups.setdefault(key, _Group("person", key)).members.append(index)
    corpus_people: Counter[tuple[str, ...]] = Counter()
    for counts in article_people.values():
        corpus_people.update(counts)
    for key in [*groups, *corpus_people]:
        by_surname[_surname(key)].add(key)
    # Roles held under a full name: a bare `Obama` quoted as President is the Obama who was one.
    held = {key: _role_heads(group.members, mentions) for key, group in groups.items()}
    unresolved: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, key in people.items():
        if _is_full(key):
            continue
        mention = mentions[index]
        surname = _surname(key)
        heads = _role_heads([index], mentions)
        holding = [k for k in sorted(by_surname.get(surname, ())) if heads & held.get(k, set())]
        in_article = Counter({k: n for k, n in article_people.get(mention.article_id, Counter()).items()
                              if _surname(k) == surname})
        ranked = in_article.most_common(2)
        if len(holding) == 1:
            _join(groups, holding[0], index, mention.name,
                  f"the only person of that surname in the corpus with its role ({', '.join(sorted(heads))})")
        elif ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            _join(groups, ranked[0][0], index, mention.name, "the person of that surname its article names most")
        elif not ranked:
            unresolved[surname].append(index)
        else:
            groups.setdefault(key, _Group("person", key)).members.append(index)
    for surname, indices in unresolved.items():
        target, reason = _corpus_choice(by_surname.get(surname, set()), groups, corpus_people, corpus_articles)
        for index in indices:
            _join(groups, target or people[index], index, mentions[index].name, reason)
    return list(groups.values())


def _corpus_choice(candidates: set[tuple[str, ...]], groups: dict[tuple[str, ...], _Group],
                   corpus_people: Counter[tuple[str, ...]], corpus_articles: Counter[tuple[str, ...]],
                   ) -> tuple[tuple[str, ...] | None, str]:
    """The full name a bare surname its articles leave open stands for in the corpus, and why:
    the only person of that surname, else the `dominant` one."""
    if len(candidates) == 1:
        return next(iter(candidates)), "the only person of that surname in the corpus"
    if not candidates:
        return None, ""
    weight = Counter({k: corpus_people[k] + (len(groups[k].members) if k in groups else 0) for k in sorted(candidates)})
    articles = Counter({k: corpus_articles[k] for k in sorted(candidates)})
    found = dominant(weight, articles)
    return found if found is not None else (None, "")


def dominant(mentions: Counter, articles: Counter) -> tuple | None:
    """The full name (key) that holds `_DOMINANT_SHARE` of a surname's corpus mentions, or of the
    articles that name a person of that surname in full (one profile naming `Michelle Obama` 17
    times does not make `Obama` in other articles ambiguous), with why; None for neither."""
    for counts, what in ((mentions, "corpus mentions"), (articles, "articles naming one in full")):
        if counts:
            (best, count), total = counts.most_common(1)[0], sum(counts.values())
            if total and count / total >= _DOMINANT_SHARE:
                return best, f"the person of that surname named in {count} of {total} {what}"
    return None


def _join(groups: dict[tuple[str, ...], _Group], target: tuple[str, ...], index: int, name: str, reason: str) -> None:
    group = groups.setdefault(target, _Group("person", target))
    group.members.append(index)
    if reason:
        group.why.setdefault(name, f"{name!r}: {reason}")


def _split_by_country(group: _Group, mentions: Sequence[SpeakerMention]) -> list[_Group]:
    """People sharing one name but belonging to different countries, each in enough articles."""
    countries: dict[str, set[str]] = defaultdict(set)
    country_of_mention: dict[int, str] = {}
    for index in group.members:
        mention = mentions[index]
        cleaned = clean_role(mention.role, mention.affiliation)
        country = cleaned[2] if cleaned else None
        if country is None and mention.affiliation:
            country = _affiliation_country(mention.affiliation)
        if country:
            countries[country].add(mention.article_id)
            country_of_mention[index] = country
    strong = [c for c, arts in countries.items() if len(arts) >= _SPLIT_ARTICLES]
    if len(strong) < 2:
        return [group]
    largest = max(strong, key=lambda c: (len(countries[c]), c))
    parts = {c: _Group(group.kind, (*group.key, c) if c != largest else group.key) for c in strong}
    # A quote that states no country belongs to the namesake its own article places.
    by_article = {mentions[i].article_id: c for i, c in sorted(country_of_mention.items()) if c in parts}
    for index in group.members:
        country = country_of_mention.get(index) or by_article.get(mentions[index].article_id)
        parts[country if country in parts else largest].members.append(index)
    for part in parts.values():
        part.why = {name: why for name, why in group.why.items()}
        if part.key != group.key:
            part.why["(country)"] = f"kept apart from the namesake of {largest}: affiliated with {part.key[-1]}"
    return list(parts.values())


def resolve_speakers(mentions: Sequence[SpeakerMention],
                     article_names: dict[str, Counter[str]] | None = None) -> list[SpeakerIdentity]:
    """Identities of the given speaker mentions, most quoted first.

    `article_names` holds, per article id, the PERSON names its entities give and how often:
    what an article is about decides a bare surname. Mentions that name a group are left out."""
    people: dict[int, tuple[str, ...]] = {}
    organisations: dict[str, _Group] = {}
    article_people: dict[str, Counter[tuple[str, ...]]] = defaultdict(Counter)
    spellings: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    # People the tagger calls PERSON somewhere: its ORG on `Marcus Hale` or `Trump` elsewhere loses.
    known: set[tuple[str, ...]] = set()
    corpus_articles: Counter[tuple[str, ...]] = Counter()  # full name -> articles whose entities give it
    for article_id, names in (article_names or {}).items():
        for name, count in names.items():
            key = name_parts(name)
            if _is_full(key):
                corpus_articles[key] += 1
                article_people[article_id][key] += count
                spellings[key][_display_name(name)] += count
                known.add(key)
    for mention in mentions:
        key = name_parts(mention.name)
        if _is_full(key) and not _is_organisation(mention.name, "PERSON"):
            article_people[mention.article_id][key] += 1
            if mention.label == "PERSON":
                known.add(key)
    known_surnames = {_surname(key) for key in known}
    for index, mention in enumerate(mentions):
        name = mention.name.strip()
        if not name or _is_group(name):
            continue
        key = name_parts(name)
        is_known = bool(key) and (key in known if _is_full(key) else _surname(key) in known_surnames)
        if _is_organisation(name, None if is_known else mention.label):
            org_key = organisation_key(name)
            if org_key:
                organisations.setdefault(org_key, _Group("organisation", (org_key,))).members.append(index)
            continue
        if key:
            people[index] = key
    groups = [part for group in _person_groups(mentions, people, article_people, corpus_articles)
              for part in _split_by_country(group, mentions)]
    identities = [_identity(group, mentions, spellings.get(group.key)) for group in [*groups, *organisations.values()]]
    identities.sort(key=lambda i: (-i.quotes, i.name, i.id))
    return identities


def _identity(group: _Group, mentions: Sequence[SpeakerMention], full_names: Counter[str] | None) -> SpeakerIdentity:
    names: Counter[str] = Counter(mentions[i].name.strip() for i in group.members)
    days = {i: statement_date(mentions[i].said, mentions[i].published) for i in group.members}
    spells: dict[tuple[str, str | None], list[str | None]] = {}
    spelled: dict[tuple[str, str | None], tuple[str, str | None, str | None]] = {}
    affiliations: Counter[str] = Counter()
    for index in group.members:
        mention = mentions[index]
        cleaned = clean_role(mention.role, mention.affiliation) if group.kind == "person" else None
        if cleaned is not None:
            role_key = (fold(cleaned[0]), cleaned[2] or (fold(cleaned[1]) if cleaned[1] else None))
            spells.setdefault(role_key, []).append(days[index])
            spelled.setdefault(role_key, cleaned)
        if mention.affiliation and group.kind == "person":
            affiliations[mention.affiliation] += 1
    # A role seen without a country is the same role seen with one, where only one country has it.
    for role_text, place in list(spells):
        placed = [k for k in spells if k[0] == role_text and k[1] is not None]
        if place is None and len(placed) == 1:
            spells[placed[0]].extend(spells.pop((role_text, None)))
    roles = []
    for role_key, seen in spells.items():
        role, affiliation, country = spelled[role_key]
        first, last = _when_bounds(seen)
        roles.append(RoleSpell(role=role, affiliation=affiliation, country=country, first=first, last=last))
    roles.sort(key=lambda r: (r.first or "", r.role))
    first, last = _when_bounds(days.values())
    canonical = _canonical(names)
    if group.kind == "organisation":
        canonical = re.sub(r"^the\s+", "", canonical, flags=re.IGNORECASE) or canonical
    if len(canonical.split()) == 1 and _is_full(group.key) and full_names:
        # Only a bare surname was quoted: the full name its articles give is the better name.
        canonical = _canonical(full_names)
    why = [line for line in group.why.values()]
    for name in sorted(names):
        if name != canonical and name not in group.why:
            why.append(f"{name!r}: {_same_key_reason(group.kind)}")
    return SpeakerIdentity(
        id=_identity_id(group.kind, group.key), name=canonical, aliases=tuple(sorted(names)),
        kind=group.kind, roles=tuple(roles), affiliations=tuple(a for a, _ in affiliations.most_common()),
        quotes=len(group.members), articles=len({mentions[i].article_id for i in group.members}),
        outlets=len({mentions[i].outlet for i in group.members if mentions[i].outlet}),
        first=first, last=last, why=tuple(why), mentions=tuple(sorted(group.members)),
    )


def _same_key_reason(kind: str) -> str:
    if kind == "organisation":
        return "the same name less 'the', case and accents"
    return "the same first and last name (titles, middle names, initials and accents aside)"
