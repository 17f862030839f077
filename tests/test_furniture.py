"""Per-site template learning: recurring lines are template, article text is not."""

from __future__ import annotations

import pytest

from newsgraph.ingest.furniture import SiteTemplates, normalise_line
from newsgraph.ingest.textclean import clean_text

SLOGAN = "Harbour Gazette: the voice of the coast"
MENU = "News | Weather | Tides"
# Documents must differ in words, not only digits: lines are compared with digits collapsed.
TOPICS = ["lighthouse", "ferry", "pier", "regatta", "storm", "market", "school", "bridge"]


def _article(n: int) -> list[str]:
    return [
        SLOGAN,
        MENU,
        f"Story about the harbour {TOPICS[n]}",
        f"Paragraph of the {TOPICS[n]} story: the ferry left at dawn carrying passengers and a cargo of timber.",
        f"Gazette reader poll #{n}",
    ]


def test_lines_recurring_across_documents_are_template():
    templates = SiteTemplates()
    for n in range(6):
        templates.observe("gazette", _article(n))
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
    paragraph = "The harbour master said the pier would stay closed until the inspectors had finished their work."
    for n in range(5):
        templates.observe("gazette", [paragraph, f"unique line {n} " + "x" * n, f"other {n}"])
    for n in range(10):
        templates.observe("gazette", [f"filler line number {chr(97 + n)}", f"second filler {chr(97 + n)}"])
    assert templates.is_template("gazette", "unique line 0 x") is False
    assert not templates.is_template("gazette", paragraph)  # 5 of 15 documents: not enough for a long line
    for n in range(15):
        templates.observe("gazette", [paragraph, f"more filler {chr(97 + n)}{chr(98 + n)}"])
    assert templates.is_template("gazette", paragraph)  # now in 20 of 30 documents


def test_memory_stays_bounded():
    templates = SiteTemplates(max_lines_per_site=100, max_sites=3)
    for n in range(500):
        templates.observe("gazette", [SLOGAN, f"unique line {chr(65 + n % 26)}{chr(65 + n // 26)}"])
    assert len(templates._sites["gazette"].counts) <= 101
    assert templates.is_template("gazette", SLOGAN)  # frequent lines survive pruning
    for site in ("a", "b", "c", "d"):
        templates.observe(site, ["line one", "line two"])
    assert len(templates._sites) == 3 and "gazette" not in templates._sites


def test_normalise_line():
    assert normalise_line("  Reader Poll  #12 ") == "reader poll #0"


@pytest.mark.parametrize("kwargs", [{"min_docs": 0}, {"min_share": 0}, {"min_share": 1.5}, {"max_lines_per_site": 1}])
def test_bad_settings_raise(kwargs):
    with pytest.raises(ValueError):
        SiteTemplates(**kwargs)


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
