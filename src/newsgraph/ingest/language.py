"""Language of an article's text: ISO 639-1 code via py3langid, "und" when undecidable."""

from __future__ import annotations

import re
import threading

from py3langid.langid import MODEL_FILE, LanguageIdentifier

UNDETERMINED = "und"
# Fewer letters than this carry too little signal: a dateline or a caption is
# classified at random, and a wrong language is worse than "und".
MIN_LETTERS = 20
# A few paragraphs decide the language as surely as the whole text (the
# classifier's accuracy levels off well below this), and cost a fifth of 20k.
SAMPLE_CHARACTERS = 4_000
# Below this normalised probability the classifier is guessing.
MIN_CONFIDENCE = 0.5

_identifier: LanguageIdentifier | None = None
_identifier_lock = threading.Lock()

_UKRAINIAN_ONLY = re.compile("[іїєґІЇЄҐ]")
_RUSSIAN_ONLY = re.compile("[ыэъёЫЭЪЁ]")
_LETTER = re.compile(r"[^\W\d_]")
_URL_OR_EMAIL = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language `text` is written in, or "und" when too little text says."""
    sample = _URL_OR_EMAIL.sub(" ", text[:SAMPLE_CHARACTERS])
    letters = len(_LETTER.findall(sample))
    if letters < MIN_LETTERS:
        return UNDETERMINED
    language, confidence = _get_identifier().classify(sample)
    if language in ("ru", "uk"):
        # Short Cyrillic texts are often confused; each language has letters
        # the other does not use.
        ukrainian = bool(_UKRAINIAN_ONLY.search(sample))
        russian = bool(_RUSSIAN_ONLY.search(sample))
        if ukrainian and not russian:
            return "uk"
        if russian and not ukrainian:
            return "ru"
    if confidence < MIN_CONFIDENCE:
        return UNDETERMINED
    return language


def _get_identifier() -> LanguageIdentifier:
    # Loading the model takes about a second; do it once, on first use.
    global _identifier
    if _identifier is None:
        with _identifier_lock:
            if _identifier is None:
                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier
