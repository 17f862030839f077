"""The line classifier: furniture told by shape, voice, place and repetition, never by one site's phrases."""

from __future__ import annotations

import pytest

from newsgraph.ingest.linekind import is_prose, judge_lines, line_shape, sentence_end
from newsgraph.ingest.textclean import clean_text

# A page of an invented site: every furniture line is worded the way no pattern list knows.
PAGE = """Lakeside Herald
Towns > Northshore

Dredging of the old harbour to begin in May
Mira Vale | Harbour reporter
Posted 2 hours ago — 14/05/2024
This report was corrected after publication to fix a figure.

The town council of Northshore voted on Tuesday to dredge the old harbour, ending a dispute that had kept larger boats away for years.

Work will start in May and should take about ten weeks, the harbour master told the meeting, adding that the quays would stay open.
▶ Harbour tour in pictures 01:45
"The harbour has been choking for a decade," the mayor said after the vote.
Fishermen who had campaigned for the work welcomed the decision but warned that the budget was tight.
Sailing Clubs Brace For A Busy Summer
The council will publish the contract in June, and a second vote on the costs is expected before the autumn break.
Tap here to keep reading in our app
Lakeside Weekly Digest | Obituaries | Classifieds | Contact
Stay with us for more reports like this one delivered to your inbox every morning.
Tell us what you think:
Reader letters
"""


def test_an_unseen_site_loses_its_furniture_and_keeps_its_story():
    cleaned = clean_text(PAGE)
    assert cleaned.headline == "Dredging of the old harbour to begin in May"
    assert cleaned.byline == ["Mira Vale"]
    assert cleaned.published == "2024-05-14"
    assert cleaned.text.split("\n\n") == [
        "The town council of Northshore voted on Tuesday to dredge the old harbour, ending a dispute that had kept "
        "larger boats away for years.",
        "Work will start in May and should take about ten weeks, the harbour master told the meeting, adding that "
        "the quays would stay open.",
        '"The harbour has been choking for a decade," the mayor said after the vote.',
        "Fishermen who had campaigned for the work welcomed the decision but warned that the budget was tight.",
        "The council will publish the contract in June, and a second vote on the costs is expected before the "
        "autumn break.",
    ]
    reasons = {line: reason for reason, line in cleaned.removed}
    assert reasons["Towns > Northshore"] in {"breadcrumb", "page header"}
    assert reasons["This report was corrected after publication to fix a figure."] == "banner"
    assert reasons["▶ Harbour tour in pictures 01:45"] == "player"
    assert reasons["Sailing Clubs Brace For A Busy Summer"] == "promotion"
    assert "Tap here to keep reading in our app" in reasons
    assert reasons["Lakeside Weekly Digest | Obituaries | Classifieds | Contact"] == "links row"
    assert reasons["Stay with us for more reports like this one delivered to your inbox every morning."] == "site prompt"


def test_a_pull_quote_repeats_a_sentence_of_the_story():
    text = (
        "Bridge reopens after repairs\nBy Jane Doe\n13 May 2024\n\n"
        "The old bridge reopened on Monday after two years of repairs, the city said in a statement.\n\n"
        '"We never thought we would walk across it again," said one resident, who had signed every petition.\n\n'
        '"We never thought we would walk across it again"\n\n'
        "Traffic will be limited to cars and bicycles until the autumn, when the last inspection is due."
    )
    cleaned = clean_text(text)
    assert ("pull quote", '"We never thought we would walk across it again"') in cleaned.removed
    assert cleaned.text.count("We never thought") == 1


def test_a_clean_text_keeps_its_short_lines():
    # No furniture found by strong evidence: short lines, labels and lists are the author's.
    text = (
        "Ten things the council promised\n\n"
        "The council published a list of promises on Monday, and the opposition said most of them were old.\n\n"
        "FIRST PROMISE.\n\n"
        "Stop the closures\n\n"
        "Repair the roads before winter\n\n"
        "The list ends with a pledge to publish the budget in full, something no council has done before."
    )
    cleaned = clean_text(text)
    for line in ("FIRST PROMISE.", "Stop the closures", "Repair the roads before winter"):
        assert line in cleaned.text.split("\n\n")


def test_headline_in_capitals_takes_the_spelling_of_its_copy():
    text = (
        "FERRY STRIKE ENDS AFTER UNION VOTE\nPosted 3 hrs ago — 14/05/2024\nFerry Strike Ends After Union Vote\n\n"
        "Ferry crews returned to work on Saturday after the union accepted a new pay offer from the operator.\n\n"
        "The first sailings left at six in the morning, and the timetable will be back to normal by Monday."
    )
    cleaned = clean_text(text)
    assert cleaned.headline == "Ferry Strike Ends After Union Vote"
    assert "FERRY" not in cleaned.text and "Ferry Strike" not in cleaned.text


@pytest.mark.parametrize(
    ("first_line", "headline"),
    [
        ("# Ferry strike ends after union vote", "Ferry strike ends after union vote"),
        ("Subject: Ferry strike ends after union vote", "Ferry strike ends after union vote"),
    ],
)
def test_a_marked_title_is_the_headline(first_line, headline):
    text = (
        f"{first_line}\n\n"
        "Ferry crews returned to work on Saturday after the union accepted a new pay offer from the operator.\n\n"
        "The first sailings left at six in the morning, and the timetable will be back to normal by Monday."
    )
    cleaned = clean_text(text)
    assert cleaned.headline == headline
    assert cleaned.text.startswith("Ferry crews returned")


def test_the_last_crumb_names_the_headline_and_the_trending_row_is_not_it():
    text = (
        "Now reading: Harbour Fees Rise Again | Storm Closes Coast Road\n"
        "Home > Local > Council backs new lighthouse\n"
        "Council backs new lighthouse\n"
        "By Jane Doe, Harbour Newsroom\n\n"
        "The council of the small harbour town voted on Friday to rebuild the old lighthouse on the point.\n\n"
        "The work will be paid for by a grant, and the mayor said the light would shine again by Christmas."
    )
    cleaned = clean_text(text)
    assert cleaned.headline == "Council backs new lighthouse"
    assert cleaned.byline == ["Jane Doe"]
    assert "Now reading" not in cleaned.text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("The minister spoke.", True),
        ('"We will go on," she said.', True),
        ("Loading...", False),
        ("Read more…", False),
        ("Sailing Clubs Brace For A Busy Summer", False),
    ],
)
def test_sentence_end(line, expected):
    assert sentence_end(line) is expected


def test_shapes_read_voice_and_calls_to_action():
    prompt = line_shape("Get the morning briefing in your inbox")
    assert prompt.action and prompt.reader and prompt.site_noun
    quoted = line_shape('"You will see," the mayor told the crowd.')
    assert not quoted.reader  # said inside quotation marks: the story's, not the site's
    assert line_shape("News > World").crumbs == 2
    assert line_shape("0:00 / 3:12").duration
    assert not line_shape("The blast came at 8:30 p.m. on Friday.").duration
    assert is_prose("The council of the small harbour town voted on Friday to rebuild the old lighthouse.")
    assert not is_prose("Sailing Clubs Brace For A Busy Summer And Autumn Regattas This Year.")


def test_judge_lines_protects_the_headline_and_reads_places():
    texts = [
        "Sailing clubs brace for a busy summer",
        "The council of the small harbour town voted on Friday to rebuild the old lighthouse on the point.",
        "Clubs Expect Record Entries",
        "The work will be paid for by a grant, and the mayor said the light would shine again by Christmas.",
        "Comments are closed",
    ]
    reasons = [None] * len(texts)
    judged = judge_lines(texts, reasons, scrape=True, protected=frozenset({0}))
    assert 0 not in judged and 1 not in judged and 3 not in judged
    assert judged[2] == "promotion"
    assert judged[4] == "furniture"
    assert judge_lines(texts, reasons, scrape=False, protected=frozenset({0})) == {}
