"""What a person types into a search box, parsed once for every backend.

The syntax: plain words (all must match), "phrases", OR, NOT, prefix*,
parentheses, headline:/text: column filters, and "-word" after another term
for "without word", as in web search engines. Plain text that would break a
search engine's own syntax ("U.S.", "covid-19", "Macron's", a lone "-", an
unclosed quote) just works: anything that is not an operator is a term.
`parse_search` gives a small token sequence that each backend renders in its
own query language (FTS5 MATCH for SQLite; tsquery for PostgreSQL). What
cannot be repaired without guessing (unbalanced parentheses) raises QueryError.

Dates used as filters (`since`, `until`) are checked here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from newsgraph.messages import clip
from newsgraph.store.errors import QueryError

__all__ = [
    "COLUMNS",
    "HINT",
    "SearchToken",
    "date_lower_bound",
    "date_upper_bound",
    "parse_search",
]

COLUMNS = ("headline", "text")
OPERATORS = frozenset({"AND", "OR", "NOT"})
HINT = "put phrases in double quotes"
_HAS_WORD = re.compile(r"\w")
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?)?)?)?$")


@dataclass(frozen=True, slots=True)
class SearchToken:
    """One piece of a parsed query.

    kind "term": `text` is the words to match (a phrase when `phrase`), `prefix`
    for a trailing *; "op": AND, OR or NOT between operands; "open"/"close":
    parentheses; "column": `text` names the column the next term or group is
    limited to.
    """

    kind: Literal["term", "op", "open", "close", "column"]
    text: str
    phrase: bool = False
    prefix: bool = False


def _term(raw: str, *, phrase: bool = False) -> SearchToken | None:
    prefix = raw.endswith("*")
    core = raw.rstrip("*")
    if not _HAS_WORD.search(core):
        return None
    return SearchToken("term", core, phrase=phrase, prefix=prefix)


def _tokenise(query: str) -> list[SearchToken]:
    tokens: list[SearchToken] = []
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
            if (token := _term(inner, phrase=True)) is not None:
                tokens.append(token)
        elif char in "()":
            tokens.append(SearchToken("open" if char == "(" else "close", char))
            position += 1
        else:
            end = position
            while end < length and not query[end].isspace() and query[end] not in '"()':
                end += 1
            tokens.extend(_bare(query[position:end], tokens))
            position = end
    return tokens


def _bare(word: str, previous: list[SearchToken]) -> list[SearchToken]:
    if word in OPERATORS:
        return [SearchToken("op", word)]
    column, colon, rest = word.partition(":")
    if colon and column.lower() in COLUMNS:
        filtered = [SearchToken("column", column.lower())]
        if rest:
            token = _term(rest)
            return filtered + [token] if token else []
        return filtered  # applies to the phrase or group that follows
    if word.startswith("-") and len(word) > 1 and previous and previous[-1].kind in ("term", "close"):
        token = _term(word[1:])
        return [SearchToken("op", "NOT"), token] if token else []
    token = _term(word)
    return [token] if token else []


def _operand_follows(tokens: list[SearchToken], index: int) -> bool:
    return index + 1 < len(tokens) and tokens[index + 1].kind in ("term", "open", "column")


def parse_search(query: str) -> list[SearchToken] | None:
    """The tokens of `query` with every operator in a valid place; None if it has no words.

    Raises QueryError for unbalanced or empty parentheses.
    """
    # SQL engines end a string at NUL, so one would cut the query short.
    tokens = _tokenise(query.replace("\x00", " "))
    depth = 0
    for token in tokens:
        depth += {"open": 1, "close": -1}.get(token.kind, 0)
        if depth < 0:
            raise QueryError(f"malformed search query: {clip(query)} closes a parenthesis it never opened; {HINT}")
    if depth:
        raise QueryError(f"malformed search query: {clip(query)} leaves a parenthesis open; {HINT}")
    # A column filter applies to the phrase or group that follows; without one it is dropped.
    tokens = [
        token
        for index, token in enumerate(tokens)
        if token.kind != "column" or (index + 1 < len(tokens) and tokens[index + 1].kind in ("term", "open"))
    ]
    resolved: list[SearchToken] = []
    for index, token in enumerate(tokens):
        if token.kind != "op":
            resolved.append(token)
            continue
        if token.text == "AND" and index + 1 < len(tokens) and tokens[index + 1].text == "NOT":
            continue  # "AND NOT" is NOT: NOT already means "and not"
        if resolved and resolved[-1].kind in ("term", "close") and _operand_follows(tokens, index):
            resolved.append(token)
        else:
            # An operator with nothing to join ("NOT" alone, "rock AND") is a word.
            resolved.append(SearchToken("term", token.text, phrase=True))
    for before, after in zip(resolved, resolved[1:], strict=False):
        if before.kind == "open" and after.kind == "close":
            raise QueryError(f"malformed search query: {clip(query)} has empty parentheses; {HINT}")
    if not any(token.kind == "term" for token in resolved):
        return None
    return resolved


def date_lower_bound(value: str, name: str = "since") -> str:
    """Validate an ISO 8601 date (any precision) used as an inclusive lower bound."""
    _check_date(value, name)
    return value.replace(" ", "T")


def date_upper_bound(value: str, name: str = "until") -> str:
    """An inclusive upper bound: "2024-03" also admits "2024-03-31T23:59:00".

    Dates are ISO strings compared as text; "~" sorts after every character an
    ISO timestamp uses, so bound + "~" is above all its refinements.
    """
    _check_date(value, name)
    return value.replace(" ", "T") + "~"


def _check_date(value: str, name: str) -> None:
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise QueryError(f"{name} must be an ISO 8601 date such as 2024-03 or 2024-03-09, got {clip(value)}")
