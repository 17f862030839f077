"""Cleaning plain-text news scrapes into headline, metadata and body.

A scraped page as text mixes the article with what surrounded it: the
dateline, the headline and its repeat, a reading time, bylines, ads, share
buttons, link lists, captions, cookie and newsletter prompts, footers. Its
layout varies too: hard-wrapped at 72 columns, one paragraph per line with
no blank lines, text-browser dumps with numbered link references.

`clean_text` works in three passes:

1. Layout: physical lines become logical units (`split_paragraphs`):
   hard-wrapped lines are re-joined, a sentence broken mid-way is mended.
2. Classification: each unit is a dateline, a reading time, a byline, page
   furniture (fixed patterns, see `textclean_patterns`), site template
   (learnt by `SiteTemplates`), or body. Patterns match whole short lines
   only, so a sentence of the story is never taken for furniture.
3. Headline: the first title-like body unit near the top, and any later copy
   of it, leave the body.

Every dropped unit is listed in `CleanText.removed` with its reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsgraph.ingest.bylines import bare_byline, byline_over_story, dateline_names
from newsgraph.ingest.captions import mark_captions
from newsgraph.ingest.closing_lines import close_story, mark_name_lists
from newsgraph.ingest.dateline import find_published, split_dateline
from newsgraph.ingest.headline import find_headline, kicker, title_key, title_shaped
from newsgraph.ingest.linekind import is_prose, is_scrape, item_prefix, judge_lines
from newsgraph.ingest.metadata_lines import (
    BYLINE_PREFIX_RE,
    credit_authors,
    parse_bare_byline,
    parse_byline,
    parse_filed_byline,
    parse_reading_time,
)
from newsgraph.ingest.textclean_patterns import furniture_reason, line_core

if TYPE_CHECKING:
    from newsgraph.ingest.furniture import SiteTemplates

__all__ = ["CleanText", "clean_text", "parse_byline", "parse_reading_time", "split_paragraphs"]


@dataclass(slots=True)
class CleanText:
    """A cleaned scrape: body text plus what was read off the page around it."""

    text: str  # clean body, paragraphs separated by "\n\n"
    headline: str | None
    published: str | None  # ISO 8601, as precise as stated
    byline: list[str] = field(default_factory=list)
    reading_minutes: int | None = None  # as stated on the page, else None
    removed: list[tuple[str, str]] = field(default_factory=list)  # (reason, line) for every dropped line


@dataclass(slots=True)
class _Unit:
    """One logical line: a paragraph of the body or a single line of furniture."""

    text: str
    lines: list[str]  # the physical lines it was joined from
    reason: str | None = None  # why it leaves the body; None while it is body
    blank_after: bool = False  # a blank line follows it in the input

    @property
    def is_body(self) -> bool:
        return self.reason is None


# ---------------------------------------------------------------- layout

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES_RE = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_GAP_RE = re.compile(r"\s*(?: {3,}|\t)\s*")
_ODD_SPACE_RE = re.compile(r"[\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# Items of one row of buttons or links: "Accept all cookies    Manage preferences", "Home | News".
_ROW_SEPARATOR_RE = re.compile(r"\s{3,}|\t|\s+[|•·]\s+")
_SENTENCE_END_RE = re.compile(r"[.!?…:;]['\"’”»)\]]*$")
_STRONG_END_RE = re.compile(r"[.!?…]['\"’”»)\]]*$")


def _physical_lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    # Runs of spaces are kept for now: they separate the items of a row of buttons.
    return [_ODD_SPACE_RE.sub(" ", line).rstrip() for line in text.split("\n")]


def _wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped text is broken at, or None when it is not hard-wrapped.

    Hard-wrapped text has most lines close to one maximum width (40-100
    columns), and those full lines mostly stop mid-sentence.
    """
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if len(lengths) < 6:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 40 <= width <= 100:
        return None
    full = [line.strip() for line in lines if len(line.strip()) >= 0.75 * width]
    over = sum(1 for n in lengths if n > width + 10)
    if len(full) < 4 or len(full) < 0.4 * len(lengths) or over > 0.1 * len(lengths):
        return None
    ending_sentence = sum(1 for line in full if _STRONG_END_RE.search(line))
    return width if ending_sentence <= 0.35 * len(full) else None


def _starts_lower(text: str) -> bool:
    first = text.lstrip("\"'“‘«(")[:1]
    return first.isalpha() and first.islower()


def _furniture_line(text: str) -> str | None:
    """Why a line is furniture: a fixed pattern, a row whose every item is furniture, or a prompt
    after a short teaser ("Want more? Sign up to our newsletter.")."""
    if (reason := furniture_reason(text)) is not None:
        return reason
    items = [i for i in _ROW_SEPARATOR_RE.split(text.strip()) if i.strip()]
    if len(items) >= 2:
        reasons = [furniture_reason(i) for i in items]
        if all(reasons):
            return reasons[0]
    if len(text) > _TEASER_MAX_CHARS:
        return None
    sentences = _SENTENCE_BREAK_RE.split(text.strip())
    if len(sentences) == 2 and len(sentences[0].split()) <= _TEASER_MAX_WORDS and len(sentences[1].split()) >= 4:
        return furniture_reason(sentences[1])
    return None


# A teaser before a prompt is a few words ("Want more?"); a longer sentence before one is the story's.
_TEASER_MAX_WORDS = 3
_TEASER_MAX_CHARS = 300  # a teaser and a prompt; longer lines are the story's (and not worth the split)
_SENTENCE_BREAK_RE = re.compile(r"(?<=[.!?])\s+(?=[\"“‘'(]?[A-Z])")


def _stands_alone(line: str) -> bool:
    # A furniture or metadata line is never part of a paragraph; long lines only when they are links.
    reason = _furniture_line(line)
    if reason is not None and (len(line) <= 60 or reason == "link"):
        return True
    if len(line) > 60:
        return False
    return split_dateline(line) is not None or (BYLINE_PREFIX_RE.match(line) is not None and len(line.split()) <= 6
                                                 and line.split()[1][:1].isupper())


# Words a title or a label never ends with: a line ending in one was broken mid-sentence.
_CONTINUING_WORDS = {
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or", "but", "that",
    "which", "who", "whose", "as", "than", "into", "about", "after", "before", "over", "under", "his", "her",
    "its", "their", "our", "is", "are", "was", "were", "be", "has", "have", "had", "not", "said", "says",
}


def _joins(previous: str, joined_lines: int, line: str, width: int | None, blank_separated: bool) -> bool:
    if _stands_alone(line) or _stands_alone(previous):
        return False
    if (prefix := item_prefix(line)) is not None and prefix == item_prefix(previous):
        return False  # numbered items of one list ("1. ...", "list 2 of 3 ..."), each a line of its own
    if previous.endswith("-") and previous[-2:-1].isalpha() and _starts_lower(line):
        return True  # a word hyphenated at the line end
    if width and len(previous) >= 0.75 * width:
        if blank_separated or not _STRONG_END_RE.search(previous) or _starts_lower(line):
            return True
    if _SENTENCE_END_RE.search(previous) or (joined_lines == 1 and len(previous.split()) < 4):
        return False
    # A sentence broken in the middle: it goes on in lower case, or the line stopped on a comma or a
    # word no sentence ends with (written in lower case: a title's last word "Says" ends the title).
    last_word = previous.rsplit(None, 1)[-1]
    return _starts_lower(line) or previous.endswith(",") or (last_word.islower() and last_word in _CONTINUING_WORDS)


def _join_lines(lines: list[str]) -> str:
    text = lines[0]
    if len(lines) == 1:
        return text
    pieces = [text]
    for previous, line in zip(lines, lines[1:]):
        if previous.endswith("-") and previous[-2:-1].isalpha() and _starts_lower(line):
            pieces.append(line)  # "well-" + "known": keep the hyphen, drop the break
        else:
            pieces.append(" " + line)
    return "".join(pieces)


def _layout(lines: list[str]) -> list[_Unit]:
    width = _wrap_width(lines)
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    gaps = sum(1 for a, b in zip(nonblank, nonblank[1:]) if b - a > 1)
    blank_separated = gaps >= max(2, len(nonblank) // 10)
    units: list[_Unit] = []
    current: _Unit | None = None
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if current is not None:
                current.blank_after = True
            current = None
            continue
        if current is not None and _joins(current.lines[-1].strip(), len(current.lines), stripped, width, blank_separated):
            current.lines.append(line)
            continue
        current = _Unit(stripped, [line])
        units.append(current)
    for unit in units:
        if len(unit.lines) > 1:
            unit.text = _join_lines([line.strip() for line in unit.lines])
    return units


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of a plain text, with its layout repaired.

    Hard-wrapped lines are re-joined into their paragraphs, a line broken
    mid-sentence is mended, and text with one paragraph per line (with or
    without blank lines between) gives one paragraph per line. Whitespace
    inside a paragraph is normalised.
    """
    return [unit.text for unit in _layout(_physical_lines(text))]


# ---------------------------------------------------------------- cleaning

_LINK_MARKER_RE = re.compile(r"\[\d{1,4}\]")
_MARKDOWN_IMAGE_RE = re.compile(r"!\[[^\]\n]*\]\([^)\s]*\)")
_MARKDOWN_LINK_RE = re.compile(r"\[([^\]\n]+)\]\((?:https?://|/|#|mailto:)[^)\s]*(?:\s+\"[^\"]*\")?\)")
# A whole line set in Markdown bold or italics.
_MARKDOWN_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|_)(?=[^\s*_])(.+?)(?<=[^\s*_])\1")
_LYNX_LINK_RE = re.compile(r"^\[\d{1,4}\]\s*(\S.*)$")
_REFERENCES_HEADING_RE = re.compile(r"^(?:references|visible links|hidden links|links)\s*:?$", re.I)
_ENGLISH_MARKERS = {"the", "and", "of", "to", "in", "that", "is", "for", "on", "said", "with", "was"}


def _inline_clean(text: str, *, gaps: bool = False) -> str:
    """The line's words without link markup, spaces collapsed; with `gaps`, a wide gap (three
    spaces or a tab: what separates the items of a menu row) is kept as three spaces."""
    if "[" in text:  # every link and image form starts with one
        text = _MARKDOWN_IMAGE_RE.sub("", text)
        text = _MARKDOWN_LINK_RE.sub(r"\1", text)
        text = _LINK_MARKER_RE.sub("", text)
    if gaps:
        text = "   ".join(_SPACES_RE.sub(" ", part).strip() for part in _GAP_RE.split(text.strip()))
    text = text.strip() if gaps else _SPACES_RE.sub(" ", text).strip()
    if text[:1] in "*_" and (emphasis := _MARKDOWN_EMPHASIS_RE.fullmatch(text)) and emphasis.group(1) not in emphasis.group(2):
        text = emphasis.group(2)  # "**By Jane Doe**", "_4 minutes to read_": the words, not the markup
    return text


def _lynx_link_line(text: str) -> bool:
    """A text-browser link line: "[12]World news", or a row of them."""
    markers = _LINK_MARKER_RE.findall(text)
    if not markers:
        return False
    words = _LINK_MARKER_RE.sub(" ", text).split()
    if len(markers) >= 2:
        return len(words) <= 4 * len(markers) and not _STRONG_END_RE.search(text)
    return bool(_LYNX_LINK_RE.match(text)) and len(words) <= 10 and not _STRONG_END_RE.search(text)


# The lookaheads name each list's first letters: the engine skips other positions at once.
_BRITISH_RE = re.compile(
    r"£|\b(?=[acdfhlmnoprtw])(?:centre|colour|favour|labour|programme|organis\w+|recognis\w+|realis\w+|apologis\w+|defence|licence"
    r"|neighbour\w*|honour\w*|theatre|travelled|whilst|lorry|lorries|council's|mum|mp|mps|nhs)\b",
    re.I,
)
_AMERICAN_RE = re.compile(
    r"\$|\b(?=[acdfghlmnoprst])(?:center|color|favor|labor|program|organiz\w+|recogniz\w+|realiz\w+|apologiz\w+|defense|license"
    r"|neighbor\w*|honor\w*|theater|traveled|truck|trucks|mom|congress|senate|gov\.|sen\.|rep\.)\b",
    re.I,
)


def _guess_language(units: Iterable[_Unit]) -> str | None:
    """"en-GB" or "en" (US usage) for English text, else None: only to order numeric dates."""
    texts = [u.text for u in units][:60]
    words = [w.lower() for t in texts for w in t.split()][:600]
    if len(words) < 20 or sum(1 for w in words if w in _ENGLISH_MARKERS) < 0.08 * len(words):
        return None
    sample = " ".join(texts)[:20_000]
    british, american = len(_BRITISH_RE.findall(sample)), len(_AMERICAN_RE.findall(sample))
    return "en-GB" if british > american else "en"


def _classify(unit: _Unit, state: dict) -> None:
    """Set `unit.reason` when the unit is metadata or furniture; record what it states."""
    raw = " ".join(line.strip() for line in unit.lines)
    if not any(c.isalnum() for c in raw):
        unit.reason = "separator"
        return
    if _lynx_link_line(raw):
        unit.reason = "link"
        return
    text = _inline_clean(unit.text)  # "By [8]Jane Doe" reads as "By Jane Doe"
    if (minutes := parse_reading_time(text)) is not None:
        unit.reason = "reading time"
        state.setdefault("reading_minutes", minutes)
        return
    if (parts := split_dateline(text)) is not None:
        unit.reason = "dateline"
        named = False
        for part in parts:
            if part.date is None:
                if (minutes := parse_reading_time(part.text)) is not None:
                    state.setdefault("reading_minutes", minutes)
                elif (names := parse_byline(part.text) or parse_filed_byline(part.text)) is None:
                    # "Jane Doe | March 5, 2024": a bare name beside the date, weighed once the story is known.
                    if len(parts) > 1 and not state.get("dateline_named") and (bare := parse_bare_byline(part.text)):
                        state.setdefault("dateline_names", []).append(bare)
                else:
                    # "By Jane Doe | ...", "Jane Doe in London | ..."; only the first dateline that names
                    # anyone: later ones head readers' replies ("Post by A » time").
                    if not state.get("dateline_named"):
                        state["byline"].extend(names)
                        named = True
        state["dateline_named"] = state.get("dateline_named") or named
        return
    if (names := parse_byline(text)) is not None:
        unit.reason = "byline"
        state["byline"].extend(names)
        return
    if (names := credit_authors(text)) is not None:
        unit.reason = "credits"
        state["credits"].extend(names)
        return
    if (reason := _furniture_line(unit.text) or _furniture_line(text)) is not None:
        unit.reason = reason
        return
    templates, site = state["templates"], state["site"]
    if templates is not None and all(templates.is_template(site, line) for line in unit.lines):
        unit.reason = "template"


_HEADING_MARKS = frozenset(":>›»|/")
_METADATA_REASONS = frozenset({"dateline", "byline", "reading time"})


def _mark_structures(units: list[_Unit]) -> None:
    """Furniture that shows only in context: navigation menus and link-reference headings."""
    run: list[_Unit] = []

    def close_run() -> None:
        if len(run) >= 4:
            for member in run:
                member.reason = "navigation"
        run.clear()

    for unit in units:
        short_item = unit.is_body and len(line_core(unit.text).split()) <= 2 and len(unit.text) <= 25 and not _SENTENCE_END_RE.search(unit.text)
        if short_item:
            run.append(unit)
        else:
            close_run()
    close_run()
    for unit, following in zip(units, units[1:]):
        if unit.is_body and _REFERENCES_HEADING_RE.match(unit.text) and following.reason == "link":
            unit.reason = "link"
    # Under a bare "Related articles" heading come the linked headlines: title-like lines, no sentences.
    # ("Top Stories > Business" is a trail, not a heading: the headline follows it.)
    # A title right above a byline or dateline is the story's own headline: the list ended above it.
    for index, unit in enumerate(units):
        if unit.reason == "related link" and not _HEADING_MARKS.intersection(unit.text) and len(unit.text.split()) <= 4:
            for position, following in enumerate(units[index + 1 :], start=index + 1):
                text = following.text
                if position + 1 < len(units) and units[position + 1].reason in _METADATA_REASONS:
                    break
                if following.is_body and title_shaped(text) and not _STRONG_END_RE.search(text) and len(text.split()) <= 20:
                    following.reason = "related link"
                elif following.is_body:
                    break


_HEADER_FIELD_RE = re.compile(r"^(?:From \S+@\S+\s|[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*:\s)")
_MAIL_FIELDS = ("date:", "from:", "subject:")
_MAIL_HEADER_MIN_FIELDS = 4


def _mail_headers(units: list[_Unit]) -> None:
    """An e-mail's header block at the top (RFC 2822 "Field: value" lines, folded lines joined to
    theirs, an mbox "From " line): every field is furniture but those read for metadata."""
    block = []
    for unit in units:
        if not _HEADER_FIELD_RE.match(unit.lines[0].strip()):
            break
        block.append(unit)
    names = {unit.lines[0].strip().split(None, 1)[0].casefold() for unit in block}
    if len(block) < _MAIL_HEADER_MIN_FIELDS or not names.intersection(_MAIL_FIELDS):
        return
    for unit in block:
        # The subject stays for the headline to be read off (it leaves as the headline).
        if unit.is_body and not unit.lines[0].strip().casefold().startswith("subject:"):
            unit.reason = "e-mail header"
    # The signature delimiter ("-- " on a line of its own, RFC 3676): what follows it is the sender's.
    rest = units[len(block):]
    delimiter = next((i for i, unit in enumerate(rest) if unit.lines[0].rstrip() == "--"), None)
    if delimiter is not None and any(unit.is_body for unit in rest[:delimiter]):
        for unit in rest[delimiter + 1:]:
            if unit.is_body:
                unit.reason = "signature"


def _replies(units: list[_Unit]) -> None:
    """Below the story, a post header that names the story again ("Re: Title" over a poster and a
    time, as forums and comment threads print a reply; "3 thoughts on “Title”" over one) opens the
    readers' part: what follows is theirs."""
    prose_seen = False
    for index, unit in enumerate(units[:-1]):
        prose_seen = prose_seen or (unit.is_body and is_prose(_inline_clean(unit.text)))
        # The poster's name may stand between them: "3 thoughts on “Title”", "Tor says:", a time.
        near = units[index + 1:index + 3]
        if prose_seen and unit.reason == "headline mention" and any(u.reason == "dateline" for u in near):
            for later in units[index + 1:]:
                if later.is_body:
                    later.reason = "comment"
            return


# At most this many of the site's shared long lines in a row at the page's top or bottom are furniture:
# a longer run is more likely the story itself, shared by versions of it.
_EDGE_MAX_UNITS = 3


def _edge_lines(units: list[_Unit], templates: SiteTemplates | None, site: str | None) -> None:
    """Long lines printed on nearly every page of the site are furniture where they stand outside
    the story: above its first paragraph of its own or below its last (a disclaimer, a footer)."""
    if templates is None or not site:
        return
    body = [i for i, unit in enumerate(units) if unit.is_body]
    edge = [i for i in body if all(templates.is_edge_template(site, line) for line in units[i].lines)]
    if not edge:
        return
    story = [i for i in body if i not in edge and is_prose(_inline_clean(units[i].text))]
    if len(story) < 2:
        return  # the page is mostly what the site's other pages print too: judge none of it
    for run in ([i for i in edge if i < story[0]], [i for i in edge if i > story[-1]]):
        if len(run) <= _EDGE_MAX_UNITS:
            for i in run:
                units[i].reason = "template"


def clean_text(
    text: str,
    *,
    templates: SiteTemplates | None = None,
    site: str | None = None,
    language: str | None = None,
    headline_hint: str | None = None,
) -> CleanText:
    """Clean one plain-text scrape: body paragraphs, headline, dateline, byline, reading time.

    `templates` (with the document's `site`) adds the furniture learnt for that
    site; `language` (an ISO 639-1 code or a tag like "en-GB") decides the
    day/month order of a numeric dateline when nothing else does;
    `headline_hint` is the title the container states (a JSONL field), used to
    find the headline line and its repeats.
    """
    units = _layout(_physical_lines(text))
    state: dict = {"byline": [], "credits": [], "templates": templates, "site": site}
    for unit in units:
        _classify(unit, state)
    _mail_headers(units)
    if not state["byline"]:
        dateline_names(units, state, _inline_clean)
    if not state["byline"]:
        bare_byline(units, state, _inline_clean)
    if not state["byline"]:
        byline_over_story(units, state, _inline_clean)
    _mark_structures(units)

    lang = language or _guess_language(u for u in units if u.is_body)
    # Every unit goes in: only dateline lines can be chosen, and the others' numeric dates
    # are evidence for the day/month order of an ambiguous one.
    published, _ = find_published([u.text for u in units], language=lang)

    metadata = {i for i, u in enumerate(units) if u.reason in {"dateline", "byline", "reading time"}}
    scrape = is_scrape(sum(1 for u in units if u.reason not in (None, "separator")))
    texts = [_inline_clean(u.text, gaps=True) for u in units]  # a menu's items stay apart for judging
    # A first judgement keeps buttons and link lines out of the headline's way.
    suspects = judge_lines(texts, [u.reason for u in units], scrape=scrape)
    choice = find_headline(units, metadata, headline_hint, suspects)
    headline_index, confirmed = choice.index, choice.confirmed
    # A headline right above the byline/dateline block: what stands above it is the page's header.
    metadata_neighbours = {m - 1 for m in metadata} | {m - 2 for m in metadata if units[m - 1].reason is not None}
    headline = None
    if headline_index is not None:
        headline = _inline_clean(choice.text or units[headline_index].text)
        if confirmed:
            units[headline_index].reason = "headline"
            key = title_key(headline)  # "Subject: Title" is repeated as "Title"
            for unit in units:
                if unit is units[headline_index] or not unit.is_body:
                    continue
                unit_key = title_key(unit.text)
                if unit_key == key:
                    unit.reason = "headline repeat"
                elif f" {key} " in f" {unit_key} " and len(unit_key.split()) - len(key.split()) <= 6:
                    unit.reason = "headline mention"  # "12 Responses to “Title”", "Share “Title”"
            # The copy of the headline right above the byline block tops the story (a "Subject:" line
            # above a greeting, then the title again over the byline): what is above it is header.
            top = max((i for i, unit in enumerate(units) if i in metadata_neighbours
                       and unit.reason in ("headline", "headline repeat")), default=headline_index)
            for index, unit in enumerate(units[:top]):
                if unit.is_body and (kicker(unit.text) or top in metadata_neighbours and index != headline_index):
                    unit.reason = "page header"
    protected = frozenset({headline_index}) if headline_index is not None else frozenset()
    for index, reason in judge_lines(texts, [u.reason for u in units], scrape=scrape, protected=protected).items():
        units[index].reason = reason

    _edge_lines(units, templates, site)
    _replies(units)
    close_story(units)
    if scrape:  # a clean text's short lines are its own
        mark_name_lists(units, _inline_clean)
        mark_captions(units, _inline_clean)

    paragraphs: list[str] = []
    removed: list[tuple[str, str]] = []
    for unit in units:
        if unit.reason is not None:
            removed.append((unit.reason, unit.text))
            continue
        cleaned = _inline_clean(unit.text)
        if cleaned:
            paragraphs.append(cleaned)
    # Wire credits name the reporters; they stand in for a byline the page does not print.
    byline = list(dict.fromkeys(state["byline"] or state["credits"]))
    return CleanText(
        text="\n\n".join(paragraphs),
        headline=headline or None,
        published=published,
        byline=byline,
        reading_minutes=state.get("reading_minutes"),
        removed=removed,
    )
