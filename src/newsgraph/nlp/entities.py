"""Named entities from a spaCy Doc, normalised to the record contract.

Each entity is a ``newsgraph.records.Entity`` (character offsets into ``doc.text``,
half-open). What normalisation does, and why:

- Only named-entity labels are kept (PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW
  LANGUAGE). Dates, times, money and other numbers have their own lists (``dates``,
  ``amounts``), so DATE/TIME/CARDINAL/... spans are not entities.
- Page furniture mis-tagged as a name never survives: spans are cut at line breaks, trimmed of
  numbers, times, dates and punctuation at their edges, and dropped when fewer than two letters
  remain or when a person's name has no capital letter or is only a title ("Minister").
- ``name`` is canonical: the possessive is dropped, a leading "the" is dropped, people lose
  their titles ("Foreign Minister Jane Doe" -> "Jane Doe", "Mr. Doe" -> "Doe"), a lone surname
  takes the full name when exactly one person in the document has it, and spellings that
  differ only by accents share one name, the accented one when the document has it
  (Sejourne and Séjourné -> "Séjourné"). Countries take their display name ("the U.S." ->
  "United States"), capitals their current spelling ("Kiev" -> "Kyiv").
- A group of countries ("the Baltic states", "NATO allies", "G7") is one entity named by the
  group ("Baltic states"); ``country`` holds one code, so it is null there and
  ``countries.countries_of(name)`` gives the members.
- ``country`` is ISO 3166 alpha-3 where the entity is or belongs to a country: GPE/LOC/NORP by
  the country table, ORG/FAC by their name ("French Foreign Ministry") or a possessive or
  "of" phrase beside them ("Ukraine's defence ministry", "the ministry of Latvia"), a person
  by a nationality or country written with their title ("Ukrainian President X",
  "France's foreign minister X"), else, when the article names an office holder without a
  country ("President Mugabe", "Putin"), by the project's table of leaders
  (``leaders.leader_country``; with ``published`` the holder in office then is preferred).
"""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.leaders import leader_country
from newsgraph.nlp.countries import (
    country_from_org,
    country_of,
    country_table,
    group_of,
    lookup_country,
    normalise_key,
    strip_diacritics,
)
from newsgraph.records import Entity, replace

NAMED_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
     "LANGUAGE"}
)
# Labels whose edges never carry a number (a number there is a dateline or a count beside it).
_NO_EDGE_NUMBERS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})
_ORG_LABELS = frozenset({"ORG", "FAC"})

# Words of a title or office before a person's name ("Deputy Foreign Minister", "Mr.").
# Royal and religious styles (King, Pope) are part of how the person is named and stay.
TITLE_WORDS = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame
    president presidents vice prime premier chancellor minister ministers deputy secretary
    foreign defence defense interior home finance economy economic trade justice health energy
    culture education agriculture environment digital transport infrastructure labour labor
    state general attorney undersecretary under assistant first
    sen senator rep representative congressman congresswoman gov governor mayor
    gen lt col colonel maj adm admiral capt captain cmdr commander sgt sergeant brig
    commander-in-chief marshal field
    judge justice ambassador envoy special spokesman spokeswoman spokesperson commissioner
    chairman chairwoman chair chairperson chief executive ceo director head leader speaker
    mp mep lawmaker former late acting interim incumbent outgoing then new top senior
    opposition party
    """.split()
)
# Joiners allowed between title words ("Secretary of State", "Secretary-General").
_TITLE_JOINERS = frozenset({"of", "-", "the", "for", "and", "'s"})
_POSSESSIVE_TOKENS = frozenset({"'s", "\u2019s", "'", "\u2019"})
_TIME_OR_DATE = re.compile(
    r"^(?:\d{1,2}[:.h]\d{2}(?::\d{2})?(?:am|pm)?|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d+(?:[.,]\d+)*"
    r"|\d+(?:st|nd|rd|th)|(?:am|pm|a\.m\.|p\.m\.|gmt|utc|cet|cest|eet|eest|bst))$",
    re.IGNORECASE,
)
_LETTER = re.compile(r"[^\W\d_]")
# Reading-time furniture ("2 min read") that the tagger sometimes takes for a name.
_READING_TIME = re.compile(r"\bmin(?:ute)?s?\.?\s+read\b", re.IGNORECASE)
# Names of people, places and peoples are written with a capital; a lower-case one is a mis-tag.
_CAPITALISED_LABELS = frozenset({"PERSON", "GPE", "LOC", "NORP", "FAC"})


def normalise_entities(doc: Doc, *, published: str | None = None) -> tuple[Entity, ...]:
    """The doc's named entities, in text order (see module doc).
    ``published`` (ISO date) picks the office holder of the day among leaders' names."""
    mentions: list[Entity] = []
    for ent in doc.ents:
        if ent.label_ not in NAMED_LABELS:
            continue
        span = _clean_span(ent)
        if span is None:
            continue
        span = _extend_to_group(span)
        name, title_country = _canonical_name(span)
        if name is None:
            continue
        mentions.append(
            Entity(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                label=span.label_,
                name=name,
                country=_country(span, title_country),
            )
        )
    mentions = _link_surnames(mentions)
    mentions = _unify_accents(mentions)
    mentions = _countries_of_leaders(mentions, published)
    mentions.sort(key=lambda m: (m.start, m.end))
    return tuple(mentions)


def _clean_span(ent: Span) -> Span | None:
    """The entity cut to one line and trimmed of furniture at its edges; None when nothing
    name-like is left."""
    doc = ent.doc
    label = ent.label_
    pieces = _split_at_line_breaks(ent)
    # The piece with the most letters is the name; the rest is the line above or below it.
    best = max(pieces, key=lambda piece: sum(1 for ch in piece.text if ch.isalpha()))
    start, end = best.start, best.end
    while start < end and _is_edge_junk(doc[start], label, leading=True):
        start += 1
    while end > start and _is_edge_junk(doc[end - 1], label, leading=False):
        end -= 1
    if start >= end:
        return None
    span = Span(doc, start, end, label=label)
    letters = len(_LETTER.findall(span.text))
    digits = sum(ch.isdigit() for ch in span.text)
    if letters < 2 or digits > letters:
        return None
    if label in _CAPITALISED_LABELS and not any(token.text[:1].isupper() for token in span):
        return None
    if _READING_TIME.search(ent.text):
        return None
    return span


def _split_at_line_breaks(ent: Span) -> list[Span]:
    pieces: list[Span] = []
    piece_start = ent.start
    for token in ent:
        if token.is_space and "\n" in token.text:
            if token.i > piece_start:
                pieces.append(ent.doc[piece_start : token.i])
            piece_start = token.i + 1
        elif "\n" in token.whitespace_ and token.i + 1 < ent.end:
            pieces.append(ent.doc[piece_start : token.i + 1])
            piece_start = token.i + 1
    if piece_start < ent.end:
        pieces.append(ent.doc[piece_start : ent.end])
    return pieces or [ent]


def _is_edge_junk(token: Token, label: str, *, leading: bool) -> bool:
    if token.is_space or (token.is_punct and token.text not in {"(", ")"} or token.text in "|•·"):
        # a closing bracket stays only if it closes something inside ("Party (UK)")
        return True
    if not leading and token.text in _POSSESSIVE_TOKENS:
        return True
    if label in _NO_EDGE_NUMBERS and (token.like_num or _TIME_OR_DATE.match(token.text)):
        return True
    return False


# Nouns that turn a regional word into a group of countries ("Baltic" + "states").
_GROUP_NOUNS = frozenset(
    {"states", "countries", "nations", "republics", "allies", "members", "member", "governments",
     "leaders", "monarchies"}
)


def _extend_to_group(span: Span) -> Span:
    """"Baltic" tagged alone in "the Baltic states" becomes "Baltic states", a group of
    countries (its members come from ``countries_of(name)``)."""
    doc = span.doc
    end = span.end
    while end < len(doc) and end - span.end < 2 and doc[end].lower_ in _GROUP_NOUNS:
        end += 1
    for candidate_end in range(end, span.end, -1):
        if group_of(doc[span.start : candidate_end].text) is not None:
            return Span(doc, span.start, candidate_end, label=span.label_)
    return span


def _canonical_name(span: Span) -> tuple[str | None, str | None]:
    """(canonical name, country stated in a stripped title) for a cleaned span."""
    label = span.label_
    text = " ".join(span.text.split())
    group = group_of(text)
    if group is not None:
        return country_table().groups[group]["name"], None
    if label == "PERSON":
        return _person_name(span)
    if label in {"GPE", "LOC"}:
        found = lookup_country(text)
        if found is not None and found.kind in {"name", "capital"}:
            return found.canonical, None
    return _strip_the(text), None


def _person_name(span: Span) -> tuple[str | None, str | None]:
    tokens = list(span)
    stripped_country = None
    saw_title = False
    index = 0
    while index < len(tokens) - 1:
        lower = tokens[index].lower_.rstrip(".")
        if lower in TITLE_WORDS:
            saw_title = True
        elif lower in _TITLE_JOINERS and saw_title:
            pass
        else:
            found = lookup_country(tokens[index].text)
            if found is None or found.kind not in {"adjective", "name"}:
                break
            stripped_country = found.iso3
        index += 1
    if not saw_title and stripped_country is not None:
        index, stripped_country = 0, None  # a bare "French" before a name may be the name
    name_tokens = tokens[index:]
    if not name_tokens or (len(name_tokens) == 1 and name_tokens[0].lower_.rstrip(".") in TITLE_WORDS):
        return None, None
    name = "".join(token.text_with_ws for token in name_tokens)
    name = " ".join(name.split())
    if not any(ch.isupper() for ch in name):
        return None, None
    return name, stripped_country


def _strip_the(text: str) -> str:
    return re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)


def _country(span: Span, title_country: str | None) -> str | None:
    label = span.label_
    if label in _PLACE_LABELS:
        return country_of(span.text)
    if label in _ORG_LABELS:
        return country_from_org(span.text) or _country_beside(span)
    if label == "PERSON":
        return title_country or _country_before_title(span)
    return None


def _entity_country(token: Token) -> str | None:
    """The country of the GPE/NORP entity this token belongs to, if any."""
    if token.ent_type_ not in _PLACE_LABELS:
        return None
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return country_of(ent.text)
    return None


def _country_beside(span: Span) -> str | None:
    """"Ukraine's defence ministry" / "the defence ministry of Ukraine": the country written
    as a possessive just before the organisation or an "of" phrase just after it."""
    doc = span.doc
    before = span.start - 1
    if before >= 1 and doc[before].text in _POSSESSIVE_TOKENS:
        country = _entity_country(doc[before - 1])
        if country:
            return country
    after = span.end
    if after + 1 < len(doc) and doc[after].lower_ == "of":
        nxt = after + 1
        if doc[nxt].lower_ == "the" and nxt + 1 < len(doc):
            nxt += 1
        return _entity_country(doc[nxt])
    return None


def _country_before_title(span: Span) -> str | None:
    """"Ukrainian President X", "France's foreign minister X": a nationality or a possessive
    country before a run of title words that ends at the name."""
    doc = span.doc
    index = span.start - 1
    saw_title = False
    while index >= 0 and (
        doc[index].lower_.rstrip(".") in TITLE_WORDS
        or (saw_title and doc[index].lower_ in {"of", "-"})
    ):
        saw_title = True
        index -= 1
    if index < 0:
        return None
    token = doc[index]
    if token.text in _POSSESSIVE_TOKENS and index >= 1 and saw_title:
        return _entity_country(doc[index - 1])
    if token.ent_type_ == "NORP" and (saw_title or index == span.start - 1):
        return _entity_country(token)
    return None


def _fold(name: str) -> str:
    return strip_diacritics(name).casefold()


def _link_surnames(mentions: list[Entity]) -> list[Entity]:
    """A lone surname ("Doe", from "Mr. Doe") takes the full name of the one person in the
    document whose name ends with it; with two candidates it stays as written."""
    full_names: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        if mention.label == "PERSON" and " " in mention.name:
            full_names[_fold(mention.name.split()[-1])].add(_fold(mention.name))
    by_fold = {_fold(m.name): m.name for m in mentions if m.label == "PERSON"}
    linked: list[Entity] = []
    for mention in mentions:
        if mention.label == "PERSON" and " " not in mention.name:
            candidates = full_names.get(_fold(mention.name), set())
            if len(candidates) == 1:
                mention = replace(mention, name=by_fold[next(iter(candidates))])
        linked.append(mention)
    return linked


# Labels under which the tagger puts a leader's name ("Putin" is sometimes an ORG).
_LEADER_LABELS = frozenset({"PERSON", "ORG", "GPE"})


def _countries_of_leaders(mentions: list[Entity], published: str | None) -> list[Entity]:
    """A person the article names without a country takes the country of the office holder
    of that name; a non-person label only when the whole name is a leader's."""
    placed: list[Entity] = []
    for mention in mentions:
        if mention.country is None and mention.label in _LEADER_LABELS:
            country = leader_country(mention.name, published)
            if country is not None:
                mention = replace(mention, country=country)
        placed.append(mention)
    return placed


def _unify_accents(mentions: list[Entity]) -> list[Entity]:
    """Names that differ only by accents or case become one: the form with the most accented
    letters, else the first seen."""
    def group_key(mention: Entity) -> tuple[str, str]:
        return ("PERSON" if mention.label == "PERSON" else "OTHER", _fold(mention.name))

    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for mention in mentions:
        groups[group_key(mention)].append(mention.name)
    best = {
        key: max(names, key=lambda name: (sum(1 for ch in name if ord(ch) > 127), name != name.upper()))
        for key, names in groups.items()
    }
    return [replace(mention, name=best[group_key(mention)]) for mention in mentions]


__all__ = ["NAMED_LABELS", "TITLE_WORDS", "normalise_entities", "normalise_key"]
