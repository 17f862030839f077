"""Long texts are analysed in windows: cut at paragraph breaks, offsets mapped back.

spaCy refuses a text longer than `nlp.max_length`, and the parse of a very long
text holds all of it in memory at once. A text longer than a window is cut into
consecutive windows that together are the whole text, each parsed and analysed on
its own; the records of a window are shifted by the window's start. Cuts fall at
a paragraph break outside any open quotation where one is near the limit, so a
statement running over several paragraphs stays whole; else at a line break, a
sentence end, a space, and only as a last resort mid-word.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from typing import Any

__all__ = ["WINDOW_CHARS", "shift", "split_windows"]

# Well inside spaCy's default max_length (1,000,000), and small enough that a parse
# stays a few tens of MB; news articles are rarely a tenth of this.
WINDOW_CHARS = 100_000
# Cuts are looked for in the last part of a window, so windows stay large.
_SEARCH_FROM = 0.5

_OPENING = frozenset("“«„")
_CLOSING = frozenset("”»")
_FALLBACK_CUTS = (re.compile(r"\n"), re.compile(r"[.!?][\"”’»)]?\s+"), re.compile(r"\s+"))


def split_windows(text: str, size: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """Consecutive (start, end) windows covering `text`, each at most `size` characters."""
    if size < 2:
        raise ValueError(f"window size must be at least 2, got {size}")
    windows: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        end = _cut(text, start, start + size)
        windows.append((start, end))
        start = end
    windows.append((start, len(text)))
    return windows


def _cut(text: str, start: int, limit: int) -> int:
    lowest = start + int((limit - start) * _SEARCH_FROM)
    balanced = _balanced_paragraph_break(text, start, lowest, limit)
    if balanced is not None:
        return balanced
    for pattern in _FALLBACK_CUTS:
        last = None
        for match in pattern.finditer(text, lowest, limit):
            last = match.end()
        if last is not None and last > start:
            return last
    return limit


def _balanced_paragraph_break(text: str, start: int, lowest: int, limit: int) -> int | None:
    """The last paragraph break in [lowest, limit) where no quotation is open."""
    best = None
    depth = 0
    straight = 0
    position = start
    for match in re.finditer(r"\n\s*\n", text[start:limit]):
        end = start + match.end()
        segment = text[position:end]
        position = end
        depth += sum(ch in _OPENING for ch in segment) - sum(ch in _CLOSING for ch in segment)
        straight += segment.count('"')
        if end >= lowest and depth <= 0 and straight % 2 == 0:
            best = end
    return best


def shift(record: Any, delta: int) -> Any:
    """`record` with every text offset in it moved by `delta` (headline offsets stay)."""
    if delta == 0 or not is_dataclass(record):
        return record
    if getattr(record, "field", "text") == "headline":
        return record
    changes: dict[str, Any] = {}
    for spec in fields(record):
        value = getattr(record, spec.name)
        if spec.name in ("start", "end") and isinstance(value, int):
            changes[spec.name] = value + delta
        elif is_dataclass(value):
            changes[spec.name] = shift(value, delta)
    return replace(record, **changes) if changes else record
