"""Around a number: the unit after it and the words before it, for one text.

`Scanner` holds one text with its language and decimal mark and reads, at a
given place, a number (`amounts_numbers.read_number`), the unit after a number
(a currency sign, code or word, a measure, or a counted noun after at most two
modifiers), and the words right before it that make it a reference, a year,
approximate, or one end of a range or a change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from newsgraph.lexicon import alternation
from newsgraph.nlp.amounts_lexicon import (
    ADJACENT_ONLY_COUNT_FORMS, APPROXIMATE_BEFORE, BETWEEN_BEFORE, CODE_ALIASES, COUNT_MODIFIERS, COUNT_NOUNS,
    CURRENCY_WORDS, FROM_BEFORE, ISO_CODES, MEASURE_ABBREVIATIONS, MEASURE_FACTORS, MEASURE_WORDS, RANGE_VERBS,
    REFERENCE_BEFORE, SINGULAR_COUNT_FORMS, SUFFIX_SIGNS, YEAR_BEFORE,
)
from newsgraph.nlp.amounts_numbers import SPACE, Number, read_number
from newsgraph.records import AmountKind

_SUFFIX_SIGN_RE = re.compile(
    f"{SPACE}?(?:-{SPACE}?)?(?P<sign>" + alternation(SUFFIX_SIGNS, flexible_space=True) + r")(?![A-Za-z\d])"
    f"|{SPACE}?(?P<code>" + "|".join(sorted(ISO_CODES | set(CODE_ALIASES))) + r")\b"
)
_CURRENCY_WORD_RE = re.compile(
    r"(?:\s+|-|(?<=['’]))(?P<word>" + alternation(CURRENCY_WORDS, flexible_space=True) + r")(?![\w])",
    re.IGNORECASE,
)
_SCALE_LINK_RE = re.compile(r"\s+(?:de|d['’](?=\w))", re.IGNORECASE)
_MEASURE_WORD_LOOKUP = {form: unit for unit, forms in MEASURE_WORDS.items()
                        for form in forms.split("|")}
_MEASURE_WORD_RE = re.compile(
    r"(?:\s+|-)(?P<unit>" + alternation(_MEASURE_WORD_LOOKUP, flexible_space=True) + r")(?![\w])",
    re.IGNORECASE,
)
_MEASURE_ABBREVIATION_LOOKUP = {form: unit for unit, forms in MEASURE_ABBREVIATIONS.items()
                                for form in forms.split("|")}
_MEASURE_ABBREVIATION_RE = re.compile(
    f"(?:{SPACE}|-)?(?P<unit>" + alternation(_MEASURE_ABBREVIATION_LOOKUP, flexible_space=True)
    + r")(?![\w²³/])"
)
_COUNT_LOOKUP = {form.lower(): unit for unit, forms in COUNT_NOUNS.items()
                 for form in forms.split("|")}
_COUNT_RE = re.compile(
    rf"(?:\s+(?:{COUNT_MODIFIERS})){{0,2}}\s+(?P<unit>"
    + alternation((form for forms in COUNT_NOUNS.values() for form in forms.split("|")), flexible_space=True)
    + r")(?![\w-])",
    re.IGNORECASE,
)
# Percentages and points after a number ("5%", "62 per cent", "4 percentage points", "25bp"); the
# abbreviations that are also words or names count only in lower case, "pc" and "pp" only glued ("5pc").
_RATIO_RE = re.compile(
    SPACE + r"?(?:-" + SPACE + r"?)?(?:"
    r"(?P<point>percentage[\s-]+points?|per[\s-]?cent(?:age)?[\s-]+points?|pct\.?[\s-]+points?"
    r"|(?-i:ppts?|(?<=\d)pp))"
    r"|(?P<basis>basis[\s-]+points?|(?-i:bps|bp))"
    r"|(?P<mille>‰|per[\s-]+mille)"
    r"|(?P<percent>%|percent|per[\s-]?cent|pct|(?-i:(?<=\d)pc)|prozent|pour\s+cent|por\s+ciento"
    r"|per\s+cento|процент\w*|відсот\w*)"
    r")(?![^\W\d_])",
    re.IGNORECASE,
)
_RATIO_UNITS = {"point": "percentage point", "basis": "basis point", "mille": "per mille", "percent": "percent"}
# A temperature written the British way, glued to the number: "38C", "-5C", "95F".
_GLUED_TEMPERATURE_RE = re.compile(r"(?P<unit>[CF])(?![\w'’])")
# Units that keep a written sign: a change or a level can be below zero ("-0.2%", "minus 15 degrees").
SIGNED_UNITS = frozenset({"°C", "°F", "degrees"})
# Tokens of the words before a number: words (with a trailing dot), signs, sentence ends.
_TOKEN_BEFORE_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?\.?|[~≈±]|[.!?](?=\s)|\n")


@dataclass(slots=True)
class Unit:
    """What follows a number: where it ends, the unit, money or quantity, and a factor (cents)."""

    end: int
    unit: str
    kind: AmountKind
    factor: Decimal = Decimal(1)


class Scanner:
    """One text being read, with its caches of the words before each number."""

    def __init__(self, text: str, language: str, decimal_comma: bool) -> None:
        self.text = text
        self.language = (language or "").lower().split("-")[0]
        self.decimal_comma = decimal_comma
        self._before_cache: dict[int, list[tuple[str, int]]] = {}
        self._sterling_text: bool | None = None

    def number(self, pos: int, money_context: bool = False) -> Number | None:
        """The number at `pos`, read with this text's language and decimal mark."""
        return read_number(self.text, pos, self.language, self.decimal_comma, money_context)

    def unit(self, number: Number) -> Unit | None:
        """The unit after a number: a currency, a measure or a counted noun."""
        found = self._unit(number)
        if found is not None and number.regrouped is not None and found.unit in COUNT_NOUNS:
            # "5.000 soldiers" in an English text: nobody counts five soldiers as 5.000, so
            # the dot groups thousands ("$3.499 a gallon" and "1.250 million" keep the point).
            number.number = number.value = number.regrouped
        return found

    def _unit(self, number: Number) -> Unit | None:
        text, cursor = self.text, number.end
        ratio = _RATIO_RE.match(text, cursor)
        if ratio:
            return Unit(ratio.end(), _RATIO_UNITS[ratio.lastgroup], "percent")
        sign = _SUFFIX_SIGN_RE.match(text, cursor)
        if sign and number.currency is None:
            if sign.group("sign"):
                return Unit(sign.end(), SUFFIX_SIGNS[sign.group("sign")], "money")
            code = sign.group("code")
            return Unit(sign.end(), CODE_ALIASES.get(code, code), "money")
        word = _CURRENCY_WORD_RE.match(text, cursor)
        if word is None and number.scale is not None:
            # "3 milliards d'euros", "5 millones de dólares"
            linked = _SCALE_LINK_RE.match(text, cursor)
            if linked:
                word = _CURRENCY_WORD_RE.match(text, linked.end())
        if word and number.currency is None:
            name = re.sub(r"\s+", " ", word.group("word").lower())
            if name in ("pound", "pounds") and self._pounds_are_weight(word):
                return Unit(word.end(), "lb", "quantity")
            # "3 won" with no scale is more often a stray verb than Korean money.
            if not (name == "won" and number.scale is None):
                code, factor = CURRENCY_WORDS[name]
                return Unit(word.end(), code, "money", factor)
        if number.currency is not None:
            return Unit(cursor, number.currency, "money")
        # Quantities.
        if number.scale_word and number.scale_word.lower() in ("m", "k"):
            counted = _COUNT_RE.match(text, cursor)
            if counted:
                return self._counted(counted, number)
            if number.scale_word.lower() == "k":
                return None
            # "5m" with no currency and nothing counted: five metres.
            abbreviation = _MEASURE_ABBREVIATION_RE.match(text, number.number_end)
            if abbreviation:
                number.value, number.scale, number.scale_word = number.number, None, None
                number.end = number.number_end
                return self._measure(abbreviation, _MEASURE_ABBREVIATION_LOOKUP)
            return None
        abbreviation = _MEASURE_ABBREVIATION_RE.match(text, cursor)
        if abbreviation:
            return self._measure(abbreviation, _MEASURE_ABBREVIATION_LOOKUP)
        glued = _GLUED_TEMPERATURE_RE.match(text, cursor)
        if glued and number.scale is None and number.currency is None and abs(number.value) <= 150:
            return Unit(glued.end(), "°" + glued.group("unit"), "quantity")
        measure = _MEASURE_WORD_RE.match(text, cursor)
        if measure:
            return self._measure(measure, _MEASURE_WORD_LOOKUP)
        counted = _COUNT_RE.match(text, cursor)
        if counted:
            return self._counted(counted, number)
        return None

    def _pounds_are_weight(self, word: re.Match[str]) -> bool:
        """Bare "pounds" is weight when hyphened ("a 160-pound wrestler"), followed by "of"
        ("500 pounds of explosives"), or in a text that prices in dollars and never in
        sterling; otherwise it is money (GBP)."""
        if self.text[word.start()] == "-" or re.match(r"\s+of\b", self.text[word.end():]):
            return True
        if self._sterling_text is None:
            self._sterling_text = "£" in self.text or "GBP" in self.text \
                or "sterling" in self.text.lower() or "$" not in self.text
        return not self._sterling_text

    def _measure(self, found: re.Match[str], lookup: dict[str, str]) -> Unit:
        form = found.group("unit")
        unit = lookup.get(form) or lookup[re.sub(r"\s+", " ", form.lower())]
        end = found.end()
        if unit in MEASURE_FACTORS:
            unit, factor = MEASURE_FACTORS[unit]
            return Unit(end, unit, "quantity", factor)
        return Unit(end, unit, "quantity")

    def _counted(self, found: re.Match[str], number: Number) -> Unit | None:
        form = re.sub(r"\s+", " ", found.group("unit").lower())
        if form in SINGULAR_COUNT_FORMS and number.value != 1:
            return None  # "33 civilian fire injuries": a singular after a count is an adjective
        if form in ADJACENT_ONLY_COUNT_FORMS and self.text[found.start():found.start("unit")].strip():
            return None  # "29 New Yorkers wounded": the count is of New Yorkers
        return Unit(found.end(), _COUNT_LOOKUP[form], "quantity")

    def words_before(self, start: int) -> list[tuple[str, int]]:
        """Up to three lower-cased words right before `start`, nearest first, with offsets.

        Only whitespace may separate them: "about, 5" has no word right before 5.
        """
        cached = self._before_cache.get(start)
        if cached is not None:
            return cached
        window_start = max(0, start - 40)
        tokens = list(_TOKEN_BEFORE_RE.finditer(self.text, window_start, start))
        words: list[tuple[str, int]] = []
        gap_end = start
        for token in reversed(tokens):
            if self.text[token.end():gap_end].strip() or len(words) == 3:
                break
            words.append((token.group().lower(), token.start()))
            gap_end = token.start()
        self._before_cache[start] = words
        return words

    def _phrase_before(self, start: int, phrases: frozenset[str]) -> int | None:
        """Where a phrase of `phrases` ends right before `start` begins, or None."""
        words = self.words_before(start)
        for count in (3, 2, 1):
            if len(words) >= count:
                phrase = " ".join(word for word, _ in reversed(words[:count]))
                if phrase in phrases:
                    return words[count - 1][1]
        return None

    def is_reference_or_year(self, number: Number) -> bool:
        """A reference number (Article 5) or a year (in 2024) rather than an amount."""
        if number.currency is not None:
            return False
        words = self.words_before(number.start)
        previous = words[0][0] if words else ""
        if previous in REFERENCE_BEFORE:
            return True
        if number.plain_digits and number.scale is None and 1000 <= number.number <= 2100 \
                and not _RATIO_RE.match(self.text, number.end):
            # After a temporal word, or opening a sentence or line ("2024 saw ...").
            line_start = self.text.rfind("\n", 0, number.start) + 1
            return (previous in YEAR_BEFORE or previous.endswith((".", "!", "?", "\n"))
                    or not self.text[line_start:number.start].strip())
        return False

    def approximate_before(self, start: int) -> bool:
        return self._phrase_before(start, APPROXIMATE_BEFORE) is not None

    def between_before(self, start: int) -> int | None:
        return self._phrase_before(start, BETWEEN_BEFORE)

    def change_from_before(self, start: int) -> bool:
        """A "from" before the number that opens a change ("rose from 2 to 3"), not a range
        ("ranging from 2 to 3")."""
        words = self.words_before(start)
        if not words:
            return False
        if words[0][0] == "by":  # "rose by 2,000 to 12,000 troops"
            return True
        if words[0][0] not in FROM_BEFORE:
            return False
        return len(words) < 2 or words[1][0] not in RANGE_VERBS

