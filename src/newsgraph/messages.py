"""Messages people read: one line, of a readable length, whatever the input.

Errors quote what the user typed or what an input contained; a 10,000-character
query or a line of binary must not come back in full. Every message that
echoes input goes through `clip`.
"""

from __future__ import annotations

__all__ = ["MAX_ECHO", "clip", "one_line"]

# Characters of user input quoted in a message.
MAX_ECHO = 80


def one_line(text: str) -> str:
    """`text` with line breaks and control characters shown as spaces."""
    return "".join(" " if (ord(ch) < 32 or ord(ch) == 127) else ch for ch in text).strip()


def clip(value: object, limit: int = MAX_ECHO) -> str:
    """`repr` of `value` cut to about `limit` characters, saying how long the whole was.

    >>> clip("x" * 500, 10)
    "'xxxxxxxxx… (500 characters)"
    """
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return repr(one_line(text)) if text != one_line(text) else repr(text)
    return repr(one_line(text[: limit - 1]))[:-1] + f"… ({len(text):,} characters)"
