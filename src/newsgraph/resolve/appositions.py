"""What an article says of a speaker beside the mention the analysis resolved.

`appositive_role`: a speaker's role from the apposition after its name (`Ana Ruiz, Mexico's
energy minister, said`). `described_speaker`: the name a nameless `the president` or `the
ministry` stands for where the article names only one such speaker.

The analysis stage reads a role written before a name (`Mexican Energy Minister Ana Ruiz`) and
one it links to the quote; an apposition elsewhere in the article (`Ana Ruiz, a Chilean
economist at the University of Santiago, said ...`) is what tells two namesakes apart across
articles. `appositive_role` finds the first such phrase after any mention of the full name and
gives it in the form `speakers.clean_role` reads (a country's possessive as its name, `a`/`the`
and what follows `at`/`in`/`with` dropped), or None.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from newsgraph.nlp.countries import lookup_country
from newsgraph.resolve.speakers import fold, name_parts, organisation_key
from newsgraph.resolve.speakers_lexicon import OFFICE_NOUNS, ORGANISATION_WORDS

__all__ = ["appositive_role", "described_speaker"]

_MAX_WORDS = 8
# What follows these words says where or with whom, not which office.
_PLACE_WORDS = re.compile(r"\s+(?:at|in|with|from|who|which|whose|since|during|and)\s+.*$", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
# The phrase set off by commas after a name.
_AFTER = re.compile(r",\s+([^,.;:\"“”()]{3,120})[,.;]")


def appositive_role(text: str, name: str) -> str | None:
    """The role phrase set off by commas right after a mention of `name` in `text`, if any."""
    if not name or " " not in name.strip():
        return None
    name = name.strip()
    at = text.find(name + ",")
    while at >= 0:
        match = _AFTER.match(text, at + len(name))
        at = text.find(name + ",", at + 1)
        if match is None:
            continue
        phrase = _PLACE_WORDS.sub("", match.group(1).strip())
        phrase = _ARTICLE.sub("", phrase)
        words = phrase.split()
        if not words or len(words) > _MAX_WORDS or not words[0][:1].isalpha():
            continue
        first = words[0].replace("\u2019", "'")
        if first.endswith("'s"):
            owner = first[:-2]
            found = lookup_country(owner)
            # `Mexico's energy minister` names a country; `the state's junior senator` names none.
            words = ([found.canonical] if found is not None and found.kind == "name" else []) + words[1:]
        if words and words[0][:1].islower() or (words and lookup_country(words[0]) is not None):
            return " ".join(words)
    return None


def described_speaker(description: str | None, people: Sequence[tuple[str, str | None]],
                      organisations: Sequence[str]) -> str | None:
    """The name a nameless definite description of a speaker stands for in its article.

    `the president` is the one person the article names (full names of its PERSON entities and
    quoted speakers), unless the article quotes that person with another role; `the ministry` is
    the one organisation the article names with that word. `people` holds (name, role head in this
    article); None where the article leaves a choice."""
    words = fold(description or "").replace(".", " ").split()
    if len(words) != 2 or words[0] != "the":
        return None
    head = words[1]
    if head in ORGANISATION_WORDS:
        # One organisation however it is written (`The French Foreign Ministry`, `French Foreign Ministry`).
        found: dict[str, Counter[str]] = {}
        for name in organisations:
            if head in fold(name).replace(".", " ").split():
                found.setdefault(organisation_key(name), Counter())[name.strip()] += 1
        if len(found) != 1:
            return None
        spellings = next(iter(found.values()))
        return min(spellings, key=lambda n: (-spellings[n], len(n), n))
    if head not in OFFICE_NOUNS:
        return None
    persons: dict[tuple[str, ...], Counter[str]] = {}
    heads: dict[tuple[str, ...], set[str]] = {}
    for name, role_head in people:
        key = name_parts(name)
        if len(key) >= 2 and key[1]:
            persons.setdefault(key, Counter())[name] += 1
            if role_head:
                heads.setdefault(key, set()).add(role_head)
    if len(persons) != 1:
        return None
    key, spellings = next(iter(persons.items()))
    if heads.get(key, {head}) - {head}:
        return None
    return spellings.most_common(1)[0][0]
