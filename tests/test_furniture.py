"""Per-site template learning: recurring lines are template, article text is not; the evidence is exact."""

from __future__ import annotations

import random

import pytest

from newsgraph.evidence import SiteEvidence, SiteObservation
from newsgraph.ingest.furniture import (
    SiteTemplates,
    TemplateRule,
    document_key,
    is_long,
    line_key,
    line_keys,
    line_shape,
    normalise_line,
    observe_document,
)
from newsgraph.ingest.textclean import clean_text

SLOGAN = "Harbour Gazette: the voice of the coast"
MENU = "News | Weather | Tides"
# Documents must differ in words, not only digits: lines are compared with digits collapsed.
TOPICS = ["lighthouse", "ferry", "pier", "regatta", "storm", "market", "school", "bridge"]
PARAGRAPH = "The harbour master said the pier would stay closed until the inspectors had finished their work."


def _article(n: int) -> list[str]:
    return [
        SLOGAN,
        MENU,
        f"Story about the harbour {TOPICS[n]}",
        f"Paragraph of the {TOPICS[n]} story: the ferry left at dawn carrying passengers and a cargo of timber.",
        f"Gazette reader poll #{n}",
    ]


def key(line: str) -> int:
    return line_key(normalise_line(line))


def test_lines_recurring_across_documents_are_template():
    templates = SiteTemplates()
    for n in range(6):
        templates.observe("gazette", _article(n))
    assert templates.documents("gazette") == 6
    assert templates.is_template("gazette", SLOGAN)
    assert templates.is_template("gazette", MENU.upper())  # compared case-folded
    assert templates.is_template("gazette", "Gazette reader poll #99")  # digits normalised
    assert not templates.is_template("gazette", "Story about the harbour storm")
    assert not templates.is_template("other-site", SLOGAN)  # learnt per site
    assert not templates.is_template(None, SLOGAN)


def test_needs_min_docs_before_anything_is_template():
    templates = SiteTemplates(min_docs=3)
    templates.observe("gazette", _article(1))
    templates.observe("gazette", _article(2))
    assert not templates.is_template("gazette", SLOGAN)
    templates.observe("gazette", _article(3))
    assert templates.is_template("gazette", SLOGAN)


def test_a_line_counts_once_per_document():
    templates = SiteTemplates(min_docs=3)
    templates.observe("gazette", ["Subscribe to the Gazette"] * 5 + ["unique line one"])
    assert not templates.is_template("gazette", "Subscribe to the Gazette")


def test_exact_copies_of_an_article_do_not_make_its_body_template():
    templates = SiteTemplates(min_docs=3, min_share=0.2)
    body = ["Short body line of the one article", "Another short body line of it"]
    for _ in range(5):
        templates.observe("gazette", body)
    assert templates.documents("gazette") == 1
    assert not templates.is_template("gazette", body[0])


def test_copies_differing_only_in_furniture_count_once():
    templates = SiteTemplates(min_docs=2, min_share=0.2)
    paragraphs = [
        f"Paragraph {word} of the syndicated story runs long enough to read like real article text here."
        for word in ("one", "two", "three")
    ]
    templates.observe("gazette", ["Viewed by 10 readers", *paragraphs])
    templates.observe("gazette", ["Seen at 11:40 today", *paragraphs])
    assert templates.documents("gazette") == 1


def test_long_body_like_lines_need_to_be_very_frequent():
    templates = SiteTemplates(min_docs=3, min_share=0.2)
    for n in range(5):
        templates.observe("gazette", [PARAGRAPH, f"unique line {n} " + "x" * n, f"other {n}"])
    for n in range(10):
        templates.observe("gazette", [f"filler line number {chr(97 + n)}", f"second filler {chr(97 + n)}"])
    assert templates.is_template("gazette", "unique line 0 x") is False
    assert not templates.is_template("gazette", PARAGRAPH)  # 5 of 15 documents: not enough for a long line
    for n in range(15):
        templates.observe("gazette", [PARAGRAPH, f"more filler {chr(97 + n)}{chr(98 + n)}"])
    assert templates.is_template("gazette", PARAGRAPH)  # now in 20 of 30 documents


def test_evidence_is_counted_exactly_without_pruning():
    # Every line of every document is counted, however many: with a rule that takes a line
    # seen once in 500 documents, each of those lines is template, so none was dropped.
    everything = SiteTemplates(min_docs=1, min_share=0.001)
    usual = SiteTemplates()
    # Lower-case tails: a capitalised tail would share one shape ("unique line <n>").
    lines = [[SLOGAN, f"unique line {chr(97 + n % 26)}{chr(97 + n // 26)}"] for n in range(500)]
    for document in lines:
        everything.observe("gazette", document)
        usual.observe("gazette", document)
    assert everything.documents("gazette") == usual.documents("gazette") == 500
    assert all(everything.is_template("gazette", document[1]) for document in lines)
    assert usual.is_template("gazette", SLOGAN) and not usual.is_template("gazette", lines[0][1])
    # And no site is forgotten for lack of room.
    for n in range(50):
        usual.observe(f"site-{n}", ["line one", "line two"])
    assert all(usual.documents(f"site-{n}") == 1 for n in range(50)) and usual.documents("gazette") == 500


def test_evidence_does_not_depend_on_the_order_documents_come_in():
    documents = [_article(n % len(TOPICS)) + [f"extra {TOPICS[n % 3]} line"] for n in range(12)]
    documents += [[PARAGRAPH, f"more filler {TOPICS[n]}"] for n in range(8)]
    shuffled = documents[:]
    random.Random(3).shuffle(shuffled)
    forward, backward, mixed = SiteTemplates(), SiteTemplates(), SiteTemplates()
    for document in documents:
        forward.observe("gazette", document)
    for document in reversed(documents):
        backward.observe("gazette", document)
    for document in shuffled:
        mixed.observe("gazette", document)
    keys = sorted({key(line) for document in documents for line in document})
    judgements = {t.judgement("gazette", keys) for t in (forward, backward, mixed)}
    assert len(judgements) == 1 and judgements != {""}
    every_line = {line for document in documents for line in document}
    for line in every_line:
        assert forward.is_template("gazette", line) == backward.is_template("gazette", line) == mixed.is_template("gazette", line)
    assert forward.documents("gazette") == backward.documents("gazette") == mixed.documents("gazette") == 20


def test_observe_document_gives_the_distinct_lines_and_an_identity():
    observation = observe_document("gazette", [MENU, SLOGAN, MENU.lower(), "x", "  ", PARAGRAPH])
    assert isinstance(observation, SiteObservation) and observation.site == "gazette"
    # Normalised duplicates and lines under two characters are left out; keys are sorted.
    # A short line with a shape counts under that too (the slogan: "harbour <n> : the voice of the coast"),
    # a long one under its long shape (judged by the long-line rules: marked True like the line itself).
    assert len(line_keys(SLOGAN)) == 2 and line_keys(MENU) == (key(MENU),)
    assert len(line_keys(PARAGRAPH)) == 2 and line_keys(PARAGRAPH)[0] == key(PARAGRAPH)
    expected = {k: False for k in line_keys(MENU) + line_keys(SLOGAN)} | {k: True for k in line_keys(PARAGRAPH)}
    assert observation.lines == tuple(sorted(expected.items()))
    assert observation.document == document_key(expected)
    assert observe_document("gazette", [PARAGRAPH, SLOGAN, MENU]).document == observation.document
    assert observe_document("gazette", [MENU, "Another line"]).document != observation.document
    assert observe_document(None, [MENU]) is None
    assert observe_document("", [MENU]) is None
    assert observe_document("gazette", ["", "x", " "]) is None


def test_line_keys_are_signed_64_bit_and_follow_normalisation():
    assert key("Reader poll #12") == key("  READER  poll #7 ") == line_key("reader poll #0")
    assert key("Reader poll") != key("Reader pole")
    assert all(-(2**63) <= key(line) < 2**63 for line in (SLOGAN, MENU, PARAGRAPH, "ab"))
    assert is_long(normalise_line(PARAGRAPH)) and not is_long(normalise_line(SLOGAN))
    assert is_long("x" * 80)


def test_an_observation_already_counted_is_not_counted_again():
    templates = SiteTemplates()
    observation = observe_document("gazette", _article(0))
    assert templates.add(observation) is True
    assert templates.add(observation) is False
    assert templates.documents("gazette") == 1
    templates.observe(None, _article(1))  # a document without a site teaches nothing
    assert templates.documents(None) == 0 and templates.documents("gazette") == 1


def test_loaded_evidence_judges_as_the_observed_evidence_does():
    observed = SiteTemplates()
    for n in range(6):
        observed.observe("gazette", _article(n))
    # What a store keeps: the document count and the lines seen in at least least_count documents.
    counts: dict[int, list] = {}
    for n in range(6):
        for line_key_, long in observe_document("gazette", _article(n)).lines:
            counts.setdefault(line_key_, [0, long])[0] += 1
    frequent = {k: (count, long) for k, (count, long) in counts.items() if count >= observed.rule.least_count}
    loaded = SiteTemplates()
    loaded.load(SiteEvidence("gazette", 6, frequent, version=4))
    assert loaded.documents("gazette") == 6 and loaded.version("gazette") == 4
    for n in range(6):
        for line in _article(n):
            assert loaded.is_template("gazette", line) == observed.is_template("gazette", line), line
    all_keys = list(counts)
    assert loaded.judgement("gazette", all_keys) == observed.judgement("gazette", all_keys) != ""
    # Loading replaces what was known of the site.
    loaded.load(SiteEvidence("gazette", 1, {}, version=5))
    assert not loaded.is_template("gazette", SLOGAN) and loaded.version("gazette") == 5
    assert loaded.version("elsewhere") is None


def test_judgement_names_the_template_lines_among_the_keys():
    templates = SiteTemplates()
    for n in range(6):
        templates.observe("gazette", _article(n))
    body = [key(f"Story about the harbour {TOPICS[0]}")]
    with_slogan = templates.judgement("gazette", [key(SLOGAN), *body])
    assert with_slogan != ""
    assert templates.judgement("gazette", [*body, key(SLOGAN), key(SLOGAN)]) == with_slogan  # a set of keys
    assert templates.judgement("gazette", [key(SLOGAN), key(MENU), *body]) != with_slogan
    assert templates.judgement("gazette", body) == ""  # nothing template among them
    assert templates.judgement(None, [key(SLOGAN)]) == ""
    assert templates.judgement("elsewhere", [key(SLOGAN)]) == ""


def test_template_rule_thresholds():
    rule = TemplateRule(min_docs=3, min_share=0.2, long_min_docs=10, long_min_share=0.5)
    assert rule.least_count == 3
    assert not rule.is_template(2, 5, False)  # fewer than min_docs
    assert rule.is_template(3, 15, False)  # exactly min_share
    assert not rule.is_template(3, 16, False)
    assert not rule.is_template(3, 0, False)
    assert not rule.is_template(9, 10, True)  # long lines need long_min_docs ...
    assert rule.is_template(10, 20, True)  # ... and half the documents
    assert not rule.is_template(10, 21, True)
    assert not TemplateRule(min_docs=4, long_min_docs=10).is_template(11, 12, True)  # and 3 x min_docs
    assert TemplateRule(min_docs=4, long_min_docs=10).is_template(12, 12, True)


def test_normalise_line():
    assert normalise_line("  Reader Poll  #12 ") == "reader poll #0"


@pytest.mark.parametrize("kwargs", [{"min_docs": 0}, {"min_share": 0}, {"min_share": 1.5}])
def test_bad_settings_raise(kwargs):
    with pytest.raises(ValueError):
        SiteTemplates(**kwargs)
    with pytest.raises(ValueError):
        TemplateRule(**kwargs)


def test_a_long_line_share_above_one_is_refused_like_min_share():
    # min_share=1.5 raises; long_min_share=1.5 would silently never take a long line.
    with pytest.raises(ValueError):
        TemplateRule(long_min_share=1.5)


def test_clean_text_drops_learnt_template_lines():
    templates = SiteTemplates()
    documents = []
    for n in range(5):
        lines = [
            SLOGAN,
            f"Ferry timetable changes for the {TOPICS[n]} week",
            "",
            f"The ferry company announced extra sailings for the {TOPICS[n]} weekend on Monday.",
            "",
            "Tips? Write to the desk at the Gazette",
        ]
        documents.append("\n".join(lines))
        templates.observe("gazette", [line for line in lines if line.strip()])
    cleaned = clean_text(documents[2], templates=templates, site="gazette")
    assert cleaned.headline == "Ferry timetable changes for the pier week"
    assert cleaned.text == "The ferry company announced extra sailings for the pier weekend on Monday."
    assert ("template", SLOGAN) in cleaned.removed
    assert ("template", "Tips? Write to the desk at the Gazette") in cleaned.removed
    # Without the evidence, nothing is learnt to drop.
    plain = clean_text(documents[2])
    assert ("template", SLOGAN) not in plain.removed
