"""Publication datelines in scraped news text: find them and turn them into ISO 8601.

A dateline is a short line that states when the article was published:
``13:12 09.03.2024``, ``March 9, 2024, 1:12 PM EST``, ``Published 09/03/2024``,
``Sat, 9 Mar 2024 13:12:00 GMT``, ``9 березня 2024, 13:12``. The value keeps the
precision the page states (a date, a date and time, with an offset when a
timezone is named).

Numeric dates such as ``09/03/2024`` are ambiguous. The order is decided by
evidence, strongest first: the separator (``dd.mm.yyyy`` is always day-first),
an impossible value (a part over 12), a weekday stated next to it, the other
dates of the same document, and finally the language (US-style English is
month-first, most other conventions are day-first).

``Updated``/``Last modified`` lines are datelines (they are page furniture) but
never the publication time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from newsgraph.lexicon import MONTH_SPELLINGS, WEEKDAY_SPELLINGS, alternation

__all__ = ["DatelinePart", "find_published", "parse_date_string", "split_dateline"]

# Month and weekday spellings come from newsgraph.lexicon; weekdays numbered as date.weekday() counts (0 = Monday).
_WEEKDAYS = {spelling: number - 1 for spelling, number in WEEKDAY_SPELLINGS.items()}

_MONTH = rf"(?:{alternation(MONTH_SPELLINGS)})"
_WEEKDAY_RE = re.compile(rf"(?<!\w)({alternation(_WEEKDAYS)})\.?(?!\w)", re.I)

# Fixed offsets of the abbreviations news sites print; the US "ET/CT/MT/PT" forms
# follow daylight saving time, so they are resolved through the zone database.
_FIXED_ZONES = {
    "Z": 0, "UTC": 0, "GMT": 0, "WET": 0, "BST": 60, "IST": 330, "WEST": 60,
    "CET": 60, "CEST": 120, "MEZ": 60, "MESZ": 120, "EET": 120, "EEST": 180,
    "MSK": 180, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300,
    "MST": -420, "MDT": -360, "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480,
    "HST": -600, "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660, "ACST": 570,
    "AWST": 480, "NZST": 720, "NZDT": 780, "SGT": 480, "HKT": 480,
}
_DST_ZONES = {
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
    "PT": "America/Los_Angeles", "KYIV": "Europe/Kyiv", "KIEV": "Europe/Kyiv",
}
_TZ_NAME_RE = re.compile(
    rf"(?<![\w+-])\(?({alternation(list(_FIXED_ZONES) + list(_DST_ZONES))})\)?(?![\w])"
    r"(?:\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?)?"
)
# Zones written out, read as their abbreviation: "(Pacific Time)", "Central European Summer Time".
_ZONE_NAMES = {
    "eastern time": "ET", "eastern standard time": "EST", "eastern daylight time": "EDT",
    "central time": "CT", "central standard time": "CST", "central daylight time": "CDT",
    "mountain time": "MT", "mountain standard time": "MST", "mountain daylight time": "MDT",
    "pacific time": "PT", "pacific standard time": "PST", "pacific daylight time": "PDT",
    "greenwich mean time": "GMT", "coordinated universal time": "UTC", "universal time": "UTC",
    "british summer time": "BST", "central european time": "CET", "central european summer time": "CEST",
    "eastern european time": "EET", "eastern european summer time": "EEST", "moscow time": "MSK",
    "india standard time": "IST", "japan standard time": "JST", "korea standard time": "KST", "kyiv time": "KYIV",
}
_ZONE_NAME_RE = re.compile(rf"(?<!\w)(?:{alternation(_ZONE_NAMES, flexible_space=True)})(?!\w)", re.I)
_TZ_OFFSET_RE = re.compile(r"(?<![\w:])([+-])(\d{2}):?(\d{2})(?!\d)")

_TIME_RE = re.compile(
    r"(?<![\d:.])(\d{1,2})(?:[:.h](\d{2})(?::(\d{2}))?)?"
    r"(?:\s*([ap])\.?\s?m\.?(?!\w))?(?![\d:])",
    re.I,
)

# Date forms, tried in this order; the first that occurs in the line is used.
_ISO_RE = re.compile(
    r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?(?![\d-])"
)
_YMD_RE = re.compile(r"(?<![\d./])(\d{4})([./])(\d{1,2})\2(\d{1,2})(?![\d./])")
_NUMERIC_RE = re.compile(r"(?<![\d./-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d./-])")
_DAY_MONTH_RE = re.compile(
    rf"(?<![\w.])(\d{{1,2}})(?:st|nd|rd|th|\.)?\s*(?:of\s+|de\s+)?({_MONTH})\.?,?\s*(?:de\s+)?(\d{{4}})"
    r"(?:\s*(?:р\.|г\.|року|года|роки|год))?(?!\d)",
    re.I,
)
_MONTH_DAY_RE = re.compile(
    rf"(?<!\w)({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)",
    re.I,
)

_PUBLISHED_PREFIX_RE = re.compile(
    # One word may qualify the verb: "First published", "Originally posted".
    r"^(?:[^\W\d_]+\s+(?=published|posted|released|issued|filed))?(?:published|publication\s+date|posted|created|released|issued|filed|dated|date|sent"
    r"|опубліковано|опубликовано|дата\s+публікації|дата\s+публикации|дата"
    r"|publié|publie|veröffentlicht|publicado|pubblicato)"
    r"(?:\s+(?:on|at|am|le|el|il))?\s*[:\-–—]?\s*",
    re.I,
)
_UPDATED_PREFIX_RE = re.compile(
    r"^(?:last\s+)?(?:updated|update|modified|edited|revised"
    r"|оновлено|обновлено|изменено|змінено|mis\s+à\s+jour|aktualisiert|actualizado|aggiornato)"
    # "Last edited by Jane Doe on ...": who edited, before the date.
    r"(?:\s+by\s+[^\s,|]+(?:\s+[^\s,|]+){0,3}?(?=\s+(?:on|at)\s))?"
    r"(?:\s+(?:on|at|am|le|el|il))?\s*[:\-–—]?\s*",
    re.I,
)
# Where a second, "updated" date begins inside one line ("Published ... Updated ...").
_UPDATED_INSIDE_RE = re.compile(
    r"\s*[|•·,;(]?\s*(?=(?:last\s+)?(?:updated|modified|оновлено|обновлено|mis à jour|aktualisiert)\b)",
    re.I,
)
# "... at 2:05 pm by Jane Doe", "March 5, 2024 by harbourwatch": a byline after the date is a part of its own.
# "Post by A » Tue Sep 13, 2016 9:41 am": a forum's guillemet parts the poster from the time.
_PART_SEPARATOR_RE = re.compile(r"\s+[|•·—–»]\s+|\s*[|•·]\s*|\s+-\s+|,?\s+(?=[Bb]y\s+\w)")
# A comma after a clock time ends the date: "... 2016 9:02 pm, edited 1 time in total".
# (Only before a lower-case word: "2:05 PM, Mon September 12" goes on with the date.)
_CLOCK_COMMA_RE = re.compile(r"(\d{1,2}[:.]\d{2}(?:\s*[aApP]\.?[mM]\.?)?),\s+(?=[a-z])")
# Words that may join a date and its time: "March 9, 2024 at 1:12 PM", "9 березня о 13:12".
_CONNECTORS = {"at", "on", "um", "uhr", "à", "a", "las", "в", "о", "об", "de", "le", "am", "the", "time", "local"}
# A place before the date: "Kyiv, 09.03.2024", "WASHINGTON, March 9, 2024".
_PLACE_RE = re.compile(r"^\s*[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*)?\s*,\s*")

_MAX_DATELINE_CHARS = 140
# Two dates of one page this close are taken to agree (publication and update).
_NEAR_DAYS = 45


@dataclass(frozen=True, slots=True)
class DateValue:
    """One date read from a string; `day_first`/`month_first` differ only when the order is open."""

    day_first: str
    month_first: str
    order_known: bool  # the string itself fixes the day/month order

    def value(self, day_first: bool) -> str:
        return self.day_first if day_first else self.month_first


@dataclass(frozen=True, slots=True)
class DatelinePart:
    """A piece of a dateline line: its text, its date (if any) and whether it is an update time."""

    text: str
    date: DateValue | None
    kind: str  # "published", "updated" or "plain" for dated parts; "other" for the rest


def parse_date_string(s: str, *, day_first: bool | None = None) -> str | None:
    """One dateline string ("Published 09/03/2024 13:12 CET") to ISO 8601, or None.

    The whole string must be a date (with optional prefix, weekday, time and
    timezone); a sentence that merely contains a date gives None. When the
    day/month order of a numeric date is open and `day_first` is None, the
    day-first reading (the convention of most of the world) is used.
    """
    part = _dated_part(s)
    if part is None or part.date is None:
        return None
    found = part.date
    if found.order_known:
        return found.day_first
    return found.value(True if day_first is None else day_first)


_BYLINE_COMMA_RE = re.compile(r"^\s*(by\s+[^,|]{2,60}?),\s+(\S.*)$", re.I)


def split_dateline(line: str) -> list[DatelinePart] | None:
    """The parts of a dateline line, or None when the line is not one.

    A dateline line holds at least one date and nothing but short metadata
    beside it ("By Jane Doe | March 9, 2024 | 2 min read"); a sentence that
    mentions a date is not a dateline.
    """
    stripped = line.strip()
    if not stripped or len(stripped) > _MAX_DATELINE_CHARS or not any(c.isdigit() for c in stripped):
        return None
    chunks = [piece for c in _UPDATED_INSIDE_RE.split(stripped) if c
              for piece in _CLOCK_COMMA_RE.sub("\\1\n", c).split("\n") if piece.strip()]
    parts: list[DatelinePart] = []
    for chunk in chunks:
        whole = _dated_part(chunk)
        if whole is not None:
            parts.append(whole)
            continue
        # "By Jane Doe, March 5, 2024": a comma may part a byline from its date.
        if (signed := _BYLINE_COMMA_RE.match(chunk)) and (dated := _dated_part(signed.group(2))) is not None:
            parts.extend([DatelinePart(signed.group(1).strip(), None, "other"), dated])
            continue
        pieces = [piece for piece in _PART_SEPARATOR_RE.split(chunk) if piece.strip()]
        while pieces:
            piece = pieces.pop(0)
            part = _dated_part(piece)
            # "March 5, 2024 | 10:15 AM CET": a clock in the next piece belongs to the date.
            if part is not None and pieces and "T" not in part.date.day_first:
                timed = _dated_part(piece + " " + pieces[0])
                if timed is not None and "T" in timed.date.day_first:
                    part = DatelinePart(f"{piece.strip()} {pieces.pop(0).strip()}", timed.date, part.kind)
            parts.append(part or DatelinePart(piece.strip(), None, "other"))
    if not any(p.date for p in parts):
        return None
    for part in parts:
        if part.date is None and not _is_short_metadata(part.text):
            return None
    return parts


def find_published(lines: list[str], *, language: str | None = None) -> tuple[str | None, int | None]:
    """The publication time stated by a document's lines: (ISO value, line index) or (None, None).

    Takes the first dateline marked as published, else the first plain
    dateline; update times are never taken.
    """
    candidates: list[tuple[int, DatelinePart]] = []
    for index, line in enumerate(lines):
        parts = split_dateline(line)
        if parts:
            candidates.extend((index, p) for p in parts if p.date is not None)
    chosen = next(((i, p) for i, p in candidates if p.kind == "published"), None)
    chosen = chosen or next(((i, p) for i, p in candidates if p.kind == "plain"), None)
    if chosen is None:
        return None, None
    index, part = chosen
    assert part.date is not None
    if part.date.order_known:
        return part.date.day_first, index
    others = [p.date for i, p in candidates if p is not part and p.date is not None]
    return part.date.value(_decide_day_first(part.date, others, lines, language)), index


def _decide_day_first(found: DateValue, other_dates: list[DateValue], lines: list[str], language: str | None) -> bool:
    # The document's other numeric dates: one with a part over 12 settles the site's order.
    votes = 0
    for line in lines:
        for m in _NUMERIC_RE.finditer(line):
            if m.group(2) == ".":
                continue
            first, second = int(m.group(1)), int(m.group(3))
            if first > 12 >= second:
                votes += 1
            elif second > 12 >= first:
                votes -= 1
    if votes:
        return votes > 0
    # Another dateline of the document (say a written-out update date) close to only one reading:
    # an article is updated days after it appears, not months.
    readings = (date.fromisoformat(found.day_first[:10]), date.fromisoformat(found.month_first[:10]))
    for other in other_dates:
        if other.order_known:
            stated = date.fromisoformat(other.day_first[:10])
            near = [abs((stated - reading).days) <= _NEAR_DAYS for reading in readings]
            if near[0] != near[1]:
                return near[0]
    return _language_day_first(language)


# English variants that write the day first; bare "en" is taken as US usage, the largest share of English news.
_DAY_FIRST_ENGLISH = {"en-gb", "en-au", "en-nz", "en-ie", "en-in", "en-za", "en-ng", "en-ke", "en-sg", "en-pk"}


def _language_day_first(language: str | None) -> bool:
    if not language:
        return True
    tag = language.lower().replace("_", "-")
    if tag.startswith("en"):
        return tag in _DAY_FIRST_ENGLISH
    return True


def _dated_part(text: str) -> DatelinePart | None:
    rest, kind = _strip_prefix(text.strip())
    found = _parse_core(rest)
    if found is None:
        # "Kyiv, 09.03.2024": a place name before the date.
        place = _PLACE_RE.match(rest)
        if place and not _PUBLISHED_PREFIX_RE.match(rest):
            found = _parse_core(rest[place.end():])
    if found is None:
        return None
    return DatelinePart(text.strip(), found, kind)


def _strip_prefix(text: str) -> tuple[str, str]:
    text = text.strip(" \t|•·-–—()[]")
    if m := _UPDATED_PREFIX_RE.match(text):
        return text[m.end():], "updated"
    if m := _PUBLISHED_PREFIX_RE.match(text):
        return text[m.end():], "published"
    return text, "plain"


def _is_short_metadata(text: str) -> bool:
    # Beside a date only short bits may stand: a name, an agency, a reading time.
    words = text.split()
    # A sentence break inside it means prose; an initial ("James B. Stewart") is no break.
    return 0 < len(words) <= 6 and len(text) <= 60 and not re.search(r"(?<!\b[A-Z])[.!?]\s+\w", text)


# The same clock in another zone, after the date: "11.57 BST (10.57 GMT)", "9:41 am ET (13:41 UTC)".
_OTHER_ZONE_TIME_RE = re.compile(r"\s*\(\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\s+[A-Za-z]{2,5}\s*\)?\s*$", re.I)


def _parse_core(text: str) -> DateValue | None:
    text = _OTHER_ZONE_TIME_RE.sub("", text.strip().rstrip(".").strip())
    if not text or len(text) > _MAX_DATELINE_CHARS:
        return None
    if (m := _ISO_RE.search(text)) is not None and m.group(4):
        return _iso_datetime(text, m)
    for pattern, reader in (
        (_ISO_RE, _read_iso_date),
        (_YMD_RE, _read_ymd),
        (_DAY_MONTH_RE, _read_day_month),
        (_MONTH_DAY_RE, _read_month_day),
        (_NUMERIC_RE, _read_numeric),
    ):
        m = pattern.search(text)
        if m is None:
            continue
        dates = reader(m)
        if dates is None:
            return None
        rest = text[: m.start()] + " " + text[m.end():]
        return _with_time(dates, rest)
    return None


def _iso_datetime(text: str, m: re.Match) -> DateValue | None:
    if text[: m.start()].strip(" ,|") or text[m.end():].strip(" ,|()"):
        rest = text[: m.start()] + " " + text[m.end():]
        if _leftover(_WEEKDAY_RE.sub(" ", rest)):
            return None
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    hour, minute, second = int(m.group(4)), int(m.group(5)), int(m.group(6) or 0)
    if not _valid(year, month, day) or hour > 23 or minute > 59 or second > 59:
        return None
    value = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
    if m.group(7):
        zone = m.group(7)
        if zone == "Z":
            value += "+00:00"
        else:
            digits = zone[1:].replace(":", "")
            value += f"{zone[0]}{digits[:2]}:{digits[2:]}"
    return DateValue(value, value, True)


def _valid(year: int, month: int, day: int) -> bool:
    if not 1900 <= year <= 2100:
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        # Two-digit years on news pages are this century unless far in the future.
        year += 2000 if year < 70 else 1900
    return year


def _read_iso_date(m: re.Match) -> tuple[date, date, bool] | None:
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return ((d := date(year, month, day)), d, True) if _valid(year, month, day) else None


def _read_ymd(m: re.Match) -> tuple[date, date, bool] | None:
    year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
    return ((d := date(year, month, day)), d, True) if _valid(year, month, day) else None


def _read_day_month(m: re.Match) -> tuple[date, date, bool] | None:
    day, month, year = int(m.group(1)), MONTH_SPELLINGS[m.group(2).lower()], int(m.group(3))
    return ((d := date(year, month, day)), d, True) if _valid(year, month, day) else None


def _read_month_day(m: re.Match) -> tuple[date, date, bool] | None:
    month, day, year = MONTH_SPELLINGS[m.group(1).lower()], int(m.group(2)), int(m.group(3))
    return ((d := date(year, month, day)), d, True) if _valid(year, month, day) else None


def _read_numeric(m: re.Match) -> tuple[date, date, bool] | None:
    first, separator, second, year = int(m.group(1)), m.group(2), int(m.group(3)), _year(m.group(4))
    day_first_ok = _valid(year, second, first)
    month_first_ok = _valid(year, first, second)
    if separator == "." or not month_first_ok:
        # dd.mm.yyyy is day-first everywhere it is written.
        return (d := date(year, second, first), d, True) if day_first_ok else None
    if not day_first_ok:
        return (d := date(year, first, second), d, True)
    if first == second:
        return (d := date(year, first, second), d, True)
    return date(year, second, first), date(year, first, second), False


def _leftover(text: str) -> bool:
    """Whether anything but connectors and punctuation is left."""
    words = re.findall(r"[^\W_]+", text)
    return any(w.lower() not in _CONNECTORS for w in words)


def _with_time(dates: tuple[date, date, bool], rest: str) -> DateValue | None:
    day_first_date, month_first_date, order_known = dates
    weekday = None
    if (wm := _WEEKDAY_RE.search(rest)) is not None:
        weekday = _WEEKDAYS[wm.group(1).lower()]
        rest = rest[: wm.start()] + " " + rest[wm.end():]
    rest = _ZONE_NAME_RE.sub(lambda m: " " + _ZONE_NAMES[" ".join(m.group(0).lower().split())] + " ", rest)
    zone = None
    # "CET (UTC+1)": the zone stated twice; an explicit offset is the surer of the two.
    while (zm := _TZ_NAME_RE.search(rest)) is not None:
        if zone is None or (zm.group(2) and not zone.group(2)):
            zone = zm
        rest = rest[: zm.start()] + " " + rest[zm.end():]
    clock = None
    # Only a time written with minutes or am/pm counts; a bare number is not a time.
    for tm in _TIME_RE.finditer(rest):
        if tm.group(2) is not None or tm.group(4) is not None:
            clock = tm
            rest = rest[: tm.start()] + " " + rest[tm.end():]
            break
    offset_match = None
    if (zone is None or not zone.group(2)) and (om := _TZ_OFFSET_RE.search(rest)) is not None:
        # An e-mail's "-0400 (EDT)": the numeric offset is the value, the name a comment on it.
        offset_match, zone = om, None
        rest = rest[: om.start()] + " " + rest[om.end():]
    if _leftover(rest):
        return None
    if not order_known and weekday is not None:
        if day_first_date.weekday() == weekday and month_first_date.weekday() != weekday:
            month_first_date, order_known = day_first_date, True
        elif month_first_date.weekday() == weekday and day_first_date.weekday() != weekday:
            day_first_date, order_known = month_first_date, True
    if clock is None:
        return DateValue(day_first_date.isoformat(), month_first_date.isoformat(), order_known)
    hour, minute, second = int(clock.group(1)), int(clock.group(2) or 0), int(clock.group(3) or 0)
    meridiem = (clock.group(4) or "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    values = []
    for day in (day_first_date, month_first_date):
        stamp = datetime(day.year, day.month, day.day, hour, minute, second)
        values.append(stamp.isoformat() + _offset_text(stamp, zone, offset_match))
    return DateValue(values[0], values[1], order_known)


def _offset_text(stamp: datetime, zone: re.Match | None, offset: re.Match | None) -> str:
    if offset is not None:
        return f"{offset.group(1)}{offset.group(2)}:{offset.group(3)}"
    if zone is None:
        return ""
    name = zone.group(1).upper()
    if name in _DST_ZONES:
        delta = stamp.replace(tzinfo=ZoneInfo(_DST_ZONES[name])).utcoffset() or timedelta(0)
        minutes = int(delta.total_seconds() // 60)
    else:
        minutes = _FIXED_ZONES[name]
    if zone.group(2):
        # "GMT+2", "UTC-05:00": an explicit offset from the named base.
        extra = int(zone.group(3)) * 60 + int(zone.group(4) or 0)
        minutes += extra if zone.group(2) == "+" else -extra
    return _format_offset(minutes)


def _format_offset(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"

