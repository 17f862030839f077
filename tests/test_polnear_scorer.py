"""The PolNeAR quotation scorer on hand-made gold and predictions (no shared data needed)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "polnear_quotes", Path(__file__).resolve().parents[1] / "eval" / "polnear_quotes.py")
scorer = importlib.util.module_from_spec(_SPEC)
sys.modules["polnear_quotes"] = scorer  # dataclasses look their module up there
_SPEC.loader.exec_module(scorer)

TEXT = ('Harbour plan\n\n"Ferries are back," the director said. "Families asked."\n\n'
        'The council warned that fees would rise, a clerk said.\n')


def _span(fragment: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(fragment, start + 1)
    return start, start + len(fragment)


def _ann() -> str:
    content_a, content_b = _span('"Ferries are back,"'), _span('"Families asked."')
    source, cue = _span("the director"), _span("said")
    indirect, clerk, clerk_cue = _span("The council warned that fees would rise"), _span("a clerk"), _span("said", 1)
    return "\n".join([
        f"T1\tContent {content_a[0]} {content_a[1]};{content_b[0]} {content_b[1]}\tx",
        f"T2\tSource {source[0]} {source[1]}\tthe director",
        f"T3\tCue {cue[0]} {cue[1]}\tsaid",
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2",
        f"T4\tContent {indirect[0]} {indirect[1]}\ty",
        f"T5\tSource {clerk[0]} {clerk[1]}\ta clerk",
        f"T6\tCue {clerk_cue[0]} {clerk_cue[1]}\tsaid",
        "E2\tAttribution:T6 Content:T4 Cue:T6 Source:T5",
    ])


@pytest.fixture()
def gold():
    index = scorer.TokenIndex(TEXT)
    return index, scorer.parse_ann(_ann(), TEXT, index)


def _prediction(index, content, kind, speaker=None, cue=None):
    return scorer.Prediction(
        tokens=index.tokens([_span(content)]), kind=kind,
        speaker=index.tokens([_span(speaker)]) if speaker else frozenset(),
        cue=index.tokens([_span(*cue)]) if cue else frozenset(),
    )


def test_gold_reads_discontinuous_content_with_source_and_direct_flag(gold):
    index, contents = gold
    assert len(contents) == 2
    split, indirect = sorted(contents, key=lambda content: content.fragments[0])
    assert split.direct and not indirect.direct
    assert len(split.tokens) == 5  # Ferries are back Families asked: quote marks and commas are not tokens
    assert split.source == index.tokens([_span("the director")])


def test_split_quote_parts_are_merged_and_match_exactly(gold):
    index, contents = gold
    predictions = [
        _prediction(index, "Ferries are back", "direct", "the director", ("said",)),
        _prediction(index, "Families asked", "direct", "the director"),
        _prediction(index, "The council warned that fees would rise", "indirect", "a clerk", ("said", 1)),
    ]
    counts = scorer.score_document(contents, predictions)
    assert counts.predicted == 2  # the two halves became one
    assert counts.exact == 2 and counts.overlap == 2
    scores = scorer.Scores.of(counts)
    assert scores.exact_f1 == 1.0 and scores.direct_f1 == 1.0
    assert scores.speaker_accuracy == 1.0 and scores.cue_f1 == 1.0


def test_overlap_without_exact_and_wrong_speaker(gold):
    index, contents = gold
    predictions = [
        # 6 of the 7 gold words: overlap, not exact; the speaker is the council, not the clerk.
        _prediction(index, "council warned that fees would rise", "indirect", "The council"),
        _prediction(index, "Harbour plan", "headline"),  # no gold: a false positive
    ]
    counts = scorer.score_document(contents, predictions)
    assert (counts.exact, counts.overlap, counts.predicted, counts.gold) == (0, 1, 2, 2)
    assert counts.speaker_scored == 1 and counts.speaker_right == 0
    assert counts.direct_gold == 1 and counts.direct_matched == 0
    assert scorer.Scores.of(counts).overlap_f1 == pytest.approx(0.5)


def test_matching_is_one_to_one():
    a, b = frozenset({1, 2, 3, 4}), frozenset({1, 2, 3})
    assert scorer.match_overlap([a], [a, b]) == [(0, 0)]
    assert scorer.match_overlap([a, b], [b]) == [(1, 0)]  # the better pair wins
    assert scorer.match_overlap([frozenset({1, 2, 3})], [frozenset({3, 4, 5})]) == []  # Jaccard 0.2


def test_first_annotator_and_title_split(tmp_path):
    folder = tmp_path / "attributions"
    folder.mkdir()
    for name in ("story_b2.ann", "story_a1.ann", "other_c3.ann"):
        (folder / name).write_text("")
    chosen = scorer.first_annotations(tmp_path)
    assert chosen["story"].name == "story_a1.ann" and chosen["other"].name == "other_c3.ann"
    assert scorer.split_title(TEXT) == ("Harbour plan", 14)


def test_named_sources_and_surname_coreference():
    assert scorer.proper_name_words("The senator") == []
    assert scorer.proper_name_words("He") == []
    assert scorer.proper_name_words("Sen. Ted Cruz's campaign") == ["Ted", "Cruz"]
    text = "Foreign Minister Ilse Marie Brandt arrived. Later Brandt said the port was open."
    source = text.index("Brandt said")
    names = scorer._source_names(text, [(source, source + len("Brandt"))])
    assert scorer.coreferent_name(text, source, "Brandt") == "Minister Ilse Marie Brandt"
    assert scorer.named_speaker_right(names, "Ilse Marie Brandt")
    assert scorer.named_speaker_right(names, "Brandt")
    assert not scorer.named_speaker_right(names, "Jane Doe")
    assert not scorer.named_speaker_right(names, None)
    assert scorer._source_names(text, [(0, len("Foreign Minister"))]) == frozenset()  # a role alone is unnamed


@pytest.mark.parametrize("source, named", [
    ("Clinton", True), ("Sen. Ted Cruz", True), ("Mr. Trump", True), ("Ted Cruz (R-Texas)", True),
    ("a top strategist, John Weaver", True), ("Secretary of State John Kerry", True),
    ("Christie, the state's governor", True), ("the Holocaust Museum", True),
    ("He", False), ("The senator", False), ("the Florida senator", False), ("Clinton supporters", False),
    ("the Rubio campaign", False), ("U.S. officials", False), ("a spokeswoman for YouTube", False),
    ("Sanders' aides", False), ("Other candidates, including Jane Doe", False),
    ("only 32 percent of British Columbians", False),
])
def test_a_named_source_refers_to_its_speaker_by_name(source, named):
    assert scorer.is_named_source(source) is named


def test_a_capital_at_a_sentence_start_is_not_a_name():
    article = "Dozens of them said so. Later dozens more came. Authorities agreed. Clinton spoke. Then Clinton left."
    assert not scorer.is_named_source("Dozens of them", article)
    assert not scorer.is_named_source("Authorities", article)  # only ever opens a sentence
    assert scorer.is_named_source("Clinton", article)


def test_named_speaker_accuracy_counts_only_named_sources(gold):
    index, contents = gold
    predictions = [
        _prediction(index, "Ferries are back", "direct", "the director"),
        _prediction(index, "The council warned that fees would rise", "indirect", "a clerk"),
    ]
    counts = scorer.score_document(contents, predictions)
    assert counts.named_scored == 0  # "the director" and "a clerk" name nobody
    assert scorer.Scores.of(counts).named_speaker_accuracy == 0.0
