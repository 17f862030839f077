"""The unit the readers hand to extraction: one raw input document."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit


@dataclass(slots=True)
class RawDocument:
    """One document as read, before decoding and cleaning.

    `source` follows the record contract: the path as given, plus "#N" for the
    Nth record (1-based) of a JSONL or WARC file; "-" for standard input.
    `site` groups documents of the same publisher, so that page furniture can
    be learnt per site (a URL's host, a JSONL "source" field, or the folder of
    a plain-text file).
    """

    source: str
    format: str  # "text" or "html"
    data: bytes | str
    url: str | None = None
    site: str | None = None
    # Metadata the container states: JSONL id/headline/published/source, WARC-Date.
    meta: dict[str, Any] = field(default_factory=dict)
    # What the reader repaired or left out, one line each (a JSONL field of the
    # wrong type dropped, a date that was not ISO 8601); the document is still used.
    warnings: tuple[str, ...] = ()

    @property
    def fingerprint(self) -> str:
        """sha256 of the raw content: a re-run skips documents it has already stored."""
        raw = self.data.encode("utf-8", "surrogatepass") if isinstance(self.data, str) else self.data
        return hashlib.sha256(raw).hexdigest()


def site_of(url: str | None) -> str | None:
    """The site a URL belongs to: its host without "www."; None for no URL or one that cannot be parsed."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:  # "http://[::1": bad input is not a crash
        return None
    return host.removeprefix("www.") if host else None


class ReadError(Exception):
    """An input that cannot be read as a document; the message is the one-line reason."""
