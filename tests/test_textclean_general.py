"""General evidence in scrapes of invented sites: what a page's own lines say about each other.

Each page is written for this test; the sites, people and wording are fictional.
"""

from __future__ import annotations

from newsgraph.ingest.metadata_lines import parse_bare_byline
from newsgraph.ingest.textclean import clean_text, parse_byline

STORY = (
    "The harbour board of Vesterby voted on Tuesday to rebuild the north pier, ending a dispute that had kept ferries away for years.\n\n"
    "Opponents were unconvinced. Work will start in May and should take about ten weeks, the harbour master told the meeting.\n\n"
    "Fishermen who had campaigned for the work welcomed the decision but warned that the budget was tight and the season short."
)
PARAGRAPHS = STORY.split("\n\n")


def test_a_section_label_named_again_below_the_story_is_no_headline():
    # "Coast & Country" is named again in "More from Coast & Country": a section, not a title printed twice.
    page = (f"THE VESTERBY LANTERN\nSubscribe    Sign in\nCoast & Country\n\nVesterby board backs a new north pier\n\n"
            f"Words by Mira Vale\nMarch 5, 2024\n\n{STORY}\n\nMore from Coast & Country\nFerry fares rise again this spring")
    cleaned = clean_text(page)
    assert cleaned.headline == "Vesterby board backs a new north pier"
    assert cleaned.byline == ["Mira Vale"]
    # A title of four words or more named inside a longer line still counts as printed again.
    crumbs = f"Home > Coast > Vesterby board backs new pier\n\nVesterby board backs new pier\n\n{STORY}"
    assert clean_text(crumbs).headline == "Vesterby board backs new pier"


def test_a_short_sentence_of_the_story_set_again_in_quotation_marks_is_a_pull_quote():
    first, second, third = PARAGRAPHS
    page = (f"THE VESTERBY LANTERN\nSubscribe    Sign in    Search\n\nVesterby board backs a new north pier\n\n"
            f"Words by Mira Vale\nMarch 5, 2024\n\n{first}\n\n{second}\n\n“Opponents were unconvinced.”\n\n{third}")
    cleaned = clean_text(page)
    assert cleaned.text.split("\n\n") == PARAGRAPHS
    assert ("pull quote", "“Opponents were unconvinced.”") in cleaned.removed
    # A quoted line that is no sentence of the story stays.
    kept = page.replace("“Opponents were unconvinced.”", "“The board was not unanimous.”")
    assert "“The board was not unanimous.”" in clean_text(kept).text


def test_what_stands_above_the_headline_copy_over_the_byline_is_header():
    # The e-mail's subject names the story; a greeting, then the title again over the byline.
    page = (f"Date: Tue, 5 Mar 2024 06:12:09 +0100\nFrom: Vesterby Morning Note <note@vesterby.example>\n"
            f"Subject: Vesterby board backs a new north pier\n\nMorning, all. Coffee first, then the pier.\n\n"
            f"VESTERBY BOARD BACKS A NEW NORTH PIER\nBy Mira Vale\n\n{STORY}")
    cleaned = clean_text(page)
    assert cleaned.text.split("\n\n") == PARAGRAPHS
    assert ("page header", "Morning, all. Coffee first, then the pier.") in cleaned.removed
    assert (cleaned.headline, cleaned.byline) == ("Vesterby board backs a new north pier", ["Mira Vale"])
    # Without a byline block under the copy nothing marks where the story starts: the line stays.
    assert "Coffee first" in clean_text(page.replace("By Mira Vale\n", "")).text


def test_bylines_posted_by_and_a_bare_name_with_its_desk():
    assert parse_byline("Posted by Mira Vale") == ["Mira Vale"]
    assert parse_byline("Submitted by Mira Vale and Tor Lund") == ["Mira Vale", "Tor Lund"]
    assert parse_byline("Posted in Harbour News") is None
    # Beside a dateline, a name and its desk: the desk is no second person.
    assert parse_bare_byline("Mira Vale, Staff Writer") == ["Mira Vale"]
    assert parse_bare_byline("By Mira Vale, Harbour Reporter") is None  # a "By" line is read as one
    page = f"Vesterby board backs a new north pier\nMira Vale, Staff Writer\nMarch 5, 2024\n\n{STORY}"
    assert clean_text(page).byline == ["Mira Vale"]


def test_a_menu_row_spaced_apart_is_no_headline():
    # The items of a menu stand apart by wide gaps: a row of links, though its words read like a title.
    page = f"Vesterby Times   News   Sport\n\nBoard backs new north pier\n\n{STORY}"
    cleaned = clean_text(page)
    assert cleaned.headline == "Board backs new north pier"
    assert ("links row", "Vesterby Times   News   Sport") in cleaned.removed
    assert cleaned.text.split("\n\n") == PARAGRAPHS


def test_the_title_over_the_byline_below_a_long_page_header_is_the_headline():
    # Seven lines of header (site, player link, menu, label, weather, traffic, a "Top stories" heading):
    # the title right above the byline block is the story's, not an item of the list above it.
    page = (f"Vesterby Radio\nListen live\nNews   Weather   Travel   Shows\nLocal\nWeather: 12C, showers\n"
            f"Traffic: A12 closed at Lund\nTop stories\n\nBoard backs new north pier for Vesterby\nBy Mira Vale\n"
            f"5 March 2024, 14:05\n\n{STORY}")
    cleaned = clean_text(page)
    assert (cleaned.headline, cleaned.byline) == ("Board backs new north pier for Vesterby", ["Mira Vale"])
    assert cleaned.text.split("\n\n") == PARAGRAPHS
    # Under a "Top stories" heading with no byline below, the titles are still its links.
    listed = f"{STORY}\n\nTop stories\nFerry fares rise again this spring\nPier closed after the storm"
    assert "Ferry fares" not in clean_text(listed).text


def test_a_name_over_its_desk_line_over_the_dateline_is_the_byline():
    page = f"NEWS\nBoard backs new north pier\nMira Vale\nHarbour reporter\n5 March 2024\n\n{STORY}"
    cleaned = clean_text(page)
    assert (cleaned.headline, cleaned.byline) == ("Board backs new north pier", ["Mira Vale"])
    assert ("byline", "Harbour reporter") in cleaned.removed
    assert cleaned.text.split("\n\n") == PARAGRAPHS
    # A line that is no desk between them ("Harbour news in brief") makes no byline of the name.
    assert clean_text(page.replace("Harbour reporter", "Harbour news in brief")).byline == []


def test_a_bare_name_beside_the_date_in_one_line_is_the_byline_unless_the_story_names_it():
    page = f"VESTERBY POST\n\nBOARD BACKS NEW NORTH PIER\n\nMira Vale | March 5, 2024\n\n{STORY}"
    assert clean_text(page).byline == ["Mira Vale"]
    assert clean_text(page.replace("Mira Vale | March 5, 2024", "March 5, 2024 · Mira Vale")).byline == ["Mira Vale"]
    # A place beside the date is named in its story: no author.
    placed = page.replace("Mira Vale |", "North Vesterby |").replace("The harbour board of Vesterby",
                                                                     "The harbour board of North Vesterby")
    assert clean_text(placed).byline == []


def test_a_label_over_the_date_gives_way_to_the_title_under_it():
    page = f"Vesterby Municipality\nPress office\n\nPress release\n5 March 2024\n\nBoard backs new north pier\n\n{STORY}"
    cleaned = clean_text(page)
    assert cleaned.headline == "Board backs new north pier"
    assert cleaned.text.split("\n\n") == PARAGRAPHS
    # Under the date a sentence is the story's first line, not a title: the label stays the only candidate.
    opening = f"Press release\n5 March 2024\n\n{STORY}"
    assert clean_text(opening).text.split("\n\n") == PARAGRAPHS


def test_a_separator_between_the_name_and_the_date_divides_nothing():
    page = f"Vesterby Post\nBoard backs new north pier\nMira Vale\n|\nMarch 5, 2024\n|\n3 min read\n\n{STORY}"
    cleaned = clean_text(page)
    assert (cleaned.headline, cleaned.byline, cleaned.reading_minutes) == ("Board backs new north pier", ["Mira Vale"], 3)
    assert cleaned.text.split("\n\n") == PARAGRAPHS


def test_a_line_of_numbers_alone_on_a_page_is_a_counter():
    page = f"Vesterby Notes   Subscribe\n\nBoard backs new north pier\nBy Mira Vale\nMarch 5, 2024\n42\n7\n\n{STORY}\n\n1,204"
    cleaned = clean_text(page)
    assert cleaned.text.split("\n\n") == PARAGRAPHS
    assert {("counter", "42"), ("counter", "7"), ("counter", "1,204")} <= set(cleaned.removed)
    # On a clean text (no page furniture) a number alone is left as written.
    assert "1,204" in clean_text(f"Board backs new north pier\n\n{STORY}\n\n1,204").text


def test_a_wire_credit_line_taken_out_closes_the_story():
    page = (f"NORTHWIND WIRE    Markets    World    Politics\n\nBoard backs new north pier\nBy Mira Vale\nMarch 5, 2024\n\n"
            f"{STORY}\n\n(Reporting by Mira Vale; editing by Tor Lund)\n\nOur Standards: The Northwind Principles.\n\n"
            f"Prices are shown with a delay of at least twenty minutes. See here for the list of exchanges.")
    cleaned = clean_text(page)
    assert cleaned.text.split("\n\n") == PARAGRAPHS
    assert ("footer", "Our Standards: The Northwind Principles.") in cleaned.removed
    # On a clean text the credit line in parentheses stays, and so does what follows it.
    plain = f"Board backs new north pier\n\n{STORY}\n\n(Reporting by Mira Vale; editing by Tor Lund)\n\nThe vote is final."
    assert clean_text(plain).text.endswith("(Reporting by Mira Vale; editing by Tor Lund)\n\nThe vote is final.")


def test_below_an_e_mail_signature_delimiter_is_the_senders():
    page = (f"Date: Tue, 5 Mar 2024 06:12:09 +0100\nFrom: Vesterby Note <note@vesterby.example>\nTo: reader@example.net\n"
            f"Subject: Vesterby board backs a new north pier\n\n{STORY}\n\n--\nForwarded this? Join at https://vesterby.example/note\n"
            f"To stop these, reply with the word stop or change your settings online.")
    cleaned = clean_text(page)
    assert cleaned.text.split("\n\n") == PARAGRAPHS
    assert ("signature", "Forwarded this? Join at https://vesterby.example/note") in cleaned.removed
    # Without an e-mail's header block a line of two dashes is a separator only.
    plain = f"Board backs new north pier\n\n{STORY}\n\n--\n\nThe vote is final, the clerk said, and work starts in May."
    assert clean_text(plain).text.endswith("The vote is final, the clerk said, and work starts in May.")


def test_a_comment_thread_naming_the_story_with_the_posters_name_between_is_the_readers():
    page = (f"Mira's Harbour Blog\n\nBoard backs new north pier\n\nMarch 5, 2024 by Mira Vale\n\n{STORY}\n\n"
            f"Filed under: Harbour, Ferries\n\n3 thoughts on “Board backs new north pier”\n\nTor says:\n"
            f"March 5, 2024 at 6:01 pm\nFinally, and about time too.")
    cleaned = clean_text(page)
    assert cleaned.text.split("\n\n") == PARAGRAPHS
    assert ("comment", "Finally, and about time too.") in cleaned.removed
    assert cleaned.byline == ["Mira Vale"]


def test_a_byline_and_its_date_parted_by_a_comma_are_read_both():
    page = f"Vesterby Post\n\n[Image: the north pier at dawn]\n\nBoard backs new north pier\n\nBy Mira Vale, March 5, 2024\n\n{STORY}"
    cleaned = clean_text(page)
    assert (cleaned.byline, cleaned.published) == (["Mira Vale"], "2024-03-05")
    assert cleaned.text.split("\n\n") == PARAGRAPHS
    # A sentence that opens with "By" and a date is the story's.
    told = f"Board backs new north pier\n\nBy Tuesday, March 5, 2024, the board had voted to rebuild the pier.\n\n{STORY}"
    assert "By Tuesday, March 5, 2024, the board had voted" in clean_text(told).text


def test_a_prompt_naming_the_page_over_the_date_is_no_headline():
    page = (f"Vesterby Post\n\nBoard backs new north pier\n\nListen to this article 4 min\nShare   Tweet   Email\n\n"
            f"March 5, 2024\n\n{STORY}")
    cleaned = clean_text(page)
    assert cleaned.headline == "Board backs new north pier"
    assert cleaned.text.split("\n\n") == PARAGRAPHS


def test_numbers_counting_up_through_the_page_number_the_storys_list():
    first, second, third = PARAGRAPHS
    page = (f"Vesterby Notes   Subscribe\n\nThree things the pier vote changes\nBy Mira Vale\nMarch 5, 2024\n\n"
            f"1\n\n{first}\n\n2\n\n{second}\n\n3\n\n{third}")
    assert clean_text(page).text.split("\n\n") == ["1", first, "2", second, "3", third]


def test_last_item_of_a_contents_list_is_not_a_title_over_its_standfirst():
    # The real headline stands between a bulleted contents list and the dateline; the bullet item
    # above it is not a title and the headline is not its standfirst.
    text = ("Harbour Parish Council\n\nIn this issue:\n• Grants for community groups\n• Bin collections over the holidays\n"
            "Your views wanted on the riverside footpath\nIssued Monday 12th September 2016\n\n"
            "After two postponements, money for the riverside footpath is in place, and the amenities committee put "
            "the final cost at £9,800.\n\nThe work will be carried out in stages so that the path can stay open.\n")
    assert clean_text(text).headline == "Your views wanted on the riverside footpath"
