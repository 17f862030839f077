"""Typed records that flow between the pipeline stages.

`Article` is the JSON record contract of DESIGN.md: every field is always
present in `to_dict()`, lists that no stage fills yet are empty. Records are
plain data; nothing here imports spaCy, the store or the command line.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

# Field order of the JSON record contract; `to_dict` follows it so JSONL output
# reads the same way as the README documents it.
CONTRACT_FIELDS = (
    "id",
    "source",
    "url",
    "headline",
    "published",
    "language",
    "reading_minutes",
    "byline",
    "text",
    "entities",
    "quotes",
    "dates",
    "amounts",
    "events",
)


@dataclass(slots=True)
class Article:
    """One clean article: the record contract of DESIGN.md."""

    id: str
    source: str
    text: str
    url: str | None = None
    headline: str | None = None
    published: str | None = None
    language: str = "und"
    reading_minutes: int | None = None
    byline: list[str] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)
    amounts: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in CONTRACT_FIELDS}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(**{name: data[name] for name in CONTRACT_FIELDS if name in data})


@dataclass(slots=True, frozen=True)
class Failure:
    """An input that produced no article, with a one-line reason a person can act on."""

    source: str
    reason: str


def stable_id(*parts: str) -> str:
    """A short, stable identifier: the same inputs give the same id on every run."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]
