"""Per-site page templates, learnt from the documents themselves.

Every site repeats its own furniture on each page: a menu entry, a slogan, a
newsletter prompt worded its own way. No fixed pattern list knows them, but
they give themselves away by recurring across many documents of one site,
while article text does not. The evidence is, per site, the number of distinct
documents and in how many of them each (normalised) line occurs; a line is
template once it is frequent enough (`TemplateRule`).

A line is counted twice over: as itself (case-folded, digits collapsed), and, when
short, by its shape (`line_shape`): the literal words kept, every digit group, run of
capitalised words (names, months, weekdays) collapsed to a placeholder. "Posted 3 hours
ago by Jane Doe" and "Posted 5 hours ago by Li Wei" share the shape "posted 0 hours ago
by <n>", so a site's meta lines are learnt though no two of them are the same line.

The evidence is a set function: it depends on which documents of a site have
been seen, never on their order. That is what makes records deterministic: the
engine gathers the evidence of a whole run (and, for `ingest`, of everything the
store has seen) before it cleans a document, and re-derives a stored article
when later evidence changes which of its lines are template.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from newsgraph.evidence import SiteEvidence, SiteObservation

__all__ = [
    "SiteEvidence",
    "SiteObservation",
    "JudgedTemplates",
    "SiteTemplates",
    "TemplateRule",
    "document_key",
    "edge_key",
    "is_long",
    "line_key",
    "line_keys",
    "line_shape",
    "long_line_shape",
    "normalise_line",
    "observe_document",
]

_DIGITS_RE = re.compile(r"\d+")
# Lines at least this long (normalised) read like article text.
_LONG_LINE_CHARS = 80


def normalise_line(line: str) -> str:
    """The form lines are compared in: case-folded, digits collapsed, whitespace squeezed."""
    return " ".join(_DIGITS_RE.sub("0", line.casefold()).split())


def line_key(normalised: str) -> int:
    """A signed 64-bit key for a normalised line (it fits an SQL integer column)."""
    return int.from_bytes(hashlib.blake2b(normalised.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def is_long(normalised: str) -> bool:
    """Whether a line reads like article text (long, or a sentence of eight words or more)."""
    return len(normalised) >= _LONG_LINE_CHARS or (len(normalised.split()) >= 8 and normalised[-1:] in ".!?\"”»")


_SHAPE_TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_PLACEHOLDER = "<n>"
# Shapes are learnt for short lines only: a sentence of the story is never one.
_SHAPE_MAX_WORDS = 16
# A shape that names what it is: at least this many literal words ("posted ... ago by"),
# or one literal word with two or more numbers ("Filed <n> 0 <n> 0, 0.0 <n>"). A run of
# capitalised words with one word kept (a title-cased headline) has no shape.
_SHAPE_MIN_LITERALS = 2
# Prefixed so that a shape and a line of the same words never share a key.
_SHAPE_PREFIX = "\x1fshape "


def line_shape(line: str) -> str | None:
    """The shape of a short line, or None where it has no shape worth learning.

    Digit groups become 0 (ordinals too: "12th"); capitalised words after the first
    (names, months, weekdays, titles) become one placeholder per run; the first word and
    lower-case words stay, case-folded, as does punctuation.
    """
    tokens = _SHAPE_TOKEN_RE.findall(line)
    words = [t for t in tokens if t[0].isalnum() or t[0] == "_"]
    if not words or len(words) > _SHAPE_MAX_WORDS:
        return None
    shape: list[str] = []
    literals = numbers = placeholders = 0
    first_word = True
    for token in tokens:
        if not (token[0].isalnum() or token[0] == "_"):
            shape.append(token)
            continue
        if any(c.isdigit() for c in token):
            shape.append("0")
            numbers += 1
        elif not first_word and token[0].isupper():
            if shape[-1:] != [_PLACEHOLDER]:
                shape.append(_PLACEHOLDER)
                placeholders += 1
        else:
            shape.append(token.casefold())
            literals += len(token) >= 2 and token.isalpha()
        first_word = False
    if not placeholders:
        return None  # nothing varies beyond digits: the line's own key says it all
    if literals < _SHAPE_MIN_LITERALS and not (literals >= 1 and numbers >= 2):
        return None
    return " ".join(shape)


# What a long line quotes is its own (a title, a name): "... with the headline “A town divided.”"
_QUOTED_SPAN_RE = re.compile(r"“[^”]{1,200}”|\"[^\"]{1,200}\"|«[^»]{1,200}»")
# A long line's shape must keep this many literal words: the sentence a site prints on every page.
_LONG_SHAPE_MIN_LITERALS = 6


def long_line_shape(line: str) -> str | None:
    """The shape of a long line: quoted spans collapsed to one mark, then as `line_shape` without its
    length limit; None where fewer than six literal words are left. Long shapes are judged by the
    long-line rules only (many documents, or nearly every page and outside the story)."""
    collapsed = _QUOTED_SPAN_RE.sub(" “q” ", line)
    tokens = _SHAPE_TOKEN_RE.findall(collapsed)
    shape: list[str] = []
    literals = 0
    for position, token in enumerate(tokens):
        if not (token[0].isalnum() or token[0] == "_"):
            shape.append(token)
        elif any(c.isdigit() for c in token):
            shape.append("0")
        elif position and token[0].isupper():
            if shape[-1:] != [_PLACEHOLDER]:
                shape.append(_PLACEHOLDER)
        else:
            shape.append(token.casefold())
            literals += len(token) >= 2 and token.isalpha()
    return " ".join(shape) if literals >= _LONG_SHAPE_MIN_LITERALS else None


def _shape_key(line: str, long: bool) -> int | None:
    shape = long_line_shape(line) if long else line_shape(line)
    return None if shape is None else line_key(_SHAPE_PREFIX + shape)


def line_keys(line: str) -> tuple[int, ...]:
    """The keys a line is judged by: its own, and its shape's where it has one."""
    normalised = normalise_line(line)
    if len(normalised) < 2:
        return ()
    own = line_key(normalised)
    shape = _shape_key(line, is_long(normalised))
    return (own,) if shape is None or shape == own else (own, shape)


def _line_keys(lines: Iterable[str]) -> dict[int, bool]:
    keys: dict[int, bool] = {}
    for line in lines:
        normalised = normalise_line(line)
        if len(normalised) < 2:
            continue
        long = is_long(normalised)
        keys[line_key(normalised)] = long
        if (shape := _shape_key(line, long)) is not None:
            keys.setdefault(shape, long)
    return keys


def document_key(keys: Mapping[int, bool]) -> int:
    """Identity of a document for counting evidence: exact copies count once.

    Copies of an article often differ only in furniture (a timestamp, a counter),
    so the long, body-like lines are fingerprinted when there are enough.
    """
    long_keys = sorted(k for k, long in keys.items() if long)
    basis = long_keys if len(long_keys) >= 3 else sorted(keys)
    digest = hashlib.blake2b(b"".join(k.to_bytes(8, "big", signed=True) for k in basis), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)


def observe_document(site: str | None, lines: Iterable[str]) -> SiteObservation | None:
    """What a document of `site` teaches; None without a site or without lines."""
    if not site:
        return None
    keys = _line_keys(lines)
    if not keys:
        return None
    return SiteObservation(site, document_key(keys), tuple(sorted(keys.items())))


@dataclass(frozen=True, slots=True)
class TemplateRule:
    """When a line is template: in at least `min_docs` documents of its site and at least
    `min_share` of them. Long, body-like lines need far more: half the site's documents
    and at least `long_min_docs`, so a syndicated paragraph is never taken."""

    min_docs: int = 3
    min_share: float = 0.2
    long_min_docs: int = 10
    long_min_share: float = 0.5
    edge_min_share: float = 0.8

    def __post_init__(self) -> None:
        if self.min_docs < 1:
            raise ValueError(f"min_docs must be at least 1, got {self.min_docs}")
        for name in ("min_share", "long_min_share", "edge_min_share"):
            if not 0.0 < getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be in (0, 1], got {getattr(self, name)}")
        if self.long_min_docs < 1:
            raise ValueError(f"long_min_docs must be at least 1, got {self.long_min_docs}")

    @property
    def least_count(self) -> int:
        """No line seen in fewer documents than this can be template."""
        return self.min_docs

    def is_template(self, count: int, documents: int, long: bool) -> bool:
        if documents <= 0 or count < self.min_docs:
            return False
        share = count / documents
        if long:
            return count >= max(self.long_min_docs, 3 * self.min_docs) and share >= max(
                self.long_min_share, self.min_share
            )
        return share >= self.min_share

    def is_edge(self, count: int, documents: int, long: bool) -> bool:
        """A long line in nearly every document of a small site (a footer sentence, a disclaimer):
        too few documents to call it template anywhere, but furniture where it stands outside the
        story, at the top or the bottom of a page (the cleaner decides where it stands)."""
        if not long or documents <= 0 or self.is_template(count, documents, long):
            return False
        return count >= max(self.min_docs, 3) and count / documents >= max(self.edge_min_share, self.min_share)


@dataclass(slots=True)
class _Site:
    documents: int = 0
    counts: dict[int, list] = field(default_factory=dict)  # key -> [count, long]
    seen: set[int] = field(default_factory=set)
    version: int = 0


class SiteTemplates:
    """Which lines are page template, per site, from evidence observed here or loaded from a store.

    `observe` counts one document (exact copies once); `load` takes a site's evidence
    as the store keeps it. `is_template(site, line)` then applies the rule.
    """

    def __init__(self, rule: TemplateRule | None = None, **rule_settings: float) -> None:
        self.rule = rule or TemplateRule(**rule_settings)
        self._sites: dict[str, _Site] = {}

    def observe(self, site: str | None, lines: Iterable[str]) -> None:
        """Count the lines of one document of `site` (a document without a site teaches nothing)."""
        observation = observe_document(site, lines)
        if observation is not None:
            self.add(observation)

    def add(self, observation: SiteObservation) -> bool:
        """Count one observation; False when that document was already counted."""
        stats = self._sites.setdefault(observation.site, _Site())
        if observation.document in stats.seen:
            return False
        stats.seen.add(observation.document)
        stats.documents += 1
        for key, long in observation.lines:
            entry = stats.counts.setdefault(key, [0, long])
            entry[0] += 1
        return True

    def load(self, evidence: SiteEvidence) -> None:
        """Use a site's evidence as a store keeps it (replacing what was known of that site)."""
        self._sites[evidence.site] = _Site(
            documents=evidence.documents,
            counts={key: [count, long] for key, (count, long) in evidence.counts.items()},
            version=evidence.version,
        )

    def version(self, site: str | None) -> int | None:
        stats = self._sites.get(site) if site else None
        return stats.version if stats else None

    def documents(self, site: str | None) -> int:
        """How many distinct documents of `site` the evidence counts."""
        stats = self._sites.get(site) if site else None
        return stats.documents if stats else 0

    def is_template(self, site: str | None, line: str) -> bool:
        """Whether `line` (or its shape) recurs across enough distinct documents of `site` to be page template."""
        if not site:
            return False
        return any(self._key_is_template(site, key) for key in line_keys(line))

    def _key_is_template(self, site: str, key: int) -> bool:
        stats = self._sites.get(site)
        if stats is None:
            return False
        entry = stats.counts.get(key)
        return entry is not None and self.rule.is_template(entry[0], stats.documents, entry[1])

    def _key_is_edge(self, site: str, key: int) -> bool:
        stats = self._sites.get(site)
        entry = stats.counts.get(key) if stats is not None else None
        return entry is not None and self.rule.is_edge(entry[0], stats.documents, entry[1])

    def is_edge_template(self, site: str | None, line: str) -> bool:
        """Whether `line` is a long line of nearly every page of `site`: furniture outside the story."""
        return bool(site) and any(self._key_is_edge(site, key) for key in line_keys(line))

    def template_keys(self, site: str | None) -> frozenset[int]:
        """Every line key judged template for `site` by the evidence known now, and every edge
        line's key marked as such (`edge_key`): one set says the whole judgement."""
        stats = self._sites.get(site) if site else None
        if stats is None:
            return frozenset()
        keys = set()
        for key, (count, long) in stats.counts.items():
            if self.rule.is_template(count, stats.documents, long):
                keys.add(key)
            elif self.rule.is_edge(count, stats.documents, long):
                keys.add(edge_key(key))
        return frozenset(keys)

    def judgement(self, site: str | None, keys: Iterable[int]) -> str:
        """A digest of which of these line keys are template (or edge) for `site`: a stored
        article needs re-deriving exactly when its judgement changes."""
        if not site:
            return ""
        judged = []
        for key in keys:
            if self._key_is_template(site, key):
                judged.append(key)
            elif self._key_is_edge(site, key):
                judged.append(edge_key(key))
        return _digest(judged)

    def judged(self, site: str | None) -> JudgedTemplates:
        """What this evidence judges template for `site`, as a fixed set: small, picklable,
        and judging exactly as this object does."""
        return JudgedTemplates({site: self.template_keys(site)} if site else {})


_EDGE_MARK = 0x2D5E_6A1B_93C4_77F1  # below 2**63: a marked key stays a signed 64-bit value


def edge_key(key: int) -> int:
    """The key an edge line is listed under among a site's template keys."""
    return key ^ _EDGE_MARK


def _digest(template_keys: Iterable[int]) -> str:
    template = sorted(set(template_keys))
    if not template:
        return ""
    digest = hashlib.blake2b(b"".join(k.to_bytes(8, "big", signed=True) for k in template), digest_size=8)
    return digest.hexdigest()


class JudgedTemplates:
    """The lines judged template, per site, as fixed key sets: what a worker cleans with."""

    __slots__ = ("_keys",)

    def __init__(self, keys_by_site: dict[str, frozenset[int]]) -> None:
        self._keys = keys_by_site

    def template_keys(self, site: str | None) -> frozenset[int]:
        return self._keys.get(site, frozenset()) if site else frozenset()

    def is_template(self, site: str | None, line: str) -> bool:
        if not site:
            return False
        template = self.template_keys(site)
        return any(key in template for key in line_keys(line))

    def is_edge_template(self, site: str | None, line: str) -> bool:
        if not site:
            return False
        template = self.template_keys(site)
        return any(edge_key(key) in template for key in line_keys(line))

    def judgement(self, site: str | None, keys: Iterable[int]) -> str:
        if not site:
            return ""
        template = self.template_keys(site)
        judged = []
        for key in keys:
            if key in template:
                judged.append(key)
            elif edge_key(key) in template:
                judged.append(edge_key(key))
        return _digest(judged)

    def __getstate__(self) -> dict:
        return {"keys": self._keys}

    def __setstate__(self, state: dict) -> None:
        self._keys = state["keys"]
