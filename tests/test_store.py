"""The SQLite store: batches, duplicates, near-duplicate clusters, search, lookups, stats."""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from newsgraph.ingest import dedup
from newsgraph.records import CONTRACT_FIELDS, Article, Failure
from newsgraph.store import SCHEMA_VERSION, QueryError, SQLiteStore, StoreError, open_store
from newsgraph.store import sqlite as store_module
from newsgraph.store.query import fts_query
from newsgraph.store.schema import quote_identifier

PIER = (
    "The harbour board of Seaville voted on Thursday to rebuild the old grain pier, ending a "
    "dispute with the fishing cooperative that had lasted for almost four years. Board chair "
    "Ilse Marten said the work would begin in the autumn and take two seasons. The cooperative "
    "had argued that the pier blocked the channel used by smaller boats. Under the agreement the "
    "new pier will be shorter and a second channel will be dredged along the northern breakwater."
)
STORM = (
    "Mountain villages in the eastern valley lost power for most of Sunday after a storm brought "
    "down lines near the reservoir. Engineers from the grid company worked through the night and "
    "the last homes were reconnected early on Monday. The mayor asked residents to check on "
    "elderly neighbours and opened the school gym as a warm shelter for the U.S. volunteers."
)
BUDGET = (
    "The regional parliament passed a budget that raises spending on covid-19 testing and school "
    "repairs. Finance minister Olav Brenn said the ammunition for the next crisis is a full "
    "reserve fund, not new taxes. Opposition members voted against the plan."
)


def article(article_id: str, text: str, **fields) -> Article:
    fields.setdefault("source", f"corpus/{article_id}.txt")
    fields.setdefault("language", "en")
    return Article(id=article_id, text=text, **fields)


def full_article() -> Article:
    """Every annotation list filled, including nulls, nested objects and a key with no column."""
    return article(
        "full-1",
        PIER,
        url="https://www.harbour.example/news/pier",
        headline="Seaville board votes to rebuild grain pier",
        published="2024-05-16T09:30:00",
        reading_minutes=2,
        byline=["Marta Olenko", "Piet Vries"],
        entities=[
            {"start": 21, "end": 29, "text": "Seaville", "label": "GPE", "name": "Seaville", "country": "XSV"},
            {"start": 123, "end": 134, "text": "Ilse Marten", "label": "PERSON", "name": "Ilse Marten",
             "country": None, "confidence": 0.93},
        ],
        quotes=[
            {"start": 140, "end": 190, "text": "the work would begin", "field": "text", "kind": "indirect",
             "cue": {"start": 135, "end": 139, "text": "said"},
             "speaker": {"start": 123, "end": 134, "text": "Ilse Marten", "name": "Ilse Marten",
                         "role": "Board chair", "affiliation": "Seaville harbour board"},
             "date": "2024-05-16"},
            {"start": 0, "end": 10, "text": "Seaville b", "field": "headline", "kind": "headline",
             "cue": None, "speaker": None, "date": None},
        ],
        dates=[{"start": 47, "end": 55, "text": "Thursday", "type": "DATE", "value": "2024-05-16"}],
        amounts=[{"start": 1, "end": 9, "text": "EUR3.8bn", "value": 3.8e9, "unit": "EUR", "approximate": True},
                 {"start": 10, "end": 14, "text": "5 t", "value": 5, "unit": "tonne", "approximate": False}],
        events=[
            {"type": "AGREE", "mode": None,
             "actor": {"text": "The harbour board", "name": "Seaville harbour board", "country": "XSV"},
             "recipient": None, "date": "2024-05-16", "amount": 0, "quote": 0,
             "start": 0, "end": 120, "text": "The harbour board of Seaville voted"},
        ],
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "news.db"


@pytest.fixture
def store(db_path: Path):
    with open_store(db_path) as opened:
        yield opened


def table_counts(path: Path) -> dict[str, int]:
    tables = ["articles", "article_sources", "bylines", "entities", "quotes", "dates", "amounts", "events",
              "errors", "processed", "minhash_signatures", "minhash_bands"]
    with sqlite3.connect(path) as conn:
        counts = {name: conn.execute(f"SELECT count(*) FROM {quote_identifier(name)}").fetchone()[0] for name in tables}
        counts["fts_matches"] = conn.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'pier OR storm OR budget'"
        ).fetchone()[0]
    return counts


class TestWriteBatch:
    def test_new_articles_are_stored_and_counted(self, store: SQLiteStore):
        result = store.write_batch([article("a1", PIER), article("a2", STORM)], [], [])
        assert (result.new, result.duplicates, result.near_duplicates, result.failed) == (2, 0, 0, 0)
        assert result.ids == ["a1", "a2"]
        assert store.stats()["articles"] == 2

    def test_writing_the_same_batch_twice_adds_nothing(self, store: SQLiteStore, db_path: Path):
        batch = ([full_article(), article("a2", STORM)], [Failure("corpus/bad.bin", "binary file")],
                 [("corpus/full-1.txt", "f1"), ("corpus/a2.txt", "f2"), ("corpus/bad.bin", "f3")])
        store.write_batch(*batch)
        before = table_counts(db_path)
        again = store.write_batch(*batch)
        assert table_counts(db_path) == before
        assert (again.new, again.duplicates, again.unchanged) == (0, 0, 2)
        assert again.ids == ["full-1", "a2"]

    def test_exact_duplicate_is_not_stored_again_but_its_source_is_remembered(self, store: SQLiteStore):
        store.write_batch([article("a1", PIER, url="https://harbour.example/pier")], [], [])
        # The same body with typographic quotes and re-wrapped lines, from another site.
        copy = article("b7", PIER.replace("'", "\u2019").replace(". ", ".\n"), source="wire/feed.jsonl#3",
                       url="https://wire.example/pier")
        result = store.write_batch([copy], [], [])
        assert (result.new, result.duplicates, result.ids) == (0, 1, ["a1"])
        stored = store.get_article("a1")
        assert [place["source"] for place in stored["sources"]] == ["corpus/a1.txt", "wire/feed.jsonl#3"]
        assert stored["sources"][1]["url"] == "https://wire.example/pier"
        assert store.get_article("b7") is None
        assert store.stats()["duplicates_seen"] == 1

    def test_duplicates_within_one_batch_are_caught(self, store: SQLiteStore):
        result = store.write_batch([article("a1", PIER), article("a9", PIER, source="other/a9.txt")], [], [])
        assert (result.new, result.duplicates, result.ids) == (1, 1, ["a1", "a1"])

    def test_near_duplicate_is_stored_and_joins_the_cluster(self, store: SQLiteStore):
        edited = PIER + " Reporting by the Coastal Wire desk."
        result = store.write_batch([article("a1", PIER), article("a2", edited), article("a3", STORM)], [], [])
        assert (result.new, result.near_duplicates) == (3, 1)
        near = store.get_article("a2")
        assert near["cluster_id"] == "a1" and near["cluster_size"] == 2
        assert store.get_article("a3")["cluster_id"] == "a3"
        assert store.cluster("a2") == ["a1", "a2"]
        stats = store.stats()
        assert (stats["clusters"], stats["near_duplicate_articles"], stats["clusters_with_near_duplicates"]) == (2, 1, 1)

    def test_clusters_persist_across_runs(self, db_path: Path):
        with open_store(db_path) as first_run:
            first_run.write_batch([article("a1", PIER)], [], [])
        with open_store(db_path) as second_run:
            result = second_run.write_batch([article("z5", PIER.replace("Thursday", "Friday"))], [], [])
            assert result.near_duplicates == 1
            assert second_run.get_article("z5")["cluster_id"] == "a1"

    def test_taken_id_with_another_body_is_stored_under_a_suffix(self, store: SQLiteStore):
        store.write_batch([article("same", PIER)], [], [])
        result = store.write_batch([article("same", STORM, source="corpus/other.txt")], [], [])
        expected = f"same-{dedup.body_hash(STORM)[:6]}"
        assert result.renamed == [("same", expected)] and result.ids == [expected]
        assert store.get_article(expected)["text"] == STORM
        assert store.get_article("same")["text"] == PIER

    def test_empty_bodies_are_not_duplicates_of_each_other(self, store: SQLiteStore):
        result = store.write_batch([article("e1", "", headline="Photo: storm"), article("e2", "  ")], [], [])
        assert result.new == 2 and result.duplicates == 0
        assert store.get_article("e1")["cluster_size"] == 1

    def test_failures_are_recorded_once_and_cleared_when_the_source_succeeds(self, store: SQLiteStore):
        failure = Failure("corpus/a1.txt", "no article text found")
        assert store.write_batch([], [failure], []).failed == 1
        store.write_batch([], [failure], [])
        assert [row["reason"] for row in store.errors()] == ["no article text found"]
        store.write_batch([article("a1", PIER)], [], [])
        assert store.errors() == []

    def test_malformed_article_becomes_a_failure_and_the_rest_is_stored(self, store: SQLiteStore):
        bad_byline = article("bad1", STORM, byline=["Ana", 7])
        bad_value = article("bad2", BUDGET, entities=[{"start": 0, "end": 3, "text": "The", "when": object()}])
        result = store.write_batch([bad_byline, article("a1", PIER), bad_value], [], [])
        assert (result.new, result.failed, result.ids) == (1, 2, [None, "a1", None])
        reasons = {row["source"]: row["reason"] for row in store.errors()}
        assert "byline must be a list of strings" in reasons["corpus/bad1.txt"]
        assert "not JSON" in reasons["corpus/bad2.txt"]

    def test_a_failure_mid_batch_leaves_nothing_of_the_batch(self, store: SQLiteStore, db_path: Path, monkeypatch):
        store.write_batch([article("a1", PIER)], [], [("corpus/a1.txt", "f1")])
        before = table_counts(db_path)
        real_insert = store_module.SQLiteStore._write_article
        calls = []

        def fail_on_second(self, conn, item, now, result):
            calls.append(item.article.id)
            if len(calls) == 2:
                raise RuntimeError("disk pulled out")
            return real_insert(self, conn, item, now, result)

        monkeypatch.setattr(store_module.SQLiteStore, "_write_article", fail_on_second)
        with pytest.raises(RuntimeError, match="disk pulled out"):
            store.write_batch(
                [full_article(), article("a2", STORM), article("a3", BUDGET)],
                [Failure("corpus/x.txt", "empty")],
                [("corpus/full-1.txt", "f2"), ("corpus/a2.txt", "f3")],
            )
        assert table_counts(db_path) == before
        assert store.seen([("corpus/full-1.txt", "f2")]) == set()
        monkeypatch.undo()
        assert store.write_batch([article("a2", STORM)], [], []).new == 1  # the store is still usable

    def test_children_are_deleted_with_their_article(self, store: SQLiteStore, db_path: Path):
        store.write_batch([full_article()], [], [])
        with sqlite3.connect(db_path) as conn:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("DELETE FROM articles WHERE id = 'full-1'")
        counts = table_counts(db_path)
        assert all(counts[name] == 0 for name in ("bylines", "entities", "quotes", "dates", "amounts", "events",
                                                   "article_sources", "minhash_bands", "minhash_signatures"))
        assert store.search("pier") == []

    def test_readonly_store_refuses_writes(self, db_path: Path):
        open_store(db_path).close()
        with open_store(db_path, readonly=True) as reader, pytest.raises(StoreError, match="read-only"):
            reader.write_batch([article("a1", PIER)], [], [])


class TestSeen:
    def test_reports_sources_processed_with_the_same_fingerprint(self, store: SQLiteStore):
        store.write_batch([article("a1", PIER)], [Failure("corpus/bad.txt", "empty")],
                          [("corpus/a1.txt", "aaa"), ("corpus/bad.txt", "bbb")])
        asked = [("corpus/a1.txt", "aaa"), ("corpus/a1.txt", "changed"), ("corpus/bad.txt", "bbb"), ("new.txt", "c")]
        assert store.seen(asked) == {"corpus/a1.txt", "corpus/bad.txt"}
        assert store.seen([("corpus/a1.txt", "changed")]) == set()

    def test_handles_more_pairs_than_one_query_takes(self, store: SQLiteStore):
        pairs = [(f"feed.jsonl#{n}", f"fp{n}") for n in range(1500)]
        store.write_batch([], [], pairs)
        assert len(store.seen(pairs + [("feed.jsonl#1", "other")])) == 1500


class TestGetArticle:
    def test_round_trips_every_contract_field(self, store: SQLiteStore):
        original = full_article()
        store.write_batch([original], [], [])
        stored = store.get_article("full-1")
        assert {name: stored[name] for name in CONTRACT_FIELDS} == original.to_dict()
        assert stored["site"] == "harbour.example"
        assert stored["cluster_id"] == "full-1" and stored["cluster_size"] == 1
        assert stored["sources"][0]["kind"] == "original"

    def test_unknown_keys_and_off_type_values_are_kept(self, store: SQLiteStore):
        odd = article("odd", PIER, dates=[{"start": "7", "end": 9, "text": "Thursday", "type": "DATE",
                                          "value": "2024-05-16", "anchor": {"published": True}}],
                      quotes=[{"start": 0, "end": 4, "text": "The ", "field": "text", "kind": "direct",
                               "cue": {"start": None, "end": None, "text": None}, "speaker": None, "date": None}])
        store.write_batch([odd], [], [])
        stored = store.get_article("odd")
        assert stored["dates"] == odd.dates
        assert stored["quotes"] == odd.quotes

    def test_accepts_a_unique_prefix_of_six_characters(self, store: SQLiteStore):
        store.write_batch([article("4f2a9c01bb", PIER), article("4f2a9d77aa", STORM)], [], [])
        assert store.get_article("4f2a9c")["id"] == "4f2a9c01bb"
        assert store.get_article("4f2a9") is None  # shorter than six characters
        assert store.resolve_id("4f2a9d") == "4f2a9d77aa"
        assert store.get_article("nope-nope") is None

    def test_ambiguous_prefix_names_the_matches(self, store: SQLiteStore):
        store.write_batch([article("abcdef-1", PIER), article("abcdef-2", STORM)], [], [])
        with pytest.raises(QueryError, match="abcdef-1, abcdef-2"):
            store.get_article("abcdef")


class TestSearch:
    @pytest.fixture
    def filled(self, store: SQLiteStore) -> SQLiteStore:
        store.write_batch(
            [
                article("pier", PIER, headline="Seaville pier vote", published="2024-05-16T09:30:00",
                        url="https://harbour.example/pier"),
                article("storm", STORM, headline="Storm cuts power to valley", published="2024-03-03",
                        source="wire/feed.jsonl#2"),
                article("budget", BUDGET, headline="Parliament passes budget with ammunition reserve",
                        published="2024-03-31T23:10:00", source="wire/feed.jsonl#3"),
                article("undated", "The pier cooperative met again. Nothing was agreed about the channel."),
            ],
            [],
            [],
        )
        return store

    def ids(self, hits) -> list[str]:
        return [hit.id for hit in hits]

    def test_plain_words_find_articles_with_snippets(self, filled: SQLiteStore):
        hits = filled.search("reservoir")
        assert self.ids(hits) == ["storm"]
        assert "[reservoir]" in hits[0].snippet
        assert hits[0].headline == "Storm cuts power to valley" and hits[0].source == "wire/feed.jsonl#2"
        assert filled.search("reservoir", highlight=("<b>", "</b>"))[0].snippet.count("<b>reservoir</b>") == 1

    def test_headline_matches_rank_above_body_matches(self, filled: SQLiteStore):
        hits = filled.search("pier")
        assert self.ids(hits) == ["pier", "undated"]
        assert hits[0].score > hits[1].score

    def test_stemming_finds_other_word_forms(self, filled: SQLiteStore):
        assert self.ids(filled.search("villages")) == ["storm"]
        assert self.ids(filled.search("village")) == ["storm"]

    def test_fts_operators_keep_working(self, filled: SQLiteStore):
        assert set(self.ids(filled.search("reservoir OR parliament"))) == {"storm", "budget"}
        assert self.ids(filled.search("pier NOT agreement")) == ["undated"]
        assert self.ids(filled.search('"grain pier"')) == ["pier"]
        assert set(self.ids(filled.search("reserv*"))) == {"storm", "budget"}
        assert self.ids(filled.search("headline:ammunition")) == ["budget"]
        assert self.ids(filled.search("(storm OR budget) AND valley")) == ["storm"]

    def test_minus_word_excludes(self, filled: SQLiteStore):
        assert self.ids(filled.search("pier -agreement")) == ["undated"]

    def test_punctuation_that_is_fts_syntax_just_works(self, filled: SQLiteStore):
        assert self.ids(filled.search("U.S. volunteers")) == ["storm"]
        assert self.ids(filled.search("covid-19")) == ["budget"]
        assert self.ids(filled.search("reservoir -")) == ["storm"]
        assert self.ids(filled.search('"grain pier')) == ["pier"]  # unclosed quote
        assert self.ids(filled.search("NOT")) == ["budget"]  # a lone operator is the word "not"
        assert filled.search("- ... !") == []

    def test_malformed_query_raises_query_error_with_a_hint(self, filled: SQLiteStore):
        for query in ("(ammunition", "ammunition)", "()"):
            with pytest.raises(QueryError, match="malformed search query.*double quotes"):
                filled.search(query)

    def test_no_typed_query_leaks_an_sqlite_error(self, filled: SQLiteStore):
        pieces = ["pier", "vote", "AND", "OR", "NOT", "NEAR", "(", ")", '"', "*", "-", "^", ":", "headline:",
                  "x:", " ", " ", ".", "'", "+", "{", "}", "\u00e9", "\\", "%", "\x00"]
        rng = random.Random(11)
        for _ in range(3000):
            typed = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 9)))
            try:
                filled.search(typed)
            except QueryError as exc:
                assert "parenthes" in str(exc), typed  # the only thing left to the user to fix

    def test_date_range_is_inclusive_at_any_precision(self, filled: SQLiteStore):
        assert set(self.ids(filled.search("the", since="2024-03", until="2024-03"))) == {"storm", "budget"}
        assert self.ids(filled.search("the", until="2024-03-03")) == ["storm"]
        assert self.ids(filled.search("the", since="2024-05-16")) == ["pier"]
        with pytest.raises(QueryError, match="since must be an ISO 8601 date"):
            filled.search("the", since="last week")

    def test_source_filter_matches_part_of_the_source_or_the_site(self, filled: SQLiteStore):
        assert set(self.ids(filled.search("the", source="feed.jsonl"))) == {"storm", "budget"}
        assert self.ids(filled.search("the", source="harbour.example")) == ["pier"]
        assert filled.search("the", source="100%") == []

    def test_limit_and_offset_page_through_results(self, filled: SQLiteStore):
        everything = self.ids(filled.search("the", limit=10))
        assert len(everything) == 4
        assert self.ids(filled.search("the", limit=2)) + self.ids(filled.search("the", limit=2, offset=2)) == everything
        with pytest.raises(QueryError):
            filled.search("the", limit=0)

    def test_readers_work_while_a_writer_holds_a_transaction(self, filled: SQLiteStore, db_path: Path):
        writer = sqlite3.connect(db_path, isolation_level=None)
        try:
            writer.execute("BEGIN IMMEDIATE")
            writer.execute(
                "INSERT INTO articles (id, source, language, text, body_hash, cluster_id, ingested_at) "
                "VALUES ('late', 'x.txt', 'en', 'A lighthouse keeper retired.', 'h', 'late', 'now')"
            )
            with open_store(db_path, readonly=True) as reader:
                assert reader.search("reservoir")[0].id == "storm"
                assert reader.search("lighthouse") == []  # not committed yet
                writer.execute("COMMIT")
                assert self.ids(reader.search("lighthouse")) == ["late"]
        finally:
            writer.close()


class TestConcurrency:
    def test_search_runs_while_write_batch_is_mid_transaction(self, db_path: Path, monkeypatch):
        with open_store(db_path) as writer:
            writer.write_batch([article("pier", PIER)], [], [])
            inside, release = threading.Event(), threading.Event()
            real_write = store_module.SQLiteStore._write_article

            def slow_write(self, conn, item, now, result):
                real_write(self, conn, item, now, result)
                inside.set()
                assert release.wait(10)

            monkeypatch.setattr(store_module.SQLiteStore, "_write_article", slow_write)
            outcome: list = []
            thread = threading.Thread(target=lambda: outcome.append(writer.write_batch([article("storm", STORM)], [], [])))
            thread.start()
            try:
                assert inside.wait(10)
                with open_store(db_path, readonly=True) as reader:
                    started = time.monotonic()
                    assert [hit.id for hit in reader.search("pier")] == ["pier"]
                    assert reader.search("reservoir") == []  # the open batch is invisible
                    assert time.monotonic() - started < 2  # and did not block the reader
            finally:
                release.set()
                thread.join(10)
            assert outcome and outcome[0].new == 1
            monkeypatch.undo()
            assert [hit.id for hit in writer.search("reservoir")] == ["storm"]

    def test_two_writers_on_one_file_both_commit(self, db_path: Path):
        open_store(db_path).close()
        texts = [PIER, STORM, BUDGET]
        errors: list[BaseException] = []

        def ingest(prefix: str) -> None:
            try:
                with open_store(db_path) as store:
                    for n in range(10):
                        body = f"{prefix} report {n}. " + texts[n % 3].replace("the", f"the {prefix}{n}")
                        store.write_batch([article(f"{prefix}-{n}", body, source=f"{prefix}/{n}.txt")], [], [])
            except BaseException as exc:  # collected for the assertion below
                errors.append(exc)

        threads = [threading.Thread(target=ingest, args=(name,)) for name in ("east", "west")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert errors == []
        with open_store(db_path, readonly=True) as reader:
            assert reader.stats()["articles"] == 20


class TestFtsQuery:
    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            ("pier vote", "pier vote"),
            ("U.S. pier", '"U.S." pier'),
            ('"grain pier" OR dock*', '"grain pier" OR dock*'),
            ("pier -vote", "pier NOT vote"),
            ("-vote", '"-vote"'),
            ("minister's", '"minister\'s"'),
            ("pier AND NOT vote", "pier NOT vote"),
            ("rock AND", 'rock "AND"'),
            ("headline:pier text:vote", "headline : pier AND text : vote"),
            ("(pier OR dock) vote", "( pier OR dock ) AND vote"),
            ("OR*", '"OR"*'),
            ("author:x", '"author:x"'),
            ('say "hi', 'say "hi"'),
            ("-", None),
        ],
    )
    def test_translation(self, typed: str, expected: str | None):
        assert fts_query(typed) == expected


class TestStatsAndErrors:
    def test_stats_describe_the_store(self, store: SQLiteStore):
        store.write_batch(
            [article("a1", PIER, published="2024-05-16", url="https://harbour.example/1"),
             article("a2", STORM, published="2023-11-02", language="de"),
             article("a3", PIER, source="copy.txt")],
            [Failure("bad.txt", "binary")],
            [("corpus/a1.txt", "f")],
        )
        stats = store.stats()
        assert stats["articles"] == 2 and stats["duplicates_seen"] == 1 and stats["errors"] == 1
        assert stats["languages"] == {"de": 1, "en": 1}
        assert (stats["published_first"], stats["published_last"]) == ("2023-11-02", "2024-05-16")
        assert stats["sources"] == 3 and stats["sites"] == 1 and stats["processed_inputs"] == 1
        assert stats["schema_version"] == SCHEMA_VERSION and stats["db_bytes"] > 0

    def test_errors_newest_first_with_limit(self, store: SQLiteStore):
        store.write_batch([], [Failure("one.txt", "empty")], [])
        store.write_batch([], [Failure("two.txt", "binary")], [])
        rows = store.errors(limit=1)
        assert len(rows) == 1 and rows[0]["source"] in {"one.txt", "two.txt"}
        assert {row["source"] for row in store.errors()} == {"one.txt", "two.txt"}


class TestOpenStore:
    def test_connection_settings(self, store: SQLiteStore):
        conn = store._conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000

    def test_sqlite_urls(self, tmp_path: Path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        with open_store("sqlite:///relative.db") as relative:
            assert relative.path == "relative.db"
        assert (tmp_path / "relative.db").exists()
        absolute = tmp_path / "sub" / "absolute.db"
        absolute.parent.mkdir()
        with open_store(f"sqlite:///{absolute}") as opened:
            assert Path(opened.path) == absolute
        with open_store("sqlite://") as memory:
            assert memory.write_batch([article("m", PIER)], [], []).new == 1

    def test_postgresql_is_recognised_but_not_built(self):
        with pytest.raises(StoreError, match="PostgreSQL support is not built yet"):
            open_store("postgresql://news@localhost/news")
        with pytest.raises(StoreError, match="unsupported database URL"):
            open_store("mysql://localhost/news")

    def test_readonly_needs_an_existing_database(self, tmp_path: Path):
        with pytest.raises(StoreError, match="no newsgraph database"):
            open_store(tmp_path / "missing.db", readonly=True)
        assert not (tmp_path / "missing.db").exists()

    def test_a_file_that_is_not_a_database_is_refused(self, tmp_path: Path):
        junk = tmp_path / "notes.db"
        junk.write_bytes(b"these are my notes, not a database" * 100)
        with pytest.raises(StoreError, match="cannot open .* as a newsgraph database"):
            open_store(junk)

    def test_a_closed_store_says_so(self, db_path: Path):
        closed = open_store(db_path)
        closed.close()
        closed.close()  # closing twice is harmless
        with pytest.raises(StoreError, match="is closed"):
            closed.search("pier")

    def test_quote_identifier(self):
        assert quote_identifier('odd"name') == '"odd""name"'
        with pytest.raises(ValueError):
            quote_identifier("")
