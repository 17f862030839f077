"""Turning what a person types into a search box into a valid FTS5 query.

FTS5 has its own syntax, and plain text often breaks it: "U.S.", "covid-19",
"Macron's", a lone "-" or an unclosed quote are all syntax errors when passed
through unchanged. `fts_query` keeps what FTS5 users rely on (AND, OR, NOT,
"phrases", prefix*, parentheses, headline:/text: column filters) and quotes
everything else as a phrase, so plain words just work. "-word" after another
term means "without word", as in web search engines. What is still malformed
(unbalanced parentheses) raises QueryError with a hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.store.schema import QueryError

__all__ = ["FTS_COLUMNS", "date_lower_bound", "date_upper_bound", "fts_query"]

FTS_COLUMNS = ("headline", "text")
_OPERATORS = {"AND", "OR", "NOT"}
_KEYWORDS = _OPERATORS | {"NEAR"}
# An FTS5 bareword: letters, digits, underscore and any non-ASCII character.
_BAREWORD = re.compile(r"^\w+$")
_HAS_WORD = re.compile(r"\w")
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?)?)?)?$")
HINT = "put phrases in double quotes"


@dataclass(slots=True)
class _Token:
    kind: str  # "term", "op", "open", "close", "column"
    text: str


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _term(raw: str, *, phrase: bool = False) -> str | None:
    """One search term as FTS5 text, or None if it has nothing searchable."""
    prefix = raw.endswith("*")
    core = raw.rstrip("*")
    if not _HAS_WORD.search(core):
        return None
    # Operator keywords written as terms ("OR*", "headline:NOT") must be quoted to be words.
    if not phrase and _BAREWORD.match(core) and core not in _KEYWORDS:
        return core + ("*" if prefix else "")
    return _quote(core) + ("*" if prefix else "")


def _tokenise(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    position, length = 0, len(query)
    while position < length:
        char = query[position]
        if char.isspace():
            position += 1
        elif char == '"':
            # An unclosed quote runs to the end of the query rather than failing.
            close = query.find('"', position + 1)
            end = length if close == -1 else close
            inner = query[position + 1 : end]
            position = end + 1
            if position < length and query[position] == "*":
                inner += "*"
                position += 1
            text = _term(inner, phrase=True)
            if text is not None:
                tokens.append(_Token("term", text))
        elif char in "()":
            tokens.append(_Token("open" if char == "(" else "close", char))
            position += 1
        else:
            end = position
            while end < length and not query[end].isspace() and query[end] not in '"()':
                end += 1
            tokens.extend(_bare(query[position:end], tokens))
            position = end
    return tokens


def _bare(word: str, previous: list[_Token]) -> list[_Token]:
    if word in _OPERATORS:
        return [_Token("op", word)]
    column, colon, rest = word.partition(":")
    if colon and column.lower() in FTS_COLUMNS:
        filtered = [_Token("column", column.lower())]
        if rest:
            text = _term(rest)
            return filtered + [_Token("term", text)] if text else []
        return filtered  # applies to the phrase or group that follows
    if word.startswith("-") and len(word) > 1 and previous and previous[-1].kind in ("term", "close"):
        text = _term(word[1:])
        return [_Token("op", "NOT"), _Token("term", text)] if text else []
    text = _term(word)
    return [_Token("term", text)] if text else []


def _operand_follows(tokens: list[_Token], index: int) -> bool:
    return index + 1 < len(tokens) and tokens[index + 1].kind in ("term", "open", "column")


def fts_query(query: str) -> str | None:
    """A valid FTS5 MATCH expression for `query`, or None if it has no words to search.

    Raises QueryError for what cannot be repaired without guessing (unbalanced
    parentheses).
    """
    # SQLite ends a string at NUL, so one would cut the query short.
    tokens = _tokenise(query.replace("\x00", " "))
    depth = 0
    for token in tokens:
        depth += {"open": 1, "close": -1}.get(token.kind, 0)
        if depth < 0:
            raise QueryError(f"malformed search query: {query!r} closes a parenthesis it never opened; {HINT}")
    if depth:
        raise QueryError(f"malformed search query: {query!r} leaves a parenthesis open; {HINT}")
    # A column filter applies to the phrase or group that follows; without one it is dropped.
    tokens = [
        token
        for index, token in enumerate(tokens)
        if token.kind != "column" or (index + 1 < len(tokens) and tokens[index + 1].kind in ("term", "open"))
    ]
    resolved: list[_Token] = []
    for index, token in enumerate(tokens):
        if token.kind != "op":
            resolved.append(token)
            continue
        if token.text == "AND" and index + 1 < len(tokens) and tokens[index + 1].text == "NOT":
            continue  # FTS5 has no "AND NOT"; its NOT already means "and not"
        if resolved and resolved[-1].kind in ("term", "close") and _operand_follows(tokens, index):
            resolved.append(token)
        else:
            # An operator with nothing to join ("NOT" alone, "rock AND") is a word.
            resolved.append(_Token("term", _quote(token.text)))
    for before, after in zip(resolved, resolved[1:], strict=False):
        if before.kind == "open" and after.kind == "close":
            raise QueryError(f"malformed search query: {query!r} has empty parentheses; {HINT}")
    if not any(token.kind == "term" for token in resolved):
        return None
    parts: list[str] = []
    previous = None
    for token in resolved:
        # FTS5 joins adjacent phrases with an implicit AND, but not a group or a
        # column filter, so those get an explicit one.
        if token.kind in ("term", "open", "column") and previous in ("term", "close"):
            if token.kind != "term" or previous == "close":
                parts.append("AND")
        parts.append(f"{token.text} :" if token.kind == "column" else token.text)
        previous = token.kind
    return " ".join(parts)


def date_lower_bound(value: str, name: str = "since") -> str:
    """Validate an ISO 8601 date (any precision) used as an inclusive lower bound."""
    _check_date(value, name)
    return value.replace(" ", "T")


def date_upper_bound(value: str, name: str = "until") -> str:
    """An inclusive upper bound: "2024-03" also admits "2024-03-31T23:59:00".

    Published values are ISO strings compared as text; "~" sorts after every
    character an ISO timestamp uses, so bound + "~" is above all its refinements.
    """
    _check_date(value, name)
    return value.replace(" ", "T") + "~"


def _check_date(value: str, name: str) -> None:
    if not _ISO_DATE.match(value):
        raise QueryError(f"{name} must be an ISO 8601 date such as 2024-03 or 2024-03-09, got {value!r}")
