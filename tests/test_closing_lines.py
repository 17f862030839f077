"""What closes a story: end-of-copy marks, an issuer's boilerplate, lists of names (issue 14)."""

from __future__ import annotations

from newsgraph.ingest.closing_lines import end_mark, name_list_line
from newsgraph.ingest.textclean import clean_text

STORY = ("HARBOURTON, Sept. 18, 2016 /Wire/ -- Harbour Ferries today announced a new route to the islands, "
         "with sailings from next spring.\n\n"
         "The company said the route would carry about 40,000 passengers a year once it was running.\n\n"
         "“This is the route our passengers have asked for,” said its chief executive.\n\n")


def test_end_marks():
    assert end_mark("###") and end_mark("# # #") and end_mark("-30-") and end_mark("- ENDS -") and end_mark("Ends")
    assert not end_mark("The end") and not end_mark("Weekends")


def test_what_follows_an_end_mark_and_the_issuers_boilerplate_leave_the_story():
    boilerplate = ("Harbour Ferries is a ferry operator serving the coast and its islands. Founded in 1921, it runs "
                   "twelve vessels on nine routes and employs more than 600 people across four ports and two "
                   "shipyards, and it carried 1.2 million passengers last year. For more information, visit "
                   "www.harbourferries.example.")
    text = STORY + "###\n\nAbout Harbour Ferries\n" + boilerplate + "\n\nMedia contact:\npress@harbourferries.example\n"
    cleaned = clean_text(text)
    assert "Founded in 1921" not in cleaned.text and "Media contact" not in cleaned.text
    assert cleaned.text.rstrip().endswith("said its chief executive.")


def test_about_boilerplate_without_an_end_mark():
    text = STORY + ("About Harbour Ferries\nHarbour Ferries is a ferry operator serving the coast and its islands, "
                    "with twelve vessels on nine routes.\n")
    assert "twelve vessels" not in clean_text(text).text


def test_a_story_paragraph_about_the_company_stays():
    text = STORY + "Harbour Ferries is a ferry operator serving the coast and its islands, with twelve vessels.\n"
    assert "twelve vessels" in clean_text(text).text


def test_name_lists():
    assert name_list_line("Rovers: Ann Doe; Bea Roe, Cal Poe, Dan Moe, Eve Loe; Fay Hoe, Gus Yoe.")
    assert name_list_line("Cast: Ann Doe, Bea Roe, Cal Poe, Dan Moe, Eve Loe, Fay Hoe")
    assert not name_list_line("Ann Doe, Bea Roe, Cal Poe, Dan Moe and Eve Loe all voted against the plan.")
    assert not name_list_line("Iowa, New Hampshire, South Carolina, Nevada and Florida vote next.")
    assert not name_list_line("Subs: Ann Doe, Bea Roe.")


SHEET = "Rovers: Ann Doe; Bea Roe, Cal Poe, Dan Moe, Eve Loe; Fay Hoe, Gus Yoe."
MATCH = ("Rovers beat City 2-1 on Saturday, with the winner coming from a corner in the last minute of the game.\n\n"
         "City had led at half-time and had the better of the chances for most of the afternoon, the manager said.\n\n")


def test_a_team_sheet_below_the_story_of_a_scrape_leaves_it():
    page = ("SPORT   Football   Results\nShare on Facebook\n\nRovers snatch late win over City\n\n" + MATCH
            + "Line-ups\n" + SHEET + "\n\nShare on Facebook   Share on Twitter\n")
    assert "Ann Doe" not in clean_text(page).text


def test_a_list_of_names_inside_a_clean_story_stays():
    text = MATCH + SHEET + "\n\n" + MATCH.replace("Saturday", "Tuesday")
    assert "Ann Doe" in clean_text(text).text
