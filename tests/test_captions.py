"""A photo's credit line and the caption above it, found by shape on page scrapes (issue 14)."""

from __future__ import annotations

from newsgraph.ingest.captions import photo_credit_line
from newsgraph.ingest.textclean import clean_text

STORY = ("The county voted on Tuesday to cut the clinic's budget by a fifth, and the clinic will close on Fridays "
         "from next month.\n\n"
         "Staff said the change would fall hardest on people who work the other five days of the week.\n\n")


def test_credit_lines():
    assert photo_credit_line("Orla Quint/KHBR") and photo_credit_line("Getty/Instagram")
    assert photo_credit_line("(Orla Quint/The Harbour Times)")
    assert not photo_credit_line("Orla Quint") and not photo_credit_line("Democrats and/or Republicans")
    assert not photo_credit_line("The vote was 5/2 in favour.")


def test_caption_and_credit_over_the_story_of_a_scrape_leave_it():
    page = ("Listen Live   Donate   Schedule\nShare on Facebook\n\nClinic to close on Fridays\n\n"
            "Residents waited outside the clinic in Larkhill on Tuesday morning.\nOrla Quint/KHBR\n\n" + STORY
            + "Share on Twitter\nCopyright 2016 KHBR. All rights reserved.\n")
    text = clean_text(page).text
    assert "Residents waited" not in text and "KHBR" not in text
    assert text.startswith("The county voted")


def test_a_paragraph_followed_by_a_blank_line_is_not_a_caption():
    page = ("Listen Live   Donate   Schedule\nShare on Facebook\n\nClinic to close on Fridays\n\n" + STORY
            + "Orla Quint/KHBR\n\nShare on Twitter\nCopyright 2016 KHBR. All rights reserved.\n")
    assert "Staff said the change" in clean_text(page).text
