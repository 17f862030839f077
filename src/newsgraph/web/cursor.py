"""Opaque cursors for list endpoints: `{"items": [...], "next": cursor-or-null}`.

A cursor is URL-safe base64 of a small JSON object naming the listing and the
position after the last item given; a client passes it back as `cursor` and
never needs to read it. The store's listings page by offset today, so the
position is the count of items already given; a listing that gains keyset
filters can put its last sort key in the same object without changing clients.
"""

from __future__ import annotations

import base64
import binascii
import json

from newsgraph.store import QueryError

__all__ = ["MAX_OFFSET", "decode_cursor", "encode_cursor"]

# Walking deeper than this by cursor is refused: narrow the filter instead.
MAX_OFFSET = 100_000


def encode_cursor(listing: str, offset: int) -> str:
    raw = json.dumps({"l": listing, "o": offset}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(listing: str, cursor: str | None) -> int:
    """The offset a cursor of `listing` stands for (0 for none); QueryError for anything else."""
    if cursor is None or cursor == "":
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        offset = data["o"]
        ok = data.get("l") == listing and isinstance(offset, int) and not isinstance(offset, bool)
    except (binascii.Error, ValueError, TypeError, KeyError, AttributeError, UnicodeDecodeError):
        ok = False
    if not ok or not 0 <= offset <= MAX_OFFSET:
        raise QueryError(f"cursor is not one this {listing} listing gave; start again without it")
    return offset
