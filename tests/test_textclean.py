"""Cleaning plain-text scrapes: metadata, furniture, layout, and never eating the story."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from newsgraph.ingest.textclean import clean_text, parse_byline, parse_reading_time, split_paragraphs

SCRAPE = """13:12 09.03.2024

Harbour council backs new lighthouse

2 min read
Harbour council backs new lighthouse

The council of the small harbour town voted on Friday to rebuild the old lighthouse.

"We owe it to the fishermen," the mayor said at a meeting in the town hall on
Friday evening.

AD
AD
"""


def test_the_design_example_shape():
    cleaned = clean_text(SCRAPE)
    assert cleaned.headline == "Harbour council backs new lighthouse"
    assert cleaned.published == "2024-03-09T13:12:00"
    assert cleaned.reading_minutes == 2
    assert cleaned.text == (
        "The council of the small harbour town voted on Friday to rebuild the old lighthouse.\n\n"
        '"We owe it to the fishermen," the mayor said at a meeting in the town hall on Friday evening.'
    )
    reasons = [reason for reason, _ in cleaned.removed]
    assert reasons == ["dateline", "headline", "reading time", "headline repeat", "advertisement", "advertisement"]


FULL_PAGE = """Home > World > Europe
Politics
Ferry strike ends after two weeks
By JANE DOE and John Roe, Reuters
Published 03/09/2024 | Updated March 10, 2024
Reading time: 4 minutes

Ferry crews returned to work on Saturday after the union accepted a new pay offer.
Advertisement
Story continues below advertisement
Share on Facebook
Share Tweet Email
Read more: Union rejects first offer
Related: How the strike began
The harbour was busy again by noon. (Photo by Ann Poe/Getty Images)
REUTERS/Ann Poe
Photo: Ann Poe
Image caption
Sign up for our newsletter
We use cookies to improve your experience on our site.
Accept all
Tags: ferry, strike, harbour
Topics: transport
© 2024 The Harbour Gazette
All rights reserved
12 comments
Click here to read more
Log in
Follow us on Telegram
Home / News
"""


def test_a_full_page_of_furniture():
    cleaned = clean_text(FULL_PAGE)
    assert cleaned.headline == "Ferry strike ends after two weeks"
    assert cleaned.byline == ["Jane Doe", "John Roe"]
    assert cleaned.published == "2024-03-09"  # English, month first; an update on March 10 agrees
    assert cleaned.reading_minutes == 4
    assert cleaned.text == "Ferry crews returned to work on Saturday after the union accepted a new pay offer."
    reasons = dict((line, reason) for reason, line in cleaned.removed)
    assert reasons["Home > World > Europe"] == "breadcrumb"
    assert reasons["Politics"] == "page header"
    assert reasons["Share Tweet Email"] == "social"
    assert reasons["REUTERS/Ann Poe"] == "caption"
    assert reasons["Tags: ferry, strike, harbour"] == "tags"
    assert reasons["12 comments"] == "comments"


@pytest.mark.parametrize(
    "sentence",
    [
        "Share prices fell on Tuesday.",
        "Photo exhibitions opened in Kyiv.",
        "By the end of the year, the fund will be empty.",
        "By Tuesday, the talks had stalled.",
        "Advertising revenue fell by a third last year.",
        "Related talks in Geneva ended without a deal.",
        "Read the statement in full on the ministry's website.",
        "Copyright law was changed in 2023.",
        "Tags were attached to every parcel at the border.",
        "Home owners in the valley were told to leave.",
        "Follow the money, the prosecutor told the jury.",
        "Sign up sheets were handed out at the door.",
        "Clinton leads by four points in the latest Reuters/Ipsos poll.",
        "Comments from the minister angered the opposition.",
        "Click-through rates doubled after the redesign.",
        "Jane Doe, a Reuters correspondent, was at the scene.",
        "Today the bridge reopened to traffic.",
        "More than 300 people attended the funeral.",
        "Next year the plant will close.",
        "Listen to the people, she urged the council.",
        "Image matters in politics, the consultant said.",
        "Topics ranged from trade to migration.",
    ],
)
def test_body_sentences_that_look_like_furniture_survive(sentence):
    text = f"Harbour news of the week\n\nThe week began quietly in the harbour town.\n\n{sentence}\n\nThe week ended with rain."
    cleaned = clean_text(text)
    assert sentence in cleaned.text.split("\n\n"), cleaned.removed


def test_reading_time_forms():
    assert parse_reading_time("2 min read") == 2
    assert parse_reading_time("Reading time: 4 minutes") == 4
    assert parse_reading_time("3-minute read") == 3
    assert parse_reading_time("Read time: 5 min") == 5
    assert parse_reading_time("Час читання: 3 хв") == 3
    assert parse_reading_time("4 minutes") is None
    assert parse_reading_time("It takes 2 min to read the rules.") is None


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("By Jane Doe, John Roe and Ann Poe", ["Jane Doe", "John Roe", "Ann Poe"]),
        ("BY JANE DOE", ["Jane Doe"]),
        ("Jane Doe, Reuters", ["Jane Doe"]),
        ("Jane Doe and John Roe, Associated Press", ["Jane Doe", "John Roe"]),
        ("Author: Jane Doe", ["Jane Doe"]),
        ("Words by Jane van der Berg", ["Jane van der Berg"]),
        ("By Jane Doe, Staff Writer", ["Jane Doe"]),
        ("By Jane Doe | The Harbour Gazette", ["Jane Doe"]),
    ],
)
def test_bylines(line, names):
    assert parse_byline(line) == names


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the year",
        "By Tuesday, the talks had stalled.",
        "By March the river had frozen",
        "Jane Doe, the mayor",
        "By then it was too late",
        "Harbour Council Meeting",
    ],
)
def test_not_bylines(line):
    assert parse_byline(line) is None


def test_headline_hint_finds_the_line_and_its_repeat():
    text = "Ferry strike ends\n\nBody of the story, which is long enough.\n\nFerry strike ends\n\nMore text."
    cleaned = clean_text(text, headline_hint="Ferry strike ends - The Harbour Gazette")
    assert cleaned.headline == "Ferry strike ends"
    assert cleaned.text == "Body of the story, which is long enough.\n\nMore text."


def test_no_headline_taken_from_a_story_that_starts_with_its_text():
    text = (
        "The ferry crews returned to work on Saturday after the union accepted a new offer.\n\n"
        "The harbour was busy again by noon, officials said."
    )
    cleaned = clean_text(text)
    assert cleaned.headline is None
    assert cleaned.text.startswith("The ferry crews returned")


def test_a_single_paragraph_is_text_not_headline():
    cleaned = clean_text("Ferry strike ends")
    assert cleaned.headline is None
    assert cleaned.text == "Ferry strike ends"


def test_a_title_with_a_full_stop_is_named_but_kept_in_the_text():
    # Some archives end every title with a full stop; without more evidence the line stays in the text.
    text = (
        "Ferry strike ends after union vote.\n\n"
        "Ferry crews returned to work on Saturday after the union accepted a new pay offer from the operator."
    )
    cleaned = clean_text(text)
    assert cleaned.headline == "Ferry strike ends after union vote."
    assert cleaned.text.startswith("Ferry strike ends after union vote.")


def test_title_case_headline_with_full_stop_is_taken():
    text = "Ferry Strike Ends After Union Vote.\n\nCrews returned to work on Saturday, the union said."
    cleaned = clean_text(text)
    assert cleaned.headline == "Ferry Strike Ends After Union Vote."
    assert cleaned.text == "Crews returned to work on Saturday, the union said."


HARD_WRAPPED = """Ferry strike ends

Ferry crews returned to work on Saturday after the union accepted a new
pay offer from the operator, ending a two-week stoppage that had cut the
islands off from the mainland and left shops short of fresh food and the
well-
known summer festival in doubt.

The operator said the first sailings would leave at six in the morning
and that the timetable would be back to normal by Monday, while the union
said its members would watch closely how the promises were kept.
"""


def test_hard_wrapped_text_is_rejoined():
    paragraphs = split_paragraphs(HARD_WRAPPED)
    assert len(paragraphs) == 3
    assert paragraphs[1].startswith("Ferry crews returned to work on Saturday after the union accepted a new pay offer")
    assert "the well-known summer festival in doubt." in paragraphs[1]
    assert paragraphs[2].endswith("how the promises were kept.")


def test_hard_wrapped_without_blank_lines_splits_at_short_lines():
    text = HARD_WRAPPED.replace("\n\n", "\n")
    paragraphs = split_paragraphs(text)
    assert [p[:20] for p in paragraphs] == ["Ferry strike ends", "Ferry crews returned", "The operator said th"]


def test_one_paragraph_per_line_is_split():
    text = (
        "Ferry strike ends\n"
        "Ferry crews returned to work on Saturday.\n"
        "The operator said the first sailings would leave at six.\n"
        "The union said it would watch closely."
    )
    cleaned = clean_text(text)
    assert cleaned.headline == "Ferry strike ends"
    assert cleaned.text.split("\n\n") == [
        "Ferry crews returned to work on Saturday.",
        "The operator said the first sailings would leave at six.",
        "The union said it would watch closely.",
    ]


def test_hard_wrap_keeps_furniture_lines_apart():
    text = HARD_WRAPPED.replace("known summer festival in doubt.\n", "known summer festival in doubt and the\nAdvertisement\n")
    cleaned = clean_text(text)
    assert ("advertisement", "Advertisement") in cleaned.removed


def test_text_browser_dump():
    text = """   [1]Home [2]World [3]Sport [4]Business

Talks resume after a week of silence

   Negotiators met again on Monday[5] after a week without contact, the
   mediators said. The meeting lasted four hours and ended without a joint
   statement, though both sides described it as useful and promised to
   return later in the week with written proposals on the disputed points.

   * [Talks collapse in spring](https://example.org/spring)
   [6]Related coverage

References

   1. https://example.org/
   5. https://example.org/talks
"""
    cleaned = clean_text(text)
    assert cleaned.headline == "Talks resume after a week of silence"
    assert cleaned.text.startswith("Negotiators met again on Monday after a week without contact")
    assert "[5]" not in cleaned.text and "example.org" not in cleaned.text
    assert "\n\n" not in cleaned.text  # everything else was furniture


def test_markdown_links_inside_text_keep_their_words():
    text = "Talks resume\n\nThe [mediators](https://example.org/m) said the talks would go on.\n\nMore text follows."
    assert "The mediators said the talks would go on." in clean_text(text).text


def test_navigation_menu_run_is_removed():
    text = "News\nSport\nWeather\nCulture\nOpinion\n\nTalks resume after a week\n\nThe mediators said talks would go on.\n\nMore."
    cleaned = clean_text(text)
    assert cleaned.headline == "Talks resume after a week"
    assert cleaned.text == "The mediators said talks would go on.\n\nMore."


def test_output_whitespace_is_normalised():
    text = "\n\n  Talks resume  \n\n\n The   mediators\tsaid   so. \n\n\n\nMore text here.\n\n"
    cleaned = clean_text(text)
    assert cleaned.text == "The mediators said so.\n\nMore text here."


def test_every_removed_line_has_a_reason():
    cleaned = clean_text(FULL_PAGE)
    assert all(reason and line for reason, line in cleaned.removed)
    kept = set(cleaned.text.split("\n\n"))
    assert not kept & {line for _, line in cleaned.removed}


def test_ukrainian_scrape():
    text = "Головна / Новини\n\n9 березня 2024, 13:12\n\nМіністр: нам потрібні боєприпаси\n\nМіністр закордонних справ наголосила, що союз не може чекати.\n\nЧитайте також: Уряд ухвалив рішення\n\nФото: Олена Коваль"
    cleaned = clean_text(text)
    assert cleaned.published == "2024-03-09T13:12:00"
    assert cleaned.headline == "Міністр: нам потрібні боєприпаси"
    assert cleaned.text == "Міністр закордонних справ наголосила, що союз не може чекати."


def test_empty_and_junk_input():
    assert clean_text("").text == ""
    assert clean_text("\n\n   \n").headline is None
    assert clean_text("AD\nShare\n***").text == ""


# ---------------------------------------------------------------- evaluation on real articles

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"


@pytest.mark.slow
@pytest.mark.skipif(not (POLNEAR / "dev" / "text").is_dir(), reason="PolNeAR data not found at ../shared/data/polnear")
def test_polnear_dev_body_is_preserved():
    spec = importlib.util.spec_from_file_location("polnear_body", Path(__file__).resolve().parents[1] / "eval" / "polnear_body.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    report = module.evaluate(POLNEAR, ["dev"])
    assert report.documents > 50
    assert report.recall >= 0.995
    assert report.titleless_recall >= 0.995


MASTHEAD_PAGE = """We use cookies to give you the best experience on our website. By
continuing to browse, you agree to our use of cookies.
Accept all cookies    Manage preferences
The Valley Courier | News from the hills
News > Local > Lindau

Valley farmers protest over water cuts

By Tomas Reiter
Published 08/05/2024
Updated 08/05/2024 16:05

Several hundred farmers drove their tractors into the centre of Lindau on
Monday to protest against new limits on river water, the council said.

Farmers gathered by the river bridge before the march. Photo: Anna Vogt

Share: Facebook | X | Email
Comments (0)
Related articles
Council to review water limits in June
Dry winter leaves reservoirs half empty

Reporting by Tomas Reiter; Editing by Paul Kern
"""


def test_masthead_menu_and_cookie_rows_above_the_headline():
    cleaned = clean_text(MASTHEAD_PAGE)
    assert cleaned.headline == "Valley farmers protest over water cuts"
    assert cleaned.text == (
        "Several hundred farmers drove their tractors into the centre of Lindau on Monday to protest "
        "against new limits on river water, the council said."
    )
    reasons = {line: reason for reason, line in cleaned.removed}
    assert reasons["The Valley Courier | News from the hills"] == "page header"
    assert reasons["Accept all cookies    Manage preferences"] == "cookie notice"
    assert reasons["Council to review water limits in June"] == "related link"
    assert reasons["Farmers gathered by the river bridge before the march. Photo: Anna Vogt"] == "caption"
    assert reasons["Reporting by Tomas Reiter; Editing by Paul Kern"] == "credits"
    assert cleaned.byline == ["Tomas Reiter"]


def test_british_text_reads_numeric_dates_day_first():
    # "centre", "£": British usage, so 08/05 is the 8th of May.
    assert clean_text(MASTHEAD_PAGE.replace("river water", "river water costing £5m")).published == "2024-05-08"
    american = MASTHEAD_PAGE.replace("centre", "center").replace("river water", "river water costing $5m")
    assert clean_text(american).published == "2024-08-05"


def test_wire_credits_stand_in_for_a_missing_byline():
    text = "Ferry strike ends\n\nCrews returned to work on Saturday, the union said.\n\nReporting by Jane Doe and John Roe; Editing by Ann Poe"
    cleaned = clean_text(text)
    assert cleaned.byline == ["Jane Doe", "John Roe"]
    assert cleaned.text == "Crews returned to work on Saturday, the union said."


def test_agency_byline_is_not_joined_to_the_headline():
    text = "Nordic nations pledge money to keep the lights on\nBy NordWire\n\nOSLO - Five governments pledged money on Wednesday."
    cleaned = clean_text(text)
    assert cleaned.headline == "Nordic nations pledge money to keep the lights on"
    assert cleaned.byline == ["NordWire"]


def test_text_browser_byline_with_link_marker():
    text = "Talks resume after a week\n\nBy [8]Jane Doe\n\nThe mediators said talks would go on.\n\nMore."
    cleaned = clean_text(text)
    assert cleaned.byline == ["Jane Doe"]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Reporters: Jane Doe, John Roe", ["Jane Doe", "John Roe"]),
        ("Reporter: Jane Doe", ["Jane Doe"]),
        ("Jane Doe | Senior reporter", ["Jane Doe"]),
        ("Jane Doe and John Roe | Staff writers", ["Jane Doe", "John Roe"]),
        ("By Jane Doe and John Roe, Harbour Newsroom", ["Jane Doe", "John Roe"]),
    ],
)
def test_more_byline_forms(line, names):
    assert parse_byline(line) == names


def test_more_reading_time_forms():
    assert parse_reading_time("Est. reading time: 4 min") == 4
    assert parse_reading_time("⏱ 4 min") == 4
    assert parse_reading_time("🔊 Listen to this article (3 min)") is None
    assert parse_reading_time("4 min") is None  # a length alone may be a video's


def test_a_blog_meta_line_gives_date_and_author():
    text = (
        "Ferry strike ends after union vote\n"
        "Posted on March 5th, 2024 at 9:41 pm by Jane Doe\n"
        "Est. reading time: 3 min\n\n"
        "Ferry crews returned to work on Saturday after the union accepted a new pay offer from the operator.\n\n"
        "The first sailings left at six in the morning, and the timetable will be back to normal by Monday."
    )
    cleaned = clean_text(text)
    assert (cleaned.headline, cleaned.published, cleaned.byline, cleaned.reading_minutes) == (
        "Ferry strike ends after union vote", "2024-03-05T21:41:00", ["Jane Doe"], 3)
