"""A parsed search (`store.search_syntax`) as an FTS5 MATCH expression."""

from __future__ import annotations

import re

from newsgraph.store.search_syntax import SearchToken, parse_search

__all__ = ["fts_query", "render"]

# An FTS5 bareword: letters, digits, underscore and any non-ASCII character.
_BAREWORD = re.compile(r"^\w+$")
_KEYWORDS = frozenset({"AND", "OR", "NOT", "NEAR"})


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _term(token: SearchToken) -> str:
    # Operator keywords written as terms ("OR*", "headline:NOT") must be quoted to be words.
    if not token.phrase and _BAREWORD.match(token.text) and token.text not in _KEYWORDS:
        text = token.text
    else:
        text = _quote(token.text)
    return text + ("*" if token.prefix else "")


def render(tokens: list[SearchToken]) -> str:
    parts: list[str] = []
    previous = None
    for token in tokens:
        # FTS5 joins adjacent phrases with an implicit AND, but not a group or a
        # column filter, so those get an explicit one.
        if token.kind in ("term", "open", "column") and previous in ("term", "close"):
            if token.kind != "term" or previous == "close":
                parts.append("AND")
        if token.kind == "term":
            parts.append(_term(token))
        elif token.kind == "column":
            parts.append(f"{token.text} :")
        else:
            parts.append(token.text)
        previous = token.kind
    return " ".join(parts)


def fts_query(query: str) -> str | None:
    """A valid FTS5 MATCH expression for what a person typed, or None if it has no words."""
    tokens = parse_search(query)
    return render(tokens) if tokens is not None else None
