"""Quotations as the raw text marks them: quote marks paired into quotations, before any parse.

Double marks of any style (straight, curly, guillemets, the two-character `''` and
`` `` ``) are read as opening or closing from the characters around them; single
marks pair outside the double ones, within a paragraph, apostrophes told apart.
`pair_quote_marks` says how a missing or nested mark is handled. The word count
and the trimming of a span's edges are shared by the later stages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING_MARKS = "\u201c\u00ab\u201e"
CLOSING_MARKS = "\u201d\u00bb"
STRAIGHT_MARK = '"'
_OPEN_CONTEXT = set("([{\u2014\u2013-/:")
_CLOSE_CONTEXT = set(".,;:!?)]}\u2014\u2013-'\u2019")
WORD = re.compile(r"\w+")
SCARE_MAX_WORDS = 4  # a quoted term of up to this many words with no cue is a scare quote
ORPHAN_MIN_WORDS = 4  # a closing mark with nothing open starts a quotation this long at least


@dataclass(slots=True)
class QuoteSpan:
    """A paired quotation: content between the marks, [start, end) in the text."""

    start: int
    end: int
    closed: bool = True


def _mark_role(text: str, index: int, paragraph_start: bool) -> str:
    """'open', 'close' or 'either' for the quote mark at text[index]."""
    mark = text[index]
    before = text[index - 1] if index > 0 else "\n"
    after = text[index + 1] if index + 1 < len(text) else "\n"
    opens = paragraph_start or before.isspace() or before in _OPEN_CONTEXT or before in OPENING_MARKS
    closes = after.isspace() or after in _CLOSE_CONTEXT or after in CLOSING_MARKS or after == STRAIGHT_MARK
    if mark in OPENING_MARKS:
        return "close" if closes and not opens else "open"
    if mark in CLOSING_MARKS:
        return "open" if opens and not closes else "close"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def paragraph_end(text: str, position: int) -> int:
    """Offset of the line break ending the paragraph at `position` (the text's end for the last one)."""
    found = text.find("\n", position)
    return len(text) if found < 0 else found


_SINGLE_OPEN = "\u2018'"
_SINGLE_CLOSE = "\u2019'"


def _single_opens(text: str, index: int) -> bool:
    """A single mark that opens a quotation: after a space or bracket, before a letter (not '90s, 'em, 'til)."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1:index + 4]
    if not (before.isspace() or before in _OPEN_CONTEXT or before in OPENING_MARKS or before == STRAIGHT_MARK):
        return False
    if not after or not (after[0].isalpha() or after[0] in "\u2026."):
        return False  # '90s, ' alone
    return not re.match(r"(?:em|til|tis|twas|cause|n)\b", after, re.IGNORECASE)


def _single_closes(text: str, index: int) -> bool:
    """A single mark that closes a quotation: after a word or punctuation, before a space or punctuation."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if before.isspace():
        return False
    return after.isspace() or after in _CLOSE_CONTEXT or after in CLOSING_MARKS or after == STRAIGHT_MARK


def pair_single_quotes(text: str, outside: list[QuoteSpan]) -> list[QuoteSpan]:
    """Quotations in single marks (British style) outside the double-mark ones.

    Apostrophes look the same: a mark with letters on both sides (it's), one before digits
    ('90s) or one that nothing closes in its paragraph (dogs' bowls) is not a quotation mark.
    A single quotation is only taken when its closing mark is found; it runs on into the next
    paragraph only when that paragraph opens with a single mark (the multi-paragraph convention).
    """
    covered = [False] * (len(text) + 1)
    for span in outside:
        for position in range(max(span.start - 1, 0), min(span.end + 1, len(text))):
            covered[position] = True
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    reopening: int | None = None  # the mark reopening an open quotation at the next paragraph's start
    for index, char in enumerate(text):
        if char == "\n":
            if open_at is not None and reopening is None:
                following = len(text) - len(text[index:].lstrip())
                if following < len(text) and text[following] in _SINGLE_OPEN and not covered[following] \
                        and "\n" not in text[index + 1:following].strip(" \t\n") \
                        and text.count("\n", index, following) <= 2 and _single_opens(text, following):
                    reopening = following
                else:
                    open_at = None
            continue
        if index == reopening:
            reopening = None
            continue
        if covered[index] or char not in _SINGLE_OPEN and char not in _SINGLE_CLOSE:
            continue
        if open_at is None:
            if char in _SINGLE_OPEN and _single_opens(text, index):
                open_at = index + 1
            continue
        if char in _SINGLE_CLOSE and _single_closes(text, index) and index > open_at:
            # "the dogs' bowl": an s-final word and a lowercase word after is a plural possessive
            if text[index - 1] == "s" and re.match(r" [a-z]", text[index + 1:index + 3]) \
                    and "\n" not in text[index:index + 200] and _later_single_close(text, index + 1):
                continue
            spans.append(QuoteSpan(open_at, index))
            open_at = None
    return [span for span in spans if text[span.start:span.end].strip()]


def _later_single_close(text: str, start: int) -> bool:
    """Whether a closing single mark follows in the paragraph from `start`."""
    end = paragraph_end(text, start)
    return any(text[i] in _SINGLE_CLOSE and _single_closes(text, i) for i in range(start, end))


_TWO_CHARACTER_MARK = re.compile(r"''|``")


def normalise_double_marks(text: str) -> str:
    """`text` with each two-character double mark (`''`, `` `` ``, as some wires and the Penn Treebank write
    them) turned into a straight `"` plus a space, same length, so offsets stay valid. The space goes on
    the outer side of the mark (` "Word`, `word," `), where it reads as opening or closing."""
    if "''" not in text and "``" not in text:
        return text

    def replace(match: re.Match) -> str:
        before = text[match.start() - 1] if match.start() else "\n"
        opening = before.isspace() or before in _OPEN_CONTEXT or match.group() == "``"
        return ' "' if opening else '" '

    return _TWO_CHARACTER_MARK.sub(replace, text)


def pair_quote_marks(text: str) -> list[QuoteSpan]:
    """Quotations in `text` (double marks of any style, then single marks outside them), without the marks."""
    text = normalise_double_marks(text)
    doubles = pair_double_quote_marks(text)
    spans = sorted(doubles + pair_single_quotes(text, doubles), key=lambda span: (span.start, -span.end))
    # A double-mark quotation inside a single-mark one ('He told me "never", she said.') is part of it.
    outermost: list[QuoteSpan] = []
    for span in spans:
        if outermost and span.end <= outermost[-1].end:
            continue
        outermost.append(span)
    return outermost


def pair_double_quote_marks(text: str) -> list[QuoteSpan]:
    """Quotations in `text` in double marks of any style, content offsets without the marks."""
    marks: list[tuple[int, str]] = []
    for index, char in enumerate(text):
        if char in OPENING_MARKS or char in CLOSING_MARKS or char == STRAIGHT_MARK:
            line_start = text.rfind("\n", 0, index) + 1
            marks.append((index, _mark_role(text, index, not text[line_start:index].strip())))
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    checked_from = 0  # paragraph breaks before this are already accounted for
    nested = 0
    last_closed = 0  # just after the last closing mark

    def close_unbalanced(at: int) -> None:
        end = paragraph_end(text, at)
        spans.append(QuoteSpan(open_at, end, closed=False))

    for number, (position, role) in enumerate(marks):
        if open_at is not None and "\n" in text[checked_from:position]:
            line_start = text.rfind("\n", 0, position) + 1
            reopens_paragraph = not text[line_start:position].strip() and role in ("open", "either")
            # Continuation only from the paragraph just before (one blank line or one newline apart).
            gap_paragraphs = len([part for part in re.split(r"\n\s*\n|\n", text[checked_from:line_start]) if part.strip()])
            if reopens_paragraph and nested == 0 and gap_paragraphs <= 1:
                checked_from = position
                continue  # multi-paragraph quotation: the reopening mark is not a new one
            close_unbalanced(open_at)
            open_at, nested = None, 0
        if open_at is None:
            if role in ("open", "either"):
                open_at = checked_from = position + 1
            elif position > last_closed:
                # A closing mark with nothing open: the opening mark is missing, so the
                # quotation runs from the paragraph start (or the last quotation in it).
                start = max(text.rfind("\n", 0, position) + 1, last_closed)
                if _continues_unclosed(text, spans, start):
                    # The paragraph before ended inside a quotation that this closing mark ends: one
                    # statement over two paragraphs, its reopening mark left out.
                    spans[-1] = QuoteSpan(spans[-1].start, position)
                    last_closed = position + 1
                elif word_count(text[start:position]) >= ORPHAN_MIN_WORDS:
                    spans.append(QuoteSpan(start, position, closed=False))
            continue
        if role in ("close", "either"):
            if nested:
                nested -= 1
            else:
                spans.append(QuoteSpan(open_at, position))
                open_at = None
                last_closed = position + 1
            continue
        # An opening mark inside an open quotation: nested when the marks after it close it and
        # then the open quotation, else the open quotation lost its closing mark.
        if _closes_nested(text, marks, number):
            nested += 1
        else:
            spans.append(QuoteSpan(open_at, len(text[:position].rstrip()), closed=False))
            open_at = checked_from = position + 1
    if open_at is not None:
        close_unbalanced(open_at)
    return [span for span in spans if text[span.start:span.end].strip()]


MAX_CONTINUED_PARAGRAPHS = 4  # a quotation holding a nested one is followed over at most this many paragraphs


def _continues_unclosed(text: str, spans: list[QuoteSpan], paragraph_start: int) -> bool:
    """Whether the last quotation ran to the end of the paragraph just before `paragraph_start`
    without a closing mark, and nothing else stands between."""
    if not spans or spans[-1].closed:
        return False
    between = text[spans[-1].end:paragraph_start]
    return paragraph_start > 0 and text[paragraph_start - 1] == "\n" and not between.strip() \
        and text.count("\n", spans[-1].end, paragraph_start) <= 2


def _opening_mark_before(text: str, marks: list[tuple[int, str]], number: int) -> int:
    """Position of the mark that opened the quotation open at `marks[number]`: the nearest earlier mark
    that is not closed by the marks between (counted back, openings against closings)."""
    depth = 0
    for position, role in reversed(marks[:number]):
        if role == "open" or (role == "either" and depth == 0):
            if depth == 0:
                return position
            depth -= 1
        else:
            depth += 1
    return marks[number - 1][0] if number else marks[number][0]


def _closes_nested(text: str, marks: list[tuple[int, str]], number: int) -> bool:
    """Whether the opening mark `marks[number]`, met inside an open quotation, is a quotation within it:
    counting on from it, the marks close it and then the open one, in its paragraph or, with the
    inner quotation closed, in the paragraphs the outer one continues into: each reopened by a
    mark of the outer one's style at its start (straight `"` for straight, curly or angled for
    those), or, its reopening mark left out, closed by the first mark in it.
    Any mark inside an open quotation counts as closing unless it can only open."""
    depth = 2
    previous = marks[number][0]
    outer_straight = text[_opening_mark_before(text, marks, number)] == STRAIGHT_MARK
    continued = 0
    for position, role in marks[number + 1:]:
        if "\n" in text[previous:position]:
            line_start = text.rfind("\n", 0, position) + 1
            between = text[previous:line_start]
            continued += 1
            if depth != 1 or continued > MAX_CONTINUED_PARAGRAPHS \
                    or len([part for part in re.split(r"\n\s*\n|\n", between) if part.strip()]) > 1:
                return False  # an inner quotation never runs over a paragraph break
            previous = position
            if not text[line_start:position].strip():
                if role == "close" or (text[position] == STRAIGHT_MARK) != outer_straight:
                    return False
                continue  # the outer quotation reopened
            if role != "close":
                return False  # the next paragraph neither reopens nor closes it
        depth += 1 if role == "open" else -1
        if depth == 0:
            return True
        previous = position
    return False


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past surrounding whitespace and punctuation (quote marks kept inside)."""
    while start < end and (text[start].isspace() or text[start] in ",;:.-\u2014\u2013"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:-\u2014\u2013"):
        end -= 1
    return start, end


def word_count(text: str) -> int:
    """Words (runs of letters, digits and underscores) in `text`."""
    return len(WORD.findall(text))
