"""Rules for time told relative to publication or to the text: yesterday, Friday, last week, three years
ago, that day, every Monday, 5 p.m., now.

Each rule is a pattern and a function that reads its match in a `Context` and returns
(TIMEX3 type, value), or None to reject the span; `RULES` keeps them in priority order.
"""

from __future__ import annotations

import datetime as dt
import re

from newsgraph.nlp import timex_calendar as cal
from newsgraph.nlp.timex_context import Context, RuleTable, word_before
from newsgraph.nlp.timex_lexicon import (
    APPROX,
    MODIFIER,
    MONTH,
    MONTH_FULL,
    MONTHS,
    NUMBER,
    PRESENT_REF_WORDS,
    SET_ADVERBS,
    TIMES_OF_DAY,
    UNIT,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
)
from newsgraph.nlp.timex_values import duration_value, number_value, shift_value, unit_name

RULES = RuleTable()
_rule = RULES.rule


@_rule(rf"{MODIFIER}(?P<word>yesterday|today|tomorrow|tonight|overnight)(?:\s+(?P<tod>morning|afternoon|evening|night))?")
def _deictic_day(context: Context, match: re.Match):
    word = match["word"].lower()
    if word == "today" and re.match(r"'s\b", context.text[match.end():]) is None and word_before(context) in (["of"],):
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


@_rule(r"the\s+(?P<part>morning|afternoon|evening)|mid[\s-]?(?P<mid>morning|afternoon)")
def _part_of_the_day(context: Context, match: re.Match):
    """"in the morning", "by mid-afternoon": a part of the day the text is telling, the last it named (else
    the day of publication). "Later in the day" is left alone: TimeML corpora seldom tag it."""
    if match["part"] and word_before(context) not in (["in"], ["during"], ["by"], ["through"]):
        return None  # "the day the wall fell", "the morning after": no part of a day named
    if match["part"] and re.match(r"\s+(?:of|after|before|when|that)\b", context.text[match.end():]):
        return None
    named = (context.mentioned or {}).get("day")
    day = dt.date(*named) if named else context.day
    if day is None:
        return None
    part = (match["part"] or match["mid"]).lower()
    return "TIME", f"{day.isoformat()}T{TIMES_OF_DAY[part]}"


@_rule(rf"{MODIFIER}(?:(?P<this>this|that|last|yesterday|tomorrow)\s+)?(?P<tod>morning|afternoon|evening|night)")
def _time_of_day(context: Context, match: re.Match):
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


@_rule(rf"{MODIFIER}(?:(?P<rel>last|next|this|coming|past|previous|following)\s+)?(?P<weekday>{WEEKDAY})"
       rf"(?:\s+(?P<tod>morning|afternoon|evening|night))?(?!\s*,?\s*{MONTH}\s+\d)")
def _weekday(context: Context, match: re.Match):
    weekday = WEEKDAYS[match["weekday"].lower()]
    relation = (match["rel"] or "").lower()
    shared = re.match(rf"\s+(?:and|or)\s+{WEEKDAY}\s+(?P<parts>mornings|afternoons|evenings|nights)\b", context.text[match.end():])
    if shared and not relation and not match["tod"]:  # "Monday" in "Monday and Tuesday nights": a set too
        return "SET", f"XXXX-WXX-{weekday + 1}T{TIMES_OF_DAY[shared['parts'].lower()[:-1]]}"
    if context.day is None:
        return "DATE", f"XXXX-WXX-{weekday + 1}"
    if relation in ("previous", "following"):
        # "the previous Friday", "the following Monday": counted from the day the text is talking
        # about (the last one it named), not from publication.
        named = (context.mentioned or {}).get("day")
        reference = dt.date(*named) if named else context.day
        day = cal.weekday_date(reference, weekday, "last" if relation == "previous" else "next")
    elif relation in ("last", "past"):
        day = cal.weekday_date(context.day, weekday, "last")
    elif relation in ("next",):
        day = cal.weekday_date(context.day, weekday, "next")
    elif relation in ("this", "coming"):
        day = cal.weekday_date(context.day, weekday, "future")
    elif (re.match(r"['’]s\b", context.text[match.end():]) and not match["tod"]
          and not re.search(r"\b(?:ahead\s+of|until|till|for)\s+$", context.text[max(0, match.start() - 12):match.start()])):
        # "Wednesday's ruling", "before Friday's purchases": the possessive names an event the story reports,
        # on or before publication whatever the verb around it ("ahead of Sunday's vote" is still ahead).
        day = cal.weekday_date(context.day, weekday, "past")
    else:
        day = cal.weekday_date(context.day, weekday, context.direction())
    context.last_date = day
    if match["tod"]:
        return "TIME", f"{day.isoformat()}T{TIMES_OF_DAY[match['tod'].lower()]}"
    return "DATE", day.isoformat()


@_rule(r"(?:(?P<hday>christmas\s+eve|christmas\s+day|christmas|new\s+year's\s+eve|new\s+year's\s+day|independence\s+day|"
       r"fourth\s+of\s+july|july\s+fourth|halloween|valentine's\s+day|thanksgiving\s+day|thanksgiving|labor\s+day|"
       rf"memorial\s+day|easter\s+sunday|easter|good\s+friday))(?:,?\s+(?P<year>{YEAR}))?")
def _holiday(context: Context, match: re.Match):
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
def _anaphoric(context: Context, match: re.Match):
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
def _relative_unit(context: Context, match: re.Match):
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
    return "DATE", shift_value(day, offset, unit)


@_rule(rf"(?:the\s+)?(?:(?P<rel>past|last|next|previous|coming|first|final|following)\s+)?{APPROX}(?P<n>{NUMBER})[\s-]+(?:(?:more|additional|extra|further|trading|business|working)\s+)?(?P<unit>{UNIT})"
       r"(?P<half>\s+and\s+a\s+half)?(?P<suffix>(?:\s+or\s+so)?[\s-]+(?:ago|from\s+now|hence|long|old))?")
def _duration(context: Context, match: re.Match):
    amount = number_value(match["n"])
    if match["half"] and amount is not None:
        amount += 0.5  # "a minute and a half"
    unit = unit_name(match["unit"])
    suffix = re.sub(r"^or\s+so\s+", "", (match["suffix"] or "").strip(" -").lower())
    if unit == "quarter" and amount is not None and amount < 1:
        return None
    fraction_form = match["unit"].lower() == "quarter" or "-" in context.text[match.end("n"):match.start("unit")]
    if unit == "quarter" and fraction_form and not suffix and re.match(r"\s+of\s+(?!(?:the\s+)?(?:fiscal\s+)?(?:year|\d{4})\b|(?:this|last|next)\s+year)",
                                                   context.text[match.end():]):
        return None  # "three-quarters of its food", "a quarter of the market": a share, not a time
    if match["n"].lower() in ("a", "an") and not match["rel"] and re.search(r"(?:\d|million|billion|thousand|percent|%|times|once|twice|cents?|dollars?)\W*$",
                                                                        context.text[max(0, match.start() - 15):match.start()], re.IGNORECASE):
        return "SET", duration_value(1, unit)  # "$5 million a year", "twice a week"
    if suffix == "old":
        return None  # ages are not temporal expressions of the story
    if unit == "second" and match["n"].lower() in ("a", "an", "one") and not suffix and re.match(
            r"\s+(?!(?:ago|later|earlier|before|after|or|and|to|of|in|longer|more|less)\b)[a-z]", context.text[match.end():]):
        return None  # "a second group", "a second term": the ordinal, not a time
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
        return "DATE", shift_value(context.day, sign * int(amount), unit)
    return "DURATION", duration_value(amount, unit)


@_rule(r"(?P<word>recent|the\s+past|the\s+coming|the\s+next|the\s+last)\s+(?P<unit>days|weeks|months|years|decades)"
       r"|(?:for|in|within|over)\s+(?P<bare>days|weeks|months|years|decades)")
def _vague_plural(context: Context, match: re.Match):
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


@_rule(r"a\s+(?:little\s+)?while")
def _a_while(context: Context, match: re.Match):
    """"for a while": a duration of unstated length and unit."""
    return ("DURATION", "PXX") if word_before(context) in (["for"], ["after"], ["in"]) else None


@_rule(r"the\s+(?:(?:early|first|later|final)\s+)?(?P<unit>hours|days|weeks|months|years|decades)"
       r"(?!\s+(?:before|after|ahead|leading|to\s+come|prior|since)\b|\s+of\s+(?:(?-i:[A-Z])|\d|the\s+\w+day\b))")
def _the_plural_unit(context: Context, match: re.Match):
    """"over the years", "in the early years", "in the first hours of the war": a stretch of unstated
    length (after over/in/during/through; "the years before the war" is left alone)."""
    if word_before(context) not in (["over"], ["in"], ["during"], ["through"], ["throughout"]):
        return None
    return "DURATION", duration_value(None, match["unit"])


@_rule(r"(?:every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<n>\d+|two|three|four|five|six|ten|twelve)\s+)?(?P<unit>second|minute|hour|day|week|month|year|decade|quarter|morning|evening|night|afternoon)s?"
       r"|(?:(?P<times>once|twice|\w+\s+times)\s+an?\s+(?P<unit2>minute|hour|day|week|month|year|decade))")
def _set_unit(context: Context, match: re.Match):
    unit = (match["unit"] or match["unit2"]).lower()
    if unit in TIMES_OF_DAY:
        return "SET", f"XXXX-XX-XXT{TIMES_OF_DAY[unit]}"
    amount = 2 if match["other"] else (number_value(match["n"]) if match["n"] else 1)
    return "SET", duration_value(amount, unit)


@_rule(rf"(?:every|each|on)\s+(?P<weekday>{WEEKDAY})(?P<plural>s)?|(?P<weekday2>{WEEKDAY})s"
       r"|(?P<weekday3>" + WEEKDAY + r")\s+(?P<parts>mornings|afternoons|evenings|nights)")
def _set_weekday(context: Context, match: re.Match):
    name = match["weekday"] or match["weekday2"] or match["weekday3"]
    if match.group(0).lower().startswith("on") and not match["plural"]:
        return None
    weekday = WEEKDAYS[name.lower()]
    if match["parts"]:  # "Tuesday nights": that part of every Tuesday
        return "SET", f"XXXX-WXX-{weekday + 1}T{TIMES_OF_DAY[match['parts'].lower()[:-1]]}"
    return "SET", f"XXXX-WXX-{weekday + 1}"


@_rule(rf"(?:every|each)\s+(?P<month>{MONTH_FULL})")
def _set_month(context: Context, match: re.Match):
    return "SET", f"XXXX-{MONTHS[match['month'].lower()]:02d}"  # "each July"


# "quarterly", "annually", "previously", "soon" and the adjective "future" are left out: in news they
# mostly qualify a payment or a noun ("quarterly dividend", "future losses") and TimeML corpora seldom tag them.
@_rule(r"(?P<unit>hour|day|week|month|year|decade)(?P<plural>s)?-long")
def _unit_long(context: Context, match: re.Match):
    """"a day-long meeting", "a decades-long battle": the adjective is a duration."""
    return "DURATION", duration_value(None if match["plural"] else 1, match["unit"])


@_rule(r"(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th))"
       r"\s+(?:straight\s+|consecutive\s+|full\s+)?day(?=\s+(?:of|since|in)\b)")
def _ordinal_day_of(context: Context, match: re.Match):
    """"Today is the eighth day of Desert Shield", "It's the second day of an offensive": that day is the
    day of publication, said in the present tense (in the past tense the day is not named)."""
    if not re.search(r"(?:\bis|'s|’s)\s+$", context.text[max(0, context.start - 6):context.start]) or context.day is None:
        return None
    return "DATE", context.day.isoformat()


@_rule(r"hourly|daily|nightly|weekly|biweekly|monthly|yearly")
def _set_adverb(context: Context, match: re.Match):
    return "SET", SET_ADVERBS[match.group(0).lower()]


@_rule(r"(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b)(?:\s+(?P<tz>[A-Z]{2,4}T|GMT|UTC))?"
       r"|(?P<h24>[01]?\d|2[0-3])[:.h](?P<m24>[0-5]\d)(?:\s*(?P<tz2>GMT|UTC|[A-Z]{2,4}T)|(?=\s+(?:local\s+time|hours?|h\b)))"
       r"|(?P<h24b>[01]\d|2[0-3]):(?P<m24b>[0-5]\d)"
       r"|(?P<word>noon|midnight|midday)"
       r"|(?P<h12>1[012]|[1-9])(?::(?P<m12>[0-5]\d))?\s+(?:o'clock\s+)?in\s+the\s+(?P<part>morning|afternoon|evening|night)")
def clock_time(context: Context, match: re.Match):
    if match["word"]:
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[match["word"].lower()]
    elif match["h12"]:  # "4 in the morning", "10 o'clock at night"
        hour, minute = int(match["h12"]), int(match["m12"] or 0)
        if match["part"].lower() != "morning" and hour < 12 and not (match["part"].lower() == "night" and hour < 5):
            hour += 12
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
    named = (context.mentioned or {}).get("day")
    if context.last_date is not None and context.last_date_near(match.start()):
        day = context.last_date
    elif named:
        day = dt.date(*named)  # "was shot at 10 p.m.": on the day the story last named
    else:
        day = context.day
    clock = f"T{hour:02d}:{minute:02d}"
    return "TIME", (day.isoformat() if day else "XXXX-XX-XX") + clock


@_rule(r"(?P<word>now|currently|current|nowadays|presently|at\s+present|these\s+days|at\s+the\s+moment|"
       r"recently|recent|formerly|lately|the\s+past|once\s+upon\s+a\s+time|"
       r"the\s+(?:near\s+|distant\s+)?future|someday|"
       r"the\s+(?:near|long|short)\s+term|(?:the\s+)?coming\s+(?:days|weeks|months|years|quarters))")
def _reference(context: Context, match: re.Match):
    word = re.sub(r"\s+", " ", match["word"].lower())
    if "coming" in word:
        return "DATE", "FUTURE_REF"
    if word == "now" and re.match(r",", context.text[match.end():]) and re.search(r"(?:^|[.!?]['\"`]*\s+|[\"`]+)$", context.text[:match.start()]):
        return None  # "Now, he says, ...": a discourse marker opening the sentence, not a time
    if "future" in word and re.match(r"\s+of\b", context.text[match.end():]):
        return None  # "the future of our peoples": their fate, not a time
    if word in PRESENT_REF_WORDS:
        if word == "current" and re.match(r"\s+(?:account|events|affairs|flows?|levels?\s+of\s+voltage)\b", context.text[match.end():], re.IGNORECASE):
            return None
        return "DATE", "PRESENT_REF"
    if word in ("the past", "recently", "recent", "formerly", "previously", "lately", "once upon a time"):
        return "DATE", "PAST_REF"
    return "DATE", "FUTURE_REF"

