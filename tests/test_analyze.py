"""The analysis stage over whole articles: every list filled, quote dates, and no batch-ending failures."""

from __future__ import annotations

import pytest

from newsgraph.nlp import analyze
from newsgraph.nlp.analyze import Analyzer
from newsgraph.records import Article

STORY = (
    "Harbour director Ilse Brandt said on Monday that the ferry would sail again in June.\n\n"
    "\"Families on both islands asked for it every winter,\" she told reporters in Seaville on Friday. "
    "Tickets will cost about EUR40 each way."
)


def article(text: str = STORY, **fields) -> Article:
    return Article(id="a1", source="test", text=text, published="2024-05-17T10:00:00", language="en", **fields)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def test_every_list_is_filled_with_offsets_into_the_text(analyzer: Analyzer):
    result = analyzer.analyze(article())
    assert {d["value"] for d in result.dates} >= {"2024-05-13", "2024-05-17"}
    assert [(a["value"], a["unit"]) for a in result.amounts] == [(40.0, "EUR")]
    assert any(e["name"] == "Ilse Brandt" for e in result.entities)
    for span in result.dates + result.amounts + result.entities + result.quotes:
        assert result.text[span["start"]:span["end"]] == span["text"]


def test_a_quote_takes_the_date_its_own_sentence_states(analyzer: Analyzer):
    quotes = analyzer.analyze(article()).quotes
    direct = next(q for q in quotes if q["kind"] == "direct")
    assert direct["speaker"]["name"] == "Ilse Brandt"
    assert direct["date"] == "2024-05-17"  # "on Friday", published that Friday
    reported = next(q for q in quotes if q["kind"] == "indirect")
    assert reported["date"] == "2024-05-13"  # "said on Monday"


def test_a_date_inside_the_quoted_words_is_not_when_it_was_said(analyzer: Analyzer):
    text = "\"We will open the bridge on Monday,\" the mayor said."
    quote = analyzer.analyze(article(text)).quotes[0]
    assert quote["date"] is None


def test_batches_keep_input_order(analyzer: Analyzer):
    texts = [f"Story number {n} says the council met on Tuesday to vote on the budget." for n in range(40)]
    results = list(analyzer.analyze_many(article(t) for t in texts))
    assert [r.text for r in results] == texts


def test_a_failing_extractor_keeps_the_article(analyzer: Analyzer, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(analyze, "find_amounts", broken)
    results = list(analyzer.analyze_many([article(), article("The council met on Tuesday.")]))
    assert len(results) == 2
    assert all(r.amounts == [] and r.quotes == [] for r in results)


def test_dates_from_the_shared_parse_equal_a_fresh_parse(analyzer: Analyzer):
    from newsgraph.nlp.timex import find_dates

    text = "The ministers met on Friday and will meet again on Monday. The talks began in March."
    doc = analyzer.nlp(text)
    fresh = find_dates(text, published="2024-11-20")
    assert find_dates(text, published="2024-11-20", doc=doc) == fresh
    assert [d["value"] for d in fresh][:2] == ["2024-11-15", "2024-11-25"]


def test_events_link_to_the_other_lists(analyzer: Analyzer):
    text = ("Foreign Minister Jane Doe said on Friday that France has provided military aid worth "
            "EUR3.8 billion to Ukraine.")
    result = analyzer.analyze(article(text))
    aid = next(e for e in result.events if e["type"] == "AID")
    assert (aid["actor"]["country"], aid["recipient"]["country"]) == ("FRA", "UKR")
    assert result.amounts[aid["amount"]]["unit"] == "EUR"
    assert aid["quote"] is not None and result.quotes[aid["quote"]]["speaker"]["name"] == "Jane Doe"
