"""Near-duplicate articles across the corpus: MinHash over word shingles, LSH bands.

Syndicated copies with a changed sentence or an added credit line are the same
story. MinHash over word 5-shingles (vectorised with numpy), banded for
locality-sensitive hashing: `lsh_bands` keys are looked up by an index in the
store, and every candidate is then verified by `jaccard_estimate` against
`NEAR_DUPLICATE_THRESHOLD` (`best_cluster`). Pure functions: the store persists
signatures, band keys and the cluster ids decided here.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from newsgraph.ingest.dedup import body_hash, normalise_body

__all__ = [
    "DEFAULT_BANDS",
    "DEFAULT_NUM_PERM",
    "MINHASH_SCHEME",
    "NEAR_DUPLICATE_THRESHOLD",
    "SHINGLE_WORDS",
    "ContentKeys",
    "best_cluster",
    "body_identity",
    "content_keys",
    "candidate_probability",
    "jaccard_estimate",
    "lsh_bands",
    "minhash_signature",
    "shingle_hashes",
    "shingles",
    "signature_from_bytes",
    "signature_to_bytes",
]

# Estimated Jaccard similarity of word 5-shingles at or above which two bodies
# are near duplicates (the same story, lightly edited). Syndicated copies with a
# rewritten lead, another headline and an added sentence measure 0.75-0.8 here;
# unrelated articles, even on the same event, stay far below 0.3.
NEAR_DUPLICATE_THRESHOLD = 0.7

DEFAULT_NUM_PERM = 128
# 32 bands of 4 rows: the LSH S-curve 1 - (1 - s**4)**32 has its midpoint near
# s = (1/32)**(1/4) ~ 0.42, so a pair at the 0.7 threshold becomes a candidate
# with probability ~0.9998 and a pair at 0.5 with ~0.87, while a pair at 0.2
# does so only ~5% of the time. Candidates are then checked against the
# threshold by the estimate itself, so the low midpoint costs lookups, not precision.
DEFAULT_BANDS = 32
SHINGLE_WORDS = 5
_MINHASH_SEED = 1

# The hashing scheme signatures are made with; a store records it, so that a later
# change of hashing is detected rather than mixed in.
MINHASH_SCHEME = "crc32-words-multiply-shift-mersenne61-v1"


def shingles(text: str, *, size: int = SHINGLE_WORDS) -> list[str]:
    """Distinct word `size`-shingles of the normalised text, in first-seen order.

    A text shorter than `size` words is shingled with as many words as it has,
    so that short bodies still get a meaningful signature; an empty text has none.
    """
    words = normalise_body(text).split()
    if not words:
        return []
    width = min(size, len(words))
    return list(dict.fromkeys(" ".join(words[i : i + width]) for i in range(len(words) - width + 1)))


# Universal hashing modulo a Mersenne prime, the classic MinHash permutation family.
_MERSENNE_PRIME = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
# Shingles are hashed in blocks so a gigantic document never needs a
# (shingles x permutations) matrix larger than this many rows.
_BLOCK_ROWS = 4096


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    # One fixed seed: stored signatures are only comparable with signatures made the same way.
    generator = np.random.RandomState(_MINHASH_SEED)
    a = generator.randint(1, int(_MERSENNE_PRIME), size=num_perm, dtype=np.uint64)
    b = generator.randint(0, int(_MERSENNE_PRIME), size=num_perm, dtype=np.uint64)
    return a, b


@lru_cache(maxsize=1)
def _position_multipliers() -> np.ndarray:
    # Odd 64-bit multipliers, one per word position in a shingle (multiply-shift hashing).
    return np.random.RandomState(_MINHASH_SEED + 1).randint(0, 1 << 62, size=SHINGLE_WORDS, dtype=np.uint64) * 2 + 1


def shingle_hashes(text: str, *, size: int = SHINGLE_WORDS) -> np.ndarray:
    """Distinct 32-bit hashes of the text's word `size`-shingles (as `shingles`, without building strings).

    Each word is hashed once (crc32); a shingle's hash combines its words' hashes with
    per-position odd multipliers and keeps the high 32 bits, all vectorised.
    """
    words = normalise_body(text).split()
    if not words:
        return np.empty(0, dtype=np.uint64)
    width = min(size, len(words))
    word_hashes = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    count = len(words) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    multipliers = _position_multipliers()
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is the point
        for position in range(width):
            combined += word_hashes[position : position + count] * multipliers[position]
    return np.unique(combined >> np.uint64(32))


def minhash_signature(text: str, *, num_perm: int = DEFAULT_NUM_PERM) -> np.ndarray:
    """The MinHash signature (uint32 array of `num_perm` values) of the text's word shingles.

    An empty text gives the all-maximum signature of an empty set, which matches
    nothing: `jaccard_estimate` treats two empty signatures as dissimilar.
    """
    if num_perm < 1:
        raise ValueError(f"num_perm must be a positive integer, got {num_perm}")
    a, b = _permutations(num_perm)
    signature = np.full(num_perm, _MAX_HASH, dtype=np.uint64)
    hashes = shingle_hashes(text)
    with np.errstate(over="ignore"):
        for start in range(0, hashes.size, _BLOCK_ROWS):
            block = hashes[start : start + _BLOCK_ROWS, None]
            permuted = ((block * a + b) % _MERSENNE_PRIME) & _MAX_HASH
            np.minimum(signature, permuted.min(axis=0), out=signature)
    return signature.astype(np.uint32)


def _as_signature(signature: Sequence[int] | np.ndarray) -> np.ndarray:
    array = np.asarray(signature)
    if array.ndim != 1 or array.size == 0:
        raise ValueError("a MinHash signature is a non-empty one-dimensional sequence of integers")
    return array.astype(np.uint32, copy=False)


def _is_empty_signature(array: np.ndarray) -> bool:
    return bool(np.all(array == np.iinfo(np.uint32).max))


def lsh_bands(signature: Sequence[int] | np.ndarray, *, bands: int = DEFAULT_BANDS) -> list[str]:
    """One key per LSH band ("b03:9f2c4e1a0b7d6c55"), for an indexed lookup.

    Two signatures share a key exactly when all rows of that band agree. The band
    number is part of the key so equal rows in different bands never collide.
    An empty text's signature has no bands: it must not match other empty texts.
    """
    array = _as_signature(signature)
    if bands < 1 or array.size % bands:
        raise ValueError(f"a signature of {array.size} values cannot be split into {bands} equal bands")
    if _is_empty_signature(array):
        return []
    rows = array.size // bands
    little_endian = array.astype("<u4", copy=False)
    keys = []
    for band in range(bands):
        chunk = little_endian[band * rows : (band + 1) * rows].tobytes()
        keys.append(f"b{band:02d}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return keys


def jaccard_estimate(sig_a: Sequence[int] | np.ndarray, sig_b: Sequence[int] | np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of positions where the signatures agree."""
    first, second = _as_signature(sig_a), _as_signature(sig_b)
    if first.size != second.size:
        raise ValueError(f"cannot compare signatures of {first.size} and {second.size} values")
    if _is_empty_signature(first) or _is_empty_signature(second):
        return 0.0
    return float(np.count_nonzero(first == second)) / first.size


def candidate_probability(similarity: float, *, num_perm: int = DEFAULT_NUM_PERM, bands: int = DEFAULT_BANDS) -> float:
    """Probability that a pair of true Jaccard `similarity` shares at least one band."""
    rows = num_perm // bands
    return 1.0 - (1.0 - similarity**rows) ** bands


def signature_to_bytes(signature: Sequence[int] | np.ndarray) -> bytes:
    """Compact storage form: little-endian uint32 values (512 bytes for 128 permutations)."""
    return _as_signature(signature).astype("<u4", copy=False).tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray:
    """Inverse of `signature_to_bytes`."""
    if not data or len(data) % 4:
        raise ValueError(f"a stored signature must be a non-empty multiple of 4 bytes, got {len(data)}")
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def best_cluster(
    signature: np.ndarray,
    candidates: Iterable[tuple[str, bytes]],
    threshold: float = NEAR_DUPLICATE_THRESHOLD,
) -> str | None:
    """The cluster of the most similar candidate at or above `threshold`, if any.

    `candidates` are (cluster id, stored signature bytes) of articles sharing a band.
    """
    best: tuple[float, str] | None = None
    for cluster_id, stored in candidates:
        stored_signature = signature_from_bytes(stored)
        if stored_signature.size != signature.size:
            continue
        similarity = jaccard_estimate(signature, stored_signature)
        if similarity >= threshold and (best is None or similarity > best[0]):
            best = (similarity, cluster_id)
    return best[1] if best else None


@dataclass(frozen=True, slots=True)
class ContentKeys:
    """What the store keeps to find copies of a body: its exact hash and near-duplicate keys."""

    body_hash: str
    has_body: bool  # False for a body with no words (never a duplicate of anything)
    signature: bytes | None
    bands: tuple[str, ...]


def body_identity(text: str) -> tuple[str, bool]:
    """The exact-duplicate key of a body, and whether it has any words at all."""
    return body_hash(text), bool(normalise_body(text))


def content_keys(text: str, *, num_perm: int = DEFAULT_NUM_PERM, bands: int = DEFAULT_BANDS) -> ContentKeys:
    """The exact and near-duplicate keys of an article body."""
    if not normalise_body(text):
        return ContentKeys(body_hash(text), False, None, ())
    signature = minhash_signature(text, num_perm=num_perm)
    keys = tuple(lsh_bands(signature, bands=bands))
    return ContentKeys(body_hash(text), True, signature_to_bytes(signature) if keys else None, keys)
