"""Per-document dedup keys: the normalised body and its hash.

Exact duplicates are bodies with the same `body_hash` of a normalised body, so
that the same story with curly instead of straight quotes, other dashes or
re-wrapped lines is still "the same". Near duplicates across articles are
`resolve.near_duplicates`' work, on top of `normalise_body`.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from functools import lru_cache

__all__ = ["body_hash", "normalise_body"]

# Quote marks, apostrophes and dashes in their typographic variants all count
# as punctuation (Unicode category P*), which normalisation drops; symbols such
# as currency signs (S*) are kept because "$3m" and "3m" are different claims.
_INVISIBLE_CATEGORIES = {"Cf", "Cc", "Cs", "Co"}
_WHITESPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _normalising_table() -> dict[int, str | None]:
    # Built once per process (~0.3 s) from the Unicode database, so that
    # normalisation is one C-speed str.translate instead of a Python loop per
    # character. Punctuation becomes a space; control, format, surrogate and
    # private-use characters of the Basic Multilingual Plane go (unassigned code
    # points and the supplementary private-use planes are left alone, to keep
    # the table small).
    table: dict[int, str | None] = {}
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        if category[0] == "P":
            table[code] = " "
        elif category in _INVISIBLE_CATEGORIES and not char.isspace() and code <= 0xFFFF:
            table[code] = None
    return table


# The store asks for the normalised body, its hash and its shingles one after
# the other; caching the last few bodies normalises each only once.
@lru_cache(maxsize=64)
def normalise_body(text: str) -> str:
    """The body reduced to what makes two copies "the same text".

    NFKC (full-width and compatibility forms fold to plain ones), casefold,
    punctuation of every kind (including quote-mark, apostrophe and dash
    variants) replaced by a space, invisible format characters such as soft
    hyphens and zero-width spaces removed, whitespace collapsed to single spaces.
    """
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_normalising_table())
    return _WHITESPACE.sub(" ", folded).strip()


def body_hash(text: str) -> str:
    """sha256 hex digest of `normalise_body(text)`: equal for exact duplicates."""
    return hashlib.sha256(normalise_body(text).encode("utf-8")).hexdigest()
