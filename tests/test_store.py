"""The store, on every backend (SQLite, and PostgreSQL on the session's throwaway server): batches,
duplicates, near-duplicate clusters, search, lookups, stats, template evidence."""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from newsgraph.evidence import SiteObservation
from newsgraph.ingest import dedup
from newsgraph.ingest.furniture import line_key, line_keys, normalise_line, observe_document
from newsgraph.records import (
    CONTRACT_FIELDS,
    Amount,
    AnalysisError,
    Article,
    Entity,
    Event,
    EventParty,
    Failure,
    Quote,
    RecordError,
    Span,
    Speaker,
    Timex,
    from_dict,
)
from newsgraph.store import (
    ArticleEntry,
    BatchResult,
    EvidenceChanged,
    QueryError,
    SearchQuery,
    Store,
    StoreError,
    WriteBatch,
    open_store,
)
from newsgraph.store.sqlite import SQLiteStore, writes
from newsgraph.store.sqlite.fts5 import fts_query
from newsgraph.store.sqlite.migrations import quote_identifier
from newsgraph.store.sqlite.schema import SCHEMA_VERSION

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


def batch(articles: Sequence[Article] = (), failures: Sequence[Failure] = (),
          processed: Sequence[tuple[str, str]] = (), **options) -> WriteBatch:
    return WriteBatch(articles=[ArticleEntry(item) for item in articles], failures=list(failures),
                      processed=list(processed), **options)


def write(store: Store, articles: Sequence[Article] = (), failures: Sequence[Failure] = (),
          processed: Sequence[tuple[str, str]] = (), **options) -> BatchResult:
    return store.write_batch(batch(articles, failures, processed, **options))


def search(store: Store, text: str, **options):
    return store.search(SearchQuery(text=text, **options))


def full_article() -> Article:
    """Every contract field and annotation list filled, with nulls, nested records and every optional shape."""
    return article(
        "full-1",
        PIER,
        url="https://www.harbour.example/news/pier",
        headline="Seaville board votes to rebuild grain pier",
        published="2024-05-16T09:30:00",
        reading_minutes=2,
        byline=("Marta Olenko", "Piet Vries"),
        entities=(
            Entity(start=21, end=29, text="Seaville", label="GPE", name="Seaville", country="XSV"),
            Entity(start=123, end=134, text="Ilse Marten", label="PERSON", name="Ilse Marten", country=None),
        ),
        quotes=(
            Quote(start=140, end=190, text="the work would begin", field="text", kind="indirect",
                  cue=Span(start=135, end=139, text="said"),
                  speaker=Speaker(start=123, end=134, text="Ilse Marten", name="Ilse Marten",
                                  role="Board chair", affiliation="Seaville harbour board"),
                  date="2024-05-16"),
            Quote(start=0, end=10, text="Seaville b", field="headline", kind="headline"),
            Quote(start=200, end=230, text="the pier blocked the channel", kind="indirect",
                  speaker=Speaker(start=180, end=195, text="The cooperative")),
        ),
        dates=(Timex(start=47, end=55, text="Thursday", type="DATE", value="2024-05-16"),),
        amounts=(
            Amount(start=1, end=9, text="EUR3.8bn", value=3.8e9, unit="EUR", approximate=True, kind="money"),
            Amount(start=10, end=14, text="5 t", value=5.0, unit="tonne"),
            Amount(start=20, end=32, text="3 to 5 boats", value=3.0, unit="boat", value_max=5.0, kind="quantity"),
        ),
        events=(
            Event(type="AGREE", mode=None,
                  actor=EventParty(text="The harbour board", name="Seaville harbour board", country="XSV"),
                  recipient=None, date="2024-05-16", amount=0, quote=0,
                  start=0, end=120, text="The harbour board of Seaville voted"),
            Event(type="CONSULT", mode="meeting", actor=EventParty(country="XSV"), recipient=EventParty(),
                  start=121, end=160, text="Board chair Ilse Marten said"),
        ),
        analysis_errors=(AnalysisError(step="coreference", reason="the parser gave up on a long sentence"),),
    )


@pytest.fixture
def db_path(new_database) -> Path | str:
    """The test's database: a SQLite file path, or a PostgreSQL URL (the test runs once for each)."""
    return new_database()


def is_postgresql(db: Path | str) -> bool:
    return isinstance(db, str) and db.startswith("postgresql://")


def writes_module(db: Path | str):
    """The backend's batch-writing module, whose `_write_article` the fault tests replace."""
    if is_postgresql(db):
        from newsgraph.store.postgresql import writes as postgresql_writes

        return postgresql_writes
    return writes


def schema_version(db: Path | str) -> int:
    if is_postgresql(db):
        from newsgraph.store.postgresql.schema import SCHEMA_VERSION as POSTGRESQL_VERSION

        return POSTGRESQL_VERSION
    return SCHEMA_VERSION


def execute(db: Path | str, sql: str) -> None:
    """Run one statement on the database behind the store's back, committed."""
    if is_postgresql(db):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute(sql)
        return
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(sql)


@pytest.fixture
def store(db_path: Path):
    with open_store(db_path) as opened:
        yield opened


CHILD_TABLES = ("bylines", "entities", "quotes", "dates", "amounts", "events", "analysis_errors")


def table_counts(path: Path | str) -> dict[str, int]:
    tables = ["articles", "article_sources", *CHILD_TABLES, "errors", "processed", "minhash_signatures",
              "minhash_bands"]
    if is_postgresql(path):
        import psycopg

        with psycopg.connect(path, autocommit=True) as conn:
            counts = {name: conn.execute(f"SELECT count(*) FROM {quote_identifier(name)}").fetchone()[0]
                      for name in tables}
            # The quote search index is a column of quotes there: count the rows it finds.
            counts["quotes_fts"] = conn.execute(
                "SELECT count(*) FROM quotes WHERE search_vector @@ to_tsquery('newsgraph', 'work | pier')"
            ).fetchone()[0]
            counts["fts_matches"] = conn.execute(
                "SELECT count(*) FROM articles WHERE search_vector @@ to_tsquery('newsgraph', 'pier | storm | budget')"
            ).fetchone()[0]
        return counts
    tables.append("quotes_fts")
    with sqlite3.connect(path) as conn:
        counts = {name: conn.execute(f"SELECT count(*) FROM {quote_identifier(name)}").fetchone()[0] for name in tables}
        counts["fts_matches"] = conn.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'pier OR storm OR budget'"
        ).fetchone()[0]
    return counts


def places(stored) -> list[tuple[str, str | None, str]]:
    return [(place.source, place.url, place.kind) for place in stored.sources]


class TestWriteBatch:
    def test_new_articles_are_stored_and_counted(self, store: SQLiteStore):
        result = write(store, [article("a1", PIER), article("a2", STORM)])
        assert (result.new, result.duplicates, result.near_duplicates, result.failed) == (2, 0, 0, 0)
        assert result.ids == ["a1", "a2"]
        assert store.stats().articles == 2

    def test_writing_the_same_batch_twice_adds_nothing(self, store: SQLiteStore, db_path: Path):
        same = batch([full_article(), article("a2", STORM)], [Failure("corpus/bad.bin", "binary file")],
                     [("corpus/full-1.txt", "f1"), ("corpus/a2.txt", "f2"), ("corpus/bad.bin", "f3")])
        store.write_batch(same)
        before = table_counts(db_path)
        again = store.write_batch(same)
        assert table_counts(db_path) == before
        assert (again.new, again.duplicates, again.unchanged) == (0, 0, 2)
        assert again.ids == ["full-1", "a2"]

    def test_exact_duplicate_is_not_stored_again_but_its_source_is_remembered(self, store: SQLiteStore):
        write(store, [article("a1", PIER, url="https://harbour.example/pier")])
        # The same body with typographic quotes and re-wrapped lines, from another site.
        copy = article("b7", PIER.replace("'", "\u2019").replace(". ", ".\n"), source="wire/feed.jsonl#3",
                       url="https://wire.example/pier")
        result = write(store, [copy])
        assert (result.new, result.duplicates, result.ids) == (0, 1, ["a1"])
        stored = store.get_article("a1")
        assert places(stored) == [("corpus/a1.txt", "https://harbour.example/pier", "original"),
                                  ("wire/feed.jsonl#3", "https://wire.example/pier", "duplicate")]
        assert store.get_article("b7") is None
        assert store.stats().duplicates_seen == 1

    def test_duplicates_within_one_batch_are_caught(self, store: SQLiteStore):
        result = write(store, [article("a1", PIER), article("a9", PIER, source="other/a9.txt")])
        assert (result.new, result.duplicates, result.ids) == (1, 1, ["a1", "a1"])

    @pytest.mark.parametrize("in_one_batch", [False, True])
    def test_the_stored_copy_is_the_one_whose_source_sorts_first_whatever_the_order(
        self, new_database, in_one_batch: bool
    ):
        first = article("a1", PIER, source="a/pier.txt", url="https://a.example/pier", headline="Pier vote (A)")
        second = article("b1", PIER.replace(". ", ".\n"), source="b/pier.txt", url="https://b.example/pier",
                         headline="Pier vote (B)")
        outcomes = {}
        for name, order in (("a then b", [first, second]), ("b then a", [second, first])):
            with open_store(new_database(name.replace(" ", "-"))) as opened:
                if in_one_batch:
                    write(opened, order)
                else:
                    for item in order:
                        write(opened, [item])
                stored = opened.get_article("a1")
                assert stored is not None, name
                assert opened.get_article("b1") is None, name
                assert opened.stats().articles == 1 and opened.stats().duplicates_seen == 1
                outcomes[name] = (stored.article, places(stored), stored.cluster_id, stored.cluster_size, stored.site)
                # Seeing the replaced copy again is a re-run, not news.
                again = write(opened, [second])
                assert (again.new, again.duplicates, again.unchanged, again.ids) == (0, 0, 1, ["a1"])
        assert outcomes["a then b"] == outcomes["b then a"]
        stored_article, appearances, cluster_id, _, site = outcomes["b then a"]
        assert stored_article == first
        assert appearances == [("a/pier.txt", "https://a.example/pier", "original"),
                               ("b/pier.txt", "https://b.example/pier", "duplicate")]
        assert (cluster_id, site) == ("a1", "a.example")

    def test_a_copy_that_replaces_the_stored_one_reports_it(self, store: SQLiteStore):
        write(store, [article("b1", PIER, source="b/pier.txt")])
        result = write(store, [article("a1", PIER, source="a/pier.txt")])
        assert (result.new, result.duplicates, result.ids) == (1, 1, ["a1"])
        assert [hit.id for hit in search(store, "breakwater")] == ["a1"]  # the old copy left the index

    def test_the_replacing_copy_takes_over_the_cluster_of_the_one_it_replaces(self, store: SQLiteStore):
        # b1 leads a cluster that c1 (a near duplicate) joined; then a1, an exact copy of b1 whose
        # source sorts first, replaces b1. The cluster must still be named by a stored article.
        write(store, [article("b1", PIER, source="b/pier.txt")])
        write(store, [article("c1", PIER + " Reporting by the Coastal Wire desk.", source="c/pier.txt")])
        write(store, [article("a1", PIER, source="a/pier.txt")])
        assert store.get_article("a1").cluster_id == "a1"
        assert store.get_article("c1").cluster_id == "a1"
        assert sorted(store.cluster("c1")) == ["a1", "c1"]
        stats = store.stats()
        assert (stats.clusters, stats.near_duplicate_articles, stats.clusters_with_near_duplicates) == (1, 1, 1)

    def test_near_duplicate_is_stored_and_joins_the_cluster(self, store: SQLiteStore):
        edited = PIER + " Reporting by the Coastal Wire desk."
        result = write(store, [article("a1", PIER), article("a2", edited), article("a3", STORM)])
        assert (result.new, result.near_duplicates) == (3, 1)
        near = store.get_article("a2")
        assert near.cluster_id == "a1" and near.cluster_size == 2
        assert store.get_article("a3").cluster_id == "a3"
        assert store.cluster("a2") == ["a1", "a2"]
        stats = store.stats()
        assert (stats.clusters, stats.near_duplicate_articles, stats.clusters_with_near_duplicates) == (2, 1, 1)

    def test_clusters_persist_across_runs(self, db_path: Path):
        with open_store(db_path) as first_run:
            write(first_run, [article("a1", PIER)])
        with open_store(db_path) as second_run:
            result = write(second_run, [article("z5", PIER.replace("Thursday", "Friday"))])
            assert result.near_duplicates == 1
            assert second_run.get_article("z5").cluster_id == "a1"

    def test_taken_id_with_another_body_is_stored_under_a_suffix(self, store: SQLiteStore):
        write(store, [article("same", PIER)])
        result = write(store, [article("same", STORM, source="corpus/other.txt")])
        expected = f"same-{dedup.body_hash(STORM)[:6]}"
        assert result.renamed == [("same", expected)] and result.ids == [expected]
        assert store.get_article(expected).article.text == STORM
        assert store.get_article(expected).article.id == expected
        assert store.get_article("same").article.text == PIER

    def test_empty_bodies_are_not_duplicates_of_each_other(self, store: SQLiteStore):
        result = write(store, [article("e1", "", headline="Photo: storm"), article("e2", "  ")])
        assert result.new == 2 and result.duplicates == 0
        assert store.get_article("e1").cluster_size == 1
        assert store.get_article("e2").article.text == "  "

    def test_failures_are_recorded_once_and_cleared_when_the_source_succeeds(self, store: SQLiteStore):
        failure = Failure("corpus/a1.txt", "no article text found")
        assert write(store, failures=[failure]).failed == 1
        write(store, failures=[failure])
        assert [(row.reason, row.kind) for row in store.errors()] == [("no article text found", "error")]
        write(store, [article("a1", PIER)])
        assert store.errors() == []

    def test_malformed_article_becomes_a_failure_and_the_rest_is_stored(self, store: SQLiteStore):
        # Records are not checked when made; the store checks what it is given.
        bad_byline = article("bad1", STORM, byline=("Ana", 7))
        not_a_record = article("bad2", BUDGET, entities=({"start": 0, "end": 3, "text": "The"},))
        bad_id = article(5, "A lighthouse keeper retired after forty years.", source="corpus/bad3.txt")
        no_text = article("bad4", None)
        bad_minutes = article("bad5", "The ferry timetable changes in June.", reading_minutes="2")
        result = write(store, [bad_byline, article("a1", PIER), not_a_record, bad_id, no_text, bad_minutes])
        assert (result.new, result.failed, result.ids) == (1, 5, [None, "a1", None, None, None, None])
        reasons = {row.source: row.reason for row in store.errors()}
        assert "byline must be a list of strings" in reasons["corpus/bad1.txt"]
        assert "entities[0]" in reasons["corpus/bad2.txt"]
        assert "field id is int, expected str" in reasons["corpus/bad3.txt"]
        assert "field text is NoneType, expected str" in reasons["corpus/bad4.txt"]
        assert "field reading_minutes is str" in reasons["corpus/bad5.txt"]
        assert all(row.kind == "error" for row in store.errors())
        assert store.get_article("a1").article.text == PIER
        assert store.stats().articles == 1

    def test_an_annotation_value_the_database_cannot_hold_fails_only_its_article(self, store: SQLiteStore):
        # An off-type value inside an annotation record is as malformed as one in the article itself.
        odd = Entity(start=object(), end=3, text="The", label="ORG", name="The board")
        result = write(store, [article("bad", BUDGET, entities=(odd,)), article("a1", PIER)])
        assert (result.new, result.failed, result.ids) == (1, 1, [None, "a1"])
        assert [row.source for row in store.errors()] == ["corpus/bad.txt"]
        assert store.get_article("a1") is not None

    def test_a_failure_mid_batch_leaves_nothing_of_the_batch(self, store: SQLiteStore, db_path: Path, monkeypatch):
        write(store, [article("a1", PIER)], processed=[("corpus/a1.txt", "f1")])
        before = table_counts(db_path)
        module = writes_module(db_path)
        real_write = module._write_article
        calls = []

        def fail_on_second(conn, item, lsh, now, result):
            calls.append(item.entry.article.id)
            if len(calls) == 2:
                raise RuntimeError("disk pulled out")
            return real_write(conn, item, lsh, now, result)

        monkeypatch.setattr(module, "_write_article", fail_on_second)
        with pytest.raises(RuntimeError, match="disk pulled out"):
            write(
                store,
                [full_article(), article("a2", STORM), article("a3", BUDGET)],
                [Failure("corpus/x.txt", "empty")],
                [("corpus/full-1.txt", "f2"), ("corpus/a2.txt", "f3")],
            )
        assert calls == ["full-1", "a2"]
        assert table_counts(db_path) == before
        assert store.seen([("corpus/full-1.txt", "f2")]) == set()
        monkeypatch.undo()
        assert write(store, [article("a2", STORM)]).new == 1  # the store is still usable

    def test_children_are_deleted_with_their_article(self, store: SQLiteStore, db_path: Path):
        write(store, [full_article()])
        assert all(table_counts(db_path)[name] > 0 for name in (*CHILD_TABLES, "quotes_fts"))
        execute(db_path, "DELETE FROM articles WHERE id = 'full-1'")
        counts = table_counts(db_path)
        assert all(counts[name] == 0 for name in (*CHILD_TABLES, "article_sources", "minhash_bands",
                                                   "minhash_signatures", "quotes_fts"))
        assert search(store, "pier") == []

    def test_readonly_store_refuses_writes(self, db_path: Path):
        open_store(db_path).close()
        with open_store(db_path, readonly=True) as reader, pytest.raises(StoreError, match="read-only"):
            write(reader, [article("a1", PIER)])


class TestSeen:
    def test_reports_sources_processed_with_the_same_fingerprint(self, store: SQLiteStore):
        write(store, [article("a1", PIER)], [Failure("corpus/bad.txt", "empty")],
              [("corpus/a1.txt", "aaa"), ("corpus/bad.txt", "bbb")])
        asked = [("corpus/a1.txt", "aaa"), ("corpus/a1.txt", "changed"), ("corpus/bad.txt", "bbb"), ("new.txt", "c")]
        assert store.seen(asked) == {"corpus/a1.txt", "corpus/bad.txt"}
        assert store.seen([("corpus/a1.txt", "changed")]) == set()

    def test_handles_more_pairs_than_one_query_takes(self, store: SQLiteStore):
        pairs = [(f"feed.jsonl#{n}", f"fp{n}") for n in range(1500)]
        write(store, processed=pairs)
        assert len(store.seen(pairs + [("feed.jsonl#1", "other")])) == 1500


class TestGetArticle:
    def test_round_trips_every_contract_field(self, store: SQLiteStore):
        original = full_article()
        write(store, [original])
        stored = store.get_article("full-1")
        assert stored.article == original
        record = stored.to_dict()
        assert list(record)[: len(CONTRACT_FIELDS)] == list(CONTRACT_FIELDS)
        assert {name: record[name] for name in CONTRACT_FIELDS} == original.to_dict()
        assert list(record)[len(CONTRACT_FIELDS):] == ["cluster_id", "cluster_size", "sources", "site", "ingested_at"]
        assert stored.site == "harbour.example"
        assert stored.cluster_id == "full-1" and stored.cluster_size == 1
        assert record["sources"] == [{"source": "corpus/full-1.txt", "url": "https://www.harbour.example/news/pier",
                                      "kind": "original", "seen_at": stored.ingested_at}]

    def test_the_typed_path_round_trips_json_and_refuses_unknown_keys(self, store: SQLiteStore):
        # What the contract JSON says comes back from the store as it went in ...
        data = full_article().to_dict()
        write(store, [Article.from_dict(data)])
        stored = store.get_article("full-1").to_dict()
        assert from_dict(Article, {name: stored[name] for name in CONTRACT_FIELDS}).to_dict() == data
        # ... and a key the contract does not have cannot get in at all.
        with pytest.raises(RecordError, match="unknown field 'confidence'"):
            Article.from_dict({**data, "confidence": 0.93})
        nested = {**data, "dates": [{**data["dates"][0], "anchor": {"published": True}}]}
        with pytest.raises(RecordError, match=r"dates\[0\] has unknown field 'anchor'"):
            Article.from_dict(nested)
        off_type = {**data, "quotes": [{**data["quotes"][0], "start": "7"}]}
        with pytest.raises(RecordError, match=r"quotes\[0\]\.start"):
            Article.from_dict(off_type)

    def test_a_site_given_with_the_entry_wins_over_the_url(self, store: SQLiteStore):
        store.write_batch(WriteBatch(articles=[ArticleEntry(article("a1", PIER, url="https://www.harbour.example/x"),
                                                            site="harbour-gazette")]))
        write(store, [article("a2", STORM, url="https://WWW.Valley.example:8080/y")])
        assert store.get_article("a1").site == "harbour-gazette"
        assert store.get_article("a2").site == "valley.example"

    def test_accepts_a_unique_prefix_of_six_characters(self, store: SQLiteStore):
        write(store, [article("4f2a9c01bb", PIER), article("4f2a9d77aa", STORM)])
        assert store.get_article("4f2a9c").article.id == "4f2a9c01bb"
        assert store.get_article("4f2a9") is None  # shorter than six characters
        assert store.resolve_id("4f2a9d") == "4f2a9d77aa"
        assert store.get_article("nope-nope") is None

    def test_ambiguous_prefix_names_the_matches(self, store: SQLiteStore):
        write(store, [article("abcdef-1", PIER), article("abcdef-2", STORM)])
        with pytest.raises(QueryError, match="abcdef-1, abcdef-2"):
            store.get_article("abcdef")


class TestSearch:
    @pytest.fixture
    def filled(self, store: SQLiteStore) -> SQLiteStore:
        write(
            store,
            [
                article("pier", PIER, headline="Seaville pier vote", published="2024-05-16T09:30:00",
                        url="https://harbour.example/pier"),
                article("storm", STORM, headline="Storm cuts power to valley", published="2024-03-03",
                        source="wire/feed.jsonl#2"),
                article("budget", BUDGET, headline="Parliament passes budget with ammunition reserve",
                        published="2024-03-31T23:10:00", source="wire/feed.jsonl#3"),
                article("undated", "The pier cooperative met again. Nothing was agreed about the channel."),
            ],
        )
        return store

    def ids(self, hits) -> list[str]:
        return [hit.id for hit in hits]

    def test_plain_words_find_articles_with_snippets(self, filled: SQLiteStore):
        hits = search(filled, "reservoir")
        assert self.ids(hits) == ["storm"]
        assert "[reservoir]" in hits[0].snippet
        assert hits[0].headline == "Storm cuts power to valley" and hits[0].source == "wire/feed.jsonl#2"
        assert hits[0].published == "2024-03-03" and hits[0].url is None
        assert search(filled, "reservoir", highlight=("<b>", "</b>"))[0].snippet.count("<b>reservoir</b>") == 1

    def test_a_match_deep_in_a_long_text_is_the_snippet(self, store: SQLiteStore):
        """The snippet shows the match wherever it is: written as typed, as another form of the word,
        or after a word that merely contains the typed letters ("Pierce" before the "pier")."""
        filler = " ".join(f"Paragraph {n} of the council minutes lists routine business." for n in range(60))
        write(store, [article("long", f"Pierce Lee opened the meeting. {filler} The old piers were declared safe "
                                      f"by the harbour master. {filler}")])
        for typed, marked in (("pier", "[piers]"), ("piers", "[piers]"), ('"harbour master"', "[harbour"),
                              ('"harbour master"', "master]"), ("declaring", "[declared]")):
            (hit,) = search(store, typed)
            assert marked in hit.snippet, (typed, hit.snippet)
            assert "Pierce" not in hit.snippet and "opened" not in hit.snippet

    def test_headline_matches_rank_above_body_matches(self, filled: SQLiteStore):
        hits = search(filled, "pier")
        assert self.ids(hits) == ["pier", "undated"]
        assert hits[0].score > hits[1].score

    def test_stemming_finds_other_word_forms(self, filled: SQLiteStore):
        assert self.ids(search(filled, "villages")) == ["storm"]
        assert self.ids(search(filled, "village")) == ["storm"]

    def test_fts_operators_keep_working(self, filled: SQLiteStore):
        assert set(self.ids(search(filled, "reservoir OR parliament"))) == {"storm", "budget"}
        assert self.ids(search(filled, "pier NOT agreement")) == ["undated"]
        assert self.ids(search(filled, '"grain pier"')) == ["pier"]
        assert set(self.ids(search(filled, "reserv*"))) == {"storm", "budget"}
        assert self.ids(search(filled, "headline:ammunition")) == ["budget"]
        assert self.ids(search(filled, "(storm OR budget) AND valley")) == ["storm"]

    def test_minus_word_excludes(self, filled: SQLiteStore):
        assert self.ids(search(filled, "pier -agreement")) == ["undated"]

    def test_punctuation_that_is_fts_syntax_just_works(self, filled: SQLiteStore):
        assert self.ids(search(filled, "U.S. volunteers")) == ["storm"]
        assert self.ids(search(filled, "covid-19")) == ["budget"]
        assert self.ids(search(filled, "reservoir -")) == ["storm"]
        assert self.ids(search(filled, '"grain pier')) == ["pier"]  # unclosed quote
        assert self.ids(search(filled, "NOT")) == ["budget"]  # a lone operator is the word "not"
        assert search(filled, "- ... !") == []

    def test_malformed_query_raises_query_error_with_a_hint(self, filled: SQLiteStore):
        for query in ("(ammunition", "ammunition)", "()"):
            with pytest.raises(QueryError, match="malformed search query.*double quotes"):
                search(filled, query)

    def test_no_typed_query_leaks_an_sqlite_error(self, filled: SQLiteStore):
        pieces = ["pier", "vote", "AND", "OR", "NOT", "NEAR", "(", ")", '"', "*", "-", "^", ":", "headline:",
                  "x:", " ", " ", ".", "'", "+", "{", "}", "\u00e9", "\\", "%", "\x00"]
        rng = random.Random(11)
        for _ in range(3000):
            typed = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 9)))
            try:
                search(filled, typed)
            except QueryError as exc:
                assert "parenthes" in str(exc), typed  # the only thing left to the user to fix

    def test_date_range_is_inclusive_at_any_precision(self, filled: SQLiteStore):
        assert set(self.ids(search(filled, "the", since="2024-03", until="2024-03"))) == {"storm", "budget"}
        assert self.ids(search(filled, "the", until="2024-03-03")) == ["storm"]
        assert self.ids(search(filled, "the", since="2024-05-16")) == ["pier"]
        with pytest.raises(QueryError, match="since must be an ISO 8601 date"):
            search(filled, "the", since="last week")

    def test_source_filter_matches_part_of_the_source_or_the_site(self, filled: SQLiteStore):
        assert set(self.ids(search(filled, "the", source="feed.jsonl"))) == {"storm", "budget"}
        assert self.ids(search(filled, "the", source="harbour.example")) == ["pier"]
        assert search(filled, "the", source="100%") == []

    def test_limit_and_offset_page_through_results(self, filled: SQLiteStore):
        everything = self.ids(search(filled, "the", limit=10))
        assert len(everything) == 4
        assert self.ids(search(filled, "the", limit=2)) + self.ids(search(filled, "the", limit=2, offset=2)) == everything
        for bad in ({"limit": 0}, {"offset": -1}):
            with pytest.raises(QueryError):
                search(filled, "the", **bad)

    def test_readers_work_while_a_writer_holds_a_transaction(self, filled: SQLiteStore, db_path: Path):
        if is_postgresql(db_path):
            import psycopg

            writer = psycopg.connect(db_path, autocommit=True)
            writer.execute("BEGIN")
            has_body = "true"
        else:
            writer = sqlite3.connect(db_path, isolation_level=None)
            writer.execute("BEGIN IMMEDIATE")
            has_body = "1"
        try:
            writer.execute(
                "INSERT INTO articles (id, source, language, text, body_hash, has_body, cluster_id, ingested_at) "
                f"VALUES ('late', 'x.txt', 'en', 'A lighthouse keeper retired.', 'h', {has_body}, 'late', 'now')"
            )
            with open_store(db_path, readonly=True) as reader:
                assert search(reader, "reservoir")[0].id == "storm"
                assert search(reader, "lighthouse") == []  # not committed yet
                writer.execute("COMMIT")
                assert self.ids(search(reader, "lighthouse")) == ["late"]
        finally:
            writer.close()


class TestConcurrency:
    def test_search_runs_while_write_batch_is_mid_transaction(self, db_path: Path, monkeypatch):
        with open_store(db_path) as writer:
            write(writer, [article("pier", PIER)])
            inside, release = threading.Event(), threading.Event()
            module = writes_module(db_path)
            real_write = module._write_article

            def slow_write(conn, item, lsh, now, result):
                real_write(conn, item, lsh, now, result)
                inside.set()
                assert release.wait(10)

            monkeypatch.setattr(module, "_write_article", slow_write)
            outcome: list = []
            thread = threading.Thread(target=lambda: outcome.append(write(writer, [article("storm", STORM)])))
            thread.start()
            try:
                assert inside.wait(10)
                with open_store(db_path, readonly=True) as reader:
                    started = time.monotonic()
                    assert [hit.id for hit in search(reader, "pier")] == ["pier"]
                    assert search(reader, "reservoir") == []  # the open batch is invisible
                    assert time.monotonic() - started < 5  # and did not block the reader (a blocked read would wait out the busy timeout)
            finally:
                release.set()
                thread.join(10)
            assert outcome and outcome[0].new == 1
            monkeypatch.undo()
            assert [hit.id for hit in search(writer, "reservoir")] == ["storm"]

    def test_two_writers_on_one_file_both_commit(self, db_path: Path):
        open_store(db_path).close()
        texts = [PIER, STORM, BUDGET]
        errors: list[BaseException] = []

        def ingest(prefix: str) -> None:
            try:
                with open_store(db_path) as opened:
                    for n in range(10):
                        body = f"{prefix} report {n}. " + texts[n % 3].replace("the", f"the {prefix}{n}")
                        write(opened, [article(f"{prefix}-{n}", body, source=f"{prefix}/{n}.txt")])
            except BaseException as exc:  # collected for the assertion below
                errors.append(exc)

        threads = [threading.Thread(target=ingest, args=(name,)) for name in ("east", "west")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert errors == []
        with open_store(db_path, readonly=True) as reader:
            assert reader.stats().articles == 20

    def test_two_writers_storing_one_body_keep_one_article(self, db_path: Path):
        # The one-article-per-body rule holds across writers, not only within one.
        open_store(db_path).close()
        texts = [PIER, STORM]
        errors: list[BaseException] = []

        def ingest(source: str) -> None:
            try:
                with open_store(db_path) as opened:
                    for n in range(8):
                        body = f"Bulletin {n}. " + texts[n % 2]
                        write(opened, [article(f"{source}-{n}", body, source=f"{source}/{n}.txt")])
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=ingest, args=(name,)) for name in ("east", "west")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert errors == []
        with open_store(db_path, readonly=True) as reader:
            assert reader.stats().articles == 8
            assert reader.stats().duplicates_seen == 8
            # east/ sorts before west/: whichever writer came first, east's copies are the stored ones.
            assert all(reader.get_article(f"east-{n}") is not None for n in range(8))


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
    def test_stats_describe_the_store(self, store: SQLiteStore, db_path):
        write(
            store,
            [article("a1", PIER, published="2024-05-16", url="https://harbour.example/1"),
             article("a2", STORM, published="2023-11-02", language="de"),
             article("a3", PIER, source="wire/copy.txt")],  # sorts after corpus/a1.txt: a1 stays stored
            [Failure("bad.txt", "binary")],
            [("corpus/a1.txt", "f")],
        )
        stats = store.stats()
        assert stats.articles == 2 and stats.duplicates_seen == 1 and stats.errors == 1
        assert stats.languages == {"de": 1, "en": 1}
        assert (stats.published_first, stats.published_last) == ("2023-11-02", "2024-05-16")
        assert stats.sources == 3 and stats.sites == 1 and stats.processed_inputs == 1
        assert stats.schema_version == schema_version(db_path) and stats.db_bytes > 0
        assert (stats.warnings, stats.analysis_errors) == (0, 0)
        assert stats.to_dict()["articles"] == 2

    def test_errors_newest_first_with_limit(self, store: SQLiteStore):
        write(store, failures=[Failure("one.txt", "empty")])
        write(store, failures=[Failure("two.txt", "binary")])
        rows = store.errors(limit=1)
        assert len(rows) == 1 and rows[0].source in {"one.txt", "two.txt"}
        assert {row.source for row in store.errors()} == {"one.txt", "two.txt"}
        with pytest.raises(QueryError):
            store.errors(limit=0)

    def test_errors_say_their_kind(self, store: SQLiteStore):
        analysed = article("a1", PIER, analysis_errors=(AnalysisError(step="events", reason="parser timeout"),))
        write(store, [analysed, article("a2", STORM)], [Failure("bad.txt", "binary")],
              warnings=[Failure("corpus/a2.txt", "3 bytes replaced while decoding")])
        kinds = {(row.source, row.kind): row.reason for row in store.errors()}
        assert kinds == {
            ("bad.txt", "error"): "binary",
            ("corpus/a1.txt", "analysis"): "analysis step events failed: parser timeout",
            ("corpus/a2.txt", "warning"): "3 bytes replaced while decoding",
        }
        stats = store.stats()
        assert (stats.errors, stats.warnings, stats.analysis_errors) == (1, 1, 1)
        assert store.get_article("a1").article.analysis_errors == analysed.analysis_errors


def observation(site: str, *lines: str) -> SiteObservation:
    made = observe_document(site, lines)
    assert made is not None
    return made


MENU = "News | Weather | Tides"
SLOGAN = "Harbour Gazette: the voice of the coast"


class TestTemplateEvidence:
    def test_a_document_counts_once_per_site(self, store: SQLiteStore):
        first = observation("gazette.example", MENU, SLOGAN, "Ferry timetable changes")
        assert store.add_evidence([first]) == {"gazette.example": 1}
        assert store.add_evidence([first]) == {}  # the same document again teaches nothing
        assert store.add_evidence([first, first]) == {}
        evidence = store.evidence("gazette.example", 1)
        assert (evidence.site, evidence.documents, evidence.version) == ("gazette.example", 1, 1)
        # Each line counts under its own key and, where it has one, its shape's (`Harbour <n>: the voice ...`).
        assert set(evidence.counts) == {key for line in (MENU, SLOGAN, "Ferry timetable changes") for key in line_keys(line)}
        assert len(evidence.counts) == 4
        # The same document from another site is that site's evidence.
        assert store.add_evidence([replace(first, site="courier.example")]) == {"courier.example": 1}
        assert store.evidence("gazette.example", 1).documents == 1

    def test_evidence_keeps_the_lines_seen_in_at_least_so_many_documents(self, store: SQLiteStore):
        versions = []
        for topic in ("ferry", "pier", "storm"):
            grown = store.add_evidence([observation("gazette.example", MENU, f"Story about the {topic}")])
            versions.append(grown["gazette.example"])
        grown = store.add_evidence([observation("gazette.example", MENU, SLOGAN)])
        versions.append(grown["gazette.example"])
        assert versions == sorted(versions) and len(set(versions)) == 4  # the version grows with each addition
        frequent = store.evidence("gazette.example", 3)
        assert frequent.documents == 4 and frequent.version == versions[-1]
        assert frequent.counts == {line_key(normalise_line(MENU)): (4, False)}
        every = store.evidence("gazette.example", 1)
        stories = [f"Story about the {topic}" for topic in ("ferry", "pier", "storm")]
        assert set(every.counts) == {key for line in (MENU, SLOGAN, *stories) for key in line_keys(line)}
        assert every.counts[line_key(normalise_line(SLOGAN))] == (1, False)
        unknown = store.evidence("nowhere.example", 1)
        assert (unknown.documents, unknown.version, dict(unknown.counts)) == (0, 0, {})

    def test_evidence_persists_and_batches_count_each_document_once(self, db_path: Path):
        docs = [observation("gazette.example", MENU, f"Story number {word}") for word in ("one", "two")]
        with open_store(db_path) as first_run:
            first_run.add_evidence(docs)
        with open_store(db_path) as second_run:
            second_run.add_evidence(docs + [observation("gazette.example", MENU, "Story number three")])
            evidence = second_run.evidence("gazette.example", 2)
        assert evidence.documents == 3 and evidence.counts == {line_key(normalise_line(MENU)): (3, False)}

    def test_a_batch_cleaned_with_stale_evidence_is_refused_whole(self, store: SQLiteStore, db_path: Path):
        version = store.add_evidence([observation("gazette.example", MENU, "Story about the ferry")])["gazette.example"]
        # Another writer adds evidence after this batch was cleaned with `version`.
        store.add_evidence([observation("gazette.example", MENU, "Story about the pier")])
        before = table_counts(db_path)
        stale = batch([article("a1", PIER, url="https://gazette.example/a1")], [Failure("bad.txt", "binary")],
                      [("corpus/a1.txt", "f1")], evidence_versions={"gazette.example": version})
        with pytest.raises(EvidenceChanged) as raised:
            store.write_batch(stale)
        assert raised.value.sites == {"gazette.example"}
        assert table_counts(db_path) == before
        assert store.seen([("corpus/a1.txt", "f1")]) == set()
        # Cleaned again with the current evidence, it is written.
        current = store.evidence("gazette.example", 1).version
        fresh = replace(stale, evidence_versions={"gazette.example": current})
        assert store.write_batch(fresh).new == 1

    def test_a_site_never_seen_is_at_version_zero(self, store: SQLiteStore):
        assert write(store, [article("a1", PIER)], evidence_versions={"new.example": 0}).new == 1
        with pytest.raises(EvidenceChanged, match="new.example"):
            write(store, [article("a2", STORM)], evidence_versions={"new.example": 1})


class TestOpenStore:
    """Opening SQLite files and URLs (PostgreSQL's are in tests/test_store_postgresql.py)."""

    @pytest.fixture
    def db_path(self, tmp_path: Path) -> Path:
        return tmp_path / "news.db"

    def test_connection_settings(self, store: SQLiteStore):
        conn = store._db.raw
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000

    def test_an_opened_store_is_a_store(self, store: SQLiteStore):
        assert isinstance(store, Store) and isinstance(store, SQLiteStore)
        assert store.location == store.path and store.readonly is False

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
            assert write(memory, [article("m", PIER)]).new == 1

    def test_other_schemes_are_refused(self):
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
            search(closed, "pier")

    def test_quote_identifier(self):
        assert quote_identifier('odd"name') == '"odd""name"'
        with pytest.raises(ValueError):
            quote_identifier("")
