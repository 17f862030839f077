"""TIMEX3 values: numbers in words or digits, durations (P3Y, PT5H30M), dates shifted by a unit, the contract's spelling."""

from __future__ import annotations

import datetime as dt
import re

from newsgraph.nlp import timex_calendar as cal
from newsgraph.nlp.timex_lexicon import NUMBER_WORDS, UNIT_CODES, VAGUE_NUMBER


def number_value(text: str) -> float | None:
    """The value of a number written in digits or words; None for a vague one (several, a few)."""
    text = re.sub(r"\s+", " ", text.strip().lower())
    if re.fullmatch(r"(?:a\s+)?couple\s+of", text):
        return 2  # TimeML reads "a couple of years" as two (P2Y)
    if re.fullmatch(VAGUE_NUMBER, text):
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


def unit_name(unit: str) -> str:
    unit = unit.lower()
    if unit == "centuries":
        return "century"
    return unit[:-1] if unit.endswith("s") and unit[:-1] in UNIT_CODES else unit


def duration_value(amount: float | None, unit: str) -> str:
    """P3Y, PT5H30M, P2W, PXY: a TIMEX3 duration value."""
    unit = unit_name(unit)
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
            if whole and unit == "year":
                return f"P{whole}Y{rest}M"  # "2 1/2 years": P2Y6M, as TimeML writes it
            return f"P{sub_time}{whole * factor + rest}{sub_code}"
    if unit == "decade":
        return f"P{int(amount) * 10}Y"
    return f"P{time_part}{int(amount)}{code}"


def shift_value(anchor: dt.date, amount: int, unit: str) -> str:
    """The date `amount` units from the anchor (negative: before), at that unit's granularity."""
    unit = unit_name(unit)
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


def contract_value(value: str) -> str:
    """A TIMEX3 value in the record contract's spelling: a decade TimeML writes as its leading digits
    ("199") is "199X", a century ("19") is "19XX", an ISO week has two digits ("2000-W7" is "2000-W07",
    a spelling some TBAQ gold values use); every other value is unchanged."""
    if value.isdigit() and len(value) in (2, 3):
        return value + "X" * (4 - len(value))
    week = re.fullmatch(r"(\d{4}-W)(\d)((?:-.+)?)", value)
    if week:
        return f"{week[1]}0{week[2]}{week[3]}"
    return value

