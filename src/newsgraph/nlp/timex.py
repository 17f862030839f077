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
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from newsgraph.nlp import timex_calendar as cal
from newsgraph.records import Timex, replace

TenseHint = Literal["past", "present", "future"] | None

__all__ = ["find_dates"]

# ----------------------------------------------------------------------------- lexicon

MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
          "september": 9, "october": 10, "november": 11, "december": 12,
          "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
          "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
WEEKDAY_ABBREVIATIONS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
                         "sat": 5, "sun": 6}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
TIMES_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
                "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                "hundred": 100, "dozen": 12, "a dozen": 12, "half a": 0.5, "half an": 0.5, "a half": 0.5}
VAGUE_NUMBERS = {"several", "few", "a few", "couple of", "a couple of", "couple", "a couple", "many", "some",
                 "dozens of", "hundreds of", "a number of", "numerous", "the past few", "the next few"}
UNIT_CODES = {"second": ("T", "S"), "minute": ("T", "M"), "hour": ("T", "H"), "day": ("", "D"),
              "week": ("", "W"), "fortnight": ("", "W"), "month": ("", "M"), "year": ("", "Y"),
              "decade": ("", "DE"), "century": ("", "CE"), "quarter": ("", "Q"), "weekend": ("", "WE")}
SET_ADVERBS = {"hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
               "monthly": "P1M", "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y"}
PAST_REF_WORDS = {"recently", "recent", "formerly", "previously", "lately", "the past", "in the past",
                  "once upon a time", "earlier"}
PRESENT_REF_WORDS = {"now", "currently", "current", "nowadays", "presently", "at present", "these days",
                     "right now", "at the moment", "at this time", "today's"}
FUTURE_REF_WORDS = {"the future", "future", "soon", "the near future", "the near term", "the long term",
                    "the distant future", "later", "someday", "eventually", "in future"}
# Words after which a capitalised "May" / "March" / weekday alone is a date, not a verb, modal or name.
DATE_INTRODUCERS = {"in", "on", "since", "until", "till", "by", "during", "last", "next", "this", "early", "late",
                    "mid", "before", "after", "from", "through", "of", "to", "between", "and", "or", "around",
                    "that", "each", "every", "earlier", "later", "end", "beginning", "start", "middle", "past"}
_MONEY_OR_COUNT_AFTER = re.compile(r"\s*(?:%|percent|per\s*cent|million|billion|thousand|trillion|bn|mn|m\b|[a-z]{2,}s\b)",
                                   re.IGNORECASE)


def _names(words: dict) -> str:
    """Capitalised and upper-case spellings of names (case-sensitive inside a case-insensitive pattern)."""
    spellings = set()
    for word in sorted(words, key=len, reverse=True):
        spellings.update({word.capitalize(), word.upper()})
    return "(?-i:" + "|".join(sorted(spellings, key=len, reverse=True)) + ")"


_MONTH_FULL = _names({k: v for k, v in MONTHS.items() if len(k) > 4 or k in ("june", "july", "may")})
_MONTH_ABBR = _names({k: v for k, v in MONTHS.items() if len(k) <= 4 and k not in ("june", "july", "may")})
MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR}\.?)"
WEEKDAY = _names(WEEKDAYS)
WEEKDAY_ANY = rf"(?:{WEEKDAY}|{_names(WEEKDAY_ABBREVIATIONS)}\.?)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
_NUMBER_WORD = ("(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|"
                "seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                "fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\\s+dozen|dozen|half\\s+an?|hundred|an?)")
_VAGUE = "(?:several|a\\s+few|few|a\\s+couple\\s+of|couple\\s+of|many|some|dozens\\s+of|hundreds\\s+of|a\\s+number\\s+of)"
NUMBER = rf"(?:\d+(?:\.\d+)?(?:\s+\d/\d)?|\d{{1,3}}(?:,\d{{3}})+|{_NUMBER_WORD}(?:\s+and\s+a\s+half)?|{_VAGUE})"
UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|century|centuries|quarters?)"
MODIFIER = (r"(?:(?:early|earlier|late|later|mid|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+middle"
            r"\s+of|the\s+rest\s+of|end\s+of|start\s+of)[\s-]+)?")
RELATIVE = r"(?:last|next|this|that|coming|past|previous|current|following|same)"
APPROX = r"(?:(?:about|around|nearly|almost|roughly|some|over|more\s+than|less\s+than|fewer\s+than|up\s+to|at\s+least|at\s+most|only|just)\s+)?"


# ----------------------------------------------------------------------------- matching


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    priority: int
    rule: Callable[["_Context", re.Match], tuple[str, str] | None]
    match: re.Match


@dataclass(slots=True)
class _Context:
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
        if tense == "present" and _FORWARD_CUE.search(self.text[max(0, self.start - 40):self.start]):
            return "future"
        return "past"


_SOON_CUE = re.compile(r"\b(?:as\s+soon\s+as|as\s+early\s+as|no\s+later\s+than|set\s+to\s+\w+|is\s+to\s+\w+|are\s+to\s+\w+)\s+(?:on\s+)?$",
                       re.IGNORECASE)
_FORWARD_CUE = re.compile(r"\b(?:will|'ll|shall|until|till|by|before|due|scheduled|planned|expected|starting|from|through|effective|payable)\b[^.]*$",
                          re.IGNORECASE)


def _governing_tense(text: str, start: int, end: int) -> str | None:
    from newsgraph.nlp.timex_tense import tense_at

    try:
        return tense_at(text, start, end)
    except (OSError, ImportError):  # no parser installed: fall back to the news default
        return None


_RULES: list[tuple[re.Pattern, Callable]] = []


def _month_direction(context: _Context) -> str:
    """A month or date without a year: forward in future tense, else the occurrence nearest publication
    (news writes the year when it is not the obvious one). A past-tense verb moves an occurrence more than
    two months ahead back a year ("stepped down in March" in a November article is this year's March) but
    keeps a near one ("extended the offer to Nov. 20" in an early-November article)."""
    direction = context.direction()
    if direction == "future":
        return "future"
    if context.tense() == "past" and not _FORWARD_CUE.search(context.text[max(0, context.start - 40):context.start]):
        return "past-nearest"
    return "nearest"


def _rule(pattern: str, flags: int = re.IGNORECASE):
    compiled = re.compile(rf"(?<![\w$£€#/.-])(?:{pattern})(?![\w/]|-\w|\.\d)", flags)

    def register(function):
        _RULES.append((compiled, function))
        return function

    return register


def _word_before(context: _Context, limit: int = 1) -> list[str]:
    return re.findall(r"[\w'-]+", context.text[max(0, context.start - 40):context.start].lower())[-limit:]


def _number(text: str) -> float | None:
    """The value of a number written in digits or words; None for a vague one (several, a few)."""
    text = re.sub(r"\s+", " ", text.strip().lower())
    if re.fullmatch(r"(?:a\s+)?couple\s+of", text):
        return 2  # TimeML reads "a couple of years" as two (P2Y)
    if re.fullmatch(_VAGUE, text):
        return None
    half = 0.0
    if text.endswith(" and a half"):
        text, half = text[: -len(" and a half")], 0.5
    fraction = re.fullmatch(r"(\d+) (\d)/(\d)", text)
    if fraction:
        return int(fraction[1]) + int(fraction[2]) / int(fraction[3])
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", text):
        return float(text.replace(",", "")) + half
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text] + half
    parts = re.split(r"[- ]", text)
    if all(part in NUMBER_WORDS for part in parts):
        return sum(NUMBER_WORDS[part] for part in parts) + half
    return None


def _unit_name(unit: str) -> str:
    unit = unit.lower()
    if unit == "centuries":
        return "century"
    return unit[:-1] if unit.endswith("s") and unit[:-1] in UNIT_CODES else unit


def duration_value(amount: float | None, unit: str) -> str:
    """P3Y, PT5H30M, P2W, PXY: a TIMEX3 duration value."""
    unit = _unit_name(unit)
    time_part, code = UNIT_CODES[unit]
    if unit == "fortnight" and amount is not None:
        amount *= 2
    if amount is None:
        return f"P{time_part}X{code}"
    if amount != int(amount):
        smaller = {"hour": (60, "T", "M"), "day": (24, "T", "H"), "year": (12, "", "M"), "month": (30, "", "D"),
                   "minute": (60, "T", "S"), "week": (7, "", "D")}
        if unit in smaller:
            factor, sub_time, sub_code = smaller[unit]
            whole, rest = int(amount), round((amount - int(amount)) * factor)
            if whole and unit in ("hour", "minute"):
                return f"PT{whole}{code}{rest}{sub_code}"
            return f"P{sub_time}{whole * factor + rest}{sub_code}"
    if unit == "decade":
        return f"P{int(amount) * 10}Y"
    return f"P{time_part}{int(amount)}{code}"


def _shift(anchor: dt.date, amount: int, unit: str) -> str:
    """The date `amount` units from the anchor (negative: before), at that unit's granularity."""
    unit = _unit_name(unit)
    if unit in ("day", "hour", "minute", "second"):
        return (anchor + dt.timedelta(days=amount if unit == "day" else 0)).isoformat()
    if unit in ("week", "fortnight"):
        return cal.iso_week(anchor + dt.timedelta(weeks=amount * (2 if unit == "fortnight" else 1)))
    if unit == "month":
        year, month = cal.shift_months(anchor.year, anchor.month, amount)
        return f"{year}-{month:02d}"
    if unit == "quarter":
        year, month = cal.shift_months(anchor.year, anchor.month, 3 * amount)
        return f"{year}-Q{(month - 1) // 3 + 1}"
    if unit == "decade":
        return str(anchor.year + 10 * amount)[:3]
    if unit == "century":
        return f"{str(anchor.year + 100 * amount)[:2]}XX"
    return str(anchor.year + amount)


# ----------------------------------------------------------------------------- rules (order = priority on ties)


@_rule(rf"(?:{WEEKDAY_ANY},?\s+)?(?P<month>{MONTH})\s+(?P<day>{DAY})(?:(?:,\s*|\s+)(?P<year>{YEAR}))?(?!\s*[\d,]*\d)"
       rf"|(?:{WEEKDAY_ANY},?\s+)?(?:the\s+)?(?P<day2>{DAY})(?:\s+of)?\s+(?P<month2>{MONTH}),?(?:\s+(?P<year2>{YEAR}))?")
def _month_day(context: _Context, match: re.Match):
    month = MONTHS[(match["month"] or match["month2"]).rstrip(".").lower()]
    day = int(re.match(r"\d+", match["day"] or match["day2"])[0])
    year_text = match["year"] or match["year2"]
    if year_text:
        year = int(year_text)
    elif context.day is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    else:
        year = cal.month_year(context.day, month, _month_direction(context), day)
    value = _calendar_day(context, year, month, day)
    return ("DATE", value.isoformat()) if value else None


@_rule(r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:[T ](?P<H>\d\d):(?P<M>\d\d))?")
def _iso_date(context: _Context, match: re.Match):
    value = _calendar_day(context, int(match["y"]), int(match["m"]), int(match["d"]))
    if value is None:
        return None
    if match["H"]:
        return "TIME", f"{value.isoformat()}T{match['H']}:{match['M']}"
    return "DATE", value.isoformat()


@_rule(r"(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})")
def _numeric_date(context: _Context, match: re.Match):
    first, second = int(match["a"]), int(match["b"])
    year = int(match["y"])
    if year < 100:
        year += 2000 if year < 50 else 1900
    # Dotted dates are day-first (European); slashed ones month-first unless that cannot be.
    day, month = (first, second) if match["sep"] == "." or first > 12 else (second, first)
    value = _calendar_day(context, year, month, day)
    return ("DATE", value.isoformat()) if value else None


def _calendar_day(context: _Context, year: int, month: int, day: int) -> dt.date | None:
    """The stated day, remembered for "that day" and later times; None for an impossible date (Feb 30)."""
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    context.last_date = value
    return value


@_rule(rf"{MODIFIER}(?P<month>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR})")
def _month_year(context: _Context, match: re.Match):
    month = MONTHS[match["month"].rstrip(".").lower()]
    return "DATE", f"{match['year']}-{month:02d}"


@_rule(rf"(?P<month>{MONTH})\s+(?P<day>{DAY})\s+of\s+(?P<rel>this|last|next)\s+year")
def _month_day_of_relative_year(context: _Context, match: re.Match):
    month = MONTHS[match["month"].rstrip(".").lower()]
    day = int(re.match(r"\d+", match["day"])[0])
    if context.day is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    year = context.day.year + {"this": 0, "last": -1, "next": 1}[match["rel"].lower()]
    try:
        return "DATE", dt.date(year, month, day).isoformat()
    except ValueError:
        return None


@_rule(rf"{MODIFIER}(?:(?P<rel>last|next|this|that|coming|past)\s+)?(?P<month>{_MONTH_FULL})"
       r"(?:,?\s+(?:of\s+)?(?P<year_rel>last|this|next)\s+year)?")
def _month_alone(context: _Context, match: re.Match):
    name = match["month"].lower()
    month = MONTHS[name]
    if match["year_rel"] and context.day is not None:  # "June last year", "February of this year"
        return "DATE", f"{context.day.year + {'last': -1, 'this': 0, 'next': 1}[match['year_rel'].lower()]}-{month:02d}"
    before = _word_before(context)
    introduced = match["rel"] or match.group(0) != match["month"] or (before and before[0] in DATE_INTRODUCERS)
    if name in ("may", "march") and not introduced:
        return None  # the modal, the verb, or a name
    if name not in ("may", "march") and not introduced and context.text[match.end():match.end() + 1].isalpha():
        return None
    if context.day is None:
        return "DATE", f"XXXX-{month:02d}"
    relation = (match["rel"] or "").lower()
    direction = {"last": "last", "past": "last", "next": "next", "coming": "next"}.get(relation)
    if relation in ("this", "that"):
        year = context.day.year
    else:
        year = cal.month_year(context.day, month, direction or _month_direction(context))
    return "DATE", f"{year}-{month:02d}"


@_rule(rf"(?P<a>{YEAR})\s*(?:-|–|to|through|and)\s*(?P<b>{YEAR}|\d\d)")
def _year_range(context: _Context, match: re.Match):
    return None  # two expressions: let the single-year rule take each end


@_rule(rf"{MODIFIER}(?:(?:fiscal|calendar|FY)\s*(?:year\s+)?)?(?P<year>{YEAR})(?P<quarter>\s+(?:first|second|third|fourth)[\s-]+quarter)?")
def _year(context: _Context, match: re.Match):
    text = context.text
    if text[max(0, match.start() - 1):match.start()] in ("$", "#") or text[max(0, match.start() - 4):match.start()].lower() in ("no. ", "nos."):
        return None
    if _MONEY_OR_COUNT_AFTER.match(text, match.end()) and not re.match(r"\s*(?:years?|season|elections?|games|olympics|levels?|figures|results|highs?|lows?|earnings|profits?|sales|prices|rates)\b", text[match.end():], re.IGNORECASE):
        return None
    year = int(match["year"])
    if match["quarter"]:
        quarter = ORDINALS[match["quarter"].split()[0].split("-")[0].lower()]
        context.note_quarter(year, quarter)
        return "DATE", f"{year}-Q{quarter}"
    return "DATE", str(year)


_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SPOKEN_YEAR = (rf"(?P<century>nineteen|eighteen)[\s-]+(?P<rest>(?:{'|'.join(_TENS)})(?:[\s-](?:{'|'.join(_UNITS)}))?|"
                rf"{'|'.join(_TEENS)}|(?:oh|o)[\s-](?:{'|'.join(_UNITS)}))"
                rf"|two\s+thousand(?:\s+and\s+(?P<after>{'|'.join(_TEENS + _UNITS)}))?")
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
                "nineties": 9}


def _spoken_year(match: re.Match) -> int:
    """1996 from "nineteen ninety-six", 2000 from "two thousand" (broadcast transcripts spell years out)."""
    if match["century"] is None:
        after = match["after"]
        return 2000 + ((_TEENS.index(after) + 10) if after in _TEENS else (_UNITS.index(after) + 1) if after else 0)
    century = 1900 if match["century"].lower() == "nineteen" else 1800
    words = re.split(r"[\s-]+", match["rest"].lower())
    if words[0] in ("oh", "o"):
        return century + _UNITS.index(words[1]) + 1
    if words[0] in _TEENS:
        return century + _TEENS.index(words[0]) + 10
    return century + 10 * (_TENS.index(words[0]) + 2) + (_UNITS.index(words[1]) + 1 if len(words) > 1 else 0)


@_rule(rf"(?:(?P<month>{_MONTH_FULL})\s+(?:of\s+)?|(?:the\s+)?(?P<season>spring|summer|fall|autumn|winter)\s+of\s+|the\s+year\s+)?"
       rf"(?:{_SPOKEN_YEAR})")
def _spoken_year_date(context: _Context, match: re.Match):
    if match["century"] is None and not match.group(0).lower().startswith("the year") \
            and re.match(r"\s+[a-z]+s\b", context.text[match.end():]):
        return None  # "two thousand troops", "two thousand years"
    year = _spoken_year(match)
    if match["month"]:
        return "DATE", f"{year}-{MONTHS[match['month'].lower()]:02d}"
    if match["season"]:
        return "DATE", f"{year}-{SEASONS[match['season'].lower()]}"
    return "DATE", str(year)


@_rule(r"the\s+(?P<mod>(?:early|late|mid)[\s-]+)?(?P<decade>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)")
def _decade_word(context: _Context, match: re.Match):
    return "DATE", f"19{DECADE_WORDS[match['decade'].lower()]}"


@_rule(r"(?:the\s+)?(?P<n>1[0-9]|20|21|[2-9])(?:st|nd|rd|th)[\s-]+century")
def _ordinal_century(context: _Context, match: re.Match):
    return "DATE", f"{int(match['n']) - 1:02d}"  # TIMEX3 writes the 20th century as its two leading digits, 19


@_rule(r"(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?P<decade>(?:1[0-9]|20)?\d0)'?s|(?:the\s+)?'(?P<short>\d0)s")
def _decade(context: _Context, match: re.Match):
    digits = match["decade"] or match["short"]
    if len(digits) == 2:
        century = "19" if digits != "00" else "20"
        if context.day is not None and int("20" + digits) <= context.day.year:
            century = "20" if digits in ("00", "10", "20") else "19"
        digits = century + digits
    elif len(digits) == 3:
        return None
    before = context.text[max(0, match.start() - 12):match.start()].lower()
    if re.search(r"(?:\$|\bin\s+their|\bher|\bhis|\btheir|\bthe\s+low|\bthe\s+high|\bmid)\s*$", before) and not match.group(0).lower().startswith("the"):
        return None  # "in their 40s", "the low 90s": ages and readings
    return "DATE", digits[:3]


@_rule(rf"{MODIFIER}(?:(?P<rel>last|next|this|that|coming|past)\s+)?(?P<season>spring|summer|fall|autumn|winter)"
       rf"(?:\s+(?:of\s+)?(?P<year>{YEAR}))?")
def _season(context: _Context, match: re.Match):
    season = SEASONS[match["season"].lower()]
    if match["year"]:
        return "DATE", f"{match['year']}-{season}"
    if match["season"].lower() == "fall" and not (match["rel"] or match.group(0) != match["season"]
                                                  or (_word_before(context) and _word_before(context)[0] in DATE_INTRODUCERS)):
        return None  # the verb and the noun
    if context.day is None:
        return "DATE", f"XXXX-{season}"
    relation = (match["rel"] or "").lower()
    direction = {"last": "last", "past": "last", "next": "next", "coming": "next"}.get(relation)
    if relation in ("this", "that"):
        direction = "this"
    return "DATE", cal.season_value(context.day, season, direction or context.direction())


@_rule(r"(?:the\s+)?(?:(?:fiscal|calendar)[\s-]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?quarter"
       rf"(?:\s+of\s+(?:(?P<year>{YEAR})|(?P<rel>this|last|next)\s+year|(?:fiscal\s+)?(?P<fy>{YEAR})))?"
       rf"|(?P<rel2>this|last|next)\s+year's\s+(?P<ord2>first|second|third|fourth)[\s-]+quarter")
def _ordinal_quarter(context: _Context, match: re.Match):
    quarter = ORDINALS[(match["ord"] or match["ord2"]).lower()]
    relation = (match["rel"] or match["rel2"] or "").lower()
    if match["year"] or match["fy"]:
        year = int(match["year"] or match["fy"])
    elif context.day is None:
        return "DATE", f"XXXX-Q{quarter}"
    elif relation:
        year = context.day.year + {"this": 0, "last": -1, "next": 1}[relation]
    else:
        year = context.day.year
        if quarter > cal.quarter_of(context.day) and context.direction() != "future":
            year -= 1
    context.note_quarter(year, quarter)
    return "DATE", f"{year}-Q{quarter}"


_YEAR_BACK = r"(?:a\s+year\s+(?:ago|earlier|before)|last\s+year|the\s+year\s+before)"


@_rule(r"(?:the\s+)?(?P<which>latest|current|same|previous|last|next|coming|fiscal|year-ago|year-earlier|prior-year|comparable|"
       rf"corresponding|year-before|this|that)\s+(?P<unit>quarter|period)(?P<back>\s+{_YEAR_BACK})?|the\s+quarter(?P<back2>\s+{_YEAR_BACK})?"
       r"|last\s+year's\s+(?P<unit2>quarter|period)")
def _named_quarter(context: _Context, match: re.Match):
    which = (match["which"] or ("year-ago" if match["unit2"] else "")).lower()
    unit = (match["unit"] or match["unit2"] or "quarter").lower()
    if match["back"] or match["back2"]:
        which = "year-ago"  # "the same period last year", "the quarter a year ago"
    if unit == "period" and which not in ("latest", "year-ago", "year-earlier", "same", "comparable", "prior-year",
                                          "year-before", "corresponding", "this", "that"):
        return None
    if which in ("corresponding", "comparable") and not match["back"]:
        return None  # "the corresponding period" of what: the sentence says, a rule cannot
    if context.day is None:
        return "DATE", "XXXX-QX"
    here = (context.day.year, cal.quarter_of(context.day))
    completed = (here[0], here[1] - 1) if here[1] > 1 else (here[0] - 1, 4)
    if which == "current":
        base = here
    elif which in ("last", "previous"):
        base = completed
    elif which in ("next", "coming"):
        base = (here[0], here[1] + 1) if here[1] < 4 else (here[0] + 1, 1)
    elif which in ("latest", "this"):
        base = context.reported_quarter or completed  # the quarter just reported on
    elif which == "that":
        base = context.last_quarter or context.reported_quarter or completed
    elif which in ("year-ago", "year-earlier", "prior-year", "year-before", "comparable", "corresponding"):
        base = context.reported_quarter or context.last_quarter or completed
    else:
        base = context.last_quarter or completed
    if which in ("year-ago", "year-earlier", "prior-year", "year-before", "comparable", "corresponding", "same"):
        if which == "same" and not re.match(r"\s+(?:a\s+)?year\s+(?:ago|earlier|before)", context.text[match.end():]):
            return "DATE", f"{base[0]}-Q{base[1]}"
        return "DATE", f"{base[0] - 1}-Q{base[1]}"
    context.last_quarter = base
    return "DATE", f"{base[0]}-Q{base[1]}"


@_rule(r"the\s+(?P<which>current\s+|latest\s+|full\s+|previous\s+|last\s+|next\s+)?(?P<fiscal>fiscal\s+)?year(?!-)"
       r"|(?P<end>year[\s-]end)")
def _fiscal_year(context: _Context, match: re.Match):
    which = (match["which"] or "").strip().lower()
    if not match["end"] and not match["fiscal"] and which not in ("full",):
        return None  # "the year", "the last year": the other rules read those
    if not match["end"] and not which:
        return "DURATION", "P1Y"  # "the fiscal year" ended some date the sentence gives
    if context.day is None:
        return "DATE", "XXXX"
    year = context.day.year + {"previous": -1, "last": -1, "next": 1}.get(which, 0)
    if match["end"]:
        return "DATE", f"{year}-12-31"
    return "DATE", str(year)


@_rule(r"(?:a|one)\s+year\s+(?:ago|earlier|before)|year-(?:earlier|ago)|(?:the\s+)?(?:year-ago|year-earlier)\s+(?:results|period)")
def _year_back(context: _Context, match: re.Match):
    if context.day is None:
        return "DATE", "XXXX"
    if context.last_quarter and re.search(r"quarter|period", context.text[max(0, context.start - 600):context.start], re.IGNORECASE):
        year, quarter = context.reported_quarter or context.last_quarter
        return "DATE", f"{year - 1}-Q{quarter}"
    return "DATE", str(context.day.year - 1)


@_rule(rf"(?:the\s+)?(?:first|last|latest|past|final)\s+(?P<n>{_NUMBER_WORD}|\d+)\s+months(?:\s+of\s+(?:the\s+year|{YEAR}))?"
       rf"|the\s+(?P<n2>{_NUMBER_WORD}|\d+)\s+months")
def _months_of_year(context: _Context, match: re.Match):
    amount = _number(match["n"] or match["n2"])
    if amount is None:
        return None
    return "DURATION", f"P{int(amount)}M"


@_rule(rf"(?:the\s+)?(?P<half>first|second)\s+half(?:\s+of\s+(?:(?P<year>{YEAR})|the\s+year|(?P<rel>this|last|next)\s+year))?")
def _half_year(context: _Context, match: re.Match):
    half = 1 if match["half"].lower() == "first" else 2
    if match["year"]:
        return "DATE", f"{match['year']}-H{half}"
    if not re.search(r"\bof\b", match.group(0)) and not re.match(r"\s*(?:results|earnings|profit|sales|,|\.)", context.text[match.end():]):
        return None  # "the first half of the match", "the second half" of anything
    if context.day is None:
        return "DATE", f"XXXX-H{half}"
    year = context.day.year + {"this": 0, "last": -1, "next": 1, "": 0}[(match["rel"] or "").lower()]
    return "DATE", f"{year}-H{half}"


@_rule(rf"{MODIFIER}(?P<word>yesterday|today|tomorrow|tonight|overnight)(?:\s+(?P<tod>morning|afternoon|evening|night))?")
def _deictic_day(context: _Context, match: re.Match):
    word = match["word"].lower()
    if word == "today" and re.match(r"'s\b", context.text[match.end():]) is None and _word_before(context) in (["of"],):
        pass
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "overnight": 0}[word]
    if context.day is None:
        return ("TIME", "XXXX-XX-XXTNI") if word == "tonight" else ("DATE", "PRESENT_REF" if word == "today" else "XXXX-XX-XX")
    day = context.day + dt.timedelta(days=offset)
    context.last_date = day
    if match["tod"]:
        return "TIME", f"{day.isoformat()}T{TIMES_OF_DAY[match['tod'].lower()]}"
    if word == "tonight":
        return "TIME", f"{day.isoformat()}TNI"
    return "DATE", day.isoformat()


@_rule(rf"{MODIFIER}(?:(?P<this>this|that|last|yesterday|tomorrow)\s+)?(?P<tod>morning|afternoon|evening|night)")
def _time_of_day(context: _Context, match: re.Match):
    relation = (match["this"] or "").lower()
    if not relation:
        return None  # "in the morning", "at night": no day to anchor
    if relation == "that":
        return None
    day = context.day
    offset = {"yesterday": -1, "last": -1 if match["tod"].lower() in ("night", "evening") else 0,
              "tomorrow": 1, "this": 0}[relation]
    if relation == "last" and match["tod"].lower() not in ("night", "evening"):
        return None
    if day is None:
        return "TIME", f"XXXX-XX-XXT{TIMES_OF_DAY[match['tod'].lower()]}"
    day = day + dt.timedelta(days=offset)
    return "TIME", f"{day.isoformat()}T{TIMES_OF_DAY[match['tod'].lower()]}"


@_rule(rf"{MODIFIER}(?:(?P<rel>last|next|this|coming|past|previous)\s+)?(?P<weekday>{WEEKDAY})"
       rf"(?:\s+(?P<tod>morning|afternoon|evening|night))?(?!\s*,?\s*{MONTH}\s+\d)")
def _weekday(context: _Context, match: re.Match):
    weekday = WEEKDAYS[match["weekday"].lower()]
    relation = (match["rel"] or "").lower()
    if context.day is None:
        return "DATE", f"XXXX-WXX-{weekday + 1}"
    if relation in ("last", "past", "previous"):
        day = cal.weekday_date(context.day, weekday, "last")
    elif relation in ("next",):
        day = cal.weekday_date(context.day, weekday, "next")
    elif relation in ("this", "coming"):
        day = cal.weekday_date(context.day, weekday, "future")
    else:
        day = cal.weekday_date(context.day, weekday, context.direction())
    context.last_date = day
    if match["tod"]:
        return "TIME", f"{day.isoformat()}T{TIMES_OF_DAY[match['tod'].lower()]}"
    return "DATE", day.isoformat()


@_rule(r"(?:(?P<hday>christmas\s+eve|christmas\s+day|christmas|new\s+year's\s+eve|new\s+year's\s+day|independence\s+day|"
       r"fourth\s+of\s+july|july\s+fourth|halloween|valentine's\s+day|thanksgiving\s+day|thanksgiving|labor\s+day|"
       rf"memorial\s+day|easter\s+sunday|easter|good\s+friday))(?:,?\s+(?P<year>{YEAR}))?")
def _holiday(context: _Context, match: re.Match):
    name = re.sub(r"\s+", " ", match["hday"].lower())
    if not match["hday"][0].isupper():
        return None
    if match["year"]:
        year = int(match["year"])
        return "DATE", cal.HOLIDAYS[name](year).isoformat()
    if context.day is None:
        return None
    return "DATE", cal.holiday_date(name, context.day, context.direction()).isoformat()


@_rule(r"(?:(?:earlier|later)\s+)?(?P<rel>that(?:\s+same)?|the\s+same)\s+(?P<unit>day|month|year|morning|afternoon|evening|night)"
       # "the day after his death", not the conjunction "the day before authorities issued ..."
       r"|the\s+(?P<unit2>day|month|year)\s+(?P<side>before|after)(?=\s+(?:the|his|her|their|its|an?)\b|\s*[,.;])"
       r"|the\s+(?P<rel3>next|following)\s+(?P<unit3>day|morning|month|year)")
def _anaphoric(context: _Context, match: re.Match):
    """"that day", "later that year", "the day after", "the following month": the date the text last named."""
    unit = (match["unit"] or match["unit2"] or match["unit3"]).lower()
    if match["rel3"] and match["rel3"].lower() == "next" and unit in ("month", "year"):
        return None  # "the next year" counts from publication (the relative rule)
    if context.mentioned is None:
        return "DATE", "XXXX"  # first pass: accept the span, resolve in the second
    granularity = "day" if unit in TIMES_OF_DAY or unit == "day" else unit
    antecedent = context.mentioned.get(granularity)
    if antecedent is None:
        if match["rel3"] and unit in ("month", "year"):
            return "DURATION", duration_value(1, unit)  # "over the following year" with nothing named before
        return None
    offset = 0
    if match["side"]:
        # "Oct. 12, the day before the crash" is Oct. 12 itself (an apposition).
        apposition = context.last_date_at is not None and re.fullmatch(r"\s*,\s*", context.text[context.last_date_at:match.start()])
        offset = 0 if apposition else (-1 if match["side"].lower() == "before" else 1)
    elif match["rel3"]:
        offset = 1
    if granularity == "year":
        return "DATE", str(antecedent[0] + offset)
    if granularity == "month":
        year, month = cal.shift_months(antecedent[0], antecedent[1], offset)
        return "DATE", f"{year}-{month:02d}"
    try:
        day = dt.date(*antecedent) + dt.timedelta(days=offset)
    except ValueError:
        return None
    context.last_date = day
    if unit in TIMES_OF_DAY:
        return "TIME", f"{day.isoformat()}T{TIMES_OF_DAY[unit]}"
    return "DATE", day.isoformat()


@_rule(r"(?P<mod>(?:early|earlier|late|later)\s+)?(?P<rel>last|next|this|that|the\s+past|the\s+coming|the\s+current|the\s+previous|the\s+following|the\s+same|the)\s+"
       r"(?P<unit>week|month|year|weekend|decade|century)")
def _relative_unit(context: _Context, match: re.Match):
    relation = re.sub(r"^the\s+", "", match["rel"].lower()) or "the"
    unit = match["unit"].lower()
    after = context.text[match.end():match.end() + 30]
    if relation in ("past", "coming", "previous", "following"):
        if unit == "weekend":
            relation = "last" if relation in ("past", "previous") else "next"
        else:
            return "DURATION", duration_value(1, unit)
    if relation == "the":
        if unit == "weekend":
            relation = "this"
        elif unit == "year" and re.match(r"\s+(?:ended|ending|to|through)\b", after):
            return "DURATION", "P1Y"
        elif unit in ("year", "month", "week") and not re.match(r"\s*(?:'s|,|\.|;)", after) and not re.search(r"\b(?:for|during|in|of|over|throughout)\s+$", context.text[max(0, match.start() - 12):match.start()]):
            return None
        else:
            relation = "this"
    if relation == "same":
        return None  # anaphoric: "the same year" needs the year talked about
    if relation == "that":
        return None
    if context.day is None:
        return "DATE", {"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX", "weekend": "XXXX-WXX-WE",
                        "decade": "XXXX", "century": "XXXX"}[unit]
    offset = {"last": -1, "next": 1, "this": 0, "current": 0}[relation]
    day = context.day
    if unit == "weekend":
        if offset == 0 and context.direction() == "past" and day.weekday() < 5:
            offset = -1
        target = day + dt.timedelta(weeks=offset)
        return "DATE", f"{cal.iso_week(target)}-WE"
    if unit == "decade":
        return "DATE", str(day.year + 10 * offset)[:3]
    if unit == "century":
        return "DATE", f"{str(day.year + 100 * offset)[:2]}XX"
    return "DATE", _shift(day, offset, unit)


@_rule(rf"(?:the\s+)?(?:(?P<rel>past|last|next|previous|coming|first|final|following)\s+)?{APPROX}(?P<n>{NUMBER})[\s-]+(?P<unit>{UNIT})"
       r"(?P<suffix>(?:\s+or\s+so)?[\s-]+(?:ago|from\s+now|hence|long|old))?")
def _duration(context: _Context, match: re.Match):
    amount = _number(match["n"])
    unit = _unit_name(match["unit"])
    suffix = re.sub(r"^or\s+so\s+", "", (match["suffix"] or "").strip(" -").lower())
    if unit == "quarter" and amount is not None and amount < 1:
        return None
    if match["n"].lower() in ("a", "an") and not match["rel"] and re.search(r"(?:\d|million|billion|thousand|percent|%|times|once|twice|cents?|dollars?)\W*$",
                                                                        context.text[max(0, match.start() - 15):match.start()], re.IGNORECASE):
        return "SET", duration_value(1, unit)  # "$5 million a year", "twice a week"
    if suffix == "old":
        return None  # ages are not temporal expressions of the story
    if re.fullmatch(r"(?:19|20)\d\d", match["n"]) and unit == "quarter":  # "the 1988 quarter"
        quarter = context.last_quarter[1] if context.last_quarter else None
        return "DATE", f"{match['n']}-Q{quarter or 'X'}"
    if suffix in ("ago", "from now", "hence"):
        # Counted from publication. "Three days later/before" count from an event: a duration.
        if amount is None or context.day is None:
            return "DATE", "PAST_REF" if suffix == "ago" else "FUTURE_REF"
        sign = -1 if suffix == "ago" else 1
        if amount != int(amount):
            return None
        return "DATE", _shift(context.day, sign * int(amount), unit)
    return "DURATION", duration_value(amount, unit)


@_rule(r"(?P<word>recent|the\s+past|the\s+coming|the\s+next|the\s+last)\s+(?P<unit>days|weeks|months|years|decades)"
       r"|(?:for|in|within|over)\s+(?P<bare>days|weeks|months|years|decades)")
def _vague_plural(context: _Context, match: re.Match):
    if match["bare"]:
        bare = match["bare"]
        start = match.start("bare")
        context_start = start
        del context_start
        return "DURATION", duration_value(None, bare)
    word = re.sub(r"\s+", " ", match["word"].lower())
    if word == "recent":
        if match["unit"].lower() == "years":
            return "DATE", "PAST_REF"
        return "DURATION", duration_value(None, match["unit"])
    if word in ("the coming", "the next"):
        return "DATE", "FUTURE_REF"
    return "DURATION", duration_value(None, match["unit"])


@_rule(r"(?:every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<n>\d+|two|three|four|five|six|ten|twelve)\s+)?(?P<unit>second|minute|hour|day|week|month|year|decade|quarter|morning|evening|night|afternoon)s?"
       r"|(?:(?P<times>once|twice|\w+\s+times)\s+an?\s+(?P<unit2>minute|hour|day|week|month|year|decade))")
def _set_unit(context: _Context, match: re.Match):
    unit = (match["unit"] or match["unit2"]).lower()
    if unit in TIMES_OF_DAY:
        return "SET", f"XXXX-XX-XXT{TIMES_OF_DAY[unit]}"
    amount = 2 if match["other"] else (_number(match["n"]) if match["n"] else 1)
    return "SET", duration_value(amount, unit)


@_rule(rf"(?:every|each|on)\s+(?P<weekday>{WEEKDAY})(?P<plural>s)?|(?P<weekday2>{WEEKDAY})s")
def _set_weekday(context: _Context, match: re.Match):
    name = match["weekday"] or match["weekday2"]
    if match.group(0).lower().startswith("on") and not match["plural"]:
        return None
    weekday = WEEKDAYS[name.lower()]
    return "SET", f"XXXX-WXX-{weekday + 1}"


# "quarterly", "annually", "previously", "soon" and the adjective "future" are left out: in news they
# mostly qualify a payment or a noun ("quarterly dividend", "future losses") and TimeML corpora seldom tag them.
@_rule(r"hourly|daily|nightly|weekly|biweekly|monthly|yearly")
def _set_adverb(context: _Context, match: re.Match):
    return "SET", SET_ADVERBS[match.group(0).lower()]


@_rule(r"(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b)(?:\s+(?P<tz>[A-Z]{2,4}T|GMT|UTC))?"
       r"|(?P<h24>[01]?\d|2[0-3])[:.h](?P<m24>[0-5]\d)(?:\s*(?P<tz2>GMT|UTC|[A-Z]{2,4}T)|(?=\s+(?:local\s+time|hours?|h\b)))"
       r"|(?P<h24b>[01]\d|2[0-3]):(?P<m24b>[0-5]\d)"
       r"|(?P<word>noon|midnight|midday)")
def _clock_time(context: _Context, match: re.Match):
    if match["word"]:
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[match["word"].lower()]
    elif match["h"]:
        hour, minute = int(match["h"]), int(match["m"] or 0)
        if hour > 12:
            return None
        if match["ampm"].lower().startswith("p") and hour < 12:
            hour += 12
        elif match["ampm"].lower().startswith("a") and hour == 12:
            hour = 0
    else:
        hour = int(match["h24"] or match["h24b"])
        minute = int(match["m24"] or match["m24b"])
        if re.search(r"\d[:.]?$|\bscore\b", context.text[max(0, match.start() - 8):match.start()]):
            return None
    day = context.last_date if context.last_date is not None and context.last_date_near(match.start()) else context.day
    clock = f"T{hour:02d}:{minute:02d}"
    return "TIME", (day.isoformat() if day else "XXXX-XX-XX") + clock


@_rule(r"(?P<word>now|currently|current|nowadays|presently|at\s+present|these\s+days|at\s+the\s+moment|"
       r"recently|recent|formerly|lately|the\s+past|once\s+upon\s+a\s+time|"
       r"the\s+(?:near\s+|distant\s+)?future|someday|"
       r"the\s+(?:near|long|short)\s+term|(?:the\s+)?coming\s+(?:days|weeks|months|years|quarters))")
def _reference(context: _Context, match: re.Match):
    word = re.sub(r"\s+", " ", match["word"].lower())
    if "coming" in word:
        return "DATE", "FUTURE_REF"
    if word == "now" and re.match(r",", context.text[match.end():]) and re.search(r"(?:^|[.!?]['\"`]*\s+|[\"`]+)$", context.text[:match.start()]):
        return None  # "Now, he says, ...": a discourse marker opening the sentence, not a time
    if word in PRESENT_REF_WORDS:
        if word == "current" and re.match(r"\s+(?:account|events|affairs|flows?|levels?\s+of\s+voltage)\b", context.text[match.end():], re.IGNORECASE):
            return None
        return "DATE", "PRESENT_REF"
    if word in ("the past", "recently", "recent", "formerly", "previously", "lately", "once upon a time"):
        return "DATE", "PAST_REF"
    return "DATE", "FUTURE_REF"


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
    trial = _Context(text, anchor, tense_hint)
    accepted = []
    for candidate in sorted(_candidates(text), key=lambda c: c.start):
        trial.start, trial.end = candidate.start, candidate.end
        if candidate.rule(trial, candidate.match) is not None:
            accepted.append(candidate)
    context = _Context(text, anchor, tense_hint, mentioned={})
    found: list[Timex] = []
    for candidate in _select(accepted):
        context.start, context.end = candidate.start, candidate.end
        outcome = candidate.rule(context, candidate.match)
        if outcome is None:
            continue
        if candidate.rule is not _clock_time:
            context.last_date_at = candidate.end
        timex_type, value = outcome
        _note_mention(context.mentioned, value)
        found.append(Timex(start=candidate.start, end=candidate.end, text=text[candidate.start:candidate.end],
                           type=timex_type, value=value))
    found = _date_following_clock_times(text, found)
    return tuple(replace(timex, value=contract_value(timex.value)) for timex in found)


def contract_value(value: str) -> str:
    """A TIMEX3 value in the record contract's spelling: a decade TimeML writes as its leading digits
    ("199") is "199X", a century ("19") is "19XX"; every other value is unchanged."""
    if value.isdigit() and len(value) in (2, 3):
        return value + "X" * (4 - len(value))
    return value


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


_CLOCK = re.compile(r"^(?:\d{4}-\d\d-\d\d|XXXX-XX-XX)(T\d\d:\d\d)$")
_FULL_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")


def _date_following_clock_times(text: str, found: list[Timex]) -> list[Timex]:
    """"5 p.m. EST Nov. 9", "noon Thursday": a clock time takes the date written right after it."""
    dated = list(found)
    for index, (time_record, next_record) in enumerate(zip(found, found[1:])):
        clock = _CLOCK.match(time_record.value)
        if (time_record.type == "TIME" and clock and _FULL_DATE.match(next_record.value)
                and re.fullmatch(r"[\s,]*(?:on\s+)?", text[time_record.end:next_record.start])):
            dated[index] = replace(time_record, value=next_record.value + clock[1])
    return dated
