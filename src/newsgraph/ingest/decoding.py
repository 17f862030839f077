"""Bytes to text: binary refusal, BOMs, UTF-8 first, then a legacy encoding only on clear evidence.

News archives mix UTF-8 with legacy single-byte encodings (cp1251 and koi8-r
for Ukrainian and Russian, cp1252/latin-1 for Western Europe). A text that is
valid UTF-8 but for a few bytes is UTF-8 with damage: those bytes become
U+FFFD and the result says so. A legacy encoding is used when the evidence is
strong: a BOM, a declared charset that decodes the bytes, or statistics that
leave no doubt (invalid bytes far outnumber valid multi-byte characters).
charset-normalizer then makes the first guess; within the Cyrillic and the
Latin single-byte families its choice is checked against how plausible each
decoding reads (letter frequencies, case inside words, control characters),
because its ranking confuses cp1251/koi8-r on short texts and prefers cp1250
for French.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from newsgraph.ingest.document import ReadError
from newsgraph.messages import clip


class DecodeError(ReadError):
    """Bytes that are not text (binary, empty, or in no encoding we can read)."""


# Leading bytes of common non-text files, longest first where prefixes overlap.
_MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"(\xb5/\xfd", "zstd data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"fLaC", "FLAC audio"),
    (b"\x00\x00\x01\x00", "ICO image"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"PAR1", "Parquet file"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_CYRILLIC_CODECS = ("cp1251", "koi8_r", "koi8_u", "iso8859_5", "mac_cyrillic", "cp866")
_LATIN_CODECS = ("cp1252", "cp1250", "iso8859_15", "iso8859_2", "cp1257", "latin_1")

# Approximate letter frequencies of Russian and Ukrainian running text.
_CYRILLIC_FREQUENCY = {
    "о": 0.10, "е": 0.08, "а": 0.08, "и": 0.065, "н": 0.066, "т": 0.06, "с": 0.05,
    "р": 0.047, "в": 0.045, "л": 0.042, "к": 0.035, "м": 0.031, "д": 0.03, "п": 0.028,
    "у": 0.027, "і": 0.025, "я": 0.02, "ы": 0.017, "ь": 0.017, "г": 0.016, "з": 0.016,
    "б": 0.016, "ч": 0.013, "й": 0.011, "х": 0.009, "ж": 0.008, "ш": 0.007, "ю": 0.006,
    "ц": 0.005, "ї": 0.005, "є": 0.004, "щ": 0.004, "э": 0.003, "ф": 0.002, "ё": 0.001,
    "ъ": 0.0005, "ґ": 0.0003,
}
# Non-ASCII letters that are frequent in Western European languages.
_COMMON_LATIN = set("éèêëàâäáãåçíìîïóòôöõøúùûüñßæœÿÉÈÊÀÂÄÁÇÍÎÓÔÖÚÜÑ")
_CENTRAL_LATIN = set("ąćęłńśźżčďěňřšťůžőűăîșțşğıĄĆĘŁŃŚŹŻČĎĚŇŘŠŤŮŽŐŰĂÎȘȚŞĞİ")
_TYPOGRAPHY = set("\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026«»€£•°©®™§·×\u00a0")

# A legacy reading wins over UTF-8 with damage only when invalid bytes outnumber
# valid multi-byte characters by more than this (see _Utf8Evidence).
_LEGACY_RATIO = 4
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Decoded:
    """A document's text, the encoding it was read in, and what had to be repaired on the way."""

    text: str
    encoding: str  # Python's codec name: "utf-8", "utf-16-le", "cp1251", "koi8-r", "cp1252", ...
    warnings: tuple[str, ...] = ()


def file_type(head: bytes) -> str | None:
    """The kind of binary file whose leading bytes `head` are, by its magic number, or None."""
    for magic, kind in _MAGIC_NUMBERS:
        if head.startswith(magic):
            return kind
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[head[8:12]]
    if head[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    return None


def sniff_binary(head: bytes) -> str | None:
    """What kind of binary file `head` (the first bytes) starts, or None if it may be text."""
    kind = file_type(head)
    if kind is not None:
        return kind
    if b"\x00" in head and _bom_encoding(head) is None and _utf16_without_bom(head) is None:
        return "contains NUL bytes"
    return None


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares (<meta charset>, http-equiv, XML declaration), if any."""
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").strip().lower()
    return name or None


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """The text of `decode(data, declared=declared)`, for callers that do not report warnings."""
    return decode(data, declared=declared).text


def decode(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode one document's bytes to text, or raise DecodeError with a one-line reason.

    `declared` is the encoding the container states (HTML meta charset, HTTP
    header); it is trusted only when the bytes are not valid UTF-8 and it
    decodes them without errors. Bytes that no reading could decode are
    replaced by U+FFFD and counted in `warnings`.
    """
    if not data.strip():
        raise DecodeError("empty file")
    binary = sniff_binary(data[:64])
    if binary is None and b"\x00" in data[:65536]:
        # Only look for NULs in the head: a few stray NULs deep in a text file
        # are damage, not a sign of a binary format.
        binary = sniff_binary(data[:65536])
    if binary is not None:
        raise DecodeError(f"binary file ({binary}), not text")

    encoding = _bom_encoding(data) or _utf16_without_bom(data)
    if encoding is not None:
        bom_length = next((len(bom) for bom, _ in _BOMS if data.startswith(bom)), 0)
        text, replaced = _decode_replacing(data[bom_length:], encoding)
        warnings = (f"{_count(replaced, 'invalid ' + encoding.upper() + ' sequence')} replaced",) if replaced else ()
        return Decoded(_non_empty(text), encoding, warnings)

    try:
        return Decoded(_non_empty(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass

    warnings: list[str] = []
    label = declared or declared_charset(data)
    if label is not None:
        codec = _codec_name(label)
        if codec is None:
            warnings.append(f"declared charset {clip(label)} is unknown; ignored")
        elif codec != "utf_8":
            if codec == "latin_1":
                # WHATWG: a page labelled ISO-8859-1 is decoded as windows-1252.
                codec = _latin1_or_cp1252(data)
            try:
                return Decoded(_non_empty(data.decode(codec)), _display_name(codec), tuple(warnings))
            except UnicodeDecodeError:
                warnings.append(f"declared charset {clip(label)} does not decode the bytes; ignored")

    evidence = _utf8_evidence(data)
    if not evidence.clearly_legacy:
        text = data.decode("utf-8", errors="replace")
        warnings.append(f"{_count(evidence.invalid, 'invalid UTF-8 byte')} replaced (first on line {evidence.first_bad_line})")
        return Decoded(_non_empty(text), "utf-8", tuple(warnings))
    codec = _guess_legacy_encoding(data)
    text, replaced = _decode_replacing(data, codec)
    if replaced:
        warnings.append(f"{_count(replaced, 'byte')} undefined in {_display_name(codec)} replaced")
    return Decoded(_non_empty(text), _display_name(codec), tuple(warnings))


def _non_empty(text: str) -> str:
    if not text.strip():
        raise DecodeError("empty file")
    return text


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _display_name(codec: str) -> str:
    return codecs.lookup(codec).name


def _decode_replacing(data: bytes, codec: str) -> tuple[str, int]:
    """`data` decoded with undecodable sequences as U+FFFD, and how many were replaced."""
    text = data.decode(codec, errors="replace")
    if "\ufffd" not in text:
        return text, 0
    return text, len(text) - len(data.decode(codec, errors="ignore"))


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: ASCII-range text has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    half = len(sample) // 2
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if odd_nuls > 0.7 * half and even_nuls < 0.1 * half:
        return "utf-16-le"
    if even_nuls > 0.7 * half and odd_nuls < 0.1 * half:
        return "utf-16-be"
    return None


def _codec_name(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip().strip("\"'")).name.replace("-", "_")
    except LookupError:
        return None


def _latin1_or_cp1252(data: bytes) -> str:
    """cp1252 puts typography in 0x80-0x9F where latin-1 has control codes; five bytes there are undefined."""
    if any(byte in data for byte in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")):
        return "latin_1"
    return "cp1252"


@dataclass(frozen=True, slots=True)
class _Utf8Evidence:
    valid: int  # multi-byte characters that are valid UTF-8
    invalid: int  # bytes that are not part of any valid UTF-8 sequence
    first_bad_line: int

    @property
    def clearly_legacy(self) -> bool:
        # Legacy single-byte text forms valid multi-byte sequences only by
        # chance (a cp1251 capital before "і", koi8-u "ні"): Russian and
        # Ukrainian sentences have 5 or more invalid bytes per valid character
        # in koi8 and 26 or more in cp1251; only cp866 (DOS, rare in news)
        # comes lower. Damaged UTF-8 has a few bad bytes among its curly quotes
        # and letters.
        return self.valid == 0 or self.invalid > _LEGACY_RATIO * self.valid


def _utf8_evidence(data: bytes) -> _Utf8Evidence:
    """How much of `data` reads as UTF-8, counted at C speed (whole documents can be megabytes)."""
    # surrogateescape turns each invalid byte into one lone surrogate, which
    # encoding with "ignore" then drops: the length difference counts them.
    escaped = data.decode("utf-8", errors="surrogateescape")
    invalid = len(data) - len(escaped.encode("utf-8", errors="ignore"))
    non_ascii = len(escaped) - len(escaped.encode("ascii", errors="ignore"))
    first = _ESCAPED_BYTE.search(escaped)
    first_bad_line = escaped.count("\n", 0, first.start()) + 1 if first else 0
    return _Utf8Evidence(valid=non_ascii - invalid, invalid=invalid, first_bad_line=first_bad_line)


def _guess_legacy_encoding(data: bytes) -> str:
    sample = data[:200_000]
    matches = charset_normalizer.from_bytes(sample)
    guesses = [codec for codec in (_codec_name(match.encoding) for match in matches) if codec]
    family_codec, family_score = _best_in_family(sample, guesses)
    best = guesses[0] if guesses else None
    if best is not None and best not in _CYRILLIC_CODECS + _LATIN_CODECS:
        # Greek, Hebrew, Arabic, CJK: trusted when the result reads as letters
        # and the sample is long enough for its statistics. On short samples it
        # ranks koi8-r text as Shift-JIS (half-width katakana), German as
        # mac-iceland (symbols inside words) and four Cyrillic letters as Big5.
        try:
            score = _plausibility(sample.decode(best))
        except UnicodeDecodeError:
            score = -1.0
        high_bytes = sum(1 for byte in sample[:4096] if byte > 127)
        if score >= 0.5 and (high_bytes >= 16 or score > family_score):
            return best
    if family_codec in _LATIN_CODECS and family_codec != "cp1252" and _same_text(data, family_codec, "cp1252"):
        family_codec = "cp1252"  # the same text either way: name the encoding Western text is usually in
    if family_codec == "cp1252":
        return _latin1_or_cp1252(data)
    return family_codec


def _same_text(data: bytes, codec: str, other: str) -> bool:
    try:
        return data.decode(codec) == data.decode(other)
    except UnicodeDecodeError:
        return False


def _best_in_family(sample: bytes, guesses: list[str]) -> tuple[str, float]:
    """The most plausible Cyrillic or Latin single-byte decoding; charset-normalizer's ranking breaks ties."""
    family = _CYRILLIC_CODECS + _LATIN_CODECS
    candidates = list(dict.fromkeys([guess for guess in guesses if guess in family] + list(family)))
    scored = []
    for order, codec in enumerate(candidates):
        if codec == "latin_1":
            continue  # the same letters as cp1252; the two are told apart by the 0x80-0x9F range
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        scored.append((_plausibility(text), -order, codec))
    if not scored:
        return "latin_1", -5.0  # decodes any bytes: the text is at least not lost
    score, _, codec = max(scored)
    return codec, score


def _plausibility(text: str) -> float:
    """Mean score of the non-ASCII characters: high for the letters real text is made of."""
    total = 0.0
    count = 0
    previous = " "
    length = len(text)
    for index, char in enumerate(text):
        if ord(char) < 128:
            previous = char
            continue
        following = text[index + 1] if index + 1 < length else " "
        count += 1
        total += _char_score(char, previous, following)
        previous = char
    return total / count if count else 0.0


def _is_ascii_letter(char: str) -> bool:
    return ("a" <= char <= "z") or ("A" <= char <= "Z")


def _char_score(char: str, previous: str, following: str) -> float:
    code = ord(char)
    if 0x80 <= code <= 0x9F or char == "\ufffd":
        return -5.0
    if char.isalpha():
        if char.isupper() and previous.isalpha() and previous.islower():
            return -1.0  # a capital inside a word: typical of the wrong Cyrillic table
        next_to_ascii = _is_ascii_letter(previous) or _is_ascii_letter(following)
        if "\u0400" <= char <= "\u04ff":
            if next_to_ascii:
                return -1.0  # one script inside a word written in another
            frequency = _CYRILLIC_FREQUENCY.get(char.lower(), 0.0)
            score = 1.0 if frequency >= 0.01 else 0.5 if frequency > 0 else -0.5
            return score if char.islower() else score * 0.6
        if "\u00c0" <= char <= "\u024f":
            if _is_latin_extended(previous) and _is_latin_extended(following):
                return -0.5  # runs of accented letters are rare in Latin-script languages
            if char in _COMMON_LATIN:
                return 1.0
            if char in _CENTRAL_LATIN:
                return 0.8
            return 0.3
        if "\uff61" <= char <= "\uff9f":
            return -0.5  # half-width katakana: single-byte text read as Shift-JIS
        if next_to_ascii:
            return -0.5
        return 0.7  # Greek, Hebrew, Arabic, CJK, kana: letters of their own scripts
    if char in _TYPOGRAPHY or "\u3000" <= char <= "\u303f" or "\uff01" <= char <= "\uff1f":
        return 0.5
    if previous.isalpha() and following.isalpha():
        return -1.0  # a symbol or box-drawing character inside a word
    return -0.3


def _is_latin_extended(char: str) -> bool:
    return "\u00c0" <= char <= "\u024f" and char.isalpha()
