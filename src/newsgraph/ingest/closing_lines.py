"""What closes a story and what stands below it: wire credits, end-of-copy marks, an issuer's
boilerplate, and lists of names (line-ups, casts, credits) that no sentence holds.

- A wire's credit line ("(Reporting by A; editing by B)") or an end-of-copy mark ("###",
  "-30-", "- ends -", the newsroom conventions for "the copy stops here") closes the story:
  the short lines below it are the page's (a standards note, a contact, a disclaimer).
- "About Harbour Ferries" over a paragraph that opens with "Harbour Ferries" is the issuer's
  boilerplate (press releases, sponsored posts), not the report.
- A line that is only a list of capitalised names ("Rovers: A; B, C, D; E, F.") has no word
  of a sentence in it: below the story's last paragraph of prose on a page scrape, it is a team
  sheet, a cast or a credits list. (Inside a story, or in a clean text, such a list is the
  story's own: "Iowa: A, B, C, ..." naming a panel.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from newsgraph.ingest.linekind import is_prose
from newsgraph.ingest.metadata_lines import credit_line

__all__ = ["close_story", "end_mark", "mark_name_lists", "name_list_line"]


class Unit(Protocol):
    text: str
    reason: str | None

    @property
    def is_body(self) -> bool: ...


# A line of the page below the story is short; a paragraph of the report may be long.
FOOTER_WORDS = 30
_END_MARK_RE = re.compile(r"^(?:#\s*#\s*#|-\s*30\s*-|[-–—]+\s*ends?\s*[-–—]+|ends)$", re.I)
_ABOUT_RE = re.compile(r"^about\s+(?:the\s+)?(\S.{1,60})$", re.I)


def end_mark(text: str) -> bool:
    """An end-of-copy mark on a line of its own: "###", "-30-", "- ENDS -"."""
    return bool(_END_MARK_RE.match(text.strip()))


def close_story(units: list[Unit]) -> None:
    """Mark what stands below the story's closing line, and an issuer's boilerplate, as furniture."""
    closing = next((i for i in range(len(units) - 1, -1, -1)
                    if units[i].reason is not None and (units[i].reason == "credits" or credit_line(units[i].text)
                                                        or end_mark(units[i].text))), None)
    if closing is not None and any(unit.is_body for unit in units[:closing]):
        below = [unit for unit in units[closing + 1:] if unit.is_body]
        if all(len(unit.text.split()) <= FOOTER_WORDS or _boilerplate(units, unit) for unit in below):
            for unit in below:
                unit.reason = "footer"
    _about_boilerplate(units)


def _boilerplate(units: list[Unit], unit: Unit) -> bool:
    index = units.index(unit)
    return index > 0 and _about_pair(units[index - 1].text, unit.text)


def _about_pair(heading: str, paragraph: str) -> bool:
    """'About Harbour Ferries' over 'Harbour Ferries is a ferry operator ...'."""
    match = _ABOUT_RE.match(heading.strip().rstrip(":"))
    if match is None or len(heading.split()) > 8:
        return False
    name = match.group(1).strip()
    return name[:1].isupper() and paragraph.strip().lstrip("“\"'").startswith(name)


def _about_boilerplate(units: list[Unit]) -> None:
    first_body = next((i for i, unit in enumerate(units) if unit.is_body), None)
    if first_body is None:
        return
    for index in range(first_body + 1, len(units) - 1):
        heading, paragraph = units[index], units[index + 1]
        if paragraph.is_body and _about_pair(heading.text, paragraph.text):
            heading.reason = heading.reason or "boilerplate"
            paragraph.reason = "boilerplate"


_LIST_SPLIT_RE = re.compile(r"\s*[,;:]\s*")
_PARTICLES = {"de", "da", "del", "di", "du", "van", "von", "der", "den", "la", "le", "al", "el", "bin", "and", "&"}
# At least this many names, and no word of a sentence: a team sheet, not a sentence that names people.
_LIST_NAMES = 5


def name_list_line(text: str) -> bool:
    """A line that is only a list of capitalised names: "Rovers: A Doe; B Roe, C Poe, D Moe; E Loe."."""
    core = re.sub(r"\([^()]{0,40}\)", " ", text.strip().rstrip("."))
    items = [item for item in _LIST_SPLIT_RE.split(core) if item.strip()]
    if len(items) < _LIST_NAMES or len(core.split()) < 2 * _LIST_NAMES:
        return False
    for item in items:
        tokens = item.split()
        if not 1 <= len(tokens) <= 4:
            return False
        for token in tokens:
            if token.lower() in _PARTICLES:
                continue
            if not (token[:1].isupper() and token.strip("'’.-").isalpha()):
                return False
    return True


def mark_name_lists(units: list[Unit], clean: Callable[[str], str]) -> None:
    """Lists of names outside the story (before its first paragraph of prose or after its last)."""
    prose = [i for i, unit in enumerate(units) if unit.is_body and is_prose(clean(unit.text))]
    if not prose:
        return
    for index, unit in enumerate(units):
        if unit.is_body and not prose[0] <= index <= prose[-1] and name_list_line(clean(unit.text)):
            unit.reason = "name list"
