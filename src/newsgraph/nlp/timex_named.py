"""Rules for the dates a text names: calendar dates, months, years, decades, centuries, seasons, quarters, halves.

Each rule is a pattern and a function that reads its match in a `Context` and returns
(TIMEX3 type, value), or None to reject the span; `RULES` keeps them in priority order.
"""

from __future__ import annotations

import datetime as dt
import re

from newsgraph.lexicon import NUMBER_TEENS, NUMBER_TENS, NUMBER_UNITS, alternation
from newsgraph.nlp import timex_calendar as cal
from newsgraph.nlp.timex_context import FORWARD_CUE, Context, RuleTable, word_before
from newsgraph.nlp.timex_lexicon import (
    DATE_INTRODUCERS,
    DAY,
    DECADE_WORDS,
    MODIFIER,
    MONTH,
    MONTH_FULL,
    MONTHS,
    NUMBER_WORD,
    ORDINALS,
    SEASONS,
    WEEKDAY_ANY,
    YEAR,
)
from newsgraph.nlp.timex_values import number_value

RULES = RuleTable()
_rule = RULES.rule

_MONEY_OR_COUNT_AFTER = re.compile(r"\s*(?:%|percent|per\s*cent|million|billion|thousand|trillion|bn|mn|m\b|[a-z]{2,}s\b)",
                                   re.IGNORECASE)


def _month_direction(context: Context) -> str:
    """A month or date without a year: forward in future tense, else the occurrence nearest publication
    (news writes the year when it is not the obvious one). A past-tense verb moves an occurrence more than
    two months ahead back a year ("stepped down in March" in a November article is this year's March) but
    keeps a near one ("extended the offer to Nov. 20" in an early-November article)."""
    direction = context.direction()
    if direction == "future":
        return "future"
    if context.tense() == "past" and not FORWARD_CUE.search(context.text[max(0, context.start - 40):context.start]):
        return "past-nearest"
    return "nearest"


@_rule(rf"(?:{WEEKDAY_ANY},?\s+)?(?P<month>{MONTH})\s+(?P<day>{DAY})(?:(?:,\s*|\s+)(?P<year>{YEAR}))?(?!\s*[\d,]*\d)"
       rf"|(?:{WEEKDAY_ANY},?\s+)?(?:the\s+)?(?P<day2>{DAY})(?:\s+of)?\s+(?P<month2>{MONTH}),?(?:\s+(?P<year2>{YEAR}))?")
def _month_day(context: Context, match: re.Match):
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


@_rule(rf"the\s+week\s+of\s+(?P<month>{MONTH})\s+(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR}))?(?!\s*[\d,]*\d)")
def _week_of_day(context: Context, match: re.Match):
    """"the week of March 6": the ISO week that holds the day."""
    month = MONTHS[match["month"].rstrip(".").lower()]
    day = int(re.match(r"\d+", match["day"])[0])
    if match["year"]:
        year = int(match["year"])
    elif context.day is None:
        return "DATE", "XXXX-WXX"
    else:
        year = cal.month_year(context.day, month, _month_direction(context), day)
    value = _calendar_day(context, year, month, day)
    return ("DATE", cal.iso_week(value)) if value else None


@_rule(r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:[T ](?P<H>\d\d):(?P<M>\d\d))?")
def _iso_date(context: Context, match: re.Match):
    value = _calendar_day(context, int(match["y"]), int(match["m"]), int(match["d"]))
    if value is None:
        return None
    if match["H"]:
        return "TIME", f"{value.isoformat()}T{match['H']}:{match['M']}"
    return "DATE", value.isoformat()


@_rule(r"(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})")
def _numeric_date(context: Context, match: re.Match):
    first, second = int(match["a"]), int(match["b"])
    year = int(match["y"])
    if year < 100:
        year += 2000 if year < 50 else 1900
    # Dotted dates are day-first (European); slashed ones month-first unless that cannot be.
    day, month = (first, second) if match["sep"] == "." or first > 12 else (second, first)
    value = _calendar_day(context, year, month, day)
    return ("DATE", value.isoformat()) if value else None


def _calendar_day(context: Context, year: int, month: int, day: int) -> dt.date | None:
    """The stated day, remembered for "that day" and later times; None for an impossible date (Feb 30)."""
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    context.last_date = value
    return value


@_rule(rf"{MODIFIER}(?P<month>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR})")
def _month_year(context: Context, match: re.Match):
    month = MONTHS[match["month"].rstrip(".").lower()]
    return "DATE", f"{match['year']}-{month:02d}"


@_rule(rf"(?P<month>{MONTH})\s+(?P<day>{DAY})\s+of\s+(?P<rel>this|last|next)\s+year")
def _month_day_of_relative_year(context: Context, match: re.Match):
    month = MONTHS[match["month"].rstrip(".").lower()]
    day = int(re.match(r"\d+", match["day"])[0])
    if context.day is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    year = context.day.year + {"this": 0, "last": -1, "next": 1}[match["rel"].lower()]
    try:
        return "DATE", dt.date(year, month, day).isoformat()
    except ValueError:
        return None


@_rule(rf"{MODIFIER}(?:(?P<rel>last|next|this|that|coming|past)\s+)?(?P<month>{MONTH_FULL})"
       r"(?:,?\s+(?:of\s+)?(?P<year_rel>last|this|next)\s+year)?")
def _month_alone(context: Context, match: re.Match):
    name = match["month"].lower()
    month = MONTHS[name]
    if match["year_rel"] and context.day is not None:  # "June last year", "February of this year"
        return "DATE", f"{context.day.year + {'last': -1, 'this': 0, 'next': 1}[match['year_rel'].lower()]}-{month:02d}"
    before = word_before(context)
    introduced = match["rel"] or match.group(0) != match["month"] or (before and before[0] in DATE_INTRODUCERS)
    if before == ["the"] and re.match(r"\s+(?!of\b|on\b|to\b|in\b|for\b)[a-z]{3,}", context.text[match.end():]):
        introduced = True  # "the March accession", "the May elections": the month qualifying a noun
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


@_rule(rf"(?:post|pre)-(?P<year>{YEAR})")
def _year_prefixed(context: Context, match: re.Match):
    return "DATE", match["year"]  # "post-1959 politics": the year is the anchor TimeML tags


@_rule(rf"(?P<a>{YEAR})\s*(?:-|–|to|through|and)\s*(?P<b>{YEAR}|\d\d)")
def _year_range(context: Context, match: re.Match):
    return None  # two expressions: let the single-year rule take each end


@_rule(rf"{MODIFIER}(?:(?:fiscal|calendar|FY)\s*(?:year\s+)?)?(?P<year>{YEAR})(?P<quarter>\s+(?:first|second|third|fourth)[\s-]+quarter)?")
def _year(context: Context, match: re.Match):
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


_SPOKEN_YEAR = (rf"(?P<century>nineteen|eighteen)[\s-]+(?P<rest>(?:{alternation(NUMBER_TENS)})(?:[\s-](?:{alternation(NUMBER_UNITS)}))?|"
                rf"{alternation(NUMBER_TEENS)}|(?:oh|o)[\s-](?:{alternation(NUMBER_UNITS)}))"
                rf"|two\s+thousand(?:\s+and\s+(?P<after>{alternation(NUMBER_TEENS + NUMBER_UNITS)}))?")


def _spoken_year(match: re.Match) -> int:
    """1996 from "nineteen ninety-six", 2000 from "two thousand" (broadcast transcripts spell years out)."""
    if match["century"] is None:
        after = match["after"]
        return 2000 + ((NUMBER_TEENS.index(after) + 10) if after in NUMBER_TEENS else (NUMBER_UNITS.index(after) + 1) if after else 0)
    century = 1900 if match["century"].lower() == "nineteen" else 1800
    words = re.split(r"[\s-]+", match["rest"].lower())
    if words[0] in ("oh", "o"):
        return century + NUMBER_UNITS.index(words[1]) + 1
    if words[0] in NUMBER_TEENS:
        return century + NUMBER_TEENS.index(words[0]) + 10
    return century + 10 * (NUMBER_TENS.index(words[0]) + 2) + (NUMBER_UNITS.index(words[1]) + 1 if len(words) > 1 else 0)


@_rule(rf"(?:(?P<month>{MONTH_FULL})\s+(?:of\s+)?|(?:the\s+)?(?P<season>spring|summer|fall|autumn|winter)\s+of\s+|the\s+year\s+)?"
       rf"(?:{_SPOKEN_YEAR})")
def _spoken_year_date(context: Context, match: re.Match):
    if match["century"] is None and not match.group(0).lower().startswith("the year") \
            and re.match(r"\s+[a-z]+s\b", context.text[match.end():]):
        return None  # "two thousand troops", "two thousand years"
    year = _spoken_year(match)
    if match["month"]:
        return "DATE", f"{year}-{MONTHS[match['month'].lower()]:02d}"
    if match["season"]:
        return "DATE", f"{year}-{SEASONS[match['season'].lower()]}"
    return "DATE", str(year)


@_rule(rf"the\s+(?P<mod>(?:early|late|mid)[\s-]+)?(?P<decade>{alternation(DECADE_WORDS)})")
def _decade_word(context: Context, match: re.Match):
    return "DATE", f"19{DECADE_WORDS[match['decade'].lower()]}"


@_rule(r"(?:the\s+)?(?P<n>1[0-9]|20|21|[2-9])(?:st|nd|rd|th)[\s-]+century")
def _ordinal_century(context: Context, match: re.Match):
    return "DATE", f"{int(match['n']) - 1:02d}"  # TIMEX3 writes the 20th century as its two leading digits, 19


@_rule(r"(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?P<decade>(?:1[0-9]|20)?\d0)'?s|(?:the\s+)?'(?P<short>\d0)s")
def _decade(context: Context, match: re.Match):
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
def _season(context: Context, match: re.Match):
    season = SEASONS[match["season"].lower()]
    if match["year"]:
        return "DATE", f"{match['year']}-{season}"
    before = word_before(context, 2)
    in_the = len(before) == 2 and before[1] == "the" and before[0] in ("in", "during", "by", "until", "since") \
        and not re.match(r"\s+of\b", context.text[match.end():])
    if match["season"].lower() == "fall" and not (match["rel"] or match.group(0) != match["season"] or in_the
                                                  or (before and before[-1] in DATE_INTRODUCERS and before[-1] != "to")):
        return None  # the verb ("to fall apart") and the noun ("the fall of the wall")
    if context.day is None:
        return "DATE", f"XXXX-{season}"
    relation = (match["rel"] or "").lower()
    direction = {"last": "last", "past": "last", "next": "next", "coming": "next"}.get(relation)
    if relation in ("this", "that"):
        direction = "this"
    if direction is None:  # like a month: ahead in the future tense, else the nearest, back in the past tense
        direction = {"past-nearest": "past"}.get(_month_direction(context), _month_direction(context))
    return "DATE", cal.season_value(context.day, season, direction)


@_rule(r"(?:the\s+)?(?:(?:fiscal|calendar)[\s-]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?quarter"
       rf"(?:\s+of\s+(?:(?P<year>{YEAR})|(?P<rel>this|last|next)\s+year|(?:fiscal\s+)?(?P<fy>{YEAR})))?"
       rf"|(?P<rel2>this|last|next)\s+year's\s+(?P<ord2>first|second|third|fourth)[\s-]+quarter")
def _ordinal_quarter(context: Context, match: re.Match):
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


@_rule(rf"the\s+(?P<year>{YEAR})\s+period")
def _year_period(context: Context, match: re.Match):
    """"the 1988 period" in an earnings story: that year's quarter, the one the story reports on."""
    quarter = context.reported_quarter or context.last_quarter
    if context.mentioned is None or quarter is None:
        return "DATE", match["year"]  # first pass (acceptance only), or no quarter named: the year
    return "DATE", f"{match['year']}-Q{quarter[1]}"


_YEAR_BACK = r"(?:a\s+year\s+(?:ago|earlier|before)|last\s+year|the\s+year\s+before)"


@_rule(r"(?:the\s+)?(?P<which>latest|current|same|previous|last|next|coming|fiscal|year-ago|year-earlier|prior-year|comparable|"
       rf"corresponding|year-before|this|that)\s+(?P<unit>quarter|period)(?P<back>\s+{_YEAR_BACK})?|the\s+quarter(?P<back2>\s+{_YEAR_BACK})?"
       r"|last\s+year's\s+(?P<unit2>quarter|period)")
def _named_quarter(context: Context, match: re.Match):
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
def _fiscal_year(context: Context, match: re.Match):
    which = (match["which"] or "").strip().lower()
    if not match["end"] and not match["fiscal"] and which not in ("full",):
        return None  # "the year", "the last year": the other rules read those
    if not match["end"] and not which:
        return "DURATION", "P1Y"  # "the fiscal year" ended some date the sentence gives
    if context.day is None:
        return "DATE", "XXXX"
    year = context.day.year + {"previous": -1, "last": -1, "next": 1}.get(which, 0)
    if match["end"]:
        before = context.text[max(0, match.start() - 12):match.start()]
        if re.search(r"\bsince\s+$", before, re.IGNORECASE) or (
                context.tense() == "past" and not FORWARD_CUE.search(before)):
            year -= 1  # "since year-end", "had 5,000 employees at year end": the one before publication
        return "DATE", f"{year}-12-31"
    return "DATE", str(year)


@_rule(r"(?:a|one)\s+year\s+(?:ago|earlier|before)|year-(?:earlier|ago)|(?:the\s+)?(?:year-ago|year-earlier)\s+(?:results|period)")
def _year_back(context: Context, match: re.Match):
    if context.day is None:
        return "DATE", "XXXX"
    if context.last_quarter and re.search(r"quarter|period", context.text[max(0, context.start - 600):context.start], re.IGNORECASE):
        year, quarter = context.reported_quarter or context.last_quarter
        return "DATE", f"{year - 1}-Q{quarter}"
    return "DATE", str(context.day.year - 1)


@_rule(rf"(?:the\s+)?(?:first|last|latest|past|final)\s+(?P<n>{NUMBER_WORD}|\d+)\s+months(?:\s+of\s+(?:the\s+year|{YEAR}))?"
       rf"|the\s+(?P<n2>{NUMBER_WORD}|\d+)\s+months")
def _months_of_year(context: Context, match: re.Match):
    amount = number_value(match["n"] or match["n2"])
    if amount is None:
        return None
    return "DURATION", f"P{int(amount)}M"


@_rule(rf"(?:the\s+)?(?P<half>first|second|last)\s+half(?:\s+of\s+(?:(?P<year>{YEAR})|the\s+year|(?P<rel>this|last|next)\s+year))?")
def _half_year(context: Context, match: re.Match):
    half = 1 if match["half"].lower() == "first" else 2
    if match["half"].lower() == "last" and not re.search(r"\bof\b", match.group(0)):
        return None  # "the last half hour", "in the last half": the year is not said
    if match["year"]:
        return "DATE", f"{match['year']}-H{half}"
    if not re.search(r"\bof\b", match.group(0)) and not re.match(r"\s*(?:results|earnings|profit|sales|,|\.)", context.text[match.end():]):
        return None  # "the first half of the match", "the second half" of anything
    if context.day is None:
        return "DATE", f"XXXX-H{half}"
    year = context.day.year + {"this": 0, "last": -1, "next": 1, "": 0}[(match["rel"] or "").lower()]
    return "DATE", f"{year}-H{half}"
