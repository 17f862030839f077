"""What extractors ask of a parse over and over, computed once per parse.

spaCy rebuilds `doc.text` by joining every token on each access, and
`token.sent` checks the whole document for sentence annotation on every call;
extractors that ask once per quotation or cue then grow with the square of the
text's length. The text and the sentence boundaries are kept with the parse.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

__all__ = ["doc_text", "sentence_of"]

_TEXT_KEY = "newsgraph.text"
_BOUNDS_KEY = "newsgraph.sentence_bounds"


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def _bounds(doc: Doc) -> tuple[list[int], list[int]]:
    bounds = doc.user_data.get(_BOUNDS_KEY)
    if bounds is None:
        sentences = list(doc.sents)
        bounds = doc.user_data[_BOUNDS_KEY] = ([s.start for s in sentences], [s.end for s in sentences])
    return bounds


def sentence_of(token: Token) -> Span:
    """The sentence containing `token` (what `token.sent` gives)."""
    starts, ends = _bounds(token.doc)
    index = bisect_right(starts, token.i) - 1
    return token.doc[starts[index] : ends[index]]
