"""Which lines of a scrape are page furniture, from general evidence rather than phrase lists.

Fixed patterns (`textclean_patterns`) know the furniture worded the usual
ways; a site never seen before words it its own way. What gives such a line
away is its shape and its place, whatever its words:

- shape: article text is made of sentences (they end in a full stop, a
  question mark or a closing quote); furniture is labels, titles and buttons
  (no final stop, title case or capitals, a row of items separated by bars
  or dots, an arrow or bullet before a linked title, a clock like ``02:31``);
- voice: a report does not speak to its reader or about itself; a line that
  says "you"/"your" or "we"/"our" outside quotation marks together with a
  word for the page itself ("article", "newsletter", "app") is the site
  talking, and so is a line that opens with a call to action ("Read",
  "Watch", "Tap to ...") and does not end as a sentence;
- place: the story runs from its first to its last paragraph of prose; what
  stands before it is the page header (headline, metadata, banners), what
  comes after it the page footer;
- repetition: a sentence of the story printed again as a line of its own is a
  pull quote.

Evidence that only counts on a page scrape (a line without a final stop, a
capitalised label) is used only when the document shows page furniture by
strong evidence already (`is_scrape`): a clean text keeps its short lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.ingest.linekind_lexicon import ACTION_VERBS, READER_WORDS, SITE_NOUNS, SITE_WORDS

__all__ = ["LineShape", "is_prose", "is_scrape", "is_site_name", "item_prefix", "judge_lines", "line_shape", "name_key",
           "names_site", "sentence_end", "site_names"]

_SENTENCE_END_RE = re.compile(r"[.!?…]['\"’”»)\]]*$")
_WORD_RE = re.compile(r"[^\W_][\w'’.-]*")
# A clock or duration standing alone, not a time of day: "02:31", "0:00 / 8:23", "(03:21)".
_DURATION_RE = re.compile(r"(?<![\w:])\d{1,2}:\d{2}(?::\d{2})?(?![\w:])(?!\s*(?:[ap]\.?\s?m\b|h\b|gmt|utc|[a-z]{2,4}t\b))", re.I)
_MINUTES_NOTE_RE = re.compile(r"\(\s*\d{1,3}\s*(?:min|mins|minutes|sec|s)\.?\s*\)", re.I)
_ROW_SPLIT_RE = re.compile(r"\s+[|·•]\s+|\s{3,}|\t")
# A pull quote is at least this many words long, or a whole shorter sentence of the story (at least
# three words) set in quotation marks on a line of its own: "“Opponents were unconvinced.”".
_QUOTE_RUN = 6
_SHORT_QUOTE_WORDS = 3
_CRUMB_SPLIT_RE = re.compile(r"\s+[>›]\s+")
# "News / World / US": a slash splits words as often as a trail, so it takes three crumbs.
_SLASH_CRUMB_SPLIT_RE = re.compile(r"\s+/\s+")
_LINK_MARKS = "→»«›‹▶►▸▹•◆■▪➤➔⇒"
_QUOTES = "\"'“”‘’«»„"
_BANNER_MAX_WORDS = 30
_ITEM_PREFIX_WORDS = 4
_DIGITS_RE = re.compile(r"\d+")
_NAME_KEY_RE = re.compile(r"[\W_]+")
# Shorter keys ("cnn", "ap") would be found inside ordinary words.
_MIN_NAME_KEY = 6
_HANDLE_RE = re.compile(r"(?<![\w@])@(\w+)")
_HOST_RE = re.compile(r"(?:https?://|www\.|\w@)(?:www\.)?([a-z0-9-]+)\.[a-z]{2,}", re.I)
_COPYRIGHT_HOLDER_RE = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*([^\W\d][^.|,;]{3,60})", re.I)
_QUOTED_SPAN_RE = re.compile(r"[\"“][^\"“”]*[\"”]|‘[^‘’]*’(?!\w)")
_LABEL_RE = re.compile(r"^([^\W\d_][\w'’ -]{0,30}?)\s*[:|]\s+(\S.*)$")
# A label with its date: "Correction, Sept. 16, 2016: An earlier version of this article ...".
_DATED_LABEL_RE = re.compile(r"^[^\W\d_]+,\s+[^:]{0,24}\d[^:]{0,8}:\s+")
_SELF_REFERENCE_RE = re.compile(
    r"^(?:an?\s+|the\s+)?(?:earlier\s+|previous\s+)?(?:this|the|an?\s+earlier|a\s+previous)\s+"
    r"(?:version\s+of\s+(?:this|the)\s+)?(?:article|story|post|report|page|piece|item|video|interview|column)\b",
    re.I,
)


def sentence_end(text: str) -> bool:
    """Whether the line ends as a sentence does: a stop, a question or exclamation mark, a closing quote.

    A word or two trailing off ("Loading...", "Read more…") is a button, not a sentence."""
    text = text.rstrip()
    if text.endswith(("...", "…")) and len(text.split()) <= 3:
        return False
    return bool(_SENTENCE_END_RE.search(text))


@dataclass(frozen=True, slots=True)
class LineShape:
    """What a line looks like, whatever its words."""

    words: int
    sentence: bool  # ends as a sentence
    colon_end: bool  # introduces what follows: "He added:"
    capitalised: float  # share of its words (of four letters or more) that start with a capital
    all_caps: bool
    action: bool  # opens with a call to action: "Read", "Watch", "Tap to keep reading"
    reader: bool  # says "you"/"your" outside quotation marks
    site_voice: bool  # says "we"/"our" outside quotation marks
    site_noun: bool  # names the page or its services: "article", "newsletter", "app"
    self_reference: bool  # opens by talking about itself: "This article was amended ..."
    duration: bool  # a clock or a stated length: "02:31", "(3 min)"
    row_items: int  # items of a row separated by bars, dots or wide gaps
    link_mark: bool  # an arrow, guillemet or bullet before or after it
    label: str | None  # "Don't miss" in "Don't miss: A title"
    label_rest_sentence: bool  # what follows the label ends as a sentence
    crumbs: int  # items of a breadcrumb trail ("NEWS > WORLD"), 0 when it is none
    enclosed: bool  # opens with a quotation mark or a bracket


def line_shape(text: str) -> LineShape:
    stripped = text.strip()
    words = [w for w in _WORD_RE.findall(stripped) if any(c.isalpha() for c in w)]
    lowered = [w.lower().strip(".'’") for w in words]
    long_words = [w for w in words if len(w) >= 4 and w[:1].isalpha()]
    capitalised = sum(1 for w in long_words if w[:1].isupper()) / len(long_words) if long_words else 0.0
    letters = [c for c in stripped if c.isalpha()]
    all_caps = len(letters) >= 3 and all(c.isupper() for c in letters if c.isalpha() and c.lower() != c.upper())
    unquoted = _QUOTED_SPAN_RE.sub(" ", stripped)
    free_words = {w.lower().strip(".'’,;:!?") for w in unquoted.split()}
    core = stripped.lstrip(_LINK_MARKS + _QUOTES + "*-–—#>(|🔊🎧▶⏱🕑 ").strip()
    first = core.split(None, 1)[0].lower().strip(":.,!?'’") if core else ""
    label_match = _LABEL_RE.match(core)
    label = label_match.group(1).strip() if label_match and len(label_match.group(1).split()) <= 5 else None
    items = [i for i in _ROW_SPLIT_RE.split(stripped) if i.strip()]
    crumbs = [c for c in _CRUMB_SPLIT_RE.split(stripped) if c.strip()]
    if len(crumbs) < 2 and " / " in stripped:
        crumbs = [c for c in _SLASH_CRUMB_SPLIT_RE.split(stripped) if c.strip()]
        crumbs = crumbs if len(crumbs) >= 3 else []
    return LineShape(
        words=len(words),
        sentence=sentence_end(stripped),
        colon_end=stripped.endswith(":"),
        capitalised=capitalised,
        all_caps=all_caps,
        action=first in ACTION_VERBS,
        reader=bool(free_words & READER_WORDS),
        site_voice=bool(free_words & SITE_WORDS),
        site_noun=bool(set(lowered) & SITE_NOUNS),
        # Also after a label: "Correction: An earlier version of this story ...".
        self_reference=bool(_SELF_REFERENCE_RE.match(core) or (label_match and _SELF_REFERENCE_RE.match(label_match.group(2)))
                            or ((dated := _DATED_LABEL_RE.match(core)) and _SELF_REFERENCE_RE.match(core[dated.end():]))),
        duration=bool(_DURATION_RE.search(stripped) or _MINUTES_NOTE_RE.search(stripped)),
        row_items=len(items),
        link_mark=stripped[:1] in _LINK_MARKS or stripped[-1:] in _LINK_MARKS,
        label=label,
        label_rest_sentence=bool(label_match and sentence_end(label_match.group(2))),
        crumbs=len(crumbs) if len(crumbs) >= 2 and all(len(c.split()) <= 4 for c in crumbs) else 0,
        enclosed=stripped[:1] in _QUOTES + "([",
    )


def is_prose(text: str, shape: LineShape | None = None) -> bool:
    """A paragraph of the story beyond doubt: a long run of sentence-case words ending as a sentence."""
    shape = shape or line_shape(text)
    return (
        shape.words >= 12
        and shape.sentence
        and shape.capitalised < 0.6
        and not shape.all_caps
        and not (shape.reader and shape.site_noun)
        and not _call_to_action(shape)
    )


def _call_to_action(shape: LineShape) -> bool:
    """Opens with a verb of a call to action and names the reader, the site or its services:
    "Catch all the latest news and updates on The Daily Planet."."""
    return shape.action and (shape.reader or shape.site_noun or shape.site_voice) and shape.words <= 16


def is_scrape(strong_furniture: int) -> bool:
    """Whether a document shows itself as a page scrape: furniture found by strong evidence."""
    return strong_furniture >= 2


def _weak_furniture(shape: LineShape, zone: str) -> str | None:
    """Furniture by shape and voice alone (used on page scrapes only)."""
    if shape.all_caps and shape.words <= 4 and not shape.colon_end and not shape.enclosed:
        return "label"  # "ABSTRACT.", "FULL TEXT."; a quoted or bracketed "(CROSSTALK.)" is speech
    if shape.self_reference and zone == "header" and shape.words <= _BANNER_MAX_WORDS:
        return "banner"
    if shape.reader and (shape.site_noun or shape.site_voice) and shape.words <= 30 and zone != "inline":
        return "site prompt"
    if shape.site_voice and shape.site_noun and shape.words <= 30 and zone != "inline":
        return "site prompt"  # "Our journalism is free to read because readers fund it."
    if (shape.reader or shape.site_voice) and shape.words <= 12 and zone == "footer" and not shape.enclosed:
        return "site prompt"  # below the story, the page speaks to its reader: "Independent reporting depends on you."
    if shape.reader and shape.site_noun and shape.words <= 16:
        return "site prompt"
    if _call_to_action(shape) and not shape.colon_end:
        return "site prompt"
    if shape.label is not None and not shape.label_rest_sentence and shape.row_items >= 2:
        return "related link"  # "Trending: A title | Another title"
    if shape.words == 0 and not shape.sentence:
        return "counter"  # "42", "1,204", "3 / 12": likes, comments, a page number; no word in it
    if shape.sentence or shape.colon_end or shape.words > 16 or shape.words == 0:
        return None
    if shape.label is not None and not shape.label_rest_sentence and zone != "header":
        # "Don't miss: A title"; in the header "Topic: Title" is as likely the headline itself.
        return "related link"
    if shape.link_mark:
        return "related link"
    if shape.action:
        return "site prompt"
    if shape.capitalised >= 0.7 and shape.words >= 3:
        return "promotion"
    if zone != "inline" or shape.words <= 8:
        return "furniture"
    return None


def _strong_furniture(shape: LineShape) -> str | None:
    """Furniture by shape beyond doubt, on any text."""
    if shape.sentence:
        return None
    if shape.duration and shape.words <= 14:
        return "player"
    if shape.row_items >= 3 and shape.words <= 3 * shape.row_items + 2:
        return "links row"
    if shape.crumbs >= 2:
        return "breadcrumb"
    if shape.action and shape.site_noun and shape.words <= 12:
        return "site prompt"
    return None


def _pull_quotes(texts: Sequence[str], body: list[int], prose: list[int]) -> set[int]:
    """Lines that repeat, as a line of their own, words printed in a longer paragraph of the story.

    Each paragraph of prose is indexed by its runs of six words, so a candidate is
    compared only with the paragraphs that share its first six words (linear time)."""
    runs: dict[tuple[str, ...], set[int]] = {}
    prose_keys = {j: _quote_key(texts[j]) for j in prose}
    for j, key in prose_keys.items():
        words = key.split()
        for start in range(len(words) - _QUOTE_RUN + 1):
            runs.setdefault(tuple(words[start:start + _QUOTE_RUN]), set()).add(j)
    found = set()
    for i in body:
        key = _quote_key(texts[i])
        words = key.split()
        if len(words) < _QUOTE_RUN:
            if len(words) >= _SHORT_QUOTE_WORDS and _quoted(texts[i]) and _sentence_of(texts[i], [texts[j] for j in prose if j != i]):
                found.add(i)
            continue
        for j in runs.get(tuple(words[:_QUOTE_RUN]), ()):
            if j != i and len(prose_keys[j]) > len(key) + 10 and f" {key} " in f" {prose_keys[j]} ":
                found.add(i)
                break
            # A whole one-sentence paragraph set again in quotation marks.
            if j != i and prose_keys[j] == key and _quoted(texts[i]) and not _quoted(texts[j]):
                found.add(i)
                break
    return found


def _sentence_of(line: str, paragraphs: Sequence[str]) -> bool:
    """Whether `line`, quotation marks set around it, is a whole sentence of one of `paragraphs`."""
    inner = " ".join(line.strip()[1:-1].split())
    if not sentence_end(inner):
        return False
    pattern = re.compile(r"(?:^|(?<=[.!?…]\s)|(?<=[.!?…][\"”’]\s))" + re.escape(inner) + r"(?=\s|$)")
    return any(pattern.search(" ".join(paragraph.split())) for paragraph in paragraphs)


def _quoted(text: str) -> bool:
    text = text.strip()
    return len(text) > 2 and text[0] in "\"“«‘'" and text[-1] in "\"”»’'"


def _quote_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def name_key(text: str) -> str:
    """A name as compared across its spellings: "The Mumbai Ledger", "@TheMumbaiLedger", "themumbailedger.com"."""
    return _NAME_KEY_RE.sub("", text.casefold())


def site_names(texts: Sequence[str], reasons: Sequence[str | None]) -> frozenset[str]:
    """Keys of the names a page calls itself by, read off its furniture: the handle it asks
    readers to follow, the host of its links and addresses, the holder of its copyright."""
    names: set[str] = set()
    for text, reason in zip(texts, reasons):
        if reason is None:
            continue
        names.update(m.group(1) for m in _HANDLE_RE.finditer(text))
        names.update(m.group(1) for m in _HOST_RE.finditer(text))
        names.update(m.group(1) for m in _COPYRIGHT_HOLDER_RE.finditer(text))
    return frozenset(key for key in map(name_key, names) if len(key) >= _MIN_NAME_KEY)


def judge_lines(texts: Sequence[str], reasons: Sequence[str | None], *, scrape: bool,
                protected: frozenset[int] = frozenset()) -> dict[int, str]:
    """Reasons for the body lines (reason None) that are furniture: {index: reason}.

    `protected` lines (the headline) are never judged.
    """
    body = [i for i, reason in enumerate(reasons) if reason is None and i not in protected]
    shapes = {i: line_shape(texts[i]) for i in body}
    anchors = [i for i in body if is_prose(texts[i], shapes[i])]
    judged: dict[int, str] = {}
    while scrape and anchors and shapes[anchors[0]].self_reference and shapes[anchors[0]].words <= _BANNER_MAX_WORDS:
        # A note about the article before the story ("An earlier version of this story ...") is a banner.
        judged[anchors.pop(0)] = "banner"
    if scrape:
        for i in _pull_quotes(texts, body, anchors):
            judged[i] = "pull quote"
    if not anchors:
        return judged
    first, last = anchors[0], anchors[-1]
    listed = _list_items(shapes, anchors)
    own_names = site_names(texts, reasons) if scrape else frozenset()
    for i in body:
        if i in judged or i in anchors:
            continue
        shape = shapes[i]
        zone = "header" if i < first else "footer" if i > last else "inline"
        reason = _strong_furniture(shape)
        if reason is None and zone == "header" and is_site_name(texts[i], own_names):
            reason = "masthead"  # "The Daily Planet" above the headline, named again in the copyright line
        if reason is None and scrape and i not in listed:
            reason = _weak_furniture(shape, zone)
        if reason is not None:
            judged[i] = reason
    if scrape:
        # Below the story, a line naming the site is the site's: "Jane Doe covers politics for The Planet."
        names = site_names(texts, [reason or judged.get(i) for i, reason in enumerate(reasons)])
        for i in body:
            if i > last and i not in judged and shapes[i].words <= 30 and names_site(texts[i], names):
                judged[i] = "site prompt"
        _lead_ins(texts, reasons, judged, shapes, first, last)
        _numbered_lists(texts, shapes, judged, set(anchors), first, last)
        _list_numbers(texts, judged)
    return judged


def _list_numbers(texts: Sequence[str], judged: dict[int, str]) -> None:
    """Numbers alone on their lines that count up through the page (1, 2, 3 ...) number the items
    of a list the story makes: they are its own, not counters."""
    numbers = {i: int(texts[i].strip().rstrip(".")) for i, reason in judged.items()
               if reason == "counter" and texts[i].strip().rstrip(".").isdigit()}
    values = set(numbers.values())
    for i, value in numbers.items():
        if {value - 1, value + 1} & values and len(values) >= 3:
            del judged[i]


def item_prefix(line: str) -> str | None:
    """The opening words of a line up to its last number among them, numbers masked ("list # of #",
    "#."), or None when its first words hold no number: the marker of an item of a numbered list."""
    words = line.split(None, _ITEM_PREFIX_WORDS)[:_ITEM_PREFIX_WORDS]
    numbered = [i for i, word in enumerate(words) if any(c.isdigit() for c in word)]
    if not numbered:
        return None
    return _DIGITS_RE.sub("#", " ".join(words[: numbered[-1] + 1]))


def _numbered_lists(texts: Sequence[str], shapes: dict[int, LineShape], judged: dict[int, str],
                    anchors: set[int], first: int, last: int) -> None:
    """Items of one numbered list outside the story share one fate: when most are furniture
    ("list 1 of 3 A linked title"), so is the one that happens to end like a sentence."""
    runs: list[list[int]] = []
    for i in sorted(shapes):
        prefix = item_prefix(texts[i])
        if prefix is not None and runs and runs[-1][-1] == i - 1 and item_prefix(texts[i - 1]) == prefix:
            runs[-1].append(i)
        elif prefix is not None:
            runs.append([i])
    for run in runs:
        outside = all(i < first or i > last for i in run) and not anchors.intersection(run)
        reasons = [judged[i] for i in run if i in judged]
        if len(run) >= 2 and outside and 2 * len(reasons) >= len(run):
            reason = Counter(reasons).most_common(1)[0][0]  # ties go to the first item's: deterministic
            for i in run:
                judged.setdefault(i, reason)


def is_site_name(text: str, names: frozenset[str]) -> bool:
    """Whether the line is the site's own name (or a part of it: "The Daily Planet" of "The Daily Planet Ltd")."""
    key = name_key(text)
    return len(key) >= _MIN_NAME_KEY and any(key in name for name in names)


def names_site(text: str, names: frozenset[str]) -> bool:
    """Whether the line names the site itself (one of the keys `site_names` read off its furniture)."""
    key = name_key(text)
    return any(name in key for name in names)


def _list_items(shapes: dict[int, LineShape], anchors: list[int]) -> set[int]:
    """Short lines a sentence of the story introduces with a colon ("... has to do the following:"):
    the items of its list, which read like labels but are the story's own words."""
    anchor_set = set(anchors)
    items: set[int] = set()
    for i, shape in shapes.items():
        if not shape.colon_end or shape.words < 6 or shape.reader or shape.site_voice or shape.site_noun:
            continue
        following = i + 1
        while following in shapes and following not in anchor_set and shapes[following].words <= 20:
            items.add(following)
            following += 1
    return items


def _lead_ins(texts: Sequence[str], reasons: Sequence[str | None], judged: dict[int, str],
              shapes: dict[int, LineShape], first: int, last: int) -> None:
    """A short line ending in a colon leads into what follows it: outside the story, when what
    follows is furniture (or nothing), it is furniture too ("Like this:" above a row of buttons)."""
    for i in sorted(shapes, reverse=True):
        shape = shapes[i]
        if i in judged or not shape.colon_end or shape.words > 6 or first <= i <= last:
            continue
        following = i + 1
        if following >= len(texts) or reasons[following] is not None or following in judged:
            judged[i] = "furniture"
