"""Word tables and regular-expression pieces of the temporal-expression grammar (newsgraph.nlp.timex).

Plain data: the rules in timex_named and timex_relative read them. Month, weekday and
number words come from newsgraph.lexicon, the tables every stage shares.
"""

from __future__ import annotations

from newsgraph.lexicon import (
    MONTH_ABBREVIATIONS_EN,
    MONTHS_EN,
    NUMBER_TEENS,
    NUMBER_TENS,
    NUMBER_UNITS,
    NUMBER_WORD_VALUES,
    WEEKDAYS_EN,
    alternation,
)

# English month names and abbreviations ("sept" too), lower case -> month number.
MONTHS = {**{name: number for number, name in enumerate(MONTHS_EN, start=1)},
          **{abbreviation: number for number, abbreviation in enumerate(MONTH_ABBREVIATIONS_EN, start=1)},
          "sept": 9}
MONTH_ABBREVIATIONS = [abbreviation for abbreviation in MONTH_ABBREVIATIONS_EN if abbreviation not in MONTHS_EN] + ["sept"]
# Weekday numbers as datetime counts them: 0 = Monday.
WEEKDAYS = {name: number for number, name in enumerate(WEEKDAYS_EN)}
WEEKDAY_ABBREVIATIONS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
                         "sat": 5, "sun": 6}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
TIMES_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
NUMBER_WORDS = {**NUMBER_WORD_VALUES, "a": 1, "an": 1, "hundred": 100, "dozen": 12, "a dozen": 12, "half a": 0.5,
                "half an": 0.5, "a half": 0.5}
# "the twenties" .. "the nineties" -> the decade's digit (2 .. 9).
DECADE_WORDS = {tens[:-1] + "ies": digit for digit, tens in enumerate(NUMBER_TENS, start=2)}
UNIT_CODES = {"second": ("T", "S"), "minute": ("T", "M"), "hour": ("T", "H"), "day": ("", "D"),
              "week": ("", "W"), "fortnight": ("", "W"), "month": ("", "M"), "year": ("", "Y"),
              "decade": ("", "DE"), "century": ("", "CE"), "quarter": ("", "Q"), "weekend": ("", "WE")}
SET_ADVERBS = {"hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
               "monthly": "P1M", "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y"}
PRESENT_REF_WORDS = {"now", "currently", "current", "nowadays", "presently", "at present", "these days",
                     "right now", "at the moment", "at this time", "today's"}
# Words after which a capitalised "May" / "March" / weekday alone is a date, not a verb, modal or name.
DATE_INTRODUCERS = {"in", "on", "since", "until", "till", "by", "during", "last", "next", "this", "early", "late",
                    "mid", "before", "after", "from", "through", "of", "to", "between", "and", "or", "around",
                    "that", "each", "every", "earlier", "later", "end", "beginning", "start", "middle", "past"}

# Month names and weekdays count only capitalised ("May", "MAY"): not the modal "may" or the verb "march".
MONTH_FULL = alternation(MONTHS_EN, capitalised=True)
MONTH_ABBR = alternation(MONTH_ABBREVIATIONS, capitalised=True)
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR}\.?)"
WEEKDAY = alternation(WEEKDAYS_EN, capitalised=True)
WEEKDAY_ANY = rf"(?:{WEEKDAY}|{alternation(WEEKDAY_ABBREVIATIONS, capitalised=True)}\.?)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
NUMBER_WORD = (rf"(?:(?:{alternation(NUMBER_TENS)})(?:[- ](?:{alternation(NUMBER_UNITS)}))?"
               rf"|{alternation(NUMBER_UNITS + NUMBER_TEENS)}|a\s+dozen|dozen|half\s+an?|hundred|an?)")
VAGUE_NUMBER = "(?:several|a\\s+few|few|a\\s+couple\\s+of|couple\\s+of|many|some|dozens\\s+of|hundreds\\s+of|a\\s+number\\s+of)"
NUMBER = rf"(?:\d+(?:\.\d+)?(?:\s+\d/\d)?|\d{{1,3}}(?:,\d{{3}})+|{NUMBER_WORD}(?:\s+and\s+a\s+half)?|{VAGUE_NUMBER})"
UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|century|centuries|quarters?)"
MODIFIER = (r"(?:(?:early|earlier|late|later|mid|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+middle"
            r"\s+of|the\s+rest\s+of|end\s+of|start\s+of)[\s-]+)?")
APPROX = r"(?:(?:about|around|nearly|almost|roughly|some|over|more\s+than|less\s+than|fewer\s+than|up\s+to|at\s+least|at\s+most|only|just)\s+)?"
