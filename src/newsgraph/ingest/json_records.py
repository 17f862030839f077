"""JSON Lines and JSON records to RawDocument: one bad line or field never costs more than itself.

A line that is not a JSON object with a text or html string is a Failure for
that line alone. An optional field of the wrong type is left out and the
document keeps a warning saying so; `published` must be ISO 8601, so an
RFC 2822 date is converted and anything else is left out with a warning.
Every message that quotes a value clips it (newsgraph.messages.clip).
"""

from __future__ import annotations

import calendar
import json
import re
from email.utils import parsedate_to_datetime
from typing import Any

from newsgraph.ingest.document import RawDocument, site_of
from newsgraph.messages import clip
from newsgraph.records import Failure

__all__ = ["NotJSON", "looks_binary", "parse_json", "published_iso8601", "record_from_json_line", "record_from_object"]

# ISO 8601 calendar dates and times, extended or basic format, any precision from
# the year on; fractions of a second and an offset (Z, ±hh, ±hhmm, ±hh:mm) allowed.
_ISO_EXTENDED = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:T(?P<hour>\d{2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?)?"
    r"(?P<offset>Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?"
)
_ISO_BASIC = re.compile(
    r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})"
    r"(?:T(?P<hour>\d{2})(?:(?P<minute>\d{2})(?:(?P<second>\d{2})(?:[.,]\d+)?)?)?"
    r"(?P<offset>Z|[+-]\d{2}(?:\d{2})?)?)?"
)
# "2024-03-09 10:00:00": RFC 3339 allows a space for the "T".
_SPACE_SEPARATED = re.compile(r"(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}.*)")
# RFC 2822 (e-mail, RSS): "Mon, 11 Mar 2024 07:00:00 +0000".
_RFC_2822 = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s*)?\d{1,2}\s+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{4}\s+"
    r"\d{2}:\d{2}(?P<seconds>:\d{2})?(?:\s*(?:[+-]\d{4}|UT|GMT|Z|[ECMP][SD]T))?",
    re.IGNORECASE,
)
# Control bytes other than the whitespace JSON allows between tokens.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number", float: "a number"}


class NotJSON(ValueError):
    """Text that is not JSON; the message is the one-line reason."""


def parse_json(data: bytes | str) -> Any:
    """json.loads, with every way it fails on bad input raised as NotJSON."""
    try:
        return json.loads(data)
    except UnicodeDecodeError as err:
        raise NotJSON(f"not UTF-8 (byte 0x{err.object[err.start]:02X} at offset {err.start})") from None
    except json.JSONDecodeError as err:
        if err.msg.startswith("Invalid control character") and err.pos < len(err.doc):
            raise NotJSON(f"control character U+{ord(err.doc[err.pos]):04X} at column {err.colno}") from None
        # Some of json's messages end in "at" ("Unterminated string starting at").
        raise NotJSON(f"{err.msg.removesuffix(' at')} at column {err.colno}") from None
    except ValueError as err:  # an integer too long for Python to convert
        raise NotJSON(str(err).split(";")[0]) from None
    except RecursionError:
        raise NotJSON("nested too deeply") from None


def looks_binary(line: bytes) -> bool:
    """Whether a line is binary data rather than damaged text: a NUL, or control bytes above one in twenty."""
    controls = len(line) - len(line.translate(None, _CONTROL_BYTES))
    return b"\x00" in line or controls * 20 > len(line)


def record_from_json_line(line: bytes, number: int, source: str, site: str | None) -> RawDocument | Failure:
    """The document on one JSON Lines line, or a Failure for that line alone."""
    where = f"line {number}"
    try:
        # Decoded here, not by json.loads(bytes), which reads a line with a NUL
        # in its first bytes as UTF-16; surrogatepass and the BOM as it allowed.
        item = parse_json(line.removeprefix(b"\xef\xbb\xbf").rstrip(b"\r\n").decode("utf-8", "surrogatepass"))
    except UnicodeDecodeError as err:
        bad_byte = f"byte 0x{line[err.start]:02X} at column {err.start + 1}"
        return Failure(source, f"{where}: invalid JSON: not UTF-8 ({bad_byte})")
    except NotJSON as err:
        return Failure(source, f"{where}: invalid JSON: {err}")
    return record_from_object(item, source, site, where=where)


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _scrubbed(value: Any) -> tuple[Any, int]:
    """`value` with every lone surrogate (a JSON "\\ud800" escape without its pair) replaced by
    U+FFFD, and how many there were: such strings cannot be encoded, stored or written out."""
    if isinstance(value, str):
        return _SURROGATE_RE.subn("\ufffd", value)
    if isinstance(value, dict):
        pairs = [(_scrubbed(key), _scrubbed(item)) for key, item in value.items()]
        return {key: item for (key, _), (item, _) in pairs}, sum(a + b for (_, a), (_, b) in pairs)
    if isinstance(value, list):
        items = [_scrubbed(item) for item in value]
        return [item for item, _ in items], sum(count for _, count in items)
    return value, 0


def record_from_object(item: Any, source: str, site: str | None, *, where: str) -> RawDocument | Failure:
    """One JSON object as a document: "html" or "text" is its body, the other fields its metadata."""
    if not isinstance(item, dict):
        return Failure(source, f"{where}: expected a JSON object, got {_json_type(item)}")
    warnings: list[str] = []
    item, surrogates = _scrubbed(item)
    body = None
    for key in ("html", "text"):
        value = item.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            warnings.append(f'"{key}" is {_json_type(value)}, expected a string')
        elif body is None and value.strip():
            body = (key, value)
    if body is None:
        reason = warnings[0] if warnings else 'no "text" or "html" field with content'
        return Failure(source, f"{where}: {reason}")
    warnings = [f"{warning}; ignored" for warning in warnings]
    if surrogates:
        warnings.append(f"{surrogates} unpaired surrogate escape{'s' if surrogates > 1 else ''} replaced")
    fmt, data = body

    meta: dict[str, Any] = {}
    for key, aliases in (("id", ("id",)), ("headline", ("headline", "title")), ("published", ("published", "date"))):
        for alias in aliases:
            value = item.get(alias)
            if value in (None, ""):
                continue
            usable, warning = _field_value(key, alias, value)
            if warning:
                warnings.append(warning)
            if usable is not None:
                meta[key] = usable
                break
    url = _optional_string(item, "url", warnings)
    if url:
        meta["url"] = url
    publisher = _optional_string(item, "source", warnings)
    if publisher:
        meta["source"] = publisher
    byline = _byline(item, warnings)
    if byline is not None:
        meta["byline"] = byline
    return RawDocument(
        source, fmt, data, url=url, site=meta.get("source") or site_of(url) or site, meta=meta, warnings=tuple(warnings)
    )


def published_iso8601(value: str) -> str | None:
    """`value` if it is an ISO 8601 date or time, converted if it is RFC 2822 or space-separated; else None."""
    text = value.strip()
    if _valid_iso8601(text):
        return text
    spaced = _SPACE_SEPARATED.fullmatch(text)
    if spaced and _valid_iso8601(f"{spaced[1]}T{spaced[2]}"):
        return f"{spaced[1]}T{spaced[2]}"
    email_style = _RFC_2822.fullmatch(text)
    if email_style:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, OverflowError):
            return None
        return moment.isoformat(timespec="seconds" if email_style["seconds"] else "minutes")
    return None


def _field_value(key: str, alias: str, value: Any) -> tuple[str | None, str | None]:
    """The metadata value for `key` from field `alias`, and a warning when it cannot be used."""
    if key == "id":
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            return str(value), None
        return None, f'"{alias}" is {_json_type(value)}, expected a string or an integer; dropped'
    if not isinstance(value, str):
        return None, f'"{alias}" is {_json_type(value)}, expected a string; dropped'
    if key != "published":
        return value, None
    iso = published_iso8601(value)
    if iso is None:
        return None, f'"{alias}" {clip(value)} is not an ISO 8601 or RFC 2822 date; dropped'
    return iso, None


def _optional_string(item: dict, key: str, warnings: list[str]) -> str | None:
    value = item.get(key)
    if value is None or isinstance(value, str):
        return value or None
    warnings.append(f'"{key}" is {_json_type(value)}, expected a string; dropped')
    return None


def _byline(item: dict, warnings: list[str]) -> list[str] | None:
    key = next((key for key in ("byline", "authors", "author") if item.get(key)), None)
    if key is None:
        return None
    authors = item[key]
    if isinstance(authors, str):
        if not authors.strip():
            return None
        return [name.strip() for name in re.split(r"[;,]| and ", authors) if name.strip()]
    if isinstance(authors, list):
        names = [name for name in authors if isinstance(name, str) and name.strip()]
        others = sum(1 for name in authors if not isinstance(name, str))
        if others:
            warnings.append(f'"{key}": {others} of its {len(authors)} items not a string; left out')
        return names
    warnings.append(f'"{key}" is {_json_type(authors)}, expected a string or an array of strings; dropped')
    return None


def _valid_iso8601(text: str) -> bool:
    match = _ISO_EXTENDED.fullmatch(text) or _ISO_BASIC.fullmatch(text)
    if match is None:
        return False
    year, month, day, hour, minute, second, offset = match.group(
        "year", "month", "day", "hour", "minute", "second", "offset"
    )
    if month is not None and not 1 <= int(month) <= 12:
        return False
    if day is not None and not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
        return False
    clock = (int(hour or 0), int(minute or 0), int(second or 0))
    if not (clock[0] <= 23 and clock[1] <= 59 and clock[2] <= 60) and clock != (24, 0, 0):
        return False
    if offset is None or offset == "Z":
        return True
    digits = offset[1:].replace(":", "")
    return int(digits[:2]) <= 23 and int(digits[2:] or 0) <= 59


def _json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), "null" if value is None else type(value).__name__)
