"""Template evidence as it passes between stages: what documents teach about their site.

The ingest stage makes observations and judges lines with them
(`ingest.furniture`); the store counts and keeps them. Plain data only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["SiteEvidence", "SiteObservation"]


@dataclass(frozen=True, slots=True)
class SiteObservation:
    """The evidence one document gives about its site's template: its distinct lines."""

    site: str
    document: int  # identity of the document (exact copies share it), signed 64-bit
    lines: tuple[tuple[int, bool], ...]  # (line key, reads like body text), sorted


@dataclass(frozen=True, slots=True)
class SiteEvidence:
    """What is known of one site: how many distinct documents, and the counts of the lines
    that could be template (those in at least a rule's least count of documents)."""

    site: str
    documents: int
    counts: Mapping[int, tuple[int, bool]]  # line key -> (documents containing it, is long)
    version: int = 0  # bumped by the store each time the site's evidence grows
