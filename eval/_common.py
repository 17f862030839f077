"""Helpers shared by the evaluation scripts: where the shared data is, and the scores."""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent
_WORD = re.compile(r"\w+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u201c": '"', "\u201d": '"',
                         "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2032": "'", "\u2033": '"', "`": "'"})


def shared_data_dir() -> Path:
    """../shared/data next to the checkout, or $NEWSGRAPH_SHARED_DATA."""
    override = os.environ.get("NEWSGRAPH_SHARED_DATA")
    if override:
        return Path(override)
    return (_REPO.parent / "shared" / "data").resolve()


def word_tokens(text: str | None) -> list[str]:
    """Lower-cased word tokens with punctuation stripped (the bag the body F1 compares)."""
    if not text:
        return []
    return _WORD.findall(unicodedata.normalize("NFKC", text).lower())


def bag_overlap(predicted: list[str], gold: list[str]) -> tuple[int, int, int]:
    """(tokens in common as a multiset, predicted count, gold count)."""
    common = Counter(predicted) & Counter(gold)
    return sum(common.values()), len(predicted), len(gold)


def f1(common: int, predicted: int, gold: int) -> float:
    if predicted == 0 and gold == 0:
        return 1.0
    if common == 0:
        return 0.0
    precision, recall = common / predicted, common / gold
    return 2 * precision * recall / (precision + recall)


def normalise_title(title: str | None) -> str:
    """Whitespace and quote marks unified, NFKC, casefold kept as is (exact match means the same words)."""
    if not title:
        return ""
    title = unicodedata.normalize("NFKC", title).translate(_QUOTES)
    title = title.replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", title).strip()
