"""Keyset pagination: a page ends with a cursor, and the next page starts after it.

OFFSET makes the database walk and throw away every row before the page, so a
deep page costs as much as all the pages before it, and a row written between
two requests shifts every later page by one. A cursor instead names the last
row's place in the listing's total order (its sort key, ending with an id), and
the next page asks for rows strictly after it: the same work for page 1 and
page 10,000, and every row seen exactly once while the rows already walked
past stay as they were.

A cursor is opaque to callers: URL-safe base64 of a small JSON array, tagged
with the listing it belongs to. `next_cursor(rows, limit)` gives the cursor a
page's caller hands back as `after` (None when the page was the last one).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from typing import Any

from newsgraph.messages import clip
from newsgraph.store.errors import QueryError
from newsgraph.store.rows import EntitySummary, EventHit, QuoteHit, SearchHit, SpeakerSummary

__all__ = ["cursor_of", "decode_cursor", "encode_cursor", "next_cursor"]

# The listing each cursor belongs to, and the types of its key's parts after the tag.
_SHAPES: dict[str, tuple[type | tuple[type, ...], ...]] = {
    "quotes": (str, str, int),  # when said ('' for none), article id, quote position
    "events": (str, str, int),  # when ('' for none), article id, event position
    "search": ((int, float), str),  # score, article id
    "entities": (int, str, str),  # mentions, shown name, label ('' for none)
    "speakers": (int, str, str),  # quotes, name, identity id ('' for none)
}


def encode_cursor(listing: str, *key: Any) -> str:
    """The opaque cursor for a row at `key` in `listing`'s order."""
    raw = json.dumps([listing, *key], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(listing: str, cursor: str) -> list[Any]:
    """The key inside a cursor made by `encode_cursor` for `listing`; QueryError for anything else."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        parts = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
    except (ValueError, UnicodeError, binascii.Error, TypeError, AttributeError) as exc:
        raise QueryError(f"malformed page cursor {clip(cursor)}: take `after` from the previous page") from exc
    shape = _SHAPES[listing]
    if (not isinstance(parts, list) or len(parts) != len(shape) + 1 or parts[0] != listing
            or not all(isinstance(part, kind) and not isinstance(part, bool)
                       for part, kind in zip(parts[1:], shape, strict=True))):
        raise QueryError(f"page cursor {clip(cursor)} is not one of this {listing} listing's cursors")
    return parts[1:]


def cursor_of(row: Any) -> str:
    """The cursor just after `row` in its listing's order."""
    if isinstance(row, QuoteHit):
        return encode_cursor("quotes", row.when or "", row.article_id, row.position)
    if isinstance(row, EventHit):
        return encode_cursor("events", row.when or "", row.article_id, row.position)
    if isinstance(row, SearchHit):
        return encode_cursor("search", row.score, row.id)
    if isinstance(row, EntitySummary):
        return encode_cursor("entities", row.mentions, row.name, row.label or "")
    if isinstance(row, SpeakerSummary):
        return encode_cursor("speakers", row.quotes, row.name, getattr(row, "id", None) or "")
    raise QueryError(f"no page cursor for a {type(row).__name__}")


def next_cursor(rows: Sequence[Any], limit: int) -> str | None:
    """The `after` for the page following `rows` (a page asked for with `limit`), or None when
    fewer rows than the limit came back: there is no next page."""
    return cursor_of(rows[-1]) if rows and len(rows) >= limit else None
