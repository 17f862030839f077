"""What the temporal-expression rules share while they read one text: the context and the rule tables.

`Context` carries the document creation time, the tense hint and what the text has
named so far ("the quarter", "that day" refer back to it); a rule reads a match in
it and returns (TIMEX3 type, value) or None to reject the span. `RuleTable` holds
rules in priority order (the earlier wins a tie between equally long spans).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from newsgraph.nlp import timex_calendar as cal

TenseHint = Literal["past", "present", "future"] | None
Rule = Callable[["Context", re.Match], tuple[str, str] | None]


@dataclass(slots=True)
class Candidate:
    """A span a rule's pattern proposed, with the rule's priority (its place in the rule order)."""

    start: int
    end: int
    priority: int
    rule: Rule
    match: re.Match


@dataclass(slots=True)
class Context:
    """One text being read: its anchor (publication), the tense hint, and what the text has named so far."""

    text: str
    anchor: dt.datetime | None
    tense_hint: TenseHint
    last_quarter: tuple[int, int] | None = None
    # The quarter an earnings story reports on: the latest completed one it names among the four before
    # publication. Comparisons ("a year ago", "the year-earlier period") and "the latest
    # quarter" refer to it, not to a forecast ("a fourth-quarter charge") or an earlier one named in passing.
    reported_quarter: tuple[int, int] | None = None
    last_date: dt.date | None = None
    last_date_at: int | None = None  # end of the last date expression, for "Friday at 5 p.m."
    # The last day, month and year the text itself named, for "that day", "later that year", "the day after".
    # None in the first pass, where acceptance must not depend on what came before.
    mentioned: dict[str, tuple[int, ...]] | None = None
    start: int = 0
    end: int = 0

    @property
    def day(self) -> dt.date | None:
        return self.anchor.date() if self.anchor else None

    def note_quarter(self, year: int, quarter: int) -> None:
        self.last_quarter = (year, quarter)
        if self.day is None:
            return
        index, now = year * 4 + quarter, self.day.year * 4 + cal.quarter_of(self.day)
        reported = self.reported_quarter[0] * 4 + self.reported_quarter[1] if self.reported_quarter else 0
        if now - 4 <= index < now and index > reported:
            self.reported_quarter = (year, quarter)

    def last_date_near(self, position: int) -> bool:
        return self.last_date_at is not None and 0 <= position - self.last_date_at < 40

    def tense(self) -> str | None:
        """The tense of the verb governing the expression (or the caller's hint); None when there is no verb."""
        if self.tense_hint is not None:
            return self.tense_hint
        return _governing_tense(self.text, self.start, self.end)

    def direction(self) -> str:
        """'past' or 'future' for a bare weekday/month here; past-tense reporting is the default in news."""
        tense = self.tense()
        if tense == "future" or _SOON_CUE.search(self.text[max(0, self.start - 25):self.start]):
            return "future"
        if tense == "present" and FORWARD_CUE.search(self.text[max(0, self.start - 40):self.start]):
            return "future"
        if _DEFERRAL_CUE.search(self.text[max(0, self.start - 80):self.start]):
            return "future"  # "postponed until Tuesday", "gave them until 9 a.m. Tuesday", whatever the tense
        return "past"


_SOON_CUE = re.compile(r"\b(?:as\s+soon\s+as|as\s+early\s+as|no\s+later\s+than|set\s+to\s+\w+|is\s+to\s+\w+|are\s+to\s+\w+)\s+(?:on\s+)?$",
                       re.IGNORECASE)
FORWARD_CUE = re.compile(r"\b(?:will|'ll|shall|due|scheduled|planned|expected|payable)\b[^.]*$"
                         r"|\b(?:until|till|by|before|ahead\s+of|starting|from|through|effective)\s+(?:(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+|early\s+|late\s+|mid-?)?$",
                         re.IGNORECASE)


# A deferral moves a time forward from when it is reported: postponed, delayed, extended or adjourned
# until (or to) a day, or given until a deadline; a clock time may stand between ("until 9 a.m. Tuesday").
_DEFERRAL_CUE = re.compile(r"\b(?:postpon|delay|defer|extend|adjourn|recess|gave\b|give|put\s+off|puts\s+off|push\w*\s+back)"
                           r"[^.;]*\b(?:until|till|to)\s+(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?\s+(?:[A-Z]{2,4}\s+)?|noon\s+|midnight\s+)?$",
                           re.IGNORECASE)


def _governing_tense(text: str, start: int, end: int) -> str | None:
    from newsgraph.nlp.timex_tense import tense_at

    try:
        return tense_at(text, start, end)
    except (OSError, ImportError):  # no parser installed: fall back to the news default
        return None


class RuleTable(list):
    """(compiled pattern, rule) pairs in priority order; `rule(pattern)` registers the function it decorates."""

    def rule(self, pattern: str, flags: int = re.IGNORECASE) -> Callable[[Rule], Rule]:
        compiled = re.compile(rf"(?<![\w$£€#/.-])(?:{pattern})(?![\w/]|-\w|\.\d)", flags)

        def register(function: Rule) -> Rule:
            self.append((compiled, function))
            return function

        return register


def word_before(context: Context, limit: int = 1) -> list[str]:
    return re.findall(r"[\w'-]+", context.text[max(0, context.start - 40):context.start].lower())[-limit:]

