"""Keyset pagination on every backend: walking a listing page by page with `after` cursors gives
every row exactly once, in the order of the listing asked for in one page."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsgraph.records import Article, Entity, Event, EventParty, Quote, Speaker
from newsgraph.store import (
    ArticleEntry,
    EntityFilter,
    EventFilter,
    QueryError,
    QuoteFilter,
    SearchQuery,
    SpeakerFilter,
    WriteBatch,
    open_store,
)
from newsgraph.store.keyset import cursor_of, encode_cursor, next_cursor

SPEAKERS = ("Ilse Marten", "Olav Brenn", "Petra Lind", None)
WORDS = ("harbour", "ferry", "budget", "pier", "storm", "grid", "school", "tax")


def _article(number: int) -> Article:
    """A short invented article; several share a publication day and some have none, so the
    listings' orders have ties that only the id tie-break settles."""
    words = [WORDS[(number + k) % len(WORDS)] for k in range(4)]
    sentence = f"The {words[0]} council met about the {words[1]} plan on day {number}."
    said = f"We will look at the {words[2]} and the {words[3]} again"
    text = f"{sentence} \"{said},\" said the chair. Officials from Seaville and Northport attended."
    start = text.index(said)
    speaker_name = SPEAKERS[number % len(SPEAKERS)]
    quotes = tuple(
        Quote(start=start, end=start + len(said), text=said, kind="direct",
              speaker=Speaker(start=0, end=3, text="the chair", name=speaker_name),
              date=("2024-05-0" + str(1 + position)) if (number + position) % 3 == 0 else None)
        for position in range(1 + number % 3)
    )
    town = text.index("Seaville")
    port = text.index("Northport")
    entities = (
        Entity(start=town, end=town + 8, text="Seaville", label="GPE", name="Seaville"),
        Entity(start=port, end=port + 9, text="Northport", label="GPE" if number % 2 else "ORG", name="Northport"),
    )
    events = tuple(
        Event(type="CONSULT", actor=EventParty(text="council", name="Seaville council", country="NOR"),
              start=0, end=len(sentence), text=sentence, date=None if position else "2024-04-30")
        for position in range(number % 2 + 1)
    )
    published = None if number % 5 == 4 else f"2024-0{1 + number % 3}-1{number % 2}"
    return Article(id=f"art{number:03d}", source=f"corpus/{number}.txt", text=text, language="en",
                   headline=f"{words[0].title()} news {number}", published=published,
                   quotes=quotes, entities=entities, events=events)


@pytest.fixture
def store(new_database):
    with open_store(str(new_database())) as opened:
        opened.write_batch(WriteBatch(articles=[ArticleEntry(_article(n)) for n in range(23)]))
        yield opened


def _walk(listing, filters, size: int) -> list:
    """Every row of a listing, a page of `size` at a time, following the cursors."""
    rows: list = []
    after = None
    for _ in range(200):
        page = listing(replace(filters, limit=size, after=after))
        assert len(page) <= size
        rows.extend(page)
        after = next_cursor(page, size)
        if after is None:
            return rows
    raise AssertionError("the pages never ended")


@pytest.mark.parametrize("size", [1, 2, 7])
def test_walking_pages_gives_every_row_once_in_order(store, size):
    cases = [
        (store.quotes, QuoteFilter()),
        (store.quotes, QuoteFilter(speaker="marten")),
        (store.quotes, QuoteFilter(about="harbour OR ferry", since="2024-02")),
        (store.events, EventFilter()),
        (store.entities, EntityFilter()),
        (store.speakers, SpeakerFilter()),
        (store.search, SearchQuery(text="council")),
        (store.search, SearchQuery(text="harbour OR budget OR storm")),
    ]
    for listing, filters in cases:
        whole = listing(replace(filters, limit=1000))
        assert len(whole) > 2, filters
        walked = _walk(listing, filters, size)
        assert [row.to_dict() for row in walked] == [row.to_dict() for row in whole], filters


def test_quote_order_ties_are_broken_the_same_way_on_every_page(store):
    everything = store.quotes(QuoteFilter(limit=1000))
    keys = [(quote.article_id, quote.position) for quote in everything]
    assert len(keys) == len(set(keys)) == sum(1 + n % 3 for n in range(23))
    # Undated quotes of undated articles come last, as without a cursor.
    assert everything[-1].when is None
    assert all(quote.when is not None for quote in everything[: -sum(1 + n % 3 for n in range(4, 23, 5))])


def test_a_cursor_from_the_last_page_gives_an_empty_page(store):
    whole = store.quotes(QuoteFilter(limit=1000))
    assert store.quotes(QuoteFilter(after=cursor_of(whole[-1]))) == []
    assert next_cursor(whole, 1000) is None


def test_a_malformed_or_foreign_cursor_is_a_query_error(store):
    quote_cursor = cursor_of(store.quotes(QuoteFilter(limit=1))[0])
    with pytest.raises(QueryError, match="malformed page cursor"):
        store.quotes(QuoteFilter(after="%%not a cursor%%"))
    with pytest.raises(QueryError, match="not one of this events listing's cursors"):
        store.events(EventFilter(after=quote_cursor))
    with pytest.raises(QueryError, match="cursors"):
        store.quotes(QuoteFilter(after=encode_cursor("quotes", 3, "art001", 0)))


def test_a_common_word_is_ranked_among_its_most_recently_stored_matches(store, monkeypatch):
    from newsgraph.store.postgresql import store as postgresql_store
    from newsgraph.store.sqlite import store as sqlite_store

    everywhere = store.search(SearchQuery(text="council", limit=100))
    assert len(everywhere) == 23
    for module in (sqlite_store, postgresql_store):
        monkeypatch.setattr(module, "SEARCH_WINDOW", 3)
    # The window is at least four pages: one hit ranked among the 4 articles stored last.
    newest = {f"art{n:03d}" for n in range(19, 23)}
    best = store.search(SearchQuery(text="council", limit=1))
    assert len(best) == 1 and best[0].id in newest
    assert best[0].id == max((hit for hit in everywhere if hit.id in newest), key=lambda hit: hit.score).id
    # A filtered search ranks every match.
    filtered = store.search(SearchQuery(text="council", since="2024-01", limit=100))
    assert {hit.id for hit in filtered} == {hit.id for hit in everywhere if hit.published}


def test_a_words_quotes_are_the_same_sorted_or_walked_down_the_order(tmp_path, monkeypatch):
    """SQLite sorts a word's matches or, when there are many for the store's size, reads them a
    month at a time down the order: both give the same pages (undated ones last)."""
    from newsgraph.store.sqlite import listings

    with open_store(str(tmp_path / "walk.db")) as sqlite_store:
        sqlite_store.write_batch(WriteBatch(articles=[ArticleEntry(_article(n)) for n in range(23)]))
        cases = [QuoteFilter(about="harbour", limit=1000), QuoteFilter(about="budget OR storm", limit=5),
                 QuoteFilter(about="pier", since="2024-02", limit=3),
                 QuoteFilter(about="harbour OR pier", until="2024-05-01", limit=4)]
        sorted_pages = [sqlite_store.quotes(filters) for filters in cases]
        walked_cursor = _walk(sqlite_store.quotes, replace(cases[0], limit=2), 2)
        monkeypatch.setattr(listings, "_SORTED_MATCHES_PER_ROW", 0)  # every search reads months
        for months in (12, 1):  # the months one by one, or the first and then the rest sorted at once
            monkeypatch.setattr(listings, "_MONTHS_WALKED", months)
            walked_pages = [sqlite_store.quotes(filters) for filters in cases]
            assert all(sorted_pages)
            assert [[q.to_dict() for q in page] for page in walked_pages] == \
                [[q.to_dict() for q in page] for page in sorted_pages]
            assert [q.to_dict() for q in _walk(sqlite_store.quotes, replace(cases[0], limit=2), 2)] == \
                [q.to_dict() for q in walked_cursor]


def test_a_speaker_name_filter_keeps_the_ranking_order(store):
    """A name filter reads the identities another way (the table, then a sort): the same order."""
    every = store.speakers(SpeakerFilter(limit=1000))
    for part in ("e", "marten", "nobody-at-all"):
        matching = store.speakers(SpeakerFilter(name=part, limit=1000))
        found = {speaker.id for speaker in matching}
        assert [s.to_dict() for s in matching] == [s.to_dict() for s in every if s.id in found]
    assert len(store.speakers(SpeakerFilter(name="e", limit=1000))) >= 2
    assert store.speakers(SpeakerFilter(name="nobody-at-all")) == []
    assert [s.id for s in store.speakers(SpeakerFilter(name="e", limit=1))] == \
        [s.id for s in store.speakers(SpeakerFilter(name="e", limit=1000))][:1]


def test_a_new_publication_date_moves_undated_quotations_to_their_new_month(tmp_path, monkeypatch):
    """The month word of a quotation dated by its article follows the article's date (schema 0016)."""
    import sqlite3

    from newsgraph.store.sqlite import listings

    path = tmp_path / "months.db"
    article = _article(4)  # published 2024-02-10, its two quotations undated
    with open_store(str(path)) as sqlite_store:
        sqlite_store.write_batch(WriteBatch(articles=[ArticleEntry(article)]))
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE articles SET published = '2023-07-01' WHERE id = ?", (article.id,))

    def month_matches(word: str) -> list[int]:
        with sqlite3.connect(path) as conn:
            return [row[0] for row in conn.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", (word,))]

    assert month_matches("period : p202307") and not month_matches("period : p202402")
    monkeypatch.setattr(listings, "_SORTED_MATCHES_PER_ROW", 0)
    with open_store(str(path)) as sqlite_store:
        found = sqlite_store.quotes(QuoteFilter(about=WORDS[(4 + 2) % len(WORDS)]))
        assert [quote.when for quote in found] == ["2023-07-01", "2023-07-01"]
        assert sqlite_store.quotes(QuoteFilter(about=WORDS[(4 + 2) % len(WORDS)], since="2024-01")) == []
