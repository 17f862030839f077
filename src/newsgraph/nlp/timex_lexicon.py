"""Word tables and regular-expression pieces of the temporal-expression grammar (newsgraph.nlp.timex).

Plain data: the rules in timex_named and timex_relative read them.
"""

from __future__ import annotations

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
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
                "nineties": 9}
# Words after which a capitalised "May" / "March" / weekday alone is a date, not a verb, modal or name.
DATE_INTRODUCERS = {"in", "on", "since", "until", "till", "by", "during", "last", "next", "this", "early", "late",
                    "mid", "before", "after", "from", "through", "of", "to", "between", "and", "or", "around",
                    "that", "each", "every", "earlier", "later", "end", "beginning", "start", "middle", "past"}


def _names(words: dict) -> str:
    """Capitalised and upper-case spellings of names (case-sensitive inside a case-insensitive pattern)."""
    spellings = set()
    for word in sorted(words, key=len, reverse=True):
        spellings.update({word.capitalize(), word.upper()})
    return "(?-i:" + "|".join(sorted(spellings, key=len, reverse=True)) + ")"


MONTH_FULL = _names({k: v for k, v in MONTHS.items() if len(k) > 4 or k in ("june", "july", "may")})
MONTH_ABBR = _names({k: v for k, v in MONTHS.items() if len(k) <= 4 and k not in ("june", "july", "may")})
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR}\.?)"
WEEKDAY = _names(WEEKDAYS)
WEEKDAY_ANY = rf"(?:{WEEKDAY}|{_names(WEEKDAY_ABBREVIATIONS)}\.?)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
NUMBER_WORD = ("(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|"
                "seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                "fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\\s+dozen|dozen|half\\s+an?|hundred|an?)")
VAGUE_NUMBER = "(?:several|a\\s+few|few|a\\s+couple\\s+of|couple\\s+of|many|some|dozens\\s+of|hundreds\\s+of|a\\s+number\\s+of)"
NUMBER = rf"(?:\d+(?:\.\d+)?(?:\s+\d/\d)?|\d{{1,3}}(?:,\d{{3}})+|{NUMBER_WORD}(?:\s+and\s+a\s+half)?|{VAGUE_NUMBER})"
UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|century|centuries|quarters?)"
MODIFIER = (r"(?:(?:early|earlier|late|later|mid|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+middle"
            r"\s+of|the\s+rest\s+of|end\s+of|start\s+of)[\s-]+)?")
RELATIVE = r"(?:last|next|this|that|coming|past|previous|current|following|same)"
APPROX = r"(?:(?:about|around|nearly|almost|roughly|some|over|more\s+than|less\s+than|fewer\s+than|up\s+to|at\s+least|at\s+most|only|just)\s+)?"
