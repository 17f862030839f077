"""Temporal expressions found in text and normalised to TimeML TIMEX3 values.

    find_dates(text, published="2024-03-09T13:12:00") -> (Timex(start, end, text, type, value), ...)
        # newsgraph.records.Timex, in text order, half-open offsets

A rule grammar of regular expressions over words: every pattern proposes a span,
the longest span wins where they overlap (the earlier pattern on a tie), and the
winners are normalised in text order against the document creation time
(`published`), so that "the quarter" can mean the quarter last named.

- type DATE / TIME / DURATION / SET and value as TimeML writes them: 2024-03-08,
  2024-03, 2024-W10, 2024-SU, 2024-Q1, 2024-03-08T13:12, 2024-03-08TMO,
  199X (the 1990s), 19XX (the 20th century), PRESENT_REF, PAST_REF, FUTURE_REF, P3D, PT5H,
  XXXX-WXX-1 (every Monday).
- Decades: TimeBank/TBAQ write the leading digits ("199"); DESIGN.md's record contract writes
  "199X" (and a century "19XX"), and that is what `find_dates` returns (`contract_value`, in
  one place; the TBAQ scorer reads gold values through it too).
- A bare weekday, month or month-day points back (on or before publication) in
  past-tense reporting and forward for future tense; the tense is that of the
  governing verb in spaCy's parse, or `tense_hint` ("past", "present", "future")
  when the caller knows it. A Friday article's "Friday" is that day.
- Spans are the expression itself: "Friday", never "on Friday".
- Month names and weekdays must be capitalised; "May" and "March" alone count
  only after a word that introduces a date (in, since, last, early ...), so the
  verb and the modal are left alone. Numbers are years only when nothing around
  them says money, a count or a percentage ("$27", "1,990", "2000%").

Without `published`, relative expressions keep X placeholders (XXXX-WXX-5).

This module runs the grammar; its parts live beside it:
timex_named (rules for the dates a text names: March 8, 2024, the 1990s, the third quarter),
timex_relative (rules for time told relative to publication or the text: Friday, three years ago,
that day, every Monday, 5 p.m., now), timex_context (the context the rules read and the rule table),
timex_values (numbers, durations, shifts, the contract's spelling), timex_lexicon (word tables and
pattern pieces), timex_calendar (calendar arithmetic) and timex_tense (the governing verb's tense).
"""

from __future__ import annotations

import datetime as dt
import re

from newsgraph.nlp import timex_calendar as cal
from newsgraph.nlp import timex_named, timex_relative
from newsgraph.nlp.timex_context import Candidate, Context, TenseHint
from newsgraph.nlp.timex_values import contract_value
from newsgraph.records import Timex, replace

__all__ = ["contract_value", "find_dates"]

# Every rule, in priority order: on a tie between equally long spans the earlier wins.
_RULES = (*timex_named.RULES, *timex_relative.RULES)


def _candidates(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for priority, (pattern, rule) in enumerate(_RULES):
        for match in pattern.finditer(text):
            if match.end() > match.start():
                found.append(Candidate(match.start(), match.end(), priority, rule, match))
    return found


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Longest span first (earlier rule on a tie); a span that overlaps a kept one is dropped."""
    kept: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for candidate in sorted(candidates, key=lambda c: (-(c.end - c.start), c.priority, c.start)):
        if any(candidate.start < end and start < candidate.end for start, end in taken):
            continue
        kept.append(candidate)
        taken.append((candidate.start, candidate.end))
    return sorted(kept, key=lambda c: c.start)


def find_dates(text: str, *, published: str | None = None, tense_hint: TenseHint = None,
               doc=None) -> tuple[Timex, ...]:
    """Temporal expressions in `text` with TIMEX3 type and value, resolved against `published` (ISO 8601).

    `tense_hint` ("past", "present", "future") overrides the parse for the direction of bare
    weekdays and months; without it, the governing verb's tense in spaCy's parse decides.
    `doc`, a spaCy parse of `text` the caller already has, spares a second parse.
    """
    if not text:
        return ()
    if doc is not None:
        from newsgraph.nlp.timex_tense import given_parse

        with given_parse(doc):
            return find_dates(text, published=published, tense_hint=tense_hint)
    anchor = cal.parse_anchor(published)
    # First pass: drop the spans a rule rejects (the verb "March", "$27"), so shorter readings can win;
    # acceptance never depends on what came before, values may ("the quarter"), hence the second pass.
    trial = Context(text, anchor, tense_hint)
    accepted = []
    for candidate in sorted(_candidates(text), key=lambda c: c.start):
        trial.start, trial.end = candidate.start, candidate.end
        if _in_a_title(text, candidate.start, candidate.end):
            continue
        if candidate.rule(trial, candidate.match) is not None:
            accepted.append(candidate)
    context = Context(text, anchor, tense_hint, mentioned={})
    found: list[Timex] = []
    for candidate in _select(accepted):
        context.start, context.end = candidate.start, candidate.end
        outcome = candidate.rule(context, candidate.match)
        if outcome is None:
            continue
        if candidate.rule is not timex_relative.clock_time:
            context.last_date_at = candidate.end
        timex_type, value = outcome
        if text[candidate.start:candidate.end].lower() != "overnight":  # names no day of its own
            _note_mention(context.mentioned, value)
        found.append(Timex(start=candidate.start, end=candidate.end, text=text[candidate.start:candidate.end],
                           type=timex_type, value=value))
    found = _date_following_clock_times(text, found)
    found = _second_days_of_pairs(text, found)
    return tuple(replace(timex, value=contract_value(timex.value)) for timex in found)


# Time words that are common nouns: written with a capital inside a sentence they belong to a title
# ("ABC's This Week", "CBS's 60 Minutes", "High Noon", "VOA Today"), not to the calendar.
_TITLE_WORD = re.compile(r"\b(?:Seconds?|Minutes?|Hours?|Weeks?|Months?|Years?|Noon|Midnight|Morning|Afternoon|Evening|Night|"
                         r"Today|Tonight|Tomorrow|Yesterday)\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]['\"`’”)]*\s+|\n\s*|[\"“`']+\s*)$")


def _in_a_title(text: str, start: int, end: int) -> bool:
    """A capitalised time word that does not open its sentence: the expression is (part of) a name."""
    return any(not _SENTENCE_START.search(text[max(0, word.start() - 12):word.start()])
               for word in _TITLE_WORD.finditer(text, start, end))


_MENTION = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d\d)(?:-(?P<day>\d\d))?)?(?![\dX])")


def _note_mention(mentioned: dict[str, tuple[int, ...]], value: str) -> None:
    match = _MENTION.match(value)
    if match is None:
        return
    mentioned["year"] = (int(match["year"]),)
    if match["month"]:
        mentioned["month"] = (int(match["year"]), int(match["month"]))
        mentioned.pop("day", None)
    if match["day"]:
        mentioned["day"] = (int(match["year"]), int(match["month"]), int(match["day"]))


_DAY_PAIRED = re.compile(r"\s+(?:and|or)\s+(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
                         r"(?!\s*(?:%|[,.]\d|-|percent\b|per\b|million\b|billion\b|[a-z]+s\b|of\b))")


def _second_days_of_pairs(text: str, found: list[Timex]) -> list[Timex]:
    """"April 24 and 25": the second number is a day of the same month (TimeML tags it as a date of its own)."""
    paired: list[Timex] = []
    for index, record in enumerate(found):
        paired.append(record)
        match = _DAY_PAIRED.match(text, record.end) if _FULL_DATE.match(record.value) else None
        following = found[index + 1].start if index + 1 < len(found) else len(text)
        if match is None or match.end() > following or not re.search(r"\d(?:st|nd|rd|th)?$", record.text):
            continue
        try:
            day = dt.date.fromisoformat(record.value).replace(day=int(match["day"]))
        except ValueError:
            continue
        paired.append(Timex(start=match.start("day"), end=match.end("day"), text=match["day"], type="DATE",
                            value=day.isoformat()))
    return paired


_CLOCK = re.compile(r"^(?:\d{4}-\d\d-\d\d|XXXX-XX-XX)(T\d\d:\d\d|T(?:MO|AF|EV|NI))$")
_FULL_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")


def _date_following_clock_times(text: str, found: list[Timex]) -> list[Timex]:
    """"5 p.m. on Friday", "10:35 a.m. (0735 GMT) Friday", "mid-afternoon yesterday": a clock time or a
    part of the day takes the date written right after it (a parenthesis between is an aside: the time
    elsewhere). Written with nothing but a space or comma between ("5 p.m. EST Nov. 9", "noon Thursday"), the two are one expression,
    as TimeML tags them: one TIME."""
    dated: list[Timex] = []
    index = 0
    while index < len(found):
        time_record = found[index]
        next_record = found[index + 1] if index + 1 < len(found) else None
        clock = _CLOCK.match(time_record.value)
        between = text[time_record.end:next_record.start] if next_record is not None else ""
        if (next_record is not None and time_record.type == "TIME" and clock
                and _FULL_DATE.match(next_record.value)
                and re.fullmatch(r"(?:\s*\([^()\n]{1,24}\))?[\s,]*(?:on\s+)?", between)):
            value = next_record.value + clock[1]
            if re.fullmatch(r" ?,? ?", between):
                dated.append(Timex(start=time_record.start, end=next_record.end,
                                   text=text[time_record.start:next_record.end], type="TIME", value=value))
                index += 2
                continue
            time_record = replace(time_record, value=value)
        dated.append(time_record)
        index += 1
    return dated
