"""Datelines: formats, positions, timezones and the day/month order of numeric dates."""

from __future__ import annotations

import pytest

from newsgraph.ingest.dateline import find_published, parse_date_string, split_dateline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13:12 09.03.2024", "2024-03-09T13:12:00"),
        ("09.03.2024 13:12", "2024-03-09T13:12:00"),
        ("March 9, 2024, 1:12 PM EST", "2024-03-09T13:12:00-05:00"),
        ("March 9, 2024 at 1:12 p.m. EDT", "2024-03-09T13:12:00-04:00"),
        ("2024-03-09T13:12:00Z", "2024-03-09T13:12:00+00:00"),
        ("2024-03-09 13:12:00+02:00", "2024-03-09T13:12:00+02:00"),
        ("2024-03-09", "2024-03-09"),
        ("9 March 2024", "2024-03-09"),
        ("09 Mar 2024 13:12", "2024-03-09T13:12:00"),
        ("Mar. 9, 2024", "2024-03-09"),
        ("March 9th, 2024", "2024-03-09"),
        ("2024/03/09", "2024-03-09"),
        ("Sat, 9 Mar 2024 13:12:00 GMT", "2024-03-09T13:12:00+00:00"),
        ("9 Mar 2024 13:12 CET", "2024-03-09T13:12:00+01:00"),
        ("9 July 2024 13:12 CEST", "2024-07-09T13:12:00+02:00"),
        ("9 March 2024 13:12 MSK", "2024-03-09T13:12:00+03:00"),
        ("9 July 2024 08:00 BST", "2024-07-09T08:00:00+01:00"),
        ("9 March 2024 13:12 EET", "2024-03-09T13:12:00+02:00"),
        ("9 March 2024 13:12 GMT+2", "2024-03-09T13:12:00+02:00"),
        ("9 березня 2024 р., 13:12", "2024-03-09T13:12:00"),
        ("9 марта 2024 года в 13:12", "2024-03-09T13:12:00"),
        ("Published: 9 March 2024", "2024-03-09"),
        ("Date: 09.03.24", "2024-03-09"),
        ("12:05 AM, March 9, 2024", "2024-03-09T00:05:00"),
    ],
)
def test_formats(text, expected):
    assert parse_date_string(text) == expected


def test_us_eastern_abbreviation_follows_daylight_saving():
    assert parse_date_string("January 9, 2024 1:00 PM ET") == "2024-01-09T13:00:00-05:00"
    assert parse_date_string("July 9, 2024 1:00 PM ET") == "2024-07-09T13:00:00-04:00"


@pytest.mark.parametrize(
    "text",
    [
        "On March 9, 2024, the minister flew to Vilnius.",
        "The vote is due in 2024.",
        "Call 555-0101 for tickets",
        "31.02.2024",  # no such day
        "March 2024",  # a month is not a dateline
        "13:12",  # a time alone
    ],
)
def test_not_a_dateline(text):
    assert parse_date_string(text) is None


def test_numeric_order_from_the_string_itself():
    assert parse_date_string("25/12/2023") == "2023-12-25"  # 25 cannot be a month
    assert parse_date_string("12/25/2023") == "2023-12-25"
    assert parse_date_string("09.03.2024", day_first=False) == "2024-03-09"  # dots are always day-first
    # A stated weekday picks the reading it fits: 9 March 2024 was a Saturday, 3 September a Tuesday.
    assert parse_date_string("Saturday 09/03/2024") == "2024-03-09"
    assert parse_date_string("Tuesday, 09/03/2024") == "2024-09-03"


def test_numeric_order_from_the_caller_or_default():
    assert parse_date_string("09/03/2024", day_first=True) == "2024-03-09"
    assert parse_date_string("09/03/2024", day_first=False) == "2024-09-03"
    assert parse_date_string("09/03/2024") == "2024-03-09"  # most of the world writes the day first


def test_find_published_skips_updated_lines():
    lines = ["Ferry service resumes", "Updated: 12 March 2024 09:00", "Published 9 March 2024 13:12", "Body text."]
    assert find_published(lines) == ("2024-03-09T13:12:00", 2)


def test_find_published_takes_the_first_plain_dateline():
    lines = ["Last modified 12.03.2024", "Ferry service resumes", "09.03.2024", "Later note: 10.03.2024"]
    assert find_published(lines) == ("2024-03-09", 2)


def test_find_published_with_only_update_times_finds_none():
    assert find_published(["Updated 12.03.2024", "Text of the story."]) == (None, None)


def test_find_published_ignores_dates_inside_sentences():
    assert find_published(["The talks began on 9 March 2024 in Vilnius.", "More text."]) == (None, None)


def test_order_from_the_documents_other_numeric_dates():
    lines = ["Published 09/03/2024", "The deadline passed on 12/28/2023, officials said."]
    assert find_published(lines, language="de")[0] == "2024-09-03"  # 12/28 shows this site writes month first


def test_order_from_an_update_date_nearby():
    lines = ["Published 03/09/2024", "Updated March 10, 2024"]
    assert find_published(lines, language="uk")[0] == "2024-03-09"


def test_order_from_the_language():
    assert find_published(["Published 03/09/2024"], language="en-US")[0] == "2024-03-09"
    assert find_published(["Published 03/09/2024"], language="en-GB")[0] == "2024-09-03"
    assert find_published(["Published 03/09/2024"], language="fr")[0] == "2024-09-03"


def test_dateline_with_byline_and_reading_time_parts():
    parts = split_dateline("By Jane Doe | March 9, 2024 | 2 min read")
    assert parts is not None
    assert [p.kind for p in parts] == ["other", "plain", "other"]
    assert parts[1].date is not None and parts[1].date.day_first == "2024-03-09"


def test_published_and_updated_on_one_line():
    parts = split_dateline("Published 9 March 2024 Updated 10 March 2024")
    assert parts is not None and [p.kind for p in parts] == ["published", "updated"]
    assert find_published(["Published 9 March 2024 Updated 10 March 2024"]) == ("2024-03-09", 0)


def test_place_before_the_date():
    assert parse_date_string("Kyiv, 09.03.2024") == "2024-03-09"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Posted on March 5th, 2024 at 9:41 pm", "2024-03-05T21:41:00"),
        ("Tuesday 5 March 2024 14.05 CET", "2024-03-05T14:05:00+01:00"),
        ("3/14/2024 2:05:33 PM", "2024-03-14T14:05:33"),
        ("Tue, 5 Mar 2024 09:30:00 -0500 (EST)", "2024-03-05T09:30:00-05:00"),
        ("Published 10:28 PM ET, Tue March 5, 2024", "2024-03-05T22:28:00-05:00"),
        ("5 Mar 2024 18:05 GMT", "2024-03-05T18:05:00+00:00"),
        ("Mar 5, 2024, 02:05 PM IST", "2024-03-05T14:05:00+05:30"),
        ("Sent: Tuesday, March 5, 2024 9:30 AM", "2024-03-05T09:30:00"),
    ],
)
def test_written_forms(text, expected):
    assert parse_date_string(text) == expected


def test_a_byline_after_the_date_is_a_part_of_its_own():
    parts = split_dateline("Posted on March 5th, 2024 at 9:41 pm by Jane Doe")
    assert parts is not None
    assert [p.text for p in parts if p.date is None] == ["by Jane Doe"]
    assert find_published(["Posted on March 5th, 2024 at 9:41 pm by Jane Doe"])[0] == "2024-03-05T21:41:00"


def test_a_revised_or_edited_time_is_never_published():
    line = "Posted : 2024/03/05 16:58 KST | Revised : 2024/03/06 02:49 KST"
    assert find_published([line])[0] == "2024-03-05T16:58:00+09:00"
    assert find_published(["Edited : 2024/03/06 02:49 KST"]) == (None, None)
    assert find_published(["Updated 4:45 PM ET, Tue March 5, 2024", "Published 10:29 AM ET, Tue March 5, 2024"])[0] \
        == "2024-03-05T10:29:00-05:00"


def test_a_relative_age_beside_an_absolute_date():
    assert find_published(["Posted 3 hours ago — 14/03/2024"])[0] == "2024-03-14"
