"""Per-site page templates, learnt from the documents themselves.

Every site repeats its own furniture on each page: a menu entry, a slogan, a
newsletter prompt worded its own way. No fixed pattern list knows them, but
they give themselves away by recurring across many documents of one site,
while article text does not. `SiteTemplates` counts, per site, in how many
distinct documents each (normalised) line occurs, and calls a line template
once it is frequent enough.

Memory stays bounded however many documents stream through: each site keeps
at most `max_lines_per_site` line counts (the rarest are pruned when the table
is full, a lossy count in the manner of Manku and Motwani), only the
`max_sites` most recently seen sites are kept, and the fingerprints used to
skip exact copies of a document are capped per site.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["SiteTemplates", "normalise_line"]

# Lines at least this long (normalised) read like article text: they count as
# template only when very frequent, so a syndicated paragraph is never taken.
_LONG_LINE_CHARS = 80
_LONG_LINE_MIN_SHARE = 0.5
_LONG_LINE_MIN_DOCS = 10
# Fingerprints of documents already counted, per site (to skip exact copies).
_SEEN_DOCS_PER_SITE = 4096

_DIGITS_RE = re.compile(r"\d+")
_SPACE_RE = re.compile(r"\s+")


def normalise_line(line: str) -> str:
    """The form lines are compared in: case-folded, digits collapsed, whitespace squeezed."""
    return _SPACE_RE.sub(" ", _DIGITS_RE.sub("0", line.casefold())).strip()


def _key(normalised: str) -> int:
    return int.from_bytes(hashlib.blake2b(normalised.encode("utf-8"), digest_size=8).digest(), "big")


def _is_long(normalised: str) -> bool:
    return len(normalised) >= _LONG_LINE_CHARS or (
        len(normalised.split()) >= 8 and normalised[-1:] in ".!?\"”»"
    )


@dataclass(slots=True)
class _SiteStats:
    documents: int = 0
    counts: dict[int, int] = field(default_factory=dict)
    seen: OrderedDict[int, None] = field(default_factory=OrderedDict)


class SiteTemplates:
    """Learns which lines are page template, per site, from the documents streaming through.

    Call `observe` once per document before cleaning it; `is_template` then
    says whether a line of that site recurs in enough distinct documents:
    in at least `min_docs` of them and in at least `min_share` of the site's
    documents. Long, body-like lines need to be far more frequent (in half the
    site's documents and at least ten of them).
    """

    def __init__(
        self,
        *,
        min_docs: int = 3,
        min_share: float = 0.2,
        max_lines_per_site: int = 50_000,
        max_sites: int = 2_000,
    ) -> None:
        if min_docs < 1:
            raise ValueError(f"min_docs must be at least 1, got {min_docs}")
        if not 0.0 < min_share <= 1.0:
            raise ValueError(f"min_share must be in (0, 1], got {min_share}")
        if max_lines_per_site < 10 or max_sites < 1:
            raise ValueError("max_lines_per_site must be at least 10 and max_sites at least 1")
        self.min_docs = min_docs
        self.min_share = min_share
        self.max_lines_per_site = max_lines_per_site
        self.max_sites = max_sites
        self._sites: OrderedDict[str, _SiteStats] = OrderedDict()

    def observe(self, site: str | None, lines: Iterable[str]) -> None:
        """Count the lines of one document of `site` (a document without a site teaches nothing)."""
        if not site:
            return
        normalised = {n for line in lines if len(n := normalise_line(line)) >= 2}
        if not normalised:
            return
        keys = {_key(n): _is_long(n) for n in normalised}
        stats = self._stats(site)
        fingerprint = self._fingerprint(keys)
        if fingerprint in stats.seen:
            stats.seen.move_to_end(fingerprint)
            return
        stats.seen[fingerprint] = None
        if len(stats.seen) > _SEEN_DOCS_PER_SITE:
            stats.seen.popitem(last=False)
        stats.documents += 1
        counts = stats.counts
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
        if len(counts) > self.max_lines_per_site:
            self._prune(stats)

    def is_template(self, site: str | None, line: str) -> bool:
        """Whether `line` recurs across enough distinct documents of `site` to be page template."""
        if not site:
            return False
        stats = self._sites.get(site)
        if stats is None or stats.documents == 0:
            return False
        normalised = normalise_line(line)
        if len(normalised) < 2:
            return False
        count = stats.counts.get(_key(normalised), 0)
        if count < self.min_docs:
            return False
        share = count / stats.documents
        if _is_long(normalised):
            return count >= max(_LONG_LINE_MIN_DOCS, 3 * self.min_docs) and share >= max(
                _LONG_LINE_MIN_SHARE, self.min_share
            )
        return share >= self.min_share

    def documents(self, site: str | None) -> int:
        """How many distinct documents of `site` have been observed (and are still remembered)."""
        stats = self._sites.get(site) if site else None
        return stats.documents if stats else 0

    def _stats(self, site: str) -> _SiteStats:
        stats = self._sites.get(site)
        if stats is None:
            stats = self._sites[site] = _SiteStats()
            if len(self._sites) > self.max_sites:
                self._sites.popitem(last=False)  # the site seen least recently
        else:
            self._sites.move_to_end(site)
        return stats

    @staticmethod
    def _fingerprint(keys: dict[int, bool]) -> int:
        # Exact copies of an article often differ only in furniture (a timestamp, a
        # counter): fingerprint the long, body-like lines when there are enough.
        long_keys = sorted(k for k, is_long in keys.items() if is_long)
        basis = long_keys if len(long_keys) >= 3 else sorted(keys)
        digest = hashlib.blake2b(b"".join(k.to_bytes(8, "big") for k in basis), digest_size=8)
        return int.from_bytes(digest.digest(), "big")

    def _prune(self, stats: _SiteStats) -> None:
        # Drop the rarest lines until a quarter of the table is free; frequent ones survive.
        target = int(self.max_lines_per_site * 0.75)
        threshold = 1
        while len(stats.counts) > target:
            stats.counts = {k: c for k, c in stats.counts.items() if c > threshold}
            threshold += 1
