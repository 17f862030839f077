"""A speaker's role from the apposition after its name in the article: `Ana Ruiz, Mexico's energy minister, said`.

The analysis stage reads a role written before a name (`Mexican Energy Minister Ana Ruiz`) and
one it links to the quote; an apposition elsewhere in the article (`Ana Ruiz, a Chilean
economist at the University of Santiago, said ...`) is what tells two namesakes apart across
articles. `appositive_role` finds the first such phrase after any mention of the full name and
gives it in the form `speakers.clean_role` reads (a country's possessive as its name, `a`/`the`
and what follows `at`/`in`/`with` dropped), or None.
"""

from __future__ import annotations

import re

from newsgraph.nlp.countries import lookup_country

__all__ = ["appositive_role"]

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
