"""Bylines printed without "By": an author line found by its shape and its place on the page.

A line of one to four capitalised names is as often a subheading, a caption, a team or a
place as an author, so where it stands decides:

- beside the dateline ("Jane Doe" over "March 5, 2024", "Jane Doe in Kyiv", "Jane Doe at
  the Riverside Stadium"), or in it ("Jane Doe | March 5, 2024") when the story does not
  name it;
- with a contact beside it: an e-mail address or a handle on its line or the next
  ("Jane Doe · @janedoe", "jane.doe@paper.example"), at the top of the page;
- right below the headline, over the story's first paragraph, when the story does not
  name it (a story names its subjects, seldom its author).

A one-author site prints the same name on every page, so a line the site's template
evidence took for furniture may still be the author: such lines are candidates too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from newsgraph.ingest.linekind import is_prose
from newsgraph.ingest.metadata_lines import desk_line, parse_bare_byline

__all__ = ["bare_byline", "byline_over_story", "contact_free", "contact_line", "dateline_names"]


class Unit(Protocol):
    text: str
    reason: str | None

    @property
    def is_body(self) -> bool: ...


Clean = Callable[[str], str]

# An e-mail address, a handle or a profile address: how a page lets readers reach its author.
_CONTACT_RE = re.compile(
    r"(?:(?:e-?mail|contact|twitter|x|follow(?:\s+(?:me|on))?(?:\s+(?:twitter|x))?)\s*:?\s*)?"
    # The address's local part starts a token and is at most 64 characters (RFC 5321): tried at
    # every position of a long token an open-ended one is quadratic (a 2 MB token never ends).
    r"(?:(?<![\w.+-])[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+|(?<![\w@])@[A-Za-z0-9_]{2,30}\b"
    r"|(?:twitter|x)\.com/[A-Za-z0-9_]{2,30})",
    re.I,
)
_CONTACT_JOINERS_RE = re.compile(r"^[\s|•·,;/()\[\]–—-]*$")
_STRONG_END_RE = re.compile(r"[.!?…]['\"’”»)\]]*$")
# A line of contacts alone is short: "jane@paper.example | @janedoe".
_CONTACT_LINE_WORDS = 8


def _may_hold_contact(text: str) -> bool:
    return "@" in text or ".com/" in text


def contact_line(text: str) -> bool:
    """A line of contacts alone: "jane.doe@paper.example", "Follow @janedoe", "Email: jd@x.example | @jd"."""
    if not _may_hold_contact(text) or len(text.split()) > _CONTACT_LINE_WORDS or not _CONTACT_RE.search(text):
        return False
    return bool(_CONTACT_JOINERS_RE.match(_CONTACT_RE.sub(" ", text)))


def contact_free(text: str) -> tuple[str, bool]:
    """The line without its contacts ("Jane Doe (@janedoe)" -> "Jane Doe"), and whether it had any."""
    if not _may_hold_contact(text):
        return text, False
    stripped = _CONTACT_RE.sub(" ", text)
    if stripped == text:
        return text, False
    stripped = re.sub(r"\(\s*\)|\[\s*\]", " ", stripped)
    return re.sub(r"[\s|•·,;/–—-]+$", "", stripped).strip(), True


def _candidate(unit: Unit) -> bool:
    # A one-author site's name repeats on every page: template evidence alone does not rule it out.
    return unit.is_body or unit.reason == "template"


def _names_of(text: str) -> tuple[list[str] | None, bool]:
    """The names of a bare author line and whether a contact stood on it."""
    core, had_contact = contact_free(text)
    if not core:
        return None, had_contact
    return parse_bare_byline(core), had_contact


def _story(units: list[Unit], clean: Clean, skip: Unit | None = None) -> str:
    return " ".join(clean(unit.text) for unit in units if unit.is_body and unit is not skip)


def dateline_names(units: list[Unit], state: dict, clean: Clean) -> None:
    """A bare name printed in a dateline ("Jane Doe | March 5, 2024") is the author unless the story
    names it too: a place ("New York | March 5, 2024") is named in its story, an author seldom."""
    if not state.get("dateline_names"):
        return
    names = state["dateline_names"][0]
    story = _story(units, clean)
    if not any(name in story for name in names):
        state["byline"].extend(names)


def _neighbour(units: list[Unit], index: int, step: int) -> tuple[Unit | None, int]:
    """The unit next to `index` in direction `step`, past a separator line between it and a dateline
    ("Jane Doe", "|", "March 5, 2024": the separator divides nothing)."""
    near = index + step
    if not 0 <= near < len(units):
        return None, near
    far = near + step
    if units[near].reason == "separator" and 0 <= far < len(units) and units[far].reason == "dateline":
        return units[far], far
    return units[near], near


def _mark(unit: Unit, names: list[str], state: dict, *extra: Unit | None) -> None:
    unit.reason = "byline"
    state["byline"].extend(names)
    for other in extra:
        if other is not None:
            other.reason = "byline"


def _header_end(units: list[Unit], clean: Clean) -> int:
    """The index of the story's first paragraph of prose (the page header is above it)."""
    return next((i for i, unit in enumerate(units) if unit.is_body and is_prose(clean(unit.text))), len(units))


def bare_byline(units: list[Unit], state: dict, clean: Clean) -> None:
    """Authors printed without "By", found beside the dateline or beside their contact.

    A bare name counts beside the dateline only below it or below a longer line (the headline
    above it): the line right above a dateline is most often the headline itself."""
    header_end = _header_end(units, clean)
    for index, unit in enumerate(units):
        if not _candidate(unit):
            continue
        names, inline_contact = _names_of(clean(unit.text))
        if names is None:
            continue
        above, _ = _neighbour(units, index, -1)
        below, below_index = _neighbour(units, index, 1)
        # "Jane Doe" over "Harbour reporter" (or "Town Clerk") over the dateline: the desk stands between.
        after_desk = units[below_index + 1] if below is not None and below_index + 1 < len(units) else None
        desk = below if (below is not None and _candidate(below) and desk_line(clean(below.text))
                         and after_desk is not None and after_desk.reason == "dateline") else None
        # "Jane Doe" over "jane.doe@paper.example": a contact line names its author's line.
        contact = next((u for u in (below, above) if u is not None and _candidate(u) and contact_line(clean(u.text))),
                       None)
        if not ((above and above.reason == "dateline") or (below and below.reason == "dateline") or desk):
            if names and (inline_contact or contact) and index < header_end:
                _mark(unit, names, state, contact)  # "Jane Doe · @janedoe" at the top of the page
                return
            continue
        # A desk alone ("Staff Report") signs it; a name needs more: a longer line (the headline) above
        # it, the dateline above it, a desk or a contact beside it. "Protesters Gather at Lock Lane" over
        # the dateline is the headline, read as a name and a venue.
        below_headline = above is not None and above.is_body and len(above.text.split()) > len(unit.text.split())
        if (not names or inline_contact or contact or (above and above.reason == "dateline") or below_headline
                or (desk and names)):
            _mark(unit, names, state, desk, contact)
            return
    _byline_in_metadata_block(units, state, clean, header_end)


# How far from the dateline an author line may stand in the block under the headline, and how long the
# lines between them may be: "September 14, 2016 · 5:04 PM ET" / "Heard on Morning Edition" / "JANE DOE".
_BLOCK_REACH = 2
_BLOCK_LINE_WORDS = 6


def _byline_in_metadata_block(units: list[Unit], state: dict, clean: Clean, header_end: int) -> None:
    """A bare name one short line below the dateline, in the page header, is the author when the story
    does not name it and its words are only names (a programme or desk line may stand between). Above
    the dateline the lines are the headline's and the masthead's: a name there needs the dateline or
    its desk line right below it (`bare_byline`)."""
    datelines = [i for i, unit in enumerate(units[:header_end]) if unit.reason == "dateline"]
    for index in range(header_end):
        unit = units[index]
        reach = [d for d in datelines if 1 < index - d <= _BLOCK_REACH]
        if not _candidate(unit) or not reach:
            continue
        between = units[reach[-1] + 1:index]
        if any(u.is_body and len(clean(u.text).split()) > _BLOCK_LINE_WORDS for u in between):
            continue
        names, _ = _names_of(clean(unit.text))
        if not names:
            continue
        story = _story(units[header_end:], clean)
        if any(name in story or name.split()[-1] in story.split() for name in names):
            continue
        if _proper_tokens(names, units, clean, unit):
            _mark(unit, names, state)
            return


def _proper_tokens(names: list[str], units: list[Unit], clean: Clean, skip: Unit) -> bool:
    """Whether the names' words are used only as names in the page: "Key Points" or "Live Updates"
    have words the text also writes in lower case ("points", "updates"); a person's name seldom."""
    words = {word.strip(".,;:!?()\"'“”‘’").casefold() for unit in units if unit is not skip
             for word in clean(unit.text).split() if word[:1].islower()}
    return not any(token.casefold() in words for name in names for token in name.split())


def byline_over_story(units: list[Unit], state: dict, clean: Clean) -> None:
    """A bare name between a title line (the headline) and the story's first paragraph is the author
    when the story does not name it and its words are only names: "Jane Doe", "Jane Doe, Town Clerk",
    or "Jane Doe" over "Town Clerk" or over "jane.doe@paper.example"."""
    first_prose = _header_end(units, clean)
    header = [i for i in range(first_prose) if units[i].reason != "separator"]
    if len(header) < 2 or first_prose == len(units):
        return
    position = header[-1]
    desk = None
    last = clean(units[position].text)
    if (len(header) >= 3 and _candidate(units[position]) and not _names_of(last)[0]
            and (desk_line(last) or contact_line(last))):
        desk, position = units[position], header[-2]
    unit = units[position]
    title = units[header[header.index(position) - 1]]
    if not _candidate(unit) or not title.is_body:
        return
    names, _ = _names_of(clean(unit.text))
    if not names or len(title.text.split()) <= len(unit.text.split()) or _STRONG_END_RE.search(title.text):
        return
    story = _story(units, clean, skip=unit)
    if any(name in story or name.split()[-1] in story.split() for name in names):
        return  # a subject of the story (a name it goes on to quote), not its author
    if _proper_tokens(names, units, clean, unit):
        _mark(unit, names, state, desk)

