"""Bylines printed without "By": found by their shape and their place on the page (issue 14)."""

from __future__ import annotations

from newsgraph.ingest.bylines import contact_free, contact_line
from newsgraph.ingest.metadata_lines import parse_bare_byline, parse_byline, role_phrase
from newsgraph.ingest.textclean import clean_text

LEAD = ("The ferry operator will run four fewer crossings a day from next month, it said on Tuesday, "
        "blaming a shortage of crew.")
SECOND = "Islanders said the change would leave commuters stranded after late shifts."


def _page(*header: str, lead: str = LEAD) -> str:
    return "\n\n".join(["The Daily Harbour", *header, lead, SECOND]) + "\n"


def test_role_after_the_name_is_no_person():
    assert role_phrase("Town Clerk") and role_phrase("senior analyst") and role_phrase("Head of Communications")
    assert not role_phrase("Jane Doe") and not role_phrase("Orla Quint, Senior Analyst")
    assert parse_byline("Prepared by Orla Quint, Town Clerk") == ["Orla Quint"]
    assert parse_bare_byline("Orla Quint, Director of Communications") == ["Orla Quint"]
    # Without "By" a role alone does not make a line a byline anywhere on the page.
    assert parse_byline("Orla Quint, Town Clerk") is None


def test_name_at_a_venue_reads_as_filed_from():
    assert parse_bare_byline("Orla Quint at the Riverside Stadium") == ["Orla Quint"]
    assert parse_bare_byline("Orla Quint at Lock Lane") == ["Orla Quint"]


def test_contacts():
    assert contact_line("orla.quint@harbour.example")
    assert contact_line("Follow @orlaquint")
    assert contact_line("Email: orla@harbour.example | @orlaquint")
    assert not contact_line("Write to us at letters@harbour.example with your views on the timetable.")
    assert contact_free("Orla Quint (@orlaquint)") == ("Orla Quint", True)
    assert contact_free("Orla Quint") == ("Orla Quint", False)


def test_name_over_venue_and_dateline_below_headline():
    text = ("SPORT\n\nRovers edge past City in cup replay\n\nOrla Quint at Lock Lane\n12 March 2024 21:40\n\n"
            "Rovers beat City 2-1 after extra time on Tuesday, with the winner coming in the 118th minute.\n\n"
            "City had led at half-time.\n")
    cleaned = clean_text(text)
    assert cleaned.byline == ["Orla Quint"]
    assert cleaned.headline == "Rovers edge past City in cup replay"


def test_title_case_headline_with_a_venue_over_the_dateline_stays_the_headline():
    text = ("News\n\nProtesters Gather at Lock Lane\n12 March 2024 21:40\n\n"
            "Hundreds of residents gathered outside the ground on Tuesday to protest against the plan to build flats.\n\n"
            "The club said it had listened.\n")
    cleaned = clean_text(text)
    assert cleaned.byline == []
    assert cleaned.headline == "Protesters Gather at Lock Lane"


def test_bare_name_between_headline_and_story_is_the_author():
    for name_lines in (["Orla Quint"], ["Orla Quint, Transport Correspondent"], ["Orla Quint, Senior Analyst"],
                       ["Orla Quint\norla.quint@harbour.example"], ["Orla Quint (@orlaquint)"]):
        cleaned = clean_text(_page("New ferry timetable cuts crossings to the island", *name_lines))
        assert cleaned.byline == ["Orla Quint"], name_lines
        assert cleaned.headline == "New ferry timetable cuts crossings to the island"
        assert "Quint" not in cleaned.text and cleaned.text.startswith("The ferry operator")


def test_a_name_the_story_goes_on_to_name_is_its_subject():
    lead = LEAD.replace("it said", "Orla Quint said")
    cleaned = clean_text(_page("New ferry timetable cuts crossings to the island", "Orla Quint", lead=lead))
    assert cleaned.byline == []
    assert "Orla Quint\n\n" in cleaned.text or cleaned.text.startswith("Orla Quint")


def test_a_label_whose_words_the_text_uses_in_lower_case_is_no_name():
    lead = LEAD + " The key points of the plan are below."
    cleaned = clean_text(_page("New ferry timetable cuts crossings to the island", "Key Points", lead=lead))
    assert cleaned.byline == []


def test_one_author_site_name_repeated_on_every_page_is_still_the_author():
    from newsgraph.ingest.furniture import SiteTemplates

    titles = ["The bakery that refused to grow", "Notes from a week without a car", "Why I still read the noticeboard",
              "A small defence of slow meetings", "What the tide tables taught me"]
    bodies = ["I did not expect the bakery to change how I work, but that is what happened this month.",
              "It started on a wet Saturday, when a neighbour stopped me outside the chemist to complain.",
              "Most of what I know about the town I learnt by standing still long enough for people to talk.",
              "Three times a buyer has offered to open branches along the coast, and three times the answer was no.",
              "The loaves sell out by ten every morning, and that, apparently, is the whole point of the place."]
    pages = [f"Quint's Almanac\nSubscribe   Sign in\n\n{t}\n\nOrla Quint\nSep {10 + n}, 2016\n\n{b}\n\n"
             f"Another paragraph that is different on page {n}, with a few more words to make it prose.\n"
             for n, (t, b) in enumerate(zip(titles, bodies))]
    templates = SiteTemplates()
    for page in pages:
        templates.observe("almanac", page.splitlines())
    for page, title in zip(pages, titles):
        cleaned = clean_text(page, templates=templates, site="almanac")
        assert cleaned.byline == ["Orla Quint"]
        assert cleaned.headline == title


def test_name_in_capitals_one_short_line_below_the_dateline():
    text = ("KHBR 88.9   Listen Live   Donate\n\nHEALTH\n\nClinic faces cuts as county budget shrinks\n\n"
            "September 14, 2016 · 5:04 PM ET\nHeard on Morning Edition\n\nORLA QUINT\n\n3-Minute Listen\n\n"
            + LEAD + "\n\n" + SECOND + "\n")
    cleaned = clean_text(text)
    assert cleaned.byline == ["Orla Quint"]
    assert "ORLA QUINT" not in cleaned.text


def test_a_name_near_the_dateline_that_the_story_names_is_its_subject():
    text = ("News\n\nClinic faces cuts as county budget shrinks\n\nSeptember 14, 2016 · 5:04 PM ET\nHealth desk\n\n"
            "ORLA QUINT\n\n" + LEAD.replace("it said", "Orla Quint said") + "\n\n" + SECOND + "\n")
    assert clean_text(text).byline == []
