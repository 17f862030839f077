"""Calendar arithmetic for TIMEX3 values: ISO weeks, quarters, seasons, holidays, shifts by a unit."""

from __future__ import annotations

import datetime as dt
import re

_DCT = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")
_DCT_DAY_FIRST = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})")

SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU",
                   9: "FA", 10: "FA", 11: "FA"}
SEASON_ORDER = ["WI", "SP", "SU", "FA"]


def parse_anchor(published: str | None) -> dt.datetime | None:
    """The document creation time from an ISO 8601 string (date or date-time); None when absent or unreadable."""
    if not published:
        return None
    match = _DCT.match(published)
    try:
        if match:
            year, month, day = int(match[1]), int(match[2]), int(match[3])
            hour, minute = (int(match[4]), int(match[5])) if match[4] else (0, 0)
            return dt.datetime(year, month, day, hour, minute)
        match = _DCT_DAY_FIRST.match(published)
        if match:
            return dt.datetime(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:  # 2024-02-31 and the like: no anchor rather than a wrong one
        return None
    return None


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def date_value(day: dt.date) -> str:
    return day.isoformat()


def weekday_date(anchor: dt.date, weekday: int, direction: str) -> dt.date:
    """The weekday (0 = Monday) nearest the anchor in a direction: 'past' on or before, 'future' on or after,
    'last' strictly before, 'next' strictly after."""
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    if direction == "past":
        return anchor - dt.timedelta(days=back)
    if direction == "last":
        return anchor - dt.timedelta(days=back or 7)
    if direction == "next":
        return anchor + dt.timedelta(days=forward or 7)
    return anchor + dt.timedelta(days=forward)


def _safe_date(year: int, month: int, day: int) -> dt.date:
    """The day, or the month's last day where it has fewer (Feb 29 outside a leap year)."""
    while True:
        try:
            return dt.date(year, month, day)
        except ValueError:
            day -= 1


def month_year(anchor: dt.date, month: int, direction: str, day: int = 0) -> int:
    """The year of a month (and day) named without one: the occurrence before or after the anchor."""
    here, there = (anchor.month, anchor.day if day else 0), (month, day)
    if direction == "past":
        return anchor.year if there <= here else anchor.year - 1
    if direction == "last":
        return anchor.year if there < here else anchor.year - 1
    if direction == "next":
        return anchor.year if there > here else anchor.year + 1
    if direction == "future":
        if day and dt.timedelta(0) < anchor - _safe_date(anchor.year, month, day) <= dt.timedelta(days=7):
            return anchor.year  # days behind publication: a deadline just past, or copy dated after it was written
        return anchor.year if there >= here else anchor.year + 1
    if direction in ("nearest", "past-nearest"):  # the occurrence within six months either side
        distance = (month - anchor.month) * 31 + ((day - anchor.day) if day else 0)
        year = anchor.year
        if distance > 6 * 31:
            year, distance = year - 1, distance - 12 * 31
        elif distance < -6 * 31:
            year, distance = year + 1, distance + 12 * 31
        # Told in the past tense, a month more than two months ahead is the one before publication.
        if direction == "past-nearest" and distance > 2 * 31:
            year -= 1
        return year
    return anchor.year


def season_value(anchor: dt.date, season: str, direction: str) -> str:
    current = SEASON_ORDER.index(SEASON_OF_MONTH[anchor.month])
    wanted = SEASON_ORDER.index(season)
    year = anchor.year
    if direction in ("past", "last"):
        if wanted > current or (direction == "last" and wanted == current):
            year -= 1
    elif direction in ("future", "next"):
        if wanted < current or (direction == "next" and wanted == current):
            year += 1
    elif direction == "nearest":  # told in the present: one or two seasons ahead, or the one just past
        ahead = (wanted - current) % 4
        if ahead in (1, 2) and wanted < current:
            year += 1
        elif ahead == 3 and wanted > current:
            year -= 1
    return f"{year}-{season}"


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth weekday of a month (nth = -1: the last one)."""
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = following - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


HOLIDAYS = {
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "christmas day": lambda y: dt.date(y, 12, 25),
    "christmas": lambda y: dt.date(y, 12, 25),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "new year's day": lambda y: dt.date(y, 1, 1),
    "independence day": lambda y: dt.date(y, 7, 4),
    "fourth of july": lambda y: dt.date(y, 7, 4),
    "july fourth": lambda y: dt.date(y, 7, 4),
    "halloween": lambda y: dt.date(y, 10, 31),
    "valentine's day": lambda y: dt.date(y, 2, 14),
    "thanksgiving day": lambda y: nth_weekday(y, 11, 3, 4),
    "thanksgiving": lambda y: nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: nth_weekday(y, 5, 0, -1),
    "easter sunday": easter,
    "easter": easter,
    "good friday": lambda y: easter(y) - dt.timedelta(days=2),
}


def holiday_date(name: str, anchor: dt.date, direction: str) -> dt.date:
    rule = HOLIDAYS[name]
    this_year = rule(anchor.year)
    if direction in ("past", "last") and this_year > anchor:
        return rule(anchor.year - 1)
    if direction in ("future", "next") and this_year < anchor:
        return rule(anchor.year + 1)
    return this_year
