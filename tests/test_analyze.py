"""The analysis stage over whole articles: every list filled, quote dates, the step registry,
long texts in windows, and no batch-ending failures."""

from __future__ import annotations

import pytest

from newsgraph.nlp.analyze import ANALYSIS_FIELDS, Analyzer
from newsgraph.nlp.registry import PlanError, Step, plan
from newsgraph.nlp.steps import STEPS
from newsgraph.nlp.windows import shift, split_windows
from newsgraph.records import Article, Quote, Span, Speaker

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
    assert {d.value for d in result.dates} >= {"2024-05-13", "2024-05-17"}
    assert [(a.value, a.unit) for a in result.amounts] == [(40.0, "EUR")]
    assert any(e.name == "Ilse Brandt" for e in result.entities)
    for span in result.dates + result.amounts + result.entities + result.quotes:
        assert result.text[span.start:span.end] == span.text
    assert result.analysis_errors == ()


def test_a_quote_takes_the_date_its_own_sentence_states(analyzer: Analyzer):
    quotes = analyzer.analyze(article()).quotes
    direct = next(q for q in quotes if q.kind == "direct")
    assert direct.speaker.name == "Ilse Brandt"
    assert direct.date == "2024-05-17"  # "on Friday", published that Friday
    reported = next(q for q in quotes if q.kind == "indirect")
    assert reported.date == "2024-05-13"  # "said on Monday"


def test_a_date_inside_the_quoted_words_is_not_when_it_was_said(analyzer: Analyzer):
    text = "\"We will open the bridge on Monday,\" the mayor said."
    quote = analyzer.analyze(article(text)).quotes[0]
    assert quote.date is None


def test_batches_keep_input_order(analyzer: Analyzer):
    texts = [f"Story number {n} says the council met on Tuesday to vote on the budget." for n in range(40)]
    results = list(analyzer.analyze_many(article(t) for t in texts))
    assert [r.text for r in results] == texts


def test_an_article_gets_the_same_analysis_alone_and_in_a_batch(analyzer: Analyzer):
    others = [article(f"The council of town {n} met on Tuesday and agreed a budget of EUR{n} million.") for n in range(9)]
    alone = analyzer.analyze(article())
    batched = list(analyzer.analyze_many([*others[:5], article(), *others[5:]]))[5]
    assert batched == alone


def test_dates_from_the_shared_parse_equal_a_fresh_parse(analyzer: Analyzer):
    from newsgraph.nlp.timex import find_dates

    text = "The ministers met on Friday and will meet again on Monday. The talks began in March."
    doc = analyzer.nlp(text)
    fresh = find_dates(text, published="2024-11-20")
    assert find_dates(text, published="2024-11-20", doc=doc) == fresh
    assert [d.value for d in fresh][:2] == ["2024-11-15", "2024-11-25"]


def test_events_link_to_the_other_lists(analyzer: Analyzer):
    text = ("Foreign Minister Jane Doe said on Friday that France has provided military aid worth "
            "EUR3.8 billion to Ukraine.")
    result = analyzer.analyze(article(text))
    aid = next(e for e in result.events if e.type == "AID")
    assert (aid.actor.country, aid.recipient.country) == ("FRA", "UKR")
    assert result.amounts[aid.amount].unit == "EUR"
    assert aid.quote is not None and result.quotes[aid.quote].speaker.name == "Jane Doe"


# --- one failing step never ends the batch, and is never silent -----------------------

def _broken(name: str) -> tuple[Step, ...]:
    def boom(article, doc):
        raise ValueError(f"{name} exploded on purpose")

    return tuple(Step(s.name, s.assigns, boom, s.needs) if s.name == name else s for s in STEPS)


@pytest.mark.parametrize("step", [s.name for s in STEPS])
def test_a_failing_step_is_recorded_and_the_rest_of_the_batch_goes_on(step: str):
    analyzer = Analyzer(steps=_broken(step))
    results = list(analyzer.analyze_many([article(), article("The council met on Tuesday in Seaville.")]))
    assert len(results) == 2
    for result in results:
        failed = {error.step: error.reason for error in result.analysis_errors}
        assert failed[step] == f"ValueError: {step} exploded on purpose"
        broken_field = next(s.assigns for s in STEPS if s.name == step)
        assert getattr(result, broken_field) == ()
        # Steps that read the broken list say so; steps that do not are unaffected.
        readers = [s.name for s in STEPS if broken_field in s.needs and s.name != step]
        for reader in readers:
            assert failed[reader].startswith("not run: needs ")
    independent = {"entities", "dates", "amounts"} - {step}
    if step != "quotes":
        assert any(getattr(results[0], field) for field in independent)


def test_a_parse_that_fails_marks_the_article_and_spares_the_batch(analyzer: Analyzer, monkeypatch):
    nlp = analyzer.nlp
    real_call = type(nlp).__call__

    def fragile(self, text, *args, **kwargs):
        if "poison" in text:
            raise RuntimeError("the parser gave up")
        return real_call(self, text, *args, **kwargs)

    monkeypatch.setattr(type(nlp), "__call__", fragile)
    monkeypatch.setattr(type(nlp), "pipe", lambda self, texts, **kw: (fragile(self, t) for t in texts))
    results = list(analyzer.analyze_many([article(), article("A poison text."), article()]))
    assert [bool(r.analysis_errors) for r in results] == [False, True, False]
    assert results[1].analysis_errors[0].step == "parse"
    assert results[0].quotes and results[2].quotes


# --- the registry -----------------------------------------------------------------------

def test_the_plan_orders_producers_refiners_then_readers():
    names = [step.name for step in plan(STEPS)]
    assert names.index("quotes") < names.index("quote_dates") < names.index("events")
    assert names.index("dates") < names.index("quote_dates")
    for field in ("entities", "amounts"):
        assert names.index(field) < names.index("events")


def test_only_selects_steps_and_what_they_need():
    assert [s.name for s in plan(STEPS, ["quotes"])] == ["quotes"]
    assert {s.name for s in plan(STEPS, ["quotes", "dates"])} == {"quotes", "dates", "quote_dates"}
    assert {s.name for s in plan(STEPS, ["events"])} == {s.name for s in STEPS}
    with pytest.raises(PlanError, match="no analysis step named quotess"):
        plan(STEPS, ["quotess"])


def test_a_cycle_is_refused():
    def nothing(article, doc):
        return ()

    with pytest.raises(PlanError, match="cycle"):
        plan([Step("a", "quotes", nothing, ("dates",)), Step("b", "dates", nothing, ("quotes",))])


def test_only_leaves_the_other_lists_empty():
    result = Analyzer(only=["amounts"]).analyze(article())
    assert result.amounts and not (result.quotes or result.entities or result.dates or result.events)


# --- long texts -------------------------------------------------------------------------

def test_windows_cover_the_text_and_keep_a_multi_paragraph_quotation_together():
    paragraph = "The council met again on Tuesday and the members argued about the harbour for hours.\n\n"
    quotation = "\u201cWe will not give up the pier.\n\n\u201cNor the ferry, nor the market,\u201d she said.\n\n"
    text = paragraph * 20 + quotation + paragraph * 20
    windows = split_windows(text, size=len(paragraph) * 21 + 10)
    assert windows[0][0] == 0 and windows[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(windows, windows[1:]))
    inside = text.index("\u201cNor the ferry")
    assert not any(start == inside for start, _ in windows)  # never cut inside the open quotation
    assert all(end - start <= len(paragraph) * 21 + 10 for start, end in windows)


def test_a_single_huge_paragraph_is_cut_at_sentence_ends():
    text = "The ferry sails at dawn. " * 1000
    windows = split_windows(text, size=1000)
    assert all(text[end - 2 : end] == ". " for _, end in windows[:-1])


def test_shift_moves_text_offsets_but_not_headline_ones():
    quote = Quote(start=1, end=4, text="abc", cue=Span(start=5, end=8, text="sai"),
                  speaker=Speaker(start=9, end=10, text="x"))
    moved = shift(quote, 100)
    assert (moved.start, moved.cue.start, moved.speaker.end) == (101, 105, 110)
    headline = Quote(start=1, end=4, text="abc", field="headline", kind="headline")
    assert shift(headline, 100) == headline


def test_a_long_article_is_analysed_in_windows_with_offsets_into_the_whole_text():
    analyzer = Analyzer(window_chars=800)
    body = "\n\n".join(
        f"\u201cThe pier number {n} must stay open,\u201d harbour director Ilse Brandt said on Monday. "
        f"Repairs will cost about EUR{n + 2} million, and France will give aid to Ukraine."
        for n in range(30)
    )
    result = analyzer.analyze(article(body))
    assert len(body) > 800 * 5
    assert len([q for q in result.quotes if q.kind == "direct"]) == 30
    for span in result.dates + result.amounts + result.entities + result.quotes:
        assert result.text[span.start:span.end] == span.text
    assert len(result.amounts) == 30
    for event in result.events:
        assert result.text[event.start:event.end] == event.text
        if event.amount is not None:
            assert event.start <= result.amounts[event.amount].start < event.end
    # The same text analysed whole gives the same quotations.
    whole = Analyzer(window_chars=10**6).analyze(article(body))
    assert [(q.start, q.end, q.speaker.name if q.speaker else None) for q in whole.quotes] == \
        [(q.start, q.end, q.speaker.name if q.speaker else None) for q in result.quotes]


def test_a_text_longer_than_the_models_limit_is_analysed(analyzer: Analyzer, monkeypatch):
    # spaCy refuses texts over nlp.max_length (error E088); a lower limit stands in for a huge text.
    monkeypatch.setattr(analyzer.nlp, "max_length", 3_000)
    paragraph = ("The harbour council met on Tuesday in Seaville. \u201cWe need the ferry back,\u201d "
                 "director Ilse Brandt said, adding that repairs would cost about EUR3 million.\n\n")
    text = paragraph * 60
    result = analyzer.analyze(article(text))
    assert len(text) > 3 * 3_000
    assert result.analysis_errors == ()
    assert len([q for q in result.quotes if q.kind == "direct"]) == 60
    assert len(result.amounts) == 60
