"""A parsed search (`store.search_syntax`) as tsquery text for `to_tsquery('newsgraph', ...)`.

What a person typed never reaches PostgreSQL's query parser as it stands: each
term becomes a quoted tsquery literal (quotes and backslashes escaped), which
to_tsquery then normalises with the same parser and stemmer as the documents
(a literal of several words is a phrase, <->); the operators between them are
written here. Precedence follows the SQLite backend's FTS5: NOT binds tightest,
then AND, then OR, as tsquery's !, & and | do; "a NOT b" is "a & !b".

A column filter (headline:, text:) becomes a weight label on every literal it
covers: articles weigh headline words A and body words B; quotes weigh what was
said A and who said it B.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from newsgraph.messages import clip
from newsgraph.store.errors import QueryError
from newsgraph.store.search_syntax import HINT, SearchToken, parse_search

__all__ = ["ARTICLE_WEIGHTS", "QUOTE_WEIGHTS", "quoted", "render", "tsquery_text"]

ARTICLE_WEIGHTS: Mapping[str, str] = {"headline": "A", "text": "B"}
QUOTE_WEIGHTS: Mapping[str, str] = {"text": "A"}


def quoted(text: str) -> str:
    """A tsquery literal of `text` (quotes and backslashes escaped)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def _literal(token: SearchToken, weight: str | None) -> str:
    label = ("*" if token.prefix else "") + (weight or "")
    return quoted(token.text) + (f":{label}" if label else "")


def render(tokens: list[SearchToken], weights: Mapping[str, str],
           literal: Callable[[SearchToken, str | None], str] = _literal) -> str:
    """tsquery text for the tokens, each term written by `literal` (given the weight in force)."""
    parts: list[str] = []
    previous: str | None = None
    # The weight in force for each open group, and one pending for the next operand.
    group_weights: list[str | None] = [None]
    pending: str | None = None
    for token in tokens:
        if token.kind in ("term", "open", "column") and previous in ("term", "close"):
            parts.append("&")  # adjacent operands are ANDed
        if token.kind == "column":
            if token.text not in weights:
                raise QueryError(f"malformed search query: no {token.text}: field to search here; {HINT}")
            pending = weights[token.text]
            previous = "column"  # the '&' is written: the operand that follows adds none
            continue
        if token.kind == "term":
            parts.append(literal(token, pending or group_weights[-1]))
            pending = None
        elif token.kind == "open":
            group_weights.append(pending or group_weights[-1])
            pending = None
            parts.append("(")
        elif token.kind == "close":
            group_weights.pop()
            parts.append(")")
        elif token.text == "NOT":
            parts.append("& !")
        elif token.text == "OR":
            parts.append("|")
        else:
            parts.append("&")
        previous = token.kind
    return " ".join(parts)


def tsquery_text(query: str | None, weights: Mapping[str, str] = ARTICLE_WEIGHTS) -> str | None:
    """tsquery text for what a person typed, or None if it has no words (QueryError if malformed)."""
    if query is None:
        return None
    if not isinstance(query, str):
        raise QueryError(f"a search query must be text, got {clip(query)}")
    tokens = parse_search(query)
    return render(tokens, weights) if tokens is not None else None
