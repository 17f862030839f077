"""A photo's credit and its caption, found by shape: the credit line "Jane Doe/KHBR", "Getty/Instagram"
(a name and an outlet joined by a slash, alone on its line) and the sentence printed right above
it with no blank line between, which describes the picture.

Only on a page scrape: a clean text's short line is its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

__all__ = ["mark_captions", "photo_credit_line"]


class Unit(Protocol):
    text: str
    reason: str | None
    blank_after: bool

    @property
    def is_body(self) -> bool: ...


_CAPITALISED = r"[A-Z][\w'’.&-]*"
_CREDIT_RE = re.compile(rf"^\(?{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,3}}\s?/\s?{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,3}}\)?\.?$")
_METADATA = frozenset({"headline", "headline repeat", "dateline", "byline", "reading time"})
# A caption is a sentence or two; a longer paragraph above a credit is the story's.
_CAPTION_WORDS = 40


def photo_credit_line(text: str) -> bool:
    """A photo credit alone on its line: "Jane Doe/KHBR", "(Getty/Instagram)"."""
    return bool(_CREDIT_RE.match(text.strip()))


def mark_captions(units: list[Unit], clean: Callable[[str], str]) -> None:
    """Credit lines, and the caption sentence right above each (no blank line between them)."""
    for index, unit in enumerate(units):
        # The credit may already be out as furniture of another kind ("promotion"): it still marks the caption.
        if unit.reason in _METADATA or not photo_credit_line(clean(unit.text)):
            continue
        unit.reason = "caption"
        above = units[index - 1] if index else None
        if above is not None and above.is_body and not above.blank_after and len(above.text.split()) <= _CAPTION_WORDS:
            above.reason = "caption"
