"""Publication date of a news page: the date the page shows its reader, checked against its metadata.

News pages state their date several times, and the statements disagree more often
than one would hope: JSON-LD and Open Graph give the first publication as a UTC
instant, the byline shows the local date (often the date of the last update), the
URL path carries the day the story was filed, and related-story teasers and image
captions carry dates of their own. What a reader (and the NAEB gold) takes as the
page's date is the one shown under the headline, so the rules are, in order:

1. The dateline: a <time> element or a short date text just after the headline
   (or just above it), in English or a few other languages. Of several, the one
   that is exactly the metadata's publication time, else one labelled
   "Published"/"Posted", else the first shown that is not labelled "Updated":
   `published` means first publication, so an update time is never taken for it,
   even where a page shows only its update time.
2. Its precise value: the <time datetime> behind it, else the metadata value
   for that day, re-expressed in the page's local offset when the page reveals
   it (a UTC instant 03:00Z shown as "December 22, 10:00 PM" is 22:00-05:00), so
   the date part is the reader's date and the instant stays exact. When the page
   has date metadata and none of it comes within a day of the dateline, the
   dateline is taken for a stray date (a teaser, a caption) and ignored.
3. Without a dateline: the article's own datePublished (its JSON-LD object, not
   the WebPage or a related story), then the publication meta tags; when these
   disagree about the day, the one the URL's date agrees with.
4. Without a dateline or date metadata: the URL's date, then the caller's guess
   (htmldate).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime

from lxml import etree
from lxml import html as lxml_html

from newsgraph.lexicon import MONTH_ABBREVIATIONS_EN, MONTH_NAMES_BY_LANGUAGE

# Publication-date meta tags, most specific first.
PUBLISHED_META_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "pub_date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "date",
    "parsely-pub-date",
    "article.published",
    "og:published_time",
)
MODIFIED_META_KEYS = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
)
# How much visible text after the headline may hold the dateline: bylines,
# share buttons and a lead-image caption come before it on many sites.
DATELINE_WINDOW_CHARS = 600
# ... and how much before it: a kicker line "Film News Dec 23, 2023 5:06pm PT" above the
# headline, but not the date of the day in the site's masthead.
DATELINE_WINDOW_BEFORE_CHARS = 100
# A text node longer than the date by more than this is a sentence that mentions
# a date ("pictured in Albany on December 20"), not a dateline.
DATELINE_MAX_EXTRA_CHARS = 45

# Month names a dateline may use (newsgraph.lexicon): English with its abbreviations, and the
# full names (genitive where the language declines them) of the other languages the project reads most.
_MONTHS: dict[str, int] = {
    name: number
    for names in (MONTH_ABBREVIATIONS_EN, *MONTH_NAMES_BY_LANGUAGE.values())
    for number, name in enumerate(names, start=1)
} | {"sept": 9, "jänner": 1}
_MONTH_WORD = r"(?P<month>[^\W\d_]{3,10})\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TEXT_DATES = (
    # December 19, 2023 / Dec. 19 2023 / Dec 19th, 2023
    re.compile(rf"\b{_MONTH_WORD}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b"),
    # 19 December 2023 / 19 Dec, 2023 / 19. Dezember 2023 / 19 de diciembre de 2023 / 19 грудня 2023
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?:de\s+)?{_MONTH_WORD},?\s+(?:de\s+)?{_YEAR}\b"),
    # 2023-12-19
    re.compile(rf"\b{_YEAR}-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    # 12/19/2023, 19.12.2023 (see _match_day for which number is the month)
    re.compile(rf"\b(?P<first>\d{{1,2}})(?P<sep>[/.-])(?P<second>\d{{1,2}})(?P=sep){_YEAR}\b"),
    # 2023年12月19日
    re.compile(rf"{_YEAR}年(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})日"),
)
# Machine-written forms seen in meta tags besides ISO 8601: "2023 12 22 22:20:00", "2023/12/22".
_META_YMD = re.compile(r"^(?P<year>(?:19|20)\d\d)[ /.](?P<month>\d{1,2})[ /.](?P<day>\d{1,2})\b")
_EPOCH_SECONDS = re.compile(r"^1\d{9}$")
_CLOCK = re.compile(r"\b(?P<hour>[012]?\d)[:.](?P<minute>[0-5]\d)(?::[0-5]\d)?\s*(?P<half>[ap]\.?\s?m\b\.?)?", re.IGNORECASE)
_UPDATED_LABEL = re.compile(r"\b(?:updated?|last\s+updated|modified|edited|refreshed)\b", re.IGNORECASE)
_PUBLISHED_LABEL = re.compile(r"\b(?:published|posted|first\s+published|created|released|date)\b", re.IGNORECASE)
_URL_DATES = (
    re.compile(r"/(?P<year>(?:19|20)\d\d)[/-](?P<month>\d{1,2})[/-](?P<day>\d{1,2})(?:/|-|$)"),
    re.compile(rf"/{_YEAR}/{_MONTH_WORD}/(?P<day>\d{{1,2}})(?:/|$)"),
    re.compile(r"/(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)(?:/|-|_|\.|$)"),
)
# Compiled once; a bare attribute test is several times cheaper than one comparing values.
_ITEMPROP_NODES = etree.XPath("//*[@itemprop]")
_SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg", "button", "select", "figcaption"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class Dateline:
    """A date shown to the reader near the headline."""

    day: date
    clock: time | None = None  # the local time shown beside it, if any
    stated: str | None = None  # the <time datetime> value behind it, normalised
    label: str | None = None  # "published" or "updated" when the page says which
    other_reading: date | None = None  # 12/05 vs 05/12: the day-month swap of an ambiguous date


@dataclass(slots=True)
class PageDates:
    published: list[str] = field(default_factory=list)  # normalised ISO, most trusted first
    modified: list[str] = field(default_factory=list)
    datelines: list[Dateline] = field(default_factory=list)
    url_date: date | None = None


def collect_dates(
    tree: lxml_html.HtmlElement,
    *,
    meta: dict[str, str],
    json_ld: list[dict],
    url: str | None,
    headline_node: lxml_html.HtmlElement | None,
) -> PageDates:
    """Every statement of the page's date: metadata, the dateline under the headline, the URL."""
    dates = PageDates()
    for item in _article_first(json_ld, url):
        _add(dates.published, item.get("datePublished"))
        _add(dates.modified, item.get("dateModified"))
    for key in PUBLISHED_META_KEYS:
        _add(dates.published, meta.get(key))
    for key in MODIFIED_META_KEYS:
        _add(dates.modified, meta.get(key))
    for node in _ITEMPROP_NODES(tree):
        prop = node.get("itemprop", "").lower()
        if prop in ("datepublished", "datemodified"):
            value = node.get("content") or node.get("datetime")
            _add(dates.published if prop == "datepublished" else dates.modified, value)
    for node in tree.iter("time"):
        if node.get("datetime") and ("pubdate" in node.attrib or "publish" in (node.get("class") or "").lower()):
            _add(dates.published, node.get("datetime"))
    if headline_node is not None:
        dates.datelines = find_datelines(headline_node)
    dates.url_date = url_date(url)
    return dates


def choose_published(dates: PageDates, *, guess: Callable[[], str | None] | None = None) -> str | None:
    """The page's date as ISO 8601 (see the module docstring for the order of evidence)."""
    _settle_readings(dates)
    dateline = _preferred_dateline(dates)
    if dateline is not None:
        chosen = _on_dateline(dateline, dates)
        if chosen:
            return chosen
    if dates.published:
        return _agreeing_with_url(dates.published, dates.url_date)
    if dates.url_date is not None:
        return dates.url_date.isoformat()
    guessed = guess() if guess is not None else None
    return normalise_date(guessed) if guessed else None


# ---- the dateline ----------------------------------------------------------------


def find_datelines(headline_node: lxml_html.HtmlElement) -> list[Dateline]:
    """Dates shown just after the headline (bylines), then just before it (kickers), in page order."""
    after = _within_budget(_pieces_after(headline_node), DATELINE_WINDOW_CHARS)
    before = _within_budget(_pieces_before(headline_node), DATELINE_WINDOW_BEFORE_CHARS)
    return _read_datelines(after) + _read_datelines(reversed(before))


_Piece = str | lxml_html.HtmlElement  # a visible text run, or a <time> element


def _within_budget(pieces: Iterator[_Piece], budget: int) -> list[_Piece]:
    taken: list[_Piece] = []
    chars = 0
    for piece in pieces:
        taken.append(piece)
        chars += len(piece.strip() if isinstance(piece, str) else piece.text_content().strip())
        if chars > budget:
            break
    return taken


def _pieces_after(headline_node: lxml_html.HtmlElement) -> Iterator[_Piece]:
    """The page in reading order from the end of the headline: its tail, its following
    siblings, then each ancestor's tail and following siblings (only as far as consumed)."""
    node = headline_node
    while node is not None:
        if node.tail and node.tail.strip():
            yield node.tail
        for sibling in node.itersiblings():
            yield from _pieces_of(sibling)
        node = node.getparent()


def _pieces_before(headline_node: lxml_html.HtmlElement) -> Iterator[_Piece]:
    """The page in reverse reading order from the start of the headline."""
    node = headline_node
    while node is not None:
        for sibling in node.itersiblings(preceding=True):
            yield from reversed(list(_pieces_of(sibling)))
        parent = node.getparent()
        if parent is not None and parent.text and parent.text.strip():
            yield parent.text
        node = parent


def _pieces_of(element: lxml_html.HtmlElement) -> Iterator[_Piece]:
    """Visible text runs and <time> elements of one element and its tail, in reading order."""
    if not isinstance(element.tag, str):  # a comment or processing instruction: only its tail shows
        if element.tail and element.tail.strip():
            yield element.tail
        return
    walker = etree.iterwalk(element, events=("start", "end", "comment", "pi"))
    for event, node in walker:
        if event == "start":
            tag = node.tag.lower() if isinstance(node.tag, str) else ""
            if tag == "time":
                yield node
                walker.skip_subtree()
            elif tag in _SKIPPED_TAGS:
                walker.skip_subtree()
            elif node.text and node.text.strip():
                yield node.text
        elif node.tail and node.tail.strip():  # "end", or a comment / processing instruction
            yield node.tail


def _read_datelines(pieces: Iterable[_Piece]) -> list[Dateline]:
    found: list[Dateline] = []
    pending_label: str | None = None
    for piece in pieces:
        if isinstance(piece, str):
            pending_label = _scan(piece, pending_label, found)
        else:
            dateline = _time_element(piece, pending_label)
            if dateline is not None:
                found.append(dateline)
            pending_label = None
    return found


def _scan(text: str | None, pending_label: str | None, found: list[Dateline]) -> str | None:
    """A short text node holding a date is a dateline; a bare label applies to the next date."""
    if not text or not text.strip():
        return pending_label
    text = _SPACES.sub(" ", text).strip()
    match, day = _text_date(text)
    if day is None:
        # "Published:" in its own <span>, the date in the next one.
        label = _label(text) if len(text) <= 30 else None
        return label or (pending_label if len(text) <= 30 else None)
    if len(text) - (match.end() - match.start()) > DATELINE_MAX_EXTRA_CHARS:
        return None
    label = _label(text[: match.start()]) or pending_label
    found.append(Dateline(day=day, clock=_clock(text, match), label=label, other_reading=_other_reading(match, day)))
    return None


def _time_element(node: lxml_html.HtmlElement, pending_label: str | None) -> Dateline | None:
    shown = _SPACES.sub(" ", node.text_content()).strip()
    stated = normalise_date(node.get("datetime") or "") if node.get("datetime") else None
    match, day = _text_date(shown)
    label = _label(shown[: match.start()] if match else shown) or pending_label
    if day is None:
        if stated is None:
            return None
        day = _day_of(stated)
        if day is None:
            return None
        # A clock-only display ("1:23 PM") shows the stated local time.
        return Dateline(day=day, clock=None, stated=stated, label=label)
    return Dateline(
        day=day, clock=_clock(shown, match), stated=stated, label=label, other_reading=_other_reading(match, day)
    )


def _settle_readings(dates: PageDates) -> None:
    """Read an ambiguous numeric dateline the way the metadata agrees with, when only that way does."""
    metadata = dates.published + dates.modified
    for dateline in dates.datelines:
        swapped = dateline.other_reading
        if swapped is None:
            continue
        if not any(_days_apart(v, dateline.day) <= 1 for v in metadata) and any(
            _days_apart(v, swapped) <= 1 for v in metadata
        ):
            dateline.day, dateline.other_reading = swapped, dateline.day


def _preferred_dateline(dates: PageDates) -> Dateline | None:
    """The dateline that is exactly the metadata's publication time, then one labelled as the
    publication date, then the first shown: a page showing "Fri 22 Dec 18.08 CET / First
    published on Thu 21 Dec" means the first by its datePublished of 22 Dec 17:08 UTC."""
    for dateline in dates.datelines:
        if any(_on_day(value, dateline, dates.published, exact=True) for value in dates.published):
            return dateline
    for dateline in dates.datelines:
        if dateline.label == "published":
            return dateline
    return next((d for d in dates.datelines if d.label != "updated"), None)


def _on_dateline(dateline: Dateline, dates: PageDates) -> str | None:
    """The dateline's day as precisely as the page states it: its own <time datetime>, or the
    metadata value for that day, in the page's local offset when the page reveals it.

    None when the metadata names only other days: the date under the headline is then
    more likely a stray one (a teaser, a caption) than the metadata wrong.
    """
    metadata = dates.published + dates.modified
    stated = dateline.stated if dateline.stated and _day_of(dateline.stated) == dateline.day else None
    if not metadata:
        return stated or dateline.day.isoformat()
    if not any(_days_apart(value, dateline.day) <= 1 for value in metadata):
        return None
    if stated and _has_time(stated):
        return stated
    for exact in (True, False):
        for value in metadata:
            local = _on_day(value, dateline, metadata, exact=exact)
            if local:
                return local
    return stated or dateline.day.isoformat()


def _days_apart(value: str, day: date) -> int:
    value_day = _day_of(value)
    return abs((value_day - day).days) if value_day else 10_000


def _on_day(value: str, dateline: Dateline, all_values: list[str], *, exact: bool) -> str | None:
    """`value` as the dateline's day: itself, the same instant in the local offset, or (not
    `exact`) the bare day when a UTC instant and the local date are a day apart."""
    parsed = _parse(value)
    if parsed is None:
        return None
    if not isinstance(parsed, datetime):
        return value if parsed == dateline.day else None
    if parsed.date() == dateline.day:
        return value
    if abs((parsed.date() - dateline.day).days) > 1:
        return None
    if parsed.tzinfo is not None:
        # The same instant stated elsewhere with the local offset.
        for other in all_values:
            other_parsed = _parse(other)
            if (isinstance(other_parsed, datetime) and other_parsed.tzinfo is not None
                    and other_parsed == parsed and other_parsed.date() == dateline.day):
                return other
        if dateline.clock is not None:
            offset = _local_offset(parsed, dateline.day, dateline.clock)
            if offset is not None:
                return parsed.astimezone(offset).isoformat()
    if exact:
        return None
    # The right day, but the page does not say its offset: the date alone is exact.
    return dateline.day.isoformat()


def _local_offset(instant: datetime, day: date, clock: time) -> timezone | None:
    """The UTC offset under which `instant` reads as `day` at `clock`, when it is a plausible one."""
    shown = datetime.combine(day, clock, tzinfo=timezone.utc)
    actual = instant.astimezone(timezone.utc).replace(second=0, microsecond=0)
    minutes = (shown - actual).total_seconds() / 60
    quarter_hours = round(minutes / 15)
    if abs(minutes - quarter_hours * 15) > 2 or abs(quarter_hours) > 14 * 4:
        return None
    return timezone(timedelta(minutes=quarter_hours * 15))


# ---- metadata --------------------------------------------------------------------


def _article_first(json_ld: list[dict], url: str | None) -> list[dict]:
    """The page's own article before WebPage wrappers and other stories' objects."""

    def rank(item: dict) -> tuple[int, int]:
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        is_article = any(isinstance(k, str) and ("article" in k.lower() or "posting" in k.lower()) for k in kinds)
        own_url = any(_same_url(item.get(key), url) for key in ("url", "@id", "mainEntityOfPage"))
        return (0 if own_url else 1, 0 if is_article else 1)

    return sorted(json_ld, key=rank)


def _same_url(value: object, url: str | None) -> bool:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    if not isinstance(value, str) or not url:
        return False
    return _bare_url(value) == _bare_url(url)


def _bare_url(url: str) -> str:
    url = re.sub(r"^https?://(www\.)?", "", url.strip().lower())
    return url.split("#")[0].split("?")[0].rstrip("/")


def _agreeing_with_url(values: list[str], from_url: date | None) -> str:
    """The first value, unless the values disagree about the day and the URL sides with a later one."""
    if from_url is not None and _day_of(values[0]) != from_url:
        for value in values[1:]:
            if _day_of(value) == from_url:
                return value
    return values[0]


def url_date(url: str | None) -> date | None:
    """A full date in the URL path (/2023/12/21/, /2023/dec/21/, /20231221/)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.IGNORECASE).split("?")[0]
    for pattern in _URL_DATES:
        match = pattern.search(path)
        if match:
            month = match.group("month")
            month_number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
            try:
                return date(int(match.group("year")), month_number or 0, int(match.group("day")))
            except ValueError:
                continue
    return None


def _add(values: list[str], raw: object) -> None:
    if isinstance(raw, list) and raw:
        raw = raw[0]
    if not isinstance(raw, str) or not raw.strip():
        return
    normalised = normalise_date(raw)
    if normalised and normalised not in values:
        values.append(normalised)


# ---- parsing ---------------------------------------------------------------------


def normalise_date(value: str) -> str | None:
    """ISO 8601 as precise as stated: a date, or a datetime with its offset when the page gives one."""
    value = value.strip()
    if not _ISO_DATE.match(value):
        return _parse_loose_date(value)
    candidate = value.replace("Z", "+00:00").replace(" ", "T", 1)
    candidate = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", candidate)  # +0100 -> +01:00
    candidate = re.sub(r"\.\d+(?=[+-]|$)", "", candidate)  # drop fractions of a second
    try:
        parsed = datetime.fromisoformat(candidate)
    except ValueError:
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    if len(candidate) <= 10:
        return parsed.date().isoformat()
    if parsed.hour == 0 and parsed.minute == 0 and parsed.second == 0 and parsed.tzinfo is None:
        return parsed.date().isoformat()
    return parsed.isoformat()


def _parse_loose_date(value: str) -> str | None:
    """Other ways meta tags write a date ("December 17, 2023", RFC 2822, epoch seconds); the date part."""
    if not value or len(value) > 60:
        return None
    if _EPOCH_SECONDS.match(value):
        return datetime.fromtimestamp(int(value), tz=timezone.utc).date().isoformat()
    if not re.search(r"\d{4}", value):
        return None
    match = _META_YMD.match(value)
    if match:
        day = _match_day(match)
        return day.isoformat() if day else None
    _, day = _text_date(value)
    if day is not None:
        return day.isoformat()
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # slow to import and to run; few pages get this far

    parsed = dateparser.parse(value, settings={"STRICT_PARSING": True, "PARSERS": ["custom-formats", "absolute-time"]})
    return parsed.date().isoformat() if parsed else None


def _text_date(text: str) -> tuple[re.Match | None, date | None]:
    for pattern in _TEXT_DATES:
        for match in pattern.finditer(text):
            day = _match_day(match)
            if day is not None:
                return match, day
    return None, None


def _match_day(match: re.Match) -> date | None:
    """The date a pattern matched. Numeric dates: day first with dots (19.12.2023), month
    first with slashes and hyphens (12/19/2023) unless the first number cannot be a month."""
    groups = match.groupdict()
    year = int(groups["year"])
    if "first" in groups:
        first, second = int(groups["first"]), int(groups["second"])
        day_first = groups["sep"] == "." or first > 12
        day, month = (first, second) if day_first else (second, first)
    else:
        month_text = groups["month"]
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
        if month is None:
            return None
        day = int(groups["day"])
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _other_reading(match: re.Match, day: date) -> date | None:
    """The day-month swap of an ambiguous numeric date (05/12/2023), for the metadata to decide."""
    groups = match.groupdict()
    if "first" not in groups or int(groups["first"]) > 12 or int(groups["second"]) > 12 or day.day == day.month:
        return None
    return date(day.year, day.day, day.month)


def _clock(text: str, date_match: re.Match) -> time | None:
    """The time of day written beside a date ("5:30 AM", "18.08"), not inside it ("22.12.2023")."""
    text = text[: date_match.start()] + " " + text[date_match.end():]
    match = _CLOCK.search(text)
    if not match:
        return None
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    half = (match.group("half") or "").lower()
    if half.startswith("p") and hour < 12:
        hour += 12
    elif half.startswith("a") and hour == 12:
        hour = 0
    return time(hour, minute) if hour < 24 else None


def _label(text: str) -> str | None:
    # The label nearest the date decides ("Published ... Updated: <date>").
    updated = [m.end() for m in _UPDATED_LABEL.finditer(text)]
    published = [m.end() for m in _PUBLISHED_LABEL.finditer(text)]
    if not updated and not published:
        return None
    return "updated" if max(updated, default=-1) > max(published, default=-1) else "published"


def _parse(value: str | None) -> date | datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    except ValueError:
        return None


def _day_of(value: str | None) -> date | None:
    parsed = _parse(value)
    return parsed.date() if isinstance(parsed, datetime) else parsed


def _has_time(value: str) -> bool:
    return "T" in value
