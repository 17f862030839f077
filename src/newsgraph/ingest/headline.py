"""The headline of a plain-text scrape: the best-supported title line near the top.

Evidence, strongest first:

1. the title the container states (a JSONL ``headline``), found among the lines;
2. a line marked as the title: a Markdown ``# Title`` or an e-mail ``Subject: Title``;
3. a title-shaped line of the page header (before the story's first paragraph of
   prose) printed again later: a repeat, the last crumb of a breadcrumb, a
   quoted mention ("12 Responses to “Title”"); where one copy is in capitals
   and another is not, the other gives the headline's spelling;
4. the line right above the byline/dateline block, below a masthead or menu;
5. the first title-shaped line: no final full stop, or title case, or a
   dateline beside it. A short first sentence in headline wording is named
   but left in the text (some archives end every title with a full stop).

Lines the line classifier takes for buttons, link lists or labels are never
candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from newsgraph.ingest.linekind import is_prose, line_shape

__all__ = ["HeadlineChoice", "find_headline", "kicker", "title_case", "title_key", "title_shaped"]

_SENTENCE_END_RE = re.compile(r"[.!?…:;]['\"’”»)\]]*$")
_STRONG_END_RE = re.compile(r"[.!?…]['\"’”»)\]]*$")
# A title marked as one: "# Title" (Markdown), "Subject: Title" (e-mail). A mailing list's
# "[List name]" tag and reply/forward marks before an e-mail's title are not the title.
_MARKED_TITLE_RE = re.compile(r"^(?:#\s+|subject\s*:\s*(?:(?:re|fwd?|aw|wg)\s*:\s*)*(?:\[[^\]]{1,40}\]\s*)?)(\S.*)$", re.I)
# Suspected furniture that can never be the headline (the headline itself may look like a promotion).
_NEVER_HEADLINE = frozenset({"site prompt", "related link", "links row", "player", "breadcrumb", "banner", "pull quote",
                             "masthead"})
# Suspects that are furniture by their shape alone, whatever their words.
_SHAPE_FURNITURE = frozenset({"links row", "player", "breadcrumb", "pull quote", "masthead"})
# A line named inside a longer one ("More from Politics & Society") is a headline mentioned
# only when it has the words of a title: a section's name is named the same way.
_MENTIONED_TITLE_WORDS = 4
# How many lines a page header above the byline block may hold (menus, labels, a contents list,
# a weather line): none of them may be a sentence or longer than a title.
_HEADER_ABOVE_METADATA = 12
# How far down the page the header may reach when no paragraph of prose marks the story's start.
_HEADER_UNITS = 8


class Line(Protocol):
    text: str
    reason: str | None
    blank_after: bool

    @property
    def is_body(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class HeadlineChoice:
    index: int | None  # the line that is the headline
    confirmed: bool  # sure enough to take it (and its copies) out of the body
    text: str | None = None  # the headline as spelt elsewhere (a mixed-case copy of a line in capitals)


_SMALL_WORDS = {
    "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as",
    "is", "are", "was", "be", "vs", "vs.", "via", "over", "into", "onto", "up", "off", "out", "per", "than", "that",
}
_INTERNAL_SENTENCE_RE = re.compile(r"(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|vs))(?<!Mrs)[.!?]['\"’”]?\s+[A-Z]")
_TITLE_KEY_RE = re.compile(r"[\W_]+")


def title_key(text: str) -> str:
    return _TITLE_KEY_RE.sub(" ", text.casefold()).strip()


def title_case(text: str) -> bool:
    words = [w.strip("\"'“”‘’()[]:,.?!") for w in text.split()]
    content = [w for w in words if len(w) >= 4 and w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    if len(content) < 3 or len(words) > 20:
        return False
    return sum(1 for w in content if w[:1].isupper()) >= 0.9 * len(content)


# Words of a story's opening sentence that headlines leave out: past-tense reporting,
# auxiliaries, first person, subordinate "that".
_LEAD_WORDS_RE = re.compile(r"\b(?:said|told|according|was|were|had|would|that|there|I|my|we|our|us)\b", re.I)


def _headline_shaped_sentence(units: list[Line], index: int, body: list[int]) -> bool:
    """A short one-sentence first line ending in a full stop, that reads as a headline.

    Some archives end every title with a full stop. Such a line counts only as
    the document's very first line, short, followed by a blank line and a longer
    paragraph, and without the words a story's opening sentence is made of.
    """
    if index != 0 or len(body) < 2 or _LEAD_WORDS_RE.search(units[index].text):
        return False
    text, following = units[index].text, units[body[1]].text
    words = len(text.split())
    return 3 <= words <= 16 and len(following.split()) >= 1.5 * words and units[index].blank_after


def title_shaped(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 30 and len(text) <= 250 and not text.rstrip().endswith((":", ";", ","))


def kicker(text: str) -> bool:
    # A section label above the headline: "Politics", "EXCLUSIVE", "World news".
    return len(text.split()) <= 2 and len(text) <= 30 and not _SENTENCE_END_RE.search(text)


def _headline_index(units: list[Line], metadata: set[int], body: list[int],
                    page_lines: list[int]) -> tuple[int | None, bool]:
    """The unit that is the headline, and whether that is sure enough to take it out of the body.

    `body` are the candidates; `page_lines` every body line but those that are furniture by
    their shape alone (a title right above the byline may read like a button: "Keep the ...")."""
    if len(body) < 2:
        return None, False  # a lone paragraph is the text, not a headline
    candidate_position = 0
    second = units[body[1]].text if len(body) >= 3 else ""
    if kicker(units[body[0]].text) and title_shaped(second) and (not _STRONG_END_RE.search(second) or title_case(second)):
        candidate_position = 1
    index = body[candidate_position]
    header = _headline_above_metadata(units, page_lines, metadata)
    if header is not None:
        return header, True
    text = units[index].text
    if not title_shaped(text):
        return None, False
    key = title_key(text)
    if any(title_key(units[j].text) == key for j in body[candidate_position + 1 :]):
        return index, True  # printed twice: the headline and its repeat
    if _INTERNAL_SENTENCE_RE.search(text) and not title_case(text):
        return None, False
    if not _STRONG_END_RE.search(text):
        return index, True
    # Ends like a sentence: title case or a dateline/byline beside it make it a headline.
    if title_case(text) or any(abs(index - m) <= 3 for m in metadata):
        return index, True
    # A short first sentence in headline wording is most likely the title of an archive that ends
    # titles with a full stop, but it may be a story's opening line: name it, keep it in the text.
    if _headline_shaped_sentence(units, index, body):
        return index, False
    return None, False


def _headline_above_metadata(units: list[Line], body: list[int], metadata: set[int]) -> int | None:
    """The title line standing right above the byline/dateline block, below a masthead or menu.

    Pages open with a site name or tagline ("The Daily Planet | News from the
    coast"), then the headline, then the byline and dateline. The line
    directly above the first metadata line is the headline when it reads as
    one, and everything above it is short page header, no sentences.
    """
    if not metadata:
        return None
    first_metadata = min(metadata)
    above = [i for i in body if i < first_metadata]
    # A masthead or menu above the title: a lone line above the dateline may be the site's name.
    # The menu may already be known as furniture (the site's template): it still marks the page's top.
    header = [i for i, unit in enumerate(units[:above[-1]]) if unit.is_body] if above else []
    furniture_above = bool(above) and any(unit.reason not in (None, "separator") for unit in units[:above[-1]])
    if not (header or furniture_above) or len(above) > _HEADER_ABOVE_METADATA:
        return None
    headline = _above_standfirst(units, above)
    if kicker(units[headline].text) and (below := _title_below_metadata(units, body, first_metadata)) is not None:
        return below  # "Press release" over the date, the title under it
    header = [i for i in header if i < headline]
    text = units[headline].text
    if not title_shaped(text):
        return None
    for index in header:
        line = units[index].text
        if len(line.split()) > 15 or _STRONG_END_RE.search(line):
            return None
    # A title may end in a full stop ("Trump showed up. GOP must live with it."), but a sentence below
    # a title is as likely its standfirst: it counts only below section labels.
    if _STRONG_END_RE.search(text) and not title_case(text) and not all(kicker(units[i].text) for i in header):
        return None
    return headline


def _title_below_metadata(units: list[Line], body: list[int], first_metadata: int) -> int | None:
    """The line right below the byline/dateline block when it reads as a title (three words or more,
    no final full stop, no prose) and a paragraph of prose follows it."""
    end = first_metadata
    while end + 1 < len(units) and (units[end + 1].reason in ("dateline", "byline", "reading time", "separator")
                                    or not units[end + 1].text.strip()):
        end += 1
    following = [i for i in body if i > end][:2]
    if len(following) < 2 or following[0] != end + 1:
        return None
    text = units[following[0]].text
    if not title_shaped(text) or len(text.split()) < 3 or _STRONG_END_RE.search(text) or is_prose(text):
        return None
    return following[0] if is_prose(units[following[1]].text) else None


_LIST_BULLET_RE = re.compile(r"^[•·▪◦‣∙►▸*–-]\s")
# A title above a standfirst has words enough to be one; a series label above the title is shorter.
_TITLE_ABOVE_STANDFIRST_WORDS = 5


def _above_standfirst(units: list[Line], above: list[int]) -> int:
    """The last line above the byline block, or the title above it when that line is its standfirst:
    a longer sentence-case line right below a title ("Container volumes fell for a fourth quarter,
    squeezing terminal owners" below "Harbour operators raise fees as shipping slumps")."""
    last = above[-1]
    if len(above) < 2 or above[-2] != last - 1:
        return last
    title, standfirst = units[above[-2]].text, units[last].text
    shape = line_shape(title)
    # "• Bin collections over the holidays": a line with a list bullet is the last item of a contents list.
    if (title_shaped(title) and not _LIST_BULLET_RE.match(title) and not _STRONG_END_RE.search(title) and shape.row_items == 1  # "News | US & Canada" is a label
            and shape.words >= _TITLE_ABOVE_STANDFIRST_WORDS and line_shape(standfirst).words > shape.words
            and not title_case(standfirst)):
        return above[-2]
    return last


def _matches_hint(text: str, hint_key: str) -> bool:
    key = title_key(text)
    if not key:
        return False
    # The stated title may carry the site's name: "Headline - The Daily Planet".
    return key == hint_key or (len(key.split()) >= 3 and hint_key.startswith(key + " ")) or (
        len(hint_key) >= 20 and key.startswith(hint_key + " ") and len(key) - len(hint_key) <= 40
    )


def find_headline(units: list[Line], metadata: set[int], hint: str | None = None,
                  suspects: dict[int, str] | None = None) -> HeadlineChoice:
    """The headline among `units`: which line, whether it is sure, and its spelling."""
    if hint and (hint_key := title_key(hint)):
        for index, unit in enumerate(units):
            if unit.is_body and _matches_hint(unit.text, hint_key):
                return HeadlineChoice(index, True)
    suspects = suspects or {}
    body = [i for i, u in enumerate(units) if u.is_body and suspects.get(i) not in _NEVER_HEADLINE]
    header = _header(units, body)
    for index in header:
        if (marked := _MARKED_TITLE_RE.match(units[index].text)) and title_shaped(marked.group(1)):
            return HeadlineChoice(index, True, marked.group(1).strip())
    for index in header:
        if (choice := _printed_again(units, index)) is not None:
            return choice
    # A title right above the byline may read like a button ("Keep the ..."), but not one that names
    # the page itself ("Listen to this article").
    page_lines = [i for i, u in enumerate(units) if u.is_body and suspects.get(i) not in _SHAPE_FURNITURE
                  and not (suspects.get(i) == "site prompt" and line_shape(u.text).site_noun)]
    index, confirmed = _headline_index(units, metadata, body, page_lines)
    return HeadlineChoice(index, confirmed)


def _header(units: list[Line], body: list[int]) -> list[int]:
    """The body lines before the story's first paragraph of prose (or the first few, without one)."""
    prose = next((i for i in body if is_prose(units[i].text)), None)
    if prose is None:
        return body[:_HEADER_UNITS]
    return [i for i in body if i < prose]


def _printed_again(units: list[Line], index: int) -> HeadlineChoice | None:
    """`index` as the headline when a later line repeats it, ends a breadcrumb with it or quotes it."""
    text = units[index].text
    if not title_shaped(text) or kicker(text) or len(text.split()) < 3:
        return None
    key = title_key(text)
    spelling = None
    found = False
    for other in units:
        if other is units[index]:
            continue
        other_key = title_key(other.text)
        if other_key == key:
            found = True
            if text.isupper() and not other.text.isupper():
                spelling = other.text
        elif (f" {key} " in f" {other_key} " and len(other_key.split()) - len(key.split()) <= 6
              and len(key.split()) >= _MENTIONED_TITLE_WORDS):
            found = True  # "Home > US > Title", "12 Responses to “Title”"
    if not found:
        return None
    return HeadlineChoice(index, True, spelling)
