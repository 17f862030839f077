"""Scrape layouts of invented sites: metadata forms and furniture told by general evidence.

Each page is written for this test; the sites, people and wording are fictional.
"""

from __future__ import annotations

import pytest

from newsgraph.ingest.dateline import parse_date_string, split_dateline
from newsgraph.ingest.linekind import item_prefix, judge_lines, name_key, site_names
from newsgraph.ingest.metadata_lines import parse_bare_byline, parse_reading_time
from newsgraph.ingest.textclean import clean_text, split_paragraphs

STORY = (
    "The harbour board of Vesterby voted on Tuesday to rebuild the north pier, ending a dispute that had kept ferries away for years.\n\n"
    "Work will start in May and should take about ten weeks, the harbour master told the meeting, adding that the quays would stay open.\n\n"
    "Fishermen who had campaigned for the work welcomed the decision but warned that the budget was tight and the season short."
)
PARAGRAPHS = STORY.split("\n\n")


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Mira Vale in Vesterby", ["Mira Vale"]),
        ("Mira Vale and Tor Lund in New Haven", ["Mira Vale", "Tor Lund"]),
        ("Mira Vale", ["Mira Vale"]),
        ("Staff Report", []),  # a desk, no person
    ],
)
def test_bare_bylines(line, names):
    assert parse_bare_byline(line) == names


@pytest.mark.parametrize("line", ["The Americas", "World news", "Pier in Vesterby", "Mira Vale said so."])
def test_not_bare_bylines(line):
    assert parse_bare_byline(line) is None


def test_a_name_beside_the_dateline_is_the_byline_and_not_the_headline():
    page = f"Coast\nVesterby rebuilds its pier. Ferries may return.\nMira Vale in Vesterby\nTuesday 5 March 2024 14.05 CET\n\n{STORY}"
    cleaned = clean_text(page)
    assert cleaned.byline == ["Mira Vale"]
    # Below a section label, right above the byline, a title may end in a full stop.
    assert cleaned.headline == "Vesterby rebuilds its pier. Ferries may return."
    assert cleaned.published == "2024-03-05T14:05:00+01:00"
    assert cleaned.text.split("\n\n") == PARAGRAPHS


def test_a_title_case_headline_above_the_dateline_is_no_byline():
    page = f"Harbour Board Backs Pier\n5 March 2024\n\n{STORY}"
    cleaned = clean_text(page)
    assert (cleaned.headline, cleaned.byline) == ("Harbour Board Backs Pier", [])


def test_a_desk_signature_is_no_headline():
    page = f"HOME | LOCAL | SPORTS\n\nVesterby board backs new pier\nStaff Report\nMarch 5, 2024\n\n{STORY}"
    cleaned = clean_text(page)
    assert (cleaned.headline, cleaned.byline) == ("Vesterby board backs new pier", [])
    assert cleaned.text.split("\n\n") == PARAGRAPHS


def test_markdown_reader_export():
    page = (
        "# Vesterby rebuilds its north pier\n\nSource: https://www.fjordcourier.example/coast/pier\n\n"
        "**By Mira Vale**\n*2024-03-05 · 14:05 EDT*\n_~4 minutes to read_\n\n"
        f"![The pier at dusk.](https://img.example/pier.jpg)\n\n{STORY}\n\n* * *\n"
        "Mira Vale covers the coast for The Fjord Courier.\n"
    )
    cleaned = clean_text(page)
    assert cleaned.headline == "Vesterby rebuilds its north pier"
    assert cleaned.byline == ["Mira Vale"]
    assert cleaned.reading_minutes == 4
    assert cleaned.published == "2024-03-05T14:05:00-04:00"
    # The author's note names the site its link points to: the site's words, not the story's.
    assert cleaned.text.split("\n\n") == PARAGRAPHS


def test_email_digest_subject_and_its_repeat():
    page = (
        "From: Coast Notes <letters@coastnotes.example>\nDate: Tue, 5 Mar 2024 13:19:00 -0500\n"
        "Subject: Will the ferries come back?\n\nView this email in your browser\n\n"
        f"Will the ferries come back?\nBy Mira Vale\nTime to read: 3 minutes\n\n{STORY}"
    )
    cleaned = clean_text(page)
    assert cleaned.headline == "Will the ferries come back?"
    assert cleaned.reading_minutes == 3
    assert cleaned.published == "2024-03-05T13:19:00-05:00"
    assert cleaned.text.split("\n\n") == PARAGRAPHS


def test_slash_breadcrumb_and_a_headline_that_opens_like_a_button():
    page = f"News / Coast / Ports\n\nKeep the Pier, Vesterby; Just Fix the Ferry\nBy Mira J. Vale | Mar 5, 2024, 06:39 PM IST\n3 mins read\n\n{STORY}"
    cleaned = clean_text(page)
    assert cleaned.headline == "Keep the Pier, Vesterby; Just Fix the Ferry"
    # The initial "J." is not the end of a sentence beside the date.
    assert cleaned.published == "2024-03-05T18:39:00+05:30"
    assert cleaned.byline == ["Mira J. Vale"]


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Originally published March 4, 2024 at 6:00 pm", "2024-03-04T18:00:00"),
        ("First posted 4 March 2024", "2024-03-04"),
    ],
)
def test_qualified_publication_prefixes(line, value):
    assert parse_date_string(line) == value


def test_a_clock_in_the_next_part_belongs_to_the_date():
    parts = split_dateline("Press release | March 5, 2024 | 10:15 AM CET")
    assert [p.date.day_first for p in parts if p.date] == ["2024-03-05T10:15:00+01:00"]
    parts = split_dateline("Press release | March 5, 2024 | 3 min read")
    assert [p.date.day_first for p in parts if p.date] == ["2024-03-05"]


def test_time_to_read():
    assert parse_reading_time("Time to read: 3 minutes") == 3
    assert parse_reading_time("_~4 minutes to read_".strip("_")) == 4
    assert parse_reading_time("Time to read") is None


def test_numbered_items_stay_apart_and_leave_together():
    assert item_prefix("list 2 of 3 A linked title") == "list # of #"
    assert item_prefix("1. First point") == "#."
    assert item_prefix("The pier opened") is None
    assert split_paragraphs("part 1 of 2 the pier\npart 2 of 2 the ferry") == ["part 1 of 2 the pier", "part 2 of 2 the ferry"]
    page = (
        f"Vesterby rebuilds its pier\nBy Mira Vale\n5 March 2024\n\n{STORY}\n\nKeep reading\n"
        "item 1 of 3 Ferry fares to rise in June\nitem 2 of 3 Lighthouse keepers stay on\n"
        "item 3 of 3 Fishermen vote. Again.\n\nCookie settings\nAccept"
    )
    assert clean_text(page).text.split("\n\n") == PARAGRAPHS


def test_a_prompt_after_a_short_teaser():
    page = f"Vesterby rebuilds its pier\nBy Mira Vale\n5 March 2024\n\n{STORY}\n\nWant more? Sign up for our Coast Weekly newsletter.\n\nShare"
    assert clean_text(page).text.split("\n\n") == PARAGRAPHS


def test_the_site_talking_below_the_story():
    page = (
        f"Vesterby rebuilds its pier\nBy Mira Vale\n5 March 2024\n\n{STORY}\n\n"
        "Independent reporting depends on you.\nOur journalism is free to read because readers fund it.\n"
        "Catch all the latest coast news and updates on The Fjord Courier.\nFollow us on X\nTopics: Ports / Ferries"
    )
    assert clean_text(page).text.split("\n\n") == PARAGRAPHS


def test_a_line_naming_the_site_below_the_story():
    page = (
        f"Vesterby rebuilds its pier\nBy Mira Vale\n5 March 2024\n\n{STORY}\n\n"
        "All the coast, every morning: The Fjord Courier\nFollow @FjordCourier on X"
    )
    assert clean_text(page).text.split("\n\n") == PARAGRAPHS
    assert name_key("The Fjord Courier") == "thefjordcourier"


def test_site_names_are_read_off_furniture_only():
    texts = ["Follow @FjordCourier on X", "© 2024 Harbour Media Group. All rights reserved.",
             "Source: https://www.coastpost.example/a", "He wrote to @SomeoneElse about it."]
    names = site_names(texts, ["social", "copyright", "link", None])
    assert names == frozenset({"fjordcourier", "harbourmediagroup", "coastpost"})


def test_list_items_a_sentence_introduces_are_the_story():
    page = (
        f"Vesterby rebuilds its pier\nBy Mira Vale\n5 March 2024\nShare\n\n{PARAGRAPHS[0]}\n\n"
        "The harbour master said the board now has to do the following:\n\nHire divers\n\nOrder steel\n\n"
        f"{PARAGRAPHS[1]}\n\n{PARAGRAPHS[2]}"
    )
    text = clean_text(page).text
    assert "Hire divers" in text and "Order steel" in text


def test_a_clean_text_keeps_its_closing_lines():
    # No furniture: nothing is judged by voice or place, however the last lines read.
    texts = [*PARAGRAPHS, "We will keep you posted.", "Our readers asked why."]
    assert judge_lines(texts, [None] * len(texts), scrape=False) == {}


def test_a_trail_that_names_a_list_is_no_related_links_heading():
    page = f"Top Stories > Coast\n\nVesterby rebuilds its north pier\nThe Fjord Courier · 5h\n\n{STORY}\n\nRelated stories\nFerry fares to rise in June\nLighthouse keepers stay on"
    cleaned = clean_text(page)
    assert cleaned.headline == "Vesterby rebuilds its north pier"
    assert cleaned.text.split("\n\n") == PARAGRAPHS


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("5 March 2024, 21:41 CET (UTC+1)", "2024-03-05T21:41:00+01:00"),
        ("Date: 5 March 2024 at 21:41 (Pacific Time)", "2024-03-05T21:41:00-08:00"),
        ("July 5, 2024 9:41 pm Eastern Time", "2024-07-05T21:41:00-04:00"),
        ("March 5, 2024 9:41 pm Eastern Standard Time", "2024-03-05T21:41:00-05:00"),
        ("05.03.2024, 21:41 Uhr", "2024-03-05T21:41:00"),
    ],
)
def test_zones_written_out_or_stated_twice(line, value):
    assert parse_date_string(line) == value


@pytest.mark.parametrize(
    "banner",
    [
        "Correction: An earlier version of this story misspelled the name of the harbour master.",
        "Editor's note: This story was updated on March 6 to include comment from the ferry operator.",
        "An earlier version of this article gave the wrong date for the vote.",
    ],
)
def test_a_note_about_the_article_before_the_story_is_a_banner(banner):
    page = f"Vesterby rebuilds its pier\nBy Mira Vale\n5 March 2024\n\n{banner}\n\n{STORY}\n\nShare\nTweet"
    assert clean_text(page).text.split("\n\n") == PARAGRAPHS


def test_a_note_about_the_article_after_the_story_stays():
    # Archives print their update notes as the story's last paragraph: not told from text here.
    note = "This story was updated on March 6 to include comment from the ferry operator and the union."
    page = f"Vesterby rebuilds its pier\nBy Mira Vale\n5 March 2024\n\n{STORY}\n\n{note}\n\nShare\nTweet"
    assert clean_text(page).text.split("\n\n") == [*PARAGRAPHS, note]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("BY JANE DOE AND JOHN ROE", ["Jane Doe", "John Roe"]),
        ("By Jane Doe and John Roe for The Fjord Courier", ["Jane Doe", "John Roe"]),
        ("By Jane Doe (Harbour desk)", ["Jane Doe"]),
        ("By Jane Y. Doe", ["Jane Y. Doe"]),
    ],
)
def test_bylines_in_capitals_or_with_the_outlet_they_write_for(line, names):
    from newsgraph.ingest.metadata_lines import parse_byline

    assert parse_byline(line) == names


def test_reading_time_with_an_emoji_clock_or_read_in():
    assert parse_reading_time("⏱️ 3 min read") == 3  # the clock with its emoji variation selector
    assert parse_reading_time("Read in 3 minutes") == 3
    assert parse_reading_time("Reading in progress") is None


def test_a_lone_masthead_above_the_dateline_is_no_headline():
    page = f"Fjord Courier\nHome / Coast / Ports\n\n05.03.2024, 14:30\n\nVesterby rebuilds its north pier\n\n{STORY}"
    assert clean_text(page).headline == "Vesterby rebuilds its north pier"


def test_masthead_standfirst_and_a_byline_filed_from_a_place_beside_the_date():
    page = (
        "The Fjord Courier\nSubscribe | Sign in\n\nPorts\nHarbour operators raise fees as shipping slumps\n"
        "Container volumes fell for a fourth quarter, squeezing terminal owners\nMira Vale in Oslo | 5 March 2024\n\n"
        f"{STORY}\n\nCopyright The Fjord Courier Ltd 2024. All rights reserved."
    )
    cleaned = clean_text(page)
    # The masthead is the site's own name (its copyright line says so); the longer line below the title is its standfirst.
    assert cleaned.headline == "Harbour operators raise fees as shipping slumps"
    assert (cleaned.byline, cleaned.published) == (["Mira Vale"], "2024-03-05")


def test_a_section_row_above_the_title_is_no_title_over_a_standfirst():
    page = f"News | Coast & Ports\nFormer harbour master calls for a ferry plan\n\nBy Mira Vale\n5 Mar 2024 20:09 GMT\n\n{STORY}"
    assert clean_text(page).headline == "Former harbour master calls for a ferry plan"


def test_blog_meta_line_with_a_user_name_and_closed_comments():
    page = f"Ferry timetable changes from April\n\nMarch 5, 2024 by harbourwatch · 3 Comments\n\n{STORY}\n\nComments are closed."
    cleaned = clean_text(page)
    assert cleaned.published == "2024-03-05"
    assert cleaned.text.split("\n\n") == PARAGRAPHS


# --- forms met on the invented styles of tests/fixtures/dumps (issue 14's never-read check) ---

@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Filed Tue 4 Oct 2016, 21.41 EEST (18.41 GMT)", "2016-10-04T21:41:00+03:00"),  # h.mm, the same clock in GMT
        ("Sent Thu 6 Oct 2016, 9:05 am BST (8:05 GMT)", "2016-10-06T09:05:00+01:00"),
    ],
)
def test_a_filed_time_with_its_gmt_equivalent(line, value):
    assert parse_date_string(line) == value


def test_a_forum_post_header_gives_poster_and_time():
    page = ("Vesterby Harbour Forum\nBoard index ‹ Local ‹ Harbour\n\nPier vote splits the harbour board\n"
            "Post by Mira Vale » Tue Oct 04, 2016 9:41 am\n\n" + STORY)
    cleaned = clean_text(page)
    assert cleaned.published == "2016-10-04T09:41:00"
    assert cleaned.byline == ["Mira Vale"]
    assert cleaned.headline == "Pier vote splits the harbour board"
    assert cleaned.text.split("\n\n") == PARAGRAPHS


def test_a_mailing_list_subject_tag_and_a_written_for_byline():
    page = ("Date: Tue, 4 Oct 2016 06:12:40 +0200\nFrom: Harbour Notes <notes@vesterby.example>\n"
            "Subject: [Harbour Notes] Pier vote splits the harbour board\n\nPIER VOTE SPLITS THE HARBOUR BOARD\n"
            "Written for Harbour Notes by Tor Lund\nAbout a 3-minute read\n\n" + STORY)
    cleaned = clean_text(page)
    assert cleaned.headline == "Pier vote splits the harbour board"
    assert cleaned.published == "2016-10-04T06:12:40+02:00"
    assert cleaned.byline == ["Tor Lund"]
    assert cleaned.reading_minutes == 3
    assert "PIER VOTE" not in cleaned.text and "Written for" not in cleaned.text


def test_replies_below_the_story_are_the_readers_not_the_story():
    page = ("Pier vote splits the harbour board\nPost by Mira Vale » Tue Oct 04, 2016 9:41 am\n\n" + STORY + "\n\n"
            "Re: Pier vote splits the harbour board\nPost by quaywatcher7 » Tue Oct 04, 2016 11:02 am\n"
            "They said the same about the south pier and it took six years.\n\n"
            "Re: Pier vote splits the harbour board\nPost by Tor Lund » Tue Oct 04, 2016 12:15 pm\n"
            "Does anyone know when the ferry timetable changes?\n")
    cleaned = clean_text(page)
    assert cleaned.text.split("\n\n") == PARAGRAPHS
    assert cleaned.byline == ["Mira Vale"] and cleaned.published == "2016-10-04T09:41:00"


def test_a_dated_correction_above_the_story_is_a_banner():
    correction = ("Correction, Oct. 6, 2016: An earlier version of this article misstated the length of the pier. "
                  "It is 240 metres, not 420.")
    page = f"Vesterby rebuilds its pier\nBy Mira Vale\n5 October 2016\n\n{correction}\n\n{STORY}\n\nShare\nTweet"
    assert clean_text(page).text.split("\n\n") == PARAGRAPHS


def test_an_mbox_header_block_with_folded_fields_is_furniture():
    page = ("From notes-bounces@vesterby.example  Tue Oct  4 04:12:45 2016\n"
            "Return-Path: <notes-bounces@vesterby.example>\n"
            "Received: from mail.vesterby.example (mail.vesterby.example [192.0.2.4])\n"
            "\tby lists.vesterby.example (Postfix) with ESMTP id 7C1F2\n"
            "\tfor <reader@example.net>; Tue, 4 Oct 2016 06:12:44 +0200\n"
            "Date: Tue, 4 Oct 2016 06:12:40 +0200\nFrom: Harbour Notes <notes@vesterby.example>\n"
            "Subject: Pier vote splits the harbour board\nMIME-Version: 1.0\n\n" + STORY)
    cleaned = clean_text(page)
    assert cleaned.text.split("\n\n") == PARAGRAPHS
    assert cleaned.headline == "Pier vote splits the harbour board"
    assert cleaned.published == "2016-10-04T06:12:40+02:00"


def test_an_edit_note_with_its_editor_is_an_update_never_the_publication():
    line = "Last edited by Mira Vale on Wed Oct 05, 2016 9:02 pm, edited 2 times in total."
    parts = split_dateline(line)
    assert parts is not None and [p.kind for p in parts] == ["updated", "other"]
    page = f"Pier vote splits the harbour board\nBy Mira Vale\n\n{STORY}\n\n{line}\n"
    cleaned = clean_text(page)
    assert cleaned.published is None and cleaned.text.split("\n\n") == PARAGRAPHS
    # A comma after the clock before a capitalised word goes on with the date.
    assert parse_date_string("Published 2:05 PM, Mon October 3, 2016") == "2016-10-03T14:05:00"


def test_a_one_sentence_paragraph_set_again_in_quotes_is_a_pull_quote():
    quote = f"“{PARAGRAPHS[2]}”"
    page = (f"Vesterby rebuilds its pier\nBy Mira Vale\n5 October 2016\n\n{STORY}\n\n{quote}\n\n"
            "Share\nTweet\nSubscribe to our newsletter")
    assert clean_text(page).text.split("\n\n") == PARAGRAPHS
