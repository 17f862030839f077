"""Metadata lines of a scrape: bylines, wire credits and stated reading times.

`parse_byline` reads "By Jane Doe and John Roe, Reuters", "Reporters: A, B",
"Jane Doe | Staff writer"; `parse_reading_time` reads "2 min read",
"Est. reading time: 4 min", "⏱ 4 min"; `credit_authors` reads the reporters
of a wire credit line ("Reporting by Jane Doe; Editing by John Roe").
"""

from __future__ import annotations

import re

from newsgraph.ingest.linekind_lexicon import NEWSROOM_WORDS, ROLE_LABELS, ROLE_NOUNS
from newsgraph.ingest.textclean_patterns import (
    BYLINE_AFFILIATION_WORDS,
    KNOWN_AGENCIES,
    READING_TIME_PATTERNS,
    line_core,
)
from newsgraph.lexicon import MONTHS_EN, WEEKDAYS_EN

__all__ = ["BYLINE_PREFIX_RE", "credit_authors", "credit_line", "desk_line", "parse_bare_byline", "parse_byline", "parse_filed_byline",
           "parse_reading_time", "role_phrase"]

_STRONG_END_RE = re.compile(r"[.!?…]['\"’”»)\]]*$")

_CREDITS_RE = re.compile(
    r"(?:additional\s+)?(?:reporting|writing|editing|edited|compiled|translated|produced|fact-checking)\s+by\s+[^.!?;]{1,80}"
    r"(?:;\s*(?:additional\s+)?(?:reporting|writing|editing|edited|compiled|translated|produced|fact-checking)\s+by\s+[^.!?;]{1,80})*\.?",
    re.I,
)


def credit_authors(text: str) -> list[str] | None:
    """Reporters named in a wire credit line ("Reporting by Jane Doe; Editing by John Roe"), or None."""
    if not _CREDITS_RE.fullmatch(text.strip()):
        return None
    authors: list[str] = []
    for part in text.strip().rstrip(".").split(";"):
        words = part.split()
        if words and words[0].lower() in {"reporting", "writing"}:
            authors.extend(parse_byline("By " + part.split(" by ", 1)[-1]) or [])
    return authors


def credit_line(text: str) -> bool:
    """Whether the line is a wire credit, also in parentheses: "(Reporting by Jane Doe; editing by John Roe)"."""
    text = text.strip()
    if text[:1] == "(" and text.rstrip(".")[-1:] == ")":
        text = text.rstrip(".")[1:-1]
    return credit_authors(text) is not None


_CLOCKS = "⏱⏲🕑🕐🕒⌚⌛⏳\ufe0f"  # with the variation selector that makes them emoji
_BARE_MINUTES_RE = re.compile(r"(\d{1,3})\s*(?:min(?:ute)?s?\.?)", re.I)


def parse_reading_time(line: str) -> int | None:
    """Minutes of a stated reading time ("2 min read", "Reading time: 4 minutes"), else None."""
    stripped = line.strip()
    core = line_core(stripped.strip(_CLOCKS + "()[]"))
    if len(core) > 60:
        return None
    if stripped[:1] in _CLOCKS and (m := _BARE_MINUTES_RE.fullmatch(core)) is not None:
        # "⏱ 4 min": a clock symbol before a length is a reading time.
        minutes = int(m.group(1))
        return minutes if 0 < minutes < 600 else None
    for pattern in READING_TIME_PATTERNS:
        if (m := pattern.fullmatch(core)) is not None:
            minutes = int(m.group(1))
            return minutes if 0 < minutes < 600 else None
    return None


BYLINE_PREFIX_RE = re.compile(
    # "Written for the Brief by A": whom it was written for stands between the verb and "by".
    r"^(?:(?:by|words\s+by|(?:written|reported|produced|compiled|prepared|posted|submitted)(?:\s+for\s+(?:the\s+)?[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,3})?\s+by"
    r"|co-?authored\s+by|co-?written\s+by|story\s+by|text\s+by|posts?\s+by"
    r"|report(?:ed|ing)?\s+by|authors?|автор(?:и|ы)?|von|par|por|di)\s*[:\-–—]?"
    # "Reporters: A, B": a role word counts as a label only with its colon.
    rf"|(?:{'|'.join(sorted(ROLE_LABELS))})(?:\(s\))?\s*:)\s+(?=\S)",
    re.I,
)
_NAME_SPLIT_RE = re.compile(r"\s*(?:,|;|&|\band\b|\bAND\b|\bі\b|\bта\b|\bи\b|\bund\b|\bet\b|\by\b)\s*")
# "By Jane Doe for The Daily Planet", "By Jane Doe (Harbour desk)": where the author writes for.
_WRITES_FOR_RE = re.compile(r"\s+for\s+(?=[A-Z])|\s*\((?=[^()]+\)$)")
_PARTICLES = {"de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "la", "le", "al", "el", "bin", "ibn", "ten", "ter", "st."}
_NAME_TOKEN_RE = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞА-ЯІЇЄҐЁ][\w'’\-]*\.?|[A-ZА-ЯІЇЄҐ]\.(?:[A-ZА-ЯІЇЄҐ]\.)*|(?:Mc|Mac|O')[A-Z][\w'’\-]*)$")
_CALENDAR_WORDS = {*WEEKDAYS_EN, *MONTHS_EN, "today", "tomorrow", "yesterday", "christmas", "easter"}


def _name(text: str) -> str | None:
    """`text` as a person's name (2-5 capitalised words), or None."""
    tokens = text.strip(" .").split()
    if not 2 <= len(tokens) <= 5:
        return None
    capitalised = 0
    for token in tokens:
        if token.lower() in _PARTICLES:
            continue
        if token.lower().strip(".,") in _CALENDAR_WORDS or not _NAME_TOKEN_RE.match(token):
            return None
        capitalised += 1
    if capitalised < 2:
        return None
    name = " ".join(tokens)
    if name.isupper():
        name = " ".join(t if len(t.rstrip(".")) <= 1 else t.capitalize() for t in tokens)  # "JANE DOE" -> "Jane Doe"
    return name


def _affiliation(text: str) -> bool:
    """Whether `text` reads as a newsroom or agency ("Reuters", "Staff Writer", "The Daily Planet")."""
    lowered = text.strip(" .").lower()
    if not lowered or len(lowered.split()) > 6:
        return False
    if lowered in KNOWN_AGENCIES:
        return True
    words = text.strip(" .").split()
    return all(w[:1].isupper() or w.lower() in BYLINE_AFFILIATION_WORDS for w in words)


def parse_byline(line: str) -> list[str] | None:
    """The author names of a byline line, or None when the line is not a byline.

    Reads "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Author: Jane
    Doe", "Words by Jane Doe", "Jane Doe, Reuters". "By the end of the year"
    and "By Tuesday, the talks had stalled." are not bylines.
    """
    text = line_core(line.strip())
    if not text or len(text) > 120 or _STRONG_END_RE.search(text.rstrip(".")):
        return None
    prefixed = BYLINE_PREFIX_RE.match(text)
    rest = text[prefixed.end():] if prefixed else text
    rest, *beside = re.split(r"\s+[|•·]\s+|\s+[—–-]\s+", rest)
    if prefixed and len(parts := _WRITES_FOR_RE.split(rest, maxsplit=1)) == 2 and _affiliation(parts[1].rstrip(")")):
        rest = parts[0]
    items = [i for i in _NAME_SPLIT_RE.split(rest) if i and i.strip()]
    if beside and len(beside) == 1 and _newsroom(beside[0]):
        items.append(beside[0])  # "Jane Doe | Staff writer": the desk stands beside the names
    if not items:
        return None
    if prefixed and len(items) == 1 and len(items[0].split()) == 1 and _single_name_byline(items[0]):
        return [items[0].strip(" .")]
    names: list[str] = []
    for position, item in enumerate(items):
        if names and (_newsroom(item) or role_phrase(item)):
            continue  # "Associated Press", "Staff Writer", "Town Clerk": capitalised, but not a person
        name = _name(item)
        if name is not None and position == len(names):
            names.append(name)
        elif names and _affiliation(item):
            continue
        else:
            return None
    if not names:
        return None
    if not prefixed:
        # Without "By", only "Name, Agency" in that exact shape counts.
        after_names = items[len(names):]
        if not after_names or len(text.split()) > 8:
            return None
        if not any(_newsroom(a) for a in after_names):
            return None
    return names


# "Jane Doe in Kyiv", "Jane Doe and John Roe in Washington", "Jane Doe at the Riverside Stadium": where
# the authors filed from (a city, or the ground or venue they report from).
_ARTICLES = {"the", "a", "an"}
_FILED_FROM_RE = re.compile(r"^(?P<names>.+?)\s+(?:in|from|at)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}$")


def parse_filed_byline(text: str) -> list[str] | None:
    """The authors of "Jane Doe in London" (names and where they filed from), else None."""
    return parse_bare_byline(text) if _FILED_FROM_RE.match(line_core(text.strip())) else None


def parse_bare_byline(line: str) -> list[str] | None:
    """The authors of a byline printed without "By": "Jane Doe", "Jane Doe and John Roe in Washington"
    ([] for a desk alone: "Staff Report").

    Only a line standing beside a dateline is read this way (the caller checks):
    a bare name anywhere else is as likely a subheading or a caption.
    """
    text = line_core(line.strip())
    if not text or len(text) > 80 or _STRONG_END_RE.search(text):
        return None
    filed = _FILED_FROM_RE.match(text)
    items = [i for i in _NAME_SPLIT_RE.split(filed.group("names") if filed else text) if i and i.strip()]
    if items and all(_newsroom(item) and item.istitle() for item in items):
        return []  # "Staff Report": a desk signs it, no person
    while len(items) > 1 and (_newsroom(items[-1]) or role_phrase(items[-1])) and _name(items[0]) is not None:
        items.pop()  # "Jane Doe, Staff Writer", "Jane Doe, Town Clerk": the desk or role after the names is no person
    names = [_name(item) for item in items]
    if not names or any(name is None or name.split()[0].lower() in _ARTICLES or BYLINE_PREFIX_RE.match(name)
                        for name in names):
        return None
    return [name for name in names if name is not None]


def desk_line(line: str) -> bool:
    """A line naming only a desk or a role: "Harbour reporter", "Staff Writer", "Political Editor"."""
    text = line_core(line.strip())
    return 0 < len(text.split()) <= 4 and not _STRONG_END_RE.search(text) and (_newsroom(text) or role_phrase(text))


def role_phrase(text: str) -> bool:
    """A job title as printed after a name: "Town Clerk", "senior analyst", "Head of Communications"."""
    words = text.strip(" .").lower().split()
    if not 1 <= len(words) <= 5 or "," in text:
        return False
    if "of" in words[1:-1]:
        words = words[:words.index("of")]  # "Director of Communications", "Head of News": the role comes first
        return words[-1] in ROLE_NOUNS or words[-1] in {"head", "chief"}
    return words[-1] in ROLE_NOUNS


def _single_name_byline(token: str) -> bool:
    # "By Reuters", "By NordWire": an agency as author; "By Tuesday" or "By Then" is not one.
    token = token.strip(" .")
    if token.lower() in KNOWN_AGENCIES:
        return True
    return len(token) >= 4 and token[0].isupper() and any(c.isupper() for c in token[1:]) and token.isalpha()


def _newsroom(text: str) -> bool:
    """An agency, a desk or a newsroom: "Reuters", "Staff Writer", "The Harbour Times", "Channel Nine Newsroom"."""
    words = text.strip(" .").lower().split()
    return bool(words) and (" ".join(words) in KNOWN_AGENCIES or words[-1] in NEWSROOM_WORDS)
