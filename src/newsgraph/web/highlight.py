"""The article text with its annotations marked up, built from character offsets.

Annotations overlap: a quotation holds entities and dates, an event's sentence
holds a quotation or is cut by one. HTML needs properly nested elements, so the
spans are laid out outermost first (by `rank`, then by length): a span that
starts inside an open one of the same or an outer rank and runs past its end is
cut there and its rest opened again after it (as a continuation, without the
first piece's id); one of an outer rank closes the inner span it starts in
instead, which goes on inside it. So a quotation stays whole wherever it can. Every
piece of text between tags is escaped, and so is every attribute value.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

__all__ = ["Mark", "render_marked"]


@dataclass(frozen=True, slots=True)
class Mark:
    """One annotation to draw: text[start:end] wrapped in `tag` with `attributes`.

    `rank` orders nesting (lower is outer). `after` is HTML placed just before the
    first piece closes (a tooltip); a continuation piece gets `continued` classes
    instead of `attributes["class"]` and carries no id, tabindex or `after`.
    """

    start: int
    end: int
    tag: str
    attributes: dict[str, str] = field(default_factory=dict)
    rank: int = 0
    after: Markup = Markup("")
    continued: str = ""


@dataclass(order=True, slots=True)
class _Piece:
    start: int
    rank: int
    negative_end: int
    order: int
    mark: Mark = field(compare=False)
    first: bool = field(compare=False, default=True)

    @property
    def end(self) -> int:
        return -self.negative_end


def _open(piece: _Piece) -> str:
    mark = piece.mark
    attributes = dict(mark.attributes)
    if not piece.first:
        for key in ("id", "tabindex", "aria-describedby", "role"):
            attributes.pop(key, None)
        attributes["class"] = mark.continued or attributes.get("class", "")
    shown = "".join(f' {escape(name)}="{escape(value)}"' for name, value in attributes.items() if value is not None)
    return f"<{mark.tag}{shown}>"


def _close(piece: _Piece) -> str:
    return (str(piece.mark.after) if piece.first else "") + f"</{piece.mark.tag}>"


def render_marked(text: str, marks: Sequence[Mark]) -> Markup:
    """`text` escaped, with every mark's element around its span, properly nested."""
    pending: list[_Piece] = []
    for order, mark in enumerate(marks):
        start, end = max(0, mark.start), min(len(text), mark.end)
        if start < end:
            pending.append(_Piece(start, mark.rank, -end, order, mark))
    heapq.heapify(pending)
    out: list[str] = []
    position = 0
    stack: list[tuple[_Piece, int]] = []  # open pieces with the end they were cut to

    def emit_to(offset: int) -> None:
        nonlocal position
        if offset > position:
            out.append(str(escape(text[position:offset])))
            position = offset

    def close_until(offset: int) -> None:
        while stack and stack[-1][1] <= offset:
            piece, end = stack.pop()
            emit_to(end)
            out.append(_close(piece))

    order = len(marks)
    while pending:
        piece = heapq.heappop(pending)
        close_until(piece.start)
        emit_to(piece.start)
        end = piece.end
        # An outer kind of span (a quotation) that crosses an open inner one (an event's
        # sentence) closes it here; the inner one goes on inside it as a continuation.
        while stack and end > stack[-1][1] and piece.rank < stack[-1][0].rank:
            inner, inner_end = stack.pop()
            out.append(_close(inner))
            order += 1
            heapq.heappush(pending, _Piece(piece.start, inner.rank, -inner_end, order, inner.mark, first=False))
        if stack and end > stack[-1][1]:
            # Crosses the end of the element it starts in: cut here, continue after it.
            cut = stack[-1][1]
            order += 1
            heapq.heappush(pending, _Piece(cut, piece.rank, -end, order, piece.mark, first=False))
            end = cut
        out.append(_open(piece))
        stack.append((piece, end))
    close_until(len(text))
    emit_to(len(text))
    return Markup("".join(out))
