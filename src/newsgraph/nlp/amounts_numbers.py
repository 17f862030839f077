"""Numbers as written: digits with their grouping and decimal marks, number words, scales.

`read_number` reads one number where `NUMBER_START_RE` says one could start:
a currency prefix (`$`, `EUR`), digits or English number words, a scale
(`billion`, `bn`, `Mrd.`, `crore`) and an approximation suffix (`5,000+`,
`40-odd`). Which mark is the decimal one is settled per text by
`uses_decimal_comma`. The unit after the number is the scanner's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from newsgraph.lexicon import NUMBER_TEENS, NUMBER_TENS, NUMBER_UNITS, NUMBER_WORD_VALUES, alternation
from newsgraph.nlp.amounts_lexicon import (
    CODE_ALIASES, DECIMAL_COMMA_LANGUAGES, ISO_CODES, LONG_SCALE, LONG_SCALE_LANGUAGES, MONEY_ONLY_SCALES,
    PREFIX_SIGNS, SCALES,
)

# Spaces that may sit inside an amount: plain, no-break and narrow no-break.
SPACE = "[ \u00a0\u202f]"

# In counting order, not longest first: teens are tried before units, tens before both.
_UNITS_WORD = "|".join(NUMBER_UNITS)
_TEENS_WORD = "|".join(NUMBER_TEENS)
_TENS_WORD = "|".join(NUMBER_TENS)
_SMALL_WORD = f"(?:(?:{_TENS_WORD})(?:[\\s-](?:{_UNITS_WORD}))?|{_TEENS_WORD}|{_UNITS_WORD})"
_BIG_WORD = "(?:hundred|thousand|million|billion|trillion|dozen)"
# What "a", "half a", "a quarter of a" may stand before: a scale word or a ratio ("half a percentage point").
_FRACTION_OF = r"(?:hundred|thousand|million|billion|trillion|dozen|percent|per\s+cent|percentage[\s-]+points?|basis[\s-]+points?)"
_WORD_NUMBER_RE = re.compile(
    rf"""(?ix)
    (?: (?:a|one|three)[\s-]+quarters?[\s-]+of[\s-]+an? (?=[\s-]+{_FRACTION_OF}\b)
      | (?:{_SMALL_WORD}|an?)[\s-]+hundred (?:[\s-]+(?:and[\s-]+)?{_SMALL_WORD})?
      | {_SMALL_WORD} (?:\s+and\s+a\s+half(?=[\s-]+{_FRACTION_OF}\b))?
      | (?:an?|half(?:[\s-]+an?)?) (?=[\s-]+{_FRACTION_OF}\b)
    )\b"""
)
# An explicit sign: a mark glued to the digits ("-0.2%", "+2%", the minus sign "−1.5%") or a word
# ("minus 15 degrees", "negative 0.5 percent", "plus 8 degrees"). A verb ("fell") is not a sign.
# "plus or minus 4 points" is a margin (±), not a sign: the scanner reads it as approximate.
_SIGN_RE = re.compile(r"(?P<mark>[-−+])(?=\d)|(?<![Pp]lus or )(?<!PLUS OR )(?P<word>(?i:minus|negative|plus))\s+(?=\d)")

_PREFIX_RE = re.compile(
    "(?P<sign>" + alternation(PREFIX_SIGNS, flexible_space=True) + r")" + f"{SPACE}?(?=\\d)"
    "|(?<![A-Za-z])(?P<code>" + "|".join(sorted(ISO_CODES | set(CODE_ALIASES))) + ")"
    f"{SPACE}?(?=\\d)"
)
# Digits with optional grouping; the parser decides what each mark means.
_DIGITS_RE = re.compile(r"\d+(?:[.,'’\u00a0\u202f]\d+)*")
_DOT_THOUSANDS_RE = re.compile(r"[1-9]\d{0,2}\.\d{3}")
# European texts also group with plain spaces ("3 800 000 euros").
_DIGITS_SPACED_RE = re.compile(r"\d{1,3}(?: \d{3})+(?!\d)(?:,\d+)?")

_SCALE_RE = re.compile(
    r"(?P<sep>" + SPACE + r"?-?" + SPACE + r"?)(?P<scale>" + alternation(SCALES, flexible_space=True)
    + r")(?![\w])",
    re.IGNORECASE,
)
_APPROX_SUFFIX_RE = re.compile(r"\+(?!\d)|-plus\b|-odd\b|\s+odd\b(?=\s)", re.IGNORECASE)
# After the number: a time, a date, a score or a longer code continues it.
_CONTINUES_RE = re.compile(r"[:/]\d|[.,]\d|-\d{3,}|\d|(?:st|nd|rd|th)\b", re.IGNORECASE)
# The start of anything that could be an amount.
NUMBER_START_RE = re.compile(
    r"(?<![\w.,:/\-'’#+№])(?:"
    + _PREFIX_RE.pattern.replace("(?P<sign>", "(?:").replace("(?P<code>", "(?:")
    + r"|\d|[-−+](?=\d)|(?i:\b(?:minus|negative|plus)\s+(?=\d))"
    + rf"|(?i:\b(?:{_UNITS_WORD}|{_TEENS_WORD}|{_TENS_WORD})\b"
    + rf"|\b(?:an?|half)(?=[\s-]+(?:an?[\s-]+)?{_FRACTION_OF}\b)"
    + rf"|\ba(?=[\s-]+quarter[\s-]+of[\s-]+an?[\s-]+{_FRACTION_OF}\b))"
    + ")"
)

# Evidence for the way a text writes numbers.
_EUROPEAN_EVIDENCE_RE = re.compile(
    r"\b\d{1,3}(?:\.\d{3})+,\d+\b|\b\d{1,3}(?:\.\d{3}){2,}(?![\d,])"
    r"|\b\d+,\d{1,2}\s?(?:Mrd|Mio|Md|Mds|mld|mln|Tsd|Bio|Milliard|Million|€|EUR|Euro|млн|млрд)"
)
_ENGLISH_EVIDENCE_RE = re.compile(
    r"\b\d{1,3}(?:,\d{3})+\.\d+\b|\b\d{1,3}(?:,\d{3}){2,}(?![\d.])"
    r"|\b\d+\.\d{1,2}\s?(?:billion|million|trillion|bn|mn|m\b|tn)"
)


def uses_decimal_comma(text: str, language: str = "en") -> bool:
    """Whether `text` writes decimals with a comma (`3,8 Mrd`) rather than a point.

    Languages that write a decimal comma say yes; for English, languages that
    write a point, and unknown ones the text's own numbers decide, and a tie
    (or no evidence) keeps the decimal point.
    """
    code = (language or "").lower().replace("_", "-").split("-")[0]
    if code in DECIMAL_COMMA_LANGUAGES:
        return True
    european = len(_EUROPEAN_EVIDENCE_RE.findall(text))
    if not european:
        return False
    return european > len(_ENGLISH_EVIDENCE_RE.findall(text))


def parse_digits(raw: str, decimal_comma: bool) -> Decimal | None:
    """The value of a digit string with grouping/decimal marks, or None if malformed."""
    digits = raw.replace("\u00a0", "").replace("\u202f", "").replace("'", "").replace("’", "")
    if " " in digits:  # only the European spaced form reaches here
        digits = digits.replace(" ", "")
        decimal_comma = True
    has_comma, has_dot = "," in digits, "." in digits
    if has_comma and has_dot:
        decimal_mark = "," if digits.rfind(",") > digits.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        integer, _, fraction = digits.rpartition(decimal_mark)
        if group_mark in fraction or decimal_mark in integer:
            return None
        groups = integer.split(group_mark)
    elif has_comma or has_dot:
        mark = "," if has_comma else "."
        parts = digits.split(mark)
        if len(parts) > 2:
            groups, fraction = parts, ""
        else:
            integer, fraction = parts
            grouping_reading = len(fraction) == 3 and 1 <= len(integer) <= 3 and integer != "0"
            reads_as_group = (mark == ".") == decimal_comma
            if grouping_reading and reads_as_group:
                groups, fraction = parts, ""
            else:
                groups = [integer]
    else:
        groups, fraction = [digits], ""
    if len(groups) > 1:
        # Western groups of three, or Indian lakh grouping (1,00,00,000).
        tail_ok = all(len(g) == 3 for g in groups[1:]) or (
            len(groups[-1]) == 3 and all(len(g) == 2 for g in groups[1:-1])
        )
        if not tail_ok or not 1 <= len(groups[0]) <= 3:
            return None
    try:
        return Decimal("".join(groups) + ("." + fraction if fraction else ""))
    except InvalidOperation:
        return None


def parse_words(words: str) -> Decimal:
    """The value of number words as `_WORD_NUMBER_RE` matches them ("twenty-five", "two and a half")."""
    tokens = re.split(r"[\s-]+", words.lower())
    if "quarter" in tokens or "quarters" in tokens:  # "a quarter of a", "three quarters of a"
        return Decimal("0.75") if tokens[0] == "three" else Decimal("0.25")
    total = Decimal(0)
    for index, token in enumerate(tokens):
        if token in ("a", "an"):
            # "a hundred", "a million", or the "a" of "two and a half"
            if index == 0:
                total += 1
        elif token == "half":
            total += Decimal("0.5")
        elif token == "hundred":
            total = (total or Decimal(1)) * 100
        elif token in NUMBER_WORD_VALUES:
            total += NUMBER_WORD_VALUES[token]
    return total


@dataclass(slots=True)
class Number:
    """A number with its currency prefix and scale, before any unit."""

    start: int
    end: int
    number_end: int       # end of the digits/words, before the scale
    value: Decimal        # number x scale
    number: Decimal       # the bare number
    scale: Decimal | None
    scale_word: str | None
    currency: str | None  # from a prefix sign or code
    approximate: bool     # "5,000+", "40-odd"
    plain_digits: bool    # digits only, no separators: could be a year
    regrouped: Decimal | None = None  # "5.000" read with the dot grouping thousands
    sign: str | None = None  # the explicit sign as written ("-", "minus", "+"), applied to number and value


def read_number(text: str, pos: int, language: str, decimal_comma: bool,
                money_context: bool = False) -> Number | None:
    """The number at `pos` with its currency prefix, scale and approximation suffix, if one starts there.

    `language` is the normalised code ("de", "zh"); `money_context` lets single-letter scales
    ("5b") count after a range's money lower end.
    """
    currency = None
    cursor = pos
    sign = _SIGN_RE.match(text, pos)
    if sign:
        cursor = sign.end()
    prefix = _PREFIX_RE.match(text, cursor)
    if prefix:
        if prefix.group("sign"):
            currency = PREFIX_SIGNS[prefix.group("sign")]
            if currency == "JPY" and language == "zh":
                currency = "CNY"
        else:
            code = prefix.group("code")
            currency = CODE_ALIASES.get(code, code)
        cursor = prefix.end()
    plain_digits = False
    spaced = _DIGITS_SPACED_RE.match(text, cursor) if decimal_comma else None
    digits = spaced or _DIGITS_RE.match(text, cursor)
    if digits:
        number = parse_digits(digits.group(), decimal_comma)
        if number is None:
            return None
        plain_digits = digits.group().isdigit()
        cursor = digits.end()
        if _CONTINUES_RE.match(text, cursor):
            return None
    elif currency is None:
        words = _WORD_NUMBER_RE.match(text, cursor)
        if not words:
            return None
        number = parse_words(words.group())
        cursor = words.end()
    else:
        return None
    number_end = cursor
    value, scale, scale_word = number, None, None
    money = money_context or currency is not None
    approximate = False
    for _ in range(2):  # "1.5 lakh crore"
        found = _SCALE_RE.match(text, cursor)
        if not found:
            break
        word = found.group("scale")
        factor = _scale_factor(word, language)
        if factor is None:
            break
        lowered = word.lower()
        if lowered in MONEY_ONLY_SCALES:
            if found.group("sep") or not (money or lowered == "m" or lowered == "k"):
                break  # "5 m" is metres; "5b" needs a currency
        elif lowered == "dozen" and (digits or scale is not None):
            break
        scale = factor if scale is None else scale * factor
        scale_word = word if scale_word is None else scale_word + " " + word
        value *= factor
        cursor = found.end()
    regrouped = None
    if scale is None and digits and not decimal_comma \
            and _DOT_THOUSANDS_RE.fullmatch(digits.group()):
        regrouped = parse_digits(digits.group(), True)
    approx_suffix = _APPROX_SUFFIX_RE.match(text, cursor)
    if approx_suffix:
        approximate = True
        cursor = approx_suffix.end()
    written_sign = None
    if sign:
        written_sign = (sign.group("mark") or sign.group("word")).lower()
        if written_sign in ("-", "−", "minus", "negative"):
            number, value = -number, -value
    return Number(pos, cursor, number_end, value, number, scale, scale_word, currency,
                  approximate, plain_digits, regrouped, written_sign)


def _scale_factor(word: str, language: str) -> Decimal | None:
    """The factor of a scale word in `language`, or None where the language does not use it."""
    lowered = " ".join(word.lower().split())
    if lowered == "mil" and language not in ("es", "pt", "ca", "gl"):
        return None
    if lowered in LONG_SCALE and language in LONG_SCALE_LANGUAGES:
        return LONG_SCALE[lowered]
    return SCALES.get(lowered)
