"""When a quotation was said: the date its cue verb states (`said ... on Friday`)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from newsgraph.records import Quote, Timex

# Types of temporal expression that can say when something was said.
_POINT_TYPES = frozenset({"DATE", "TIME"})


def date_quotes(quotes: tuple[Quote, ...], dates: tuple[Timex, ...], doc: Doc) -> tuple[Quote, ...]:
    """`quotes`, each given the date its cue states where the article says one.

    The date must be a point in time (DATE or TIME with a resolved value) that hangs
    off the cue in the parse, at most two steps up ("Friday" <- "on" <- "said"),
    and lie outside the quoted content, where it would be part of what was said
    ("since February 24, 2022, we have ...") rather than when it was said.
    """
    points = [d for d in dates if d.type in _POINT_TYPES and _resolved(d.value)]
    if not points:
        return tuple(quotes)
    return tuple(_dated(quote, points, doc) for quote in quotes)


def _dated(quote: Quote, points: list[Timex], doc: Doc) -> Quote:
    cue = quote.cue
    if quote.field != "text" or quote.date or cue is None:
        return quote
    cue_span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if cue_span is None:
        return quote
    cue_tokens = {token.i for token in cue_span}
    for date in points:
        if quote.start <= date.start < quote.end:
            continue
        span = doc.char_span(date.start, date.end, alignment_mode="expand")
        if span is not None and _hangs_off(span.root, cue_tokens):
            return replace(quote, date=date.value)
    return quote


def _hangs_off(token: Token, targets: set[int], steps: int = 2) -> bool:
    for _ in range(steps):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.i in targets:
            return True
    return False


def _resolved(value: str | None) -> bool:
    return bool(value) and value[0].isdigit() and "X" not in value
