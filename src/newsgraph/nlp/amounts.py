"""Money and quantities in article text: `find_amounts`.

Pure Python and regular expressions, no model: one scan over the text finds
where a number (digits, a currency sign or code glued to digits, or English
number words) could start, and small anchored patterns read what follows it.

What an amount is made of, in order:

    [marker] [sign] [currency prefix] NUMBER [scale] [+ | -plus | -odd] [unit]

- currency prefix: a sign (`$ € £ ₴ ₽ ¥ ₹ ...`, `US$ A$ C$ HK$ ...`), an ISO
  4217 code (`EUR 3.8`, glued `EUR3.8`) or `Rs`.
- NUMBER: digits with thousands separators and a decimal mark, or number
  words (`two`, `twenty-five`, `a` before a scale word, `two and a half`).
- scale: `thousand million billion trillion`, `k m mn bn tn`, `crore lakh`,
  and the European forms (`Mio.`, `Mrd.`, `Md`, `млн`, ...). German/French
  `Billion(en)`/`billion(s)` are 10^12 in those languages (long scale).
- unit: a percentage or point (`5%`, `62 per cent`, `4 percentage points`,
  `25 bps`: kind "percent", unit `percent`, `percentage point`, `basis point`),
  a currency sign, code or word after the number (`450 million hryvnias`,
  `3,8 Mrd. €`), else a measure (`km`, `tonnes`, `MW`, `°C`, `degrees`, the
  British `38C`) or a counted noun (`troops`, `people`, `shells`), after at
  most two modifiers (`10,000 Ukrainian soldiers`, `1 million 155mm artillery shells`).
- sign: only as written, glued (`-0.2%`, `+0.4%`, `−1.5%`) or a word (`minus 15
  degrees`, `negative 0.5 percent`, `plus 8 degrees`); a verb ("fell 3%") never
  makes a value negative. Signs are kept on percentages and temperatures (and a
  minus on money); a count is never signed ("plus 5,000 troops" is 5,000 troops),
  and "plus or minus 4 points" is a margin, read as approximate.

A number with no unit is not an amount, so bare years, dates, times and page
numbers never come out; on top of that numbers glued to letters (`F-16`,
`COVID-19`), ordinals, reference numbers (`Article 5`) and years after
`in`/`since`/... are rejected even when a counted noun follows. "Points"
alone (`won by 4 points`, `the Dow fell 200 points`) is no unit.

Decimal commas: in a text that writes numbers the European way (language
other than English, or `3,8 Mrd` / `1.234,56` style evidence in the text
itself) `1.200` is twelve hundred and `3,8` is three point eight; in English
`1,200` is twelve hundred. A comma or dot followed by other than three digits
is a decimal mark either way, and two different marks settle it.

Ranges (`$2-3 billion`, `between $2 and $3 billion`, `2 to 3 million euros`,
`20-25%`, `between 5 and 7 per cent`) give `value` (lower end) and `value_max`;
the lower end takes the upper end's scale and unit when it has none. `from X to Y`
is a change, not a range: two amounts (and so is `by X to Y`, except in points,
which measure a change and never a level: `by 5 to 10 basis points` is a range). The span is the amount itself: approximation markers (`about`,
`more than`, `up to`, `~` ...) set `approximate` but stay outside it, while a
range's `between` is part of it.

Where things are: the word tables in `amounts_lexicon`, reading one number
(digits, words, scale) in `amounts_numbers`, the unit after a number and the
words before it in `amounts_scanner`; this module finds the amounts and joins
the two ends of a range.
"""

from __future__ import annotations

import re
from decimal import Decimal

from newsgraph.nlp.amounts_numbers import NUMBER_START_RE, Number, uses_decimal_comma
from newsgraph.nlp.amounts_scanner import SIGNED_UNITS, Scanner, Unit
from newsgraph.records import Amount, AmountKind

__all__ = ["find_amounts", "uses_decimal_comma"]

# What joins the two ends of a range ("2-3", "2 to 3", "between 2 and 3", "2 or 3").
_RANGE_SEP_RE = re.compile(r"\s*(?P<sep>[-–—]|to\b|and\b|or\b)\s*", re.IGNORECASE)
# Units of a change, never of a level: "by X to Y" in them is a range, not a change and a level.
_CHANGE_UNITS = frozenset({"percentage point", "basis point"})
# After the unit: "or so", "or more".
_APPROX_AFTER_RE = re.compile(r"\s+or\s+(?:so|more)\b", re.IGNORECASE)


def _record(text: str, start: int, end: int, value: Decimal, value_max: Decimal | None,
            unit: str, kind: AmountKind, approximate: bool) -> Amount:
    """The record for `text[start:end]`; values leave Decimal arithmetic as floats here."""
    return Amount(
        start=start,
        end=end,
        text=text[start:end],
        value=float(value),
        unit=unit,
        approximate=approximate,
        value_max=float(value_max) if value_max is not None else None,
        kind=kind,
    )


def find_amounts(text: str, *, language: str = "en",
                 decimal_comma: bool | None = None) -> tuple[Amount, ...]:
    """Money amounts and quantities in `text`, in text order, as `Amount` records.

    Offsets are Python str offsets, half-open; `value` is a range's lower end
    and `value_max` its upper end (else None); `unit` is an ISO 4217 code for
    money, "percent", "percentage point" or "basis point" for kind "percent",
    else a unit name such as "troops", "km" or "°C". `decimal_comma` None
    decides from `language` and the text itself (`uses_decimal_comma`).
    """
    if not text:
        return ()
    if decimal_comma is None:
        decimal_comma = uses_decimal_comma(text, language)
    scanner = Scanner(text, language, decimal_comma)
    found: list[Amount] = []
    pos = 0
    while True:
        start_match = NUMBER_START_RE.search(text, pos)
        if not start_match:
            break
        start = start_match.start()
        lower = scanner.number(start)
        if lower is None or scanner.is_reference_or_year(lower):
            pos = max(start_match.end(), lower.end if lower else 0, start + 1)
            continue
        records, pos = _read_amount(scanner, lower)
        found.extend(records)
        pos = max(pos, start + 1)
    return tuple(found)


def _read_amount(scanner: Scanner, lower: Number) -> tuple[list[Amount], int]:
    """The amount (or range, or pair of amounts) that starts with `lower`."""
    text = scanner.text
    lower_unit = scanner.unit(lower)
    after_lower = lower_unit.end if lower_unit else lower.end
    between_start = scanner.between_before(lower.start)
    separator = _RANGE_SEP_RE.match(text, after_lower)
    # "from 2 to 3 million" is a change (two amounts); "from 5,000-7,000" is still a range.
    from_change = bool(separator) and separator.group("sep").lower() == "to" \
        and scanner.change_from_before(lower.start)
    if separator and _range_separator_allowed(separator.group("sep"), between_start is not None):
        money_context = lower.currency is not None or (
            lower_unit is not None and lower_unit.kind == "money")
        upper = scanner.number(separator.end(), money_context=money_context)
        if upper is not None and not scanner.is_reference_or_year(upper):
            if upper.currency is None and lower.currency is not None:
                upper.currency = lower.currency
            upper_unit = scanner.unit(upper)
            change_unit = upper_unit or lower_unit
            if from_change and change_unit is not None and change_unit.unit in _CHANGE_UNITS \
                    and scanner.words_before(lower.start)[0][0] == "by":
                from_change = False  # "rise by 5 to 10 basis points": points measure the change, no level
            result = _combine(scanner, lower, lower_unit, upper, upper_unit,
                              between_start, from_change)
            if result is not None:
                return result
    if lower_unit is None:
        return [], lower.end
    if not _sign_kept(lower, lower_unit):
        return [], lower.start + 1  # "plus 5,000 troops": read again from the digits
    approximate = lower.approximate or scanner.approximate_before(lower.start) \
        or bool(_APPROX_AFTER_RE.match(text, lower_unit.end))
    return [_record(text, lower.start, lower_unit.end, lower.value * lower_unit.factor, None,
                    lower_unit.unit, lower_unit.kind, approximate)], lower_unit.end


def _sign_kept(number: Number, unit: Unit) -> bool:
    """Whether a written sign belongs to this amount: a percentage or a temperature can be below
    zero or marked up ("+0.4%"), money only below ("-$5" aside, "minus 3 billion euros"); a count
    never is ("plus 5,000 troops" adds troops)."""
    if number.sign is None:
        return True
    if unit.kind == "percent" or unit.unit in SIGNED_UNITS:
        return True
    return unit.kind == "money" and number.sign in ("-", "−", "minus", "negative")


def _range_separator_allowed(separator: str, after_between: bool) -> bool:
    separator = separator.lower()
    if separator == "and":
        return after_between
    return True


def _combine(scanner: Scanner, lower: Number, lower_unit: Unit | None, upper: Number,
             upper_unit: Unit | None, between_start: int | None,
             is_change: bool) -> tuple[list[Amount], int] | None:
    """A range (or a from-to change) of two numbers, or None when they do not make one."""
    text = scanner.text
    unit = upper_unit or lower_unit
    if unit is None or not (_sign_kept(lower, unit) and _sign_kept(upper, unit)):
        return None
    if lower_unit and upper_unit and (lower_unit.unit, lower_unit.kind, lower_unit.factor) != (
            upper_unit.unit, upper_unit.kind, upper_unit.factor):
        return None  # "1,000 troops or 50 tanks"; "rose 12 cents to $3.10"
    lower_value = lower.value
    if lower.scale is None and upper.scale is not None and lower.number <= upper.number:
        lower_value = lower.number * upper.scale  # "$2-3 billion"
    if lower_unit is None:
        lower_factor = unit.factor
    else:
        lower_factor = lower_unit.factor
    lower_value *= lower_factor
    upper_value = upper.value * unit.factor
    approximate_lower = lower.approximate or scanner.approximate_before(lower.start)
    if is_change:
        lower_end = lower_unit.end if lower_unit else lower.end
        return [
            _record(text, lower.start, lower_end, lower_value, None, unit.unit, unit.kind,
                    approximate_lower),
            _record(text, upper.start, unit.end, upper_value, None, unit.unit, unit.kind,
                    upper.approximate or scanner.approximate_before(upper.start)
                    or bool(_APPROX_AFTER_RE.match(text, unit.end))),
        ], unit.end
    if lower_value > upper_value:
        return None  # "3-2" is a score or a change, not a range
    start = lower.start
    if between_start is not None:
        start = between_start
        approximate_lower = approximate_lower or scanner.approximate_before(start)
    approximate = approximate_lower or upper.approximate or bool(
        _APPROX_AFTER_RE.match(text, unit.end))
    return [_record(text, start, unit.end, lower_value, upper_value, unit.unit, unit.kind,
                    approximate)], unit.end
