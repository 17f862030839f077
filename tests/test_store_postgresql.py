"""The PostgreSQL backend's own surfaces: query translation, URLs and their errors, migrations,
and whole `newsgraph ingest` processes on a real server (resume after kill -9; two writers at once, on
both backends).

The store's behaviour itself is tested on both backends in tests/test_store.py.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import write_generated_corpus

from newsgraph.records import Article
from newsgraph.store import ArticleEntry, QueryError, SearchQuery, StoreError, WriteBatch, open_store
from newsgraph.store.postgresql.connection import redacted
from newsgraph.store.postgresql.tsquery import QUOTE_WEIGHTS, tsquery_text


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("pier vote", "'pier' & 'vote'"),
        ("U.S. pier", "'U.S.' & 'pier'"),
        ('"grain pier" OR dock*', "'grain pier' | 'dock':*"),
        ("pier -vote", "'pier' & ! 'vote'"),
        ("pier AND NOT vote", "'pier' & ! 'vote'"),
        ("minister's", "'minister''s'"),
        ("rock AND", "'rock' & 'AND'"),
        ("headline:pier text:vote", "'pier':A & 'vote':B"),
        ("headline:(pier OR dock*) vote", "( 'pier':A | 'dock':*A ) & 'vote'"),
        ("(pier OR dock) vote", "( 'pier' | 'dock' ) & 'vote'"),
        ("a\\b 'c' :* !x", "'a\\\\b' & '''c''' & '!x'"),
        ("-", None),
    ],
)
def test_typed_queries_become_quoted_tsquery_literals(typed: str, expected: str | None):
    assert tsquery_text(typed) == expected


def test_quote_search_has_no_headline_field():
    assert tsquery_text("text:harbour", QUOTE_WEIGHTS) == "'harbour':A"
    with pytest.raises(QueryError, match="no headline: field"):
        tsquery_text("headline:harbour", QUOTE_WEIGHTS)


class TestUrls:
    def test_the_password_never_shows(self):
        assert redacted("postgresql://news:s3cret@db.example:5433/news") == "postgresql://news:***@db.example:5433/news"
        assert redacted("postgresql://news@db.example/news") == "postgresql://news@db.example/news"

    def test_an_unreachable_server_is_one_line(self):
        with pytest.raises(StoreError) as raised:
            open_store("postgresql://news:s3cret@127.0.0.1:1/news")
        message = str(raised.value)
        assert message.startswith("cannot connect to postgresql://news:***@127.0.0.1:1/news: ")
        assert "\n" not in message and "s3cret" not in message

    def test_a_malformed_url_is_one_line(self):
        with pytest.raises(StoreError) as raised:
            open_store("postgresql://news@host:notaport/news")
        assert "\n" not in str(raised.value)


def test_a_wrong_password_is_one_line(postgres_server):
    wrong = postgres_server.url("newsgraph_tests", password="not-the-password")
    with pytest.raises(StoreError) as raised:
        open_store(wrong)
    message = str(raised.value)
    assert message.startswith("cannot connect to postgresql://newsgraph:***@/newsgraph_tests")
    assert "password authentication failed" in message
    assert "\n" not in message and "not-the-password" not in message


class TestMigrations:
    def test_migrations_are_numbered_and_recorded(self, postgres_url: str):
        import psycopg

        from newsgraph.store.postgresql.schema import MIGRATIONS

        open_store(postgres_url).close()
        open_store(postgres_url).close()  # a second open applies nothing
        with psycopg.connect(postgres_url) as conn:
            rows = conn.execute("SELECT version, name FROM newsgraph_migrations ORDER BY version").fetchall()
        assert rows == [(n, migration.name) for n, migration in enumerate(MIGRATIONS, start=1)]
        assert [name[:4] for _, name in rows] == [f"{n:04d}" for n in range(1, len(rows) + 1)]

    def test_the_article_search_vector_is_kept_in_the_row(self, postgres_url: str):
        """Migration 0015: ranking reads each match's tsvector, cheaper in the row than in TOAST."""
        import psycopg

        open_store(postgres_url).close()
        with psycopg.connect(postgres_url) as conn:
            storage = conn.execute("SELECT attstorage FROM pg_attribute WHERE attrelid = 'articles'::regclass "
                                   "AND attname = %s", ("search_vector",)).fetchone()
        assert storage == ("m",)

    def test_a_database_of_a_newer_schema_is_refused(self, postgres_url: str):
        import psycopg

        open_store(postgres_url).close()
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute("INSERT INTO newsgraph_migrations VALUES (99, '0099_from_the_future', 'later')")
        for readonly in (False, True):
            with pytest.raises(StoreError, match=r"database schema version \d+ is newer than this newsgraph \(\d+\)"):
                open_store(postgres_url, readonly=readonly)

    def test_read_only_does_not_migrate(self, postgres_url: str):
        with pytest.raises(StoreError, match="schema version 0"):
            open_store(postgres_url, readonly=True)

    def test_two_processes_opening_a_new_database_at_once_both_succeed(self, postgres_url: str):
        errors: list[BaseException] = []

        def opener() -> None:
            try:
                open_store(postgres_url).close()
            except BaseException as exc:  # collected for the assertion below
                errors.append(exc)

        threads = [threading.Thread(target=opener) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert errors == []


def test_a_nul_in_an_annotation_fails_only_its_article(postgres_url: str):
    from newsgraph.records import Entity

    odd = Article(id="odd", source="odd.txt", language="en", text="The board met.",
                  entities=(Entity(start=0, end=3, text="Th\x00e", label="ORG", name="x"),))
    fine = Article(id="fine", source="fine.txt", language="en", text="The harbour reopened.")
    with open_store(postgres_url) as store:
        result = store.write_batch(WriteBatch(articles=[ArticleEntry(odd), ArticleEntry(fine)]))
        assert (result.new, result.failed, result.ids) == (1, 1, [None, "fine"])
        assert [row.source for row in store.errors()] == ["odd.txt"]
        assert [hit.id for hit in store.search(SearchQuery(text="harbour"))] == ["fine"]


# --- whole ingest processes ------------------------------------------------------------------

def ingest_command(corpus: Path, url: str) -> list[str]:
    # Without the spaCy analysis: the commit protocol is what is tested.
    return [sys.executable, "-m", "newsgraph.cli", "ingest", str(corpus), "--db", url, "--batch-size", "8", "--json",
            "--no-analysis", "--engine", "serial"]


def count_articles(url: str) -> int:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        if conn.execute("SELECT to_regclass('articles')").fetchone()[0] is None:
            return 0
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_cli_commands_take_a_postgresql_url(small_corpus: Path, postgres_url: str):
    done = subprocess.run(ingest_command(small_corpus, postgres_url), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["new"] == 4
    search = subprocess.run([sys.executable, "-m", "newsgraph.cli", "search", "ferry", "--db", postgres_url, "--json"],
                            capture_output=True, text=True, timeout=120)
    assert search.returncode == 0, search.stderr
    hits = json.loads(search.stdout)
    assert hits and "[ferry]" in hits[0]["snippet"].lower()
    stats = subprocess.run([sys.executable, "-m", "newsgraph.cli", "stats", "--db", postgres_url, "--json"],
                           capture_output=True, text=True, timeout=120)
    assert json.loads(stats.stdout)["articles"] == 4


def test_killed_ingest_resumes_without_loss_or_duplicates(tmp_path: Path, postgres_url: str):
    articles = 300
    corpus = tmp_path / "corpus"
    write_generated_corpus(corpus, articles)
    process = subprocess.Popen(ingest_command(corpus, postgres_url), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and process.poll() is None and count_articles(postgres_url) < 40:
        time.sleep(0.2)
    assert process.poll() is None, "ingest finished before it could be killed; make the corpus larger"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    after_kill = count_articles(postgres_url)
    assert 40 <= after_kill < articles

    rerun = subprocess.run(ingest_command(corpus, postgres_url), capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["skipped"] >= after_kill
    assert summary["new"] == articles - after_kill and summary["duplicates"] == 0
    import psycopg

    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT body_hash) FROM articles").fetchone() == (articles, articles)
        # Every committed article is whole: searchable, with its place.
        assert conn.execute("SELECT count(*) FROM articles WHERE search_vector IS NOT NULL").fetchone()[0] == articles
        assert conn.execute("SELECT count(*) FROM article_sources").fetchone()[0] == articles


def test_two_ingest_processes_on_overlapping_inputs_store_each_article_once(tmp_path: Path, new_database):
    """On either backend (SQLite: WAL, busy timeout and retry; PostgreSQL: the writers' lock)."""
    database = new_database()
    pool = tmp_path / "pool"
    paths = write_generated_corpus(pool, 240)
    # east holds articles 0-159, west 80-239: 80 bodies reach both writers, from different sources.
    for name, chosen in (("east", paths[:160]), ("west", paths[80:])):
        (tmp_path / name).mkdir()
        for path in chosen:
            shutil.copy(path, tmp_path / name / path.name)
    open_store(database).close()
    runs = [subprocess.Popen(ingest_command(tmp_path / name, str(database)), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for name in ("east", "west")]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (stdout, stderr) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, stderr
        assert json.loads(stdout)["failed"] == 0
    with open_store(database, readonly=True) as reader:
        stats = reader.stats()
        assert stats.articles == 240 and stats.duplicates_seen == 80 and stats.errors == 0
        assert stats.processed_inputs == 320
    if isinstance(database, str):
        import psycopg

        with psycopg.connect(database) as conn:
            sources = [source for (source,) in conn.execute("SELECT source FROM articles").fetchall()]
    else:
        import sqlite3

        with sqlite3.connect(database) as conn:
            sources = [source for (source,) in conn.execute("SELECT source FROM articles").fetchall()]
    stored_from = {folder: sum(Path(source).parent.name == folder for source in sources) for folder in ("east", "west")}
    # east/ sorts before west/: the shared bodies are stored from east whichever writer came first.
    assert stored_from == {"east": 160, "west": 80}


# --- the listings answer as SQLite's do ------------------------------------------------------

def _listing_articles() -> list[Article]:
    from newsgraph.records import Entity, Event, EventParty, Quote, Speaker

    def said(text: str, body: str, name: str | None, mention: str, kind: str = "direct", date: str | None = None,
             role: str | None = None) -> Quote:
        start = body.index(text)
        return Quote(start=start, end=start + len(text), text=text, field="text", kind=kind, cue=None, date=date,
                     speaker=Speaker(start=0, end=len(mention), text=mention, name=name, role=role, affiliation=None))

    pier = "\"The pier will reopen before summer,\" said harbour master Ilse Brandt. She added that repairs were on budget."
    bridge = "\"We need the bridge more than the pier,\" said Mayor Tomas Reiter on Monday. Ukraine sent engineers."
    aid = "France delivered howitzers to Ukraine on Monday. Russia accused Moldova of provocations."
    return [
        Article(id="pier", source="a.txt", language="en", text=pier, published="2024-05-10", quotes=(
            said("The pier will reopen before summer", pier, "Ilse Brandt", "harbour master Ilse Brandt", role="harbour master"),
            said("that repairs were on budget", pier, "Ilse Brandt", "She", kind="indirect"),
        )),
        Article(id="bridge", source="b.txt", language="en", text=bridge, published="2024-05-16", quotes=(
            said("We need the bridge more than the pier", bridge, "Tomas Reiter", "Mayor Tomas Reiter", date="2024-05-13",
                 role="Mayor"),
        ), entities=(Entity(start=bridge.index("Ukraine"), end=bridge.index("Ukraine") + 7, text="Ukraine", label="GPE",
                            name="Ukraine", country="UKR"),)),
        Article(id="aid", source="c.txt", language="en", text=aid, published="2024-03-06", events=(
            Event(type="AID", mode="military", actor=EventParty(text="France", name="France", country="FRA"),
                  recipient=EventParty(text="Ukraine", name="Ukraine", country="UKR"), date="2024-03-04",
                  amount=None, quote=None, start=0, end=49, text=aid[:49]),
            Event(type="ACCUSE", mode=None, actor=EventParty(text="Russia", name="Russia", country="RUS"),
                  recipient=EventParty(text="Moldova", name="Moldova", country="MDA"), date=None,
                  amount=None, quote=None, start=50, end=len(aid), text=aid[50:]),
        )),
        Article(id="undated", source="d.txt", language="en", text="A source said the pier needs paint."),
    ]


def test_quotes_entities_events_and_search_answer_as_on_sqlite(tmp_path: Path, postgres_url: str):
    from newsgraph.store import EntityFilter, EventFilter, QuoteFilter, SpeakerFilter

    stores = {"sqlite": open_store(tmp_path / "same.db"), "postgresql": open_store(postgres_url)}
    try:
        for store in stores.values():
            store.write_batch(WriteBatch(articles=[ArticleEntry(item) for item in _listing_articles()]))
        asked = [
            ("quotes", QuoteFilter()), ("quotes", QuoteFilter(about="pier")), ("quotes", QuoteFilter(about="bridg*")),
            ("quotes", QuoteFilter(speaker="brandt", kind="indirect")), ("quotes", QuoteFilter(until="2024-05-12")),
            ("quotes", QuoteFilter(about="Reiter")), ("quotes", QuoteFilter(limit=2, offset=1)),
            ("entities", EntityFilter()), ("entities", EntityFilter(country="ukr")),
            ("events", EventFilter()), ("events", EventFilter(actor="russ")), ("events", EventFilter(until="2024-03-05")),
        ]
        for method, filters in asked:
            answers = {name: getattr(store, method)(filters) for name, store in stores.items()}
            assert answers["postgresql"] == answers["sqlite"], (method, filters)
        for text in ("pier", "pier -paint", '"harbour master"', "howitzer* OR bridge", "text:howitzers"):
            # The same articles; their order is each engine's own ranking (bm25, ts_rank).
            ids = {name: sorted(hit.id for hit in store.search(SearchQuery(text=text))) for name, store in stores.items()}
            assert ids["postgresql"] == ids["sqlite"] != [], text
        for filters in (SpeakerFilter(), SpeakerFilter(name="reiter")):
            assert stores["postgresql"].speakers(filters) == stores["sqlite"].speakers(filters) != []
        speakers = stores["postgresql"].speakers(SpeakerFilter())
        assert [(s.name, s.quotes, s.articles) for s in speakers] == [("Ilse Brandt", 2, 1), ("Tomas Reiter", 1, 1)]
    finally:
        for store in stores.values():
            store.close()


def test_the_newest_matches_are_found_slice_by_slice_as_through_the_whole_index(postgres_url: str):
    """`recent_matches` reads the search terms' index newest slice first; its matches are the newest
    of those the search_vector's own index gives, for every kind of query it takes."""
    import psycopg

    from newsgraph.store.postgresql.recent_matches import SLICE, recent_matches

    lines = ["The harbour master said the pier is safe.", "Said the mayor: e-mail the council today.",
             "The dockworkers' union voted to strike at the grain pier.", "A pier master's report.",
             "Nobody said anything about the harbour.", "Harbour master Lee agreed."]
    store = open_store(postgres_url)
    try:
        for part, restart in enumerate((None, 3 * SLICE + 5, 9 * SLICE - 2)):
            if restart:  # later articles land in later slices of seq
                with psycopg.connect(postgres_url, autocommit=True) as conn:
                    conn.execute(f"ALTER TABLE articles ALTER COLUMN seq RESTART WITH {restart}")
            store.write_batch(WriteBatch(articles=[ArticleEntry(Article(
                id=f"s{part}-{n}", source=f"s{part}-{n}.txt", language="en",
                headline="Harbour news" if n % 4 == 0 else "Council pier vote",
                text=f"Item {part} {n}. " + " ".join(line for k, line in enumerate(lines) if (n + part + k) % 3)))
                for n in range(7)]))
    finally:
        store.close()
    queries = ["pier", '"said the"', '"the harbour master"', "dock*", "harbour OR e-mail", "headline:harbour",
               "e-mail", '"master\'s report"', "council (vote OR strike)"]
    with psycopg.connect(postgres_url) as conn:
        seqs = [row[0] for row in conn.execute("SELECT seq FROM articles ORDER BY seq")]
        assert seqs[0] // SLICE == 0 and seqs[-1] // SLICE == 9 and len({s // SLICE for s in seqs}) == 4
        for text in queries:
            match = tsquery_text(text)
            for window in (1, 3, 8, 100):
                expected = [row[0] for row in conn.execute(
                    "SELECT seq FROM articles WHERE search_vector @@ to_tsquery('newsgraph', %s) "
                    "ORDER BY seq DESC LIMIT %s", (match, window))]
                assert expected, text
                assert recent_matches(conn, text, match, window) == expected, (text, window)
        assert recent_matches(conn, "pier -vote", tsquery_text("pier -vote"), 5) is None  # the whole index answers
