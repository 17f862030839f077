"""Statements across outlets, and whom a statement is about.

The same statement reported by several articles shares one statement id: its text is the same
or nearly so, or one quotation is a part of the other (a partial quotation inside a longer
direct one). Quotations are compared by their word 3-shingles (accents and case folded),
hashed together with the speaker's blocking key (`speaker_block`), so only quotations of one
speaker block are ever compared and a store finds the candidates of a new quotation with one
indexed lookup. Two quotations are one statement when the shingles they share are at least
`CONTAINMENT` of the shorter one's (and at least two, or both are the same short text), or
the shorter one of nine shingles or more misses only what one word changed takes away.
Being one statement is a relation between two quotations; a statement is a connected group of
them, so the grouping does not depend on the order quotations arrive in. Its id is a hash of
its first member in (article id, position) order.

`about_entities` names the entities a quotation mentions: those inside its span and, for a
third-person pronoun in it, the person the article last named before the quotation (the
speaker aside).

Pure functions: the store keeps the shingle keys and the groups.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from newsgraph.records import Entity
from newsgraph.resolve.speakers import fold, name_parts, speaker_kind

__all__ = [
    "ABOUT_LABELS",
    "CONTAINMENT",
    "about_entities",
    "is_same_statement",
    "shingle_keys",
    "speaker_block",
    "statement_id",
    "statement_pieces",
    "statement_tokens",
]

# Share of the shorter quotation's shingles the longer one must hold to be the same statement.
CONTAINMENT = 0.8
SHINGLE = 3
# A quotation this long (in shingles) is still the same statement with one word written differently.
ONE_WORD_MIN_SHINGLES = 3 * SHINGLE
# Entity labels a statement can be about (numbers, dates and amounts are what is said, not whom).
ABOUT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"})
_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
_TOKEN = re.compile(r"\w+(?:'\w+)?")
# A fragment quoted inside a quotation's text (straight or curly marks; a closing mark may be missing at its end).
_FRAGMENT = re.compile(r"[\"\u201c\u201d]([^\"\u201c\u201d]{8,}?)(?:[\"\u201c\u201d]|$)")


def speaker_block(name: str | None) -> str:
    """The blocking key of a speaker name: every name that can be one identity shares it.

    A person's key is the folded surname (with a generational suffix), so `Donald J. Trump`,
    `Mr. Trump` and `Trump` share `trump`; a name that reads as an organisation by its words
    alone is its own block (`org:justice department`); a group word is `group:<word>`; a quote
    with no speaker is ''. Identities are resolved within one block (`resolve_speakers` over the
    block's mentions gives what it gives over the whole corpus)."""
    if not name or not name.strip():
        return ""
    kind = speaker_kind(name.strip())
    if kind == "group":
        return "group:" + fold(name.strip())
    if kind == "organisation":
        words = [w for w in fold(name).replace(".", " ").split() if w]
        return "org:" + " ".join(words[1:] if words and words[0] == "the" else words)
    key = name_parts(name.strip())
    if not key:
        return ""
    if len(key) >= 2 and key[1] != "":
        return f"{key[1]}|{key[2]}" if len(key) == 3 else key[1]
    return f"{key[0]}|{key[2]}" if len(key) == 3 else key[0]


def statement_tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(fold(text)))


def shingle_keys(block: str, tokens: Sequence[str]) -> list[int]:
    """The distinct signed 64-bit keys of a quotation's word 3-shingles within its speaker block
    (one key for the whole text when it has fewer than three words)."""
    if not tokens:
        return []
    if len(tokens) < SHINGLE:
        grams = {" ".join(tokens)}
    else:
        grams = {" ".join(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}
    keys = {int.from_bytes(hashlib.blake2b(f"{block}\x1f{g}".encode(), digest_size=8).digest(), "big", signed=True)
            for g in grams}
    return sorted(keys)


def statement_pieces(text: str) -> list[list[str]]:
    """The token lists a quotation is compared by: its whole text, then each fragment of three words
    or more it quotes inside quotation marks (`he would build "the bridges this country was
    promised"` repeats the words of a direct quotation elsewhere)."""
    whole = list(statement_tokens(text))
    pieces = [whole]
    for match in _FRAGMENT.finditer(text):
        tokens = list(statement_tokens(match.group(1)))
        if len(tokens) >= SHINGLE and tokens != whole and tokens not in pieces:
            pieces.append(tokens)
    return pieces


def is_same_statement(shared: int, size_a: int, size_b: int, *, fragment: bool = False) -> bool:
    """Two quotations (or quoted fragments, `fragment`) of one speaker block sharing `shared` of
    their `size_a`/`size_b` shingle keys."""
    smaller = min(size_a, size_b)
    if smaller <= 1:
        # One shingle: the same short text, or a quoted three-word fragment inside the other.
        return shared == 1 and (size_a == size_b or fragment)
    if shared >= 2 and shared >= CONTAINMENT * smaller:
        return True
    # The same words but one (`in a second term` / `in his second term`): a word changed takes at
    # most SHINGLE shingles away, a small part of a text of ONE_WORD_MIN_SHINGLES or more.
    return smaller >= ONE_WORD_MIN_SHINGLES and shared >= smaller - SHINGLE


def statement_id(article_id: str, position: int) -> str:
    """A statement's id: from its first member in (article id, position) order."""
    return hashlib.sha256(f"statement|{article_id}|{position}".encode()).hexdigest()[:16]


def about_entities(quote_start: int, quote_end: int, quote_text: str, entities: Iterable[Entity],
                   speaker_name: str | None) -> list[str]:
    """Names of the entities a quotation (in the article's text) mentions, first mention first;
    a third-person pronoun in it stands for the person the article last named before it."""
    speaker = fold(speaker_name) if speaker_name else None
    ordered = sorted(entities, key=lambda e: (e.start, e.end))
    found: dict[str, None] = {}
    for entity in ordered:
        if entity.start >= quote_start and entity.end <= quote_end and entity.label in ABOUT_LABELS:
            name = (entity.name or entity.text or "").strip()
            if name and fold(name) != speaker and not _is_part_of(name, speaker):
                found.setdefault(name, None)
    if _PRONOUNS & set(statement_tokens(quote_text)):
        before = [e for e in ordered if e.end <= quote_start and e.label == "PERSON" and (e.name or e.text)]
        for entity in reversed(before):
            name = (entity.name or entity.text).strip()
            if fold(name) != speaker and not _is_part_of(name, speaker) and len(name.split()) > 1:
                found.setdefault(name, None)
                break
    return list(found)


def _is_part_of(name: str, speaker: str | None) -> bool:
    """`Hale` inside a quotation by `Marcus Hale` is the speaker naming himself."""
    if not speaker:
        return False
    words = fold(name).split()
    return len(words) == 1 and words[0] in speaker.split()


def rank_about(lists: Iterable[Sequence[str]], limit: int = 10) -> list[str]:
    """The entities a group of quotations mentions, most mentioned first."""
    counts: Counter[str] = Counter()
    for names in lists:
        counts.update(dict.fromkeys(names, 1))
    return [name for name, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]]
