import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from newsgraph.ingest.html import NoArticleError, extract_html
from newsgraph.ingest.html_dates import normalise_date, url_date
from newsgraph.ingest.language import detect_language

REPO = Path(__file__).resolve().parent.parent
NAEB = REPO.parent / "shared" / "data" / "naeb"

BODY = "".join(
    f"<p>Paragraph {n}: the foreign minister said the alliance could not afford to wait for another winter "
    f"of delays, and that partners had promised deliveries before the spring.</p>"
    for n in range(1, 6)
)

PAGE = f"""<!DOCTYPE html>
<html lang="en-GB"><head>
<title>Minister: we need ammunition, not troops | Daily Example</title>
<meta property="og:title" content="Minister: we need ammunition, not troops - Daily Example">
<meta property="og:site_name" content="Daily Example">
<meta property="article:published_time" content="2024-03-09T13:12:00+02:00">
<link rel="canonical" href="https://www.daily.example/world/minister-ammunition">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@graph": [{{"@type": "NewsArticle", "headline": "Minister: we need ammunition, not troops",
  "datePublished": "2024-03-09T13:12:00+02:00", "author": [{{"@type": "Person", "name": "Jane Reporter"}}],
  "publisher": {{"@type": "Organization", "name": "Daily Example"}}}}]}}
</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Minister: we need ammunition, not troops</h1>{BODY}</article>
<footer>Copyright Daily Example. All rights reserved.</footer>
</body></html>"""


def test_text_and_metadata_from_a_news_page():
    page = extract_html(PAGE)
    paragraphs = page.text.split("\n\n")
    assert len(paragraphs) == 5 and paragraphs[0].startswith("Paragraph 1: the foreign minister")
    assert "Copyright" not in page.text and "Home" not in page.text
    assert page.headline == "Minister: we need ammunition, not troops"
    assert page.published == "2024-03-09T13:12:00+02:00"
    assert page.byline == ["Jane Reporter"]
    assert page.url == "https://www.daily.example/world/minister-ammunition"
    assert page.site == "Daily Example"
    assert page.language == "en"


def test_site_suffix_is_stripped_from_title_only_headline():
    page = extract_html(f"<html><head><title>Council approves the new harbour budget | Harbour Times</title>"
                        f"<meta property='og:site_name' content='Harbour Times'></head><body>{BODY}</body></html>")
    assert page.headline == "Council approves the new harbour budget"


def test_date_only_metadata_stays_a_date_and_entities_are_unescaped():
    page = extract_html(f"<html><head><meta property='og:title' content='Mayor&amp;#8217;s plan passes'>"
                        f"<meta name='date' content='2023-12-17'></head><body><article>{BODY}</article></body></html>")
    assert page.published == "2023-12-17"
    assert page.headline == "Mayor\u2019s plan passes"


def test_bytes_are_decoded_with_the_declared_charset():
    html = ("<html><head><meta charset='windows-1251'><title>Новини</title></head><body><article>"
            + "<p>Міністр заявив, що країна потребує допомоги вже цієї зими, а партнери обіцяли поставки.</p>" * 3
            + "</article></body></html>")
    page = extract_html(html.encode("cp1251"))
    assert "Міністр заявив" in page.text
    assert detect_language(page.text) == "uk"


def test_page_without_article_text_raises():
    with pytest.raises(NoArticleError):
        extract_html("<html><body><div class='menu'><a href='/a'>Sport</a> <a href='/b'>News</a></div></body></html>")
    with pytest.raises(NoArticleError):
        extract_html("   ")


def test_detect_language_short_text_is_undetermined():
    assert detect_language("OK 12:30") == "und"
    assert detect_language("Президент подписал закон о бюджете на следующий год.") == "ru"
    assert detect_language("The council approved the budget for the new harbour on Friday.") == "en"


@pytest.mark.slow
@pytest.mark.skipif(not (NAEB / "news_articles.json").is_file(), reason="NAEB data not present at ../shared/data/naeb")
def test_naeb_extraction_floors():
    result = subprocess.run(
        [sys.executable, str(REPO / "eval" / "naeb.py"), "--no-reference"],
        capture_output=True, text=True, timeout=900, env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    scores = {name: float(value) for name, value in re.findall(r"(body_f1|title_exact|date_accuracy)=([0-9.]+)", result.stdout)}
    assert scores["body_f1"] >= 0.90, result.stdout
    assert scores["title_exact"] >= 0.85, result.stdout
    # Target 0.85, measured 0.895. About 19 gold dates carry a year the page never
    # states, and 11 follow an "Updated" line, which `published` deliberately does not
    # (it means first publication; taking the update would score 0.916). 0.88 is the floor.
    assert scores["date_accuracy"] >= 0.88, result.stdout


# ---- publication date ---------------------------------------------------------------


def _page(head: str = "", header: str = "", *, before_headline: str = "", headline: str = "Harbour council approves budget") -> str:
    """A news page: metadata in <head>, what comes before and after the <h1>, then the body."""
    return (f"<html><head><title>{headline}</title>{head}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/local'>Local</a></nav>"
            f"<article><header>{before_headline}<h1>{headline}</h1>{header}</header>{BODY}</article>"
            f"<aside><h3>More stories</h3><p>Ferry timetable changes <time datetime='2021-03-03'>March 3, 2021</time></p></aside>"
            f"</body></html>")


def test_an_update_shown_under_the_headline_is_not_the_publication_date():
    # The byline shows only the update; `published` is still the first publication.
    page = extract_html(_page(
        "<meta property='article:published_time' content='2022-10-21T11:16:35Z'>"
        "<meta property='article:modified_time' content='2023-12-22T12:51:36Z'>",
        "<div class='byline'>By Jane Reporter <span>last updated</span> <time>22 December 2023</time></div>"))
    assert page.published == "2022-10-21T11:16:35+00:00"


def test_published_dateline_wins_when_both_dates_are_shown():
    page = extract_html(_page(
        "<meta property='article:published_time' content='2023-12-23T01:48:19Z'>"
        "<meta property='article:modified_time' content='2023-12-23T15:54:28Z'>",
        "<p>PUBLISHED: <time>December 22, 2023 at 8:48 p.m.</time> | UPDATED: <time>December 23, 2023 at 10:54 a.m.</time></p>"))
    # The UTC instant read at the local time the page shows: 01:48 UTC is 20:48 at -05:00.
    assert page.published == "2023-12-22T20:48:19-05:00"


def test_utc_metadata_is_given_the_local_offset_the_dateline_reveals():
    page = extract_html(_page(
        "<meta property='article:published_time' content='2023-12-23T03:00:46.074Z'>",
        "<div>by Julia Example, Politics Reporter</div><div>December 22, 2023 10:00 PM</div>"))
    assert page.published == "2023-12-22T22:00:46-05:00"


def test_same_instant_stated_with_an_offset_elsewhere_gives_the_local_date():
    page = extract_html(_page(
        "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"datePublished\": \"2023-12-22T04:00:41+00:00\"}</script>"
        "<meta itemprop='datePublished' content='2023-12-21T23:00:41-05:00'>",
        "<span>Dec. 21, 2023</span>"))
    assert page.published == "2023-12-21T23:00:41-05:00"


def test_utc_metadata_a_day_off_the_dateline_without_clock_gives_the_shown_date():
    page = extract_html(_page(
        "<meta property='article:published_time' content='2023-12-02T00:46:23+00:00'>",
        "<p>By James Example - December 1, 2023</p>"))
    assert page.published == "2023-12-01"


def test_time_element_value_is_kept_when_it_is_the_shown_day():
    page = extract_html(_page(
        "<meta property='article:published_time' content='2023-12-02T00:46:23+00:00'>",
        "<time datetime='2023-12-01T19:46:23-05:00'>December 1, 2023</time>"))
    assert page.published == "2023-12-01T19:46:23-05:00"


def test_dateline_just_above_the_headline_counts():
    page = extract_html(_page(
        "<meta property='article:published_time' content='2023-12-24T01:06:51+00:00'>",
        before_headline="<div>Film</div><div>News</div><time datetime='garbage'>Dec 23, 2023 5:06pm PT</time>"))
    assert page.published == "2023-12-23T17:06:51-08:00"


def test_stray_date_that_no_metadata_agrees_with_is_not_the_dateline():
    page = extract_html(_page(
        "<meta property='article:published_time' content='2023-12-20T09:00:00+01:00'>",
        "<p>Related: <a href='/old'>Harbour plan first proposed</a></p><span>June 14, 2021</span>"))
    assert page.published == "2023-12-20T09:00:00+01:00"


def test_a_sentence_mentioning_a_date_is_not_a_dateline(monkeypatch):
    import newsgraph.ingest.html as html_module

    monkeypatch.setattr(html_module, "find_date", lambda *args, **kwargs: None)  # no htmldate guess either
    page = extract_html(_page(
        "",
        "<figcaption>x</figcaption><p>The mayor, pictured in the harbour office on December 20, 2023, "
        "spoke to reporters after the vote.</p>"))
    assert page.published is None


def test_page_without_date_metadata_uses_the_dateline_it_shows():
    page = extract_html(_page("", "<p class='meta'>Date: December 18, 2023</p>"))
    assert page.published == "2023-12-18"


def test_own_article_object_wins_over_webpage_and_related_stories():
    graph = json.dumps({"@graph": [
        {"@type": "WebPage", "url": "https://news.example/2023/harbour", "datePublished": "2023-01-05T10:00:00Z"},
        {"@type": "NewsArticle", "url": "https://news.example/other-story", "datePublished": "2022-06-01T10:00:00Z"},
        {"@type": "NewsArticle", "url": "https://news.example/2023/harbour", "datePublished": "2023-12-19T08:30:00+01:00"},
    ]})
    page = extract_html(_page(f"<link rel='canonical' href='https://news.example/2023/harbour'>"
                              f"<script type='application/ld+json'>{graph}</script>"))
    assert page.published == "2023-12-19T08:30:00+01:00"


def test_url_date_decides_between_disagreeing_metadata():
    page = extract_html(_page(
        "<link rel='canonical' href='https://news.example/2023/12/21/harbour-budget/'>"
        "<meta property='article:published_time' content='2019-03-30T12:00:00Z'>"
        "<meta name='parsely-pub-date' content='2023-12-21T15:00:00Z'>"))
    assert page.published == "2023-12-21T15:00:00+00:00"


def test_url_date_when_the_page_states_no_date(monkeypatch):
    import newsgraph.ingest.html as html_module

    monkeypatch.setattr(html_module, "find_date", lambda *args, **kwargs: "2023-12-13")  # htmldate's guess
    page = extract_html(_page("<link rel='canonical' href='https://facts.example/checks/2023/dec/21/claim/'>"))
    assert page.published == "2023-12-21"
    assert extract_html(_page(), url="https://facts.example/about").published == "2023-12-13"


def test_dateline_follows_the_real_headline_not_a_logo_h1():
    html = _page("<meta property='og:title' content='Harbour council approves budget'>"
                 "<meta property='article:published_time' content='2023-12-22T10:00:00Z'>",
                 "<p>By Jane Reporter</p><time datetime='2023-12-22 05:00:00'>12/22/2023 05:00 AM EST</time>")
    html = html.replace("<nav>", "<h1>SITE<span>logo</span></h1><div>Skip to Main Content</div><nav>", 1)
    page = extract_html(html)
    assert page.headline == "Harbour council approves budget"
    assert page.published == "2023-12-22T05:00:00"


def test_machine_written_meta_dates_are_normalised():
    assert normalise_date("2023-12-22T22:20:00.000Z") == "2023-12-22T22:20:00+00:00"
    assert normalise_date("2023-12-22T16:52:44-0500") == "2023-12-22T16:52:44-05:00"
    assert normalise_date("2023-12-17") == "2023-12-17"
    assert normalise_date("2023 12 22 22:20:00") == "2023-12-22"
    assert normalise_date("12-22-2023") == "2023-12-22"
    assert normalise_date("1703224803") == "2023-12-22"
    assert normalise_date("Sat, 17 Feb 2024 16:02:01 GMT") == "2024-02-17"
    assert normalise_date("yesterday") is None


def test_url_dates():
    assert url_date("https://a.example/news/2023/12/21/story-00132871") == date(2023, 12, 21)
    assert url_date("https://a.example/factchecks/2023/dec/21/posts/") == date(2023, 12, 21)
    assert url_date("https://a.example/releases/2023/12/20231218130031.htm") is None
    assert url_date("https://a.example/story/2023-fashion-trends") is None
    assert url_date(None) is None


def test_trafilatura_gets_the_parsed_tree(monkeypatch):
    import trafilatura

    seen = []
    real = trafilatura.bare_extraction

    def spy(document, **kwargs):
        seen.append((type(document).__name__, kwargs.get("with_metadata")))
        return real(document, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    extract_html(PAGE)
    assert seen and all(kind == "HtmlElement" and with_metadata is False for kind, with_metadata in seen)


def test_byline_without_author_metadata_is_read_near_the_headline():
    page = extract_html(_page("", "<div class='author-name'>Jane Reporter</div>")
                        .replace("<nav>", "<nav><span class='author'>Sections</span>", 1))
    assert page.byline == ["Jane Reporter"]


def test_labelled_publication_date_is_preferred_to_an_update_shown_first():
    page = extract_html(_page("", "<p><span>Updated:</span> <span>Dec 23, 2023</span></p><p>Published: Dec 22, 2023</p>"))
    assert page.published == "2023-12-22"


def test_datelines_in_other_languages_and_numeric_orders():
    german = _page("<meta property='article:published_time' content='2023-12-04T23:30:00Z'>",
                   "<p>Von Anna Beispiel</p><p>5. Dezember 2023, 00:30 Uhr</p>")
    assert extract_html(german).published == "2023-12-05T00:30:00+01:00"
    ukrainian = _page("", "<p>Автор: Олена Приклад</p><p>22 грудня 2023</p>")
    assert extract_html(ukrainian).published == "2023-12-22"
    dotted = _page("", "<p>22.12.2023</p>")
    assert extract_html(dotted).published == "2023-12-22"
    # 06/12/2023 is 12 June in US usage, 6 December in Australian: the metadata decides.
    australian = _page("<meta property='article:published_time' content='2023-12-05T23:30:00Z'>",
                       "<p>06/12/2023 10:30 AM</p>")
    assert extract_html(australian).published == "2023-12-06T10:30:00+11:00"
